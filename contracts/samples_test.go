package contracts_test

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// boundStudy creates a study that binds samples to consent (rounds 3),
// joins every member and opens the first two members' consent counts for
// it and its purpose; the key is not set yet.
func (f *fixture) boundStudy(t *testing.T) (uint64, contracts.StudyParams) {
	t.Helper()
	p := f.params()
	p.Rounds, p.BindSamples = 3, true
	id, _, err := f.ledger.CreateStudy(f.ctx, f.researcher, p)
	require.NoError(t, err)
	for _, m := range f.members {
		_, err := f.ledger.JoinStudy(f.ctx, m, id)
		require.NoError(t, err)
	}
	for _, m := range f.members[:2] {
		require.NoError(t, f.ledger.OpenSampleCounts(f.ctx, m, id))
	}
	return id, p
}

// requireBound checks member's sample bound for a round (0: one opening now).
func (f *fixture) requireBound(t *testing.T, id uint64, member common.Address, round uint32, want uint64) {
	t.Helper()
	b, err := f.ledger.SampleBound(f.ctx, id, member, round)
	require.NoError(t, err)
	require.Equal(t, want, b, "sample bound of %s for round %d", member, round)
}

func samples(i int, n uint64) contracts.Commitment {
	c := commitment(i)
	c.Samples = n
	return c
}

