// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Interfaces between the Cohort ledger's modules
/// @notice The ledger is three contracts: the Consortium (members, votes and
/// the directory of the current modules), Studies (studies, rounds,
/// commitments, scores and strikes) and ConsentRegistry (patients' consent).
/// Each module names the Consortium it serves; the Consortium names the
/// modules. A module is replaced by a member vote (Consortium.proposeModule):
/// the old one is retired, keeps its state and stays readable, see each
/// module's retire function for what it still accepts.

/// @notice What the modules ask of the Consortium.
interface IConsortium {
    /// @notice Whether the account is an active consortium member.
    function isMember(address account) external view returns (bool);
    /// @notice The position of the first account that is not an active member (type(uint256).max: none).
    function firstNonMember(address[] calldata accounts) external view returns (uint256);
    /// @notice The Studies module that holds the study (the zero address for an unknown id).
    function studiesFor(uint64 studyId) external view returns (address);
    /// @notice The current ConsentRegistry.
    function consent() external view returns (address);
}

/// @notice Every module names the Consortium it serves.
interface ICohortModule {
    function consortium() external view returns (address);
    /// @notice Called by the Consortium when a vote replaces this module by successor.
    function retire(address successor) external;
}

/// @notice What the Consortium asks of a ConsentRegistry.
interface IConsentModule is ICohortModule {
    /// @notice The registry this one replaces and reads for every scope it has not recorded (zero for the first).
    function predecessor() external view returns (address);
}

/// @notice What the Consortium and the ConsentRegistry ask of a Studies module.
interface IStudies is ICohortModule {
    /// @notice Called by the Consortium when it links the module: study ids start at firstId.
    function activate(uint64 firstId) external;
    /// @notice The first study id of this module (0 until activated).
    function firstStudyId() external view returns (uint64);
    /// @notice The last study id issued (firstStudyId - 1 before the first study).
    function studyCount() external view returns (uint64);
    /// @notice firstStudyId and studyCount in one call (Consortium.studiesFor,
    /// on every consent change: the module's function dispatch is paid once).
    function studyIds() external view returns (uint64 first, uint64 last);
    /// @notice Whether the member is suspended from the study.
    function isSuspended(uint64 studyId, address member) external view returns (bool);
    /// @notice Whether a reinstatement vote has something to lift: the
    /// member is suspended from the study, or a vote removed it from it.
    function isReinstatable(uint64 studyId, address member) external view returns (bool);
    /// @notice Called by the Consortium once a reinstatement vote carries: it
    /// lifts a suspension or a removal by vote and clears the strikes.
    function reinstate(uint64 studyId, address member) external;
    /// @notice Whether the account is a current participant of the study.
    function isParticipant(uint64 studyId, address account) external view returns (bool);
    /// @notice Reverts, for an exclusion vote, with NeverJoined if the
    /// member never joined the study, or AlreadyRemoved if a vote already
    /// removed it from it; one that left by itself may be excluded.
    function checkExcludable(uint64 studyId, address member) external view;
    /// @notice Called by the Consortium once an exclusion vote carries
    /// (checkExcludable's conditions hold again): the participant leaves the
    /// study, under the same conditions as leaveStudy (no round open, the
    /// study's minimum kept), and may not join again (RemovedByVote) until a
    /// reinstatement vote; one that had left by itself is marked removed all
    /// the same. Emits ParticipantRemoved.
    function removeParticipant(uint64 studyId, address member) external;
    /// @notice Called by the Consortium once a rotation vote carries: the
    /// study's decryption committee must be selected again before its next round.
    function requestRotation(uint64 studyId) external;
    /// @notice What consent is judged against: the study's purpose and, for a
    /// round (0: now), the block before which consent counts and the time
    /// expiry is compared with. Reverts for unknown studies and rounds.
    function consentContext(uint64 studyId, uint32 round)
        external
        view
        returns (bytes32 purpose, uint64 cutoffBlock, uint64 at);
}

/// @notice What a Studies module asks of the ConsentRegistry about a member's consent counts.
interface IConsentCounts {
    /// @notice Reverts with SamplesAboveConsent(studyId, member, sampleCount,
    /// bound) for the first members[i] whose sampleCounts[i] is above what
    /// its consent counts allow in a round of the study opened at openedAt
    /// (ConsentRegistry.sampleBound).
    function checkSamples(uint64 studyId, address[] calldata members, uint64[] calldata sampleCounts, uint64 openedAt)
        external
        view;
}

/// @notice What a ConsentRegistry asks of its predecessor.
interface IConsentHistory {
    /// @notice The latest and the previous change of a scope, packed (see ConsentRegistry).
    function packedConsent(bytes32 key) external view returns (uint256);
    /// @notice An older change of a scope by its number (0-based), packed (see ConsentRegistry).
    function packedHistory(bytes32 key, uint32 n) external view returns (uint256);
}
