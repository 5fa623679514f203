// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Cohort federated-learning ledger
/// @notice The authority that replaces a trusted central aggregator: it records
/// the consortium of hospitals and how it changes by vote, the studies they take
/// part in, patients' consent, the rounds of each study, the commitment every
/// participant makes to its encrypted model update, the coordinator's scores,
/// weights and flags, strikes and suspensions, and the result of every round.
/// Only hashes are stored; ciphertexts and models live off chain in
/// content-addressed stores.
/// @dev Gas: every write is O(1) in storage except recordScores, which writes
/// only for flagged entries; loops over all participants appear only in view
/// functions and the constructor. Values that auditors need but the contract
/// never reads again live in events and are bound to storage by a hash:
/// - commitments: each round keeps a running hash commitmentsRoot =
///   keccak256(abi.encode(previousRoot, member, commitmentDigest(...))) over
///   the UpdateCommitted events in chain order, starting from the round's
///   globalModel;
/// - scores: each round keeps scoresHash = keccak256(abi.encodePacked(
///   previousScoresHash, entries)) over the ScoresRecorded events in order.
contract Cohort {
    /// @notice Fixed-point unit of metrics, scores and weights: 1.0 == 1_000_000.
    uint32 public constant METRIC_UNIT = 1_000_000;
    /// @notice How long a membership proposal accepts votes.
    uint64 public constant PROPOSAL_TTL = 7 days;
    /// @notice After a round's deadline the coordinator may abandon it at once;
    /// the study owner and participants may after this further grace period,
    /// which leaves the coordinator time to close a round it is still decrypting.
    uint64 public constant ABANDON_GRACE = 1 days;
    /// @notice Flag bit of a score entry: the coordinator flags the update as
    /// suspicious, which gives its sender a strike.
    uint8 public constant FLAG_SUSPICIOUS = 1;
    /// @notice Default share of active members whose votes carry a proposal.
    uint8 public constant DEFAULT_QUORUM_PERCENT = 51;
    /// @notice EIP-712 type of a patient's consent change.
    bytes32 public constant CONSENT_TYPEHASH = keccak256(
        "ConsentChange(bytes32 patient,uint64 studyId,bytes32 purpose,bool granted,uint64 expiry,uint32 nonce)"
    );
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _NAME_HASH = keccak256("Cohort");
    bytes32 private constant _VERSION_HASH = keccak256("1");
    /// @dev secp256k1 order / 2: larger s values are malleable duplicates.
    uint256 private constant _HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice Lifecycle of a round.
    enum RoundStatus {
        None,
        Open,
        Closed,
        Abandoned
    }

    /// @notice What a membership proposal does once it has enough votes.
    enum ProposalKind {
        None,
        Admit,
        Remove,
        Reinstate,
        Quorum
    }

    /// @notice Why a member received a strike.
    enum StrikeReason {
        Flagged,
        Violation
    }

    /// @notice A patient's consent for a study as of a round.
    enum ConsentState {
        None,
        Active,
        Expired,
        Revoked
    }

    /// @notice A consortium member (a hospital or other institution).
    struct MemberRecord {
        bytes32 tlsFingerprint; // SHA-256 of the member's TLS certificate
        uint64 admittedAt; // block timestamp of the (last) admission
        uint64 removedAt; // block timestamp of the last removal; 0 if never removed
        bool active;
        string name;
    }

    /// @notice A study: what is trained, by whom, for how many rounds.
    struct StudyRecord {
        // slot 0
        address owner;
        uint32 rounds;
        uint32 minParticipants;
        uint32 threshold;
        // slot 1
        address coordinator;
        uint32 strikeLimit;
        uint32 currentRound; // last opened round; 0 before the first
        uint16 activeParticipants; // joined, not left and not suspended
        bool roundOpen;
        bool completed;
        // slots 2-5
        bytes32 specHash;
        bytes32 purpose;
        bytes32 referenceCommitment;
        bytes32 publicKeyHash;
    }

    /// @notice A member's standing in a study (one slot).
    struct ParticipantRecord {
        uint16 index; // 1-based joining order; 0 = not joined
        uint16 strikes;
        bool suspended;
        uint32 lastCommittedRound;
        bool left; // left the study or removed by the coordinator; may join again
    }

    /// @notice One round of a study.
    struct RoundRecord {
        // slot 0
        bytes32 globalModel;
        // slot 1
        uint64 deadline; // unix seconds; commitments after it are refused
        uint64 openedAt; // block timestamp of the opening
        uint40 openedBlock;
        uint40 closedBlock; // block that closed or abandoned the round
        RoundStatus status;
        uint16 commitments;
        uint16 participants; // updates included in the aggregate
        // slot 2
        bytes32 commitmentsRoot; // running hash over the round's commitments
        // slot 3
        uint32 accuracy; // METRIC_UNIT fixed point
        uint32 auc; // METRIC_UNIT fixed point
        uint64 loss; // METRIC_UNIT fixed point
        // slots 4-6
        bytes32 aggregateHash;
        bytes32 modelHash;
        bytes32 scoresHash; // running hash over the round's score entries
    }

    /// @notice A membership proposal.
    struct Proposal {
        // slot 0
        ProposalKind kind;
        uint8 quorumPercent; // Quorum proposals: the new quorum
        uint32 yes;
        uint64 studyId; // Reinstate proposals: the study
        uint64 expiresAt;
        bool executed;
        // slot 1
        address subject; // the member admitted, removed or reinstated
        // slot 2
        address proposer;
        // slots 3-4: Admit proposals
        bytes32 tlsFingerprint;
        string name;
    }

    /// @notice One change of a patient's consent for one scope (one slot).
    struct ConsentRecord {
        uint64 sinceBlock; // block of the change
        uint64 sinceTime; // timestamp of that block
        uint64 expiry; // unix seconds; 0 for a revocation
        uint32 nonce; // number of changes for this patient and scope so far
        bool granted;
    }

    /// @notice The caller (or founder entry) is not an active consortium member.
    error NotMember(address account);
    /// @notice The caller is not the coordinator of the study.
    error NotCoordinator(uint64 studyId, address account);
    /// @notice The caller has not joined the study.
    error NotParticipant(uint64 studyId, address account);
    /// @notice The caller may not do this (abandonRound: neither coordinator, owner nor participant).
    error NotAuthorised(address account);
    /// @notice The address is already a consortium member.
    error DuplicateMember(address account);
    /// @notice Removing the member would leave the consortium without members.
    error LastMember(address account);
    /// @notice No study has this id.
    error StudyNotFound(uint64 studyId);
    /// @notice The member has already joined the study.
    error AlreadyJoined(uint64 studyId, address account);
    /// @notice The study admits no participant now: a round is open or the study completed.
    error EnrolmentClosed(uint64 studyId);
    /// @notice The study has too many participants for the ledger to index.
    error StudyFull(uint64 studyId);
    /// @notice The collective public key can no longer change (a round was opened).
    error PublicKeyLocked(uint64 studyId);
    /// @notice No round may open before the collective public key hash is recorded.
    error PublicKeyNotSet(uint64 studyId);
    /// @notice Fewer participants than the study requires (also: a leave or
    /// removal that would leave fewer active participants than minParticipants).
    error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual);
    /// @notice The study has run all its rounds.
    error StudyCompleted(uint64 studyId);
    /// @notice Rounds open in sequence, one at a time.
    error RoundOutOfOrder(uint64 studyId, uint32 expected, uint32 got);
    /// @notice The previous round is still open.
    error RoundStillOpen(uint64 studyId, uint32 round);
    /// @notice The round is not open (never opened, closed or abandoned).
    error RoundNotOpen(uint64 studyId, uint32 round);
    /// @notice The round has never been opened.
    error RoundNotFound(uint64 studyId, uint32 round);
    /// @notice The deadline is not in the future.
    error InvalidDeadline(uint64 deadline, uint64 now_);
    /// @notice The round's deadline has passed.
    error DeadlinePassed(uint64 studyId, uint32 round, uint64 deadline);
    /// @notice The round may not be abandoned before this time.
    error DeadlineNotPassed(uint64 studyId, uint32 round, uint64 notBefore);
    /// @notice The member already committed an update in this round.
    error AlreadyCommitted(uint64 studyId, uint32 round, address account);
    /// @notice The member is suspended from the study.
    error MemberSuspended(uint64 studyId, address account);
    /// @notice The member is not suspended from the study.
    error NotSuspended(uint64 studyId, address account);
    /// @notice This evidence was already reported against the member in the study.
    error DuplicateEvidence(uint64 studyId, address account, bytes32 evidenceHash);
    /// @notice Score entries must be sorted by strictly increasing member address.
    error UnsortedScores(uint256 index);
    /// @notice More participants claimed than updates committed.
    error ParticipantsExceedCommitments(uint64 studyId, uint32 round, uint32 commitments, uint32 participants);
    /// @notice No proposal has this id.
    error ProposalNotFound(uint64 proposalId);
    /// @notice The proposal was already executed.
    error ProposalClosed(uint64 proposalId);
    /// @notice The proposal's voting period is over.
    error ProposalExpired(uint64 proposalId, uint64 expiredAt);
    /// @notice The member already voted for the proposal.
    error AlreadyVoted(uint64 proposalId, address account);
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
    /// @notice A parameter is zero, empty or out of range; field names it.
    error InvalidParameter(string field);

    /// @notice A member was admitted to the consortium (at deployment or by vote).
    event MemberAdmitted(address indexed member, string name, bytes32 tlsFingerprint);
    /// @notice A member was removed from the consortium by vote.
    event MemberRemoved(address indexed member);
    /// @notice A member changed its TLS certificate fingerprint.
    event FingerprintUpdated(address indexed member, bytes32 tlsFingerprint);
    /// @notice The share of active members whose votes carry a proposal changed.
    event QuorumChanged(uint8 quorumPercent);
    /// @notice A member proposed a membership change.
    event ProposalCreated(
        uint64 indexed proposalId,
        ProposalKind kind,
        address indexed subject,
        uint64 studyId,
        address indexed proposer,
        uint64 expiresAt
    );
    /// @notice A member voted for a proposal.
    event Voted(uint64 indexed proposalId, address indexed voter, uint32 yes, uint32 required);
    /// @notice A proposal reached its quorum and took effect.
    event ProposalExecuted(uint64 indexed proposalId);
    /// @notice A study was created.
    event StudyCreated(
        uint64 indexed studyId,
        address indexed owner,
        address indexed coordinator,
        bytes32 specHash,
        bytes32 purpose,
        bytes32 referenceCommitment,
        uint32 rounds,
        uint32 minParticipants,
        uint32 threshold,
        uint32 strikeLimit
    );
    /// @notice A member joined a study.
    event StudyJoined(uint64 indexed studyId, address indexed member, uint16 index);
    /// @notice A participant left a study (by == member) or its coordinator removed it.
    event StudyLeft(uint64 indexed studyId, address indexed member, address by);
    /// @notice The coordinator recorded the hash of the collective public key.
    event PublicKeySet(uint64 indexed studyId, bytes32 publicKeyHash);
    /// @notice A round opened.
    event RoundOpened(uint64 indexed studyId, uint32 indexed round, bytes32 globalModel, uint64 deadline);
    /// @notice A participant committed to its encrypted update.
    event UpdateCommitted(
        uint64 indexed studyId,
        uint32 indexed round,
        address indexed member,
        bytes32 ciphertextHash,
        uint64 sampleCount,
        bytes32 consentRoot
    );
    /// @notice The coordinator recorded score entries (see recordScores for their layout).
    event ScoresRecorded(uint64 indexed studyId, uint32 indexed round, uint256[] entries, bytes32 scoresHash);
    /// @notice A member received a strike in a study.
    event StrikeRecorded(
        uint64 indexed studyId,
        address indexed member,
        uint32 indexed round,
        StrikeReason reason,
        bytes32 evidenceHash,
        uint16 strikes
    );
    /// @notice A member reached the study's strike limit and was suspended from it.
    event ParticipantSuspended(uint64 indexed studyId, address indexed member, uint16 strikes);
    /// @notice Members voted to reinstate a suspended participant; its strikes are cleared.
    event ParticipantReinstated(uint64 indexed studyId, address indexed member);
    /// @notice A round closed with its result.
    event RoundClosed(
        uint64 indexed studyId,
        uint32 indexed round,
        bytes32 aggregateHash,
        bytes32 modelHash,
        uint32 accuracy,
        uint32 auc,
        uint64 loss,
        uint32 participants
    );
    /// @notice A stalled round was abandoned after its deadline.
    event RoundAbandoned(uint64 indexed studyId, uint32 indexed round, address indexed by, uint16 commitments);
    /// @notice The last round of a study closed or was abandoned.
    event StudyFinished(uint64 indexed studyId);
    /// @notice A patient's signed consent change was relayed (studyId 0: a purpose-wide change).
    event ConsentChanged(
        bytes32 indexed patient,
        uint64 indexed studyId,
        bytes32 indexed purpose,
        bool granted,
        uint64 expiry,
        uint32 nonce,
        address relayer
    );

    mapping(address => MemberRecord) private _members;
    address[] private _memberList;
    /// @notice Number of active consortium members.
    uint32 public activeMembers;
    /// @notice Share of active members (percent, rounded up) whose votes carry a proposal.
    uint8 public quorumPercent;

    /// @notice Number of proposals made; ids run from 1 to proposalCount.
    uint64 public proposalCount;
    mapping(uint64 => Proposal) private _proposals;
    mapping(uint64 => mapping(address => bool)) private _voted;

    /// @notice Number of studies created; ids run from 1 to studyCount.
    uint64 public studyCount;
    mapping(uint64 => StudyRecord) private _studies;
    mapping(uint64 => address[]) private _participants;
    mapping(uint64 => mapping(address => ParticipantRecord)) private _participantRecords;
    mapping(uint64 => mapping(uint32 => RoundRecord)) private _rounds;
    mapping(bytes32 => bool) private _evidenceUsed;

    mapping(bytes32 => ConsentRecord) private _consentHead; // latest change per (patient, scope)
    mapping(bytes32 => mapping(uint32 => ConsentRecord)) private _consentHistory; // earlier changes by nonce

    uint256 private immutable _deployChainId;
    bytes32 private immutable _deployDomainSeparator;

    /// @param addrs founding members' addresses
    /// @param names founding members' names (non-empty)
    /// @param fingerprints founding members' TLS certificate fingerprints (non-zero)
    /// @param quorum share of active members (1-100 percent, rounded up) whose votes carry a proposal
    constructor(address[] memory addrs, string[] memory names, bytes32[] memory fingerprints, uint8 quorum) {
        if (addrs.length == 0 || addrs.length != names.length || addrs.length != fingerprints.length) {
            revert InvalidParameter("founders");
        }
        _setQuorum(quorum);
        for (uint256 i = 0; i < addrs.length; i++) {
            _admit(addrs[i], names[i], fingerprints[i]);
        }
        _deployChainId = block.chainid;
        _deployDomainSeparator = _buildDomainSeparator();
    }

    // ------------------------------------------------------------ membership

    /// @notice Proposes admitting an institution; the proposer's vote counts at once.
    /// @return proposalId the new proposal's id
    function proposeAdmission(address account, string calldata name, bytes32 tlsFingerprint)
        external
        returns (uint64 proposalId)
    {
        _checkNewMember(account, bytes(name).length, tlsFingerprint);
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Admit, account, 0);
        p.tlsFingerprint = tlsFingerprint;
        p.name = name;
        _vote(proposalId, p);
    }

    /// @notice Proposes removing an active member; the proposer's vote counts at once.
    function proposeRemoval(address member) external returns (uint64 proposalId) {
        _checkRemovable(member);
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Remove, member, 0);
        _vote(proposalId, p);
    }

    /// @notice Proposes reinstating a member suspended from a study; the proposer's vote counts at once.
    function proposeReinstatement(uint64 studyId, address member) external returns (uint64 proposalId) {
        _study(studyId);
        if (!_participantRecords[studyId][member].suspended) revert NotSuspended(studyId, member);
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Reinstate, member, studyId);
        _vote(proposalId, p);
    }

    /// @notice Proposes a new quorum (1-100 percent); the proposer's vote counts at once.
    function proposeQuorum(uint8 quorum) external returns (uint64 proposalId) {
        if (quorum == 0 || quorum > 100) revert InvalidParameter("quorum");
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Quorum, address(0), 0);
        p.quorumPercent = quorum;
        _vote(proposalId, p);
    }

    /// @notice Votes for a proposal; the vote that reaches the quorum executes it.
    /// @return executed whether the proposal took effect in this call
    function vote(uint64 proposalId) external returns (bool executed) {
        Proposal storage p = _proposals[proposalId];
        if (p.kind == ProposalKind.None) revert ProposalNotFound(proposalId);
        return _vote(proposalId, p);
    }

    /// @notice Replaces the caller's TLS certificate fingerprint (certificate rotation).
    function updateTlsFingerprint(bytes32 tlsFingerprint) external {
        MemberRecord storage m = _activeMember();
        if (tlsFingerprint == bytes32(0)) revert InvalidParameter("tlsFingerprint");
        m.tlsFingerprint = tlsFingerprint;
        emit FingerprintUpdated(msg.sender, tlsFingerprint);
    }

    // --------------------------------------------------------------- studies

    /// @notice Creates a study owned by the caller.
    /// @dev Deliberately open to any account: a researcher need not be a
    /// member, and a study binds nobody but its owner until members choose to
    /// join it. Everything else about the study is restricted to its
    /// coordinator, its participants or a member vote.
    /// @return studyId the new study's id (ids start at 1)
    function createStudy(
        bytes32 specHash,
        bytes32 purpose,
        uint32 rounds,
        uint32 minParticipants,
        uint32 threshold,
        uint32 strikeLimit,
        bytes32 referenceCommitment,
        address coordinator
    ) external returns (uint64 studyId) {
        if (specHash == bytes32(0)) revert InvalidParameter("specHash");
        if (purpose == bytes32(0)) revert InvalidParameter("purpose");
        if (rounds == 0) revert InvalidParameter("rounds");
        if (threshold == 0) revert InvalidParameter("threshold");
        if (minParticipants < threshold) revert InvalidParameter("minParticipants");
        if (strikeLimit == 0 || strikeLimit > type(uint16).max) revert InvalidParameter("strikeLimit");
        if (referenceCommitment == bytes32(0)) revert InvalidParameter("referenceCommitment");
        if (coordinator == address(0)) revert InvalidParameter("coordinator");

        studyId = ++studyCount;
        StudyRecord storage s = _studies[studyId];
        s.owner = msg.sender;
        s.rounds = rounds;
        s.minParticipants = minParticipants;
        s.threshold = threshold;
        s.coordinator = coordinator;
        s.strikeLimit = strikeLimit;
        s.specHash = specHash;
        s.purpose = purpose;
        s.referenceCommitment = referenceCommitment;
        emit StudyCreated(
            studyId,
            msg.sender,
            coordinator,
            specHash,
            purpose,
            referenceCommitment,
            rounds,
            minParticipants,
            threshold,
            strikeLimit
        );
    }

    /// @notice Joins the caller, an active member, to a study while no round
    /// is open: before key generation, or between rounds of a running study
    /// (the coordinator then re-shares the threshold key to include it). A
    /// participant that left may join again; it keeps its index and strikes.
    function joinStudy(uint64 studyId) external {
        StudyRecord storage s = _study(studyId);
        _activeMember();
        if (s.roundOpen || s.completed) revert EnrolmentClosed(studyId);
        ParticipantRecord storage p = _participantRecords[studyId][msg.sender];
        uint16 index = p.index;
        if (index == 0) {
            address[] storage all = _participants[studyId];
            if (all.length == type(uint16).max) revert StudyFull(studyId);
            index = uint16(all.length + 1);
            p.index = index;
            all.push(msg.sender);
        } else if (!p.left) {
            revert AlreadyJoined(studyId, msg.sender);
        }
        p.left = false;
        if (!p.suspended) s.activeParticipants++;
        emit StudyJoined(studyId, msg.sender, index);
    }

    /// @notice Leaves a study the caller joined, while no round is open. The
    /// coordinator re-shares the threshold key without the leaver before the
    /// next round. Once the key is set, refused (TooFewParticipants) if fewer
    /// than minParticipants active participants would remain: no round could
    /// close, and the decryption threshold (at most minParticipants) could
    /// no longer be met.
    function leaveStudy(uint64 studyId) external {
        _leave(studyId, _study(studyId), msg.sender);
    }

    /// @notice The coordinator removes a participant between rounds, under
    /// the same conditions as leaveStudy.
    function removeParticipant(uint64 studyId, address member) external {
        _leave(studyId, _coordinated(studyId), member);
    }

    /// @notice Records the hash of the study's collective public key; closes enrolment.
    /// @dev Callable by the coordinator until the first round opens.
    function setPublicKeyHash(uint64 studyId, bytes32 publicKeyHash) external {
        StudyRecord storage s = _coordinated(studyId);
        if (publicKeyHash == bytes32(0)) revert InvalidParameter("publicKeyHash");
        if (s.currentRound != 0) revert PublicKeyLocked(studyId);
        if (s.activeParticipants < s.minParticipants) {
            revert TooFewParticipants(studyId, s.minParticipants, s.activeParticipants);
        }
        s.publicKeyHash = publicKeyHash;
        emit PublicKeySet(studyId, publicKeyHash);
    }

    // ---------------------------------------------------------------- rounds

    /// @notice Opens the next round of a study with the hash of the global model to train from.
    function openRound(uint64 studyId, uint32 round, bytes32 globalModel, uint64 deadline) external {
        StudyRecord storage s = _coordinated(studyId);
        if (s.completed) revert StudyCompleted(studyId);
        if (s.publicKeyHash == bytes32(0)) revert PublicKeyNotSet(studyId);
        if (s.roundOpen) revert RoundStillOpen(studyId, s.currentRound);
        if (round != s.currentRound + 1) revert RoundOutOfOrder(studyId, s.currentRound + 1, round);
        if (globalModel == bytes32(0)) revert InvalidParameter("globalModel");
        if (deadline <= block.timestamp) revert InvalidDeadline(deadline, uint64(block.timestamp));

        s.currentRound = round;
        s.roundOpen = true;
        RoundRecord storage r = _rounds[studyId][round];
        r.globalModel = globalModel;
        r.deadline = deadline;
        r.openedAt = uint64(block.timestamp);
        r.openedBlock = uint40(block.number);
        r.status = RoundStatus.Open;
        r.commitmentsRoot = globalModel; // seeded here so that every commit pays the same gas
        emit RoundOpened(studyId, round, globalModel, deadline);
    }

    /// @notice Commits the caller's encrypted update for an open round, once per round.
    /// @param ciphertextHash hash of the serialised ciphertext sent to the coordinator
    /// @param sampleCount number of consented records trained on
    /// @param consentRoot Merkle root of the pseudonymous record ids used
    function commitUpdate(
        uint64 studyId,
        uint32 round,
        bytes32 ciphertextHash,
        uint64 sampleCount,
        bytes32 consentRoot
    ) external {
        _activeMember();
        ParticipantRecord storage p = _participantRecords[studyId][msg.sender];
        if (p.index == 0 || p.left) {
            _study(studyId); // a better error for an unknown study; joined implies it exists
            revert NotParticipant(studyId, msg.sender);
        }
        if (p.suspended) revert MemberSuspended(studyId, msg.sender);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        if (block.timestamp > r.deadline) revert DeadlinePassed(studyId, round, r.deadline);
        if (ciphertextHash == bytes32(0)) revert InvalidParameter("ciphertextHash");
        if (sampleCount == 0) revert InvalidParameter("sampleCount");
        if (consentRoot == bytes32(0)) revert InvalidParameter("consentRoot");
        if (p.lastCommittedRound == round) revert AlreadyCommitted(studyId, round, msg.sender);

        p.lastCommittedRound = round;
        r.commitmentsRoot = keccak256(
            abi.encode(r.commitmentsRoot, msg.sender, commitmentDigest(ciphertextHash, sampleCount, consentRoot))
        );
        unchecked {
            r.commitments++; // bounded by participantCount (uint16)
        }
        emit UpdateCommitted(studyId, round, msg.sender, ciphertextHash, sampleCount, consentRoot);
    }

    /// @notice Records the coordinator's per-participant scores, weights and
    /// flags for an open round. May be called several times (in chunks); the
    /// round's scoresHash chains every chunk. Each flagged entry gives its
    /// member a strike, which suspends it once the study's strike limit is
    /// reached; other entries are stored only as the hash and the event.
    /// @param entries one word per participant, sorted by strictly increasing
    /// address: bits 0-159 member address, 160-191 weight (uint32, METRIC_UNIT
    /// fixed point), 192-223 score (int32 two's complement, METRIC_UNIT fixed
    /// point), 224-231 flags (FLAG_SUSPICIOUS), 232-255 zero.
    function recordScores(uint64 studyId, uint32 round, uint256[] calldata entries) external {
        StudyRecord storage s = _coordinated(studyId);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        if (entries.length == 0) revert InvalidParameter("entries");
        uint256 previous;
        for (uint256 i = 0; i < entries.length; i++) {
            uint256 e = entries[i];
            uint256 member = uint160(e);
            if (member <= previous) revert UnsortedScores(i);
            if (e >> 232 != 0) revert InvalidParameter("entries");
            previous = member;
        }
        bytes32 h = keccak256(abi.encodePacked(r.scoresHash, entries));
        r.scoresHash = h;
        emit ScoresRecorded(studyId, round, entries, h);
        for (uint256 i = 0; i < entries.length; i++) {
            if ((entries[i] >> 224) & FLAG_SUSPICIOUS != 0) {
                _strike(studyId, s, address(uint160(entries[i])), round, StrikeReason.Flagged, h);
            }
        }
    }

    /// @notice Reports a protocol violation by a participant (for example a
    /// ciphertext that does not match its commitment, or a bad decryption
    /// share), which gives it a strike. The evidence is stored off chain.
    /// @param round the round in which the violation happened (already opened)
    /// @param evidenceHash hash of the evidence; each may be used once per member and study
    function reportViolation(uint64 studyId, uint32 round, address member, bytes32 evidenceHash) external {
        StudyRecord storage s = _coordinated(studyId);
        if (round == 0 || round > s.currentRound) revert RoundNotFound(studyId, round);
        if (evidenceHash == bytes32(0)) revert InvalidParameter("evidenceHash");
        bytes32 key = keccak256(abi.encode(studyId, member, evidenceHash));
        if (_evidenceUsed[key]) revert DuplicateEvidence(studyId, member, evidenceHash);
        _evidenceUsed[key] = true;
        _strike(studyId, s, member, round, StrikeReason.Violation, evidenceHash);
    }

    /// @notice Closes an open round with the aggregate, the new model and its
    /// metrics. Allowed before or after the deadline.
    /// @param accuracy accuracy in METRIC_UNIT fixed point (at most METRIC_UNIT)
    /// @param auc area under the ROC curve in METRIC_UNIT fixed point (at most METRIC_UNIT)
    /// @param loss loss in METRIC_UNIT fixed point
    /// @param participants number of updates included in the aggregate
    function closeRound(
        uint64 studyId,
        uint32 round,
        bytes32 aggregateHash,
        bytes32 modelHash,
        uint32 accuracy,
        uint32 auc,
        uint64 loss,
        uint32 participants
    ) external {
        StudyRecord storage s = _coordinated(studyId);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        if (aggregateHash == bytes32(0)) revert InvalidParameter("aggregateHash");
        if (modelHash == bytes32(0)) revert InvalidParameter("modelHash");
        if (accuracy > METRIC_UNIT) revert InvalidParameter("accuracy");
        if (auc > METRIC_UNIT) revert InvalidParameter("auc");
        if (participants > r.commitments) {
            revert ParticipantsExceedCommitments(studyId, round, r.commitments, participants);
        }
        if (participants < s.minParticipants) revert TooFewParticipants(studyId, s.minParticipants, participants);

        r.closedBlock = uint40(block.number);
        r.status = RoundStatus.Closed;
        r.participants = uint16(participants); // at most commitments, a uint16
        r.accuracy = accuracy;
        r.auc = auc;
        r.loss = loss;
        r.aggregateHash = aggregateHash;
        r.modelHash = modelHash;
        emit RoundClosed(studyId, round, aggregateHash, modelHash, accuracy, auc, loss, participants);
        _endRound(studyId, s, round);
    }

    /// @notice Abandons an open round that stalled. The coordinator may do so
    /// once the deadline has passed; the study owner and participants once
    /// ABANDON_GRACE has also passed. The round's number is used up: the next
    /// round opens with the following number.
    function abandonRound(uint64 studyId, uint32 round) external {
        StudyRecord storage s = _study(studyId);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        uint64 notBefore;
        if (msg.sender == s.coordinator) {
            notBefore = r.deadline;
        } else if (msg.sender == s.owner || _participantRecords[studyId][msg.sender].index != 0) {
            notBefore = r.deadline + ABANDON_GRACE;
        } else {
            revert NotAuthorised(msg.sender);
        }
        if (block.timestamp <= notBefore) revert DeadlineNotPassed(studyId, round, notBefore);

        r.closedBlock = uint40(block.number);
        r.status = RoundStatus.Abandoned;
        emit RoundAbandoned(studyId, round, msg.sender, r.commitments);
        _endRound(studyId, s, round);
    }

    // --------------------------------------------------------------- consent

    /// @notice Relays a patient's signed consent change (EIP-712 ConsentChange)
    /// for one scope: a study (purpose zero) or a purpose (studyId zero). Only
    /// members relay, so patients need no ether. A study-scoped decision
    /// overrides the purpose-scoped one for that study.
    /// @param patient the patient's pseudonymous id: patientId(signer)
    /// @param granted true to grant until expiry, false to revoke (expiry 0)
    /// @param nonce the number of changes already recorded for this patient and scope
    function relayConsent(
        bytes32 patient,
        uint64 studyId,
        bytes32 purpose,
        bool granted,
        uint64 expiry,
        uint32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _activeMember();
        if ((studyId == 0) == (purpose == bytes32(0))) revert InvalidParameter("scope");
        if (studyId > studyCount) revert StudyNotFound(studyId);
        if (granted) {
            if (expiry <= block.timestamp) revert ConsentExpired(patient, expiry);
        } else if (expiry != 0) {
            revert InvalidParameter("expiry");
        }
        bytes32 key = _consentKey(patient, studyId, purpose);
        ConsentRecord storage head = _consentHead[key];
        uint32 expected = head.nonce;
        if (nonce != expected) revert InvalidNonce(patient, expected, nonce);
        bytes32 digest = consentDigest(patient, studyId, purpose, granted, expiry, nonce);
        if (uint256(s) > _HALF_ORDER) revert BadSignature(patient);
        address signer = ecrecover(digest, v, r, s);
        if (signer == address(0) || patientId(signer) != patient) revert BadSignature(patient);

        if (expected != 0) {
            _consentHistory[key][expected - 1] = head;
        }
        head.sinceBlock = uint64(block.number);
        head.sinceTime = uint64(block.timestamp);
        head.expiry = expiry;
        head.nonce = expected + 1;
        head.granted = granted;
        emit ConsentChanged(patient, studyId, purpose, granted, expiry, nonce, msg.sender);
    }

    /// @notice The pseudonymous id of the patient whose consent key is signer.
    function patientId(address signer) public pure returns (bytes32) {
        return keccak256(abi.encodePacked("cohort/patient/v1", signer));
    }

    /// @notice The EIP-712 domain separator (name "Cohort", version "1", this chain and contract).
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
        uint32 nonce
    ) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(CONSENT_TYPEHASH, patient, studyId, purpose, granted, expiry, nonce));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    /// @notice The latest consent change of a patient for one scope (nonce 0: none yet).
    function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) external view returns (ConsentRecord memory) {
        return _consentHead[_consentKey(patient, studyId, purpose)];
    }

    /// @notice Every consent change of a patient for one scope, oldest first.
    function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose)
        external
        view
        returns (ConsentRecord[] memory out)
    {
        bytes32 key = _consentKey(patient, studyId, purpose);
        ConsentRecord memory head = _consentHead[key];
        out = new ConsentRecord[](head.nonce);
        for (uint32 i = 0; i + 1 < head.nonce; i++) {
            out[i] = _consentHistory[key][i];
        }
        if (head.nonce != 0) out[head.nonce - 1] = head;
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
        StudyRecord storage s = _study(studyId);
        uint64 cutoff = type(uint64).max;
        uint64 at = uint64(block.timestamp);
        if (round != 0) {
            RoundRecord storage r = _rounds[studyId][round];
            if (r.status == RoundStatus.None) revert RoundNotFound(studyId, round);
            cutoff = r.openedBlock;
            at = r.openedAt;
        }
        bool found;
        (record, found) = _consentBefore(_consentKey(patient, studyId, bytes32(0)), cutoff);
        studyScoped = found;
        if (!found) {
            (record, found) = _consentBefore(_consentKey(patient, 0, s.purpose), cutoff);
        }
        if (!found) return (ConsentState.None, record, false);
        if (!record.granted) return (ConsentState.Revoked, record, studyScoped);
        if (record.expiry <= at) return (ConsentState.Expired, record, studyScoped);
        return (ConsentState.Active, record, studyScoped);
    }

    /// @notice Consent states of many patients for a study as of a round (see consentAt).
    function consentStates(bytes32[] calldata patients, uint64 studyId, uint32 round)
        external
        view
        returns (ConsentState[] memory states)
    {
        states = new ConsentState[](patients.length);
        for (uint256 i = 0; i < patients.length; i++) {
            (states[i],,) = consentAt(patients[i], studyId, round);
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

    // ----------------------------------------------------------------- views

    /// @notice The digest of a commitment: keccak256(abi.encode(ciphertextHash, sampleCount, consentRoot)).
    function commitmentDigest(
        bytes32 ciphertextHash,
        uint64 sampleCount,
        bytes32 consentRoot
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(ciphertextHash, sampleCount, consentRoot));
    }

    /// @notice Addresses of all consortium members ever admitted, in admission order.
    function members() external view returns (address[] memory) {
        return _memberList;
    }

    /// @notice Whether the account is an active consortium member.
    function isMember(address account) external view returns (bool) {
        return _members[account].active;
    }

    /// @notice The record of a member; reverts with NotMember for addresses never admitted.
    function getMember(address account) external view returns (MemberRecord memory) {
        MemberRecord memory m = _members[account];
        if (m.admittedAt == 0) revert NotMember(account);
        return m;
    }

    /// @notice Votes needed for a proposal to carry now.
    function requiredVotes() public view returns (uint32) {
        uint256 required = (uint256(activeMembers) * quorumPercent + 99) / 100;
        return required == 0 ? 1 : uint32(required);
    }

    /// @notice A proposal; reverts with ProposalNotFound for unknown ids.
    function getProposal(uint64 proposalId) external view returns (Proposal memory) {
        Proposal memory p = _proposals[proposalId];
        if (p.kind == ProposalKind.None) revert ProposalNotFound(proposalId);
        return p;
    }

    /// @notice Whether the member voted for the proposal.
    function hasVoted(uint64 proposalId, address member) external view returns (bool) {
        return _voted[proposalId][member];
    }

    /// @notice The record of a study; reverts with StudyNotFound for unknown ids.
    function getStudy(uint64 studyId) external view returns (StudyRecord memory) {
        return _study(studyId);
    }

    /// @notice Current participants of a study (joined and not left, suspended
    /// ones included), in joining order.
    function studyParticipants(uint64 studyId) external view returns (address[] memory out) {
        _study(studyId);
        address[] storage all = _participants[studyId];
        out = new address[](all.length);
        uint256 n;
        for (uint256 i = 0; i < all.length; i++) {
            if (!_participantRecords[studyId][all[i]].left) out[n++] = all[i];
        }
        assembly {
            mstore(out, n)
        }
    }

    /// @notice Whether the account is a current participant of the study (joined, not left).
    function isParticipant(uint64 studyId, address account) external view returns (bool) {
        ParticipantRecord storage p = _participantRecords[studyId][account];
        return p.index != 0 && !p.left;
    }

    /// @notice A member's standing in a study (index 0: not joined).
    function getParticipant(uint64 studyId, address account) external view returns (ParticipantRecord memory) {
        _study(studyId);
        return _participantRecords[studyId][account];
    }

    /// @notice The record of a round (status None if it never opened).
    function getRound(uint64 studyId, uint32 round) external view returns (RoundRecord memory) {
        _study(studyId);
        return _rounds[studyId][round];
    }

    // -------------------------------------------------------------- internals

    function _checkNewMember(address account, uint256 nameLength, bytes32 fingerprint) private view {
        if (account == address(0)) revert InvalidParameter("member address");
        if (nameLength == 0) revert InvalidParameter("member name");
        if (fingerprint == bytes32(0)) revert InvalidParameter("member tlsFingerprint");
        if (_members[account].active) revert DuplicateMember(account);
    }

    function _checkRemovable(address member) private view {
        if (!_members[member].active) revert NotMember(member);
        if (activeMembers == 1) revert LastMember(member);
    }

    function _admit(address account, string memory name, bytes32 fingerprint) private {
        _checkNewMember(account, bytes(name).length, fingerprint);
        MemberRecord storage m = _members[account];
        if (m.admittedAt == 0) {
            _memberList.push(account); // a re-admitted member keeps its place
        }
        m.tlsFingerprint = fingerprint;
        m.admittedAt = uint64(block.timestamp);
        m.active = true;
        m.name = name;
        activeMembers++;
        emit MemberAdmitted(account, name, fingerprint);
    }

    function _setQuorum(uint8 quorum) private {
        if (quorum == 0 || quorum > 100) revert InvalidParameter("quorum");
        quorumPercent = quorum;
        emit QuorumChanged(quorum);
    }

    function _newProposal(ProposalKind kind, address subject, uint64 studyId)
        private
        returns (uint64 proposalId, Proposal storage p)
    {
        _activeMember();
        proposalId = ++proposalCount;
        p = _proposals[proposalId];
        p.kind = kind;
        p.subject = subject;
        p.studyId = studyId;
        p.proposer = msg.sender;
        uint64 expiresAt = uint64(block.timestamp) + PROPOSAL_TTL;
        p.expiresAt = expiresAt;
        emit ProposalCreated(proposalId, kind, subject, studyId, msg.sender, expiresAt);
    }

    /// @dev Votes of members removed after voting still count; PROPOSAL_TTL bounds how stale they can be.
    function _vote(uint64 proposalId, Proposal storage p) private returns (bool) {
        _activeMember();
        if (p.executed) revert ProposalClosed(proposalId);
        if (block.timestamp > p.expiresAt) revert ProposalExpired(proposalId, p.expiresAt);
        if (_voted[proposalId][msg.sender]) revert AlreadyVoted(proposalId, msg.sender);
        _voted[proposalId][msg.sender] = true;
        uint32 yes = p.yes + 1;
        p.yes = yes;
        uint32 required = requiredVotes();
        emit Voted(proposalId, msg.sender, yes, required);
        if (yes < required) return false;

        p.executed = true;
        address subject = p.subject;
        if (p.kind == ProposalKind.Admit) {
            _admit(subject, p.name, p.tlsFingerprint);
        } else if (p.kind == ProposalKind.Remove) {
            _checkRemovable(subject);
            MemberRecord storage m = _members[subject];
            m.active = false;
            m.removedAt = uint64(block.timestamp);
            activeMembers--;
            emit MemberRemoved(subject);
        } else if (p.kind == ProposalKind.Reinstate) {
            ParticipantRecord storage pr = _participantRecords[p.studyId][subject];
            if (!pr.suspended) revert NotSuspended(p.studyId, subject);
            pr.suspended = false;
            pr.strikes = 0;
            if (!pr.left) _studies[p.studyId].activeParticipants++;
            emit ParticipantReinstated(p.studyId, subject);
        } else {
            _setQuorum(p.quorumPercent);
        }
        emit ProposalExecuted(proposalId);
        return true;
    }

    function _strike(
        uint64 studyId,
        StudyRecord storage s,
        address member,
        uint32 round,
        StrikeReason reason,
        bytes32 evidence
    ) private {
        ParticipantRecord storage p = _participantRecords[studyId][member];
        if (p.index == 0) revert NotParticipant(studyId, member);
        uint16 strikes = p.strikes;
        if (strikes != type(uint16).max) strikes++;
        p.strikes = strikes;
        emit StrikeRecorded(studyId, member, round, reason, evidence, strikes);
        if (!p.suspended && strikes >= s.strikeLimit) {
            p.suspended = true;
            if (!p.left) s.activeParticipants--;
            emit ParticipantSuspended(studyId, member, strikes);
        }
    }

    function _leave(uint64 studyId, StudyRecord storage s, address member) private {
        if (s.roundOpen) revert RoundStillOpen(studyId, s.currentRound);
        ParticipantRecord storage p = _participantRecords[studyId][member];
        if (p.index == 0 || p.left) revert NotParticipant(studyId, member);
        p.left = true;
        if (!p.suspended) {
            uint16 active = s.activeParticipants - 1;
            if (s.publicKeyHash != bytes32(0) && active < s.minParticipants) {
                revert TooFewParticipants(studyId, s.minParticipants, active);
            }
            s.activeParticipants = active;
        }
        emit StudyLeft(studyId, member, msg.sender);
    }

    function _endRound(uint64 studyId, StudyRecord storage s, uint32 round) private {
        s.roundOpen = false;
        if (round == s.rounds) {
            s.completed = true;
            emit StudyFinished(studyId);
        }
    }

    function _consentKey(bytes32 patient, uint64 studyId, bytes32 purpose) private pure returns (bytes32) {
        return keccak256(abi.encode(patient, studyId, purpose));
    }

    /// @dev The latest change of a scope made in a block before cutoff.
    function _consentBefore(bytes32 key, uint64 cutoff) private view returns (ConsentRecord memory rec, bool found) {
        rec = _consentHead[key];
        if (rec.nonce == 0) return (rec, false);
        if (rec.sinceBlock < cutoff) return (rec, true);
        for (uint32 i = rec.nonce - 1; i > 0; i--) {
            rec = _consentHistory[key][i - 1];
            if (rec.sinceBlock < cutoff) return (rec, true);
        }
        delete rec;
        return (rec, false);
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }

    function _activeMember() private view returns (MemberRecord storage m) {
        m = _members[msg.sender];
        if (!m.active) revert NotMember(msg.sender);
    }

    function _study(uint64 studyId) private view returns (StudyRecord storage s) {
        s = _studies[studyId];
        if (s.owner == address(0)) revert StudyNotFound(studyId);
    }

    function _coordinated(uint64 studyId) private view returns (StudyRecord storage s) {
        s = _study(studyId);
        if (s.coordinator != msg.sender) revert NotCoordinator(studyId, msg.sender);
    }
}
