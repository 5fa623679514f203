package aggregation

import (
	"encoding"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

// Fuzz targets for every decoder of network input in this package. Each
// asserts that decoding never panics, that a failure wraps ErrMalformed,
// that an accepted encoding re-encodes to the same bytes (encodings are
// canonical: that is what makes Hash a commitment), and that the Scheme
// methods a daemon calls next on a decoded value refuse it cleanly.
//
// Seed corpora live in testdata/fuzz/<Target>; regenerate them with
//
//	go test ./aggregation -run TestFuzzSeedCorpus -update-fuzz-corpus
//
// Run one target with, for example,
//
//	go test ./aggregation -run '^$' -fuzz '^FuzzEncryptedVectorUnmarshal$' -fuzztime 20s

var updateFuzzCorpus = flag.Bool("update-fuzz-corpus", false, "rewrite the seed corpora in testdata/fuzz from freshly made values")

// fuzzConfig is the smallest Config NewScheme accepts, so that fuzz inputs
// carrying real values stay around 100 KB.
func fuzzConfig() Config {
	return Config{LogN: 12, LogQ: []int{40, 30}, LogP: []int{35}, LogDefaultScale: 30, SmudgingSigma: 1 << 10}
}

// fuzzWorld is one small study: a scheme, three parties' keys, a fresh
// update, its aggregate and the shares that decrypt it. It is built once
// per process and only read afterwards.
type fuzzWorld struct {
	s        *Scheme
	crs      [32]byte
	sks      []*SecretShare
	pk       *PublicKey
	pkShares []*PublicKeyShare
	fresh    *EncryptedVector
	agg      *EncryptedVector
	dec      []*DecryptionShare
	dealt    []*ThresholdShare // the shares each party dealt to point 1
}

var fuzzWorldOnce = sync.OnceValues(func() (*fuzzWorld, error) {
	s, err := NewScheme(fuzzConfig())
	if err != nil {
		return nil, err
	}
	w := &fuzzWorld{s: s, crs: CommonSeed([]byte("fuzz-study"))}
	points := []ShamirPoint{1, 2, 3}
	for range points {
		sk, err := s.GenSecretShare()
		if err != nil {
			return nil, err
		}
		pks, err := s.GenPublicKeyShare(sk, w.crs)
		if err != nil {
			return nil, err
		}
		w.sks = append(w.sks, sk)
		w.pkShares = append(w.pkShares, pks)
	}
	if w.pk, err = s.CombinePublicKey(w.crs, w.pkShares); err != nil {
		return nil, err
	}
	if w.fresh, err = s.Encrypt(w.sks[0], w.pk.Hash(), fuzzContext, []float64{1, -2, 3.5, 0.25}); err != nil {
		return nil, err
	}
	if w.agg, err = s.WeightedSum([]*EncryptedVector{w.fresh}, []float64{0.5}); err != nil {
		return nil, err
	}
	ds, err := s.GenDecryptionShare(w.sks[0], w.agg)
	if err != nil {
		return nil, err
	}
	w.dec = append(w.dec, ds)
	for _, sk := range w.sks {
		dealt, err := s.GenThresholdShares(sk, 2, points)
		if err != nil {
			return nil, err
		}
		w.dealt = append(w.dealt, dealt[1])
	}
	return w, nil
})

// fuzzContext is the encryption context of the fuzz world's updates.
var fuzzContext = NewEncryptionContext(7, "train", 1)

func newFuzzWorld(tb testing.TB) *fuzzWorld {
	tb.Helper()
	w, err := fuzzWorldOnce()
	require.NoError(tb, err)
	return w
}

func mustMarshal(tb testing.TB, v encoding.BinaryMarshaler) []byte {
	tb.Helper()
	b, err := v.MarshalBinary()
	require.NoError(tb, err)
	return b
}

// requireCanonical checks a decoded value re-encodes to exactly the input.
func requireCanonical(t *testing.T, in []byte, v encoding.BinaryMarshaler) {
	t.Helper()
	out, err := v.MarshalBinary()
	require.NoError(t, err, "a decoded value must encode again")
	require.Equal(t, in, out, "decode then encode must give back the input bytes")
}

// requireRefusal checks that a Scheme method failed, if it did, with one of
// the package's sentinels rather than something unexplained.
func requireRefusal(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range []error{ErrParamsMismatch, ErrMalformed, ErrNilArgument, ErrEmptyInput, ErrInvalidValue, ErrInvalidWeight,
		ErrLengthMismatch, ErrLevelMismatch, ErrKeyMismatch, ErrDuplicateShare, ErrMissingShares, ErrWrongAggregate, ErrInvalidThreshold} {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%s failed without a sentinel error: %v", what, err)
}

func FuzzEncryptedVectorUnmarshal(f *testing.F) {
	w := newFuzzWorld(f)
	f.Add(mustMarshal(f, w.fresh))
	f.Add(mustMarshal(f, w.agg))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v EncryptedVector
		if err := v.UnmarshalBinary(b); err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		requireCanonical(t, b, &v)
		require.Equal(t, ContentHash(b), v.Hash())
		// What the coordinator does with an upload, and a participant with
		// an aggregate it is asked to decrypt.
		err := w.s.CheckUpdate(&v, w.pk.Hash(), fuzzContext, w.sks[1].ID(), v.Len())
		requireRefusal(t, "CheckUpdate", err)
		if err == nil {
			_, err = w.s.WeightedSum([]*EncryptedVector{&v, w.fresh}, []float64{0.5, 0.5})
			requireRefusal(t, "WeightedSum", err)
		}
		_, err = w.s.GenDecryptionShare(w.sks[0], &v)
		requireRefusal(t, "GenDecryptionShare", err)
		_, err = w.s.Decrypt(&v, w.dec)
		requireRefusal(t, "Decrypt", err)
	})
}

