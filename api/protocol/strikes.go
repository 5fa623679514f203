package protocol

import (
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// ScoresCrossChecked tells whether a robust round's scores were decrypted
// by more than one decryption set: the holders' signed score shares in ev
// are for more active points than the study's threshold, so a holder's
// wrong share would have shown as sets that disagree (the coordinator and
// every node that re-derives the flags refuse such scores). Only such
// scores may strike a member on chain: with exactly t holders nothing is
// compared, and one lying holder could have had an honest hospital
// flagged. Flags from a single set still weigh the member zero. It reads
// the first submission only: the nodes that endorse have checked that
// every submission names the same points (participant checkTrust).
func ScoresCrossChecked(ev *cohortv1.TrustEvidence, threshold int) bool {
	subs := ev.GetScoreSubmissions()
	if len(subs) == 0 {
		return false
	}
	var first cohortv1.ScoreSharesSubmission
	if err := proto.Unmarshal(subs[0], &first); err != nil {
		return false
	}
	return len(first.GetActivePoints()) > threshold
}
