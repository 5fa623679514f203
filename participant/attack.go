package participant

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/cohort-fl/cohort/records"
)

// Attack kinds a participant can be told to play, for demonstrations and for
// evaluating robust aggregation. They are never enabled by default.
const (
	// AttackNone is an honest participant: the zero Attack.
	AttackNone = ""
	// AttackSignFlip sends −Scale·Δ instead of the honest update Δ
	// (Scale defaults to 1).
	AttackSignFlip = "sign-flip"
	// AttackScaling sends Scale·Δ (Scale defaults to 10): an update that
	// outweighs everyone else's in a plain weighted sum.
	AttackScaling = "scaling"
	// AttackNoise replaces the update with Gaussian noise N(0, Sigma²) per
	// value (Sigma defaults to 1).
	AttackNoise = "noise"
	// AttackLabelFlip trains on 1−y for a PoisonFraction of the records
	// (default all of them) and sends the resulting update unchanged.
	AttackLabelFlip = "label-flip"
	// AttackBackdoor plants a feature trigger: a PoisonFraction of the
	// training records (default half) get Features[TriggerFeature] =
	// TriggerValue (default +4, i.e. four standard deviations on standardised
	// features) and label TargetLabel, and the update is scaled by Scale
	// (default 10) to replace the global model rather than nudge it.
	AttackBackdoor = "backdoor"
	// AttackKeyExtraction trains honestly but shapes its upload to try to
	// learn the other hospitals' keys: it adds 2^65 to every coefficient of
	// its ciphertext, the analogue of the c1 + K attack that public-key
	// ciphertexts allowed (issue 11). It poisons nothing, so it is not
	// among AttackKinds; with seeded encryption it must learn nothing beyond
	// the honest sum (TestE2EKeyExtractionLearnsNothing).
	AttackKeyExtraction = "key-extraction"
	// AttackShiftDecryption trains honestly but, as a share holder, adds
	// Scale (default 0.5) to the first value of every decryption share it
	// gives, to move the published model past robust aggregation. It
	// poisons no update, so it is not among AttackKinds; decrypting with
	// redundant sets of holders must catch it
	// (TestHolderShiftingItsDecryptionShareIsCaught).
	AttackShiftDecryption = "shift-decryption"
	// AttackForeignDecryption trains honestly but, as a share holder,
	// binds every decryption share it gives (of a round's aggregate or of
	// the moments sum) to another vector's hash: each share is in its
	// place (its point, a set it was asked for) and its submission names
	// the right aggregate, so only its body says otherwise. It poisons no
	// update, so it is not among AttackKinds. The coordinator must refuse
	// the shares naming the holder and decrypt with the others; taken, they
	// failed the round's decryption naming no one
	// (TestHolderGivingSharesOfAnotherAggregateIsLeftOut).
	AttackForeignDecryption = "foreign-decryption"
	// AttackShiftScores trains honestly but, as a share holder, subtracts
	// Scale (default 10,000) from the reference score in every score share
	// it gives of the first other contributor's update, to frame that
	// honest hospital: its cosine with the reference turns negative, its
	// estimated norm grows to thousands of times the round's median and
	// robust scoring flags it (a strike on chain, suspension at the
	// limit). A shift of 1000 made the norm only about 450 times the
	// median, which in a round of five (Threshold(5) = 6.96 spreads of the
	// log norms) an honest spread sometimes hid. It
	// poisons no update, so it is not among AttackKinds; decrypting the
	// scores with redundant sets of holders must catch it
	// (TestHolderShiftingItsScoreSharesIsCaught).
	AttackShiftScores = "shift-scores"
	// AttackInflateSamples trains and sends an honest update but commits
	// Scale (default 2^40) times its true sample count, to outweigh every
	// other hospital in the sample-weighted aggregate. It poisons no
	// update, so it is not among AttackKinds. A study that binds samples
	// to consent refuses the commitment on chain
	// (TestInflatedSampleCountIsRefused; README "Security notes"). Before
	// round 1 it claims the same count in the moments phase (at most
	// 2^32−1), its moments weighted alike, to set the pooled standardiser;
	// in such a study the coordinator and the hospitals refuse the count
	// (TestInflatedMomentsCountIsRefused).
	AttackInflateSamples = "inflate-samples"
	// AttackWithholdEndorsement trains honestly but, as a share holder,
	// sends its decryption shares without its endorsement of the round's
	// recorded scores (with a non-zero Scale, with a garbled one, which
	// recovers to another signer): the round decrypts, but the chain strikes the
	// members the scores flag only with the study's threshold of
	// endorsements, so with exactly t holders live a flagged colluder
	// would escape its strike. It poisons no update, so it is not among
	// AttackKinds; the coordinator asks other participants in good
	// standing for the missing endorsements
	// (TestWithheldEndorsementStillStrikesTheAttacker).
	AttackWithholdEndorsement = "withhold-endorsement"
	// AttackFalseNoConsent holds consented training records but declines
	// the moments phase's count as having none (protocol
	// NoConsentedRecords), as an honest hospital whose patients have not
	// granted yet does, to hold the study before round 1. It poisons no
	// update, so it is not among AttackKinds. The coordinator cannot tell
	// the claim false (consent may be local, and a hospital relays its own
	// patients' grants), so it waits for such a hospital no longer than
	// the study's consent wait (coordinator.Config.ConsentWait), then stops
	// naming it (TestFalseNoConsentHoldsTheStudyOnlyForTheConsentWait).
	AttackFalseNoConsent = "false-no-consent"
	// AttackMomentsOutOfRange counts its consented training records
	// honestly but adds ⌊q/2⌋ to every coefficient of its encrypted
	// moments' c0 (seeded encryption lets a sender choose c0 freely), so
	// the decrypted sum is no sum of encodable moments and the study's
	// pinned moments sum, the only one holders decrypt, cannot give a
	// pooled standardiser. It poisons no update, so it is not among
	// AttackKinds. The encrypted moments carry no range proof: the
	// coordinator names every contributor as a suspect, the offender
	// among them, and the study cannot start
	// (TestOutOfRangeMomentsStopTheStudyNamingTheContributors).
	AttackMomentsOutOfRange = "moments-out-of-range"
	// AttackOutOfRange trains honestly but uploads a c0 of uniform
	// residues drawn from Seed, round and ciphertext, not an encryption
	// of bounded values: whatever weight the aggregate gives it, the sum
	// decrypts beyond the bound of valid updates and Decrypt refuses it
	// (ErrInconsistentDecryption). Such an upload passes every check of
	// its form (CheckUpdate); it poisons nothing measurable by accuracy,
	// so it is not among AttackKinds. Robust scoring must give it weight
	// zero and flag it; a plain study cannot decrypt a round it is in
	// (TestOutOfRangeUploadIsFlaggedInARobustStudy,
	// TestOutOfRangeUploadStopsAPlainStudy).
	AttackOutOfRange = "out-of-range"
	// AttackInconsistentDealing trains and encrypts honestly under its
	// key share but, in threshold key generation, Shamir-shares another
	// key, not the one behind its public-key share: every aggregate that
	// includes it decrypts to noise and Decrypt refuses it. With a
	// non-zero Scale it deals its own key but shifts the share it deals
	// to the first other holder by one in the lowest coefficient, an
	// error only sets holding that share see. It poisons nothing measurable by
	// accuracy, so it is not among AttackKinds. The dealing check before
	// round 1 must name it (TestInconsistentDealingIsNamedBeforeRoundOne).
	// A hospital that joins between rounds deals its own key the same way
	// (its public-key share honest), and the re-sharing's check must name
	// it before the commit (TestLateJoinerDealingIsChecked).
	AttackInconsistentDealing = "inconsistent-dealing"
	// AttackInconsistentResharing deals honestly at key generation but,
	// as a dealer of a re-sharing between rounds, shifts the share it
	// re-deals to the lowest other new holder by one in the lowest
	// coefficient of every key. It poisons nothing measurable by
	// accuracy, so it is not among AttackKinds. The re-sharing's dealing
	// check must refuse to commit it before the old shares are erased
	// (TestInconsistentResharingIsNotCommitted).
	AttackInconsistentResharing = "inconsistent-resharing"
	// AttackShiftDealingCheck deals honestly but, as a share holder, adds
	// Scale (default 0.5) to the first value of every dealing-check share
	// it gives, to have honest hospitals named as inconsistent dealers. It
	// poisons nothing, so it is not among AttackKinds. With spare holders
	// the check names the holder (TestHolderShiftingItsDealingCheckIsNamed);
	// with one decryption set it cannot tell the holder from every dealer
	// and names neither.
	AttackShiftDealingCheck = "shift-dealing-check"
	// AttackFrameDealer deals honestly but, as a share holder, adds Scale
	// (default 0.5) to the first value of every dealing-check share it
	// gives of a check covering one honest hospital's key, the framed
	// one: the lowest-addressed other participant. The bisection then
	// isolates that hospital's key. It poisons nothing, so it is not
	// among AttackKinds. With a spare holder the check fails only in the
	// sets holding the liar; with exactly t holders (one decryption set)
	// it fails in every set, and the verdict names the hospital and the
	// holders as suspects alike, none at fault
	// (TestHolderFramingADealerAtExactlyTHoldersGetsNoOneNamedAtFault).
	AttackFrameDealer = "frame-dealer"
)

