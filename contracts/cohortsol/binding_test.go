package cohortsol_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// TestBindingMatchesArtefacts regenerates the binding from the committed ABI
// and bytecode, as gen.sh does, and checks that cohort.go is identical: the
// binding cannot drift from the compiled contract.
func TestBindingMatchesArtefacts(t *testing.T) {
	abiJSON, err := os.ReadFile("Cohort.abi")
	require.NoError(t, err)
	bin, err := os.ReadFile("Cohort.bin")
	require.NoError(t, err)
	committed, err := os.ReadFile("cohort.go")
	require.NoError(t, err)

	code, err := abigen.BindV2([]string{"Cohort"}, []string{string(abiJSON)}, []string{string(bin)}, "cohortsol",
		map[string]string{}, map[string]string{})
	require.NoError(t, err)
	assert.Equal(t, string(committed), code, "cohort.go is stale: run contracts/gen.sh")
}

// TestMetaDataMatchesABI checks the embedded ABI against Cohort.abi, entry by entry.
func TestMetaDataMatchesABI(t *testing.T) {
	abiJSON, err := os.ReadFile("Cohort.abi")
	require.NoError(t, err)
	var fromFile, embedded []map[string]any
	require.NoError(t, json.Unmarshal(abiJSON, &fromFile))
	require.NoError(t, json.Unmarshal([]byte(cohortsol.CohortMetaData.ABI), &embedded))
	require.Len(t, embedded, len(fromFile))
	for i := range fromFile {
		assert.Equal(t, fromFile[i]["name"], embedded[i]["name"])
		assert.Equal(t, fromFile[i]["type"], embedded[i]["type"])
	}
	parsed, err := cohortsol.CohortMetaData.ParseABI()
	require.NoError(t, err)
	for _, name := range []string{"createStudy", "joinStudy", "setPublicKeyHash", "openRound", "commitUpdate", "closeRound",
		"leaveStudy", "removeParticipant", "recordScores", "reportViolation", "abandonRound", "relayConsent", "consentAt", "proposeAdmission", "proposeRemoval",
		"proposeReinstatement", "proposeQuorum", "vote"} {
		assert.Contains(t, parsed.Methods, name)
	}
}
