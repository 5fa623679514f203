package contracts_test

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// fixture is a simulated chain with a deployed ledger, four founding
// members, a researcher, a coordinator and an outsider.
type fixture struct {
	ctx        context.Context
	chain      *contracts.Chain
	ledger     *contracts.Ledger
	deployer   *contracts.Account
	researcher *contracts.Account
	coord      *contracts.Account
	outsider   *contracts.Account
	members    []*contracts.Account
	keys       []*ecdsa.PrivateKey // the members' keys
	founders   []contracts.Member
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	return k
}

// fixtureDeadline is a fixture's hang guard, not a speed bound: under
// -race on a loaded 2-core machine TestReadsThroughARangeLimitedProvider's
// paged reads through six providers took 61 s of a 60 s guard.
const fixtureDeadline = 10 * time.Minute

func newFixture(t *testing.T, nMembers int) *fixture {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), fixtureDeadline)
	t.Cleanup(cancel)
	f := &fixture{
		ctx:        ctx,
		deployer:   contracts.NewAccount(newKey(t)),
		researcher: contracts.NewAccount(newKey(t)),
		coord:      contracts.NewAccount(newKey(t)),
		outsider:   contracts.NewAccount(newKey(t)),
	}
	funded := []common.Address{f.deployer.Address(), f.researcher.Address(), f.coord.Address(), f.outsider.Address()}
	for i := range nMembers {
		k := newKey(t)
		a := contracts.NewAccount(k)
		f.members = append(f.members, a)
		f.keys = append(f.keys, k)
		f.founders = append(f.founders, contracts.Member{
			Address:        a.Address(),
			Name:           fmt.Sprintf("Hospital %d", i+1),
			TLSFingerprint: crypto.Keccak256Hash([]byte(fmt.Sprintf("cert %d", i+1))),
		})
		funded = append(funded, a.Address())
	}
	chain, err := contracts.NewSimulatedChain(funded...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, chain.Close()) })
	f.chain = chain
	ledger, r, err := contracts.Deploy(ctx, chain, f.deployer, f.founders)
	require.NoError(t, err)
	require.NotZero(t, r.GasUsed)
	f.ledger = ledger
	return f
}

// domain is the ledger's consent domain.
func (f *fixture) domain(t *testing.T) contracts.ConsentDomain {
	t.Helper()
	d, err := f.ledger.ConsentDomain(f.ctx)
	require.NoError(t, err)
	return d
}

func hash(s string) common.Hash { return crypto.Keccak256Hash([]byte(s)) }

func (f *fixture) params() contracts.StudyParams {
	return contracts.StudyParams{
		SpecHash:            hash("spec"),
		Purpose:             hash("purpose: sepsis prediction"),
		ReferenceCommitment: hash("root dataset"),
		Rounds:              2,
		MinParticipants:     2,
		Threshold:           2,
		StrikeLimit:         3,
		Coordinator:         f.coord.Address(),
	}
}

// study creates a study with f.params() and joins the first n members.
func (f *fixture) study(t *testing.T, n int) uint64 {
	t.Helper()
	return f.studyWith(t, n, f.params())
}

// studyWith creates a study with p and joins the first n members.
func (f *fixture) studyWith(t *testing.T, n int, p contracts.StudyParams) uint64 {
	t.Helper()
	id, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
	require.NoError(t, err)
	for _, m := range f.members[:n] {
		_, err := f.ledger.JoinStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	return id
}

// keyedStudy creates a study, joins the first n members and records the public key hash.
func (f *fixture) keyedStudy(t *testing.T, n int) uint64 {
	t.Helper()
	id := f.study(t, n)
	f.setKey(t, id)
	return id
}

func (f *fixture) setKey(t *testing.T, id uint64) {
	t.Helper()
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("collective public key"))
	require.NoError(t, err)
}

func (f *fixture) deadline() time.Time { return time.Now().Add(time.Hour) }

// openStudy returns a keyed study with n participants and round 1 open.
func (f *fixture) openStudy(t *testing.T, n int) uint64 {
	t.Helper()
	id := f.keyedStudy(t, n)
	f.openFirstRound(t, id)
	return id
}

func (f *fixture) openFirstRound(t *testing.T, id uint64) {
	t.Helper()
	_, err := f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)
}

// strike gives member an endorsed strike in an open round, the only way a
// strike is given: the coordinator records scores that flag it and the
// members named by index (at least the study's threshold) endorse them.
func (f *fixture) strike(t *testing.T, id uint64, round uint32, member common.Address, endorsers ...int) {
	t.Helper()
	_, err := f.ledger.RecordScores(f.ctx, f.coord, id, round, []contracts.Score{{Member: member, Score: -1, Flagged: true}})
	require.NoError(t, err)
	r, err := f.ledger.Round(f.ctx, id, round)
	require.NoError(t, err)
	d, err := f.ledger.CommitDomain(f.ctx, id)
	require.NoError(t, err)
	endorsements := map[common.Address][]byte{}
	for _, i := range endorsers {
		endorsements[f.members[i].Address()], err = contracts.SignEndorsement(f.keys[i], d, id, round, r.ScoresHash)
		require.NoError(t, err)
	}
	_, err = f.ledger.ConfirmStrikes(f.ctx, f.coord, id, round, []common.Address{member}, endorsements)
	require.NoError(t, err)
}

func commitment(i int) contracts.Commitment {
	return contracts.Commitment{
		CiphertextHash: hash(fmt.Sprintf("ciphertext %d", i)),
		Samples:        uint64(100 + i),
		ConsentRoot:    hash(fmt.Sprintf("consent root %d", i)),
	}
}

// commitAll commits an update from the first n members.
func (f *fixture) commitAll(t *testing.T, id uint64, round uint32, n int) {
	t.Helper()
	for i, m := range f.members[:n] {
		_, err := f.ledger.CommitUpdate(f.ctx, m, id, round, commitment(i))
		require.NoError(t, err)
	}
}

func result(participants uint32) contracts.RoundResult {
	return contracts.RoundResult{
		AggregateHash: hash("aggregate"),
		ModelHash:     hash("model 1"),
		Accuracy:      0.8125,
		AUC:           0.901234,
		Loss:          0.4321,
		Participants:  participants,
	}
}