// TestSampleCountBoundByConsent: in a study that binds samples to consent,
// a hospital commits at most as many samples as its consent counts allow:
// the grants it relayed (single or batched, stored or logged, study- or
// purpose-wide) since it opened its counts, less its revocations. Renewals
// and replayed logged entries do not raise the bound; a revocation lowers
// it for the rounds opened after the day it was relayed on; a study that
// does not bind is unaffected.
func TestSampleCountBoundByConsent(t *testing.T) {
	f := newFixture(t, 3)
	// A study that does not bind samples takes any count, with no consent at all.
	free := f.openStudy(t, 2)
	r, err := f.ledger.Round(f.ctx, free, 1)
	require.NoError(t, err)
	assert.False(t, r.SamplesBound)
	_, err = f.ledger.CommitUpdate(f.ctx, f.members[0], free, 1, samples(0, 1<<50))
	require.NoError(t, err)

	id, p := f.boundStudy(t)
	study, purpose := contracts.ConsentScope{StudyID: id}, contracts.ConsentScope{Purpose: p.Purpose}
	bound, err := f.ledger.SamplesBound(f.ctx, id)
	require.NoError(t, err)
	require.True(t, bound)
	bound, err = f.ledger.SamplesBound(f.ctx, free)
	require.NoError(t, err)
	require.False(t, bound)
	a, b, c := f.members[0], f.members[1], f.members[2]
	relay := func(m *contracts.Account, s contracts.SignedConsent) {
		t.Helper()
		_, err := f.ledger.RelayConsent(f.ctx, m, s)
		require.NoError(t, err)
	}
	relayBatch := func(m *contracts.Account, batch ...contracts.SignedConsent) {
		t.Helper()
		res, err := f.ledger.RelayConsentBatch(f.ctx, m, batch)
		require.NoError(t, err)
		require.Equal(t, len(batch), res.Recorded)
	}

	// Hospital a: two grants alone, three in a batch, a purpose-wide grant.
	pts := make([]patient, 7)
	for i := range pts {
		pts[i] = newPatient(t)
	}
	relay(a, f.sign(t, pts[0], study, true, f.later()))
	relay(a, f.sign(t, pts[1], study, true, f.later()))
	relayBatch(a, f.sign(t, pts[2], study, true, f.later()), f.sign(t, pts[3], study, true, f.later()), f.sign(t, pts[4], study, true, f.later()))
	relay(a, f.sign(t, pts[5], purpose, true, f.later()))
	f.requireBound(t, id, a.Address(), 0, 6)
	// A renewal counts no more, alone or batched; nor does a grant that expired and is renewed.
	relay(a, f.sign(t, pts[0], study, true, f.later()))
	relayBatch(a, f.sign(t, pts[1], study, true, f.later()))
	short := f.sign(t, pts[6], study, true, time.Now().Add(2*time.Hour))
	relay(a, short)
	f.requireBound(t, id, a.Address(), 0, 7)
	require.NoError(t, f.chain.AdvanceTime(3*time.Hour))
	// Expired, pts[6] still counts (a limit: expiry does not lower the
	// bound); its renewal does not count again.
	relay(a, f.sign(t, pts[6], study, true, f.later()))
	f.requireBound(t, id, a.Address(), 0, 7)

	// Hospital c never opened its counts: its grants do not count.
	relay(c, f.sign(t, newPatient(t), study, true, f.later()))
	f.requireBound(t, id, c.Address(), 0, 0)

	// Hospital b: logged grants; the same signed entries logged again in
	// another batch (within the freshness window) are recorded but do not
	// raise the bound.
	issued := f.now(t)
	logged := []contracts.SignedConsent{
		f.signLogged(t, newPatient(t), study, true, f.later(), issued),
		f.signLogged(t, newPatient(t), study, true, f.later(), issued),
		f.signLogged(t, newPatient(t), purpose, true, f.later(), issued),
	}
	for range 2 {
		res, err := f.ledger.LogConsentBatch(f.ctx, b, logged)
		require.NoError(t, err)
		require.Equal(t, len(logged), res.Recorded)
		f.requireBound(t, id, b.Address(), 0, 3)
	}
	// A new logged grant counts.
	res, err := f.ledger.LogConsentBatch(f.ctx, b, []contracts.SignedConsent{f.signLogged(t, newPatient(t), study, true, f.later(), issued.Add(time.Second))})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)
	f.requireBound(t, id, b.Address(), 0, 4)

	// Round 1: a commitment above the bound is refused, alone or batched,
	// with the bound in the error; one within it is recorded.
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("pk"))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.now(t).Add(time.Hour))
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdate(f.ctx, a, id, 1, samples(0, 8))
	require.ErrorIs(t, err, contracts.ErrSamplesAboveConsent)
	assert.Contains(t, err.Error(), "bound=7")
	_, err = f.ledger.CommitUpdate(f.ctx, c, id, 1, samples(2, 1))
	require.ErrorIs(t, err, contracts.ErrSamplesAboveConsent, "a hospital without open counts has a bound of 0")
	cdom, err := f.ledger.CommitDomain(f.ctx, id)
	require.NoError(t, err)
	signed, err := contracts.SignCommitment(f.keys[1], cdom, id, 1, samples(1, 5))
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{signed})
	require.ErrorIs(t, err, contracts.ErrSamplesAboveConsent)
	_, err = f.ledger.CommitUpdate(f.ctx, a, id, 1, samples(0, 7))
	require.NoError(t, err)
	if signed, err = contracts.SignCommitment(f.keys[1], cdom, id, 1, samples(1, 4)); err != nil {
		t.Fatal(err)
	}
	_, err = f.ledger.CommitUpdates(f.ctx, f.coord, id, 1, []contracts.SignedCommitment{signed})
	require.NoError(t, err)

	// Revocations relayed while round 1 is open (stored by a, logged by b)
	// do not lower its bound: it judged consent as it opened.
	relay(a, f.sign(t, pts[2], study, false, time.Time{}))
	relayBatch(a, f.sign(t, pts[3], study, false, time.Time{}))
	res, err = f.ledger.LogConsentBatch(f.ctx, b, []contracts.SignedConsent{f.signLogged(t, newPatient(t), study, false, time.Time{}, f.now(t))})
	require.NoError(t, err)
	require.Equal(t, 1, res.Recorded)
	f.requireBound(t, id, a.Address(), 1, 7)
	f.requireBound(t, id, b.Address(), 1, 4)
	// A second revocation of one consent does not count twice.
	relay(a, f.sign(t, pts[2], study, false, time.Time{}))
	_, err = f.ledger.CloseRound(f.ctx, f.coord, id, 1, result(2))
	require.NoError(t, err)

	// A round opened a day later has the lower bound.
	require.NoError(t, f.chain.AdvanceTime(25*time.Hour))
	f.requireBound(t, id, a.Address(), 0, 5)
	f.requireBound(t, id, b.Address(), 0, 3)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 2, hash("model 1"), f.now(t).Add(time.Hour))
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdate(f.ctx, a, id, 2, samples(0, 6))
	require.ErrorIs(t, err, contracts.ErrSamplesAboveConsent)
	_, err = f.ledger.CommitUpdate(f.ctx, a, id, 2, samples(0, 5))
	require.NoError(t, err)
	// A grant again after a revocation counts again.
	relay(a, f.sign(t, pts[2], study, true, f.later()))
	f.requireBound(t, id, a.Address(), 0, 6)

}

