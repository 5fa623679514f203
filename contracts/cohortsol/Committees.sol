// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Studies} from "Studies.sol";
import {IConsortium, IConsentCounts} from "Modules.sol";

/// @title Cohort decryption committees
/// @notice Each study of a Studies module may have a decryption committee:
/// c of its participants, chosen here by a rule anyone can re-check, hold
/// Shamir shares of every participant's key, and t of them (the study's
/// threshold) decrypt. Key generation then deals n·c shares instead of n²,
/// and only c participants keep shares (n each) instead of all n.
/// A study without a committee (size 0) keeps every active participant as a
/// holder. The Studies module creates this contract in its constructor, asks
/// it before every round whether the committee is current, and forwards the
/// consortium's rotation votes.
/// @dev A committee is current while it was selected, no rotation vote
/// asked for another, no member left, was suspended or was removed from the
/// consortium, and fewer than
/// rotationRounds rounds opened since the selection. The coordinator
/// re-selects it between rounds when it is not (and only then: nobody can
/// draw committees until one suits them); the hospitals re-share the keys
/// from the old committee to the new one off chain.
/// A selection takes two transactions so that nobody can choose its seed:
/// requestCommittee fixes the candidates (the active participants, in the
/// CommitteeRequested event) in a block whose hash nobody sending it can
/// know, and selectCommittee, in a later block, draws from exactly those
/// candidates with that block's hash. The coordinator or any participant
/// may complete it, so the coordinator cannot drop a draw it dislikes
/// short of letting it lapse (256 blocks, the reach of blockhash), which
/// the events show.
/// It also keeps what Studies has no code room for: endorsed strikes
/// (confirmStrikes) and whether a study binds sample counts to consent.
contract Committees is IConsentCounts {
    /// @notice The largest committee.
    uint16 public constant MAX_SIZE = 255;

    /// @notice A study's committee.
    struct CommitteeRecord {
        // slot 0
        uint16 size; // c; 0: no committee
        uint32 rotationRounds; // re-select after this many rounds; 0: never by itself
        uint32 epoch; // selections so far
        uint32 selectedRound; // the study's currentRound at the last selection
        uint64 selectedBlock;
        bool rotationVoted; // a consortium vote asked for a new committee
        uint64 requestBlock; // block of the pending requestCommittee; 0: none pending
        bool samplesBound; // the study binds sample counts to consent (bindSamples); not a committee matter, kept here where Studies reads it
        // slot 1
        bytes32 seed; // keccak256(abi.encode(studyId, epoch, blockhash(requestBlock)))
        // slot 2
        address[] members; // sorted by address
        // slot 3
        bytes32 candidatesHash; // keccak256(abi.encode(candidates)) of the pending request
    }

    /// @notice How many blocks a request stays open: blockhash reaches back 256.
    uint256 public constant SELECTION_WINDOW = 256;
    /// @dev secp256k1 order / 2: larger s values are malleable duplicates.
    uint256 private constant _HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice The caller may not do this.
    error NotAuthorised(address account);
    /// @notice The committee is set once, by the study's owner, before its key is set.
    error CommitteeLocked(uint64 studyId);
    /// @notice The committee is current: selecting again is refused.
    error CommitteeCurrent(uint64 studyId, uint32 epoch);
    /// @notice The study has no committee (size 0).
    error NoCommittee(uint64 studyId);
    /// @notice The study has a round open: committees change between rounds.
    error RoundStillOpen(uint64 studyId, uint32 round);
    /// @notice Fewer active participants than the study's threshold.
    error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual);
    /// @notice A parameter is out of range; field names it.
    error InvalidParameter(string field);
    /// @notice A selection was requested at requestBlock and may still be completed.
    error SelectionPending(uint64 studyId, uint64 requestBlock);
    /// @notice No selection is pending: the coordinator requests one first.
    error NoSelectionRequested(uint64 studyId);
    /// @notice The selection completes in a block after the request's, whose hash is then known.
    error SelectionTooEarly(uint64 studyId, uint64 requestBlock);
    /// @notice The request is more than SELECTION_WINDOW blocks old: request again.
    error SelectionExpired(uint64 studyId, uint64 requestBlock);
    /// @notice The candidates are not the ones the request fixed.
    error CandidatesMismatch(uint64 studyId);
    /// @notice A study's sample counts are bound to consent before its key is set, or never.
    error SamplesBindingLocked(uint64 studyId);

    /// @notice The study's owner gave it a committee of size members, re-selected every rotationRounds rounds (0: never by itself).
    event CommitteeSet(uint64 indexed studyId, uint16 size, uint32 rotationRounds);
    /// @notice A selection was requested; it draws from candidates with the hash of block requestBlock.
    event CommitteeRequested(uint64 indexed studyId, uint32 indexed epoch, uint64 requestBlock, address[] candidates);
    /// @notice A committee was selected, members sorted by address.
    event CommitteeSelected(uint64 indexed studyId, uint32 indexed epoch, bytes32 seed, address[] members);
    /// @notice A consortium vote asked for a new committee.
    event RotationVoted(uint64 indexed studyId, uint32 indexed epoch);
    /// @notice The study's owner bound its commitments' sample counts to its members' consent counts.
    event SamplesBound(uint64 indexed studyId);

    /// @notice The Studies module whose studies the committees serve.
    Studies public immutable studies;
    /// @notice The Consortium the Studies module serves.
    IConsortium public immutable consortium;
    mapping(uint64 => CommitteeRecord) private _committees;

    /// @param consortium_ the Consortium of the Studies module creating this contract
    constructor(address consortium_) {
        studies = Studies(msg.sender);
        consortium = IConsortium(consortium_);
    }

    /// @notice Gives the study a committee of size participants, once, before
    /// its key is set; only the study's owner may.
    /// @param size at least the study's threshold, at most MAX_SIZE
    /// @param rotationRounds re-select the committee after this many rounds (0: never by itself)
    function setCommittee(uint64 studyId, uint16 size, uint32 rotationRounds) external {
        Studies.StudyRecord memory s = studies.getStudy(studyId);
        if (msg.sender != s.owner) revert NotAuthorised(msg.sender);
        CommitteeRecord storage c = _committees[studyId];
        if (s.publicKeyHash != bytes32(0) || c.size != 0) revert CommitteeLocked(studyId);
        if (size < s.threshold || size > MAX_SIZE) revert InvalidParameter("size");
        c.size = size;
        c.rotationRounds = rotationRounds;
        emit CommitteeSet(studyId, size, rotationRounds);
    }

    /// @notice Binds the sample count of every commitment to the study by its
    /// member's consent counts in the ConsentRegistry (sampleBound): a
    /// commitment above them is refused (SamplesAboveConsent). Once, for
    /// good, before the study's key is set; only the study's owner may. For
    /// studies whose patients' consent is relayed on chain, by members that
    /// open their counts (ConsentRegistry.openSampleCount) before relaying.
    /// @dev Kept here, where the code has room: Studies reads it with the
    /// committee as each round opens and keeps it in the round.
    function bindSamples(uint64 studyId) external {
        Studies.StudyRecord memory s = studies.getStudy(studyId);
        if (msg.sender != s.owner) revert NotAuthorised(msg.sender);
        CommitteeRecord storage c = _committees[studyId];
        if (s.publicKeyHash != bytes32(0) || c.samplesBound) revert SamplesBindingLocked(studyId);
        c.samplesBound = true;
        emit SamplesBound(studyId);
    }

    /// @notice Asks the Consortium's current ConsentRegistry (checkSamples)
    /// for Studies, whose code has no room for the call; its revert
    /// (SamplesAboveConsent) comes back unchanged.
    function checkSamples(uint64 studyId, address[] calldata members, uint64[] calldata sampleCounts, uint64 openedAt)
        external
        view
    {
        IConsentCounts(consortium.consent()).checkSamples(studyId, members, sampleCounts, openedAt);
    }

    /// @notice The study's coordinator asks for a new committee between
    /// rounds when none is current: the candidates are the active
    /// participants (joined, not left, not suspended, still consortium
    /// members) now, and the seed will
    /// be this block's hash. A request that lapsed may be made again.
    function requestCommittee(uint64 studyId) external {
        Studies.StudyRecord memory s = studies.getStudy(studyId);
        if (msg.sender != s.coordinator) revert NotAuthorised(msg.sender);
        CommitteeRecord storage c = _committees[studyId];
        if (c.size == 0) revert NoCommittee(studyId);
        if (s.roundOpen) revert RoundStillOpen(studyId, s.currentRound);
        if (_current(studyId, c, s.currentRound)) revert CommitteeCurrent(studyId, c.epoch);
        uint64 pending = c.requestBlock;
        if (pending != 0 && block.number <= pending + SELECTION_WINDOW) revert SelectionPending(studyId, pending);
        address[] memory all = studies.studyParticipants(studyId);
        address[] memory candidates = new address[](all.length);
        uint256 n;
        for (uint256 i = 0; i < all.length; i++) {
            if (!studies.isSuspended(studyId, all[i]) && consortium.isMember(all[i])) candidates[n++] = all[i];
        }
        if (n < s.threshold) revert TooFewParticipants(studyId, s.threshold, uint32(n));
        assembly {
            mstore(candidates, n)
        }
        c.requestBlock = uint64(block.number);
        c.candidatesHash = keccak256(abi.encode(candidates));
        emit CommitteeRequested(studyId, c.epoch + 1, uint64(block.number), candidates);
    }

    /// @notice Completes a requested selection in a later block; the study's
    /// coordinator or any of its participants may. The rule, which anyone
    /// can re-check from the two events: the size candidates with the
    /// lowest uint256(keccak256(abi.encode(seed, candidate))), all of them
    /// if fewer, sorted by address, where seed is
    /// keccak256(abi.encode(studyId, epoch, blockhash(requestBlock))).
    /// @param candidates the request's, as its CommitteeRequested event lists them
    function selectCommittee(uint64 studyId, address[] calldata candidates) external {
        Studies.StudyRecord memory s = studies.getStudy(studyId);
        if (msg.sender != s.coordinator && !studies.isParticipant(studyId, msg.sender)) revert NotAuthorised(msg.sender);
        CommitteeRecord storage c = _committees[studyId];
        uint64 at = c.requestBlock;
        if (at == 0) revert NoSelectionRequested(studyId);
        // The checks that do not depend on the block come first, so that a
        // failed selection replayed on its parent block says why it failed.
        if (keccak256(abi.encode(candidates)) != c.candidatesHash) revert CandidatesMismatch(studyId);
        if (block.number <= at) revert SelectionTooEarly(studyId, at);
        bytes32 h = blockhash(at);
        if (h == bytes32(0)) revert SelectionExpired(studyId, at);
        uint32 epoch = c.epoch + 1;
        bytes32 seed = keccak256(abi.encode(studyId, epoch, h));
        uint256 size = c.size;
        uint256[] memory best = new uint256[](size); // ascending scores of the picks so far
        address[] memory pick = new address[](size);
        uint256 n;
        for (uint256 i = 0; i < candidates.length; i++) {
            address a = candidates[i];
            uint256 score = uint256(keccak256(abi.encode(seed, a)));
            if (n == size && score >= best[size - 1]) continue;
            uint256 j = n < size ? n++ : size - 1;
            for (; j > 0 && best[j - 1] > score; j--) {
                (best[j], pick[j]) = (best[j - 1], pick[j - 1]);
            }
            (best[j], pick[j]) = (score, a);
        }
        address[] memory members = new address[](n);
        for (uint256 i = 0; i < n; i++) {
            address a = pick[i];
            uint256 j = i;
            for (; j > 0 && members[j - 1] > a; j--) members[j] = members[j - 1];
            members[j] = a;
        }
        c.epoch = epoch;
        c.selectedRound = s.currentRound;
        c.selectedBlock = uint64(block.number);
        c.rotationVoted = false;
        c.requestBlock = 0;
        c.candidatesHash = bytes32(0);
        c.seed = seed;
        c.members = members;
        emit CommitteeSelected(studyId, epoch, seed, members);
    }

    /// @notice The Studies module forwards a carried rotation vote.
    function requestRotation(uint64 studyId) external {
        if (msg.sender != address(studies)) revert NotAuthorised(msg.sender);
        CommitteeRecord storage c = _committees[studyId]; // size 0: harmless, no committee to rotate
        c.rotationVoted = true;
        emit RotationVoted(studyId, c.epoch);
    }

    /// @notice EIP-712 type a participant signs to endorse a round's recorded
    /// scores (in the Studies module's domain).
    bytes32 public constant ENDORSEMENT_TYPEHASH =
        keccak256("ScoresEndorsement(uint64 studyId,uint32 round,bytes32 scoresHash)");

    /// @notice Endorsement index is not a valid signature by a participant in
    /// good standing, or its signer does not follow the previous one's address.
    error BadEndorsement(uint256 index);
    /// @notice Fewer endorsements than the study's threshold.
    error TooFewEndorsements(uint64 studyId, uint32 required, uint256 actual);
    /// @notice The round has no flagged members awaiting their strikes: none
    /// were flagged, or they were struck already (by confirmStrikes or by
    /// endorseScores, whichever came first).
    error NoStrikePending(uint64 studyId, uint32 round);
    /// @notice The round's scores hash is now recorded, not the one endorsed:
    /// the coordinator recorded more scores since.
    error ScoresChanged(uint64 studyId, uint32 round, bytes32 recorded);
    /// @notice The account is not a participant of the study in good
    /// standing (never joined, left or suspended).
    error NotInGoodStanding(uint64 studyId, address account);
    /// @notice The endorser endorsed the round's scores hash on chain already.
    error AlreadyEndorsed(uint64 studyId, uint32 round, address endorser);

    /// @notice A participant endorsed a round's scores on chain
    /// (endorseScores); endorsements counts the distinct endorsers of that
    /// scores hash so far, and the one that reaches the study's threshold
    /// strikes the flagged members.
    event ScoresEndorsed(
        uint64 indexed studyId, uint32 indexed round, address indexed endorser, bytes32 scoresHash, uint256 endorsements
    );

    /// @dev On-chain endorsements (endorseScores) by
    /// keccak256(abi.encode(studyId, round, scoresHash)): how many, and whether by an account.
    mapping(bytes32 => uint256) private _endorsementCount;
    mapping(bytes32 => mapping(address => bool)) private _endorsedBy;

    /// @notice The study's coordinator gives the members flagged by a
    /// round's recorded scores their strikes (Studies.strikeFlagged), once at
    /// least the study's threshold of distinct participants in good standing
    /// (current, not suspended) signed the round's scores hash: each
    /// re-derived the flags from the evidence before it helped decrypt, so a
    /// coordinator alone cannot strike a member through its scores. Kept
    /// here, where the code has room; Studies answers its questions in two
    /// calls. The participants need not wait for it: t of them striking
    /// with endorseScores does the same, and whichever comes second finds
    /// NoStrikePending.
    /// @param flagged the flagged members in recording order: they must chain to the hash Studies keeps of them
    /// @param endorsements 65-byte signatures (r, s, v), by signer address strictly increasing
    function confirmStrikes(uint64 studyId, uint32 round, address[] calldata flagged, bytes calldata endorsements)
        external
    {
        (address coordinator, uint32 threshold, bytes32 scoresHash, bytes32 flaggedHash, bytes32 domain) =
            studies.endorsementContext(studyId, round);
        if (msg.sender != coordinator) revert NotAuthorised(msg.sender);
        if (flaggedHash == bytes32(0)) revert NoStrikePending(studyId, round);
        _checkFlagged(flagged, flaggedHash);
        bytes32 digest = keccak256(
            abi.encodePacked("\x19\x01", domain, keccak256(abi.encode(ENDORSEMENT_TYPEHASH, studyId, round, scoresHash)))
        );
        _checkEndorsers(studyId, threshold, digest, endorsements);
        studies.strikeFlagged(studyId, round, flagged);
    }

    /// @notice A participant in good standing endorses a round's recorded
    /// scores itself, on chain, having re-derived their weights and flags
    /// (as a holder before it decrypted, or when asked to endorse): once the
    /// study's threshold of distinct participants did so for the round's
    /// scores hash, the flagged members get their strikes
    /// (Studies.strikeFlagged), with no help from the coordinator. So a
    /// coordinator that never calls confirmStrikes (colluding with a flagged
    /// member, or crashed) cannot spare it its strike. confirmStrikes and
    /// this path count apart; whichever reaches the threshold first strikes,
    /// and the other then finds NoStrikePending. An endorser counts if it
    /// was in good standing when it endorsed.
    /// @param scoresHash the round's scores hash the endorser checked: it must still be the one recorded
    /// @param flagged the flagged members in recording order, as for confirmStrikes
    function endorseScores(uint64 studyId, uint32 round, bytes32 scoresHash, address[] calldata flagged) external {
        (, uint32 threshold, bytes32 recorded, bytes32 flaggedHash,) = studies.endorsementContext(studyId, round);
        if (flaggedHash == bytes32(0)) revert NoStrikePending(studyId, round);
        if (scoresHash != recorded) revert ScoresChanged(studyId, round, recorded);
        _checkFlagged(flagged, flaggedHash);
        address[] memory endorser = new address[](1);
        endorser[0] = msg.sender;
        if (studies.firstNotInGoodStanding(studyId, endorser) != type(uint256).max) {
            revert NotInGoodStanding(studyId, msg.sender);
        }
        bytes32 key = keccak256(abi.encode(studyId, round, scoresHash));
        if (_endorsedBy[key][msg.sender]) revert AlreadyEndorsed(studyId, round, msg.sender);
        _endorsedBy[key][msg.sender] = true;
        uint256 n = _endorsementCount[key] + 1;
        _endorsementCount[key] = n;
        emit ScoresEndorsed(studyId, round, msg.sender, scoresHash, n);
        if (n >= threshold) studies.strikeFlagged(studyId, round, flagged);
    }

    /// @dev Reverts unless flagged are the members whose strikes are
    /// pending, in recording order: they chain to flaggedHash.
    function _checkFlagged(address[] calldata flagged, bytes32 flaggedHash) private pure {
        bytes32 h;
        for (uint256 i = 0; i < flagged.length; i++) {
            h = keccak256(abi.encodePacked(h, flagged[i]));
        }
        if (h != flaggedHash) revert InvalidParameter("flagged");
    }

    /// @dev Reverts unless at least threshold distinct participants of the
    /// study in good standing signed digest, in increasing address order.
    function _checkEndorsers(uint64 studyId, uint32 threshold, bytes32 digest, bytes calldata endorsements) private view {
        address[] memory signers = _endorsers(digest, endorsements);
        if (signers.length == 0 || signers.length < threshold) {
            revert TooFewEndorsements(studyId, threshold, signers.length);
        }
        uint256 bad = studies.firstNotInGoodStanding(studyId, signers);
        if (bad != type(uint256).max) revert BadEndorsement(bad);
    }

    /// @dev The signers of the endorsements, each after the previous one.
    function _endorsers(bytes32 digest, bytes calldata endorsements) private pure returns (address[] memory signers) {
        uint256 n = endorsements.length / 65;
        if (endorsements.length != n * 65) revert InvalidParameter("endorsements");
        signers = new address[](n);
        address last;
        for (uint256 i = 0; i < n; i++) {
            address signer = _recover(digest, endorsements[i * 65:i * 65 + 65]);
            if (signer <= last) revert BadEndorsement(i);
            signers[i] = last = signer;
        }
    }

    /// @dev The signer of a 65-byte (r, s, v) signature; zero if it is malformed or malleable.
    function _recover(bytes32 digest, bytes calldata sig) private pure returns (address) {
        if (uint256(bytes32(sig[32:64])) > _HALF_ORDER) return address(0);
        return ecrecover(digest, uint8(sig[64]), bytes32(sig[0:32]), bytes32(sig[32:64]));
    }

    /// @notice The study's committee (size 0: none; epoch 0: not selected yet).
    function getCommittee(uint64 studyId) external view returns (CommitteeRecord memory) {
        return _committees[studyId];
    }

    /// @notice Whether a round after currentRound may open as far as the
    /// committee goes (the study has none, or it is current), and whether
    /// the study binds sample counts to consent (bindSamples).
    function allowsRound(uint64 studyId, uint32 currentRound) external view returns (bool allowed, bool samplesBound) {
        CommitteeRecord storage c = _committees[studyId];
        return (c.size == 0 || _current(studyId, c, currentRound), c.samplesBound);
    }

    /// @notice Whether the study's committee is selected and current.
    function isCurrent(uint64 studyId) external view returns (bool) {
        return _current(studyId, _committees[studyId], studies.getStudy(studyId).currentRound);
    }

    function _current(uint64 studyId, CommitteeRecord storage c, uint32 currentRound) private view returns (bool) {
        uint32 r = c.rotationRounds;
        if (c.epoch == 0 || c.rotationVoted || (r != 0 && currentRound >= c.selectedRound + r)) return false;
        address[] memory members = c.members;
        for (uint256 i = 0; i < members.length; i++) {
            address a = members[i];
            if (!studies.isParticipant(studyId, a) || studies.isSuspended(studyId, a)) return false;
        }
        // A member the consortium voted out holds no more key shares.
        return consortium.firstNonMember(members) == type(uint256).max;
    }
}
