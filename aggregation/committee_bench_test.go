package aggregation

import (
	"fmt"
	"testing"
	"time"
)

// committeeBenchSizes are the (parties, committee) pairs the committee
// benchmarks measure; c = n is the old every-party-holds layout.
var committeeBenchSizes = []struct{ n, c int }{{10, 10}, {30, 10}, {100, 10}, {30, 30}}

// committeeThreshold is the benchmarks' decryption threshold: a majority of the committee.
func committeeThreshold(c int) int { return c/2 + 1 }

// committeePoints spreads c committee members among n parties at points 1..n.
func committeePoints(n, c int) []ShamirPoint {
	points := make([]ShamirPoint, c)
	for i := range points {
		points[i] = ShamirPoint(i*(n/c) + 1)
	}
	return points
}

// benchDeal runs key generation for a committee and returns every holder's
// share and the figures: seconds and bytes per dealer and per holder.
func benchDeal(b *testing.B, f *fixture, threshold int, points []ShamirPoint) (tsks map[ShamirPoint]*ThresholdSecretShare, dealSec, aggSec float64, shareBytes int) {
	b.Helper()
	inbox := map[ShamirPoint][]*ThresholdShare{}
	start := time.Now()
	for _, p := range f.parties {
		shares, err := f.s.GenThresholdShares(p.sk, threshold, points)
		if err != nil {
			b.Fatal(err)
		}
		for pt, sh := range shares {
			raw, err := sh.MarshalBinary()
			if err != nil {
				b.Fatal(err)
			}
			shareBytes = len(raw)
			var back ThresholdShare
			if err := back.UnmarshalBinary(raw); err != nil {
				b.Fatal(err)
			}
			inbox[pt] = append(inbox[pt], &back)
		}
	}
	dealSec = time.Since(start).Seconds() / float64(len(f.parties))
	tsks = map[ShamirPoint]*ThresholdSecretShare{}
	start = time.Now()
	for _, pt := range points {
		tsk, err := f.s.AggregateThresholdShares(f.pk, f.parties[pt-1].sk.ID(), pt, inbox[pt])
		if err != nil {
			b.Fatal(err)
		}
		tsks[pt] = tsk
		delete(inbox, pt)
	}
	aggSec = time.Since(start).Seconds() / float64(len(points))
	return tsks, dealSec, aggSec, shareBytes
}

// BenchmarkCommitteeKeyGen is threshold key generation with a committee of
// c holders among n parties: every party deals c shares of its key (n·c in
// all), every holder aggregates n. It reports per dealer and per holder
// seconds (one core each, as the parties run in parallel) and bytes, and
// the total bytes relayed by the coordinator.
func BenchmarkCommitteeKeyGen(b *testing.B) {
	s := newScheme(b)
	for _, size := range committeeBenchSizes {
		b.Run(fmt.Sprintf("n=%d/c=%d", size.n, size.c), func(b *testing.B) {
			f := newFixture(b, s, size.n)
			points := committeePoints(size.n, size.c)
			for b.Loop() {
				_, dealSec, aggSec, shareBytes := benchDeal(b, f, committeeThreshold(size.c), points)
				b.ReportMetric(dealSec, "deal-s/dealer")
				b.ReportMetric(aggSec, "aggregate-s/holder")
				b.ReportMetric(float64(size.c*shareBytes)/1e6, "MB-sent/dealer")
				b.ReportMetric(float64(size.n*shareBytes)/1e6, "MB-received/holder")
				b.ReportMetric(float64(size.n*size.c*shareBytes)/1e6, "MB-total")
				b.ReportMetric(float64(size.n*size.c), "shares")
			}
		})
	}
}

// BenchmarkCommitteeReshare is the hand-over of every dealer's key from one
// committee to the next (a member left or was suspended, or rotation): t
// holders of the old committee each re-share its n keys to the c new
// points (t·c shares of n keys each); every new holder aggregates t.
func BenchmarkCommitteeReshare(b *testing.B) {
	s := newScheme(b)
	for _, size := range committeeBenchSizes {
		b.Run(fmt.Sprintf("n=%d/c=%d", size.n, size.c), func(b *testing.B) {
			f := newFixture(b, s, size.n)
			threshold := committeeThreshold(size.c)
			old := committeePoints(size.n, size.c)
			tsks, _, _, _ := benchDeal(b, f, threshold, old)
			// The new committee: the first old holder replaced by an unused point.
			next := append(old[1:len(old):len(old)], ShamirPoint(size.n+1))
			dealers := old[1 : 1+threshold]
			for b.Loop() {
				var received []*ThresholdShare
				shareBytes := 0
				start := time.Now()
				for _, d := range dealers {
					out, err := s.GenReshareShares(tsks[d], dealers, threshold, next)
					if err != nil {
						b.Fatal(err)
					}
					for pt, sh := range out {
						raw, err := sh.MarshalBinary()
						if err != nil {
							b.Fatal(err)
						}
						shareBytes = len(raw)
						if pt == next[len(next)-1] { // one holder's inbox is enough to time the aggregation
							var back ThresholdShare
							if err := back.UnmarshalBinary(raw); err != nil {
								b.Fatal(err)
							}
							received = append(received, &back)
						}
					}
				}
				dealSec := time.Since(start).Seconds() / float64(len(dealers))
				start = time.Now()
				if _, err := s.AggregateReshareShares(f.parties[0].sk.ID(), next[len(next)-1], received); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(dealSec, "reshare-s/dealer")
				b.ReportMetric(time.Since(start).Seconds(), "aggregate-s/holder")
				b.ReportMetric(float64(size.c*shareBytes)/1e6, "MB-sent/dealer")
				b.ReportMetric(float64(threshold*shareBytes)/1e6, "MB-received/holder")
				b.ReportMetric(float64(threshold*size.c*shareBytes)/1e6, "MB-total")
				b.ReportMetric(float64(threshold*size.c), "shares")
			}
		})
	}
}
