// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package cohortsol

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// CohortConsentRecord is an auto generated low-level Go binding around an user-defined struct.
type CohortConsentRecord struct {
	SinceBlock uint64
	SinceTime  uint64
	Expiry     uint64
	Nonce      uint32
	Granted    bool
}

// CohortMemberRecord is an auto generated low-level Go binding around an user-defined struct.
type CohortMemberRecord struct {
	TlsFingerprint [32]byte
	AdmittedAt     uint64
	RemovedAt      uint64
	Active         bool
	Name           string
}

// CohortParticipantRecord is an auto generated low-level Go binding around an user-defined struct.
type CohortParticipantRecord struct {
	Index              uint16
	Strikes            uint16
	Suspended          bool
	LastCommittedRound uint32
	Left               bool
}

// CohortProposal is an auto generated low-level Go binding around an user-defined struct.
type CohortProposal struct {
	Kind           uint8
	QuorumPercent  uint8
	Yes            uint32
	StudyId        uint64
	ExpiresAt      uint64
	Executed       bool
	Subject        common.Address
	Proposer       common.Address
	TlsFingerprint [32]byte
	Name           string
}

// CohortRoundRecord is an auto generated low-level Go binding around an user-defined struct.
type CohortRoundRecord struct {
	GlobalModel     [32]byte
	Deadline        uint64
	OpenedAt        uint64
	OpenedBlock     *big.Int
	ClosedBlock     *big.Int
	Status          uint8
	Commitments     uint16
	Participants    uint16
	CommitmentsRoot [32]byte
	Accuracy        uint32
	Auc             uint32
	Loss            uint64
	AggregateHash   [32]byte
	ModelHash       [32]byte
	ScoresHash      [32]byte
}

// CohortStudyRecord is an auto generated low-level Go binding around an user-defined struct.
type CohortStudyRecord struct {
	Owner               common.Address
	Rounds              uint32
	MinParticipants     uint32
	Threshold           uint32
	Coordinator         common.Address
	StrikeLimit         uint32
	CurrentRound        uint32
	ActiveParticipants  uint16
	RoundOpen           bool
	Completed           bool
	SpecHash            [32]byte
	Purpose             [32]byte
	ReferenceCommitment [32]byte
	PublicKeyHash       [32]byte
}

