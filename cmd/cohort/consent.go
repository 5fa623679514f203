package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/consentfile"
	"github.com/cohort-fl/cohort/contracts/studies"
)

const consentUsage = `Usage: cohort consent <grant|revoke|relay|status|history|id|proof|verify-proof> [flags]

Patients grant or revoke consent for a study (--study) or for every study with
a purpose (--purpose) by signing with their own key; a member hospital relays
the signed change, so patients need no ether. Either in one step (both keys),
or the patient signs with --out FILE and the hospital relays with --signed FILE.

  cohort consent id     --patient-key FILE [--create]
  cohort consent grant  --eth-rpc URL --contract ADDR (--study N | --purpose P)
                        (--expires DATE | --for DURATION) [--max-epsilon E]
                        (--patient-key FILE [--relayer-key FILE | --out FILE] | --signed FILE --relayer-key FILE)
  cohort consent revoke --eth-rpc URL --contract ADDR (--study N | --purpose P)
                        (--patient-key FILE [--relayer-key FILE | --out FILE] | --signed FILE --relayer-key FILE)
  cohort consent relay  --eth-rpc URL --contract ADDR --file signed.json --relayer-key FILE [--json]
                        (a hospital relays many patients' signed changes, 200 per transaction;
                        a bad entry is skipped and reported, the others are recorded)
  cohort consent status --eth-rpc URL --contract ADDR (--patient ID | --patient-key FILE) --study N [--round R] [--json]
  cohort consent history --eth-rpc URL --contract ADDR (--patient ID | --patient-key FILE) [--json]
                        (every change of the patient's, in every consent registry the consortium has had,
                        and whether each registry's changes still count)
  cohort consent proof  --config hospital.json --round R (--patient ID | --record ID[,ID...]) --out proof.json
                        (the hospital: Merkle proofs of whether the patient's records were used in round R)
  cohort consent verify-proof --eth-rpc URL --contract ADDR --proof proof.json [--patient ID | --patient-key FILE] [--json]
                        (the patient: checks the proofs against the chain, trusting the hospital for nothing else)

Key files hold a secp256k1 private key as 64 hex digits.`

// consentCmd runs `cohort consent`. dial opens the chain; tests replace it
// with an in-process simulated chain and set borrowed so that the command
// does not close it.
type consentCmd struct {
	dial     func(ctx context.Context, url string) (*contracts.Chain, error)
	borrowed bool
}

func runConsent(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return consentCmd{dial: contracts.DialChain}.run(ctx, args, stdout, stderr)
}

func (cmd consentCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, consentUsage)
		return errUsage
	}
	switch args[0] {
	case "grant":
		return cmd.change(ctx, true, args[1:], stdout, stderr)
	case "revoke":
		return cmd.change(ctx, false, args[1:], stdout, stderr)
	case "relay":
		return cmd.relay(ctx, args[1:], stdout, stderr)
	case "status":
		return cmd.status(ctx, args[1:], stdout, stderr)
	case "history":
		return cmd.history(ctx, args[1:], stdout, stderr)
	case "id":
		return consentID(args[1:], stdout, stderr)
	case "proof":
		return cmd.proof(ctx, args[1:], stdout, stderr)
	case "verify-proof":
		return cmd.verifyProof(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, consentUsage)
		return flag.ErrHelp
	default:
		fmt.Fprintf(stderr, "unknown consent command %q\n\n%s\n", args[0], consentUsage)
		return errUsage
	}
}

// consentFlags are the flags grant, revoke and status share.
type consentFlags struct {
	rpcURL, contract string
	study            uint64
	purpose          string
}

func (f *consentFlags) register(fs *flag.FlagSet) {
	f.registerChain(fs)
	fs.Uint64Var(&f.study, "study", 0, "study id the consent is for")
}

