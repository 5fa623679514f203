package contracts_test

import (
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

func TestDeploy(t *testing.T) {
	f := newFixture(t, 3)

	members, err := f.ledger.Members(f.ctx)
	require.NoError(t, err)
	require.Len(t, members, 3)
	for i, m := range members {
		assert.Equal(t, f.founders[i], m.Member)
		assert.True(t, m.Active)
		assert.WithinDuration(t, time.Now(), m.AdmittedAt, time.Minute)
	}
	ok, err := f.ledger.IsMember(f.ctx, f.members[0].Address())
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = f.ledger.IsMember(f.ctx, f.outsider.Address())
	require.NoError(t, err)
	assert.False(t, ok)
	_, err = f.ledger.Member(f.ctx, f.outsider.Address())
	require.ErrorIs(t, err, contracts.ErrNotMember)

	reopened, err := contracts.Open(f.chain, f.ledger.Address())
	require.NoError(t, err)
	n, err := reopened.StudyCount(f.ctx)
	require.NoError(t, err)
	assert.Zero(t, n)
	_, err = contracts.Open(f.chain, common.Address{})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
}

func TestDeployRejectsBadFounders(t *testing.T) {
	f := newFixture(t, 2)
	good := f.founders[0]
	tests := []struct {
		name     string
		founders []contracts.Member
		want     error
		field    string
	}{
		{"no founders", nil, contracts.ErrInvalidParameter, "founders"},
		{"duplicate", []contracts.Member{good, good}, contracts.ErrDuplicateMember, ""},
		{"zero address", []contracts.Member{{Name: "X", TLSFingerprint: hash("x")}}, contracts.ErrInvalidParameter, "member address"},
		{"empty name", []contracts.Member{{Address: good.Address, TLSFingerprint: hash("x")}}, contracts.ErrInvalidParameter, "member name"},
		{"zero fingerprint", []contracts.Member{{Address: good.Address, Name: "X"}}, contracts.ErrInvalidParameter, "member tlsFingerprint"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := contracts.Deploy(f.ctx, f.chain, f.deployer, tc.founders)
			require.ErrorIs(t, err, tc.want)
			var rev *contracts.RevertError
			require.ErrorAs(t, err, &rev)
			if tc.field != "" {
				assert.Contains(t, rev.Args, `field=`+tc.field)
			}
		})
	}
}

func TestCreateStudy(t *testing.T) {
	f := newFixture(t, 2)
	p := f.params()
	id, r, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
	require.NoError(t, err)
	assert.Equal(t, uint64(1), id)
	assert.NotZero(t, r.Block)
	assert.NotEqual(t, common.Hash{}, r.TxHash)

	// A member may create a study too; ids increase.
	id2, _, err := f.ledger.CreateStudy(f.ctx, f.members[0], p)
	require.NoError(t, err)
	assert.Equal(t, uint64(2), id2)

	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, contracts.Study{ID: 1, Owner: f.researcher.Address(), StudyParams: p, Participants: []common.Address{}, CreatedBlock: r.Block}, s)

	_, err = f.ledger.Study(f.ctx, 99)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
}

func TestCreateStudyRejectsBadParams(t *testing.T) {
	f := newFixture(t, 1)
	tests := []struct {
		field  string
		mutate func(*contracts.StudyParams)
	}{
		{"specHash", func(p *contracts.StudyParams) { p.SpecHash = common.Hash{} }},
		{"purpose", func(p *contracts.StudyParams) { p.Purpose = common.Hash{} }},
		{"rounds", func(p *contracts.StudyParams) { p.Rounds = 0 }},
		{"threshold", func(p *contracts.StudyParams) { p.Threshold = 0 }},
		{"minParticipants", func(p *contracts.StudyParams) { p.MinParticipants = p.Threshold - 1 }},
		{"strikeLimit", func(p *contracts.StudyParams) { p.StrikeLimit = 0 }},
		{"strikeLimit", func(p *contracts.StudyParams) { p.StrikeLimit = 1 << 16 }}, // strikes count in 16 bits
		{"referenceCommitment", func(p *contracts.StudyParams) { p.ReferenceCommitment = common.Hash{} }},
		{"coordinator", func(p *contracts.StudyParams) { p.Coordinator = common.Address{} }},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			p := f.params()
			tc.mutate(&p)
			_, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
			require.ErrorIs(t, err, contracts.ErrInvalidParameter)
			assert.Contains(t, err.Error(), `field=`+tc.field+`)`)
		})
	}
	n, err := f.ledger.StudyCount(f.ctx)
	require.NoError(t, err)
	assert.Zero(t, n, "no refused study may be recorded")
}

