package protocol

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// Phase names one exchange of the protocol: one kind of task the coordinator
// sends and the one kind of answer it collects for it.
type Phase string

// The phases, in the order a study runs them (see the package overview).
const (
	KeyGen           Phase = "keygen"
	ThresholdDeal    Phase = "threshold-deal"
	ThresholdConfirm Phase = "threshold-confirm"
	MomentsCount     Phase = "moments-count"
	Moments          Phase = "moments"
	MomentsDecrypt   Phase = "moments-decrypt"
	MomentsResult    Phase = "moments-result"
	ReshareDeal      Phase = "reshare-deal"
	ReshareKey       Phase = "reshare-key"
	ReshareCommit    Phase = "reshare-commit"
	Train            Phase = "train"
	Score            Phase = "score"
	Decrypt          Phase = "decrypt"
	Endorse          Phase = "endorse"
	Evaluate         Phase = "evaluate"
)

// spec is what the code knows of a phase: the auth kind its answer is
// signed with ("" when nothing is answered) and whether it runs per round.
type spec struct {
	kind     string
	perRound bool
}

var specs = map[Phase]spec{
	KeyGen:           {kind: auth.KindPublicKey},
	ThresholdDeal:    {kind: auth.KindThresholdShare},
	ThresholdConfirm: {kind: auth.KindThresholdKey},
	MomentsCount:     {kind: auth.KindMomentsCount},
	Moments:          {kind: auth.KindMoments},
	MomentsDecrypt:   {kind: auth.KindMomentsShare},
	MomentsResult:    {kind: auth.KindMomentsStandardiser},
	ReshareDeal:      {kind: auth.KindReshareShare, perRound: true},
	ReshareKey:       {kind: auth.KindReshareKey, perRound: true},
	ReshareCommit:    {perRound: true},
	Train:            {kind: auth.KindUpdate, perRound: true},
	Score:            {kind: auth.KindScoreShares, perRound: true},
	Decrypt:          {kind: auth.KindDecryptShare, perRound: true},
	Endorse:          {kind: auth.KindEndorsement, perRound: true},
	Evaluate:         {kind: auth.KindEvaluation, perRound: true},
}

// order is the list of phases; Phases returns a copy.
var order = []Phase{
	KeyGen, ThresholdDeal, ThresholdConfirm,
	MomentsCount, Moments, MomentsDecrypt, MomentsResult,
	ReshareDeal, ReshareKey, ReshareCommit,
	Train, Score, Decrypt, Endorse, Evaluate,
}

// Phases returns every phase of the protocol in the order a study runs
// them. The package overview documents each; a test keeps both lists equal.
func Phases() []Phase { return slices.Clone(order) }

// Kind is the api/auth message kind the phase's answer is signed with, or
// "" for a phase nobody answers (ReshareCommit).
func (p Phase) Kind() string { return specs[p].kind }

// PerRound tells whether the phase runs in (or just before) every training
// round, rather than once at the start of a study.
func (p Phase) PerRound() bool { return specs[p].perRound }

// Valid tells whether p is a phase of the protocol.
func (p Phase) Valid() bool {
	_, ok := specs[p]
	return ok
}

// Of returns the phase a task opens; ok is false for a task that opens
// none (StudyDone ends the study) or an unknown one.
func Of(t *cohortv1.Task) (p Phase, ok bool) {
	switch t.GetKind().(type) {
	case *cohortv1.Task_KeyGen:
		return KeyGen, true
	case *cohortv1.Task_Threshold:
		return ThresholdDeal, true
	case *cohortv1.Task_ThresholdKey:
		return ThresholdConfirm, true
	case *cohortv1.Task_MomentsCount:
		return MomentsCount, true
	case *cohortv1.Task_Moments:
		return Moments, true
	case *cohortv1.Task_MomentsDecrypt:
		return MomentsDecrypt, true
	case *cohortv1.Task_MomentsResult:
		return MomentsResult, true
	case *cohortv1.Task_Reshare:
		return ReshareDeal, true
	case *cohortv1.Task_ReshareKey:
		return ReshareKey, true
	case *cohortv1.Task_ReshareCommit:
		return ReshareCommit, true
	case *cohortv1.Task_Train:
		return Train, true
	case *cohortv1.Task_Score:
		return Score, true
	case *cohortv1.Task_Decrypt:
		return Decrypt, true
	case *cohortv1.Task_Endorse:
		return Endorse, true
	case *cohortv1.Task_Evaluate:
		return Evaluate, true
	}
	return "", false
}

// Round returns the round a task's answer is signed with: the task's own
// round for the phases that run per round, 0 for those that run once
// before round 1.
func Round(t *cohortv1.Task) uint32 {
	switch k := t.GetKind().(type) {
	case *cohortv1.Task_Reshare:
		return k.Reshare.GetRound()
	case *cohortv1.Task_ReshareKey:
		return k.ReshareKey.GetRound()
	case *cohortv1.Task_ReshareCommit:
		return k.ReshareCommit.GetRound()
	case *cohortv1.Task_Train:
		return k.Train.GetRound()
	case *cohortv1.Task_Score:
		return k.Score.GetRound()
	case *cohortv1.Task_Decrypt:
		return k.Decrypt.GetRound()
	case *cohortv1.Task_Endorse:
		return k.Endorse.GetRound()
	case *cohortv1.Task_Evaluate:
		return k.Evaluate.GetRound()
	}
	return 0
}

// Covers checks that a side's step table has a step for every phase and
// none for a name that is not a phase. The coordinator's and the
// participant's tests call it on their tables, so that a phase added here
// cannot be forgotten on either side.
func Covers[V any](steps map[Phase]V) error {
	var missing, unknown []string
	for _, p := range order {
		if _, ok := steps[p]; !ok {
			missing = append(missing, string(p))
		}
	}
	for p := range steps {
		if !p.Valid() {
			unknown = append(unknown, string(p))
		}
	}
	slices.Sort(unknown)
	switch {
	case len(missing) > 0 && len(unknown) > 0:
		return fmt.Errorf("protocol: no step for %s; steps for %s, which are not phases", strings.Join(missing, ", "), strings.Join(unknown, ", "))
	case len(missing) > 0:
		return fmt.Errorf("protocol: no step for %s; add one (see api/protocol's overview of the phase)", strings.Join(missing, ", "))
	case len(unknown) > 0:
		return fmt.Errorf("protocol: steps for %s, which are not phases of api/protocol", strings.Join(unknown, ", "))
	}
	return nil
}
