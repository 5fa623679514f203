package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
)

// Missing-value policies accepted in Schema.Missing. See the package doc.
const (
	// MissingReject makes any missing value a validation error (the default).
	MissingReject = "reject"
	// MissingDrop skips every record that has a missing value and counts it
	// in LoadStats.Dropped.
	MissingDrop = "drop"
	// MissingImpute keeps records with missing feature values: the value is
	// held as NaN until standardisation, which replaces it by the pooled mean
	// (0 after standardising). A missing record id or label is still an
	// error.
	MissingImpute = "impute"
)

// DefaultMissingTokens returns the cell values that mean "missing" when a
// schema lists none: the empty cell, "NA", "NaN", "null" and "?" (compared
// after trimming spaces, case-insensitively).
func DefaultMissingTokens() []string { return []string{"", "NA", "NaN", "null", "?"} }

// DefaultTestFraction is the share of a site's records held out for testing
// when the schema names no split column and sets no test_fraction.
const DefaultTestFraction = 0.2

// MaxSchemaColumns bounds the number of feature columns a schema may name.
const MaxSchemaColumns = 4096

// Schema describes a hospital's CSV export. Every hospital of a study loads
// its file with the same schema, so that all sites encode their records into
// the same feature vector: the numeric columns in schema order, then, for
// each categorical column in schema order, one 0/1 column per listed
// category (one-hot). The schema is a plain value, usually read from JSON
// with ReadSchema; it is safe for concurrent reads.
type Schema struct {
	// ID names the column holding the pseudonymous record (patient) id. Ids
	// must be unique within a file.
	ID string `json:"id"`
	// Label names the binary outcome column. For a survival outcome it is
	// the event indicator: positive when the event (e.g. death) was
	// observed, negative when the record is censored.
	Label string `json:"label"`
	// Time optionally names the column of a survival outcome's time: to
	// the event, or to the last follow-up of a censored record (a finite
	// number ≥ 0, in any unit used by every site). A Cox model needs it.
	Time string `json:"time,omitempty"`
	// LabelValues are the cell values of the negative and positive class, in
	// that order; default ["0", "1"].
	LabelValues []string `json:"label_values,omitempty"`
	// Numeric lists the numeric feature columns. In JSON each entry is either
	// a column name or an object {"name": ..., "scale": ...}.
	Numeric []NumericColumn `json:"numeric"`
	// Categorical lists the categorical feature columns with their
	// categories; a value outside the list is an error.
	Categorical []CategoricalColumn `json:"categorical,omitempty"`
	// Patient optionally names a column holding the patient's pseudonymous
	// id on the consent ledger: either the id itself, 0x and 64 hex digits,
	// or the 0x-prefixed 20-byte address of the patient's consent key, from
	// which the id is derived with PatientID. An empty (missing) cell means
	// the id is unknown (Record.Patient zero) under every missing-value
	// policy: such a record is never used when consent is read from the
	// chain. Several records may name the same patient.
	Patient string `json:"patient,omitempty"`
	// Consent optionally names a column holding the patient's consent to the
	// study (1/0, true/false, yes/no, y/n). Without it every record of the
	// file is taken to be consented: the export is assumed to hold only
	// patients who agreed to the study.
	Consent string `json:"consent,omitempty"`
	// ConsentExpires optionally names a column holding the date the consent
	// ends (YYYY-MM-DD or RFC 3339; empty for none). A record whose consent
	// has expired at LoadOptions.At is not consented.
	ConsentExpires string `json:"consent_expires,omitempty"`
	// ConsentMaxEpsilon optionally names a column holding the largest
	// differential-privacy ε the patient's consent allows (a number > 0;
	// empty for no bound beyond the study's budget), read into
	// Record.MaxEpsilon. Like the consent columns, it serves the site's own
	// flags: a participant that reads consent from the chain takes each
	// record's bound from the grant the patient signed instead.
	ConsentMaxEpsilon string `json:"consent_max_epsilon,omitempty"`
	// Split optionally names a column whose value, "train" or "test", puts
	// the record in Site.Train or Site.Test. Without it the split is drawn
	// with SplitSeed, stratified by label.
	Split string `json:"split,omitempty"`
	// TestFraction is the share of records held out per class when the
	// split is drawn; default DefaultTestFraction.
	TestFraction float64 `json:"test_fraction,omitempty"`
	// SplitSeed seeds the drawn split.
	SplitSeed int64 `json:"split_seed,omitempty"`
	// Missing is the missing-value policy: MissingReject (default),
	// MissingDrop or MissingImpute.
	Missing string `json:"missing,omitempty"`
	// MissingTokens are the cell values that mean "missing"; default "",
	// "NA", "NaN", "null" and "?".
	MissingTokens []string `json:"missing_tokens,omitempty"`
	// Groups optionally names one-hot groups among the numeric columns:
	// each lists the 0/1 indicators of one variable (its categories but
	// the reference one), of which a record sets at most one. Loading
	// refuses a record that sets two of a group, or gives one another
	// value than 0 or 1. A recipe with "precondition": "groups" whitens
	// each group's standardised block (see Standardiser.Groups); without
	// it groups change nothing.
	Groups map[string][]string `json:"groups,omitempty"`
}