func TestJoinStudy(t *testing.T) {
	f := newFixture(t, 3)
	open := f.study(t, 0)
	keyed := f.keyedStudy(t, 2)
	roundOpen := f.openStudy(t, 2)
	tests := []struct {
		name  string
		from  *contracts.Account
		study uint64
		want  error
	}{
		{"member joins", f.members[0], open, nil},
		{"second member joins", f.members[1], open, nil},
		{"joins twice", f.members[0], open, contracts.ErrAlreadyJoined},
		{"outsider", f.outsider, open, contracts.ErrNotMember},
		{"researcher is no member", f.researcher, open, contracts.ErrNotMember},
		{"unknown study", f.members[2], 42, contracts.ErrStudyNotFound},
		{"joins a running study between rounds", f.members[2], keyed, nil},
		{"joins while a round is open", f.members[2], roundOpen, contracts.ErrEnrolmentClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := f.ledger.JoinStudy(f.ctx, tc.from, tc.study)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			assert.NotZero(t, r.GasUsed)
			joined, err := f.ledger.IsParticipant(f.ctx, tc.study, tc.from.Address())
			require.NoError(t, err)
			assert.True(t, joined)
		})
	}
	s, err := f.ledger.Study(f.ctx, open)
	require.NoError(t, err)
	assert.Equal(t, []common.Address{f.members[0].Address(), f.members[1].Address()}, s.Participants)
}

func TestSetPublicKeyHash(t *testing.T) {
	f := newFixture(t, 3)
	tooFew := f.study(t, 1)
	ready := f.study(t, 2)
	locked := f.openStudy(t, 2)
	pk := hash("pk")
	tests := []struct {
		name  string
		from  *contracts.Account
		study uint64
		hash  common.Hash
		want  error
	}{
		{"member is not coordinator", f.members[0], ready, pk, contracts.ErrNotCoordinator},
		{"owner is not coordinator", f.researcher, ready, pk, contracts.ErrNotCoordinator},
		{"unknown study", f.coord, 77, pk, contracts.ErrStudyNotFound},
		{"zero hash", f.coord, ready, common.Hash{}, contracts.ErrInvalidParameter},
		{"too few participants", f.coord, tooFew, pk, contracts.ErrTooFewParticipants},
		{"after first round", f.coord, locked, pk, contracts.ErrPublicKeyLocked},
		{"coordinator sets it", f.coord, ready, pk, nil},
		{"coordinator may replace it before round 1", f.coord, ready, hash("pk2"), nil},
		{"the current key set again", f.coord, ready, hash("pk2"), nil},
		{"a replaced key is never set again", f.coord, ready, pk, contracts.ErrPublicKeyRetired},
		{"a replaced key is retired in its study only", f.coord, f.study(t, 2), pk, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.SetPublicKeyHash(f.ctx, tc.from, tc.study, tc.hash)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			s, err := f.ledger.Study(f.ctx, tc.study)
			require.NoError(t, err)
			assert.Equal(t, tc.hash, s.PublicKeyHash)
		})
	}
}

