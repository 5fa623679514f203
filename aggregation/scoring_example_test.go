package aggregation_test

import (
	"fmt"

	"github.com/cohort-fl/cohort/aggregation"
)

// Example_robustScoring scores one encrypted update against a public
// reference: only 1+k scalars are collectively decrypted.
func Example_robustScoring() {
	s, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		panic(err)
	}
	crs := aggregation.CommonSeed([]byte("study-1"), []byte("block-hash"))
	var sks []*aggregation.SecretShare
	var pkShares []*aggregation.PublicKeyShare
	for i := 0; i < 3; i++ {
		sk, _ := s.GenSecretShare()
		pks, _ := s.GenPublicKeyShare(sk, crs)
		sks = append(sks, sk)
		pkShares = append(pkShares, pks)
	}
	pk, _ := s.CombinePublicKey(crs, pkShares)

	reference := make([]float64, 1000) // the researcher's committed update
	update := make([]float64, 1000)    // a hospital's update
	for i := range reference {
		reference[i] = float64(i%7) - 3
		update[i] = -2 * reference[i] // a sign-flipping, scaling attacker
	}
	seed := aggregation.CommonSeed([]byte("study-1"), []byte("round-1"), []byte("block-after-uploads"))
	refs, _ := s.NewReferences(reference, seed, aggregation.DefaultProjectionsFor(len(update)))
	enc, _ := s.Encrypt(sks[0], pk.Hash(), aggregation.NewEncryptionContext(1, "train", 1), update)

	set, _ := s.Score(enc, refs) // coordinator; every share holder recomputes it
	// Threshold holders (2 of 3) decrypt the scores with their shares of
	// the update's dealer's key.
	points := []aggregation.ShamirPoint{1, 2, 3}
	dealt := make([]map[aggregation.ShamirPoint]*aggregation.ThresholdShare, len(sks))
	for i, sk := range sks {
		dealt[i], _ = s.GenThresholdShares(sk, 2, points)
	}
	var shares []*aggregation.ScoreShare
	for j, p := range points[:2] {
		var received []*aggregation.ThresholdShare
		for i := range sks {
			received = append(received, dealt[i][p])
		}
		tsk, err := s.AggregateThresholdShares(pk, sks[j].ID(), p, received)
		if err != nil {
			panic(err)
		}
		sh, err := s.GenThresholdScoreShare(tsk, points[:2], set, enc, refs)
		if err != nil {
			panic(err)
		}
		shares = append(shares, sh)
	}
	scores, _ := s.DecryptScores(set, refs, shares)
	policy, _ := aggregation.NewRobustPolicy(aggregation.DefaultRobustConfig())
	trust, _ := policy.Assess([]aggregation.Scores{scores}, refs.ReferenceNorm())
	// One update alone is never flagged: flags are relative to a round of
	// at least MinRelativeUpdates updates.
	fmt.Printf("cosine below -0.8: %v, norm ratio about 2: %v, flags: %s\n",
		trust[0].Cosine < -0.8, trust[0].NormRatio > 1.6 && trust[0].NormRatio < 2.4, trust[0].Flags)
	// Output: cosine below -0.8: true, norm ratio about 2: true, flags: none
}
