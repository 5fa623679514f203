package protocol

import (
	"strings"
	"unicode/utf8"
)

// MaxDeclineReason bounds the reason a TaskDecline carries, in bytes: room
// for an error that names a phase, a round, a few hashes and what to do,
// and little for a hostile member to fill the coordinator's log with.
const MaxDeclineReason = 512

// NoConsentedRecords is in the reason of a decline from a member none of
// whose training records has active consent (participant
// ErrNoConsentedRecords): the coordinator then waits for the patients'
// consent to be relayed instead of counting the member as failed.
const NoConsentedRecords = "no training record has active consent"

// DecryptionSetsBound begins the reason of a decline from a share holder
// that has given shares of the aggregate asked for as many distinct
// decryption sets as it may (participant ErrDecryptionSetsBound): the
// coordinator then names it, and says the round must be abandoned if no
// set without it is live.
const DecryptionSetsBound = "the holder's bound on decryption sets of this aggregate is reached"

// DeclineReason is reason cut to at most MaxDeclineReason bytes at a rune
// boundary, with invalid UTF-8 replaced, as a TaskDecline carries it (a
// proto string must be valid UTF-8).
func DeclineReason(reason string) string { return Cut(reason, MaxDeclineReason) }

// Cut is s cut to at most limit bytes (limit at least 3) at a rune
// boundary, ending with an ellipsis if cut, with invalid UTF-8 replaced:
// how a string a member chooses freely is carried or logged without
// letting it fill a log.
func Cut(s string, limit int) string {
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	if len(s) <= limit {
		return s
	}
	const ellipsis = "…"
	cut := limit - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}
