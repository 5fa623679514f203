package simulation_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// activeOnChain returns the ids of the records whose patients had active
// consent for the study as of round, asking the ledger directly.
func activeOnChain(ctx context.Context, t *testing.T, s *simulation.Study, recs []records.Record, round uint32) []string {
	t.Helper()
	var ids []string
	for start := 0; start < len(recs); start += 200 {
		batch := recs[start:min(start+200, len(recs))]
		patients := make([]common.Hash, len(batch))
		for i, r := range batch {
			patients[i] = r.Patient
		}
		states, err := s.Ledger().ConsentStates(ctx, patients, s.StudyID(), round)
		require.NoError(t, err)
		for i, st := range states {
			if st == contracts.ConsentActive {
				ids = append(ids, batch[i].ID)
			}
		}
	}
	return ids
}

// studyOnce runs a 3-hospital, 5-round study and returns it with its report.
func studyOnce(t *testing.T, plaintext bool) (*simulation.Study, *simulation.Report) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Rounds: 5, Seed: 7, DataDir: t.TempDir(), Plaintext: plaintext})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	rep, err := s.Report(time.Second)
	require.NoError(t, err)
	return s, rep
}

func TestStudyEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end study")
	}
	s, rep := studyOnce(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	t.Run("learning beats chance by a clear margin", func(t *testing.T) {
		sites, err := records.Synthetic(simulation.SyntheticConfig(s.Config()))
		require.NoError(t, err)
		var pos, n float64
		for _, site := range sites {
			for _, r := range site.Test {
				pos += r.Label
				n++
			}
		}
		chance := math.Max(pos/n, 1-pos/n) // always guessing the majority class
		t.Logf("final accuracy %.3f, AUC %.3f, majority-class rate %.3f", rep.Final.Accuracy, rep.Final.AUC, chance)
		assert.GreaterOrEqual(t, rep.Final.Accuracy, 0.80)
		assert.Greater(t, rep.Final.Accuracy, chance+0.10)
		assert.Greater(t, rep.Final.AUC, 0.85)
		assert.Less(t, rep.Rounds[len(rep.Rounds)-1].Loss, math.Log(2), "log loss below a coin flip's")
	})

	t.Run("every site's own metrics are reported", func(t *testing.T) {
		for _, f := range rep.Rounds {
			require.Len(t, f.Sites, len(rep.Participants), "round %d", f.Round)
			records := 0
			for _, site := range f.Sites {
				assert.Contains(t, []string{"hospital-1", "hospital-2", "hospital-3"}, site.Name)
				assert.Positive(t, site.Records)
				assert.InDelta(t, 0.85, site.Accuracy, 0.15, "%s round %d", site.Name, f.Round)
				records += site.Records
			}
			assert.Greater(t, f.BalancedAccuracy, 0.7)
			assert.Positive(t, records)
		}
	})

	t.Run("the chain's records match the report", func(t *testing.T) {
		require.Len(t, rep.Rounds, 5)
		var previous common.Hash
		for _, f := range rep.Rounds {
			r, err := s.Ledger().Round(ctx, s.StudyID(), f.Round)
			require.NoError(t, err)
			assert.Equal(t, f.AggregateHash, r.Result.AggregateHash, "round %d aggregate", f.Round)
			assert.Equal(t, f.ModelHash, r.Result.ModelHash, "round %d model", f.Round)
			assert.InDelta(t, f.Accuracy, r.Result.Accuracy, 1e-6, "round %d accuracy", f.Round)
			assert.Equal(t, uint32(f.Participants), r.Result.Participants)
			if previous != (common.Hash{}) {
				assert.Equal(t, previous, r.GlobalModel, "round %d starts from round %d's model", f.Round, f.Round-1)
			}
			previous = f.ModelHash
			assert.NotZero(t, f.GasUsed)
		}
		assert.Equal(t, rep.Final.ModelHash, previous)
	})

	t.Run("records without consent were not used", func(t *testing.T) {
		// Everything is checked against the chain: which patients had active
		// consent as each round opened, and what each hospital committed.
		sites, err := records.Synthetic(simulation.SyntheticConfig(s.Config()))
		require.NoError(t, err)
		assert.Equal(t, "chain", rep.Consent.Source)
		withheld := 0
		for i, p := range rep.Participants {
			site := sites[i]
			for _, f := range rep.Rounds {
				ids := activeOnChain(ctx, t, s, site.Train, f.Round)
				if f.Round == 1 {
					assert.Equal(t, len(ids), p.Consented, "%s: consented as of round 1", p.Name)
					withheld += p.Records - len(ids)
				}
				c, err := s.Ledger().Commitment(ctx, s.StudyID(), f.Round, p.Address)
				require.NoError(t, err)
				assert.Equal(t, uint64(len(ids)), c.Samples, "%s round %d sample count", p.Name, f.Round)
				assert.Equal(t, records.MerkleRoot(ids), c.ConsentRoot, "%s round %d consent root", p.Name, f.Round)
			}
		}
		assert.Positive(t, withheld, "the synthetic cohorts include patients who never granted consent")
		var committed []uint64
		for _, f := range rep.Rounds {
			r, err := s.Ledger().Commitments(ctx, s.StudyID(), f.Round)
			require.NoError(t, err)
			total := uint64(0)
			for _, c := range r {
				total += c.Samples
			}
			assert.Equal(t, total, uint64(f.Samples), "round %d: the report's samples are the committed ones", f.Round)
			committed = append(committed, total)
		}
		assert.Equal(t, uint64(len(s.Revocations())), committed[1]-committed[2], "round 3 lost exactly the revoked patients' records")
	})

	t.Run("revoked patients' records are out from round 3, provably", func(t *testing.T) {
		require.Len(t, s.Revocations(), 3*simulation.RevocationsPerSite, "3 patients per hospital revoked")
		assert.Equal(t, len(s.Revocations()), rep.Consent.Revoked)
		assert.Equal(t, uint32(simulation.RevokeRound), rep.Consent.RevokedFromRound)
		assert.Equal(t, len(s.Revocations()), rep.Rounds[simulation.RevokeRound-1].NewlyRevoked)
		for _, rv := range s.Revocations() {
			p := rep.Participants[rv.Hospital]
			for _, f := range rep.Rounds {
				st, err := s.Ledger().ConsentStatus(ctx, rv.Patient, s.StudyID(), f.Round)
				require.NoError(t, err)
				c, err := s.Ledger().Commitment(ctx, s.StudyID(), f.Round, p.Address)
				require.NoError(t, err)
				proof, err := participant.ProveConsentUse(p.DataDir, f.Round, rv.RecordID)
				require.NoError(t, err)
				require.NoError(t, proof.Verify(c.ConsentRoot), "%s round %d: the proof verifies against the root on chain", rv.RecordID, f.Round)
				if f.Round < simulation.RevokeRound {
					assert.Equal(t, contracts.ConsentActive, st.State)
					assert.True(t, proof.Included, "%s was used in round %d", rv.RecordID, f.Round)
				} else {
					assert.Equal(t, contracts.ConsentRevoked, st.State)
					assert.False(t, proof.Included, "%s was not used in round %d", rv.RecordID, f.Round)
				}
			}
		}
	})

	t.Run("encryption costs no accuracy", func(t *testing.T) {
		plain, plainRep := studyOnce(t, true)
		t.Logf("encrypted accuracy %.4f, plaintext %.4f", rep.Final.Accuracy, plainRep.Final.Accuracy)
		assert.InDelta(t, plainRep.Final.Accuracy, rep.Final.Accuracy, 0.005)
		require.Len(t, plain.Result().FinalModel, len(s.Result().FinalModel))
		maxDiff := 0.0
		for i := range s.Result().FinalModel {
			maxDiff = math.Max(maxDiff, math.Abs(s.Result().FinalModel[i]-plain.Result().FinalModel[i]))
		}
		t.Logf("max |encrypted - plaintext| over %d parameters: %.2e", len(s.Result().FinalModel), maxDiff)
		assert.LessOrEqual(t, maxDiff, 1e-3)
		assert.Positive(t, maxDiff, "the encrypted run really went through CKKS (its noise is never exactly zero)")
	})
}