func TestOpenRound(t *testing.T) {
	f := newFixture(t, 2)
	unkeyed := f.study(t, 2)
	id := f.keyedStudy(t, 2)
	model := hash("model 0")
	tests := []struct {
		name     string
		from     *contracts.Account
		study    uint64
		round    uint32
		model    common.Hash
		deadline time.Time
		want     error
	}{
		{"not coordinator", f.members[0], id, 1, model, f.deadline(), contracts.ErrNotCoordinator},
		{"key not set", f.coord, unkeyed, 1, model, f.deadline(), contracts.ErrPublicKeyNotSet},
		{"round 0", f.coord, id, 0, model, f.deadline(), contracts.ErrRoundOutOfOrder},
		{"skips round 1", f.coord, id, 2, model, f.deadline(), contracts.ErrRoundOutOfOrder},
		{"deadline in the past", f.coord, id, 1, model, time.Now().Add(-time.Hour), contracts.ErrInvalidDeadline},
		{"deadline before 1970", f.coord, id, 1, model, time.Unix(-5, 0), contracts.ErrInvalidDeadline},
		{"zero model", f.coord, id, 1, common.Hash{}, f.deadline(), contracts.ErrInvalidParameter},
		{"opens round 1", f.coord, id, 1, model, f.deadline(), nil},
		{"round 1 again", f.coord, id, 1, model, f.deadline(), contracts.ErrRoundStillOpen},
		{"round 2 while 1 open", f.coord, id, 2, model, f.deadline(), contracts.ErrRoundStillOpen},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.OpenRound(f.ctx, tc.from, tc.study, tc.round, tc.model, tc.deadline)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			r, err := f.ledger.Round(f.ctx, tc.study, tc.round)
			require.NoError(t, err)
			assert.True(t, r.Open)
			assert.False(t, r.Closed)
			assert.Equal(t, tc.model, r.GlobalModel)
			assert.Equal(t, tc.deadline.Unix(), r.Deadline.Unix())
			assert.NotZero(t, r.OpenedBlock)
		})
	}

	// The study runs its two rounds, then refuses a third; Progress follows.
	progress := func() contracts.StudyProgress {
		t.Helper()
		p, err := f.ledger.Progress(f.ctx, id)
		require.NoError(t, err)
		return p
	}
	assert.Equal(t, contracts.StudyProgress{CurrentRound: 1, RoundOpen: true}, progress())
	f.commitAll(t, id, 1, 2)
	_, err := f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(2))
	require.NoError(t, err)
	assert.Equal(t, contracts.StudyProgress{CurrentRound: 1}, progress())
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 3, model, f.deadline())
	require.ErrorIs(t, err, contracts.ErrRoundOutOfOrder)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 1"), f.deadline())
	require.NoError(t, err)
	f.commitAll(t, id, 2, 2)
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 2, result(2))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 3, model, f.deadline())
	require.ErrorIs(t, err, contracts.ErrStudyCompleted)
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.True(t, s.Completed)
	assert.False(t, s.RoundOpen)
	assert.Equal(t, uint32(2), s.CurrentRound)
	assert.Equal(t, contracts.StudyProgress{CurrentRound: 2, Completed: true}, progress())
	_, err = f.ledger.Progress(f.ctx, 99)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
}

func TestCommitUpdate(t *testing.T) {
	f := newFixture(t, 4)
	id := f.openStudy(t, 3)
	closedStudy := f.openStudy(t, 2)
	f.commitAll(t, closedStudy, 1, 2)
	_, err := f.ledger.CloseRound(f.ctx, f.coord, closedStudy, 1, result(2))
	require.NoError(t, err)

	c := commitment(0)
	tests := []struct {
		name  string
		from  *contracts.Account
		study uint64
		round uint32
		c     contracts.Commitment
		want  error
	}{
		{"outsider", f.outsider, id, 1, c, contracts.ErrNotMember},
		{"coordinator is no member", f.coord, id, 1, c, contracts.ErrNotMember},
		{"member not joined", f.members[3], id, 1, c, contracts.ErrNotParticipant},
		{"unknown study", f.members[0], 1234, 1, c, contracts.ErrStudyNotFound},
		{"round never opened", f.members[0], id, 2, c, contracts.ErrRoundNotOpen},
		{"closed round", f.members[0], closedStudy, 1, c, contracts.ErrRoundNotOpen},
		{"zero ciphertext hash", f.members[0], id, 1, contracts.Commitment{Samples: 1, ConsentRoot: hash("r")}, contracts.ErrInvalidParameter},
		{"zero samples", f.members[0], id, 1, contracts.Commitment{CiphertextHash: hash("c"), ConsentRoot: hash("r")}, contracts.ErrInvalidParameter},
		{"zero consent root", f.members[0], id, 1, contracts.Commitment{CiphertextHash: hash("c"), Samples: 1}, contracts.ErrInvalidParameter},
		{"commits", f.members[0], id, 1, c, nil},
		{"commits twice", f.members[0], id, 1, commitment(9), contracts.ErrAlreadyCommitted},
		{"second member commits", f.members[1], id, 1, commitment(1), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.CommitUpdate(f.ctx, tc.from, tc.study, tc.round, tc.c)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			got, err := f.ledger.Commitment(f.ctx, tc.study, tc.round, tc.from.Address())
			require.NoError(t, err)
			assert.Equal(t, tc.c, got)
		})
	}

	_, err = f.ledger.Commitment(f.ctx, id, 1, f.members[2].Address())
	require.ErrorIs(t, err, contracts.ErrNoCommitment)
	_, err = f.ledger.Commitment(f.ctx, id, 2, f.members[0].Address())
	require.ErrorIs(t, err, contracts.ErrNoCommitment)

	// After the deadline the third participant is refused.
	require.NoError(t, f.chain.AdvanceTime(2*time.Hour))
	_, err = f.ledger.CommitUpdate(f.ctx, f.members[2], id, 1, commitment(2))
	require.ErrorIs(t, err, contracts.ErrDeadlinePassed)

	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, uint32(2), r.Commitments)
	assert.Equal(t, []common.Address{f.members[0].Address(), f.members[1].Address()}, r.Committers)
}