// FuzzVectorStream: however bytes arrive (split at the fuzzer's offsets),
// the coordinator's streaming decoder says what UnmarshalBinary says of
// them whole: the same error, or the same vector and chunk root.
func FuzzVectorStream(f *testing.F) {
	w := newFuzzWorld(f)
	f.Add(mustMarshal(f, w.fresh), uint16(1000), uint16(7))
	f.Add(mustMarshal(f, w.agg), uint16(3), uint16(60000))
	f.Fuzz(func(t *testing.T, b []byte, first, step uint16) {
		var want EncryptedVector
		wantErr := want.UnmarshalBinary(b)
		buf := make([]byte, len(b))
		s := NewVectorStream(buf)
		for off, n := 0, int(first); off < len(b); off, n = off+n, 1+int(step) {
			n = min(max(n, 1), len(b)-off)
			copy(buf[off:], b[off:off+n])
			s.Arrived(off + n)
		}
		got, err := s.Finish()
		if wantErr != nil {
			require.Error(t, err)
			require.Equal(t, wantErr.Error(), err.Error())
			return
		}
		require.NoError(t, err)
		require.Equal(t, want.Hash(), got.Hash())
		again, err := got.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, again)
	})
}

func FuzzPublicKeyShareUnmarshal(f *testing.F) {
	w := newFuzzWorld(f)
	f.Add(mustMarshal(f, w.pkShares[0]))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v PublicKeyShare
		if err := v.UnmarshalBinary(b); err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		requireCanonical(t, b, &v)
		_, err := w.s.CombinePublicKey(w.crs, []*PublicKeyShare{w.pkShares[1], w.pkShares[2], &v})
		requireRefusal(t, "CombinePublicKey", err)
	})
}

func FuzzPublicKeyUnmarshal(f *testing.F) {
	w := newFuzzWorld(f)
	f.Add(mustMarshal(f, w.pk))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v PublicKey
		if err := v.UnmarshalBinary(b); err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		requireCanonical(t, b, &v)
		require.Equal(t, crypto.Keccak256Hash(b), v.Hash(), "a decoded key's Hash must commit to its bytes")
		_, err := w.s.AggregateThresholdShares(&v, w.sks[0].ID(), 1, w.dealt)
		requireRefusal(t, "AggregateThresholdShares", err)
	})
}

func FuzzDecryptionShareUnmarshal(f *testing.F) {
	w := newFuzzWorld(f)
	f.Add(mustMarshal(f, w.dec[0]))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v DecryptionShare
		if err := v.UnmarshalBinary(b); err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		requireCanonical(t, b, &v)
		_, err := w.s.Decrypt(w.agg, []*DecryptionShare{&v})
		requireRefusal(t, "Decrypt", err)
	})
}

