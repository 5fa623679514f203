package aggregation

import "errors"

// Sentinel errors returned (wrapped, with details) by this package. Callers
// branch on them with errors.Is.
var (
	// ErrInvalidConfig reports a Config that cannot be turned into a Scheme.
	ErrInvalidConfig = errors.New("aggregation: invalid configuration")

	// ErrInsecureConfig reports a Config whose modulus is too large for its
	// ring degree to give 128-bit security under the HE standard.
	ErrInsecureConfig = errors.New("aggregation: configuration below 128-bit security")

	// ErrParamsMismatch reports a value produced under other CKKS parameters
	// than the Scheme that is asked to use it.
	ErrParamsMismatch = errors.New("aggregation: value made under different parameters")

	// ErrMalformed reports bytes that do not decode to a well-formed value:
	// wrong magic, type or version, truncated or trailing data, wrong
	// polynomial degree or level, or coefficients outside their modulus.
	ErrMalformed = errors.New("aggregation: malformed encoding")

	// ErrNilArgument reports a nil key, share or vector passed to a method.
	ErrNilArgument = errors.New("aggregation: nil argument")

	// ErrEmptyInput reports an empty vector, an empty list of vectors or an
	// empty list of shares.
	ErrEmptyInput = errors.New("aggregation: empty input")

	// ErrInvalidValue reports a plaintext value that is NaN, infinite or too
	// large for the parameters' headroom.
	ErrInvalidValue = errors.New("aggregation: invalid value")

	// ErrInvalidWeight reports a weight that is negative, NaN or infinite, or
	// a number of weights different from the number of vectors.
	ErrInvalidWeight = errors.New("aggregation: invalid weight")

	// ErrLengthMismatch reports vectors of different lengths, or a share
	// whose shape does not match the aggregate it is applied to.
	ErrLengthMismatch = errors.New("aggregation: length mismatch")

	// ErrLevelMismatch reports a ciphertext at an unexpected level (for
	// example an aggregate passed where a fresh ciphertext is required).
	ErrLevelMismatch = errors.New("aggregation: ciphertext level mismatch")

	// ErrKeyMismatch reports vectors encrypted under different collective
	// keys, or shares bound to a different common reference string.
	ErrKeyMismatch = errors.New("aggregation: key mismatch")

	// ErrDuplicateShare reports two shares from the same party.
	ErrDuplicateShare = errors.New("aggregation: duplicate share")

	// ErrMissingShares reports fewer decryption shares than the access
	// structure requires (every party for n-of-n, t for threshold).
	ErrMissingShares = errors.New("aggregation: missing shares")

	// ErrWrongAggregate reports a decryption share bound to another
	// aggregate than the one being decrypted.
	ErrWrongAggregate = errors.New("aggregation: share bound to another aggregate")

	// ErrInvalidThreshold reports an invalid threshold or Shamir point set:
	// t outside [1, n], a zero point, duplicate points, or an active set that
	// does not match the shares.
	ErrInvalidThreshold = errors.New("aggregation: invalid threshold setting")

	// ErrInvalidReference reports scoring references that cannot be used: a
	// reference update that is empty, zero, non-finite or of the wrong
	// length, a projection count outside its range, or one that would reveal
	// too large a share of an update's dimensions.
	ErrInvalidReference = errors.New("aggregation: invalid scoring reference")

	// ErrScoreMismatch reports a ScoreSet that differs from the one
	// recomputed from the committed update and the public references: the
	// party that proposed it (the coordinator) is faulty or malicious, and
	// no score share must be given for it.
	ErrScoreMismatch = errors.New("aggregation: score set does not match the update and references")

	// ErrWrongScoreSet reports a score share bound to another ScoreSet than
	// the one being decrypted.
	ErrWrongScoreSet = errors.New("aggregation: score share bound to another score set")

	// ErrInconsistentDecryption reports a decryption that cannot be the
	// weighted sum of valid updates: inconsistent key shares, a wrong share
	// or a malformed upload turned it into noise.
	ErrInconsistentDecryption = errors.New("aggregation: decryption is not a weighted sum of valid updates")

	// ErrTooFewContributors reports robust weights that would give a
	// non-zero weight to fewer updates than the policy's minimum: the
	// aggregate would expose an individual update.
	ErrTooFewContributors = errors.New("aggregation: too few trusted contributors")

	// ErrInvalidProof reports a chunk proof that does not lead to the
	// committed root, or opens other chunks than were asked for.
	ErrInvalidProof = errors.New("aggregation: chunk proof does not match the commitment")

	// ErrSpotCheckFailed reports an aggregate whose opened chunks are not
	// the weighted sum of the same chunks of the committed updates, or
	// whose header does not list the round's contributors and weights: the
	// coordinator altered it, and no decryption share must be given for it.
	ErrSpotCheckFailed = errors.New("aggregation: aggregate fails the spot check against the committed updates")
)

// ErrDecryptionsDisagree reports two decryptions of one aggregate, by two
// sets of share holders, that differ by more than their smudging noise: a
// holder in one of the sets sent a wrong share (DecryptChecked).
var ErrDecryptionsDisagree = errors.New("aggregation: decryptions by different sets of holders disagree")

// ErrInconsistentDealing reports a dealing check that does not decrypt to
// a small value: the dealings it covers are not Shamir shares of the
// secrets behind the dealers' public-key shares on that set of holders
// (CheckDealing).
var ErrInconsistentDealing = errors.New("aggregation: a dealer's shares are inconsistent with its public-key share")