// registerChain registers --eth-rpc and --contract only.
func (f *consentFlags) registerChain(fs *flag.FlagSet) {
	fs.StringVar(&f.rpcURL, "eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	fs.StringVar(&f.contract, "contract", "", "address of the Cohort contract (required)")
}

func (f *consentFlags) check(stderr io.Writer) error {
	if f.rpcURL == "" || f.contract == "" {
		fmt.Fprintln(stderr, "--eth-rpc URL and --contract 0x-ADDRESS are required")
		return errUsage
	}
	if _, err := contracts.ParseAddress(f.contract); err != nil {
		fmt.Fprintf(stderr, "--contract: %v\n", err)
		return errUsage
	}
	return nil
}

// scope returns the consent scope from --study and --purpose.
func (f *consentFlags) scope(stderr io.Writer) (contracts.ConsentScope, error) {
	if (f.study == 0) == (f.purpose == "") {
		fmt.Fprintln(stderr, "give exactly one of --study N and --purpose P")
		return contracts.ConsentScope{}, errUsage
	}
	if f.study != 0 {
		return contracts.ConsentScope{StudyID: f.study}, nil
	}
	return contracts.ConsentScope{Purpose: studies.PurposeCode(f.purpose)}, nil
}

func (cmd consentCmd) open(ctx context.Context, f *consentFlags) (*contracts.Ledger, func(), error) {
	chain, err := cmd.dial(ctx, f.rpcURL)
	if err != nil {
		return nil, nil, err
	}
	release := func() {
		if !cmd.borrowed {
			chain.Close()
		}
	}
	ledger, err := contracts.Open(chain, common.HexToAddress(f.contract))
	if err != nil {
		release()
		return nil, nil, err
	}
	return ledger, release, nil
}

func (cmd consentCmd) change(ctx context.Context, grant bool, args []string, stdout, stderr io.Writer) error {
	verb := map[bool]string{true: "grant", false: "revoke"}[grant]
	fs := newFlagSet("consent "+verb, "consent "+verb+" [flags] (see cohort consent)", stderr)
	var f consentFlags
	f.register(fs)
	fs.StringVar(&f.purpose, "purpose", "", "purpose code (text or 0x hash) the consent is for, instead of --study")
	patientKey := fs.String("patient-key", "", "the patient's key file: signs the change")
	relayerKey := fs.String("relayer-key", "", "a member hospital's key file: sends the change and pays its gas")
	signedIn := fs.String("signed", "", "relay this signed change (written by --out) instead of signing one")
	out := fs.String("out", "", "only sign: write the signed change to this file for a hospital to relay")
	logged := fs.Bool("logged", false, "sign with the time instead of a nonce: the change is recorded as an event only (logConsentBatch, a fraction of the gas) and must be relayed within a day")
	var expires, duration string
	var maxEpsilon float64
	if grant {
		fs.StringVar(&expires, "expires", "", "when the consent ends: 2027-12-31 or RFC 3339")
		fs.StringVar(&duration, "for", "", "how long the consent lasts: e.g. 365d or 720h")
		fs.Float64Var(&maxEpsilon, "max-epsilon", 0, "the largest differential-privacy ε of a study that may train on the patient's records (0: no bound beyond the study's budget); signed with the grant")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(stderr); err != nil {
		return err
	}
	signing := *signedIn == ""
	switch {
	case signing && *patientKey == "":
		fmt.Fprintln(stderr, "--patient-key is required to sign (or relay a signed change with --signed)")
		return errUsage
	case signing && (*relayerKey == "") == (*out == ""):
		fmt.Fprintln(stderr, "give --relayer-key to relay the change now, or --out to write it for a hospital to relay")
		return errUsage
	case !signing && (*relayerKey == "" || *patientKey != "" || *out != ""):
		fmt.Fprintln(stderr, "--signed takes --relayer-key only: the patient already signed")
		return errUsage
	}

	ledger, release, err := cmd.open(ctx, &f)
	if err != nil {
		return err
	}
	defer release()
	domain, err := ledger.ConsentDomain(ctx)
	if err != nil {
		return err
	}

	var signed contracts.SignedConsent
	if signing {
		scope, err := f.scope(stderr)
		if err != nil {
			return err
		}
		var expiry time.Time
		if grant {
			if expiry, err = consentfile.Expiry(expires, duration, time.Now()); err != nil {
				fmt.Fprintln(stderr, err)
				return errUsage
			}
		}
		if grant && maxEpsilon != 0 && scope.StudyID != 0 {
			study, err := ledger.Study(ctx, scope.StudyID)
			if err != nil {
				return err
			}
			if study.Privacy == (contracts.PrivacyBudget{}) {
				fmt.Fprintf(stderr, "note: study %d trains without differential privacy, so its ε has no bound: while this grant bounds ε at %g, the study will not use your records\n", scope.StudyID, maxEpsilon)
			}
		}
		key, err := auth.LoadPrivateKey(*patientKey)
		if err != nil {
			return fmt.Errorf("the patient key: %w", err)
		}
		id := contracts.PatientID(crypto.PubkeyToAddress(key.PublicKey))
		if !grant && *out == "" && scope.StudyID != 0 {
			// A second revocation changes nothing but costs the hospital gas.
			st, err := ledger.ConsentStatus(ctx, id, scope.StudyID, 0)
			if err != nil {
				return err
			}
			if st.State == contracts.ConsentRevoked && st.StudyScoped {
				fmt.Fprintf(stdout, "patient %s: consent for %s already revoked (block %d); nothing relayed\n", id.Hex(), scope, st.Record.Block)
				return nil
			}
		}
		change := contracts.ConsentChange{Patient: id, Scope: scope, Granted: grant, Expiry: expiry, MaxEpsilon: maxEpsilon}
		if *logged {
			change.IssuedAt = time.Now().Truncate(time.Second)
		} else if change.Nonce, err = ledger.ConsentNonce(ctx, id, scope); err != nil {
			return err
		}
		signed, err = contracts.SignConsent(key, domain, change)
		if err != nil {
			return err
		}
		if *out != "" {
			if err := consentfile.Write(*out, domain, signed); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "patient %s: signed consent %s for %s (nonce %d) written to %s; a member hospital relays it with --signed\n",
				signed.Patient.Hex(), map[bool]string{true: "grant", false: "revocation"}[signed.Granted], signed.Scope, signed.Nonce, *out)
			return nil
		}
	} else {
		if signed, err = consentfile.ReadFor(*signedIn, domain, grant); err != nil {
			return err
		}
	}

	relayer, err := loadKeyFile(*relayerKey)
	if err != nil {
		return err
	}
	r, err := relayOne(ctx, ledger, relayer, signed)
	if err != nil {
		return err
	}
	what := "consent revoked"
	if grant {
		what = "consent granted until " + signed.Expiry.UTC().Format(time.RFC3339)
		if signed.MaxEpsilon != 0 {
			what += fmt.Sprintf(", ε at most %g", signed.MaxEpsilon)
		}
	}
	fmt.Fprintf(stdout, "patient %s: %s for %s recorded in block %d (transaction %s, %d gas paid by %s)\n",
		signed.Patient.Hex(), what,
		signed.Scope, r.Block, r.TxHash.Hex(), r.GasUsed, relayer.Address().Hex())
	return nil
}

// relayOne relays one signed change: a logged one (issued at a time) as a
// batch of one, whose skipped outcome is the error; the others alone.
func relayOne(ctx context.Context, ledger *contracts.Ledger, relayer *contracts.Account, signed contracts.SignedConsent) (contracts.Receipt, error) {
	if signed.IssuedAt.IsZero() {
		return ledger.RelayConsent(ctx, relayer, signed)
	}
	res, err := ledger.LogConsentBatch(ctx, relayer, []contracts.SignedConsent{signed})
	if err != nil {
		return contracts.Receipt{}, err
	}
	if o := res.Outcomes[0]; o != contracts.ConsentRecorded {
		return contracts.Receipt{}, fmt.Errorf("the registry refused the logged change (%s): %w", o, o.Err())
	}
	return res.Receipts[0], nil
}

func (cmd consentCmd) status(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("consent status", "consent status [flags] (see cohort consent)", stderr)
	var f consentFlags
	f.register(fs)
	patientFlag := fs.String("patient", "", "the patient's pseudonymous id (0x, 32 bytes)")
	patientKey := fs.String("patient-key", "", "the patient's key file, instead of --patient")
	round := fs.Uint("round", 0, "judge consent as of this round of the study (0: now)")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(stderr); err != nil {
		return err
	}
	if f.study == 0 {
		fmt.Fprintln(stderr, "--study is required")
		return errUsage
	}
	patient, err := patientFromFlags(*patientFlag, *patientKey, stderr)
	if err != nil {
		return err
	}
	if *round > uint(^uint32(0)) {
		fmt.Fprintln(stderr, "--round is too large")
		return errUsage
	}
	ledger, release, err := cmd.open(ctx, &f)
	if err != nil {
		return err
	}
	defer release()
	out, st, err := consentfile.Status(ctx, ledger, patient, f.study, uint32(*round))
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	when := "now"
	if *round != 0 {
		when = fmt.Sprintf("as of round %d", *round)
	}
	fmt.Fprintf(stdout, "patient %s, study %d, %s: %s", patient.Hex(), f.study, when, st.State)
	if st.State != contracts.ConsentNone {
		scope := "the study's purpose"
		if st.StudyScoped {
			scope = "this study"
		}
		fmt.Fprintf(stdout, " (decided for %s in block %d", scope, st.Record.Block)
		if !st.Record.Expiry.IsZero() {
			fmt.Fprintf(stdout, ", expiry %s", st.Record.Expiry.Format(time.RFC3339))
		}
		if st.Record.MaxEpsilon != 0 {
			fmt.Fprintf(stdout, ", ε at most %g", st.Record.MaxEpsilon)
		}
		fmt.Fprint(stdout, ")")
	} else {
		fmt.Fprintf(stdout, " (nothing recorded for this id, for study %d or its purpose; `cohort consent id --patient-key FILE` prints a key's id)", f.study)
	}
	fmt.Fprintln(stdout)
	return nil
}

// history prints a patient's consent changes in every registry the
// consortium has had, telling which registries' changes still count.
func (cmd consentCmd) history(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("consent history", "consent history --eth-rpc URL --contract ADDR (--patient ID | --patient-key FILE) [--json]", stderr)
	var f consentFlags
	f.registerChain(fs)
	patientFlag := fs.String("patient", "", "the patient's pseudonymous id (0x, 32 bytes)")
	patientKey := fs.String("patient-key", "", "the patient's key file, instead of --patient")
	asJSON := fs.Bool("json", false, "print one JSON object on stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(stderr); err != nil {
		return err
	}
	patient, err := patientFromFlags(*patientFlag, *patientKey, stderr)
	if err != nil {
		return err
	}
	ledger, release, err := cmd.open(ctx, &f)
	if err != nil {
		return err
	}
	defer release()
	h, err := consentfile.History(ctx, ledger, patient)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, h)
	}
	writeConsentHistory(stdout, h)
	return nil
}

