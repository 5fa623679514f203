package records

import (
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Sentinel errors of the CSV loader. Every problem with a cell is a
// *FieldError that wraps one of them.
var (
	// ErrInvalidCSV reports a file that does not match its schema: a missing
	// or duplicated column, a malformed or out-of-range value, a duplicated
	// record id, or no record at all.
	ErrInvalidCSV = errors.New("records: invalid CSV")
	// ErrMissingValue reports a missing value that the schema's policy does
	// not allow.
	ErrMissingValue = errors.New("records: missing value")
)

// MaxCSVRecords bounds the records read from one file.
const MaxCSVRecords = 10_000_000

// FieldError locates a problem in a CSV file. Line is 1-based and counts the
// header as line 1; Column is the header name (empty for problems with a
// whole line or file).
type FieldError struct {
	File   string
	Line   int
	Column string
	// Msg says what is wrong and what to do.
	Msg string
	// Err is ErrInvalidCSV or ErrMissingValue.
	Err error
}

// Error formats the location as file:line: column "name": message.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ": column %q", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel error.
func (e *FieldError) Unwrap() error { return e.Err }

// LoadOptions are the per-site settings of LoadCSV.
type LoadOptions struct {
	// Name is the site's name; default the file's base name without its
	// extension.
	Name string
	// At is the time against which consent expiry dates are checked. It is
	// required when the schema names a consent_expires column.
	At time.Time
	// Scoring loads records to score with a trained model rather than to
	// train or evaluate on: the label (and survival time) column may be
	// absent and a record without a label gets Label NaN (Time NaN), the consent, consent-expiry and split
	// columns are ignored, and every record goes to Site.Test in file order.
	Scoring bool
}

// LoadStats counts what LoadCSV did with a file.
type LoadStats struct {
	// Rows is the number of data rows read.
	Rows int `json:"rows"`
	// Dropped is the number of rows skipped for a missing value (policy
	// MissingDrop).
	Dropped int `json:"dropped"`
	// Imputed is the number of missing feature values kept for imputation
	// (policy MissingImpute).
	Imputed int `json:"imputed"`
}

// LoadFile opens path and loads it with LoadCSV.
func LoadFile(path string, s Schema, opt LoadOptions) (Site, LoadStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return Site{}, LoadStats{}, fmt.Errorf("records: open data file: %w", err)
	}
	defer f.Close()
	if opt.Name == "" {
		base := filepath.Base(path)
		opt.Name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return LoadCSV(f, path, s, opt)
}

// LoadSchemaFile reads and validates a JSON schema file.
func LoadSchemaFile(path string) (Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return Schema{}, fmt.Errorf("records: open schema file: %w", err)
	}
	defer f.Close()
	s, err := ReadSchema(f)
	if err != nil {
		return Schema{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// LoadCSV reads one hospital's records from r, a CSV file with a header line,
// as described by s; file names the source in error messages. The columns
// the schema names must all be present (others are ignored), in any order.
//
// The returned Site holds RAW feature vectors, encoded as s describes
// (numeric values as read, categoricals one-hot); a missing value kept under
// MissingImpute is NaN (all of a categorical's one-hot columns are NaN).
// Standardise the site (see Standardiser) before training: models refuse
// NaN. Records go to Train or Test by the split column or, without one, by a
// split drawn with s.SplitSeed and stratified by label (at least one record
// of each class goes to Train when the class has any). Site.Consent maps
// every id to its consent flag (see Schema.Consent); Record.Patient holds the
// patient's ledger id when the schema names a patient column (see
// Schema.Patient).
//
// Any problem with the file is returned as a *FieldError naming the file,
// line and column and wrapping ErrInvalidCSV or ErrMissingValue.
func LoadCSV(r io.Reader, file string, s Schema, opt LoadOptions) (Site, LoadStats, error) {
	var stats LoadStats
	if err := s.Validate(); err != nil {
		return Site{}, stats, err
	}
	if opt.Scoring {
		s.Consent, s.ConsentExpires, s.Split = "", "", ""
	}
	if s.ConsentExpires != "" && opt.At.IsZero() {
		return Site{}, stats, fmt.Errorf("%w: the schema names consent_expires column %q; pass the time to check expiry against (LoadOptions.At)", ErrInvalidSchema, s.ConsentExpires)
	}
	name := opt.Name
	if name == "" {
		base := filepath.Base(file)
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	fail := func(line int, col string, err error, format string, a ...any) error {
		return &FieldError{File: file, Line: line, Column: col, Msg: fmt.Sprintf(format, a...), Err: err}
	}

	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Site{}, stats, fail(0, "", ErrInvalidCSV, "the file is empty; want a header line and records")
	}
	if err != nil {
		return Site{}, stats, csvError(file, err)
	}
	index := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := index[h]; dup {
			return Site{}, stats, fail(1, h, ErrInvalidCSV, "the header names this column twice; rename one")
		}
		index[h] = i
	}
	col := func(name string) (int, error) {
		if name == "" {
			return -1, nil
		}
		i, ok := index[name]
		if !ok {
			return 0, fail(1, name, ErrInvalidCSV, "the schema names this column but the header has no such column (header: %s)", strings.Join(header, ","))
		}
		return i, nil
	}
	var lc loaderColumns
	if _, present := index[s.Label]; opt.Scoring && !present {
		s.Label = "" // records to score need no label column
	}
	if _, present := index[s.Time]; opt.Scoring && !present {
		s.Time = "" // nor a survival time
	}
	for _, c := range []struct {
		name string
		dst  *int
	}{{s.ID, &lc.id}, {s.Label, &lc.label}, {s.Time, &lc.time}, {s.Patient, &lc.patient}, {s.Consent, &lc.consent}, {s.ConsentExpires, &lc.expires}, {s.ConsentMaxEpsilon, &lc.maxEps}, {s.Split, &lc.split}} {
		if *c.dst, err = col(c.name); err != nil {
			return Site{}, stats, err
		}
	}
	for _, c := range s.Numeric {
		i, err := col(c.Name)
		if err != nil {
			return Site{}, stats, err
		}
		lc.numeric = append(lc.numeric, i)
	}
	for _, c := range s.Categorical {
		i, err := col(c.Name)
		if err != nil {
			return Site{}, stats, err
		}
		lc.categorical = append(lc.categorical, i)
	}
	cats := make([]map[string]int, len(s.Categorical))
	for k, c := range s.Categorical {
		cats[k] = make(map[string]int, len(c.Categories))
		for j, v := range c.Categories {
			cats[k][strings.ToLower(strings.TrimSpace(v))] = j
		}
	}

	groups := s.FeatureGroups()
	tokens := s.missingTokens()
	labels := s.labelValues()
	policy := s.missingPolicy()
	type row struct {
		rec   Record
		split int // -1 drawn, 0 train, 1 test
	}
	var rows []row
	consent := map[string]bool{}
	firstLine := map[string]int{}
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Site{}, stats, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		stats.Rows++
		if stats.Rows > MaxCSVRecords {
			return Site{}, stats, fail(line, "", ErrInvalidCSV, "more than %d records; split the file", MaxCSVRecords)
		}
		cell := func(i int) string { return strings.TrimSpace(cells[i]) }

		id := cell(lc.id)
		if isMissing(tokens, id) {
			return Site{}, stats, fail(line, s.ID, ErrMissingValue, "the record id is missing; every record needs a unique id")
		}
		if prev, dup := firstLine[id]; dup {
			return Site{}, stats, fail(line, s.ID, ErrInvalidCSV, "record id %q already appears on line %d; ids must be unique", id, prev)
		}

		// Collect the row's missing cells first so that the policy applies
		// to the record as a whole.
		drop := false
		missing := func(colName string, what string) error {
			switch policy {
			case MissingDrop:
				drop = true
				return nil
			case MissingImpute:
				if what == "label" || what == "time" {
					return fail(line, colName, ErrMissingValue, "the %s is missing; an outcome cannot be imputed: fix the record, remove it, or use missing policy %q", what, MissingDrop)
				}
				stats.Imputed++
				return nil
			default:
				return fail(line, colName, ErrMissingValue, "the value is missing; fill it in, or set the schema's missing policy to %q or %q", MissingDrop, MissingImpute)
			}
		}

		label, v := math.NaN(), "" // NaN: a record to score, without a known outcome
		if lc.label >= 0 {
			v = cell(lc.label)
		}
		switch {
		case lc.label < 0 || opt.Scoring && isMissing(tokens, v):
		case isMissing(tokens, v):
			label = 0
			if err := missing(s.Label, "label"); err != nil {
				return Site{}, stats, err
			}
		case v == labels[0]:
			label = 0
		case v == labels[1]:
			label = 1
		default:
			return Site{}, stats, fail(line, s.Label, ErrInvalidCSV, "label %q is neither %q (negative) nor %q (positive); fix the value or the schema's label_values", v, labels[0], labels[1])
		}

		var followUp float64
		if lc.time >= 0 {
			switch v := cell(lc.time); {
			case opt.Scoring && isMissing(tokens, v):
				followUp = math.NaN() // a record to score, without a known outcome
			case isMissing(tokens, v):
				if err := missing(s.Time, "time"); err != nil {
					return Site{}, stats, err
				}
			default:
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || !(f >= 0) || math.IsInf(f, 0) {
					return Site{}, stats, fail(line, s.Time, ErrInvalidCSV, "time %q is not a finite number ≥ 0 (time to the event or to the last follow-up)", v)
				}
				followUp = f
			}
		}

		x := make([]float64, 0, s.Features())
		for k, i := range lc.numeric {
			v := cell(i)
			if isMissing(tokens, v) {
				if err := missing(s.Numeric[k].Name, "feature"); err != nil {
					return Site{}, stats, err
				}
				x = append(x, math.NaN())
				continue
			}
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return Site{}, stats, fail(line, s.Numeric[k].Name, ErrInvalidCSV, "value %q is not a finite number", v)
			}
			x = append(x, f)
		}
		for k, i := range lc.categorical {
			c := s.Categorical[k]
			v := cell(i)
			onehot := make([]float64, len(c.Categories))
			if isMissing(tokens, v) {
				if err := missing(c.Name, "feature"); err != nil {
					return Site{}, stats, err
				}
				for j := range onehot {
					onehot[j] = math.NaN()
				}
			} else {
				j, ok := cats[k][strings.ToLower(v)]
				if !ok {
					return Site{}, stats, fail(line, c.Name, ErrInvalidCSV, "category %q is not one of %q; add it to the schema (every site must use the same list) or fix the value", v, c.Categories)
				}
				onehot[j] = 1
			}
			x = append(x, onehot...)
		}
		if err := checkGroups(groups, s, x); err != nil {
			return Site{}, stats, fail(line, err.column, ErrInvalidCSV, "record %q: %s", id, err.msg)
		}

		var patient common.Hash
		if lc.patient >= 0 {
			if v := cell(lc.patient); !isMissing(tokens, v) {
				if patient, err = ParsePatient(v); err != nil {
					return Site{}, stats, fail(line, s.Patient, ErrInvalidCSV, "%v", err)
				}
			}
		}
		ok := true
		if lc.consent >= 0 {
			v := cell(lc.consent)
			if isMissing(tokens, v) {
				ok = false // no recorded consent is no consent, whatever the policy
			} else if ok, err = parseBool(v); err != nil {
				return Site{}, stats, fail(line, s.Consent, ErrInvalidCSV, "consent %q is not a yes/no value (1/0, true/false, yes/no, y/n)", v)
			}
		}
		if lc.expires >= 0 {
			if v := cell(lc.expires); !isMissing(tokens, v) {
				until, err := parseDate(v)
				if err != nil {
					return Site{}, stats, fail(line, s.ConsentExpires, ErrInvalidCSV, "consent expiry %q is not a date (YYYY-MM-DD or RFC 3339)", v)
				}
				if !opt.At.Before(until) {
					ok = false
				}
			}
		}
		maxEps := 0.0
		if lc.maxEps >= 0 {
			if v := cell(lc.maxEps); !isMissing(tokens, v) {
				maxEps, err = strconv.ParseFloat(v, 64)
				if err != nil || !(maxEps > 0) || math.IsInf(maxEps, 0) {
					return Site{}, stats, fail(line, s.ConsentMaxEpsilon, ErrInvalidCSV, "consent max ε %q is not a number > 0; leave the cell empty for no bound beyond the study's budget", v)
				}
			}
		}
		split := -1
		if lc.split >= 0 {
			switch v := strings.ToLower(cell(lc.split)); v {
			case "train":
				split = 0
			case "test":
				split = 1
			default:
				return Site{}, stats, fail(line, s.Split, ErrInvalidCSV, "split %q is neither \"train\" nor \"test\"", cells[lc.split])
			}
		}
		if drop {
			stats.Dropped++
			continue
		}
		firstLine[id] = line
		consent[id] = ok
		rows = append(rows, row{rec: Record{ID: id, Features: x, Label: label, Time: followUp, Patient: patient, MaxEpsilon: maxEps}, split: split})
	}
	if len(rows) == 0 {
		return Site{}, stats, fail(0, "", ErrInvalidCSV, "no usable records (%d rows read, %d dropped for missing values)", stats.Rows, stats.Dropped)
	}

	recs := make([]Record, len(rows))
	test := make([]bool, len(rows))
	for i, r := range rows {
		recs[i] = r.rec
		test[i] = r.split == 1
	}
	switch {
	case opt.Scoring:
		for i := range test {
			test[i] = true
		}
	case s.Split == "":
		test = drawSplit(recs, s.testFraction(), s.SplitSeed)
	}
	site := Site{Name: name, Consent: consent}
	for i, r := range recs {
		if test[i] {
			site.Test = append(site.Test, r)
		} else {
			site.Train = append(site.Train, r)
		}
	}
	return site, stats, nil
}

