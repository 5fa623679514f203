package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/audit"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

// errAuditMismatch makes `cohort audit` exit non-zero when a round fails
// or could not be checked.
var errAuditMismatch = errors.New("the audit found rounds that do not match the chain, or could not check them")

// errAuditNotCrossChecked makes `cohort audit --require-cross-check` exit
// non-zero when a round's model, or the moments sum the pooled
// standardiser comes from, was decrypted by a single set of holders.
var errAuditNotCrossChecked = errors.New("the audit found decryptions by a single decryption set (a round's model, or the moments sum the pooled standardiser comes from): not cross-checked, so one lying holder among the t could have shifted it")

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("audit", "audit --eth-rpc URL --contract ADDR --study S --store DIR [--json] [--require-cross-check] [--dealing-evidence HASH]", stderr)
	chainArgs := addChainFlags(fs)
	rpcURL, contract := chainArgs.rpc, chainArgs.contract
	id := fs.Uint64("study", 0, "study id (required)")
	storeDir := fs.String("store", "", "the coordinator's blob store: its data_dir (or data_dir/blobs), or a copy of it (required)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	requireCrossCheck := fs.Bool("require-cross-check", false, "also fail (exit 1) when a round's model, or the moments sum of a pooled standardiser, was decrypted by a single set of holders, with no second set to compare (without it such a decryption is named, not failed)")
	dealing := fs.String("dealing-evidence", "", "instead of the rounds, re-check a failed dealing check's verdict from its evidence blob (the hash the coordinator's error gives)")
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
	var dealingBlob common.Hash
	if *dealing != "" {
		b, err := hex.DecodeString(strings.TrimPrefix(*dealing, "0x"))
		if err != nil || len(b) != common.HashLength {
			fmt.Fprintf(stderr, "--dealing-evidence %q: want the evidence blob's 32-byte hash in hex, as the coordinator's error gives it\n", *dealing)
			return errUsage
		}
		dealingBlob = common.Hash(b)
	}
	store, err := openBlobStore(*storeDir)
	if err != nil {
		fmt.Fprintf(stderr, "--store: %v\n", err)
		return errUsage
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
	if *dealing != "" {
		return auditDealing(ctx, ledger, store, scheme, *id, dealingBlob, stdout)
	}
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
	return auditVerdict(rep, *requireCrossCheck)
}

// auditVerdict is the audit's exit: a mismatch or an incomplete round
// (or moments phase) fails it; a round whose model, or a moments sum,
// was not cross-checked only when requireCrossCheck. Not by default: a study whose holders are exactly its
// threshold is allowed (and n-of-n shares are one set), no later audit can
// change how a past round was decrypted, and the exit code otherwise
// means that the record contradicts the chain, which it does not.
func auditVerdict(rep *audit.Report, requireCrossCheck bool) error {
	if !rep.OK {
		return errAuditMismatch
	}
	if !requireCrossCheck {
		return nil
	}
	var single []string
	if rounds := rep.NotCrossChecked(); len(rounds) > 0 {
		single = append(single, fmt.Sprintf("round(s) %v", rounds))
	}
	if rep.Moments.NotCrossChecked() {
		single = append(single, "the moments sum (the pooled standardiser)")
	}
	if len(single) > 0 {
		return fmt.Errorf("%w: %s (--require-cross-check)", errAuditNotCrossChecked, strings.Join(single, " and "))
	}
	return nil
}

// openBlobStore opens the coordinator's blob store at dir for reading: the
// store itself or the coordinator's data_dir, whose store is its blobs
// directory (read from the data_dir itself, every blob would be missing
// and every round would look tampered with). A missing directory is an
// error: a command that only reads creates nothing. So is one that is not
// named blobs and holds no blob (a hospital's data_dir, the folder above
// the coordinator's), for the same reason.
func openBlobStore(dir string) (*coordinator.Store, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory; give the coordinator's data_dir or its blobs directory, or a copy", dir)
	}
	if st, err := os.Stat(filepath.Join(dir, "blobs")); err == nil && st.IsDir() {
		dir = filepath.Join(dir, "blobs")
	} else if filepath.Base(filepath.Clean(dir)) != "blobs" && !holdsBlob(dir) {
		return nil, fmt.Errorf("%s holds no blob (a file named by a content hash) and no blobs directory, so it is not the coordinator's store; "+
			"give the coordinator's data_dir (the data_dir in its coordinator.json) or its blobs directory, or a copy", dir)
	}
	return coordinator.OpenStore(dir)
}

// holdsBlob tells whether dir holds a file named as the store names a blob:
// 64 hex digits.
func holdsBlob(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if n := e.Name(); len(n) == 2*common.HashLength && e.Type().IsRegular() {
			if _, err := hex.DecodeString(n); err == nil {
				return true
			}
		}
	}
	return false
}
