package coordinator

import (
	"crypto/ecdsa"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// A holder's confirmation must carry one dealing-check share for each of
// the check's sets that holds its point, made at its point for that set.
func TestThresholdConfirmAsksForTheDealingCheck(t *testing.T) {
	ps := newParties(t, 3)
	pkHash := crypto.Keccak256Hash([]byte("collective key"))
	sets := [][]aggregation.ShamirPoint{{1, 2}, {1, 3}, {2, 3}}
	addrs := addressesOf(ps)
	points := map[common.Address]uint64{}
	for _, h := range holdersOf(ps) {
		points[h.addr] = h.point
	}
	confirm := &thresholdConfirmStep{phase: newPhase(protocol.ThresholdConfirm, 0, addrs), study: stepStudy, pkHash: pkHash,
		check: &dealingCheckAsk{seed: [32]byte{7}, dealers: addrs, sets: sets}, points: points}
	sent := sentTo(confirm.start())
	task := sent[ps[0].addr][0].GetThresholdKey()
	assert.Equal(t, []byte{7}, task.GetDealingCheckSeed()[:1])
	assert.Len(t, task.GetDealingCheckDealers(), 3)
	assert.Len(t, task.GetDealingCheckSets(), 3)

	signed, err := auth.Sign(ps[0].key, stepStudy, 0, auth.KindThresholdKey, crypto.Keccak256Hash(pkHash.Bytes()))
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		shares [][]byte
	}{
		{"no check shares", nil},
		{"one for two sets", [][]byte{[]byte("share")}},
		{"shares that are not decryption shares", [][]byte{[]byte("share"), []byte("share")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := deliverTo(confirm, confirm.receive, &cohortv1.ThresholdKeyConfirmation{StudyId: stepStudy, Auth: signed, DealingCheckShares: tc.shares})
			assert.ErrorIs(t, err, ErrMalformed)
			assert.Empty(t, confirm.got, "nothing recorded")
		})
	}
}

// A holder's dealing-check shares are taken only signed by it over the
// check asked (auth.DealingCheckContent): the verdict's evidence.
func TestThresholdConfirmTakesOnlySignedDealingCheckShares(t *testing.T) {
	ps := newParties(t, 2)
	pkHash := crypto.Keccak256Hash([]byte("collective key"))
	ask := &dealingCheckAsk{seed: [32]byte{7}, dealers: addressesOf(ps), sets: [][]aggregation.ShamirPoint{{1, 2}}}
	shares := [][]byte{[]byte("share at point 1")}
	sign := func(key *ecdsa.PrivateKey, point uint64, dealers []common.Address) *cohortv1.Signed {
		signed, err := auth.Sign(key, stepStudy, 0, auth.KindDealingCheck, auth.DealingCheckContent(pkHash, ask.seed, point, dealers, [][]uint64{{1, 2}}, shares))
		require.NoError(t, err)
		return signed
	}
	conf := func(s *cohortv1.Signed, sh [][]byte) *cohortv1.ThresholdKeyConfirmation {
		return &cohortv1.ThresholdKeyConfirmation{DealingCheckShares: sh, DealingCheckAuth: s}
	}
	require.NoError(t, ask.checkSigned(stepStudy, pkHash, ps[0].addr, 1, conf(sign(ps[0].key, 1, ask.dealers), shares)))
	for _, tc := range []struct {
		name string
		conf *cohortv1.ThresholdKeyConfirmation
	}{
		{"unsigned", conf(nil, shares)},
		{"a share altered", conf(sign(ps[0].key, 1, ask.dealers), [][]byte{[]byte("share at point 2")})},
		{"signed by another holder", conf(sign(ps[1].key, 1, ask.dealers), shares)},
		{"signed at another point", conf(sign(ps[0].key, 2, ask.dealers), shares)},
		{"signed for other dealers", conf(sign(ps[0].key, 1, ask.dealers[:1]), shares)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorIs(t, ask.checkSigned(stepStudy, pkHash, ps[0].addr, 1, tc.conf), auth.ErrBadSignature)
		})
	}
}

// The public-key shares are kept for a restart before round 1, which
// deals the threshold key again and checks it.
func TestPublicKeySharesKeptForTheDealingCheck(t *testing.T) {
	ps := newParties(t, 3)
	shares := map[common.Address][]byte{ps[0].addr: []byte("share 0"), ps[1].addr: {}, ps[2].addr: []byte("share two")}
	raw := encodePKShares(shares)
	got, err := decodePKShares(raw)
	require.NoError(t, err)
	assert.Len(t, got, 3)
	for a, sh := range shares {
		assert.Equal(t, string(sh), string(got[a]))
	}
	_, err = decodePKShares(raw[:len(raw)-1])
	assert.Error(t, err, "truncated")
}