func TestCloseRound(t *testing.T) {
	f := newFixture(t, 3)
	id := f.openStudy(t, 3)
	f.commitAll(t, id, 1, 2)
	good := result(2)
	with := func(mut func(*contracts.RoundResult)) contracts.RoundResult {
		r := good
		mut(&r)
		return r
	}
	tests := []struct {
		name  string
		from  *contracts.Account
		round uint32
		res   contracts.RoundResult
		want  error
	}{
		{"not coordinator", f.members[0], 1, good, contracts.ErrNotCoordinator},
		{"round not open", f.coord, 2, good, contracts.ErrRoundNotOpen},
		{"too few participants", f.coord, 1, with(func(r *contracts.RoundResult) { r.Participants = 1 }), contracts.ErrTooFewParticipants},
		{"more participants than commitments", f.coord, 1, with(func(r *contracts.RoundResult) { r.Participants = 3 }), contracts.ErrParticipantsExceedCommitments},
		{"zero aggregate", f.coord, 1, with(func(r *contracts.RoundResult) { r.AggregateHash = common.Hash{} }), contracts.ErrInvalidParameter},
		{"zero model", f.coord, 1, with(func(r *contracts.RoundResult) { r.ModelHash = common.Hash{} }), contracts.ErrInvalidParameter},
		{"accuracy above 1", f.coord, 1, with(func(r *contracts.RoundResult) { r.Accuracy = 1.01 }), contracts.ErrInvalidParameter},
		{"negative auc", f.coord, 1, with(func(r *contracts.RoundResult) { r.AUC = -0.1 }), contracts.ErrInvalidParameter},
		{"NaN loss", f.coord, 1, with(func(r *contracts.RoundResult) { r.Loss = math.NaN() }), contracts.ErrInvalidParameter},
		{"infinite loss", f.coord, 1, with(func(r *contracts.RoundResult) { r.Loss = math.Inf(1) }), contracts.ErrInvalidParameter},
		{"closes", f.coord, 1, good, nil},
		{"closes twice", f.coord, 1, good, contracts.ErrRoundNotOpen},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.ledger.CloseRound(f.ctx, tc.from, id, tc.round, tc.res)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
		})
	}

	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.False(t, r.Open)
	assert.True(t, r.Closed)
	assert.Greater(t, r.ClosedBlock, r.OpenedBlock)
	assert.Equal(t, good.AggregateHash, r.Result.AggregateHash)
	assert.Equal(t, good.ModelHash, r.Result.ModelHash)
	assert.Equal(t, good.Participants, r.Result.Participants)
	assert.InDelta(t, good.Accuracy, r.Result.Accuracy, 1e-6)
	assert.InDelta(t, good.AUC, r.Result.AUC, 1e-6)
	assert.InDelta(t, good.Loss, r.Result.Loss, 1e-6)

	// Commitments stay readable after the round closed.
	all, err := f.ledger.Commitments(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, map[common.Address]contracts.Commitment{
		f.members[0].Address(): commitment(0),
		f.members[1].Address(): commitment(1),
	}, all)

	_, err = f.ledger.Round(f.ctx, id, 2)
	require.ErrorIs(t, err, contracts.ErrRoundNotFound)
	_, err = f.ledger.Round(f.ctx, 99, 1)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
}

