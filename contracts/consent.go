package contracts

import (
	"cmp"
	"context"
	"crypto/ecdsa"
	"fmt"
	gomath "math"
	"math/big"
	"slices"
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
// granted,uint64 expiry,uint16 maxEpsilon,uint32 nonce) in the domain of one
// deployed contract.
type ConsentChange struct {
	// Patient is the patient's pseudonymous id, PatientID of the signing key.
	Patient common.Hash
	Scope   ConsentScope
	// Granted is true for a grant, false for a revocation.
	Granted bool
	// Expiry ends a grant (second precision); zero for a revocation.
	Expiry time.Time
	// MaxEpsilon is the largest differential-privacy ε a grant accepts for
	// a study using the patient's record, in hundredths from 0.01 to
	// MaxEpsilonBound (signed and stored as hundredths); zero for no bound
	// beyond the study's budget, and for a revocation. A hospital leaves
	// the record out of every round after which the study's ε would pass
	// it. The patient signs it: a hospital cannot drop or loosen it.
	MaxEpsilon float64
	// Nonce is the number of changes already recorded for this patient and
	// scope (see Ledger.ConsentNonce); it makes every signature single-use.
	// Unused (zero) when IssuedAt is set.
	Nonce uint32
	// IssuedAt, when set, makes the change a logged one (EIP-712
	// ConsentEntry, relayed by LogConsentBatch): the time the patient signed
	// it (second precision), instead of a nonce. The registry refuses it
	// before IssuedAt minus the clock skew and after the freshness window
	// (ConsentFreshnessWindow); readers order a scope's changes by it.
	IssuedAt time.Time
}

// ConsentFreshnessWindow is how old a logged change's IssuedAt may be when
// it is recorded (the contract's FRESHNESS_WINDOW): one day.
const ConsentFreshnessWindow = 24 * time.Hour

// ConsentClockSkew is how far ahead of the chain's clock a logged change's
// IssuedAt may be (the contract's CLOCK_SKEW).
const ConsentClockSkew = 5 * time.Minute

// consentEntryType is the EIP-712 type of a logged change.
const consentEntryType = "ConsentEntry"

func (c ConsentChange) logged() bool { return !c.IssuedAt.IsZero() }

func (c ConsentChange) issuedAtUnix() (uint64, error) {
	if c.IssuedAt.Unix() <= 0 {
		return 0, fmt.Errorf("%w: consent issuedAt %v is before 1970", ErrInvalidParameter, c.IssuedAt)
	}
	return uint64(c.IssuedAt.Unix()), nil
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

// The ε bound of a consent grant is signed and stored in hundredths (11
// bits, packed with the decision, so a bound costs no storage of its own):
// from 0.01 to MaxEpsilonBound.
const (
	epsilonBoundUnit = 100
	// MaxEpsilonBound is the largest ε bound a consent grant may carry
	// (the contract's MAX_EPSILON_BOUND, 2047 hundredths); a patient who
	// accepts more gives no bound.
	MaxEpsilonBound = 20.47
)

// maxEpsilonFixed returns MaxEpsilon in the contract's unit (hundredths).
func (c ConsentChange) maxEpsilonFixed() (uint16, error) {
	fixed := gomath.Round(c.MaxEpsilon * epsilonBoundUnit)
	switch {
	case c.MaxEpsilon == 0:
		return 0, nil
	case !c.Granted:
		return 0, fmt.Errorf("%w: a revocation carries no ε bound (got %v)", ErrInvalidParameter, c.MaxEpsilon)
	case !(fixed >= 1 && fixed <= MaxEpsilonBound*epsilonBoundUnit) || gomath.Abs(fixed-c.MaxEpsilon*epsilonBoundUnit) > 1e-6:
		return 0, fmt.Errorf("%w: consent ε bound is %v, want hundredths from 0.01 to %v (or 0 for none)", ErrInvalidParameter, c.MaxEpsilon, MaxEpsilonBound)
	}
	return uint16(fixed), nil
}

// maxEpsilonOf reads a bound stored in hundredths.
func maxEpsilonOf(fixed uint16) float64 { return float64(fixed) / epsilonBoundUnit }

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
	bound, err := c.maxEpsilonFixed()
	if err != nil {
		return apitypes.TypedData{}, err
	}
	primary, last := consentPrimaryType, apitypes.Type{Name: "nonce", Type: "uint32"}
	message := apitypes.TypedDataMessage{
		"patient":    c.Patient.Hex(),
		"studyId":    strconv.FormatUint(c.Scope.StudyID, 10),
		"purpose":    c.Scope.Purpose.Hex(),
		"granted":    c.Granted,
		"expiry":     strconv.FormatUint(expiry, 10),
		"maxEpsilon": strconv.FormatUint(uint64(bound), 10),
		"nonce":      strconv.FormatUint(uint64(c.Nonce), 10),
	}
	if c.logged() {
		issued, err := c.issuedAtUnix()
		if err != nil {
			return apitypes.TypedData{}, err
		}
		if c.Nonce != 0 {
			return apitypes.TypedData{}, fmt.Errorf("%w: a logged consent change (issuedAt set) carries no nonce", ErrInvalidParameter)
		}
		primary, last = consentEntryType, apitypes.Type{Name: "issuedAt", Type: "uint64"}
		delete(message, "nonce")
		message["issuedAt"] = strconv.FormatUint(issued, 10)
	}
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"},
				{Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"},
				{Name: "verifyingContract", Type: "address"},
			},
			primary: {
				{Name: "patient", Type: "bytes32"},
				{Name: "studyId", Type: "uint64"},
				{Name: "purpose", Type: "bytes32"},
				{Name: "granted", Type: "bool"},
				{Name: "expiry", Type: "uint64"},
				{Name: "maxEpsilon", Type: "uint16"},
				last,
			},
		},
		PrimaryType: primary,
		Domain: apitypes.TypedDataDomain{
			Name:              consentDomainName,
			Version:           consentDomainVersion,
			ChainId:           (*math.HexOrDecimal256)(new(big.Int).Set(d.ChainID)),
			VerifyingContract: d.Contract.Hex(),
		},
		Message: message,
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

// consentSignerOf returns the patient id of the key that made a
// signature of digest (PatientID of the recovered address), which the
// registry requires to be the change's Patient; an error matching
// ErrBadSignature for a signature it cannot read as anyone's.
func consentSignerOf(digest common.Hash, signature []byte) (common.Hash, error) {
	signer, err := ecrecoverSigner(digest, signature)
	if err != nil {
		return common.Hash{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return PatientID(signer), nil
}

// notThePatients explains a signature of a change that does not recover to
// its patient's key. The digest names the patient, so what recovers is an
// unrelated key, whatever the cause.
func notThePatients(s SignedConsent) error {
	return fmt.Errorf("%w: the signature is not patient %s's signature of this change: another patient's, or one made for other terms, another registry or chain (the nonce was not checked); relay the signature patient %s made for this change, or have them sign it again",
		ErrBadSignature, s.Patient.Hex(), s.Patient.Hex())
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
// relayers that are not active members (ErrNotMember). The signature is
// checked here first (see screenConsent), so one that is not the patient's
// is reported as such, naming whose key made it, and nothing is sent.
func (l *Ledger) RelayConsent(ctx context.Context, relayer *Account, s SignedConsent) (Receipt, error) {
	what := "revocation"
	if s.Granted {
		what = "grant"
	}
	wrap := func(err error) error {
		return fmt.Errorf("relaying the consent %s of patient %s for %s: %w", what, s.Patient, s.Scope, err)
	}
	if s.logged() {
		return Receipt{}, wrap(fmt.Errorf("%w: a logged change (issuedAt set) goes through LogConsentBatch", ErrInvalidParameter))
	}
	if len(s.Signature) != crypto.SignatureLength {
		return Receipt{}, wrap(fmt.Errorf("%w: signature of %d bytes, want %d", ErrBadSignature, len(s.Signature), crypto.SignatureLength))
	}
	if _, why, err := l.screenConsent(ctx, []SignedConsent{s}); err != nil {
		return Receipt{}, wrap(err)
	} else if why[0] != nil {
		return Receipt{}, wrap(fmt.Errorf("%w (nothing was sent)", why[0]))
	}
	expiry, err := s.expiryUnix()
	if err != nil {
		return Receipt{}, wrap(err)
	}
	bound, err := s.maxEpsilonFixed()
	if err != nil {
		return Receipt{}, wrap(err)
	}
	var r, sv [32]byte
	copy(r[:], s.Signature[:32])
	copy(sv[:], s.Signature[32:64])
	data, err := l.consentReg.TryPackRelayConsent(s.Patient, s.Scope.StudyID, s.Scope.Purpose, s.Granted, expiry, bound, s.Nonce, s.Signature[64], r, sv)
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
	// MaxEpsilon is a grant's ε bound (0: none; see ConsentChange).
	MaxEpsilon float64
	// Nonce is a stored change's nonce (0 for the first change of the
	// scope); Logged marks a logged change (no nonce: Time is its signed
	// issuedAt).
	Nonce  uint32
	Logged bool
	// Block is the block of the change and Time its time: the block's
	// timestamp for a stored change, the signed issuedAt for a logged one.
	Block uint64
	Time  time.Time
	// TxHash and LogIndex locate the event that recorded the change (zero
	// in records read from the registry's storage).
	TxHash   common.Hash
	LogIndex uint
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

// ConsentStatus returns a patient's consent for a study as of a round: the
// decision in force at the end of the block before the round opened, with a
// grant's expiry compared to the round's opening time. asOfRound 0 means now.
// A study-scoped decision overrides the one for the study's purpose, so a
// revocation made while round r is open takes effect from round r+1.
// Stored and logged changes count alike: the ledger reduces the registries'
// ConsentChanged and ConsentLogged events by the rule in the
// ConsentRegistry's doc comment (the latest time decides; at equal times a
// revocation wins over a logged change). Record.Time is the change's time
// under that rule. It returns ErrStudyNotFound, or ErrRoundNotFound for a
// round never opened.
func (l *Ledger) ConsentStatus(ctx context.Context, patient common.Hash, studyID uint64, asOfRound uint32) (ConsentStatus, error) {
	st, err := l.consentStatusesAt(ctx, []common.Hash{patient}, studyID, asOfRound)
	if err != nil {
		return ConsentStatus{}, fmt.Errorf("reading the consent of patient %s for study %d as of round %d: %w", patient, studyID, asOfRound, err)
	}
	return st[0], nil
}

// ConsentStates returns the consent states of many patients for a study as
// of a round (0: now), in one call (see PatientConsents).
func (l *Ledger) ConsentStates(ctx context.Context, patients []common.Hash, studyID uint64, asOfRound uint32) ([]ConsentState, error) {
	pc, err := l.PatientConsents(ctx, patients, studyID, asOfRound)
	if err != nil {
		return nil, err
	}
	states := make([]ConsentState, len(pc))
	for i, c := range pc {
		states[i] = c.State
	}
	return states, nil
}

// PatientConsent is a patient's consent for a study as of a round, as a
// hospital filters its records by it.
type PatientConsent struct {
	State ConsentState
	// MaxEpsilon is the deciding grant's ε bound (0: none).
	MaxEpsilon float64
}

// PatientConsents returns the consent of many patients for a study as of a
// round (0: now), with each deciding grant's ε bound (see ConsentStatus):
// what a hospital needs to filter its records before training. The events
// are read incrementally, so a call reads only the blocks mined since the
// last one.
func (l *Ledger) PatientConsents(ctx context.Context, patients []common.Hash, studyID uint64, asOfRound uint32) ([]PatientConsent, error) {
	st, err := l.consentStatusesAt(ctx, patients, studyID, asOfRound)
	if err != nil {
		return nil, fmt.Errorf("reading the consent of %d patients for study %d as of round %d: %w", len(patients), studyID, asOfRound, err)
	}
	res := make([]PatientConsent, len(patients))
	for i, s := range st {
		res[i] = PatientConsent{State: s.State, MaxEpsilon: s.Record.MaxEpsilon}
	}
	return res, nil
}

// RequireConsent returns nil if the patient's consent for the study is active
// as of the round (0: now), and otherwise an error matching ErrNoConsent,
// ErrConsentRevoked or ErrConsentExpired (see ConsentStatus).
func (l *Ledger) RequireConsent(ctx context.Context, patient common.Hash, studyID uint64, asOfRound uint32) error {
	st, err := l.ConsentStatus(ctx, patient, studyID, asOfRound)
	if err == nil {
		err = st.State.Err()
	}
	if err != nil {
		return fmt.Errorf("consent of patient %s for study %d as of round %d: %w", patient, studyID, asOfRound, err)
	}
	return nil
}

// ConsentHistory returns every consent change of a patient for one scope,
// stored or logged, in every registry the consortium has had, in chain
// order (which is not the deciding order for logged changes: see
// ConsentStatus), each with the event that recorded it.
func (l *Ledger) ConsentHistory(ctx context.Context, patient common.Hash, scope ConsentScope) ([]ConsentRecord, error) {
	if !scope.Valid() {
		return nil, fmt.Errorf("reading a consent history: %w: set exactly one of study and purpose", ErrInvalidParameter)
	}
	l.consentLog.mu.Lock()
	defer l.consentLog.mu.Unlock()
	if err := l.syncConsentLog(ctx); err != nil {
		return nil, fmt.Errorf("reading the consent history of patient %s for %s: %w", patient, scope, err)
	}
	events := slices.Clone(l.consentLog.scopes[consentScopeKey{patient, scope.StudyID, scope.Purpose}])
	slices.SortFunc(events, func(a, b consentEvent) int {
		if a.block != b.block {
			return cmp.Compare(a.block, b.block)
		}
		return cmp.Compare(a.index, b.index)
	})
	res := make([]ConsentRecord, len(events))
	for i, e := range events {
		res[i] = e.record()
	}
	return res, nil
}
