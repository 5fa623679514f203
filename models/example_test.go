package models_test

import (
	"context"
	"fmt"

	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// A site trains a logistic model on its consented records and reports a
// mergeable evaluation on its held-out records.
func Example() {
	sites, err := records.Synthetic(records.DefaultSyntheticConfig())
	if err != nil {
		panic(err)
	}
	site := sites[2]
	m, err := models.New(models.Spec{Kind: models.KindLogistic, Features: 8}, 1)
	if err != nil {
		panic(err)
	}
	X, y := records.Matrix(records.ConsentedOnly(site.Train, site.Consents))
	if _, err := m.Train(context.Background(), X, y, models.DefaultTrainConfig()); err != nil {
		panic(err)
	}
	Xt, yt := records.Matrix(records.ConsentedOnly(site.Test, site.Consents))
	probs, err := m.Predict(Xt)
	if err != nil {
		panic(err)
	}
	ev := models.Evaluate(probs, yt)
	fmt.Println(m.NumParams(), ev.Accuracy() > 0.85)
	// Output: 9 true
}

// Harrell's C-index of risk scores: the share of pairs whose earlier death
// has the higher risk.
func ExampleCIndex() {
	risk := []float64{2.0, -2.0, 0.5, -1.0}
	years := []float64{1, 3, 2, 5}
	died := []float64{1, 1, 0, 0} // 1: death observed, 0: censored
	fmt.Printf("%.3f\n", models.CIndex(risk, years, died))
	// Output: 0.750
}

// A recipe left mostly to its defaults; a hospital with another learning
// rate is refused with the field named.
func ExampleCheckRecipe() {
	study, _ := models.ParseRecipe([]byte(`{"model": {"kind": "logistic", "features": 4}, "rounds": 10}`))
	onChain, _ := study.Hash()
	hospital := study
	hospital.Local.LearningRate = 0.5
	fmt.Println(models.CheckRecipe(onChain, hospital, &study) != nil)
	diffs, _ := models.RecipeDiff(study, hospital)
	fmt.Println(diffs[0])
	// Output:
	// true
	// field local.learning_rate is 0.5 here, the study's is 0.05
}
