package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/membership"
)

func runMember(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	const synopsis = "member admit|reinstate|vote|list [flags]"
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintf(stdout, "Usage: cohort %s\n\n  admit      a member proposes admitting an institution (its vote counts at once)\n  reinstate  a member proposes letting a hospital back into a study it was suspended from or voted out of\n  vote       a member votes for a proposal\n  list       the consortium's members\n", synopsis)
			return nil
		}
		fmt.Fprintf(stderr, "Usage: cohort %s\n", synopsis)
		return errUsage
	}
	switch args[0] {
	case "admit":
		return runMemberAdmit(ctx, args[1:], stdout, stderr)
	case "reinstate":
		return runMemberReinstate(ctx, args[1:], stdout, stderr)
	case "vote":
		return runMemberVote(ctx, args[1:], stdout, stderr)
	case "list":
		return runMemberList(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "cohort member: unknown subcommand %q; want admit, reinstate, vote or list\n", args[0])
	return errUsage
}

// chainFlags are the flags of a command that talks to the contract.
type chainFlags struct {
	rpc, contract *string
}

func addChainFlags(fs *flag.FlagSet) chainFlags {
	return chainFlags{
		rpc:      fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)"),
		contract: fs.String("contract", "", "address of the Cohort contract (required)"),
	}
}

func runMemberAdmit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("member admit", "member admit --eth-rpc URL --contract ADDR --key FILE --name NAME --address ADDR --cert PEM [--json]", stderr)
	cf := addChainFlags(fs)
	keyPath := fs.String("key", "", "private key of the proposing member, 64 hex digits, mode 0600 (required)")
	name := fs.String("name", "", "the institution's name, as in its TLS certificate and its node's config (required)")
	address := fs.String("address", "", "the institution's Ethereum address (required)")
	certPath := fs.String("cert", "", "the institution's TLS certificate (PEM, from `cohort certs`); its SHA-256 fingerprint is registered")
	fingerprint := fs.String("fingerprint", "", "instead of --cert: the certificate's SHA-256 fingerprint, 0x and 64 hex digits")
	asJSON := fs.Bool("json", false, "print the proposal as one JSON object")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort member admit --eth-rpc URL --contract ADDR --key FILE --name NAME --address ADDR --cert PEM [--json]

Proposes, from an active member's account, admitting an institution to the
consortium with its name, Ethereum address and TLS certificate fingerprint.
The proposer's vote counts at once; other members add theirs with
`+"`cohort member vote --proposal ID`"+` until the quorum carries it. Once
admitted, the institution's node can join studies (between rounds).

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	usageErr := usageErrorOf(fs, stderr)
	if *cf.rpc == "" || *cf.contract == "" || *keyPath == "" || strings.TrimSpace(*name) == "" || *address == "" {
		return usageErr("--eth-rpc, --contract, --key, --name and --address are required")
	}
	if (*certPath == "") == (*fingerprint == "") {
		return usageErr("give exactly one of --cert (a PEM file) and --fingerprint")
	}
	contractAddr, err := contracts.ParseAddress(*cf.contract)
	if err != nil {
		return usageErr("--contract: %v", err)
	}
	m := contracts.Member{Name: strings.TrimSpace(*name)}
	if m.Address, err = contracts.ParseAddress(*address); err != nil {
		return usageErr("--address: %v", err)
	}
	if *certPath != "" {
		leaf, err := auth.MemberCertificate(*certPath, m.Address)
		if err != nil {
			return fmt.Errorf("--cert: %w", err)
		}
		m.TLSFingerprint = auth.Fingerprint(tls.Certificate{Certificate: [][]byte{leaf.Raw}})
		if auth.ServesTLS(leaf) {
			warnServerUsage(stderr, *certPath, m)
		}
	} else if m.TLSFingerprint, err = contracts.ParseHash(*fingerprint); err != nil {
		return usageErr("--fingerprint: %v", err)
	}
	return voteAsMember(ctx, *cf.rpc, contractAddr, *keyPath, stdout, *asJSON, func(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account) (*membership.Vote, error) {
		return membership.ProposeAdmission(ctx, ledger, account, m)
	})
}

// warnServerUsage warns that the certificate at path, to be registered for
// m, would serve as a TLS server. Cohort's nodes accept a coordinator only
// by the address its certificate names and its channel binding, so it
// cannot pass for the coordinator with them; but a hospital's certificate
// needs client usage only, and other software trusting the consortium CA
// would take it for any host it names.
func warnServerUsage(w io.Writer, path string, m contracts.Member) {
	fmt.Fprintf(w, "warning: --cert %s has TLS server usage (as `cohort certs` issued every institution's before 2026-12-07, or a coordinator's): "+
		"Cohort's nodes refuse it in the coordinator's place, but other TLS software trusting the consortium CA would take its holder for a server; "+
		"unless %s serves, re-issue it as a client's only (`cohort certs --out DIR --institutions %s=%s --force`, DIR holding the consortium's ca.pem and ca.key) and admit that certificate instead\n",
		path, m.Name, m.Name, m.Address.Hex())
}