// CohortMetaData contains all meta data concerning the Cohort contract.
var CohortMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"addrs\",\"type\":\"address[]\"},{\"internalType\":\"string[]\",\"name\":\"names\",\"type\":\"string[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"fingerprints\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint8\",\"name\":\"quorum\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyCommitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyJoined\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyVoted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"}],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"}],\"name\":\"ConsentExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"ConsentRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"notBefore\",\"type\":\"uint64\"}],\"name\":\"DeadlineNotPassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"DuplicateEvidence\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"DuplicateMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"EnrolmentClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"now_\",\"type\":\"uint64\"}],\"name\":\"InvalidDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"expected\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"got\",\"type\":\"uint32\"}],\"name\":\"InvalidNonce\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"LastMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"MemberSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"NoConsent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotCoordinator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotParticipant\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"commitments\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"ParticipantsExceedCommitments\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"name\":\"ProposalClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiredAt\",\"type\":\"uint64\"}],\"name\":\"ProposalExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"name\":\"ProposalNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyNotSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"expected\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"got\",\"type\":\"uint32\"}],\"name\":\"RoundOutOfOrder\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundStillOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyCompleted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFull\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"required\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"actual\",\"type\":\"uint32\"}],\"name\":\"TooFewParticipants\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"UnsortedScores\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"relayer\",\"type\":\"address\"}],\"name\":\"ConsentChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"tlsFingerprint\",\"type\":\"bytes32\"}],\"name\":\"FingerprintUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"tlsFingerprint\",\"type\":\"bytes32\"}],\"name\":\"MemberAdmitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"MemberRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"ParticipantReinstated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"ParticipantSuspended\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"enumCohort.ProposalKind\",\"name\":\"kind\",\"type\":\"uint8\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"subject\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"proposer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"expiresAt\",\"type\":\"uint64\"}],\"name\":\"ProposalCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"name\":\"ProposalExecuted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"PublicKeySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"quorumPercent\",\"type\":\"uint8\"}],\"name\":\"QuorumChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"}],\"name\":\"RoundAbandoned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"RoundClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"RoundOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"}],\"name\":\"ScoresRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"enumCohort.StrikeReason\",\"name\":\"reason\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"StrikeRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"}],\"name\":\"StudyCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFinished\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"}],\"name\":\"StudyJoined\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"StudyLeft\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"UpdateCommitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"voter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"yes\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"required\",\"type\":\"uint32\"}],\"name\":\"Voted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ABANDON_GRACE\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"CONSENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DEFAULT_QUORUM_PERCENT\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"FLAG_SUSPICIOUS\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"METRIC_UNIT\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"PROPOSAL_TTL\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"abandonRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"activeMembers\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"closeRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitmentDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"consentAt\",\"outputs\":[{\"internalType\":\"enumCohort.ConsentState\",\"name\":\"state\",\"type\":\"uint8\"},{\"components\":[{\"internalType\":\"uint64\",\"name\":\"sinceBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"sinceTime\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"}],\"internalType\":\"structCohort.ConsentRecord\",\"name\":\"record\",\"type\":\"tuple\"},{\"internalType\":\"bool\",\"name\":\"studyScoped\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"}],\"name\":\"consentDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"}],\"name\":\"consentHistory\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"sinceBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"sinceTime\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"}],\"internalType\":\"structCohort.ConsentRecord[]\",\"name\":\"out\",\"type\":\"tuple[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"}],\"name\":\"consentOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"sinceBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"sinceTime\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"}],\"internalType\":\"structCohort.ConsentRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"patients\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"consentStates\",\"outputs\":[{\"internalType\":\"enumCohort.ConsentState[]\",\"name\":\"states\",\"type\":\"uint8[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"}],\"name\":\"createStudy\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"getMember\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"tlsFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"admittedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"removedAt\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"active\",\"type\":\"bool\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"}],\"internalType\":\"structCohort.MemberRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"getParticipant\",\"outputs\":[{\"components\":[{\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"suspended\",\"type\":\"bool\"},{\"internalType\":\"uint32\",\"name\":\"lastCommittedRound\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"left\",\"type\":\"bool\"}],\"internalType\":\"structCohort.ParticipantRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"name\":\"getProposal\",\"outputs\":[{\"components\":[{\"internalType\":\"enumCohort.ProposalKind\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"quorumPercent\",\"type\":\"uint8\"},{\"internalType\":\"uint32\",\"name\":\"yes\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"expiresAt\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"executed\",\"type\":\"bool\"},{\"internalType\":\"address\",\"name\":\"subject\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"proposer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"tlsFingerprint\",\"type\":\"bytes32\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"}],\"internalType\":\"structCohort.Proposal\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"getRound\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"openedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"openedBlock\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"closedBlock\",\"type\":\"uint40\"},{\"internalType\":\"enumCohort.RoundStatus\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"participants\",\"type\":\"uint16\"},{\"internalType\":\"bytes32\",\"name\":\"commitmentsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"}],\"internalType\":\"structCohort.RoundRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"getStudy\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"currentRound\",\"type\":\"uint32\"},{\"internalType\":\"uint16\",\"name\":\"activeParticipants\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"roundOpen\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"completed\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"internalType\":\"structCohort.StudyRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"hasVoted\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isMember\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isParticipant\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"joinStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"leaveStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"members\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"openRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"patientId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"proposalCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"bytes32\",\"name\":\"tlsFingerprint\",\"type\":\"bytes32\"}],\"name\":\"proposeAdmission\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"quorum\",\"type\":\"uint8\"}],\"name\":\"proposeQuorum\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"proposeReinstatement\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"proposeRemoval\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"quorumPercent\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"}],\"name\":\"recordScores\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"granted\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"nonce\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"relayConsent\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"removeParticipant\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"reportViolation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"patient\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"requireConsent\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requiredVotes\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"setPublicKeyHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"studyCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"studyParticipants\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"out\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"tlsFingerprint\",\"type\":\"bytes32\"}],\"name\":\"updateTlsFingerprint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"proposalId\",\"type\":\"uint64\"}],\"name\":\"vote\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"executed\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "Cohort",
	Bin: "0x60c060405234801561000f575f5ffd5b506040516164a13803806164a183398101604081905261002e91610684565b8351158061003e57508251845114155b8061004b57508151845114155b15610089576040516305519d6f60e51b8152602060048201526008602482015267666f756e6465727360c01b60448201526064015b60405180910390fd5b610092816101ba565b5f5b8451811015610101576100f98582815181106100b2576100b261078f565b60200260200101518583815181106100cc576100cc61078f565b60200260200101518584815181106100e6576100e661078f565b602002602001015161025960201b60201c565b600101610094565b50466080526101ad604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60a0525061094c92505050565b60ff811615806101cd575060648160ff16115b15610204576040516305519d6f60e51b815260206004820152600660248201526571756f72756d60d01b6044820152606401610080565b6002805460ff60201b191664010000000060ff8416908102919091179091556040519081527fd6ecd940f5784ceceeeb048268900f819851986dbe41c49f6e754b988868df879060200160405180910390a150565b61026b8383518361039c60201b60201c565b6001600160a01b0383165f908152602081905260408120600181015490916001600160401b0390911690036102e4576001805480820182555f919091527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf60180546001600160a01b0319166001600160a01b0386161790555b8181556001810180546001600160401b0360ff60801b0119166001600160401b03421617600160801b1790556002810161031e8482610826565b506002805463ffffffff16905f610334836108e0565b91906101000a81548163ffffffff021916908363ffffffff16021790555050836001600160a01b03167fece14765e1333292dcdc70d98067602ae4f802c40217ead9696297a803906da3848460405161038e929190610910565b60405180910390a250505050565b6001600160a01b0383166103e4576040516305519d6f60e51b815260206004820152600e60248201526d6d656d626572206164647265737360901b6044820152606401610080565b815f03610422576040516305519d6f60e51b815260206004820152600b60248201526a6d656d626572206e616d6560a81b6044820152606401610080565b80610470576040516305519d6f60e51b815260206004820152601560248201527f6d656d62657220746c7346696e6765727072696e7400000000000000000000006044820152606401610080565b6001600160a01b0383165f90815260208190526040902060010154600160801b900460ff16156104be576040516304b99be160e41b81526001600160a01b0384166004820152602401610080565b505050565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b03811182821017156104ff576104ff6104c3565b604052919050565b5f6001600160401b0382111561051f5761051f6104c3565b5060051b60200190565b5f82601f830112610538575f5ffd5b815161054b61054682610507565b6104d7565b8082825260208201915060208360051b86010192508583111561056c575f5ffd5b602085015b8381101561060a5780516001600160401b0381111561058e575f5ffd5b8601603f8101881361059e575f5ffd5b60208101516001600160401b038111156105ba576105ba6104c3565b6105cd601f8201601f19166020016104d7565b8181526040838301018a10156105e1575f5ffd5b8160408401602083015e5f60208383010152808652505050602083019250602081019050610571565b5095945050505050565b5f82601f830112610623575f5ffd5b815161063161054682610507565b8082825260208201915060208360051b860101925085831115610652575f5ffd5b602085015b8381101561060a578051835260209283019201610657565b805160ff8116811461067f575f5ffd5b919050565b5f5f5f5f60808587031215610697575f5ffd5b84516001600160401b038111156106ac575f5ffd5b8501601f810187136106bc575f5ffd5b80516106ca61054682610507565b8082825260208201915060208360051b8501019250898311156106eb575f5ffd5b6020840193505b828410156107215783516001600160a01b0381168114610710575f5ffd5b8252602093840193909101906106f2565b6020890151909750925050506001600160401b03811115610740575f5ffd5b61074c87828801610529565b604087015190945090506001600160401b03811115610769575f5ffd5b61077587828801610614565b9250506107846060860161066f565b905092959194509250565b634e487b7160e01b5f52603260045260245ffd5b600181811c908216806107b757607f821691505b6020821081036107d557634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156104be57805f5260205f20601f840160051c810160208510156108005750805b601f840160051c820191505b8181101561081f575f815560010161080c565b5050505050565b81516001600160401b0381111561083f5761083f6104c3565b6108538161084d84546107a3565b846107db565b6020601f821160018114610885575f831561086e5750848201515b5f19600385901b1c1916600184901b17845561081f565b5f84815260208120601f198516915b828110156108b45787850151825560209485019460019092019101610894565b50848210156108d157868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b5f63ffffffff821663ffffffff810361090757634e487b7160e01b5f52601160045260245ffd5b60010192915050565b604081525f83518060408401528060208601606085015e5f606082850101526060601f19601f8301168401019150508260208301529392505050565b60805160a051615b3461096d5f395f61374d01525f6136790152615b345ff3fe608060405234801561000f575f5ffd5b506004361061030e575f3560e01c80639cfa750f1161019d578063d9aa7aaa116100e8578063f698da2511610093578063fc6d21301161006e578063fc6d213014610827578063fd6fd93d1461090c578063fe4dca621461092c575f5ffd5b8063f698da25146107f7578063f81cbd26146107ff578063f9b89ba914610814575f5ffd5b8063e455fa5a116100c3578063e455fa5a146107b1578063e83da9fc146107c4578063f1610a28146107d7575f5ffd5b8063d9aa7aaa1461073f578063da35c6641461078d578063db8b24cf146107a9575f5ffd5b8063c2a579cf11610148578063c823563811610123578063c8235638146106ff578063c9a387a514610712578063d2d3a5ae14610725575f5ffd5b8063c2a579cf14610696578063c38f21f8146106a9578063c61ff600146106bc575f5ffd5b8063bd31a4d811610178578063bd31a4d814610666578063bd9c679d1461066e578063bdd4d18d14610681575f5ffd5b80639cfa750f146105fb5780639d0c2ab01461061e578063a230c52414610631575f5ffd5b8063410939841161025d57806375f9afcd116102085780638f6d26c0116101e35780638f6d26c0146105b557806391420559146105c857806393d3f3ba146105e8575f5ffd5b806375f9afcd1461056f5780637601000a14610582578063827429a514610595575f5ffd5b8063625493f411610238578063625493f4146104cf5780636a86ac38146105355780636be6049b1461055c575f5ffd5b80634109398414610426578063429db9ac1461049a57806342eb8621146104ad575f5ffd5b80631bec9486116102bd5780632c6a986e116102985780632c6a986e146103f65780632d92467b146104095780632dab3a6514610413575f5ffd5b80631bec9486146103b9578063244d956a146103cc5780632ada2596146103d6575f5ffd5b80630d772daf116102ed5780630d772daf1461035f5780631084e76d146103745780631b1d3f5514610399575f5ffd5b806224a6f11461031257806301f7c6e314610339578063057852781461034c575b5f5ffd5b61031c62093a8081565b6040516001600160401b0390911681526020015b60405180910390f35b61031c610347366004614aeb565b61093f565b61031c61035a366004614b17565b61096c565b61037261036d366004614bc9565b610da4565b005b6002546103849063ffffffff1681565b60405163ffffffff9091168152602001610330565b6103ac6103a7366004614c52565b6112b0565b6040516103309190614c85565b61031c6103c7366004614d20565b6114e4565b610384620f424081565b6103e96103e4366004614aeb565b61155d565b6040516103309190614d67565b61031c610404366004614dbd565b6116d5565b61031c6201518081565b610372610421366004614e40565b61171e565b61048c610434366004614aeb565b60405170636f686f72742f70617469656e742f763160781b60208201526bffffffffffffffffffffffff19606083901b1660318201525f90604501604051602081830303815290604052805190602001209050919050565b604051908152602001610330565b6103726104a8366004614e68565b611862565b6104c06104bb366004614e81565b611878565b60405161033093929190614ede565b6104e26104dd366004614f59565b611a66565b60405161033091905f60a08201905061ffff835116825261ffff602084015116602083015260408301511515604083015263ffffffff606084015116606083015260808301511515608083015292915050565b61048c7fa89c371d6fcd5f274fd147f3dcc1f86b4ebfa1b972a990458db7673487e0f6f881565b61037261056a366004614f8a565b611b28565b61037261057d366004614ff2565b611d3c565b610372610590366004614e81565b611f91565b6105a86105a3366004614e68565b612075565b604051610330919061504e565b6103726105c336600461516b565b6121c3565b6105db6105d63660046151b3565b612336565b6040516103309190615213565b61031c6105f6366004614f59565b6123fc565b61060e610609366004614f59565b612499565b6040519015158152602001610330565b61048c61062c366004615253565b6124e9565b61060e61063f366004614aeb565b6001600160a01b03165f90815260208190526040902060010154600160801b900460ff1690565b6103846125b6565b61037261067c3660046152b5565b612607565b6106896128fa565b60405161033091906152f4565b6103726106a4366004615334565b61295a565b6106896106b7366004614e68565b6129ef565b61060e6106ca366004614f59565b6001600160401b0382165f9081526004602090815260408083206001600160a01b038516845290915290205460ff1692915050565b61037261070d366004614e68565b612b34565b61037261072036600461534b565b612d39565b61072d600181565b60405160ff9091168152602001610330565b61048c61074d366004614c52565b604080516020808201959095526001600160401b039390931683820152606080840192909252805180840390920182526080909201909152805191012090565b60025461031c906501000000000090046001600160401b031681565b61072d603381565b60055461031c906001600160401b031681565b6103726107d23660046153c0565b6130ac565b6107ea6107e5366004614e68565b613478565b6040516103309190615425565b61048c613676565b60025461072d90640100000000900460ff1681565b61060e610822366004614e68565b61376f565b6108ff610835366004614c52565b6040805160a080820183525f8083526020808401829052838501829052606080850183905260809485018390528551808301999099526001600160401b039788168987015288810196909652845180890390960186529287018085528551958401959095208152600b90925290829020610120860190925290548084168352600160401b8104841691850191909152600160801b810490921660c0840152600160c01b820463ffffffff1660e0840152600160e01b90910460ff1615156101009092019190915290565b60405161033091906154e9565b61091f61091a366004614f8a565b6137d7565b604051610330919061554e565b61037261093a366004614f59565b613992565b5f610949826139a9565b5f6109566002845f613a2a565b90925090506109658282613b9c565b5050919050565b5f886109ab576040516305519d6f60e51b81526020600482015260086024820152670e6e0cac690c2e6d60c31b60448201526064015b60405180910390fd5b876109e3576040516305519d6f60e51b8152602060048201526007602482015266707572706f736560c81b60448201526064016109a2565b8663ffffffff165f03610a22576040516305519d6f60e51b8152602060048201526006602482015265726f756e647360d01b60448201526064016109a2565b8463ffffffff165f03610a64576040516305519d6f60e51b81526020600482015260096024820152681d1a1c995cda1bdb1960ba1b60448201526064016109a2565b8463ffffffff168663ffffffff161015610ac1576040516305519d6f60e51b815260206004820152600f60248201527f6d696e5061727469636970616e7473000000000000000000000000000000000060448201526064016109a2565b63ffffffff84161580610adb575061ffff63ffffffff8516115b15610b17576040516305519d6f60e51b815260206004820152600b60248201526a1cdd1c9a5ad9531a5b5a5d60aa1b60448201526064016109a2565b82610b65576040516305519d6f60e51b815260206004820152601360248201527f7265666572656e6365436f6d6d69746d656e740000000000000000000000000060448201526064016109a2565b6001600160a01b038216610baa576040516305519d6f60e51b815260206004820152600b60248201526a31b7b7b93234b730ba37b960a91b60448201526064016109a2565b600580545f90610bc2906001600160401b031661569a565b91906101000a8154816001600160401b0302191690836001600160401b03160217905590505f60065f836001600160401b03166001600160401b031681526020019081526020015f20905033815f015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555087815f0160146101000a81548163ffffffff021916908363ffffffff16021790555086815f0160186101000a81548163ffffffff021916908363ffffffff16021790555085815f01601c6101000a81548163ffffffff021916908363ffffffff16021790555082816001015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550848160010160146101000a81548163ffffffff021916908363ffffffff160217905550898160020181905550888160030181905550838160040181905550826001600160a01b0316336001600160a01b0316836001600160401b03167fd200eb94dd326a99329596b4579be78e0bec32707b3ca0405a144e806d4dcd158d8d898e8e8e8e604051610d8f97969594939291909687526020870195909552604086019390935263ffffffff91821660608601528116608085015290811660a08401521660c082015260e00190565b60405180910390a45098975050505050505050565b610dac6140c0565b5086156001600160401b0389161503610df0576040516305519d6f60e51b815260206004820152600560248201526473636f706560d81b60448201526064016109a2565b6005546001600160401b039081169089161115610e2b576040516310abe05960e31b81526001600160401b03891660048201526024016109a2565b8515610e715742856001600160401b031611610e6c5760405163eaad278560e01b8152600481018a90526001600160401b03861660248201526044016109a2565b610eb2565b6001600160401b03851615610eb2576040516305519d6f60e51b815260206004820152600660248201526565787069727960d01b60448201526064016109a2565b6040805160208082018c90526001600160401b038b168284015260608083018b905283518084039091018152608090920183528151918101919091205f818152600b9092529190208054600160c01b900463ffffffff9081169087168114610f445760405163461a2c6f60e11b8152600481018d905263ffffffff8083166024830152881660448201526064016109a2565b5f610f538d8d8d8d8d8d6124e9565b90507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0851115610f995760405163252d5ca160e01b8152600481018e90526024016109a2565b604080515f8082526020820180845284905260ff8a1692820192909252606081018890526080810187905260019060a0016020604051602081039080840390855afa158015610fea573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116158061105e57506040805170636f686f72742f70617469656e742f763160781b602080830191909152606084901b6bffffffffffffffffffffffff1916603183015282516025818403018152604590920190925280519101208e14155b1561107f5760405163252d5ca160e01b8152600481018f90526024016109a2565b63ffffffff831615611192575f858152600c6020526040812085916110a56001876156c4565b63ffffffff908116825260208201929092526040015f208254815467ffffffffffffffff1981166001600160401b0392831690811784558554600160401b908190048416026fffffffffffffffffffffffffffffffff1990921617178083558454600160801b9081900490921690910267ffffffffffffffff60801b198216811783558454600160c01b9081900490941690930263ffffffff60c01b199093167fffffffff000000000000000000000000ffffffffffffffffffffffffffffffff9091161791909117808255915460ff600160e01b918290041615150260ff60e01b199092169190911790555b8354436001600160401b039081166fffffffffffffffffffffffffffffffff1990921691909117600160401b428316021767ffffffffffffffff60801b1916600160801b918c16919091021784556111eb8360016156e0565b845f0160186101000a81548163ffffffff021916908363ffffffff1602179055508a845f01601c6101000a81548160ff0219169083151502179055508b8d6001600160401b03168f7f7b824eede6d3b7497293ec5529b8ddea09757aac075efcb4be0f868112e121b68e8e8e33604051611298949392919093151584526001600160401b0392909216602084015263ffffffff1660408301526001600160a01b0316606082015260800190565b60405180910390a45050505050505050505050505050565b6040805160208082018690526001600160401b038516828401526060828101859052835180840382018152608090930190935281519101205f905f818152600b6020908152604091829020825160a08101845290546001600160401b038082168352600160401b8204811693830193909352600160801b8104831693820193909352600160c01b830463ffffffff1660608201819052600160e01b90930460ff161515608082015292935081111561136a5761136a6156fc565b6040519080825280602002602001820160405280156113c157816020015b6040805160a0810182525f808252602080830182905292820181905260608201819052608082015282525f199092019101816113885790505b5092505f5b606082015163ffffffff166113dc8260016156e0565b63ffffffff161015611495575f838152600c6020908152604080832063ffffffff85811680865291845293829020825160a08101845290546001600160401b038082168352600160401b8204811695830195909552600160801b810490941692810192909252600160c01b83049093166060820152600160e01b90910460ff1615156080820152855190918691811061147757611477615710565b6020026020010181905250808061148d90615724565b9150506113c6565b50606081015163ffffffff16156114db578083600183606001516114b991906156c4565b63ffffffff16815181106114cf576114cf615710565b60200260200101819052505b50509392505050565b5f60ff821615806114f8575060648260ff16115b1561152f576040516305519d6f60e51b815260206004820152600660248201526571756f72756d60d01b60448201526064016109a2565b5f61153c60045f5f613a2a565b805461ff00191661010060ff87160217815590925090506109658282613b9c565b61159f6040518060a001604052805f81526020015f6001600160401b031681526020015f6001600160401b031681526020015f15158152602001606081525090565b6001600160a01b0382165f90815260208181526040808320815160a0810183528154815260018201546001600160401b0380821695830195909552600160401b810490941692810192909252600160801b90920460ff16151560608201526002820180549192916080840191906116159061573f565b80601f01602080910402602001604051908101604052809291908181526020018280546116419061573f565b801561168c5780601f106116635761010080835404028352916020019161168c565b820191905f5260205f20905b81548152906001019060200180831161166f57829003601f168201915b505050505081525050905080602001516001600160401b03165f036116cf576040516305b5850b60e21b81526001600160a01b03841660048201526024016109a2565b92915050565b5f6116e18584846140ff565b5f6116ee6001875f613a2a565b600381018590559092509050600481016117098587836157bb565b506117148282613b9c565b5050949350505050565b5f61172883614235565b905081611768576040516305519d6f60e51b815260206004820152600d60248201526c0e0eac4d8d2c696caf290c2e6d609b1b60448201526064016109a2565b6001810154600160c01b900463ffffffff16156117a35760405163180eafcb60e11b81526001600160401b03841660048201526024016109a2565b80546001820154600160c01b90910463ffffffff16600160e01b90910461ffff1610156118185780546001820154604051636c9b8c6360e11b81526001600160401b0386166004820152600160c01b90920463ffffffff166024830152600160e01b900461ffff1660448201526064016109a2565b600581018290556040518281526001600160401b038416907f9bc242835ff3fa937e01e64b2110623a5f771d63d5354e981255ccee9e22eeb69060200160405180910390a2505050565b6118758161186f83614285565b336142cf565b50565b6040805160a0810182525f8082526020820181905291810182905260608101829052608081018290525f5f6118ac86614285565b90506001600160401b034263ffffffff871615611968576001600160401b0388165f90815260096020908152604080832063ffffffff8b1684529091528120906001820154600160d01b900460ff16600381111561190c5761190c614eba565b03611941576040516313a9d7e560e01b81526001600160401b038a16600482015263ffffffff891660248201526044016109a2565b60010154600160801b810464ffffffffff169250600160401b90046001600160401b031690505b6040805160208082018c90526001600160401b038b16828401525f606080840182905284518085039091018152608090930190935281519101206119ad905b846144b7565b9096509450849050806119ff5760038401546040805160208082018e90525f8284015260608083019490945282518083039094018452608090910190915281519101206119f9906119a7565b90965090505b80611a1457505f9550859350611a5d92505050565b8560800151611a2a576003965050505050611a5d565b816001600160401b031686604001516001600160401b031611611a54576002965050505050611a5d565b60019650505050505b93509350939050565b6040805160a0810182525f80825260208201819052918101829052606081018290526080810191909152611a9983614285565b50506001600160401b0382165f9081526008602090815260408083206001600160a01b0385168452825291829020825160a081018452905461ffff8082168352620100008204169282019290925260ff6401000000008304811615159382019390935263ffffffff650100000000008304166060820152600160481b9091049091161515608082015292915050565b5f611b3283614285565b6001600160401b0384165f90815260096020908152604080832063ffffffff871684529091529020909150600180820154600160d01b900460ff166003811115611b7e57611b7e614eba565b14611bb35760405163137b5e4760e21b81526001600160401b038516600482015263ffffffff841660248201526044016109a2565b60018201545f906001600160a01b03163303611bdd575060018101546001600160401b0316611c5d565b82546001600160a01b0316331480611c1a57506001600160401b0385165f90815260086020908152604080832033845290915290205461ffff1615155b15611c42576001820154611c3b9062015180906001600160401b0316615874565b9050611c5d565b6040516310ac496560e01b81523360048201526024016109a2565b806001600160401b03164211611ca557604051632dae9da160e11b81526001600160401b03808716600483015263ffffffff86166024830152821660448201526064016109a2565b60018201805465ffffffffffff60a81b1916600160a81b4364ffffffffff160260ff60d01b191617600360d01b179081905560408051600160d81b90920461ffff16825251339163ffffffff8716916001600160401b038916917f9c2d48a790aebb74cd95b4239116beafaf1698d0fd95f81bf35d5c7fdc6f0eb6919081900360200190a4611d3585848661467d565b5050505050565b5f611d4685614235565b6001600160401b0386165f90815260096020908152604080832063ffffffff891684529091529020909150600180820154600160d01b900460ff166003811115611d9257611d92614eba565b14611dc75760405163137b5e4760e21b81526001600160401b038716600482015263ffffffff861660248201526044016109a2565b5f839003611e02576040516305519d6f60e51b8152602060048201526007602482015266656e747269657360c81b60448201526064016109a2565b5f805b84811015611ea0575f868683818110611e2057611e20615710565b60200291909101359150506001600160a01b038116838111611e5857604051635d2cf79d60e11b8152600481018490526024016109a2565b60e882901c15611e95576040516305519d6f60e51b8152602060048201526007602482015266656e747269657360c81b60448201526064016109a2565b925050600101611e05565b505f82600601548686604051602001611ebb93929190615893565b6040516020818303038152906040528051906020012090508083600601819055508663ffffffff16886001600160401b03167fce9b0741cf6383fc4d6a77dcf00fefb469a960c744ee82c20a35c6176493bcb9888885604051611f20939291906158c4565b60405180910390a35f5b85811015611f8657600160e0888884818110611f4857611f48615710565b90506020020135901c165f14611f7e57611f7e8986898985818110611f6f57611f6f615710565b905060200201358b5f8761470c565b600101611f2a565b505050505050505050565b5f5f611f9e858585611878565b5090925090505f826003811115611fb757611fb7614eba565b03611fe75760405163be56c50560e01b8152600481018690526001600160401b03851660248201526044016109a2565b6003826003811115611ffb57611ffb614eba565b0361202b576040516352bba9dd60e11b8152600481018690526001600160401b03851660248201526044016109a2565b600282600381111561203f5761203f614eba565b03611d3557604080820151905163eaad278560e01b8152600481018790526001600160401b0390911660248201526044016109a2565b604080516101c0810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810182905261018081018290526101a08101919091526120ee82614285565b604080516101c08101825282546001600160a01b03808216835263ffffffff600160a01b80840482166020860152600160c01b808504831696860196909652600160e01b9384900482166060860152600187015492831660808601528204811660a085015293810490931660c083015261ffff9083041660e082015260ff600160f01b830481161515610100830152600160f81b90920490911615156101208201526002820154610140820152600382015461016082015260048201546101808201526005909101546101a082015292915050565b5f6121cd85614235565b905063ffffffff841615806121f65750600181015463ffffffff600160c01b9091048116908516115b1561222b576040516313a9d7e560e01b81526001600160401b038616600482015263ffffffff851660248201526044016109a2565b81612268576040516305519d6f60e51b815260206004820152600c60248201526b0caecd2c8cadcc6ca90c2e6d60a31b60448201526064016109a2565b604080516001600160401b03871660208201526001600160a01b03851691810191909152606081018390525f9060800160408051601f1981840301815291815281516020928301205f818152600a90935291205490915060ff1615612301576040516315884dcd60e21b81526001600160401b03871660048201526001600160a01b0385166024820152604481018490526064016109a2565b5f818152600a60205260409020805460ff1916600190811790915561232e9087908490879089908861470c565b505050505050565b6060836001600160401b03811115612350576123506156fc565b604051908082528060200260200182016040528015612379578160200160208202803683370190505b5090505f5b848110156123f3576123a986868381811061239b5761239b615710565b905060200201358585611878565b9050508282815181106123be576123be615710565b602002602001018160038111156123d7576123d7614eba565b60038111156123e8576123e8614eba565b90525060010161237e565b50949350505050565b5f61240683614285565b506001600160401b0383165f9081526008602090815260408083206001600160a01b0386168452909152902054640100000000900460ff166124755760405163ddb4263960e01b81526001600160401b03841660048201526001600160a01b03831660248201526044016109a2565b5f61248260038486613a2a565b90925090506124918282613b9c565b505092915050565b6001600160401b0382165f9081526008602090815260408083206001600160a01b03851684529091528120805461ffff16158015906124e157508054600160481b900460ff16155b949350505050565b604080517fa89c371d6fcd5f274fd147f3dcc1f86b4ebfa1b972a990458db7673487e0f6f860208201529081018790526001600160401b0380871660608301526080820186905284151560a0830152831660c082015263ffffffff821660e08201525f90819061010001604051602081830303815290604052805190602001209050612573613676565b60405161190160f01b6020820152602281019190915260428101829052606201604051602081830303815290604052805190602001209150509695505050505050565b6002545f9081906064906125db9060ff6401000000008204169063ffffffff16615900565b6125e6906063615917565b6125f0919061592a565b905080156125fe5780612601565b60015b91505090565b5f61261185614235565b6001810154909150600160f81b900460ff161561264c57604051630759a9bd60e51b81526001600160401b03861660048201526024016109a2565b600581015461267957604051638546132360e01b81526001600160401b03861660048201526024016109a2565b6001810154600160f01b900460ff16156126c9576001810154604051633e42297360e21b81526001600160401b0387166004820152600160c01b90910463ffffffff1660248201526044016109a2565b8060010160189054906101000a900463ffffffff1660016126ea91906156e0565b63ffffffff168463ffffffff161461275457600181810154869161271b91600160c01b900463ffffffff16906156e0565b604051634e588f7960e11b81526001600160401b03909216600483015263ffffffff9081166024830152851660448201526064016109a2565b82612790576040516305519d6f60e51b815260206004820152600b60248201526a19db1bd8985b135bd9195b60aa1b60448201526064016109a2565b42826001600160401b0316116127cc57604051630f0b00b760e01b81526001600160401b038084166004830152421660248201526044016109a2565b6001818101805460ff60f01b1963ffffffff8816600160c01b8102919091167fff00ffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff90921691909117600160f01b179091556001600160401b038781165f818152600960209081526040808320868452825291829020898155958601805464ffffffffff4316600160801b0260ff60d01b1916428716600160401b026fffffffffffffffffffffffffffffffff19909216968b16968717919091177fffffffffff00ffffffffff0000000000ffffffffffffffffffffffffffffffff1617600160d01b17905560028601899055815189815290810193909352805191927f8697c9ce3a5a3639920afe20a2e8a64d78a3b67dfb9bba91a25574d1adb99e1b929081900390910190a3505050505050565b6060600180548060200260200160405190810160405280929190818152602001828054801561295057602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311612932575b5050505050905090565b5f6129636140c0565b9050816129b3576040516305519d6f60e51b815260206004820152600e60248201527f746c7346696e6765727072696e7400000000000000000000000000000000000060448201526064016109a2565b81815560405182815233907f4c6807e095e8565654e726d6e5178bfa97986e9b03df3cb141d0516aa3ad57649060200160405180910390a25050565b60606129fa82614285565b506001600160401b038083165f90815260076020526040902080549091811115612a2657612a266156fc565b604051908082528060200260200182016040528015612a4f578160200160208202803683370190505b5091505f805b8254811015612b2b576001600160401b0385165f9081526008602052604081208454909190859084908110612a8c57612a8c615710565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff600160481b90910416612b2357828181548110612ad157612ad1615710565b5f918252602090912001546001600160a01b03168483612af081615949565b945081518110612b0257612b02615710565b60200260200101906001600160a01b031690816001600160a01b0316815250505b600101612a55565b50825250919050565b5f612b3e82614285565b9050612b486140c0565b506001810154600160f01b900460ff1680612b6e57506001810154600160f81b900460ff165b15612b9757604051637bd6d00760e11b81526001600160401b03831660048201526024016109a2565b6001600160401b0382165f90815260086020908152604080832033845290915281208054909161ffff90911690819003612c5a576001600160401b0384165f908152600760205260409020805461fffe1901612c115760405163e509c20d60e01b81526001600160401b03861660048201526024016109a2565b8054612c1e906001615917565b835461ffff821661ffff1990911617845581546001810183555f928352602090922090910180546001600160a01b031916331790559050612c94565b8154600160481b900460ff16612c94576040516348d1c17360e01b81526001600160401b03851660048201523360248201526044016109a2565b815469ff0000000000000000001916808355640100000000900460ff16612cee57600183018054600160e01b900461ffff1690601c612cd283615961565b91906101000a81548161ffff021916908361ffff160217905550505b60405161ffff8216815233906001600160401b038616907f90ede0fc441c10901335eb800a9a020d00969c761f086700ddc8aeb65ab093c8906020015b60405180910390a350505050565b5f612d4389614235565b6001600160401b038a165f90815260096020908152604080832063ffffffff8d1684529091529020909150600180820154600160d01b900460ff166003811115612d8f57612d8f614eba565b14612dc45760405163137b5e4760e21b81526001600160401b038b16600482015263ffffffff8a1660248201526044016109a2565b87612e02576040516305519d6f60e51b815260206004820152600d60248201526c0c2cecee4cacec2e8ca90c2e6d609b1b60448201526064016109a2565b86612e3c576040516305519d6f60e51b81526020600482015260096024820152680dadec8cad890c2e6d60bb1b60448201526064016109a2565b620f424063ffffffff87161115612e81576040516305519d6f60e51b8152602060048201526008602482015267616363757261637960c01b60448201526064016109a2565b620f424063ffffffff86161115612ec1576040516305519d6f60e51b815260206004820152600360248201526261756360e81b60448201526064016109a2565b6001810154600160d81b900461ffff1663ffffffff84161115612f2d57600181015460405163637cf4b960e11b81526001600160401b038c16600482015263ffffffff808c166024830152600160d81b90920461ffff16604482015290841660648201526084016109a2565b815463ffffffff600160c01b90910481169084161015612f89578154604051636c9b8c6360e11b81526001600160401b038c166004820152600160c01b90910463ffffffff9081166024830152841660448201526064016109a2565b60018101805465ffffffffffff60a81b1916600160a81b4364ffffffffff160260ff60d01b191617600160d11b1761ffff60e81b1916600160e81b61ffff86160217905560038101805463ffffffff88811667ffffffffffffffff199092168217640100000000898316908102919091176fffffffffffffffff00000000000000001916600160401b6001600160401b038a811691820292909217909555600486018d9055600586018c9055604080518e8152602081018e9052808201959095526060850192909252608084019490945281871660a084015251908c16928d16917f70002ea10999ac178d5d5a5b5ab267618b16c13baf80b6e86bcd3448ca6042a3919081900360c00190a36130a08a838b61467d565b50505050505050505050565b6130b46140c0565b506001600160401b0385165f9081526008602090815260408083203384529091529020805461ffff1615806130f157508054600160481b900460ff165b1561312a576130ff86614285565b50604051633e3798ad60e21b81526001600160401b03871660048201523360248201526044016109a2565b8054640100000000900460ff16156131665760405163ed4aef2360e01b81526001600160401b03871660048201523360248201526044016109a2565b6001600160401b0386165f90815260096020908152604080832063ffffffff891684529091529020600180820154600160d01b900460ff1660038111156131af576131af614eba565b146131e45760405163137b5e4760e21b81526001600160401b038816600482015263ffffffff871660248201526044016109a2565b60018101546001600160401b03164211156132375760018101546040516337dc4b8160e01b81526001600160401b03808a16600483015263ffffffff8916602483015290911660448201526064016109a2565b84613285576040516305519d6f60e51b815260206004820152600e60248201527f636970686572746578744861736800000000000000000000000000000000000060448201526064016109a2565b836001600160401b03165f036132cc576040516305519d6f60e51b815260206004820152600b60248201526a1cd85b5c1b1950dbdd5b9d60aa1b60448201526064016109a2565b82613308576040516305519d6f60e51b815260206004820152600b60248201526a18dbdb9cd95b9d149bdbdd60aa1b60448201526064016109a2565b815463ffffffff8088166501000000000090920416036133585760405163f7ace62160e01b81526001600160401b038816600482015263ffffffff871660248201523360448201526064016109a2565b815468ffffffff000000000019166501000000000063ffffffff88160217825560028101546040805160208082018990526001600160401b0388168284015260608083018890528351808403909101815260808301909352825192019190912060a08201929092523360c082015260e08101919091526101000160408051601f19818403018152828252805160209182012060028501556001808501805461ffff600160d81b80830482169094011690920261ffff60d81b199092169190911790558783526001600160401b0387811691840191909152908201859052339163ffffffff8916918a16907f9d7764238225742e33d2c9feb13843edced8febdb6528b51efe97bd955efd5899060600160405180910390a450505050505050565b6040805161014080820183525f808352602080840182905283850182905260608085018390526080850183905260a0850183905260c0850183905260e0850183905261010085018390526101208501526001600160401b0386168252600390528381208451928301909452835492939092829060ff1660048111156134ff576134ff614eba565b600481111561351057613510614eba565b8152815460ff6101008083048216602085015263ffffffff6201000084041660408501526001600160401b03600160301b840481166060860152600160701b8404166080850152600160b01b90920416151560a083015260018301546001600160a01b0390811660c084015260028401541660e0830152600383015490820152600482018054610120909201916135a69061573f565b80601f01602080910402602001604051908101604052809291908181526020018280546135d29061573f565b801561361d5780601f106135f45761010080835404028352916020019161361d565b820191905f5260205f20905b81548152906001019060200180831161360057829003601f168201915b50505050508152505090505f600481111561363a5761363a614eba565b8151600481111561364d5761364d614eba565b036116cf576040516359825a0160e01b81526001600160401b03841660048201526024016109a2565b5f7f0000000000000000000000000000000000000000000000000000000000000000461461374a57613745604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b905090565b507f000000000000000000000000000000000000000000000000000000000000000090565b6001600160401b0381165f90815260036020526040812081815460ff16600481111561379d5761379d614eba565b036137c6576040516359825a0160e01b81526001600160401b03841660048201526024016109a2565b6137d08382613b9c565b9392505050565b604080516101e0810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c081019190915261385883614285565b506001600160401b038084165f90815260096020908152604080832063ffffffff8716845282529182902082516101e08101845281548152600182015480861693820193909352600160401b83049094169284019290925264ffffffffff600160801b820481166060850152600160a81b820416608084015260a083019060ff600160d01b9091041660038111156138f2576138f2614eba565b600381111561390357613903614eba565b81526001820154600160d81b810461ffff9081166020840152600160e81b90910416604082015260028201546060820152600382015463ffffffff808216608084015264010000000082041660a0830152600160401b90046001600160401b031660c0820152600482015460e08201526005820154610100820152600690910154610120909101529392505050565b6139a58261399f84614235565b836142cf565b5050565b6001600160a01b0381165f90815260208190526040902060010154600160801b900460ff166139f6576040516305b5850b60e21b81526001600160a01b03821660048201526024016109a2565b60025463ffffffff166001036118755760405163386222cd60e21b81526001600160a01b03821660048201526024016109a2565b5f5f613a346140c0565b5060028054600590613a57906501000000000090046001600160401b031661569a565b82546001600160401b038083166101009490940a848102910219909116179092555f908152600360205260409020805491935091508590829060ff19166001836004811115613aa857613aa8614eba565b02179055506001810180546001600160a01b0386166001600160a01b03199182161790915581546001600160401b038516600160301b026dffffffffffffffff00000000000019909116178255600282018054909116331790555f613b1062093a8042615874565b82546001600160401b03808316600160701b0275ffffffffffffffff00000000000000000000000000001990921691909117845560405191925033916001600160a01b038816918616907f60a0f5c67a4b640cd67445f2216ff1f2ebe29f77b6e36538ea911d62252e6a3e90613b8b908b908a908890615978565b60405180910390a450935093915050565b5f613ba56140c0565b508154600160b01b900460ff1615613bdb5760405163558d03ab60e11b81526001600160401b03841660048201526024016109a2565b8154600160701b90046001600160401b0316421115613c2b57815460405163f1d0347360e01b81526001600160401b038086166004830152600160701b90920490911660248201526044016109a2565b6001600160401b0383165f90815260046020908152604080832033845290915290205460ff1615613c8057604051631c9bf28b60e31b81526001600160401b03841660048201523360248201526044016109a2565b6001600160401b0383165f90815260046020908152604080832033845290915281208054600160ff1990911681179091558354613cca916201000090910463ffffffff16906156e0565b835465ffffffff000019166201000063ffffffff83160217845590505f613cef6125b6565b6040805163ffffffff80861682528316602082015291925033916001600160401b038816917f5f9c606581b8fafccddcd962e6ce424f2ab2fc916329ed03d7ca9ea96ea50e0d910160405180910390a38063ffffffff168263ffffffff161015613d5d575f925050506116cf565b8354600160b01b60ff60b01b1982161785556001808601546001600160a01b03169160ff166004811115613d9357613d93614eba565b03613e3657613e3181866004018054613dab9061573f565b80601f0160208091040260200160405190810160405280929190818152602001828054613dd79061573f565b8015613e225780601f10613df957610100808354040283529160200191613e22565b820191905f5260205f20905b815481529060010190602001808311613e0557829003601f168201915b505050505087600301546148f4565b614081565b6002855460ff166004811115613e4e57613e4e614eba565b03613f1357613e5c816139a9565b6001600160a01b0381165f90815260208190526040812060018101805470ffffffffffffffffff00000000000000001916600160401b426001600160401b03160217905560028054919263ffffffff90921691613eb8836159ac565b91906101000a81548163ffffffff021916908363ffffffff16021790555050816001600160a01b03167f6e76fb4c77256006d9c38ec7d82b45a8c8f3c27b1d6766fffc42dfb8de68449260405160405180910390a250614081565b6003855460ff166004811115613f2b57613f2b614eba565b0361406e578454600160301b90046001600160401b03165f9081526008602090815260408083206001600160a01b038516845290915290208054640100000000900460ff16613fb057855460405163ddb4263960e01b8152600160301b9091046001600160401b031660048201526001600160a01b03831660248201526044016109a2565b805464ffffff00001916808255600160481b900460ff16614022578554600160301b90046001600160401b03165f9081526006602052604090206001018054600160e01b900461ffff1690601c61400683615961565b91906101000a81548161ffff021916908361ffff160217905550505b85546040516001600160a01b03841691600160301b90046001600160401b0316907f21787fc0abe1c8e9210e7cb79204d42f86d35fab9eba5c5660b0cda0c302866b905f90a350614081565b845461408190610100900460ff16614a35565b6040516001600160401b038716907f2b3962140cfad697e04b60d47af771de8568e6ead5f42b8873c4a8d12bd2b3c7905f90a250600195945050505050565b335f9081526020819052604090206001810154600160801b900460ff166140fc576040516305b5850b60e21b81523360048201526024016109a2565b90565b6001600160a01b038316614156576040516305519d6f60e51b815260206004820152600e60248201527f6d656d626572206164647265737300000000000000000000000000000000000060448201526064016109a2565b815f03614194576040516305519d6f60e51b815260206004820152600b60248201526a6d656d626572206e616d6560a81b60448201526064016109a2565b806141e2576040516305519d6f60e51b815260206004820152601560248201527f6d656d62657220746c7346696e6765727072696e74000000000000000000000060448201526064016109a2565b6001600160a01b0383165f90815260208190526040902060010154600160801b900460ff1615614230576040516304b99be160e41b81526001600160a01b03841660048201526024016109a2565b505050565b5f61423f82614285565b60018101549091506001600160a01b03163314614280576040516309168c4560e41b81526001600160401b03831660048201523360248201526044016109a2565b919050565b6001600160401b0381165f90815260066020526040902080546001600160a01b0316614280576040516310abe05960e31b81526001600160401b03831660048201526024016109a2565b6001820154600160f01b900460ff161561431f576001820154604051633e42297360e21b81526001600160401b0385166004820152600160c01b90910463ffffffff1660248201526044016109a2565b6001600160401b0383165f9081526008602090815260408083206001600160a01b03851684529091529020805461ffff16158061436457508054600160481b900460ff165b1561439c57604051633e3798ad60e21b81526001600160401b03851660048201526001600160a01b03831660248201526044016109a2565b805469ff0000000000000000001916600160481b17808255640100000000900460ff16614471576001838101545f916143df91600160e01b900461ffff166159ca565b60058501549091501580159061440657508354600160c01b900463ffffffff1661ffff8216105b1561444e578354604051636c9b8c6360e11b81526001600160401b0387166004820152600160c01b90910463ffffffff16602482015261ffff821660448201526064016109a2565b60018401805461ffff909216600160e01b0261ffff60e01b199092169190911790555b6040513381526001600160a01b038316906001600160401b038616907f3749db2eabdc07908a4176ee91c26179781324d969128f979424a24dde7e71d990602001612d2b565b6040805160a080820183525f808352602080840182905283850182905260608085018390526080948501839052878352600b825285832086519485018752546001600160401b038082168652600160401b8204811693860193909352600160801b810490921695840195909552600160c01b810463ffffffff16948301859052600160e01b900460ff1615159282019290925291810361455857505f614676565b81516001600160401b038085169116101561457557506001614676565b5f6001836060015161458791906156c4565b90505b63ffffffff811615614648575f858152600c60205260408120906145af6001846156c4565b63ffffffff908116825260208083019390935260409182015f20825160a08101845290546001600160401b03808216808452600160401b8304821696840196909652600160801b8204811694830194909452600160c01b81049092166060820152600160e01b90910460ff1615156080820152945085161115614636575060019050614676565b80614640816159ac565b91505061458a565b50506040805160a0810182525f80825260208201819052918101829052606081018290526080810182905291505b9250929050565b60018201805460ff60f01b19169055815463ffffffff600160a01b909104811690821603614230576001820180547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f81b1790556040516001600160401b038416907fb18a667052240fb0607525e4379f94132190c3b1e0621f6e84551d5dac528a5b905f90a2505050565b6001600160401b0386165f9081526008602090815260408083206001600160a01b038816845290915281208054909161ffff909116900361477a57604051633e3798ad60e21b81526001600160401b03881660048201526001600160a01b03861660248201526044016109a2565b805461ffff62010000909104811690811461479d578061479981615961565b9150505b815463ffff000019166201000061ffff83160217825560405163ffffffff8616906001600160a01b038816906001600160401b038b16907fbe98ddb9cc489976d1dc78157ea5997cdca03ef316f3751a668ffd350f4674fc90614805908990899088906159e4565b60405180910390a48154640100000000900460ff1615801561483c57506001870154600160a01b900463ffffffff1661ffff821610155b156148ea57815464ff00000000191664010000000017808355600160481b900460ff1661489c57600187018054600160e01b900461ffff1690601c61488083615a10565b91906101000a81548161ffff021916908361ffff160217905550505b60405161ffff821681526001600160a01b038716906001600160401b038a16907fd63af59fb09e1b10a40fb4907abfadcd098fe85f381cfc17752a91dfbbde6ef19060200160405180910390a35b5050505050505050565b614900838351836140ff565b6001600160a01b0383165f908152602081905260408120600181015490916001600160401b039091169003614979576001805480820182555f919091527fb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf60180546001600160a01b0319166001600160a01b0386161790555b81815560018101805470ff0000000000000000ffffffffffffffff19166001600160401b03421617600160801b179055600281016149b78482615a23565b506002805463ffffffff16905f6149cd83615724565b91906101000a81548163ffffffff021916908363ffffffff16021790555050836001600160a01b03167fece14765e1333292dcdc70d98067602ae4f802c40217ead9696297a803906da38484604051614a27929190615add565b60405180910390a250505050565b60ff81161580614a48575060648160ff16115b15614a7f576040516305519d6f60e51b815260206004820152600660248201526571756f72756d60d01b60448201526064016109a2565b6002805464ff00000000191664010000000060ff8416908102919091179091556040519081527fd6ecd940f5784ceceeeb048268900f819851986dbe41c49f6e754b988868df879060200160405180910390a150565b80356001600160a01b0381168114614280575f5ffd5b5f60208284031215614afb575f5ffd5b6137d082614ad5565b803563ffffffff81168114614280575f5ffd5b5f5f5f5f5f5f5f5f610100898b031215614b2f575f5ffd5b8835975060208901359650614b4660408a01614b04565b9550614b5460608a01614b04565b9450614b6260808a01614b04565b9350614b7060a08a01614b04565b925060c08901359150614b8560e08a01614ad5565b90509295985092959890939650565b80356001600160401b0381168114614280575f5ffd5b80358015158114614280575f5ffd5b803560ff81168114614280575f5ffd5b5f5f5f5f5f5f5f5f5f6101208a8c031215614be2575f5ffd5b89359850614bf260208b01614b94565b975060408a01359650614c0760608b01614baa565b9550614c1560808b01614b94565b9450614c2360a08b01614b04565b9350614c3160c08b01614bb9565b989b979a50959894979396929550929360e081013593506101000135919050565b5f5f5f60608486031215614c64575f5ffd5b83359250614c7460208501614b94565b929592945050506040919091013590565b602080825282518282018190525f918401906040840190835b81811015614d1557614cff8385516001600160401b0381511682526001600160401b0360208201511660208301526001600160401b03604082015116604083015263ffffffff60608201511660608301526080810151151560808301525050565b6020939093019260a09290920191600101614c9e565b509095945050505050565b5f60208284031215614d30575f5ffd5b6137d082614bb9565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60208152815160208201526001600160401b0360208301511660408201526001600160401b0360408301511660608201526060820151151560808201525f608083015160a0808401526124e160c0840182614d39565b5f5f5f5f60608587031215614dd0575f5ffd5b614dd985614ad5565b935060208501356001600160401b03811115614df3575f5ffd5b8501601f81018713614e03575f5ffd5b80356001600160401b03811115614e18575f5ffd5b876020828401011115614e29575f5ffd5b949760209190910196509394604001359392505050565b5f5f60408385031215614e51575f5ffd5b614e5a83614b94565b946020939093013593505050565b5f60208284031215614e78575f5ffd5b6137d082614b94565b5f5f5f60608486031215614e93575f5ffd5b83359250614ea360208501614b94565b9150614eb160408501614b04565b90509250925092565b634e487b7160e01b5f52602160045260245ffd5b6004811061187557611875614eba565b60e08101614eeb85614ece565b848252614f4960208301856001600160401b0381511682526001600160401b0360208201511660208301526001600160401b03604082015116604083015263ffffffff60608201511660608301526080810151151560808301525050565b82151560c0830152949350505050565b5f5f60408385031215614f6a575f5ffd5b614f7383614b94565b9150614f8160208401614ad5565b90509250929050565b5f5f60408385031215614f9b575f5ffd5b614fa483614b94565b9150614f8160208401614b04565b5f5f83601f840112614fc2575f5ffd5b5081356001600160401b03811115614fd8575f5ffd5b6020830191508360208260051b8501011115614676575f5ffd5b5f5f5f5f60608587031215615005575f5ffd5b61500e85614b94565b935061501c60208601614b04565b925060408501356001600160401b03811115615036575f5ffd5b61504287828801614fb2565b95989497509550505050565b81516001600160a01b031681526101c081016020830151615077602084018263ffffffff169052565b50604083015161508f604084018263ffffffff169052565b5060608301516150a7606084018263ffffffff169052565b5060808301516150c260808401826001600160a01b03169052565b5060a08301516150da60a084018263ffffffff169052565b5060c08301516150f260c084018263ffffffff169052565b5060e083015161510860e084018261ffff169052565b5061010083015161511e61010084018215159052565b5061012083015161513461012084018215159052565b506101408301516101408301526101608301516101608301526101808301516101808301526101a08301516101a083015292915050565b5f5f5f5f6080858703121561517e575f5ffd5b61518785614b94565b935061519560208601614b04565b92506151a360408601614ad5565b9396929550929360600135925050565b5f5f5f5f606085870312156151c6575f5ffd5b84356001600160401b038111156151db575f5ffd5b6151e787828801614fb2565b90955093506151fa905060208601614b94565b915061520860408601614b04565b905092959194509250565b602080825282518282018190525f918401906040840190835b81811015614d1557835161523f81614ece565b83526020938401939092019160010161522c565b5f5f5f5f5f5f60c08789031215615268575f5ffd5b8635955061527860208801614b94565b94506040870135935061528d60608801614baa565b925061529b60808801614b94565b91506152a960a08801614b04565b90509295509295509295565b5f5f5f5f608085870312156152c8575f5ffd5b6152d185614b94565b93506152df60208601614b04565b92506040850135915061520860608601614b94565b602080825282518282018190525f918401906040840190835b81811015614d155783516001600160a01b031683526020938401939092019160010161530d565b5f60208284031215615344575f5ffd5b5035919050565b5f5f5f5f5f5f5f5f610100898b031215615363575f5ffd5b61536c89614b94565b975061537a60208a01614b04565b9650604089013595506060890135945061539660808a01614b04565b93506153a460a08a01614b04565b92506153b260c08a01614b94565b9150614b8560e08a01614b04565b5f5f5f5f5f60a086880312156153d4575f5ffd5b6153dd86614b94565b94506153eb60208701614b04565b93506040860135925061540060608701614b94565b949793965091946080013592915050565b6005811061542157615421614eba565b9052565b60208152615437602082018351615411565b5f602083015161544c604084018260ff169052565b50604083015163ffffffff811660608401525060608301516001600160401b03811660808401525060808301516001600160401b03811660a08401525060a083015180151560c08401525060c08301516001600160a01b03811660e08401525060e08301516001600160a01b03811661010084015250610100830151610120830152610120830151610140808401526124e1610160840182614d39565b60a081016116cf82846001600160401b0381511682526001600160401b0360208201511660208301526001600160401b03604082015116604083015263ffffffff60608201511660608301526080810151151560808301525050565b61542181614ece565b815181526020808301516101e0830191615572908401826001600160401b03169052565b50604083015161558d60408401826001600160401b03169052565b5060608301516155a6606084018264ffffffffff169052565b5060808301516155bf608084018264ffffffffff169052565b5060a08301516155d260a0840182615545565b5060c08301516155e860c084018261ffff169052565b5060e08301516155fe60e084018261ffff169052565b5061010083015161010083015261012083015161562461012084018263ffffffff169052565b5061014083015161563e61014084018263ffffffff169052565b5061016083015161565b6101608401826001600160401b03169052565b506101808301516101808301526101a08301516101a08301526101c08301516101c083015292915050565b634e487b7160e01b5f52601160045260245ffd5b5f6001600160401b0382166001600160401b0381036156bb576156bb615686565b60010192915050565b63ffffffff82811682821603908111156116cf576116cf615686565b63ffffffff81811683821601908111156116cf576116cf615686565b634e487b7160e01b5f52604160045260245ffd5b634e487b7160e01b5f52603260045260245ffd5b5f63ffffffff821663ffffffff81036156bb576156bb615686565b600181811c9082168061575357607f821691505b60208210810361577157634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561423057805f5260205f20601f840160051c8101602085101561579c5750805b601f840160051c820191505b81811015611d35575f81556001016157a8565b6001600160401b038311156157d2576157d26156fc565b6157e6836157e0835461573f565b83615777565b5f601f841160018114615817575f85156158005750838201355b5f19600387901b1c1916600186901b178355611d35565b5f83815260208120601f198716915b828110156158465786850135825560209485019460019092019101615826565b5086821015615862575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b6001600160401b0381811683821601908111156116cf576116cf615686565b8381525f6001600160fb1b038311156158aa575f5ffd5b8260051b8085602085013791909101602001949350505050565b604081528260408201525f6001600160fb1b038411156158e2575f5ffd5b8360051b808660608501376020830193909352500160600192915050565b80820281158282048414176116cf576116cf615686565b808201808211156116cf576116cf615686565b5f8261594457634e487b7160e01b5f52601260045260245ffd5b500490565b5f6001820161595a5761595a615686565b5060010190565b5f61ffff821661ffff81036156bb576156bb615686565b606081016159868286615411565b6001600160401b03841660208301526001600160401b0383166040830152949350505050565b5f63ffffffff8216806159c1576159c1615686565b5f190192915050565b61ffff82811682821603908111156116cf576116cf615686565b60608101600285106159f8576159f8614eba565b938152602081019290925261ffff1660409091015290565b5f61ffff8216806159c1576159c1615686565b81516001600160401b03811115615a3c57615a3c6156fc565b615a5081615a4a845461573f565b84615777565b6020601f821160018114615a82575f8315615a6b5750848201515b5f19600385901b1c1916600184901b178455611d35565b5f84815260208120601f198516915b82811015615ab15787850151825560209485019460019092019101615a91565b5084821015615ace57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b604081525f615aef6040830185614d39565b9050826020830152939250505056fea26469706673582212208b6ffe6a1c58eb303419f86ae3f70e9a149a88991688214ce3be263cf203e79864736f6c634300081c0033",
}

