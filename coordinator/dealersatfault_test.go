package coordinator

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A coordinator restarted before round 1 goes on without the dealers the
// kept verdict of the dealing check found at fault only once each of them
// is out of the study on chain and the verdict re-checks from its
// evidence: a verdict naming an honest hospital (the store's state
// rewritten, or its evidence blob forged) is refused, so that hospital's
// key is not dropped on the coordinator's word; the verdict of another
// key, a verdict naming every dealer (a lying holder in every set looks
// the same) or one whose evidence was not kept is not relied on.
func TestDealersAtFaultAreLeftOutOnlyOnEvidenceOnceOffChain(t *testing.T) {
	const inconsistent, honest = 1, 0
	f := newDealingEvidenceFixture(t, inconsistent)
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	c := &Coordinator{store: store, scheme: f.scheme, cfg: Config{StudyID: evidenceStudy}, threshold: 2}
	pkHash, err := store.Put(f.pk)
	require.NoError(t, err)
	raw, err := f.evidence.Marshal()
	require.NoError(t, err)
	evidence, err := store.Put(raw)
	require.NoError(t, err)
	bad := f.addrs[inconsistent]
	without := func(gone common.Address) []common.Address {
		return slices.DeleteFunc(slices.Clone(f.addrs), func(a common.Address) bool { return a == gone })
	}
	atFaultLeft := func(participants []common.Address) []common.Address {
		t.Helper()
		got, err := c.dealersAtFaultLeft(pkHash, participants)
		require.NoError(t, err)
		return got
	}

	require.NoError(t, c.keepDealersAtFault(pkHash, len(f.addrs), f.evidence.Verdict, evidence))
	assert.Empty(t, atFaultLeft(f.addrs), "the hospital at fault is still a participant")
	assert.Equal(t, []common.Address{bad}, atFaultLeft(without(bad)), "excluded on chain, on evidence that re-checks")
	stands, _, err := c.dealingStands(pkHash, without(bad))
	require.NoError(t, err)
	assert.False(t, stands, "a verdict with a dealer at fault is not one of consistent dealers")
	got, err := c.dealersAtFaultLeft(common.HexToHash("0x02"), without(bad))
	require.NoError(t, err)
	assert.Empty(t, got, "another key's verdict")

	t.Run("evidence of a check at another threshold than the chain's", func(t *testing.T) {
		// The sets are derived at the evidence's own threshold, so only
		// the chain's keeps a coordinator from re-checking evidence over
		// sets it chose the size of.
		other := &Coordinator{store: store, scheme: f.scheme, cfg: Config{StudyID: evidenceStudy}, threshold: 3}
		_, err := other.dealersAtFaultLeft(pkHash, without(bad))
		require.ErrorIs(t, err, ErrUnsupportedVerdict)
		assert.ErrorContains(t, err, "made at threshold 2 (its decryption sets hold 2 holders each), but the study's threshold on chain is 3")
	})
	t.Run("an honest hospital claimed in the kept state", func(t *testing.T) {
		claim, err := json.Marshal(dealingVerdict{PublicKeyHash: pkHash, AtFault: []common.Address{f.addrs[honest]}, Evidence: evidence})
		require.NoError(t, err)
		require.NoError(t, store.WriteState(dealingVerdictStateName, claim))
		_, err = c.dealersAtFaultLeft(pkHash, without(f.addrs[honest]))
		require.ErrorIs(t, err, ErrUnsupportedVerdict)
		assert.ErrorContains(t, err, "the study does not go on without their keys")
	})
	t.Run("an honest hospital claimed in forged evidence", func(t *testing.T) {
		forged := f.viaBlob(t)
		forged.Verdict.Inconsistent = []common.Address{f.addrs[honest]}
		raw, err := forged.Marshal()
		require.NoError(t, err)
		blob, err := store.Put(raw)
		require.NoError(t, err)
		require.NoError(t, c.keepDealersAtFault(pkHash, len(f.addrs), forged.Verdict, blob))
		_, err = c.dealersAtFaultLeft(pkHash, without(f.addrs[honest]))
		require.ErrorIs(t, err, ErrUnsupportedVerdict)
	})
	t.Run("one decryption set", func(t *testing.T) {
		// Exactly t holders: a holder lying about an honest hospital's
		// key looks like its inconsistent dealing; the verdict names no
		// one at fault, so the honest hospital voted out does not have
		// the study go on without its key.
		const liar, framed = 0, 1
		one := newDealingEvidenceFixtureOf(t, evidenceSetup{inconsistent: -1, threshold: 3, liar: liar, framed: framed})
		c := &Coordinator{store: store, scheme: one.scheme, cfg: Config{StudyID: evidenceStudy}, threshold: 3}
		pkHash, err := store.Put(one.pk)
		require.NoError(t, err)
		raw, err := one.evidence.Marshal()
		require.NoError(t, err)
		blob, err := store.Put(raw)
		require.NoError(t, err)
		gone := slices.DeleteFunc(slices.Clone(one.addrs), func(a common.Address) bool { return a == one.addrs[framed] })
		require.NoError(t, c.keepDealingVerdict(pkHash, false, nil))
		require.NoError(t, c.keepDealersAtFault(pkHash, len(one.addrs), one.evidence.Verdict, blob))
		got, err := c.dealersAtFaultLeft(pkHash, gone)
		require.NoError(t, err)
		assert.Empty(t, got, "no dealer at fault kept")
		claim, err := json.Marshal(dealingVerdict{PublicKeyHash: pkHash, AtFault: []common.Address{one.addrs[framed]}, Evidence: blob})
		require.NoError(t, err)
		require.NoError(t, store.WriteState(dealingVerdictStateName, claim))
		_, err = c.dealersAtFaultLeft(pkHash, gone)
		require.ErrorIs(t, err, ErrUnsupportedVerdict, "a kept state claiming it at fault")
	})
	t.Run("not relied on", func(t *testing.T) {
		require.NoError(t, c.keepDealingVerdict(pkHash, false, nil))
		require.NoError(t, c.keepDealersAtFault(pkHash, len(f.addrs), DealingFinding{Inconsistent: f.addrs}, evidence))
		assert.Empty(t, atFaultLeft(nil), "every dealer named: the check could not tell them from a lying holder")
		require.NoError(t, c.keepDealersAtFault(pkHash, len(f.addrs), f.evidence.Verdict, common.Hash{}))
		assert.Empty(t, atFaultLeft(without(bad)), "no evidence kept")
	})
}

