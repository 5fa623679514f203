package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// command is one subcommand of cohort: each lives in its own file.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists every subcommand; `cohort help` prints them.
func commands() []command {
	cmds := []command{
		{"audit", "recompute every round's aggregate of a study from the chain and the blob store; non-zero exit on any mismatch", runAudit},
		{"bench", "measure cost and quality: cohort bench <benchmark> --json", runBench},
		{"consent", "patients grant, revoke or check consent; hospitals relay it (grant|revoke|relay|status|history|id|proof|verify-proof)", runConsent},
		{"certs", "make a consortium CA and per-institution TLS certificates and keys", runCerts},
		{"dashboard", "serve the read-only web dashboard: studies, rounds, flags, votes, consent, verified hashes, a patient's page", runDashboard},
		{"devnet", "run a local geth --dev chain with the Cohort contract deployed and funded accounts", runDevnet},
		{"deploy", "deploy the Cohort contract with its founding members on any JSON-RPC chain", runDeploy},
		{"coordinator", "run the coordinator daemon of a study: coordinator --config FILE", runCoordinator},
		{"participant", "run a hospital node: participant --config FILE", runParticipant},
		{"demo", "run a whole encrypted federated study in one process on an embedded chain", runDemo},
		{"member", "admit an institution to the consortium or reinstate a hospital in a study by members' votes, or list the members (member admit|reinstate|vote|list)", runMember},
		{"model", "fetch a round's model verified against the chain, export it as documented JSON, score new records (model get|export|predict)", runModel},
		{"study", "create a study on chain (researchers), show its rounds and participants, leave it, or abandon a stalled round (study create|show|leave|abandon-round)", runStudy},
		{"version", "print the version", runVersion},
	}
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	return cmds
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			return run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], stdout, stderr)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			default:
				fmt.Fprintf(stderr, "cohort %s: %v\n", c.name, err)
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "cohort: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Cohort: federated learning between hospitals, encrypted end to end and audited on chain.")
	fmt.Fprintln(w, "\nUsage: cohort <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `cohort help <command>` for a command's flags.")
}

// newFlagSet makes a flag set that reports errors instead of exiting.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cohort "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: cohort %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// usageErrorOf returns a command's refusal of its arguments: it prints
// the message and the command's usage to stderr and returns errUsage.
func usageErrorOf(fs *flag.FlagSet, stderr io.Writer) func(format string, a ...any) error {
	return func(format string, a ...any) error {
		fmt.Fprintf(stderr, format+"\n", a...)
		fs.Usage()
		return errUsage
	}
}

// recipeOwns refuses, with errUsage, any of the named flags given beside a
// recipe file that sets what they would; it returns the flags given.
func recipeOwns(fs *flag.FlagSet, recipeFile string, stderr io.Writer, names ...string) (map[string]bool, error) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range names {
		if set[name] {
			fmt.Fprintf(stderr, "--%s is the recipe's (%s): drop the flag or change the recipe\n", name, recipeFile)
			return set, errUsage
		}
	}
	return set, nil
}

// parse parses flags and refuses stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		fs.Usage()
		return errUsage
	}
	return nil
}

// writeJSON prints v as indented JSON: what every command's --json gives.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// counted is n with noun after it, in the plural unless n is 1: "1
// transaction", "3 transactions". Every noun the commands count takes an s.
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
