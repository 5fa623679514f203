package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// studyLeft is what `cohort study leave --json` prints.
type studyLeft struct {
	StudyID uint64         `json:"study_id"`
	Member  common.Address `json:"member"`
	By      common.Address `json:"by"`
	TxHash  common.Hash    `json:"tx_hash"`
	Block   uint64         `json:"block"`
	GasUsed uint64         `json:"gas_used"`
}

func runStudyLeave(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study leave", "study leave --eth-rpc URL --contract ADDR --key FILE --study S [--member ADDR] [--wait D] [--json]", stderr)
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	contract := fs.String("contract", "", "address of the Cohort contract (required)")
	keyPath := fs.String("key", "", "private key, 64 hex digits, mode 0600: the leaving hospital's, or with --member the study coordinator's (required)")
	id := fs.Uint64("study", 0, "study id (required)")
	member := fs.String("member", "", "participant the study's coordinator removes (default: the --key account leaves)")
	wait := fs.Duration("wait", 0, "if a round is open, wait up to this long for it to close and leave in the gap before the next one (e.g. 30m); 0 fails at once")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort study leave --eth-rpc URL --contract ADDR --key FILE --study S [--member ADDR] [--wait D] [--json]

Signs a hospital's leave from a study on chain (leaveStudy), or with
--member the coordinator's removal of a participant (removeParticipant).
Allowed only between rounds, and only while at least the study's minimum
number of active participants remains; with --wait the command waits for
the open round to close and leaves in the coordinator's enrolment window
before the next round opens. Before the next round the
coordinator re-shares the decryption key among the participants that stay:
the leaver's key share stops being of use. Stop the hospital's node after
leaving; to come back, start it again (it joins between rounds).

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	usageErr := func(format string, a ...any) error {
		fmt.Fprintf(stderr, format+"\n", a...)
		fs.Usage()
		return errUsage
	}
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
	res, err := leaveBetweenRounds(ctx, ledger, account, *id, removed, *wait, leavePoll, stderr)
	if errors.Is(err, contracts.ErrRoundStillOpen) && *wait == 0 {
		return fmt.Errorf("%w; run it again between rounds, or with --wait 1h to wait for the round to close", err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	verb := "left"
	if res.By != res.Member {
		verb = "removed by the coordinator from"
	}
	fmt.Fprintf(stdout, "%s %s study %d\ntx  %s (block %d, %d gas)\n", res.Member.Hex(), verb, res.StudyID, res.TxHash.Hex(), res.Block, res.GasUsed)
	return nil
}

// leavePoll is how often `cohort study leave --wait` reads the chain while
// a round is open: well within the coordinator's enrolment window.
const leavePoll = 500 * time.Millisecond

// leaveNotePolls is how many polls `study leave --wait` lets pass between
// two lines saying it is still waiting (10 s at leavePoll).
const leaveNotePolls = 20

// leaveBetweenRounds leaves as leaveStudy does; while a round is open it
// waits up to wait, reading the chain every poll, and leaves in the gap
// after the round closes. It reports the wait on progress.
func leaveBetweenRounds(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, id uint64, member common.Address, wait, poll time.Duration, progress io.Writer) (*studyLeft, error) {
	deadline := time.Now().Add(wait)
	waiting, waitingFor, polls := false, uint32(0), 0
	for {
		s, err := ledger.Study(ctx, id)
		if err != nil {
			return nil, err
		}
		if !s.RoundOpen || !time.Now().Before(deadline) {
			res, err := leaveStudy(ctx, ledger, account, id, member)
			if !errors.Is(err, contracts.ErrRoundStillOpen) || !time.Now().Before(deadline) {
				return res, err
			}
			// The next round opened first: wait for it to close.
		}
		polls++
		switch {
		case !waiting:
			fmt.Fprintf(progress, "round %d of study %d is open; waiting up to %s for it to close\n", s.CurrentRound, id, wait)
			waiting, polls = true, 0
		case s.CurrentRound != waitingFor:
			fmt.Fprintf(progress, "round %d opened before the leave landed; waiting for it to close\n", s.CurrentRound)
			polls = 0
		case polls >= leaveNotePolls:
			fmt.Fprintf(progress, "still waiting: round %d of study %d is open, %s of the wait left\n",
				s.CurrentRound, id, time.Until(deadline).Round(time.Second))
			polls = 0
		}
		waitingFor = s.CurrentRound
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for round %d to close: %w", s.CurrentRound, ctx.Err())
		case <-time.After(poll):
		}
	}
}

// leaveStudy signs account's leave from the study, or, if member is set,
// the coordinator account's removal of member.
func leaveStudy(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, id uint64, member common.Address) (*studyLeft, error) {
	var r contracts.Receipt
	var err error
	if member == (common.Address{}) || member == account.Address() {
		member = account.Address()
		r, err = ledger.LeaveStudy(ctx, account, id)
	} else {
		r, err = ledger.RemoveParticipant(ctx, account, id, member)
	}
	if err != nil {
		return nil, err
	}
	return &studyLeft{StudyID: id, Member: member, By: account.Address(), TxHash: r.TxHash, Block: r.Block, GasUsed: r.GasUsed}, nil
}
