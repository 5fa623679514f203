package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
)

func runCerts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return certsCmd{dial: contracts.DialChain}.run(ctx, args, stdout, stderr)
}

// certsCmd runs `cohort certs`. dial opens the chain a --study check
// reads; tests replace it with an in-process simulated chain and set
// borrowed so that the command does not close it.
type certsCmd struct {
	dial     func(ctx context.Context, url string) (*contracts.Chain, error)
	borrowed bool
}

func (cmd certsCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("certs", "certs --out DIR [--institutions NAME[=0xADDRESS],...] [--coordinator NAME=0xADDRESS [--hosts HOST[,HOST...]] [--eth-rpc URL --contract ADDR --study S]] [--force] [--json]", stderr)
	out := fs.String("out", "", "directory for ca.pem, ca.key and NAME.pem/NAME.key per institution (required)")
	institutions := fs.String("institutions", "", "comma-separated names of institutions that only dial the coordinator (hospitals, researchers), each with its Ethereum address if known, e.g. hospital-1,hospital-2=0x...: client certificates only, which cannot serve")
	coordinators := fs.String("coordinator", "", "the coordinator as NAME=0xADDRESS, its Ethereum address the study records (`cohort study create --coordinator`): a server certificate for --hosts naming that address, the only one hospitals accept as the coordinator")
	hosts := fs.String("hosts", "127.0.0.1,localhost", "comma-separated IP addresses and DNS names the coordinator's certificate is valid for as a TLS server")
	rpcURL := fs.String("eth-rpc", "", "with --contract and --study: check the --coordinator address against the study's coordinator on chain before issuing (a study created already, e.g. when re-issuing)")
	contract := fs.String("contract", "", "address of the Cohort contract, for the --study check")
	studyID := fs.Uint64("study", 0, "the study whose coordinator --coordinator must be, checked on chain before issuing")
	force := fs.Bool("force", false, "replace an existing CA and existing institution certificates (every certificate of the old CA stops being trusted)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	var list []auth.Institution
	for _, f := range []struct {
		flag, value string
		server      bool
	}{{"coordinator", *coordinators, true}, {"institutions", *institutions, false}} {
		for _, spec := range certsSplit(f.value) {
			inst, err := parseInstitution(spec, f.server)
			if err != nil {
				fmt.Fprintf(stderr, "--%s: %v\n", f.flag, err)
				return errUsage
			}
			list = append(list, inst)
		}
	}
	if *out == "" || len(list) == 0 {
		fmt.Fprintln(stderr, "--out and --institutions or --coordinator are required")
		fs.Usage()
		return errUsage
	}
	names := make([]string, len(list))
	for i, inst := range list {
		names[i] = inst.Name
	}
	if err := auth.CheckInstitutionNames(names); err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	hostList := certsSplit(*hosts)
	if *coordinators != "" && len(hostList) == 0 {
		fmt.Fprintln(stderr, "--hosts must name at least one IP address or DNS name the coordinator serves on")
		return errUsage
	}
	if *rpcURL != "" || *contract != "" || *studyID != 0 {
		if *rpcURL == "" || *contract == "" || *studyID == 0 || *coordinators == "" {
			fmt.Fprintln(stderr, "--eth-rpc, --contract and --study go together, with --coordinator: they check its address against the study's coordinator on chain")
			return errUsage
		}
		addr, err := contracts.ParseAddress(*contract)
		if err != nil {
			fmt.Fprintf(stderr, "--contract: %v\n", err)
			return errUsage
		}
		if err := cmd.checkCoordinators(ctx, *rpcURL, addr, *studyID, list); err != nil {
			return err
		}
	}

	rep, err := auth.IssueCertFiles(*out, list, hostList, *force)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	if rep.CAReused {
		fmt.Fprintf(stdout, "consortium CA %s (existing, reused)\n", rep.CA)
	} else {
		fmt.Fprintf(stdout, "consortium CA %s (new; keep %s offline, mode 0600)\n", rep.CA, rep.CAKey)
	}
	fmt.Fprintf(stdout, "%-20s %-7s %-42s %-66s %s\n", "institution", "role", "address", "certificate SHA-256 fingerprint (member registry)", "files")
	for _, c := range rep.Institutions {
		role, addr := "client", c.Address
		if c.Server {
			role = "server"
		}
		if addr == "" {
			addr = "-"
		}
		fmt.Fprintf(stdout, "%-20s %-7s %-42s %-66s %s %s\n", c.Institution, role, addr, c.Fingerprint, c.Cert, c.Key)
	}
	return nil
}

// checkCoordinators refuses a server certificate in list naming another
// address than study's coordinator on chain: the coordinator would refuse
// it at start and every hospital at each connection. Without --study
// (the study is created once the coordinator's address is known, after
// its certificate) `cohort certs` takes the address on trust, and those
// two checks are what catch a wrong one.
func (cmd certsCmd) checkCoordinators(ctx context.Context, rpcURL string, contract common.Address, study uint64, list []auth.Institution) error {
	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, err := cmd.dial(ctx, rpcURL)
	if err != nil {
		return fmt.Errorf("connecting to --eth-rpc: %w", err)
	}
	if !cmd.borrowed {
		defer chain.Close()
	}
	ledger, err := contracts.Open(chain, contract)
	if err != nil {
		return err
	}
	onChain, err := ledger.Study(ctx, study)
	if err != nil {
		return fmt.Errorf("--study %d: %w", study, err)
	}
	for _, inst := range list {
		if inst.Server && inst.Address != onChain.Coordinator {
			return fmt.Errorf("--coordinator %s=%s: study %d's coordinator on chain is %s, and the coordinator (at start) and every hospital (at each connection) would refuse a certificate naming another address; nothing was written: write --coordinator %s=%s, or check --study and --contract",
				inst.Name, inst.Address.Hex(), study, onChain.Coordinator.Hex(), inst.Name, onChain.Coordinator.Hex())
		}
	}
	return nil
}

// parseInstitution reads NAME or NAME=0xADDRESS; a server must name its
// address.
func parseInstitution(spec string, server bool) (auth.Institution, error) {
	name, addr, named := strings.Cut(spec, "=")
	inst := auth.Institution{Name: strings.TrimSpace(name), Server: server}
	addr = strings.TrimSpace(addr)
	switch {
	case named && !common.IsHexAddress(addr):
		return inst, fmt.Errorf("%q: %q is not an Ethereum address; write NAME=0x followed by 40 hex digits", spec, addr)
	case named:
		inst.Address = common.HexToAddress(addr)
	case server:
		return inst, fmt.Errorf("%q: write NAME=0xADDRESS, the coordinator's Ethereum address as the study records it: hospitals accept a coordinator only by the address its certificate names", spec)
	}
	return inst, nil
}

func certsSplit(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
