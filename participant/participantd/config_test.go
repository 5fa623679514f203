package participantd

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
	var p Config
	require.NoError(t, configfile.Read("../../examples/consortium/hospital-1.json", &p))
	assert.Equal(t, "hospital-1", p.Name)
	assert.Equal(t, "chain", p.Consent)
	assert.True(t, filepath.IsAbs(p.Data.CSV))
}

func TestConfigSetsCommitGrace(t *testing.T) {
	var p Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h", "commit_grace": "45s"}`), &p))
	assert.Equal(t, 45*time.Second, time.Duration(p.CommitGrace))
	require.ErrorContains(t, configfile.Read(write(t, `{"commit_grace": "-1s"}`), &p), "positive Go duration")
}

func TestConfigSetsChainCatchUp(t *testing.T) {
	var p Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h", "chain_catch_up": "3m"}`), &p))
	assert.Equal(t, 3*time.Minute, time.Duration(p.ChainCatchUp))
	require.ErrorContains(t, configfile.Read(write(t, `{"chain_catch_up": "0s"}`), &p), "positive Go duration")
}

func TestConfigSetsLogWindow(t *testing.T) {
	var p Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h", "chain": {"rpc": "http://127.0.0.1:8545", "contract": "0x0000000000000000000000000000000000000001", "log_window": 2000}}`), &p))
	assert.Equal(t, uint64(2000), p.Chain.LogWindow)
	var unset Config
	require.NoError(t, configfile.Read(write(t, `{"name": "h"}`), &unset))
	assert.Zero(t, unset.Chain.LogWindow, "unset: contracts.DefaultLogWindow")
}

func write(t *testing.T, body string) string {
	path := filepath.Join(t.TempDir(), "h.json")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

func TestPassphrase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "passphrase")
	require.NoError(t, os.WriteFile(path, []byte("secret\n"), 0o600))
	got, err := Passphrase(path, "UNSET_FOR_TEST")
	require.NoError(t, err)
	assert.Equal(t, "secret", got, "the trailing newline is dropped")
	require.NoError(t, os.Chmod(path, 0o644))
	_, err = Passphrase(path, "UNSET_FOR_TEST")
	assert.ErrorContains(t, err, "chmod 600")
	_, err = Passphrase("", "UNSET_FOR_TEST")
	assert.ErrorContains(t, err, "UNSET_FOR_TEST")
}

// A recipe that preconditions the schema's one-hot groups: the daemon
// reads them from its data's schema for the participant's config, and
// refuses at start, saying what to declare or set, a schema that declares
// none or data without a schema (the synthetic cohorts). A recipe that
// does not precondition takes no groups from a schema that declares them.
func TestStandardiserGroupsOfAPreconditioningRecipe(t *testing.T) {
	const schemaFile = "../../examples/tcga-brca/schema.json"
	r, err := models.LoadRecipeFile("../../examples/tcga-brca/hazard-recipe.json")
	require.NoError(t, err)
	r.Precondition = models.PreconditionGroups
	settings, err := models.SettingsFromRecipe(r, "recipe.json")
	require.NoError(t, err)
	schema, err := records.LoadSchemaFile(schemaFile)
	require.NoError(t, err)
	withData := func(schema string) Config { return Config{Data: DataConfig{CSV: "records.csv", Schema: schema}} }

	groups, err := withData(schemaFile).standardiserGroups(settings)
	require.NoError(t, err)
	assert.Len(t, groups, 14)
	assert.Equal(t, schema.GroupColumns(), groups)

	const withoutGroups = "../../examples/wdbc/schema.json" // declares none
	_, err = withData(withoutGroups).standardiserGroups(settings)
	assert.ErrorContains(t, err, "data.schema "+withoutGroups+`: models: invalid study recipe: precondition: "groups" needs one-hot groups declared in the schema`)
	_, err = Config{Data: DataConfig{Synthetic: &SyntheticSource{Sites: 3}}}.standardiserGroups(settings)
	assert.ErrorContains(t, err, "data: no schema (set data.csv and data.schema")

	r.Precondition = ""
	settings, err = models.SettingsFromRecipe(r, "recipe.json")
	require.NoError(t, err)
	groups, err = withData(schemaFile).standardiserGroups(settings)
	require.NoError(t, err)
	assert.Nil(t, groups)
}
