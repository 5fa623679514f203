package contracts_test

import (
	"crypto/ecdsa"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

func TestPackScoreRoundTrip(t *testing.T) {
	member := common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff")
	tests := []struct {
		name string
		s    contracts.Score
	}{
		{"zero", contracts.Score{Member: common.HexToAddress("0x01")}},
		{"typical", contracts.Score{Member: member, Score: 0.731234, Weight: 0.25, Flagged: false}},
		{"negative flagged", contracts.Score{Member: member, Score: -0.999999, Weight: 0, Flagged: true}},
		{"extremes", contracts.Score{Member: member, Score: -2147.483647, Weight: 4294.967295, Flagged: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := contracts.PackScore(tc.s)
			require.NoError(t, err)
			assert.LessOrEqual(t, w.BitLen(), 232)
			got := contracts.UnpackScore(w)
			assert.Equal(t, tc.s.Member, got.Member)
			assert.Equal(t, tc.s.Flagged, got.Flagged)
			assert.InDelta(t, tc.s.Score, got.Score, 1e-6)
			assert.InDelta(t, tc.s.Weight, got.Weight, 1e-6)
		})
	}
	for _, bad := range []contracts.Score{
		{Score: math.NaN()}, {Score: 3000}, {Score: -3000}, {Weight: -0.1}, {Weight: 5000}, {Weight: math.NaN()},
	} {
		_, err := contracts.PackScore(bad)
		require.ErrorIs(t, err, contracts.ErrInvalidParameter, "%+v", bad)
	}
}

func TestRecordScores(t *testing.T) {
	f := newFixture(t, 4)
	id := f.openStudy(t, 3)
	f.commitAll(t, id, 1, 3)
	scores := []contracts.Score{
		{Member: f.members[0].Address(), Score: 0.9, Weight: 0.5},
		{Member: f.members[1].Address(), Score: 0.8, Weight: 0.5},
		{Member: f.members[2].Address(), Score: -0.4, Weight: 0, Flagged: true},
	}

	tests := []struct {
		name   string
		from   *contracts.Account
		round  uint32
		scores []contracts.Score
		want   error
	}{
		{"not coordinator", f.members[0], 1, scores, contracts.ErrNotCoordinator},
		{"round not open", f.coord, 2, scores, contracts.ErrRoundNotOpen},
		{"empty", f.coord, 1, nil, contracts.ErrInvalidParameter},
		{"duplicate member", f.coord, 1, []contracts.Score{scores[0], scores[0]}, contracts.ErrUnsortedScores},
		{"records", f.coord, 1, scores[:2], nil},
		{"records a second chunk", f.coord, 1, scores[2:], nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.RecordScores(f.ctx, tc.from, id, tc.round, tc.scores)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
		})
	}

	got, err := f.ledger.Scores(f.ctx, id, 1)
	require.NoError(t, err)
	require.Len(t, got, 3)
	byMember := map[common.Address]contracts.Score{}
	for _, s := range got {
		byMember[s.Member] = s
	}
	for _, want := range scores {
		assert.Equal(t, want.Flagged, byMember[want.Member].Flagged)
		assert.InDelta(t, want.Score, byMember[want.Member].Score, 1e-6)
		assert.InDelta(t, want.Weight, byMember[want.Member].Weight, 1e-6)
	}
	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.NotEqual(t, common.Hash{}, r.ScoresHash)

	// The flag gives members[2] no strike by itself: the coordinator's word
	// is not enough.
	p, err := f.ledger.Participant(f.ctx, id, f.members[2].Address())
	require.NoError(t, err)
	assert.Zero(t, p.Strikes)

	// Strikes need the study's threshold (2) of participants in good
	// standing to have endorsed this very scores table.
	d, err := f.ledger.CommitDomain(f.ctx, id)
	require.NoError(t, err)
	endorse := func(k *ecdsa.PrivateKey, scoresHash common.Hash) []byte {
		sig, err := contracts.SignEndorsement(k, d, id, 1, scoresHash)
		require.NoError(t, err)
		return sig
	}
	by := func(signers ...int) map[common.Address][]byte {
		out := map[common.Address][]byte{}
		for _, i := range signers {
			out[f.members[i].Address()] = endorse(f.keys[i], r.ScoresHash)
		}
		return out
	}
	flagged := []common.Address{f.members[2].Address()}
	outsiderKey := newKey(t)
	for _, tc := range []struct {
		name         string
		from         *contracts.Account
		flagged      []common.Address
		endorsements map[common.Address][]byte
		want         error
	}{
		{"not the coordinator", f.members[0], flagged, by(0, 1), contracts.ErrNotAuthorised},
		{"other members than the flagged", f.coord, []common.Address{f.members[1].Address()}, by(0, 1), contracts.ErrInvalidParameter},
		{"none", f.coord, nil, by(0, 1), contracts.ErrInvalidParameter},
		{"one endorsement, threshold 2", f.coord, flagged, by(0), contracts.ErrTooFewEndorsements},
		{"an endorsement of another table", f.coord, flagged, map[common.Address][]byte{
			f.members[0].Address(): endorse(f.keys[0], r.ScoresHash), f.members[1].Address(): endorse(f.keys[1], hash("other")),
		}, contracts.ErrBadEndorsement},
		{"one participant twice", f.coord, flagged, map[common.Address][]byte{
			f.members[0].Address(): endorse(f.keys[0], r.ScoresHash), f.members[1].Address(): endorse(f.keys[0], r.ScoresHash),
		}, contracts.ErrBadEndorsement},
		{"a non-participant", f.coord, flagged, map[common.Address][]byte{
			f.members[0].Address(): endorse(f.keys[0], r.ScoresHash), crypto.PubkeyToAddress(outsiderKey.PublicKey): endorse(outsiderKey, r.ScoresHash),
		}, contracts.ErrBadEndorsement},
		{"endorsed", f.coord, flagged, by(0, 1), nil},
		{"again: struck already", f.coord, flagged, by(0, 1), contracts.ErrNoStrikePending},
	} {
		_, err := f.ledger.ConfirmStrikes(f.ctx, tc.from, id, 1, tc.flagged, tc.endorsements)
		if tc.want != nil {
			require.ErrorIs(t, err, tc.want, tc.name)
			continue
		}
		require.NoError(t, err, tc.name)
	}
	signer, err := contracts.EndorsementSigner(d, id, 1, r.ScoresHash, endorse(f.keys[1], r.ScoresHash))
	require.NoError(t, err)
	assert.Equal(t, f.members[1].Address(), signer)
	unset := endorse(f.keys[1], r.ScoresHash)
	unset[64] -= 27
	for name, sig := range map[string][]byte{"none": nil, "short": unset[:64], "V not 27 or 28": unset} {
		_, err := contracts.EndorsementSigner(d, id, 1, r.ScoresHash, sig)
		require.ErrorIs(t, err, contracts.ErrBadEndorsement, name)
	}

	// The endorsed flag gave members[2] a strike (limit 3: not yet suspended).
	p, err = f.ledger.Participant(f.ctx, id, f.members[2].Address())
	require.NoError(t, err)
	assert.Equal(t, contracts.Participant{Index: 3, Strikes: 1, LastCommittedRound: 1}, p)
	strikes, err := f.ledger.Strikes(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, strikes, 1)
	assert.Equal(t, contracts.StrikeFlagged, strikes[0].Reason)
	assert.Equal(t, f.members[2].Address(), strikes[0].Member)
	assert.Equal(t, r.ScoresHash, strikes[0].Evidence)

	// Scores of a closed round stay readable.
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(3))
	require.NoError(t, err)
	got, err = f.ledger.Scores(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Len(t, got, 3)
	_, err = f.ledger.RecordScores(f.ctx, f.coord, id, 1, scores)
	require.ErrorIs(t, err, contracts.ErrRoundNotOpen, "closed round")
}

