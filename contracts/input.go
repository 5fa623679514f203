package contracts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// ParseAddress parses a 0x-prefixed Ethereum address as a person typed it,
// refusing the zero address and a mixed-case address whose EIP-55 checksum
// is wrong (a typo).
func ParseAddress(s string) (common.Address, error) {
	if !strings.HasPrefix(s, "0x") || !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("address %q is not 0x and 40 hex digits", s)
	}
	a := common.HexToAddress(s)
	if a == (common.Address{}) {
		return common.Address{}, errors.New("address is the zero address")
	}
	if hex := s[2:]; hex != strings.ToLower(hex) && hex != strings.ToUpper(hex) && s != a.Hex() {
		return common.Address{}, fmt.Errorf("address %s has a wrong EIP-55 checksum (did you mean %s? check for a typo)", s, a.Hex())
	}
	return a, nil
}

// ParseHash parses 0x and 64 hex digits, refusing the zero hash.
func ParseHash(s string) (common.Hash, error) {
	b, err := DecodeHex32(s)
	if err != nil {
		return common.Hash{}, err
	}
	if b == (common.Hash{}) {
		return common.Hash{}, errors.New("hash is all zeros")
	}
	return b, nil
}

// DecodeHex32 decodes exactly 0x and 64 hex digits.
func DecodeHex32(s string) (common.Hash, error) {
	if len(s) != 66 || !strings.HasPrefix(s, "0x") {
		return common.Hash{}, fmt.Errorf("%q is not 0x and 64 hex digits", s)
	}
	for _, c := range s[2:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return common.Hash{}, fmt.Errorf("%q is not 0x and 64 hex digits", s)
		}
	}
	return common.HexToHash(s), nil
}

// DialLedger dials the chain at rpcURL and binds the Cohort contract at
// contract; the caller closes the chain.
func DialLedger(ctx context.Context, rpcURL string, contract common.Address) (*Chain, *Ledger, error) {
	chain, err := DialChain(ctx, rpcURL)
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to --eth-rpc: %w", err)
	}
	ledger, err := Open(chain, contract)
	if err != nil {
		chain.Close()
		return nil, nil, err
	}
	return chain, ledger, nil
}

// OpenStudy connects to the chain and the Cohort contract and reads the
// study, as a daemon does at start; check refuses the study if its recorded
// recipe (spec) hash is not the daemon's. The caller closes the chain.
func OpenStudy(ctx context.Context, rpcURL string, contract common.Address, studyID uint64, check func(onChain common.Hash) error) (*Chain, *Ledger, Study, error) {
	chain, err := DialChain(ctx, rpcURL)
	if err != nil {
		return nil, nil, Study{}, err
	}
	fail := func(err error) (*Chain, *Ledger, Study, error) {
		_ = chain.Close()
		return nil, nil, Study{}, err
	}
	ledger, err := Open(chain, contract)
	if err != nil {
		return fail(err)
	}
	study, err := ledger.Study(ctx, studyID)
	if err != nil {
		return fail(fmt.Errorf("study %d: %w", studyID, err))
	}
	if err := check(study.SpecHash); err != nil {
		return fail(fmt.Errorf("study %d: %w", studyID, err))
	}
	return chain, ledger, study, nil
}
