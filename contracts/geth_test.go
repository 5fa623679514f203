package contracts_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devchain"
	"github.com/cohort-fl/cohort/contracts/devchain/devchaintest"
)

// gethFixture is a real geth --dev node with a deployed ledger, reached
// through contracts.DialChain, and funded accounts for every role.
type gethFixture struct {
	fixture
	node *devchain.Node
}

// newGethFixture starts geth (skipping the test if it is not built, failing
// it under CI=true), funds the accounts and deploys the contract.
func newGethFixture(t *testing.T, nMembers int) *gethFixture {
	t.Helper()
	return newGethFixtureWith(t, nMembers, devchain.Options{})
}

// newGethFixtureWith is newGethFixture with geth started with opts.
func newGethFixtureWith(t *testing.T, nMembers int, opts devchain.Options) *gethFixture {
	t.Helper()
	node := devchaintest.StartWith(t, opts)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	f := &gethFixture{node: node, fixture: fixture{
		ctx:        ctx,
		deployer:   contracts.NewAccount(newKey(t)),
		researcher: contracts.NewAccount(newKey(t)),
		coord:      contracts.NewAccount(newKey(t)),
		outsider:   contracts.NewAccount(newKey(t)),
	}}
	funded := []common.Address{f.deployer.Address(), f.researcher.Address(), f.coord.Address(), f.outsider.Address()}
	for i := range nMembers {
		k := newKey(t)
		a := contracts.NewAccount(k)
		f.members = append(f.members, a)
		f.keys = append(f.keys, k)
		f.founders = append(f.founders, contracts.Member{
			Address:        a.Address(),
			Name:           fmt.Sprintf("Hospital %d", i+1),
			TLSFingerprint: hash(fmt.Sprintf("cert %d", i+1)),
		})
		funded = append(funded, a.Address())
	}
	devchaintest.Fund(t, node, devchain.Ether(100), funded...)

	chain, err := contracts.DialChain(ctx, node.URL)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, chain.Close()) })
	assert.False(t, chain.Simulated())
	assert.Equal(t, int64(1337), chain.ChainID().Int64(), "geth --dev chain id")
	f.chain = chain

	ledger, r, err := contracts.Deploy(ctx, chain, f.deployer, f.founders)
	require.NoError(t, err)
	require.NotZero(t, r.GasUsed)
	f.ledger = ledger
	return f
}

