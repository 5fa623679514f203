package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

func runStudyAbandonRound(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study abandon-round", "study abandon-round --eth-rpc URL --contract ADDR --key FILE --study S --round R [--json]", stderr)
	cf := addChainFlags(fs)
	keyPath := fs.String("key", "", "private key, 64 hex digits, mode 0600: the study's coordinator's, or its owner's or a participant's (required)")
	id := fs.Uint64("study", 0, "study id (required)")
	round := fs.Uint64("round", 0, "the open round to abandon (required; 'cohort study show' names it)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort study abandon-round --eth-rpc URL --contract ADDR --key FILE --study S --round R [--json]

Abandons a study's open round that stalled (abandonRound on chain): a
round the coordinator cannot finish, for instance one whose aggregate
does not decrypt, or one no spare share holder can cross-check. The
round's uploads are not used and its number is used up: the next round
opens with the following number, from the model the abandoned round
opened with. The study's coordinator may abandon the round once its
deadline has passed; the study's owner and the hospitals taking part in
it (not one that left or is suspended) once the contract's grace period (one day) after the deadline has passed
too. The contract judges by the time of the block that takes the
transaction: past the latest block's time, or on a chain that mines only
when a transaction comes (geth --dev) past the wall clock's.

The command reads the study and the round first and sends nothing when
the round is not the open one, its deadline (or the grace period) has not
passed, or the key may not abandon it; it says which, and when. Once the
round is abandoned, restart the coordinator: it resumes from the chain.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	usageErr := usageErrorOf(fs, stderr)
	if *cf.rpc == "" || *cf.contract == "" || *keyPath == "" || *id == 0 || *round == 0 {
		return usageErr("--eth-rpc, --contract, --key, --study and --round are required (--round 1 or more)")
	}
	if *round > math.MaxUint32 {
		return usageErr("--round %d is not a round number (at most %d)", *round, uint32(math.MaxUint32))
	}
	contractAddr, err := contracts.ParseAddress(*cf.contract)
	if err != nil {
		return usageErr("--contract: %v", err)
	}
	account, err := loadKeyFile(*keyPath)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, ledger, err := contracts.DialLedger(ctx, *cf.rpc, contractAddr)
	if err != nil {
		return err
	}
	defer chain.Close()
	res, err := abandonRound(ctx, ledger, account, *id, uint32(*round))
	if err != nil {
		return err
	}
	return printAbandoned(stdout, res, *asJSON)
}

// abandonedRound describes a stalled round just abandoned (what `cohort
// study abandon-round --json` prints).
type abandonedRound struct {
	StudyID uint64         `json:"study_id"`
	Round   uint32         `json:"round"`
	By      common.Address `json:"by"`
	// Role is the sender's role that allowed it: coordinator, owner or
	// participant.
	Role string `json:"role"`
	// NextRound is the number the study's next round opens with; 0 when
	// the abandoned round was its last and the study is completed.
	NextRound uint32      `json:"next_round"`
	TxHash    common.Hash `json:"tx_hash"`
	Block     uint64      `json:"block"`
	GasUsed   uint64      `json:"gas_used"`
}

// abandonRound abandons round of study id from account, after checking
// what the contract checks (the round is the open one, the account's role,
// the deadline and grace period by the chain's clock) so that a refusal
// says what was wrong and what to do, and costs no transaction. Refusals
// wrap the contract's errors: ErrRoundNotOpen, ErrNotAuthorised,
// ErrDeadlineNotPassed.
func abandonRound(ctx context.Context, ledger *contracts.Ledger, account *contracts.Account, id uint64, round uint32) (*abandonedRound, error) {
	s, err := ledger.Study(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := roundIsOpen(ctx, ledger, s, round); err != nil {
		return nil, err
	}
	r, err := ledger.Round(ctx, id, round)
	if err != nil {
		return nil, err
	}
	role, notBefore, err := abandonRule(ctx, ledger, s, r, account.Address())
	if err != nil {
		return nil, err
	}
	now, err := ledger.HeadTime(ctx)
	if err != nil {
		return nil, err
	}
	// The contract judges by the time of the block that takes the
	// transaction. On a chain that mines only on transactions (geth --dev)
	// that is the wall clock's, later than the latest block's, which a gas
	// estimate would judge by: past the deadline by the wall clock only,
	// the transaction goes with a fixed gas limit.
	send := ledger.AbandonRound
	switch {
	case now.After(notBefore):
	case time.Now().After(notBefore):
		send = ledger.AbandonRoundUnestimated
	default:
		return nil, notYet(ctx, ledger, s, r, role, account.Address(), notBefore, now)
	}
	rc, err := send(ctx, account, id, round)
	switch {
	case errors.Is(err, contracts.ErrDeadlineNotPassed):
		return nil, fmt.Errorf("%w; the chain judged by the time of its block, not yet after %s: run this again once the chain's clock has passed it",
			err, stamp(notBefore))
	case errors.Is(err, contracts.ErrRoundNotOpen):
		return nil, fmt.Errorf("%w; the round closed or was abandoned while this ran: 'cohort study show --study %d' says which", err, id)
	case err != nil:
		return nil, err
	}
	res := &abandonedRound{StudyID: id, Round: round, By: account.Address(), Role: role, TxHash: rc.TxHash, Block: rc.Block, GasUsed: rc.GasUsed}
	if round < s.Rounds {
		res.NextRound = round + 1
	}
	return res, nil
}

// roundIsOpen refuses, wrapping ErrRoundNotOpen, a round that is not the
// study's open one, saying what it is and which round is open.
func roundIsOpen(ctx context.Context, ledger *contracts.Ledger, s contracts.Study, round uint32) error {
	openOne := "no round of it is open"
	if s.RoundOpen {
		openOne = fmt.Sprintf("the open round is %d (--round %d)", s.CurrentRound, s.CurrentRound)
	}
	switch {
	case round > s.CurrentRound && s.RoundOpen:
		return fmt.Errorf("%w: round %d of study %d was never opened: the study's open round is %d; abandon that one with --round %d",
			contracts.ErrRoundNotOpen, round, s.ID, s.CurrentRound, s.CurrentRound)
	case round > s.CurrentRound:
		return fmt.Errorf("%w: round %d of study %d was never opened, and %s: there is nothing to abandon", contracts.ErrRoundNotOpen, round, s.ID, openOne)
	case round == s.CurrentRound && s.RoundOpen:
		return nil
	}
	r, err := ledger.Round(ctx, s.ID, round)
	if err != nil {
		return err
	}
	if r.Closed {
		return fmt.Errorf("%w: round %d of study %d closed at block %d with its model published: there is nothing to abandon; %s",
			contracts.ErrRoundNotOpen, round, s.ID, r.ClosedBlock, openOne)
	}
	next := "start the coordinator and it opens round " + fmt.Sprint(s.CurrentRound+1) + " (it resumes from the chain)"
	switch {
	case s.RoundOpen:
		next = openOne
	case s.Completed:
		next = "the study is completed"
	}
	return fmt.Errorf("%w: round %d of study %d was abandoned already, at block %d: its number is used up; %s",
		contracts.ErrRoundNotOpen, round, s.ID, r.ClosedBlock, next)
}

// abandonRule says what role lets addr abandon round r of study s, as the
// contract decides, and from when: the coordinator from the deadline, the
// owner and any hospital taking part in the study (joined, neither left
// nor suspended) from the grace period after it. Anyone else is refused,
// wrapping ErrNotAuthorised.
func abandonRule(ctx context.Context, ledger *contracts.Ledger, s contracts.Study, r contracts.Round, addr common.Address) (role string, notBefore time.Time, err error) {
	if addr == s.Coordinator {
		return "coordinator", r.Deadline, nil
	}
	grace, err := ledger.AbandonGrace(ctx, s.ID)
	if err != nil {
		return "", time.Time{}, err
	}
	afterGrace := r.Deadline.Add(grace)
	if addr == s.Owner {
		return "owner", afterGrace, nil
	}
	p, err := ledger.Participant(ctx, s.ID, addr)
	if err != nil {
		return "", time.Time{}, err
	}
	alternatives := fmt.Sprintf("send from the coordinator's key once the round's deadline (%s) has passed, or from the owner's or a participant's once %s has", stamp(r.Deadline), stamp(afterGrace))
	switch {
	case p.Index != 0 && p.Left:
		return "", time.Time{}, fmt.Errorf("%w: %s left study %d (or members voted it out): a hospital no longer taking part does not decide on its rounds; %s",
			contracts.ErrNotAuthorised, addr.Hex(), s.ID, alternatives)
	case p.Index != 0 && p.Suspended:
		return "", time.Time{}, fmt.Errorf("%w: %s is suspended in study %d (its strikes reached the limit): a suspended hospital does not decide on its rounds until members vote to reinstate it ('cohort member reinstate'); %s",
			contracts.ErrNotAuthorised, addr.Hex(), s.ID, alternatives)
	case p.Index != 0:
		return "participant", afterGrace, nil
	}
	return "", time.Time{}, fmt.Errorf("%w: %s may not abandon a round of study %d: it is neither the study's coordinator (%s) nor its owner (%s) nor a hospital that joined it; send from the coordinator's key once the round's deadline (%s) has passed, or from the owner's or a participant's once %s has",
		contracts.ErrNotAuthorised, addr.Hex(), s.ID, s.Coordinator.Hex(), s.Owner.Hex(), stamp(r.Deadline), stamp(afterGrace))
}

// notYet is the ErrDeadlineNotPassed refusal of role's abandonment of
// round r before notBefore: which rule applies, when it passes by the
// chain's clock (now, its latest block's time) and, at the pace of the
// blocks since the round opened, in about how many blocks.
func notYet(ctx context.Context, ledger *contracts.Ledger, s contracts.Study, r contracts.Round, role string, addr common.Address, notBefore, now time.Time) error {
	rule := fmt.Sprintf("as the study's coordinator, %s may abandon round %d of study %d only once its deadline, %s, has passed",
		addr.Hex(), r.Number, s.ID, stamp(r.Deadline))
	coordinatorNote := ""
	if role != "coordinator" {
		as := "the study's owner"
		if role == "participant" {
			as = "a hospital that joined the study"
		}
		rule = fmt.Sprintf("as %s, %s may abandon round %d of study %d only once the grace period of %s after its deadline (%s) has also passed, after %s",
			as, addr.Hex(), r.Number, s.ID, graceText(notBefore.Sub(r.Deadline)), stamp(r.Deadline), stamp(notBefore))
		coordinatorNote = fmt.Sprintf("; the coordinator (%s) may abandon it from the deadline", s.Coordinator.Hex())
	}
	left := notBefore.Sub(now)
	when := fmt.Sprintf("%s from now by the chain's clock (its latest block's time, %s)", left.Round(time.Second), stamp(now))
	if head, _, err := ledger.Head(ctx); err == nil && head > r.OpenedBlock {
		if pace := now.Sub(r.OpenedAt) / time.Duration(head-r.OpenedBlock); pace > 0 {
			when += fmt.Sprintf(", about %s at the pace since the round opened (one every %s)", counted(int(left/pace)+1, "block"), pace.Round(time.Second))
		}
	}
	return fmt.Errorf("%w: %s: %s%s; run this again then, or let the round close", contracts.ErrDeadlineNotPassed, rule, when, coordinatorNote)
}

// stamp is t as the chain's times are printed: RFC 3339 in UTC.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// graceText is the grace period in days when it is whole days, as the
// contract's is (one day).
func graceText(d time.Duration) string {
	const day = 24 * time.Hour
	if d > 0 && d%day == 0 {
		return counted(int(d/day), "day")
	}
	return d.String()
}

// printAbandoned prints what was done and what to do next, or res as JSON.
func printAbandoned(w io.Writer, res *abandonedRound, asJSON bool) error {
	if asJSON {
		return writeJSON(w, res)
	}
	fmt.Fprintf(w, "round %d of study %d abandoned by its %s %s: its uploads are not used and its number is used up\n", res.Round, res.StudyID, res.Role, res.By.Hex())
	fmt.Fprintf(w, "tx  %s (block %d, %d gas)\n", res.TxHash.Hex(), res.Block, res.GasUsed)
	if res.NextRound == 0 {
		_, err := fmt.Fprintln(w, "it was the study's last round: the study is completed; a coordinator started again ends it with the model the round opened with")
		return err
	}
	_, err := fmt.Fprintf(w, "next: restart the coordinator: it resumes from the chain and opens round %d from the model round %d opened with\n", res.NextRound, res.Round)
	return err
}
