package participant

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/models"
)

// sealer produces what leaves the site: key shares, sealed updates and
// decryption shares. homomorphicSealer is the real path; plainSealer exists
// so a test can measure what encryption costs with everything else the same.
type sealer interface {
	publicKeyShare(crs [32]byte) ([]byte, error)
	// seal encrypts update under this party's key share with the public
	// masks of ctx; a context is used once (callers keep and re-send).
	seal(publicKey []byte, ctx aggregation.EncryptionContext, update []float64) ([]byte, error)
	// sum recomputes an aggregate from sealed updates, to verify the
	// coordinator, after checking that update i names dealers[i] (its
	// committer) and was made for ctx under the study's key set keyHash.
	sum(keyHash common.Hash, updates []sealedUpdate, dealers []aggregation.PartyID, ctx aggregation.EncryptionContext, weights []float64) ([]byte, error)
	// checkSpots spot-checks an aggregate against the proofs of the
	// chunks drawn of every committed update (aggregation.CheckSpots):
	// update i committed as commitments[i] by dealers[i], weighed
	// weights[i].
	checkSpots(keyHash common.Hash, ctx aggregation.EncryptionContext, aggregate []byte, commitments []common.Hash, dealers []aggregation.PartyID, weights []float64, proofs [][]byte, chunks []int) error
	// thresholdShares Shamir-shares the secret among points; any t can decrypt.
	thresholdShares(t int, points []uint64) (map[uint64][]byte, error)
	// thresholdKey combines the shares dealt to point own into this party's
	// threshold secret share.
	thresholdKey(publicKey []byte, own uint64, received [][]byte) error
	// reshareShares re-shares this party's threshold share, as one of the t
	// dealers at points dealers, for a new set of points with threshold t.
	reshareShares(dealers []uint64, t int, points []uint64) (map[uint64][]byte, error)
	// dealOwnKey makes this member's key share if it has none (a member
	// that joined after key generation) and Shamir-shares it among points:
	// the holders add it to the keys they hold shares of. keyShare is its
	// public-key share for the collective key publicKey's CRS (the same
	// for the same key share, however often it deals), which the holders'
	// dealing check of the dealt shares needs.
	// A member with no key makes it under dealer id id (its study's
	// DealerIDAt of the key epoch the re-sharing names); one that has a
	// key under another id refuses.
	dealOwnKey(t int, points []uint64, publicKey []byte, id aggregation.PartyID) (shares map[uint64][]byte, keyShare []byte, err error)
	// ownKeyID is the dealer id of this party's secret-key share; ok is
	// false when it holds none (the plaintext sealer needs none: it gives
	// a zero id).
	ownKeyID() (id aggregation.PartyID, ok bool)
	// heldKeys are the dealer ids of the keys the threshold share share
	// (encoded; nil: the one in force) holds shares of; none without one.
	heldKeys(share []byte) ([]aggregation.PartyID, error)
	// reshareKey combines the re-sharing shares dealt to point own, and the
	// initial dealings of new members' own keys (dealt[i] by dealtBy[i]),
	// into a new threshold share, returned encoded and not yet in force.
	reshareKey(own uint64, reshared, dealt [][]byte, dealtBy []aggregation.PartyID) ([]byte, error)
	// resharePart combines the re-sharing shares some of the re-sharing's
	// dealers dealt to point own: the part of the pending share they
	// dealt, encoded, for the dealing check's bisection only.
	resharePart(own uint64, reshared [][]byte) ([]byte, error)
	// activate puts a share from reshareKey in force in place of the old
	// one, forgets the additive secret share, and returns the new point.
	activate(threshold []byte) (point uint64, err error)
	// retire drops the threshold share in force: the keys moved to a
	// decryption committee this party is not on.
	retire()
	// decryptionShare makes a share for the aggregate: n-of-n when active is
	// empty (tests only: the steps refuse it, since an n-of-n share opens
	// the member's own update), otherwise for the active set of t points.
	decryptionShare(aggregate []byte, active []uint64) ([]byte, error)
	// decryptionShares makes a threshold share for each active set, the
	// aggregate decoded and the party's key combined once.
	decryptionShares(aggregate []byte, sets [][]uint64) ([][]byte, error)
	// export returns the secret share and, once made, the threshold share,
	// for the keystore; restore loads them back and returns the Shamir point.
	export() (secret, threshold []byte, err error)
	restore(secret, threshold []byte) (point uint64, err error)
	// open combines decryption shares of an aggregate into its values.
	open(aggregate []byte, shares [][]byte) ([]float64, error)
	// shapeUpload changes a sealed update's c0 with shape (the key-extraction
	// attack, for evaluations only).
	shapeUpload(sealed []byte, shape func(ciphertext int, rows [][]uint64, moduli []uint64)) ([]byte, error)
	// dealingCheckShares gives this holder's shares of the dealing check
	// of dealers' dealings under the collective key publicKey, weighted by
	// seed, one per set (each must hold its point), of the threshold share
	// share (encoded; nil: the one in force).
	dealingCheckShares(share, publicKey []byte, seed [32]byte, dealers []aggregation.PartyID, sets [][]uint64) ([][]byte, error)
	// dealtAmong returns the public facts of the threshold share in
	// force: its holders' points, its threshold and the sorted dealers
	// whose keys it holds, from which a holder derives the first dealing
	// check it answers of it (firstCheck).
	dealtAmong() (points []aggregation.ShamirPoint, threshold int, dealers []aggregation.PartyID, err error)
	// inconsistentShares is thresholdShares dealt inconsistently (the
	// inconsistent-dealing attack, for evaluations only): shares of
	// another key, or with shiftOne, of its own key with the share of the
	// lowest point other than own shifted.
	inconsistentShares(t int, points []uint64, own uint64, shiftOne bool) (map[uint64][]byte, error)
	// shiftLowestOther shifts, in place, the share of shares (encoded, by
	// point) to the lowest point other than own (the
	// inconsistent-resharing attack, for evaluations only).
	shiftLowestOther(shares map[uint64][]byte, own uint64) error
	// shiftDecryptionShare adds offset to the first value a decryption
	// share decrypts (the shift-decryption attack, for evaluations only).
	shiftDecryptionShare(share []byte, offset float64) ([]byte, error)
	// maxAbs is the largest magnitude a sealed value may have.
	maxAbs() float64
}