// The kept verdict of the dealing check at key generation lets a restart
// before round 1 re-share instead of dealing again only when no dealer was
// at fault and every holder it suspected has left; a dealing started since
// (reset) or another key's verdict does not, and a verdict kept before it
// recorded whether the dealers passed counts as consistent only when it
// suspects holders (it did so only then).
func TestKeptDealingVerdictStandsOnlyForConsistentDealers(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	c := &Coordinator{store: store}
	key, other := common.HexToHash("0x01"), common.HexToHash("0x02")
	stay, suspect := common.HexToAddress("0xa1"), common.HexToAddress("0xb2")
	stands := func(pk common.Hash, participants ...common.Address) (bool, bool) {
		t.Helper()
		ok, withSuspects, err := c.dealingStands(pk, participants)
		require.NoError(t, err)
		return ok, withSuspects
	}
	ok, _ := stands(key, stay)
	assert.False(t, ok, "no verdict kept: a dealing cut short")

	require.NoError(t, c.keepDealingVerdict(key, true, nil))
	ok, withSuspects := stands(key, stay)
	assert.True(t, ok, "every dealer passed")
	assert.False(t, withSuspects)
	ok, _ = stands(other, stay)
	assert.False(t, ok, "another key's verdict")

	require.NoError(t, c.keepDealingVerdict(key, false, nil))
	ok, _ = stands(key, stay)
	assert.False(t, ok, "a dealer at fault, or a dealing started since")

	require.NoError(t, c.keepDealingVerdict(key, true, []common.Address{suspect}))
	ok, withSuspects = stands(key, stay, suspect)
	assert.False(t, ok, "the suspected holder is still in the study")
	assert.True(t, withSuspects)
	ok, withSuspects = stands(key, stay)
	assert.True(t, ok, "the suspected holder left")
	assert.True(t, withSuspects)

	// As an earlier release kept it: suspected holders, no dealers field.
	require.NoError(t, store.WriteState(dealingVerdictStateName, []byte(`{"public_key_hash":"`+key.Hex()+`","holders":["`+suspect.Hex()+`"]}`)))
	ok, _ = stands(key, stay)
	assert.True(t, ok, "an earlier release's verdict suspecting holders only")
	require.NoError(t, store.WriteState(dealingVerdictStateName, []byte(`{"public_key_hash":"`+key.Hex()+`","holders":null}`)))
	ok, _ = stands(key, stay)
	assert.False(t, ok, "an earlier release's verdict that may have named a dealer")
}

// A joining hospital's key failing the re-sharing's check in its only
// decryption set (exactly t new holders): a new holder of that set lying
// about its shares of the key looks the same, so the error names the
// joiner and the set's holders as suspects, not the joiner as having
// dealt shares not of its key, and does not advise excluding it alone.
// With a spare set the joiner failing in every set is named as before.
func TestAJoinerFailingInTheOnlyDecryptionSetIsASuspectNotAtFault(t *testing.T) {
	joiner, h1, h2, h3 := common.HexToAddress("0xa1"), common.HexToAddress("0xb2"), common.HexToAddress("0xc3"), common.HexToAddress("0xd4")
	c := &Coordinator{cfg: Config{StudyID: 3}}
	plan := &reshare{round: 2, threshold: 2, staying: []common.Address{h1, h2}}
	step := func(sets ...[]aggregation.ShamirPoint) *reshareKeyStep {
		return &reshareKeyStep{check: &dealingCheckAsk{joiners: []common.Address{joiner}, sets: sets}, points: map[common.Address]uint64{h1: 1, h2: 2, h3: 3}}
	}
	err := c.inconsistentJoiners(step([]aggregation.ShamirPoint{1, 2}), plan, []aggregation.DealingVerdict{{Failed: [][]aggregation.ShamirPoint{{1, 2}}}}, "")
	require.ErrorIs(t, err, ErrInconsistentDealing)
	assert.ErrorContains(t, err, "failed in the only decryption set")
	assert.ErrorContains(t, err, joiner.Hex())
	assert.ErrorContains(t, err, h1.Hex()+", point 1)", "the set's holders are suspects")
	assert.ErrorContains(t, err, h2.Hex()+", point 2)")
	assert.ErrorContains(t, err, "the check cannot tell which")
	assert.ErrorContains(t, err, "at least 3 new holders")
	assert.NotContains(t, err.Error(), "dealt shares of its own key that are not shares of the key", "the joiner is not said to be at fault")
	assert.NotContains(t, err.Error(), "Remove the joining hospital from the study")

	spare := [][]aggregation.ShamirPoint{{1, 2}, {1, 3}, {2, 3}}
	err = c.inconsistentJoiners(step(spare...), plan, []aggregation.DealingVerdict{{Failed: spare}}, "")
	assert.ErrorContains(t, err, "dealt shares of its own key that are not shares of the key behind the public-key share it sent")
	assert.ErrorContains(t, err, "Remove the joining hospital from the study")

	// The evidence's verdict says the same: with one set the joiner is a
	// suspect beside the set's holders (VerifyDealingVerdict refuses one
	// naming it at fault, so that evidence could not be kept before).
	var one, three DealingFinding
	one.addJoiner(joiner, aggregation.DealingVerdict{Failed: [][]aggregation.ShamirPoint{{1, 2}}})
	assert.Empty(t, one.Inconsistent)
	require.NotNil(t, one.OneSet)
	assert.Equal(t, []common.Address{joiner}, one.OneSet.Dealers)
	assert.Equal(t, []uint64{1, 2}, one.OneSet.Holders)
	three.addJoiner(joiner, aggregation.DealingVerdict{Failed: spare})
	assert.Equal(t, []common.Address{joiner}, three.Inconsistent)
	assert.Nil(t, three.OneSet)
}
