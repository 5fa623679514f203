// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IConsortium, IConsentModule, IStudies, IConsentHistory, IConsentCounts} from "Modules.sol";

/// @title Cohort consent registry: patients' signed consent, relayed by members
/// @notice Patients grant or revoke consent per study or per purpose with an
/// expiry, by signing an EIP-712 ConsentChange; a consortium member relays
/// it, one at a time (relayConsent) or many in one transaction
/// (relayConsentBatch). Every change is checked here: signature, nonce,
/// scope, the study's existence and the expiry. The registry answers a
/// patient's consent for a study as of any round, with the largest
/// differential-privacy ε the patient accepts for studies using their
/// record (a grant's maxEpsilon, in hundredths of ε up to 20.47; 0: no bound
/// beyond the study's budget).
/// Event-sourced path (logConsentBatch): a batch of changes packed in bytes,
/// each signed as an EIP-712 ConsentEntry carrying the time the patient
/// signed it (issuedAt) instead of a nonce. Each entry is checked as above
/// (signature, scope, study, expiry, ε bound) and its freshness: issuedAt no
/// more than CLOCK_SKEW ahead of the block and no older than FRESHNESS_WINDOW.
/// A good entry is recorded only as a ConsentLogged event, with no storage,
/// so the chain's logs (covered by the receipts root) hold the state.
/// Reduction rule (readers apply it off chain, see Ledger.PatientConsents):
/// a scope's (patient, study or purpose) decision as of round r is, among
/// the changes recorded in blocks before round r opened, the one with the
/// largest time, where a logged change's time is its issuedAt and a stored
/// change's (relayConsent, relayConsentBatch) is its block's timestamp; at
/// equal times a revocation wins (two stored changes: the later one). A
/// replayed grant within the window therefore cannot undo a later
/// revocation, and a replay after the window is refused here. This trusts
/// the relayer no more than the stored path does: it can still withhold a
/// patient's change (a patient can relay their own through a member, or
/// relayConsent), but it cannot forge, reorder or resurrect one.
/// @dev Storage: one slot per (patient, scope) holds the latest change and
/// the one before it, so a first grant writes one new slot and a revocation
/// or renewal rewrites it; only a third and later change archives the
/// oldest of the two in _history (by change number); a change's ε bound is
/// packed with it, so a bounded grant costs no storage more. Every change is
/// also in a ConsentChanged event.
/// Consent counts: a member may open a count of the consents it relays for
/// a study, or for a purpose (openSampleCount); from then on each change it
/// relays for that scope counts: +1 for a grant of a consent not granted
/// (stored) or for each logged grant issued after the last logged grant the
/// member counted (so a logged entry relayed again counts once), -1 for a
/// revocation of a granted consent (stored) or any logged revocation, never
/// below zero. A batch tallies a run of entries of one scope in memory and
/// writes its count once. A study that binds samples to consent (its
/// Studies module asks checkSamples) refuses a commitment above the
/// member's counts for the study and its purpose (sampleBound).
contract ConsentRegistry is IConsentModule, IConsentHistory, IConsentCounts {
    /// @notice EIP-712 type of a patient's consent change.
    bytes32 public constant CONSENT_TYPEHASH = keccak256(
        "ConsentChange(bytes32 patient,uint64 studyId,bytes32 purpose,bool granted,uint64 expiry,uint16 maxEpsilon,uint32 nonce)"
    );
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _NAME_HASH = keccak256("Cohort");
    bytes32 private constant _VERSION_HASH = keccak256("1");
    /// @dev secp256k1 order / 2: larger s values are malleable duplicates.
    uint256 private constant _HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    uint256 private constant _MASK40 = (1 << 40) - 1;
    /// @notice The largest ε bound a grant may carry: 20.47, in hundredths.
    uint16 public constant MAX_EPSILON_BOUND = (1 << 11) - 1;

    /// @notice A patient's consent for a study as of a round.
    enum ConsentState {
        None,
        Active,
        Expired,
        Revoked
    }

    /// @notice Why relayConsentBatch skipped an entry (Recorded: it did not).
    enum Outcome {
        Recorded,
        BadScope, // neither or both of studyId and purpose set
        StudyNotFound,
        Expired, // a grant whose expiry is not in the future
        BadExpiry, // a revocation with an expiry, or an expiry past year 36812
        InvalidNonce, // replayed, stale, or a second change of one scope in the batch
        BadSignature, // not signed by the patient's key (forged, or for another change)
        BadBound, // a revocation with an ε bound, or a bound above MAX_EPSILON_BOUND
        FutureIssued, // logConsentBatch: issuedAt more than CLOCK_SKEW ahead of the block
        StaleIssued, // logConsentBatch: issuedAt older than FRESHNESS_WINDOW (a late replay)
        Duplicate, // logConsentBatch: an entry whose digest is not above the last recorded one's (a copy)
        BadEncoding // logConsentBatch: the packed bytes are not whole entries
    }

    /// @notice EIP-712 type of a patient's consent change for logConsentBatch.
    bytes32 public constant CONSENT_ENTRY_TYPEHASH = keccak256(
        "ConsentEntry(bytes32 patient,uint64 studyId,bytes32 purpose,bool granted,uint64 expiry,uint16 maxEpsilon,uint64 issuedAt)"
    );
    /// @notice How old a logged entry's issuedAt may be, in seconds: one day.
    /// Long enough for a hospital to collect a day's signatures and relay
    /// them in batches; short enough that a signature leaked or withheld
    /// cannot be played back after the patient has moved on. Within it, the
    /// reduction rule (largest issuedAt wins) makes a replay harmless.
    uint64 public constant FRESHNESS_WINDOW = 1 days;
    /// @notice How far ahead of the block an issuedAt may be: five minutes
    /// of clock drift between a patient's device and the chain. A change
    /// dated further ahead would win over every change signed before that
    /// time, so it is refused.
    uint64 public constant CLOCK_SKEW = 5 minutes;
    /// @notice A revocation lowers its relayer's sample bound for every
    /// round opened at least a day after the day (UTC) it was relayed on:
    /// rounds already open, which judged consent as they opened, keep the
    /// bound they opened with for a day at least.
    uint64 public constant REVOCATION_DAY = 1 days;
    /// @notice Bytes of one logConsentBatch entry: patient 32, studyId 8,
    /// purpose 32, granted 1, expiry 8, maxEpsilon 2, issuedAt 8, r 32, s 32, v 1.
    uint256 public constant ENTRY_BYTES = 156;

    /// @notice One change of a patient's consent for one scope.
    struct ConsentRecord {
        uint64 sinceBlock; // block of the change
        uint64 sinceTime; // timestamp of that block (0 when not kept: changes before the latest)
        uint64 expiry; // unix seconds; 0 for a revocation
        uint32 nonce; // number of changes for this patient and scope up to this one
        bool granted;
        uint16 maxEpsilon; // a grant's ε bound in hundredths of ε; 0: none
    }

    /// @notice A patient's signed consent change, as relayConsentBatch takes it.
    struct SignedChange {
        bytes32 patient;
        uint64 studyId;
        bytes32 purpose;
        bool granted;
        uint64 expiry;
        uint16 maxEpsilon;
        uint32 nonce;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice The caller is not an active consortium member.
    error NotMember(address account);
    /// @notice Only the Consortium may do this.
    error NotAuthorised(address account);
    /// @notice No study has this id.
    error StudyNotFound(uint64 studyId);
    /// @notice The consent signature was not made by the patient's key.
    error BadSignature(bytes32 patient);
    /// @notice The consent change's nonce is not the next one for this patient and scope (replayed or stale).
    error InvalidNonce(bytes32 patient, uint32 expected, uint32 got);
    /// @notice The consent is expired (or a grant's expiry is not in the future).
    error ConsentExpired(bytes32 patient, uint64 expiry);
    /// @notice The patient revoked the consent.
    error ConsentRevoked(bytes32 patient, uint64 studyId);
    /// @notice The patient never granted consent for the study or its purpose.
    error NoConsent(bytes32 patient, uint64 studyId);
    /// @notice The registry was retired by a consortium vote: relay to successor.
    error ModuleRetired(address successor);
    /// @notice A parameter is zero, empty or out of range; field names it.
    error InvalidParameter(string field);
    /// @notice A commitment claims more samples than its member's consent
    /// counts for the study and its purpose allow (bound: see sampleBound).
    error SamplesAboveConsent(uint64 studyId, address member, uint64 sampleCount, uint256 bound);

    /// @notice A patient's signed consent change was relayed (studyId 0: a purpose-wide change).
    event ConsentChanged(
        bytes32 indexed patient,
        uint64 indexed studyId,
        bytes32 indexed purpose,
        bool granted,
        uint64 expiry,
        uint16 maxEpsilon,
        uint32 nonce,
        address relayer
    );
    /// @notice logConsentBatch recorded a patient's change (studyId 0: a
    /// purpose-wide change). terms packs issuedAt (bits 0-63), expiry
    /// (64-127), maxEpsilon (128-143) and granted (bit 144).
    event ConsentLogged(bytes32 indexed patient, uint64 indexed studyId, bytes32 indexed purpose, uint256 terms);
    /// @notice relayConsentBatch skipped the entry at index, for reason.
    event ConsentSkipped(uint256 index, bytes32 indexed patient, Outcome reason);
    /// @notice The member opened its count of the consents it relays for a study (purpose zero) or a purpose.
    event SampleCountOpened(address indexed member, uint64 indexed studyId, bytes32 indexed purpose);
    /// @notice A consortium vote retired the registry in favour of successor.
    event Retired(address successor);

    /// @notice The Consortium this module serves.
    address public immutable consortium;
    /// @notice The registry this one replaced (zero for the first): its
    /// records count for every scope this one has not recorded yet.
    address public immutable predecessor;
    /// @notice The registry that replaced this one (zero while current).
    address public successor;
    /// @notice The block this registry was deployed in: readers of its
    /// consent events start there rather than at the chain's genesis.
    uint256 public immutable deployedAt;

    // Latest two changes per keccak256(abi.encode(patient, studyId, purpose)):
    // bits 0-39 sinceBlock, 40-79 sinceTime, 80-119 expiry, 120-151 number of
    // changes, 152 granted, 234-244 ε bound; the change before: 153 granted,
    // 154-193 sinceBlock, 194-233 expiry, 245-255 ε bound.
    mapping(bytes32 => uint256) private _heads;
    // Older changes by number (0-based): bits 0-39 sinceBlock, 80-119 expiry,
    // 152 granted, 160-170 ε bound.
    mapping(bytes32 => mapping(uint32 => uint256)) private _history;
    // Consent counts by scope and member, zero until opened (_OPENED): bits
    // 0-63 the count, 64-95 the day d (block.timestamp / REVOCATION_DAY) of
    // the last counted revocation, 96-127 revocations counted on day d,
    // 128-159 on day d - 1 (see _bound).
    mapping(uint64 => mapping(address => uint256)) private _studyCounts;
    mapping(bytes32 => mapping(address => uint256)) private _purposeCounts;
    // Per member: bit 255 set once it opened a count here (batches tally
    // only then), bits 0-63 the latest issuedAt of a logged grant it counted.
    mapping(address => uint256) private _relayers;
    uint256 private constant _OPENED = 1 << 255;
    uint256 private constant _MASK64 = (1 << 64) - 1;
    uint256 private constant _MASK32 = (1 << 32) - 1;

    /// @dev A run of one scope's counted changes in a batch, written once (_flush).
    struct Tally {
        uint64 studyId;
        bytes32 purpose;
        uint64 grants;
        uint64 revocations;
        uint64 latest; // the latest issuedAt among the run's logged grants
    }

    uint256 private immutable _deployChainId;
    bytes32 private immutable _deployDomainSeparator;

    /// @param consortium_ the Consortium that will link this module
    /// @param predecessor_ the registry this one will replace (zero for the
    /// first): the Consortium links or votes in no registry naming another
    /// than the current one
    constructor(address consortium_, address predecessor_) {
        if (consortium_ == address(0)) revert InvalidParameter("consortium");
        consortium = consortium_;
        predecessor = predecessor_;
        deployedAt = block.number;
        _deployChainId = block.chainid;
        _deployDomainSeparator = _buildDomainSeparator();
    }

    /// @notice Retires the registry (the Consortium calls it when a vote
    /// replaces it): it refuses relays; everything stays readable, and the
    /// successor reads it for every scope it has not recorded yet.
    function retire(address successor_) external {
        if (msg.sender != consortium) revert NotAuthorised(msg.sender);
        successor = successor_;
        emit Retired(successor_);
    }

    /// @notice Relays a patient's signed consent change (EIP-712 ConsentChange)
    /// for one scope: a study (purpose zero) or a purpose (studyId zero). Only
    /// members relay, so patients need no ether. A study-scoped decision
    /// overrides the purpose-scoped one for that study. Reverts on any fault.
    /// @param patient the patient's pseudonymous id: patientId(signer)
    /// @param granted true to grant until expiry, false to revoke (expiry 0)
    /// @param maxEpsilon the largest ε of a study that may train on the
    /// patient's record, in hundredths (at most MAX_EPSILON_BOUND); 0 for no
    /// bound and for a revocation
    /// @param nonce the number of changes already recorded for this patient and scope
    function relayConsent(
        bytes32 patient,
        uint64 studyId,
        bytes32 purpose,
        bool granted,
        uint64 expiry,
        uint16 maxEpsilon,
        uint32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _checkRelayer();
        SignedChange memory c = SignedChange(patient, studyId, purpose, granted, expiry, maxEpsilon, nonce, v, r, s);
        // An opened count of the study names a study found then: no need to ask the Consortium.
        uint256 count = packedCount(studyId, purpose, msg.sender);
        (Outcome o, bytes32 key, uint256 head) = _check(c, count != 0 ? studyId : 0);
        if (o == Outcome.BadScope) revert InvalidParameter("scope");
        if (o == Outcome.StudyNotFound) revert StudyNotFound(studyId);
        if (o == Outcome.Expired) revert ConsentExpired(patient, expiry);
        if (o == Outcome.BadExpiry) revert InvalidParameter("expiry");
        if (o == Outcome.InvalidNonce) revert InvalidNonce(patient, uint32(head >> 120), nonce);
        if (o == Outcome.BadSignature) revert BadSignature(patient);
        if (o == Outcome.BadBound) revert InvalidParameter("maxEpsilon");
        _record(c, key, head);
        if (count != 0) _countOne(c, count, head);
    }

    /// @notice Relays many patients' signed consent changes in one transaction,
    /// each checked as relayConsent checks it. An entry that fails a check is
    /// skipped, with a ConsentSkipped event and its reason in the result; the
    /// others are recorded. Entries are applied in order, so a second change
    /// of one scope in the batch needs the next nonce.
    /// @return outcomes one per entry: Recorded or why it was skipped
    function relayConsentBatch(SignedChange[] calldata changes) external returns (Outcome[] memory outcomes) {
        _checkRelayer();
        if (changes.length == 0) revert InvalidParameter("changes");
        outcomes = new Outcome[](changes.length);
        uint64 knownStudy; // the last study id found, checked once per run of entries
        Tally memory t;
        bool counting = _relayers[msg.sender] != 0; // a member that opened no count has nothing to tally
        for (uint256 i = 0; i < changes.length; i++) {
            SignedChange memory c = changes[i];
            (Outcome o, bytes32 key, uint256 head) = _check(c, knownStudy);
            if (o == Outcome.Recorded) {
                if (c.studyId != 0) knownStudy = c.studyId;
                _record(c, key, head);
                if (counting && _flips(c.granted, head)) _tally(t, c.studyId, c.purpose, c.granted, 0);
            } else {
                outcomes[i] = o;
                emit ConsentSkipped(i, c.patient, o);
            }
        }
        _flush(t);
    }

    /// @notice Records many patients' signed consent changes (EIP-712
    /// ConsentEntry) as ConsentLogged events only, with no storage (see the
    /// reduction rule above). entries packs ENTRY_BYTES per entry, in strictly
    /// increasing order of EIP-712 digest (so a copy is refused). Each entry
    /// is checked; one that fails is skipped with a ConsentSkipped event and
    /// its reason in the result, the others are recorded.
    /// @return outcomes one per entry: Recorded or why it was skipped
    function logConsentBatch(bytes calldata entries) external returns (Outcome[] memory outcomes) {
        _checkRelayer();
        uint256 n = entries.length / ENTRY_BYTES;
        if (n == 0 || entries.length % ENTRY_BYTES != 0) revert InvalidParameter("entries");
        outcomes = new Outcome[](n);
        uint64 knownStudy;
        bytes32 lastDigest; // of the last recorded entry
        Tally memory t;
        // A logged grant counts only if issued after every logged grant this
        // member counted before, so an entry relayed again never counts twice.
        uint256 relayer = _relayers[msg.sender];
        uint256 latest = relayer & _MASK64;
        for (uint256 i = 0; i < n; i++) {
            bytes calldata e = entries[i * ENTRY_BYTES:(i + 1) * ENTRY_BYTES];
            (Outcome o, bytes32 digest) = _checkEntry(e, knownStudy, lastDigest);
            if (o == Outcome.Recorded) {
                uint64 studyId = uint64(bytes8(e[32:40]));
                if (studyId != 0) knownStudy = studyId;
                lastDigest = digest;
                uint256 terms = uint256(uint64(bytes8(e[83:91]))) | (uint256(uint64(bytes8(e[73:81]))) << 64)
                    | (uint256(uint16(bytes2(e[81:83]))) << 128) | (uint256(uint8(e[72])) << 144);
                emit ConsentLogged(bytes32(e[0:32]), studyId, bytes32(e[40:72]), terms);
                if (relayer != 0 && (terms >> 144 == 0 || uint64(terms) > relayer & _MASK64)) {
                    latest = _tallyLogged(t, e, terms, latest);
                }
            } else {
                outcomes[i] = o;
                emit ConsentSkipped(i, bytes32(e[0:32]), o);
            }
        }
        latest = _max(latest, _flush(t));
        if (latest != relayer & _MASK64) _relayers[msg.sender] = (relayer & ~_MASK64) | latest;
    }

    // ----------------------------------------------------------------- views

    /// @notice The pseudonymous id of the patient whose consent key is signer.
    function patientId(address signer) public pure returns (bytes32) {
        return keccak256(abi.encodePacked("cohort/patient/v1", signer));
    }

    /// @notice The EIP-712 domain separator (name "Cohort", version "1", this chain and registry).
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == _deployChainId ? _deployDomainSeparator : _buildDomainSeparator();
    }

    /// @notice The EIP-712 digest a patient signs for a consent change.
    function consentDigest(
        bytes32 patient,
        uint64 studyId,
        bytes32 purpose,
        bool granted,
        uint64 expiry,
        uint16 maxEpsilon,
        uint32 nonce
    ) public view returns (bytes32) {
        bytes32 structHash =
            keccak256(abi.encode(CONSENT_TYPEHASH, patient, studyId, purpose, granted, expiry, maxEpsilon, nonce));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    /// @inheritdoc IConsentHistory
    function packedConsent(bytes32 key) public view returns (uint256 head) {
        head = _heads[key];
        if (head == 0 && predecessor != address(0)) head = IConsentHistory(predecessor).packedConsent(key);
    }

    /// @inheritdoc IConsentHistory
    function packedHistory(bytes32 key, uint32 n) public view returns (uint256 rec) {
        rec = _history[key][n];
        if (rec == 0 && predecessor != address(0)) rec = IConsentHistory(predecessor).packedHistory(key, n);
    }

    /// @notice Opens the caller's count of the consents it relays for a
    /// scope: a study (purpose zero) or a purpose (studyId zero). Changes
    /// the caller relays for that scope count from then on (see the
    /// contract's notes); a study that binds samples to consent bounds the
    /// caller's commitments by them. Opening an open count does nothing,
    /// except in a registry that replaced the one it was opened in: batches
    /// here tally only a member's changes once it opened a count here.
    function openSampleCount(uint64 studyId, bytes32 purpose) external {
        _checkRelayer();
        if ((studyId == 0) == (purpose == bytes32(0))) revert InvalidParameter("scope");
        uint256 relayer = _relayers[msg.sender];
        if (relayer == 0) _relayers[msg.sender] = _OPENED; // here: after a predecessor's counts, too
        if (packedCount(studyId, purpose, msg.sender) != 0) return;
        if (studyId != 0) {
            _studies(studyId);
            _studyCounts[studyId][msg.sender] = _OPENED;
        } else {
            _purposeCounts[purpose][msg.sender] = _OPENED;
        }
        emit SampleCountOpened(msg.sender, studyId, purpose);
    }

    /// @notice The member's packed consent count for a scope (zero: not
    /// opened), here or, if not here, in the predecessors.
    function packedCount(uint64 studyId, bytes32 purpose, address member) public view returns (uint256 w) {
        w = studyId != 0 ? _studyCounts[studyId][member] : _purposeCounts[purpose][member];
        if (w == 0 && predecessor != address(0)) {
            // A predecessor deployed before counts were kept has none.
            try ConsentRegistry(predecessor).packedCount(studyId, purpose, member) returns (uint256 p) {
                w = p;
            } catch {}
        }
    }

    /// @notice The most samples the member may commit to a round of the
    /// study that opened at openedAt (unix seconds): its counts for the
    /// study and for the study's purpose, each with the revocations counted
    /// on the day of openedAt or later added back (see REVOCATION_DAY).
    function sampleBound(uint64 studyId, address member, uint64 openedAt) public view returns (uint256) {
        (bytes32 purpose,,) = _studies(studyId).consentContext(studyId, 0);
        return _bound(packedCount(studyId, 0, member), openedAt) + _bound(packedCount(0, purpose, member), openedAt);
    }

    /// @inheritdoc IConsentCounts
    function checkSamples(uint64 studyId, address[] calldata members, uint64[] calldata sampleCounts, uint64 openedAt)
        external
        view
    {
        bytes32 purpose; // read once, and only if a study's count alone does not suffice
        for (uint256 i = 0; i < members.length; i++) {
            address member = members[i];
            uint256 bound = _bound(packedCount(studyId, 0, member), openedAt);
            if (sampleCounts[i] <= bound) continue;
            if (purpose == bytes32(0)) (purpose,,) = _studies(studyId).consentContext(studyId, 0);
            bound += _bound(packedCount(0, purpose, member), openedAt);
            if (sampleCounts[i] > bound) revert SamplesAboveConsent(studyId, member, sampleCounts[i], bound);
        }
    }

    /// @notice The latest consent change of a patient for one scope (nonce 0: none yet).
    function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) external view returns (ConsentRecord memory) {
        return _headRecord(packedConsent(_consentKey(patient, studyId, purpose)));
    }

    /// @notice Every consent change of a patient for one scope, oldest first.
    function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose)
        external
        view
        returns (ConsentRecord[] memory out)
    {
        bytes32 key = _consentKey(patient, studyId, purpose);
        uint256 head = packedConsent(key);
        uint32 n = uint32(head >> 120);
        out = new ConsentRecord[](n);
        for (uint32 i = 0; i + 2 < n; i++) {
            out[i] = _historyRecord(packedHistory(key, i), i + 1);
        }
        if (n >= 2) out[n - 2] = _prevRecord(head);
        if (n >= 1) out[n - 1] = _headRecord(head);
    }

    /// @notice A patient's consent for a study as of a round: the state at the
    /// end of the block before the round opened, with expiry compared to the
    /// round's opening time. Round 0 means now. The study-scoped record wins
    /// over the record for the study's purpose.
    /// @return state None, Active, Expired or Revoked
    /// @return record the deciding change (zero when state is None)
    /// @return studyScoped whether the deciding change is study-scoped
    function consentAt(bytes32 patient, uint64 studyId, uint32 round)
        public
        view
        returns (ConsentState state, ConsentRecord memory record, bool studyScoped)
    {
        (bytes32 purpose, uint64 cutoff, uint64 at) = _studies(studyId).consentContext(studyId, round);
        return _consentAt(patient, studyId, purpose, cutoff, at);
    }

    /// @notice Consent states of many patients for a study as of a round
    /// (see consentAt), with the ε bound of each deciding change.
    function consentStates(bytes32[] calldata patients, uint64 studyId, uint32 round)
        external
        view
        returns (ConsentState[] memory states, uint16[] memory maxEpsilon)
    {
        (bytes32 purpose, uint64 cutoff, uint64 at) = _studies(studyId).consentContext(studyId, round);
        states = new ConsentState[](patients.length);
        maxEpsilon = new uint16[](patients.length);
        ConsentRecord memory record;
        for (uint256 i = 0; i < patients.length; i++) {
            (states[i], record,) = _consentAt(patients[i], studyId, purpose, cutoff, at);
            maxEpsilon[i] = record.maxEpsilon;
        }
    }

    /// @notice Reverts with NoConsent, ConsentRevoked or ConsentExpired unless
    /// the patient's consent for the study is active as of the round (0: now).
    function requireConsent(bytes32 patient, uint64 studyId, uint32 round) external view {
        (ConsentState state, ConsentRecord memory record,) = consentAt(patient, studyId, round);
        if (state == ConsentState.None) revert NoConsent(patient, studyId);
        if (state == ConsentState.Revoked) revert ConsentRevoked(patient, studyId);
        if (state == ConsentState.Expired) revert ConsentExpired(patient, record.expiry);
    }

    // -------------------------------------------------------------- internals

    function _checkRelayer() private view {
        if (successor != address(0)) revert ModuleRetired(successor);
        if (!IConsortium(consortium).isMember(msg.sender)) revert NotMember(msg.sender);
    }

    /// @dev Checks one change against the chain; knownStudy is a study id
    /// already found to exist in this transaction.
    function _check(SignedChange memory c, uint64 knownStudy)
        private
        view
        returns (Outcome, bytes32 key, uint256 head)
    {
        if ((c.studyId == 0) == (c.purpose == bytes32(0))) return (Outcome.BadScope, key, head);
        key = _consentKey(c.patient, c.studyId, c.purpose);
        head = packedConsent(key);
        uint32 n = uint32(head >> 120);
        // A scope with a change on record names a study found then; only a
        // first change asks the Consortium.
        if (
            n == 0 && c.studyId != 0 && c.studyId != knownStudy
                && IConsortium(consortium).studiesFor(c.studyId) == address(0)
        ) {
            return (Outcome.StudyNotFound, key, head);
        }
        Outcome t = _checkTerms(c.studyId, c.purpose, c.granted, c.expiry, c.maxEpsilon);
        if (t != Outcome.Recorded) return (t, key, head);
        if (c.nonce != n) return (Outcome.InvalidNonce, key, head);
        if (uint256(c.s) > _HALF_ORDER) return (Outcome.BadSignature, key, head);
        address signer =
            ecrecover(consentDigest(c.patient, c.studyId, c.purpose, c.granted, c.expiry, c.maxEpsilon, c.nonce), c.v, c.r, c.s);
        if (signer == address(0) || patientId(signer) != c.patient) return (Outcome.BadSignature, key, head);
        return (Outcome.Recorded, key, head);
    }

    /// @dev Checks one packed entry of logConsentBatch; lastDigest is the
    /// digest of the last entry recorded in this batch.
    function _checkEntry(bytes calldata e, uint64 knownStudy, bytes32 lastDigest)
        private
        view
        returns (Outcome o, bytes32 digest)
    {
        if (uint8(e[72]) > 1) return (Outcome.BadEncoding, digest);
        uint64 studyId = uint64(bytes8(e[32:40]));
        o = _checkTerms(studyId, bytes32(e[40:72]), e[72] == 0x01, uint64(bytes8(e[73:81])), uint16(bytes2(e[81:83])));
        if (o != Outcome.Recorded) return (o, digest);
        if (studyId != 0 && studyId != knownStudy && IConsortium(consortium).studiesFor(studyId) == address(0)) {
            return (Outcome.StudyNotFound, digest);
        }
        uint64 issuedAt = uint64(bytes8(e[83:91]));
        if (issuedAt > block.timestamp + CLOCK_SKEW) return (Outcome.FutureIssued, digest);
        if (issuedAt + FRESHNESS_WINDOW < block.timestamp) return (Outcome.StaleIssued, digest);
        digest = _entryDigest(e);
        if (!_signedBy(e, digest)) return (Outcome.BadSignature, digest);
        // The same signed entry twice in one batch: entries come in strictly
        // increasing order of digest, so a copy is never after its original.
        if (digest <= lastDigest) return (Outcome.Duplicate, digest);
        return (Outcome.Recorded, digest);
    }

    /// @dev The EIP-712 digest of a logged entry (ConsentEntry), hashed in
    /// scratch memory past the free pointer: a batch hashes an entry per
    /// iteration, and abi.encode would grow memory (and its cost) each time.
    /// _checkEntry has checked that the granted byte is 0 or 1.
    function _entryDigest(bytes calldata e) private view returns (bytes32 digest) {
        bytes32 separator = domainSeparator();
        bytes32 typeHash = CONSENT_ENTRY_TYPEHASH;
        assembly ("memory-safe") {
            let m := mload(0x40)
            let o := e.offset
            mstore(m, typeHash)
            mstore(add(m, 0x20), calldataload(o)) // patient
            mstore(add(m, 0x40), shr(192, calldataload(add(o, 32)))) // studyId
            mstore(add(m, 0x60), calldataload(add(o, 40))) // purpose
            mstore(add(m, 0x80), shr(248, calldataload(add(o, 72)))) // granted
            mstore(add(m, 0xa0), shr(192, calldataload(add(o, 73)))) // expiry
            mstore(add(m, 0xc0), shr(240, calldataload(add(o, 81)))) // maxEpsilon
            mstore(add(m, 0xe0), shr(192, calldataload(add(o, 83)))) // issuedAt
            let structHash := keccak256(m, 0x100)
            mstore(m, shl(240, 0x1901))
            mstore(add(m, 2), separator)
            mstore(add(m, 34), structHash)
            digest := keccak256(m, 66)
        }
    }

    /// @dev Whether the entry's signature (r, s, v at bytes 91-155) is the patient's, low-s.
    function _signedBy(bytes calldata e, bytes32 digest) private pure returns (bool) {
        bytes32 s = bytes32(e[123:155]);
        if (uint256(s) > _HALF_ORDER) return false;
        address signer = ecrecover(digest, uint8(e[155]), bytes32(e[91:123]), s);
        return signer != address(0) && patientId(signer) == bytes32(e[0:32]);
    }

    /// @dev The checks of a change's terms that both paths share.
    function _checkTerms(uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint16 maxEpsilon)
        private
        view
        returns (Outcome)
    {
        if ((studyId == 0) == (purpose == bytes32(0))) return Outcome.BadScope;
        if (granted) {
            if (expiry <= block.timestamp) return Outcome.Expired;
            if (expiry > _MASK40) return Outcome.BadExpiry;
            if (maxEpsilon > MAX_EPSILON_BOUND) return Outcome.BadBound;
        } else if (expiry != 0) {
            return Outcome.BadExpiry;
        } else if (maxEpsilon != 0) {
            return Outcome.BadBound;
        }
        return Outcome.Recorded;
    }

    /// @dev Records a checked change on top of head (the scope's packed latest two).
    function _record(SignedChange memory c, bytes32 key, uint256 head) private {
        uint32 n = uint32(head >> 120); // changes so far
        if (n >= 2) {
            // The change before the latest leaves the slot for the history.
            _history[key][n - 2] = ((head >> 154) & _MASK40) | (((head >> 194) & _MASK40) << 80)
                | (((head >> 153) & 1) << 152) | ((head >> 245) << 160);
        }
        uint256 next = block.number | (block.timestamp << 40) | (uint256(c.expiry) << 80) | (uint256(n + 1) << 120)
            | (uint256(c.maxEpsilon) << 234);
        if (c.granted) next |= 1 << 152;
        if (n >= 1) {
            next |= (((head >> 152) & 1) << 153) | ((head & _MASK40) << 154) | (((head >> 80) & _MASK40) << 194)
                | (((head >> 234) & MAX_EPSILON_BOUND) << 245);
        }
        _heads[key] = next;
        emit ConsentChanged(c.patient, c.studyId, c.purpose, c.granted, c.expiry, c.maxEpsilon, c.nonce, msg.sender);
    }

    /// @dev Whether a stored change on top of head (the scope's packed
    /// latest two before it) counts: a grant of a consent not granted, a
    /// revocation of one granted. A renewal, or a second revocation, does not.
    function _flips(bool granted, uint256 head) private pure returns (bool) {
        return granted != (uint32(head >> 120) != 0 && (head >> 152) & 1 == 1);
    }

    /// @dev Counts a stored change c, recorded on top of head, in the open count w of its scope.
    function _countOne(SignedChange memory c, uint256 w, uint256 head) private {
        if (_flips(c.granted, head)) _storeCount(c.studyId, c.purpose, _apply(w, c.granted ? 1 : 0, c.granted ? 0 : 1));
    }

    /// @dev _tally for a logged entry e with its packed terms; returns the
    /// latest issuedAt counted so far in the batch.
    function _tallyLogged(Tally memory t, bytes calldata e, uint256 terms, uint256 latest) private returns (uint256) {
        if (t.studyId != uint64(bytes8(e[32:40])) || t.purpose != bytes32(e[40:72])) {
            latest = _max(latest, _flush(t));
            t.studyId = uint64(bytes8(e[32:40]));
            t.purpose = bytes32(e[40:72]);
            (t.grants, t.revocations, t.latest) = (0, 0, 0);
        }
        unchecked {
            // At most one per entry: the counts do not wrap.
            if (terms >> 144 == 0) {
                t.revocations++;
            } else {
                t.grants++;
                if (uint64(terms) > t.latest) t.latest = uint64(terms);
            }
        }
        return latest;
    }

    /// @dev Adds a counted change to the run t, writing the run first if the
    /// change is of another scope; returns the latest issuedAt the written
    /// run counted (zero if none).
    function _tally(Tally memory t, uint64 studyId, bytes32 purpose, bool granted, uint64 issuedAt)
        private
        returns (uint256 latest)
    {
        if (t.studyId != studyId || t.purpose != purpose) {
            latest = _flush(t);
            (t.studyId, t.purpose, t.grants, t.revocations, t.latest) = (studyId, purpose, 0, 0, 0);
        }
        if (granted) {
            t.grants++;
            if (issuedAt > t.latest) t.latest = issuedAt;
        } else {
            t.revocations++;
        }
    }

    /// @dev Writes the run's changes to the caller's count of its scope, if
    /// opened; returns the latest issuedAt it counted (zero if none).
    function _flush(Tally memory t) private returns (uint256 latest) {
        if (t.grants == 0 && t.revocations == 0) return 0;
        uint256 w = packedCount(t.studyId, t.purpose, msg.sender);
        if (w == 0) return 0;
        _storeCount(t.studyId, t.purpose, _apply(w, t.grants, t.revocations));
        return t.grants != 0 ? t.latest : 0;
    }

    function _storeCount(uint64 studyId, bytes32 purpose, uint256 w) private {
        if (studyId != 0) _studyCounts[studyId][msg.sender] = w;
        else _purposeCounts[purpose][msg.sender] = w;
    }

    /// @dev The count w with grants added and revocations taken off (not
    /// below zero); the revocations taken are kept by day (see _bound).
    function _apply(uint256 w, uint256 grants, uint256 revocations) private view returns (uint256) {
        unchecked {
            // 2^64 grants would cost over 10^18 gas: the count does not wrap.
            uint256 n = (w & _MASK64) + grants;
            uint256 taken = revocations < n ? revocations : n;
            w = (w & ~_MASK64) | (n - taken);
            if (taken == 0) return w;
            uint256 today = block.timestamp / REVOCATION_DAY;
            uint256 day = (w >> 64) & _MASK32;
            uint256 onDay = (w >> 96) & _MASK32;
            uint256 dayBefore;
            if (today == day) {
                taken += onDay;
                dayBefore = (w >> 128) & _MASK32;
            } else if (today == day + 1) {
                dayBefore = onDay;
            }
            // At most 2^32 - 1 revocations a day are kept apart; more would cost over 10^14 gas.
            return (w & (_OPENED | _MASK64)) | (today << 64) | (_min32(taken) << 96) | (_min32(dayBefore) << 128);
        }
    }

    /// @dev The samples the count w allows in a round opened at openedAt:
    /// the count, plus the revocations counted on a day that ends after
    /// openedAt (they may postdate the round's opening).
    function _bound(uint256 w, uint64 openedAt) private pure returns (uint256 b) {
        b = w & _MASK64;
        uint256 day = (w >> 64) & _MASK32;
        if (openedAt < (day + 1) * REVOCATION_DAY) b += (w >> 96) & _MASK32;
        if (openedAt < day * REVOCATION_DAY) b += (w >> 128) & _MASK32;
    }

    function _min32(uint256 x) private pure returns (uint256) {
        return x < _MASK32 ? x : _MASK32;
    }

    function _max(uint256 a, uint256 b) private pure returns (uint256) {
        return a > b ? a : b;
    }

    function _consentAt(bytes32 patient, uint64 studyId, bytes32 purpose, uint64 cutoff, uint64 at)
        private
        view
        returns (ConsentState state, ConsentRecord memory record, bool studyScoped)
    {
        bool found;
        (record, found) = _consentBefore(_consentKey(patient, studyId, bytes32(0)), cutoff);
        studyScoped = found;
        if (!found) {
            (record, found) = _consentBefore(_consentKey(patient, 0, purpose), cutoff);
        }
        if (!found) return (ConsentState.None, record, false);
        if (!record.granted) return (ConsentState.Revoked, record, studyScoped);
        if (record.expiry <= at) return (ConsentState.Expired, record, studyScoped);
        return (ConsentState.Active, record, studyScoped);
    }

    /// @dev The latest change of a scope made in a block before cutoff.
    function _consentBefore(bytes32 key, uint64 cutoff) private view returns (ConsentRecord memory rec, bool found) {
        uint256 head = packedConsent(key);
        uint32 n = uint32(head >> 120);
        if (n == 0) return (rec, false);
        rec = _headRecord(head);
        if (rec.sinceBlock < cutoff) return (rec, true);
        if (n == 1) return (_empty(), false);
        rec = _prevRecord(head);
        if (rec.sinceBlock < cutoff) return (rec, true);
        for (uint32 i = n - 2; i > 0; i--) {
            rec = _historyRecord(packedHistory(key, i - 1), i);
            if (rec.sinceBlock < cutoff) return (rec, true);
        }
        return (_empty(), false);
    }

    function _empty() private pure returns (ConsentRecord memory rec) {}

    function _headRecord(uint256 w) private pure returns (ConsentRecord memory) {
        return ConsentRecord(
            uint64(w & _MASK40),
            uint64((w >> 40) & _MASK40),
            uint64((w >> 80) & _MASK40),
            uint32(w >> 120),
            (w >> 152) & 1 == 1,
            uint16((w >> 234) & MAX_EPSILON_BOUND)
        );
    }

    function _prevRecord(uint256 w) private pure returns (ConsentRecord memory) {
        return ConsentRecord(
            uint64((w >> 154) & _MASK40), 0, uint64((w >> 194) & _MASK40), uint32(w >> 120) - 1, (w >> 153) & 1 == 1, uint16(w >> 245)
        );
    }

    function _historyRecord(uint256 w, uint32 nonce) private pure returns (ConsentRecord memory) {
        return ConsentRecord(
            uint64(w & _MASK40),
            0,
            uint64((w >> 80) & _MASK40),
            nonce,
            (w >> 152) & 1 == 1,
            uint16((w >> 160) & MAX_EPSILON_BOUND)
        );
    }

    function _studies(uint64 studyId) private view returns (IStudies m) {
        m = IStudies(IConsortium(consortium).studiesFor(studyId));
        if (address(m) == address(0)) revert StudyNotFound(studyId);
    }

    function _consentKey(bytes32 patient, uint64 studyId, bytes32 purpose) private pure returns (bytes32) {
        return keccak256(abi.encode(patient, studyId, purpose));
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }
}