// TestSamplesBindingIsTheOwnersBeforeTheKey: only the study's owner binds,
// once, before the key is set; counts open only for members and known studies.
func TestSamplesBindingIsTheOwnersBeforeTheKey(t *testing.T) {
	f := newFixture(t, 2)
	id := f.study(t, 2)
	_, err := f.ledger.BindSamples(f.ctx, f.coord, id)
	require.ErrorIs(t, err, contracts.ErrNotAuthorised)
	_, err = f.ledger.BindSamples(f.ctx, f.researcher, id)
	require.NoError(t, err)
	_, err = f.ledger.BindSamples(f.ctx, f.researcher, id)
	require.ErrorIs(t, err, contracts.ErrSamplesBindingLocked)
	keyed := f.keyedStudy(t, 2)
	_, err = f.ledger.BindSamples(f.ctx, f.researcher, keyed)
	require.ErrorIs(t, err, contracts.ErrSamplesBindingLocked)

	_, err = f.ledger.OpenSampleCount(f.ctx, f.outsider, contracts.ConsentScope{StudyID: id})
	require.ErrorIs(t, err, contracts.ErrNotMember)
	_, err = f.ledger.OpenSampleCount(f.ctx, f.members[0], contracts.ConsentScope{StudyID: 999})
	require.ErrorIs(t, err, contracts.ErrStudyNotFound)
	// Opening twice is harmless.
	for range 2 {
		_, err = f.ledger.OpenSampleCount(f.ctx, f.members[0], contracts.ConsentScope{StudyID: id})
		require.NoError(t, err)
	}
}

// TestSampleBoundGas: what the bound costs. A grant relayed alone stays
// within the 80,000 target with counts open or not; a commitment in a
// study that does not bind pays nothing for it; one in a bound study reads
// the member's count in the ConsentRegistry.
func TestSampleBoundGas(t *testing.T) {
	f := newFixture(t, 2)
	id, _ := f.boundStudy(t)
	study := contracts.ConsentScope{StudyID: id}
	for i, m := range f.members {
		// Member 0 opened its counts (boundStudy), so did member 1; measure a closed one too.
		r, err := f.ledger.RelayConsent(f.ctx, m, f.sign(t, newPatient(t), study, true, f.later()))
		require.NoError(t, err)
		assert.Less(t, r.GasUsed, uint64(80_000), "member %d: a first grant relayed alone", i)
		t.Logf("grant relayed alone, counts open: %d gas", r.GasUsed)
	}
	other := f.study(t, 2) // counts not open
	r, err := f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, newPatient(t), contracts.ConsentScope{StudyID: other}, true, f.later()))
	require.NoError(t, err)
	assert.Less(t, r.GasUsed, uint64(80_000))
	t.Logf("grant relayed alone, counts not open: %d gas", r.GasUsed)
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("pk"))
	require.NoError(t, err)
	_, err = f.ledger.OpenRound(f.ctx, f.coord, id, 1, hash("model 0"), f.deadline())
	require.NoError(t, err)
	r, err = f.ledger.CommitUpdate(f.ctx, f.members[0], id, 1, samples(0, 1))
	require.NoError(t, err)
	t.Logf("commitUpdate in a bound study: %d gas", r.GasUsed)
}

// A moments count's bound was read as for a round opening at the head: a
// hospital counted its consented training records honestly, a patient
// revoked after the count and before midnight (UTC), and a check after
// midnight no longer added the revocation back, so the honest count was
// refused and its hospital named as if it had inflated it. The moments
// bound is now read as for a round opened in the block that set the
// study's key, which precedes every count and every party reads alike: the
// honest count stays within it, one above it is not, and before the key
// is set there is no moments phase to bound.
func TestMomentsSampleBoundIsReadAtTheKeysBlock(t *testing.T) {
	f := newFixture(t, 2)
	id, _ := f.boundStudy(t)
	a := f.members[0]
	study := contracts.ConsentScope{StudyID: id}
	_, err := f.ledger.MomentsBounds(f.ctx, id, hash("pk"))
	require.ErrorIs(t, err, contracts.ErrPublicKeyNotSet)

	pts := []patient{newPatient(t), newPatient(t), newPatient(t)}
	for _, p := range pts {
		_, err := f.ledger.RelayConsent(f.ctx, a, f.sign(t, p, study, true, f.later()))
		require.NoError(t, err)
	}
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("pk"))
	require.NoError(t, err)
	counted := momentsBound(t, f.ledger, id, hash("pk"), a.Address())
	require.Equal(t, uint64(3), counted, "the hospital counts its three consented records")

	// A patient revokes after the count; the check comes after midnight.
	f.revokeThenPassMidnight(t, id, pts[0])
	f.requireBound(t, id, a.Address(), 0, 2) // a round opening now has the lower bound

	assert.Equal(t, counted, momentsBound(t, f.ledger, id, hash("pk"), a.Address()), "the honest count is still within the moments bound after the revocation")
	assert.Zero(t, momentsBound(t, f.ledger, id, hash("pk"), f.members[1].Address()), "a hospital that relayed nothing may count nothing")
}

