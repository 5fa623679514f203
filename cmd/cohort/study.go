package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/ethereum/go-ethereum/crypto"
	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator/evaluation"
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
		case "abandon-round":
			return runStudyAbandonRound(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprint(stderr, `Usage: cohort study <create|show|leave|abandon-round> [flags]

  create         register a study on chain (researchers)
  show           print a study's parameters, rounds, participants and their samples (anyone)
  leave          take a hospital out of a study between rounds (the hospital, or its coordinator with --member)
  abandon-round  abandon a stalled round once its deadline has passed (the coordinator; its owner and hospitals a day later)

Run `+"`cohort study create -h`"+` for a subcommand's flags.
`)
	return errUsage
}

func runStudyCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study create", "study create --eth-rpc URL --contract ADDR --key FILE --recipe FILE | --spec FILE --rounds R --min-participants M --threshold T --purpose TEXT --reference FILE|HASH --coordinator ADDR", stderr)
	chainArgs := addChainFlags(fs)
	rpcURL, contract := chainArgs.rpc, chainArgs.contract
	keyPath := fs.String("key", "", "researcher's private key: 64 hex digits, mode 0600 (required; the account owns the study and pays the gas)")
	recipePath := fs.String("recipe", "", "the study's recipe JSON file: model, local training, server optimizer, rounds, standardisation, evaluation (see examples/recipes; its canonical hash goes on chain)")
	specPath := fs.String("spec", "", "model spec JSON file, for studies without a recipe: kind, features, hidden, plus any hyper-parameters (its hash goes on chain)")
	rounds := fs.Uint("rounds", 0, "number of training rounds (required with --spec; with --recipe, the recipe's, which it must equal if given)")
	minParts := fs.Uint("min-participants", 0, "participants needed to start the study and to close a round (required, at least --threshold)")
	threshold := fs.Uint("threshold", 0, "participants t needed to decrypt an aggregate (required, at least 1)")
	strikes := fs.Uint("strike-limit", 3, "strikes after which a participant is suspended from the study")
	committee := fs.Uint("committee-size", 0, "decryption committee: c participants, chosen on chain, hold key shares and t of them decrypt, so key generation deals n·c shares instead of n² (0: every participant holds shares; else between --threshold and 255)")
	bindSamples := fs.Bool("bind-samples", false, "refuse a commitment whose sample count is above its hospital's consent counts on chain (hospitals relay their patients' consent on chain and open their counts first: consent relay --open-counts)")
	rotation := fs.Uint("committee-rotation", 0, "select a new committee every R rounds (0: only when a member of it leaves or is suspended, or members vote for a rotation)")
	purpose := fs.String("purpose", "", "purpose that patients consent to: text, recorded as keccak256 of its UTF-8 bytes taken verbatim, or a 0x-prefixed 32-byte code (required)")
	reference := fs.String("reference", "", "the researcher's root dataset: a file, recorded as keccak256 of its bytes, or a 0x-prefixed 32-byte commitment (required)")
	coordinator := fs.String("coordinator", "", "Ethereum address of the coordinator allowed to drive the rounds (required)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: cohort study create --eth-rpc URL --contract ADDR --key FILE
         (--recipe FILE [--rounds R] | --spec FILE --rounds R)
         --min-participants M --threshold T [--strike-limit S]
         [--committee-size C [--committee-rotation R]] [--bind-samples]
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
	usageErr := usageErrorOf(fs, stderr)
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
			return usageErr("--rounds %d differs from the recipe's %s; drop --rounds or change the recipe", *rounds, counted(recipe.Rounds, "round"))
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
	p.BindSamples = *bindSamples

	var canon []byte
	hashed, what := *specPath, "spec"
	if *recipePath != "" {
		hashed, what = *recipePath, "recipe"
		if canon, err = recipe.Canonical(); err != nil {
			return err
		}
		p.SpecHash = crypto.Keccak256Hash(canon)
	} else if canon, p.SpecHash, err = models.ReadSpecFile(*specPath); err != nil {
		return err
	}
	p.Purpose = studies.PurposeCode(*purpose)
	if p.ReferenceCommitment, err = studies.ReferenceCommitment(*reference); err != nil {
		return err
	}
	if r := recipe.Privacy; r != nil {
		p.Privacy = contracts.PrivacyBudget{Epsilon: r.Epsilon, Delta: r.Delta}
		if r.Distributed() && int(p.MinParticipants) < r.MinContributors {
			return usageErr("--min-participants %d is below the recipe's privacy min_contributors %d: its distributed noise counts on at least that many hospitals adding their share to every published aggregate", p.MinParticipants, r.MinContributors)
		}
	}
	if recipe.RequireCrossCheck && p.Committee.Size != 0 && uint32(p.Committee.Size) <= p.Threshold {
		return usageErr("--committee-size %d at --threshold %d leaves no spare holder, and the recipe requires a cross-checked decryption (require_cross_check): every round would fail; give a committee of at least %d", p.Committee.Size, p.Threshold, p.Threshold+1)
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
	res, err := studies.Create(ctx, ledger, researcher, p, len(canon))
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	fmt.Fprintf(stdout, "study      %d\n%-10s %s  (keccak256 of the %d bytes of %s in RFC 8785 canonical JSON)\npurpose    %s\nreference  %s\ncoordinator %s\ntx         %s (block %d)\n",
		res.StudyID, what+" hash", res.SpecHash.Hex(), res.SpecBytes, hashed, res.Purpose.Hex(), res.ReferenceCommitment.Hex(), res.Coordinator.Hex(), res.TxHash.Hex(), res.Block)
	fmt.Fprintln(stdout, committeeLine(p.Committee, p.Threshold))
	if w := spareHolderWarning(p); w != "" {
		fmt.Fprintln(stderr, w)
	}
	return nil
}

// spareHolderWarning warns of a study whose share holders can be exactly
// its threshold t: each model is then decrypted by one set of t, whose
// shares nothing cross-checks (a share cannot be checked on its own), so
// one lying holder among them could shift the published model unseen
// (`cohort audit` names such rounds). Without a committee the holders are
// whoever joins, so it warns when the study may start with t; empty if a
// spare holder is possible.
func spareHolderWarning(p contracts.StudyParams) string {
	var which string
	switch {
	case p.Committee.Size != 0 && uint32(p.Committee.Size) <= p.Threshold:
		which = fmt.Sprintf("a committee of %d at threshold %d", p.Committee.Size, p.Threshold)
	case p.Committee.Size == 0 && p.MinParticipants <= p.Threshold:
		which = fmt.Sprintf("without a committee, a study that starts with its %d minimum participants at threshold %d", p.MinParticipants, p.Threshold)
	default:
		return ""
	}
	return fmt.Sprintf("warning: %s has no spare share holder: each model will be decrypted by one set of t holders and not cross-checked, so one lying holder among the t could have shifted it unseen "+
		"(and robust scoring will strike no one); create the study with a committee (--committee-size) or --min-participants of at least threshold + 1", which)
}

// committeeLine says who will hold the study's key shares. The committee is
// fixed when the study is created, so this is where a researcher planning
// a large study learns that key generation without one deals n² shares
// (the coordinator warns again before it deals, when it is too late).
func committeeLine(c contracts.CommitteeParams, threshold uint32) string {
	decrypt := fmt.Sprintf("%d decrypt", threshold)
	if threshold == 1 {
		decrypt += "s"
	}
	if c.Size == 0 {
		return fmt.Sprintf("committee  none: every participant holds key shares and %s; key generation deals n² shares, so for more than %d participants create the study with --committee-size %d", decrypt, committeeFrom, benchCommitteeSize)
	}
	rotation := "rotated when a member leaves or is suspended, or by a vote"
	if c.RotationRounds != 0 {
		rotation = "rotated every " + counted(int(c.RotationRounds), "round")
	}
	hold := "hold"
	if c.Size == 1 {
		hold = "holds"
	}
	return fmt.Sprintf("committee  %s chosen on chain %s key shares and %s (%s)", counted(int(c.Size), "participant"), hold, decrypt, rotation)
}

func runStudyShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("study show", "study show --eth-rpc URL --contract ADDR --study S [--json] [--plot FILE.svg]", stderr)
	chainArgs := addChainFlags(fs)
	rpcURL, contract := chainArgs.rpc, chainArgs.contract
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
	rep, err := studies.Show(ctx, ledger, chain.ChainID().Uint64(), *id)
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, rep)
	} else {
		rep.WriteText(stdout)
	}
	if err != nil {
		return err
	}
	return writePlots(*plotPath, stderr, "", func() ([]*plot.Plot, error) { return evaluation.StudyPlots(rep) })
}