// loaderColumns holds the header index of each schema column, -1 if unused.
type loaderColumns struct {
	id, label, time, patient, consent, expires, maxEps, split int
	numeric, categorical                                      []int
}

// splitStream is the PCG stream of drawn train/test splits.
const splitStream = 0x7265632d73706c74 // "rec-splt"

// drawSplit marks round(frac·n_c) records of each class c as test, chosen
// with a generator seeded by seed, keeping at least one record of each
// non-empty class in train.
func drawSplit(recs []Record, frac float64, seed int64) []bool {
	rng := rand.New(rand.NewPCG(uint64(seed), splitStream))
	test := make([]bool, len(recs))
	for _, class := range []bool{false, true} {
		var idx []int
		for i, r := range recs {
			if (r.Label >= 0.5) == class {
				idx = append(idx, i)
			}
		}
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		k := min(int(math.Round(frac*float64(len(idx)))), len(idx)-1)
		for _, i := range idx[:max(k, 0)] {
			test[i] = true
		}
	}
	return test
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FieldError{File: file, Line: pe.Line, Msg: fmt.Sprintf("malformed CSV at column %d: %v", pe.Column, pe.Err), Err: ErrInvalidCSV}
	}
	return fmt.Errorf("records: read %s: %w", file, err)
}

// groupError is a record's breach of a one-hot group: the column at fault
// and what to do.
type groupError struct{ column, msg string }