// momentsBound reads member's moments sample bound, in a run under key,
// as a check of one count does.
func momentsBound(t *testing.T, l *contracts.Ledger, studyID uint64, key common.Hash, member common.Address) uint64 {
	t.Helper()
	bounds, err := l.MomentsBounds(context.Background(), studyID, key)
	require.NoError(t, err)
	b, err := bounds.Of(context.Background(), member)
	require.NoError(t, err)
	return b
}

// Every hospital checks every hospital's moments count, and each bound it
// read found the block that set the study's key with an event-log query of
// its own: 100 hospitals made 10,000 log queries per study. A
// MomentsBounds finds the block once for all the bounds it reads, which
// are those read one by one; one read after the key is set again is as of
// the new key's block.
func TestMomentsBoundsFindTheKeysBlockOnce(t *testing.T) {
	f := newFixture(t, 3)
	id, _ := f.boundStudy(t)
	study := contracts.ConsentScope{StudyID: id}
	relay := func(m *contracts.Account, n int) {
		for range n {
			_, err := f.ledger.RelayConsent(f.ctx, m, f.sign(t, newPatient(t), study, true, f.later()))
			require.NoError(t, err)
		}
	}
	relay(f.members[0], 2)
	relay(f.members[1], 1)
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("pk"))
	require.NoError(t, err)

	view, lag, err := f.chain.Lagging(0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = view.Close() })
	node, err := contracts.Open(view, f.ledger.Address())
	require.NoError(t, err)
	before := lag.LogQueries()
	bounds, err := node.MomentsBounds(f.ctx, id, hash("pk"))
	require.NoError(t, err)
	found := lag.LogQueries() - before
	require.NotZero(t, found, "the key's block is found with a log query")
	const checks = 10
	for range checks {
		for i, m := range f.members {
			b, err := bounds.Of(f.ctx, m.Address())
			require.NoError(t, err)
			assert.Equal(t, momentsBound(t, f.ledger, id, hash("pk"), m.Address()), b, "member %d", i)
		}
	}
	assert.Equal(t, found, lag.LogQueries()-before, "log queries for %d bounds", checks*len(f.members))
	b, err := bounds.Of(f.ctx, f.members[0].Address())
	require.NoError(t, err)
	assert.Equal(t, uint64(2), b)

	// Another key set: a run under it is bounded as of its block.
	require.NoError(t, f.chain.AdvanceTime(time.Minute))
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("another pk"))
	require.NoError(t, err)
	again, err := node.MomentsBounds(f.ctx, id, hash("another pk"))
	require.NoError(t, err)
	assert.Greater(t, again.Block, bounds.Block, "the block of the other key")
}