// Going on without a dealer at fault forgets its public-key share, in
// memory and in the store: no later check counts its key.
func TestDroppedDealersKeysAreForgottenAcrossARestart(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	a, b := common.HexToAddress("0xa1"), common.HexToAddress("0xb2")
	j := common.HexToAddress("0xc3") // joined before round 2
	c := &Coordinator{store: store, pkShares: map[common.Address][]byte{a: {1}, b: {2}, j: {5}}, pkShareSigs: map[common.Address][]byte{a: {3}, b: {4}, j: {6}}, pkShareRounds: map[common.Address]uint32{b: 2, j: 2}}
	require.NoError(t, c.dropKeysOf([]common.Address{b}))
	assert.Equal(t, map[common.Address][]byte{a: {1}, j: {5}}, c.pkShares)
	restarted := &Coordinator{store: store}
	require.NoError(t, restarted.restorePKShares())
	assert.Equal(t, map[common.Address][]byte{a: {1}, j: {5}}, restarted.pkShares)
	assert.Equal(t, map[common.Address][]byte{a: {3}, j: {6}}, restarted.pkShareSigs)
	assert.Equal(t, map[common.Address]uint32{j: 2}, restarted.pkShareRounds, "a joiner's share stays signed for its round")
	assert.Equal(t, SignedPKShare{Dealer: j, Share: []byte{5}, Signature: []byte{6}, Round: 2}, restarted.signedPKShare(j))
}