var (
	_ sealer = (*homomorphicSealer)(nil)
	_ sealer = plainSealer{}
)

// errNoKeyShare reports a request that needs the secret share before key generation ran.
var errNoKeyShare = errors.New("participant: no secret-key share yet; key generation has not run")

// errNoThresholdShare reports a request that needs the threshold share
// before this party received one (key generation or a re-sharing).
var errNoThresholdShare = errors.New("participant: no threshold share yet; threshold key generation or a re-sharing has not run for this site")

type homomorphicSealer struct {
	scheme    *aggregation.Scheme
	id        aggregation.PartyID               // this member's public dealer id (aggregation.PartyIDOf)
	secret    *aggregation.SecretShare          // never leaves this struct but in shares
	threshold *aggregation.ThresholdSecretShare // set once threshold key generation ran

	// keyBytes is the collective public key seal last decoded and keyHash
	// its hash: a study keeps its key for round after round, and decoding
	// it (about 1 MB, hashed) each time was 3 ms per hospital per round.
	keyMu    sync.Mutex
	keyBytes []byte
	keyHash  common.Hash
}

// publicKeyHash decodes the collective public key, once per key, and
// returns its hash.
func (h *homomorphicSealer) publicKeyHash(publicKey []byte) (common.Hash, error) {
	h.keyMu.Lock()
	defer h.keyMu.Unlock()
	if h.keyBytes != nil && bytes.Equal(publicKey, h.keyBytes) {
		return h.keyHash, nil
	}
	var pk aggregation.PublicKey
	if err := pk.UnmarshalBinary(publicKey); err != nil {
		return common.Hash{}, fmt.Errorf("participant: collective public key: %w", err)
	}
	h.keyBytes, h.keyHash = bytes.Clone(publicKey), pk.Hash()
	return h.keyHash, nil
}