// The coordinator found the moments bounds' block as its run began, each
// hospital again as it checked the counts it was sent, both as the block
// of the study's latest PublicKeySet: the key set again in between (the
// coordinator may until round 1 opens; a hostile one at will) moved the
// hospitals' block and not the coordinator's. An honest count of three, a
// patient revoking after it and the key set again after midnight, was
// taken by the coordinator and refused by every hospital, which named its
// hospital as the inflator. The bounds of a run are now read as of the
// block from which the run's key has been the study's key, named by every
// party: the same key set again does not move it; a run whose key was
// replaced by another is refused (no count judged) and one under the new
// key is bounded as of the new key's block.
func TestMomentsBoundsHoldWhenTheKeyIsSetAgain(t *testing.T) {
	f := newFixture(t, 2)
	key := hash("pk")
	id, pts := f.keyedAfterThreeGrants(t, key)
	a := f.members[0]
	coordinator, err := f.ledger.MomentsBounds(f.ctx, id, key) // the coordinator's run begins
	require.NoError(t, err)
	counted, err := coordinator.Of(f.ctx, a.Address())
	require.NoError(t, err)
	require.Equal(t, uint64(3), counted, "the hospital counts its three consented records")

	f.revokeThenPassMidnight(t, id, pts[0])
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, key)
	require.NoError(t, err, "the same key set again, after midnight")

	hospital, err := f.ledger.MomentsBounds(f.ctx, id, key) // a hospital checks the counts
	require.NoError(t, err)
	assert.Equal(t, coordinator.Block, hospital.Block, "the block the hospital reads the bounds as of")
	b, err := hospital.Of(f.ctx, a.Address())
	require.NoError(t, err)
	assert.Equal(t, counted, b, "the honest count is within the bound the hospital reads")

	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, hash("another pk"))
	require.NoError(t, err)
	_, err = f.ledger.MomentsBounds(f.ctx, id, key)
	require.ErrorIs(t, err, contracts.ErrPublicKeyChanged, "a run under the key replaced")
	assert.ErrorContains(t, err, hash("another pk").Hex(), "the error names the study's key")
	renewed, err := f.ledger.MomentsBounds(f.ctx, id, hash("another pk"))
	require.NoError(t, err)
	assert.Greater(t, renewed.Block, hospital.Block, "a run under the other key")
	b, err = renewed.Of(f.ctx, a.Address())
	require.NoError(t, err)
	assert.Equal(t, uint64(2), b, "the revocation of the day before the other key's block is not added back")
}

// A hostile coordinator could move the block a moments run's bounds are
// read as of: set the study's key to B and then to A again before round 1,
// so that A's tenure began anew at the later block. An honest count of
// three, a patient revoking after it and the key set to B and back after
// midnight, read a bound of two at the new block: every hospital refused
// the count and named its hospital as the inflator. A key the study
// replaced is retired now: setting it again is refused (the coordinator
// must run key generation again for a new key), the study keeps B, and a
// run under A is refused, no count judged.
func TestARetiredKeyCannotMoveTheMomentsBounds(t *testing.T) {
	f := newFixture(t, 2)
	key, other := hash("pk"), hash("another pk")
	id, pts := f.keyedAfterThreeGrants(t, key)
	counted := momentsBound(t, f.ledger, id, key, f.members[0].Address())
	require.Equal(t, uint64(3), counted, "the hospital counts its three consented records")

	f.revokeThenPassMidnight(t, id, pts[0])
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, other)
	require.NoError(t, err)
	_, err = f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, key)
	require.ErrorIs(t, err, contracts.ErrPublicKeyRetired, "the replaced key set again, after midnight")
	assert.ErrorContains(t, err, "run key generation again for a new key")

	s, err := f.ledger.Study(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, other, s.PublicKeyHash, "the study keeps the key that replaced it")
	_, err = f.ledger.MomentsBounds(f.ctx, id, key)
	require.ErrorIs(t, err, contracts.ErrPublicKeyChanged, "a run under the retired key: no count judged")
}

// keyedAfterThreeGrants makes a study that binds samples, in which the
// first member relays three patients' grants before the study's key is set
// to key: its honest moments count is three. It returns the study and the
// patients.
func (f *fixture) keyedAfterThreeGrants(t *testing.T, key common.Hash) (uint64, []patient) {
	t.Helper()
	id, _ := f.boundStudy(t)
	pts := []patient{newPatient(t), newPatient(t), newPatient(t)}
	for _, p := range pts {
		_, err := f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, p, contracts.ConsentScope{StudyID: id}, true, f.later()))
		require.NoError(t, err)
	}
	_, err := f.ledger.SetPublicKeyHash(f.ctx, f.coord, id, key)
	require.NoError(t, err)
	return id, pts
}

// revokeThenPassMidnight has p revoke its grant through the first member,
// then moves the chain just past midnight (UTC): a bound read as of a
// later block no longer adds the revocation back.
func (f *fixture) revokeThenPassMidnight(t *testing.T, id uint64, p patient) {
	t.Helper()
	_, err := f.ledger.RelayConsent(f.ctx, f.members[0], f.sign(t, p, contracts.ConsentScope{StudyID: id}, false, time.Time{}))
	require.NoError(t, err)
	now := f.now(t).UTC()
	require.NoError(t, f.chain.AdvanceTime(now.Truncate(24*time.Hour).Add(24*time.Hour+time.Second).Sub(now)))
}
