package aggregation

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// BenchmarkDealingCheck measures the batched dealing check of n dealers'
// keys held by a committee of 10 (threshold 6, every holder asked, so 3
// decryption sets): a holder's shares for the sets it is in (ms and
// bytes), and the coordinator's building and judging of the check.
func BenchmarkDealingCheck(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("dealers=%d", n), func(b *testing.B) {
			s, err := NewScheme(DefaultConfig())
			if err != nil {
				b.Fatal(err)
			}
			const c = 10
			threshold := committeeThreshold(c)
			crs, seed := CommonSeed([]byte("bench")), CommonSeed([]byte("seed"))
			points := committeePoints(c, c)
			var pks []*PublicKeyShare
			var dealers []PartyID
			tsks := map[ShamirPoint]*ThresholdSecretShare{}
			for _, p := range points {
				tsks[p] = &ThresholdSecretShare{params: s.paramsHash, party: PartyIDOf([]byte{byte(p)}), point: p, threshold: threshold, points: points}
			}
			for range n {
				sk, err := s.GenSecretShare()
				if err != nil {
					b.Fatal(err)
				}
				pk, err := s.GenPublicKeyShare(sk, crs)
				if err != nil {
					b.Fatal(err)
				}
				dealt, err := s.GenThresholdShares(sk, threshold, points)
				if err != nil {
					b.Fatal(err)
				}
				pks, dealers = append(pks, pk), append(dealers, sk.ID())
				for p, ts := range dealt {
					i, _ := slices.BinarySearchFunc(tsks[p].keys, sk.ID(), comparePartyIDs)
					tsks[p].keys = slices.Insert(tsks[p].keys, i, sk.ID())
					tsks[p].shares = slices.Insert(tsks[p].shares, i, ts.shares[0])
				}
			}
			pk, err := s.CombinePublicKey(crs, pks)
			if err != nil {
				b.Fatal(err)
			}
			sets, err := DecryptionSets(points, threshold)
			if err != nil {
				b.Fatal(err)
			}
			var holderSec, checkSec float64
			var holderBytes, setsOfHolder int
			for range b.N {
				var shares []*DecryptionShare
				for _, p := range points {
					var mine [][]ShamirPoint
					for _, set := range sets {
						if slices.Contains(set, p) {
							mine = append(mine, set)
						}
					}
					start := time.Now()
					got, err := s.GenDealingCheckShares(tsks[p], mine, pk, seed, dealers)
					if err != nil {
						b.Fatal(err)
					}
					if p == points[0] {
						holderSec += time.Since(start).Seconds()
						setsOfHolder = len(got)
						holderBytes = 0
						for _, ds := range got {
							raw, err := ds.MarshalBinary()
							if err != nil {
								b.Fatal(err)
							}
							holderBytes += len(raw)
						}
					}
					shares = append(shares, got...)
				}
				start := time.Now()
				check, err := s.NewDealingCheck(pk, seed, pks)
				if err != nil {
					b.Fatal(err)
				}
				v, err := s.CheckDealingSets(check, shares)
				if err != nil || !v.Consistent() {
					b.Fatalf("honest dealings: %v, failed sets %v", err, v.Failed)
				}
				checkSec += time.Since(start).Seconds()
			}
			b.ReportMetric(holderSec/float64(b.N)*1e3, "holder-ms")
			b.ReportMetric(float64(holderBytes), "holder-bytes")
			b.ReportMetric(float64(setsOfHolder), "holder-sets")
			b.ReportMetric(checkSec/float64(b.N)*1e3, "coordinator-ms")
			b.ReportMetric(float64(len(sets)), "sets")
		})
	}
}
