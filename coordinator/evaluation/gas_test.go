package evaluation

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGas(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var progress bytes.Buffer
	got, err := Gas(ctx, []int{3, 10}, &progress)
	require.NoError(t, err, progress.String())

	// The report as `cohort bench gas --json` prints it.
	b, err := json.Marshal(got)
	require.NoError(t, err)
	var rep GasReport
	require.NoError(t, json.Unmarshal(b, &rep))
	assert.Equal(t, uint64(21_000), rep.Baseline.EthTransfer)
	require.Len(t, rep.Runs, 2)
	for _, run := range rep.Runs {
		ops := run.Operations
		// commitUpdate is a mean rounded down: the sum may be short by less than one gas per participant.
		assert.InDelta(t, ops["openRound"]+uint64(run.Participants)*ops["commitUpdate"]+ops["pinContributors"]+ops["recordScores"]+ops["closeRound"],
			run.RoundTotal, float64(run.Participants), "round total of %d", run.Participants)
		assert.Equal(t, run.RoundTotal/uint64(run.Participants), run.PerParticipantRound)
		// The batched round's one commitUpdates carries the pin: its batch
		// (a mean per hospital, rounded down) and the pin's extra.
		assert.InDelta(t, ops["openRound"]+uint64(run.Participants)*ops["commitUpdatesBatched"]+ops["commitUpdatesPinExtra"]+ops["recordScores"]+ops["closeRound"],
			run.RoundTotalBatched, float64(run.Participants), "batched round total of %d", run.Participants)
		assert.Equal(t, run.RoundTotalBatched/uint64(run.Participants), run.PerParticipantRoundBatched)
		// Carried by a batch the pin costs its slot, its event and its
		// calldata, no transaction or study read of its own.
		assert.Greater(t, ops["commitUpdatesPinExtra"], uint64(20_000), "a fresh slot")
		assert.Less(t, ops["commitUpdatesPinExtra"]+rep.Baseline.EthTransfer, ops["pinContributors"])
		for _, op := range []string{"grantConsent", "grantConsentRenewal", "grantConsentBounded", "revokeConsent"} {
			assert.Positive(t, ops[op], op)
			assert.LessOrEqual(t, ops[op], uint64(gasTargetConsent), op)
		}
		// A logged change writes no storage: cheaper than a stored one, a
		// first grant most of all.
		assert.Positive(t, ops["grantConsentLogged"])
		assert.Less(t, ops["grantConsentLogged"], ops["grantConsentBatched"])
		assert.Less(t, ops["revokeConsentLogged"], ops["revokeConsentBatched"])
		for _, op := range []string{"createStudy", "joinStudy", "setPublicKeyHash", "confirmStrikes", "endorseScores", "endorseScoresStriking", "abandonRound",
			"proposeAdmission", "voteExecutingAdmission", "proposeQuorumExecuting", "updateTlsFingerprint", "pinContributors"} {
			assert.Greater(t, ops[op], rep.Baseline.EthTransfer, op)
		}
	}
	// With 10 members a majority takes 6 votes: the proposer's, 4 plain votes and the executing one.
	assert.Greater(t, rep.Operations["vote"]["10"], rep.Baseline.EthTransfer)
	assert.Greater(t, rep.Operations["voteExecutingAdmission"]["10"], rep.Operations["vote"]["10"])
	assert.LessOrEqual(t, rep.RoundTotal["10"], uint64(gasTargetRound10))
	assert.Less(t, rep.PerParticipantRound["10"], rep.PerParticipantRound["3"], "fixed round costs spread over more hospitals")
	assert.Equal(t, rep.Runs[1].Operations["commitUpdate"], rep.Operations["commitUpdate"]["10"])
	assert.True(t, rep.WithinTargets)
}

// TestGasTextSaysWhetherTheBatchedTargetsHold: the text verdict names the
// batched targets only when 100 hospitals were measured, and says NOT
// when a figure is over them.
func TestGasTextSaysWhetherTheBatchedTargetsHold(t *testing.T) {
	report := func(batched uint64, at100 bool) string {
		rep := &GasReport{
			Targets:                    GasTargets{gasTargetRound10, gasTargetPerParticipant, gasTargetConsent, gasTargetPerParticipantBatched, gasTargetConsentBatched},
			WithinTargets:              true,
			BatchedWithinTargets:       batched <= gasTargetPerParticipantBatched,
			PerParticipantRoundBatched: map[string]uint64{"10": 50_000},
		}
		if at100 {
			rep.PerParticipantRoundBatched["100"] = batched
		}
		var b strings.Builder
		rep.WriteText(&b)
		return b.String()
	}
	assert.Contains(t, report(19_022, true), "within the batched targets at 100 hospitals: per participant per round <= 20000")
	assert.NotContains(t, report(19_022, true), "NOT within the batched")
	assert.Contains(t, report(20_442, true), "NOT within the batched targets")
	assert.NotContains(t, report(19_022, false), "batched targets", "no verdict without a run at 100")
}
