package contracts

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConsentDigestMatchesContract checks that the Go EIP-712 digest (built
// with go-ethereum's apitypes) and the patient id equal what the deployed
// contract computes.
func TestConsentDigestMatchesContract(t *testing.T) {
	ctx, chain, l, deployer := soloLedger(t)
	d, err := l.ConsentDomain(ctx)
	require.NoError(t, err)
	assert.Equal(t, chain.ChainID(), d.ChainID)

	patient := PatientID(deployer.Address())
	tests := []ConsentChange{
		{Patient: patient, Scope: ConsentScope{StudyID: 1}, Granted: true, Expiry: time.Unix(1_900_000_000, 0), Nonce: 0},
		{Patient: patient, Scope: ConsentScope{Purpose: crypto.Keccak256Hash([]byte("sepsis"))}, Granted: false, Nonce: 7},
		{Patient: common.HexToHash("0xff"), Scope: ConsentScope{StudyID: ^uint64(0)}, Granted: true, Expiry: time.Unix(1<<40, 0), Nonce: ^uint32(0)},
		{Patient: patient, Scope: ConsentScope{StudyID: 2}, Granted: true, Expiry: time.Unix(1_900_000_000, 0), MaxEpsilon: 2.5, Nonce: 1},
	}
	for i, c := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			expiry, err := c.expiryUnix()
			require.NoError(t, err)
			bound, err := c.maxEpsilonFixed()
			require.NoError(t, err)
			out, err := l.readModule(ctx, currentConsent, l.consentReg.PackConsentDigest(c.Patient, c.Scope.StudyID, c.Scope.Purpose, c.Granted, expiry, bound, c.Nonce))
			require.NoError(t, err)
			want, err := l.consentReg.UnpackConsentDigest(out)
			require.NoError(t, err)
			got, err := ConsentDigest(d, c)
			require.NoError(t, err)
			assert.Equal(t, common.Hash(want), got)
		})
	}

	// The ε bound is signed: dropping it changes the digest.
	bounded, err := ConsentDigest(d, tests[3])
	require.NoError(t, err)
	unbounded := tests[3]
	unbounded.MaxEpsilon = 0
	dropped, err := ConsentDigest(d, unbounded)
	require.NoError(t, err)
	assert.NotEqual(t, bounded, dropped)

	// A different domain (chain or contract) gives a different digest.
	base, err := ConsentDigest(d, tests[0])
	require.NoError(t, err)
	other, err := ConsentDigest(ConsentDomain{ChainID: big.NewInt(1), Contract: d.Contract}, tests[0])
	require.NoError(t, err)
	assert.NotEqual(t, base, other)
	_, err = ConsentDigest(ConsentDomain{Contract: d.Contract}, tests[0])
	require.ErrorIs(t, err, ErrInvalidParameter)

	for _, a := range []common.Address{deployer.Address(), {}, common.HexToAddress("0x1234")} {
		out, err := l.readModule(ctx, currentConsent, l.consentReg.PackPatientId(a))
		require.NoError(t, err)
		want, err := l.consentReg.UnpackPatientId(out)
		require.NoError(t, err)
		assert.Equal(t, common.Hash(want), PatientID(a))
	}
}

// TestNonceResyncAfterTimeout reproduces a nonce gap (as left by a dropped
// transaction) and checks that a timed-out wait makes the next send re-read
// the node's pending nonce instead of queueing behind the gap forever.
func TestNonceResyncAfterTimeout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deployer := testAccount(t)
	chain, err := NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	defer func() { require.NoError(t, chain.Close()) }()
	l, _, err := Deploy(ctx, chain, deployer, []Member{{deployer.Address(), "H", crypto.Keccak256Hash([]byte("c"))}})
	require.NoError(t, err)

	s := chain.sender(deployer.Address())
	s.mu.Lock()
	s.nonce += 3 // three transactions "dropped" from the pool
	s.mu.Unlock()

	short, cancelShort := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancelShort()
	_, err = l.UpdateTLSFingerprint(short, deployer, crypto.Keccak256Hash([]byte("gap")))
	require.ErrorIs(t, err, context.DeadlineExceeded, "a transaction behind a nonce gap is never mined")

	_, err = l.UpdateTLSFingerprint(ctx, deployer, crypto.Keccak256Hash([]byte("after resync")))
	require.NoError(t, err)
	m, err := l.Member(ctx, deployer.Address())
	require.NoError(t, err)
	assert.Equal(t, crypto.Keccak256Hash([]byte("after resync")), m.TLSFingerprint)
}