func writeConsentHistory(w io.Writer, h *consentfile.HistoryReport) {
	fmt.Fprintf(w, "patient %s: %s, oldest first\n", h.Patient.Hex(), counted(len(h.Changes), "consent change"))
	standing := func(current, counts bool) string {
		switch {
		case current:
			return "current registry"
		case counts:
			return "retired registry, still read: counts"
		default:
			return "retired registry, not read: does not count"
		}
	}
	for _, c := range h.Changes {
		scope := fmt.Sprintf("study %d", c.StudyID)
		if c.Purpose != nil {
			scope = "purpose " + c.Purpose.Hex()
		}
		what := "revoked"
		if c.Granted {
			what = "granted"
			if c.Expiry != nil {
				what += " until " + c.Expiry.Format(time.RFC3339)
			}
			if c.MaxEpsilon != 0 {
				what += fmt.Sprintf(", ε at most %g", c.MaxEpsilon)
			}
		}
		if c.Logged {
			what += " (logged)"
		}
		fmt.Fprintf(w, "  block %d  %s  %s: %s  in %s (%s)\n", c.Block, c.Time.Format(time.RFC3339), scope, what, c.Registry.Hex(), standing(c.RegistryCurrent, c.Counts))
	}
	fmt.Fprintln(w, "consent registries the consortium has had:")
	for _, r := range h.Registries {
		switch {
		case r.Current:
			fmt.Fprintf(w, "  %s  from block %d, current: new changes are recorded here\n", r.Address.Hex(), r.InstalledInBlock)
		case r.Counts:
			fmt.Fprintf(w, "  %s  blocks %d to %d, retired; the current registry reads it, so its changes still count\n", r.Address.Hex(), r.InstalledInBlock, r.ReplacedInBlock)
		default:
			fmt.Fprintf(w, "  %s  blocks %d to %d, retired; the current registry does not read it, so its changes, grants and revocations alike, no longer count\n", r.Address.Hex(), r.InstalledInBlock, r.ReplacedInBlock)
		}
	}
	fmt.Fprintln(w, "Of the changes that count, the latest for a study or its purpose decides, whichever registry recorded it (a study's own over its purpose's); `cohort consent status --study N` shows the decision.")
}