// Defaults of the attack parameters, applied by Attack.WithDefaults.
const (
	DefaultSignFlipScale       = 1.0
	DefaultScalingScale        = 10.0
	DefaultNoiseSigma          = 1.0
	DefaultLabelFlipFraction   = 1.0
	DefaultBackdoorScale       = 10.0
	DefaultBackdoorFraction    = 0.5
	DefaultBackdoorTriggerSD   = 4.0
	DefaultBackdoorTargetLabel = 0.0
	DefaultShiftDecryption     = 0.5
	DefaultShiftScores         = 1e4
	DefaultInflateSamplesScale = 1 << 40
)

// ErrInvalidAttack reports an attack that cannot be played: an unknown kind,
// a malformed name, or a parameter out of range.
var ErrInvalidAttack = errors.New("participant: invalid attack")

// AttackKinds returns the attack kinds ParseAttack accepts, in a fixed order.
func AttackKinds() []string {
	return []string{AttackSignFlip, AttackScaling, AttackNoise, AttackLabelFlip, AttackBackdoor, AttackALIE, AttackMinMax, AttackMinSum}
}

// Attack is how a malicious participant corrupts its contribution, for
// demonstrations and for evaluating robust aggregation; the zero value is an
// honest participant. Data attacks (label-flip, backdoor) change the training
// records through PoisonRecords; update attacks (sign-flip, scaling, noise,
// and the backdoor's model-replacement scaling) change the update through
// PoisonUpdate, before it is encrypted. Both are pure functions of the
// attack, its Seed and their input.
//
// A zero Scale, Sigma, TriggerValue or PoisonFraction means the kind's
// default (see WithDefaults); TargetLabel and TriggerFeature default to 0.
// An Attack is a plain value, safe for concurrent use.
type Attack struct {
	// Kind is one of AttackKinds, or AttackNone.
	Kind string `json:"kind"`
	// Scale multiplies the update: by −Scale for sign-flip, Scale for
	// scaling and backdoor.
	Scale float64 `json:"scale,omitempty"`
	// Sigma is the standard deviation of the noise attack.
	Sigma float64 `json:"sigma,omitempty"`
	// TargetLabel is the label (0 or 1) the backdoor trigger forces.
	TargetLabel float64 `json:"target_label,omitempty"`
	// TriggerFeature is the index of the feature the backdoor sets.
	TriggerFeature int `json:"trigger_feature,omitempty"`
	// TriggerValue is the value the trigger sets it to.
	TriggerValue float64 `json:"trigger_value,omitempty"`
	// PoisonFraction is the share of training records a data attack
	// changes, in (0, 1].
	PoisonFraction float64 `json:"poison_fraction,omitempty"`
	// Seed makes the attack's random choices (which records, which noise)
	// reproducible.
	Seed int64 `json:"seed,omitempty"`
	// Perturb is the perturbation direction of min-max and min-sum:
	// PerturbUnit (default) or PerturbStd.
	Perturb string `json:"perturb,omitempty"`
	// Collusion pools the colluders' honest updates for an adaptive attack
	// (ALIE, min-max, min-sum); every colluder's Attack shares one.
	Collusion *Collusion `json:"-"`
}

