package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
)

// consentRelayEntry is one line of what `cohort consent relay --json` prints.
type consentRelayEntry struct {
	Index   int         `json:"index"`
	Patient common.Hash `json:"patient"`
	Granted bool        `json:"granted"`
	Outcome string      `json:"outcome"`
}

// consentRelayJSON is what `cohort consent relay --json` prints.
type consentRelayJSON struct {
	Changes      int                 `json:"changes"`
	Recorded     int                 `json:"recorded"`
	Skipped      int                 `json:"skipped"`
	Transactions []common.Hash       `json:"transactions"`
	GasUsed      uint64              `json:"gas_used"`
	Entries      []consentRelayEntry `json:"entries"`
}

// relay runs `cohort consent relay`: a member hospital relays a file of
// patients' signed changes (what `consent grant|revoke --out` writes), in
// batches of contracts.ConsentBatchSize per transaction.
func (cmd consentCmd) relay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("consent relay", "consent relay --eth-rpc URL --contract ADDR --file signed.json --relayer-key FILE [--json]", stderr)
	var f consentFlags
	fs.StringVar(&f.rpcURL, "eth-rpc", "", "Ethereum JSON-RPC endpoint of the consortium chain (required)")
	fs.StringVar(&f.contract, "contract", "", "address of the Cohort contract (required)")
	file := fs.String("file", "", "signed changes: a JSON array of, or a stream of, the objects `consent grant|revoke --out` writes (required)")
	relayerKey := fs.String("relayer-key", "", "a member hospital's key file: sends the batches and pays their gas (required)")
	asJSON := fs.Bool("json", false, "print one JSON object with every entry's outcome")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.check(stderr); err != nil {
		return err
	}
	if *file == "" || *relayerKey == "" {
		fmt.Fprintln(stderr, "--file FILE and --relayer-key FILE are required")
		return errUsage
	}
	changes, domains, err := readSignedConsents(*file)
	if err != nil {
		return err
	}
	relayer, err := contracts.LoadAccount(*relayerKey)
	if err != nil {
		return err
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
	for i, d := range domains {
		if d.ChainID.Cmp(domain.ChainID) != 0 || d.Contract != domain.Contract {
			return fmt.Errorf("%s: change %d (patient %s) is signed for consent registry %s on chain %s, not %s on chain %s: the contract would refuse it; have the patient sign again",
				*file, i+1, changes[i].Patient, d.Contract, d.ChainID, domain.Contract, domain.ChainID)
		}
	}
	res, err := ledger.RelayConsentBatch(ctx, relayer, changes)
	if err != nil {
		return err
	}
	out := consentRelayJSON{Changes: len(changes), Recorded: res.Recorded, Skipped: len(changes) - res.Recorded, GasUsed: res.GasUsed}
	for _, r := range res.Receipts {
		out.Transactions = append(out.Transactions, r.TxHash)
	}
	for i, o := range res.Outcomes {
		out.Entries = append(out.Entries, consentRelayEntry{Index: i + 1, Patient: changes[i].Patient, Granted: changes[i].Granted, Outcome: o.String()})
	}
	if *asJSON {
		return writeJSON(stdout, out)
	}
	fmt.Fprintf(stdout, "%d consent changes relayed in %d transactions by %s: %d recorded, %d skipped, %d gas (%d per change)\n",
		out.Changes, len(out.Transactions), relayer.Address().Hex(), out.Recorded, out.Skipped, out.GasUsed, out.GasUsed/uint64(out.Changes))
	for _, e := range out.Entries {
		if e.Outcome != contracts.ConsentRecorded.String() {
			fmt.Fprintf(stdout, "  skipped change %d (patient %s): %s\n", e.Index, e.Patient.Hex(), e.Outcome)
		}
	}
	return nil
}

// readSignedConsents reads a JSON array of signed consent files, or a
// stream of them one after another (one per line, say).
func readSignedConsents(path string) ([]contracts.SignedConsent, []contracts.ConsentDomain, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the signed consents: %w", err)
	}
	defer fh.Close()
	dec := json.NewDecoder(fh)
	var files []signedConsentFile
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("reading the signed consents %s: %w", path, err)
		}
		if len(raw) > 0 && raw[0] == '[' {
			var batch []signedConsentFile
			if err := json.Unmarshal(raw, &batch); err != nil {
				return nil, nil, fmt.Errorf("reading the signed consents %s: %w", path, err)
			}
			files = append(files, batch...)
			continue
		}
		var one signedConsentFile
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, nil, fmt.Errorf("reading the signed consents %s: change %d: %w", path, len(files)+1, err)
		}
		files = append(files, one)
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("%s holds no signed consent change", path)
	}
	changes := make([]contracts.SignedConsent, len(files))
	domains := make([]contracts.ConsentDomain, len(files))
	for i, f := range files {
		if changes[i], domains[i], err = f.signed(); err != nil {
			return nil, nil, fmt.Errorf("reading the signed consents %s: change %d: %w", path, i+1, err)
		}
	}
	return changes, domains, nil
}
