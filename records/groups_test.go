package records

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// groupSchema has two one-hot groups among its numeric columns (each
// without its reference category) and an ungrouped age.
func groupSchema() Schema {
	return Schema{
		ID: "id", Label: "y",
		Numeric: []NumericColumn{{Name: "age", Scale: 60}, {Name: "race_b"}, {Name: "stage_2"}, {Name: "race_a"}, {Name: "stage_3"}},
		Groups:  map[string][]string{"stage": {"stage_3", "stage_2"}, "race": {"race_a", "race_b"}},
	}
}

func TestSchemaGroupsValidation(t *testing.T) {
	for _, tt := range []struct {
		name   string
		groups map[string][]string
		want   string
	}{
		{"unknown column", map[string][]string{"race": {"race_a", "race_c"}}, `group "race" lists "race_c", which is not a numeric column`},
		{"categorical column", map[string][]string{"sex": {"sex"}}, `group "sex" lists the categorical column "sex"`},
		{"two groups", map[string][]string{"race": {"race_a"}, "stage": {"race_a", "stage_2"}}, `column "race_a" is in groups "race" and "stage"`},
		{"twice in one group", map[string][]string{"race": {"race_a", "race_a"}}, `group "race" lists "race_a" twice`},
		{"empty group", map[string][]string{"race": {}}, `group "race" lists no columns`},
		{"empty name", map[string][]string{"": {"race_a"}}, "a group has an empty name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := groupSchema()
			s.Categorical = []CategoricalColumn{{Name: "sex", Categories: []string{"F", "M"}}}
			s.Groups = tt.groups
			err := s.Validate()
			require.ErrorIs(t, err, ErrInvalidSchema)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	require.NoError(t, groupSchema().Validate())
}

func TestFeatureGroupsFollowTheFeatureOrder(t *testing.T) {
	s := groupSchema()
	assert.Equal(t, []FeatureGroup{{Name: "race", Columns: []int{1, 3}}, {Name: "stage", Columns: []int{2, 4}}}, s.FeatureGroups(),
		"columns in feature order whatever the group lists, groups by their first column")
	assert.Equal(t, [][]int{{1, 3}, {2, 4}}, s.GroupColumns())
	s.Groups = nil
	assert.Nil(t, s.GroupColumns())
}

func TestReadSchemaGroups(t *testing.T) {
	s, err := ReadSchema(strings.NewReader(`{"id": "id", "label": "y", "numeric": ["a", "b"], "groups": {"g": ["b", "a"]}}`))
	require.NoError(t, err)
	assert.Equal(t, [][]int{{0, 1}}, s.GroupColumns())
}

func TestLoadRefusesARecordThatBreaksItsGroup(t *testing.T) {
	const header = "id,age,race_b,stage_2,race_a,stage_3,y\n"
	site, _, err := LoadCSV(strings.NewReader(header+"p1,50,1,0,0,1,1\np2,60,0,0,0,0,0\n"), "h.csv", groupSchema(), LoadOptions{})
	require.NoError(t, err, "one indicator per group, or none (the reference category)")
	assert.Len(t, append(site.Train, site.Test...), 2)

	_, _, err = LoadCSV(strings.NewReader(header+"p1,50,1,0,0,1,1\np2,60,1,0,1,0,0\n"), "h.csv", groupSchema(), LoadOptions{})
	require.ErrorIs(t, err, ErrInvalidCSV)
	assert.Contains(t, err.Error(), `h.csv:3: column "race_a": record "p2": sets both "race_b" and "race_a" of group "race"`)
	assert.Contains(t, err.Error(), "fix the record")

	_, _, err = LoadCSV(strings.NewReader(header+"p1,50,0,0.5,0,0,1\n"), "h.csv", groupSchema(), LoadOptions{})
	require.ErrorIs(t, err, ErrInvalidCSV)
	assert.Contains(t, err.Error(), `column "stage_2": record "p1": indicator of group "stage" is 0.5, want 0 or 1`)

	ungrouped := groupSchema()
	ungrouped.Groups = nil
	_, _, err = LoadCSV(strings.NewReader(header+"p1,50,1,0,1,0,1\n"), "h.csv", ungrouped, LoadOptions{})
	require.NoError(t, err, "without groups the same record loads as before")
}
