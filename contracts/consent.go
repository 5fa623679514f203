package contracts

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// EIP-712 names of the consent messages; they must match Cohort.sol.
const (
	consentDomainName    = "Cohort"
	consentDomainVersion = "1"
	consentPrimaryType   = "ConsentChange"
	// patientIDTag prefixes the signer address in PatientID, as in the contract.
	patientIDTag = "cohort/patient/v1"
)

// PatientID returns the pseudonymous id of the patient whose consent key has
// the given address: keccak256("cohort/patient/v1" || address). The id names
// no one; a patient who wants ids that cannot be linked across hospitals uses
// one key per hospital.
func PatientID(signer common.Address) common.Hash {
	return crypto.Keccak256Hash([]byte(patientIDTag), signer.Bytes())
}

// ConsentScope is what a consent change applies to: one study, or every study
// with a purpose. Exactly one of the fields is set. For a given study, a
// study-scoped decision overrides the decision for the study's purpose.
type ConsentScope struct {
	StudyID uint64
	Purpose common.Hash
}

// Valid reports whether exactly one of StudyID and Purpose is set.
func (s ConsentScope) Valid() bool { return (s.StudyID == 0) != (s.Purpose == common.Hash{}) }

// String describes the scope.
func (s ConsentScope) String() string {
	if s.StudyID != 0 {
		return fmt.Sprintf("study %d", s.StudyID)
	}
	return "purpose " + s.Purpose.Hex()
}

// ConsentChange is a patient's grant or revocation of consent, the EIP-712
// message ConsentChange(bytes32 patient,uint64 studyId,bytes32 purpose,bool
// granted,uint64 expiry,uint32 nonce) in the domain of one deployed contract.
type ConsentChange struct {
	// Patient is the patient's pseudonymous id, PatientID of the signing key.
	Patient common.Hash
	Scope   ConsentScope
	// Granted is true for a grant, false for a revocation.
	Granted bool
	// Expiry ends a grant (second precision); zero for a revocation.
	Expiry time.Time
	// Nonce is the number of changes already recorded for this patient and
	// scope (see Ledger.ConsentNonce); it makes every signature single-use.
	Nonce uint32
}

func (c ConsentChange) expiryUnix() (uint64, error) {
	if c.Expiry.IsZero() {
		return 0, nil
	}
	if c.Expiry.Unix() <= 0 {
		return 0, fmt.Errorf("%w: consent expiry %v is before 1970", ErrInvalidParameter, c.Expiry)
	}
	return uint64(c.Expiry.Unix()), nil
}

// ConsentDomain identifies the contract a consent change is signed for, so a
// signature is valid on no other chain or deployment.
type ConsentDomain struct {
	ChainID  *big.Int
	Contract common.Address
}

// ConsentDomain returns the EIP-712 domain of this ledger's current
// ConsentRegistry: patients sign their changes for it.
func (l *Ledger) ConsentDomain(ctx context.Context) (ConsentDomain, error) {
	m, err := l.resolve(ctx, false)
	if err != nil {
		return ConsentDomain{}, fmt.Errorf("reading the consent domain: %w", err)
	}
	return ConsentDomain{ChainID: l.chain.ChainID(), Contract: m.consent}, nil
}

// ConsentTypedData returns a consent change as EIP-712 typed data, the form
// wallets show and sign with eth_signTypedData_v4.
func ConsentTypedData(d ConsentDomain, c ConsentChange) (apitypes.TypedData, error) {
	if d.ChainID == nil {
		return apitypes.TypedData{}, fmt.Errorf("%w: consent domain without a chain id", ErrInvalidParameter)
	}
	expiry, err := c.expiryUnix()
	if err != nil {
		return apitypes.TypedData{}, err
	}
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"},
				{Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"},
				{Name: "verifyingContract", Type: "address"},
			},
			consentPrimaryType: {
				{Name: "patient", Type: "bytes32"},
				{Name: "studyId", Type: "uint64"},
				{Name: "purpose", Type: "bytes32"},
				{Name: "granted", Type: "bool"},
				{Name: "expiry", Type: "uint64"},
				{Name: "nonce", Type: "uint32"},
			},
		},
		PrimaryType: consentPrimaryType,
		Domain: apitypes.TypedDataDomain{
			Name:              consentDomainName,
			Version:           consentDomainVersion,
			ChainId:           (*math.HexOrDecimal256)(new(big.Int).Set(d.ChainID)),
			VerifyingContract: d.Contract.Hex(),
		},
		Message: apitypes.TypedDataMessage{
			"patient": c.Patient.Hex(),
			"studyId": strconv.FormatUint(c.Scope.StudyID, 10),
			"purpose": c.Scope.Purpose.Hex(),
			"granted": c.Granted,
			"expiry":  strconv.FormatUint(expiry, 10),
			"nonce":   strconv.FormatUint(uint64(c.Nonce), 10),
		},
	}, nil
}