func TestConcurrentCommits(t *testing.T) {
	const n = 8
	f := newFixture(t, n)
	id := f.openStudy(t, n)

	var wg sync.WaitGroup
	errs := make([]error, n)
	for i, m := range f.members {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.ledger.CommitUpdate(f.ctx, m, id, 1, commitment(i))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "member %d", i)
	}
	all, err := f.ledger.Commitments(f.ctx, id, 1)
	require.NoError(t, err)
	require.Len(t, all, n)
	for i, m := range f.members {
		assert.Equal(t, commitment(i), all[m.Address()])
	}
	r, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Len(t, r.Committers, n)
	assert.Equal(t, uint32(n), r.Commitments)
}

func TestConcurrentSendsFromOneAccount(t *testing.T) {
	const n = 6
	f := newFixture(t, 1)
	var wg sync.WaitGroup
	ids := make([]uint64, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[i], _, errs[i] = f.ledger.CreateStudy(f.ctx, f.researcher, f.params())
		}()
	}
	wg.Wait()
	seen := map[uint64]bool{}
	for i := range n {
		require.NoError(t, errs[i])
		seen[ids[i]] = true
	}
	assert.Len(t, seen, n, "every send must create its own study")
	count, err := f.ledger.StudyCount(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, uint64(n), count)
}

func TestAccountNeverPrintsKey(t *testing.T) {
	key := newKey(t)
	a := contracts.NewAccount(key)
	secret := hex.EncodeToString(crypto.FromECDSA(key))
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := strings.ToLower(fmt.Sprintf(format, a))
		assert.NotContains(t, out, secret, format)
		assert.Contains(t, out, strings.ToLower(a.Address().Hex()[2:]), format)
	}
}

