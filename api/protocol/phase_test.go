package protocol

import (
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// TestDocListsEveryPhase keeps the "Phase" sections of the package overview
// and Phases the same, in the same order.
func TestDocListsEveryPhase(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	var documented []Phase
	for _, line := range strings.Split(f.Doc.Text(), "\n") {
		if name, ok := strings.CutPrefix(line, "# Phase "); ok {
			documented = append(documented, Phase(strings.TrimSpace(name)))
		}
	}
	if !slices.Equal(documented, Phases()) {
		t.Fatalf("doc.go documents phases %v, Phases() is %v; keep them the same, in order", documented, Phases())
	}
}

func TestEveryPhaseHasKindAndTask(t *testing.T) {
	tasks := map[Phase]*cohortv1.Task{
		KeyGen:           {Kind: &cohortv1.Task_KeyGen{}},
		ThresholdDeal:    {Kind: &cohortv1.Task_Threshold{}},
		ThresholdConfirm: {Kind: &cohortv1.Task_ThresholdKey{}},
		MomentsCount:     {Kind: &cohortv1.Task_MomentsCount{}},
		Moments:          {Kind: &cohortv1.Task_Moments{}},
		MomentsDecrypt:   {Kind: &cohortv1.Task_MomentsDecrypt{}},
		MomentsResult:    {Kind: &cohortv1.Task_MomentsResult{}},
		ReshareDeal:      {Kind: &cohortv1.Task_Reshare{}},
		ReshareKey:       {Kind: &cohortv1.Task_ReshareKey{}},
		ReshareCommit:    {Kind: &cohortv1.Task_ReshareCommit{}},
		Train:            {Kind: &cohortv1.Task_Train{}},
		Score:            {Kind: &cohortv1.Task_Score{}},
		Decrypt:          {Kind: &cohortv1.Task_Decrypt{}},
		Endorse:          {Kind: &cohortv1.Task_Endorse{}},
		Evaluate:         {Kind: &cohortv1.Task_Evaluate{}},
	}
	if err := Covers(tasks); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]Phase{}
	for _, p := range Phases() {
		got, ok := Of(tasks[p])
		if !ok || got != p {
			t.Errorf("Of(task of %s) = %q, %t", p, got, ok)
		}
		if p == ReshareCommit {
			if p.Kind() != "" {
				t.Errorf("%s is answered by nobody but has kind %q", p, p.Kind())
			}
			continue
		}
		if p.Kind() == "" {
			t.Errorf("%s has no signing kind", p)
		}
		if other, dup := kinds[p.Kind()]; dup {
			t.Errorf("%s and %s are signed with the same kind %q", p, other, p.Kind())
		}
		kinds[p.Kind()] = p
	}
	if _, ok := Of(&cohortv1.Task{Kind: &cohortv1.Task_Done{}}); ok {
		t.Error("StudyDone opens a phase")
	}
	if _, ok := Of(nil); ok {
		t.Error("a nil task opens a phase")
	}
}

func TestCovers(t *testing.T) {
	all := map[Phase]bool{}
	for _, p := range Phases() {
		all[p] = true
	}
	if err := Covers(all); err != nil {
		t.Fatalf("full table: %v", err)
	}
	missing := map[Phase]bool{KeyGen: true}
	if err := Covers(missing); err == nil || !strings.Contains(err.Error(), string(Evaluate)) {
		t.Fatalf("table without evaluate: %v", err)
	}
	all["gossip"] = true
	if err := Covers(all); err == nil || !strings.Contains(err.Error(), "gossip") {
		t.Fatalf("table with an unknown phase: %v", err)
	}
}
