package protocol

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// A reason is kept whole up to the bound, cut at a rune boundary past it,
// and always valid UTF-8.
func TestDeclineReason(t *testing.T) {
	long := strings.Repeat("é", MaxDeclineReason) // two bytes a rune
	tests := []struct {
		name, in string
		want     func(string) bool
	}{
		{"short", "behind", func(s string) bool { return s == "behind" }},
		{"at the bound", strings.Repeat("a", MaxDeclineReason), func(s string) bool { return s == strings.Repeat("a", MaxDeclineReason) }},
		{"over the bound", long, func(s string) bool {
			return strings.HasPrefix(long, strings.TrimSuffix(s, "…")) && strings.HasSuffix(s, "…")
		}},
		{"invalid UTF-8", "bad \xff byte", func(s string) bool { return s == "bad \uFFFD byte" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DeclineReason(tt.in)
			if len(got) > MaxDeclineReason || !utf8.ValidString(got) || !tt.want(got) {
				t.Fatalf("DeclineReason(%.40q…) = %.60q… (%d bytes)", tt.in, got, len(got))
			}
		})
	}
}

// Round is the task's round for the phases that run per round and 0 for
// the others.
func TestRoundOfEveryPhasesTask(t *testing.T) {
	const r = 7
	tasks := map[Phase]*cohortv1.Task{
		KeyGen:           {Kind: &cohortv1.Task_KeyGen{KeyGen: &cohortv1.KeyGenTask{}}},
		ThresholdDeal:    {Kind: &cohortv1.Task_Threshold{Threshold: &cohortv1.ThresholdTask{}}},
		ThresholdConfirm: {Kind: &cohortv1.Task_ThresholdKey{ThresholdKey: &cohortv1.ThresholdKeyTask{}}},
		MomentsCount:     {Kind: &cohortv1.Task_MomentsCount{MomentsCount: &cohortv1.MomentsCountTask{}}},
		Moments:          {Kind: &cohortv1.Task_Moments{Moments: &cohortv1.MomentsTask{}}},
		MomentsDecrypt:   {Kind: &cohortv1.Task_MomentsDecrypt{MomentsDecrypt: &cohortv1.MomentsDecryptTask{}}},
		MomentsResult:    {Kind: &cohortv1.Task_MomentsResult{MomentsResult: &cohortv1.MomentsResultTask{}}},
		ReshareDeal:      {Kind: &cohortv1.Task_Reshare{Reshare: &cohortv1.ReshareTask{Round: r}}},
		ReshareKey:       {Kind: &cohortv1.Task_ReshareKey{ReshareKey: &cohortv1.ReshareKeyTask{Round: r}}},
		ReshareCommit:    {Kind: &cohortv1.Task_ReshareCommit{ReshareCommit: &cohortv1.ReshareCommitTask{Round: r}}},
		Train:            {Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{Round: r}}},
		Score:            {Kind: &cohortv1.Task_Score{Score: &cohortv1.ScoreTask{Round: r}}},
		Decrypt:          {Kind: &cohortv1.Task_Decrypt{Decrypt: &cohortv1.DecryptTask{Round: r}}},
		Endorse:          {Kind: &cohortv1.Task_Endorse{Endorse: &cohortv1.EndorseTask{Round: r}}},
		Evaluate:         {Kind: &cohortv1.Task_Evaluate{Evaluate: &cohortv1.EvaluateTask{Round: r}}},
	}
	if err := Covers(tasks); err != nil {
		t.Fatal(err)
	}
	for p, task := range tasks {
		want := uint32(0)
		if p.PerRound() {
			want = r
		}
		if got := Round(task); got != want {
			t.Errorf("Round(task of %s) = %d, want %d", p, got, want)
		}
	}
}