// consentID prints a patient's pseudonymous id, optionally creating the key file.
// patientFromFlags reads a patient's pseudonymous id from --patient (the id)
// or --patient-key (the key file it derives from), exactly one of them.
func patientFromFlags(patientFlag, patientKey string, stderr io.Writer) (common.Hash, error) {
	switch {
	case (patientFlag == "") == (patientKey == ""):
		fmt.Fprintln(stderr, "give exactly one of --patient ID and --patient-key FILE")
		return common.Hash{}, errUsage
	case patientKey != "":
		a, err := loadKeyFile(patientKey)
		if err != nil {
			return common.Hash{}, err
		}
		return contracts.PatientID(a.Address()), nil
	}
	b, err := hexutil.Decode(patientFlag)
	if err != nil || len(b) != common.HashLength {
		fmt.Fprintln(stderr, "--patient must be a 0x-prefixed 32-byte id (see cohort consent id)")
		return common.Hash{}, errUsage
	}
	return common.BytesToHash(b), nil
}

func consentID(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("consent id", "consent id --patient-key FILE [--create]", stderr)
	patientKey := fs.String("patient-key", "", "the patient's key file (required)")
	create := fs.Bool("create", false, "create the key file with a fresh key if it does not exist")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *patientKey == "" {
		fmt.Fprintln(stderr, "--patient-key is required")
		return errUsage
	}
	if *create {
		if created, err := auth.CreatePrivateKeyFile(*patientKey, "the patient key file"); err != nil {
			return err
		} else if created {
			fmt.Fprintf(stderr, "created %s (keep it secret: it signs your consent)\n", *patientKey)
		}
	}
	a, err := loadKeyFile(*patientKey)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, contracts.PatientID(a.Address()).Hex())
	return nil
}
