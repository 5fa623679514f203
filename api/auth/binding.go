package auth

import (
	"crypto/ecdsa"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// ExporterLabel is the TLS exporter label of the tls-exporter channel
// binding (RFC 9266): the value, exported with no context, is unique to
// one TLS 1.3 connection (both ends compute it; no one else can).
const ExporterLabel = "EXPORTER-Channel-Binding"

// exporterBytes is the length of the exported value (RFC 9266: 32).
const exporterBytes = 32

// channelBindingDomain separates the coordinator's channel-binding
// signature from every other use of its key (Digest's messages,
// transactions).
const channelBindingDomain = "cohort coordinator channel binding v1"

// StudyRef names a study where the chain records it: the chain's EIP-155
// id, the Cohort contract and the study's id.
type StudyRef struct {
	ChainID  uint64
	Contract common.Address
	Study    uint64
}

// String names the study for error messages.
func (r StudyRef) String() string {
	return fmt.Sprintf("study %d (contract %s, chain %d)", r.Study, r.Contract.Hex(), r.ChainID)
}

// NewStudyRef is the StudyRef of study under contract on the chain whose
// EIP-155 id is chainID, which must fit 64 bits.
func NewStudyRef(chainID *big.Int, contract common.Address, study uint64) (StudyRef, error) {
	if chainID == nil || !chainID.IsUint64() {
		return StudyRef{}, fmt.Errorf("auth: chain id %v does not fit 64 bits; Cohort's channel binding names chains by a 64-bit id", chainID)
	}
	return StudyRef{ChainID: chainID.Uint64(), Contract: contract, Study: study}, nil
}

// ChannelBinding is the coordinator's proof, for one TLS connection, that
// the holder of the study's coordinator Ethereum key is the connection's
// other end: its signature over ChannelBindingDigest of the study and the
// connection's exporter value. A certificate naming the coordinator's
// address says only that the CA issued it; the binding says the key the
// chain records is behind this very connection, so neither a server with
// such a certificate and another key nor a relay terminating TLS with one
// passes. It serialises itself (MarshalBinary) for the exchange after the
// TLS handshake (BindCoordinatorServer, BindCoordinatorClient).
type ChannelBinding struct {
	// Study is the study the binding is signed for, said in the clear so
	// that a node dialling another study's coordinator is told so.
	Study     StudyRef
	Signer    common.Address
	Signature []byte // 65 bytes [R || S || V]
}

// channelBindingBytes is the length of a marshalled ChannelBinding.
const channelBindingBytes = 8 + common.AddressLength + 8 + common.AddressLength + crypto.SignatureLength

// ChannelBindingDigest is the hash a channel binding signs: the domain,
// the chain id, the contract, the study id and the connection's exporter
// value (ExporterLabel), each at a fixed position.
func ChannelBindingDigest(study StudyRef, exporter []byte) common.Hash {
	var buf [8 + common.AddressLength + 8]byte
	binary.BigEndian.PutUint64(buf[:8], study.ChainID)
	copy(buf[8:], study.Contract.Bytes())
	binary.BigEndian.PutUint64(buf[8+common.AddressLength:], study.Study)
	return crypto.Keccak256Hash([]byte(channelBindingDomain), buf[:], exporter)
}

// ConnectionExporter is the tls-exporter value (RFC 9266) of the TLS 1.3
// connection whose state is cs.
func ConnectionExporter(cs tls.ConnectionState) ([]byte, error) {
	if cs.Version != tls.VersionTLS13 {
		return nil, fmt.Errorf("auth: channel binding needs TLS 1.3, the connection runs %s", tls.VersionName(cs.Version))
	}
	ekm, err := cs.ExportKeyingMaterial(ExporterLabel, nil, exporterBytes)
	if err != nil {
		return nil, fmt.Errorf("auth: TLS exporter: %w", err)
	}
	return ekm, nil
}

// SignChannelBinding signs the binding of the connection whose exporter
// value is exporter to study with key, the coordinator's Ethereum key.
func SignChannelBinding(key *ecdsa.PrivateKey, study StudyRef, exporter []byte) (ChannelBinding, error) {
	sig, err := crypto.Sign(ChannelBindingDigest(study, exporter).Bytes(), key)
	if err != nil {
		return ChannelBinding{}, fmt.Errorf("auth: sign channel binding: %w", err)
	}
	return ChannelBinding{Study: study, Signer: crypto.PubkeyToAddress(key.PublicKey), Signature: sig}, nil
}

// ErrChannelBinding is the error of Check for a binding that does not bind
// the connection to the study's coordinator.
var ErrChannelBinding = errors.New("auth: the coordinator's channel binding is refused")

// Check verifies that b binds the connection whose exporter value is
// exporter to study's coordinator, the address the chain records: each
// error names what was expected and what came, and what it means.
func (b ChannelBinding) Check(study StudyRef, exporter []byte, coordinator common.Address) error {
	if b.Study != study {
		return fmt.Errorf("%w: it is signed for %s, but this node takes part in %s: the server at this coordinator HOST:PORT coordinates another study; check the coordinator address this node dials", ErrChannelBinding, b.Study, study)
	}
	if len(b.Signature) != crypto.SignatureLength {
		return fmt.Errorf("%w: its signature is %d bytes, want %d", ErrChannelBinding, len(b.Signature), crypto.SignatureLength)
	}
	r, s := new(big.Int).SetBytes(b.Signature[:32]), new(big.Int).SetBytes(b.Signature[32:64])
	if !crypto.ValidateSignatureValues(b.Signature[64], r, s, true) {
		return fmt.Errorf("%w: its signature values are out of range (high S or bad recovery id)", ErrChannelBinding)
	}
	pub, err := crypto.SigToPub(ChannelBindingDigest(study, exporter).Bytes(), b.Signature)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrChannelBinding, err)
	}
	switch got := crypto.PubkeyToAddress(*pub); {
	case got != b.Signer:
		return fmt.Errorf("%w: it names %s but its signature does not cover this TLS connection (over this connection and study it recovers to %s); the study's coordinator on chain is %s: something between this node and the coordinator terminates TLS (a relay or an interception proxy holding a consortium certificate that names the coordinator) and passes on a binding signed for its own connection; find it on the network path to the coordinator HOST:PORT",
			ErrChannelBinding, b.Signer.Hex(), got.Hex(), coordinator.Hex())
	case got != coordinator:
		return fmt.Errorf("%w: it is signed by %s, but the study's coordinator on chain is %s: the server holds a consortium certificate naming %s but not that address's Ethereum key (a certificate the CA's operator issued to someone else, or a coordinator configured with another key_file)",
			ErrChannelBinding, got.Hex(), coordinator.Hex(), coordinator.Hex())
	}
	return nil
}