func (h *homomorphicSealer) publicKeyShare(crs [32]byte) ([]byte, error) {
	sk := h.scheme.GenSecretShareFor(h.id)
	share, err := h.scheme.GenPublicKeyShare(sk, crs)
	if err != nil {
		return nil, err
	}
	h.secret = sk
	return share.MarshalBinary()
}

func (h *homomorphicSealer) seal(publicKey []byte, ctx aggregation.EncryptionContext, update []float64) ([]byte, error) {
	if h.secret == nil {
		return nil, errNoKeyShare
	}
	keyHash, err := h.publicKeyHash(publicKey)
	if err != nil {
		return nil, err
	}
	ct, err := h.scheme.Encrypt(h.secret, keyHash, ctx, update)
	if err != nil {
		return nil, err
	}
	return ct.MarshalBinary()
}

func (h *homomorphicSealer) sum(keyHash common.Hash, updates []sealedUpdate, dealers []aggregation.PartyID, ctx aggregation.EncryptionContext, weights []float64) ([]byte, error) {
	if len(dealers) != len(updates) {
		return nil, fmt.Errorf("participant: %d dealers for %d updates", len(dealers), len(updates))
	}
	vs := make([]*aggregation.EncryptedVector, len(updates))
	for i, u := range updates {
		var err error
		if vs[i], err = u.decoded(); err != nil {
			return nil, fmt.Errorf("participant: committed update %d: %w", i, err)
		}
		// An update naming another member's dealer id would decrypt under
		// that member's key share: refuse it before any share is given.
		if err := h.scheme.CheckUpdate(vs[i], keyHash, ctx, dealers[i], vs[i].Len()); err != nil {
			return nil, fmt.Errorf("participant: committed update %d: %w", i, err)
		}
	}
	agg, err := h.scheme.WeightedSum(vs, weights)
	if err != nil {
		return nil, err
	}
	return agg.MarshalBinary()
}

func (h *homomorphicSealer) checkSpots(keyHash common.Hash, ctx aggregation.EncryptionContext, aggregate []byte, commitments []common.Hash, dealers []aggregation.PartyID, weights []float64, proofs [][]byte, chunks []int) error {
	n := len(commitments)
	if len(dealers) != n || len(weights) != n || len(proofs) != n {
		return fmt.Errorf("participant: %d commitments, %d dealers, %d weights and %d chunk proofs", n, len(dealers), len(weights), len(proofs))
	}
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(aggregate); err != nil {
		return fmt.Errorf("participant: aggregate: %w", err)
	}
	aggProof, err := agg.OpenChunks(chunks) // the aggregate is here whole: its chunks need no proof from anyone
	if err != nil {
		return err
	}
	c := aggregation.SpotCheck{KeyHash: keyHash, Context: ctx, Length: agg.Len(), Aggregate: agg.Hash(), AggregateProof: aggProof, Chunks: chunks}
	for i := range commitments {
		p := new(aggregation.ChunkProof)
		if err := p.UnmarshalBinary(proofs[i]); err != nil {
			return fmt.Errorf("participant: chunk proof of committed update %d: %w", i, err)
		}
		c.Updates = append(c.Updates, aggregation.SpotUpdate{Commitment: commitments[i], Dealer: dealers[i], Weight: weights[i], Proof: p})
	}
	return h.scheme.CheckSpots(c)
}

func (h *homomorphicSealer) thresholdShares(t int, points []uint64) (map[uint64][]byte, error) {
	if h.secret == nil {
		return nil, errNoKeyShare
	}
	shares, err := h.scheme.GenThresholdShares(h.secret, t, shamirPoints(points))
	if err != nil {
		return nil, err
	}
	return marshalShares(shares)
}