// A consent batch of a size relayed before goes with a gas limit learnt
// from it instead of an estimate; one whose limit is too small (a batch
// costlier than the one it was learnt from) runs out of gas, is sent again
// with an estimate and recorded, and the limit learnt grows to it.
func TestConsentBatchGasLimitIsLearnt(t *testing.T) {
	ctx, chain, l, deployer := soloLedger(t)
	d, err := l.ConsentDomain(ctx)
	require.NoError(t, err)
	grants := func(n int) []SignedConsent { return purposeGrants(t, d, n) }
	assert.Zero(t, l.consentGas.limit(3), "a size never relayed is estimated")
	res, err := l.RelayConsentBatch(ctx, deployer, grants(3))
	require.NoError(t, err)
	require.Equal(t, 3, res.Recorded)
	used := res.GasUsed
	assert.Equal(t, used+used/2, l.consentGas.limit(3))

	l.consentGas.used[3] = used / 3 // as if learnt from a much cheaper batch
	before, err := chain.client.BlockNumber(ctx)
	require.NoError(t, err)
	res, err = l.RelayConsentBatch(ctx, deployer, grants(3))
	require.NoError(t, err)
	assert.Equal(t, 3, res.Recorded, "recorded by the estimated second send")
	after, err := chain.client.BlockNumber(ctx)
	require.NoError(t, err)
	assert.Equal(t, before+2, after, "the send that ran out of gas was mined, then the estimated one")
	assert.Equal(t, res.GasUsed, l.consentGas.used[3], "the limit learnt grew to what the batch used")
}

// soloLedger deploys a ledger whose only member is its deployer on a
// simulated chain, for 30 s.
func soloLedger(t testing.TB) (context.Context, *Chain, *Ledger, *Account) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	deployer := testAccount(t)
	chain, err := NewSimulatedChain(deployer.Address())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, chain.Close()) })
	l, _, err := Deploy(ctx, chain, deployer, []Member{{deployer.Address(), "H", crypto.Keccak256Hash([]byte("c"))}})
	require.NoError(t, err)
	return ctx, chain, l, deployer
}

// purposeGrants signs n new patients' grants of a purpose for the registry of d.
func purposeGrants(t testing.TB, d ConsentDomain, n int) []SignedConsent {
	t.Helper()
	out := make([]SignedConsent, n)
	for i := range out {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		out[i], err = SignConsent(key, d, ConsentChange{
			Patient: PatientID(crypto.PubkeyToAddress(key.PublicKey)), Scope: ConsentScope{Purpose: crypto.Keccak256Hash([]byte("gas"))},
			Granted: true, Expiry: time.Now().Add(24 * time.Hour),
		})
		require.NoError(t, err)
	}
	return out
}

// A consent batch sent with a learnt gas limit (no estimate) that would
// revert as a whole is refused before it is sent, not mined and paid for:
// from a relayer that is not a member, the relayer's nonce and the chain
// stay where they were and the error names the relayer and what to do;
// through a Ledger that still knows the registry a vote retired, it goes
// to the new registry in one transaction, with none failed before it.
func TestConsentBatchWithLearntGasNeverMinesARevert(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	deployer, outsider := testAccount(t), testAccount(t)
	chain, err := NewSimulatedChain(deployer.Address(), outsider.Address())
	require.NoError(t, err)
	defer func() { require.NoError(t, chain.Close()) }()
	l, _, err := Deploy(ctx, chain, deployer, []Member{{deployer.Address(), "H", crypto.Keccak256Hash([]byte("c"))}})
	require.NoError(t, err)
	stale, err := Open(chain, l.Address()) // a second process's view of the ledger
	require.NoError(t, err)
	d, err := l.ConsentDomain(ctx)
	require.NoError(t, err)
	for _, ledger := range []*Ledger{l, stale} {
		res, err := ledger.RelayConsentBatch(ctx, deployer, purposeGrants(t, d, 2))
		require.NoError(t, err)
		require.Equal(t, 2, res.Recorded)
		require.NotZero(t, ledger.consentGas.limit(2), "a batch of 2 now goes without an estimate")
	}
	state := func(a *Account) (nonce, block uint64) {
		t.Helper()
		nonce, err := chain.client.PendingNonceAt(ctx, a.Address())
		require.NoError(t, err)
		block, err = chain.client.BlockNumber(ctx)
		require.NoError(t, err)
		return nonce, block
	}

	t.Run("not a member", func(t *testing.T) {
		nonce, block := state(outsider)
		_, err := l.RelayConsentBatch(ctx, outsider, purposeGrants(t, d, 2))
		require.ErrorIs(t, err, ErrNotMember)
		assert.ErrorContains(t, err, outsider.Address().Hex())
		assert.ErrorContains(t, err, "a member must be admitted first")
		assert.ErrorContains(t, err, "nothing was sent")
		n, b := state(outsider)
		assert.Equal(t, nonce, n, "no transaction sent")
		assert.Equal(t, block, b, "no block mined")
	})

	t.Run("retired registry", func(t *testing.T) {
		old := d.Contract
		next, _, err := DeployConsentModule(ctx, chain, deployer, l.Address(), old)
		require.NoError(t, err)
		_, _, err = l.ProposeModule(ctx, deployer, ModuleConsent, next) // the only member's vote carries it
		require.NoError(t, err)
		_, current, err := l.Modules(ctx)
		require.NoError(t, err)
		require.Equal(t, next, current)
		stale.mu.Lock()
		require.Equal(t, old, stale.modules.consent, "stale still knows the retired registry")
		stale.mu.Unlock()

		nonce, block := state(deployer)
		res, err := stale.RelayConsentBatch(ctx, deployer, purposeGrants(t, ConsentDomain{ChainID: d.ChainID, Contract: next}, 2))
		require.NoError(t, err)
		assert.Equal(t, 2, res.Recorded)
		n, b := state(deployer)
		assert.Equal(t, nonce+1, n, "one transaction, to the new registry")
		assert.Equal(t, block+1, b)
	})
}

