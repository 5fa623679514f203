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

// StudiesParticipantRecord is an auto generated low-level Go binding around an user-defined struct.
type StudiesParticipantRecord struct {
	Index              uint16
	Strikes            uint16
	Suspended          bool
	LastCommittedRound uint32
	Left               bool
	Removed            bool
}

// StudiesRoundRecord is an auto generated low-level Go binding around an user-defined struct.
type StudiesRoundRecord struct {
	GlobalModel      [32]byte
	Deadline         uint64
	OpenedAt         uint64
	OpenedBlock      *big.Int
	ClosedBlock      *big.Int
	Status           uint8
	Commitments      uint16
	Participants     uint16
	SamplesBound     bool
	CommitmentsRoot  [32]byte
	Accuracy         uint32
	Auc              uint32
	Loss             uint64
	EpsilonSpent     uint64
	AggregateHash    [32]byte
	ModelHash        [32]byte
	ScoresHash       [32]byte
	ContributorsHash [32]byte
}

// StudiesSignedCommitment is an auto generated low-level Go binding around an user-defined struct.
type StudiesSignedCommitment struct {
	CiphertextHash [32]byte
	SampleCount    uint64
	ConsentRoot    [32]byte
	V              uint8
	R              [32]byte
	S              [32]byte
}

// StudiesStudyRecord is an auto generated low-level Go binding around an user-defined struct.
type StudiesStudyRecord struct {
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
	RobustPolicyHash    [32]byte
	StandardiserHash    [32]byte
	EpsilonBudget       uint64
	Delta               uint64
	EpsilonSpent        uint64
	CreatedBlock        uint64
}