func (h *homomorphicSealer) inconsistentShares(t int, points []uint64, own uint64, shiftOne bool) (map[uint64][]byte, error) {
	if h.secret == nil {
		return nil, errNoKeyShare
	}
	key := h.secret
	if !shiftOne {
		key = h.scheme.GenSecretShareFor(h.id)
	}
	shares, err := h.scheme.GenThresholdShares(key, t, shamirPoints(points))
	if err != nil {
		return nil, err
	}
	out, err := marshalShares(shares)
	if err != nil || !shiftOne {
		return out, err
	}
	return out, h.shiftLowestOther(out, own)
}

func (h *homomorphicSealer) shiftLowestOther(shares map[uint64][]byte, own uint64) error {
	others := slices.DeleteFunc(slices.Collect(maps.Keys(shares)), func(p uint64) bool { return p == own })
	if len(others) == 0 {
		return fmt.Errorf("participant: no other holder to deal a shifted share to")
	}
	to := slices.Min(others)
	var ts aggregation.ThresholdShare
	if err := ts.UnmarshalBinary(shares[to]); err != nil {
		return err
	}
	if err := h.scheme.ShiftThresholdShare(&ts, 1); err != nil {
		return err
	}
	raw, err := ts.MarshalBinary()
	if err != nil {
		return err
	}
	shares[to] = raw
	return nil
}

// marshalShares encodes dealt shares by recipient point.
func marshalShares(shares map[aggregation.ShamirPoint]*aggregation.ThresholdShare) (map[uint64][]byte, error) {
	out := make(map[uint64][]byte, len(shares))
	for p, sh := range shares {
		b, err := sh.MarshalBinary()
		if err != nil {
			return nil, err
		}
		out[uint64(p)] = b
	}
	return out, nil
}

func (h *homomorphicSealer) thresholdKey(publicKey []byte, own uint64, received [][]byte) error {
	if h.secret == nil {
		return errNoKeyShare
	}
	var pk aggregation.PublicKey
	if err := pk.UnmarshalBinary(publicKey); err != nil {
		return fmt.Errorf("participant: collective public key: %w", err)
	}
	shares := make([]*aggregation.ThresholdShare, len(received))
	for i, b := range received {
		shares[i] = new(aggregation.ThresholdShare)
		if err := shares[i].UnmarshalBinary(b); err != nil {
			return fmt.Errorf("participant: threshold share %d: %w", i, err)
		}
	}
	tsk, err := h.scheme.AggregateThresholdShares(&pk, h.secret.ID(), aggregation.ShamirPoint(own), shares)
	if err != nil {
		return err
	}
	h.threshold = tsk
	return nil
}

func (h *homomorphicSealer) reshareShares(dealers []uint64, t int, points []uint64) (map[uint64][]byte, error) {
	if h.threshold == nil {
		return nil, errNoThresholdShare
	}
	shares, err := h.scheme.GenReshareShares(h.threshold, shamirPoints(dealers), t, shamirPoints(points))
	if err != nil {
		return nil, err
	}
	return marshalShares(shares)
}

func (h *homomorphicSealer) dealOwnKey(t int, points []uint64, publicKey []byte, id aggregation.PartyID) (map[uint64][]byte, []byte, error) {
	var pk aggregation.PublicKey
	if err := pk.UnmarshalBinary(publicKey); err != nil {
		return nil, nil, fmt.Errorf("participant: collective public key: %w", err)
	}
	switch {
	case h.secret == nil:
		h.secret = h.scheme.GenSecretShareFor(id)
	case h.secret.ID() != id:
		return nil, nil, fmt.Errorf("participant: asked to deal a key under dealer id %s, but this site holds its key under %s: it deals no other while it has one", id, h.secret.ID())
	}
	keyShare, err := h.scheme.GenPublicKeyShare(h.secret, pk.CRS())
	if err != nil {
		return nil, nil, err
	}
	raw, err := keyShare.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	shares, err := h.thresholdShares(t, points)
	return shares, raw, err
}

