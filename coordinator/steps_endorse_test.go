package coordinator

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// The endorse phase takes one valid endorsement of the round's scores hash
// from each participant asked, and is complete once it has the ones
// missing (its quorum), not every one asked: it refuses another study,
// round or scores hash, a malformed or forged signature, a participant not
// asked and a second endorsement, and keeps recording late ones without
// completing twice.
func TestEndorseStep(t *testing.T) {
	ps := newParties(t, 5)
	domain := contracts.CommitDomain{ChainID: big.NewInt(1337), Module: common.Address{0xcc}}
	const round = 4
	scores := common.Hash{0x5c}
	task := &cohortv1.EndorseTask{StudyId: stepStudy, Round: round, ScoresHash: scores.Bytes()}
	asked := addressesOf(ps[:4])
	st := newEndorseStep(stepStudy, task, asked, 2, domain)
	rd := st.start()
	require.Len(t, rd.send, 4)
	assert.Equal(t, task, rd.send[0].task.GetEndorse())

	endorse := func(p party, h common.Hash) *cohortv1.EndorsementSubmission {
		sig, err := contracts.SignEndorsement(p.key, domain, stepStudy, round, h)
		require.NoError(t, err)
		return &cohortv1.EndorsementSubmission{StudyId: stepStudy, Round: round, ScoresHash: scores.Bytes(), Endorsement: sig}
	}
	with := func(sub *cohortv1.EndorsementSubmission, edit func(*cohortv1.EndorsementSubmission)) *cohortv1.EndorsementSubmission {
		c := &cohortv1.EndorsementSubmission{StudyId: sub.StudyId, Round: sub.Round, ScoresHash: sub.ScoresHash, Endorsement: append([]byte(nil), sub.Endorsement...)}
		edit(c)
		return c
	}
	honest := endorse(ps[0], scores)
	refused := []struct {
		name string
		sub  *cohortv1.EndorsementSubmission
		want error
	}{
		{"another study", with(honest, func(s *cohortv1.EndorsementSubmission) { s.StudyId++ }), ErrWrongPhase},
		{"another round", with(honest, func(s *cohortv1.EndorsementSubmission) { s.Round++ }), ErrWrongPhase},
		{"another scores hash named", with(honest, func(s *cohortv1.EndorsementSubmission) { s.ScoresHash = common.Hash{1}.Bytes() }), ErrWrongPhase},
		{"a signature of another scores hash", endorse(ps[0], common.Hash{1}), ErrNotParticipant}, // recovers to a stranger
		{"a short signature", with(honest, func(s *cohortv1.EndorsementSubmission) { s.Endorsement = s.Endorsement[:64] }), ErrMalformed},
		{"an unadjusted V", with(honest, func(s *cohortv1.EndorsementSubmission) { s.Endorsement[64] -= 27 }), ErrMalformed},
		{"a participant not asked", endorse(ps[4], scores), ErrNotParticipant},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := st.receive(tt.sub)
			if err == nil {
				_, err = record(st, rd.record)
			}
			require.ErrorIs(t, err, tt.want)
		})
	}

	rd, err := st.receive(honest)
	require.NoError(t, err)
	assert.Equal(t, ps[0].addr, rd.record.from, "the signer is the sender")
	done, err := record(st, rd.record)
	require.NoError(t, err)
	assert.False(t, done.complete, "one of the two missing")
	rd, err = st.receive(honest)
	require.NoError(t, err)
	_, err = record(st, rd.record)
	require.ErrorIs(t, err, ErrDuplicate, "a participant endorses once")

	rd, err = st.receive(endorse(ps[2], scores))
	require.NoError(t, err)
	done, err = record(st, rd.record)
	require.NoError(t, err)
	assert.True(t, done.complete, "the quorum is in")
	rd, err = st.receive(endorse(ps[1], scores))
	require.NoError(t, err)
	done, err = record(st, rd.record)
	require.NoError(t, err)
	assert.False(t, done.complete, "complete once only: the driver closes its channel once")
	from, _ := st.answers(asked)
	assert.Equal(t, []common.Address{ps[0].addr, ps[1].addr, ps[2].addr}, from)
}

// The coordinator asks the missing endorsements plus a margin of the
// round's connected members in good standing, contributors first, never a
// flagged member or a holder it asked to decrypt.
func TestEndorsersToAsk(t *testing.T) {
	ps := newParties(t, 8)
	a := addressesOf(ps)
	all := map[common.Address]bool{}
	for _, x := range a {
		all[x] = true
	}
	contributors := []common.Address{a[5], a[1], a[6], a[3], a[0]}
	tests := []struct {
		name      string
		need      int
		members   []common.Address
		flagged   []common.Address
		holders   []common.Address
		connected map[common.Address]bool
		want      []common.Address
	}{
		{"none missing", 0, a, nil, nil, all, nil},
		{"contributors first, in their order, need plus 2", 1, a, nil, nil, all, []common.Address{a[5], a[1], a[6]}},
		{"not the flagged nor the holders", 2, a, []common.Address{a[1]}, []common.Address{a[5], a[3]}, all, []common.Address{a[6], a[0], a[2], a[4]}},
		{"then the others by address, connected only", 4, a, nil, []common.Address{a[5], a[1], a[6], a[3]}, map[common.Address]bool{a[0]: true, a[4]: true, a[7]: true}, []common.Address{a[0], a[4], a[7]}},
		{"members in good standing only", 3, a[:4], nil, nil, all, []common.Address{a[1], a[3], a[0], a[2]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, endorsersToAsk(tt.need, contributors, tt.members, tt.flagged, tt.holders, tt.connected))
		})
	}
}