func TestLeaveAndExcludeBetweenRounds(t *testing.T) {
	f := newFixture(t, 4)    // a vote carries with 3 of 4
	id := f.keyedStudy(t, 3) // min participants 2, threshold 2
	m0, m1, m2, m3 := f.members[0], f.members[1], f.members[2], f.members[3]
	// exclude has members 0, 1 and 2 vote member out of the study; the
	// last vote carries it, or reverts with why.
	exclude := func(member common.Address) error {
		pid, _, err := f.ledger.ProposeExclusion(f.ctx, m0, id, member)
		if err != nil {
			return err
		}
		if _, _, err := f.ledger.Vote(f.ctx, m1, pid); err != nil {
			return err
		}
		_, _, err = f.ledger.Vote(f.ctx, m2, pid)
		return err
	}
	// removal is a direct removeParticipant call, which only a vote may make.
	removal := func(from *contracts.Account, member common.Address) error {
		call := crypto.Keccak256([]byte("removeParticipant(uint64,address)"))[:4]
		call = append(call, common.LeftPadBytes(new(big.Int).SetUint64(id).Bytes(), 32)...)
		return f.ledger.SendToStudies(f.ctx, from, id, append(call, common.LeftPadBytes(member.Bytes(), 32)...))
	}
	active := func(t *testing.T) ([]common.Address, uint16) {
		t.Helper()
		s, err := f.ledger.Study(f.ctx, id)
		require.NoError(t, err)
		return s.Participants, s.ActiveParticipants
	}

	// A participant leaves between rounds; it no longer counts, commits or joins the coordinator.
	_, err := f.ledger.LeaveStudy(f.ctx, m2, id)
	require.NoError(t, err)
	ps, n := active(t)
	assert.Equal(t, []common.Address{m0.Address(), m1.Address()}, ps)
	assert.Equal(t, uint16(2), n)
	ok, err := f.ledger.IsParticipant(f.ctx, id, m2.Address())
	require.NoError(t, err)
	assert.False(t, ok)
	p, err := f.ledger.Participant(f.ctx, id, m2.Address())
	require.NoError(t, err)
	assert.True(t, p.Left)
	assert.Equal(t, uint16(3), p.Index, "a leaver keeps its index")

	// A newcomer joins the running study between rounds.
	_, err = f.ledger.JoinStudy(f.ctx, m3, id)
	require.NoError(t, err)
	p, err = f.ledger.Participant(f.ctx, id, m3.Address())
	require.NoError(t, err)
	assert.Equal(t, uint16(4), p.Index, "indices keep counting past leavers")

	// Round 1 opens: nobody joins or leaves until it closes.
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdate(f.ctx, m2, id, 1, commitment(2))
	require.ErrorIs(t, err, contracts.ErrNotParticipant, "a leaver's commit is refused")

	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"leave while a round is open", func() error { _, err := f.ledger.LeaveStudy(f.ctx, m0, id); return err }, contracts.ErrRoundStillOpen},
		{"exclusion while a round is open", func() error { return exclude(m0.Address()) }, contracts.ErrRoundStillOpen},
		{"join again while a round is open", func() error { _, err := f.ledger.JoinStudy(f.ctx, m2, id); return err }, contracts.ErrEnrolmentClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { require.ErrorIs(t, tc.call(), tc.want) })
	}
	for i, m := range []*contracts.Account{m0, m1, m3} {
		_, err := f.ledger.CommitUpdate(f.ctx, m, id, 1, commitment(i))
		require.NoError(t, err)
	}
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(3))
	require.NoError(t, err)

	// Between rounds: access control and the minimum.
	tests = []struct {
		name string
		call func() error
		want error
	}{
		{"coordinator removes a participant", func() error { return removal(f.coord, m1.Address()) }, contracts.ErrNotAuthorised},
		{"member removes another", func() error { return removal(m0, m1.Address()) }, contracts.ErrNotAuthorised},
		{"researcher removes a participant", func() error { return removal(f.researcher, m1.Address()) }, contracts.ErrNotAuthorised},
		{"outsider leaves", func() error { _, err := f.ledger.LeaveStudy(f.ctx, f.outsider, id); return err }, contracts.ErrNotParticipant},
		{"leaver leaves twice", func() error { _, err := f.ledger.LeaveStudy(f.ctx, m2, id); return err }, contracts.ErrNotParticipant},
		{"exclusion of one that never joined", func() error { return exclude(f.outsider.Address()) }, contracts.ErrNeverJoined},
		{"unknown study", func() error { _, err := f.ledger.LeaveStudy(f.ctx, m0, 99); return err }, contracts.ErrStudyNotFound},
		{"current participant joins again", func() error { _, err := f.ledger.JoinStudy(f.ctx, m0, id); return err }, contracts.ErrAlreadyJoined},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { require.ErrorIs(t, tc.call(), tc.want) })
	}

	// A vote excludes one (3 -> 2 active); a further leave would break the minimum (and t).
	require.NoError(t, exclude(m3.Address()))
	_, err = f.ledger.LeaveStudy(f.ctx, m1, id)
	require.ErrorIs(t, err, contracts.ErrTooFewParticipants)
	require.ErrorIs(t, exclude(m1.Address()), contracts.ErrTooFewParticipants)

	// The leaver joins again (3 active), then leaving is possible once more.
	_, err = f.ledger.JoinStudy(f.ctx, m2, id)
	require.NoError(t, err)
	ps, n = active(t)
	assert.Equal(t, []common.Address{m0.Address(), m1.Address(), m2.Address()}, ps)
	assert.Equal(t, uint16(3), n)
	_, err = f.ledger.LeaveStudy(f.ctx, m1, id)
	require.NoError(t, err)

	// The events record who left, and whom a vote (the Consortium) excluded.
	left, err := f.ledger.Departures(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, []contracts.Departure{
		{Member: m2.Address(), By: m2.Address()},
		{Member: m3.Address(), By: f.ledger.Address()},
		{Member: m1.Address(), By: m1.Address()},
	}, stripBlocks(left))

	// Read after a block, only the departures in later blocks.
	after, err := f.ledger.DeparturesAfter(f.ctx, id, left[0].Block)
	require.NoError(t, err)
	assert.Equal(t, left[1:], after)
	after, err = f.ledger.DeparturesAfter(f.ctx, id, left[2].Block)
	require.NoError(t, err)
	assert.Empty(t, after)
}

