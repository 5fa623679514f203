package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/cmd/cohort/dashboard"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
)

func runStudy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "create":
			return runStudyCreate(ctx, args[1:], stdout, stderr)
		case "show":
			return runStudyShow(ctx, args[1:], stdout, stderr)
		case "leave":
			return runStudyLeave(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprint(stderr, `Usage: cohort study <create|show|leave> [flags]

  create  register a study on chain (researchers)
  show    print a study's parameters, rounds and participants (anyone)
  leave   take a hospital out of a study between rounds (the hospital, or its coordinator with --member)

Run `+"`cohort study create -h`"+` for a subcommand's flags.
`)
	return errUsage
}

// studyFlags is the validated command line of `cohort study create`.
type studyFlags struct {
	spec      []byte // canonical JSON of the spec file
	specHash  common.Hash
	purpose   common.Hash
	reference common.Hash
	params    contracts.StudyParams
}

// studyCreated is what `cohort study create --json` prints.
type studyCreated struct {
	StudyID             uint64         `json:"study_id"`
	Contract            common.Address `json:"contract"`
	SpecHash            common.Hash    `json:"spec_hash"`
	SpecBytes           int            `json:"spec_canonical_bytes"`
	Purpose             common.Hash    `json:"purpose"`
	ReferenceCommitment common.Hash    `json:"reference_commitment"`
	Coordinator         common.Address `json:"coordinator"`
	Owner               common.Address `json:"owner"`
	TxHash              common.Hash    `json:"tx_hash"`
	Block               uint64         `json:"block"`
}

func runStudyCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study create", "study create --eth-rpc URL --contract ADDR --key FILE --recipe FILE | --spec FILE --rounds R --min-participants M --threshold T --purpose TEXT --reference FILE|HASH --coordinator ADDR", stderr)
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	contract := fs.String("contract", "", "address of the Cohort contract (required)")
	keyPath := fs.String("key", "", "researcher's private key: 64 hex digits, mode 0600 (required; the account owns the study and pays the gas)")
	recipePath := fs.String("recipe", "", "the study's recipe JSON file: model, local training, server optimizer, rounds, standardisation, evaluation (see examples/recipes; its canonical hash goes on chain)")
	specPath := fs.String("spec", "", "model spec JSON file, for studies without a recipe: kind, features, hidden, plus any hyper-parameters (its hash goes on chain)")
	rounds := fs.Uint("rounds", 0, "number of training rounds (required with --spec; with --recipe, the recipe's, which it must equal if given)")
	minParts := fs.Uint("min-participants", 0, "participants needed to start the study and to close a round (required, at least --threshold)")
	threshold := fs.Uint("threshold", 0, "participants t needed to decrypt an aggregate (required, at least 1)")
	strikes := fs.Uint("strike-limit", 3, "strikes after which a participant is suspended from the study")
	committee := fs.Uint("committee-size", 0, "decryption committee: c participants, chosen on chain, hold key shares and t of them decrypt, so key generation deals n·c shares instead of n² (0: every participant holds shares; else between --threshold and 255)")
	rotation := fs.Uint("committee-rotation", 0, "select a new committee every R rounds (0: only when a member of it leaves or is suspended, or members vote for a rotation)")
	purpose := fs.String("purpose", "", "purpose that patients consent to: text, recorded as keccak256 of its UTF-8 bytes taken verbatim, or a 0x-prefixed 32-byte code (required)")
	reference := fs.String("reference", "", "the researcher's root dataset: a file, recorded as keccak256 of its bytes, or a 0x-prefixed 32-byte commitment (required)")
	coordinator := fs.String("coordinator", "", "Ethereum address of the coordinator allowed to drive the rounds (required)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort study create --eth-rpc URL --contract ADDR --key FILE
         (--recipe FILE [--rounds R] | --spec FILE --rounds R)
         --min-participants M --threshold T [--strike-limit S]
         [--committee-size C [--committee-rotation R]]
         --purpose TEXT|0xCODE --reference FILE|0xHASH --coordinator ADDR [--json]

Registers a study on chain and prints its id and the recipe (or spec) hash.

The recipe says everything that decides what the study learns: the model,
each hospital's local training, the server optimizer, the rounds, the
feature standardisation and the evaluation. Its hash is keccak256 of its
canonical JSON with defaults filled in, recorded in the study's spec-hash
slot; the coordinator and every hospital refuse a recipe that hashes
otherwise, naming the fields that differ.

The spec hash is keccak256 of the spec file's canonical JSON: the JSON
Canonicalization Scheme of RFC 8785 (object members sorted by the UTF-16
code units of their names, no whitespace, numbers as ECMAScript prints an
IEEE-754 double, strings with only ", \ and control characters escaped, UTF-8).
Duplicate member names and invalid UTF-8 are refused. Anyone can recompute it
from the file with an RFC 8785 library (Python jcs, npm canonicalize) and
keccak256. The spec must describe a valid model (kind, features, hidden);
other members such as hyper-parameters are hashed with it.

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
	for _, f := range []struct{ name, v string }{
		{"eth-rpc", *rpcURL}, {"contract", *contract}, {"key", *keyPath},
		{"purpose", *purpose}, {"reference", *reference}, {"coordinator", *coordinator},
	} {
		if f.v == "" {
			return usageErr("--%s is required", f.name)
		}
	}
	if (*recipePath == "") == (*specPath == "") {
		return usageErr("give the study's --recipe (or, without a recipe, its --spec), not both")
	}
	var recipe models.Recipe
	if *recipePath != "" {
		var err error
		if recipe, err = models.LoadRecipeFile(*recipePath); err != nil {
			return err
		}
		switch {
		case *rounds == 0:
			*rounds = uint(recipe.Rounds)
		case *rounds != uint(recipe.Rounds):
			return usageErr("--rounds %d differs from the recipe's %d rounds; drop --rounds or change the recipe", *rounds, recipe.Rounds)
		}
	}
	contractAddr, err := contracts.ParseAddress(*contract)
	if err != nil {
		return usageErr("--contract: %v", err)
	}
	coordAddr, err := contracts.ParseAddress(*coordinator)
	if err != nil {
		return usageErr("--coordinator: %v", err)
	}
	p := contracts.StudyParams{Coordinator: coordAddr}
	for _, f := range []struct {
		name string
		v    uint
		dst  *uint32
	}{{"rounds", *rounds, &p.Rounds}, {"min-participants", *minParts, &p.MinParticipants}, {"threshold", *threshold, &p.Threshold}, {"strike-limit", *strikes, &p.StrikeLimit}} {
		if f.v < 1 || f.v > math.MaxUint32 {
			return usageErr("--%s must be between 1 and %d, not %d", f.name, uint32(math.MaxUint32), f.v)
		}
		*f.dst = uint32(f.v)
	}
	if p.MinParticipants < p.Threshold {
		return usageErr("--min-participants %d is below --threshold %d: a round could close with too few participants to decrypt it", p.MinParticipants, p.Threshold)
	}
	switch {
	case *committee != 0 && (*committee < uint(p.Threshold) || *committee > contracts.MaxCommitteeSize):
		return usageErr("--committee-size %d must be 0 (no committee) or between --threshold %d and %d", *committee, p.Threshold, contracts.MaxCommitteeSize)
	case *committee == 0 && *rotation != 0:
		return usageErr("--committee-rotation needs a --committee-size")
	case *rotation > math.MaxUint32:
		return usageErr("--committee-rotation must be at most %d rounds", uint32(math.MaxUint32))
	}
	p.Committee = contracts.CommitteeParams{Size: uint16(*committee), RotationRounds: uint32(*rotation)}

	sf := studyFlags{params: p}
	hashed, what := *specPath, "spec"
	if *recipePath != "" {
		hashed, what = *recipePath, "recipe"
		if sf.spec, err = recipe.Canonical(); err != nil {
			return err
		}
		sf.specHash = crypto.Keccak256Hash(sf.spec)
	} else {
		if sf.spec, sf.specHash, err = models.ReadSpecFile(*specPath); err != nil {
			return err
		}
	}
	sf.purpose = purposeCode(*purpose)
	if sf.reference, err = referenceCommitment(*reference); err != nil {
		return err
	}
	sf.params.SpecHash, sf.params.Purpose, sf.params.ReferenceCommitment = sf.specHash, sf.purpose, sf.reference
	if p := recipe.Privacy; p != nil {
		sf.params.Privacy = contracts.PrivacyBudget{Epsilon: p.Epsilon, Delta: p.Delta}
	}
	researcher, err := loadKeyFile(*keyPath)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, ledger, err := contracts.DialLedger(ctx, *rpcURL, contractAddr)
	if err != nil {
		return err
	}
	defer chain.Close()
	res, err := createStudy(ctx, ledger, researcher, sf)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	fmt.Fprintf(stdout, "study      %d\n%-10s %s  (keccak256 of the %d bytes of %s in RFC 8785 canonical JSON)\npurpose    %s\nreference  %s\ncoordinator %s\ntx         %s (block %d)\n",
		res.StudyID, what+" hash", res.SpecHash.Hex(), res.SpecBytes, hashed, res.Purpose.Hex(), res.ReferenceCommitment.Hex(), res.Coordinator.Hex(), res.TxHash.Hex(), res.Block)
	return nil
}

// createStudy registers the study and describes it.
func createStudy(ctx context.Context, ledger *contracts.Ledger, researcher *contracts.Account, sf studyFlags) (*studyCreated, error) {
	id, r, err := ledger.CreateStudy(ctx, researcher, sf.params)
	if err != nil {
		return nil, fmt.Errorf("creating the study: %w", err)
	}
	return &studyCreated{
		StudyID: id, Contract: ledger.Address(), SpecHash: sf.specHash, SpecBytes: len(sf.spec),
		Purpose: sf.purpose, ReferenceCommitment: sf.reference, Coordinator: sf.params.Coordinator,
		Owner: researcher.Address(), TxHash: r.TxHash, Block: r.Block,
	}, nil
}

// purposeCode returns a 0x-prefixed 32-byte code as is, and otherwise
// keccak256 of the text's UTF-8 bytes.
func purposeCode(s string) common.Hash {
	if h, err := contracts.DecodeHex32(s); err == nil {
		return h
	}
	return crypto.Keccak256Hash([]byte(s))
}

// referenceCommitment returns a 0x-prefixed 32-byte commitment as is, and
// otherwise keccak256 of the named file's bytes.
func referenceCommitment(s string) (common.Hash, error) {
	if h, err := contracts.DecodeHex32(s); err == nil {
		if h == (common.Hash{}) {
			return common.Hash{}, errors.New("--reference is the zero hash; commit to the root dataset")
		}
		return h, nil
	}
	f, err := os.Open(s)
	if err != nil {
		return common.Hash{}, fmt.Errorf("--reference is neither 0x and 64 hex digits nor a readable file: %w", err)
	}
	defer f.Close()
	h := crypto.NewKeccakState()
	if _, err := io.Copy(h, f); err != nil {
		return common.Hash{}, fmt.Errorf("hashing the reference dataset: %w", err)
	}
	return common.BytesToHash(h.Sum(nil)), nil
}

// studyReport is what `cohort study show` prints: the study as the chain
// records it, every opened round and every participant's standing.
type studyReport struct {
	ID                  uint64              `json:"id"`
	Contract            common.Address      `json:"contract"`
	ChainID             uint64              `json:"chain_id"`
	Owner               common.Address      `json:"owner"`
	Coordinator         common.Address      `json:"coordinator"`
	SpecHash            common.Hash         `json:"spec_hash"`
	Purpose             common.Hash         `json:"purpose"`
	ReferenceCommitment common.Hash         `json:"reference_commitment"`
	PublicKeyHash       common.Hash         `json:"public_key_hash"`
	Rounds              uint32              `json:"rounds"`
	MinParticipants     uint32              `json:"min_participants"`
	Threshold           uint32              `json:"threshold"`
	StrikeLimit         uint32              `json:"strike_limit"`
	CurrentRound        uint32              `json:"current_round"`
	Status              string              `json:"status"`
	Participants        []participantReport `json:"participants"`
	RoundHistory        []roundReport       `json:"round_history"`
	Strikes             []strikeReport      `json:"strikes"`
	// Privacy is the study's differential-privacy budget and what its
	// rounds spent; absent without a budget.
	Privacy *privacyReport `json:"privacy,omitempty"`
}

// participantReport is a participant's standing in the study.
type participantReport struct {
	Address            common.Address `json:"address"`
	Name               string         `json:"name"`
	Index              uint16         `json:"index"`
	Strikes            uint16         `json:"strikes"`
	Suspended          bool           `json:"suspended"`
	LastCommittedRound uint32         `json:"last_committed_round"`
}

// roundReport is one opened round.
type roundReport struct {
	Number          uint32           `json:"number"`
	Status          string           `json:"status"` // open, closed or abandoned
	GlobalModel     common.Hash      `json:"global_model"`
	Deadline        time.Time        `json:"deadline"`
	OpenedAt        time.Time        `json:"opened_at"`
	OpenedBlock     uint64           `json:"opened_block"`
	ClosedBlock     uint64           `json:"closed_block,omitempty"`
	Commitments     uint32           `json:"commitments"`
	CommitmentsRoot common.Hash      `json:"commitments_root"`
	ScoresHash      common.Hash      `json:"scores_hash"`
	Committers      []common.Address `json:"committers"`
	// The result; zero unless the round closed.
	AggregateHash common.Hash `json:"aggregate_hash"`
	ModelHash     common.Hash `json:"model_hash"`
	Accuracy      float64     `json:"accuracy"`
	AUC           float64     `json:"auc"`
	Loss          float64     `json:"loss"`
	Aggregated    uint32      `json:"aggregated_updates"`
	// EpsilonSpent is the study's ε once this round trained (studies with a
	// privacy budget only).
	EpsilonSpent float64 `json:"epsilon_spent,omitempty"`
}

// strikeReport is one strike against a participant.
type strikeReport struct {
	Member   common.Address `json:"member"`
	Round    uint32         `json:"round"`
	Reason   string         `json:"reason"`
	Evidence common.Hash    `json:"evidence"`
	Strikes  uint16         `json:"strikes_after"`
	Block    uint64         `json:"block"`
}

func runStudyShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study show", "study show --eth-rpc URL --contract ADDR --study S [--json] [--plot FILE.svg]", stderr)
	rpcURL := fs.String("eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	contract := fs.String("contract", "", "address of the Cohort contract (required)")
	id := fs.Uint64("study", 0, "study id (required)")
	asJSON := fs.Bool("json", false, "print one JSON object instead of tables")
	plotPath := fs.String("plot", "", plotFlagUsage+": accuracy, AUC and loss, contributors and flagged updates per round")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *rpcURL == "" || *contract == "" || *id == 0 {
		fmt.Fprintln(stderr, "--eth-rpc, --contract and --study are required")
		fs.Usage()
		return errUsage
	}
	if err := checkPlotFlag(*plotPath, stderr); err != nil {
		return err
	}
	contractAddr, err := contracts.ParseAddress(*contract)
	if err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	ctx, cancel := context.WithTimeout(ctx, chainTimeout)
	defer cancel()
	chain, ledger, err := contracts.DialLedger(ctx, *rpcURL, contractAddr)
	if err != nil {
		return err
	}
	defer chain.Close()
	rep, err := showStudy(ctx, ledger, chain.ChainID().Uint64(), *id)
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, rep)
	} else {
		printStudy(stdout, rep)
	}
	if err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "", func() ([]*plot.Plot, error) { return studyPlots(rep) })
}

