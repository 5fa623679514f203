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
