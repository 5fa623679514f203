package contracts

import (
	"crypto/ecdsa"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Account is an Ethereum key that signs transactions. Its String and GoString
// methods print only the address, so an Account can be logged without leaking
// the key. An Account is immutable and safe for concurrent use.
type Account struct {
	key     *ecdsa.PrivateKey
	address common.Address
}

// NewAccount wraps a secp256k1 private key. A nil key is a programming error,
// not a runtime condition, so NewAccount panics on it rather than returning an
// error; keys read from files go through api/auth.LoadPrivateKey, which returns
// errors and refuses a file that others can read.
func NewAccount(key *ecdsa.PrivateKey) *Account {
	if key == nil {
		panic("contracts: NewAccount called with a nil key")
	}
	return &Account{key: key, address: crypto.PubkeyToAddress(key.PublicKey)}
}

// Address returns the account's Ethereum address.
func (a *Account) Address() common.Address { return a.address }

// String returns the account's address in checksummed hex; never the key.
func (a *Account) String() string { return a.address.Hex() }

// GoString returns the same as String so that %#v never prints the key.
func (a *Account) GoString() string { return "contracts.Account(" + a.address.Hex() + ")" }
