package coordinator

import (
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

func pkShare(t *testing.T, p party, study uint64, round uint32, share []byte) *cohortv1.PublicKeyShareSubmission {
	t.Helper()
	signed, err := auth.Sign(p.key, study, round, auth.KindPublicKey, crypto.Keccak256Hash(share))
	require.NoError(t, err)
	return &cohortv1.PublicKeyShareSubmission{StudyId: study, Share: share, Auth: signed}
}

func TestKeyGenStepAsksEveryMember(t *testing.T) {
	ps := newParties(t, 3)
	ledger := common.HexToAddress("0x1234")
	st := newKeyGenStep(stepStudy, ledger, addressesOf(ps))
	sent := sentTo(st.start())
	require.Len(t, sent, 3)
	for _, p := range ps {
		task := sent[p.addr][0].GetKeyGen()
		require.NotNil(t, task)
		crs := protocol.KeyGenCRS(stepStudy, ledger, addressesOf(ps))
		assert.Equal(t, crs[:], task.GetCrsSeed(), "the CRS is recomputable from public data")
		assert.Len(t, task.GetParticipants(), 3)
		assert.Equal(t, sent[p.addr], st.tasks[p.addr], "kept to send again on a re-join")
	}
	other := protocol.KeyGenCRS(stepStudy, ledger, addressesOf(ps[:2]))
	assert.NotEqual(t, st.crs, other, "the CRS is bound to the members")
}

func TestKeyGenStepRefusesHostileShares(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	st := newKeyGenStep(stepStudy, common.Address{}, addressesOf(ps))
	_, err := deliverTo(st, st.receive, pkShare(t, ps[0], stepStudy, 0, []byte("share 0")))
	require.NoError(t, err)

	swapped := pkShare(t, ps[1], stepStudy, 0, []byte("share 1"))
	swapped.Share = []byte("another share")
	unsigned := pkShare(t, ps[1], stepStudy, 0, []byte("share 1"))
	unsigned.Auth = nil
	tests := []struct {
		name string
		req  *cohortv1.PublicKeyShareSubmission
		want error
	}{
		{"stranger", pkShare(t, stranger, stepStudy, 0, []byte("x")), ErrNotParticipant},
		{"replay", pkShare(t, ps[0], stepStudy, 0, []byte("share 0")), ErrDuplicate},
		{"second share", pkShare(t, ps[0], stepStudy, 0, []byte("share 0'")), ErrDuplicate},
		{"signature over another share", swapped, auth.ErrBadSignature},
		{"unsigned", unsigned, auth.ErrBadSignature},
		{"signed for round 1", pkShare(t, ps[1], stepStudy, 1, []byte("share 1")), auth.ErrBadSignature},
		{"another study", pkShare(t, ps[1], stepStudy+1, 0, []byte("share 1")), auth.ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1, "nothing more recorded")
		})
	}
	// Signed for the study but sent as another's.
	moved := pkShare(t, ps[1], stepStudy, 0, []byte("share 1"))
	moved.StudyId = stepStudy + 1
	_, err = st.receive(moved)
	assert.ErrorIs(t, err, ErrWrongPhase)
}

func TestKeyGenStepFinishes(t *testing.T) {
	ps := newParties(t, 2)
	st := newKeyGenStep(stepStudy, common.Address{}, addressesOf(ps))
	_, _, err := st.finish(plainSummer{})
	assert.ErrorIs(t, err, ErrStalled, "not before every share is in")

	rd, err := deliverTo(st, st.receive, pkShare(t, ps[1], stepStudy, 0, []byte("share 1")))
	require.NoError(t, err)
	assert.False(t, rd.complete)
	rd, err = deliverTo(st, st.receive, pkShare(t, ps[0], stepStudy, 0, []byte("share 0")))
	require.NoError(t, err)
	assert.True(t, rd.complete, "complete once every member answered")

	rd, h, err := st.finish(plainSummer{})
	require.NoError(t, err)
	require.Len(t, rd.blobs, 1)
	assert.Equal(t, aggregation.ContentHash(rd.blobs[0]), h, "the key is stored under its hash")
	require.Len(t, rd.chain, 1)
	assert.Equal(t, h, *rd.chain[0].publicKeyHash, "and its hash goes on chain")
	assert.Empty(t, rd.send)
}

func TestKeyGenStepRefusesMalformedShares(t *testing.T) {
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	ps := newParties(t, 2)
	st := newKeyGenStep(stepStudy, common.Address{}, addressesOf(ps))
	for _, p := range ps {
		_, err := deliverTo(st, st.receive, pkShare(t, p, stepStudy, 0, []byte("not a public-key share")))
		require.NoError(t, err)
	}
	_, _, err = st.finish(homomorphicSummer{scheme: scheme})
	assert.ErrorIs(t, err, ErrMalformed)
}

func TestReadyForKeys(t *testing.T) {
	ps := newParties(t, 4)
	a := addressesOf(ps)
	conn := func(ps ...common.Address) map[common.Address]bool {
		out := map[common.Address]bool{}
		for _, p := range ps {
			out[p] = true
		}
		return out
	}
	tests := []struct {
		name      string
		onChain   []common.Address
		connected map[common.Address]bool
		want      bool
	}{
		{"all three on chain and connected", a[:3], conn(a[:3]...), true},
		{"one on chain not connected", a[:3], conn(a[0], a[1], a[3]), false},
		{"connected but not yet on chain in this read", a[:2], conn(a[:3]...), false},
		{"a fourth on chain waits for it to connect", a, conn(a[:3]...), false},
		{"more than wanted, all connected", a, conn(a...), true},
		{"too few", a[:2], conn(a[:2]...), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, readyForKeys(3, tt.onChain, tt.connected))
		})
	}
}

// A public-key share names its party; the key's party list is what every
// holder's threshold dealing must match. A hospital that names another
// party (a phantom, or another member) would have the coordinator record
// a key set that no dealing matches, or fail on a duplicate nobody is
// blamed for: key generation stalls. The coordinator refuses a share whose
// party is not its sender's dealer id, naming the sender.
func TestKeyGenStepRefusesAShareNamingAnotherParty(t *testing.T) {
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	ps := newParties(t, 2)
	crs := protocol.KeyGenCRS(stepStudy, common.Address{}, addressesOf(ps))
	shareOf := func(id aggregation.PartyID) []byte {
		pks, err := scheme.GenPublicKeyShare(scheme.GenSecretShareFor(id), crs)
		require.NoError(t, err)
		b, err := pks.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	own := func(p party) aggregation.PartyID { return aggregation.DealerID(stepStudy, p.addr.Bytes()) }
	for name, named := range map[string]aggregation.PartyID{"a phantom": aggregation.PartyIDOf([]byte("phantom")), "another member": own(ps[1])} {
		t.Run(name, func(t *testing.T) {
			st := newKeyGenStep(stepStudy, common.Address{}, addressesOf(ps))
			_, err := deliverTo(st, st.receive, pkShare(t, ps[0], stepStudy, 0, shareOf(named)))
			require.NoError(t, err)
			_, err = deliverTo(st, st.receive, pkShare(t, ps[1], stepStudy, 0, shareOf(own(ps[1]))))
			require.NoError(t, err)
			_, _, err = st.finish(homomorphicSummer{scheme: scheme})
			require.ErrorIs(t, err, ErrMalformed)
			assert.ErrorContains(t, err, ps[0].addr.Hex(), "the sender is named")
		})
	}
}
