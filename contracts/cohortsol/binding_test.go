package cohortsol_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// modules are the deployable contracts, their metadata and methods the
// ledger relies on.
var modules = []struct {
	name    string
	meta    *bind.MetaData
	methods []string
}{
	{"Consortium", &cohortsol.ConsortiumMetaData, []string{"linkModules", "proposeAdmission", "proposeRemoval",
		"proposeReinstatement", "proposeQuorum", "proposeModule", "proposeRotation", "proposeExclusion", "vote", "studiesFor", "studiesModules", "consent"}},
	{"Studies", &cohortsol.StudiesMetaData, []string{"createStudy", "joinStudy", "setPublicKeyHash", "setStandardiserHash",
		"openRound", "commitUpdate", "closeRound", "leaveStudy", "removeParticipant", "recordScores", "strikeFlagged",
		"abandonRound", "consentContext", "reinstate", "retire", "activate", "committees", "requestRotation"}},
	{"Committees", &cohortsol.CommitteesMetaData, []string{"setCommittee", "selectCommittee", "requestRotation",
		"getCommittee", "allowsRound", "isCurrent", "studies"}},
	{"ConsentRegistry", &cohortsol.ConsentRegistryMetaData, []string{"relayConsent", "relayConsentBatch", "consentAt",
		"consentStates", "consentOf", "consentHistory", "packedConsent", "retire"}},
}

// TestBindingsMatchArtefacts regenerates each binding from the committed ABI
// and bytecode, as gen.sh does, and checks that it is identical: the
// bindings cannot drift from the compiled contracts.
func TestBindingsMatchArtefacts(t *testing.T) {
	for _, m := range modules {
		t.Run(m.name, func(t *testing.T) {
			abiJSON, err := os.ReadFile(m.name + ".abi")
			require.NoError(t, err)
			bin, err := os.ReadFile(m.name + ".bin")
			require.NoError(t, err)
			committed, err := os.ReadFile(strings.ToLower(m.name) + ".go")
			require.NoError(t, err)
			code, err := abigen.BindV2([]string{m.name}, []string{string(abiJSON)}, []string{string(bin)}, "cohortsol",
				map[string]string{}, map[string]string{})
			require.NoError(t, err)
			assert.Equal(t, string(committed), code, "%s binding is stale: run contracts/gen.sh", m.name)
		})
	}
}

// TestMetaDataMatchesABI checks each embedded ABI against its .abi file,
// entry by entry, and that the methods the ledger calls are there.
func TestMetaDataMatchesABI(t *testing.T) {
	for _, m := range modules {
		t.Run(m.name, func(t *testing.T) {
			abiJSON, err := os.ReadFile(m.name + ".abi")
			require.NoError(t, err)
			var fromFile, embedded []map[string]any
			require.NoError(t, json.Unmarshal(abiJSON, &fromFile))
			require.NoError(t, json.Unmarshal([]byte(m.meta.ABI), &embedded))
			require.Len(t, embedded, len(fromFile))
			for i := range fromFile {
				assert.Equal(t, fromFile[i]["name"], embedded[i]["name"])
				assert.Equal(t, fromFile[i]["type"], embedded[i]["type"])
			}
			var parsed *abi.ABI
			parsed, err = m.meta.ParseABI()
			require.NoError(t, err)
			for _, name := range m.methods {
				assert.Contains(t, parsed.Methods, name)
			}
		})
	}
}