// ConsentDigest returns the EIP-712 digest a patient signs for a consent
// change; the contract computes the same (consentDigest).
func ConsentDigest(d ConsentDomain, c ConsentChange) (common.Hash, error) {
	td, err := ConsentTypedData(d, c)
	if err != nil {
		return common.Hash{}, err
	}
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		return common.Hash{}, fmt.Errorf("contracts: hashing consent typed data: %w", err)
	}
	return common.BytesToHash(h), nil
}

// SignedConsent is a consent change with the patient's signature, ready for
// a member to relay. It holds no secret.
type SignedConsent struct {
	ConsentChange
	// Signature is the 65-byte secp256k1 signature [R || S || V] with V 27 or 28.
	Signature []byte
}

// SignConsent signs a consent change with the patient's key. If c.Patient is
// zero it is set to PatientID of the key; otherwise it must equal it
// (ErrWrongPatientKey). It does no I/O.
func SignConsent(key *ecdsa.PrivateKey, d ConsentDomain, c ConsentChange) (SignedConsent, error) {
	if key == nil {
		return SignedConsent{}, fmt.Errorf("%w: nil patient key", ErrInvalidParameter)
	}
	id := PatientID(crypto.PubkeyToAddress(key.PublicKey))
	if c.Patient == (common.Hash{}) {
		c.Patient = id
	}
	if c.Patient != id {
		return SignedConsent{}, fmt.Errorf("signing consent for patient %s: %w", c.Patient, ErrWrongPatientKey)
	}
	if !c.Scope.Valid() {
		return SignedConsent{}, fmt.Errorf("signing consent: %w: set exactly one of study and purpose", ErrInvalidParameter)
	}
	digest, err := ConsentDigest(d, c)
	if err != nil {
		return SignedConsent{}, err
	}
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return SignedConsent{}, fmt.Errorf("contracts: signing consent: %w", err)
	}
	sig[64] += 27
	return SignedConsent{ConsentChange: c, Signature: sig}, nil
}

// ConsentNonce returns the nonce the next consent change of the patient for
// the scope must carry.
func (l *Ledger) ConsentNonce(ctx context.Context, patient common.Hash, scope ConsentScope) (uint32, error) {
	out, err := l.readModule(ctx, currentConsent, l.consentReg.PackConsentOf(patient, scope.StudyID, scope.Purpose))
	if err != nil {
		return 0, fmt.Errorf("reading the consent nonce of patient %s for %s: %w", patient, scope, err)
	}
	rec, err := l.consentReg.UnpackConsentOf(out)
	if err != nil {
		return 0, fmt.Errorf("reading the consent nonce of patient %s for %s: %w", patient, scope, err)
	}
	return rec.Nonce, nil
}

