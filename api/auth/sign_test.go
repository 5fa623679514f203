package auth

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

func TestSignVerify(t *testing.T) {
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	other, err := crypto.GenerateKey()
	require.NoError(t, err)
	content := crypto.Keccak256Hash([]byte("update bytes"))
	signed, err := Sign(key, 7, 2, KindUpdate, content)
	require.NoError(t, err)

	addr, err := Verify(signed, 7, 2, KindUpdate, content)
	require.NoError(t, err)
	require.Equal(t, crypto.PubkeyToAddress(key.PublicKey), addr)

	// The malleable twin: S → n−S with the recovery id flipped also
	// recovers the same key; it must be refused.
	n := crypto.S256().Params().N
	twin := append([]byte(nil), signed.Signature...)
	hiS := new(big.Int).Sub(n, new(big.Int).SetBytes(twin[32:64]))
	hiS.FillBytes(twin[32:64])
	twin[64] ^= 1
	malleated := &cohortv1.Signed{Signer: signed.Signer, Signature: twin}
	forged := &cohortv1.Signed{Signer: crypto.PubkeyToAddress(other.PublicKey).Bytes(), Signature: signed.Signature}
	tests := []struct {
		name    string
		s       *cohortv1.Signed
		study   uint64
		round   uint32
		kind    string
		content common.Hash
	}{
		{"another study", signed, 8, 2, KindUpdate, content},
		{"another round (replay)", signed, 7, 3, KindUpdate, content},
		{"another kind", signed, 7, 2, KindEvaluation, content},
		{"other content", signed, 7, 2, KindUpdate, crypto.Keccak256Hash([]byte("x"))},
		{"claims another signer", forged, 7, 2, KindUpdate, content},
		{"malleable twin (high S)", malleated, 7, 2, KindUpdate, content},
		{"unsigned", nil, 7, 2, KindUpdate, content},
		{"short signature", &cohortv1.Signed{Signer: signed.Signer, Signature: signed.Signature[:10]}, 7, 2, KindUpdate, content},
		{"short signer", &cohortv1.Signed{Signer: signed.Signer[:4], Signature: signed.Signature}, 7, 2, KindUpdate, content},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Verify(tt.s, tt.study, tt.round, tt.kind, tt.content)
			require.ErrorIs(t, err, ErrBadSignature)
		})
	}
}

// The moments phase's contents bind what they say they bind: a change of
// session, count, ciphertext, sum or share gives another content hash.
func TestMomentsContents(t *testing.T) {
	s1, s2 := []byte("session one"), []byte("session two")
	h1, h2 := common.Hash{1}, common.Hash{2}
	contents := map[string]common.Hash{
		"count":               MomentsCountContent(s1, 10),
		"count, other value":  MomentsCountContent(s1, 11),
		"count, other run":    MomentsCountContent(s2, 10),
		"moments":             MomentsContent(s1, h1),
		"moments, other ct":   MomentsContent(s1, h2),
		"moments, other run":  MomentsContent(s2, h1),
		"share":               MomentsShareContent(h1, []uint64{1, 2}, []byte("share")),
		"share, other sum":    MomentsShareContent(h2, []uint64{1, 2}, []byte("share")),
		"share, other share":  MomentsShareContent(h1, []uint64{1, 2}, []byte("other")),
		"share, other points": MomentsShareContent(h1, []uint64{1, 3}, []byte("share")),
		"two shares":          MomentsShareContent(h1, []uint64{1, 2}, []byte("share"), []byte("other")),
		"update of same hash": h1,
	}
	seen := map[common.Hash]string{}
	for name, c := range contents {
		other, dup := seen[c]
		require.False(t, dup, "%s and %s have the same content hash", name, other)
		seen[c] = name
	}
	require.Equal(t, MomentsCountContent(s1, 10), MomentsCountContent([]byte("session one"), 10), "deterministic")
}

// A decline binds its phase and its reason: neither can be moved to
// another, nor the boundary between them shifted.
func TestDeclineContent(t *testing.T) {
	contents := map[string]common.Hash{
		"decrypt, behind":      DeclineContent("decrypt", "behind"),
		"score, behind":        DeclineContent("score", "behind"),
		"decrypt, other":       DeclineContent("decrypt", "other"),
		"boundary shifted":     DeclineContent("decryptb", "ehind"),
		"decrypt, no reason":   DeclineContent("decrypt", ""),
		"moments-share kind":   MomentsCountContent([]byte("decrypt"), 0),
		"content of same text": crypto.Keccak256Hash([]byte("decryptbehind")),
	}
	seen := map[common.Hash]string{}
	for name, c := range contents {
		other, dup := seen[c]
		require.False(t, dup, "%s and %s have the same content hash", name, other)
		seen[c] = name
	}
	require.Equal(t, DeclineContent("decrypt", "behind"), DeclineContent("decrypt", "behind"), "deterministic")
}

// A blob or chunk read signature names the blob, the chunks and the
// certificate it comes over: any other of them is another content, so a
// request replayed over another connection, or for other blobs or chunks
// (however the same bytes are split between hashes and chunks), does not
// verify.
func TestReadContentsBindEveryField(t *testing.T) {
	blob, other := common.Hash{1}, common.Hash{2}
	fp, otherFP := common.Hash{3}, common.Hash{4}
	base := BlobReadContent(blob, fp)
	require.NotEqual(t, base, BlobReadContent(other, fp))
	require.NotEqual(t, base, BlobReadContent(blob, otherFP))

	hashes := [][]byte{blob.Bytes(), other.Bytes()}
	chunks := ChunkReadContent(hashes, []uint32{0, 3}, fp)
	for name, c := range map[string]common.Hash{
		"another certificate":     ChunkReadContent(hashes, []uint32{0, 3}, otherFP),
		"other chunks":            ChunkReadContent(hashes, []uint32{0, 4}, fp),
		"the vectors reordered":   ChunkReadContent([][]byte{other.Bytes(), blob.Bytes()}, []uint32{0, 3}, fp),
		"one vector fewer":        ChunkReadContent(hashes[:1], []uint32{0, 3}, fp),
		"bytes moved to a vector": ChunkReadContent([][]byte{blob.Bytes(), append(other.Bytes(), 0, 0, 0, 0)}, []uint32{3}, fp),
		"a blob read of the same": BlobReadContent(blob, fp),
	} {
		require.NotEqual(t, chunks, c, name)
	}
}

// Each claim a join makes of its key is its own content, none the join's
// own (JoinContent): a signature over one is no signature over another.
func TestJoinKeyContentBindsTheClaims(t *testing.T) {
	fp := common.HexToHash("0xf1")
	seen := map[common.Hash]string{JoinContent("h1", fp): "the join"}
	for _, c := range []struct {
		noKey bool
		epoch uint32
	}{{false, 0}, {true, 0}, {false, 1}, {true, 1}, {false, 2}} {
		h := JoinKeyContent("h1", fp, c.noKey, c.epoch)
		name := fmt.Sprintf("holds no key %t, epoch %d", c.noKey, c.epoch)
		require.NotContains(t, seen, h, "%s signs what %s does", name, seen[h])
		seen[h] = name
	}
}
