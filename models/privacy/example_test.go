package privacy_test

import (
	"fmt"

	"github.com/cohort-fl/cohort/models/privacy"
)

// The privacy of 60 epochs of DP-SGD over 60000 records in expected batches
// of 256 with noise multiplier 1.1, at δ = 1e-5.
func ExampleDPSGDEpsilon() {
	q := 256.0 / 60000
	steps := int(60 / q)
	eps, err := privacy.DPSGDEpsilon(q, 1.1, steps, 1e-5)
	if err != nil {
		panic(err)
	}
	fmt.Printf("ε = %.2f\n", eps)
	// Output: ε = 2.60
}