// Cohort is an auto generated Go binding around an Ethereum contract.
type Cohort struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Cohort) GetABI() abi.ABI {
	return c.abi
}

// NewCohort creates a new instance of Cohort.
func NewCohort() *Cohort {
	parsed, err := CohortMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Cohort{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Cohort) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address[] addrs, string[] names, bytes32[] fingerprints, uint8 quorum) returns()
func (cohort *Cohort) PackConstructor(addrs []common.Address, names []string, fingerprints [][32]byte, quorum uint8) []byte {
	enc, err := cohort.abi.Pack("", addrs, names, fingerprints, quorum)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackABANDONGRACE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2d92467b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ABANDON_GRACE() view returns(uint64)
func (cohort *Cohort) PackABANDONGRACE() []byte {
	enc, err := cohort.abi.Pack("ABANDON_GRACE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackABANDONGRACE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2d92467b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ABANDON_GRACE() view returns(uint64)
func (cohort *Cohort) TryPackABANDONGRACE() ([]byte, error) {
	return cohort.abi.Pack("ABANDON_GRACE")
}

// UnpackABANDONGRACE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2d92467b.
//
// Solidity: function ABANDON_GRACE() view returns(uint64)
func (cohort *Cohort) UnpackABANDONGRACE(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("ABANDON_GRACE", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackCONSENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a86ac38.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function CONSENT_TYPEHASH() view returns(bytes32)
func (cohort *Cohort) PackCONSENTTYPEHASH() []byte {
	enc, err := cohort.abi.Pack("CONSENT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCONSENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a86ac38.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function CONSENT_TYPEHASH() view returns(bytes32)
func (cohort *Cohort) TryPackCONSENTTYPEHASH() ([]byte, error) {
	return cohort.abi.Pack("CONSENT_TYPEHASH")
}

// UnpackCONSENTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6a86ac38.
//
// Solidity: function CONSENT_TYPEHASH() view returns(bytes32)
func (cohort *Cohort) UnpackCONSENTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := cohort.abi.Unpack("CONSENT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDEFAULTQUORUMPERCENT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb8b24cf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DEFAULT_QUORUM_PERCENT() view returns(uint8)
func (cohort *Cohort) PackDEFAULTQUORUMPERCENT() []byte {
	enc, err := cohort.abi.Pack("DEFAULT_QUORUM_PERCENT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDEFAULTQUORUMPERCENT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb8b24cf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DEFAULT_QUORUM_PERCENT() view returns(uint8)
func (cohort *Cohort) TryPackDEFAULTQUORUMPERCENT() ([]byte, error) {
	return cohort.abi.Pack("DEFAULT_QUORUM_PERCENT")
}

// UnpackDEFAULTQUORUMPERCENT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdb8b24cf.
//
// Solidity: function DEFAULT_QUORUM_PERCENT() view returns(uint8)
func (cohort *Cohort) UnpackDEFAULTQUORUMPERCENT(data []byte) (uint8, error) {
	out, err := cohort.abi.Unpack("DEFAULT_QUORUM_PERCENT", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackFLAGSUSPICIOUS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd2d3a5ae.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function FLAG_SUSPICIOUS() view returns(uint8)
func (cohort *Cohort) PackFLAGSUSPICIOUS() []byte {
	enc, err := cohort.abi.Pack("FLAG_SUSPICIOUS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFLAGSUSPICIOUS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd2d3a5ae.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function FLAG_SUSPICIOUS() view returns(uint8)
func (cohort *Cohort) TryPackFLAGSUSPICIOUS() ([]byte, error) {
	return cohort.abi.Pack("FLAG_SUSPICIOUS")
}

// UnpackFLAGSUSPICIOUS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd2d3a5ae.
//
// Solidity: function FLAG_SUSPICIOUS() view returns(uint8)
func (cohort *Cohort) UnpackFLAGSUSPICIOUS(data []byte) (uint8, error) {
	out, err := cohort.abi.Unpack("FLAG_SUSPICIOUS", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMETRICUNIT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x244d956a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function METRIC_UNIT() view returns(uint32)
func (cohort *Cohort) PackMETRICUNIT() []byte {
	enc, err := cohort.abi.Pack("METRIC_UNIT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMETRICUNIT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x244d956a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function METRIC_UNIT() view returns(uint32)
func (cohort *Cohort) TryPackMETRICUNIT() ([]byte, error) {
	return cohort.abi.Pack("METRIC_UNIT")
}

// UnpackMETRICUNIT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x244d956a.
//
// Solidity: function METRIC_UNIT() view returns(uint32)
func (cohort *Cohort) UnpackMETRICUNIT(data []byte) (uint32, error) {
	out, err := cohort.abi.Unpack("METRIC_UNIT", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackPROPOSALTTL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0024a6f1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function PROPOSAL_TTL() view returns(uint64)
func (cohort *Cohort) PackPROPOSALTTL() []byte {
	enc, err := cohort.abi.Pack("PROPOSAL_TTL")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPROPOSALTTL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0024a6f1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function PROPOSAL_TTL() view returns(uint64)
func (cohort *Cohort) TryPackPROPOSALTTL() ([]byte, error) {
	return cohort.abi.Pack("PROPOSAL_TTL")
}

// UnpackPROPOSALTTL is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0024a6f1.
//
// Solidity: function PROPOSAL_TTL() view returns(uint64)
func (cohort *Cohort) UnpackPROPOSALTTL(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("PROPOSAL_TTL", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackAbandonRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6be6049b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function abandonRound(uint64 studyId, uint32 round) returns()
func (cohort *Cohort) PackAbandonRound(studyId uint64, round uint32) []byte {
	enc, err := cohort.abi.Pack("abandonRound", studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAbandonRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6be6049b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function abandonRound(uint64 studyId, uint32 round) returns()
func (cohort *Cohort) TryPackAbandonRound(studyId uint64, round uint32) ([]byte, error) {
	return cohort.abi.Pack("abandonRound", studyId, round)
}

// PackActiveMembers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1084e76d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function activeMembers() view returns(uint32)
func (cohort *Cohort) PackActiveMembers() []byte {
	enc, err := cohort.abi.Pack("activeMembers")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackActiveMembers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1084e76d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function activeMembers() view returns(uint32)
func (cohort *Cohort) TryPackActiveMembers() ([]byte, error) {
	return cohort.abi.Pack("activeMembers")
}

// UnpackActiveMembers is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1084e76d.
//
// Solidity: function activeMembers() view returns(uint32)
func (cohort *Cohort) UnpackActiveMembers(data []byte) (uint32, error) {
	out, err := cohort.abi.Unpack("activeMembers", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackCloseRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc9a387a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function closeRound(uint64 studyId, uint32 round, bytes32 aggregateHash, bytes32 modelHash, uint32 accuracy, uint32 auc, uint64 loss, uint32 participants) returns()
func (cohort *Cohort) PackCloseRound(studyId uint64, round uint32, aggregateHash [32]byte, modelHash [32]byte, accuracy uint32, auc uint32, loss uint64, participants uint32) []byte {
	enc, err := cohort.abi.Pack("closeRound", studyId, round, aggregateHash, modelHash, accuracy, auc, loss, participants)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCloseRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc9a387a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function closeRound(uint64 studyId, uint32 round, bytes32 aggregateHash, bytes32 modelHash, uint32 accuracy, uint32 auc, uint64 loss, uint32 participants) returns()
func (cohort *Cohort) TryPackCloseRound(studyId uint64, round uint32, aggregateHash [32]byte, modelHash [32]byte, accuracy uint32, auc uint32, loss uint64, participants uint32) ([]byte, error) {
	return cohort.abi.Pack("closeRound", studyId, round, aggregateHash, modelHash, accuracy, auc, loss, participants)
}

// PackCommitUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83da9fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitUpdate(uint64 studyId, uint32 round, bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) returns()
func (cohort *Cohort) PackCommitUpdate(studyId uint64, round uint32, ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) []byte {
	enc, err := cohort.abi.Pack("commitUpdate", studyId, round, ciphertextHash, sampleCount, consentRoot)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83da9fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitUpdate(uint64 studyId, uint32 round, bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) returns()
func (cohort *Cohort) TryPackCommitUpdate(studyId uint64, round uint32, ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) ([]byte, error) {
	return cohort.abi.Pack("commitUpdate", studyId, round, ciphertextHash, sampleCount, consentRoot)
}

// PackCommitmentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9aa7aaa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitmentDigest(bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) pure returns(bytes32)
func (cohort *Cohort) PackCommitmentDigest(ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) []byte {
	enc, err := cohort.abi.Pack("commitmentDigest", ciphertextHash, sampleCount, consentRoot)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitmentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9aa7aaa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitmentDigest(bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) pure returns(bytes32)
func (cohort *Cohort) TryPackCommitmentDigest(ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) ([]byte, error) {
	return cohort.abi.Pack("commitmentDigest", ciphertextHash, sampleCount, consentRoot)
}

// UnpackCommitmentDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd9aa7aaa.
//
// Solidity: function commitmentDigest(bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) pure returns(bytes32)
func (cohort *Cohort) UnpackCommitmentDigest(data []byte) ([32]byte, error) {
	out, err := cohort.abi.Unpack("commitmentDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackConsentAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42eb8621.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentAt(bytes32 patient, uint64 studyId, uint32 round) view returns(uint8 state, (uint64,uint64,uint64,uint32,bool) record, bool studyScoped)
func (cohort *Cohort) PackConsentAt(patient [32]byte, studyId uint64, round uint32) []byte {
	enc, err := cohort.abi.Pack("consentAt", patient, studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42eb8621.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentAt(bytes32 patient, uint64 studyId, uint32 round) view returns(uint8 state, (uint64,uint64,uint64,uint32,bool) record, bool studyScoped)
func (cohort *Cohort) TryPackConsentAt(patient [32]byte, studyId uint64, round uint32) ([]byte, error) {
	return cohort.abi.Pack("consentAt", patient, studyId, round)
}

// ConsentAtOutput serves as a container for the return parameters of contract
// method ConsentAt.
type ConsentAtOutput struct {
	State       uint8
	Record      CohortConsentRecord
	StudyScoped bool
}

// UnpackConsentAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x42eb8621.
//
// Solidity: function consentAt(bytes32 patient, uint64 studyId, uint32 round) view returns(uint8 state, (uint64,uint64,uint64,uint32,bool) record, bool studyScoped)
func (cohort *Cohort) UnpackConsentAt(data []byte) (ConsentAtOutput, error) {
	out, err := cohort.abi.Unpack("consentAt", data)
	outstruct := new(ConsentAtOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.State = *abi.ConvertType(out[0], new(uint8)).(*uint8)
	outstruct.Record = *abi.ConvertType(out[1], new(CohortConsentRecord)).(*CohortConsentRecord)
	outstruct.StudyScoped = *abi.ConvertType(out[2], new(bool)).(*bool)
	return *outstruct, nil
}

// PackConsentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d0c2ab0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentDigest(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce) view returns(bytes32)
func (cohort *Cohort) PackConsentDigest(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32) []byte {
	enc, err := cohort.abi.Pack("consentDigest", patient, studyId, purpose, granted, expiry, nonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9d0c2ab0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentDigest(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce) view returns(bytes32)
func (cohort *Cohort) TryPackConsentDigest(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32) ([]byte, error) {
	return cohort.abi.Pack("consentDigest", patient, studyId, purpose, granted, expiry, nonce)
}

// UnpackConsentDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9d0c2ab0.
//
// Solidity: function consentDigest(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce) view returns(bytes32)
func (cohort *Cohort) UnpackConsentDigest(data []byte) ([32]byte, error) {
	out, err := cohort.abi.Unpack("consentDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackConsentHistory is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b1d3f55.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool)[] out)
func (cohort *Cohort) PackConsentHistory(patient [32]byte, studyId uint64, purpose [32]byte) []byte {
	enc, err := cohort.abi.Pack("consentHistory", patient, studyId, purpose)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentHistory is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b1d3f55.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool)[] out)
func (cohort *Cohort) TryPackConsentHistory(patient [32]byte, studyId uint64, purpose [32]byte) ([]byte, error) {
	return cohort.abi.Pack("consentHistory", patient, studyId, purpose)
}

// UnpackConsentHistory is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1b1d3f55.
//
// Solidity: function consentHistory(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool)[] out)
func (cohort *Cohort) UnpackConsentHistory(data []byte) ([]CohortConsentRecord, error) {
	out, err := cohort.abi.Unpack("consentHistory", data)
	if err != nil {
		return *new([]CohortConsentRecord), err
	}
	out0 := *abi.ConvertType(out[0], new([]CohortConsentRecord)).(*[]CohortConsentRecord)
	return out0, nil
}

// PackConsentOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc6d2130.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool))
func (cohort *Cohort) PackConsentOf(patient [32]byte, studyId uint64, purpose [32]byte) []byte {
	enc, err := cohort.abi.Pack("consentOf", patient, studyId, purpose)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc6d2130.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool))
func (cohort *Cohort) TryPackConsentOf(patient [32]byte, studyId uint64, purpose [32]byte) ([]byte, error) {
	return cohort.abi.Pack("consentOf", patient, studyId, purpose)
}

// UnpackConsentOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc6d2130.
//
// Solidity: function consentOf(bytes32 patient, uint64 studyId, bytes32 purpose) view returns((uint64,uint64,uint64,uint32,bool))
func (cohort *Cohort) UnpackConsentOf(data []byte) (CohortConsentRecord, error) {
	out, err := cohort.abi.Unpack("consentOf", data)
	if err != nil {
		return *new(CohortConsentRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(CohortConsentRecord)).(*CohortConsentRecord)
	return out0, nil
}

// PackConsentStates is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91420559.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentStates(bytes32[] patients, uint64 studyId, uint32 round) view returns(uint8[] states)
func (cohort *Cohort) PackConsentStates(patients [][32]byte, studyId uint64, round uint32) []byte {
	enc, err := cohort.abi.Pack("consentStates", patients, studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentStates is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91420559.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentStates(bytes32[] patients, uint64 studyId, uint32 round) view returns(uint8[] states)
func (cohort *Cohort) TryPackConsentStates(patients [][32]byte, studyId uint64, round uint32) ([]byte, error) {
	return cohort.abi.Pack("consentStates", patients, studyId, round)
}

// UnpackConsentStates is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91420559.
//
// Solidity: function consentStates(bytes32[] patients, uint64 studyId, uint32 round) view returns(uint8[] states)
func (cohort *Cohort) UnpackConsentStates(data []byte) ([]uint8, error) {
	out, err := cohort.abi.Unpack("consentStates", data)
	if err != nil {
		return *new([]uint8), err
	}
	out0 := *abi.ConvertType(out[0], new([]uint8)).(*[]uint8)
	return out0, nil
}

// PackCreateStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05785278.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function createStudy(bytes32 specHash, bytes32 purpose, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit, bytes32 referenceCommitment, address coordinator) returns(uint64 studyId)
func (cohort *Cohort) PackCreateStudy(specHash [32]byte, purpose [32]byte, rounds uint32, minParticipants uint32, threshold uint32, strikeLimit uint32, referenceCommitment [32]byte, coordinator common.Address) []byte {
	enc, err := cohort.abi.Pack("createStudy", specHash, purpose, rounds, minParticipants, threshold, strikeLimit, referenceCommitment, coordinator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreateStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05785278.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function createStudy(bytes32 specHash, bytes32 purpose, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit, bytes32 referenceCommitment, address coordinator) returns(uint64 studyId)
func (cohort *Cohort) TryPackCreateStudy(specHash [32]byte, purpose [32]byte, rounds uint32, minParticipants uint32, threshold uint32, strikeLimit uint32, referenceCommitment [32]byte, coordinator common.Address) ([]byte, error) {
	return cohort.abi.Pack("createStudy", specHash, purpose, rounds, minParticipants, threshold, strikeLimit, referenceCommitment, coordinator)
}

// UnpackCreateStudy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x05785278.
//
// Solidity: function createStudy(bytes32 specHash, bytes32 purpose, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit, bytes32 referenceCommitment, address coordinator) returns(uint64 studyId)
func (cohort *Cohort) UnpackCreateStudy(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("createStudy", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (cohort *Cohort) PackDomainSeparator() []byte {
	enc, err := cohort.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (cohort *Cohort) TryPackDomainSeparator() ([]byte, error) {
	return cohort.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (cohort *Cohort) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := cohort.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGetMember is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2ada2596.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getMember(address account) view returns((bytes32,uint64,uint64,bool,string))
func (cohort *Cohort) PackGetMember(account common.Address) []byte {
	enc, err := cohort.abi.Pack("getMember", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetMember is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2ada2596.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getMember(address account) view returns((bytes32,uint64,uint64,bool,string))
func (cohort *Cohort) TryPackGetMember(account common.Address) ([]byte, error) {
	return cohort.abi.Pack("getMember", account)
}

// UnpackGetMember is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2ada2596.
//
// Solidity: function getMember(address account) view returns((bytes32,uint64,uint64,bool,string))
func (cohort *Cohort) UnpackGetMember(data []byte) (CohortMemberRecord, error) {
	out, err := cohort.abi.Unpack("getMember", data)
	if err != nil {
		return *new(CohortMemberRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(CohortMemberRecord)).(*CohortMemberRecord)
	return out0, nil
}

// PackGetParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625493f4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool))
func (cohort *Cohort) PackGetParticipant(studyId uint64, account common.Address) []byte {
	enc, err := cohort.abi.Pack("getParticipant", studyId, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625493f4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool))
func (cohort *Cohort) TryPackGetParticipant(studyId uint64, account common.Address) ([]byte, error) {
	return cohort.abi.Pack("getParticipant", studyId, account)
}

// UnpackGetParticipant is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x625493f4.
//
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool))
func (cohort *Cohort) UnpackGetParticipant(data []byte) (CohortParticipantRecord, error) {
	out, err := cohort.abi.Unpack("getParticipant", data)
	if err != nil {
		return *new(CohortParticipantRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(CohortParticipantRecord)).(*CohortParticipantRecord)
	return out0, nil
}

// PackGetProposal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf1610a28.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getProposal(uint64 proposalId) view returns((uint8,uint8,uint32,uint64,uint64,bool,address,address,bytes32,string))
func (cohort *Cohort) PackGetProposal(proposalId uint64) []byte {
	enc, err := cohort.abi.Pack("getProposal", proposalId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetProposal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf1610a28.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getProposal(uint64 proposalId) view returns((uint8,uint8,uint32,uint64,uint64,bool,address,address,bytes32,string))
func (cohort *Cohort) TryPackGetProposal(proposalId uint64) ([]byte, error) {
	return cohort.abi.Pack("getProposal", proposalId)
}

// UnpackGetProposal is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf1610a28.
//
// Solidity: function getProposal(uint64 proposalId) view returns((uint8,uint8,uint32,uint64,uint64,bool,address,address,bytes32,string))
func (cohort *Cohort) UnpackGetProposal(data []byte) (CohortProposal, error) {
	out, err := cohort.abi.Unpack("getProposal", data)
	if err != nil {
		return *new(CohortProposal), err
	}
	out0 := *abi.ConvertType(out[0], new(CohortProposal)).(*CohortProposal)
	return out0, nil
}

// PackGetRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd6fd93d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bytes32,uint32,uint32,uint64,bytes32,bytes32,bytes32))
func (cohort *Cohort) PackGetRound(studyId uint64, round uint32) []byte {
	enc, err := cohort.abi.Pack("getRound", studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd6fd93d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bytes32,uint32,uint32,uint64,bytes32,bytes32,bytes32))
func (cohort *Cohort) TryPackGetRound(studyId uint64, round uint32) ([]byte, error) {
	return cohort.abi.Pack("getRound", studyId, round)
}

// UnpackGetRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfd6fd93d.
//
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bytes32,uint32,uint32,uint64,bytes32,bytes32,bytes32))
func (cohort *Cohort) UnpackGetRound(data []byte) (CohortRoundRecord, error) {
	out, err := cohort.abi.Unpack("getRound", data)
	if err != nil {
		return *new(CohortRoundRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(CohortRoundRecord)).(*CohortRoundRecord)
	return out0, nil
}

// PackGetStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x827429a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32))
func (cohort *Cohort) PackGetStudy(studyId uint64) []byte {
	enc, err := cohort.abi.Pack("getStudy", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x827429a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32))
func (cohort *Cohort) TryPackGetStudy(studyId uint64) ([]byte, error) {
	return cohort.abi.Pack("getStudy", studyId)
}

// UnpackGetStudy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x827429a5.
//
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32))
func (cohort *Cohort) UnpackGetStudy(data []byte) (CohortStudyRecord, error) {
	out, err := cohort.abi.Unpack("getStudy", data)
	if err != nil {
		return *new(CohortStudyRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(CohortStudyRecord)).(*CohortStudyRecord)
	return out0, nil
}

// PackHasVoted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc61ff600.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasVoted(uint64 proposalId, address member) view returns(bool)
func (cohort *Cohort) PackHasVoted(proposalId uint64, member common.Address) []byte {
	enc, err := cohort.abi.Pack("hasVoted", proposalId, member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHasVoted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc61ff600.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hasVoted(uint64 proposalId, address member) view returns(bool)
func (cohort *Cohort) TryPackHasVoted(proposalId uint64, member common.Address) ([]byte, error) {
	return cohort.abi.Pack("hasVoted", proposalId, member)
}

// UnpackHasVoted is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc61ff600.
//
// Solidity: function hasVoted(uint64 proposalId, address member) view returns(bool)
func (cohort *Cohort) UnpackHasVoted(data []byte) (bool, error) {
	out, err := cohort.abi.Unpack("hasVoted", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsMember is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa230c524.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isMember(address account) view returns(bool)
func (cohort *Cohort) PackIsMember(account common.Address) []byte {
	enc, err := cohort.abi.Pack("isMember", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsMember is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa230c524.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isMember(address account) view returns(bool)
func (cohort *Cohort) TryPackIsMember(account common.Address) ([]byte, error) {
	return cohort.abi.Pack("isMember", account)
}

// UnpackIsMember is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa230c524.
//
// Solidity: function isMember(address account) view returns(bool)
func (cohort *Cohort) UnpackIsMember(data []byte) (bool, error) {
	out, err := cohort.abi.Unpack("isMember", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cfa750f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isParticipant(uint64 studyId, address account) view returns(bool)
func (cohort *Cohort) PackIsParticipant(studyId uint64, account common.Address) []byte {
	enc, err := cohort.abi.Pack("isParticipant", studyId, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cfa750f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isParticipant(uint64 studyId, address account) view returns(bool)
func (cohort *Cohort) TryPackIsParticipant(studyId uint64, account common.Address) ([]byte, error) {
	return cohort.abi.Pack("isParticipant", studyId, account)
}

// UnpackIsParticipant is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9cfa750f.
//
// Solidity: function isParticipant(uint64 studyId, address account) view returns(bool)
func (cohort *Cohort) UnpackIsParticipant(data []byte) (bool, error) {
	out, err := cohort.abi.Unpack("isParticipant", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackJoinStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc8235638.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function joinStudy(uint64 studyId) returns()
func (cohort *Cohort) PackJoinStudy(studyId uint64) []byte {
	enc, err := cohort.abi.Pack("joinStudy", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJoinStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc8235638.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function joinStudy(uint64 studyId) returns()
func (cohort *Cohort) TryPackJoinStudy(studyId uint64) ([]byte, error) {
	return cohort.abi.Pack("joinStudy", studyId)
}

// PackLeaveStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x429db9ac.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leaveStudy(uint64 studyId) returns()
func (cohort *Cohort) PackLeaveStudy(studyId uint64) []byte {
	enc, err := cohort.abi.Pack("leaveStudy", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeaveStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x429db9ac.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leaveStudy(uint64 studyId) returns()
func (cohort *Cohort) TryPackLeaveStudy(studyId uint64) ([]byte, error) {
	return cohort.abi.Pack("leaveStudy", studyId)
}

// PackMembers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbdd4d18d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function members() view returns(address[])
func (cohort *Cohort) PackMembers() []byte {
	enc, err := cohort.abi.Pack("members")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMembers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbdd4d18d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function members() view returns(address[])
func (cohort *Cohort) TryPackMembers() ([]byte, error) {
	return cohort.abi.Pack("members")
}

// UnpackMembers is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbdd4d18d.
//
// Solidity: function members() view returns(address[])
func (cohort *Cohort) UnpackMembers(data []byte) ([]common.Address, error) {
	out, err := cohort.abi.Unpack("members", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackOpenRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd9c679d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openRound(uint64 studyId, uint32 round, bytes32 globalModel, uint64 deadline) returns()
func (cohort *Cohort) PackOpenRound(studyId uint64, round uint32, globalModel [32]byte, deadline uint64) []byte {
	enc, err := cohort.abi.Pack("openRound", studyId, round, globalModel, deadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd9c679d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openRound(uint64 studyId, uint32 round, bytes32 globalModel, uint64 deadline) returns()
func (cohort *Cohort) TryPackOpenRound(studyId uint64, round uint32, globalModel [32]byte, deadline uint64) ([]byte, error) {
	return cohort.abi.Pack("openRound", studyId, round, globalModel, deadline)
}

// PackPatientId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41093984.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function patientId(address signer) pure returns(bytes32)
func (cohort *Cohort) PackPatientId(signer common.Address) []byte {
	enc, err := cohort.abi.Pack("patientId", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPatientId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41093984.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function patientId(address signer) pure returns(bytes32)
func (cohort *Cohort) TryPackPatientId(signer common.Address) ([]byte, error) {
	return cohort.abi.Pack("patientId", signer)
}

// UnpackPatientId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x41093984.
//
// Solidity: function patientId(address signer) pure returns(bytes32)
func (cohort *Cohort) UnpackPatientId(data []byte) ([32]byte, error) {
	out, err := cohort.abi.Unpack("patientId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackProposalCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda35c664.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proposalCount() view returns(uint64)
func (cohort *Cohort) PackProposalCount() []byte {
	enc, err := cohort.abi.Pack("proposalCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProposalCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xda35c664.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proposalCount() view returns(uint64)
func (cohort *Cohort) TryPackProposalCount() ([]byte, error) {
	return cohort.abi.Pack("proposalCount")
}

// UnpackProposalCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xda35c664.
//
// Solidity: function proposalCount() view returns(uint64)
func (cohort *Cohort) UnpackProposalCount(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("proposalCount", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackProposeAdmission is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2c6a986e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proposeAdmission(address account, string name, bytes32 tlsFingerprint) returns(uint64 proposalId)
func (cohort *Cohort) PackProposeAdmission(account common.Address, name string, tlsFingerprint [32]byte) []byte {
	enc, err := cohort.abi.Pack("proposeAdmission", account, name, tlsFingerprint)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProposeAdmission is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2c6a986e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proposeAdmission(address account, string name, bytes32 tlsFingerprint) returns(uint64 proposalId)
func (cohort *Cohort) TryPackProposeAdmission(account common.Address, name string, tlsFingerprint [32]byte) ([]byte, error) {
	return cohort.abi.Pack("proposeAdmission", account, name, tlsFingerprint)
}

// UnpackProposeAdmission is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2c6a986e.
//
// Solidity: function proposeAdmission(address account, string name, bytes32 tlsFingerprint) returns(uint64 proposalId)
func (cohort *Cohort) UnpackProposeAdmission(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("proposeAdmission", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackProposeQuorum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1bec9486.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proposeQuorum(uint8 quorum) returns(uint64 proposalId)
func (cohort *Cohort) PackProposeQuorum(quorum uint8) []byte {
	enc, err := cohort.abi.Pack("proposeQuorum", quorum)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProposeQuorum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1bec9486.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proposeQuorum(uint8 quorum) returns(uint64 proposalId)
func (cohort *Cohort) TryPackProposeQuorum(quorum uint8) ([]byte, error) {
	return cohort.abi.Pack("proposeQuorum", quorum)
}

// UnpackProposeQuorum is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1bec9486.
//
// Solidity: function proposeQuorum(uint8 quorum) returns(uint64 proposalId)
func (cohort *Cohort) UnpackProposeQuorum(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("proposeQuorum", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackProposeReinstatement is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x93d3f3ba.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proposeReinstatement(uint64 studyId, address member) returns(uint64 proposalId)
func (cohort *Cohort) PackProposeReinstatement(studyId uint64, member common.Address) []byte {
	enc, err := cohort.abi.Pack("proposeReinstatement", studyId, member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProposeReinstatement is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x93d3f3ba.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proposeReinstatement(uint64 studyId, address member) returns(uint64 proposalId)
func (cohort *Cohort) TryPackProposeReinstatement(studyId uint64, member common.Address) ([]byte, error) {
	return cohort.abi.Pack("proposeReinstatement", studyId, member)
}

// UnpackProposeReinstatement is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x93d3f3ba.
//
// Solidity: function proposeReinstatement(uint64 studyId, address member) returns(uint64 proposalId)
func (cohort *Cohort) UnpackProposeReinstatement(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("proposeReinstatement", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackProposeRemoval is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01f7c6e3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proposeRemoval(address member) returns(uint64 proposalId)
func (cohort *Cohort) PackProposeRemoval(member common.Address) []byte {
	enc, err := cohort.abi.Pack("proposeRemoval", member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProposeRemoval is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01f7c6e3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proposeRemoval(address member) returns(uint64 proposalId)
func (cohort *Cohort) TryPackProposeRemoval(member common.Address) ([]byte, error) {
	return cohort.abi.Pack("proposeRemoval", member)
}

// UnpackProposeRemoval is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01f7c6e3.
//
// Solidity: function proposeRemoval(address member) returns(uint64 proposalId)
func (cohort *Cohort) UnpackProposeRemoval(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("proposeRemoval", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackQuorumPercent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf81cbd26.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function quorumPercent() view returns(uint8)
func (cohort *Cohort) PackQuorumPercent() []byte {
	enc, err := cohort.abi.Pack("quorumPercent")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackQuorumPercent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf81cbd26.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function quorumPercent() view returns(uint8)
func (cohort *Cohort) TryPackQuorumPercent() ([]byte, error) {
	return cohort.abi.Pack("quorumPercent")
}

// UnpackQuorumPercent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf81cbd26.
//
// Solidity: function quorumPercent() view returns(uint8)
func (cohort *Cohort) UnpackQuorumPercent(data []byte) (uint8, error) {
	out, err := cohort.abi.Unpack("quorumPercent", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackRecordScores is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75f9afcd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recordScores(uint64 studyId, uint32 round, uint256[] entries) returns()
func (cohort *Cohort) PackRecordScores(studyId uint64, round uint32, entries []*big.Int) []byte {
	enc, err := cohort.abi.Pack("recordScores", studyId, round, entries)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRecordScores is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75f9afcd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function recordScores(uint64 studyId, uint32 round, uint256[] entries) returns()
func (cohort *Cohort) TryPackRecordScores(studyId uint64, round uint32, entries []*big.Int) ([]byte, error) {
	return cohort.abi.Pack("recordScores", studyId, round, entries)
}

// PackRelayConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0d772daf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function relayConsent(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (cohort *Cohort) PackRelayConsent(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32, v uint8, r [32]byte, s [32]byte) []byte {
	enc, err := cohort.abi.Pack("relayConsent", patient, studyId, purpose, granted, expiry, nonce, v, r, s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRelayConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0d772daf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function relayConsent(bytes32 patient, uint64 studyId, bytes32 purpose, bool granted, uint64 expiry, uint32 nonce, uint8 v, bytes32 r, bytes32 s) returns()
func (cohort *Cohort) TryPackRelayConsent(patient [32]byte, studyId uint64, purpose [32]byte, granted bool, expiry uint64, nonce uint32, v uint8, r [32]byte, s [32]byte) ([]byte, error) {
	return cohort.abi.Pack("relayConsent", patient, studyId, purpose, granted, expiry, nonce, v, r, s)
}

// PackRemoveParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe4dca62.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeParticipant(uint64 studyId, address member) returns()
func (cohort *Cohort) PackRemoveParticipant(studyId uint64, member common.Address) []byte {
	enc, err := cohort.abi.Pack("removeParticipant", studyId, member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe4dca62.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeParticipant(uint64 studyId, address member) returns()
func (cohort *Cohort) TryPackRemoveParticipant(studyId uint64, member common.Address) ([]byte, error) {
	return cohort.abi.Pack("removeParticipant", studyId, member)
}

// PackReportViolation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f6d26c0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reportViolation(uint64 studyId, uint32 round, address member, bytes32 evidenceHash) returns()
func (cohort *Cohort) PackReportViolation(studyId uint64, round uint32, member common.Address, evidenceHash [32]byte) []byte {
	enc, err := cohort.abi.Pack("reportViolation", studyId, round, member, evidenceHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReportViolation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f6d26c0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reportViolation(uint64 studyId, uint32 round, address member, bytes32 evidenceHash) returns()
func (cohort *Cohort) TryPackReportViolation(studyId uint64, round uint32, member common.Address, evidenceHash [32]byte) ([]byte, error) {
	return cohort.abi.Pack("reportViolation", studyId, round, member, evidenceHash)
}

// PackRequireConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7601000a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requireConsent(bytes32 patient, uint64 studyId, uint32 round) view returns()
func (cohort *Cohort) PackRequireConsent(patient [32]byte, studyId uint64, round uint32) []byte {
	enc, err := cohort.abi.Pack("requireConsent", patient, studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequireConsent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7601000a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requireConsent(bytes32 patient, uint64 studyId, uint32 round) view returns()
func (cohort *Cohort) TryPackRequireConsent(patient [32]byte, studyId uint64, round uint32) ([]byte, error) {
	return cohort.abi.Pack("requireConsent", patient, studyId, round)
}

// PackRequiredVotes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd31a4d8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requiredVotes() view returns(uint32)
func (cohort *Cohort) PackRequiredVotes() []byte {
	enc, err := cohort.abi.Pack("requiredVotes")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequiredVotes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd31a4d8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requiredVotes() view returns(uint32)
func (cohort *Cohort) TryPackRequiredVotes() ([]byte, error) {
	return cohort.abi.Pack("requiredVotes")
}

// UnpackRequiredVotes is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbd31a4d8.
//
// Solidity: function requiredVotes() view returns(uint32)
func (cohort *Cohort) UnpackRequiredVotes(data []byte) (uint32, error) {
	out, err := cohort.abi.Unpack("requiredVotes", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackSetPublicKeyHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2dab3a65.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setPublicKeyHash(uint64 studyId, bytes32 publicKeyHash) returns()
func (cohort *Cohort) PackSetPublicKeyHash(studyId uint64, publicKeyHash [32]byte) []byte {
	enc, err := cohort.abi.Pack("setPublicKeyHash", studyId, publicKeyHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetPublicKeyHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2dab3a65.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setPublicKeyHash(uint64 studyId, bytes32 publicKeyHash) returns()
func (cohort *Cohort) TryPackSetPublicKeyHash(studyId uint64, publicKeyHash [32]byte) ([]byte, error) {
	return cohort.abi.Pack("setPublicKeyHash", studyId, publicKeyHash)
}

// PackStudyCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe455fa5a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function studyCount() view returns(uint64)
func (cohort *Cohort) PackStudyCount() []byte {
	enc, err := cohort.abi.Pack("studyCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStudyCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe455fa5a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function studyCount() view returns(uint64)
func (cohort *Cohort) TryPackStudyCount() ([]byte, error) {
	return cohort.abi.Pack("studyCount")
}

// UnpackStudyCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe455fa5a.
//
// Solidity: function studyCount() view returns(uint64)
func (cohort *Cohort) UnpackStudyCount(data []byte) (uint64, error) {
	out, err := cohort.abi.Unpack("studyCount", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackStudyParticipants is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc38f21f8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function studyParticipants(uint64 studyId) view returns(address[] out)
func (cohort *Cohort) PackStudyParticipants(studyId uint64) []byte {
	enc, err := cohort.abi.Pack("studyParticipants", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStudyParticipants is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc38f21f8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function studyParticipants(uint64 studyId) view returns(address[] out)
func (cohort *Cohort) TryPackStudyParticipants(studyId uint64) ([]byte, error) {
	return cohort.abi.Pack("studyParticipants", studyId)
}

// UnpackStudyParticipants is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc38f21f8.
//
// Solidity: function studyParticipants(uint64 studyId) view returns(address[] out)
func (cohort *Cohort) UnpackStudyParticipants(data []byte) ([]common.Address, error) {
	out, err := cohort.abi.Unpack("studyParticipants", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackUpdateTlsFingerprint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc2a579cf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function updateTlsFingerprint(bytes32 tlsFingerprint) returns()
func (cohort *Cohort) PackUpdateTlsFingerprint(tlsFingerprint [32]byte) []byte {
	enc, err := cohort.abi.Pack("updateTlsFingerprint", tlsFingerprint)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUpdateTlsFingerprint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc2a579cf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function updateTlsFingerprint(bytes32 tlsFingerprint) returns()
func (cohort *Cohort) TryPackUpdateTlsFingerprint(tlsFingerprint [32]byte) ([]byte, error) {
	return cohort.abi.Pack("updateTlsFingerprint", tlsFingerprint)
}

// PackVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf9b89ba9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function vote(uint64 proposalId) returns(bool executed)
func (cohort *Cohort) PackVote(proposalId uint64) []byte {
	enc, err := cohort.abi.Pack("vote", proposalId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf9b89ba9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function vote(uint64 proposalId) returns(bool executed)
func (cohort *Cohort) TryPackVote(proposalId uint64) ([]byte, error) {
	return cohort.abi.Pack("vote", proposalId)
}

// UnpackVote is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf9b89ba9.
//
// Solidity: function vote(uint64 proposalId) returns(bool executed)
func (cohort *Cohort) UnpackVote(data []byte) (bool, error) {
	out, err := cohort.abi.Unpack("vote", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// CohortConsentChanged represents a ConsentChanged event raised by the Cohort contract.
type CohortConsentChanged struct {
	Patient [32]byte
	StudyId uint64
	Purpose [32]byte
	Granted bool
	Expiry  uint64
	Nonce   uint32
	Relayer common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const CohortConsentChangedEventName = "ConsentChanged"

// ContractEventName returns the user-defined event name.
func (CohortConsentChanged) ContractEventName() string {
	return CohortConsentChangedEventName
}

// UnpackConsentChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ConsentChanged(bytes32 indexed patient, uint64 indexed studyId, bytes32 indexed purpose, bool granted, uint64 expiry, uint32 nonce, address relayer)
func (cohort *Cohort) UnpackConsentChangedEvent(log *types.Log) (*CohortConsentChanged, error) {
	event := "ConsentChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortConsentChanged)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortFingerprintUpdated represents a FingerprintUpdated event raised by the Cohort contract.
type CohortFingerprintUpdated struct {
	Member         common.Address
	TlsFingerprint [32]byte
	Raw            *types.Log // Blockchain specific contextual infos
}

const CohortFingerprintUpdatedEventName = "FingerprintUpdated"

// ContractEventName returns the user-defined event name.
func (CohortFingerprintUpdated) ContractEventName() string {
	return CohortFingerprintUpdatedEventName
}

// UnpackFingerprintUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FingerprintUpdated(address indexed member, bytes32 tlsFingerprint)
func (cohort *Cohort) UnpackFingerprintUpdatedEvent(log *types.Log) (*CohortFingerprintUpdated, error) {
	event := "FingerprintUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortFingerprintUpdated)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortMemberAdmitted represents a MemberAdmitted event raised by the Cohort contract.
type CohortMemberAdmitted struct {
	Member         common.Address
	Name           string
	TlsFingerprint [32]byte
	Raw            *types.Log // Blockchain specific contextual infos
}

const CohortMemberAdmittedEventName = "MemberAdmitted"

// ContractEventName returns the user-defined event name.
func (CohortMemberAdmitted) ContractEventName() string {
	return CohortMemberAdmittedEventName
}

// UnpackMemberAdmittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MemberAdmitted(address indexed member, string name, bytes32 tlsFingerprint)
func (cohort *Cohort) UnpackMemberAdmittedEvent(log *types.Log) (*CohortMemberAdmitted, error) {
	event := "MemberAdmitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortMemberAdmitted)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortMemberRemoved represents a MemberRemoved event raised by the Cohort contract.
type CohortMemberRemoved struct {
	Member common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const CohortMemberRemovedEventName = "MemberRemoved"

// ContractEventName returns the user-defined event name.
func (CohortMemberRemoved) ContractEventName() string {
	return CohortMemberRemovedEventName
}

// UnpackMemberRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MemberRemoved(address indexed member)
func (cohort *Cohort) UnpackMemberRemovedEvent(log *types.Log) (*CohortMemberRemoved, error) {
	event := "MemberRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortMemberRemoved)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortParticipantReinstated represents a ParticipantReinstated event raised by the Cohort contract.
type CohortParticipantReinstated struct {
	StudyId uint64
	Member  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const CohortParticipantReinstatedEventName = "ParticipantReinstated"

// ContractEventName returns the user-defined event name.
func (CohortParticipantReinstated) ContractEventName() string {
	return CohortParticipantReinstatedEventName
}

// UnpackParticipantReinstatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParticipantReinstated(uint64 indexed studyId, address indexed member)
func (cohort *Cohort) UnpackParticipantReinstatedEvent(log *types.Log) (*CohortParticipantReinstated, error) {
	event := "ParticipantReinstated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortParticipantReinstated)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortParticipantSuspended represents a ParticipantSuspended event raised by the Cohort contract.
type CohortParticipantSuspended struct {
	StudyId uint64
	Member  common.Address
	Strikes uint16
	Raw     *types.Log // Blockchain specific contextual infos
}

const CohortParticipantSuspendedEventName = "ParticipantSuspended"

// ContractEventName returns the user-defined event name.
func (CohortParticipantSuspended) ContractEventName() string {
	return CohortParticipantSuspendedEventName
}

// UnpackParticipantSuspendedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParticipantSuspended(uint64 indexed studyId, address indexed member, uint16 strikes)
func (cohort *Cohort) UnpackParticipantSuspendedEvent(log *types.Log) (*CohortParticipantSuspended, error) {
	event := "ParticipantSuspended"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortParticipantSuspended)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortProposalCreated represents a ProposalCreated event raised by the Cohort contract.
type CohortProposalCreated struct {
	ProposalId uint64
	Kind       uint8
	Subject    common.Address
	StudyId    uint64
	Proposer   common.Address
	ExpiresAt  uint64
	Raw        *types.Log // Blockchain specific contextual infos
}

const CohortProposalCreatedEventName = "ProposalCreated"

// ContractEventName returns the user-defined event name.
func (CohortProposalCreated) ContractEventName() string {
	return CohortProposalCreatedEventName
}

// UnpackProposalCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ProposalCreated(uint64 indexed proposalId, uint8 kind, address indexed subject, uint64 studyId, address indexed proposer, uint64 expiresAt)
func (cohort *Cohort) UnpackProposalCreatedEvent(log *types.Log) (*CohortProposalCreated, error) {
	event := "ProposalCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortProposalCreated)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortProposalExecuted represents a ProposalExecuted event raised by the Cohort contract.
type CohortProposalExecuted struct {
	ProposalId uint64
	Raw        *types.Log // Blockchain specific contextual infos
}

const CohortProposalExecutedEventName = "ProposalExecuted"

// ContractEventName returns the user-defined event name.
func (CohortProposalExecuted) ContractEventName() string {
	return CohortProposalExecutedEventName
}

// UnpackProposalExecutedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ProposalExecuted(uint64 indexed proposalId)
func (cohort *Cohort) UnpackProposalExecutedEvent(log *types.Log) (*CohortProposalExecuted, error) {
	event := "ProposalExecuted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortProposalExecuted)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortPublicKeySet represents a PublicKeySet event raised by the Cohort contract.
type CohortPublicKeySet struct {
	StudyId       uint64
	PublicKeyHash [32]byte
	Raw           *types.Log // Blockchain specific contextual infos
}

const CohortPublicKeySetEventName = "PublicKeySet"

// ContractEventName returns the user-defined event name.
func (CohortPublicKeySet) ContractEventName() string {
	return CohortPublicKeySetEventName
}

// UnpackPublicKeySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PublicKeySet(uint64 indexed studyId, bytes32 publicKeyHash)
func (cohort *Cohort) UnpackPublicKeySetEvent(log *types.Log) (*CohortPublicKeySet, error) {
	event := "PublicKeySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortPublicKeySet)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortQuorumChanged represents a QuorumChanged event raised by the Cohort contract.
type CohortQuorumChanged struct {
	QuorumPercent uint8
	Raw           *types.Log // Blockchain specific contextual infos
}

const CohortQuorumChangedEventName = "QuorumChanged"

// ContractEventName returns the user-defined event name.
func (CohortQuorumChanged) ContractEventName() string {
	return CohortQuorumChangedEventName
}

// UnpackQuorumChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event QuorumChanged(uint8 quorumPercent)
func (cohort *Cohort) UnpackQuorumChangedEvent(log *types.Log) (*CohortQuorumChanged, error) {
	event := "QuorumChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortQuorumChanged)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortRoundAbandoned represents a RoundAbandoned event raised by the Cohort contract.
type CohortRoundAbandoned struct {
	StudyId     uint64
	Round       uint32
	By          common.Address
	Commitments uint16
	Raw         *types.Log // Blockchain specific contextual infos
}

const CohortRoundAbandonedEventName = "RoundAbandoned"

// ContractEventName returns the user-defined event name.
func (CohortRoundAbandoned) ContractEventName() string {
	return CohortRoundAbandonedEventName
}

// UnpackRoundAbandonedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundAbandoned(uint64 indexed studyId, uint32 indexed round, address indexed by, uint16 commitments)
func (cohort *Cohort) UnpackRoundAbandonedEvent(log *types.Log) (*CohortRoundAbandoned, error) {
	event := "RoundAbandoned"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortRoundAbandoned)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortRoundClosed represents a RoundClosed event raised by the Cohort contract.
type CohortRoundClosed struct {
	StudyId       uint64
	Round         uint32
	AggregateHash [32]byte
	ModelHash     [32]byte
	Accuracy      uint32
	Auc           uint32
	Loss          uint64
	Participants  uint32
	Raw           *types.Log // Blockchain specific contextual infos
}

const CohortRoundClosedEventName = "RoundClosed"

// ContractEventName returns the user-defined event name.
func (CohortRoundClosed) ContractEventName() string {
	return CohortRoundClosedEventName
}

// UnpackRoundClosedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundClosed(uint64 indexed studyId, uint32 indexed round, bytes32 aggregateHash, bytes32 modelHash, uint32 accuracy, uint32 auc, uint64 loss, uint32 participants)
func (cohort *Cohort) UnpackRoundClosedEvent(log *types.Log) (*CohortRoundClosed, error) {
	event := "RoundClosed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortRoundClosed)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortRoundOpened represents a RoundOpened event raised by the Cohort contract.
type CohortRoundOpened struct {
	StudyId     uint64
	Round       uint32
	GlobalModel [32]byte
	Deadline    uint64
	Raw         *types.Log // Blockchain specific contextual infos
}

const CohortRoundOpenedEventName = "RoundOpened"

// ContractEventName returns the user-defined event name.
func (CohortRoundOpened) ContractEventName() string {
	return CohortRoundOpenedEventName
}

// UnpackRoundOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundOpened(uint64 indexed studyId, uint32 indexed round, bytes32 globalModel, uint64 deadline)
func (cohort *Cohort) UnpackRoundOpenedEvent(log *types.Log) (*CohortRoundOpened, error) {
	event := "RoundOpened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortRoundOpened)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortScoresRecorded represents a ScoresRecorded event raised by the Cohort contract.
type CohortScoresRecorded struct {
	StudyId    uint64
	Round      uint32
	Entries    []*big.Int
	ScoresHash [32]byte
	Raw        *types.Log // Blockchain specific contextual infos
}

const CohortScoresRecordedEventName = "ScoresRecorded"

// ContractEventName returns the user-defined event name.
func (CohortScoresRecorded) ContractEventName() string {
	return CohortScoresRecordedEventName
}

// UnpackScoresRecordedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ScoresRecorded(uint64 indexed studyId, uint32 indexed round, uint256[] entries, bytes32 scoresHash)
func (cohort *Cohort) UnpackScoresRecordedEvent(log *types.Log) (*CohortScoresRecorded, error) {
	event := "ScoresRecorded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortScoresRecorded)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortStrikeRecorded represents a StrikeRecorded event raised by the Cohort contract.
type CohortStrikeRecorded struct {
	StudyId      uint64
	Member       common.Address
	Round        uint32
	Reason       uint8
	EvidenceHash [32]byte
	Strikes      uint16
	Raw          *types.Log // Blockchain specific contextual infos
}

const CohortStrikeRecordedEventName = "StrikeRecorded"

// ContractEventName returns the user-defined event name.
func (CohortStrikeRecorded) ContractEventName() string {
	return CohortStrikeRecordedEventName
}

// UnpackStrikeRecordedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StrikeRecorded(uint64 indexed studyId, address indexed member, uint32 indexed round, uint8 reason, bytes32 evidenceHash, uint16 strikes)
func (cohort *Cohort) UnpackStrikeRecordedEvent(log *types.Log) (*CohortStrikeRecorded, error) {
	event := "StrikeRecorded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortStrikeRecorded)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortStudyCreated represents a StudyCreated event raised by the Cohort contract.
type CohortStudyCreated struct {
	StudyId             uint64
	Owner               common.Address
	Coordinator         common.Address
	SpecHash            [32]byte
	Purpose             [32]byte
	ReferenceCommitment [32]byte
	Rounds              uint32
	MinParticipants     uint32
	Threshold           uint32
	StrikeLimit         uint32
	Raw                 *types.Log // Blockchain specific contextual infos
}

const CohortStudyCreatedEventName = "StudyCreated"

// ContractEventName returns the user-defined event name.
func (CohortStudyCreated) ContractEventName() string {
	return CohortStudyCreatedEventName
}

// UnpackStudyCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyCreated(uint64 indexed studyId, address indexed owner, address indexed coordinator, bytes32 specHash, bytes32 purpose, bytes32 referenceCommitment, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit)
func (cohort *Cohort) UnpackStudyCreatedEvent(log *types.Log) (*CohortStudyCreated, error) {
	event := "StudyCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortStudyCreated)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortStudyFinished represents a StudyFinished event raised by the Cohort contract.
type CohortStudyFinished struct {
	StudyId uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const CohortStudyFinishedEventName = "StudyFinished"

// ContractEventName returns the user-defined event name.
func (CohortStudyFinished) ContractEventName() string {
	return CohortStudyFinishedEventName
}

// UnpackStudyFinishedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyFinished(uint64 indexed studyId)
func (cohort *Cohort) UnpackStudyFinishedEvent(log *types.Log) (*CohortStudyFinished, error) {
	event := "StudyFinished"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortStudyFinished)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortStudyJoined represents a StudyJoined event raised by the Cohort contract.
type CohortStudyJoined struct {
	StudyId uint64
	Member  common.Address
	Index   uint16
	Raw     *types.Log // Blockchain specific contextual infos
}

const CohortStudyJoinedEventName = "StudyJoined"

// ContractEventName returns the user-defined event name.
func (CohortStudyJoined) ContractEventName() string {
	return CohortStudyJoinedEventName
}

// UnpackStudyJoinedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyJoined(uint64 indexed studyId, address indexed member, uint16 index)
func (cohort *Cohort) UnpackStudyJoinedEvent(log *types.Log) (*CohortStudyJoined, error) {
	event := "StudyJoined"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortStudyJoined)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortStudyLeft represents a StudyLeft event raised by the Cohort contract.
type CohortStudyLeft struct {
	StudyId uint64
	Member  common.Address
	By      common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const CohortStudyLeftEventName = "StudyLeft"

// ContractEventName returns the user-defined event name.
func (CohortStudyLeft) ContractEventName() string {
	return CohortStudyLeftEventName
}

// UnpackStudyLeftEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyLeft(uint64 indexed studyId, address indexed member, address by)
func (cohort *Cohort) UnpackStudyLeftEvent(log *types.Log) (*CohortStudyLeft, error) {
	event := "StudyLeft"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortStudyLeft)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortUpdateCommitted represents a UpdateCommitted event raised by the Cohort contract.
type CohortUpdateCommitted struct {
	StudyId        uint64
	Round          uint32
	Member         common.Address
	CiphertextHash [32]byte
	SampleCount    uint64
	ConsentRoot    [32]byte
	Raw            *types.Log // Blockchain specific contextual infos
}

const CohortUpdateCommittedEventName = "UpdateCommitted"

// ContractEventName returns the user-defined event name.
func (CohortUpdateCommitted) ContractEventName() string {
	return CohortUpdateCommittedEventName
}

// UnpackUpdateCommittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UpdateCommitted(uint64 indexed studyId, uint32 indexed round, address indexed member, bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot)
func (cohort *Cohort) UnpackUpdateCommittedEvent(log *types.Log) (*CohortUpdateCommitted, error) {
	event := "UpdateCommitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortUpdateCommitted)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CohortVoted represents a Voted event raised by the Cohort contract.
type CohortVoted struct {
	ProposalId uint64
	Voter      common.Address
	Yes        uint32
	Required   uint32
	Raw        *types.Log // Blockchain specific contextual infos
}

const CohortVotedEventName = "Voted"

// ContractEventName returns the user-defined event name.
func (CohortVoted) ContractEventName() string {
	return CohortVotedEventName
}

// UnpackVotedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Voted(uint64 indexed proposalId, address indexed voter, uint32 yes, uint32 required)
func (cohort *Cohort) UnpackVotedEvent(log *types.Log) (*CohortVoted, error) {
	event := "Voted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != cohort.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CohortVoted)
	if len(log.Data) > 0 {
		if err := cohort.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range cohort.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (cohort *Cohort) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], cohort.abi.Errors["AlreadyCommitted"].ID.Bytes()[:4]) {
		return cohort.UnpackAlreadyCommittedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["AlreadyJoined"].ID.Bytes()[:4]) {
		return cohort.UnpackAlreadyJoinedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["AlreadyVoted"].ID.Bytes()[:4]) {
		return cohort.UnpackAlreadyVotedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["BadSignature"].ID.Bytes()[:4]) {
		return cohort.UnpackBadSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["ConsentExpired"].ID.Bytes()[:4]) {
		return cohort.UnpackConsentExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["ConsentRevoked"].ID.Bytes()[:4]) {
		return cohort.UnpackConsentRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["DeadlineNotPassed"].ID.Bytes()[:4]) {
		return cohort.UnpackDeadlineNotPassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return cohort.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["DuplicateEvidence"].ID.Bytes()[:4]) {
		return cohort.UnpackDuplicateEvidenceError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["DuplicateMember"].ID.Bytes()[:4]) {
		return cohort.UnpackDuplicateMemberError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["EnrolmentClosed"].ID.Bytes()[:4]) {
		return cohort.UnpackEnrolmentClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["InvalidDeadline"].ID.Bytes()[:4]) {
		return cohort.UnpackInvalidDeadlineError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["InvalidNonce"].ID.Bytes()[:4]) {
		return cohort.UnpackInvalidNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["InvalidParameter"].ID.Bytes()[:4]) {
		return cohort.UnpackInvalidParameterError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["LastMember"].ID.Bytes()[:4]) {
		return cohort.UnpackLastMemberError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["MemberSuspended"].ID.Bytes()[:4]) {
		return cohort.UnpackMemberSuspendedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["NoConsent"].ID.Bytes()[:4]) {
		return cohort.UnpackNoConsentError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["NotAuthorised"].ID.Bytes()[:4]) {
		return cohort.UnpackNotAuthorisedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["NotCoordinator"].ID.Bytes()[:4]) {
		return cohort.UnpackNotCoordinatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["NotMember"].ID.Bytes()[:4]) {
		return cohort.UnpackNotMemberError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["NotParticipant"].ID.Bytes()[:4]) {
		return cohort.UnpackNotParticipantError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["NotSuspended"].ID.Bytes()[:4]) {
		return cohort.UnpackNotSuspendedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["ParticipantsExceedCommitments"].ID.Bytes()[:4]) {
		return cohort.UnpackParticipantsExceedCommitmentsError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["ProposalClosed"].ID.Bytes()[:4]) {
		return cohort.UnpackProposalClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["ProposalExpired"].ID.Bytes()[:4]) {
		return cohort.UnpackProposalExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["ProposalNotFound"].ID.Bytes()[:4]) {
		return cohort.UnpackProposalNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["PublicKeyLocked"].ID.Bytes()[:4]) {
		return cohort.UnpackPublicKeyLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["PublicKeyNotSet"].ID.Bytes()[:4]) {
		return cohort.UnpackPublicKeyNotSetError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["RoundNotFound"].ID.Bytes()[:4]) {
		return cohort.UnpackRoundNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["RoundNotOpen"].ID.Bytes()[:4]) {
		return cohort.UnpackRoundNotOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["RoundOutOfOrder"].ID.Bytes()[:4]) {
		return cohort.UnpackRoundOutOfOrderError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["RoundStillOpen"].ID.Bytes()[:4]) {
		return cohort.UnpackRoundStillOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["StudyCompleted"].ID.Bytes()[:4]) {
		return cohort.UnpackStudyCompletedError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["StudyFull"].ID.Bytes()[:4]) {
		return cohort.UnpackStudyFullError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["StudyNotFound"].ID.Bytes()[:4]) {
		return cohort.UnpackStudyNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["TooFewParticipants"].ID.Bytes()[:4]) {
		return cohort.UnpackTooFewParticipantsError(raw[4:])
	}
	if bytes.Equal(raw[:4], cohort.abi.Errors["UnsortedScores"].ID.Bytes()[:4]) {
		return cohort.UnpackUnsortedScoresError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// CohortAlreadyCommitted represents a AlreadyCommitted error raised by the Cohort contract.
type CohortAlreadyCommitted struct {
	StudyId uint64
	Round   uint32
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyCommitted(uint64 studyId, uint32 round, address account)
func CohortAlreadyCommittedErrorID() common.Hash {
	return common.HexToHash("0xf7ace62152a99d768acbb3e895280740e2be84baa3346e186d724e71465c5756")
}

// UnpackAlreadyCommittedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyCommitted(uint64 studyId, uint32 round, address account)
func (cohort *Cohort) UnpackAlreadyCommittedError(raw []byte) (*CohortAlreadyCommitted, error) {
	out := new(CohortAlreadyCommitted)
	if err := cohort.abi.UnpackIntoInterface(out, "AlreadyCommitted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortAlreadyJoined represents a AlreadyJoined error raised by the Cohort contract.
type CohortAlreadyJoined struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyJoined(uint64 studyId, address account)
func CohortAlreadyJoinedErrorID() common.Hash {
	return common.HexToHash("0x48d1c173bc775f0333b123bd37fce2c7ba6bf26d9c679f3567b6a9965a9a0964")
}

// UnpackAlreadyJoinedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyJoined(uint64 studyId, address account)
func (cohort *Cohort) UnpackAlreadyJoinedError(raw []byte) (*CohortAlreadyJoined, error) {
	out := new(CohortAlreadyJoined)
	if err := cohort.abi.UnpackIntoInterface(out, "AlreadyJoined", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortAlreadyVoted represents a AlreadyVoted error raised by the Cohort contract.
type CohortAlreadyVoted struct {
	ProposalId uint64
	Account    common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyVoted(uint64 proposalId, address account)
func CohortAlreadyVotedErrorID() common.Hash {
	return common.HexToHash("0xe4df9458dce04a4692596a2c20490c1359a1284cec1357a3aee6fd69d8dad898")
}

// UnpackAlreadyVotedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyVoted(uint64 proposalId, address account)
func (cohort *Cohort) UnpackAlreadyVotedError(raw []byte) (*CohortAlreadyVoted, error) {
	out := new(CohortAlreadyVoted)
	if err := cohort.abi.UnpackIntoInterface(out, "AlreadyVoted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortBadSignature represents a BadSignature error raised by the Cohort contract.
type CohortBadSignature struct {
	Patient [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadSignature(bytes32 patient)
func CohortBadSignatureErrorID() common.Hash {
	return common.HexToHash("0x252d5ca19edf28238724c142b92d16ab414f58c80c3131d56837f3d37589e18c")
}

// UnpackBadSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadSignature(bytes32 patient)
func (cohort *Cohort) UnpackBadSignatureError(raw []byte) (*CohortBadSignature, error) {
	out := new(CohortBadSignature)
	if err := cohort.abi.UnpackIntoInterface(out, "BadSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortConsentExpired represents a ConsentExpired error raised by the Cohort contract.
type CohortConsentExpired struct {
	Patient [32]byte
	Expiry  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ConsentExpired(bytes32 patient, uint64 expiry)
func CohortConsentExpiredErrorID() common.Hash {
	return common.HexToHash("0xeaad2785d6205622fb346f27e5ab3ee5d34f8b62123f48aaa520dfc721f2bf29")
}

// UnpackConsentExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ConsentExpired(bytes32 patient, uint64 expiry)
func (cohort *Cohort) UnpackConsentExpiredError(raw []byte) (*CohortConsentExpired, error) {
	out := new(CohortConsentExpired)
	if err := cohort.abi.UnpackIntoInterface(out, "ConsentExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortConsentRevoked represents a ConsentRevoked error raised by the Cohort contract.
type CohortConsentRevoked struct {
	Patient [32]byte
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ConsentRevoked(bytes32 patient, uint64 studyId)
func CohortConsentRevokedErrorID() common.Hash {
	return common.HexToHash("0xa57753ba85635217a766977bb3dc3c4394164c3a4d3430be93d4191f1917a780")
}

// UnpackConsentRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ConsentRevoked(bytes32 patient, uint64 studyId)
func (cohort *Cohort) UnpackConsentRevokedError(raw []byte) (*CohortConsentRevoked, error) {
	out := new(CohortConsentRevoked)
	if err := cohort.abi.UnpackIntoInterface(out, "ConsentRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortDeadlineNotPassed represents a DeadlineNotPassed error raised by the Cohort contract.
type CohortDeadlineNotPassed struct {
	StudyId   uint64
	Round     uint32
	NotBefore uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineNotPassed(uint64 studyId, uint32 round, uint64 notBefore)
func CohortDeadlineNotPassedErrorID() common.Hash {
	return common.HexToHash("0x5b5d3b42b6a4dca7a510fa89a39f037d279fce28ff79e6e3baf08cb7b44106d2")
}

// UnpackDeadlineNotPassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineNotPassed(uint64 studyId, uint32 round, uint64 notBefore)
func (cohort *Cohort) UnpackDeadlineNotPassedError(raw []byte) (*CohortDeadlineNotPassed, error) {
	out := new(CohortDeadlineNotPassed)
	if err := cohort.abi.UnpackIntoInterface(out, "DeadlineNotPassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortDeadlinePassed represents a DeadlinePassed error raised by the Cohort contract.
type CohortDeadlinePassed struct {
	StudyId  uint64
	Round    uint32
	Deadline uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint64 studyId, uint32 round, uint64 deadline)
func CohortDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x37dc4b81e28c96311bdcde5082d20295eafe6b803aeb332dbcf096a226cde966")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint64 studyId, uint32 round, uint64 deadline)
func (cohort *Cohort) UnpackDeadlinePassedError(raw []byte) (*CohortDeadlinePassed, error) {
	out := new(CohortDeadlinePassed)
	if err := cohort.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortDuplicateEvidence represents a DuplicateEvidence error raised by the Cohort contract.
type CohortDuplicateEvidence struct {
	StudyId      uint64
	Account      common.Address
	EvidenceHash [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DuplicateEvidence(uint64 studyId, address account, bytes32 evidenceHash)
func CohortDuplicateEvidenceErrorID() common.Hash {
	return common.HexToHash("0x5621373417ae13c12d108cb353d5bd8e0732a511a37a9b8968e8ec46b81bfa40")
}

// UnpackDuplicateEvidenceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DuplicateEvidence(uint64 studyId, address account, bytes32 evidenceHash)
func (cohort *Cohort) UnpackDuplicateEvidenceError(raw []byte) (*CohortDuplicateEvidence, error) {
	out := new(CohortDuplicateEvidence)
	if err := cohort.abi.UnpackIntoInterface(out, "DuplicateEvidence", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortDuplicateMember represents a DuplicateMember error raised by the Cohort contract.
type CohortDuplicateMember struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DuplicateMember(address account)
func CohortDuplicateMemberErrorID() common.Hash {
	return common.HexToHash("0x4b99be106ca88ce66b1359b681c216ce5d48a463451988067d965493ce6d27f5")
}

// UnpackDuplicateMemberError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DuplicateMember(address account)
func (cohort *Cohort) UnpackDuplicateMemberError(raw []byte) (*CohortDuplicateMember, error) {
	out := new(CohortDuplicateMember)
	if err := cohort.abi.UnpackIntoInterface(out, "DuplicateMember", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortEnrolmentClosed represents a EnrolmentClosed error raised by the Cohort contract.
type CohortEnrolmentClosed struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EnrolmentClosed(uint64 studyId)
func CohortEnrolmentClosedErrorID() common.Hash {
	return common.HexToHash("0xf7ada00ecd66f80b5fe38311fb46ce54544ff24ea0adc872075c7e3b51d8562e")
}

// UnpackEnrolmentClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EnrolmentClosed(uint64 studyId)
func (cohort *Cohort) UnpackEnrolmentClosedError(raw []byte) (*CohortEnrolmentClosed, error) {
	out := new(CohortEnrolmentClosed)
	if err := cohort.abi.UnpackIntoInterface(out, "EnrolmentClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortInvalidDeadline represents a InvalidDeadline error raised by the Cohort contract.
type CohortInvalidDeadline struct {
	Deadline uint64
	Now      uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidDeadline(uint64 deadline, uint64 now_)
func CohortInvalidDeadlineErrorID() common.Hash {
	return common.HexToHash("0x0f0b00b714d8bde4c5043839b043bba7db08f6b758cfa383c6e51b602bce325a")
}

// UnpackInvalidDeadlineError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidDeadline(uint64 deadline, uint64 now_)
func (cohort *Cohort) UnpackInvalidDeadlineError(raw []byte) (*CohortInvalidDeadline, error) {
	out := new(CohortInvalidDeadline)
	if err := cohort.abi.UnpackIntoInterface(out, "InvalidDeadline", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortInvalidNonce represents a InvalidNonce error raised by the Cohort contract.
type CohortInvalidNonce struct {
	Patient  [32]byte
	Expected uint32
	Got      uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidNonce(bytes32 patient, uint32 expected, uint32 got)
func CohortInvalidNonceErrorID() common.Hash {
	return common.HexToHash("0x8c3458de18bb3dee6af9978a6f63de3d2bc1039cb454dcb73f66a90961c256ea")
}

// UnpackInvalidNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidNonce(bytes32 patient, uint32 expected, uint32 got)
func (cohort *Cohort) UnpackInvalidNonceError(raw []byte) (*CohortInvalidNonce, error) {
	out := new(CohortInvalidNonce)
	if err := cohort.abi.UnpackIntoInterface(out, "InvalidNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortInvalidParameter represents a InvalidParameter error raised by the Cohort contract.
type CohortInvalidParameter struct {
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParameter(string field)
func CohortInvalidParameterErrorID() common.Hash {
	return common.HexToHash("0xaa33ade0aeb9f98ab34de64dc8528f518998966a7f9fcee11b746b769d506aa5")
}

// UnpackInvalidParameterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParameter(string field)
func (cohort *Cohort) UnpackInvalidParameterError(raw []byte) (*CohortInvalidParameter, error) {
	out := new(CohortInvalidParameter)
	if err := cohort.abi.UnpackIntoInterface(out, "InvalidParameter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortLastMember represents a LastMember error raised by the Cohort contract.
type CohortLastMember struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LastMember(address account)
func CohortLastMemberErrorID() common.Hash {
	return common.HexToHash("0xe1888b348d6775dd62d6a0e286c250cc85c3e63470bdf93c36cba69b6219bd77")
}

// UnpackLastMemberError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LastMember(address account)
func (cohort *Cohort) UnpackLastMemberError(raw []byte) (*CohortLastMember, error) {
	out := new(CohortLastMember)
	if err := cohort.abi.UnpackIntoInterface(out, "LastMember", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortMemberSuspended represents a MemberSuspended error raised by the Cohort contract.
type CohortMemberSuspended struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MemberSuspended(uint64 studyId, address account)
func CohortMemberSuspendedErrorID() common.Hash {
	return common.HexToHash("0xed4aef236680b151e76959bd1322b5dab5b6032af9c19bdaf508fd557ef38357")
}

// UnpackMemberSuspendedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MemberSuspended(uint64 studyId, address account)
func (cohort *Cohort) UnpackMemberSuspendedError(raw []byte) (*CohortMemberSuspended, error) {
	out := new(CohortMemberSuspended)
	if err := cohort.abi.UnpackIntoInterface(out, "MemberSuspended", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortNoConsent represents a NoConsent error raised by the Cohort contract.
type CohortNoConsent struct {
	Patient [32]byte
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoConsent(bytes32 patient, uint64 studyId)
func CohortNoConsentErrorID() common.Hash {
	return common.HexToHash("0xbe56c505750438040b3c7bd1584c107b6c7a11784d2fe15dda43515b4ca39dab")
}

// UnpackNoConsentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoConsent(bytes32 patient, uint64 studyId)
func (cohort *Cohort) UnpackNoConsentError(raw []byte) (*CohortNoConsent, error) {
	out := new(CohortNoConsent)
	if err := cohort.abi.UnpackIntoInterface(out, "NoConsent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortNotAuthorised represents a NotAuthorised error raised by the Cohort contract.
type CohortNotAuthorised struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorised(address account)
func CohortNotAuthorisedErrorID() common.Hash {
	return common.HexToHash("0x10ac4965ad0f10d1981eda3147962be82bab74e84b52036ea50629e4c490c98b")
}

// UnpackNotAuthorisedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorised(address account)
func (cohort *Cohort) UnpackNotAuthorisedError(raw []byte) (*CohortNotAuthorised, error) {
	out := new(CohortNotAuthorised)
	if err := cohort.abi.UnpackIntoInterface(out, "NotAuthorised", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortNotCoordinator represents a NotCoordinator error raised by the Cohort contract.
type CohortNotCoordinator struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotCoordinator(uint64 studyId, address account)
func CohortNotCoordinatorErrorID() common.Hash {
	return common.HexToHash("0x9168c450922c27c5963039675a10cad0f5c86f777da9158d83fea4a9ab903ba8")
}

// UnpackNotCoordinatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotCoordinator(uint64 studyId, address account)
func (cohort *Cohort) UnpackNotCoordinatorError(raw []byte) (*CohortNotCoordinator, error) {
	out := new(CohortNotCoordinator)
	if err := cohort.abi.UnpackIntoInterface(out, "NotCoordinator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortNotMember represents a NotMember error raised by the Cohort contract.
type CohortNotMember struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotMember(address account)
func CohortNotMemberErrorID() common.Hash {
	return common.HexToHash("0x16d6142c051fd31eaf080eccdc319a6d11b659baa2266c1e4d7e444bd19c4a32")
}

// UnpackNotMemberError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotMember(address account)
func (cohort *Cohort) UnpackNotMemberError(raw []byte) (*CohortNotMember, error) {
	out := new(CohortNotMember)
	if err := cohort.abi.UnpackIntoInterface(out, "NotMember", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortNotParticipant represents a NotParticipant error raised by the Cohort contract.
type CohortNotParticipant struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotParticipant(uint64 studyId, address account)
func CohortNotParticipantErrorID() common.Hash {
	return common.HexToHash("0xf8de62b4c2e2d42c43573874ff8e874c3dfa51469a40b0bbf63cd49571a72045")
}

// UnpackNotParticipantError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotParticipant(uint64 studyId, address account)
func (cohort *Cohort) UnpackNotParticipantError(raw []byte) (*CohortNotParticipant, error) {
	out := new(CohortNotParticipant)
	if err := cohort.abi.UnpackIntoInterface(out, "NotParticipant", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortNotSuspended represents a NotSuspended error raised by the Cohort contract.
type CohortNotSuspended struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSuspended(uint64 studyId, address account)
func CohortNotSuspendedErrorID() common.Hash {
	return common.HexToHash("0xddb426393eab11c4be4948d09ced1758a7237f2f5e46528446516398dea98c26")
}

// UnpackNotSuspendedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSuspended(uint64 studyId, address account)
func (cohort *Cohort) UnpackNotSuspendedError(raw []byte) (*CohortNotSuspended, error) {
	out := new(CohortNotSuspended)
	if err := cohort.abi.UnpackIntoInterface(out, "NotSuspended", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortParticipantsExceedCommitments represents a ParticipantsExceedCommitments error raised by the Cohort contract.
type CohortParticipantsExceedCommitments struct {
	StudyId      uint64
	Round        uint32
	Commitments  uint32
	Participants uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ParticipantsExceedCommitments(uint64 studyId, uint32 round, uint32 commitments, uint32 participants)
func CohortParticipantsExceedCommitmentsErrorID() common.Hash {
	return common.HexToHash("0xc6f9e9722e5c02fb93d3a4e4bf8cba2524378f8456b5cb710fe69e0a70f97c9c")
}

// UnpackParticipantsExceedCommitmentsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ParticipantsExceedCommitments(uint64 studyId, uint32 round, uint32 commitments, uint32 participants)
func (cohort *Cohort) UnpackParticipantsExceedCommitmentsError(raw []byte) (*CohortParticipantsExceedCommitments, error) {
	out := new(CohortParticipantsExceedCommitments)
	if err := cohort.abi.UnpackIntoInterface(out, "ParticipantsExceedCommitments", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortProposalClosed represents a ProposalClosed error raised by the Cohort contract.
type CohortProposalClosed struct {
	ProposalId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProposalClosed(uint64 proposalId)
func CohortProposalClosedErrorID() common.Hash {
	return common.HexToHash("0xab1a0756994c7497465e5c9d2947310a722958566475fd20261f14f80a4f8278")
}

// UnpackProposalClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProposalClosed(uint64 proposalId)
func (cohort *Cohort) UnpackProposalClosedError(raw []byte) (*CohortProposalClosed, error) {
	out := new(CohortProposalClosed)
	if err := cohort.abi.UnpackIntoInterface(out, "ProposalClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortProposalExpired represents a ProposalExpired error raised by the Cohort contract.
type CohortProposalExpired struct {
	ProposalId uint64
	ExpiredAt  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProposalExpired(uint64 proposalId, uint64 expiredAt)
func CohortProposalExpiredErrorID() common.Hash {
	return common.HexToHash("0xf1d034730ea7cbcf738b91591ee7a0cbbecd0f0bc8e601115828e5dd82f82f2d")
}

// UnpackProposalExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProposalExpired(uint64 proposalId, uint64 expiredAt)
func (cohort *Cohort) UnpackProposalExpiredError(raw []byte) (*CohortProposalExpired, error) {
	out := new(CohortProposalExpired)
	if err := cohort.abi.UnpackIntoInterface(out, "ProposalExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortProposalNotFound represents a ProposalNotFound error raised by the Cohort contract.
type CohortProposalNotFound struct {
	ProposalId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProposalNotFound(uint64 proposalId)
func CohortProposalNotFoundErrorID() common.Hash {
	return common.HexToHash("0x59825a017096d9ea1350fc1a1994c5896d570b58f8abe9748dc7fb3b3b5167bb")
}

// UnpackProposalNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProposalNotFound(uint64 proposalId)
func (cohort *Cohort) UnpackProposalNotFoundError(raw []byte) (*CohortProposalNotFound, error) {
	out := new(CohortProposalNotFound)
	if err := cohort.abi.UnpackIntoInterface(out, "ProposalNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortPublicKeyLocked represents a PublicKeyLocked error raised by the Cohort contract.
type CohortPublicKeyLocked struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PublicKeyLocked(uint64 studyId)
func CohortPublicKeyLockedErrorID() common.Hash {
	return common.HexToHash("0x301d5f96084bcd7a510563c8445ca11eabaef128b3d33a11d5c23abc52e04711")
}

// UnpackPublicKeyLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PublicKeyLocked(uint64 studyId)
func (cohort *Cohort) UnpackPublicKeyLockedError(raw []byte) (*CohortPublicKeyLocked, error) {
	out := new(CohortPublicKeyLocked)
	if err := cohort.abi.UnpackIntoInterface(out, "PublicKeyLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortPublicKeyNotSet represents a PublicKeyNotSet error raised by the Cohort contract.
type CohortPublicKeyNotSet struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PublicKeyNotSet(uint64 studyId)
func CohortPublicKeyNotSetErrorID() common.Hash {
	return common.HexToHash("0x8546132390827d7ff3ee873be593633a7f9699711c232d80c698701c8f281264")
}

// UnpackPublicKeyNotSetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PublicKeyNotSet(uint64 studyId)
func (cohort *Cohort) UnpackPublicKeyNotSetError(raw []byte) (*CohortPublicKeyNotSet, error) {
	out := new(CohortPublicKeyNotSet)
	if err := cohort.abi.UnpackIntoInterface(out, "PublicKeyNotSet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortRoundNotFound represents a RoundNotFound error raised by the Cohort contract.
type CohortRoundNotFound struct {
	StudyId uint64
	Round   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundNotFound(uint64 studyId, uint32 round)
func CohortRoundNotFoundErrorID() common.Hash {
	return common.HexToHash("0x13a9d7e5ae520a11112fae10a8172373ff8773d2dea78f36e406da0cbfdafb77")
}

// UnpackRoundNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundNotFound(uint64 studyId, uint32 round)
func (cohort *Cohort) UnpackRoundNotFoundError(raw []byte) (*CohortRoundNotFound, error) {
	out := new(CohortRoundNotFound)
	if err := cohort.abi.UnpackIntoInterface(out, "RoundNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortRoundNotOpen represents a RoundNotOpen error raised by the Cohort contract.
type CohortRoundNotOpen struct {
	StudyId uint64
	Round   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundNotOpen(uint64 studyId, uint32 round)
func CohortRoundNotOpenErrorID() common.Hash {
	return common.HexToHash("0x4ded791ca6047292dac3f1594ba46c8030d6c312a944588a8c78b765406db50e")
}

// UnpackRoundNotOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundNotOpen(uint64 studyId, uint32 round)
func (cohort *Cohort) UnpackRoundNotOpenError(raw []byte) (*CohortRoundNotOpen, error) {
	out := new(CohortRoundNotOpen)
	if err := cohort.abi.UnpackIntoInterface(out, "RoundNotOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortRoundOutOfOrder represents a RoundOutOfOrder error raised by the Cohort contract.
type CohortRoundOutOfOrder struct {
	StudyId  uint64
	Expected uint32
	Got      uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundOutOfOrder(uint64 studyId, uint32 expected, uint32 got)
func CohortRoundOutOfOrderErrorID() common.Hash {
	return common.HexToHash("0x9cb11ef2dfc2fe2e31db1c902899feed0ea11438dfcb5a9428bba1ae3b830f06")
}

// UnpackRoundOutOfOrderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundOutOfOrder(uint64 studyId, uint32 expected, uint32 got)
func (cohort *Cohort) UnpackRoundOutOfOrderError(raw []byte) (*CohortRoundOutOfOrder, error) {
	out := new(CohortRoundOutOfOrder)
	if err := cohort.abi.UnpackIntoInterface(out, "RoundOutOfOrder", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortRoundStillOpen represents a RoundStillOpen error raised by the Cohort contract.
type CohortRoundStillOpen struct {
	StudyId uint64
	Round   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundStillOpen(uint64 studyId, uint32 round)
func CohortRoundStillOpenErrorID() common.Hash {
	return common.HexToHash("0xf908a5cc7a5b1458a044c56464e6f31a1bfc7e57c6a730bf2fa013fb865c0238")
}

// UnpackRoundStillOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundStillOpen(uint64 studyId, uint32 round)
func (cohort *Cohort) UnpackRoundStillOpenError(raw []byte) (*CohortRoundStillOpen, error) {
	out := new(CohortRoundStillOpen)
	if err := cohort.abi.UnpackIntoInterface(out, "RoundStillOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortStudyCompleted represents a StudyCompleted error raised by the Cohort contract.
type CohortStudyCompleted struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StudyCompleted(uint64 studyId)
func CohortStudyCompletedErrorID() common.Hash {
	return common.HexToHash("0xeb3537a0e7cd9acab404165914d2d99e2d6577d8418c307cb1fb6d48b405d442")
}

// UnpackStudyCompletedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StudyCompleted(uint64 studyId)
func (cohort *Cohort) UnpackStudyCompletedError(raw []byte) (*CohortStudyCompleted, error) {
	out := new(CohortStudyCompleted)
	if err := cohort.abi.UnpackIntoInterface(out, "StudyCompleted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortStudyFull represents a StudyFull error raised by the Cohort contract.
type CohortStudyFull struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StudyFull(uint64 studyId)
func CohortStudyFullErrorID() common.Hash {
	return common.HexToHash("0xe509c20de5009cf42863b6d9cc244ba017f6e7266c266f808b047e98e9638d0b")
}

// UnpackStudyFullError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StudyFull(uint64 studyId)
func (cohort *Cohort) UnpackStudyFullError(raw []byte) (*CohortStudyFull, error) {
	out := new(CohortStudyFull)
	if err := cohort.abi.UnpackIntoInterface(out, "StudyFull", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortStudyNotFound represents a StudyNotFound error raised by the Cohort contract.
type CohortStudyNotFound struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StudyNotFound(uint64 studyId)
func CohortStudyNotFoundErrorID() common.Hash {
	return common.HexToHash("0x855f02c8440e5b5af3ed0c00552a151816898d425e10a16b0f97e8a1e44a02a8")
}

// UnpackStudyNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StudyNotFound(uint64 studyId)
func (cohort *Cohort) UnpackStudyNotFoundError(raw []byte) (*CohortStudyNotFound, error) {
	out := new(CohortStudyNotFound)
	if err := cohort.abi.UnpackIntoInterface(out, "StudyNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortTooFewParticipants represents a TooFewParticipants error raised by the Cohort contract.
type CohortTooFewParticipants struct {
	StudyId  uint64
	Required uint32
	Actual   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual)
func CohortTooFewParticipantsErrorID() common.Hash {
	return common.HexToHash("0xd93718c612cc2e9f99230812c69f11bdde87cc2a95c05dbba4660f517a14c458")
}

// UnpackTooFewParticipantsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual)
func (cohort *Cohort) UnpackTooFewParticipantsError(raw []byte) (*CohortTooFewParticipants, error) {
	out := new(CohortTooFewParticipants)
	if err := cohort.abi.UnpackIntoInterface(out, "TooFewParticipants", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CohortUnsortedScores represents a UnsortedScores error raised by the Cohort contract.
type CohortUnsortedScores struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnsortedScores(uint256 index)
func CohortUnsortedScoresErrorID() common.Hash {
	return common.HexToHash("0xba59ef3a132580d790c94327cebad523a0893e6b2eb2de547af9069e9861a210")
}

// UnpackUnsortedScoresError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnsortedScores(uint256 index)
func (cohort *Cohort) UnpackUnsortedScoresError(raw []byte) (*CohortUnsortedScores, error) {
	out := new(CohortUnsortedScores)
	if err := cohort.abi.UnpackIntoInterface(out, "UnsortedScores", raw); err != nil {
		return nil, err
	}
	return out, nil
}