// FeatureGroup is a schema group as encoded features: its name and the
// indices of its columns in the feature vector, in feature order.
type FeatureGroup struct {
	Name    string
	Columns []int
}

// NumericColumn is a numeric feature column.
type NumericColumn struct {
	// Name is the column's header.
	Name string `json:"name"`
	// Scale is a public, rough magnitude of the column's values (default 1).
	// It plays no part in the model: it only keeps the moments that sites
	// sum under encryption within the encryption's range (see
	// Moments.Encode). Set it to about the column's typical absolute value.
	Scale float64 `json:"scale,omitempty"`
}

// UnmarshalJSON accepts a column name or a {"name", "scale"} object.
func (c *NumericColumn) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '"' {
		*c = NumericColumn{}
		return json.Unmarshal(t, &c.Name)
	}
	type plain NumericColumn
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*c = NumericColumn(p)
	return nil
}

// CategoricalColumn is a categorical feature column, one-hot encoded.
type CategoricalColumn struct {
	// Name is the column's header.
	Name string `json:"name"`
	// Categories lists every accepted value, in the order of their one-hot
	// columns.
	Categories []string `json:"categories"`
}

// ErrInvalidSchema reports a schema that cannot be used to load records.
var ErrInvalidSchema = errors.New("records: invalid schema")

// ReadSchema decodes a JSON schema from r and validates it. Unknown fields
// are refused, so that a misspelt key is reported rather than ignored.
func ReadSchema(r io.Reader) (Schema, error) {
	var s Schema
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Schema{}, fmt.Errorf("%w: %v", ErrInvalidSchema, err)
	}
	if err := s.Validate(); err != nil {
		return Schema{}, err
	}
	return s, nil
}

// Validate reports whether s can load records, wrapping ErrInvalidSchema
// with the reason.
func (s Schema) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidSchema}, a...)...)
	}
	if s.ID == "" || s.Label == "" {
		return bad("id and label must name columns")
	}
	if len(s.Numeric)+len(s.Categorical) == 0 {
		return bad("no feature columns: list numeric and/or categorical columns")
	}
	if len(s.Numeric)+len(s.Categorical) > MaxSchemaColumns {
		return bad("%d feature columns exceed the limit of %d", len(s.Numeric)+len(s.Categorical), MaxSchemaColumns)
	}
	seen := map[string]string{}
	use := func(col, role string) error {
		if col == "" {
			return bad("a %s column has an empty name", role)
		}
		if prev, ok := seen[col]; ok {
			return bad("column %q is used both as %s and as %s", col, prev, role)
		}
		seen[col] = role
		return nil
	}
	for _, c := range []struct{ col, role string }{{s.ID, "id"}, {s.Label, "label"}} {
		if err := use(c.col, c.role); err != nil {
			return err
		}
	}
	for _, c := range []struct{ col, role string }{{s.Time, "time"}, {s.Patient, "patient"}, {s.Consent, "consent"}, {s.ConsentExpires, "consent_expires"}, {s.ConsentMaxEpsilon, "consent_max_epsilon"}, {s.Split, "split"}} {
		if c.col != "" {
			if err := use(c.col, c.role); err != nil {
				return err
			}
		}
	}
	if lv := s.LabelValues; lv != nil && (len(lv) != 2 || lv[0] == lv[1]) {
		return bad("label_values is %q, want two different values: [negative, positive]", lv)
	}
	for _, c := range s.Numeric {
		if err := use(c.Name, "a numeric feature"); err != nil {
			return err
		}
		if c.Scale != 0 && !(c.Scale > 0 && !math.IsInf(c.Scale, 0)) {
			return bad("numeric column %q has scale %v, want a finite value > 0", c.Name, c.Scale)
		}
	}
	for _, c := range s.Categorical {
		if err := use(c.Name, "a categorical feature"); err != nil {
			return err
		}
		if len(c.Categories) == 0 {
			return bad("categorical column %q lists no categories", c.Name)
		}
		cats := map[string]bool{}
		for _, v := range c.Categories {
			if cats[v] {
				return bad("categorical column %q lists category %q twice", c.Name, v)
			}
			cats[v] = true
		}
	}
	switch s.Missing {
	case "", MissingReject, MissingDrop, MissingImpute:
	default:
		return bad("missing is %q, want %q, %q or %q", s.Missing, MissingReject, MissingDrop, MissingImpute)
	}
	if err := s.validateGroups(); err != nil {
		return err
	}
	if s.TestFraction != 0 && !(s.TestFraction > 0 && s.TestFraction < 1) {
		return bad("test_fraction is %v, want a value in (0, 1)", s.TestFraction)
	}
	if s.Split != "" && s.TestFraction != 0 {
		return bad("both a split column and test_fraction are set; keep one")
	}
	return nil
}