// ParseAttack returns the attack named name with the kind's defaults. A name
// is a kind, optionally followed by parameters as colon-separated key=value
// pairs: "scaling", "scaling:scale=20", "noise:sigma=0.5",
// "backdoor:feature=9:value=4:target=0:fraction=0.5:scale=10:seed=7",
// "minmax:perturb=std". Keys are scale, sigma, target, feature, value,
// fraction, seed and perturb. "none" (or the empty string) is the honest zero
// Attack. An adaptive attack still needs a Collusion before it is played.
func ParseAttack(name string) (Attack, error) {
	parts := strings.Split(strings.TrimSpace(name), ":")
	kind := strings.ToLower(strings.TrimSpace(parts[0]))
	if kind == "none" {
		kind = AttackNone
	}
	a := Attack{Kind: kind}
	if kind == AttackNone && len(parts) > 1 {
		return Attack{}, fmt.Errorf("%w: %q: an honest participant takes no parameters", ErrInvalidAttack, name)
	}
	for _, p := range parts[1:] {
		key, value, ok := strings.Cut(p, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		if !ok || key == "" || value == "" {
			return Attack{}, fmt.Errorf("%w: %q: parameter %q is not key=value; write e.g. %s:scale=20", ErrInvalidAttack, name, p, kind)
		}
		var err error
		switch key {
		case "scale":
			a.Scale, err = strconv.ParseFloat(value, 64)
		case "sigma":
			a.Sigma, err = strconv.ParseFloat(value, 64)
		case "target":
			a.TargetLabel, err = strconv.ParseFloat(value, 64)
		case "feature":
			a.TriggerFeature, err = strconv.Atoi(value)
		case "value":
			a.TriggerValue, err = strconv.ParseFloat(value, 64)
		case "fraction":
			a.PoisonFraction, err = strconv.ParseFloat(value, 64)
		case "seed":
			a.Seed, err = strconv.ParseInt(value, 10, 64)
		case "perturb":
			a.Perturb = strings.ToLower(value)
		default:
			return Attack{}, fmt.Errorf("%w: %q: unknown parameter %q; use scale, sigma, target, feature, value, fraction, seed or perturb", ErrInvalidAttack, name, key)
		}
		if err != nil {
			return Attack{}, fmt.Errorf("%w: %q: parameter %s: %q is not a number", ErrInvalidAttack, name, key, value)
		}
	}
	if err := a.Validate(); err != nil {
		return Attack{}, err
	}
	return a.WithDefaults(), nil
}

// WithDefaults returns a with every zero parameter its kind uses replaced by
// the kind's default.
func (a Attack) WithDefaults() Attack {
	orDefault := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	switch a.Kind {
	case AttackSignFlip:
		orDefault(&a.Scale, DefaultSignFlipScale)
	case AttackScaling:
		orDefault(&a.Scale, DefaultScalingScale)
	case AttackNoise:
		orDefault(&a.Sigma, DefaultNoiseSigma)
	case AttackLabelFlip:
		orDefault(&a.PoisonFraction, DefaultLabelFlipFraction)
	case AttackBackdoor:
		orDefault(&a.Scale, DefaultBackdoorScale)
		orDefault(&a.PoisonFraction, DefaultBackdoorFraction)
		orDefault(&a.TriggerValue, DefaultBackdoorTriggerSD)
	case AttackMinMax, AttackMinSum:
		if a.Perturb == "" {
			a.Perturb = PerturbUnit
		}
	case AttackShiftDecryption, AttackShiftDealingCheck, AttackFrameDealer:
		orDefault(&a.Scale, DefaultShiftDecryption)
	case AttackShiftScores:
		orDefault(&a.Scale, DefaultShiftScores)
	case AttackInflateSamples:
		orDefault(&a.Scale, DefaultInflateSamplesScale)
	}
	return a
}

// ProtocolAttackKinds are the attacks on the protocol rather than on the
// update: a hospital that trains honestly but crafts what else it sends.
func ProtocolAttackKinds() []string {
	return []string{AttackKeyExtraction, AttackShiftDecryption, AttackForeignDecryption, AttackShiftScores, AttackInflateSamples, AttackWithholdEndorsement, AttackFalseNoConsent,
		AttackMomentsOutOfRange, AttackOutOfRange, AttackInconsistentDealing, AttackInconsistentResharing, AttackShiftDealingCheck, AttackFrameDealer}
}

// Validate reports whether a can be played: a known kind (or AttackNone) and
// parameters in range (zero parameters stand for the defaults). It does not
// know the number of features; BackdoorSuccess and PoisonRecords check
// TriggerFeature against the records.
func (a Attack) Validate() error {
	protocolAttacks := ProtocolAttackKinds()
	if a.Kind != AttackNone && !slices.Contains(protocolAttacks, a.Kind) && !slices.Contains(AttackKinds(), a.Kind) {
		return fmt.Errorf("%w: unknown kind %q; use one of %s", ErrInvalidAttack, a.Kind, strings.Join(append(AttackKinds(), protocolAttacks...), ", "))
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"scale", a.Scale}, {"sigma", a.Sigma}, {"trigger value", a.TriggerValue}, {"poison fraction", a.PoisonFraction}, {"target label", a.TargetLabel}} {
		if math.IsNaN(p.v) || math.IsInf(p.v, 0) {
			return fmt.Errorf("%w: %s %v is not a finite number", ErrInvalidAttack, p.name, p.v)
		}
	}
	switch {
	case a.Scale < 0:
		return fmt.Errorf("%w: scale %v is negative; sign-flip already negates, so give a positive factor", ErrInvalidAttack, a.Scale)
	case a.Sigma < 0:
		return fmt.Errorf("%w: sigma %v is negative; give a standard deviation > 0", ErrInvalidAttack, a.Sigma)
	case a.PoisonFraction < 0 || a.PoisonFraction > 1:
		return fmt.Errorf("%w: poison fraction %v is outside (0, 1]", ErrInvalidAttack, a.PoisonFraction)
	case a.TargetLabel != 0 && a.TargetLabel != 1:
		return fmt.Errorf("%w: target label %v is not 0 or 1", ErrInvalidAttack, a.TargetLabel)
	case a.TriggerFeature < 0:
		return fmt.Errorf("%w: trigger feature %d is negative; give a feature index", ErrInvalidAttack, a.TriggerFeature)
	case a.Perturb != "" && a.Perturb != PerturbUnit && a.Perturb != PerturbStd:
		return fmt.Errorf("%w: perturbation %q is not %s or %s", ErrInvalidAttack, a.Perturb, PerturbUnit, PerturbStd)
	case a.Perturb != "" && a.Kind != AttackMinMax && a.Kind != AttackMinSum:
		return fmt.Errorf("%w: perturb applies to %s and %s only", ErrInvalidAttack, AttackMinMax, AttackMinSum)
	}
	return nil
}