// showStudy reads a study, its rounds, participants and strikes from the
// chain.
func showStudy(ctx context.Context, ledger *contracts.Ledger, chainID, id uint64) (*studyReport, error) {
	s, err := ledger.Study(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reading study %d: %w", id, err)
	}
	rep := &studyReport{
		ID: s.ID, Contract: ledger.Address(), ChainID: chainID, Owner: s.Owner, Coordinator: s.Coordinator,
		SpecHash: s.SpecHash, Purpose: s.Purpose, ReferenceCommitment: s.ReferenceCommitment, PublicKeyHash: s.PublicKeyHash,
		Rounds: s.Rounds, MinParticipants: s.MinParticipants, Threshold: s.Threshold, StrikeLimit: s.StrikeLimit,
		CurrentRound: s.CurrentRound, Status: studyStatus(s),
		Participants: []participantReport{}, RoundHistory: []roundReport{}, Strikes: []strikeReport{},
	}
	for _, a := range s.Participants {
		p, err := ledger.Participant(ctx, id, a)
		if err != nil {
			return nil, fmt.Errorf("reading participant %s: %w", a, err)
		}
		pr := participantReport{Address: a, Index: p.Index, Strikes: p.Strikes, Suspended: p.Suspended, LastCommittedRound: p.LastCommittedRound}
		switch m, err := ledger.Member(ctx, a); {
		case err == nil:
			pr.Name = m.Name
		case !errors.Is(err, contracts.ErrNotMember):
			return nil, fmt.Errorf("reading member %s: %w", a, err)
		}
		rep.Participants = append(rep.Participants, pr)
	}
	for n := uint32(1); n <= s.CurrentRound; n++ {
		r, err := ledger.Round(ctx, id, n)
		if err != nil {
			return nil, fmt.Errorf("reading round %d: %w", n, err)
		}
		status := "open"
		switch {
		case r.Abandoned:
			status = "abandoned"
		case r.Closed:
			status = "closed"
		}
		committers := r.Committers
		if committers == nil {
			committers = []common.Address{}
		}
		rep.RoundHistory = append(rep.RoundHistory, roundReport{
			Number: r.Number, Status: status, GlobalModel: r.GlobalModel, Deadline: r.Deadline.UTC(), OpenedAt: r.OpenedAt.UTC(),
			OpenedBlock: r.OpenedBlock, ClosedBlock: r.ClosedBlock, Commitments: r.Commitments,
			CommitmentsRoot: r.CommitmentsRoot, ScoresHash: r.ScoresHash, Committers: committers,
			AggregateHash: r.Result.AggregateHash, ModelHash: r.Result.ModelHash,
			Accuracy: r.Result.Accuracy, AUC: r.Result.AUC, Loss: r.Result.Loss, Aggregated: r.Result.Participants,
			EpsilonSpent: r.EpsilonSpent,
		})
	}
	if s.Privacy != (contracts.PrivacyBudget{}) {
		rep.Privacy = &privacyReport{Epsilon: s.Privacy.Epsilon, Delta: s.Privacy.Delta, Spent: s.EpsilonSpent}
	}
	strikes, err := ledger.Strikes(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reading strikes: %w", err)
	}
	for _, k := range strikes {
		rep.Strikes = append(rep.Strikes, strikeReport{Member: k.Member, Round: k.Round, Reason: k.Reason.String(), Evidence: k.Evidence, Strikes: k.Strikes, Block: k.Block})
	}
	return rep, nil
}