// TestGethStudy runs a study round through a real geth --dev node: deploy,
// create, join, key, open, concurrent commits, close and every view, then
// reverts mapped to their sentinels. geth prices storage above mainnet (its
// dev chain enables future repricing), so gas is only checked to be charged.
func TestGethStudy(t *testing.T) {
	const n = 4
	f := newGethFixture(t, n)

	members, err := f.ledger.Members(f.ctx)
	require.NoError(t, err)
	require.Len(t, members, n)
	for i, m := range members {
		assert.Equal(t, f.founders[i], m.Member)
		assert.True(t, m.Active)
		assert.WithinDuration(t, time.Now(), m.AdmittedAt, time.Minute, "admission time is the block time")
	}

	// Two studies created concurrently by one account: the Chain must hand
	// out consecutive nonces.
	ids := make([]uint64, 2)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			id, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, f.params())
			assert.NoError(t, err)
			ids[i] = id
		})
	}
	wg.Wait()
	require.False(t, t.Failed())
	assert.ElementsMatch(t, []uint64{1, 2}, ids)
	count, err := f.ledger.StudyCount(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, uint64(2), count)
	id := ids[0]

	for _, m := range f.members {
		_, err := f.ledger.JoinStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	keyHash := hash("collective public key")
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, keyHash)
	require.NoError(t, err)
	deadline := time.Now().Add(time.Hour).Truncate(time.Second)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), deadline)
	require.NoError(t, err)

	// Every member commits at once, back to back into geth's pool.
	receipts := make([]contracts.Receipt, n)
	for i, m := range f.members {
		wg.Go(func() {
			r, err := f.ledger.CommitUpdate(f.ctx, m, id, 1, commitment(i))
			assert.NoError(t, err, "commit from member %d", i)
			receipts[i] = r
		})
	}
	wg.Wait()
	require.False(t, t.Failed())
	for i, r := range receipts {
		assert.NotZero(t, r.GasUsed, "commit %d charged gas", i)
		assert.NotZero(t, r.Block, "commit %d mined", i)
	}

	got, err := f.ledger.Commitments(f.ctx, id, 1)
	require.NoError(t, err)
	require.Len(t, got, n)
	for i, m := range f.members {
		assert.Equal(t, commitment(i), got[m.Address()], "member %d", i)
	}
	one, err := f.ledger.Commitment(f.ctx, id, 1, f.members[2].Address())
	require.NoError(t, err)
	assert.Equal(t, commitment(2), one)

	t.Run("reverts map to sentinels", func(t *testing.T) {
		tests := []struct {
			name string
			call func() error
			want error
		}{
			{"double commit", func() error {
				_, err := f.ledger.CommitUpdate(f.ctx, f.members[0], id, 1, commitment(9))
				return err
			}, contracts.ErrAlreadyCommitted},
			{"outsider commits", func() error {
				_, err := f.ledger.CommitUpdate(f.ctx, f.outsider, id, 1, commitment(9))
				return err
			}, contracts.ErrNotMember},
			{"member opens a round", func() error {
				_, err := f.ledger.OpenRound(f.ctx, f.members[0], id, 2, hash("model 1"), f.deadline())
				return err
			}, contracts.ErrNotCoordinator},
			{"join while a round is open", func() error {
				_, err := f.ledger.JoinStudy(f.ctx, f.members[0], id)
				return err
			}, contracts.ErrEnrolmentClosed},
			{"unknown study", func() error {
				_, err := f.ledger.Study(f.ctx, 99)
				return err
			}, contracts.ErrStudyNotFound},
			{"no commitment from the outsider", func() error {
				_, err := f.ledger.Commitment(f.ctx, id, 1, f.outsider.Address())
				return err
			}, contracts.ErrNoCommitment},
			{"round of a study that never opened one", func() error {
				_, err := f.ledger.Round(f.ctx, ids[1], 1)
				return err
			}, contracts.ErrRoundNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.call()
				require.ErrorIs(t, err, tt.want)
				assert.NotContains(t, err.Error(), "0x08c379a0", "custom error decoded, not raw data")
			})
		}
	})

	before, err := f.chain.BlockNumber(f.ctx)
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdate(f.ctx, f.members[1], id, 1, commitment(1))
	require.ErrorIs(t, err, contracts.ErrAlreadyCommitted)
	after, err := f.chain.BlockNumber(f.ctx)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a refused commit is caught at gas estimation and never mined")

	res := result(n)
	closed, err := f.ledger.CloseRound(f.ctx, f.coord, id, 1, res)
	require.NoError(t, err)

	round, err := f.ledger.Round(f.ctx, id, 1)
	require.NoError(t, err)
	assert.Equal(t, uint32(1), round.Number)
	assert.Equal(t, hash("model 0"), round.GlobalModel)
	assert.False(t, round.Open)
	assert.True(t, round.Closed)
	assert.Equal(t, closed.Block, round.ClosedBlock)
	assert.Less(t, round.OpenedBlock, round.ClosedBlock)
	assert.Equal(t, uint32(n), round.Commitments)
	assert.ElementsMatch(t, memberAddresses(f.members), round.Committers)
	assert.Equal(t, res, round.Result)
	assert.True(t, deadline.Equal(round.Deadline), "deadline %s stored as %s", deadline, round.Deadline)

	study, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, f.researcher.Address(), study.Owner)
	assert.Equal(t, f.params(), study.StudyParams)
	assert.Equal(t, keyHash, study.PublicKeyHash)
	assert.Equal(t, uint32(1), study.CurrentRound)
	assert.False(t, study.RoundOpen)
	assert.False(t, study.Completed, "round 2 of 2 is still to run")
	assert.Equal(t, memberAddresses(f.members), study.Participants)

	_, err = f.ledger.CommitUpdate(f.ctx, f.members[0], id, 1, commitment(0))
	require.ErrorIs(t, err, contracts.ErrRoundNotOpen, "commit after close")

	// A second connection, as another daemon would open, sees the same state.
	other, err := contracts.DialChain(f.ctx, f.node.URL)
	require.NoError(t, err)
	defer other.Close()
	reopened, err := contracts.Open(other, f.ledger.Address())
	require.NoError(t, err)
	ok, err := reopened.IsParticipant(f.ctx, id, f.members[3].Address())
	require.NoError(t, err)
	assert.True(t, ok)
	ok, err = reopened.IsMember(f.ctx, f.outsider.Address())
	require.NoError(t, err)
	assert.False(t, ok)
}

// memberAddresses returns the accounts' addresses, in order.
func memberAddresses(accounts []*contracts.Account) []common.Address {
	out := make([]common.Address, len(accounts))
	for i, a := range accounts {
		out[i] = a.Address()
	}
	return out
}