// String names the attack with its effective parameters, for logs and
// reports.
func (a Attack) String() string {
	a = a.WithDefaults()
	switch a.Kind {
	case AttackNone:
		return "none"
	case AttackSignFlip, AttackScaling, AttackInflateSamples, AttackShiftDecryption, AttackShiftScores, AttackShiftDealingCheck, AttackFrameDealer:
		return fmt.Sprintf("%s(scale=%g)", a.Kind, a.Scale)
	case AttackKeyExtraction, AttackFalseNoConsent, AttackMomentsOutOfRange, AttackInconsistentResharing, AttackForeignDecryption:
		return a.Kind + "()"
	case AttackOutOfRange:
		return fmt.Sprintf("%s(seed=%d)", a.Kind, a.Seed)
	case AttackWithholdEndorsement:
		return fmt.Sprintf("%s(garbled=%t)", a.Kind, a.Scale != 0)
	case AttackInconsistentDealing:
		return fmt.Sprintf("%s(shift-one=%t)", a.Kind, a.Scale != 0)
	case AttackNoise:
		return fmt.Sprintf("%s(sigma=%g)", a.Kind, a.Sigma)
	case AttackLabelFlip:
		return fmt.Sprintf("%s(fraction=%g)", a.Kind, a.PoisonFraction)
	case AttackBackdoor:
		return fmt.Sprintf("%s(feature=%d, value=%g, target=%g, fraction=%g, scale=%g)",
			a.Kind, a.TriggerFeature, a.TriggerValue, a.TargetLabel, a.PoisonFraction, a.Scale)
	case AttackALIE:
		return a.Kind + "(z from the colluders' share)"
	case AttackMinMax, AttackMinSum:
		return fmt.Sprintf("%s(perturb=%s)", a.Kind, a.Perturb)
	}
	return fmt.Sprintf("invalid(%q)", a.Kind)
}

