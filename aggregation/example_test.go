package aggregation_test

import (
	"fmt"

	"github.com/cohort-fl/cohort/aggregation"
)

// Example runs a whole round among three hospitals in one process: key
// generation, encryption, weighted aggregation and collective decryption.
func Example() {
	s, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		panic(err)
	}
	crs := aggregation.CommonSeed([]byte("study-1"), []byte("block-hash"))

	// Keys: each hospital keeps its secret share; the coordinator combines
	// the public shares.
	var sks []*aggregation.SecretShare
	var pkShares []*aggregation.PublicKeyShare
	for i := 0; i < 3; i++ {
		sk, _ := s.GenSecretShare()
		pks, _ := s.GenPublicKeyShare(sk, crs)
		sks = append(sks, sk)
		pkShares = append(pkShares, pks)
	}
	pk, _ := s.CombinePublicKey(crs, pkShares)

	// Updates: each hospital encrypts its model update under its own key
	// share, with the public masks of this study, phase and round.
	ctx := aggregation.NewEncryptionContext(1, "train", 1)
	updates := [][]float64{{1, 2, 3}, {3, 2, 1}, {2, 2, 2}}
	var enc []*aggregation.EncryptedVector
	for i, u := range updates {
		v, _ := s.Encrypt(sks[i], pk.Hash(), ctx, u)
		enc = append(enc, v)
	}

	// Aggregation by the coordinator, verifiable by anyone via Hash.
	weights := []float64{0.5, 0.25, 0.25}
	agg, _ := s.WeightedSum(enc, weights)

	// Decryption: every contributor sends a share bound to agg.Hash().
	var shares []*aggregation.DecryptionShare
	for _, sk := range sks {
		ds, _ := s.GenDecryptionShare(sk, agg)
		shares = append(shares, ds)
	}
	got, err := s.Decrypt(agg, shares)
	if err != nil {
		panic(err)
	}
	want, _ := aggregation.PlainWeightedSum(updates, weights)
	fmt.Printf("encrypted: %.4f\nplaintext: %.4f\n", got, want)
	// Output:
	// encrypted: [1.7500 2.0000 2.2500]
	// plaintext: [1.7500 2.0000 2.2500]
}