// studyStatus names where a study stands, as the dashboard does.
func studyStatus(s contracts.Study) string { return dashboard.StudyStatus(s) }

// printStudy prints a study report as text tables.
func printStudy(w io.Writer, r *studyReport) {
	fmt.Fprintf(w, "study %d on contract %s (chain %d): %s\n", r.ID, r.Contract.Hex(), r.ChainID, r.Status)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  owner\t%s\n  coordinator\t%s\n  spec hash\t%s\n  purpose\t%s\n  reference\t%s\n  public key hash\t%s\n",
		r.Owner.Hex(), r.Coordinator.Hex(), r.SpecHash.Hex(), r.Purpose.Hex(), r.ReferenceCommitment.Hex(), hashOrDash(r.PublicKeyHash))
	fmt.Fprintf(tw, "  rounds\t%d (run %d)\n  min participants\t%d\n  threshold t\t%d\n  strike limit\t%d\n",
		r.Rounds, r.CurrentRound, r.MinParticipants, r.Threshold, r.StrikeLimit)
	tw.Flush()

	fmt.Fprintf(w, "\nparticipants (%d)\n", len(r.Participants))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\taddress\tname\tstrikes\tsuspended\tlast round")
	for _, p := range r.Participants {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%d\t%v\t%d\n", p.Index, p.Address.Hex(), p.Name, p.Strikes, p.Suspended, p.LastCommittedRound)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nrounds (%d)\n", len(r.RoundHistory))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  round\tstatus\tcommits\taggregated\taccuracy\tauc\tloss\tblocks\tmodel hash")
	for _, rr := range r.RoundHistory {
		blocks := strconv.FormatUint(rr.OpenedBlock, 10) + "-"
		if rr.ClosedBlock != 0 {
			blocks += strconv.FormatUint(rr.ClosedBlock, 10)
		}
		metrics := "-\t-\t-"
		if rr.Status == "closed" {
			metrics = fmt.Sprintf("%.4f\t%.4f\t%.4f", rr.Accuracy, rr.AUC, rr.Loss)
		}
		fmt.Fprintf(tw, "  %d\t%s\t%d\t%d\t%s\t%s\t%s\n", rr.Number, rr.Status, rr.Commitments, rr.Aggregated, metrics, blocks, hashOrDash(rr.ModelHash))
	}
	tw.Flush()
	for _, rr := range r.RoundHistory {
		fmt.Fprintf(w, "  round %d: global model %s, commitments root %s, aggregate %s\n",
			rr.Number, rr.GlobalModel.Hex(), rr.CommitmentsRoot.Hex(), hashOrDash(rr.AggregateHash))
	}

	printPrivacy(w, r)

	if len(r.Strikes) > 0 {
		fmt.Fprintf(w, "\nstrikes (%d)\n", len(r.Strikes))
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  member\tround\treason\tstrikes\tevidence")
		for _, k := range r.Strikes {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%d\t%s\n", k.Member.Hex(), k.Round, k.Reason, k.Strikes, k.Evidence.Hex())
		}
		tw.Flush()
	}
}

// hashOrDash prints a hash, or "-" for the zero hash (not recorded yet).
func hashOrDash(h common.Hash) string {
	if h == (common.Hash{}) {
		return "-"
	}
	return h.Hex()
}
