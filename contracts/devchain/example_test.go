package devchain_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devchain"
)

// Start a throw-away geth --dev chain, fund a new account and deploy the
// Cohort contract on it. (Not run by go test: it needs `make geth`.)
func ExampleStart() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	node, err := devchain.Start(ctx, devchain.Options{}) // in-memory chain, free port
	if err != nil {
		log.Fatal(err) // errors.Is(err, devchain.ErrNoBinary): run `make geth`
	}
	defer node.Stop()

	key, _ := crypto.GenerateKey()
	deployer := contracts.NewAccount(key)
	if err := node.Fund(ctx, devchain.Ether(10), deployer.Address()); err != nil {
		log.Fatal(err)
	}
	chain, err := contracts.DialChain(ctx, node.URL)
	if err != nil {
		log.Fatal(err)
	}
	defer chain.Close()
	founder := contracts.Member{Address: deployer.Address(), Name: "St Mary", TLSFingerprint: crypto.Keccak256Hash([]byte("cert"))}
	ledger, _, err := contracts.Deploy(ctx, chain, deployer, []contracts.Member{founder})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Cohort contract at", ledger.Address(), "on chain", node.ChainID)
}