// TestStrikesSuspendAndReinstate follows a malicious member from endorsed
// strikes to suspension, a refused commit, and reinstatement by member vote.
func TestStrikesSuspendAndReinstate(t *testing.T) {
	f := newFixture(t, 3) // majority: 2 of 3
	p := f.params()
	p.StrikeLimit = 2
	id := f.studyWith(t, 3, p)
	f.setKey(t, id)
	f.openFirstRound(t, id)
	bad := f.members[2]

	// Round 1: a first strike, endorsed by the other two participants.
	f.strike(t, id, 1, bad.Address(), 0, 1)
	pr, err := f.ledger.Participant(f.ctx, id, bad.Address())
	require.NoError(t, err)
	assert.Equal(t, contracts.Participant{Index: 3, Strikes: 1}, pr)
	f.commitAll(t, id, 1, 2)
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(2))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline())
	require.NoError(t, err)

	// Round 2: the second reaches the limit.
	f.strike(t, id, 2, bad.Address(), 0, 1)
	pr, err = f.ledger.Participant(f.ctx, id, bad.Address())
	require.NoError(t, err)
	assert.Equal(t, contracts.Participant{Index: 3, Strikes: 2, Suspended: true}, pr)
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, uint16(2), s.ActiveParticipants, "a suspended participant is not active")
	assert.Len(t, s.Participants, 3, "but it is still a participant")

	_, err = f.ledger.CommitUpdate(f.ctx, bad, id, 2, commitment(2))
	require.ErrorIs(t, err, contracts.ErrSuspended)

	strikes, err := f.ledger.Strikes(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, strikes, 2)
	r2, err := f.ledger.Round(f.ctx, id, 2)
	require.NoError(t, err)
	assert.Equal(t, contracts.Strike{Member: bad.Address(), Round: 2, Reason: contracts.StrikeFlagged, Evidence: r2.ScoresHash, Strikes: 2, Block: strikes[1].Block}, strikes[1])

	// Members vote to reinstate it: strikes are cleared and it commits again.
	_, _, err = f.ledger.ProposeReinstatement(f.ctx, f.outsider, id, bad.Address())
	require.ErrorIs(t, err, contracts.ErrNotMember)
	pid, _, err := f.ledger.ProposeReinstatement(f.ctx, f.members[0], id, bad.Address())
	require.NoError(t, err)
	executed, _, err := f.ledger.Vote(f.ctx, f.members[1], pid)
	require.NoError(t, err)
	require.True(t, executed)
	pr, err = f.ledger.Participant(f.ctx, id, bad.Address())
	require.NoError(t, err)
	assert.Equal(t, contracts.Participant{Index: 3}, pr)
	s, err = f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, uint16(3), s.ActiveParticipants, "reinstated, it is active again")
	_, err = f.ledger.CommitUpdate(f.ctx, bad, id, 2, commitment(2))
	require.NoError(t, err)
}

