package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/cmd/cohort/dashboard"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/participant"
)

// runDashboard serves the read-only web dashboard over a chain and,
// optionally, the coordinator's blob store.
func runDashboard(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dashboard", "dashboard --eth-rpc URL --contract ADDR [--store DIR] [--listen 127.0.0.1:8080]", stderr)
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	contract := fs.String("contract", "", "address of the Cohort contract (required)")
	storeDir := fs.String("store", "", "the coordinator's blob store (its data_dir/blobs), to verify every round's aggregate and model hash")
	listen := fs.String("listen", "127.0.0.1:8080", "address to serve the dashboard on (read-only, unauthenticated: keep it local or behind your proxy)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *rpcURL == "" || *contract == "" {
		fmt.Fprintln(stderr, "--eth-rpc and --contract are required")
		fs.Usage()
		return errUsage
	}
	addr, err := parseAddress(*contract)
	if err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	chain, ledger, err := openLedger(ctx, *rpcURL, addr)
	if err != nil {
		return err
	}
	defer chain.Close()
	cfg := dashboard.Config{Ledger: ledger}
	if *storeDir != "" {
		if cfg.Store, err = coordinator.OpenStore(*storeDir); err != nil {
			return err
		}
	}
	return serveDashboard(ctx, cfg, *listen, false, stdout, func(string) string { return "" })
}

// serveDashboard serves the dashboard on listen until ctx ends (Ctrl-C);
// with exitAtOnce it checks that the front page answers and returns.
func serveDashboard(ctx context.Context, cfg dashboard.Config, listen string, exitAtOnce bool, stdout io.Writer, hint func(url string) string) error {
	srv, err := dashboard.New(cfg)
	if err != nil {
		return err
	}
	lis, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("dashboard: listen on %s: %w", listen, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(lis) }()
	url := "http://" + lis.Addr().String() + "/"
	fmt.Fprintf(stdout, "dashboard: %s%s\n", url, hint(url))
	stop := func() error {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
	if exitAtOnce {
		cctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		req, err := http.NewRequestWithContext(cctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			_ = stop()
			return fmt.Errorf("dashboard: %w", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			_ = stop()
			return fmt.Errorf("dashboard: the front page answered %s", resp.Status)
		}
		fmt.Fprintln(stdout, "dashboard answered; exiting at once (--dashboard-exit)")
		return stop()
	}
	fmt.Fprintln(stdout, "serving until Ctrl-C")
	select {
	case <-ctx.Done():
	case err := <-served:
		return err
	}
	return stop()
}

// serveDemoDashboard serves the dashboard over a finished local study: its
// chain, its coordinator's store, the hospitals' use proofs from their data
// directories and the run's gas and timings.
func serveDemoDashboard(ctx context.Context, s *localStudy, listen string, exitAtOnce bool, stdout io.Writer) error {
	cfg, err := s.dashboardConfig()
	if err != nil {
		return err
	}
	hint := func(url string) string {
		h := fmt.Sprintf(" (study %d)", s.studyID)
		if len(s.revoked) > 0 {
			h += fmt.Sprintf("; a patient who revoked before round %d: %spatient?id=%s", s.consent.RevokedFromRound, url, s.revoked[0].patient.Hex())
		}
		return h
	}
	return serveDashboard(ctx, cfg, listen, exitAtOnce, stdout, hint)
}

// dashboardConfig is the dashboard's view of a local study.
func (s *localStudy) dashboardConfig() (dashboard.Config, error) {
	store, err := coordinator.OpenStore(filepath.Join(s.cfg.dataDir, "coordinator"))
	if err != nil {
		return dashboard.Config{}, err
	}
	runs := map[uint32]dashboard.RunFigures{}
	for _, r := range s.rounds {
		runs[r.Round] = dashboard.RunFigures{GasUsed: r.GasUsed, Seconds: r.Seconds.Total}
	}
	return dashboard.Config{
		Ledger: s.ledger, Store: store, Proofs: s.useProofs,
		Run: func(study uint64, round uint32) (dashboard.RunFigures, bool) {
			f, ok := runs[round]
			return f, ok && study == s.studyID
		},
	}, nil
}

// useProofs gives, for each hospital holding records of the patient and
// committing in the round, its proof of their use, as `cohort consent
// proof` would from the hospital's data directory.
func (s *localStudy) useProofs(ctx context.Context, studyID uint64, round uint32, patient common.Hash) ([]participant.UseProof, error) {
	if studyID != s.studyID {
		return nil, nil
	}
	var out []participant.UseProof
	for i, site := range s.sites {
		var ids []string
		for _, r := range slices.Concat(site.Train, site.Test) {
			if r.Patient == patient {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		p := s.participants[i]
		if _, err := s.ledger.Commitment(ctx, studyID, round, p.Address); errors.Is(err, contracts.ErrNoCommitment) {
			continue
		} else if err != nil {
			return nil, err
		}
		up, err := participant.ProveUse(p.dataDir, s.ledger.ChainID().Uint64(), s.ledger.Address(), studyID, round, p.Address, patient, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, up)
	}
	return out, nil
}
