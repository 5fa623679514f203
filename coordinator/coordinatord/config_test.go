package coordinatord

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/configfile"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

func TestExampleConfigParses(t *testing.T) {
	var c Config
	require.NoError(t, configfile.Read("../../examples/consortium/coordinator.json", &c))
	assert.Equal(t, uint64(1), c.StudyID)
	assert.Equal(t, 2*time.Minute, time.Duration(c.PhaseTimeout))
	assert.Equal(t, DefaultEnrolmentWindow, time.Duration(c.EnrolmentWindow))
	assert.True(t, filepath.IsAbs(c.KeyFile), "relative paths resolve against the config's directory")
	assert.True(t, filepath.IsAbs(c.TLS.Key), "relative paths resolve against the config's directory")
}

func TestConfigErrorsSayWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	write := func(body string) string {
		path := filepath.Join(dir, "c.json")
		require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
		return path
	}
	var c Config
	assert.ErrorContains(t, configfile.Read(write(`{"stduy": 1}`), &c), `unknown field "stduy" (did you mean "study"?)`)
	assert.ErrorContains(t, configfile.Read(write(`{"phase_timeout": "soon"}`), &c), "positive Go duration")
	assert.ErrorContains(t, configfile.Read(write(`{`), &c), "unexpected EOF")
	assert.ErrorContains(t, configfile.Read(filepath.Join(dir, "missing.json"), &c), "no such file")
}

func TestConfigSetsCommitEachAndAbsentGrace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"study": 1, "commit_each": true, "absent_grace": "30s", "chain_catch_up": "45s", "consent_wait": "72h", "caller_limit": {"per_second": 2.5, "burst": 20}}`), 0o600))
	var c Config
	require.NoError(t, configfile.Read(path, &c))
	assert.True(t, c.CommitEach)
	assert.Equal(t, 30*time.Second, time.Duration(c.AbsentGrace))
	assert.Equal(t, 72*time.Hour, time.Duration(c.ConsentWait))
	assert.Equal(t, 45*time.Second, time.Duration(c.ChainCatchUp))
	assert.Equal(t, &CallerLimit{PerSecond: 2.5, Burst: 20}, c.CallerLimit)
}

// A recipe that preconditions the schema's one-hot groups: the daemon
// reads them from the schema it is configured with into the coordinator's
// config, and refuses at start, saying what to declare or set, a schema
// that declares none or no schema at all. A recipe that does not
// precondition takes no groups from a schema that declares them.
func TestSchemaSettingsGiveAPreconditioningRecipeItsGroups(t *testing.T) {
	const schemaFile = "../../examples/tcga-brca/schema.json"
	r, err := models.LoadRecipeFile("../../examples/tcga-brca/hazard-recipe.json")
	require.NoError(t, err)
	r.Precondition = models.PreconditionGroups
	settings, err := models.SettingsFromRecipe(r, "recipe.json")
	require.NoError(t, err)
	schema, err := records.LoadSchemaFile(schemaFile)
	require.NoError(t, err)

	scales, groups, err := Config{Schema: schemaFile}.schemaSettings(settings)
	require.NoError(t, err)
	assert.Len(t, groups, 14)
	assert.Equal(t, schema.GroupColumns(), groups)
	assert.Equal(t, schema.Scales(), scales)

	const withoutGroups = "../../examples/wdbc/schema.json" // declares none
	_, _, err = Config{Schema: withoutGroups}.schemaSettings(settings)
	assert.ErrorContains(t, err, "schema "+withoutGroups+`: models: invalid study recipe: precondition: "groups" needs one-hot groups declared in the schema`)
	_, _, err = Config{}.schemaSettings(settings)
	assert.ErrorContains(t, err, "schema: not set (set it to the hospitals' schema file)")

	r.Precondition = ""
	settings, err = models.SettingsFromRecipe(r, "recipe.json")
	require.NoError(t, err)
	_, groups, err = Config{Schema: schemaFile}.schemaSettings(settings)
	require.NoError(t, err)
	assert.Nil(t, groups)
}
