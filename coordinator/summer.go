package coordinator

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/models"
)

// summer turns public-key shares into a collective key, sums updates and
// opens the sum. homomorphicSummer is the real path; plainSummer exists so a
// test can measure what encryption costs with everything else unchanged.
type summer interface {
	// publicKey combines the public-key shares sent by senders, each of
	// which must name its sender's dealer id in study.
	publicKey(crs [32]byte, study uint64, senders []common.Address, shares [][]byte) ([]byte, error)
	sum(updates [][]byte, weights []float64) ([]byte, error)
	needsShares() bool
	open(agg []byte, shares [][]byte) ([]float64, error)
	// shareCheck returns a check of one decryption share of agg on its
	// own (aggregation.Scheme.CheckDecryptionShare), agg decoded once for
	// all of them; nil where open needs no shares.
	shareCheck(agg []byte) (func(share []byte) error, error)
	// maxUpdateSize is the most bytes a valid update of length values
	// encodes to: an upload's announced size is held to it.
	maxUpdateSize(length int) int64
	// validateUpdate checks an update; decoded, if not nil, is the update
	// already decoded (Store.Receive decodes it once for its chunk root).
	validateUpdate(update []byte, decoded *aggregation.EncryptedVector, binding updateBinding, length int) error
}

var (
	_ summer = homomorphicSummer{}
	_ summer = plainSummer{}
)

type homomorphicSummer struct {
	scheme *aggregation.Scheme
}

func (h homomorphicSummer) publicKey(crs [32]byte, study uint64, senders []common.Address, shares [][]byte) ([]byte, error) {
	if len(senders) != len(shares) {
		return nil, fmt.Errorf("coordinator: %d public-key shares from %d senders", len(shares), len(senders))
	}
	parsed := make([]*aggregation.PublicKeyShare, len(shares))
	for i, b := range shares {
		parsed[i] = new(aggregation.PublicKeyShare)
		if err := parsed[i].UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("%w: public-key share of %s: %v", ErrMalformed, senders[i].Hex(), err)
		}
		// The key's party list is what every threshold dealing must match:
		// a share naming another party would make it list a phantom or a
		// member twice, and key generation stall with nobody blamed.
		if got, want := parsed[i].Party(), aggregation.DealerID(study, senders[i].Bytes()); got != want {
			return nil, fmt.Errorf("%w: the public-key share of %s names party %s, not its dealer id %s; that member must send its own", ErrMalformed, senders[i].Hex(), got, want)
		}
	}
	pk, err := h.scheme.CombinePublicKey(crs, parsed)
	if err != nil {
		return nil, err
	}
	return pk.MarshalBinary()
}

func (h homomorphicSummer) sum(updates [][]byte, weights []float64) ([]byte, error) {
	vs := make([]*aggregation.EncryptedVector, len(updates))
	for i, b := range updates {
		vs[i] = new(aggregation.EncryptedVector)
		if err := vs[i].UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("%w: update %d: %v", ErrMalformed, i, err)
		}
	}
	agg, err := h.scheme.WeightedSum(vs, weights)
	if err != nil {
		return nil, err
	}
	return agg.MarshalBinary()
}

func (homomorphicSummer) needsShares() bool { return true }

func (h homomorphicSummer) maxUpdateSize(length int) int64 {
	return int64(h.scheme.MaxUpdateSize(length))
}

func (h homomorphicSummer) shareCheck(agg []byte) (func(share []byte) error, error) {
	var v aggregation.EncryptedVector
	if err := v.UnmarshalBinary(agg); err != nil {
		return nil, fmt.Errorf("%w: aggregate: %v", ErrMalformed, err)
	}
	return func(share []byte) error {
		var ds aggregation.DecryptionShare
		if err := ds.UnmarshalBinary(share); err != nil {
			return err
		}
		return h.scheme.CheckDecryptionShare(&v, &ds)
	}, nil
}