// MarshalBinary encodes b at fixed positions: chain id, contract, study
// id, signer, signature.
func (b ChannelBinding) MarshalBinary() ([]byte, error) {
	if len(b.Signature) != crypto.SignatureLength {
		return nil, fmt.Errorf("auth: channel binding signature is %d bytes, want %d", len(b.Signature), crypto.SignatureLength)
	}
	buf := binary.BigEndian.AppendUint64(make([]byte, 0, channelBindingBytes), b.Study.ChainID)
	buf = append(buf, b.Study.Contract.Bytes()...)
	buf = binary.BigEndian.AppendUint64(buf, b.Study.Study)
	buf = append(buf, b.Signer.Bytes()...)
	return append(buf, b.Signature...), nil
}

// UnmarshalBinary decodes what MarshalBinary encodes.
func (b *ChannelBinding) UnmarshalBinary(data []byte) error {
	if len(data) != channelBindingBytes {
		return fmt.Errorf("auth: channel binding is %d bytes, want %d", len(data), channelBindingBytes)
	}
	b.Study.ChainID = binary.BigEndian.Uint64(data)
	data = data[8:]
	b.Study.Contract = common.BytesToAddress(data[:common.AddressLength])
	data = data[common.AddressLength:]
	b.Study.Study = binary.BigEndian.Uint64(data)
	data = data[8:]
	b.Signer = common.BytesToAddress(data[:common.AddressLength])
	b.Signature = append([]byte(nil), data[common.AddressLength:]...)
	return nil
}
