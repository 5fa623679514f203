package consentfile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/google/renameio/v2"

	"github.com/cohort-fl/cohort/contracts"
)

// File is the JSON a patient hands to a hospital: a signed
// consent change and the deployment it is signed for. It holds no secret.
type File struct {
	ChainID  string         `json:"chain_id"`
	Contract common.Address `json:"contract"`
	Patient  common.Hash    `json:"patient"`
	StudyID  uint64         `json:"study_id,omitempty"`
	Purpose  common.Hash    `json:"purpose"`
	Granted  bool           `json:"granted"`
	Expiry   int64          `json:"expiry,omitempty"`
	// MaxEpsilon is a grant's ε bound (0 or absent: none), signed with it.
	MaxEpsilon float64 `json:"max_epsilon,omitempty"`
	Nonce      uint32  `json:"nonce"`
	// IssuedAt (unix seconds) marks a logged change, signed with the time
	// instead of a nonce (see contracts.ConsentChange).
	IssuedAt  int64         `json:"issued_at,omitempty"`
	Signature hexutil.Bytes `json:"signature"`
}

// Signed returns the signed change of f and the deployment it is signed
// for.
func (f File) Signed() (contracts.SignedConsent, contracts.ConsentDomain, error) {
	chainID, ok := new(big.Int).SetString(f.ChainID, 10)
	if !ok {
		return contracts.SignedConsent{}, contracts.ConsentDomain{}, fmt.Errorf("chain_id %q is not a decimal number", f.ChainID)
	}
	c := contracts.ConsentChange{
		Patient:    f.Patient,
		Scope:      contracts.ConsentScope{StudyID: f.StudyID, Purpose: f.Purpose},
		Granted:    f.Granted,
		MaxEpsilon: f.MaxEpsilon,
		Nonce:      f.Nonce,
	}
	if f.Expiry != 0 {
		c.Expiry = time.Unix(f.Expiry, 0).UTC()
	}
	if f.IssuedAt != 0 {
		c.IssuedAt = time.Unix(f.IssuedAt, 0).UTC()
	}
	return contracts.SignedConsent{ConsentChange: c, Signature: f.Signature},
		contracts.ConsentDomain{ChainID: chainID, Contract: f.Contract}, nil
}

// Expiry reads --expires (a date or RFC 3339 time) or --for (a Go
// duration or a number of days such as 365d), exactly one of them.
func Expiry(expires, duration string, now time.Time) (time.Time, error) {
	if (expires == "") == (duration == "") {
		return time.Time{}, errors.New("a grant needs exactly one of --expires DATE and --for DURATION")
	}
	if expires != "" {
		if t, err := time.Parse(time.DateOnly, expires); err == nil {
			return t, nil
		}
		t, err := time.Parse(time.RFC3339, expires)
		if err != nil {
			return time.Time{}, fmt.Errorf("--expires %q: want a date like 2027-12-31 or an RFC 3339 time", expires)
		}
		return t, nil
	}
	if days, ok := strings.CutSuffix(duration, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return time.Time{}, fmt.Errorf("--for %q: want a positive number of days like 365d", duration)
		}
		return now.AddDate(0, 0, n), nil
	}
	d, err := time.ParseDuration(duration)
	if err != nil || d <= 0 {
		return time.Time{}, fmt.Errorf("--for %q: want a positive duration like 365d or 720h", duration)
	}
	return now.Add(d), nil
}

// Write writes a signed change for the deployment d as a File a patient
// hands to a hospital.
func Write(path string, d contracts.ConsentDomain, s contracts.SignedConsent) error {
	f := File{
		ChainID: d.ChainID.String(), Contract: d.Contract, Patient: s.Patient,
		StudyID: s.Scope.StudyID, Purpose: s.Scope.Purpose, Granted: s.Granted, MaxEpsilon: s.MaxEpsilon, Nonce: s.Nonce, Signature: s.Signature,
	}
	if !s.Expiry.IsZero() {
		f.Expiry = s.Expiry.Unix()
	}
	if !s.IssuedAt.IsZero() {
		f.IssuedAt = s.IssuedAt.Unix()
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing the signed consent: %w", err)
	}
	return nil
}