// TestConsentChunksHalveUntilTheyFitABlock: a chunk whose gas estimate
// fails as one too big for a block (ErrGasAllowance, or a revert with no
// data when a call inside the batch runs out of gas, as geth --dev
// answered 100 first grants in a block of 11.7 million gas) is sent again
// halved, every change goes once and in order, and a revert with data, or
// an empty one from a single change, is returned as it is.
func TestConsentChunksHalveUntilTheyFitABlock(t *testing.T) {
	changes := make([]SignedConsent, 230)
	for i := range changes {
		changes[i].Nonce = uint32(i)
	}
	fits := func(chunk []SignedConsent) error {
		switch {
		case len(chunk) > 150:
			return fmt.Errorf("estimating gas: %w", ErrGasAllowance)
		case len(chunk) > 60:
			return fmt.Errorf("estimating gas: %w", &RevertError{sentinel: ErrReverted})
		}
		return nil
	}
	var sent []uint32
	var sizes []int
	err := inFittingChunks(changes, func(start int, chunk []SignedConsent) error {
		if err := fits(chunk); err != nil {
			return err
		}
		require.Equal(t, uint32(start), chunk[0].Nonce)
		for _, c := range chunk {
			sent = append(sent, c.Nonce)
		}
		sizes = append(sizes, len(chunk))
		return nil
	})
	require.NoError(t, err)
	require.Len(t, sent, len(changes))
	for i, n := range sent {
		require.Equal(t, uint32(i), n, "every change once, in order")
	}
	assert.Equal(t, []int{50, 50, 50, 50, 30}, sizes, "200 → 100 → 50, and the rest at 50")

	refusal := &RevertError{Name: "InvalidParameter", Data: []byte{1, 2, 3, 4}, sentinel: ErrInvalidParameter}
	calls := 0
	err = inFittingChunks(changes, func(int, []SignedConsent) error { calls++; return refusal })
	require.ErrorIs(t, err, ErrInvalidParameter)
	assert.Equal(t, 1, calls, "a refusal with data is the contract's, not the block's: not retried")

	err = inFittingChunks(changes[:1], func(int, []SignedConsent) error { return &RevertError{sentinel: ErrReverted} })
	require.ErrorIs(t, err, ErrReverted, "one change that reverts without data is returned")
}

// TestRegistryRefusesWhatTheRelayScreens sends chunks straight to the
// registry, past the relay's off-chain screen (screenConsent): the
// registry itself still skips another patient's signature, a malleated
// one and a copy, so a relayer without the screen records none of them.
// It checks the nonce first: a mixed-up signature on a change whose nonce
// is not the next one reads there as a replay, which is why the relay
// screens signatures.
func TestRegistryRefusesWhatTheRelayScreens(t *testing.T) {
	ctx, chain, l, deployer := soloLedger(t)
	d, err := l.ConsentDomain(ctx)
	require.NoError(t, err)

	g := purposeGrants(t, d, 3)
	forged := g[1]
	forged.Signature = g[2].Signature
	malleated := g[2]
	malleated.Signature = append([]byte(nil), g[2].Signature...)
	s := new(big.Int).SetBytes(malleated.Signature[32:64])
	copy(malleated.Signature[32:64], common.BigToHash(s.Sub(crypto.S256().Params().N, s)).Bytes())
	malleated.Signature[64] ^= 1
	mixed := g[2] // another patient's signature, filed under g[0]'s patient, whose next nonce is then 1
	mixed.Patient = g[0].Patient
	outcomes, _, err := l.relayConsentChunk(ctx, deployer, []SignedConsent{g[0], forged, malleated, g[0], mixed})
	require.NoError(t, err)
	assert.Equal(t, []ConsentOutcome{ConsentRecorded, ConsentSkippedBadSignature, ConsentSkippedBadSignature, ConsentSkippedInvalidNonce, ConsentSkippedInvalidNonce}, outcomes)

	now, err := chain.HeadTime(ctx)
	require.NoError(t, err)
	logged := make([]SignedConsent, 2)
	for i := range logged {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		logged[i], err = SignConsent(key, d, ConsentChange{Scope: ConsentScope{Purpose: crypto.Keccak256Hash([]byte("gas"))}, Granted: true, Expiry: now.Add(time.Hour), IssuedAt: now})
		require.NoError(t, err)
	}
	forgedLog := logged[1]
	forgedLog.Signature = logged[0].Signature
	outcomes, _, err = l.logConsentChunk(ctx, deployer, d, []SignedConsent{logged[0], forgedLog, logged[0]})
	require.NoError(t, err)
	assert.Equal(t, []ConsentOutcome{ConsentRecorded, ConsentSkippedBadSignature, ConsentSkippedDuplicate}, outcomes)
}