// TestParticipation: the rounds a member took part in run from each join
// or reinstatement (round 0, the setup, before round 1; the open round for
// a reinstatement mid-round; else the next round) to the last round opened
// before it left or was suspended, whatever rounds open after; a member
// that joins again, or is reinstated, misses the rounds in between, and
// one that joins late the rounds before.
func TestParticipation(t *testing.T) {
	f := newFixture(t, 4)
	p := f.params()
	p.Rounds, p.StrikeLimit = 7, 1
	id := f.studyWith(t, 3, p)
	m, late := f.members[2], f.members[3]
	took := func(t *testing.T, who common.Address) contracts.Participation {
		t.Helper()
		got, err := f.ledger.Participation(f.ctx, id, who)
		require.NoError(t, err)
		return got
	}
	deadline := time.Now().Add(time.Hour)
	open := func(t *testing.T, r uint32) {
		t.Helper()
		_, err := f.ledger.OpenRound(f.ctx, f.coord, id, r, hash("model"), deadline)
		require.NoError(t, err)
	}
	abandon := func(t *testing.T, r uint32) {
		t.Helper()
		require.NoError(t, f.chain.AdvanceTime(3*time.Hour))
		deadline = deadline.Add(3 * time.Hour)
		_, err := f.ledger.AbandonRound(f.ctx, f.coord, id, r)
		require.NoError(t, err)
	}
	join := func(t *testing.T, who *contracts.Account) {
		t.Helper()
		_, err := f.ledger.JoinStudy(f.ctx, who, id)
		require.NoError(t, err)
	}
	leave := func(t *testing.T) {
		t.Helper()
		_, err := f.ledger.LeaveStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	spans := func(s ...contracts.RoundSpan) []contracts.RoundSpan { return s }

	assert.Empty(t, took(t, late.Address()).Spans, "never joined")
	all := took(t, f.members[0].Address())
	assert.Equal(t, spans(contracts.RoundSpan{First: 0, Ongoing: true}), all.Spans, "takes part from the setup on")
	assert.True(t, all.Current())
	assert.Zero(t, all.Unsettled(), "a member may still join for the setup")
	leave(t)
	assert.Equal(t, spans(contracts.RoundSpan{First: 0, Last: 0}), took(t, m.Address()).Spans, "left before round 1")
	join(t, m)
	assert.Equal(t, spans(contracts.RoundSpan{First: 0, Ongoing: true}), took(t, m.Address()).Spans, "joined again before round 1")

	f.setKey(t, id)
	open(t, 1)
	abandon(t, 1)
	leave(t)
	open(t, 2)
	abandon(t, 2)
	got := took(t, m.Address())
	assert.Equal(t, spans(contracts.RoundSpan{First: 0, Last: 1}), got.Spans, "left after round 1; round 2 opened after")
	assert.False(t, got.Current())
	assert.Equal(t, uint32(3), got.Unsettled(), "rounds 1 and 2 are over: a join now starts at round 3")
	join(t, m)
	join(t, late)
	got = took(t, m.Address())
	assert.Equal(t, spans(contracts.RoundSpan{First: 0, Last: 1}, contracts.RoundSpan{First: 3, Ongoing: true}), got.Spans, "joined again after round 2")
	assert.Equal(t, "0-1, 3 on", got.String())
	assert.False(t, got.In(2), "missed round 2")
	assert.True(t, got.In(1))
	assert.True(t, got.In(7))
	assert.Equal(t, spans(contracts.RoundSpan{First: 3, Ongoing: true}), took(t, late.Address()).Spans, "joined after round 2")

	open(t, 3)
	assert.Equal(t, uint32(3), took(t, m.Address()).Unsettled(), "round 3 is open: a reinstatement may still let one in")
	f.strike(t, id, 3, m.Address(), 0, 1)
	abandon(t, 3)
	open(t, 4)
	abandon(t, 4)
	reinstate := func(t *testing.T) {
		t.Helper()
		pid, _, err := f.ledger.ProposeReinstatement(f.ctx, f.members[0], id, m.Address())
		require.NoError(t, err)
		for _, v := range f.members[1:] {
			if executed, _, err := f.ledger.Vote(f.ctx, v, pid); err != nil || executed {
				require.NoError(t, err)
				break
			}
		}
	}
	reinstate(t)
	got = took(t, m.Address())
	assert.Equal(t, spans(contracts.RoundSpan{First: 0, Last: 1}, contracts.RoundSpan{First: 3, Last: 3}, contracts.RoundSpan{First: 5, Ongoing: true}), got.Spans,
		"suspended in round 3, reinstated after round 4")
	assert.Equal(t, "0-1, 3, 5 on", got.String())

	// Reinstated while a round is open, it may commit to that round: it
	// takes part from it.
	open(t, 5)
	f.strike(t, id, 5, m.Address(), 0, 1)
	abandon(t, 5)
	open(t, 6)
	abandon(t, 6)
	open(t, 7)
	reinstate(t)
	got = took(t, m.Address())
	assert.Equal(t, "0-1, 3, 5, 7 on", got.String(), "suspended in round 5, reinstated during round 7")
	assert.False(t, got.In(6))
	assert.True(t, got.In(7))
}

func stripBlocks(ds []contracts.Departure) []contracts.Departure {
	out := make([]contracts.Departure, len(ds))
	for i, d := range ds {
		out[i] = contracts.Departure{Member: d.Member, By: d.By}
	}
	return out
}

// TestPinMomentsSum: the coordinator pins one pooled-moments sum per study,
// before round 1; holders then decrypt no other, so no two sums over
// different sets of sites can be decrypted and subtracted.
func TestPinMomentsSum(t *testing.T) {
	f := newFixture(t, 3)
	id := f.keyedStudy(t, 3)
	got, err := f.ledger.MomentsSum(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, common.Hash{}, got, "nothing pinned yet")

	_, err = f.ledger.PinMomentsSum(f.ctx, f.members[0], id, hash("sum of all"))
	require.ErrorIs(t, err, contracts.ErrNotCoordinator, "a hospital cannot pin the sum")
	_, err = f.ledger.PinMomentsSum(f.ctx, f.coord, id, common.Hash{})
	require.ErrorIs(t, err, contracts.ErrInvalidParameter)
	_, err = f.ledger.PinMomentsSum(f.ctx, f.coord, id, hash("sum of all"))
	require.NoError(t, err)
	_, err = f.ledger.PinMomentsSum(f.ctx, f.coord, id, hash("sum of all"))
	require.NoError(t, err, "pinning the same sum again (a restarted coordinator) is a no-op")
	_, err = f.ledger.PinMomentsSum(f.ctx, f.coord, id, hash("sum without one site"))
	require.ErrorIs(t, err, contracts.ErrMomentsSumPinned, "a second sum over another set of sites")
	got, err = f.ledger.MomentsSum(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, hash("sum of all"), got)

	other := f.keyedStudy(t, 3)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, other, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)
	_, err = f.ledger.PinMomentsSum(f.ctx, f.coord, other, hash("sum of all"))
	require.ErrorIs(t, err, contracts.ErrPublicKeyLocked, "not once round 1 has opened")
	_, err = f.ledger.MomentsSum(f.ctx, 999)
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
}