// Read reads one signed change and the deployment it is signed for.
func Read(path string) (contracts.SignedConsent, contracts.ConsentDomain, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return contracts.SignedConsent{}, contracts.ConsentDomain{}, fmt.Errorf("reading the signed consent: %w", err)
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return contracts.SignedConsent{}, contracts.ConsentDomain{}, fmt.Errorf("reading the signed consent %s: %w", path, err)
	}
	s, d, err := f.Signed()
	if err != nil {
		return contracts.SignedConsent{}, contracts.ConsentDomain{}, fmt.Errorf("reading the signed consent %s: %w", path, err)
	}
	return s, d, nil
}

// ReadFor reads one signed change to relay to the deployment of domain,
// refusing one signed for another deployment (the contract would refuse
// it) or that is not a grant (grant) or a revocation (!grant).
func ReadFor(path string, domain contracts.ConsentDomain, grant bool) (contracts.SignedConsent, error) {
	signed, fileDomain, err := Read(path)
	if err != nil {
		return contracts.SignedConsent{}, err
	}
	if fileDomain.ChainID.Cmp(domain.ChainID) != 0 || fileDomain.Contract != domain.Contract {
		return contracts.SignedConsent{}, fmt.Errorf("%s is signed for contract %s on chain %s, not %s on chain %s: the contract would refuse it",
			path, fileDomain.Contract, fileDomain.ChainID, domain.Contract, domain.ChainID)
	}
	if signed.Granted != grant {
		return contracts.SignedConsent{}, fmt.Errorf("%s holds a %s, not a %s", path, changeName(signed.Granted), map[bool]string{true: "grant", false: "revoke"}[grant])
	}
	return signed, nil
}

// changeName names a grant or a revocation.
func changeName(granted bool) string {
	if granted {
		return "grant"
	}
	return "revocation"
}

// ReadAll reads a JSON array of signed consent files, or a
// stream of them one after another (one per line, say).
func ReadAll(path string) ([]contracts.SignedConsent, []contracts.ConsentDomain, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the signed consents: %w", err)
	}
	defer fh.Close()
	dec := json.NewDecoder(fh)
	var files []File
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("reading the signed consents %s: %w", path, err)
		}
		if len(raw) > 0 && raw[0] == '[' {
			var batch []File
			if err := json.Unmarshal(raw, &batch); err != nil {
				return nil, nil, fmt.Errorf("reading the signed consents %s: %w", path, err)
			}
			files = append(files, batch...)
			continue
		}
		var one File
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
		if changes[i], domains[i], err = f.Signed(); err != nil {
			return nil, nil, fmt.Errorf("reading the signed consents %s: change %d: %w", path, i+1, err)
		}
	}
	return changes, domains, nil
}

// RelayEntry is one change of a relayed file and what became of it.
type RelayEntry struct {
	Index   int         `json:"index"`
	Patient common.Hash `json:"patient"`
	Granted bool        `json:"granted"`
	Outcome string      `json:"outcome"`
	// Detail says more of a skipped change where the file shows it: the
	// change a duplicate repeats, the change whose signature a bad one is.
	Detail string `json:"detail,omitempty"`
}

// RelayReport is what relaying a file of changes did (what `cohort
// consent relay --json` prints).
type RelayReport struct {
	Changes      int           `json:"changes"`
	Recorded     int           `json:"recorded"`
	Skipped      int           `json:"skipped"`
	Transactions []common.Hash `json:"transactions"`
	GasUsed      uint64        `json:"gas_used"`
	Entries      []RelayEntry  `json:"entries"`
}

// StatusReport is a patient's consent to a study as of a round (what
// `cohort consent status --json` prints).
type StatusReport struct {
	Patient     common.Hash `json:"patient"`
	StudyID     uint64      `json:"study_id"`
	AsOfRound   uint32      `json:"as_of_round"`
	State       string      `json:"state"`
	StudyScoped bool        `json:"study_scoped"`
	Expiry      *time.Time  `json:"expiry,omitempty"`
	// MaxEpsilon is the deciding grant's ε bound (absent: none).
	MaxEpsilon float64    `json:"max_epsilon,omitempty"`
	SinceBlock uint64     `json:"since_block,omitempty"`
	Since      *time.Time `json:"since,omitempty"`
}