func TestAbandonRound(t *testing.T) {
	f := newFixture(t, 3)
	p := f.params()
	p.Rounds = 2
	id, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
	require.NoError(t, err)
	for _, m := range f.members[:2] {
		_, err := f.ledger.JoinStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("pk"))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("m0"), f.deadline())
	require.NoError(t, err)
	f.commitAll(t, id, 1, 1)

	steps := []struct {
		name    string
		from    *contracts.Account
		advance time.Duration
		want    error
	}{
		{"outsider", f.outsider, 0, contracts.ErrNotAuthorised},
		{"member not in the study", f.members[2], 0, contracts.ErrNotAuthorised},
		{"coordinator before the deadline", f.coord, 0, contracts.ErrDeadlineNotPassed},
		{"participant after the deadline, within the grace", f.members[0], 2 * time.Hour, contracts.ErrDeadlineNotPassed},
		{"owner within the grace", f.researcher, 0, contracts.ErrDeadlineNotPassed},
		{"participant after the grace", f.members[1], 25 * time.Hour, nil},
		{"abandon twice", f.coord, 0, contracts.ErrRoundNotOpen},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.advance > 0 {
				require.NoError(t, f.chain.AdvanceTime(s.advance))
			}
			_, err := f.ledger.AbandonRound(f.ctx, s.from, id, 1)
			if s.want != nil {
				require.ErrorIs(t, err, s.want)
				return
			}
			require.NoError(t, err)
		})
	}
	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.True(t, r.Abandoned)
	assert.False(t, r.Open || r.Closed)
	assert.Equal(t, uint32(1), r.Commitments)
	assert.Equal(t, []common.Address{f.members[0].Address()}, r.Committers)
	_, err = f.ledger.CommitUpdate(f.ctx, f.members[1], id, 1, commitment(1))
	require.ErrorIs(t, err, contracts.ErrRoundNotOpen)
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(2))
	require.ErrorIs(t, err, contracts.ErrRoundNotOpen)

	// The round number is used up; round 2 opens, stalls and the coordinator
	// abandons it right after its deadline, which finishes the study.
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("m0"), time.Now().Add(48*time.Hour))
	require.ErrorIs(t, err, contracts.ErrRoundOutOfOrder)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("m0"), time.Now().Add(48*time.Hour))
	require.NoError(t, err)
	require.NoError(t, f.chain.AdvanceTime(49*time.Hour))
	_, err = f.ledger.AbandonRound(f.ctx, f.coord, id, 2)
	require.NoError(t, err)
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.True(t, s.Completed)
	assert.False(t, s.RoundOpen)
}