// CommittedSamples is the sample count a hospital that trained on n
// records commits: n, or Scale·n under the inflate-samples attack.
func (a Attack) CommittedSamples(n int) uint64 {
	if a.Kind != AttackInflateSamples {
		return uint64(n)
	}
	claimed := float64(n) * a.WithDefaults().Scale
	if claimed >= math.MaxUint64 {
		return math.MaxUint64
	}
	return uint64(claimed)
}

// inflatedMoments is what the inflate-samples attack claims in the moments
// phase: its count claimed (at most the largest count a moments phase
// takes) and its moments of n records weighted as if each stood for
// claimed/n records, so the pooled standardiser tends to its own.
func inflatedMoments(m records.Moments, n int, claimed uint64) (uint64, records.Moments) {
	count := min(claimed, math.MaxUint32)
	k := float64(count) / float64(n)
	out := records.Moments{N: slices.Clone(m.N), Sum: slices.Clone(m.Sum), SumSq: slices.Clone(m.SumSq)}
	for j := range out.N {
		out.N[j] *= k
		out.Sum[j] *= k
		out.SumSq[j] *= k
	}
	return count, out
}

// PoisonRecords returns the training records a data attack trains on:
// label-flip gives a PoisonFraction of them the label 1−y; backdoor sets the
// trigger feature to TriggerValue and the label to TargetLabel on a
// PoisonFraction of them. Which records are changed depends only on Seed and
// their ids, not on their order, so a site poisons the same patients every
// round. Other kinds, an invalid attack, and a backdoor whose TriggerFeature
// is out of range for a record return recs itself. recs is never modified:
// changed records are copies with their own feature slices.
func (a Attack) PoisonRecords(recs []records.Record) []records.Record {
	if !a.poisons(recs) {
		return recs
	}
	a = a.WithDefaults()
	out := slices.Clone(recs)
	for _, i := range a.chosen(recs) {
		r := out[i]
		switch a.Kind {
		case AttackLabelFlip:
			r.Label = 1 - r.Label
		case AttackBackdoor:
			r.Features = slices.Clone(r.Features)
			r.Features[a.TriggerFeature] = a.TriggerValue
			r.Label = a.TargetLabel
		}
		out[i] = r
	}
	return out
}

