package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/studies"
)

func runStudyLeave(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study leave", "study leave --eth-rpc URL --contract ADDR --key FILE --study S [--member ADDR] [--wait D] [--json]", stderr)
	chainArgs := addChainFlags(fs)
	rpcURL, contract := chainArgs.rpc, chainArgs.contract
	keyPath := fs.String("key", "", "private key, 64 hex digits, mode 0600: the leaving hospital's, or with --member the proposing consortium member's (required)")
	id := fs.Uint64("study", 0, "study id (required)")
	member := fs.String("member", "", "participant to exclude by a member vote, proposed by the --key member (default: the --key account leaves)")
	wait := fs.Duration("wait", 0, "if a round is open, wait up to this long for it to close and leave in the gap before the next one (e.g. 30m); 0 fails at once")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort study leave --eth-rpc URL --contract ADDR --key FILE --study S [--member ADDR] [--wait D] [--json]

Signs a hospital's leave from a study on chain (leaveStudy), or with
--member a consortium member's proposal to exclude a participant
(proposeExclusion; the proposer's vote counts at once, other members add
theirs with 'cohort member vote --proposal ID'). Only a member vote removes
a participant: the coordinator cannot, or it could force new committee
draws until one suited it. A leave, or the exclusion of a hospital still
active, is allowed only between rounds, and only while at least the
study's minimum number of active participants remains; with
--wait the command waits for the open round to close and acts in the
coordinator's enrolment window before the next round opens. Before the next round the
coordinator re-shares the decryption key among the participants that stay:
the leaver's key share stops being of use. Stop the hospital's node after
leaving; to come back, start it again (it joins between rounds). A
hospital excluded by a vote cannot come back so: its join is refused
until the members vote to reinstate it ('cohort member reinstate'). A
hospital that already left may be excluded all the same (the minimum is
not checked again for it), so leaving as soon as it is named does not let
it come back freely; 'cohort study show' lists the hospitals removed.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	usageErr := usageErrorOf(fs, stderr)
	if *rpcURL == "" || *contract == "" || *keyPath == "" || *id == 0 {
		return usageErr("--eth-rpc, --contract, --key and --study are required")
	}
	if *wait < 0 {
		return usageErr("--wait %s is negative", *wait)
	}
	contractAddr, err := contracts.ParseAddress(*contract)
	if err != nil {
		return usageErr("--contract: %v", err)
	}
	var removed common.Address
	if *member != "" {
		if removed, err = contracts.ParseAddress(*member); err != nil {
			return usageErr("--member: %v", err)
		}
	}
	account, err := loadKeyFile(*keyPath)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, chainTimeout+*wait)
	defer cancel()
	chain, ledger, err := contracts.DialLedger(ctx, *rpcURL, contractAddr)
	if err != nil {
		return err
	}
	defer chain.Close()
	res, err := studies.LeaveBetweenRounds(ctx, ledger, account, *id, removed, *wait, studies.LeavePoll, stderr)
	if errors.Is(err, contracts.ErrRoundStillOpen) && *wait == 0 {
		return fmt.Errorf("%w; run it again between rounds, or with --wait 1h to wait for the round to close", err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	switch {
	case res.Proposal == 0:
		fmt.Fprintf(stdout, "%s left study %d\n", res.Member.Hex(), res.StudyID)
	case res.Pending:
		fmt.Fprintf(stdout, "proposal %d to exclude %s from study %d: your vote counts; it carries once enough members vote ('cohort member vote --proposal %d')\n",
			res.Proposal, res.Member.Hex(), res.StudyID, res.Proposal)
	default:
		fmt.Fprintf(stdout, "%s excluded from study %d by member vote (proposal %d); it joins again only once reinstated by another ('cohort member reinstate')\n", res.Member.Hex(), res.StudyID, res.Proposal)
	}
	fmt.Fprintf(stdout, "tx  %s (block %d, %d gas)\n", res.TxHash.Hex(), res.Block, res.GasUsed)
	return nil
}
