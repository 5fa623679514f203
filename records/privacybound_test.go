package records

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A consent's ε bound is read from its column and excludes the record, like
// a revocation, once the study's spent ε passes it.
func TestConsentMaxEpsilon(t *testing.T) {
	s := testSchema()
	s.ConsentMaxEpsilon = "max_eps"
	csv := "pid,age,bmi,sex,outcome,consent,split,max_eps\n" +
		"p1,61,27.5,F,yes,1,train,\n" + // no bound of its own
		"p2,45,22.0,M,no,1,train,1.5\n" +
		"p3,70,31.2,M,yes,1,train,4\n"
	site, _, err := LoadCSV(strings.NewReader(csv), "h.csv", s, LoadOptions{})
	require.NoError(t, err)
	require.Len(t, site.Train, 3)
	assert.Equal(t, []float64{0, 1.5, 4}, []float64{site.Train[0].MaxEpsilon, site.Train[1].MaxEpsilon, site.Train[2].MaxEpsilon})

	for _, tc := range []struct {
		spent float64
		want  []string
	}{
		{0.5, []string{"p1", "p2", "p3"}},
		{1.5, []string{"p1", "p2", "p3"}}, // a bound is inclusive
		{1.51, []string{"p1", "p3"}},
		{4.2, []string{"p1"}},
	} {
		assert.Equal(t, tc.want, IDs(WithinPrivacyBound(site.Train, tc.spent)), "spent ε %v", tc.spent)
	}

	for _, bad := range []string{"0", "-1", "lots", "Inf"} {
		_, _, err := LoadCSV(strings.NewReader("pid,age,bmi,sex,outcome,consent,split,max_eps\np1,61,27.5,F,yes,1,train,"+bad+"\n"), "h.csv", s, LoadOptions{})
		require.ErrorIs(t, err, ErrInvalidCSV, "max ε %q", bad)
		assert.Contains(t, err.Error(), `column "max_eps": consent max ε`)
	}
	s.ConsentMaxEpsilon = "consent"
	require.ErrorIs(t, s.Validate(), ErrInvalidSchema, "one column cannot be both consent and its ε bound")
}
