// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Cohort federated-learning ledger
/// @notice The authority that replaces a trusted central aggregator: it records
/// the consortium of hospitals, the studies they take part in, the rounds of
/// each study, the commitment every participant makes to its encrypted model
/// update, and the result of every round. Only hashes are stored; ciphertexts
/// and models live off chain in content-addressed stores.
/// @dev Gas: every write is O(1) in storage (no loops over participants);
/// loops appear only in the constructor (bounded by the founders) and in view
/// functions. A commitment is stored as one slot: the keccak256 digest of
/// (ciphertextHash, sampleCount, consentRoot); the preimage is emitted in the
/// UpdateCommitted event so auditors can read it and check it against the
/// digest.
contract Cohort {
    /// @notice Fixed-point unit of the round metrics: 1.0 == 1_000_000.
    uint32 public constant METRIC_UNIT = 1_000_000;

    /// @notice Lifecycle of a round.
    enum RoundStatus {
        None,
        Open,
        Closed
    }

    /// @notice A consortium member (a hospital or other institution).
    struct MemberRecord {
        bytes32 tlsFingerprint; // SHA-256 of the member's TLS certificate
        uint64 admittedAt; // block timestamp of admission
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
        uint16 participantCount;
        bool roundOpen;
        bool completed;
        // slots 2-5
        bytes32 specHash;
        bytes32 purpose;
        bytes32 referenceCommitment;
        bytes32 publicKeyHash;
    }

    /// @notice One round of a study.
    struct RoundRecord {
        // slot 0
        bytes32 globalModel;
        // slot 1
        uint64 deadline; // unix seconds; commitments after it are refused
        uint48 openedBlock;
        uint48 closedBlock;
        RoundStatus status;
        uint32 commitments;
        uint32 participants; // updates included in the aggregate
        // slot 2
        uint32 accuracy; // METRIC_UNIT fixed point
        uint32 auc; // METRIC_UNIT fixed point
        uint64 loss; // METRIC_UNIT fixed point
        // slots 3-4
        bytes32 aggregateHash;
        bytes32 modelHash;
    }

    /// @notice The caller (or founder entry) is not an active consortium member.
    error NotMember(address account);
    /// @notice The caller is not the coordinator of the study.
    error NotCoordinator(uint64 studyId, address account);
    /// @notice The caller has not joined the study.
    error NotParticipant(uint64 studyId, address account);
    /// @notice The address is already a consortium member.
    error DuplicateMember(address account);
    /// @notice No study has this id.
    error StudyNotFound(uint64 studyId);
    /// @notice The member has already joined the study.
    error AlreadyJoined(uint64 studyId, address account);
    /// @notice The study no longer admits participants (its key is set).
    error EnrolmentClosed(uint64 studyId);
    /// @notice The study has too many participants for the ledger to index.
    error StudyFull(uint64 studyId);
    /// @notice The collective public key can no longer change (a round was opened).
    error PublicKeyLocked(uint64 studyId);
    /// @notice No round may open before the collective public key hash is recorded.
    error PublicKeyNotSet(uint64 studyId);
    /// @notice Fewer participants than the study requires.
    error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual);
    /// @notice The study has run all its rounds.
    error StudyCompleted(uint64 studyId);
    /// @notice Rounds open in sequence, one at a time.
    error RoundOutOfOrder(uint64 studyId, uint32 expected, uint32 got);
    /// @notice The previous round is still open.
    error RoundStillOpen(uint64 studyId, uint32 round);
    /// @notice The round is not open (never opened, or already closed).
    error RoundNotOpen(uint64 studyId, uint32 round);
    /// @notice The deadline is not in the future.
    error InvalidDeadline(uint64 deadline, uint64 now_);
    /// @notice The round's deadline has passed.
    error DeadlinePassed(uint64 studyId, uint32 round, uint64 deadline);
    /// @notice The member already committed an update in this round.
    error AlreadyCommitted(uint64 studyId, uint32 round, address account);
    /// @notice More participants claimed than updates committed.
    error ParticipantsExceedCommitments(uint64 studyId, uint32 round, uint32 commitments, uint32 participants);
    /// @notice A parameter is zero, empty or out of range; field names it.
    error InvalidParameter(string field);

    /// @notice A member was admitted to the consortium.
    event MemberAdmitted(address indexed member, string name, bytes32 tlsFingerprint);
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
    /// @notice The last round of a study closed.
    event StudyFinished(uint64 indexed studyId);

    mapping(address => MemberRecord) private _members;
    address[] private _memberList;

    /// @notice Number of studies created; ids run from 1 to studyCount.
    uint64 public studyCount;
    mapping(uint64 => StudyRecord) private _studies;
    mapping(uint64 => address[]) private _participants;
    mapping(uint64 => mapping(address => uint16)) private _participantIndex; // 1-based; 0 = not joined
    mapping(uint64 => mapping(uint32 => RoundRecord)) private _rounds;
    mapping(uint64 => mapping(uint32 => mapping(address => bytes32))) private _commitments;

    /// @param addrs founding members' addresses
    /// @param names founding members' names (non-empty)
    /// @param fingerprints founding members' TLS certificate fingerprints (non-zero)
    constructor(address[] memory addrs, string[] memory names, bytes32[] memory fingerprints) {
        if (addrs.length == 0 || addrs.length != names.length || addrs.length != fingerprints.length) {
            revert InvalidParameter("founders");
        }
        for (uint256 i = 0; i < addrs.length; i++) {
            _admit(addrs[i], names[i], fingerprints[i]);
        }
    }

    // ---------------------------------------------------------------- writes

    /// @notice Creates a study owned by the caller (who need not be a member).
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
        if (strikeLimit == 0) revert InvalidParameter("strikeLimit");
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

    /// @notice Joins the caller, an active member, to a study that is still enrolling.
    function joinStudy(uint64 studyId) external {
        StudyRecord storage s = _study(studyId);
        if (!_members[msg.sender].active) revert NotMember(msg.sender);
        if (s.publicKeyHash != bytes32(0)) revert EnrolmentClosed(studyId);
        if (_participantIndex[studyId][msg.sender] != 0) revert AlreadyJoined(studyId, msg.sender);
        uint16 count = s.participantCount;
        if (count == type(uint16).max) revert StudyFull(studyId);
        count++;
        s.participantCount = count;
        _participantIndex[studyId][msg.sender] = count;
        _participants[studyId].push(msg.sender);
        emit StudyJoined(studyId, msg.sender, count);
    }

    /// @notice Records the hash of the study's collective public key; closes enrolment.
    /// @dev Callable by the coordinator until the first round opens.
    function setPublicKeyHash(uint64 studyId, bytes32 publicKeyHash) external {
        StudyRecord storage s = _coordinated(studyId);
        if (publicKeyHash == bytes32(0)) revert InvalidParameter("publicKeyHash");
        if (s.currentRound != 0) revert PublicKeyLocked(studyId);
        if (s.participantCount < s.minParticipants) {
            revert TooFewParticipants(studyId, s.minParticipants, s.participantCount);
        }
        s.publicKeyHash = publicKeyHash;
        emit PublicKeySet(studyId, publicKeyHash);
    }

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
        r.openedBlock = uint48(block.number);
        r.status = RoundStatus.Open;
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
        if (!_members[msg.sender].active) revert NotMember(msg.sender);
        if (_participantIndex[studyId][msg.sender] == 0) {
            _study(studyId); // a better error for an unknown study; joined implies it exists
            revert NotParticipant(studyId, msg.sender);
        }
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        if (block.timestamp > r.deadline) revert DeadlinePassed(studyId, round, r.deadline);
        if (ciphertextHash == bytes32(0)) revert InvalidParameter("ciphertextHash");
        if (sampleCount == 0) revert InvalidParameter("sampleCount");
        if (consentRoot == bytes32(0)) revert InvalidParameter("consentRoot");
        mapping(address => bytes32) storage c = _commitments[studyId][round];
        if (c[msg.sender] != bytes32(0)) revert AlreadyCommitted(studyId, round, msg.sender);

        c[msg.sender] = commitmentDigest(ciphertextHash, sampleCount, consentRoot);
        unchecked {
            r.commitments++; // bounded by participantCount (uint16)
        }
        emit UpdateCommitted(studyId, round, msg.sender, ciphertextHash, sampleCount, consentRoot);
    }

    /// @notice Closes an open round with the aggregate, the new model and its metrics.
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

        r.closedBlock = uint48(block.number);
        r.status = RoundStatus.Closed;
        r.participants = participants;
        r.accuracy = accuracy;
        r.auc = auc;
        r.loss = loss;
        r.aggregateHash = aggregateHash;
        r.modelHash = modelHash;
        s.roundOpen = false;
        emit RoundClosed(studyId, round, aggregateHash, modelHash, accuracy, auc, loss, participants);
        if (round == s.rounds) {
            s.completed = true;
            emit StudyFinished(studyId);
        }
    }

    // ----------------------------------------------------------------- views

    /// @notice The digest stored for a commitment: keccak256(abi.encode(ciphertextHash, sampleCount, consentRoot)).
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

    /// @notice The record of a member; reverts with NotMember for unknown addresses.
    function getMember(address account) external view returns (MemberRecord memory) {
        MemberRecord memory m = _members[account];
        if (m.admittedAt == 0) revert NotMember(account);
        return m;
    }

    /// @notice The record of a study; reverts with StudyNotFound for unknown ids.
    function getStudy(uint64 studyId) external view returns (StudyRecord memory) {
        return _study(studyId);
    }

    /// @notice Participants of a study, in joining order.
    function studyParticipants(uint64 studyId) external view returns (address[] memory) {
        _study(studyId);
        return _participants[studyId];
    }

    /// @notice Whether the account joined the study.
    function isParticipant(uint64 studyId, address account) external view returns (bool) {
        return _participantIndex[studyId][account] != 0;
    }

    /// @notice The record of a round (status None if it never opened).
    function getRound(uint64 studyId, uint32 round) external view returns (RoundRecord memory) {
        _study(studyId);
        return _rounds[studyId][round];
    }

    /// @notice Participants that committed an update in the round, in joining order.
    function roundCommitters(uint64 studyId, uint32 round) external view returns (address[] memory out) {
        _study(studyId);
        address[] storage all = _participants[studyId];
        mapping(address => bytes32) storage c = _commitments[studyId][round];
        out = new address[](_rounds[studyId][round].commitments);
        uint256 n;
        for (uint256 i = 0; i < all.length && n < out.length; i++) {
            if (c[all[i]] != bytes32(0)) {
                out[n++] = all[i];
            }
        }
    }

    /// @notice The stored commitment digest of a member in a round (zero if none).
    function commitmentOf(uint64 studyId, uint32 round, address account) external view returns (bytes32) {
        return _commitments[studyId][round][account];
    }

    // -------------------------------------------------------------- internals

    function _admit(address account, string memory name, bytes32 fingerprint) private {
        if (account == address(0)) revert InvalidParameter("member address");
        if (bytes(name).length == 0) revert InvalidParameter("member name");
        if (fingerprint == bytes32(0)) revert InvalidParameter("member tlsFingerprint");
        MemberRecord storage m = _members[account];
        if (m.admittedAt != 0) revert DuplicateMember(account);
        m.tlsFingerprint = fingerprint;
        m.admittedAt = uint64(block.timestamp);
        m.active = true;
        m.name = name;
        _memberList.push(account);
        emit MemberAdmitted(account, name, fingerprint);
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
