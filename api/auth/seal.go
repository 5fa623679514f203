package auth

import (
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/crypto/ecies"
)

// ErrSealed reports a sealed message that cannot be opened: not addressed to
// this key, or altered on the way.
var ErrSealed = errors.New("auth: cannot open sealed message")

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