// TestDisputeAggregate: a participant that refuses a round's aggregate
// records it on chain, once; nobody else can speak for it.
func TestDisputeAggregate(t *testing.T) {
	f := newFixture(t, 3)
	id := f.openStudy(t, 3)
	reporter := f.members[1]
	agg, evidence := hash("aggregate 1"), hash("chunks 3 and 17 differ")
	for _, tc := range []struct {
		name  string
		from  *contracts.Account
		round uint32
		agg   common.Hash
		want  error
	}{
		{"by an outsider", f.outsider, 1, agg, contracts.ErrNotParticipant},
		{"by the coordinator", f.coord, 1, agg, contracts.ErrNotParticipant},
		{"a round never opened", reporter, 2, agg, contracts.ErrRoundNotFound},
		{"no aggregate", reporter, 1, common.Hash{}, contracts.ErrInvalidParameter},
		{"recorded", reporter, 1, agg, nil},
		{"again", reporter, 1, agg, contracts.ErrDuplicateEvidence},
		{"by another participant", f.members[0], 1, agg, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.DisputeAggregate(f.ctx, tc.from, id, tc.round, tc.agg, evidence)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
		})
	}
	disputes, err := f.ledger.Disputes(f.ctx, id)
	require.NoError(t, err)
	require.Len(t, disputes, 2)
	assert.Equal(t, []common.Address{reporter.Address(), f.members[0].Address()}, []common.Address{disputes[0].Reporter, disputes[1].Reporter})
	assert.Equal(t, contracts.Dispute{Reporter: reporter.Address(), Round: 1, Aggregate: agg, Evidence: evidence, Block: disputes[0].Block}, disputes[0])
}

// A coordinator alone cannot strike, and so cannot suspend, an honest
// hospital: a strike is a public accusation, and a suspension shuts the
// hospital out of the study (and, for a committee member, forces a new
// committee draw). Studies once had reportViolation, a strike on the
// coordinator's word with an evidence hash no one could check; it is gone,
// and the call reverts. Flags strike only with the study's threshold of
// endorsements (TestRecordScores).
func TestCoordinatorAloneCannotStrike(t *testing.T) {
	f := newFixture(t, 3)
	id := f.openStudy(t, 3)
	honest := f.members[0].Address()
	// reportViolation(uint64 studyId, uint32 round, address member, bytes32 evidenceHash)
	call := crypto.Keccak256([]byte("reportViolation(uint64,uint32,address,bytes32)"))[:4]
	for _, word := range [][]byte{new(big.Int).SetUint64(id).Bytes(), {1}, honest.Bytes(), hash("made-up evidence").Bytes()} {
		call = append(call, common.LeftPadBytes(word, 32)...)
	}
	require.Error(t, f.ledger.SendToStudies(f.ctx, f.coord, id, call))

	// Nor can it strike with flags no participant endorsed.
	_, err := f.ledger.RecordScores(f.ctx, f.coord, id, 1, []contracts.Score{{Member: honest, Score: -1, Flagged: true}})
	require.NoError(t, err)
	_, err = f.ledger.ConfirmStrikes(f.ctx, f.coord, id, 1, []common.Address{honest}, nil)
	require.ErrorIs(t, err, contracts.ErrTooFewEndorsements)

	p, err := f.ledger.Participant(f.ctx, id, honest)
	require.NoError(t, err)
	assert.Equal(t, contracts.Participant{Index: 1}, p, "no strike")
	strikes, err := f.ledger.Strikes(f.ctx, id)
	require.NoError(t, err)
	assert.Empty(t, strikes)
}

// After the grace period a hospital taking part in the study may abandon
// its stalled round, but not one that left it or that the study
// suspended: either could otherwise throw away a round the coordinator is
// late in closing (closeRound is allowed after the deadline) and its
// hospitals' uploads with it.
func TestAbandonRoundIsNotForFormerOrSuspendedParticipants(t *testing.T) {
	f := newFixture(t, 4)
	p := f.params()
	p.StrikeLimit = 1
	id := f.studyWith(t, 4, p)
	f.setKey(t, id)
	left, suspended, active := f.members[3], f.members[2], f.members[0]
	_, err := f.ledger.LeaveStudy(f.ctx, left, id)
	require.NoError(t, err)
	f.openFirstRound(t, id)
	f.strike(t, id, 1, suspended.Address(), 0, 1)
	pr, err := f.ledger.Participant(f.ctx, id, suspended.Address())
	require.NoError(t, err)
	require.True(t, pr.Suspended)
	require.NoError(t, f.chain.AdvanceTime(25*time.Hour))

	for _, from := range []*contracts.Account{left, suspended} {
		_, err := f.ledger.AbandonRound(f.ctx, from, id, 1)
		require.ErrorIs(t, err, contracts.ErrNotAuthorised, from.Address().Hex())
	}
	_, err = f.ledger.AbandonRound(f.ctx, active, id, 1)
	require.NoError(t, err)
	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.True(t, r.Abandoned)
}
