// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IConsortium, IStudies, IConsentCounts} from "Modules.sol";
import {Committees} from "Committees.sol";

/// @title Cohort studies: studies, rounds, commitments, scores and strikes
/// @notice The studies module of a Cohort ledger: the studies the
/// consortium's members take part in, the rounds of each, the commitment
/// every participant makes to its encrypted model update (one by one, or many
/// in one batch each signed by its hospital), the contributor list each
/// round's holders decrypt (pinned with a batch), the coordinator's scores,
/// weights and flags, strikes and suspensions, and the result of every round.
/// Membership is the Consortium's: every member check asks it. Only hashes
/// are stored; ciphertexts and models live off chain in content-addressed
/// stores.
/// @dev Gas: every write is O(1) in storage except strikeFlagged, which writes
/// for each flagged member, and commitUpdates, O(1) per commitment. Values
/// that auditors need but the contract never reads again live in events and
/// are bound to storage by a hash:
/// - commitments: each round keeps a running hash commitmentsRoot =
///   keccak256(abi.encode(previousRoot, member, commitmentDigest(...))) over
///   the UpdateCommitted events in chain order, starting from the round's
///   globalModel;
/// - scores: each round keeps scoresHash = keccak256(abi.encodePacked(
///   previousScoresHash, entries)) over the ScoresRecorded events in order.
contract Studies is IStudies {
    /// @notice Fixed-point unit of metrics, scores and weights: 1.0 == 1_000_000.
    /// Privacy budgets and spent ε use it too.
    uint32 public constant METRIC_UNIT = 1_000_000;
    /// @notice Fixed-point unit of a privacy budget's δ: 1.0 == 10^18.
    uint64 public constant DELTA_UNIT = 1e18;
    /// @notice After a round's deadline the coordinator may abandon it at once;
    /// the study owner and participants may after this further grace period,
    /// which leaves the coordinator time to close a round it is still decrypting.
    uint64 public constant ABANDON_GRACE = 1 days;
    /// @notice Flag bit of a score entry: the coordinator flags the update as
    /// suspicious, which gives its sender a strike.
    uint8 public constant FLAG_SUSPICIOUS = 1;
    /// @notice EIP-712 type a hospital signs to commit its update through a batch.
    bytes32 public constant COMMIT_TYPEHASH = keccak256(
        "RoundCommitment(uint64 studyId,uint32 round,bytes32 ciphertextHash,uint64 sampleCount,bytes32 consentRoot)"
    );
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// @dev secp256k1 order / 2: larger s values are malleable duplicates.
    uint256 private constant _HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice Lifecycle of a round.
    enum RoundStatus {
        None,
        Open,
        Closed,
        Abandoned
    }

    /// @notice Why a member received a strike.
    /// Flagged is the only reason: a strike needs the study's threshold of
    /// participants to endorse the scores that flag the member
    /// (Committees.confirmStrikes), so the coordinator cannot strike on its
    /// own word. The event keeps the field for reasons that bring evidence
    /// the chain can check.
    enum StrikeReason {
        Flagged
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
        // slots 2-5: specHash is the training recipe's canonical hash
        bytes32 specHash;
        bytes32 purpose;
        bytes32 referenceCommitment;
        bytes32 publicKeyHash; // the key holders' 32-byte commitment to the study's keys
        // slots 6-7
        bytes32 robustPolicyHash; // the robust-aggregation policy; zero: none
        bytes32 standardiserHash; // the feature standardiser; zero until the coordinator sets it
        // slot 8: the (ε, δ) differential-privacy budget; zero: none
        uint64 epsilonBudget; // METRIC_UNIT fixed point
        uint64 delta; // DELTA_UNIT fixed point
        uint64 epsilonSpent; // ε after the last opened round, METRIC_UNIT fixed point
        // The block createStudy ran in: readers of the study's events ask the
        // node for logs from there, not from genesis (a provider refuses a
        // query over millions of blocks). It fills slot 8's free 8 bytes, a
        // fresh slot at creation (setPrivacyBudget then rewrites it warm).
        uint64 createdBlock;
    }

    /// @notice A member's standing in a study (one slot).
    struct ParticipantRecord {
        uint16 index; // 1-based joining order; 0 = not joined
        uint16 strikes;
        bool suspended;
        uint32 lastCommittedRound; // filled by getParticipant from the rounds' commit bits; not stored
        bool left; // left the study or excluded by a member vote
        bool removed; // excluded by a member vote (removeParticipant): joins again only once reinstated
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
        bool samplesBound; // the study binds sample counts to consent (Committees.bindSamples)
        // slot 2
        bytes32 commitmentsRoot; // running hash over the round's commitments
        // slot 3
        uint32 accuracy; // METRIC_UNIT fixed point
        uint32 auc; // METRIC_UNIT fixed point
        uint64 loss; // METRIC_UNIT fixed point
        uint64 epsilonSpent; // the study's ε once this round has trained, METRIC_UNIT fixed point
        // slots 4-6
        bytes32 aggregateHash;
        bytes32 modelHash;
        bytes32 scoresHash; // running hash over the round's score entries
        // slot 7
        bytes32 contributorsHash; // the pinned contributor list (commitUpdates); zero: none
    }

    /// @notice The caller (or founder entry) is not an active consortium member.
    error NotMember(address account);
    /// @notice The caller is not the coordinator of the study.
    error NotCoordinator(uint64 studyId, address account);
    /// @notice The caller has not joined the study.
    error NotParticipant(uint64 studyId, address account);
    /// @notice The caller may not do this (abandonRound: neither coordinator, owner nor participant).
    error NotAuthorised(address account);
    /// @notice No study has this id.
    error StudyNotFound(uint64 studyId);
    /// @notice The member has already joined the study.
    error AlreadyJoined(uint64 studyId, address account);
    /// @notice A member vote removed the member from the study; it joins again only after a reinstatement vote.
    error RemovedByVote(uint64 studyId, address member);
    /// @notice An exclusion names a member a vote already removed from the study.
    error AlreadyRemoved(uint64 studyId, address member);
    /// @notice An exclusion names an account that never joined the study.
    error NeverJoined(uint64 studyId, address member);
    /// @notice The study admits no participant now: a round is open or the study completed.
    error EnrolmentClosed(uint64 studyId);
    /// @notice The study has too many participants for the ledger to index.
    error StudyFull(uint64 studyId);
    /// @notice The collective public key can no longer change (a round was opened).
    error PublicKeyLocked(uint64 studyId);
    /// @notice No round may open before the collective public key hash is recorded.
    error PublicKeyNotSet(uint64 studyId);
    /// @notice The key was the study's and was replaced: it is never set
    /// again. Run key generation again for a new key.
    error PublicKeyRetired(uint64 studyId, bytes32 publicKeyHash);
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
    /// @notice The member is neither suspended from the study nor removed from it by a vote: nothing to reinstate.
    error NotSuspended(uint64 studyId, address account);
    /// @notice This evidence was already reported against the member in the study.
    error DuplicateEvidence(uint64 studyId, address account, bytes32 evidenceHash);
    /// @notice Score entries must be sorted by strictly increasing member address.
    error UnsortedScores(uint256 index);
    /// @notice More participants claimed than updates committed.
    error ParticipantsExceedCommitments(uint64 studyId, uint32 round, uint32 commitments, uint32 participants);
    /// @notice A parameter is zero, empty or out of range; field names it.
    error InvalidParameter(string field);

    /// @notice Opening the round would take the study's ε past its budget.
    error PrivacyBudgetExceeded(uint64 studyId, uint64 budget, uint64 spent);
    /// @notice A round's ε spent must grow from round to round, and be zero
    /// in a study without a budget.
    error InvalidEpsilonSpent(uint64 studyId, uint64 previous, uint64 spent);
    /// @notice The budget is set once, by the study's owner, before round 1.
    error PrivacyBudgetLocked(uint64 studyId);

    /// @notice The module was retired by a consortium vote (successor: its
    /// replacement), or is not yet linked (successor zero): create studies there.
    error ModuleRetired(address successor);
    /// @notice Each hospital's signature in a batch of commitments must be its own.
    error BadCommitSignature(address account);
    /// @notice The study's decryption committee must be selected (again) before a round opens.
    error CommitteeNotCurrent(uint64 studyId);
    /// @notice The study's pooled-moments sum is pinned already (pinned): only it may be decrypted.
    error MomentsSumPinned(uint64 studyId, bytes32 pinned);
    /// @notice The round's contributor list is pinned already, as pinned: its
    /// holders decrypt the aggregate and the scores of that list only.
    error ContributorsPinned(uint64 studyId, uint32 round, bytes32 pinned);
    /// @notice The commitment's sample count is above its member's consent
    /// counts (ConsentRegistry.sampleBound), in a study that binds them.
    /// Raised by the ConsentRegistry; declared here for commitments' ABI.
    error SamplesAboveConsent(uint64 studyId, address member, uint64 sampleCount, uint256 bound);

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
    /// @notice A participant left a study (by == member) or a member vote excluded it (by: the Consortium).
    event StudyLeft(uint64 indexed studyId, address indexed member, address by);
    /// @notice The coordinator recorded the hash of the collective public key.
    event PublicKeySet(uint64 indexed studyId, bytes32 publicKeyHash);
    /// @notice A round opened.
    event RoundOpened(uint64 indexed studyId, uint32 indexed round, bytes32 globalModel, uint64 deadline);
    /// @notice The study's owner set its differential-privacy budget.
    event PrivacyBudgetSet(uint64 indexed studyId, uint64 epsilonBudget, uint64 delta);
    /// @notice A round of a study with a privacy budget opened: its ε spent.
    event PrivacySpent(uint64 indexed studyId, uint32 indexed round, uint64 epsilonSpent);
    /// @notice A participant committed to its encrypted update.
    event UpdateCommitted(
        uint64 indexed studyId,
        uint32 indexed round,
        address indexed member,
        bytes32 ciphertextHash,
        uint64 sampleCount,
        bytes32 consentRoot
    );
    /// @notice The coordinator recorded many participants' commitments
    /// (commitUpdates); entry i is as an UpdateCommitted event would give it.
    event UpdatesCommitted(
        uint64 indexed studyId,
        uint32 indexed round,
        address[] members,
        bytes32[] ciphertextHashes,
        uint64[] sampleCounts,
        bytes32[] consentRoots
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
    /// @notice Members voted to reinstate a participant suspended from the
    /// study or removed from it by a vote; its strikes are cleared.
    event ParticipantReinstated(uint64 indexed studyId, address indexed member);
    /// @notice An exclusion vote removed a participant from the study (see
    /// removeParticipant): it joins again only once reinstated. StudyLeft
    /// (by: the Consortium) precedes it unless the participant left first.
    event ParticipantRemoved(uint64 indexed studyId, address indexed member);
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
    /// @notice A participant refused to decrypt a round's aggregate because it
    /// is not the weighted sum of the committed updates (a spot check or a
    /// recomputation failed); the evidence is kept by the reporter.
    event AggregateDisputed(
        uint64 indexed studyId, uint32 indexed round, address indexed reporter, bytes32 aggregateHash, bytes32 evidenceHash
    );
    /// @notice The coordinator recorded the hash of the study's feature standardiser.
    event StandardiserSet(uint64 indexed studyId, bytes32 standardiserHash);
    /// @notice The coordinator pinned the one pooled-moments sum share holders may decrypt.
    event MomentsSumSet(uint64 indexed studyId, bytes32 sumHash);
    /// @notice The study's coordinator pinned the round's contributor list.
    event ContributorsSet(uint64 indexed studyId, uint32 indexed round, bytes32 contributorsHash);
    /// @notice A consortium vote retired the module in favour of successor.
    event Retired(address successor);

    /// @notice The Consortium this module serves.
    address public immutable consortium;
    /// @notice The first study id of this module; 0 until the Consortium links it.
    uint64 public firstStudyId;
    /// @notice The last study id issued; ids run from firstStudyId to studyCount.
    uint64 public studyCount;
    /// @notice The decryption committees of this module's studies (created with it).
    Committees public immutable committees;
    /// @dev Per study and round, the running hash over the members flagged
    /// by recordScores whose strikes await endorsement
    /// (Committees.confirmStrikes; endorsementContext reads it); zero if none.
    mapping(uint64 => mapping(uint32 => bytes32)) private _flagged;
    /// @notice The module that replaced this one (zero while current).
    address public successor;
    mapping(uint64 => StudyRecord) private _studies;
    mapping(uint64 => address[]) private _participants;
    mapping(uint64 => mapping(address => ParticipantRecord)) private _participantRecords;
    mapping(uint64 => mapping(uint32 => RoundRecord)) private _rounds;
    mapping(bytes32 => bool) private _evidenceUsed;
    // Who committed in a round: bit (index % 256) of word index / 256, by
    // participant index (1-based; bit 0 of word 0 is set when the round
    // opens, so that every commit rewrites a word and pays the same).
    mapping(uint64 => mapping(uint32 => mapping(uint256 => uint256))) private _committed;
    mapping(uint64 => bytes32) private _momentsSum;
    /// @dev Per study, the keys it had and replaced (setPublicKeyHash).
    mapping(uint64 => mapping(bytes32 => bool)) private _retiredKeys;

    uint256 private immutable _deployChainId;
    bytes32 private immutable _deployDomainSeparator;

    /// @param consortium_ the Consortium that will link this module
    constructor(address consortium_) {
        if (consortium_ == address(0)) revert InvalidParameter("consortium");
        consortium = consortium_;
        committees = new Committees(consortium_);
        _deployChainId = block.chainid;
        _deployDomainSeparator = _buildDomainSeparator();
    }

    modifier onlyConsortium() {
        if (msg.sender != consortium) revert NotAuthorised(msg.sender);
        _;
    }

    /// @inheritdoc IStudies
    function activate(uint64 firstId) external onlyConsortium {
        if (firstStudyId != 0 || firstId == 0) revert InvalidParameter("firstId");
        firstStudyId = firstId;
        studyCount = firstId - 1;
    }

    /// @inheritdoc IStudies
    function studyIds() external view returns (uint64 first, uint64 last) {
        return (firstStudyId, studyCount);
    }

    /// @notice Retires the module (the Consortium calls it when a vote
    /// replaces it): it refuses new studies; the studies it holds run to
    /// their end here, and everything stays readable.
    function retire(address successor_) external onlyConsortium {
        successor = successor_;
        emit Retired(successor_);
    }

    /// @inheritdoc IStudies
    /// @dev Lifts a suspension and a removal by vote alike, and clears the
    /// strikes. A removed member stays out (left) until it joins again: the
    /// coordinator then re-shares the key to include it, as for any joiner.
    function reinstate(uint64 studyId, address member) external onlyConsortium {
        ParticipantRecord storage pr = _participantRecords[studyId][member];
        bool suspended = pr.suspended;
        if (!suspended && !pr.removed) revert NotSuspended(studyId, member);
        pr.suspended = false;
        pr.removed = false;
        pr.strikes = 0;
        if (suspended && !pr.left) _studies[studyId].activeParticipants++;
        emit ParticipantReinstated(studyId, member);
    }

    /// @inheritdoc IStudies
    function requestRotation(uint64 studyId) external onlyConsortium {
        committees.requestRotation(studyId);
    }

    // --------------------------------------------------------------- studies

    /// @notice Creates a study owned by the caller.
    /// @param specHash the canonical hash of the study's training recipe
    /// (architecture, feature schema, hyper-parameters)
    /// @param robustPolicyHash the hash of the robust-aggregation policy
    /// hospitals check before training; zero for none
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
        address coordinator,
        bytes32 robustPolicyHash
    ) external returns (uint64 studyId) {
        if (successor != address(0) || firstStudyId == 0) revert ModuleRetired(successor);
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
        s.robustPolicyHash = robustPolicyHash;
        s.createdBlock = uint64(block.number);
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
    /// One a member vote removed (removeParticipant) may not
    /// (RemovedByVote) until a reinstatement vote lifts the removal.
    function joinStudy(uint64 studyId) external {
        StudyRecord storage s = _study(studyId);
        _requireMember(msg.sender);
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
        } else if (p.removed) {
            revert RemovedByVote(studyId, msg.sender);
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

    /// @inheritdoc IStudies
    /// @dev Not the coordinator's to call: removing a committee member forces
    /// a new committee draw, and a coordinator free to remove could draw
    /// until the committee held hospitals it colludes with.
    /// A participant that left by itself, before the vote was proposed or
    /// while it ran, is removed all the same (no second StudyLeft, its
    /// leaving already kept the minimum): leaving first does not dodge it.
    function removeParticipant(uint64 studyId, address member) external onlyConsortium {
        StudyRecord storage s = _study(studyId);
        ParticipantRecord storage p = _excludable(studyId, member);
        if (!p.left) _leave(studyId, s, member);
        p.removed = true;
        emit ParticipantRemoved(studyId, member);
    }

    /// @inheritdoc IStudies
    function checkExcludable(uint64 studyId, address member) external view {
        _study(studyId);
        _excludable(studyId, member);
    }

    /// @notice Records the hash of the study's collective public key; closes enrolment.
    /// @dev Callable by the coordinator until the first round opens. A key
    /// replaced by another is retired and never set again (PublicKeyRetired):
    /// each key's tenure is one run of blocks, so the block it was first set
    /// in, which moments counts are bounded as of, is not the coordinator's
    /// to move by setting another key and this one again.
    function setPublicKeyHash(uint64 studyId, bytes32 publicKeyHash) external {
        StudyRecord storage s = _coordinated(studyId);
        if (publicKeyHash == bytes32(0)) revert InvalidParameter("publicKeyHash");
        if (s.currentRound != 0) revert PublicKeyLocked(studyId);
        if (s.activeParticipants < s.minParticipants) {
            revert TooFewParticipants(studyId, s.minParticipants, s.activeParticipants);
        }
        mapping(bytes32 => bool) storage retired = _retiredKeys[studyId];
        if (retired[publicKeyHash]) revert PublicKeyRetired(studyId, publicKeyHash);
        bytes32 replaced = s.publicKeyHash;
        if (replaced != bytes32(0) && replaced != publicKeyHash) retired[replaced] = true;
        s.publicKeyHash = publicKeyHash;
        emit PublicKeySet(studyId, publicKeyHash);
    }

    /// @notice Records the hash of the study's feature standardiser (the
    /// pooled moments the hospitals standardise with), which hospitals check
    /// before training. Callable by the coordinator until the first round opens.
    function setStandardiserHash(uint64 studyId, bytes32 standardiserHash) external {
        StudyRecord storage s = _coordinated(studyId);
        if (standardiserHash == bytes32(0)) revert InvalidParameter("standardiserHash");
        if (s.currentRound != 0) revert PublicKeyLocked(studyId);
        s.standardiserHash = standardiserHash;
        emit StandardiserSet(studyId, standardiserHash);
    }

    /// @notice Pins the content hash of the study's pooled-moments sum, the
    /// one sum of sites' encrypted moments share holders may decrypt (they
    /// give a decryption share for no other). Callable by the coordinator
    /// once, before the first round opens; pinning the same hash again is a
    /// no-op. Without it a coordinator could have two sums over different
    /// sets of sites decrypted and read one site's moments from their
    /// difference.
    function pinMomentsSum(uint64 studyId, bytes32 sumHash) external {
        StudyRecord storage s = _coordinated(studyId);
        if (sumHash == bytes32(0)) revert InvalidParameter("sumHash");
        if (s.currentRound != 0) revert PublicKeyLocked(studyId);
        bytes32 pinned = _momentsSum[studyId];
        if (pinned == sumHash) return;
        if (pinned != bytes32(0)) revert MomentsSumPinned(studyId, pinned);
        _momentsSum[studyId] = sumHash;
        emit MomentsSumSet(studyId, sumHash);
    }

    /// @notice The study's pinned pooled-moments sum (zero if none).
    function momentsSum(uint64 studyId) external view returns (bytes32) {
        _study(studyId);
        return _momentsSum[studyId];
    }

    /// @notice Sets the study's (ε, δ) differential-privacy budget, once,
    /// before round 1; only the study's owner may. Every round then records
    /// the study's ε after it, and no round opens beyond the budget.
    /// @param epsilonBudget ε in METRIC_UNIT fixed point (> 0)
    /// @param delta δ in DELTA_UNIT fixed point, in (0, DELTA_UNIT)
    function setPrivacyBudget(uint64 studyId, uint64 epsilonBudget, uint64 delta) external {
        StudyRecord storage s = _study(studyId);
        if (msg.sender != s.owner) revert NotAuthorised(msg.sender);
        if (s.currentRound != 0 || s.epsilonBudget != 0) revert PrivacyBudgetLocked(studyId);
        if (epsilonBudget == 0) revert InvalidParameter("epsilonBudget");
        if (delta == 0 || delta >= DELTA_UNIT) revert InvalidParameter("delta");
        s.epsilonBudget = epsilonBudget;
        s.delta = delta;
        emit PrivacyBudgetSet(studyId, epsilonBudget, delta);
    }

    // ---------------------------------------------------------------- rounds

    /// @notice Opens the next round of a study with the hash of the global model to train from.
    /// @param epsilonSpent the study's ε once this round has trained
    /// (METRIC_UNIT fixed point, rounded up), computed from the recipe, which
    /// hospitals check before training: more than the last round's and
    /// within the budget; zero in a study without a budget
    function openRound(uint64 studyId, uint32 round, bytes32 globalModel, uint64 deadline, uint64 epsilonSpent)
        external
    {
        StudyRecord storage s = _coordinated(studyId);
        if (s.completed) revert StudyCompleted(studyId);
        if (s.publicKeyHash == bytes32(0)) revert PublicKeyNotSet(studyId);
        if (s.roundOpen) revert RoundStillOpen(studyId, s.currentRound);
        (bool allowed, bool samplesBound) = committees.allowsRound(studyId, s.currentRound);
        if (!allowed) revert CommitteeNotCurrent(studyId);
        if (round != s.currentRound + 1) revert RoundOutOfOrder(studyId, s.currentRound + 1, round);
        if (globalModel == bytes32(0)) revert InvalidParameter("globalModel");
        if (deadline <= block.timestamp) revert InvalidDeadline(deadline, uint64(block.timestamp));
        uint64 budget = s.epsilonBudget;
        if (budget == 0 ? epsilonSpent != 0 : epsilonSpent <= s.epsilonSpent) {
            revert InvalidEpsilonSpent(studyId, s.epsilonSpent, epsilonSpent);
        }
        if (epsilonSpent > budget) revert PrivacyBudgetExceeded(studyId, budget, epsilonSpent);

        s.currentRound = round;
        s.roundOpen = true;
        RoundRecord storage r = _rounds[studyId][round];
        r.globalModel = globalModel;
        r.deadline = deadline;
        r.openedAt = uint64(block.timestamp);
        r.openedBlock = uint40(block.number);
        r.status = RoundStatus.Open;
        r.samplesBound = samplesBound;
        r.commitmentsRoot = globalModel; // seeded here so that every commit pays the same gas
        _committed[studyId][round][0] = 1;
        emit RoundOpened(studyId, round, globalModel, deadline);
        if (budget != 0) {
            s.epsilonSpent = epsilonSpent;
            r.epsilonSpent = epsilonSpent;
            emit PrivacySpent(studyId, round, epsilonSpent);
        }
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
        _requireMember(msg.sender);
        uint16 index = _inGoodStanding(studyId, msg.sender);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        if (block.timestamp > r.deadline) revert DeadlinePassed(studyId, round, r.deadline);
        _checkFields(ciphertextHash, sampleCount, consentRoot);
        if (r.samplesBound) {
            // The batch's check with one entry: two arrays of length 1, built by hand for code size.
            address[] memory member;
            uint64[] memory count;
            assembly ("memory-safe") {
                member := mload(0x40)
                mstore(member, 1)
                mstore(add(member, 0x20), caller())
                count := add(member, 0x40)
                mstore(count, 1)
                mstore(add(count, 0x20), sampleCount)
                mstore(0x40, add(member, 0x80))
            }
            _checkSamples(studyId, member, count, r.openedAt);
        }
        _markCommitted(studyId, round, index, msg.sender);
        r.commitmentsRoot = _nextRoot(r.commitmentsRoot, msg.sender, ciphertextHash, sampleCount, consentRoot);
        unchecked {
            r.commitments++; // bounded by participantCount (uint16)
        }
        emit UpdateCommitted(studyId, round, msg.sender, ciphertextHash, sampleCount, consentRoot);
    }

    /// @notice A hospital's commitment signed for relaying by the coordinator
    /// (EIP-712 RoundCommitment over this module's domain).
    struct SignedCommitment {
        bytes32 ciphertextHash;
        uint64 sampleCount;
        bytes32 consentRoot;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice The coordinator records many hospitals' commitments for an
    /// open round in one transaction, and may pin the round's contributor
    /// list with them. Each commitment is signed by its hospital (EIP-712
    /// RoundCommitment); the signer is checked exactly as commitUpdate checks
    /// its sender: an active member, a current participant, not suspended,
    /// committing once per round, before the deadline. Any bad entry reverts
    /// the whole batch with its error, and its pin with it (the coordinator
    /// checks the batch with a call first and leaves a bad entry out);
    /// hospitals may still commit one by one with commitUpdate.
    /// @dev The pin: share holders give score and decryption shares for the
    /// pinned list of contributors and no other (each reads the round's
    /// contributorsHash, getRound, first). The coordinator pins it once per
    /// round, before it asks anyone to decrypt: with the round's last batch
    /// (the list it will sum if the batch lands), or, with no commitments
    /// (commits empty: then the deadline does not apply), alone
    /// (contracts.Ledger.PinContributors). The first pin wins: the same hash
    /// again is a no-op (a restarted coordinator), another reverts with
    /// ContributorsPinned. Without it a coordinator that splits the holders
    /// into two groups of at least the threshold could have each decrypt an
    /// aggregate over another list (or scores under another projection
    /// seed) and read one update from their difference. The list fixes what
    /// holders open: each listed member commits once per round, so the list
    /// fixes the summed ciphertexts and their sample counts (a plain round's
    /// weights); the projection seed is drawn from the listed commitments in
    /// the listed order, and a robust round's weights follow from the scores
    /// decrypted for the list and the study's robust policy, both fixed on
    /// chain. Kept in the round's record, where a batch writes it with no
    /// further read.
    /// @param commits the signed commitments; empty only to pin alone
    /// @param contributorsHash the list to pin, keccak256(abi.encode(studyId,
    /// round, contributors)) with contributors the round's ordered address[]
    /// (contracts.ContributorsHash); zero: no pin
    function commitUpdates(uint64 studyId, uint32 round, SignedCommitment[] calldata commits, bytes32 contributorsHash)
        external
    {
        _coordinated(studyId);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        if (commits.length != 0) {
            _commitBatch(studyId, round, r, commits);
        } else if (contributorsHash == bytes32(0)) {
            revert InvalidParameter("commits");
        }
        if (contributorsHash != bytes32(0)) _pin(studyId, round, r, contributorsHash);
    }

    /// @notice Records the coordinator's per-participant scores, weights and
    /// flags for an open round. May be called several times (in chunks); the
    /// round's scoresHash chains every chunk. A flagged entry gives its
    /// member a strike only once Committees.confirmStrikes brings the
    /// participants' endorsements; until then the flagged members are kept
    /// as a running hash, the other entries only as the hash and the event.
    /// @param entries one word per participant, sorted by strictly increasing
    /// address: bits 0-159 member address, 160-191 weight (uint32, METRIC_UNIT
    /// fixed point), 192-223 score (int32 two's complement, METRIC_UNIT fixed
    /// point), 224-231 flags (FLAG_SUSPICIOUS), 232-255 zero.
    function recordScores(uint64 studyId, uint32 round, uint256[] calldata entries) external {
        _coordinated(studyId);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        if (entries.length == 0) revert InvalidParameter("entries");
        uint256 previous;
        bytes32 flagged;
        bool anyFlagged; // the flagged members' hash is read and written only then
        for (uint256 i = 0; i < entries.length; i++) {
            uint256 e = entries[i];
            uint256 member = uint160(e);
            if (member <= previous) revert UnsortedScores(i);
            if (e >> 232 != 0) revert InvalidParameter("entries");
            previous = member;
            if ((e >> 224) & FLAG_SUSPICIOUS != 0) {
                if (!anyFlagged) (flagged, anyFlagged) = (_flagged[studyId][round], true);
                flagged = keccak256(abi.encodePacked(flagged, address(uint160(member))));
            }
        }
        bytes32 h = keccak256(abi.encodePacked(r.scoresHash, entries));
        r.scoresHash = h;
        emit ScoresRecorded(studyId, round, entries, h);
        if (anyFlagged) _flagged[studyId][round] = flagged;
    }

    /// @notice Gives the members flagged by a round's recorded scores their
    /// strikes. Only the Committees module calls it, from its confirmStrikes,
    /// once at least the study's threshold of participants in good standing
    /// endorsed the scores: a coordinator alone cannot strike a member
    /// through its scores.
    /// @param members the flagged members, in recording order (Committees checked their chain)
    function strikeFlagged(uint64 studyId, uint32 round, address[] calldata members) external {
        if (msg.sender != address(committees)) revert NotAuthorised(msg.sender);
        StudyRecord storage s = _study(studyId);
        delete _flagged[studyId][round];
        for (uint256 i = 0; i < members.length; i++) {
            _strike(studyId, s, members[i], round, StrikeReason.Flagged, _rounds[studyId][round].scoresHash);
        }
    }

    /// @notice A participant of the study records on chain that it refused a
    /// round's aggregate as not the weighted sum of the committed updates, so
    /// that a coordinator's tampering is on the record, not only in the
    /// refusing hospital's log. Once per participant, round and aggregate.
    /// @param evidenceHash hash of the reporter's evidence (which chunks failed, and how)
    function disputeAggregate(uint64 studyId, uint32 round, bytes32 aggregateHash, bytes32 evidenceHash) external {
        StudyRecord storage s = _study(studyId);
        ParticipantRecord storage p = _participantRecords[studyId][msg.sender];
        if (p.index == 0 || p.left) revert NotParticipant(studyId, msg.sender);
        if (round == 0 || round > s.currentRound) revert RoundNotFound(studyId, round);
        if (aggregateHash == bytes32(0) || evidenceHash == bytes32(0)) revert InvalidParameter("hash");
        bytes32 key = keccak256(abi.encode(studyId, round, msg.sender, aggregateHash));
        if (_evidenceUsed[key]) revert DuplicateEvidence(studyId, msg.sender, evidenceHash);
        _evidenceUsed[key] = true;
        emit AggregateDisputed(studyId, round, msg.sender, aggregateHash, evidenceHash);
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
    /// once the deadline has passed; the study owner and participants taking
    /// part (joined, not left, not suspended) once ABANDON_GRACE has also passed. The round's number is used up: the next
    /// round opens with the following number.
    function abandonRound(uint64 studyId, uint32 round) external {
        StudyRecord storage s = _study(studyId);
        RoundRecord storage r = _rounds[studyId][round];
        if (r.status != RoundStatus.Open) revert RoundNotOpen(studyId, round);
        uint64 notBefore;
        if (msg.sender == s.coordinator) {
            notBefore = r.deadline;
        } else if (msg.sender == s.owner || _takesPart(_participantRecords[studyId][msg.sender])) {
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

    /// @dev A participant that joined and has neither left nor been suspended:
    /// one that left or that strikes suspended does not decide on a round.
    function _takesPart(ParticipantRecord storage p) private view returns (bool) {
        return p.index != 0 && !p.left && !p.suspended;
    }

    // ----------------------------------------------------------------- views

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
    function getParticipant(uint64 studyId, address account) external view returns (ParticipantRecord memory p) {
        StudyRecord storage s = _study(studyId);
        p = _participantRecords[studyId][account];
        if (p.index == 0) return p;
        for (uint32 r = s.currentRound; r > 0; r--) {
            if (_committed[studyId][r][p.index >> 8] & (1 << (p.index & 255)) != 0) {
                p.lastCommittedRound = r;
                break;
            }
        }
    }

    /// @notice The record of a round (status None if it never opened).
    function getRound(uint64 studyId, uint32 round) external view returns (RoundRecord memory) {
        _study(studyId);
        return _rounds[studyId][round];
    }

    /// @notice What Committees.confirmStrikes checks a round's endorsements
    /// against, in one call: the study's coordinator and threshold, the
    /// round's scores hash and flagged hash, and the EIP-712 domain.
    function endorsementContext(uint64 studyId, uint32 round)
        external
        view
        returns (address coordinator, uint32 threshold, bytes32 scoresHash, bytes32 flagged, bytes32 domain)
    {
        StudyRecord storage s = _study(studyId);
        return (s.coordinator, s.threshold, _rounds[studyId][round].scoresHash, _flagged[studyId][round], domainSeparator());
    }

    /// @notice The index of the first account that is not a current,
    /// unsuspended participant of the study; type(uint256).max if none.
    function firstNotInGoodStanding(uint64 studyId, address[] calldata accounts) external view returns (uint256) {
        for (uint256 i = 0; i < accounts.length; i++) {
            ParticipantRecord storage p = _participantRecords[studyId][accounts[i]];
            if (p.index == 0 || p.left || p.suspended) return i;
        }
        return type(uint256).max;
    }

    /// @inheritdoc IStudies
    function isSuspended(uint64 studyId, address member) external view returns (bool) {
        _study(studyId);
        return _participantRecords[studyId][member].suspended;
    }

    /// @inheritdoc IStudies
    function isReinstatable(uint64 studyId, address member) external view returns (bool) {
        _study(studyId);
        ParticipantRecord storage p = _participantRecords[studyId][member];
        return p.suspended || p.removed;
    }

    /// @inheritdoc IStudies
    function consentContext(uint64 studyId, uint32 round)
        external
        view
        returns (bytes32 purpose, uint64 cutoffBlock, uint64 at)
    {
        purpose = _study(studyId).purpose;
        cutoffBlock = type(uint64).max;
        at = uint64(block.timestamp);
        if (round != 0) {
            RoundRecord storage r = _rounds[studyId][round];
            if (r.status == RoundStatus.None) revert RoundNotFound(studyId, round);
            cutoffBlock = r.openedBlock;
            at = r.openedAt;
        }
    }

    /// @notice The digest of a commitment: keccak256(abi.encode(ciphertextHash, sampleCount, consentRoot)).
    function commitmentDigest(
        bytes32 ciphertextHash,
        uint64 sampleCount,
        bytes32 consentRoot
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(ciphertextHash, sampleCount, consentRoot));
    }

    /// @notice The EIP-712 domain separator (name "Cohort", version "1", this chain and module).
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == _deployChainId ? _deployDomainSeparator : _buildDomainSeparator();
    }

    // -------------------------------------------------------------- internals

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

    /// @dev A member that joined the study (left or not) and was not already removed by a vote.
    function _excludable(uint64 studyId, address member) private view returns (ParticipantRecord storage p) {
        p = _participantRecords[studyId][member];
        if (p.index == 0) revert NeverJoined(studyId, member);
        if (p.removed) revert AlreadyRemoved(studyId, member);
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

    /// @dev commitUpdates' batch, not empty, for an open round r.
    function _commitBatch(uint64 studyId, uint32 round, RoundRecord storage r, SignedCommitment[] calldata commits)
        private
    {
        if (block.timestamp > r.deadline) revert DeadlinePassed(studyId, round, r.deadline);
        if (commits.length > type(uint16).max) revert InvalidParameter("commits");
        bytes32 root = r.commitmentsRoot;
        bytes32 domain = domainSeparator();
        address[] memory members = new address[](commits.length);
        bytes32[] memory ciphertextHashes = new bytes32[](commits.length);
        uint64[] memory sampleCounts = new uint64[](commits.length);
        bytes32[] memory consentRoots = new bytes32[](commits.length);
        for (uint256 i = 0; i < commits.length; i++) {
            SignedCommitment calldata c = commits[i];
            (address member, uint64 sampleCount) = _checkSignedCommitment(studyId, round, domain, c);
            root = _nextRoot(root, member, c.ciphertextHash, sampleCount, c.consentRoot);
            members[i] = member;
            ciphertextHashes[i] = c.ciphertextHash;
            sampleCounts[i] = sampleCount;
            consentRoots[i] = c.consentRoot;
        }
        uint256 outsider = IConsortium(consortium).firstNonMember(members); // one call for the batch
        if (outsider != type(uint256).max) revert NotMember(members[outsider]);
        if (r.samplesBound) _checkSamples(studyId, members, sampleCounts, r.openedAt); // one call for the batch
        emit UpdatesCommitted(studyId, round, members, ciphertextHashes, sampleCounts, consentRoots);
        r.commitmentsRoot = root;
        r.commitments += uint16(commits.length); // at most one per participant, a uint16
    }

    /// @dev Recovers the signer of a batched commitment, checks it as
    /// commitUpdate checks its sender (membership apart: the caller checks
    /// the whole batch at once) and marks it committed; returns the signer
    /// and the commitment's sample count (read from calldata once).
    function _checkSignedCommitment(uint64 studyId, uint32 round, bytes32 domain, SignedCommitment calldata c)
        private
        returns (address member, uint64 sampleCount)
    {
        sampleCount = c.sampleCount; // read and range-checked once
        _checkFields(c.ciphertextHash, sampleCount, c.consentRoot);
        bytes32 digest = _commitTypedDigest(domain, studyId, round, c.ciphertextHash, sampleCount, c.consentRoot);
        if (uint256(c.s) > _HALF_ORDER) revert BadCommitSignature(address(0));
        member = ecrecover(digest, c.v, c.r, c.s);
        if (member == address(0)) revert BadCommitSignature(member);
        uint16 index = _inGoodStanding(studyId, member);
        _markCommitted(studyId, round, index, member);
    }

    /// @dev The EIP-712 digest of a RoundCommitment, hashed in scratch
    /// memory so that a batch's memory does not grow with every entry.
    function _commitTypedDigest(
        bytes32 domain,
        uint64 studyId,
        uint32 round,
        bytes32 ciphertextHash,
        uint64 sampleCount,
        bytes32 consentRoot
    ) private pure returns (bytes32 digest) {
        bytes32 typeHash = COMMIT_TYPEHASH;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, typeHash)
            mstore(add(m, 0x20), studyId)
            mstore(add(m, 0x40), round)
            mstore(add(m, 0x60), ciphertextHash)
            mstore(add(m, 0x80), sampleCount)
            mstore(add(m, 0xa0), consentRoot)
            let structHash := keccak256(m, 0xc0)
            mstore(m, 0x1901000000000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x02), domain)
            mstore(add(m, 0x22), structHash)
            digest := keccak256(m, 0x42)
        }
    }

    /// @dev keccak256(abi.encode(root, member, commitmentDigest(...))), in scratch memory.
    function _nextRoot(bytes32 root, address member, bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot)
        private
        pure
        returns (bytes32 next)
    {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, ciphertextHash)
            mstore(add(m, 0x20), sampleCount)
            mstore(add(m, 0x40), consentRoot)
            let d := keccak256(m, 0x60)
            mstore(m, root)
            mstore(add(m, 0x20), member)
            mstore(add(m, 0x40), d)
            next := keccak256(m, 0x60)
        }
    }

    /// @dev Pins an open round's contributor list: first pin wins, the same again is a no-op.
    function _pin(uint64 studyId, uint32 round, RoundRecord storage r, bytes32 contributorsHash) private {
        bytes32 pinned = r.contributorsHash;
        if (pinned == contributorsHash) return;
        if (pinned != bytes32(0)) revert ContributorsPinned(studyId, round, pinned);
        r.contributorsHash = contributorsHash;
        emit ContributorsSet(studyId, round, contributorsHash);
    }

    function _markCommitted(uint64 studyId, uint32 round, uint16 index, address member) private {
        mapping(uint256 => uint256) storage words = _committed[studyId][round];
        uint256 bit = 1 << (index & 255);
        uint256 word = words[index >> 8];
        if (word & bit != 0) revert AlreadyCommitted(studyId, round, member);
        words[index >> 8] = word | bit;
    }

    /// @dev The index of a current, unsuspended participant; reverts otherwise.
    function _inGoodStanding(uint64 studyId, address member) private view returns (uint16) {
        ParticipantRecord storage p = _participantRecords[studyId][member];
        // Read together, so that the record's slot is read once.
        (uint16 i, bool left, bool suspended) = (p.index, p.left, p.suspended);
        if (i == 0 || left) {
            _study(studyId); // a better error for an unknown study; joined implies it exists
            revert NotParticipant(studyId, member);
        }
        if (suspended) revert MemberSuspended(studyId, member);
        return i;
    }

    /// @dev A commitment's fields are all set.
    function _checkFields(bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) private pure {
        if (ciphertextHash == bytes32(0)) revert InvalidParameter("ciphertextHash");
        if (sampleCount == 0) revert InvalidParameter("sampleCount");
        if (consentRoot == bytes32(0)) revert InvalidParameter("consentRoot");
    }

    /// @dev Reverts (SamplesAboveConsent) if a member's sample count is
    /// above its consent counts in a round opened at openedAt.
    function _checkSamples(uint64 studyId, address[] memory members, uint64[] memory counts, uint64 openedAt)
        private
        view
    {
        // Committees asks the current ConsentRegistry: the call has no room here.
        IConsentCounts(address(committees)).checkSamples(studyId, members, counts, openedAt);
    }

    function _requireMember(address account) private view {
        if (!IConsortium(consortium).isMember(account)) revert NotMember(account);
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, keccak256("Cohort"), keccak256("1"), block.chainid, address(this)));
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
