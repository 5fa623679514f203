package records_test

import (
	"fmt"

	"github.com/cohort-fl/cohort/records"
)

// A participant commits to the ids it trained on and later shows a patient
// whether their record was used.
func ExampleProve() {
	used := []string{"site1-000003", "site1-000001", "site1-000007"}
	root := records.MerkleRoot(used) // committed on chain with len(used)

	in, _ := records.Prove(used, "site1-000003")
	out, _ := records.Prove(used, "site1-000005")
	fmt.Println(in.Included, in.Verify(root) == nil)
	fmt.Println(out.Included, out.Left.ID, out.Right.ID, out.Verify(root) == nil)
	// Output:
	// true true
	// false site1-000003 site1-000007 true
}

// Two hospitals learn the pooled mean and standard deviation of a feature
// from the sum of their encoded moments; in a study the sum is computed
// under encryption, so neither reveals its own statistics.
func ExampleDecodeMoments() {
	siteA := []records.Record{{ID: "a1", Features: []float64{120}}, {ID: "a2", Features: []float64{140}}}
	siteB := []records.Record{{ID: "b1", Features: []float64{160}}, {ID: "b2", Features: []float64{180}}}
	total, scale := 4.0, []float64{100} // public: committed sample counts, schema scales

	sum := make([]float64, 3)
	for _, site := range [][]records.Record{siteA, siteB} {
		m, _ := records.ComputeMoments(site, 1)
		v, _ := m.Encode(total, scale, 256) // each site encrypts v
		for i := range v {
			sum[i] += v[i] // the coordinator sums the ciphertexts
		}
	}
	pooled, _ := records.DecodeMoments(sum, total, scale) // after collective decryption
	std, _ := records.NewStandardiser(pooled)
	fmt.Printf("mean %.1f, sd %.2f\n", std.Mean[0], std.Scale[0])
	// Output:
	// mean 150.0, sd 22.36
}
