package coordinator

import "github.com/cohort-fl/cohort/aggregation"

// testConfig is a CKKS configuration for the tests that are not about the
// scheme's cost: N = 2^12 within the 128-bit bound (109 bits of QP), about
// four times cheaper than the default N = 2^14 per operation, with the
// default's headroom and more precision than the tests ask for.
func testConfig() aggregation.Config {
	return aggregation.Config{LogN: 12, LogQ: []int{55, 30}, LogP: []int{24}, LogDefaultScale: 40, SmudgingSigma: 1 << 16}
}
