package aggregation

import (
	"fmt"
	"math/rand/v2"
	"slices"
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

// BenchmarkThresholdScoreShares measures one committee holder's score
// shares of a round's updates, as a holder of a committee of 10 (t = 7)
// in bench round --robust gives them: for each update of 100k values,
// decoded from its encoding as fetched, the shares for each of the four
// decryption sets of 10 holders the holder is in (three for point 1):
// each update on its own (GenThresholdScoreShares), and as a score task
// gives them (the sets prepared and the masks kept once for all).
func BenchmarkThresholdScoreShares(b *testing.B) {
	s := newScheme(b)
	const holders, threshold, updates, d = 10, 7, 4, 100_000
	f := newFixture(b, s, holders)
	points := make([]ShamirPoint, holders)
	for i := range points {
		points[i] = ShamirPoint(i + 1)
	}
	dealt := make([]map[ShamirPoint]*ThresholdShare, holders)
	for i, p := range f.parties {
		var err error
		if dealt[i], err = s.GenThresholdShares(p.sk, threshold, points); err != nil {
			b.Fatal(err)
		}
	}
	var received []*ThresholdShare
	for i := range f.parties {
		received = append(received, dealt[i][points[0]])
	}
	tsk, err := s.AggregateThresholdShares(f.pk, f.parties[0].sk.ID(), points[0], received)
	if err != nil {
		b.Fatal(err)
	}
	all, err := DecryptionSets(points, threshold)
	if err != nil {
		b.Fatal(err)
	}
	var sets [][]ShamirPoint
	for _, ps := range all {
		if slices.Contains(ps, points[0]) {
			sets = append(sets, ps)
		}
	}
	r := rand.New(rand.NewPCG(21, 22))
	refs, err := s.NewReferences(randomVector(r, d, 0.1), CommonSeed([]byte("bench shares")), DefaultProjectionsFor(d))
	if err != nil {
		b.Fatal(err)
	}
	encoded := make([][]byte, updates)
	scoreSets := make([]*ScoreSet, updates)
	for i := range encoded {
		v, err := f.encrypt(randomVector(r, d, 0.1))
		if err != nil {
			b.Fatal(err)
		}
		if encoded[i], err = v.MarshalBinary(); err != nil {
			b.Fatal(err)
		}
		if scoreSets[i], err = s.Score(v, refs); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("holder 1 of %d (t = %d) in %d decryption sets, %d updates of %d values", holders, threshold, len(sets), updates, d)
	// each: GenThresholdScoreShares per update; task: as a holder's score
	// task, the sets prepared and the masks kept once for all the updates.
	for _, task := range []bool{false, true} {
		b.Run(map[bool]string{false: "each", true: "task"}[task], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				prepared, err := s.PrepareThresholdSets(tsk, sets)
				if err != nil {
					b.Fatal(err)
				}
				masks := s.NewMasks(f.ctx)
				for i, enc := range encoded {
					var v EncryptedVector // as a holder decodes each update it fetches
					if err := v.UnmarshalBinary(enc); err != nil {
						b.Fatal(err)
					}
					if !task {
						_, err = s.GenThresholdScoreShares(tsk, sets, scoreSets[i], &v, refs)
					} else {
						_, err = s.GenThresholdScoreSharesFor(prepared, masks, scoreSets[i], &v, refs)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