// Relay sends a file's signed changes from a member hospital's account in
// batches of contracts.ConsentBatchSize per transaction (logged changes
// through logConsentBatch, the others through relayConsentBatch), after checking
// that every change is signed for this ledger's consent registry (file
// names the file in that error). A bad entry is skipped and reported; the
// others are recorded.
func Relay(ctx context.Context, ledger *contracts.Ledger, relayer *contracts.Account, changes []contracts.SignedConsent, domains []contracts.ConsentDomain, file string) (*RelayReport, error) {
	domain, err := ledger.ConsentDomain(ctx)
	if err != nil {
		return nil, err
	}
	for i, d := range domains {
		if d.ChainID.Cmp(domain.ChainID) != 0 || d.Contract != domain.Contract {
			return nil, fmt.Errorf("%s: change %d (patient %s) is signed for consent registry %s on chain %s, not %s on chain %s: the contract would refuse it; have the patient sign again",
				file, i+1, changes[i].Patient, d.Contract, d.ChainID, domain.Contract, domain.ChainID)
		}
	}
	res, err := ledger.RelayConsentChanges(ctx, relayer, changes)
	if err != nil {
		return nil, err
	}
	out := &RelayReport{Changes: len(changes), Recorded: res.Recorded, Skipped: len(changes) - res.Recorded, GasUsed: res.GasUsed}
	for _, r := range res.Receipts {
		out.Transactions = append(out.Transactions, r.TxHash)
	}
	details := skipDetails{domain: domain, changes: changes}
	for i, o := range res.Outcomes {
		out.Entries = append(out.Entries, RelayEntry{Index: i + 1, Patient: changes[i].Patient, Granted: changes[i].Granted, Outcome: o.String(),
			Detail: details.of(i, o)})
	}
	return out, nil
}

// skipDetails says which other change of the file a skipped change
// repeats (a duplicate) or carries the signature of (a bad signature: a
// file that pairs one patient's change with another's signature). The
// file's changes are hashed once, at the first duplicate: hashing them
// again for each one made a file of many copies quadratic.
type skipDetails struct {
	domain  contracts.ConsentDomain
	changes []contracts.SignedConsent
	first   map[common.Hash]int // a change's digest: its first index
}

func (s *skipDetails) of(i int, o contracts.ConsentOutcome) string {
	c := s.changes[i]
	switch o {
	case contracts.ConsentSkippedDuplicate:
		if s.first == nil {
			s.first = make(map[common.Hash]int, len(s.changes))
			for j, other := range s.changes {
				if d, err := contracts.ConsentDigest(s.domain, other.ConsentChange); err == nil {
					if _, seen := s.first[d]; !seen {
						s.first[d] = j
					}
				}
			}
		}
		d, err := contracts.ConsentDigest(s.domain, c.ConsentChange)
		if j, ok := s.first[d]; err == nil && ok && j < i {
			return fmt.Sprintf("the same change as change %d, relayed once", j+1)
		}
	case contracts.ConsentSkippedBadSignature:
		for j, other := range s.changes {
			if j != i && other.Patient != c.Patient && bytes.Equal(other.Signature, c.Signature) {
				return fmt.Sprintf("the signature is change %d's (patient %s), not patient %s's: relay the signature patient %s made for this change",
					j+1, other.Patient.Hex(), c.Patient.Hex(), c.Patient.Hex())
			}
		}
		return fmt.Sprintf("not a valid signature of this change by patient %s; relay the one they made for it, or have them sign again", c.Patient.Hex())
	}
	return ""
}

