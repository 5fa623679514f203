package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
)

// errDealingVerdictRefuted makes `cohort audit --dealing-evidence` exit
// non-zero when the coordinator's verdict does not re-check.
var errDealingVerdictRefuted = errors.New("the coordinator's dealing-check verdict is not supported by its evidence")

// auditDealing re-checks a failed dealing check's verdict from its
// evidence blob (coordinator.DealingEvidence) in store: of study, for the
// collective key whose hash the chain records, re-derived from the
// holders' and dealers' signatures alone (coordinator.VerifyDealingVerdict).
func auditDealing(ctx context.Context, ledger *contracts.Ledger, store *coordinator.Store, scheme *aggregation.Scheme, study uint64, blob common.Hash, stdout io.Writer) error {
	raw, err := store.Get(blob)
	if err != nil {
		return fmt.Errorf("dealing evidence %s: %w", blob.Hex(), err)
	}
	ev, err := coordinator.ParseDealingEvidence(raw)
	if err != nil {
		return err
	}
	if ev.Study != study {
		return fmt.Errorf("%w: the evidence is of study %d, not %d", errDealingVerdictRefuted, ev.Study, study)
	}
	onChain, err := ledger.Study(ctx, study)
	if err != nil {
		return err
	}
	if onChain.PublicKeyHash != ev.PublicKeyHash {
		return fmt.Errorf("%w: the evidence is of the collective key %s, the chain records %s for study %d", errDealingVerdictRefuted, ev.PublicKeyHash.Hex(), onChain.PublicKeyHash.Hex(), study)
	}
	// The re-check derives the sets at the evidence's own threshold: hold
	// it to the chain's, at key generation and at a re-sharing alike.
	if err := ev.CheckThreshold(int(onChain.Threshold)); err != nil {
		return fmt.Errorf("%w: study %d: %w", errDealingVerdictRefuted, study, err)
	}
	pk, err := store.Get(ev.PublicKeyHash)
	if err != nil {
		return fmt.Errorf("collective key %s: %w", ev.PublicKeyHash.Hex(), err)
	}
	if err := coordinator.VerifyDealingVerdict(scheme, pk, ev); err != nil {
		return fmt.Errorf("%w: %w", errDealingVerdictRefuted, err)
	}
	what := "dealing check"
	if ev.Reshare != nil {
		what = fmt.Sprintf("re-sharing's dealing check before round %d", ev.Reshare.Round)
	}
	keys := ""
	if ev.Reshare != nil && len(ev.Reshare.JoinerKeys) > 0 {
		keys = fmt.Sprintf(" and %d joining hospitals' signed public-key shares", len(ev.Reshare.JoinerKeys))
	}
	_, err = fmt.Fprintf(stdout, "%s of study %d re-checked from %d signed checks%s: %s\n", what, study, len(ev.Checks), keys, ev.Verdict)
	return err
}