// checkGroups checks a record's encoded features x against the schema's
// one-hot groups: each indicator 0 or 1 (or missing, under the impute
// policy) and at most one set per group.
func checkGroups(groups []FeatureGroup, s Schema, x []float64) *groupError {
	for _, g := range groups {
		set := -1
		for _, j := range g.Columns {
			switch v := x[j]; {
			case math.IsNaN(v) || v == 0:
			case v != 1:
				return &groupError{s.Numeric[j].Name, fmt.Sprintf("indicator of group %q is %v, want 0 or 1; fix the value, or take the column out of the schema's groups if it is not a 0/1 indicator", g.Name, v)}
			case set >= 0:
				return &groupError{s.Numeric[j].Name, fmt.Sprintf("sets both %q and %q of group %q, whose indicators exclude each other (one category per record); fix the record, or take the columns out of the group if they can both hold", s.Numeric[set].Name, s.Numeric[j].Name, g.Name)}
			default:
				set = j
			}
		}
	}
	return nil
}

// ParsePatient reads a patient's ledger id as a CSV patient column holds it:
// 0x and 64 hex digits for the id itself, or 0x and 40 hex digits for the
// address of the patient's consent key, whose PatientID it returns. The
// zero id is refused: it means "unknown", which a file says with an empty
// cell.
func ParsePatient(v string) (common.Hash, error) {
	digits, ok := strings.CutPrefix(v, "0x")
	if !ok {
		digits, ok = strings.CutPrefix(v, "0X")
	}
	if !ok {
		return common.Hash{}, fmt.Errorf("patient %q is not 0x-prefixed hex; give the 32-byte patient id (0x and 64 hex digits) or the 20-byte address of the patient's consent key (0x and 40 hex digits)", v)
	}
	b, err := hex.DecodeString(digits)
	if err != nil {
		return common.Hash{}, fmt.Errorf("patient %q is not hex: %v", v, err)
	}
	var id common.Hash
	switch len(b) {
	case common.HashLength:
		id = common.BytesToHash(b)
	case common.AddressLength:
		id = PatientID(common.BytesToAddress(b))
	default:
		return common.Hash{}, fmt.Errorf("patient %q has %d bytes; want a 32-byte patient id or a 20-byte consent-key address", v, len(b))
	}
	if id == (common.Hash{}) {
		return common.Hash{}, fmt.Errorf("patient id %q is zero; leave the cell empty when the patient is not known", v)
	}
	return id, nil
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "y":
		return true, nil
	case "0", "false", "no", "n":
		return false, nil
	}
	return false, fmt.Errorf("not a yes/no value: %q", v)
}

func parseDate(v string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, v)
}
