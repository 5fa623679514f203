package contracts

import (
	"context"
	"testing"

	"golang.org/x/sync/errgroup"
)

// grantsPerHospital is one hospital's consent grants in a 100-hospital
// set-up: cohort bench round --participants 100 relays 31,948, each
// hospital's in one RelayConsentBatch.
const grantsPerHospital = 320

// BenchmarkConsentRelayScreen measures the relay's off-chain screen
// (screenConsent: each change's EIP-712 digest and ecrecover, then the
// search for copies) before a hospital's grants are sent, against sending
// them (relayConsentChunk in fitting chunks, what RelayConsentBatch does
// after the screen) on a simulated chain:
//
//   - screen/hospital: one hospital's 320 grants;
//   - screen/100-hospitals: a 100-hospital set-up's 32,000 grants, the
//     hospitals in parallel as the local studies relay them;
//   - send/hospital: the same 320 grants sent without the screen.
//
// Run with go test ./contracts -run '^$' -bench ConsentRelayScreen -benchtime 5x.
func BenchmarkConsentRelayScreen(b *testing.B) {
	_, _, l, relayer := soloLedger(b)
	ctx := context.Background() // soloLedger's ends after 30 s; signing 32,000 grants takes some of it
	d, err := l.ConsentDomain(ctx)
	if err != nil {
		b.Fatal(err)
	}
	hospital := purposeGrants(b, d, grantsPerHospital)
	perChange := func(b *testing.B, changes int) {
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*changes), "µs/change")
	}

	b.Run("screen/hospital", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := l.screenConsent(ctx, hospital); err != nil {
				b.Fatal(err)
			}
		}
		perChange(b, grantsPerHospital)
	})

	b.Run("screen/100-hospitals", func(b *testing.B) {
		hospitals := make([][]SignedConsent, 100)
		for i := range hospitals {
			hospitals[i] = purposeGrants(b, d, grantsPerHospital)
		}
		for b.Loop() {
			var g errgroup.Group
			for _, grants := range hospitals {
				g.Go(func() error {
					_, _, err := l.screenConsent(ctx, grants)
					return err
				})
			}
			if err := g.Wait(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/set-up")
		perChange(b, 100*grantsPerHospital)
	})

	b.Run("send/hospital", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			grants := purposeGrants(b, d, grantsPerHospital) // new patients: a grant is sent once
			b.StartTimer()
			err := inFittingChunks(grants, func(_ int, chunk []SignedConsent) error {
				_, _, err := l.relayConsentChunk(ctx, relayer, chunk)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		perChange(b, grantsPerHospital)
	})
}