// PoisonSurvivalRecords is PoisonRecords for a survival model, whose
// records carry an event indicator (Label) and a follow-up time (Time).
// Label-flip inverts the risk ordering the chosen records teach: it mirrors
// their follow-up times within the range of recs, t ↦ t_min + t_max − t,
// and flips their event indicators, d ↦ 1 − d. A comparable pair (i died
// at tᵢ, j was followed longer) becomes j failing first with i still at
// risk whenever j was censored, as most records are, so training learns
// riskⱼ > riskᵢ, the reverse; with the times mirrored alone, censored
// records stay uninformative and a Cox model keeps most of the true order.
// Backdoor sets the trigger
// feature of the chosen records to TriggerValue and gives them the target
// outcome: TargetLabel 0, minimal risk (censored at the longest follow-up
// of recs); TargetLabel 1, maximal risk (an event at the shortest). Other
// kinds return recs itself; recs is never modified.
func (a Attack) PoisonSurvivalRecords(recs []records.Record) []records.Record {
	if !a.poisons(recs) {
		return recs
	}
	a = a.WithDefaults()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range recs {
		lo, hi = min(lo, r.Time), max(hi, r.Time)
	}
	out := slices.Clone(recs)
	for _, i := range a.chosen(recs) {
		r := out[i]
		switch a.Kind {
		case AttackLabelFlip:
			r.Time, r.Label = lo+hi-r.Time, 1-r.Label
		case AttackBackdoor:
			r.Features = slices.Clone(r.Features)
			r.Features[a.TriggerFeature] = a.TriggerValue
			if a.TargetLabel >= 0.5 {
				r.Label, r.Time = 1, lo
			} else {
				r.Label, r.Time = 0, hi
			}
		}
		out[i] = r
	}
	return out
}

// poisons reports whether a is a data attack that changes recs: a valid
// label-flip or backdoor, records to change and, for a backdoor, a trigger
// feature every record has.
func (a Attack) poisons(recs []records.Record) bool {
	if a.Validate() != nil || (a.Kind != AttackLabelFlip && a.Kind != AttackBackdoor) || len(recs) == 0 {
		return false
	}
	if a.Kind == AttackBackdoor {
		for _, r := range recs {
			if a.TriggerFeature >= len(r.Features) {
				return false
			}
		}
	}
	return true
}

// chosen returns the indices of the ⌈PoisonFraction·n⌉ records of recs with
// the smallest keyed hash of (Seed, id, index among equal ids).
func (a Attack) chosen(recs []records.Record) []int {
	n := int(math.Ceil(a.PoisonFraction*float64(len(recs)) - 1e-9))
	n = min(max(n, 0), len(recs))
	if n == len(recs) {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	type keyed struct {
		key uint64
		idx int
	}
	seen := make(map[string]int, len(recs))
	keys := make([]keyed, len(recs))
	for i, r := range recs {
		h := fnv.New64a()
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], uint64(a.Seed))
		h.Write(b[:])
		h.Write([]byte(r.ID))
		binary.BigEndian.PutUint64(b[:], uint64(seen[r.ID]))
		h.Write(b[:])
		seen[r.ID]++
		keys[i] = keyed{key: h.Sum64(), idx: i}
	}
	slices.SortFunc(keys, func(x, y keyed) int {
		if x.key != y.key {
			if x.key < y.key {
				return -1
			}
			return 1
		}
		return x.idx - y.idx
	})
	idx := make([]int, n)
	for i := range idx {
		idx[i] = keys[i].idx
	}
	slices.Sort(idx)
	return idx
}

