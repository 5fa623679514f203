package auth

import (
	"crypto/ecdsa"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// Message kinds that Sign and Verify bind a signature to.
const (
	KindJoin         = "join"
	KindPublicKey    = "pk-share"
	KindUpdate       = "update"
	KindDecryptShare = "decrypt-share"
	KindEvaluation   = "evaluation"
	// KindThresholdShare signs one encrypted Shamir share: content is
	// ShareContent(recipient, ciphertext).
	KindThresholdShare = "threshold-share"
	// KindScoreShares signs a participant's score decryption shares:
	// content is ScoreSharesContent.
	KindScoreShares = "score-shares"
	// KindEndorsement names the endorse phase's answer, which is not
	// signed by Sign: it is the sender's EIP-712 endorsement of the
	// round's scores hash (contracts.SignEndorsement), what the chain
	// checks.
	KindEndorsement = "scores-endorsement"
	// KindThresholdKey confirms a participant holds its threshold secret
	// share for the collective key whose hash is the content.
	KindThresholdKey = "threshold-key"
	// KindMomentsCount signs a site's count of consented training records
	// in the moments phase: content is MomentsCountContent.
	KindMomentsCount = "moments-count"
	// KindMoments signs a site's encrypted feature moments: content is
	// MomentsContent.
	KindMoments = "moments"
	// KindMomentsShare signs a decryption share of the moments' sum:
	// content is MomentsShareContent.
	KindMomentsShare = "moments-share"
	// KindMomentsStandardiser confirms a participant checked and kept the
	// pooled standardiser whose hash is the content.
	KindMomentsStandardiser = "moments-standardiser"
	// KindReshareShare signs one piece of an encrypted re-sharing share:
	// content is ReshareContent(recipient, setHash, piece, pieces,
	// ciphertext); the round is the
	// re-sharing's epoch, so a share from an earlier one does not verify.
	KindReshareShare = "reshare-share"
	// KindReshareKey confirms a holder keeps its new threshold share for
	// the re-sharing whose set hash is the content.
	KindReshareKey = "reshare-key"
	// KindDecline signs a member's refusal of a task (TaskDecline):
	// content is DeclineContent(phase, reason) and the round the task's,
	// so a decline counts for that phase of that round only.
	KindDecline = "task-decline"
	// KindBlobRead signs a request for one of the study's blobs
	// (GetBlob): content is BlobReadContent(hash, certificate fingerprint),
	// round 0.
	KindBlobRead = "blob-read"
	// KindChunkRead signs a request for chunk proofs of the study's
	// committed vectors (OpenChunks): content is ChunkReadContent, round 0.
	KindChunkRead = "chunk-read"
)

// domain separates Cohort signatures from every other use of the same key.
const domain = "cohort/v1 message"

// ErrBadSignature reports a signature that is missing, malformed or made by
// another key than the one it claims.
var ErrBadSignature = errors.New("auth: bad signature")

// Digest is the hash a message signature covers: the domain, the study, the
// round, the message kind and the content hash, each at a fixed position.
func Digest(study uint64, round uint32, kind string, content common.Hash) common.Hash {
	var buf [12]byte
	binary.BigEndian.PutUint64(buf[:8], study)
	binary.BigEndian.PutUint32(buf[8:], round)
	return crypto.Keccak256Hash([]byte(domain), buf[:], []byte(kind), content.Bytes())
}

// Sign signs the message digest with key.
func Sign(key *ecdsa.PrivateKey, study uint64, round uint32, kind string, content common.Hash) (*cohortv1.Signed, error) {
	digest := Digest(study, round, kind, content)
	sig, err := crypto.Sign(digest.Bytes(), key)
	if err != nil {
		return nil, fmt.Errorf("auth: sign %s: %w", kind, err)
	}
	return &cohortv1.Signed{Signer: crypto.PubkeyToAddress(key.PublicKey).Bytes(), Signature: sig}, nil
}

// Verify checks that s is a signature over the message digest by the address
// it names, and returns that address.
func Verify(s *cohortv1.Signed, study uint64, round uint32, kind string, content common.Hash) (common.Address, error) {
	pub, err := SignerKey(s, study, round, kind, content)
	if err != nil {
		return common.Address{}, err
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// SignerKey is Verify that returns the signer's public key, which a
// recipient needs to encrypt to the signer (SealTo).
func SignerKey(s *cohortv1.Signed, study uint64, round uint32, kind string, content common.Hash) (*ecdsa.PublicKey, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: %s message is not signed; sign it with the sender's Ethereum key", ErrBadSignature, kind)
	}
	if len(s.Signer) != common.AddressLength {
		return nil, fmt.Errorf("%w: signer is %d bytes, want a %d-byte address", ErrBadSignature, len(s.Signer), common.AddressLength)
	}
	if len(s.Signature) != crypto.SignatureLength {
		return nil, fmt.Errorf("%w: signature is %d bytes, want %d", ErrBadSignature, len(s.Signature), crypto.SignatureLength)
	}
	// Refuse the malleable twin (S above half the curve order): each
	// message then has exactly one valid signature per key.
	r, sv := new(big.Int).SetBytes(s.Signature[:32]), new(big.Int).SetBytes(s.Signature[32:64])
	if !crypto.ValidateSignatureValues(s.Signature[64], r, sv, true) {
		return nil, fmt.Errorf("%w: signature values out of range (high S or bad recovery id)", ErrBadSignature)
	}
	claimed := common.BytesToAddress(s.Signer)
	pub, err := crypto.SigToPub(Digest(study, round, kind, content).Bytes(), s.Signature)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if got := crypto.PubkeyToAddress(*pub); got != claimed {
		return nil, fmt.Errorf("%w: %s message for study %d round %d was not signed by %s", ErrBadSignature, kind, study, round, claimed.Hex())
	}
	return pub, nil
}

// JoinContent is the content hash a join signature covers: the participant's
// name and the fingerprint of the TLS certificate it connects with, so a
// join replayed over another connection is refused.
func JoinContent(name string, certFingerprint common.Hash) common.Hash {
	return crypto.Keccak256Hash([]byte(name), certFingerprint.Bytes())
}

// JoinKeyContent is the content hash a join's key_auth signature covers
// (cohortv1.JoinRequest.holds_no_key and key_epoch): JoinContent's parts
// and the claims, so that nobody but the member makes the coordinator ask
// it for a fresh key. A join that claims neither carries no key_auth.
func JoinKeyContent(name string, certFingerprint common.Hash, holdsNoKey bool, keyEpoch uint32) common.Hash {
	claim := binary.BigEndian.AppendUint32([]byte("key"), keyEpoch)
	if holdsNoKey {
		claim = append(claim, 1)
	}
	return crypto.Keccak256Hash([]byte(name), certFingerprint.Bytes(), claim)
}

// MomentsCountContent is the content hash a moments-count signature covers:
// the phase's session and the count.
func MomentsCountContent(session []byte, count uint64) common.Hash {
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], count)
	return crypto.Keccak256Hash([]byte(KindMomentsCount), session, buf[:])
}