func (h *homomorphicSealer) ownKeyID() (aggregation.PartyID, bool) {
	if h.secret == nil {
		return aggregation.PartyID{}, false
	}
	return h.secret.ID(), true
}

func (h *homomorphicSealer) heldKeys(share []byte) ([]aggregation.PartyID, error) {
	tsk, err := h.shareOrHeld(share)
	if err != nil || tsk == nil {
		return nil, err
	}
	return tsk.Dealers(), nil
}

// shareOrHeld decodes share, a pending threshold share; nil gives the one
// in force (nil before this party holds one).
func (h *homomorphicSealer) shareOrHeld(share []byte) (*aggregation.ThresholdSecretShare, error) {
	if share == nil {
		return h.threshold, nil
	}
	tsk := new(aggregation.ThresholdSecretShare)
	if err := tsk.UnmarshalBinary(share); err != nil {
		return nil, fmt.Errorf("participant: pending threshold share: %w", err)
	}
	return tsk, nil
}

func (h *homomorphicSealer) resharePart(own uint64, reshared [][]byte) ([]byte, error) {
	shares, err := decodeReshared(reshared)
	if err != nil {
		return nil, err
	}
	part, err := h.scheme.AggregateResharePart(h.id, aggregation.ShamirPoint(own), shares)
	if err != nil {
		return nil, err
	}
	return part.MarshalBinary()
}

// decodeReshared decodes re-sharing shares.
func decodeReshared(reshared [][]byte) ([]*aggregation.ThresholdShare, error) {
	shares := make([]*aggregation.ThresholdShare, len(reshared))
	for i, b := range reshared {
		shares[i] = new(aggregation.ThresholdShare)
		if err := shares[i].UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("participant: re-sharing share %d: %w", i, err)
		}
	}
	return shares, nil
}

func (h *homomorphicSealer) reshareKey(own uint64, reshared, dealt [][]byte, dealtBy []aggregation.PartyID) ([]byte, error) {
	if len(dealt) != len(dealtBy) {
		return nil, fmt.Errorf("participant: %d own-key dealings for %d dealers", len(dealt), len(dealtBy))
	}
	var tsk *aggregation.ThresholdSecretShare
	if len(reshared) == 0 {
		// Nothing re-shared: the share held takes the joiners' keys.
		switch {
		case h.threshold == nil:
			return nil, errNoThresholdShare
		case uint64(h.threshold.Point()) != own:
			return nil, fmt.Errorf("participant: adding joiners' keys at point %d, the share held is at point %d", own, h.threshold.Point())
		case len(dealt) == 0:
			return nil, fmt.Errorf("participant: a re-sharing with neither dealers nor joiners' keys")
		}
		tsk = h.threshold
	} else {
		shares, err := decodeReshared(reshared)
		if err != nil {
			return nil, err
		}
		if tsk, err = h.scheme.AggregateReshareShares(h.id, aggregation.ShamirPoint(own), shares); err != nil {
			return nil, err
		}
	}
	for i, b := range dealt {
		var ts aggregation.ThresholdShare
		if err := ts.UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("participant: own-key dealing %d: %w", i, err)
		}
		// A member deals only its own key: one that dealt another's id
		// could later have updates decrypted under a key it chose.
		if ts.Dealer() != dealtBy[i] {
			return nil, fmt.Errorf("participant: own-key dealing %d names dealer %s, its sender's id is %s: %w", i, ts.Dealer(), dealtBy[i], aggregation.ErrKeyMismatch)
		}
		next, err := h.scheme.AddDealer(tsk, &ts)
		if err != nil {
			return nil, err
		}
		tsk = next
	}
	return tsk.MarshalBinary()
}

func (h *homomorphicSealer) activate(threshold []byte) (uint64, error) {
	tsk := new(aggregation.ThresholdSecretShare)
	if err := tsk.UnmarshalBinary(threshold); err != nil {
		return 0, fmt.Errorf("participant: pending threshold share: %w", err)
	}
	// The secret share stays: it is this member's encryption key.
	h.threshold = tsk
	return uint64(tsk.Point()), nil
}

