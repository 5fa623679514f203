package contracts_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts"
)

// Example runs one round of a study on the embedded simulated chain.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	key := func() *contracts.Account {
		k, err := crypto.GenerateKey()
		if err != nil {
			panic(err)
		}
		return contracts.NewAccount(k)
	}
	researcher, coordinator, hospitalA, hospitalB := key(), key(), key(), key()
	chain, err := contracts.NewSimulatedChain(researcher.Address(), coordinator.Address(), hospitalA.Address(), hospitalB.Address())
	if err != nil {
		panic(err)
	}
	defer chain.Close()

	h := func(s string) common.Hash { return crypto.Keccak256Hash([]byte(s)) }
	ledger, _, err := contracts.Deploy(ctx, chain, researcher, []contracts.Member{
		{Address: hospitalA.Address(), Name: "Hospital A", TLSFingerprint: h("cert A")},
		{Address: hospitalB.Address(), Name: "Hospital B", TLSFingerprint: h("cert B")},
	})
	if err != nil {
		panic(err)
	}
	study, _, err := ledger.CreateStudy(ctx, researcher, contracts.StudyParams{
		SpecHash: h("spec"), Purpose: h("sepsis"), ReferenceCommitment: h("root data"),
		Rounds: 1, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: coordinator.Address(),
	})
	if err != nil {
		panic(err)
	}
	for _, hospital := range []*contracts.Account{hospitalA, hospitalB} {
		if _, err := ledger.JoinStudy(ctx, hospital, study); err != nil {
			panic(err)
		}
	}
	if _, err := ledger.SetPublicKeyHash(ctx, coordinator, study, h("collective key")); err != nil {
		panic(err)
	}
	if _, err := ledger.OpenRound(ctx, coordinator, study, 1, h("model 0"), time.Now().Add(time.Hour)); err != nil {
		panic(err)
	}
	for i, hospital := range []*contracts.Account{hospitalA, hospitalB} {
		c := contracts.Commitment{CiphertextHash: h(fmt.Sprint("ct", i)), Samples: 500, ConsentRoot: h(fmt.Sprint("consent", i))}
		if _, err := ledger.CommitUpdate(ctx, hospital, study, 1, c); err != nil {
			panic(err)
		}
	}
	_, err = ledger.CommitUpdate(ctx, hospitalA, study, 1, contracts.Commitment{CiphertextHash: h("again"), Samples: 1, ConsentRoot: h("x")})
	fmt.Println("second commit refused:", errors.Is(err, contracts.ErrAlreadyCommitted))

	res := contracts.RoundResult{AggregateHash: h("sum"), ModelHash: h("model 1"), Accuracy: 0.87, AUC: 0.91, Loss: 0.35, Participants: 2}
	if _, err := ledger.CloseRound(ctx, coordinator, study, 1, res); err != nil {
		panic(err)
	}
	round, err := ledger.Round(ctx, study, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("study %d round %d closed=%v committers=%d accuracy=%.2f\n",
		study, round.Number, round.Closed, len(round.Committers), round.Result.Accuracy)
	// Output:
	// second commit refused: true
	// study 1 round 1 closed=true committers=2 accuracy=0.87
}
