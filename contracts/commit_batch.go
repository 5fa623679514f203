package contracts

import (
	"context"
	"crypto/ecdsa"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// commitTypeHash is the EIP-712 type hash of a RoundCommitment.
var commitTypeHash = crypto.Keccak256Hash([]byte("RoundCommitment(uint64 studyId,uint32 round,bytes32 ciphertextHash,uint64 sampleCount,bytes32 consentRoot)"))

// CommitDomain is the EIP-712 domain hospitals sign batched commitments for:
// the chain and the Studies module that holds the study.
type CommitDomain struct {
	ChainID *big.Int
	Module  common.Address
}

// CommitDomain returns the domain of the Studies module holding a study.
func (l *Ledger) CommitDomain(ctx context.Context, studyID uint64) (CommitDomain, error) {
	m, err := l.studyModule(ctx, studyID)
	if err != nil {
		return CommitDomain{}, fmt.Errorf("reading the commit domain of study %d: %w", studyID, err)
	}
	return CommitDomain{ChainID: l.chain.ChainID(), Module: m}, nil
}

// SignedCommitment is a hospital's commitment signed for the coordinator to
// relay in a batch (Ledger.CommitUpdates).
type SignedCommitment struct {
	// Member is the signing hospital (the contract recovers it from Signature).
	Member common.Address
	Commitment
	// Signature is the 65-byte [R || S || V] signature, V 27 or 28.
	Signature []byte
}

// CommitDigest returns the EIP-712 digest a hospital signs to commit c in a
// round through a batch.
func CommitDigest(d CommitDomain, studyID uint64, round uint32, c Commitment) (common.Hash, error) {
	domain, err := d.separator()
	if err != nil {
		return common.Hash{}, err
	}
	structHash := crypto.Keccak256Hash(commitTypeHash[:], word(studyID), word(uint64(round)), c.CiphertextHash[:], word(c.Samples), c.ConsentRoot[:])
	return crypto.Keccak256Hash([]byte("\x19\x01"), domain[:], structHash[:]), nil
}

// separator is the EIP-712 domain separator of the Studies module
// (Studies.domainSeparator).
func (d CommitDomain) separator() (common.Hash, error) {
	if d.ChainID == nil {
		return common.Hash{}, fmt.Errorf("%w: commit domain without a chain id", ErrInvalidParameter)
	}
	return crypto.Keccak256Hash(
		crypto.Keccak256([]byte("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")),
		crypto.Keccak256([]byte(consentDomainName)), crypto.Keccak256([]byte(consentDomainVersion)),
		common.LeftPadBytes(d.ChainID.Bytes(), 32), common.LeftPadBytes(d.Module.Bytes(), 32)), nil
}

// word is v as an ABI-encoded 32-byte word.
func word(v uint64) []byte {
	var b [32]byte
	binary.BigEndian.PutUint64(b[24:], v)
	return b[:]
}

// SignCommitment signs a hospital's commitment for a round with its key.
func SignCommitment(key *ecdsa.PrivateKey, d CommitDomain, studyID uint64, round uint32, c Commitment) (SignedCommitment, error) {
	if key == nil {
		return SignedCommitment{}, fmt.Errorf("%w: nil hospital key", ErrInvalidParameter)
	}
	digest, err := CommitDigest(d, studyID, round, c)
	if err != nil {
		return SignedCommitment{}, err
	}
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return SignedCommitment{}, fmt.Errorf("contracts: signing a commitment: %w", err)
	}
	sig[64] += 27
	return SignedCommitment{Member: crypto.PubkeyToAddress(key.PublicKey), Commitment: c, Signature: sig}, nil
}

// CommitUpdates lets the study's coordinator (from) record many hospitals'
// signed commitments for an open round in one transaction. The contract
// checks each signer as CommitUpdate checks its sender (active member,
// current participant, not suspended, once per round, before the
// deadline); one bad entry fails the whole batch with its error
// (ErrBadCommitSignature, ErrNotParticipant, ErrAlreadyCommitted, ...),
// so leave it out and send again. Hospitals may still commit one by one.
func (l *Ledger) CommitUpdates(ctx context.Context, from *Account, studyID uint64, round uint32, commits []SignedCommitment) (Receipt, error) {
	return l.CommitUpdatesAndPin(ctx, from, studyID, round, commits, common.Hash{})
}