// RelayConsent sends a patient's signed consent change from a member's
// account (the patient needs no ether). The contract refuses a signature not
// made by the patient's key (ErrBadSignature), a replayed or stale one
// (ErrInvalidNonce), a grant whose expiry has passed (ErrConsentExpired) and
// relayers that are not active members (ErrNotMember).
func (l *Ledger) RelayConsent(ctx context.Context, relayer *Account, s SignedConsent) (Receipt, error) {
	what := "revocation"
	if s.Granted {
		what = "grant"
	}
	wrap := func(err error) error {
		return fmt.Errorf("relaying the consent %s of patient %s for %s: %w", what, s.Patient, s.Scope, err)
	}
	if len(s.Signature) != crypto.SignatureLength {
		return Receipt{}, wrap(fmt.Errorf("%w: signature of %d bytes, want %d", ErrBadSignature, len(s.Signature), crypto.SignatureLength))
	}
	expiry, err := s.expiryUnix()
	if err != nil {
		return Receipt{}, wrap(err)
	}
	var r, sv [32]byte
	copy(r[:], s.Signature[:32])
	copy(sv[:], s.Signature[32:64])
	data, err := l.consentReg.TryPackRelayConsent(s.Patient, s.Scope.StudyID, s.Scope.Purpose, s.Granted, expiry, s.Nonce, s.Signature[64], r, sv)
	if err != nil {
		return Receipt{}, wrap(err)
	}
	rc, err := l.writeModule(ctx, relayer, currentConsent, data)
	if err != nil {
		return Receipt{}, wrap(err)
	}
	return receiptOf(rc), nil
}

// GrantConsent relays a signed grant (see RelayConsent); it refuses a revocation.
func (l *Ledger) GrantConsent(ctx context.Context, relayer *Account, s SignedConsent) (Receipt, error) {
	if !s.Granted {
		return Receipt{}, fmt.Errorf("relaying a consent grant: %w: the signed change is a revocation", ErrInvalidParameter)
	}
	return l.RelayConsent(ctx, relayer, s)
}

// RevokeConsent relays a signed revocation (see RelayConsent); it refuses a grant.
func (l *Ledger) RevokeConsent(ctx context.Context, relayer *Account, s SignedConsent) (Receipt, error) {
	if s.Granted {
		return Receipt{}, fmt.Errorf("relaying a consent revocation: %w: the signed change is a grant", ErrInvalidParameter)
	}
	return l.RelayConsent(ctx, relayer, s)
}

// ConsentState is a patient's consent for a study at some point.
type ConsentState uint8

// Consent states, as numbered by the contract.
const (
	// ConsentNone: the patient never decided for the study or its purpose.
	ConsentNone ConsentState = 0
	// ConsentActive: granted and not expired.
	ConsentActive ConsentState = 1
	// ConsentExpired: granted, but the grant had expired.
	ConsentExpired ConsentState = 2
	// ConsentRevoked: the patient revoked it.
	ConsentRevoked ConsentState = 3
)

// String names the state.
func (s ConsentState) String() string {
	switch s {
	case ConsentNone:
		return "none"
	case ConsentActive:
		return "active"
	case ConsentExpired:
		return "expired"
	case ConsentRevoked:
		return "revoked"
	default:
		return fmt.Sprintf("ConsentState(%d)", uint8(s))
	}
}

// Err returns nil for ConsentActive and the matching sentinel otherwise
// (ErrNoConsent, ErrConsentExpired, ErrConsentRevoked).
func (s ConsentState) Err() error {
	switch s {
	case ConsentActive:
		return nil
	case ConsentExpired:
		return ErrConsentExpired
	case ConsentRevoked:
		return ErrConsentRevoked
	default:
		return ErrNoConsent
	}
}

// ConsentRecord is one recorded consent change.
type ConsentRecord struct {
	Granted bool
	// Expiry ends a grant; zero for a revocation.
	Expiry time.Time
	// Nonce is the change's nonce (0 for the first change of the scope).
	Nonce uint32
	// Block and Time are the block of the change and its timestamp.
	Block uint64
	Time  time.Time
}

// ConsentStatus is a patient's consent for a study as of a round.
type ConsentStatus struct {
	State ConsentState
	// StudyScoped tells whether the deciding change was made for the study
	// itself rather than for its purpose.
	StudyScoped bool
	// Record is the deciding change; zero when State is ConsentNone.
	Record ConsentRecord
}

func consentRecordOf(granted bool, expiry uint64, nonce uint32, block, at uint64) ConsentRecord {
	r := ConsentRecord{Granted: granted, Nonce: nonce, Block: block}
	if expiry != 0 {
		r.Expiry = time.Unix(int64(expiry), 0).UTC()
	}
	if at != 0 {
		r.Time = time.Unix(int64(at), 0).UTC()
	}
	return r
}

