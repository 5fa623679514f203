package records

import (
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testSchema() Schema {
	return Schema{
		ID: "pid", Label: "outcome", LabelValues: []string{"no", "yes"},
		Numeric:     []NumericColumn{{Name: "age", Scale: 100}, {Name: "bmi"}},
		Categorical: []CategoricalColumn{{Name: "sex", Categories: []string{"F", "M"}}},
		Consent:     "consent", Split: "split",
	}
}

const goodCSV = `pid,age,bmi,sex,outcome,consent,split,ignored
p1,61,27.5,F,yes,1,train,x
p2,45,22.0,M,no,0,train,x
p3,70,31.2,m,yes,yes,test,x
`

func TestLoadCSV(t *testing.T) {
	site, stats, err := LoadCSV(strings.NewReader(goodCSV), "h1.csv", testSchema(), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, "h1", site.Name, "name from the file")
	assert.Equal(t, LoadStats{Rows: 3}, stats)
	require.Len(t, site.Train, 2)
	require.Len(t, site.Test, 1)
	assert.Equal(t, Record{ID: "p1", Features: []float64{61, 27.5, 1, 0}, Label: 1}, site.Train[0])
	assert.Equal(t, Record{ID: "p2", Features: []float64{45, 22, 0, 1}, Label: 0}, site.Train[1])
	assert.Equal(t, Record{ID: "p3", Features: []float64{70, 31.2, 0, 1}, Label: 1}, site.Test[0], "categories match case-insensitively")
	assert.Equal(t, map[string]bool{"p1": true, "p2": false, "p3": true}, site.Consent)
	assert.Equal(t, []string{"age", "bmi", "sex=F", "sex=M"}, testSchema().FeatureNames())
	assert.Equal(t, []float64{100, 1, 1, 1}, testSchema().Scales())
}

func TestLoadCSVErrors(t *testing.T) {
	header := "pid,age,bmi,sex,outcome,consent,split\n"
	tests := []struct {
		name   string
		csv    string
		mutate func(*Schema)
		err    error
		want   string // substring of the message: file:line: column "c"
	}{
		{"empty file", "", nil, ErrInvalidCSV, "h.csv: the file is empty"},
		{"missing column", "pid,age,sex,outcome,consent,split\np1,1,F,no,1,train\n", nil, ErrInvalidCSV, `h.csv:1: column "bmi": the schema names this column`},
		{"duplicate header", "pid,age,age,bmi,sex,outcome,consent,split\n", nil, ErrInvalidCSV, `h.csv:1: column "age": the header names this column twice`},
		{"not a number", header + "p1,61,27,F,no,1,train\np2,abc,22,M,no,1,train\n", nil, ErrInvalidCSV, `h.csv:3: column "age": value "abc" is not a finite number`},
		{"infinite", header + "p1,Inf,27,F,no,1,train\n", nil, ErrInvalidCSV, `h.csv:2: column "age"`},
		{"unknown category", header + "p1,61,27,X,no,1,train\n", nil, ErrInvalidCSV, `h.csv:2: column "sex": category "X" is not one of`},
		{"bad label", header + "p1,61,27,F,maybe,1,train\n", nil, ErrInvalidCSV, `h.csv:2: column "outcome": label "maybe"`},
		{"bad consent", header + "p1,61,27,F,no,perhaps,train\n", nil, ErrInvalidCSV, `h.csv:2: column "consent"`},
		{"bad split", header + "p1,61,27,F,no,1,validate\n", nil, ErrInvalidCSV, `h.csv:2: column "split": split "validate"`},
		{"duplicate id", header + "p1,61,27,F,no,1,train\np1,62,27,F,no,1,train\n", nil, ErrInvalidCSV, `h.csv:3: column "pid": record id "p1" already appears on line 2`},
		{"missing id", header + ",61,27,F,no,1,train\n", nil, ErrMissingValue, `h.csv:2: column "pid": the record id is missing`},
		{"missing value rejected", header + "p1,61,NA,F,no,1,train\n", nil, ErrMissingValue, `h.csv:2: column "bmi": the value is missing`},
		{"missing label under impute", header + "p1,61,27,F,,1,train\n", func(s *Schema) { s.Missing = MissingImpute }, ErrMissingValue, `h.csv:2: column "outcome": the label is missing`},
		{"ragged row", header + "p1,61,27,F,no,1\n", nil, ErrInvalidCSV, "h.csv:2: malformed CSV"},
		{"quoted line number", header + "p1,61,27,F,no,1,train\n\"p2\n\",61,27,F,no,1,train\np3,x,27,F,no,1,train\n", nil, ErrInvalidCSV, `h.csv:5: column "age"`},
		{"everything dropped", header + "p1,NA,27,F,no,1,train\n", func(s *Schema) { s.Missing = MissingDrop }, ErrInvalidCSV, "no usable records (1 rows read, 1 dropped"},
		{"expiry without a time", header, func(s *Schema) { s.ConsentExpires = "until" }, ErrInvalidSchema, "LoadOptions.At"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSchema()
			if tt.mutate != nil {
				tt.mutate(&s)
			}
			_, _, err := LoadCSV(strings.NewReader(tt.csv), "h.csv", s, LoadOptions{})
			require.ErrorIs(t, err, tt.err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestLoadCSVMissingPolicies(t *testing.T) {
	csv := "pid,age,bmi,sex,outcome\np1,61,NA,F,yes\np2,45,22,?,no\np3,50,25,M,\np4,40,20,F,no\n"
	base := Schema{ID: "pid", Label: "outcome", LabelValues: []string{"no", "yes"},
		Numeric: []NumericColumn{{Name: "age"}, {Name: "bmi"}}, Categorical: []CategoricalColumn{{Name: "sex", Categories: []string{"F", "M"}}},
		TestFraction: 0.01}

	t.Run("drop", func(t *testing.T) {
		s := base
		s.Missing = MissingDrop
		site, stats, err := LoadCSV(strings.NewReader(csv), "h.csv", s, LoadOptions{})
		require.NoError(t, err)
		assert.Equal(t, LoadStats{Rows: 4, Dropped: 3}, stats)
		assert.Equal(t, []string{"p4"}, IDs(append(site.Train, site.Test...)))
		assert.Equal(t, map[string]bool{"p4": true}, site.Consent, "no consent column: every kept record consents")
	})
	t.Run("impute keeps NaN until standardisation", func(t *testing.T) {
		s := base
		s.Missing = MissingImpute
		s.MissingTokens = []string{"NA", "?"} // an empty label is then a label value, and invalid
		_, _, err := LoadCSV(strings.NewReader(csv), "h.csv", s, LoadOptions{})
		require.ErrorIs(t, err, ErrInvalidCSV)
		assert.Contains(t, err.Error(), `h.csv:4: column "outcome": label ""`)

		s.MissingTokens = nil
		csv2 := strings.Replace(csv, "p3,50,25,M,\n", "", 1)
		site, stats, err := LoadCSV(strings.NewReader(csv2), "h.csv", s, LoadOptions{})
		require.NoError(t, err)
		assert.Equal(t, LoadStats{Rows: 3, Imputed: 2}, stats)
		all := append(site.Train, site.Test...)
		byID := map[string][]float64{}
		for _, r := range all {
			byID[r.ID] = r.Features
		}
		assert.True(t, math.IsNaN(byID["p1"][1]))
		assert.True(t, math.IsNaN(byID["p2"][2]) && math.IsNaN(byID["p2"][3]), "a missing category is NaN in every one-hot column")

		m, err := ComputeMoments(all, 4)
		require.NoError(t, err)
		assert.Equal(t, []float64{3, 2, 2, 2}, m.N, "missing values are not counted")
		std, err := NewStandardiser(m)
		require.NoError(t, err)
		out, err := std.Apply(all)
		require.NoError(t, err)
		for _, r := range out {
			if r.ID == "p1" {
				assert.Equal(t, 0.0, r.Features[1], "imputed with the mean")
			}
		}
	})
}

func TestLoadCSVConsentExpiry(t *testing.T) {
	s := Schema{ID: "id", Label: "y", Numeric: []NumericColumn{{Name: "x"}}, Consent: "c", ConsentExpires: "until", Split: "split"}
	csv := "id,x,y,c,until,split\na,1,1,1,2030-01-01,train\nb,2,0,1,2020-01-01,train\nc,3,1,1,,test\nd,4,0,0,2030-01-01,test\ne,5,0,,,train\n"
	site, _, err := LoadCSV(strings.NewReader(csv), "h.csv", s, LoadOptions{Name: "h", At: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"a": true, "b": false, "c": true, "d": false, "e": false}, site.Consent,
		"expired, refused and unrecorded consent all count as no consent")

	_, _, err = LoadCSV(strings.NewReader("id,x,y,c,until,split\na,1,1,1,soon,train\n"), "h.csv", s, LoadOptions{At: time.Now()})
	require.ErrorIs(t, err, ErrInvalidCSV)
	assert.Contains(t, err.Error(), `h.csv:2: column "until": consent expiry "soon"`)
}

func TestDrawnSplit(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,x,y\n")
	for i := range 100 {
		b.WriteString(strings.Join([]string{"r" + string(rune('A'+i/26)) + string(rune('a'+i%26)), "1", map[bool]string{true: "1", false: "0"}[i%4 == 0]}, ","))
		b.WriteString("\n")
	}
	s := Schema{ID: "id", Label: "y", Numeric: []NumericColumn{{Name: "x"}}, TestFraction: 0.2, SplitSeed: 3}
	load := func(s Schema) Site {
		site, _, err := LoadCSV(strings.NewReader(b.String()), "h.csv", s, LoadOptions{})
		require.NoError(t, err)
		return site
	}
	a := load(s)
	assert.Len(t, a.Test, 20)
	assert.InDelta(t, 0.25, prevalence(a.Test), 1e-9, "stratified by label")
	assert.InDelta(t, 0.25, prevalence(a.Train), 1e-9)
	assert.Equal(t, IDs(a.Test), IDs(load(s).Test), "same seed, same split")
	s.SplitSeed = 4
	assert.NotEqual(t, IDs(a.Test), IDs(load(s).Test), "another seed, another split")
}

func TestReadSchema(t *testing.T) {
	tests := []struct {
		name string
		json string
		want string // "" for success
	}{
		{"names and objects", `{"id":"i","label":"y","numeric":["a",{"name":"b","scale":10}]}`, ""},
		{"unknown field", `{"id":"i","label":"y","numeric":["a"],"lable":"z"}`, "unknown field"},
		{"unknown column field", `{"id":"i","label":"y","numeric":[{"name":"a","scael":1}]}`, "unknown field"},
		{"no features", `{"id":"i","label":"y"}`, "no feature columns"},
		{"column twice", `{"id":"i","label":"y","numeric":["a","i"]}`, `column "i" is used both as id`},
		{"bad scale", `{"id":"i","label":"y","numeric":[{"name":"a","scale":-1}]}`, "scale -1"},
		{"no categories", `{"id":"i","label":"y","categorical":[{"name":"c","categories":[]}]}`, "lists no categories"},
		{"duplicate category", `{"id":"i","label":"y","categorical":[{"name":"c","categories":["a","a"]}]}`, `category "a" twice`},
		{"bad policy", `{"id":"i","label":"y","numeric":["a"],"missing":"ignore"}`, `missing is "ignore"`},
		{"bad fraction", `{"id":"i","label":"y","numeric":["a"],"test_fraction":1}`, "test_fraction is 1"},
		{"split and fraction", `{"id":"i","label":"y","numeric":["a"],"split":"s","test_fraction":0.3}`, "keep one"},
		{"bad label values", `{"id":"i","label":"y","numeric":["a"],"label_values":["x","x"]}`, "label_values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadSchema(strings.NewReader(tt.json))
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, []NumericColumn{{Name: "a"}, {Name: "b", Scale: 10}}, s.Numeric)
				return
			}
			require.ErrorIs(t, err, ErrInvalidSchema)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestWDBCSchema(t *testing.T) {
	s, err := LoadSchemaFile("../examples/wdbc/schema.json")
	require.NoError(t, err)
	assert.Equal(t, 30, s.Features())
	site, stats, err := LoadFile("../../shared/data/wdbc/wdbc.csv", s, LoadOptions{})
	if err != nil && strings.Contains(err.Error(), "no such file") {
		t.Skip("the WDBC data set is not next to the repository")
	}
	require.NoError(t, err)
	assert.Equal(t, LoadStats{Rows: 569}, stats)
	assert.Equal(t, "wdbc", site.Name)
	assert.Equal(t, 113, len(site.Test), "round(0.2·357) + round(0.2·212) test records")
	m, err := TrainMoments(site, s.Features())
	require.NoError(t, err)
	_, err = m.Encode(float64(len(site.Train)), s.Scales(), 256)
	require.NoError(t, err, "the schema's scales keep the moments within the default encryption range")
}

// Records to score need no label: without the column (or with an empty
// cell) the label is NaN; labels present are read; every record is in Test,
// in file order, whatever the split and consent columns say.
func TestLoadCSVScoring(t *testing.T) {
	s := testSchema()
	s.ConsentExpires = "until" // ignored when scoring: no LoadOptions.At needed
	noLabel := "pid,age,bmi,sex\nq2,45,22.0,M\nq1,61,27.5,F\n"
	site, _, err := LoadCSV(strings.NewReader(noLabel), "new.csv", s, LoadOptions{Scoring: true})
	require.NoError(t, err)
	assert.Empty(t, site.Train)
	require.Len(t, site.Test, 2)
	assert.Equal(t, []string{"q2", "q1"}, IDs(site.Test), "file order")
	assert.True(t, math.IsNaN(site.Test[0].Label))
	assert.Equal(t, []float64{61, 27.5, 1, 0}, site.Test[1].Features)

	some := "pid,age,bmi,sex,outcome\nq1,61,27.5,F,yes\nq2,45,22.0,M,\n"
	site, _, err = LoadCSV(strings.NewReader(some), "new.csv", s, LoadOptions{Scoring: true})
	require.NoError(t, err)
	require.Len(t, site.Test, 2)
	assert.Equal(t, 1.0, site.Test[0].Label)
	assert.True(t, math.IsNaN(site.Test[1].Label), "an empty label cell is an unknown outcome")

	_, _, err = LoadCSV(strings.NewReader(noLabel), "new.csv", testSchema(), LoadOptions{})
	require.ErrorIs(t, err, ErrInvalidCSV, "training data still needs its label column")
}

func TestLoadSitesRefusesAnEmptyFileName(t *testing.T) {
	_, _, err := LoadSites([]string{" ", "x.csv"}, "../examples/wdbc/schema.json", StandardiseSite, io.Discard)
	require.ErrorContains(t, err, "site file 1 of 2 has an empty name")
}