func (h *homomorphicSealer) retire() { h.threshold = nil }

func (h *homomorphicSealer) decryptionShare(aggregate []byte, active []uint64) ([]byte, error) {
	if h.secret == nil && (len(active) == 0 || h.threshold == nil) {
		return nil, errNoKeyShare
	}
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(aggregate); err != nil {
		return nil, fmt.Errorf("participant: aggregate: %w", err)
	}
	var share *aggregation.DecryptionShare
	var err error
	if len(active) == 0 {
		share, err = h.scheme.GenDecryptionShare(h.secret, &agg)
	} else {
		if h.threshold == nil {
			return nil, errNoThresholdShare
		}
		share, err = h.scheme.GenThresholdDecryptionShare(h.threshold, shamirPoints(active), &agg)
	}
	if err != nil {
		return nil, err
	}
	return share.MarshalBinary()
}

func (h *homomorphicSealer) decryptionShares(aggregate []byte, sets [][]uint64) ([][]byte, error) {
	if h.threshold == nil {
		return nil, errNoThresholdShare
	}
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(aggregate); err != nil {
		return nil, fmt.Errorf("participant: aggregate: %w", err)
	}
	shares, err := h.scheme.GenThresholdDecryptionShares(h.threshold, shamirSets(sets), &agg)
	if err != nil {
		return nil, err
	}
	return marshalDecryptionShares(shares)
}

func (h *homomorphicSealer) dealingCheckShares(share, publicKey []byte, seed [32]byte, dealers []aggregation.PartyID, sets [][]uint64) ([][]byte, error) {
	tsk, err := h.shareOrHeld(share)
	if err != nil {
		return nil, err
	}
	if tsk == nil {
		return nil, errNoThresholdShare
	}
	var pk aggregation.PublicKey
	if err := pk.UnmarshalBinary(publicKey); err != nil {
		return nil, fmt.Errorf("participant: collective public key: %w", err)
	}
	shares, err := h.scheme.GenDealingCheckShares(tsk, shamirSets(sets), &pk, seed, dealers)
	if err != nil {
		return nil, err
	}
	return marshalDecryptionShares(shares)
}

func (h *homomorphicSealer) dealtAmong() ([]aggregation.ShamirPoint, int, []aggregation.PartyID, error) {
	if h.threshold == nil {
		return nil, 0, nil, errNoThresholdShare
	}
	return h.threshold.Points(), h.threshold.Threshold(), h.threshold.Dealers(), nil
}

