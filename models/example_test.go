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