// validateGroups checks Groups: every group names at least one column,
// every column is a numeric feature column of the schema, and no column is
// in two groups.
func (s Schema) validateGroups() error {
	numeric := make(map[string]bool, len(s.Numeric))
	for _, c := range s.Numeric {
		numeric[c.Name] = true
	}
	categorical := make(map[string]bool, len(s.Categorical))
	for _, c := range s.Categorical {
		categorical[c.Name] = true
	}
	in := map[string]string{}
	names := slices.Sorted(maps.Keys(s.Groups))
	for _, g := range names {
		cols := s.Groups[g]
		if g == "" {
			return fmt.Errorf("%w: a group has an empty name; name it after its variable", ErrInvalidSchema)
		}
		if len(cols) == 0 {
			return fmt.Errorf("%w: group %q lists no columns; list its 0/1 indicators or remove it", ErrInvalidSchema, g)
		}
		for _, c := range cols {
			switch {
			case categorical[c]:
				return fmt.Errorf("%w: group %q lists the categorical column %q; a group lists numeric 0/1 indicator columns (list the file's indicators under numeric)", ErrInvalidSchema, g, c)
			case !numeric[c]:
				return fmt.Errorf("%w: group %q lists %q, which is not a numeric column of the schema; list it under numeric or fix the name", ErrInvalidSchema, g, c)
			case in[c] == g:
				return fmt.Errorf("%w: group %q lists %q twice", ErrInvalidSchema, g, c)
			case in[c] != "":
				return fmt.Errorf("%w: column %q is in groups %q and %q; a column belongs to one group only", ErrInvalidSchema, c, in[c], g)
			}
			in[c] = g
		}
	}
	return nil
}

// FeatureGroups returns the schema's groups as feature indices, each
// group's columns in feature order and the groups ordered by their first
// column; nil without groups. The order is the schema's, not the JSON's,
// so every hospital derives the same groups from the same schema.
func (s Schema) FeatureGroups() []FeatureGroup {
	if len(s.Groups) == 0 {
		return nil
	}
	index := make(map[string]int, len(s.Numeric))
	for j, c := range s.Numeric {
		index[c.Name] = j
	}
	out := make([]FeatureGroup, 0, len(s.Groups))
	for name, cols := range s.Groups {
		g := FeatureGroup{Name: name, Columns: make([]int, len(cols))}
		for i, c := range cols {
			g.Columns[i] = index[c]
		}
		slices.Sort(g.Columns)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b FeatureGroup) int { return a.Columns[0] - b.Columns[0] })
	return out
}

// GroupColumns returns FeatureGroups' columns alone: what a preconditioning
// standardiser whitens (Standardiser.WithGroups).
func (s Schema) GroupColumns() [][]int {
	var out [][]int
	for _, g := range s.FeatureGroups() {
		out = append(out, g.Columns)
	}
	return out
}

// Features returns the number of values in an encoded feature vector.
func (s Schema) Features() int {
	n := len(s.Numeric)
	for _, c := range s.Categorical {
		n += len(c.Categories)
	}
	return n
}

// FeatureNames names the values of an encoded feature vector, in order:
// numeric columns by name, one-hot columns as "column=category".
func (s Schema) FeatureNames() []string {
	names := make([]string, 0, s.Features())
	for _, c := range s.Numeric {
		names = append(names, c.Name)
	}
	for _, c := range s.Categorical {
		for _, v := range c.Categories {
			names = append(names, c.Name+"="+v)
		}
	}
	return names
}

// Scales returns the public magnitude of each encoded feature for
// Moments.Encode: a numeric column's Scale (1 when unset) and 1 for one-hot
// columns.
func (s Schema) Scales() []float64 {
	sc := make([]float64, 0, s.Features())
	for _, c := range s.Numeric {
		if c.Scale > 0 {
			sc = append(sc, c.Scale)
		} else {
			sc = append(sc, 1)
		}
	}
	for range s.Features() - len(s.Numeric) {
		sc = append(sc, 1)
	}
	return sc
}

// UnitScales are the Moments.Encode scales of f features already near unit
// scale (the synthetic cohorts, or data without a schema): every scale 1.
func UnitScales(f int) []float64 {
	s := make([]float64, f)
	for i := range s {
		s[i] = 1
	}
	return s
}

func (s Schema) labelValues() [2]string {
	if len(s.LabelValues) == 2 {
		return [2]string{s.LabelValues[0], s.LabelValues[1]}
	}
	return [2]string{"0", "1"}
}

func (s Schema) missingPolicy() string {
	if s.Missing == "" {
		return MissingReject
	}
	return s.Missing
}

func (s Schema) testFraction() float64 {
	if s.TestFraction == 0 {
		return DefaultTestFraction
	}
	return s.TestFraction
}

// missingTokens returns the schema's missing tokens, trimmed.
func (s Schema) missingTokens() []string {
	tokens := s.MissingTokens
	if tokens == nil {
		tokens = DefaultMissingTokens()
	}
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = strings.TrimSpace(t)
	}
	return out
}

// isMissing reports whether a trimmed cell is one of tokens.
func isMissing(tokens []string, cell string) bool {
	for _, t := range tokens {
		if strings.EqualFold(cell, t) {
			return true
		}
	}
	return false
}