// StudiesMetaData contains all meta data concerning the Studies contract.
var StudiesMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"consortium_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyCommitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyJoined\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"AlreadyRemoved\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"BadCommitSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"CommitteeNotCurrent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"pinned\",\"type\":\"bytes32\"}],\"name\":\"ContributorsPinned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"notBefore\",\"type\":\"uint64\"}],\"name\":\"DeadlineNotPassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"DuplicateEvidence\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"EnrolmentClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"now_\",\"type\":\"uint64\"}],\"name\":\"InvalidDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"previous\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"name\":\"InvalidEpsilonSpent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"MemberSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"ModuleRetired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"pinned\",\"type\":\"bytes32\"}],\"name\":\"MomentsSumPinned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"NeverJoined\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotCoordinator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotParticipant\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"commitments\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"ParticipantsExceedCommitments\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"budget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyNotSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"PublicKeyRetired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"RemovedByVote\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"expected\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"got\",\"type\":\"uint32\"}],\"name\":\"RoundOutOfOrder\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundStillOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"bound\",\"type\":\"uint256\"}],\"name\":\"SamplesAboveConsent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyCompleted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFull\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"required\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"actual\",\"type\":\"uint32\"}],\"name\":\"TooFewParticipants\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"UnsortedScores\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reporter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"AggregateDisputed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"contributorsHash\",\"type\":\"bytes32\"}],\"name\":\"ContributorsSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"sumHash\",\"type\":\"bytes32\"}],\"name\":\"MomentsSumSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"ParticipantReinstated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"ParticipantRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"ParticipantSuspended\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"}],\"name\":\"PrivacySpent\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"PublicKeySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"Retired\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"}],\"name\":\"RoundAbandoned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"RoundClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"RoundOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"}],\"name\":\"ScoresRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"}],\"name\":\"StandardiserSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"enumStudies.StrikeReason\",\"name\":\"reason\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"StrikeRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"}],\"name\":\"StudyCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFinished\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"}],\"name\":\"StudyJoined\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"StudyLeft\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"UpdateCommitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"indexed\":false,\"internalType\":\"bytes32[]\",\"name\":\"ciphertextHashes\",\"type\":\"bytes32[]\"},{\"indexed\":false,\"internalType\":\"uint64[]\",\"name\":\"sampleCounts\",\"type\":\"uint64[]\"},{\"indexed\":false,\"internalType\":\"bytes32[]\",\"name\":\"consentRoots\",\"type\":\"bytes32[]\"}],\"name\":\"UpdatesCommitted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ABANDON_GRACE\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"COMMIT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DELTA_UNIT\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"FLAG_SUSPICIOUS\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"METRIC_UNIT\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"abandonRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"firstId\",\"type\":\"uint64\"}],\"name\":\"activate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"checkExcludable\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"closeRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"internalType\":\"structStudies.SignedCommitment[]\",\"name\":\"commits\",\"type\":\"tuple[]\"},{\"internalType\":\"bytes32\",\"name\":\"contributorsHash\",\"type\":\"bytes32\"}],\"name\":\"commitUpdates\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitmentDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"committees\",\"outputs\":[{\"internalType\":\"contractCommittees\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"consentContext\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"cutoffBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"at\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"consortium\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"robustPolicyHash\",\"type\":\"bytes32\"}],\"name\":\"createStudy\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"disputeAggregate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"endorsementContext\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"flagged\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"domain\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"accounts\",\"type\":\"address[]\"}],\"name\":\"firstNotInGoodStanding\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"firstStudyId\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"getParticipant\",\"outputs\":[{\"components\":[{\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"suspended\",\"type\":\"bool\"},{\"internalType\":\"uint32\",\"name\":\"lastCommittedRound\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"left\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"removed\",\"type\":\"bool\"}],\"internalType\":\"structStudies.ParticipantRecord\",\"name\":\"p\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"getRound\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"openedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"openedBlock\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"closedBlock\",\"type\":\"uint40\"},{\"internalType\":\"enumStudies.RoundStatus\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"participants\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"samplesBound\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"commitmentsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"contributorsHash\",\"type\":\"bytes32\"}],\"internalType\":\"structStudies.RoundRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"getStudy\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"currentRound\",\"type\":\"uint32\"},{\"internalType\":\"uint16\",\"name\":\"activeParticipants\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"roundOpen\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"completed\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"robustPolicyHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"createdBlock\",\"type\":\"uint64\"}],\"internalType\":\"structStudies.StudyRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isParticipant\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"isReinstatable\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"isSuspended\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"joinStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"leaveStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"momentsSum\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"}],\"name\":\"openRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"sumHash\",\"type\":\"bytes32\"}],\"name\":\"pinMomentsSum\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"}],\"name\":\"recordScores\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"reinstate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"removeParticipant\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"requestRotation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor_\",\"type\":\"address\"}],\"name\":\"retire\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"}],\"name\":\"setPrivacyBudget\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"setPublicKeyHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"}],\"name\":\"setStandardiserHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"}],\"name\":\"strikeFlagged\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"studyCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"studyIds\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"first\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"last\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"studyParticipants\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"out\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"successor\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Studies",
	Bin: "0x61010080604052346101ea57602081617a80803803809161002082856101ee565b8339810103126101ea57516001600160a01b038116908181036101ea5781156101b75760805260405190612a738083016001600160401b038111848210176101a357602092849261500d843981520301905ff080156101985760a0524660c05260405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a560408201527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260a0815261011260c0826101ee565b51902060e052604051614dfb90816102128239608051818181610bca01528181611e3201528181611ee201528181612b210152818161302a015281816133390152818161429701526148df015260a0518181816110be0152818161161301528181611d5f01528181612b510152614aff015260c05181613c3e015260e05181613c640152f35b6040513d5f823e3d90fd5b634e487b7160e01b5f52604160045260245ffd5b6040516305519d6f60e51b815260206004820152600a602482015269636f6e736f727469756d60b01b6044820152606490fd5b5f80fd5b601f909101601f19168101906001600160401b038211908210176101a35760405256fe60806040526004361015610011575f80fd5b5f3560e01c80630362aa6c146102e45780630b7e16ca146102df578063244d956a146102da5780632d92467b146102d55780632dab3a65146102d057806337479beb146102cb57806341e25253146102c6578063429db9ac146102c15780635c3f0915146102bc5780635f5cbe80146102b7578063625493f4146102b257806363ba020f146102ad5780636be6049b146102a85780636d849b62146102a35780636ff968c31461029e5780637110d32e1461029957806375f9afcd146102945780637603bf191461028f57806378027a641461028a5780637c67266914610285578063813e96f114610280578063816e22381461027b578063827429a51461027657806396b1e279146102715780639ad187651461026c5780639cfa750f146102675780639e6371ba14610262578063a86bd6911461025d578063bd2e6ac314610258578063c38f21f814610253578063c41306fd1461024e578063c823563814610249578063c9a387a514610244578063d2d3a5ae1461023f578063d9aa7aaa1461023a578063deb9274e14610235578063e455fa5a14610230578063e6b499c01461022b578063e83da9fc14610226578063f1257cbb14610221578063f3701a181461021c578063f698da2514610217578063fc7e474614610212578063fd6fd93d1461020d5763fe4dca6214610208575f80fd5b613321565b613243565b613003565b612fe9565b612f03565b612e26565b612c07565b612be2565b612bba565b612af9565b612a9e565b612a83565b61271a565b612513565b6122e8565b6121ec565b612147565b611f50565b611ebb565b611e56565b611e13565b611d45565b611c81565b611554565b6114e4565b6113ce565b611388565b611367565b61112e565b61109f565b611079565b611050565b610e3d565b610dc6565b610d5e565b610bb2565b610b3a565b610ad8565b610623565b610566565b61039b565b61036d565b610350565b610319565b6102f7565b5f9103126102f357565b5f80fd5b346102f3575f3660031901126102f3576020604051670de0b6b3a76400008152f35b346102f3575f3660031901126102f3575f54604080516001600160401b03808416825292821c9092166020830152819081015b0390f35b346102f3575f3660031901126102f3576020604051620f42408152f35b346102f3575f3660031901126102f3576020604051620151808152f35b6001600160401b038116036102f357565b346102f35760403660031901126102f3576004356103b88161038a565b602435906103c581613eac565b821561053057600181015460c081901c63ffffffff166105145760e01c61ffff16815460c01c63ffffffff1663ffffffff811661ffff8316106104e857505061041f826001600160401b03165f52600a60205260405f2090565b9061043c6104358584905f5260205260405f2090565b5460ff1690565b6104c65791836001600160401b039260057f9bc242835ff3fa937e01e64b2110623a5f771d63d5354e981255ccee9e22eeb6950190815490811515806104bc575b610498575b505055604051938452169180602081015b0390a2005b5f918252602052604090206104b5905b805460ff19166001179055565b5f80610482565b508382141561047d565b6332c0e1e160e01b5f526001600160401b038316600452602484905260445b5ffd5b636c9b8c6360e11b5f526001600160401b03841660045263ffffffff1660245261ffff1660445260645ffd5b63180eafcb60e11b5f526001600160401b03831660045260245ffd5b6040516305519d6f60e51b815260206004820152600d60248201526c0e0eac4d8d2c696caf290c2e6d609b1b6044820152606490fd5b346102f3575f3660031901126102f35760206040517fcc5fe3530875c23038ecd4a1d7f5424b9dca3ebd79f37bc32e827caf22d55cf98152f35b6044359063ffffffff821682036102f357565b6064359063ffffffff821682036102f357565b6084359063ffffffff821682036102f357565b60a4359063ffffffff821682036102f357565b6024359063ffffffff821682036102f357565b60e4359063ffffffff821682036102f357565b6001600160a01b038116036102f357565b346102f3576101203660031901126102f3576024356004356106436105a0565b9061064c6105b3565b926106556105c6565b9361065e6105d9565b9360c4359360e4359561067087610612565b61010435976106876002546001600160a01b031690565b6001600160a01b03811615801590610ab7575b610a9c57508215610a6b578515610a3b5763ffffffff841615610a0c5763ffffffff811680156109da5763ffffffff8616106109945763ffffffff82168015908115610988575b5061095457861561090e576001600160a01b0388169788156108da575f5460401c6001600160401b031661071490613402565b5f80546fffffffffffffffff00000000000000001916604083901b67ffffffffffffffff60401b161790559961075b8b6001600160401b03165f52600360205260405f2090565b60e084901b7fffffffff000000000000000000000000000000000000000000000000000000001663ffffffff60a01b60a089901b16331763ffffffff60c01b60c08b901b161717815560018101805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b039094169390931783559184815463ffffffff60a01b191660a09190911b63ffffffff60a01b161790556002820185905560038201889055600482018990556006820155600801805477ffffffffffffffffffffffffffffffffffffffffffffffff164360c01b7fffffffffffffffff000000000000000000000000000000000000000000000000161790556040805193845260208401969096529482019590955263ffffffff9182166060820152918116608083015291821660a0820152911660c082015233906001600160401b038416908060e08101037fd200eb94dd326a99329596b4579be78e0bec32707b3ca0405a144e806d4dcd1591a46040516001600160401b03919091168152602090f35b6040516305519d6f60e51b815260206004820152600b60248201526a31b7b7b93234b730ba37b960a91b6044820152606490fd5b6040516305519d6f60e51b815260206004820152601360248201527f7265666572656e6365436f6d6d69746d656e74000000000000000000000000006044820152606490fd5b6040516305519d6f60e51b815260206004820152600b60248201526a1cdd1c9a5ad9531a5b5a5d60aa1b6044820152606490fd5b61ffff9150115f6106e1565b6040516305519d6f60e51b815260206004820152600f60248201527f6d696e5061727469636970616e747300000000000000000000000000000000006044820152606490fd5b6040516305519d6f60e51b81526020600482015260096024820152681d1a1c995cda1bdb1960ba1b6044820152606490fd5b6040516305519d6f60e51b8152602060048201526006602482015265726f756e647360d01b6044820152606490fd5b6040516305519d6f60e51b8152602060048201526007602482015266707572706f736560c81b6044820152606490fd5b6040516305519d6f60e51b81526020600482015260086024820152670e6e0cac690c2e6d60c31b6044820152606490fd5b6355038db160e01b5f526001600160a01b031660045260245ffd5b506001600160401b03610ad15f546001600160401b031690565b161561069a565b346102f35760203660031901126102f357610b08600435610af88161038a565b610b0181613eee565b3391613f3e565b005b9181601f840112156102f3578235916001600160401b0383116102f3576020808501948460051b0101116102f357565b346102f35760403660031901126102f357600435610b578161038a565b6024356001600160401b0381116102f357602091610b7c610b82923690600401610b0a565b91613457565b604051908152f35b60409060031901126102f357600435610ba28161038a565b90602435610baf81610612565b90565b346102f357610bc036610b8a565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163303610d4b57610c2581610c0f846001600160401b03165f52600560205260405f2090565b906001600160a01b03165f5260205260405f2090565b805490602082901c60ff169182159081610d36575b50610d0d5780546aff0000000000ffffff0000191681556001600160401b03926001600160a01b0392909181610cf3575b50610c9a575b1691167f21787fc0abe1c8e9210e7cb79204d42f86d35fab9eba5c5660b0cda0c302866b5f80a3005b610cee6001610cba866001600160401b03165f52600360205260405f2090565b018054610cd29060e01c61ffff166134df565b6134df565b815461ffff60e01b191660e09190911b61ffff60e01b16179055565b610c71565b54610d07915060481c60ff161590565b1590565b5f610c6b565b63ddb4263960e01b5f526001600160401b0384166004526001600160a01b03831660245260445ffd5b610d45915060501c60ff161590565b5f610c3a565b6310ac496560e01b5f523360045260245ffd5b346102f35760c0610d77610d7136610b8a565b90613613565b60a06040519161ffff815116835261ffff602082015116602084015260408101511515604084015263ffffffff60608201511660608401526080810151151560808401520151151560a0820152f35b346102f35760803660031901126102f357600435610de38161038a565b610deb6105ec565b90604435906001600160401b0382116102f357366023830112156102f3578160040135906001600160401b0382116102f35736602460c08402850101116102f357610b08936024606435940191613711565b346102f35760403660031901126102f357600435610e5a8161038a565b610e626105ec565b610e6b82613eee565b6001610e9f83610e8c866001600160401b03165f52600660205260405f2090565b9063ffffffff165f5260205260405f2090565b019283546001610eb38260ff9060d01c1690565b610ebc8161310a565b0361102a57610ee4610ed860018501546001600160a01b031690565b6001600160a01b031690565b3303610fb1576001600160401b03165b6001600160401b038116421115610f86575083544360a81b64ffffffffff60a81b1665ffffffffffff60a81b1990911617600360d01b1793849055610b089360d81c61ffff1660405161ffff919091168152339063ffffffff8516906001600160401b038416907f9c2d48a790aebb74cd95b4239116beafaf1698d0fd95f81bf35d5c7fdc6f0eb690602090a461455b565b632dae9da160e11b5f526001600160401b0391821660045263ffffffff84166024521660445260645ffd5b610fc5610ed884546001600160a01b031690565b33148015610ffd575b15610fea57610fe5906001600160401b03166137fa565b610ef4565b6310ac496560e01b5f523360045260245ffd5b5061102561102033610c0f856001600160401b03165f52600560205260405f2090565b614527565b610fce565b63137b5e4760e21b5f526001600160401b03821660045263ffffffff841660245260445ffd5b346102f35760403660031901126102f357610b086004356110708161038a565b6024359061381a565b346102f3575f3660031901126102f35760206001600160a01b0360025416604051908152f35b346102f3575f3660031901126102f35760206040516001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168152f35b60606003198201126102f3576004356110fa8161038a565b9160243563ffffffff811681036102f35791604435906001600160401b0382116102f35761112a91600401610b0a565b9091565b346102f35761113c366110e2565b92919061114883613eac565b5061116882610e8c856001600160401b03165f52600660205260405f2090565b93600161117c8187015460ff9060d01c1690565b6111858161310a565b036113415780156112fd575f915f955f935f5b84811061123f57505061121560067fce9b0741cf6383fc4d6a77dcf00fefb469a960c744ee82c20a35c6176493bcb9920180546040516111f0816111e28989602084019687613928565b03601f198101835282613526565b51902080915560405191829163ffffffff8916966001600160401b038b16968461394a565b0390a361121e57005b610e8c61123c926001600160401b03165f52600160205260405f2090565b55005b61124a818686613438565b35916001600160a01b0383169081111561132d576112688360e81c90565b6112fd576001611279829460e01c90565b16611288575b50600101611198565b86999199156112d1575b604080516020810193845260609290921b6bffffffffffffffffffffffff191690820152600191906112c781605481016111e2565b519020989061127f565b95505060016112f587610e8c8a6001600160401b03165f52600160205260405f2090565b549095611292565b6040516305519d6f60e51b8152602060048201526007602482015266656e747269657360c81b6044820152606490fd5b635d2cf79d60e11b5f52600482905260245ffd5b63137b5e4760e21b5f526001600160401b03841660045263ffffffff831660245260445ffd5b346102f357610b0861137836610b8a565b9061138281613eee565b506145e0565b346102f35760203660031901126102f3576001600160401b036004356113ad8161038a565b6113b681613eee565b50165f526009602052602060405f2054604051908152f35b346102f35760403660031901126102f3576004356113eb8161038a565b6113f36105ec565b60036113fe83613eee565b0154906001600160401b03928342169163ffffffff8116611441575b5050604080519283526001600160401b039384166020840152921691810191909152606090f35b91509283165f526006602052600161146a8260405f209063ffffffff165f5260205260405f2090565b01549260ff8460d01c1661147d8161310a565b156114c057505061034c6114b96114a961149f8564ffffffffff9060801c1690565b64ffffffffff1690565b9360401c6001600160401b031690565b905f61141a565b6313a9d7e560e01b5f526001600160401b031660045263ffffffff1660245260445ffd5b346102f357602061152c6001600160401b036114ff36610b8a565b919061150a81613eee565b50165f526005835260405f20906001600160a01b03165f5260205260405f2090565b5460ff81831c16908115611546575b506040519015158152f35b60ff915060501c165f61153b565b346102f35760a03660031901126102f3576004356115718161038a565b6115796105ec565b604435906064356115898161038a565b6084356115958161038a565b61159e85613eac565b91600183019081546115b08160f81c90565b611b1857600585015415611afc5760f081901c60ff16611ac65760c01c63ffffffff16604080516321fa949960e21b81526001600160401b038a16600482015263ffffffff83166024820152919891959086806044810103816001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000165afa958615611ac1575f905f97611a8d575b5015611a71576116606116578a6139b5565b63ffffffff1690565b9863ffffffff8816998a03611a3757508715611a0357426001600160401b03841611156119e1576008019586549361169e856001600160401b031690565b6001600160401b03811680159687156119c2576001600160401b03891615155b61198357506001600160401b0388161161195b57508054600160f01b7fff00ffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff90911663ffffffff60c01b60c085901b16171790556001600160401b0382165f908152600660205260409020899392919081611744919063ffffffff165f5260205260405f2090565b89815560018101805467ffffffffffffffff19166001600160401b038616178155909781546fffffffffffffffff000000000000000019164260401b67ffffffffffffffff60401b16178255815474ffffffffff0000000000000000000000000000000019164360801b74ffffffffff0000000000000000000000000000000016178255815460ff60d01b1916600160d01b17825581547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1690151560f81b7fff0000000000000000000000000000000000000000000000000000000000000016179055886002880155611848826001600160401b03165f52600860205260405f2090565b90611860919063ffffffff165f5260205260405f2090565b611871905f805260205260405f2090565b60019055604080519889526001600160401b0392831660208a015291169687917f8697c9ce3a5a3639920afe20a2e8a64d78a3b67dfb9bba91a25574d1adb99e1b91a3156118bb57005b61193c81600361195694611913837f913e65ba21ac50cd3fb8e398ea4841fac1920864bc4f2e7072b507f4c979dc34989067ffffffffffffffff60801b1967ffffffffffffffff60801b83549260801b169116179055565b019067ffffffffffffffff60801b1967ffffffffffffffff60801b83549260801b169116179055565b6040516001600160401b0390911681529081906020820190565b0390a3005b6366b8bd6360e01b5f526001600160401b03808516600452908116602452861660445260645ffd5b888661199c6104e5936001600160401b039060801c1690565b6362d503b160e11b5f526001600160401b03918216600452811660245216604452606490565b6001600160401b03608082901c166001600160401b038a1611156116be565b630f0b00b760e01b5f526001600160401b03808416600452421660245260445ffd5b6040516305519d6f60e51b815260206004820152600b60248201526a19db1bd8985b135bd9195b60aa1b6044820152606490fd5b8783611a456104e5936139b5565b634e588f7960e11b5f526001600160401b0390911660045263ffffffff90811660245216604452606490565b63254871b560e11b5f526001600160401b03821660045260245ffd5b9050611ab291965060403d604011611aba575b611aaa8183613526565b810190613989565b95905f611645565b503d611aa0565b6139aa565b6104e590889060c01c63ffffffff165b633e42297360e21b5f526001600160401b0390911660045263ffffffff16602452604490565b638546132360e01b5f526001600160401b03881660045260245ffd5b630759a9bd60e51b5f526001600160401b03881660045260245ffd5b611c7f9092919261026080610280830195611b588482516001600160a01b03169052565b60208181015163ffffffff169085015260408181015163ffffffff169085015260608181015163ffffffff16908501526080818101516001600160a01b03169085015260a08181015163ffffffff169085015260c08181015163ffffffff169085015260e08181015161ffff169085015261010081810151151590850152610120818101511515908501526101408101516101408501526101608101516101608501526101808101516101808501526101a08101516101a08501526101c08101516101c08501526101e08101516101e0850152611c476102008201516102008601906001600160401b03169052565b610220818101516001600160401b031690850152610240818101516001600160401b03169085015201516001600160401b0316910152565b565b346102f35760203660031901126102f35761034c611d39611d34600435611ca78161038a565b5f610260611cb3613547565b8281528260208201528260408201528260608201528260808201528260a08201528260c08201528260e08201528261010082015282610120820152826101408201528261016082015282610180820152826101a0820152826101c0820152826101e08201528261020082015282610220820152826102408201520152613eee565b6139cd565b60405191829182611b34565b346102f357611d53366110e2565b90926001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163303610d4b57611d8e81613eee565b926001600160401b0382165f5260016020525f611dbc82604083209063ffffffff165f5260205260405f2090565b555f5b838110611dc857005b80611e0d611de1611ddc600194888b613438565b61344d565b846006611e0382610e8c8a6001600160401b03165f52600660205260405f2090565b01549189886146ae565b01611dbf565b346102f3575f3660031901126102f35760206040516001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168152f35b346102f3576020611e936001600160401b03611e7136610b8a565b91165f526005835260405f20906001600160a01b03165f5260205260405f2090565b5461ffff811615159081611eac57506040519015158152f35b60ff915060481c16155f61153b565b346102f35760203660031901126102f357600435611ed881610612565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163303610d4b5760206001600160a01b037fda9d2e31afb0de4b09fe65662e5e025013186f59dd81d4946248587a2f77c6df9216806001600160a01b03196002541617600255604051908152a1005b346102f35760603660031901126102f357600435611f6d8161038a565b60243590611f7a8261038a565b604435611f868161038a565b611f8f82613eee565b91611fa4610ed884546001600160a01b031690565b3303610fea57600183015460c01c63ffffffff1615801590612122575b612107576001600160401b038416156120d1576001600160401b03821680159081156120be575b50612090576104938261206a6001600160401b039460087fa5a41bec85080fb8f6607b95c8aa904a13abda9f93be9e4c1f0776ec7b58789397016120428982906001600160401b03166001600160401b0319825416179055565b9067ffffffffffffffff60401b82549160401b169067ffffffffffffffff60401b1916179055565b6040519384931695839092916001600160401b0360209181604085019616845216910152565b6040516305519d6f60e51b815260206004820152600560248201526464656c746160d81b6044820152606490fd5b670de0b6b3a7640000915010155f611fe8565b6040516305519d6f60e51b815260206004820152600d60248201526c195c1cda5b1bdb909d5919d95d609a1b6044820152606490fd5b6310b181e760e31b5f526001600160401b031660045260245ffd5b506001600160401b0361213f60088501546001600160401b031690565b161515611fc1565b346102f357602060ff6121916001600160401b0361216436610b8a565b919061216f81613eee565b50165f526005845260405f20906001600160a01b03165f5260205260405f2090565b54821c166040519015158152f35b90602080835192838152019201905f5b8181106121bc5750505090565b82516001600160a01b03168452602093840193909201916001016121af565b906020610baf92818152019061219f565b346102f35760203660031901126102f3576001600160401b036004356122118161038a565b61221a81613eee565b5016805f52600460205260405f20805461223381613b84565b915f935f5b838110612250578585526040518061034c87826121db565b600190825f5260056020526122a7610d0361229d60405f20612288612275868a613bb6565b90546001600160a01b039160031b1c1690565b6001600160a01b03165f5260205260405f2090565b5460481c60ff1690565b6122b2575b01612238565b6122e36122c26122758387613bb6565b6122d56122ce8a613bcb565b9989613bd9565b906001600160a01b03169052565b6122ac565b346102f35760803660031901126102f3576004356123058161038a565b61230d6105ec565b60443560643561231c84613eee565b9261235161233b866001600160401b03165f52600560205260405f2090565b336001600160a01b03165f5260205260405f2090565b5461ffff811615908115612505575b506124e55763ffffffff81169384159081156124c6575b506124a15782158015612499575b61246a57604080516001600160401b0387166020820190815263ffffffff90931691810191909152336060820152608081018490526123c78160a081016111e2565b5190206123df610435825f52600760205260405f2090565b612445577f3e3c29dcef1a654fe2c157ab0062e8f7dcb062586806e0f73443e80d5494f3ee9161241d6104a8612440935f52600760205260405f2090565b60408051948552602085019190915233956001600160401b031693918291820190565b0390a4005b6315884dcd60e21b5f526001600160401b03851660045233602452604482905260645ffd5b6040516305519d6f60e51b815260206004808301919091526024820152630d0c2e6d60e31b6044820152606490fd5b508115612385565b6313a9d7e560e01b5f526001600160401b03851660045263ffffffff1660245260445ffd5b600101546124dd915060c01c63ffffffff16611657565b84115f612377565b633e3798ad60e21b5f526001600160401b0385166004523360245260445ffd5b60481c60ff1690505f612360565b346102f35760203660031901126102f3576004356125308161038a565b600161253b82613eee565b612544336148b3565b01805460f081901c60ff1690811561270f575b506126f35761257b33610c0f846001600160401b03165f52600560205260405f2090565b9081546125898161ffff1690565b9061ffff821661268e5750506125b0836001600160401b03165f52600460205260405f2090565b91825461ffff81146126725761260c916125f06125d96125d2610d0394613bed565b61ffff1690565b825461ffff191661ffff8216178355953390613bfb565b805469ff000000000000000000191681555b5460201c60ff1690565b612655575b5060405161ffff909116815233916001600160401b0316907f90ede0fc441c10901335eb800a9a020d00969c761f086700ddc8aeb65ab093c8908060208101611956565b80610cd2610ccd61266c935461ffff9060e01c1690565b5f612611565b63e509c20d60e01b5f526001600160401b03851660045260245ffd5b90929060ff604882901c166126bd576348d1c17360e01b5f526001600160401b0385166004523360245260445ffd5b60501c60ff166126d357610d0361260c916125f0565b6308f119bb60e41b5f526001600160401b0384166004523360245260445ffd5b637bd6d00760e11b5f526001600160401b03821660045260245ffd5b60f81c90505f612557565b346102f3576101003660031901126102f3576004356127388161038a565b6127406105ec565b60443591606435906127506105c6565b916127596105d9565b9460c435936127678561038a565b61276f6105ff565b61277885613eac565b9561279888610e8c886001600160401b03165f52600660205260405f2090565b60018101805460016127ae8260ff9060d01c1690565b6127b78161310a565b03612a5d578615612a275787156129f557620f424063ffffffff8716116129c457620f424063ffffffff8d16116129985760d81c61ffff1661ffff81169063ffffffff86169182116129565750895460c01c63ffffffff169063ffffffff82161161292a575080544360a81b64ffffffffff60a81b1665ffffffffffff60a81b1990911617600160d11b1761ffff60e81b191660e885901b61ffff60e81b16179055610b08997f70002ea10999ac178d5d5a5b5ab267618b16c13baf80b6e86bcd3448ca6042a3949093909261292292889060059060038101805467ffffffff0000000060208b901b1667ffffffffffffffff1990911663ffffffff8a16171781556128c4908590612042565b896004820155015560405194859463ffffffff8d16996001600160401b038c1699879463ffffffff60a0958180966001600160401b03959b9a9660c08b019c8b5260208b015216604089015216606087015216608085015216910152565b0390a361455b565b636c9b8c6360e11b5f526001600160401b03891660045263ffffffff908116602452841660445260645ffd5b60405163637cf4b960e11b81526001600160401b038b16600482015263ffffffff8d8116602483015261ffff9290921660448201529086166064820152608490fd5b6040516305519d6f60e51b815260206004820152600360248201526261756360e81b6044820152606490fd5b6040516305519d6f60e51b8152602060048201526008602482015267616363757261637960c01b6044820152606490fd5b6040516305519d6f60e51b81526020600482015260096024820152680dadec8cad890c2e6d60bb1b6044820152606490fd5b6040516305519d6f60e51b815260206004820152600d60248201526c0c2cecee4cacec2e8ca90c2e6d609b1b6044820152606490fd5b63137b5e4760e21b5f526001600160401b03891660045263ffffffff8b1660245260445ffd5b346102f3575f3660031901126102f357602060405160018152f35b346102f35760603660031901126102f3576020600435602435612ac08161038a565b604080518481019384526001600160401b03909216602084015260443590830152612aee81606084016111e2565b519020604051908152f35b346102f3575f60203660031901126102f357600435612b178161038a565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163303610d4b576001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690813b156102f3576001600160401b0360245f92836040519586948593636f5c93a760e11b85521660048401525af18015611ac157612bae575080f35b610b0891505f90613526565b346102f3575f3660031901126102f35760206001600160401b035f5460401c16604051908152f35b346102f3575f3660031901126102f35760206001600160401b035f5416604051908152f35b346102f35760a03660031901126102f357600435612c248161038a565b612c2c6105ec565b90604435606435612c3c8161038a565b60843590612c49336148b3565b612c53338561496d565b612c7286610e8c876001600160401b03165f52600660205260405f2090565b600181019182546001612c898260ff9060d01c1690565b612c928161310a565b03612e00576001600160401b038116428110612dd55750612d5c92612cfe869593600293612ce38a7f9d7764238225742e33d2c9feb13843edced8febdb6528b51efe97bd955efd5899b9a8d614a2b565b8b612cee8260f81c90565b612d8e575b505033908c8c614ba3565b018054604080518981526020810187815291810188815260608083209483523390935292909252902090558054612d409060d81c61ffff1660010161ffff1690565b815461ffff60d81b191660d89190911b61ffff60d81b16179055565b604080519485526001600160401b039182166020860152840191909152339463ffffffff169316918060608101612440565b612dce9160405160018152336020820152612dc86040820192600184528c6060840152608083016040526001600160401b039060401c1690565b92614af3565b5f8b612cf3565b6337dc4b8160e01b5f526001600160401b03808a1660045263ffffffff8b166024521660445260645ffd5b63137b5e4760e21b5f526001600160401b03881660045263ffffffff891660245260445ffd5b346102f35760403660031901126102f357600435612e438161038a565b612e4b6105ec565b61034c612e5783613eee565b91612ebf6001600160401b036001600160a01b03600186015416945460e01c951691825f5260066020526006612e9e8260405f209063ffffffff165f5260205260405f2090565b0154925f52600160205260405f209063ffffffff165f5260205260405f2090565b54612ec8613c3b565b9160405195869586919263ffffffff60809497969592976001600160a01b0360a0860199168552166020840152604083015260608201520152565b346102f35760403660031901126102f357600435612f208161038a565b60243590612f2d81613eac565b8215612fa357600181015460c01c63ffffffff16612f87576007018290556040519182526001600160401b0316907f75dd602d3a255805f62a3730c16df4b0714455e58afc2f7ab8395166ecdd4a28908060208101610493565b63180eafcb60e11b5f526001600160401b03821660045260245ffd5b6040516305519d6f60e51b815260206004820152601060248201527f7374616e646172646973657248617368000000000000000000000000000000006044820152606490fd5b346102f3575f3660031901126102f3576020610b82613c3b565b346102f35760203660031901126102f3576004356130208161038a565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163303610d4b575f546001600160401b038116158015906130e5575b6130b55767ffffffffffffffff19166001600160401b038216175f55610b089061308e90613d1e565b67ffffffffffffffff60401b5f549160401b169067ffffffffffffffff60401b1916175f55565b6040516305519d6f60e51b8152602060048201526007602482015266199a5c9cdd125960ca1b6044820152606490fd5b506001600160401b03821615613065565b634e487b7160e01b5f52602160045260245ffd5b6004111561311457565b6130f6565b9060048210156131145752565b815181526020808301516001600160401b031690820152610240810192916102209081906040818101516001600160401b03169085015260608181015164ffffffffff169085015260808181015164ffffffffff169085015261319160a082015160a0860190613119565b60c08181015161ffff169085015260e08181015161ffff1690850152610100818101511515908501526101208101516101208501526131df61014082015161014086019063ffffffff169052565b6101608181015163ffffffff1690850152610180818101516001600160401b0316908501526101a0818101516001600160401b0316908501526101c08101516101c08501526101e08101516101e08501526102008101516102008501520151910152565b346102f35760403660031901126102f35761034c6133156133106004356132698161038a565b610e8c6132746105ec565b915f610220613281613557565b8281528260208201528260408201528260608201528260808201528260a08201528260c08201528260e08201528261010082015282610120820152826101408201528261016082015282610180820152826101a0820152826101c0820152826101e08201528261020082015201526132f881613eee565b506001600160401b03165f52600660205260405f2090565b613d48565b60405191829182613126565b346102f35761332f36610b8a565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163303610d4b576001600160a01b036001600160401b039161337984613eee565b61338382866145e0565b908260ff835460481c16156133dd575b505080546aff0000000000000000000019166a01000000000000000000001790551691167f66a78adfd7540441153e57bd295ba013eb819b61f6602c2a275a6cd418a4e5125f80a3005b6133e79187613f3e565b5f82613393565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b03166001600160401b03811461341f5760010190565b6133ee565b634e487b7160e01b5f52603260045260245ffd5b91908110156134485760051b0190565b613424565b35610baf81610612565b905f5b83811061346a57505050505f1990565b6001600160401b0383165f52600560205261349860405f2061348d838786613438565b3590610c0f82610612565b5461ffff8116159081156134d0575b81156134c2575b506134bb5760010161345a565b9250505090565b60201c60ff1690505f6134ae565b905060ff8160481c16906134a7565b61ffff1661ffff811461341f5760010190565b634e487b7160e01b5f52604160045260245ffd5b60c081019081106001600160401b0382111761352157604052565b6134f2565b90601f801991011681019081106001600160401b0382111761352157604052565b60405190611c7f61028083613526565b60405190611c7f61024083613526565b6040519061357482613506565b5f60a0838281528260208201528260408201528260608201528260808201520152565b90611c7f6040516135a781613506565b60a06135fa82955461ffff8116845261ffff8160101c16602085015260ff8160201c161515604085015263ffffffff808260281c1616606085015260ff8160481c161515608085015260ff9060501c1690565b1515910152565b63ffffffff16801561341f575f190190565b909161361d613567565b5061364e61364961362d84613eee565b94610c0f856001600160401b03165f52600560205260405f2090565b613597565b9261ffff61365e855161ffff1690565b161561370c576001015460c01c63ffffffff165b63ffffffff811661368257509050565b6136cc6136a482610e8c866001600160401b03165f52600860205260405f2090565b6136bc6136b3875161ffff1690565b60081c60ff1690565b61ffff165f5260205260405f2090565b546136ea60ff6136de875161ffff1690565b1661ffff600191161b90565b166136fd576136f890613601565b613672565b63ffffffff1660608401529050565b509050565b93929161371d85613eac565b506001600160401b0385165f52600660205261374a8260405f209063ffffffff165f5260205260405f2090565b92600161375e8186015460ff9060d01c1690565b6137678161310a565b036137d457801561379c5761377e918484886141ed565b8261378a575b50505050565b613793936144a2565b5f808080613784565b50508261377e575b6040516305519d6f60e51b8152602060048201526007602482015266636f6d6d69747360c81b6044820152606490fd5b63137b5e4760e21b5f526001600160401b03861660045263ffffffff831660245260445ffd5b6001600160401b0362015180911601906001600160401b03821161341f57565b61382381613eac565b82156138f8576001015460c01c63ffffffff166138dd57613855816001600160401b03165f52600960205260405f2090565b548281146138d857806138b857506001600160401b0381836138a97f79be9062ef1d6fd77b6d87ec4b5de899de868fafe25c6bcc22662d757b9a3131946001600160401b03165f52600960205260405f2090565b556040519384521691602090a2565b639e06d2ad60e01b5f526001600160401b0390911660045260245260445ffd5b505050565b63180eafcb60e11b5f526001600160401b031660045260245ffd5b6040516305519d6f60e51b81526020600482015260076024820152660e6eada90c2e6d60cb1b6044820152606490fd5b9081526001600160fb1b0383116102f35760209260051b809284830137010190565b939291604085528060408601526001600160fb1b0381116102f35760209160609160051b809183880137850101930152565b519081151582036102f357565b91908260409103126102f357610baf60206139a38461397c565b930161397c565b6040513d5f823e3d90fd5b63ffffffff60019116019063ffffffff821161341f57565b90611c7f613b5c60086139de613547565b94613a3a613a2d8254613a076139fa826001600160a01b031690565b6001600160a01b03168a52565b63ffffffff60a082901c1660208a015263ffffffff60c082901c1660408a015260e01c90565b63ffffffff166060880152565b613ada613ad06001830154613a68613a58826001600160a01b031690565b6001600160a01b031660808b0152565b613a8360a082901c63ffffffff1663ffffffff1660a08b0152565b613a9e60c082901c63ffffffff1663ffffffff1660c08b0152565b613ab560e082901c61ffff1661ffff1660e08b0152565b613aca60f082901c60ff1615156101008b0152565b60f81c90565b1515610120880152565b60028101546101408701526003810154610160870152600481015461018087015260058101546101a087015260068101546101c087015260078101546101e087015201546001600160401b0381166102008601526001600160401b03604082901c166102208601526001600160401b03608082901c1661024086015260c01c90565b6001600160401b0316610260840152565b6001600160401b0381116135215760051b60200190565b90613b8e82613b6d565b613b9b6040519182613526565b8281528092613bac601f1991613b6d565b0190602036910137565b8054821015613448575f5260205f2001905f90565b5f19811461341f5760010190565b80518210156134485760209160051b010190565b906001820180921161341f57565b80546801000000000000000081101561352157613c1d91600182018155613bb6565b6001600160a01b0380839493549260031b9316831b921b1916179055565b467f000000000000000000000000000000000000000000000000000000000000000003613c86577f000000000000000000000000000000000000000000000000000000000000000090565b60405160208101907f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f82527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a560408201527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a082015260a08152613d1860c082613526565b51902090565b6001600160401b035f19911601906001600160401b03821161341f57565b60048210156131145752565b906007613d53613557565b9280548452613e08613dfe6001830154613d86613d76826001600160401b031690565b6001600160401b03166020890152565b613da7604082901c6001600160401b03166001600160401b03166040890152565b64ffffffffff608082901c16606088015264ffffffffff60a882901c166080880152613ddd60d082901c60ff1660a08901613d3c565b61ffff60d882901c1660c088015261ffff60e882901c1660e0880152613aca565b1515610100860152565b6002810154610120850152613e81613e706003830154613e3c613e2e8263ffffffff1690565b63ffffffff16610140890152565b63ffffffff602082901c166101608801526001600160401b03604082901c1661018088015260801c6001600160401b031690565b6001600160401b03166101a0860152565b60048101546101c085015260058101546101e085015260068101546102008501520154610220830152565b90613eb682613eee565b916001600160a01b036001840154163303613ece5750565b6001600160401b03906309168c4560e41b5f52166004523360245260445ffd5b6001600160401b031690815f52600360205260405f20916001600160a01b0383541615613f185750565b6310abe05960e31b5f5260045260245ffd5b61ffff5f199116019061ffff821161341f57565b909291600184018054613f558160ff9060f01c1690565b6140ed5750613f7982610c0f856001600160401b03165f52600560205260405f2090565b805461ffff8116159081156140df575b506140b657805469ff00000000000000000019166901000000000000000000178155613fb890610d0390612602565b614006575b506040513381529293506001600160a01b0316916001600160401b0391909116907f3749db2eabdc07908a4176ee91c26179781324d969128f979424a24dde7e71d990602090a3565b80546140189060e01c61ffff16613f2a565b906005860154151580614096575b61405257805461ffff60e01b191660e09290921b61ffff60e01b1691909117905591925082915f613fbd565b6104e58285614069895463ffffffff9060c01c1690565b636c9b8c6360e11b5f526001600160401b0390911660045263ffffffff1660245261ffff16604452606490565b5085546140ab9060c01c63ffffffff16611657565b61ffff831610614026565b633e3798ad60e21b5f526001600160401b0384166004526001600160a01b03831660245260445ffd5b60481c60ff1690505f613f89565b6104e590849060c01c63ffffffff16611ad6565b91908110156134485760c0020190565b908160209103126102f3575190565b90602080835192838152019201905f5b81811061413d5750505090565b8251845260209384019390920191600101614130565b90602080835192838152019201905f5b8181106141705750505090565b82516001600160401b0316845260209384019390920191600101614163565b926141bb610baf95936141ad6141c99460808852608088019061219f565b908682036020880152614120565b908482036040860152614153565b916060818403910152614120565b9061ffff8091169116019061ffff821161341f57565b9493919294600184019361420885546001600160401b031690565b6001600160401b0381164211614477575061ffff84116137a45760020190815492614231613c3b565b9761423b86613b84565b9861424587613b84565b61424e88613b84565b9161425889613b84565b935f915b8d8b8085106143d657506040516354d05ce160e01b8152935060209250839150819061428b90600483016121db565b03816001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000165afa908115611ac1575f916143a7575b506001810161436f575063ffffffff612d4098969461433761ffff999795611c7f9d9e957f807d1a3f472efdaff75a786fd1ec58de0df3031cf74c1ab4f3c0831dd6d1d31a958e546143198160f81c90565b614351575b506001600160401b03604051968796169916978561418f565b0390a3551661434c835461ffff9060d81c1690565b6141d7565b6143699060401c6001600160401b0316838a8c614af3565b5f61431e565b61438c61437f6104e5928e613bd9565b516001600160a01b031690565b6305b5850b60e21b5f526001600160a01b0316600452602490565b6143c9915060203d6020116143cf575b6143c18183613526565b810190614111565b5f6142c7565b503d6143b7565b9a82898b6143ea889f988899819899614101565b926143f6928492614c65565b6040805184358082526020820184815295830135928201838152606080842098845296869052969096529390932092949093929e61443391613bd9565b6001600160a01b03909116905261444a8488613bd9565b526144558388613bd9565b6001600160401b03909116905261446c8288613bd9565b52600101919061425c565b6337dc4b8160e01b5f526001600160401b0380841660045263ffffffff85166024521660445260645ffd5b9291600701805483811461452057806144f757506001600160401b0363ffffffff7feb790941d96c4068a89c3ae00760961bc26cd8097921347e156c5e595ab638ec93856020945560405195865216941692a3565b63ffffffff836001600160401b0387632a7bec6760e11b5f52166004521660245260445260645ffd5b5050505050565b5461ffff81161515908161454b575b8161453f575090565b60ff915060201c161590565b905060ff8160481c161590614536565b9091600183019063ffffffff8083549560ff60f01b19871685555460a01c1691161461458657505050565b7dffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff909216600160f81b179091556001600160401b03167fb18a667052240fb0607525e4379f94132190c3b1e0621f6e84551d5dac528a5b5f80a2565b91906001600160401b03831692835f5260056020526146138260405f20906001600160a01b03165f5260205260405f2090565b9384549061ffff821615614657575060501c60ff16614630575050565b630231a0dd60e01b5f526001600160401b03166004526001600160a01b031660245260445ffd5b836001600160a01b03916306b1709760e31b5f526004521660245260445ffd5b9190939293606083019460018210156131145760409261ffff928552602085015216910152565b61ffff16801561341f575f190190565b91929390936146d284610c0f856001600160401b03165f52600560205260405f2090565b93845461ffff6146e38261ffff1690565b161561488a57916001600160a01b0395939161470b63ffffffff98969461ffff9060101c1690565b9361ffff8086160361484e575b855463ffff00001916601086901b63ffff0000161786557fbe98ddb9cc489976d1dc78157ea5997cdca03ef316f3751a668ffd350f4674fc906001600160401b0316978892169889936147748760405193849316975f84614677565b0390a481546147879060201c60ff161590565b8061482a575b614798575050505050565b7fd63af59fb09e1b10a40fb4907abfadcd098fe85f381cfc17752a91dfbbde6ef1926147dd610d038461229d6147f89664010000000064ff0000000019825416179055565b614805575b5060405161ffff90911681529081906020820190565b0390a35f80808080614520565b60016148249101610cd261481f825461ffff9060e01c1690565b61469e565b5f6147e2565b5060018301546148429060a01c63ffffffff16611657565b61ffff8216101561478d565b936001600160401b036148817fbe98ddb9cc489976d1dc78157ea5997cdca03ef316f3751a668ffd350f4674fc926134df565b95915050614718565b633e3798ad60e21b5f526001600160401b0385166004526001600160a01b03821660245260445ffd5b60405163288c314960e21b81526001600160a01b03821660048201526020816024816001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000165afa908115611ac1575f91614933575b50156149185750565b6305b5850b60e21b5f526001600160a01b031660045260245ffd5b90506020813d602011614965575b8161494e60209383613526565b810103126102f35761495f9061397c565b5f61490f565b3d9150614941565b906001600160401b0382165f52600560205261499d8160405f20906001600160a01b03165f5260205260405f2090565b549161ffff83169283158015614a1e575b6149e85760201c60ff166149c157505090565b63ed4aef2360e01b5f526001600160401b03166004526001600160a01b031660245260445ffd5b6104e583836149f681613eee565b50633e3798ad60e21b5f526001600160401b03166004526001600160a01b0316602452604490565b5060ff8160481c166149ae565b15614aad576001600160401b031615614a795715614a4557565b6040516305519d6f60e51b815260206004820152600b60248201526a18dbdb9cd95b9d149bdbdd60aa1b6044820152606490fd5b6040516305519d6f60e51b815260206004820152600b60248201526a1cd85b5c1b1950dbdd5b9d60aa1b6044820152606490fd5b6040516305519d6f60e51b815260206004820152600e60248201527f63697068657274657874486173680000000000000000000000000000000000006044820152606490fd5b92916001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690813b156102f357614b65945f946001600160401b03614b778194604051998a98899788976317c65c3f60e31b895216600488015260806024880152608487019061219f565b85810360031901604487015290614153565b9116606483015203915afa8015611ac157614b8f5750565b80614b9d5f611c7f93613526565b806102e9565b6001600160401b039094939192941693845f526008602052614bd68360405f209063ffffffff165f5260205260405f2090565b9260ff60018184161b9260081c1692614bfb84869061ffff165f5260205260405f2090565b5491838316614c23575050614c209394955017929061ffff165f5260205260405f2090565b55565b9063ffffffff6001600160a01b03928963f7ace62160e01b5f52600452166024521660445260645ffd5b35610baf8161038a565b3560ff811681036102f35790565b90939192614cf2614c7860208301614c4d565b948583358886604087013594614c8f868686614a2b565b9260429592949194604051957fcc5fe3530875c23038ecd4a1d7f5424b9dca3ebd79f37bc32e827caf22d55cf98752602087015260408601526060850152608084015260a083015260c082209061190160f01b8352600283015260228201522090565b9060a0810135907f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08211614db157602092614d5f5f936080614d3660608601614c57565b940135604051948594859094939260ff6060936080840197845216602083015260408201520152565b838052039060015afa15611ac1575f51936001600160a01b03851615614d9557818591614d8f83611c7f9561496d565b91614ba3565b63748c9d4360e01b5f526001600160a01b03851660045260245ffd5b63748c9d4360e01b5f90815260045260245ffdfea2646970667358221220e976b940a3f40a4ad1cc1972ac30359fdcc86f5a9168b275837b3ac426442e2d64736f6c634300081c003360c0346100d457601f612a7338819003918201601f19168301916001600160401b038311848410176100d8578084926020946040528339810103126100d457516001600160a01b038116908190036100d4573360805260a05260405161298690816100ed82396080518181816101b5015281816103600152818161050201528181610bb501528181610efe015281816113a501528181611959015281816119a401528181611d3b015281816123e001526126d8015260a05181818161071a01528181610e3b0152818161129301526125390152f35b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe60806040526004361015610011575f80fd5b5f3560e01c806301f21a0c1461011457806309bb2a651461010f578063243afb381461010a5780633569308c146101055780634b2ed462146101005780635c5b53c5146100fb5780638507096b146100f657806387ea5264146100f15780638d67799e146100ec5780639ad18765146100e75780639c906670146100e2578063b74026d2146100dd578063be32e1f8146100d8578063c540b82c146100d3578063c7f5a33e146100ce5763deb9274e146100c9575f80fd5b61197d565b61193a565b61133f565b611211565b610e7b565b610e5f565b610e1c565b610e01565b610d82565b610b59565b610ab8565b6104bf565b61042a565b61030c565b610172565b610127565b5f91031261012357565b5f80fd5b34610123575f3660031901126101235760206040517f91873857924e349dcf3879a3ec8a2a2fd085050be77f37ab286a4770b4992f318152f35b6001600160401b0381160361012357565b346101235760203660031901126101235760043561018f81610161565b60405163827429a560e01b81526001600160401b038216600482015290610280826024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa918215610307575f926102d6575b5061020e61020283516001600160a01b031690565b6001600160a01b031690565b33036102c3576101a0610231826001600160401b03165f525f60205260405f2090565b920151158015906102b8575b61029c5781547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f81b179091556001600160401b03167f31614dc51f26fc44eee69e5810baf653ed89dba952def4d0a292a2ef43bc35095f80a2005b631676ee7960e31b5f526001600160401b031660045260245b5ffd5b50815460f81c61023d565b6310ac496560e01b5f523360045260245ffd5b6102f99192506102803d8111610300575b6102f18183611a6e565b810190611afb565b905f6101ed565b503d6102e7565b611c4e565b346101235760203660031901126101235760043561032981610161565b6001600160401b0381165f8181526020819052604090819020905163827429a560e01b8152600481019290925291610280826024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa928315610307576103b160c06103c9956103b7955f916103cd575b50015163ffffffff1690565b9161239a565b60405190151581529081906020820190565b0390f35b6103e691506102803d8111610300576102f18183611a6e565b5f6103a5565b63ffffffff81160361012357565b9181601f84011215610123578235916001600160401b038311610123576020808501948460051b01011161012357565b346101235760803660031901126101235760043561044781610161565b602435610453816103ec565b6044356001600160401b038111610123576104729036906004016103fa565b60643593916001600160401b0385116101235736602386011215610123578460040135936001600160401b0385116101235736602486880101116101235760246104bd960193611d03565b005b34610123576020366003190112610123576004356104dc81610161565b60405163827429a560e01b81526001600160401b03821660048201526001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169161028082602481865afa918215610307575f926109a3575b5061055361020260808401516001600160a01b031690565b33036102c357610573816001600160401b03165f525f60205260405f2090565b805461ffff8116156109875761010084015161094c576105a461059d60c086015163ffffffff1690565b838561239a565b6109215760b81c6001600160401b03166001600160401b038116801515908161090e575b506108ed5750604051631871e43f60e31b81526001600160401b0383166004820152915f83602481885afa928315610307575f936108c9575b5061060c8351611fe2565b945f925f5b85518110156107a057610671602061063961062c848a61203a565b516001600160a01b031690565b60405163bd2e6ac360e01b81526001600160401b03881660048201526001600160a01b03909116602482015291829081906044820190565b0381875afa908115610307575f91610782575b501590816106d1575b60019161069b575b01610611565b6106cc6106ab61062c838a61203a565b6106be6106b789612062565b988c61203a565b906001600160a01b03169052565b610695565b61070e915060206106e561062c838a61203a565b60405163288c314960e21b81526001600160a01b03909116600482015292839081906024820190565b03816001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000165afa8015610307576001925f91610754575b50915061068d565b610775915060203d811161077b575b61076d8183611a6e565b81019061204e565b5f61074c565b503d610763565b61079a915060203d811161077b5761076d8183611a6e565b5f610684565b838289876107b560608c015163ffffffff1690565b63ffffffff8116821061089e57508163ffffffff917fb0f873e5d08ab680fbf5f7d3202d0756499faff76b60609450d0bcc7ed0fcf3d935261089961088061087b6001600160401b034316966108428882907fff0000000000000000ffffffffffffffffffffffffffffffffffffffffffffff8254916001600160401b0360b81b9060b81b169116179055565b6040516020810190610866816108588985612070565b03601f198101835282611a6e565b51902060038201555460301c63ffffffff1690565b612081565b916001600160401b0360405194859416971695836120b3565b0390a3005b636c9b8c6360e11b5f526001600160401b03851660045263ffffffff9081166024521660445260645ffd5b6108e69193503d805f833e6108de8183611a6e565b810190611f3d565b915f610601565b630246f84760e01b5f526001600160401b038084166004521660245260445ffd5b6109189150611ef6565b4311155f6105c8565b6309320bb960e01b5f526001600160401b03831660045263ffffffff60309190911c1660245260445ffd5b6102b58361096160c087015163ffffffff1690565b633e42297360e21b5f526001600160401b0390911660045263ffffffff16602452604490565b634b1ad32960e01b5f526001600160401b03831660045260245ffd5b6109bd9192506102803d8111610300576102f18183611a6e565b905f61053b565b90602080835192838152019201905f5b8181106109e15750505090565b82516001600160a01b03168452602093840193909201916001016109d4565b60208152610a1560208201835161ffff169052565b602082015163ffffffff166040820152604082015163ffffffff166060820152606082015163ffffffff16608082015260808201516001600160401b031660a082015260a0820151151560c082015260c08201516001600160401b031660e082015260e08201511515610100820152610100820151610120820152610160610140610aaf61012085015183838601526101808501906109c4565b93015191015290565b34610123576020366003190112610123576001600160401b03600435610add81610161565b5f610140604051610aed81611a4d565b8281528260208201528260408201528260608201528260808201528260a08201528260c08201528260e08201528261010082015260606101208201520152165f525f6020526103c9610b4160405f20612124565b60405191829182610a00565b61ffff81160361012357565b3461012357606036600319011261012357600435610b7681610161565b60243590610b8382610b4d565b604435610b8f816103ec565b60405163827429a560e01b81526001600160401b038316600482015291610280836024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa928315610307575f93610d61575b50610c0261020284516001600160a01b031690565b33036102c357610c22816001600160401b03165f525f60205260405f2090565b926101a081015115801590610d49575b610d2d5760600151610c4e9063ffffffff165b63ffffffff1690565b61ffff8516908110908115610d22575b50610cf357610cee82610cc96001600160401b039486610cab897fb4f5e1b2842e3f8315c3fd03d893a1909ed7c8f301b7e10a72c1ab6beb89134f999061ffff1661ffff19825416179055565b9065ffffffff000082549160101b169065ffffffff00001916179055565b60405193849316958390929163ffffffff60209161ffff604085019616845216910152565b0390a2005b6040516305519d6f60e51b8152602060048083019190915260248201526373697a6560e01b6044820152606490fd5b60ff9150115f610c5e565b633a0dd41160e21b5f526001600160401b03821660045260245ffd5b5061ffff610d59855461ffff1690565b161515610c32565b610d7b9193506102803d8111610300576102f18183611a6e565b915f610bed565b3461012357604036600319011261012357600435610d9f81610161565b602435610dab816103ec565b6001600160401b0382165f525f60205260405f209081549161ffff831615938415610ded575b505060408051931515845260f89290921c151560208401525090f35b610df893945061239a565b905f8080610dd1565b34610123575f36600319011261012357602060405160ff8152f35b34610123575f3660031901126101235760206040516001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168152f35b34610123575f3660031901126101235760206040516101008152f35b3461012357608036600319011261012357600435610e9881610161565b60243590610ea5826103ec565b604435916064356001600160401b03811161012357610ec89036906004016103fa565b60405163f1257cbb60e01b81526001600160401b038516600482015263ffffffff84166024820152909491926001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169290919060a082604481875afa8015610307575f925f905f926111d9575b5081156111b35780830361118a5750610f569088876125e9565b610f8b6020610f63611fc0565b610f70336106be83612028565b60405180938192635c3f091560e01b83528b600484016120b3565b0381885afa908115610307575f9161115b575b501961113b576040516020810190610fdc8161085885888c8763ffffffff6040929594936001600160401b0360608401971683521660208201520152565b51902061101561100e33610ff8845f52600260205260405f2090565b906001600160a01b03165f5260205260405f2090565b5460ff1690565b611111579163ffffffff916110769361104a61103d33610ff8845f52600260205260405f2090565b805460ff19166001179055565b61106561105f825f52600160205260405f2090565b54611f0a565b9485915f52600160205260405f2090565b5560408051918252602082018590523391848716916001600160401b038b16917fba9d7ec5340dcc8e87e31af07f0fd6ee7658b0c4f2a389cce9aae55e7d9a06269190a41611156110c357005b813b15610123575f80946110ed604051978896879586946396b1e27960e01b865260048601611cd5565b03925af18015610307576110fd57005b8061110b5f6104bd93611a6e565b80610119565b63f6db8d4760e01b5f526001600160401b03871660045263ffffffff84166024523360445260645ffd5b6313c7b09760e01b5f526001600160401b0386166004523360245260445ffd5b61117d915060203d602011611183575b6111758183611a6e565b8101906121ee565b5f610f9e565b503d61116b565b635686d46960e11b5f526001600160401b03881660045263ffffffff851660245260445260645ffd5b6321ea88e560e21b5f526001600160401b03881660045263ffffffff851660245260445ffd5b9150506111ff91925060a03d60a01161120a575b6111f78183611a6e565b810190611c59565b50919392505f610f3c565b503d6111ed565b346101235760803660031901126101235760043561122e81610161565b6024356001600160401b0381116101235761124d9036906004016103fa565b6044929192356001600160401b0381116101235761126f9036906004016103fa565b90936064359361127e85610161565b6040516359e9a02560e11b81526020816004817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa8015610307576001600160a01b03915f91611310575b501692833b15610123575f9561130091604051988997889687966317c65c3f60e31b885260048801612212565b03915afa8015610307576110fd57005b611332915060203d602011611338575b61132a8183611a6e565b8101906121fd565b5f6112d3565b503d611320565b346101235760403660031901126101235761135b600435610161565b6024356001600160401b0381116101235761137a9036906004016103fa565b60405163827429a560e01b8152600480356001600160401b0316908201529091906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001661028082602481845afa918215610307575f92611919575b506113f561020260808401516001600160a01b031690565b33141590816118af575b506102c3576114206004356001600160401b03165f525f60205260405f2090565b8054929060b884901c6001600160401b0316926001600160401b038416801561188d57604051602081019061145a816108588b8986612290565b51902060038401540361186b5780431115611847574093841561182457509194916114e06114d9611494603088901c63ffffffff16612081565b956040516114ce8161085860208201948b6004358763ffffffff6040929594936001600160401b0360608401971683521660208201520152565b5190209661ffff1690565b61ffff1690565b956114ea87611fe2565b906114f488611fe2565b945f985f915b8083106116cb57505050505061150f86611fe2565b9586935f905b82821061162e5750505063ffffffff926002836115ba61158c60c0611610966115818b7fc919bc3830410f38d9a9f5e118fab588d65a7edb30f598fe16b9479f132ff9ae9c9a9069ffffffff00000000000082549160301b169069ffffffff0000000000001916179055565b015163ffffffff1690565b82546dffffffff00000000000000000000191660509190911b6dffffffff0000000000000000000016178255565b80547fff0000000000000000000000000000000000ffffffffffffffffffffffffffff1675ffffffffffffffff00000000000000000000000000004360701b161781555f600382015560018101889055016122eb565b61089960405192839216956001600160401b03600435169583612383565b9491969390959261164261062c888861203a565b97875b801515806116a2575b15611683578061167961166f61062c61166961167e956122bb565b8961203a565b6106be838961203a565b6122c9565b611645565b60019295989194979396996106be61169b928a61203a565b0190611515565b506116b861062c6116b2836122bb565b8761203a565b6001600160a01b03808c1691161161164e565b946116eb6116e68488879d979e989e9c969b9c9a959a6122a1565b6122b1565b60408051602081018781526001600160a01b03841692820192909252919b916117178160608101610858565b519020978087148061180d575b6117f757808710156117ee5761173987612062565b965b8015158a8f826117d0575b50501561179e57808c8f826117939161178e61176d611767611799986122bb565b8361203a565b51946106be8461178861062c611782836122bb565b8561203a565b9261203a565b61203a565b526122c9565b61173b565b806117c0989e988d9c94989e6106be6001979c989d95999f946117c69561203a565b8861203a565b525b0191906114fa565b6117e59192506117df846122bb565b9061203a565b51118a8f611746565b611799816122bb565b93999890949a50600191969297509a949a6117c8565b5061181b8d6117df836122bb565b51891015611724565b6310d735d160e21b5f526001600160401b0360048035821690521660245260445ffd5b637f29c10560e11b5f526001600160401b036004803582169052851660245260445ffd5b630a8023eb60e01b5f526102b5600435906001600160401b0360249216600452565b630e7dc9a160e01b5f526102b5600435906001600160401b0360249216600452565b604051639cfa750f60e01b8152600480356001600160401b0316908201523360248201529150602090829081806044810103915afa908115610307575f916118fa575b50155f6113ff565b611913915060203d60201161077b5761076d8183611a6e565b5f6118f2565b6119339192506102803d8111610300576102f18183611a6e565b905f6113dd565b34610123575f3660031901126101235760206040516001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168152f35b346101235760203660031901126101235760043561199a81610161565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163303611a26576001600160401b03165f818152602081905260409020805460ff60b01b1916600160b01b179081905563ffffffff9060301c811616907fbd4adf5b0782c041a26dd14388a14ac536036f89de2c6f7594dff9582d3b65ea5f80a3005b6310ac496560e01b5f523360045260245ffd5b634e487b7160e01b5f52604160045260245ffd5b61016081019081106001600160401b03821117611a6957604052565b611a39565b90601f801991011681019081106001600160401b03821117611a6957604052565b60405190611a9f61028083611a6e565b565b60405190611a9f61016083611a6e565b6001600160a01b0381160361012357565b5190611a9f82611ab1565b5190611a9f826103ec565b5190611a9f82610b4d565b5190811515820361012357565b5190611a9f82610161565b908161028091031261012357611c45610260611b15611a8f565b92611b1f81611ac2565b8452611b2d60208201611acd565b6020850152611b3e60408201611acd565b6040850152611b4f60608201611acd565b6060850152611b6060808201611ac2565b6080850152611b7160a08201611acd565b60a0850152611b8260c08201611acd565b60c0850152611b9360e08201611ad8565b60e0850152611ba56101008201611ae3565b610100850152611bb86101208201611ae3565b6101208501526101408101516101408501526101608101516101608501526101808101516101808501526101a08101516101a08501526101c08101516101c08501526101e08101516101e0850152611c136102008201611af0565b610200850152611c266102208201611af0565b610220850152611c396102408201611af0565b61024085015201611af0565b61026082015290565b6040513d5f823e3d90fd5b908160a0910312610123578051611c6f81611ab1565b916020820151611c7e816103ec565b916040810151916080606083015192015190565b916020908281520191905f5b818110611cab5750505090565b9091926020806001926001600160a01b038735611cc781611ab1565b168152019401929101611c9e565b63ffffffff611d0095936001600160401b036060941683521660208201528160408201520191611c92565b90565b60405163f1257cbb60e01b81526001600160401b038216600482015263ffffffff831660248201529395909492936001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016939060a081604481885afa8015610307575f5f925f915f915f94611ead575b506001600160a01b031633036102c3578015611e8757611e348a610858611e0a611e3e99989796958f610858968f91611db2926125e9565b6040519283918d60208401968763ffffffff6060929594936001600160401b0360808401977f91873857924e349dcf3879a3ec8a2a2fd085050be77f37ab286a4770b4992f3185521660208401521660408201520152565b519020604051928391602083019586909160429261190160f01b8352600283015260228201520190565b5190209088612689565b813b15610123575f8094611e68604051978896879586946396b1e27960e01b865260048601611cd5565b03925af1801561030757611e795750565b8061110b5f611a9f93611a6e565b6321ea88e560e21b5f526001600160401b038a1660045263ffffffff871660245260445ffd5b925050506001600160a01b039250611ed4915060a03d60a01161120a576111f78183611a6e565b919490929492919390611d7a565b634e487b7160e01b5f52601160045260245ffd5b906101008201809211611f0557565b611ee2565b9060018201809211611f0557565b9060418201809211611f0557565b6001600160401b038111611a695760051b60200190565b602081830312610123578051906001600160401b03821161012357019080601f83011215610123578151611f7081611f26565b92611f7e6040519485611a6e565b81845260208085019260051b82010192831161012357602001905b828210611fa65750505090565b602080918351611fb581611ab1565b815201910190611f99565b60408051909190611fd18382611a6e565b6001815291601f1901366020840137565b90611fec82611f26565b611ff96040519182611a6e565b828152809261200a601f1991611f26565b0190602036910137565b634e487b7160e01b5f52603260045260245ffd5b8051156120355760200190565b612014565b80518210156120355760209160051b010190565b9081602091031261012357611d0090611ae3565b5f198114611f055760010190565b906020611d009281815201906109c4565b63ffffffff60019116019063ffffffff8211611f0557565b9063ffffffff8091169116019063ffffffff8211611f0557565b6040906001600160401b03611d00949316815281602082015201906109c4565b90604051918281549182825260208201905f5260205f20925f5b818110612102575050611a9f92500383611a6e565b84546001600160a01b03168352600194850194879450602090930192016120ed565b90600361212f611aa1565b926121c76121be825461214e6121468261ffff1690565b61ffff168852565b63ffffffff601082901c16602088015263ffffffff603082901c16604088015263ffffffff605082901c1660608801526001600160401b03607082901c1660808801526121a560b082901c60ff16151560a0890152565b6001600160401b0360b882901c1660c088015260f81c90565b151560e0860152565b60018101546101008501526121de600282016120d3565b6101208501520154610140830152565b90816020910312610123575190565b908160209103126101235751611d0081611ab1565b9492916020926001600160401b0361223a939998991687526080848801526080870191611c92565b84810360408601528281520191905f5b818110612266575050506001600160401b036060919416910152565b9091926020806001926001600160401b03873561228281610161565b16815201940192910161224a565b916020611d00938181520191611c92565b91908110156120355760051b0190565b35611d0081611ab1565b5f19810191908211611f0557565b8015611f05575f190190565b90604182029180830460411490151715611f0557565b8151916001600160401b038311611a6957680100000000000000008311611a6957815483835580841061235d575b50602061232b9101915f5260205f2090565b5f5b83811061233a5750505050565b600190602061235085516001600160a01b031690565b940193818401550161232d565b825f528360205f2091820191015b8181106123785750612319565b5f815560010161236b565b604090611d009392815281602082015201906109c4565b9181546123ae8163ffffffff9060101c1690565b603082901c63ffffffff1615929083156125da575b8315612595575b50505061258f5760026123dd91016120d3565b907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165f5b835181101561250a5761242061062c828661203a565b604051639cfa750f60e01b81526001600160401b03851660048201526001600160a01b0382166024820152602081604481875afa908115610307575f916124ec575b5015908115612481575b506124795760010161240a565b505050505f90565b60405163bd2e6ac360e01b81526001600160401b03861660048201526001600160a01b039190911660248201529050602081604481865afa908115610307575f916124ce575b505f61246c565b6124e6915060203d811161077b5761076d8183611a6e565b5f6124c7565b612504915060203d811161077b5761076d8183611a6e565b5f612462565b505050602061252d91604051809381926354d05ce160e01b835260048301612070565b03816001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000165afa908115610307575f91612570575b505f191490565b612589915060203d602011611183576111758183611a6e565b5f612569565b50505f90565b63ffffffff8116151593509091836125b3575b5050505f80806123ca565b91925063ffffffff916125ce91610c459160501c8416612099565b911610155f80806125a8565b60ff60b084901c1693506123c3565b905f915f915b808310612630575050500361260057565b6040516305519d6f60e51b8152602060048201526007602482015266199b1859d9d95960ca1b6044820152606490fd5b9091926001906126418584866122a1565b3561264b81611ab1565b60405190602082019283526bffffffffffffffffffffffff199060601b1660408201526034815261267d605482611a6e565b519020930191906125ef565b92612696929491946127b6565b9182519081158015612770575b612745575050604051635c3f091560e01b815291602091839182916126cc9190600484016120b3565b03816001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000165afa908115610307575f91612726575b50600181016127145750565b631db0bd0d60e01b5f5260045260245ffd5b61273f915060203d602011611183576111758183611a6e565b5f612708565b63420bda0960e11b5f526001600160401b0390921660045263ffffffff90911660245260445260645ffd5b5063ffffffff811682106126a3565b906020116101235790602090565b906040116101235760200190602090565b90939293848311610123578411610123578101920390565b9092919060418204906127c8826122d5565b830361284b576127d782611fe2565b945f935f5b8481106127eb57505050505050565b6001600160a01b0361282261281b612802846122d5565b61281361280e866122d5565b611f18565b90868861279e565b908761289c565b96166001600160a01b038716111561271457600190612845876106be838c61203a565b016127dc565b6040516305519d6f60e51b815260206004820152600c60248201526b656e646f7273656d656e747360a01b6044820152606490fd5b35906020811061288e575090565b5f199060200360031b1b1690565b9180604011610123577f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0602083013511612949578060401015612035576020926129365f9361290f61290360ff60f81b60408401351660f81c95612909612903828661277f565b90612880565b9361278d565b90604051948594859094939260ff6060936080840197845216602083015260408201520152565b838052039060015afa15610307575f5190565b5050505f9056fea26469706673582212208069b90fb4d5fba7481fdc5c354dfaf697c59cb55c963ffb7a0ee9ea145a966d64736f6c634300081c0033",
}

