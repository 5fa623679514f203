package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/audit"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

// errAuditMismatch makes `cohort audit` exit non-zero when a round fails.
var errAuditMismatch = errors.New("the audit found rounds that do not match the chain")

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("audit", "audit --eth-rpc URL --contract ADDR --study S --store DIR [--json]", stderr)
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	contract := fs.String("contract", "", "address of the Cohort contract (required)")
	id := fs.Uint64("study", 0, "study id (required)")
	storeDir := fs.String("store", "", "blob store directory: the coordinator's, or a copy of it (required)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *rpcURL == "" || *contract == "" || *id == 0 || *storeDir == "" {
		fmt.Fprintln(stderr, "--eth-rpc, --contract, --study and --store are required")
		fs.Usage()
		return errUsage
	}
	contractAddr, err := contracts.ParseAddress(*contract)
	if err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	if st, err := os.Stat(*storeDir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "--store: %s is not a directory; give the coordinator's blob store (its data directory's store) or a copy\n", *storeDir)
		return errUsage
	}
	store, err := coordinator.OpenStore(*storeDir)
	if err != nil {
		return err
	}
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute) // a full recomputation of every round
	defer cancel()
	chain, ledger, err := contracts.DialLedger(ctx, *rpcURL, contractAddr)
	if err != nil {
		return err
	}
	defer chain.Close()
	stop := evaluation.NoteWhile(stderr, evaluation.NoteEvery, "auditing")
	rep, err := audit.Study(ctx, ledger, store, scheme, *id)
	stop()
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, rep)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	if !rep.OK {
		return errAuditMismatch
	}
	return nil
}