func runMemberReinstate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("member reinstate", "member reinstate --eth-rpc URL --contract ADDR --key FILE --study S --member ADDR [--json]", stderr)
	cf := addChainFlags(fs)
	keyPath := fs.String("key", "", "private key of the proposing member, 64 hex digits, mode 0600 (required)")
	id := fs.Uint64("study", 0, "study id (required)")
	member := fs.String("member", "", "the hospital to reinstate in the study (required)")
	asJSON := fs.Bool("json", false, "print the proposal as one JSON object")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort member reinstate --eth-rpc URL --contract ADDR --key FILE --study S --member ADDR [--json]

Proposes, from an active member's account, reinstating a hospital in a
study: lifting its suspension (too many strikes) or its removal by an
exclusion vote ('cohort study leave --member'), and clearing its strikes.
The proposer's vote counts at once; other members add theirs with
`+"`cohort member vote --proposal ID`"+` until the quorum carries it. A
removed hospital stays out until its node joins the study again (between
rounds); until the vote carries, its join is refused.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	usageErr := usageErrorOf(fs, stderr)
	if *cf.rpc == "" || *cf.contract == "" || *keyPath == "" || *id == 0 || *member == "" {
		return usageErr("--eth-rpc, --contract, --key, --study and --member are required")
	}
	contractAddr, err := contracts.ParseAddress(*cf.contract)
	if err != nil {
		return usageErr("--contract: %v", err)
	}
	reinstated, err := contracts.ParseAddress(*member)
	if err != nil {
		return usageErr("--member: %v", err)
	}
	return voteAsMember(ctx, *cf.rpc, contractAddr, *keyPath, stdout, *asJSON, func(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account) (*membership.Vote, error) {
		return membership.ProposeReinstatement(ctx, ledger, account, *id, reinstated)
	})
}

func runMemberVote(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("member vote", "member vote --eth-rpc URL --contract ADDR --key FILE --proposal ID [--json]", stderr)
	cf := addChainFlags(fs)
	keyPath := fs.String("key", "", "private key of the voting member, 64 hex digits, mode 0600 (required)")
	id := fs.Uint64("proposal", 0, "proposal id, as `cohort member admit` printed it (required)")
	asJSON := fs.Bool("json", false, "print the proposal as one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *cf.rpc == "" || *cf.contract == "" || *keyPath == "" || *id == 0 {
		fmt.Fprintln(stderr, "--eth-rpc, --contract, --key and --proposal are required")
		fs.Usage()
		return errUsage
	}
	contractAddr, err := contracts.ParseAddress(*cf.contract)
	if err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	return voteAsMember(ctx, *cf.rpc, contractAddr, *keyPath, stdout, *asJSON, func(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account) (*membership.Vote, error) {
		return membership.VoteFor(ctx, ledger, account, *id)
	})
}

func runMemberList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("member list", "member list --eth-rpc URL --contract ADDR [--json]", stderr)
	cf := addChainFlags(fs)
	asJSON := fs.Bool("json", false, "print the members as a JSON array")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *cf.rpc == "" || *cf.contract == "" {
		fmt.Fprintln(stderr, "--eth-rpc and --contract are required")
		fs.Usage()
		return errUsage
	}
	contractAddr, err := contracts.ParseAddress(*cf.contract)
	if err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, ledger, err := contracts.DialLedger(ctx, *cf.rpc, contractAddr)
	if err != nil {
		return err
	}
	defer chain.Close()
	members, err := membership.List(ctx, ledger)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, members)
	}
	fmt.Fprintf(stdout, "%-24s %-42s %-8s %s\n", "name", "address", "status", "TLS certificate SHA-256")
	for _, m := range members {
		status := "active"
		if !m.Active {
			status = "removed"
		}
		fmt.Fprintf(stdout, "%-24s %-42s %-8s %s\n", m.Name, m.Address.Hex(), status, m.TLSFingerprint.Hex())
	}
	return nil
}

// voteAsMember sends a member's proposal or vote (send) from the account
// whose key is at keyPath and prints the proposal after it.
func voteAsMember(ctx context.Context, rpcURL string, contract common.Address, keyPath string, stdout io.Writer, asJSON bool,
	send func(context.Context, *contracts.Ledger, *contracts.Account) (*membership.Vote, error),
) error {
	account, err := loadKeyFile(keyPath)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, ledger, err := contracts.DialLedger(ctx, rpcURL, contract)
	if err != nil {
		return err
	}
	defer chain.Close()
	res, err := send(ctx, ledger, account)
	if err != nil {
		return err
	}
	return printMemberVote(stdout, res, asJSON)
}

func printMemberVote(w io.Writer, v *membership.Vote, asJSON bool) error {
	if asJSON {
		return writeJSON(w, v)
	}
	subject := v.Subject.Hex()
	if v.Name != "" {
		subject = v.Name + " (" + subject + ")"
	}
	if v.StudyID != 0 {
		subject += fmt.Sprintf(" in study %d", v.StudyID)
	}
	fmt.Fprintf(w, "proposal %d: %s %s, voted by %s\n", v.ProposalID, v.Kind, subject, v.By.Hex())
	if v.Executed {
		fmt.Fprintf(w, "carried with %s: it has taken effect\n", counted(int(v.Yes), "vote"))
	} else {
		fmt.Fprintf(w, "%d of %s; other members vote with `cohort member vote --proposal %d` before %s\n",
			v.Yes, counted(int(v.Required), "vote"), v.ProposalID, v.ExpiresAt.Format(time.RFC3339))
	}
	fmt.Fprintf(w, "tx  %s (%d gas)\n", v.TxHash.Hex(), v.GasUsed)
	return nil
}