// ConsentStatus returns a patient's consent for a study as of a round: the
// decision in force at the end of the block before the round opened, with a
// grant's expiry compared to the round's opening time. asOfRound 0 means now.
// A study-scoped decision overrides the one for the study's purpose, so a
// revocation made while round r is open takes effect from round r+1.
// It returns ErrStudyNotFound, or ErrRoundNotFound for a round never opened.
func (l *Ledger) ConsentStatus(ctx context.Context, patient common.Hash, studyID uint64, asOfRound uint32) (ConsentStatus, error) {
	wrap := func(err error) error {
		return fmt.Errorf("reading the consent of patient %s for study %d as of round %d: %w", patient, studyID, asOfRound, err)
	}
	out, err := l.readModule(ctx, currentConsent, l.consentReg.PackConsentAt(patient, studyID, asOfRound))
	if err != nil {
		return ConsentStatus{}, wrap(err)
	}
	res, err := l.consentReg.UnpackConsentAt(out)
	if err != nil {
		return ConsentStatus{}, wrap(err)
	}
	st := ConsentStatus{State: ConsentState(res.State), StudyScoped: res.StudyScoped}
	if st.State != ConsentNone {
		r := res.Record
		st.Record = consentRecordOf(r.Granted, r.Expiry, r.Nonce-1, r.SinceBlock, r.SinceTime)
	}
	return st, nil
}

// ConsentStates returns the consent states of many patients for a study as
// of a round (0: now), in one call: what a hospital needs to filter its
// records before training.
func (l *Ledger) ConsentStates(ctx context.Context, patients []common.Hash, studyID uint64, asOfRound uint32) ([]ConsentState, error) {
	ids := make([][32]byte, len(patients))
	for i, p := range patients {
		ids[i] = p
	}
	out, err := l.readModule(ctx, currentConsent, l.consentReg.PackConsentStates(ids, studyID, asOfRound))
	if err != nil {
		return nil, fmt.Errorf("reading the consent of %d patients for study %d as of round %d: %w", len(patients), studyID, asOfRound, err)
	}
	raw, err := l.consentReg.UnpackConsentStates(out)
	if err != nil {
		return nil, fmt.Errorf("reading the consent of %d patients for study %d as of round %d: %w", len(patients), studyID, asOfRound, err)
	}
	states := make([]ConsentState, len(raw))
	for i, s := range raw {
		states[i] = ConsentState(s)
	}
	return states, nil
}

// RequireConsent returns nil if the patient's consent for the study is active
// as of the round (0: now), and otherwise an error matching ErrNoConsent,
// ErrConsentRevoked or ErrConsentExpired, decided by the contract.
func (l *Ledger) RequireConsent(ctx context.Context, patient common.Hash, studyID uint64, asOfRound uint32) error {
	if _, err := l.readModule(ctx, currentConsent, l.consentReg.PackRequireConsent(patient, studyID, asOfRound)); err != nil {
		return fmt.Errorf("consent of patient %s for study %d as of round %d: %w", patient, studyID, asOfRound, err)
	}
	return nil
}

// ConsentHistory returns every consent change of a patient for one scope,
// oldest first.
func (l *Ledger) ConsentHistory(ctx context.Context, patient common.Hash, scope ConsentScope) ([]ConsentRecord, error) {
	if !scope.Valid() {
		return nil, fmt.Errorf("reading a consent history: %w: set exactly one of study and purpose", ErrInvalidParameter)
	}
	out, err := l.readModule(ctx, currentConsent, l.consentReg.PackConsentHistory(patient, scope.StudyID, scope.Purpose))
	if err != nil {
		return nil, fmt.Errorf("reading the consent history of patient %s for %s: %w", patient, scope, err)
	}
	raw, err := l.consentReg.UnpackConsentHistory(out)
	if err != nil {
		return nil, fmt.Errorf("reading the consent history of patient %s for %s: %w", patient, scope, err)
	}
	res := make([]ConsentRecord, len(raw))
	for i, r := range raw {
		res[i] = consentRecordOf(r.Granted, r.Expiry, r.Nonce-1, r.SinceBlock, r.SinceTime)
	}
	return res, nil
}