func (h homomorphicSummer) open(agg []byte, shares [][]byte) ([]float64, error) {
	var v aggregation.EncryptedVector
	if err := v.UnmarshalBinary(agg); err != nil {
		return nil, fmt.Errorf("%w: aggregate: %v", ErrMalformed, err)
	}
	parsed, err := parseShares(shares)
	if err != nil {
		return nil, err
	}
	// Shares of several decryption sets are compared: a wrong share shows.
	return h.scheme.DecryptChecked(&v, parsed)
}

// parseShares decodes decryption shares (ErrMalformed).
func parseShares(shares [][]byte) ([]*aggregation.DecryptionShare, error) {
	parsed := make([]*aggregation.DecryptionShare, len(shares))
	for i, b := range shares {
		parsed[i] = new(aggregation.DecryptionShare)
		if err := parsed[i].UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("%w: decryption share %d: %v", ErrMalformed, i, err)
		}
	}
	return parsed, nil
}

// plainSummer sends updates as plain parameter vectors. Test-only.
type plainSummer struct{}

func (plainSummer) publicKey([32]byte, uint64, []common.Address, [][]byte) ([]byte, error) {
	return []byte("insecure-plaintext"), nil
}

func (plainSummer) sum(updates [][]byte, weights []float64) ([]byte, error) {
	vs := make([][]float64, len(updates))
	for i, b := range updates {
		v, err := models.DecodeParams(b)
		if err != nil {
			return nil, fmt.Errorf("%w: update %d: %v", ErrMalformed, i, err)
		}
		vs[i] = v
	}
	sum, err := aggregation.PlainWeightedSum(vs, weights)
	if err != nil {
		return nil, err
	}
	return models.EncodeParams(sum), nil
}

func (plainSummer) needsShares() bool { return false }

func (plainSummer) maxUpdateSize(length int) int64 {
	return int64(len(models.EncodeParams(make([]float64, length))))
}

func (plainSummer) open(agg []byte, _ [][]byte) ([]float64, error) { return models.DecodeParams(agg) }

func (plainSummer) shareCheck([]byte) (func([]byte) error, error) { return nil, nil }

// decodeEvaluation parses the evaluation from sends now (counts and
// histograms, true_pos and true_neg included) and checks it is consistent,
// naming from if not.
func decodeEvaluation(b []byte, from common.Address) (models.Evaluation, error) {
	e, err := models.ParseEvaluation(b)
	if err != nil {
		return e, fmt.Errorf("%w: evaluation from %s: %w", ErrMalformed, from.Hex(), err)
	}
	return e, nil
}

// updateBinding is what an upload must be bound to: the study's key set,
// the encryption context of its phase and round, and its sender's dealer id.
type updateBinding struct {
	keyHash common.Hash
	context aggregation.EncryptionContext
	dealer  aggregation.PartyID
}

// validateUpdate checks an uploaded update before it is stored, so a
// malformed, wrong-parameter or foreign ciphertext (another dealer's id,
// another round's masks) is refused at the door.
func (h homomorphicSummer) validateUpdate(b []byte, decoded *aggregation.EncryptedVector, binding updateBinding, length int) error {
	v := decoded
	if v == nil {
		v = new(aggregation.EncryptedVector)
		if err := v.UnmarshalBinary(b); err != nil {
			return fmt.Errorf("%w: update: %v", ErrMalformed, err)
		}
	}
	if err := h.scheme.CheckUpdate(v, binding.keyHash, binding.context, binding.dealer, length); err != nil {
		return fmt.Errorf("%w: update: %v", ErrMalformed, err)
	}
	return nil
}

func (plainSummer) validateUpdate(b []byte, _ *aggregation.EncryptedVector, _ updateBinding, length int) error {
	v, err := models.DecodeParams(b)
	if err != nil {
		return fmt.Errorf("%w: update: %v", ErrMalformed, err)
	}
	if len(v) != length {
		return fmt.Errorf("%w: update holds %d values, the model has %d parameters", ErrMalformed, len(v), length)
	}
	return nil
}
