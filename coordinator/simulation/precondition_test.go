package simulation_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/coordinator/evaluation"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

const (
	tcgaData   = "../../../shared/data/tcga-brca"
	tcgaSchema = "../../examples/tcga-brca/schema.json"
)

// A study whose recipe preconditions the schema's one-hot groups trains,
// through the moments phase and the real nodes, on features whose groups
// are whitened from the pooled means: the coordinator's standardiser names
// the schema's 14 groups, every hospital kept the same one (the chain
// records its hash), and it whitens as the clear pooled standardiser with
// the same groups does.
func TestPreconditionedStudyOnTCGARegions(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an encrypted study")
	}
	if _, err := os.Stat(tcgaData); err != nil {
		t.Skipf("the TCGA-BRCA data set is not next to the repository: %v", err)
	}
	var files []string
	for i := range 6 {
		files = append(files, filepath.Join(tcgaData, fmt.Sprintf("region%d.csv", i)))
	}
	var log bytes.Buffer
	raw, scales, err := records.LoadSites(files, tcgaSchema, records.StandardisePooled, &log)
	require.NoError(t, err)
	schema, err := records.LoadSchemaFile(tcgaSchema)
	require.NoError(t, err)
	recipe, err := models.LoadRecipeFile("../../examples/tcga-brca/hazard-recipe.json")
	require.NoError(t, err)
	recipe.Rounds, recipe.Precondition = 2, models.PreconditionGroups
	groups, err := recipe.StandardiserGroups(&schema)
	require.NoError(t, err)
	require.Len(t, groups, 14)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: len(raw), Seed: 5, DataDir: t.TempDir(), Sites: raw, Recipe: &recipe, Scales: scales, StandardiserGroups: groups,
	})
	require.NoError(t, err)
	defer s.Close()
	require.NotNil(t, s.Standardiser())
	assert.Equal(t, groups, s.Standardiser().Groups)
	enc, err := s.Standardiser().Encode()
	require.NoError(t, err)
	study, err := s.Ledger().Study(ctx, s.StudyID())
	require.NoError(t, err)
	assert.Equal(t, crypto.Keccak256Hash(enc), study.StandardiserHash, "the groups are in the standardiser the chain records")

	clear, err := evaluation.ClearPooledStandardiser(raw, len(scales))
	require.NoError(t, err)
	clear, err = clear.WithGroups(groups)
	require.NoError(t, err)
	for i, site := range raw {
		kept := keptStandardiser(t, s, i)
		assert.Equal(t, enc, kept, "hospital %d kept the study's standardiser", i)
		std, err := records.DecodeStandardiser(kept)
		require.NoError(t, err)
		got, err := std.Apply(site.Train)
		require.NoError(t, err)
		want, err := clear.Apply(site.Train)
		require.NoError(t, err)
		plain, err := records.Standardiser{Mean: clear.Mean, Scale: clear.Scale}.Apply(site.Train)
		require.NoError(t, err)
		moved := 0
		for r := range got {
			for j := range got[r].Features {
				assert.InDelta(t, want[r].Features[j], got[r].Features[j], 1e-3, "hospital %d record %d feature %d", i, r, j)
				if d := got[r].Features[j] - plain[r].Features[j]; d*d > 1e-6 {
					moved++
				}
			}
		}
		assert.Positive(t, moved, "hospital %d: the whitening changed its features", i)
	}
	require.Len(t, s.Rounds(), 2)
	for _, f := range s.Rounds() {
		assert.Equal(t, len(raw), f.Participants, "round %d: every hospital trained with the preconditioned standardiser", f.Round)
	}
}
