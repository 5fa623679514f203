package auth

import (
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/crypto/ecies"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// ErrSealed reports a sealed message that cannot be opened: not addressed to
// this key, or altered on the way.
var ErrSealed = errors.New("auth: cannot open sealed message")

// SealOverhead is how many bytes SealTo adds to a message: the ephemeral
// public key (65), the AES IV (16) and the HMAC-SHA-256 tag (32).
const SealOverhead = 65 + 16 + 32

// SealTo encrypts msg to the holder of an Ethereum key (ECIES over
// secp256k1 with AES-128-CTR and HMAC-SHA-256), so a relay that carries it,
// such as the coordinator, cannot read it.
func SealTo(to *ecdsa.PublicKey, msg []byte) ([]byte, error) {
	ct, err := ecies.Encrypt(rand.Reader, ecies.ImportECDSAPublic(to), msg, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("auth: seal: %w", err)
	}
	return ct, nil
}

// Open decrypts a message sealed to key.
func Open(key *ecdsa.PrivateKey, sealed []byte) ([]byte, error) {
	msg, err := ecies.ImportECDSA(key).Decrypt(sealed, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSealed, err)
	}
	return msg, nil
}

// ShareContent is the content hash a dealer signs for one encrypted share:
// the recipient's address and the ciphertext.
func ShareContent(recipient common.Address, ciphertext []byte) common.Hash {
	return crypto.Keccak256Hash(recipient.Bytes(), ciphertext)
}

// ScoreSharesContent is the content hash a holder signs for its score
// shares: the score task's active points it answered (so that whoever
// re-derives the trust weights knows every decryption set that must be
// present) and the shares in the order sent.
func ScoreSharesContent(active []uint64, shares [][]byte) common.Hash {
	buf := binary.BigEndian.AppendUint32([]byte("cohort/v1 score shares"), uint32(len(active)))
	for _, p := range active {
		buf = binary.BigEndian.AppendUint64(buf, p)
	}
	return crypto.Keccak256Hash(append([][]byte{buf}, shares...)...)
}

// ParsePublicKey parses a 65-byte uncompressed secp256k1 public key and
// checks that it belongs to want.
func ParsePublicKey(raw []byte, want common.Address) (*ecdsa.PublicKey, error) {
	pub, err := crypto.UnmarshalPubkey(raw)
	if err != nil {
		return nil, fmt.Errorf("auth: public key of %s: %w", want.Hex(), err)
	}
	if got := crypto.PubkeyToAddress(*pub); got != want {
		return nil, fmt.Errorf("auth: public key belongs to %s, not %s", got.Hex(), want.Hex())
	}
	return pub, nil
}

// ReshareContent is the content hash a dealer signs for one piece of an
// encrypted re-sharing share: the recipient, the re-sharing's set hash, the
// piece's place (piece of pieces, so no piece moves, repeats elsewhere or
// goes missing unseen) and its ciphertext.
func ReshareContent(recipient common.Address, setHash common.Hash, piece, pieces uint32, ciphertext []byte) common.Hash {
	var place [8]byte
	binary.BigEndian.PutUint32(place[:4], piece)
	binary.BigEndian.PutUint32(place[4:], pieces)
	return crypto.Keccak256Hash(recipient.Bytes(), setHash.Bytes(), place[:], ciphertext)
}

// ReshareSetHash binds a re-sharing to its study, epoch (the round the new
// set serves from), threshold, dealers and new holders (addresses and
// Shamir points, in the order given; public keys are bound to the addresses
// by the recipients' checks, not hashed).
func ReshareSetHash(study uint64, round uint32, threshold uint32, dealers, holders []*cohortv1.ShareHolder) common.Hash {
	buf := make([]byte, 0, 64+28*(len(dealers)+len(holders)))
	buf = append(buf, "cohort/v1 reshare"...)
	buf = binary.BigEndian.AppendUint64(buf, study)
	buf = binary.BigEndian.AppendUint32(buf, round)
	buf = binary.BigEndian.AppendUint32(buf, threshold)
	for _, set := range [][]*cohortv1.ShareHolder{dealers, holders} {
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(set)))
		for _, h := range set {
			buf = append(buf, common.BytesToAddress(h.GetAddress()).Bytes()...)
			buf = binary.BigEndian.AppendUint64(buf, h.GetPoint())
		}
	}
	return crypto.Keccak256Hash(buf)
}