// Studies is an auto generated Go binding around an Ethereum contract.
type Studies struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Studies) GetABI() abi.ABI {
	return c.abi
}

// NewStudies creates a new instance of Studies.
func NewStudies() *Studies {
	parsed, err := StudiesMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Studies{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Studies) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address consortium_) returns()
func (studies *Studies) PackConstructor(consortium_ common.Address) []byte {
	enc, err := studies.abi.Pack("", consortium_)
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
func (studies *Studies) PackABANDONGRACE() []byte {
	enc, err := studies.abi.Pack("ABANDON_GRACE")
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
func (studies *Studies) TryPackABANDONGRACE() ([]byte, error) {
	return studies.abi.Pack("ABANDON_GRACE")
}

// UnpackABANDONGRACE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2d92467b.
//
// Solidity: function ABANDON_GRACE() view returns(uint64)
func (studies *Studies) UnpackABANDONGRACE(data []byte) (uint64, error) {
	out, err := studies.abi.Unpack("ABANDON_GRACE", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackCOMMITTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x37479beb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function COMMIT_TYPEHASH() view returns(bytes32)
func (studies *Studies) PackCOMMITTYPEHASH() []byte {
	enc, err := studies.abi.Pack("COMMIT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCOMMITTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x37479beb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function COMMIT_TYPEHASH() view returns(bytes32)
func (studies *Studies) TryPackCOMMITTYPEHASH() ([]byte, error) {
	return studies.abi.Pack("COMMIT_TYPEHASH")
}

// UnpackCOMMITTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x37479beb.
//
// Solidity: function COMMIT_TYPEHASH() view returns(bytes32)
func (studies *Studies) UnpackCOMMITTYPEHASH(data []byte) ([32]byte, error) {
	out, err := studies.abi.Unpack("COMMIT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDELTAUNIT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0362aa6c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DELTA_UNIT() view returns(uint64)
func (studies *Studies) PackDELTAUNIT() []byte {
	enc, err := studies.abi.Pack("DELTA_UNIT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDELTAUNIT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0362aa6c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DELTA_UNIT() view returns(uint64)
func (studies *Studies) TryPackDELTAUNIT() ([]byte, error) {
	return studies.abi.Pack("DELTA_UNIT")
}

// UnpackDELTAUNIT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0362aa6c.
//
// Solidity: function DELTA_UNIT() view returns(uint64)
func (studies *Studies) UnpackDELTAUNIT(data []byte) (uint64, error) {
	out, err := studies.abi.Unpack("DELTA_UNIT", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackFLAGSUSPICIOUS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd2d3a5ae.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function FLAG_SUSPICIOUS() view returns(uint8)
func (studies *Studies) PackFLAGSUSPICIOUS() []byte {
	enc, err := studies.abi.Pack("FLAG_SUSPICIOUS")
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
func (studies *Studies) TryPackFLAGSUSPICIOUS() ([]byte, error) {
	return studies.abi.Pack("FLAG_SUSPICIOUS")
}

// UnpackFLAGSUSPICIOUS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd2d3a5ae.
//
// Solidity: function FLAG_SUSPICIOUS() view returns(uint8)
func (studies *Studies) UnpackFLAGSUSPICIOUS(data []byte) (uint8, error) {
	out, err := studies.abi.Unpack("FLAG_SUSPICIOUS", data)
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
func (studies *Studies) PackMETRICUNIT() []byte {
	enc, err := studies.abi.Pack("METRIC_UNIT")
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
func (studies *Studies) TryPackMETRICUNIT() ([]byte, error) {
	return studies.abi.Pack("METRIC_UNIT")
}

// UnpackMETRICUNIT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x244d956a.
//
// Solidity: function METRIC_UNIT() view returns(uint32)
func (studies *Studies) UnpackMETRICUNIT(data []byte) (uint32, error) {
	out, err := studies.abi.Unpack("METRIC_UNIT", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackAbandonRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6be6049b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function abandonRound(uint64 studyId, uint32 round) returns()
func (studies *Studies) PackAbandonRound(studyId uint64, round uint32) []byte {
	enc, err := studies.abi.Pack("abandonRound", studyId, round)
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
func (studies *Studies) TryPackAbandonRound(studyId uint64, round uint32) ([]byte, error) {
	return studies.abi.Pack("abandonRound", studyId, round)
}

// PackActivate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc7e4746.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function activate(uint64 firstId) returns()
func (studies *Studies) PackActivate(firstId uint64) []byte {
	enc, err := studies.abi.Pack("activate", firstId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackActivate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc7e4746.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function activate(uint64 firstId) returns()
func (studies *Studies) TryPackActivate(firstId uint64) ([]byte, error) {
	return studies.abi.Pack("activate", firstId)
}

// PackCheckExcludable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7603bf19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function checkExcludable(uint64 studyId, address member) view returns()
func (studies *Studies) PackCheckExcludable(studyId uint64, member common.Address) []byte {
	enc, err := studies.abi.Pack("checkExcludable", studyId, member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheckExcludable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7603bf19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function checkExcludable(uint64 studyId, address member) view returns()
func (studies *Studies) TryPackCheckExcludable(studyId uint64, member common.Address) ([]byte, error) {
	return studies.abi.Pack("checkExcludable", studyId, member)
}

// PackCloseRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc9a387a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function closeRound(uint64 studyId, uint32 round, bytes32 aggregateHash, bytes32 modelHash, uint32 accuracy, uint32 auc, uint64 loss, uint32 participants) returns()
func (studies *Studies) PackCloseRound(studyId uint64, round uint32, aggregateHash [32]byte, modelHash [32]byte, accuracy uint32, auc uint32, loss uint64, participants uint32) []byte {
	enc, err := studies.abi.Pack("closeRound", studyId, round, aggregateHash, modelHash, accuracy, auc, loss, participants)
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
func (studies *Studies) TryPackCloseRound(studyId uint64, round uint32, aggregateHash [32]byte, modelHash [32]byte, accuracy uint32, auc uint32, loss uint64, participants uint32) ([]byte, error) {
	return studies.abi.Pack("closeRound", studyId, round, aggregateHash, modelHash, accuracy, auc, loss, participants)
}

// PackCommitUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83da9fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitUpdate(uint64 studyId, uint32 round, bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) returns()
func (studies *Studies) PackCommitUpdate(studyId uint64, round uint32, ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) []byte {
	enc, err := studies.abi.Pack("commitUpdate", studyId, round, ciphertextHash, sampleCount, consentRoot)
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
func (studies *Studies) TryPackCommitUpdate(studyId uint64, round uint32, ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) ([]byte, error) {
	return studies.abi.Pack("commitUpdate", studyId, round, ciphertextHash, sampleCount, consentRoot)
}

// PackCommitUpdates is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63ba020f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitUpdates(uint64 studyId, uint32 round, (bytes32,uint64,bytes32,uint8,bytes32,bytes32)[] commits, bytes32 contributorsHash) returns()
func (studies *Studies) PackCommitUpdates(studyId uint64, round uint32, commits []StudiesSignedCommitment, contributorsHash [32]byte) []byte {
	enc, err := studies.abi.Pack("commitUpdates", studyId, round, commits, contributorsHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitUpdates is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63ba020f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitUpdates(uint64 studyId, uint32 round, (bytes32,uint64,bytes32,uint8,bytes32,bytes32)[] commits, bytes32 contributorsHash) returns()
func (studies *Studies) TryPackCommitUpdates(studyId uint64, round uint32, commits []StudiesSignedCommitment, contributorsHash [32]byte) ([]byte, error) {
	return studies.abi.Pack("commitUpdates", studyId, round, commits, contributorsHash)
}

// PackCommitmentDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9aa7aaa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitmentDigest(bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) pure returns(bytes32)
func (studies *Studies) PackCommitmentDigest(ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) []byte {
	enc, err := studies.abi.Pack("commitmentDigest", ciphertextHash, sampleCount, consentRoot)
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
func (studies *Studies) TryPackCommitmentDigest(ciphertextHash [32]byte, sampleCount uint64, consentRoot [32]byte) ([]byte, error) {
	return studies.abi.Pack("commitmentDigest", ciphertextHash, sampleCount, consentRoot)
}

// UnpackCommitmentDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd9aa7aaa.
//
// Solidity: function commitmentDigest(bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot) pure returns(bytes32)
func (studies *Studies) UnpackCommitmentDigest(data []byte) ([32]byte, error) {
	out, err := studies.abi.Unpack("commitmentDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackCommittees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7110d32e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function committees() view returns(address)
func (studies *Studies) PackCommittees() []byte {
	enc, err := studies.abi.Pack("committees")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommittees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7110d32e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function committees() view returns(address)
func (studies *Studies) TryPackCommittees() ([]byte, error) {
	return studies.abi.Pack("committees")
}

// UnpackCommittees is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7110d32e.
//
// Solidity: function committees() view returns(address)
func (studies *Studies) UnpackCommittees(data []byte) (common.Address, error) {
	out, err := studies.abi.Unpack("committees", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackConsentContext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c672669.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consentContext(uint64 studyId, uint32 round) view returns(bytes32 purpose, uint64 cutoffBlock, uint64 at)
func (studies *Studies) PackConsentContext(studyId uint64, round uint32) []byte {
	enc, err := studies.abi.Pack("consentContext", studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsentContext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c672669.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consentContext(uint64 studyId, uint32 round) view returns(bytes32 purpose, uint64 cutoffBlock, uint64 at)
func (studies *Studies) TryPackConsentContext(studyId uint64, round uint32) ([]byte, error) {
	return studies.abi.Pack("consentContext", studyId, round)
}

// ConsentContextOutput serves as a container for the return parameters of contract
// method ConsentContext.
type ConsentContextOutput struct {
	Purpose     [32]byte
	CutoffBlock uint64
	At          uint64
}

// UnpackConsentContext is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7c672669.
//
// Solidity: function consentContext(uint64 studyId, uint32 round) view returns(bytes32 purpose, uint64 cutoffBlock, uint64 at)
func (studies *Studies) UnpackConsentContext(data []byte) (ConsentContextOutput, error) {
	out, err := studies.abi.Unpack("consentContext", data)
	outstruct := new(ConsentContextOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Purpose = *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	outstruct.CutoffBlock = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.At = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackConsortium is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9ad18765.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function consortium() view returns(address)
func (studies *Studies) PackConsortium() []byte {
	enc, err := studies.abi.Pack("consortium")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConsortium is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9ad18765.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function consortium() view returns(address)
func (studies *Studies) TryPackConsortium() ([]byte, error) {
	return studies.abi.Pack("consortium")
}

// UnpackConsortium is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9ad18765.
//
// Solidity: function consortium() view returns(address)
func (studies *Studies) UnpackConsortium(data []byte) (common.Address, error) {
	out, err := studies.abi.Unpack("consortium", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackCreateStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41e25253.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function createStudy(bytes32 specHash, bytes32 purpose, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit, bytes32 referenceCommitment, address coordinator, bytes32 robustPolicyHash) returns(uint64 studyId)
func (studies *Studies) PackCreateStudy(specHash [32]byte, purpose [32]byte, rounds uint32, minParticipants uint32, threshold uint32, strikeLimit uint32, referenceCommitment [32]byte, coordinator common.Address, robustPolicyHash [32]byte) []byte {
	enc, err := studies.abi.Pack("createStudy", specHash, purpose, rounds, minParticipants, threshold, strikeLimit, referenceCommitment, coordinator, robustPolicyHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreateStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41e25253.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function createStudy(bytes32 specHash, bytes32 purpose, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit, bytes32 referenceCommitment, address coordinator, bytes32 robustPolicyHash) returns(uint64 studyId)
func (studies *Studies) TryPackCreateStudy(specHash [32]byte, purpose [32]byte, rounds uint32, minParticipants uint32, threshold uint32, strikeLimit uint32, referenceCommitment [32]byte, coordinator common.Address, robustPolicyHash [32]byte) ([]byte, error) {
	return studies.abi.Pack("createStudy", specHash, purpose, rounds, minParticipants, threshold, strikeLimit, referenceCommitment, coordinator, robustPolicyHash)
}

// UnpackCreateStudy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x41e25253.
//
// Solidity: function createStudy(bytes32 specHash, bytes32 purpose, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit, bytes32 referenceCommitment, address coordinator, bytes32 robustPolicyHash) returns(uint64 studyId)
func (studies *Studies) UnpackCreateStudy(data []byte) (uint64, error) {
	out, err := studies.abi.Unpack("createStudy", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackDisputeAggregate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc41306fd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function disputeAggregate(uint64 studyId, uint32 round, bytes32 aggregateHash, bytes32 evidenceHash) returns()
func (studies *Studies) PackDisputeAggregate(studyId uint64, round uint32, aggregateHash [32]byte, evidenceHash [32]byte) []byte {
	enc, err := studies.abi.Pack("disputeAggregate", studyId, round, aggregateHash, evidenceHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDisputeAggregate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc41306fd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function disputeAggregate(uint64 studyId, uint32 round, bytes32 aggregateHash, bytes32 evidenceHash) returns()
func (studies *Studies) TryPackDisputeAggregate(studyId uint64, round uint32, aggregateHash [32]byte, evidenceHash [32]byte) ([]byte, error) {
	return studies.abi.Pack("disputeAggregate", studyId, round, aggregateHash, evidenceHash)
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (studies *Studies) PackDomainSeparator() []byte {
	enc, err := studies.abi.Pack("domainSeparator")
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
func (studies *Studies) TryPackDomainSeparator() ([]byte, error) {
	return studies.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (studies *Studies) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := studies.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEndorsementContext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf1257cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function endorsementContext(uint64 studyId, uint32 round) view returns(address coordinator, uint32 threshold, bytes32 scoresHash, bytes32 flagged, bytes32 domain)
func (studies *Studies) PackEndorsementContext(studyId uint64, round uint32) []byte {
	enc, err := studies.abi.Pack("endorsementContext", studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEndorsementContext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf1257cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function endorsementContext(uint64 studyId, uint32 round) view returns(address coordinator, uint32 threshold, bytes32 scoresHash, bytes32 flagged, bytes32 domain)
func (studies *Studies) TryPackEndorsementContext(studyId uint64, round uint32) ([]byte, error) {
	return studies.abi.Pack("endorsementContext", studyId, round)
}

// EndorsementContextOutput serves as a container for the return parameters of contract
// method EndorsementContext.
type EndorsementContextOutput struct {
	Coordinator common.Address
	Threshold   uint32
	ScoresHash  [32]byte
	Flagged     [32]byte
	Domain      [32]byte
}

// UnpackEndorsementContext is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf1257cbb.
//
// Solidity: function endorsementContext(uint64 studyId, uint32 round) view returns(address coordinator, uint32 threshold, bytes32 scoresHash, bytes32 flagged, bytes32 domain)
func (studies *Studies) UnpackEndorsementContext(data []byte) (EndorsementContextOutput, error) {
	out, err := studies.abi.Unpack("endorsementContext", data)
	outstruct := new(EndorsementContextOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Coordinator = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.Threshold = *abi.ConvertType(out[1], new(uint32)).(*uint32)
	outstruct.ScoresHash = *abi.ConvertType(out[2], new([32]byte)).(*[32]byte)
	outstruct.Flagged = *abi.ConvertType(out[3], new([32]byte)).(*[32]byte)
	outstruct.Domain = *abi.ConvertType(out[4], new([32]byte)).(*[32]byte)
	return *outstruct, nil
}

// PackFirstNotInGoodStanding is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c3f0915.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function firstNotInGoodStanding(uint64 studyId, address[] accounts) view returns(uint256)
func (studies *Studies) PackFirstNotInGoodStanding(studyId uint64, accounts []common.Address) []byte {
	enc, err := studies.abi.Pack("firstNotInGoodStanding", studyId, accounts)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFirstNotInGoodStanding is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c3f0915.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function firstNotInGoodStanding(uint64 studyId, address[] accounts) view returns(uint256)
func (studies *Studies) TryPackFirstNotInGoodStanding(studyId uint64, accounts []common.Address) ([]byte, error) {
	return studies.abi.Pack("firstNotInGoodStanding", studyId, accounts)
}

// UnpackFirstNotInGoodStanding is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c3f0915.
//
// Solidity: function firstNotInGoodStanding(uint64 studyId, address[] accounts) view returns(uint256)
func (studies *Studies) UnpackFirstNotInGoodStanding(data []byte) (*big.Int, error) {
	out, err := studies.abi.Unpack("firstNotInGoodStanding", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackFirstStudyId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe6b499c0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function firstStudyId() view returns(uint64)
func (studies *Studies) PackFirstStudyId() []byte {
	enc, err := studies.abi.Pack("firstStudyId")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFirstStudyId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe6b499c0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function firstStudyId() view returns(uint64)
func (studies *Studies) TryPackFirstStudyId() ([]byte, error) {
	return studies.abi.Pack("firstStudyId")
}

// UnpackFirstStudyId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe6b499c0.
//
// Solidity: function firstStudyId() view returns(uint64)
func (studies *Studies) UnpackFirstStudyId(data []byte) (uint64, error) {
	out, err := studies.abi.Unpack("firstStudyId", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackGetParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625493f4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool,bool) p)
func (studies *Studies) PackGetParticipant(studyId uint64, account common.Address) []byte {
	enc, err := studies.abi.Pack("getParticipant", studyId, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625493f4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool,bool) p)
func (studies *Studies) TryPackGetParticipant(studyId uint64, account common.Address) ([]byte, error) {
	return studies.abi.Pack("getParticipant", studyId, account)
}

// UnpackGetParticipant is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x625493f4.
//
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool,bool) p)
func (studies *Studies) UnpackGetParticipant(data []byte) (StudiesParticipantRecord, error) {
	out, err := studies.abi.Unpack("getParticipant", data)
	if err != nil {
		return *new(StudiesParticipantRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(StudiesParticipantRecord)).(*StudiesParticipantRecord)
	return out0, nil
}

// PackGetRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd6fd93d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bool,bytes32,uint32,uint32,uint64,uint64,bytes32,bytes32,bytes32,bytes32))
func (studies *Studies) PackGetRound(studyId uint64, round uint32) []byte {
	enc, err := studies.abi.Pack("getRound", studyId, round)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd6fd93d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bool,bytes32,uint32,uint32,uint64,uint64,bytes32,bytes32,bytes32,bytes32))
func (studies *Studies) TryPackGetRound(studyId uint64, round uint32) ([]byte, error) {
	return studies.abi.Pack("getRound", studyId, round)
}

// UnpackGetRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfd6fd93d.
//
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bool,bytes32,uint32,uint32,uint64,uint64,bytes32,bytes32,bytes32,bytes32))
func (studies *Studies) UnpackGetRound(data []byte) (StudiesRoundRecord, error) {
	out, err := studies.abi.Unpack("getRound", data)
	if err != nil {
		return *new(StudiesRoundRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(StudiesRoundRecord)).(*StudiesRoundRecord)
	return out0, nil
}

// PackGetStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x827429a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint64,uint64))
func (studies *Studies) PackGetStudy(studyId uint64) []byte {
	enc, err := studies.abi.Pack("getStudy", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x827429a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint64,uint64))
func (studies *Studies) TryPackGetStudy(studyId uint64) ([]byte, error) {
	return studies.abi.Pack("getStudy", studyId)
}

// UnpackGetStudy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x827429a5.
//
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint64,uint64))
func (studies *Studies) UnpackGetStudy(data []byte) (StudiesStudyRecord, error) {
	out, err := studies.abi.Unpack("getStudy", data)
	if err != nil {
		return *new(StudiesStudyRecord), err
	}
	out0 := *abi.ConvertType(out[0], new(StudiesStudyRecord)).(*StudiesStudyRecord)
	return out0, nil
}

// PackIsParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9cfa750f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isParticipant(uint64 studyId, address account) view returns(bool)
func (studies *Studies) PackIsParticipant(studyId uint64, account common.Address) []byte {
	enc, err := studies.abi.Pack("isParticipant", studyId, account)
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
func (studies *Studies) TryPackIsParticipant(studyId uint64, account common.Address) ([]byte, error) {
	return studies.abi.Pack("isParticipant", studyId, account)
}

// UnpackIsParticipant is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9cfa750f.
//
// Solidity: function isParticipant(uint64 studyId, address account) view returns(bool)
func (studies *Studies) UnpackIsParticipant(data []byte) (bool, error) {
	out, err := studies.abi.Unpack("isParticipant", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsReinstatable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x813e96f1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isReinstatable(uint64 studyId, address member) view returns(bool)
func (studies *Studies) PackIsReinstatable(studyId uint64, member common.Address) []byte {
	enc, err := studies.abi.Pack("isReinstatable", studyId, member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsReinstatable is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x813e96f1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isReinstatable(uint64 studyId, address member) view returns(bool)
func (studies *Studies) TryPackIsReinstatable(studyId uint64, member common.Address) ([]byte, error) {
	return studies.abi.Pack("isReinstatable", studyId, member)
}

// UnpackIsReinstatable is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x813e96f1.
//
// Solidity: function isReinstatable(uint64 studyId, address member) view returns(bool)
func (studies *Studies) UnpackIsReinstatable(data []byte) (bool, error) {
	out, err := studies.abi.Unpack("isReinstatable", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSuspended is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd2e6ac3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSuspended(uint64 studyId, address member) view returns(bool)
func (studies *Studies) PackIsSuspended(studyId uint64, member common.Address) []byte {
	enc, err := studies.abi.Pack("isSuspended", studyId, member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSuspended is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd2e6ac3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSuspended(uint64 studyId, address member) view returns(bool)
func (studies *Studies) TryPackIsSuspended(studyId uint64, member common.Address) ([]byte, error) {
	return studies.abi.Pack("isSuspended", studyId, member)
}

// UnpackIsSuspended is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbd2e6ac3.
//
// Solidity: function isSuspended(uint64 studyId, address member) view returns(bool)
func (studies *Studies) UnpackIsSuspended(data []byte) (bool, error) {
	out, err := studies.abi.Unpack("isSuspended", data)
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
func (studies *Studies) PackJoinStudy(studyId uint64) []byte {
	enc, err := studies.abi.Pack("joinStudy", studyId)
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
func (studies *Studies) TryPackJoinStudy(studyId uint64) ([]byte, error) {
	return studies.abi.Pack("joinStudy", studyId)
}

// PackLeaveStudy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x429db9ac.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leaveStudy(uint64 studyId) returns()
func (studies *Studies) PackLeaveStudy(studyId uint64) []byte {
	enc, err := studies.abi.Pack("leaveStudy", studyId)
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
func (studies *Studies) TryPackLeaveStudy(studyId uint64) ([]byte, error) {
	return studies.abi.Pack("leaveStudy", studyId)
}

// PackMomentsSum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78027a64.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function momentsSum(uint64 studyId) view returns(bytes32)
func (studies *Studies) PackMomentsSum(studyId uint64) []byte {
	enc, err := studies.abi.Pack("momentsSum", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMomentsSum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78027a64.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function momentsSum(uint64 studyId) view returns(bytes32)
func (studies *Studies) TryPackMomentsSum(studyId uint64) ([]byte, error) {
	return studies.abi.Pack("momentsSum", studyId)
}

// UnpackMomentsSum is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x78027a64.
//
// Solidity: function momentsSum(uint64 studyId) view returns(bytes32)
func (studies *Studies) UnpackMomentsSum(data []byte) ([32]byte, error) {
	out, err := studies.abi.Unpack("momentsSum", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackOpenRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x816e2238.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openRound(uint64 studyId, uint32 round, bytes32 globalModel, uint64 deadline, uint64 epsilonSpent) returns()
func (studies *Studies) PackOpenRound(studyId uint64, round uint32, globalModel [32]byte, deadline uint64, epsilonSpent uint64) []byte {
	enc, err := studies.abi.Pack("openRound", studyId, round, globalModel, deadline, epsilonSpent)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x816e2238.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openRound(uint64 studyId, uint32 round, bytes32 globalModel, uint64 deadline, uint64 epsilonSpent) returns()
func (studies *Studies) TryPackOpenRound(studyId uint64, round uint32, globalModel [32]byte, deadline uint64, epsilonSpent uint64) ([]byte, error) {
	return studies.abi.Pack("openRound", studyId, round, globalModel, deadline, epsilonSpent)
}

// PackPinMomentsSum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d849b62.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pinMomentsSum(uint64 studyId, bytes32 sumHash) returns()
func (studies *Studies) PackPinMomentsSum(studyId uint64, sumHash [32]byte) []byte {
	enc, err := studies.abi.Pack("pinMomentsSum", studyId, sumHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPinMomentsSum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d849b62.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pinMomentsSum(uint64 studyId, bytes32 sumHash) returns()
func (studies *Studies) TryPackPinMomentsSum(studyId uint64, sumHash [32]byte) ([]byte, error) {
	return studies.abi.Pack("pinMomentsSum", studyId, sumHash)
}

// PackRecordScores is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75f9afcd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function recordScores(uint64 studyId, uint32 round, uint256[] entries) returns()
func (studies *Studies) PackRecordScores(studyId uint64, round uint32, entries []*big.Int) []byte {
	enc, err := studies.abi.Pack("recordScores", studyId, round, entries)
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
func (studies *Studies) TryPackRecordScores(studyId uint64, round uint32, entries []*big.Int) ([]byte, error) {
	return studies.abi.Pack("recordScores", studyId, round, entries)
}

// PackReinstate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f5cbe80.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reinstate(uint64 studyId, address member) returns()
func (studies *Studies) PackReinstate(studyId uint64, member common.Address) []byte {
	enc, err := studies.abi.Pack("reinstate", studyId, member)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReinstate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5f5cbe80.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reinstate(uint64 studyId, address member) returns()
func (studies *Studies) TryPackReinstate(studyId uint64, member common.Address) ([]byte, error) {
	return studies.abi.Pack("reinstate", studyId, member)
}

// PackRemoveParticipant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe4dca62.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeParticipant(uint64 studyId, address member) returns()
func (studies *Studies) PackRemoveParticipant(studyId uint64, member common.Address) []byte {
	enc, err := studies.abi.Pack("removeParticipant", studyId, member)
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
func (studies *Studies) TryPackRemoveParticipant(studyId uint64, member common.Address) ([]byte, error) {
	return studies.abi.Pack("removeParticipant", studyId, member)
}

// PackRequestRotation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdeb9274e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestRotation(uint64 studyId) returns()
func (studies *Studies) PackRequestRotation(studyId uint64) []byte {
	enc, err := studies.abi.Pack("requestRotation", studyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestRotation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdeb9274e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestRotation(uint64 studyId) returns()
func (studies *Studies) TryPackRequestRotation(studyId uint64) ([]byte, error) {
	return studies.abi.Pack("requestRotation", studyId)
}

// PackRetire is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e6371ba.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function retire(address successor_) returns()
func (studies *Studies) PackRetire(successor common.Address) []byte {
	enc, err := studies.abi.Pack("retire", successor)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRetire is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e6371ba.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function retire(address successor_) returns()
func (studies *Studies) TryPackRetire(successor common.Address) ([]byte, error) {
	return studies.abi.Pack("retire", successor)
}

// PackSetPrivacyBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa86bd691.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setPrivacyBudget(uint64 studyId, uint64 epsilonBudget, uint64 delta) returns()
func (studies *Studies) PackSetPrivacyBudget(studyId uint64, epsilonBudget uint64, delta uint64) []byte {
	enc, err := studies.abi.Pack("setPrivacyBudget", studyId, epsilonBudget, delta)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetPrivacyBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa86bd691.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setPrivacyBudget(uint64 studyId, uint64 epsilonBudget, uint64 delta) returns()
func (studies *Studies) TryPackSetPrivacyBudget(studyId uint64, epsilonBudget uint64, delta uint64) ([]byte, error) {
	return studies.abi.Pack("setPrivacyBudget", studyId, epsilonBudget, delta)
}

// PackSetPublicKeyHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2dab3a65.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setPublicKeyHash(uint64 studyId, bytes32 publicKeyHash) returns()
func (studies *Studies) PackSetPublicKeyHash(studyId uint64, publicKeyHash [32]byte) []byte {
	enc, err := studies.abi.Pack("setPublicKeyHash", studyId, publicKeyHash)
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
func (studies *Studies) TryPackSetPublicKeyHash(studyId uint64, publicKeyHash [32]byte) ([]byte, error) {
	return studies.abi.Pack("setPublicKeyHash", studyId, publicKeyHash)
}

// PackSetStandardiserHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3701a18.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setStandardiserHash(uint64 studyId, bytes32 standardiserHash) returns()
func (studies *Studies) PackSetStandardiserHash(studyId uint64, standardiserHash [32]byte) []byte {
	enc, err := studies.abi.Pack("setStandardiserHash", studyId, standardiserHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetStandardiserHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3701a18.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setStandardiserHash(uint64 studyId, bytes32 standardiserHash) returns()
func (studies *Studies) TryPackSetStandardiserHash(studyId uint64, standardiserHash [32]byte) ([]byte, error) {
	return studies.abi.Pack("setStandardiserHash", studyId, standardiserHash)
}

// PackStrikeFlagged is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x96b1e279.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function strikeFlagged(uint64 studyId, uint32 round, address[] members) returns()
func (studies *Studies) PackStrikeFlagged(studyId uint64, round uint32, members []common.Address) []byte {
	enc, err := studies.abi.Pack("strikeFlagged", studyId, round, members)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStrikeFlagged is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x96b1e279.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function strikeFlagged(uint64 studyId, uint32 round, address[] members) returns()
func (studies *Studies) TryPackStrikeFlagged(studyId uint64, round uint32, members []common.Address) ([]byte, error) {
	return studies.abi.Pack("strikeFlagged", studyId, round, members)
}

// PackStudyCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe455fa5a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function studyCount() view returns(uint64)
func (studies *Studies) PackStudyCount() []byte {
	enc, err := studies.abi.Pack("studyCount")
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
func (studies *Studies) TryPackStudyCount() ([]byte, error) {
	return studies.abi.Pack("studyCount")
}

// UnpackStudyCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe455fa5a.
//
// Solidity: function studyCount() view returns(uint64)
func (studies *Studies) UnpackStudyCount(data []byte) (uint64, error) {
	out, err := studies.abi.Unpack("studyCount", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackStudyIds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0b7e16ca.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function studyIds() view returns(uint64 first, uint64 last)
func (studies *Studies) PackStudyIds() []byte {
	enc, err := studies.abi.Pack("studyIds")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStudyIds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0b7e16ca.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function studyIds() view returns(uint64 first, uint64 last)
func (studies *Studies) TryPackStudyIds() ([]byte, error) {
	return studies.abi.Pack("studyIds")
}

// StudyIdsOutput serves as a container for the return parameters of contract
// method StudyIds.
type StudyIdsOutput struct {
	First uint64
	Last  uint64
}

// UnpackStudyIds is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0b7e16ca.
//
// Solidity: function studyIds() view returns(uint64 first, uint64 last)
func (studies *Studies) UnpackStudyIds(data []byte) (StudyIdsOutput, error) {
	out, err := studies.abi.Unpack("studyIds", data)
	outstruct := new(StudyIdsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.First = *abi.ConvertType(out[0], new(uint64)).(*uint64)
	outstruct.Last = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackStudyParticipants is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc38f21f8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function studyParticipants(uint64 studyId) view returns(address[] out)
func (studies *Studies) PackStudyParticipants(studyId uint64) []byte {
	enc, err := studies.abi.Pack("studyParticipants", studyId)
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
func (studies *Studies) TryPackStudyParticipants(studyId uint64) ([]byte, error) {
	return studies.abi.Pack("studyParticipants", studyId)
}

// UnpackStudyParticipants is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc38f21f8.
//
// Solidity: function studyParticipants(uint64 studyId) view returns(address[] out)
func (studies *Studies) UnpackStudyParticipants(data []byte) ([]common.Address, error) {
	out, err := studies.abi.Unpack("studyParticipants", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackSuccessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6ff968c3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function successor() view returns(address)
func (studies *Studies) PackSuccessor() []byte {
	enc, err := studies.abi.Pack("successor")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSuccessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6ff968c3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function successor() view returns(address)
func (studies *Studies) TryPackSuccessor() ([]byte, error) {
	return studies.abi.Pack("successor")
}

// UnpackSuccessor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6ff968c3.
//
// Solidity: function successor() view returns(address)
func (studies *Studies) UnpackSuccessor(data []byte) (common.Address, error) {
	out, err := studies.abi.Unpack("successor", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// StudiesAggregateDisputed represents a AggregateDisputed event raised by the Studies contract.
type StudiesAggregateDisputed struct {
	StudyId       uint64
	Round         uint32
	Reporter      common.Address
	AggregateHash [32]byte
	EvidenceHash  [32]byte
	Raw           *types.Log // Blockchain specific contextual infos
}

const StudiesAggregateDisputedEventName = "AggregateDisputed"

// ContractEventName returns the user-defined event name.
func (StudiesAggregateDisputed) ContractEventName() string {
	return StudiesAggregateDisputedEventName
}

// UnpackAggregateDisputedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AggregateDisputed(uint64 indexed studyId, uint32 indexed round, address indexed reporter, bytes32 aggregateHash, bytes32 evidenceHash)
func (studies *Studies) UnpackAggregateDisputedEvent(log *types.Log) (*StudiesAggregateDisputed, error) {
	event := "AggregateDisputed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesAggregateDisputed)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesContributorsSet represents a ContributorsSet event raised by the Studies contract.
type StudiesContributorsSet struct {
	StudyId          uint64
	Round            uint32
	ContributorsHash [32]byte
	Raw              *types.Log // Blockchain specific contextual infos
}

const StudiesContributorsSetEventName = "ContributorsSet"

// ContractEventName returns the user-defined event name.
func (StudiesContributorsSet) ContractEventName() string {
	return StudiesContributorsSetEventName
}

// UnpackContributorsSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ContributorsSet(uint64 indexed studyId, uint32 indexed round, bytes32 contributorsHash)
func (studies *Studies) UnpackContributorsSetEvent(log *types.Log) (*StudiesContributorsSet, error) {
	event := "ContributorsSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesContributorsSet)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesMomentsSumSet represents a MomentsSumSet event raised by the Studies contract.
type StudiesMomentsSumSet struct {
	StudyId uint64
	SumHash [32]byte
	Raw     *types.Log // Blockchain specific contextual infos
}

const StudiesMomentsSumSetEventName = "MomentsSumSet"

// ContractEventName returns the user-defined event name.
func (StudiesMomentsSumSet) ContractEventName() string {
	return StudiesMomentsSumSetEventName
}

// UnpackMomentsSumSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MomentsSumSet(uint64 indexed studyId, bytes32 sumHash)
func (studies *Studies) UnpackMomentsSumSetEvent(log *types.Log) (*StudiesMomentsSumSet, error) {
	event := "MomentsSumSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesMomentsSumSet)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesParticipantReinstated represents a ParticipantReinstated event raised by the Studies contract.
type StudiesParticipantReinstated struct {
	StudyId uint64
	Member  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const StudiesParticipantReinstatedEventName = "ParticipantReinstated"

// ContractEventName returns the user-defined event name.
func (StudiesParticipantReinstated) ContractEventName() string {
	return StudiesParticipantReinstatedEventName
}

// UnpackParticipantReinstatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParticipantReinstated(uint64 indexed studyId, address indexed member)
func (studies *Studies) UnpackParticipantReinstatedEvent(log *types.Log) (*StudiesParticipantReinstated, error) {
	event := "ParticipantReinstated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesParticipantReinstated)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesParticipantRemoved represents a ParticipantRemoved event raised by the Studies contract.
type StudiesParticipantRemoved struct {
	StudyId uint64
	Member  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const StudiesParticipantRemovedEventName = "ParticipantRemoved"

// ContractEventName returns the user-defined event name.
func (StudiesParticipantRemoved) ContractEventName() string {
	return StudiesParticipantRemovedEventName
}

// UnpackParticipantRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParticipantRemoved(uint64 indexed studyId, address indexed member)
func (studies *Studies) UnpackParticipantRemovedEvent(log *types.Log) (*StudiesParticipantRemoved, error) {
	event := "ParticipantRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesParticipantRemoved)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesParticipantSuspended represents a ParticipantSuspended event raised by the Studies contract.
type StudiesParticipantSuspended struct {
	StudyId uint64
	Member  common.Address
	Strikes uint16
	Raw     *types.Log // Blockchain specific contextual infos
}

const StudiesParticipantSuspendedEventName = "ParticipantSuspended"

// ContractEventName returns the user-defined event name.
func (StudiesParticipantSuspended) ContractEventName() string {
	return StudiesParticipantSuspendedEventName
}

// UnpackParticipantSuspendedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParticipantSuspended(uint64 indexed studyId, address indexed member, uint16 strikes)
func (studies *Studies) UnpackParticipantSuspendedEvent(log *types.Log) (*StudiesParticipantSuspended, error) {
	event := "ParticipantSuspended"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesParticipantSuspended)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesPrivacyBudgetSet represents a PrivacyBudgetSet event raised by the Studies contract.
type StudiesPrivacyBudgetSet struct {
	StudyId       uint64
	EpsilonBudget uint64
	Delta         uint64
	Raw           *types.Log // Blockchain specific contextual infos
}

const StudiesPrivacyBudgetSetEventName = "PrivacyBudgetSet"

// ContractEventName returns the user-defined event name.
func (StudiesPrivacyBudgetSet) ContractEventName() string {
	return StudiesPrivacyBudgetSetEventName
}

// UnpackPrivacyBudgetSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PrivacyBudgetSet(uint64 indexed studyId, uint64 epsilonBudget, uint64 delta)
func (studies *Studies) UnpackPrivacyBudgetSetEvent(log *types.Log) (*StudiesPrivacyBudgetSet, error) {
	event := "PrivacyBudgetSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesPrivacyBudgetSet)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesPrivacySpent represents a PrivacySpent event raised by the Studies contract.
type StudiesPrivacySpent struct {
	StudyId      uint64
	Round        uint32
	EpsilonSpent uint64
	Raw          *types.Log // Blockchain specific contextual infos
}

const StudiesPrivacySpentEventName = "PrivacySpent"

// ContractEventName returns the user-defined event name.
func (StudiesPrivacySpent) ContractEventName() string {
	return StudiesPrivacySpentEventName
}

// UnpackPrivacySpentEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PrivacySpent(uint64 indexed studyId, uint32 indexed round, uint64 epsilonSpent)
func (studies *Studies) UnpackPrivacySpentEvent(log *types.Log) (*StudiesPrivacySpent, error) {
	event := "PrivacySpent"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesPrivacySpent)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesPublicKeySet represents a PublicKeySet event raised by the Studies contract.
type StudiesPublicKeySet struct {
	StudyId       uint64
	PublicKeyHash [32]byte
	Raw           *types.Log // Blockchain specific contextual infos
}

const StudiesPublicKeySetEventName = "PublicKeySet"

// ContractEventName returns the user-defined event name.
func (StudiesPublicKeySet) ContractEventName() string {
	return StudiesPublicKeySetEventName
}

// UnpackPublicKeySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PublicKeySet(uint64 indexed studyId, bytes32 publicKeyHash)
func (studies *Studies) UnpackPublicKeySetEvent(log *types.Log) (*StudiesPublicKeySet, error) {
	event := "PublicKeySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesPublicKeySet)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesRetired represents a Retired event raised by the Studies contract.
type StudiesRetired struct {
	Successor common.Address
	Raw       *types.Log // Blockchain specific contextual infos
}

const StudiesRetiredEventName = "Retired"

// ContractEventName returns the user-defined event name.
func (StudiesRetired) ContractEventName() string {
	return StudiesRetiredEventName
}

// UnpackRetiredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Retired(address successor)
func (studies *Studies) UnpackRetiredEvent(log *types.Log) (*StudiesRetired, error) {
	event := "Retired"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesRetired)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesRoundAbandoned represents a RoundAbandoned event raised by the Studies contract.
type StudiesRoundAbandoned struct {
	StudyId     uint64
	Round       uint32
	By          common.Address
	Commitments uint16
	Raw         *types.Log // Blockchain specific contextual infos
}

const StudiesRoundAbandonedEventName = "RoundAbandoned"

// ContractEventName returns the user-defined event name.
func (StudiesRoundAbandoned) ContractEventName() string {
	return StudiesRoundAbandonedEventName
}

// UnpackRoundAbandonedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundAbandoned(uint64 indexed studyId, uint32 indexed round, address indexed by, uint16 commitments)
func (studies *Studies) UnpackRoundAbandonedEvent(log *types.Log) (*StudiesRoundAbandoned, error) {
	event := "RoundAbandoned"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesRoundAbandoned)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesRoundClosed represents a RoundClosed event raised by the Studies contract.
type StudiesRoundClosed struct {
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

const StudiesRoundClosedEventName = "RoundClosed"

// ContractEventName returns the user-defined event name.
func (StudiesRoundClosed) ContractEventName() string {
	return StudiesRoundClosedEventName
}

// UnpackRoundClosedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundClosed(uint64 indexed studyId, uint32 indexed round, bytes32 aggregateHash, bytes32 modelHash, uint32 accuracy, uint32 auc, uint64 loss, uint32 participants)
func (studies *Studies) UnpackRoundClosedEvent(log *types.Log) (*StudiesRoundClosed, error) {
	event := "RoundClosed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesRoundClosed)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesRoundOpened represents a RoundOpened event raised by the Studies contract.
type StudiesRoundOpened struct {
	StudyId     uint64
	Round       uint32
	GlobalModel [32]byte
	Deadline    uint64
	Raw         *types.Log // Blockchain specific contextual infos
}

const StudiesRoundOpenedEventName = "RoundOpened"

// ContractEventName returns the user-defined event name.
func (StudiesRoundOpened) ContractEventName() string {
	return StudiesRoundOpenedEventName
}

// UnpackRoundOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundOpened(uint64 indexed studyId, uint32 indexed round, bytes32 globalModel, uint64 deadline)
func (studies *Studies) UnpackRoundOpenedEvent(log *types.Log) (*StudiesRoundOpened, error) {
	event := "RoundOpened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesRoundOpened)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesScoresRecorded represents a ScoresRecorded event raised by the Studies contract.
type StudiesScoresRecorded struct {
	StudyId    uint64
	Round      uint32
	Entries    []*big.Int
	ScoresHash [32]byte
	Raw        *types.Log // Blockchain specific contextual infos
}

const StudiesScoresRecordedEventName = "ScoresRecorded"

// ContractEventName returns the user-defined event name.
func (StudiesScoresRecorded) ContractEventName() string {
	return StudiesScoresRecordedEventName
}

// UnpackScoresRecordedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ScoresRecorded(uint64 indexed studyId, uint32 indexed round, uint256[] entries, bytes32 scoresHash)
func (studies *Studies) UnpackScoresRecordedEvent(log *types.Log) (*StudiesScoresRecorded, error) {
	event := "ScoresRecorded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesScoresRecorded)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesStandardiserSet represents a StandardiserSet event raised by the Studies contract.
type StudiesStandardiserSet struct {
	StudyId          uint64
	StandardiserHash [32]byte
	Raw              *types.Log // Blockchain specific contextual infos
}

const StudiesStandardiserSetEventName = "StandardiserSet"

// ContractEventName returns the user-defined event name.
func (StudiesStandardiserSet) ContractEventName() string {
	return StudiesStandardiserSetEventName
}

// UnpackStandardiserSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StandardiserSet(uint64 indexed studyId, bytes32 standardiserHash)
func (studies *Studies) UnpackStandardiserSetEvent(log *types.Log) (*StudiesStandardiserSet, error) {
	event := "StandardiserSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesStandardiserSet)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesStrikeRecorded represents a StrikeRecorded event raised by the Studies contract.
type StudiesStrikeRecorded struct {
	StudyId      uint64
	Member       common.Address
	Round        uint32
	Reason       uint8
	EvidenceHash [32]byte
	Strikes      uint16
	Raw          *types.Log // Blockchain specific contextual infos
}

const StudiesStrikeRecordedEventName = "StrikeRecorded"

// ContractEventName returns the user-defined event name.
func (StudiesStrikeRecorded) ContractEventName() string {
	return StudiesStrikeRecordedEventName
}

// UnpackStrikeRecordedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StrikeRecorded(uint64 indexed studyId, address indexed member, uint32 indexed round, uint8 reason, bytes32 evidenceHash, uint16 strikes)
func (studies *Studies) UnpackStrikeRecordedEvent(log *types.Log) (*StudiesStrikeRecorded, error) {
	event := "StrikeRecorded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesStrikeRecorded)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesStudyCreated represents a StudyCreated event raised by the Studies contract.
type StudiesStudyCreated struct {
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

const StudiesStudyCreatedEventName = "StudyCreated"

// ContractEventName returns the user-defined event name.
func (StudiesStudyCreated) ContractEventName() string {
	return StudiesStudyCreatedEventName
}

// UnpackStudyCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyCreated(uint64 indexed studyId, address indexed owner, address indexed coordinator, bytes32 specHash, bytes32 purpose, bytes32 referenceCommitment, uint32 rounds, uint32 minParticipants, uint32 threshold, uint32 strikeLimit)
func (studies *Studies) UnpackStudyCreatedEvent(log *types.Log) (*StudiesStudyCreated, error) {
	event := "StudyCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesStudyCreated)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesStudyFinished represents a StudyFinished event raised by the Studies contract.
type StudiesStudyFinished struct {
	StudyId uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const StudiesStudyFinishedEventName = "StudyFinished"

// ContractEventName returns the user-defined event name.
func (StudiesStudyFinished) ContractEventName() string {
	return StudiesStudyFinishedEventName
}

// UnpackStudyFinishedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyFinished(uint64 indexed studyId)
func (studies *Studies) UnpackStudyFinishedEvent(log *types.Log) (*StudiesStudyFinished, error) {
	event := "StudyFinished"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesStudyFinished)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesStudyJoined represents a StudyJoined event raised by the Studies contract.
type StudiesStudyJoined struct {
	StudyId uint64
	Member  common.Address
	Index   uint16
	Raw     *types.Log // Blockchain specific contextual infos
}

const StudiesStudyJoinedEventName = "StudyJoined"

// ContractEventName returns the user-defined event name.
func (StudiesStudyJoined) ContractEventName() string {
	return StudiesStudyJoinedEventName
}

// UnpackStudyJoinedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyJoined(uint64 indexed studyId, address indexed member, uint16 index)
func (studies *Studies) UnpackStudyJoinedEvent(log *types.Log) (*StudiesStudyJoined, error) {
	event := "StudyJoined"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesStudyJoined)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesStudyLeft represents a StudyLeft event raised by the Studies contract.
type StudiesStudyLeft struct {
	StudyId uint64
	Member  common.Address
	By      common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const StudiesStudyLeftEventName = "StudyLeft"

// ContractEventName returns the user-defined event name.
func (StudiesStudyLeft) ContractEventName() string {
	return StudiesStudyLeftEventName
}

// UnpackStudyLeftEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StudyLeft(uint64 indexed studyId, address indexed member, address by)
func (studies *Studies) UnpackStudyLeftEvent(log *types.Log) (*StudiesStudyLeft, error) {
	event := "StudyLeft"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesStudyLeft)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesUpdateCommitted represents a UpdateCommitted event raised by the Studies contract.
type StudiesUpdateCommitted struct {
	StudyId        uint64
	Round          uint32
	Member         common.Address
	CiphertextHash [32]byte
	SampleCount    uint64
	ConsentRoot    [32]byte
	Raw            *types.Log // Blockchain specific contextual infos
}

const StudiesUpdateCommittedEventName = "UpdateCommitted"

// ContractEventName returns the user-defined event name.
func (StudiesUpdateCommitted) ContractEventName() string {
	return StudiesUpdateCommittedEventName
}

// UnpackUpdateCommittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UpdateCommitted(uint64 indexed studyId, uint32 indexed round, address indexed member, bytes32 ciphertextHash, uint64 sampleCount, bytes32 consentRoot)
func (studies *Studies) UnpackUpdateCommittedEvent(log *types.Log) (*StudiesUpdateCommitted, error) {
	event := "UpdateCommitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesUpdateCommitted)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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

// StudiesUpdatesCommitted represents a UpdatesCommitted event raised by the Studies contract.
type StudiesUpdatesCommitted struct {
	StudyId          uint64
	Round            uint32
	Members          []common.Address
	CiphertextHashes [][32]byte
	SampleCounts     []uint64
	ConsentRoots     [][32]byte
	Raw              *types.Log // Blockchain specific contextual infos
}

const StudiesUpdatesCommittedEventName = "UpdatesCommitted"

// ContractEventName returns the user-defined event name.
func (StudiesUpdatesCommitted) ContractEventName() string {
	return StudiesUpdatesCommittedEventName
}

// UnpackUpdatesCommittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UpdatesCommitted(uint64 indexed studyId, uint32 indexed round, address[] members, bytes32[] ciphertextHashes, uint64[] sampleCounts, bytes32[] consentRoots)
func (studies *Studies) UnpackUpdatesCommittedEvent(log *types.Log) (*StudiesUpdatesCommitted, error) {
	event := "UpdatesCommitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != studies.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StudiesUpdatesCommitted)
	if len(log.Data) > 0 {
		if err := studies.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range studies.abi.Events[event].Inputs {
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
func (studies *Studies) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], studies.abi.Errors["AlreadyCommitted"].ID.Bytes()[:4]) {
		return studies.UnpackAlreadyCommittedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["AlreadyJoined"].ID.Bytes()[:4]) {
		return studies.UnpackAlreadyJoinedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["AlreadyRemoved"].ID.Bytes()[:4]) {
		return studies.UnpackAlreadyRemovedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["BadCommitSignature"].ID.Bytes()[:4]) {
		return studies.UnpackBadCommitSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["CommitteeNotCurrent"].ID.Bytes()[:4]) {
		return studies.UnpackCommitteeNotCurrentError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["ContributorsPinned"].ID.Bytes()[:4]) {
		return studies.UnpackContributorsPinnedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["DeadlineNotPassed"].ID.Bytes()[:4]) {
		return studies.UnpackDeadlineNotPassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return studies.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["DuplicateEvidence"].ID.Bytes()[:4]) {
		return studies.UnpackDuplicateEvidenceError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["EnrolmentClosed"].ID.Bytes()[:4]) {
		return studies.UnpackEnrolmentClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["InvalidDeadline"].ID.Bytes()[:4]) {
		return studies.UnpackInvalidDeadlineError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["InvalidEpsilonSpent"].ID.Bytes()[:4]) {
		return studies.UnpackInvalidEpsilonSpentError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["InvalidParameter"].ID.Bytes()[:4]) {
		return studies.UnpackInvalidParameterError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["MemberSuspended"].ID.Bytes()[:4]) {
		return studies.UnpackMemberSuspendedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["ModuleRetired"].ID.Bytes()[:4]) {
		return studies.UnpackModuleRetiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["MomentsSumPinned"].ID.Bytes()[:4]) {
		return studies.UnpackMomentsSumPinnedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["NeverJoined"].ID.Bytes()[:4]) {
		return studies.UnpackNeverJoinedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["NotAuthorised"].ID.Bytes()[:4]) {
		return studies.UnpackNotAuthorisedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["NotCoordinator"].ID.Bytes()[:4]) {
		return studies.UnpackNotCoordinatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["NotMember"].ID.Bytes()[:4]) {
		return studies.UnpackNotMemberError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["NotParticipant"].ID.Bytes()[:4]) {
		return studies.UnpackNotParticipantError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["NotSuspended"].ID.Bytes()[:4]) {
		return studies.UnpackNotSuspendedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["ParticipantsExceedCommitments"].ID.Bytes()[:4]) {
		return studies.UnpackParticipantsExceedCommitmentsError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["PrivacyBudgetExceeded"].ID.Bytes()[:4]) {
		return studies.UnpackPrivacyBudgetExceededError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["PrivacyBudgetLocked"].ID.Bytes()[:4]) {
		return studies.UnpackPrivacyBudgetLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["PublicKeyLocked"].ID.Bytes()[:4]) {
		return studies.UnpackPublicKeyLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["PublicKeyNotSet"].ID.Bytes()[:4]) {
		return studies.UnpackPublicKeyNotSetError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["PublicKeyRetired"].ID.Bytes()[:4]) {
		return studies.UnpackPublicKeyRetiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["RemovedByVote"].ID.Bytes()[:4]) {
		return studies.UnpackRemovedByVoteError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["RoundNotFound"].ID.Bytes()[:4]) {
		return studies.UnpackRoundNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["RoundNotOpen"].ID.Bytes()[:4]) {
		return studies.UnpackRoundNotOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["RoundOutOfOrder"].ID.Bytes()[:4]) {
		return studies.UnpackRoundOutOfOrderError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["RoundStillOpen"].ID.Bytes()[:4]) {
		return studies.UnpackRoundStillOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["SamplesAboveConsent"].ID.Bytes()[:4]) {
		return studies.UnpackSamplesAboveConsentError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["StudyCompleted"].ID.Bytes()[:4]) {
		return studies.UnpackStudyCompletedError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["StudyFull"].ID.Bytes()[:4]) {
		return studies.UnpackStudyFullError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["StudyNotFound"].ID.Bytes()[:4]) {
		return studies.UnpackStudyNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["TooFewParticipants"].ID.Bytes()[:4]) {
		return studies.UnpackTooFewParticipantsError(raw[4:])
	}
	if bytes.Equal(raw[:4], studies.abi.Errors["UnsortedScores"].ID.Bytes()[:4]) {
		return studies.UnpackUnsortedScoresError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// StudiesAlreadyCommitted represents a AlreadyCommitted error raised by the Studies contract.
type StudiesAlreadyCommitted struct {
	StudyId uint64
	Round   uint32
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyCommitted(uint64 studyId, uint32 round, address account)
func StudiesAlreadyCommittedErrorID() common.Hash {
	return common.HexToHash("0xf7ace62152a99d768acbb3e895280740e2be84baa3346e186d724e71465c5756")
}

// UnpackAlreadyCommittedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyCommitted(uint64 studyId, uint32 round, address account)
func (studies *Studies) UnpackAlreadyCommittedError(raw []byte) (*StudiesAlreadyCommitted, error) {
	out := new(StudiesAlreadyCommitted)
	if err := studies.abi.UnpackIntoInterface(out, "AlreadyCommitted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesAlreadyJoined represents a AlreadyJoined error raised by the Studies contract.
type StudiesAlreadyJoined struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyJoined(uint64 studyId, address account)
func StudiesAlreadyJoinedErrorID() common.Hash {
	return common.HexToHash("0x48d1c173bc775f0333b123bd37fce2c7ba6bf26d9c679f3567b6a9965a9a0964")
}

// UnpackAlreadyJoinedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyJoined(uint64 studyId, address account)
func (studies *Studies) UnpackAlreadyJoinedError(raw []byte) (*StudiesAlreadyJoined, error) {
	out := new(StudiesAlreadyJoined)
	if err := studies.abi.UnpackIntoInterface(out, "AlreadyJoined", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesAlreadyRemoved represents a AlreadyRemoved error raised by the Studies contract.
type StudiesAlreadyRemoved struct {
	StudyId uint64
	Member  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRemoved(uint64 studyId, address member)
func StudiesAlreadyRemovedErrorID() common.Hash {
	return common.HexToHash("0x0231a0dd67a45e164d150f3523a1ca1c49d67e884c3a68614e05821764ab31b0")
}

// UnpackAlreadyRemovedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRemoved(uint64 studyId, address member)
func (studies *Studies) UnpackAlreadyRemovedError(raw []byte) (*StudiesAlreadyRemoved, error) {
	out := new(StudiesAlreadyRemoved)
	if err := studies.abi.UnpackIntoInterface(out, "AlreadyRemoved", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesBadCommitSignature represents a BadCommitSignature error raised by the Studies contract.
type StudiesBadCommitSignature struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadCommitSignature(address account)
func StudiesBadCommitSignatureErrorID() common.Hash {
	return common.HexToHash("0x748c9d4365b01fa39553b70e03cb3e9bead53264352d700b3444f7d78c1bac91")
}

// UnpackBadCommitSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadCommitSignature(address account)
func (studies *Studies) UnpackBadCommitSignatureError(raw []byte) (*StudiesBadCommitSignature, error) {
	out := new(StudiesBadCommitSignature)
	if err := studies.abi.UnpackIntoInterface(out, "BadCommitSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesCommitteeNotCurrent represents a CommitteeNotCurrent error raised by the Studies contract.
type StudiesCommitteeNotCurrent struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CommitteeNotCurrent(uint64 studyId)
func StudiesCommitteeNotCurrentErrorID() common.Hash {
	return common.HexToHash("0x4a90e36a995ccb1f4496623ea256b4be8fba571f4ee6faa205944b100af3a24c")
}

// UnpackCommitteeNotCurrentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CommitteeNotCurrent(uint64 studyId)
func (studies *Studies) UnpackCommitteeNotCurrentError(raw []byte) (*StudiesCommitteeNotCurrent, error) {
	out := new(StudiesCommitteeNotCurrent)
	if err := studies.abi.UnpackIntoInterface(out, "CommitteeNotCurrent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesContributorsPinned represents a ContributorsPinned error raised by the Studies contract.
type StudiesContributorsPinned struct {
	StudyId uint64
	Round   uint32
	Pinned  [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ContributorsPinned(uint64 studyId, uint32 round, bytes32 pinned)
func StudiesContributorsPinnedErrorID() common.Hash {
	return common.HexToHash("0x54f7d8ce160b96d6582edf9b9276574f6366ca3652cc1dda395b36e401c92af0")
}

// UnpackContributorsPinnedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ContributorsPinned(uint64 studyId, uint32 round, bytes32 pinned)
func (studies *Studies) UnpackContributorsPinnedError(raw []byte) (*StudiesContributorsPinned, error) {
	out := new(StudiesContributorsPinned)
	if err := studies.abi.UnpackIntoInterface(out, "ContributorsPinned", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesDeadlineNotPassed represents a DeadlineNotPassed error raised by the Studies contract.
type StudiesDeadlineNotPassed struct {
	StudyId   uint64
	Round     uint32
	NotBefore uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineNotPassed(uint64 studyId, uint32 round, uint64 notBefore)
func StudiesDeadlineNotPassedErrorID() common.Hash {
	return common.HexToHash("0x5b5d3b42b6a4dca7a510fa89a39f037d279fce28ff79e6e3baf08cb7b44106d2")
}

// UnpackDeadlineNotPassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineNotPassed(uint64 studyId, uint32 round, uint64 notBefore)
func (studies *Studies) UnpackDeadlineNotPassedError(raw []byte) (*StudiesDeadlineNotPassed, error) {
	out := new(StudiesDeadlineNotPassed)
	if err := studies.abi.UnpackIntoInterface(out, "DeadlineNotPassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesDeadlinePassed represents a DeadlinePassed error raised by the Studies contract.
type StudiesDeadlinePassed struct {
	StudyId  uint64
	Round    uint32
	Deadline uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint64 studyId, uint32 round, uint64 deadline)
func StudiesDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x37dc4b81e28c96311bdcde5082d20295eafe6b803aeb332dbcf096a226cde966")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint64 studyId, uint32 round, uint64 deadline)
func (studies *Studies) UnpackDeadlinePassedError(raw []byte) (*StudiesDeadlinePassed, error) {
	out := new(StudiesDeadlinePassed)
	if err := studies.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesDuplicateEvidence represents a DuplicateEvidence error raised by the Studies contract.
type StudiesDuplicateEvidence struct {
	StudyId      uint64
	Account      common.Address
	EvidenceHash [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DuplicateEvidence(uint64 studyId, address account, bytes32 evidenceHash)
func StudiesDuplicateEvidenceErrorID() common.Hash {
	return common.HexToHash("0x5621373417ae13c12d108cb353d5bd8e0732a511a37a9b8968e8ec46b81bfa40")
}

// UnpackDuplicateEvidenceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DuplicateEvidence(uint64 studyId, address account, bytes32 evidenceHash)
func (studies *Studies) UnpackDuplicateEvidenceError(raw []byte) (*StudiesDuplicateEvidence, error) {
	out := new(StudiesDuplicateEvidence)
	if err := studies.abi.UnpackIntoInterface(out, "DuplicateEvidence", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesEnrolmentClosed represents a EnrolmentClosed error raised by the Studies contract.
type StudiesEnrolmentClosed struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EnrolmentClosed(uint64 studyId)
func StudiesEnrolmentClosedErrorID() common.Hash {
	return common.HexToHash("0xf7ada00ecd66f80b5fe38311fb46ce54544ff24ea0adc872075c7e3b51d8562e")
}

// UnpackEnrolmentClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EnrolmentClosed(uint64 studyId)
func (studies *Studies) UnpackEnrolmentClosedError(raw []byte) (*StudiesEnrolmentClosed, error) {
	out := new(StudiesEnrolmentClosed)
	if err := studies.abi.UnpackIntoInterface(out, "EnrolmentClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesInvalidDeadline represents a InvalidDeadline error raised by the Studies contract.
type StudiesInvalidDeadline struct {
	Deadline uint64
	Now      uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidDeadline(uint64 deadline, uint64 now_)
func StudiesInvalidDeadlineErrorID() common.Hash {
	return common.HexToHash("0x0f0b00b714d8bde4c5043839b043bba7db08f6b758cfa383c6e51b602bce325a")
}

// UnpackInvalidDeadlineError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidDeadline(uint64 deadline, uint64 now_)
func (studies *Studies) UnpackInvalidDeadlineError(raw []byte) (*StudiesInvalidDeadline, error) {
	out := new(StudiesInvalidDeadline)
	if err := studies.abi.UnpackIntoInterface(out, "InvalidDeadline", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesInvalidEpsilonSpent represents a InvalidEpsilonSpent error raised by the Studies contract.
type StudiesInvalidEpsilonSpent struct {
	StudyId  uint64
	Previous uint64
	Spent    uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidEpsilonSpent(uint64 studyId, uint64 previous, uint64 spent)
func StudiesInvalidEpsilonSpentErrorID() common.Hash {
	return common.HexToHash("0xc5aa07621c15c5d0040ea290dccfd49fc2e06d658fd24efb3ce8940c45328347")
}

// UnpackInvalidEpsilonSpentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidEpsilonSpent(uint64 studyId, uint64 previous, uint64 spent)
func (studies *Studies) UnpackInvalidEpsilonSpentError(raw []byte) (*StudiesInvalidEpsilonSpent, error) {
	out := new(StudiesInvalidEpsilonSpent)
	if err := studies.abi.UnpackIntoInterface(out, "InvalidEpsilonSpent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesInvalidParameter represents a InvalidParameter error raised by the Studies contract.
type StudiesInvalidParameter struct {
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParameter(string field)
func StudiesInvalidParameterErrorID() common.Hash {
	return common.HexToHash("0xaa33ade0aeb9f98ab34de64dc8528f518998966a7f9fcee11b746b769d506aa5")
}

// UnpackInvalidParameterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParameter(string field)
func (studies *Studies) UnpackInvalidParameterError(raw []byte) (*StudiesInvalidParameter, error) {
	out := new(StudiesInvalidParameter)
	if err := studies.abi.UnpackIntoInterface(out, "InvalidParameter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesMemberSuspended represents a MemberSuspended error raised by the Studies contract.
type StudiesMemberSuspended struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MemberSuspended(uint64 studyId, address account)
func StudiesMemberSuspendedErrorID() common.Hash {
	return common.HexToHash("0xed4aef236680b151e76959bd1322b5dab5b6032af9c19bdaf508fd557ef38357")
}

// UnpackMemberSuspendedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MemberSuspended(uint64 studyId, address account)
func (studies *Studies) UnpackMemberSuspendedError(raw []byte) (*StudiesMemberSuspended, error) {
	out := new(StudiesMemberSuspended)
	if err := studies.abi.UnpackIntoInterface(out, "MemberSuspended", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesModuleRetired represents a ModuleRetired error raised by the Studies contract.
type StudiesModuleRetired struct {
	Successor common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ModuleRetired(address successor)
func StudiesModuleRetiredErrorID() common.Hash {
	return common.HexToHash("0x55038db1cc364fe9468a2f7856aab1bf7b5a0a876c3ee8a8851db91799863c60")
}

// UnpackModuleRetiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ModuleRetired(address successor)
func (studies *Studies) UnpackModuleRetiredError(raw []byte) (*StudiesModuleRetired, error) {
	out := new(StudiesModuleRetired)
	if err := studies.abi.UnpackIntoInterface(out, "ModuleRetired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesMomentsSumPinned represents a MomentsSumPinned error raised by the Studies contract.
type StudiesMomentsSumPinned struct {
	StudyId uint64
	Pinned  [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MomentsSumPinned(uint64 studyId, bytes32 pinned)
func StudiesMomentsSumPinnedErrorID() common.Hash {
	return common.HexToHash("0x9e06d2ad54a8d7d422ffa9a7a188e43ce29548aca5516538f097c9dfb4711f8a")
}

// UnpackMomentsSumPinnedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MomentsSumPinned(uint64 studyId, bytes32 pinned)
func (studies *Studies) UnpackMomentsSumPinnedError(raw []byte) (*StudiesMomentsSumPinned, error) {
	out := new(StudiesMomentsSumPinned)
	if err := studies.abi.UnpackIntoInterface(out, "MomentsSumPinned", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesNeverJoined represents a NeverJoined error raised by the Studies contract.
type StudiesNeverJoined struct {
	StudyId uint64
	Member  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NeverJoined(uint64 studyId, address member)
func StudiesNeverJoinedErrorID() common.Hash {
	return common.HexToHash("0x358b84b8be492a1b25e294dc292bd67ead635cfdcbcb06ea56894c8a4cb4ce6c")
}

// UnpackNeverJoinedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NeverJoined(uint64 studyId, address member)
func (studies *Studies) UnpackNeverJoinedError(raw []byte) (*StudiesNeverJoined, error) {
	out := new(StudiesNeverJoined)
	if err := studies.abi.UnpackIntoInterface(out, "NeverJoined", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesNotAuthorised represents a NotAuthorised error raised by the Studies contract.
type StudiesNotAuthorised struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAuthorised(address account)
func StudiesNotAuthorisedErrorID() common.Hash {
	return common.HexToHash("0x10ac4965ad0f10d1981eda3147962be82bab74e84b52036ea50629e4c490c98b")
}

// UnpackNotAuthorisedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAuthorised(address account)
func (studies *Studies) UnpackNotAuthorisedError(raw []byte) (*StudiesNotAuthorised, error) {
	out := new(StudiesNotAuthorised)
	if err := studies.abi.UnpackIntoInterface(out, "NotAuthorised", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesNotCoordinator represents a NotCoordinator error raised by the Studies contract.
type StudiesNotCoordinator struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotCoordinator(uint64 studyId, address account)
func StudiesNotCoordinatorErrorID() common.Hash {
	return common.HexToHash("0x9168c450922c27c5963039675a10cad0f5c86f777da9158d83fea4a9ab903ba8")
}

// UnpackNotCoordinatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotCoordinator(uint64 studyId, address account)
func (studies *Studies) UnpackNotCoordinatorError(raw []byte) (*StudiesNotCoordinator, error) {
	out := new(StudiesNotCoordinator)
	if err := studies.abi.UnpackIntoInterface(out, "NotCoordinator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesNotMember represents a NotMember error raised by the Studies contract.
type StudiesNotMember struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotMember(address account)
func StudiesNotMemberErrorID() common.Hash {
	return common.HexToHash("0x16d6142c051fd31eaf080eccdc319a6d11b659baa2266c1e4d7e444bd19c4a32")
}

// UnpackNotMemberError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotMember(address account)
func (studies *Studies) UnpackNotMemberError(raw []byte) (*StudiesNotMember, error) {
	out := new(StudiesNotMember)
	if err := studies.abi.UnpackIntoInterface(out, "NotMember", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesNotParticipant represents a NotParticipant error raised by the Studies contract.
type StudiesNotParticipant struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotParticipant(uint64 studyId, address account)
func StudiesNotParticipantErrorID() common.Hash {
	return common.HexToHash("0xf8de62b4c2e2d42c43573874ff8e874c3dfa51469a40b0bbf63cd49571a72045")
}

// UnpackNotParticipantError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotParticipant(uint64 studyId, address account)
func (studies *Studies) UnpackNotParticipantError(raw []byte) (*StudiesNotParticipant, error) {
	out := new(StudiesNotParticipant)
	if err := studies.abi.UnpackIntoInterface(out, "NotParticipant", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesNotSuspended represents a NotSuspended error raised by the Studies contract.
type StudiesNotSuspended struct {
	StudyId uint64
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSuspended(uint64 studyId, address account)
func StudiesNotSuspendedErrorID() common.Hash {
	return common.HexToHash("0xddb426393eab11c4be4948d09ced1758a7237f2f5e46528446516398dea98c26")
}

// UnpackNotSuspendedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSuspended(uint64 studyId, address account)
func (studies *Studies) UnpackNotSuspendedError(raw []byte) (*StudiesNotSuspended, error) {
	out := new(StudiesNotSuspended)
	if err := studies.abi.UnpackIntoInterface(out, "NotSuspended", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesParticipantsExceedCommitments represents a ParticipantsExceedCommitments error raised by the Studies contract.
type StudiesParticipantsExceedCommitments struct {
	StudyId      uint64
	Round        uint32
	Commitments  uint32
	Participants uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ParticipantsExceedCommitments(uint64 studyId, uint32 round, uint32 commitments, uint32 participants)
func StudiesParticipantsExceedCommitmentsErrorID() common.Hash {
	return common.HexToHash("0xc6f9e9722e5c02fb93d3a4e4bf8cba2524378f8456b5cb710fe69e0a70f97c9c")
}

// UnpackParticipantsExceedCommitmentsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ParticipantsExceedCommitments(uint64 studyId, uint32 round, uint32 commitments, uint32 participants)
func (studies *Studies) UnpackParticipantsExceedCommitmentsError(raw []byte) (*StudiesParticipantsExceedCommitments, error) {
	out := new(StudiesParticipantsExceedCommitments)
	if err := studies.abi.UnpackIntoInterface(out, "ParticipantsExceedCommitments", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesPrivacyBudgetExceeded represents a PrivacyBudgetExceeded error raised by the Studies contract.
type StudiesPrivacyBudgetExceeded struct {
	StudyId uint64
	Budget  uint64
	Spent   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PrivacyBudgetExceeded(uint64 studyId, uint64 budget, uint64 spent)
func StudiesPrivacyBudgetExceededErrorID() common.Hash {
	return common.HexToHash("0x66b8bd63c2a93c721dceb73b9bc421d70599635e16575e27f5d9fb0f622c4120")
}

// UnpackPrivacyBudgetExceededError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PrivacyBudgetExceeded(uint64 studyId, uint64 budget, uint64 spent)
func (studies *Studies) UnpackPrivacyBudgetExceededError(raw []byte) (*StudiesPrivacyBudgetExceeded, error) {
	out := new(StudiesPrivacyBudgetExceeded)
	if err := studies.abi.UnpackIntoInterface(out, "PrivacyBudgetExceeded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesPrivacyBudgetLocked represents a PrivacyBudgetLocked error raised by the Studies contract.
type StudiesPrivacyBudgetLocked struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PrivacyBudgetLocked(uint64 studyId)
func StudiesPrivacyBudgetLockedErrorID() common.Hash {
	return common.HexToHash("0x858c0f38fd61680c7dfdb64cae98664be1fdf3d2a15d130d0c2729d9942e3159")
}

// UnpackPrivacyBudgetLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PrivacyBudgetLocked(uint64 studyId)
func (studies *Studies) UnpackPrivacyBudgetLockedError(raw []byte) (*StudiesPrivacyBudgetLocked, error) {
	out := new(StudiesPrivacyBudgetLocked)
	if err := studies.abi.UnpackIntoInterface(out, "PrivacyBudgetLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesPublicKeyLocked represents a PublicKeyLocked error raised by the Studies contract.
type StudiesPublicKeyLocked struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PublicKeyLocked(uint64 studyId)
func StudiesPublicKeyLockedErrorID() common.Hash {
	return common.HexToHash("0x301d5f96084bcd7a510563c8445ca11eabaef128b3d33a11d5c23abc52e04711")
}

// UnpackPublicKeyLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PublicKeyLocked(uint64 studyId)
func (studies *Studies) UnpackPublicKeyLockedError(raw []byte) (*StudiesPublicKeyLocked, error) {
	out := new(StudiesPublicKeyLocked)
	if err := studies.abi.UnpackIntoInterface(out, "PublicKeyLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesPublicKeyNotSet represents a PublicKeyNotSet error raised by the Studies contract.
type StudiesPublicKeyNotSet struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PublicKeyNotSet(uint64 studyId)
func StudiesPublicKeyNotSetErrorID() common.Hash {
	return common.HexToHash("0x8546132390827d7ff3ee873be593633a7f9699711c232d80c698701c8f281264")
}

// UnpackPublicKeyNotSetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PublicKeyNotSet(uint64 studyId)
func (studies *Studies) UnpackPublicKeyNotSetError(raw []byte) (*StudiesPublicKeyNotSet, error) {
	out := new(StudiesPublicKeyNotSet)
	if err := studies.abi.UnpackIntoInterface(out, "PublicKeyNotSet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesPublicKeyRetired represents a PublicKeyRetired error raised by the Studies contract.
type StudiesPublicKeyRetired struct {
	StudyId       uint64
	PublicKeyHash [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PublicKeyRetired(uint64 studyId, bytes32 publicKeyHash)
func StudiesPublicKeyRetiredErrorID() common.Hash {
	return common.HexToHash("0x32c0e1e1f8901cb82ff12e258809d65f8fb33ac756e52198994f20a47093a41f")
}

// UnpackPublicKeyRetiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PublicKeyRetired(uint64 studyId, bytes32 publicKeyHash)
func (studies *Studies) UnpackPublicKeyRetiredError(raw []byte) (*StudiesPublicKeyRetired, error) {
	out := new(StudiesPublicKeyRetired)
	if err := studies.abi.UnpackIntoInterface(out, "PublicKeyRetired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesRemovedByVote represents a RemovedByVote error raised by the Studies contract.
type StudiesRemovedByVote struct {
	StudyId uint64
	Member  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RemovedByVote(uint64 studyId, address member)
func StudiesRemovedByVoteErrorID() common.Hash {
	return common.HexToHash("0x8f119bb0088ebb4f599b005a2f4ed18504eac945007b60bc7703fc0633ee43fd")
}

// UnpackRemovedByVoteError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RemovedByVote(uint64 studyId, address member)
func (studies *Studies) UnpackRemovedByVoteError(raw []byte) (*StudiesRemovedByVote, error) {
	out := new(StudiesRemovedByVote)
	if err := studies.abi.UnpackIntoInterface(out, "RemovedByVote", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesRoundNotFound represents a RoundNotFound error raised by the Studies contract.
type StudiesRoundNotFound struct {
	StudyId uint64
	Round   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundNotFound(uint64 studyId, uint32 round)
func StudiesRoundNotFoundErrorID() common.Hash {
	return common.HexToHash("0x13a9d7e5ae520a11112fae10a8172373ff8773d2dea78f36e406da0cbfdafb77")
}

// UnpackRoundNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundNotFound(uint64 studyId, uint32 round)
func (studies *Studies) UnpackRoundNotFoundError(raw []byte) (*StudiesRoundNotFound, error) {
	out := new(StudiesRoundNotFound)
	if err := studies.abi.UnpackIntoInterface(out, "RoundNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesRoundNotOpen represents a RoundNotOpen error raised by the Studies contract.
type StudiesRoundNotOpen struct {
	StudyId uint64
	Round   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundNotOpen(uint64 studyId, uint32 round)
func StudiesRoundNotOpenErrorID() common.Hash {
	return common.HexToHash("0x4ded791ca6047292dac3f1594ba46c8030d6c312a944588a8c78b765406db50e")
}

// UnpackRoundNotOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundNotOpen(uint64 studyId, uint32 round)
func (studies *Studies) UnpackRoundNotOpenError(raw []byte) (*StudiesRoundNotOpen, error) {
	out := new(StudiesRoundNotOpen)
	if err := studies.abi.UnpackIntoInterface(out, "RoundNotOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesRoundOutOfOrder represents a RoundOutOfOrder error raised by the Studies contract.
type StudiesRoundOutOfOrder struct {
	StudyId  uint64
	Expected uint32
	Got      uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundOutOfOrder(uint64 studyId, uint32 expected, uint32 got)
func StudiesRoundOutOfOrderErrorID() common.Hash {
	return common.HexToHash("0x9cb11ef2dfc2fe2e31db1c902899feed0ea11438dfcb5a9428bba1ae3b830f06")
}

// UnpackRoundOutOfOrderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundOutOfOrder(uint64 studyId, uint32 expected, uint32 got)
func (studies *Studies) UnpackRoundOutOfOrderError(raw []byte) (*StudiesRoundOutOfOrder, error) {
	out := new(StudiesRoundOutOfOrder)
	if err := studies.abi.UnpackIntoInterface(out, "RoundOutOfOrder", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesRoundStillOpen represents a RoundStillOpen error raised by the Studies contract.
type StudiesRoundStillOpen struct {
	StudyId uint64
	Round   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundStillOpen(uint64 studyId, uint32 round)
func StudiesRoundStillOpenErrorID() common.Hash {
	return common.HexToHash("0xf908a5cc7a5b1458a044c56464e6f31a1bfc7e57c6a730bf2fa013fb865c0238")
}

// UnpackRoundStillOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundStillOpen(uint64 studyId, uint32 round)
func (studies *Studies) UnpackRoundStillOpenError(raw []byte) (*StudiesRoundStillOpen, error) {
	out := new(StudiesRoundStillOpen)
	if err := studies.abi.UnpackIntoInterface(out, "RoundStillOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesSamplesAboveConsent represents a SamplesAboveConsent error raised by the Studies contract.
type StudiesSamplesAboveConsent struct {
	StudyId     uint64
	Member      common.Address
	SampleCount uint64
	Bound       *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SamplesAboveConsent(uint64 studyId, address member, uint64 sampleCount, uint256 bound)
func StudiesSamplesAboveConsentErrorID() common.Hash {
	return common.HexToHash("0x4fca7bb38c891aab1e1f5f8636aece2fbae7918893bd2b556b1f8a3aee006619")
}

// UnpackSamplesAboveConsentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SamplesAboveConsent(uint64 studyId, address member, uint64 sampleCount, uint256 bound)
func (studies *Studies) UnpackSamplesAboveConsentError(raw []byte) (*StudiesSamplesAboveConsent, error) {
	out := new(StudiesSamplesAboveConsent)
	if err := studies.abi.UnpackIntoInterface(out, "SamplesAboveConsent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesStudyCompleted represents a StudyCompleted error raised by the Studies contract.
type StudiesStudyCompleted struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StudyCompleted(uint64 studyId)
func StudiesStudyCompletedErrorID() common.Hash {
	return common.HexToHash("0xeb3537a0e7cd9acab404165914d2d99e2d6577d8418c307cb1fb6d48b405d442")
}

// UnpackStudyCompletedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StudyCompleted(uint64 studyId)
func (studies *Studies) UnpackStudyCompletedError(raw []byte) (*StudiesStudyCompleted, error) {
	out := new(StudiesStudyCompleted)
	if err := studies.abi.UnpackIntoInterface(out, "StudyCompleted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesStudyFull represents a StudyFull error raised by the Studies contract.
type StudiesStudyFull struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StudyFull(uint64 studyId)
func StudiesStudyFullErrorID() common.Hash {
	return common.HexToHash("0xe509c20de5009cf42863b6d9cc244ba017f6e7266c266f808b047e98e9638d0b")
}

// UnpackStudyFullError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StudyFull(uint64 studyId)
func (studies *Studies) UnpackStudyFullError(raw []byte) (*StudiesStudyFull, error) {
	out := new(StudiesStudyFull)
	if err := studies.abi.UnpackIntoInterface(out, "StudyFull", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesStudyNotFound represents a StudyNotFound error raised by the Studies contract.
type StudiesStudyNotFound struct {
	StudyId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StudyNotFound(uint64 studyId)
func StudiesStudyNotFoundErrorID() common.Hash {
	return common.HexToHash("0x855f02c8440e5b5af3ed0c00552a151816898d425e10a16b0f97e8a1e44a02a8")
}

// UnpackStudyNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StudyNotFound(uint64 studyId)
func (studies *Studies) UnpackStudyNotFoundError(raw []byte) (*StudiesStudyNotFound, error) {
	out := new(StudiesStudyNotFound)
	if err := studies.abi.UnpackIntoInterface(out, "StudyNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesTooFewParticipants represents a TooFewParticipants error raised by the Studies contract.
type StudiesTooFewParticipants struct {
	StudyId  uint64
	Required uint32
	Actual   uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual)
func StudiesTooFewParticipantsErrorID() common.Hash {
	return common.HexToHash("0xd93718c612cc2e9f99230812c69f11bdde87cc2a95c05dbba4660f517a14c458")
}

// UnpackTooFewParticipantsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooFewParticipants(uint64 studyId, uint32 required, uint32 actual)
func (studies *Studies) UnpackTooFewParticipantsError(raw []byte) (*StudiesTooFewParticipants, error) {
	out := new(StudiesTooFewParticipants)
	if err := studies.abi.UnpackIntoInterface(out, "TooFewParticipants", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StudiesUnsortedScores represents a UnsortedScores error raised by the Studies contract.
type StudiesUnsortedScores struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnsortedScores(uint256 index)
func StudiesUnsortedScoresErrorID() common.Hash {
	return common.HexToHash("0xba59ef3a132580d790c94327cebad523a0893e6b2eb2de547af9069e9861a210")
}

// UnpackUnsortedScoresError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnsortedScores(uint256 index)
func (studies *Studies) UnpackUnsortedScoresError(raw []byte) (*StudiesUnsortedScores, error) {
	out := new(StudiesUnsortedScores)
	if err := studies.abi.UnpackIntoInterface(out, "UnsortedScores", raw); err != nil {
		return nil, err
	}
	return out, nil
}