// PoisonUpdate returns the update an update attack sends in place of the
// honest update: −Scale·Δ (sign-flip), Scale·Δ (scaling, backdoor) or
// Gaussian noise N(0, Sigma²) per value (noise), the noise drawn from Seed
// and the update's bits so that it differs between rounds yet is
// reproducible. Label-flip, an honest or an invalid attack return update
// itself. update is never modified.
func (a Attack) PoisonUpdate(update []float64) []float64 {
	if a.Validate() != nil {
		return update
	}
	a = a.WithDefaults()
	var out []float64
	switch a.Kind {
	case AttackSignFlip:
		out = scaled(update, -a.Scale)
	case AttackScaling, AttackBackdoor:
		out = scaled(update, a.Scale)
	case AttackNoise:
		h := fnv.New64a()
		var b [8]byte
		for _, v := range update {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
			h.Write(b[:])
		}
		rng := rand.New(rand.NewPCG(uint64(a.Seed), h.Sum64()))
		out = make([]float64, len(update))
		for i := range out {
			out[i] = a.Sigma * rng.NormFloat64()
		}
	default:
		return update
	}
	return out
}

func scaled(v []float64, s float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = s * x
	}
	return out
}

// BackdoorRates are the two usual measures of a backdoor against a model,
// both over the test records whose true label is not the target.
type BackdoorRates struct {
	// AttackSuccess is the attack success rate: the share of those records
	// that the model classifies correctly when clean but sends to the
	// target label once triggered. It counts what the trigger does, not
	// the model's own errors; it is what a target on backdoor success is
	// compared with.
	AttackSuccess float64 `json:"attack_success"`
	// Raw is the share of those records whose triggered input is sent to
	// the target label, whatever the clean input gave: it includes the
	// model's own errors on the non-target class.
	Raw float64 `json:"raw"`
	// Records is how many test records the rates are over.
	Records int `json:"records"`
}

// BackdoorSuccess measures a backdoor against a model: among the test
// records whose true label is not a.TargetLabel, the share sent to
// TargetLabel (probability ≥ 0.5 means label 1) once their feature
// TriggerFeature is set to TriggerValue (Raw), and the share of those that
// the model also classifies correctly without the trigger (AttackSuccess).
// predict returns the probability of label 1 for each row. test is not
// modified. It fails with ErrInvalidAttack if a is not a valid backdoor or
// its trigger feature is out of range, and when no test record has the
// other label.
func BackdoorSuccess(predict func([][]float64) ([]float64, error), test []records.Record, a Attack) (BackdoorRates, error) {
	a, idx, triggered, err := a.triggerOthers(test)
	if err != nil {
		return BackdoorRates{}, err
	}
	target := a.TargetLabel >= 0.5
	clean := make([][]float64, len(idx))
	for k, i := range idx {
		clean[k] = test[i].Features
	}
	probs := make([][]float64, 2)
	for i, X := range [][][]float64{clean, triggered} {
		p, err := predict(X)
		if err != nil {
			return BackdoorRates{}, fmt.Errorf("backdoor success: predict: %w", err)
		}
		if len(p) != len(X) {
			return BackdoorRates{}, fmt.Errorf("backdoor success: predict returned %d probabilities for %d records", len(p), len(X))
		}
		probs[i] = p
	}
	var raw, success int
	for i, q := range probs[1] {
		if (q >= 0.5) != target {
			continue
		}
		raw++
		if (probs[0][i] >= 0.5) != target {
			success++
		}
	}
	n := float64(len(clean))
	return BackdoorRates{AttackSuccess: float64(success) / n, Raw: float64(raw) / n, Records: len(clean)}, nil
}