// TestGethBatches relays a consent batch with a forged entry and records a
// round's commitments in one batch against a real geth node: the contract
// checks each entry there as on the simulated chain. Over geth's HTTP
// endpoint, which takes no subscriptions, NextHead learns of the batches'
// blocks by polling the block number.
func TestGethBatches(t *testing.T) {
	f := newGethFixture(t, 3)
	headAt := func(ch <-chan struct{}, what string) {
		t.Helper()
		select {
		case <-ch:
		case <-f.ctx.Done():
			t.Fatal(what)
		}
	}
	headAt(f.chain.NextHead(), "the head watcher never looked at the chain")
	next := f.chain.NextHead()
	id := f.openStudy(t, 3)
	study := contracts.ConsentScope{StudyID: id}
	good, victim, other := newPatient(t), newPatient(t), newPatient(t)
	forged := f.sign(t, victim, study, true, f.later())
	forged.Signature = f.sign(t, other, study, true, f.later()).Signature
	res, err := f.ledger.RelayConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{f.sign(t, good, study, true, f.later()), forged})
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{contracts.ConsentRecorded, contracts.ConsentSkippedBadSignature}, res.Outcomes)
	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{good.id, victim.id}, id, 0)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{contracts.ConsentActive, contracts.ConsentNone}, states)

	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{f.signCommit(t, id, 1, 0), f.signCommit(t, id, 1, 0)})
	require.ErrorIs(t, err, contracts.ErrAlreadyCommitted)
	wrongRound := f.signCommit(t, id, 2, 1)
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{wrongRound})
	require.ErrorIs(t, err, contracts.ErrNotParticipant, "a commitment signed for another round recovers someone else")
	altered := f.signCommit(t, id, 1, 1)
	altered.Samples++
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{altered})
	require.ErrorIs(t, err, contracts.ErrNotParticipant, "an altered commitment recovers someone else")
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{f.signCommit(t, id, 1, 0), f.signCommit(t, id, 1, 1), f.signCommit(t, id, 1, 2)})
	require.NoError(t, err)
	all, err := f.ledger.Commitments(f.ctx, id, 1)
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.Equal(t, commitment(1), all[f.members[1].Address()])
	headAt(next, "NextHead was not closed after the batches were mined")
}

// TestGethConsentBatchFitsTheBlock relays a full batch of first grants
// through geth --dev, whose blocks take about 11.7 million gas and whose
// storage prices put a first grant near 125,000: the batch does not fit
// one block, so it goes in smaller transactions, each sent with a limit
// the block can hold, and every grant is recorded.
func TestGethConsentBatchFitsTheBlock(t *testing.T) {
	f := newGethFixture(t, 2)
	id := f.openStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	changes := make([]contracts.SignedConsent, contracts.ConsentBatchSize)
	ids := make([]common.Hash, len(changes))
	for i := range changes {
		p := newPatient(t)
		changes[i], ids[i] = f.sign(t, p, study, true, f.later()), p.id
	}
	res, err := f.ledger.RelayConsentBatch(f.ctx, f.members[0], changes)
	require.NoError(t, err)
	assert.Equal(t, len(changes), res.Recorded)
	assert.Greater(t, len(res.Receipts), 1, "%d grants in one transaction of %d gas", len(changes), res.GasUsed)
	states, err := f.ledger.ConsentStates(f.ctx, ids, id, 0)
	require.NoError(t, err)
	for i, s := range states {
		require.Equal(t, contracts.ConsentActive, s, "patient %d", i)
	}
}

