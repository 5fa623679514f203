// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IConsortium, ICohortModule, IConsentModule, IStudies} from "Modules.sol";

/// @title Cohort consortium: members, their votes, and the directory of modules
/// @notice The root of a Cohort ledger and its identity: the consortium of
/// hospitals, how it changes by vote, and which Studies and ConsentRegistry
/// modules are current. Members vote to admit, remove or reinstate, to
/// exclude a participant from a study or rotate its committee, to change
/// the quorum and to replace a module by a new version.
/// @dev Module versions: a Studies module serves the study ids from its
/// firstStudyId on; when a vote replaces it, the old module is retired (it
/// refuses new studies, and its running studies finish on it) and the new one
/// continues the ids. studiesFor(id) finds the module of any study. A retired
/// ConsentRegistry refuses relays; its successor reads it for every scope it
/// has not recorded itself, so no decision and no nonce is lost. A
/// registry is linked or voted in only if it names the current one (none
/// at link time) as its predecessor: one naming an older registry or none
/// would make the skipped registries' decisions, revocations included, stop
/// counting. So the registries form one chain, none of them twice.
contract Consortium is IConsortium {
    /// @notice How long a membership proposal accepts votes.
    uint64 public constant PROPOSAL_TTL = 7 days;
    /// @notice Default share of active members whose votes carry a proposal.
    uint8 public constant DEFAULT_QUORUM_PERCENT = 51;

    /// @notice What a proposal does once it has enough votes.
    enum ProposalKind {
        None,
        Admit,
        Remove,
        Reinstate,
        Quorum,
        Module,
        Rotate,
        Exclude
    }

    /// @notice The modules a vote can replace.
    enum ModuleKind {
        Studies,
        Consent
    }

    /// @notice A consortium member (a hospital or other institution).
    struct MemberRecord {
        bytes32 tlsFingerprint; // SHA-256 of the member's TLS certificate
        uint64 admittedAt; // block timestamp of the (last) admission
        uint64 removedAt; // block timestamp of the last removal; 0 if never removed
        bool active;
        string name;
    }

    /// @notice A proposal.
    struct Proposal {
        // slot 0
        ProposalKind kind;
        uint8 quorumPercent; // Quorum proposals: the new quorum
        uint32 yes;
        uint64 studyId; // Reinstate, Rotate and Exclude proposals: the study
        uint64 expiresAt;
        bool executed;
        ModuleKind moduleKind; // Module proposals: which module subject replaces
        // slot 1
        address subject; // the member admitted, removed, reinstated or excluded; the new module
        // slot 2
        address proposer;
        // slots 3-4: Admit proposals
        bytes32 tlsFingerprint;
        string name;
    }

    /// @notice The caller (or founder entry) is not an active consortium member.
    error NotMember(address account);
    /// @notice The address is already a consortium member.
    error DuplicateMember(address account);
    /// @notice Removing the member would leave the consortium without members.
    error LastMember(address account);
    /// @notice No study has this id.
    error StudyNotFound(uint64 studyId);
    /// @notice The member is neither suspended from the study nor removed from it by a vote: nothing to reinstate.
    error NotSuspended(uint64 studyId, address account);
    /// @notice No proposal has this id.
    error ProposalNotFound(uint64 proposalId);
    /// @notice The proposal was already executed.
    error ProposalClosed(uint64 proposalId);
    /// @notice The proposal's voting period is over.
    error ProposalExpired(uint64 proposalId, uint64 expiredAt);
    /// @notice The member already voted for the proposal.
    error AlreadyVoted(uint64 proposalId, address account);
    /// @notice Only the deployer links the first modules, once.
    error NotAuthorised(address account);
    /// @notice The module serves another consortium, or is or was already a module of this one.
    error ModuleMismatch(address module);
    /// @notice The module is not of the kind proposed: no Studies module (it has no
    /// firstStudyId) for Studies, or no consent registry (no predecessor) for Consent.
    error ModuleKindMismatch(address module, ModuleKind kind);
    /// @notice The modules are not linked yet.
    error NotLinked();
    /// @notice A parameter is zero, empty or out of range; field names it.
    error InvalidParameter(string field);
    /// @notice The consent registry names predecessor, not the current registry, as its predecessor.
    error ConsentPredecessorMismatch(address module, address predecessor, address current);

    /// @notice A member was admitted to the consortium (at deployment or by vote).
    event MemberAdmitted(address indexed member, string name, bytes32 tlsFingerprint);
    /// @notice A member was removed from the consortium by vote.
    event MemberRemoved(address indexed member);
    /// @notice A member changed its TLS certificate fingerprint.
    event FingerprintUpdated(address indexed member, bytes32 tlsFingerprint);
    /// @notice The share of active members whose votes carry a proposal changed.
    event QuorumChanged(uint8 quorumPercent);
    /// @notice A member proposed a change.
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
    /// @notice A module became current (at link time previous is zero).
    event ModuleReplaced(ModuleKind indexed kind, address indexed previous, address indexed current);

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

    /// @notice The block the Consortium was deployed in: no event of the
    /// ledger is older, so readers of its logs start there, not at genesis.
    uint256 public immutable deployedAt;

    /// @notice The current ConsentRegistry.
    address public consent;
    address[] private _studiesModules; // every Studies module, oldest first
    address private _linker; // the deployer until linkModules

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
        _linker = msg.sender;
        deployedAt = block.number;
    }

    /// @notice Links the first Studies and ConsentRegistry modules; the
    /// deployer does it once, right after deploying them.
    function linkModules(address studiesModule, address consentModule) external {
        if (msg.sender != _linker) revert NotAuthorised(msg.sender);
        _checkModule(studiesModule);
        _checkModule(consentModule);
        _checkKind(ModuleKind.Studies, studiesModule, address(0));
        _checkKind(ModuleKind.Consent, consentModule, address(0));
        _linker = address(0);
        _studiesModules.push(studiesModule);
        IStudies(studiesModule).activate(1);
        consent = consentModule;
        emit ModuleReplaced(ModuleKind.Studies, address(0), studiesModule);
        emit ModuleReplaced(ModuleKind.Consent, address(0), consentModule);
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

    /// @notice Proposes reinstating a member suspended from a study, or one a
    /// vote removed from it (proposeExclusion), which may then join it
    /// again; the proposer's vote counts at once.
    function proposeReinstatement(uint64 studyId, address member) external returns (uint64 proposalId) {
        if (!IStudies(_studiesOf(studyId)).isReinstatable(studyId, member)) revert NotSuspended(studyId, member);
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Reinstate, member, studyId);
        _vote(proposalId, p);
    }

    /// @notice Proposes excluding a participant from a study (it leaves, as
    /// by leaveStudy, once the vote carries between rounds, but may not join
    /// again until a reinstatement vote); the proposer's vote counts at once.
    /// Only a vote removes a participant: the study's coordinator cannot.
    /// One that already left may be proposed, so that leaving as soon as it
    /// is named does not let it rejoin freely later; one that never joined
    /// (NeverJoined) or is already removed (AlreadyRemoved) may not.
    function proposeExclusion(uint64 studyId, address member) external returns (uint64 proposalId) {
        IStudies(_studiesOf(studyId)).checkExcludable(studyId, member);
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Exclude, member, studyId);
        _vote(proposalId, p);
    }

    /// @notice Proposes rotating a study's decryption committee (selecting a
    /// new one before its next round); the proposer's vote counts at once.
    function proposeRotation(uint64 studyId) external returns (uint64 proposalId) {
        _studiesOf(studyId);
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Rotate, address(0), studyId);
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

    /// @notice Proposes replacing the current module of a kind by module, a
    /// new version deployed for this consortium; the proposer's vote counts at
    /// once. See the contract's notes for what happens to the old one.
    function proposeModule(ModuleKind kind, address module) external returns (uint64 proposalId) {
        _checkModule(module);
        address current = _current(kind);
        if (module == current) revert ModuleMismatch(module);
        _checkKind(kind, module, current);
        Proposal storage p;
        (proposalId, p) = _newProposal(ProposalKind.Module, module, 0);
        p.moduleKind = kind;
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

    // ----------------------------------------------------------------- views

    /// @notice Addresses of all consortium members ever admitted, in admission order.
    function members() external view returns (address[] memory) {
        return _memberList;
    }

    /// @inheritdoc IConsortium
    function isMember(address account) external view returns (bool) {
        return _members[account].active;
    }

    /// @notice The position of the first account that is not an active
    /// member, or type(uint256).max if all are (one call for a batch).
    function firstNonMember(address[] calldata accounts) external view returns (uint256) {
        for (uint256 i = 0; i < accounts.length; i++) {
            if (!_members[accounts[i]].active) return i;
        }
        return type(uint256).max;
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

    /// @notice The current Studies module (new studies are created there).
    function studies() public view returns (address) {
        uint256 n = _studiesModules.length;
        return n == 0 ? address(0) : _studiesModules[n - 1];
    }

    /// @notice Every Studies module, oldest first.
    function studiesModules() external view returns (address[] memory) {
        return _studiesModules;
    }

    /// @inheritdoc IConsortium
    function studiesFor(uint64 studyId) public view returns (address) {
        if (studyId == 0) return address(0);
        for (uint256 i = _studiesModules.length; i > 0; i--) {
            address m = _studiesModules[i - 1];
            (uint64 first, uint64 last) = IStudies(m).studyIds();
            if (first <= studyId) return last >= studyId ? m : address(0);
        }
        return address(0);
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

    function _checkModule(address module) private view {
        if (module.code.length == 0 || ICohortModule(module).consortium() != address(this)) {
            revert ModuleMismatch(module);
        }
    }

    /// @dev A module is known by its kind's own view: a Studies module by
    /// firstStudyId, which must still be 0 (one activated before is current
    /// or retired, and activate would revert), a consent registry by
    /// predecessor, which must be current. A module without it is of another
    /// kind: a ConsentRegistry voted in as Studies reverted at activate with
    /// no reason.
    function _checkKind(ModuleKind kind, address module, address current) private view {
        if (kind == ModuleKind.Studies) {
            try IStudies(module).firstStudyId() returns (uint64 first) {
                if (first != 0) revert ModuleMismatch(module);
            } catch {
                revert ModuleKindMismatch(module, kind);
            }
            return;
        }
        try IConsentModule(module).predecessor() returns (address named) {
            if (named != current) revert ConsentPredecessorMismatch(module, named, current);
        } catch {
            revert ModuleKindMismatch(module, kind);
        }
    }

    function _current(ModuleKind kind) private view returns (address) {
        return kind == ModuleKind.Studies ? studies() : consent;
    }

    function _studiesOf(uint64 studyId) private view returns (address m) {
        m = studiesFor(studyId);
        if (m == address(0)) revert StudyNotFound(studyId);
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
            IStudies(_studiesOf(p.studyId)).reinstate(p.studyId, subject);
        } else if (p.kind == ProposalKind.Quorum) {
            _setQuorum(p.quorumPercent);
        } else if (p.kind == ProposalKind.Rotate) {
            IStudies(_studiesOf(p.studyId)).requestRotation(p.studyId);
        } else if (p.kind == ProposalKind.Exclude) {
            IStudies(_studiesOf(p.studyId)).removeParticipant(p.studyId, subject);
        } else {
            _replaceModule(p.moduleKind, subject);
        }
        emit ProposalExecuted(proposalId);
        return true;
    }

    function _replaceModule(ModuleKind kind, address module) private {
        address previous = _current(kind);
        if (previous == address(0)) revert NotLinked();
        if (module == previous) revert ModuleMismatch(module);
        _checkKind(kind, module, previous); // the current module may have changed since the proposal
        ICohortModule(previous).retire(module);
        if (kind == ModuleKind.Studies) {
            _studiesModules.push(module);
            IStudies(module).activate(IStudies(previous).studyCount() + 1);
        } else {
            consent = module;
        }
        emit ModuleReplaced(kind, previous, module);
    }

    function _activeMember() private view returns (MemberRecord storage m) {
        m = _members[msg.sender];
        if (!m.active) revert NotMember(msg.sender);
    }
}
