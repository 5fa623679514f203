package aggregation

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/tuneinsight/lattigo/v5/core/rlwe"
	"github.com/tuneinsight/lattigo/v5/he/hefloat"
)

// medianDuration runs f reps times and returns the median wall time.
func medianDuration(b *testing.B, reps int, f func() error) time.Duration {
	b.Helper()
	ds := make([]time.Duration, reps)
	for i := range ds {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		ds[i] = time.Since(start)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[reps/2]
}

// innerSumFloor measures the cost floor of issue 7: one Lattigo inner sum
// (rotate-and-add over all N/2 slots, with a Galois key set) of one
// slot-encoded ciphertext at the Scheme's parameters, at the top level.
func innerSumFloor(b *testing.B, s *Scheme) time.Duration {
	b.Helper()
	params := s.Parameters()
	kgen := rlwe.NewKeyGenerator(params)
	sk := kgen.GenSecretKeyNew()
	slots := params.MaxSlots()
	gks := kgen.GenGaloisKeysNew(params.GaloisElementsForInnerSum(1, slots), sk)
	eval := hefloat.NewEvaluator(params, rlwe.NewMemEvaluationKeySet(nil, gks...))
	values := make([]float64, slots)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range values {
		values[i] = r.Float64()
	}
	pt := hefloat.NewPlaintext(params, params.MaxLevel())
	if err := hefloat.NewEncoder(params).Encode(values, pt); err != nil {
		b.Fatal(err)
	}
	ct, err := rlwe.NewEncryptor(params, sk).EncryptNew(pt)
	if err != nil {
		b.Fatal(err)
	}
	out := hefloat.NewCiphertext(params, 1, ct.Level())
	return medianDuration(b, 9, func() error { return eval.InnerSum(ct, 1, slots, out) })
}

// BenchmarkScoring measures robust scoring for 10 participants at 100k and
// 1M parameters against the cost floor measured in the same run, and
// reports (ms): floor (one inner sum), score/participant (the coordinator's
// Score, the loop body divided by 10), share/participant (one key holder's
// GenScoreShare, including its recomputation of the ScoreSet), aggregate
// (WeightedSum of the 10 updates) and ratio = score/participant ÷ floor.
func BenchmarkScoring(b *testing.B) {
	s := newScheme(b)
	const participants = 10
	f := newFixture(b, s, participants) // one dealer per update: WeightedSum refuses a dealer twice
	floor := innerSumFloor(b, s)
	for _, d := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("params=%dk", d/1000), func(b *testing.B) {
			r := rand.New(rand.NewPCG(uint64(d), 3))
			refs, err := s.NewReferences(randomVector(r, d, 0.1), CommonSeed([]byte("bench")), DefaultProjectionsFor(d))
			if err != nil {
				b.Fatal(err)
			}
			enc := make([]*EncryptedVector, participants)
			for i := range enc {
				if enc[i], err = f.encrypt(randomVector(r, d, 0.1)); err != nil {
					b.Fatal(err)
				}
				enc[i].Hash() // committed on upload, cached
			}
			set, err := s.Score(enc[0], refs)
			if err != nil {
				b.Fatal(err)
			}
			share := medianDuration(b, 3, func() error {
				_, err := s.GenScoreShare(f.parties[0].sk, set, enc[0], refs)
				return err
			})
			weights := make([]float64, participants)
			for i := range weights {
				weights[i] = 1.0 / participants
			}
			aggregate := medianDuration(b, 3, func() error {
				_, err := s.WeightedSum(enc, weights)
				return err
			})
			start := time.Now()
			for b.Loop() {
				for _, v := range enc {
					if _, err := s.Score(v, refs); err != nil {
						b.Fatal(err)
					}
				}
			}
			perParticipant := time.Since(start) / time.Duration(b.N*participants)
			ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
			b.ReportMetric(ms(floor), "floor-ms")
			b.ReportMetric(ms(perParticipant), "score-ms/participant")
			b.ReportMetric(ms(share), "share-ms/participant")
			b.ReportMetric(ms(aggregate), "aggregate-ms")
			b.ReportMetric(ms(perParticipant)/ms(floor), "ratio")
			b.ReportMetric(0, "ns/op")
			b.Logf("params %d, k %d: inner-sum floor %.2f ms; score %.2f ms/participant (%.2f× floor); score share %.2f ms/participant/key holder; weighted sum of %d %.2f ms",
				d, refs.Projections(), ms(floor), ms(perParticipant), ms(perParticipant)/ms(floor), ms(share), participants, ms(aggregate))
		})
	}
}
