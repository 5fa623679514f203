package auth_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// Fuzz targets for the signature and sealing checks applied to network
// input. Seed corpora live in testdata/fuzz/<Target>; regenerate them with
//
//	go test ./api/auth -run TestFuzzSeedCorpus -update-fuzz-corpus

var updateFuzzCorpus = flag.Bool("update-fuzz-corpus", false, "rewrite the seed corpora in testdata/fuzz")

// fuzzKeyHex is a fixed throw-away secp256k1 key, so that seeds carry
// signatures that verify. It protects nothing.
const fuzzKeyHex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

// FuzzVerify decodes a Signed message from arbitrary bytes and verifies it
// against an arbitrary study, round, kind and content hash. Verify must not
// panic, must fail only with ErrBadSignature, and when it succeeds the
// signature must recover to the claimed signer and be bound to exactly that
// study, round, kind and content.
func FuzzVerify(f *testing.F) {
	f.Fuzz(func(t *testing.T, signed []byte, study uint64, round uint32, kind string, content []byte) {
		var s cohortv1.Signed
		if err := proto.Unmarshal(signed, &s); err != nil {
			return
		}
		h := common.BytesToHash(content)
		addr, err := auth.Verify(&s, study, round, kind, h)
		if err != nil {
			require.ErrorIs(t, err, auth.ErrBadSignature)
			return
		}
		require.Equal(t, common.BytesToAddress(s.Signer), addr)
		pub, err := crypto.SigToPub(auth.Digest(study, round, kind, h).Bytes(), s.Signature)
		require.NoError(t, err)
		require.Equal(t, addr, crypto.PubkeyToAddress(*pub))

		moved := []struct {
			name    string
			study   uint64
			round   uint32
			kind    string
			content common.Hash
		}{
			{"another study", study + 1, round, kind, h},
			{"another round", study, round + 1, kind, h},
			{"another kind", study, round, kind + "x", h},
			{"other content", study, round, kind, flipFirst(h)},
		}
		for _, m := range moved {
			_, err := auth.Verify(&s, m.study, m.round, m.kind, m.content)
			require.ErrorIs(t, err, auth.ErrBadSignature, "a signature verified for %s", m.name)
		}
		_, err = auth.Verify(nil, study, round, kind, h)
		require.ErrorIs(t, err, auth.ErrBadSignature)
	})
}

func flipFirst(h common.Hash) common.Hash {
	h[0] ^= 1
	return h
}

// FuzzOpen opens arbitrary bytes as a message sealed to a fixed key: it must
// not panic and must fail with ErrSealed unless the bytes are a real seal.
func FuzzOpen(f *testing.F) {
	key, err := crypto.HexToECDSA(fuzzKeyHex)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, sealed []byte) {
		msg, err := auth.Open(key, sealed)
		if err != nil {
			require.ErrorIs(t, err, auth.ErrSealed)
			return
		}
		// Only the seeds are real seals; their plaintexts are known.
		require.True(t, bytes.HasPrefix(msg, []byte("seed:")), "opened a forged seal: %q", msg)
	})
}

// TestFuzzSeedCorpus checks that the fuzz targets have seed corpora and,
// with -update-fuzz-corpus, rewrites them.
func TestFuzzSeedCorpus(t *testing.T) {
	targets := []string{"FuzzVerify", "FuzzOpen"}
	if !*updateFuzzCorpus {
		for _, target := range targets {
			entries, err := os.ReadDir(filepath.Join("testdata", "fuzz", target))
			require.NoError(t, err, "seed corpus missing; run with -update-fuzz-corpus")
			require.NotEmpty(t, entries, target)
		}
		return
	}
	key, err := crypto.HexToECDSA(fuzzKeyHex)
	require.NoError(t, err)
	content := crypto.Keccak256Hash([]byte("ciphertext"))
	marshal := func(s *cohortv1.Signed) []byte {
		b, err := proto.Marshal(s)
		require.NoError(t, err)
		return b
	}
	for i, kind := range []string{auth.KindJoin, auth.KindUpdate, auth.KindDecryptShare, auth.KindEvaluation, auth.KindPublicKey} {
		s, err := auth.Sign(key, 7, uint32(i), kind, content)
		require.NoError(t, err)
		writeFuzzSeed(t, "FuzzVerify", "valid-"+kind, marshal(s), uint64(7), uint32(i), kind, content.Bytes())
		short := proto.Clone(s).(*cohortv1.Signed)
		short.Signature = short.Signature[:64]
		writeFuzzSeed(t, "FuzzVerify", "short-signature-"+kind, marshal(short), uint64(7), uint32(i), kind, content.Bytes())
	}
	s, err := auth.Sign(key, 7, 1, auth.KindUpdate, content)
	require.NoError(t, err)
	badV := proto.Clone(s).(*cohortv1.Signed)
	badV.Signature[64] = 9
	writeFuzzSeed(t, "FuzzVerify", "bad-recovery-id", marshal(badV), uint64(7), uint32(1), auth.KindUpdate, content.Bytes())
	other := proto.Clone(s).(*cohortv1.Signed)
	other.Signer = common.HexToAddress("0x00000000000000000000000000000000000000aa").Bytes()
	writeFuzzSeed(t, "FuzzVerify", "wrong-signer", marshal(other), uint64(7), uint32(1), auth.KindUpdate, content.Bytes())
	writeFuzzSeed(t, "FuzzVerify", "empty", []byte{}, uint64(0), uint32(0), "", []byte{})

	for i, msg := range []string{"seed:short", "seed:" + strings.Repeat("share", 200)} {
		sealed, err := auth.SealTo(&key.PublicKey, []byte(msg))
		require.NoError(t, err)
		writeFuzzSeed(t, "FuzzOpen", fmt.Sprintf("sealed-%d", i), sealed)
		writeFuzzSeed(t, "FuzzOpen", fmt.Sprintf("truncated-%d", i), sealed[:len(sealed)-1])
	}
	writeFuzzSeed(t, "FuzzOpen", "uncompressed-point-only", crypto.FromECDSAPub(&key.PublicKey))
	writeFuzzSeed(t, "FuzzOpen", "empty", []byte{})
}

// writeFuzzSeed writes one seed in the go test fuzz v1 corpus format.
func writeFuzzSeed(t *testing.T, target, name string, values ...any) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	var sb strings.Builder
	sb.WriteString("go test fuzz v1\n")
	for _, v := range values {
		switch v := v.(type) {
		case []byte:
			fmt.Fprintf(&sb, "[]byte(%q)\n", v)
		case string:
			fmt.Fprintf(&sb, "string(%q)\n", v)
		case uint64:
			fmt.Fprintf(&sb, "uint64(%d)\n", v)
		case uint32:
			fmt.Fprintf(&sb, "uint32(%d)\n", v)
		default:
			t.Fatalf("no corpus encoding for %T", v)
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644))
}