// CommitUpdatesAndPin is CommitUpdates that also pins the round's
// contributor list, contributors (ContributorsHash; zero: no pin), as
// PinContributors would, for the price of a storage slot and an event
// rather than a transaction: the coordinator sends it as the round's last
// batch, with the list it will sum if the batch lands. The batch and the
// pin land together or not at all: a batch refused for any entry pins
// nothing, and a pin refused (ErrContributorsPinned: another list is
// pinned) records no commitment. An empty batch only pins.
func (l *Ledger) CommitUpdatesAndPin(ctx context.Context, from *Account, studyID uint64, round uint32, commits []SignedCommitment, contributors common.Hash) (Receipt, error) {
	r, err := l.commitUpdates(ctx, from, studyID, round, commits, contributors)
	if err != nil {
		return Receipt{}, fmt.Errorf("committing %d updates to round %d of study %d: %w", len(commits), round, studyID, err)
	}
	return receiptOf(r), nil
}

// commitUpdates sends Studies.commitUpdates.
func (l *Ledger) commitUpdates(ctx context.Context, from *Account, studyID uint64, round uint32, commits []SignedCommitment, contributors common.Hash) (*types.Receipt, error) {
	entries := make([]cohortsol.StudiesSignedCommitment, len(commits))
	for i, c := range commits {
		if len(c.Signature) != crypto.SignatureLength {
			return nil, fmt.Errorf("%w: the signature of %s is %d bytes, want %d", ErrBadCommitSignature, c.Member, len(c.Signature), crypto.SignatureLength)
		}
		e := cohortsol.StudiesSignedCommitment{CiphertextHash: c.CiphertextHash, SampleCount: c.Samples, ConsentRoot: c.ConsentRoot, V: c.Signature[64]}
		copy(e.R[:], c.Signature[:32])
		copy(e.S[:], c.Signature[32:64])
		entries[i] = e
	}
	data, err := l.studies.TryPackCommitUpdates(studyID, round, entries, contributors)
	if err != nil {
		return nil, err
	}
	return l.writeStudy(ctx, from, studyID, data)
}

// MaxCommitBatch is how many signed commitments a coordinator records in
// one commitUpdates transaction: about 16,000 gas each, so a full batch
// stays near 4 million gas, far under a block's limit; a round with more
// participants is recorded in several.
const MaxCommitBatch = 250

// secp256k1HalfN is half the curve order: the contract refuses a signature
// with a larger s (a malleated copy of a valid one).
var secp256k1HalfN = new(big.Int).Rsh(crypto.S256().Params().N, 1)

// CommitSigner recovers the hospital that signed c for a round, as the
// contract will: a 65-byte signature with V 27 or 28 and a low s over the
// EIP-712 RoundCommitment digest. A coordinator checks a commitment with it
// before it accepts the upload the commitment names; it returns
// ErrBadCommitSignature for a signature the contract would refuse, and the
// address of whoever signed otherwise (another hospital's, for a
// commitment altered or signed for another round or study).
func CommitSigner(d CommitDomain, studyID uint64, round uint32, c SignedCommitment) (common.Address, error) {
	digest, err := CommitDigest(d, studyID, round, c.Commitment)
	if err != nil {
		return common.Address{}, err
	}
	signer, err := ecrecoverSigner(digest, c.Signature)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadCommitSignature, err)
	}
	return signer, nil
}

// ecrecoverSigner recovers who signed digest as the contracts' ecrecover
// does, refusing what they refuse: a signature other than 65 bytes with V
// 27 or 28, a high s (a malleated copy of a valid one), or one that
// recovers no key.
func ecrecoverSigner(digest common.Hash, signature []byte) (common.Address, error) {
	if len(signature) != crypto.SignatureLength || (signature[64] != 27 && signature[64] != 28) {
		return common.Address{}, fmt.Errorf("a %d-byte signature", len(signature))
	}
	if new(big.Int).SetBytes(signature[32:64]).Cmp(secp256k1HalfN) > 0 {
		return common.Address{}, errors.New("a signature with a high s")
	}
	sig := append([]byte(nil), signature...)
	sig[64] -= 27
	pub, err := crypto.SigToPub(digest[:], sig)
	if err != nil {
		return common.Address{}, err
	}
	return crypto.PubkeyToAddress(*pub), nil
}
