package auth

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// KindDealingCheck signs a share holder's answer to a dealing check at
// key generation: content is DealingCheckContent, round 0. The signed
// answers are the evidence of the coordinator's verdict, which any
// hospital re-checks (coordinator.VerifyDealingVerdict).
const KindDealingCheck = "dealing-check"

// DealingCheckContent is the content hash a dealing-check signature
// covers: the collective key's hash, the check's seed, the holder's
// point, the dealers checked (in the task's order), the decryption sets
// asked and the hash of each dealing-check share the holder gives, in
// order.
func DealingCheckContent(pkHash common.Hash, seed [32]byte, point uint64, dealers []common.Address, sets [][]uint64, shares [][]byte) common.Hash {
	parts := [][]byte{[]byte(KindDealingCheck), pkHash.Bytes(), seed[:], binary.BigEndian.AppendUint64(nil, point)}
	parts = append(parts, binary.BigEndian.AppendUint32(nil, uint32(len(dealers))))
	for _, d := range dealers {
		parts = append(parts, d.Bytes())
	}
	parts = append(parts, binary.BigEndian.AppendUint32(nil, uint32(len(sets))))
	for _, set := range sets {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(set)))
		for _, p := range set {
			b = binary.BigEndian.AppendUint64(b, p)
		}
		parts = append(parts, b)
	}
	parts = append(parts, binary.BigEndian.AppendUint32(nil, uint32(len(shares))))
	for _, sh := range shares {
		parts = append(parts, crypto.Keccak256(sh))
	}
	return crypto.Keccak256Hash(parts...)
}

// KindReshareDealingCheck signs a new holder's answer to a re-sharing's
// dealing check, of its pending share or of the part some of the
// re-sharing's dealers dealt: content is ReshareDealingCheckContent, the
// re-sharing's round. The signed answers are the evidence of the
// coordinator's verdict (coordinator.VerifyDealingVerdict).
const KindReshareDealingCheck = "reshare-dealing-check"

// ReshareDealingCheckContent is the content hash a re-sharing's
// dealing-check signature covers: the re-sharing (its set hash), the
// re-sharing dealers whose part the shares are of (none: the whole
// pending share), the joiners whose keys are checked alone after the
// dealers', and DealingCheckContent of the rest (the collective key, the
// seed, the holder's new point, the keys' dealers, the sets and the
// shares).
func ReshareDealingCheckContent(setHash common.Hash, resharers, joiners []common.Address, pkHash common.Hash, seed [32]byte, point uint64, dealers []common.Address, sets [][]uint64, shares [][]byte) common.Hash {
	parts := [][]byte{[]byte(KindReshareDealingCheck), setHash.Bytes()}
	for _, list := range [][]common.Address{resharers, joiners} {
		parts = append(parts, binary.BigEndian.AppendUint32(nil, uint32(len(list))))
		for _, a := range list {
			parts = append(parts, a.Bytes())
		}
	}
	parts = append(parts, DealingCheckContent(pkHash, seed, point, dealers, sets, shares).Bytes())
	return crypto.Keccak256Hash(parts...)
}
