package participant

import (
	"errors"
	"fmt"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/models"
)

// sealer produces what leaves the site: key shares, sealed updates and
// decryption shares. homomorphicSealer is the real path; plainSealer exists
// so a test can measure what encryption costs with everything else the same.
type sealer interface {
	publicKeyShare(crs [32]byte) ([]byte, error)
	seal(publicKey []byte, update []float64) ([]byte, error)
	// sum recomputes an aggregate from sealed updates, to verify the coordinator.
	sum(updates [][]byte, weights []float64) ([]byte, error)
	decryptionShare(aggregate []byte) ([]byte, error)
}

var (
	_ sealer = (*homomorphicSealer)(nil)
	_ sealer = plainSealer{}
)

// errNoKeyShare reports a request that needs the secret share before key generation ran.
var errNoKeyShare = errors.New("participant: no secret-key share yet; key generation has not run")

type homomorphicSealer struct {
	scheme *aggregation.Scheme
	secret *aggregation.SecretShare // never leaves this struct but in a decryption share
}

func (h *homomorphicSealer) publicKeyShare(crs [32]byte) ([]byte, error) {
	sk, err := h.scheme.GenSecretShare()
	if err != nil {
		return nil, err
	}
	share, err := h.scheme.GenPublicKeyShare(sk, crs)
	if err != nil {
		return nil, err
	}
	h.secret = sk
	return share.MarshalBinary()
}

func (h *homomorphicSealer) seal(publicKey []byte, update []float64) ([]byte, error) {
	var pk aggregation.PublicKey
	if err := pk.UnmarshalBinary(publicKey); err != nil {
		return nil, fmt.Errorf("participant: collective public key: %w", err)
	}
	ct, err := h.scheme.Encrypt(&pk, update)
	if err != nil {
		return nil, err
	}
	return ct.MarshalBinary()
}

func (h *homomorphicSealer) sum(updates [][]byte, weights []float64) ([]byte, error) {
	vs := make([]*aggregation.EncryptedVector, len(updates))
	for i, b := range updates {
		vs[i] = new(aggregation.EncryptedVector)
		if err := vs[i].UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("participant: committed update %d: %w", i, err)
		}
	}
	agg, err := h.scheme.WeightedSum(vs, weights)
	if err != nil {
		return nil, err
	}
	return agg.MarshalBinary()
}

func (h *homomorphicSealer) decryptionShare(aggregate []byte) ([]byte, error) {
	if h.secret == nil {
		return nil, errNoKeyShare
	}
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(aggregate); err != nil {
		return nil, fmt.Errorf("participant: aggregate: %w", err)
	}
	share, err := h.scheme.GenDecryptionShare(h.secret, &agg)
	if err != nil {
		return nil, err
	}
	return share.MarshalBinary()
}

// plainSealer sends updates in the clear. Test-only.
type plainSealer struct{}

func (plainSealer) publicKeyShare([32]byte) ([]byte, error) { return []byte("insecure-plaintext"), nil }
func (plainSealer) seal(_ []byte, update []float64) ([]byte, error) {
	return models.EncodeParams(update), nil
}
func (plainSealer) decryptionShare([]byte) ([]byte, error) {
	return nil, errors.New("participant: plaintext mode has nothing to decrypt")
}

func (plainSealer) sum(updates [][]byte, weights []float64) ([]byte, error) {
	vs := make([][]float64, len(updates))
	for i, b := range updates {
		v, err := models.DecodeParams(b)
		if err != nil {
			return nil, err
		}
		vs[i] = v
	}
	s, err := aggregation.PlainWeightedSum(vs, weights)
	if err != nil {
		return nil, err
	}
	return models.EncodeParams(s), nil
}
