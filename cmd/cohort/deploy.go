package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/deployment"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
)

// chainTimeout bounds the chain work of one deploy or study command: dialling,
// sending and waiting for the transaction to be mined.
const chainTimeout = 2 * time.Minute

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("deploy", "deploy --eth-rpc URL --key FILE --founders FILE --out FILE [--quorum PERCENT]", stderr)
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint to deploy on (required)")
	keyPath := fs.String("key", "", "deployer's private key: 64 hex digits, mode 0600, as `cohort devnet` writes them (required; the account pays the gas)")
	foundersPath := fs.String("founders", "", "JSON file listing the founding members (required; see below)")
	out := fs.String("out", "", "write the deployment (contract, chain id, block, founders) here as JSON; must not exist (required)")
	quorum := fs.Uint("quorum", contracts.DefaultQuorumPercent, "share of active members, in percent (1-100), whose votes carry a membership proposal")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort deploy --eth-rpc URL --key FILE --founders FILE --out FILE [flags]

Deploys the Cohort contract on any Ethereum JSON-RPC chain with its founding
members, waits until the deployment is mined and writes FILE: contract
address, chain id, block, transaction, deployer and the founders as
registered. The RPC URL is not written (it may carry an access token).

The founders file is a JSON array; each entry names an institution, its
Ethereum address and its TLS certificate, either as a PEM file (relative to
the founders file) or as the SHA-256 fingerprint of the certificate's DER
bytes:

  [
    {"name": "St Mary", "address": "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4",
     "tls_cert": "certs/st-mary.pem"},
    {"name": "Royal", "address": "0xAb8483F64d9C6d1EcF9b849Ae677dD3315835cb2",
     "tls_fingerprint": "0x3f2a...64 hex digits"}
  ]

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range []struct{ name, v string }{{"eth-rpc", *rpcURL}, {"key", *keyPath}, {"founders", *foundersPath}, {"out", *out}} {
		if f.v == "" {
			fmt.Fprintf(stderr, "--%s is required\n", f.name)
			fs.Usage()
			return errUsage
		}
	}
	if *quorum < 1 || *quorum > 100 {
		fmt.Fprintf(stderr, "--quorum must be between 1 and 100 percent, not %d\n", *quorum)
		return errUsage
	}
	founders, err := deployment.ReadFounders(*foundersPath)
	if err != nil {
		return err
	}
	deployer, err := loadKeyFile(*keyPath)
	if err != nil {
		return err
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%w: %s holds an earlier deployment; choose another --out or remove it", deployment.ErrOutExists, *out)
	}

	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, err := contracts.DialChain(ctx, *rpcURL)
	if err != nil {
		return fmt.Errorf("connecting to --eth-rpc: %w", err)
	}
	defer chain.Close()
	fmt.Fprintf(stderr, "deploying the Cohort contract from %s with %s on chain %s\n", deployer, counted(len(founders), "founding member"), chain.ChainID())
	stop := evaluation.NoteWhile(stderr, evaluation.NoteEvery, "deploying: waiting for the transaction to be mined")
	d, err := deployment.Deploy(ctx, chain, deployer, founders, uint8(*quorum))
	stop()
	if err != nil {
		return err
	}
	if err := deployment.WriteNewJSON(*out, d); err != nil {
		return fmt.Errorf("the contract is deployed at %s (chain %d, block %d) but %w", d.Contract.Hex(), d.ChainID, d.Block, err)
	}
	fmt.Fprintf(stdout, "contract  %s\nchain id  %d\nblock     %d\ntx        %s\ngas used  %d\nwritten   %s\n",
		d.Contract.Hex(), d.ChainID, d.Block, d.TxHash.Hex(), d.GasUsed, *out)
	return nil
}

// loadKeyFile loads an Ethereum private key file as an account that signs
// transactions; see auth.LoadPrivateKey.
func loadKeyFile(path string) (*contracts.Account, error) {
	key, err := auth.LoadPrivateKey(path)
	if err != nil {
		return nil, err
	}
	return contracts.NewAccount(key), nil
}
