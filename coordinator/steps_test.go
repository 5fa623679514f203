package coordinator

import (
	"crypto/ecdsa"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// Tests of the I/O-free steps: no server, no chain, no store. Each runs a
// step's messages through receive and phase.add, as the driver does.

const stepStudy = 42

// party is a member as the steps see it: an Ethereum key.
type party struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

func newParties(t *testing.T, n int) []party {
	t.Helper()
	out := make([]party, n)
	for i := range out {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		out[i] = party{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
	}
	// Sorted by address, as the coordinator lists members.
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].addr.Cmp(out[i].addr) < 0 {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func addressesOf(ps []party) []common.Address {
	out := make([]common.Address, len(ps))
	for i, p := range ps {
		out[i] = p.addr
	}
	return out
}

func holdersOf(ps []party) []holder {
	out := make([]holder, len(ps))
	for i, p := range ps {
		out[i] = holder{addr: p.addr, point: uint64(i + 1), pub: &p.key.PublicKey}
	}
	return out
}

// deliverTo runs a message through st as the driver does: receive checks
// it, then the answer it returns is recorded.
func deliverTo[M any](st step, receive func(M) (ready, error), msg M) (ready, error) {
	rd, err := receive(msg)
	if err != nil || rd.record == nil {
		return rd, err
	}
	done, err := record(st, rd.record)
	return rd.merge(done), err
}

// sentTo returns the tasks a ready sends, by recipient.
func sentTo(rd ready) map[common.Address][]*cohortv1.Task {
	out := make(map[common.Address][]*cohortv1.Task)
	for _, o := range rd.send {
		out[o.to] = append(out[o.to], o.task)
	}
	return out
}

// TestEveryPhaseHasAStep builds the coordinator's step of every phase of
// api/protocol and checks it collects that phase's answers, signed with
// that phase's kind.
func TestEveryPhaseHasAStep(t *testing.T) {
	ps := newParties(t, 3)
	members := addressesOf(ps)
	cur := holderState{Points: map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2}, NextPoint: 3}
	plan, err := planReshare(stepStudy, 2, cur, 2, members, keysOf(ps), nil, nil)
	require.NoError(t, err)
	dealing := plan.dealers(plan.staying)
	confirm, err := dealing.confirm(nil)
	require.NoError(t, err)
	commit, _ := confirm.commit()
	thresholdConfirm, err := newThresholdDealStep(stepStudy, 2, holdersOf(ps)).finish(common.Hash{})
	require.NoError(t, err)
	run := &momentsRun{study: stepStudy, session: []byte("s")}
	moments, err := run.counting(members).finish()
	require.NoError(t, err)

	steps := map[protocol.Phase]step{
		protocol.KeyGen:           newKeyGenStep(stepStudy, common.Address{}, members),
		protocol.ThresholdDeal:    newThresholdDealStep(stepStudy, 2, holdersOf(ps)),
		protocol.ThresholdConfirm: thresholdConfirm,
		protocol.MomentsCount:     run.counting(members),
		protocol.Moments:          moments,
		protocol.MomentsDecrypt:   mustMomentsDecryptStep(t, 1, &cohortv1.MomentsDecryptTask{}, members, nil, 0, nil),
		protocol.MomentsResult:    newMomentsResultStep(stepStudy, members, &cohortv1.MomentsResultTask{}),
		protocol.ReshareDeal:      dealing,
		protocol.ReshareKey:       confirm,
		protocol.ReshareCommit:    commit,
		protocol.Train:            newTrainStep(stepStudy, &cohortv1.TrainTask{}, members, 1, 1, plainSummer{}, contracts.CommitDomain{}),
		protocol.Score:            mustScoreStep(t, &cohortv1.ScoreTask{}, members, nil, 0, nil),
		protocol.Decrypt:          mustDecryptStep(t, &cohortv1.DecryptTask{}, members, nil, 0, nil),
		protocol.Endorse:          newEndorseStep(stepStudy, &cohortv1.EndorseTask{}, members, 1, contracts.CommitDomain{}),
		protocol.Evaluate:         newEvaluateStep(stepStudy, 1, members, nil, common.Hash{}),
	}
	require.NoError(t, protocol.Covers(steps))
	for name, st := range steps {
		p := st.collecting()
		assert.Equal(t, name, p.name, "the step's phase")
		assert.Equal(t, name.Kind(), p.kind, "%s answers are signed as %q", name, name.Kind())
	}
}

func TestRejoin(t *testing.T) {
	ps := newParties(t, 3)
	done := &cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: stepStudy}}}
	catchUp := &cohortv1.Task{Kind: &cohortv1.Task_MomentsResult{MomentsResult: &cohortv1.MomentsResultTask{}}}
	commit := commitTaskOf(stepStudy, holderState{Epoch: 2, SetHash: common.Hash{2}})
	eval := newEvaluateStep(stepStudy, 2, addressesOf(ps[:2]), committedOf(ps[:2], 10), common.Hash{1})
	eval.start().sent() // as the driver does once it queued them
	_, err := eval.add(ps[0].addr, []byte("{}"))
	require.NoError(t, err)
	require.Len(t, eval.tasks[ps[1].addr], 1)
	asked := eval.tasks[ps[1].addr][0]

	tests := []struct {
		name    string
		who     party
		done    *cohortv1.Task
		catchUp *cohortv1.Task
		holder  bool
		current step
		want    []*cohortv1.Task
	}{
		{"a member that answered gets nothing again", ps[0], nil, nil, false, eval, nil},
		{"a member that did not answer is asked again", ps[1], nil, nil, false, eval, []*cohortv1.Task{asked}},
		{"a member not asked", ps[2], nil, nil, false, eval, nil},
		{"a holder gets the commit it may have missed, first", ps[1], nil, nil, true, eval, []*cohortv1.Task{commit, asked}},
		{"a member that is no holder gets no commit", ps[2], nil, nil, false, nil, nil},
		{"everything, in order", ps[1], done, catchUp, true, eval, []*cohortv1.Task{done, catchUp, commit, asked}},
		{"before any phase", ps[1], nil, catchUp, false, nil, []*cohortv1.Task{catchUp}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, rejoin(tt.who.addr, tt.done, tt.catchUp, commit, tt.holder, tt.current))
		})
	}
}

// A member that joins while the driver makes the chain writes a phase's
// tasks depend on (the round opened) gets the tasks only once they are
// sent: sent earlier, a task named a round its node could not find open,
// and the member refused it (and declined it, ending the phase).
func TestRejoinWaitsForTheTasksToBeSent(t *testing.T) {
	ps := newParties(t, 2)
	train := newTrainStep(stepStudy, &cohortv1.TrainTask{StudyId: stepStudy, Round: 3}, addressesOf(ps), 1, 1, plainSummer{}, contracts.CommitDomain{})
	opening := train.open(false)
	require.NotEmpty(t, opening.chain, "the round is opened first")
	assert.Empty(t, rejoin(ps[0].addr, nil, nil, nil, false, train), "not before the round is open")
	opening.sent()
	require.Len(t, rejoin(ps[0].addr, nil, nil, nil, false, train), 1, "once the tasks went out")
}