// TestGethLoggedConsent logs consent changes against a real geth node:
// forged, future, stale (a replay after the window), duplicated and
// unknown-study entries are skipped with their reasons, and a grant
// replayed within the window after a revocation leaves it revoked.
func TestGethLoggedConsent(t *testing.T) {
	f := newGethFixture(t, 2)
	id := f.openStudy(t, 2)
	study := contracts.ConsentScope{StudyID: id}
	p, victim, other := newPatient(t), newPatient(t), newPatient(t)
	now := f.now(t)
	grant := f.signLogged(t, p, study, true, f.later(), now.Add(-time.Minute))
	forged := f.signLogged(t, victim, study, true, f.later(), now)
	forged.Signature = f.signLogged(t, other, study, true, f.later(), now).Signature
	res, err := f.ledger.LogConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{
		grant, forged, grant,
		f.signLogged(t, victim, study, true, f.later(), now.Add(time.Hour)),
		f.signLogged(t, victim, study, true, f.later(), now.Add(-contracts.ConsentFreshnessWindow-time.Hour)),
		f.signLogged(t, victim, contracts.ConsentScope{StudyID: id + 1}, true, f.later(), now),
	})
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentOutcome{
		contracts.ConsentRecorded, contracts.ConsentSkippedBadSignature, contracts.ConsentSkippedDuplicate,
		contracts.ConsentSkippedFutureIssued, contracts.ConsentSkippedStaleIssued, contracts.ConsentSkippedStudyNotFound,
	}, res.Outcomes)
	require.NoError(t, f.ledger.RequireConsent(f.ctx, p.id, id, 0))

	res, err = f.ledger.LogConsentBatch(f.ctx, f.members[1], []contracts.SignedConsent{f.signLogged(t, p, study, false, time.Time{}, now)})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)
	res, err = f.ledger.LogConsentBatch(f.ctx, f.members[0], []contracts.SignedConsent{grant})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded, "a replay within the window is recorded")
	states, err := f.ledger.ConsentStates(f.ctx, []common.Hash{p.id, victim.id}, id, 0)
	require.NoError(t, err)
	assert.Equal(t, []contracts.ConsentState{contracts.ConsentRevoked, contracts.ConsentNone}, states)
}

// TestGethCommittee selects a study's decryption committee on a real geth
// --dev node (request, then completion in a later block), then a member of it leaves
// and a new one is selected: both follow the published rule.
func TestGethCommittee(t *testing.T) {
	const n = 5
	f := newGethFixture(t, n)
	id := f.committeeStudy(t, n, 3, 0)
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("collective public key"))
	require.NoError(t, err)
	first, r, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	t.Logf("selecting 3 of %d on geth --dev: %d gas", n, r.GasUsed)
	require.True(t, first.Current)
	checkRule(t, first, memberAddresses(f.members))

	var leaver *contracts.Account
	for _, m := range f.members {
		if first.Has(m.Address()) {
			leaver = m
			break
		}
	}
	_, err = f.ledger.LeaveStudy(f.ctx, leaver, id)
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), time.Now().Add(time.Hour))
	require.ErrorIs(t, err, contracts.ErrCommitteeNotCurrent)
	second, _, err := f.ledger.SelectCommittee(f.ctx, f.coord, id)
	require.NoError(t, err)
	assert.NotEqual(t, first.Seed, second.Seed)
	assert.NotContains(t, second.Members, leaver.Address())
	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	checkRule(t, second, s.Participants)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), time.Now().Add(time.Hour))
	require.NoError(t, err)
}

// TestGethWithARangeLimit reads a study, its joins, the consortium's
// events and a patient's consent through geth --rpc.rangelimit 3, which
// refuses an eth_getLogs over more than 4 blocks as a provider does
// ("exceed maximum block range 3"): every read pages its range, and finds
// what was written.
func TestGethWithARangeLimit(t *testing.T) {
	const n = 3
	f := newGethFixtureWith(t, n, devchain.Options{RangeLimit: 3})
	ctx := f.ctx
	id, created, err := f.ledger.CreateStudy(ctx, f.researcher, f.params())
	require.NoError(t, err)
	joined := make([]uint64, n)
	for i, m := range f.members {
		r, err := f.ledger.JoinStudy(ctx, m, id)
		require.NoError(t, err)
		joined[i] = r.Block
	}
	p := newPatient(t)
	_, err = f.ledger.RelayConsent(ctx, f.members[0], f.sign(t, p, contracts.ConsentScope{StudyID: id}, true, f.later()))
	require.NoError(t, err)
	head, err := f.chain.BlockNumber(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, head-created.Block, uint64(4), "the study's events span more blocks than geth serves at once")

	events, err := f.ledger.StudyEvents(ctx, id)
	require.NoError(t, err)
	var names []string
	for _, e := range events {
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"StudyCreated", "StudyJoined", "StudyJoined", "StudyJoined"}, names)
	for i, m := range f.members {
		at, err := f.ledger.JoinedAt(ctx, id, m.Address())
		require.NoError(t, err)
		assert.Equal(t, joined[i], at)
	}
	consortium, err := f.ledger.ConsortiumEvents(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, consortium)
	patient, err := f.ledger.PatientEvents(ctx, p.id)
	require.NoError(t, err)
	assert.Len(t, patient, 1)
	status, err := f.ledger.ConsentStatus(ctx, p.id, id, 0)
	require.NoError(t, err)
	assert.Equal(t, contracts.ConsentActive, status.State)
}