// SurvivalBackdoorSuccess is BackdoorSuccess for a survival model, whose
// "classes" are risk groups: a record is in the high-risk group when the
// model's risk score of its clean features is above cut, the median over
// the clean test records (as cohort model predict splits them). With
// TargetLabel 0 (minimal risk) the records whose label is not the target
// are those with an observed event, which the model should put in the
// high-risk group: AttackSuccess is the share of them in the high-risk
// group when clean and in the low-risk group (at most cut) once triggered,
// Raw the share in the low-risk group once triggered. With TargetLabel 1
// the censored records and the groups swap. risk returns a risk score per
// row (higher: earlier event).
func SurvivalBackdoorSuccess(risk func([][]float64) ([]float64, error), test []records.Record, a Attack) (BackdoorRates, error) {
	a, idx, triggered, err := a.triggerOthers(test)
	if err != nil {
		return BackdoorRates{}, err
	}
	X := make([][]float64, len(test))
	for i, r := range test {
		X[i] = r.Features
	}
	clean, err := risk(X)
	if err != nil {
		return BackdoorRates{}, fmt.Errorf("backdoor success: risk scores: %w", err)
	}
	if len(clean) != len(X) {
		return BackdoorRates{}, fmt.Errorf("backdoor success: %d risk scores for %d records", len(clean), len(X))
	}
	sorted := slices.Clone(clean)
	slices.Sort(sorted)
	cut := sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		cut = (sorted[len(sorted)/2-1] + cut) / 2
	}
	target := a.TargetLabel >= 0.5 // true: the high-risk group
	trig, err := risk(triggered)
	if err != nil {
		return BackdoorRates{}, fmt.Errorf("backdoor success: risk scores: %w", err)
	}
	if len(trig) != len(triggered) {
		return BackdoorRates{}, fmt.Errorf("backdoor success: %d risk scores for %d records", len(trig), len(triggered))
	}
	var raw, success int
	for k, i := range idx {
		if (trig[k] > cut) != target {
			continue
		}
		raw++
		if (clean[i] > cut) != target {
			success++
		}
	}
	n := float64(len(idx))
	return BackdoorRates{AttackSuccess: float64(success) / n, Raw: float64(raw) / n, Records: len(idx)}, nil
}

// triggerOthers checks that a is a valid backdoor and returns it with its
// defaults, the indices of the test records whose label (or event
// indicator) is not its target, and their features with the trigger set.
func (a Attack) triggerOthers(test []records.Record) (Attack, []int, [][]float64, error) {
	if err := a.Validate(); err != nil {
		return a, nil, nil, err
	}
	if a.Kind != AttackBackdoor {
		return a, nil, nil, fmt.Errorf("%w: backdoor success needs a backdoor attack, got %q", ErrInvalidAttack, a.Kind)
	}
	a = a.WithDefaults()
	target := a.TargetLabel >= 0.5
	var idx []int
	var triggered [][]float64
	for i, r := range test {
		if (r.Label >= 0.5) == target {
			continue
		}
		if a.TriggerFeature >= len(r.Features) {
			return a, nil, nil, fmt.Errorf("%w: trigger feature %d is out of range for record %s with %d features", ErrInvalidAttack, a.TriggerFeature, r.ID, len(r.Features))
		}
		x := slices.Clone(r.Features)
		x[a.TriggerFeature] = a.TriggerValue
		idx, triggered = append(idx, i), append(triggered, x)
	}
	if len(idx) == 0 {
		return a, nil, nil, fmt.Errorf("%w: no test record has a label other than the target %g, so backdoor success is undefined; use a test set with both labels", ErrInvalidAttack, a.TargetLabel)
	}
	return a, idx, triggered, nil
}

// keyExtractionShape adds K = 2^65 to every coefficient of an upload's c0
// (AttackKeyExtraction).
func keyExtractionShape(_ int, rows [][]uint64, moduli []uint64) {
	for l, row := range rows {
		q := moduli[l]
		k := new(big.Int).Mod(new(big.Int).Lsh(big.NewInt(1), 65), new(big.Int).SetUint64(q)).Uint64()
		for i, c := range row {
			row[i] = (c + k) % q
		}
	}
}

// halfModulusShape adds ⌊q/2⌋ to every coefficient of an upload's c0, for
// each modulus q (AttackMomentsOutOfRange).
func halfModulusShape(_ int, rows [][]uint64, moduli []uint64) {
	for l, row := range rows {
		q := moduli[l]
		for i, c := range row {
			row[i] = (c + q/2) % q
		}
	}
}

// outOfRangeShape returns the shape of round's upload under
// AttackOutOfRange: every coefficient of c0 replaced by a residue drawn
// uniformly from Seed, round and the ciphertext's index.
func (a Attack) outOfRangeShape(round uint32) func(int, [][]uint64, []uint64) {
	return func(ciphertext int, rows [][]uint64, moduli []uint64) {
		rng := rand.New(rand.NewPCG(uint64(a.Seed), uint64(round)<<32|uint64(ciphertext)))
		for l, row := range rows {
			for i := range row {
				row[i] = rng.Uint64N(moduli[l])
			}
		}
	}
}