// TestJoinedAt: a member's join block is the block its StudyJoined event
// was mined in, the latest once it left and joined again; a member that
// never joined, another study and a node behind the join have none (0).
func TestJoinedAt(t *testing.T) {
	f := newFixture(t, 3)
	id := f.study(t, 2)
	other := f.study(t, 2) // the members' joins of another study do not count
	m := f.members[2]
	at := func(t *testing.T, l *contracts.Ledger, study uint64) uint64 {
		t.Helper()
		n, err := l.JoinedAt(f.ctx, study, m.Address())
		require.NoError(t, err)
		return n
	}
	assert.Zero(t, at(t, f.ledger, id), "never joined")

	joined, err := f.ledger.JoinStudy(f.ctx, m, id)
	require.NoError(t, err)
	_, err = f.ledger.JoinStudy(f.ctx, f.members[2], other)
	require.NoError(t, err)
	assert.Equal(t, joined.Block, at(t, f.ledger, id))
	first, err := f.ledger.JoinedAt(f.ctx, id, f.members[0].Address())
	require.NoError(t, err)
	assert.Less(t, first, joined.Block, "each member's own join")

	_, err = f.ledger.LeaveStudy(f.ctx, m, id)
	require.NoError(t, err)
	again, err := f.ledger.JoinStudy(f.ctx, m, id)
	require.NoError(t, err)
	require.Greater(t, again.Block, joined.Block)
	assert.Equal(t, again.Block, at(t, f.ledger, id), "the latest join")

	head, err := f.ledger.BlockNumber(f.ctx)
	require.NoError(t, err)
	view, lag, err := f.chain.Lagging(head - again.Block + 1)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	behind, err := contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)
	assert.Equal(t, joined.Block, at(t, behind, id), "a node behind the second join has the first")
	lag.Set(head - joined.Block + 1)
	assert.Zero(t, at(t, behind, id), "a node behind the join has none")
}
