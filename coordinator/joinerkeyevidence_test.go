package coordinator

import (
	"io"
	"log/slog"
	"regexp"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// A joining hospital that signs, for its re-sharing's round, a
// public-key share that is not a share of a key of its own for the
// collective key (here another member's) is refused, and named on
// evidence kept in the coordinator's store: its signed share, which any
// hospital re-checks against the collective key (VerifyDealingVerdict)
// without the coordinator's word. Evidence forged from it is refused: the
// share altered, signed by someone else, bound to another round or
// study, the verdict cleared, or an honest joiner's share named.
func TestJoinersRefusedKeyIsNamedOnEvidence(t *testing.T) {
	ps, plan := reshareFixture(t)
	next := []party{ps[0], ps[1], ps[3]}
	joiner := ps[3]
	scheme, pk, keyShare := joinerKeyFixture(t, ps[:3])
	pkBytes, err := pk.MarshalBinary()
	require.NoError(t, err)
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	pkHash, err := store.Put(pkBytes)
	require.NoError(t, err)
	c := &Coordinator{store: store, scheme: scheme, pkHash: pkHash, cfg: Config{StudyID: stepStudy}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}

	deal := plan.dealers(plan.staying)
	nc := deal.newcomersDealing()
	refusals, err := c.joinerKeyCheck(nc, nil)
	require.NoError(t, err)
	nc.checkKey = refusals.checkSigned
	signedBy := func(share []byte, signer party, round uint32) SignedPKShare {
		signed, err := auth.Sign(signer.key, stepStudy, round, auth.KindPublicKey, crypto.Keccak256Hash(share))
		require.NoError(t, err)
		return SignedPKShare{Dealer: joiner.addr, Share: share, Signature: signed.Signature, Round: round}
	}
	sub := reshareDealing(t, joiner, 3, deal.setHash, next...)
	foreign := signedBy(keyShare(pk.CRS(), ps[1]), joiner, 3)
	sub.PublicKeyShare, sub.PublicKeyShareAuth = foreign.Share, &cohortv1.Signed{Signer: joiner.addr.Bytes(), Signature: foreign.Signature}
	_, err = deliverTo(nc, nc.receive, sub)
	require.ErrorIs(t, err, ErrMalformed)
	blob := regexp.MustCompile(`coordinator's blob (0x[0-9a-f]{64})`).FindStringSubmatch(err.Error())
	require.Len(t, blob, 2, "the refusal names the evidence: %v", err)
	assert.Contains(t, refusals.refused(), joiner.addr.Hex(), "the re-sharing's error names the joiner")
	assert.Contains(t, refusals.refused(), blob[1])
	assert.Contains(t, refusals.refused(), "Remove it from the study (a consortium member proposes its exclusion")
	assert.ErrorContains(t, err, "Its evidence, the joining hospital's public-key share as it signed it, is the coordinator's blob")
	_, again := deliverTo(nc, nc.receive, sub)
	assert.ErrorContains(t, again, blob[1], "one evidence blob per joiner")

	raw, err := store.Get(common.HexToHash(blob[1]))
	require.NoError(t, err)
	ev, err := ParseDealingEvidence(raw)
	require.NoError(t, err)
	require.NoError(t, VerifyDealingVerdict(scheme, pkBytes, ev), "every hospital re-checks the verdict from the store alone")
	assert.Equal(t, []common.Address{joiner.addr}, ev.Verdict.Inconsistent)
	assert.Equal(t, []SignedPKShare{foreign}, ev.Reshare.JoinerKeys)
	assert.Equal(t, uint32(3), ev.Reshare.Round)

	forge := func(change func(*DealingEvidence)) *DealingEvidence {
		forged := *ev
		r := *ev.Reshare
		r.JoinerKeys = slices.Clone(ev.Reshare.JoinerKeys)
		r.JoinerKeys[0].Share = slices.Clone(foreign.Share)
		forged.Reshare = &r
		change(&forged)
		return &forged
	}
	for name, forged := range map[string]*DealingEvidence{
		"the share altered":       forge(func(e *DealingEvidence) { e.Reshare.JoinerKeys[0].Share[40] ^= 1 }),
		"signed by someone else":  forge(func(e *DealingEvidence) { e.Reshare.JoinerKeys[0] = signedBy(foreign.Share, ps[0], 3) }),
		"another round":           forge(func(e *DealingEvidence) { e.Reshare.JoinerKeys[0].Round = 4 }),
		"another study":           forge(func(e *DealingEvidence) { e.Study++ }),
		"the verdict cleared":     forge(func(e *DealingEvidence) { e.Verdict = DealingFinding{} }),
		"an honest joiner framed": forge(func(e *DealingEvidence) { e.Reshare.JoinerKeys[0] = signedBy(keyShare(pk.CRS(), joiner), joiner, 3) }),
	} {
		assert.ErrorIs(t, VerifyDealingVerdict(scheme, pkBytes, forged), ErrUnsupportedVerdict, name)
	}
}
