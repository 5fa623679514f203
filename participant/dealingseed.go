package participant

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// dealingSeedRecord is the keystore record of the seed a holder gave
// dealing-check shares under (steps.dealingCheck): the hash of the
// threshold share they were of, then the seed. Kept beside the share,
// encrypted like it, so that a restarted holder still answers one seed
// per dealing; the share's hash ties the seed to that share, and a record
// left from an earlier one (a dealing run again before round 1) binds
// nothing.
func dealingSeedRecord(share []byte, seed [32]byte) []byte {
	return append(crypto.Keccak256(share), seed[:]...)
}

// dealingSeedOf is the seed record binds share to, or nil if record is of
// another share (or none).
func dealingSeedOf(record, share []byte) (*[32]byte, error) {
	if record == nil {
		return nil, nil
	}
	if len(record) != common.HashLength+32 {
		return nil, fmt.Errorf("dealing-check seed record of %d bytes in the keystore, want %d; restore the keystore from a backup", len(record), common.HashLength+32)
	}
	if share == nil || common.BytesToHash(record[:common.HashLength]) != crypto.Keccak256Hash(share) {
		return nil, nil
	}
	seed := [32]byte(record[common.HashLength:])
	return &seed, nil
}

// oneSeedPerShare is the dealing-check seed raw asks a share to be checked
// under, refused if the share was checked under another one (given; nil:
// none yet): each seed weighs the dealers' keys anew, and every weighing
// is one more smudged sample of the share.
func oneSeedPerShare(given *[32]byte, raw []byte) ([32]byte, error) {
	if len(raw) != 32 {
		return [32]byte{}, fmt.Errorf("%w: dealing-check seed of %d bytes, want 32", ErrChainMismatch, len(raw))
	}
	seed := [32]byte(raw)
	if given != nil && *given != seed {
		return seed, fmt.Errorf("%w: a dealing check under a second seed %x (this site answered under %x); each seed weighs the dealers' key errors anew, so it answers under one only", ErrChainMismatch, seed, *given)
	}
	return seed, nil
}
