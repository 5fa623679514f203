package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/dashboard"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
)

// runDashboard serves the read-only web dashboard over a chain and,
// optionally, the coordinator's blob store.
func runDashboard(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dashboard", "dashboard --eth-rpc URL --contract ADDR [--store DIR] [--listen 127.0.0.1:8080]", stderr)
	chainArgs := addChainFlags(fs)
	rpcURL, contract := chainArgs.rpc, chainArgs.contract
	storeDir := fs.String("store", "", "the coordinator's blob store: its data_dir (or data_dir/blobs), or a copy, to verify every round's aggregate and model hash")
	listen := fs.String("listen", "127.0.0.1:8080", "address to serve the dashboard on (read-only, unauthenticated: keep it local or behind your proxy)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *rpcURL == "" || *contract == "" {
		fmt.Fprintln(stderr, "--eth-rpc and --contract are required")
		fs.Usage()
		return errUsage
	}
	addr, err := contracts.ParseAddress(*contract)
	if err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	var cfg dashboard.Config
	if *storeDir != "" {
		if cfg.Store, err = openBlobStore(*storeDir); err != nil {
			fmt.Fprintf(stderr, "--store: %v\n", err)
			return errUsage
		}
	}
	chain, ledger, err := contracts.DialLedger(ctx, *rpcURL, addr)
	if err != nil {
		return err
	}
	defer chain.Close()
	cfg.Ledger = ledger
	d, err := dashboard.Start(cfg, *listen)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "dashboard: %s\nserving until Ctrl-C\n", d.URL)
	return d.ServeUntil(ctx)
}

// demoDashboard serves the dashboard of a demo's study live, from the
// moment the study is on chain, and after it until Ctrl-C.
type demoDashboard struct {
	listen     string
	exitAtOnce bool
	stdout     io.Writer
	running    *dashboard.Running
}

// start is the study's onStart hook.
func (d *demoDashboard) start(s *simulation.Study) error {
	cfg, err := dashboardConfig(s)
	if err != nil {
		return err
	}
	if d.running, err = dashboard.Start(cfg, d.listen); err != nil {
		return err
	}
	fmt.Fprintf(d.stdout, "dashboard: %s (study %d, live while it runs)\n", d.running.URL, s.StudyID())
	return nil
}

// finish serves the finished study until Ctrl-C, or checks that the
// dashboard answers and returns at once.
func (d *demoDashboard) finish(ctx context.Context, s *simulation.Study) error {
	if d.running == nil {
		return nil
	}
	fmt.Fprintf(d.stdout, "dashboard: %s (study %d)\n", d.running.URL, s.StudyID())
	if len(s.Revocations()) > 0 {
		fmt.Fprintf(d.stdout, "a patient who revoked consent before round %d: %spatient?id=%s\n", s.Consent().RevokedFromRound, d.running.URL, s.Revocations()[0].Patient.Hex())
	}
	if d.exitAtOnce {
		err := d.running.Check(ctx)
		if stopErr := d.running.Stop(); err == nil {
			err = stopErr
		}
		if err == nil {
			fmt.Fprintln(d.stdout, "dashboard answered; exiting at once (--dashboard-exit)")
		}
		return err
	}
	fmt.Fprintln(d.stdout, "serving until Ctrl-C")
	return d.running.ServeUntil(ctx)
}

// close stops a dashboard still running (the study failed).
func (d *demoDashboard) close() {
	if d.running != nil {
		_ = d.running.Stop()
		d.running = nil
	}
}

// dashboardConfig is the dashboard's view of a local study.
func dashboardConfig(s *simulation.Study) (dashboard.Config, error) {
	store, err := coordinator.OpenStore(s.StoreDir())
	if err != nil {
		return dashboard.Config{}, err
	}
	return dashboard.Config{
		Ledger: s.Ledger(), Store: store, Proofs: func(ctx context.Context, studyID uint64, round uint32, patient common.Hash) ([]participant.UseProof, error) {
			return s.UseProofs(ctx, studyID, round, patient)
		},
		Run: func(study uint64, round uint32) (dashboard.RunFigures, bool) {
			for _, r := range s.Rounds() {
				if study == s.StudyID() && r.Round == round {
					return dashboard.RunFigures{Seconds: r.Seconds.Total}, true
				}
			}
			return dashboard.RunFigures{}, false
		},
	}, nil
}