// MomentsContent is the content hash a moments signature covers: the
// phase's session and the hash of the encrypted moments.
func MomentsContent(session []byte, ciphertextHash common.Hash) common.Hash {
	return crypto.Keccak256Hash([]byte(KindMoments), session, ciphertextHash.Bytes())
}

// MomentsShareContent is the content hash a moments-share signature covers:
// the hash of the sum the shares decrypt, the task's active points (so
// that whoever checks the standardiser knows every decryption set that
// must be present) and the shares, one per decryption set of the holder's.
func MomentsShareContent(aggregate common.Hash, active []uint64, shares ...[]byte) common.Hash {
	buf := binary.BigEndian.AppendUint32(append([]byte(KindMomentsShare), aggregate.Bytes()...), uint32(len(active)))
	for _, p := range active {
		buf = binary.BigEndian.AppendUint64(buf, p)
	}
	for _, sh := range shares {
		buf = append(buf, crypto.Keccak256(sh)...)
	}
	return crypto.Keccak256Hash(buf)
}

// DeclineContent is the content hash a task-decline signature covers: the
// phase declined (an api/protocol Phase name) and the reason given, each
// length-prefixed so that no two pairs share an encoding.
func DeclineContent(phase, reason string) common.Hash {
	buf := binary.BigEndian.AppendUint32([]byte(KindDecline), uint32(len(phase)))
	buf = append(buf, phase...)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(reason)))
	return crypto.Keccak256Hash(append(buf, reason...))
}

// BlobReadContent is the content hash a blob-read signature covers: the
// blob's hash and the fingerprint of the TLS certificate the reader
// connects with, so a request replayed over another connection is refused.
func BlobReadContent(blob, certFingerprint common.Hash) common.Hash {
	return crypto.Keccak256Hash([]byte(KindBlobRead), blob.Bytes(), certFingerprint.Bytes())
}

// ChunkReadContent is the content hash a chunk-read signature covers: the
// vectors' hashes and the chunks asked, in order, and the fingerprint of
// the reader's TLS certificate (as BlobReadContent).
func ChunkReadContent(hashes [][]byte, chunks []uint32, certFingerprint common.Hash) common.Hash {
	buf := binary.BigEndian.AppendUint32([]byte(KindChunkRead), uint32(len(hashes)))
	for _, h := range hashes {
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(h)))
		buf = append(buf, h...)
	}
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(chunks)))
	for _, c := range chunks {
		buf = binary.BigEndian.AppendUint32(buf, c)
	}
	return crypto.Keccak256Hash(buf, certFingerprint.Bytes())
}
