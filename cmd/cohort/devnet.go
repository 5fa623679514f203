package main

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/params"

	"github.com/cohort-fl/cohort/contracts/devchain"
	"github.com/cohort-fl/cohort/contracts/devnet"
)

func runDevnet(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("devnet", "devnet --datadir DIR [--http-port 8545] [--accounts N] [--founders NAMES] [--founder-certs PEMS]", stderr)
	dir := fs.String("datadir", "", "directory for the chain, the account keys, devnet.json and geth.log (required; an existing devnet in it is resumed)")
	port := fs.Int("http-port", 8545, "JSON-RPC port on 127.0.0.1 (0 picks a free one)")
	geth := fs.String("geth", "", "geth binary (default $"+devchain.EnvBinary+", else .tools/bin/geth under the module root, built by `make geth`)")
	hospitals := fs.Int("accounts", 4, "number of hospital accounts to generate and fund (besides deployer, researcher and coordinator)")
	founders := fs.String("founders", "", "comma-separated names of the founding members, given to the first hospital accounts (default: every hospital, named \"Hospital i\")")
	certs := fs.String("founder-certs", "", "comma-separated PEM certificates of the founders, in order, whose SHA-256 fingerprints the registry records (default: placeholder fingerprints)")
	fundEther := fs.Uint64("fund", 1000, "ether given to each generated account")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort devnet --datadir DIR [flags]

Starts a local geth --dev chain on 127.0.0.1, funds generated accounts,
deploys the Cohort contract with the founding members and writes
DIR/devnet.json (RPC URL, chain id, contract address, accounts). It runs
until interrupted (Ctrl-C or SIGTERM), then stops geth. Run it again on the
same DIR to resume the same chain, contract and accounts.

Account keys are written to DIR/keys/<name>.key as 64 hex digits, mode 0600
(go-ethereum's crypto.LoadECDSA reads them). They are development keys
holding development ether: never use them on a real network.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg := devnet.Config{Dir: *dir, Port: *port, Geth: *geth, Hospitals: *hospitals,
		Fund: new(big.Int).Mul(new(big.Int).SetUint64(*fundEther), big.NewInt(params.Ether))}
	if *founders != "" {
		cfg.Founders = splitList(*founders)
	}
	if *certs != "" {
		cfg.Certs = splitList(*certs)
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return errUsage
	}
	d, err := devnet.Start(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	d.Info.WriteText(stdout, cfg.Dir, d.Resumed)
	return d.Wait(ctx, stderr)
}

func splitList(s string) []string {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}