// Status reads a patient's consent to a study as of a round (0: now) and
// the decision behind it.
func Status(ctx context.Context, ledger *contracts.Ledger, patient common.Hash, study uint64, round uint32) (*StatusReport, contracts.ConsentStatus, error) {
	st, err := ledger.ConsentStatus(ctx, patient, study, round)
	if err != nil {
		return nil, st, err
	}
	out := &StatusReport{Patient: patient, StudyID: study, AsOfRound: round, State: st.State.String(), StudyScoped: st.StudyScoped}
	if st.State != contracts.ConsentNone {
		out.SinceBlock, out.Since, out.MaxEpsilon = st.Record.Block, &st.Record.Time, st.Record.MaxEpsilon
		if !st.Record.Expiry.IsZero() {
			out.Expiry = &st.Record.Expiry
		}
	}
	return out, st, nil
}

// HistoryReport is a patient's consent changes in every registry the
// consortium has had (what `cohort consent history --json` prints).
type HistoryReport struct {
	Patient common.Hash `json:"patient"`
	// Registries are the consortium's consent registries, in the order it
	// had them; the last is current.
	Registries []RegistryReport `json:"registries"`
	// Changes are the patient's changes in chain order.
	Changes []HistoryEntry `json:"changes"`
}

// RegistryReport is a consent registry the consortium has had.
type RegistryReport struct {
	Address          common.Address `json:"address"`
	InstalledInBlock uint64         `json:"installed_in_block"`
	// ReplacedInBlock is the block a vote replaced it in (absent while current).
	ReplacedInBlock uint64 `json:"replaced_in_block,omitempty"`
	Current         bool   `json:"current"`
	// Counts tells whether its changes still decide consent: the current
	// registry reads it (contracts.ConsentRegistryTerm.ReadByCurrent).
	Counts bool `json:"counts"`
}

// HistoryEntry is one consent change and the registry that recorded it.
type HistoryEntry struct {
	Block    uint64      `json:"block"`
	TxHash   common.Hash `json:"tx_hash"`
	LogIndex uint        `json:"log_index"`
	// Time is the block's time for a stored change, the signed time for a
	// logged one.
	Time    time.Time    `json:"time"`
	StudyID uint64       `json:"study_id,omitempty"`
	Purpose *common.Hash `json:"purpose,omitempty"`
	Granted bool         `json:"granted"`
	Expiry  *time.Time   `json:"expiry,omitempty"`
	// MaxEpsilon is a grant's ε bound (absent: none).
	MaxEpsilon float64        `json:"max_epsilon,omitempty"`
	Logged     bool           `json:"logged"`
	Registry   common.Address `json:"registry"`
	// RegistryCurrent and Counts are the registry's: whether it is the
	// current one, and whether the change still counts (see RegistryReport).
	RegistryCurrent bool `json:"registry_current"`
	Counts          bool `json:"counts"`
}

// History reads a patient's consent changes in every registry the
// consortium has had (contracts.Ledger.PatientEvents).
func History(ctx context.Context, ledger *contracts.Ledger, patient common.Hash) (*HistoryReport, error) {
	terms, err := ledger.ConsentRegistries(ctx)
	if err != nil {
		return nil, err
	}
	events, err := ledger.PatientEvents(ctx, patient)
	if err != nil {
		return nil, err
	}
	out := &HistoryReport{Patient: patient, Registries: []RegistryReport{}, Changes: []HistoryEntry{}}
	for _, t := range terms {
		out.Registries = append(out.Registries, RegistryReport{Address: t.Address, InstalledInBlock: t.InstalledIn, ReplacedInBlock: t.ReplacedIn,
			Current: t.Current, Counts: t.ReadByCurrent})
	}
	for _, e := range events {
		c := e.Change
		h := HistoryEntry{Block: e.Block, TxHash: e.TxHash, LogIndex: e.Index, Time: c.Time, StudyID: e.Scope.StudyID,
			Granted: c.Granted, MaxEpsilon: c.MaxEpsilon, Logged: c.Logged,
			Registry: e.Registry.Address, RegistryCurrent: e.Registry.Current, Counts: e.Registry.ReadByCurrent}
		if e.Scope.StudyID == 0 {
			h.Purpose = &e.Scope.Purpose
		}
		if !c.Expiry.IsZero() {
			h.Expiry = &c.Expiry
		}
		out.Changes = append(out.Changes, h)
	}
	return out, nil
}