func FuzzThresholdShareUnmarshal(f *testing.F) {
	w := newFuzzWorld(f)
	f.Add(mustMarshal(f, w.dealt[0]))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v ThresholdShare
		if err := v.UnmarshalBinary(b); err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		requireCanonical(t, b, &v)
		_, err := w.s.AggregateThresholdShares(w.pk, w.sks[0].ID(), 1, []*ThresholdShare{&v, w.dealt[1], w.dealt[2]})
		requireRefusal(t, "AggregateThresholdShares", err)
	})
}

// TestFuzzSeedCorpus checks that every fuzz target has a seed corpus and,
// with -update-fuzz-corpus, rewrites the corpora: one real value of the
// target's type, its header alone, the value cut short, and the encoding
// of another type (each decoder must refuse the others' bytes).
func TestFuzzSeedCorpus(t *testing.T) {
	targets := []string{"FuzzEncryptedVectorUnmarshal", "FuzzPublicKeyShareUnmarshal", "FuzzPublicKeyUnmarshal",
		"FuzzDecryptionShareUnmarshal", "FuzzThresholdShareUnmarshal"}
	if !*updateFuzzCorpus {
		for _, target := range targets {
			entries, err := os.ReadDir(filepath.Join("testdata", "fuzz", target))
			require.NoError(t, err, "seed corpus missing; run with -update-fuzz-corpus")
			require.NotEmpty(t, entries, target)
		}
		return
	}
	w := newFuzzWorld(t)
	values := [][]byte{mustMarshal(t, w.agg), mustMarshal(t, w.pkShares[0]), mustMarshal(t, w.pk), mustMarshal(t, w.dec[0]), mustMarshal(t, w.dealt[0])}
	for i, target := range targets {
		own := values[i]
		other := values[(i+1)%len(values)]
		seeds := map[string][]byte{
			"real":       own,
			"header":     own[:38],
			"truncated":  own[:min(len(own)-1, 4096)],
			"other-type": other[:min(len(other), 256)],
			"empty":      {},
		}
		for name, b := range seeds {
			writeFuzzSeed(t, target, name, b)
		}
	}
}

// writeFuzzSeed writes one seed in the go test fuzz v1 corpus format.
func writeFuzzSeed(t *testing.T, target, name string, b []byte) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	var sb strings.Builder
	sb.WriteString("go test fuzz v1\n")
	fmt.Fprintf(&sb, "[]byte(%q)\n", b)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644))
}

// scoreWorld adds robust-scoring values to the fuzz world: an update of 64
// values, a reference, the update's score set and one score share.
func scoreWorld(tb testing.TB, w *fuzzWorld) (*EncryptedVector, *References, *ScoreSet, *ScoreShare) {
	tb.Helper()
	ref, vals := make([]float64, 64), make([]float64, 64)
	for i := range ref {
		ref[i], vals[i] = float64(i%7)-3, float64(i%5)-2
	}
	update, err := w.s.Encrypt(w.sks[0], w.pk.Hash(), fuzzContext, vals)
	require.NoError(tb, err)
	refs, err := w.s.NewReferences(ref, CommonSeed([]byte("fuzz")), DefaultProjectionsFor(len(ref)))
	require.NoError(tb, err)
	set, err := w.s.Score(update, refs)
	require.NoError(tb, err)
	share, err := w.s.GenScoreShare(w.sks[0], set, update, refs)
	require.NoError(tb, err)
	return update, refs, set, share
}

func FuzzScoreSetUnmarshal(f *testing.F) {
	w := newFuzzWorld(f)
	update, refs, set, _ := scoreWorld(f, w)
	f.Add(mustMarshal(f, set))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v ScoreSet
		if err := v.UnmarshalBinary(b); err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		requireCanonical(t, b, &v)
		// A share holder recomputes the set and must refuse one that differs.
		if _, err := w.s.GenScoreShare(w.sks[0], &v, update, refs); err != nil && !errors.Is(err, ErrScoreMismatch) {
			requireRefusal(t, "GenScoreShare", err)
		}
	})
}

func FuzzScoreShareUnmarshal(f *testing.F) {
	w := newFuzzWorld(f)
	_, refs, set, share := scoreWorld(f, w)
	f.Add(mustMarshal(f, share))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v ScoreShare
		if err := v.UnmarshalBinary(b); err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		requireCanonical(t, b, &v)
		if _, err := w.s.DecryptScores(set, refs, []*ScoreShare{&v}); err != nil && !errors.Is(err, ErrWrongScoreSet) {
			requireRefusal(t, "DecryptScores", err)
		}
	})
}