// marshalDecryptionShares encodes shares in order.
func marshalDecryptionShares(shares []*aggregation.DecryptionShare) ([][]byte, error) {
	out := make([][]byte, len(shares))
	for i, sh := range shares {
		var err error
		if out[i], err = sh.MarshalBinary(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (h *homomorphicSealer) shiftDecryptionShare(share []byte, offset float64) ([]byte, error) {
	var ds aggregation.DecryptionShare
	if err := ds.UnmarshalBinary(share); err != nil {
		return nil, err
	}
	if err := h.scheme.ShiftDecryptionShare(&ds, 0, offset); err != nil {
		return nil, err
	}
	return ds.MarshalBinary()
}

// foreignDecryptionShares plays AttackForeignDecryption on shares: each
// is bound to another vector's hash (the hash of its own), all else kept.
func foreignDecryptionShares(shares [][]byte) ([][]byte, error) {
	out := make([][]byte, len(shares))
	for i, b := range shares {
		var ds aggregation.DecryptionShare
		if err := ds.UnmarshalBinary(b); err != nil {
			return nil, err
		}
		ds.AggregateHash = crypto.Keccak256Hash(ds.AggregateHash.Bytes())
		var err error
		if out[i], err = ds.MarshalBinary(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (h *homomorphicSealer) export() (secret, threshold []byte, err error) {
	if h.secret != nil {
		if secret, err = h.secret.MarshalBinary(); err != nil {
			return nil, nil, err
		}
	}
	if h.threshold != nil {
		if threshold, err = h.threshold.MarshalBinary(); err != nil {
			return nil, nil, err
		}
	}
	return secret, threshold, nil
}

func (h *homomorphicSealer) restore(secret, threshold []byte) (uint64, error) {
	h.secret, h.threshold = nil, nil
	if secret != nil { // erased after a re-sharing; a newcomer never had one
		sk := new(aggregation.SecretShare)
		if err := sk.UnmarshalBinary(secret); err != nil {
			return 0, fmt.Errorf("participant: stored secret-key share: %w", err)
		}
		h.secret = sk
	}
	if threshold == nil {
		return 0, nil
	}
	tsk := new(aggregation.ThresholdSecretShare)
	if err := tsk.UnmarshalBinary(threshold); err != nil {
		return 0, fmt.Errorf("participant: stored threshold share: %w", err)
	}
	h.threshold = tsk
	return uint64(tsk.Point()), nil
}

func (h *homomorphicSealer) open(aggregate []byte, shares [][]byte) ([]float64, error) {
	var agg aggregation.EncryptedVector
	if err := agg.UnmarshalBinary(aggregate); err != nil {
		return nil, fmt.Errorf("participant: aggregate: %w", err)
	}
	parsed := make([]*aggregation.DecryptionShare, len(shares))
	for i, b := range shares {
		parsed[i] = new(aggregation.DecryptionShare)
		if err := parsed[i].UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("participant: decryption share %d: %w", i, err)
		}
	}
	// Shares of several decryption sets are compared: a wrong share shows.
	return h.scheme.DecryptChecked(&agg, parsed)
}

func (h *homomorphicSealer) maxAbs() float64 { return h.scheme.MaxAbsValue() }

func (h *homomorphicSealer) shapeUpload(sealed []byte, shape func(int, [][]uint64, []uint64)) ([]byte, error) {
	var v aggregation.EncryptedVector
	if err := v.UnmarshalBinary(sealed); err != nil {
		return nil, err
	}
	shaped, err := h.scheme.ShapeUpload(&v, shape)
	if err != nil {
		return nil, err
	}
	return shaped.MarshalBinary()
}

// sealedUpdate is a sealed update as a node holds it: an encrypted vector,
// decoded once when its bytes were hashed (newSealedUpdate), or the bytes
// themselves when they encode no vector (plaintext test mode; bytes that
// only look like a vector are refused when decoded). It keeps one of the
// two, never both: a holder keeps a robust round's updates from the score
// phase to the decrypt phase, 1.6 MB each at 100k parameters.
type sealedUpdate struct {
	hash   common.Hash // aggregation.ContentHash of the bytes; zero for rawUpdates
	vector *aggregation.EncryptedVector
	raw    []byte
}

// newSealedUpdate hashes b as its content address (aggregation.ContentHash)
// and keeps the vector it decoded to do so, if any, in place of b.
func newSealedUpdate(b []byte) sealedUpdate {
	h, v := aggregation.DecodeContent(b)
	if v != nil {
		return sealedUpdate{hash: h, vector: v}
	}
	return sealedUpdate{hash: h, raw: b}
}

// rawUpdates wraps sealed updates received whole for sum, unhashed and
// undecoded (sum decodes them).
func rawUpdates(bs [][]byte) []sealedUpdate {
	out := make([]sealedUpdate, len(bs))
	for i, b := range bs {
		out[i] = sealedUpdate{raw: b}
	}
	return out
}

// decoded returns the update's vector: the one decoded when it was
// hashed, or its bytes decoded now (which refuses anything but a vector's
// encoding).
func (u sealedUpdate) decoded() (*aggregation.EncryptedVector, error) {
	if u.vector != nil {
		return u.vector, nil
	}
	v := new(aggregation.EncryptedVector)
	if err := v.UnmarshalBinary(u.raw); err != nil {
		return nil, err
	}
	return v, nil
}

func shamirPoints(ps []uint64) []aggregation.ShamirPoint {
	out := make([]aggregation.ShamirPoint, len(ps))
	for i, p := range ps {
		out[i] = aggregation.ShamirPoint(p)
	}
	return out
}

func shamirSets(sets [][]uint64) [][]aggregation.ShamirPoint {
	out := make([][]aggregation.ShamirPoint, len(sets))
	for i, set := range sets {
		out[i] = shamirPoints(set)
	}
	return out
}

// plainSealer sends updates in the clear. Test-only.
type plainSealer struct{}

func (plainSealer) publicKeyShare([32]byte) ([]byte, error) { return []byte("insecure-plaintext"), nil }
func (plainSealer) seal(_ []byte, _ aggregation.EncryptionContext, update []float64) ([]byte, error) {
	return models.EncodeParams(update), nil
}
func (plainSealer) checkSpots(common.Hash, aggregation.EncryptionContext, []byte, []common.Hash, []aggregation.PartyID, []float64, [][]byte, []int) error {
	return errPlaintext
}
func (plainSealer) decryptionShare([]byte, []uint64) ([]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) decryptionShares([]byte, [][]uint64) ([][]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) shiftDecryptionShare([]byte, float64) ([]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) thresholdShares(int, []uint64) (map[uint64][]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) dealingCheckShares([]byte, []byte, [32]byte, []aggregation.PartyID, [][]uint64) ([][]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) dealtAmong() ([]aggregation.ShamirPoint, int, []aggregation.PartyID, error) {
	return nil, 0, nil, errPlaintext
}
func (plainSealer) shiftLowestOther(map[uint64][]byte, uint64) error { return errPlaintext }
func (plainSealer) inconsistentShares(int, []uint64, uint64, bool) (map[uint64][]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) thresholdKey([]byte, uint64, [][]byte) error { return errPlaintext }
func (plainSealer) reshareShares([]uint64, int, []uint64) (map[uint64][]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) reshareKey(uint64, [][]byte, [][]byte, []aggregation.PartyID) ([]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) resharePart(uint64, [][]byte) ([]byte, error)   { return nil, errPlaintext }
func (plainSealer) ownKeyID() (aggregation.PartyID, bool)          { return aggregation.PartyID{}, true }
func (plainSealer) heldKeys([]byte) ([]aggregation.PartyID, error) { return nil, nil }
func (plainSealer) dealOwnKey(int, []uint64, []byte, aggregation.PartyID) (map[uint64][]byte, []byte, error) {
	return nil, nil, errPlaintext
}
func (plainSealer) activate([]byte) (uint64, error) { return 0, errPlaintext }
func (plainSealer) retire()                         {}

func (plainSealer) export() ([]byte, []byte, error)          { return nil, nil, nil }
func (plainSealer) open([]byte, [][]byte) ([]float64, error) { return nil, errPlaintext }
func (plainSealer) maxAbs() float64                          { return math.Inf(1) }
func (plainSealer) shapeUpload([]byte, func(int, [][]uint64, []uint64)) ([]byte, error) {
	return nil, errPlaintext
}
func (plainSealer) restore([]byte, []byte) (uint64, error) { return 0, nil }

// errPlaintext reports a key operation asked of a node in plaintext test mode.
var errPlaintext = errors.New("participant: plaintext test mode has no keys")

func (plainSealer) sum(_ common.Hash, updates []sealedUpdate, _ []aggregation.PartyID, _ aggregation.EncryptionContext, weights []float64) ([]byte, error) {
	vs := make([][]float64, len(updates))
	for i, u := range updates {
		if u.vector != nil {
			return nil, fmt.Errorf("participant: update %d is encrypted; a node in plaintext test mode sums plaintext updates only", i)
		}
		v, err := models.DecodeParams(u.raw)
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
