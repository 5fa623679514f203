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
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"consortium_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyCommitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyJoined\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"BadCommitSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"CommitteeNotCurrent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"pinned\",\"type\":\"bytes32\"}],\"name\":\"ContributorsPinned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"notBefore\",\"type\":\"uint64\"}],\"name\":\"DeadlineNotPassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"DuplicateEvidence\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"EnrolmentClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"now_\",\"type\":\"uint64\"}],\"name\":\"InvalidDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"previous\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"name\":\"InvalidEpsilonSpent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"MemberSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"ModuleRetired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"pinned\",\"type\":\"bytes32\"}],\"name\":\"MomentsSumPinned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotCoordinator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotParticipant\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"commitments\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"ParticipantsExceedCommitments\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"budget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyNotSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"PublicKeyRetired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"expected\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"got\",\"type\":\"uint32\"}],\"name\":\"RoundOutOfOrder\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundStillOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"bound\",\"type\":\"uint256\"}],\"name\":\"SamplesAboveConsent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyCompleted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFull\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"required\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"actual\",\"type\":\"uint32\"}],\"name\":\"TooFewParticipants\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"UnsortedScores\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reporter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"AggregateDisputed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"contributorsHash\",\"type\":\"bytes32\"}],\"name\":\"ContributorsSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"sumHash\",\"type\":\"bytes32\"}],\"name\":\"MomentsSumSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"ParticipantReinstated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"ParticipantSuspended\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"}],\"name\":\"PrivacySpent\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"PublicKeySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"Retired\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"}],\"name\":\"RoundAbandoned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"RoundClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"RoundOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"}],\"name\":\"ScoresRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"}],\"name\":\"StandardiserSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"enumStudies.StrikeReason\",\"name\":\"reason\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"StrikeRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"}],\"name\":\"StudyCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFinished\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"}],\"name\":\"StudyJoined\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"StudyLeft\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"UpdateCommitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"indexed\":false,\"internalType\":\"bytes32[]\",\"name\":\"ciphertextHashes\",\"type\":\"bytes32[]\"},{\"indexed\":false,\"internalType\":\"uint64[]\",\"name\":\"sampleCounts\",\"type\":\"uint64[]\"},{\"indexed\":false,\"internalType\":\"bytes32[]\",\"name\":\"consentRoots\",\"type\":\"bytes32[]\"}],\"name\":\"UpdatesCommitted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ABANDON_GRACE\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"COMMIT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DELTA_UNIT\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"FLAG_SUSPICIOUS\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"METRIC_UNIT\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"abandonRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"firstId\",\"type\":\"uint64\"}],\"name\":\"activate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"closeRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"internalType\":\"structStudies.SignedCommitment[]\",\"name\":\"commits\",\"type\":\"tuple[]\"},{\"internalType\":\"bytes32\",\"name\":\"contributorsHash\",\"type\":\"bytes32\"}],\"name\":\"commitUpdates\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitmentDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"committees\",\"outputs\":[{\"internalType\":\"contractCommittees\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"consentContext\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"cutoffBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"at\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"consortium\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"robustPolicyHash\",\"type\":\"bytes32\"}],\"name\":\"createStudy\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"disputeAggregate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"endorsementContext\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"flagged\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"domain\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"accounts\",\"type\":\"address[]\"}],\"name\":\"firstNotInGoodStanding\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"firstStudyId\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"getParticipant\",\"outputs\":[{\"components\":[{\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"suspended\",\"type\":\"bool\"},{\"internalType\":\"uint32\",\"name\":\"lastCommittedRound\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"left\",\"type\":\"bool\"}],\"internalType\":\"structStudies.ParticipantRecord\",\"name\":\"p\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"getRound\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"openedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"openedBlock\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"closedBlock\",\"type\":\"uint40\"},{\"internalType\":\"enumStudies.RoundStatus\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"participants\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"samplesBound\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"commitmentsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"contributorsHash\",\"type\":\"bytes32\"}],\"internalType\":\"structStudies.RoundRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"getStudy\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"currentRound\",\"type\":\"uint32\"},{\"internalType\":\"uint16\",\"name\":\"activeParticipants\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"roundOpen\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"completed\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"robustPolicyHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"createdBlock\",\"type\":\"uint64\"}],\"internalType\":\"structStudies.StudyRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isParticipant\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"isSuspended\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"joinStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"leaveStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"momentsSum\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"}],\"name\":\"openRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"sumHash\",\"type\":\"bytes32\"}],\"name\":\"pinMomentsSum\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"}],\"name\":\"recordScores\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"reinstate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"removeParticipant\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"requestRotation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor_\",\"type\":\"address\"}],\"name\":\"retire\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"}],\"name\":\"setPrivacyBudget\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"setPublicKeyHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"}],\"name\":\"setStandardiserHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"}],\"name\":\"strikeFlagged\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"studyCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"studyParticipants\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"out\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"successor\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Studies",
	Bin: "0x610100604052348015610010575f5ffd5b506040516185d23803806185d283398101604081905261002f91610189565b6001600160a01b038116610077576040516305519d6f60e51b815260206004820152600a602482015269636f6e736f727469756d60b01b604482015260640160405180910390fd5b6001600160a01b03811660805260405181906100929061017c565b6001600160a01b039091168152602001604051809103905ff0801580156100bb573d5f5f3e3d5ffd5b506001600160a01b031660a0524660c052610173604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60e052506101b6565b6131b28061542083390190565b5f60208284031215610199575f5ffd5b81516001600160a01b03811681146101af575f5ffd5b9392505050565b60805160a05160c05160e0516151ea6102365f395f61330401525f61323001525f818161043101528181611a39015281816120eb01528181612e0801526142f701525f81816104fc01528181610e9f0152818161222d01528181612daa015281816133310152818161362101528181613bec01526140a601526151ea5ff3fe608060405234801561000f575f5ffd5b5060043610610273575f3560e01c80639ad187651161014f578063d9aa7aaa116100ce578063f1257cbb11610093578063fc7e47461161006e578063fc7e4746146106f1578063fd6fd93d14610704578063fe4dca6214610724575f5ffd5b8063f1257cbb1461068c578063f3701a18146106d6578063f698da25146106e9575f5ffd5b8063d9aa7aaa146105ed578063deb9274e1461063b578063e455fa5a1461064e578063e6b499c014610667578063e83da9fc14610679575f5ffd5b8063c38f21f811610114578063c38f21f81461057a578063c41306fd1461059a578063c8235638146105ad578063c9a387a5146105c0578063d2d3a5ae146105d3575f5ffd5b80639ad18765146104f75780639cfa750f1461051e5780639e6371ba14610541578063a86bd69114610554578063bd2e6ac314610567575f5ffd5b806363ba020f116101f557806375f9afcd116101ba578063816e223811610195578063816e2238146104b1578063827429a5146104c457806396b1e279146104e4575f5ffd5b806375f9afcd1461045357806378027a64146104665780637c67266914610479575f5ffd5b806363ba020f146103c85780636be6049b146103db5780636d849b62146103ee5780636ff968c3146104015780637110d32e1461042c575f5ffd5b806341e252531161023b57806341e2525314610316578063429db9ac146103295780635c3f09151461033c5780635f5cbe801461034f578063625493f414610362575f5ffd5b80630362aa6c14610277578063244d956a146102a35780632d92467b146102c25780632dab3a65146102cc57806337479beb146102e1575b5f5ffd5b610286670de0b6b3a764000081565b6040516001600160401b0390911681526020015b60405180910390f35b6102ad620f424081565b60405163ffffffff909116815260200161029a565b6102866201518081565b6102df6102da3660046145b9565b610737565b005b6103087fcc5fe3530875c23038ecd4a1d7f5424b9dca3ebd79f37bc32e827caf22d55cf981565b60405190815260200161029a565b61028661032436600461460a565b61090c565b6102df610337366004614693565b610dc8565b61030861034a3660046146f3565b610dde565b6102df61035d366004614741565b610e94565b610375610370366004614741565b610ffb565b60405161029a91905f60a08201905061ffff835116825261ffff602084015116602083015260408301511515604083015263ffffffff606084015116606083015260808301511515608083015292915050565b6102df6103d6366004614772565b611159565b6102df6103e9366004614804565b61124b565b6102df6103fc3660046145b9565b61145f565b600254610414906001600160a01b031681565b6040516001600160a01b03909116815260200161029a565b6104147f000000000000000000000000000000000000000000000000000000000000000081565b6102df61046136600461482c565b61158e565b610308610474366004614693565b611840565b61048c610487366004614804565b611866565b604080519384526001600160401b03928316602085015291169082015260600161029a565b6102df6104bf366004614888565b61193d565b6104d76104d2366004614693565b611f0f565b60405161029a91906148e2565b6102df6104f236600461482c565b6120e0565b6104147f000000000000000000000000000000000000000000000000000000000000000081565b61053161052c366004614741565b6121d2565b604051901515815260200161029a565b6102df61054f366004614a8b565b612222565b6102df610562366004614aa4565b6122ce565b610531610575366004614741565b612475565b61058d610588366004614693565b6124be565b60405161029a9190614b27565b6102df6105a8366004614b39565b612603565b6102df6105bb366004614693565b612826565b6102df6105ce366004614b78565b612a38565b6105db600181565b60405160ff909116815260200161029a565b6103086105fb366004614bfc565b604080516020808201959095526001600160401b039390931683820152606080840192909252805180840390920182526080909201909152805191012090565b6102df610649366004614693565b612d9f565b5f5461028690600160401b90046001600160401b031681565b5f54610286906001600160401b031681565b6102df610687366004614c2f565b612e63565b61069f61069a366004614804565b613075565b604080516001600160a01b03909616865263ffffffff9094166020860152928401919091526060830152608082015260a00161029a565b6102df6106e43660046145b9565b61314e565b61030861322d565b6102df6106ff366004614693565b613326565b610717610712366004614804565b613416565b60405161029a9190614ca8565b6102df610732366004614741565b613616565b5f61074183613678565b905081610786576040516305519d6f60e51b815260206004820152600d60248201526c0e0eac4d8d2c696caf290c2e6d609b1b60448201526064015b60405180910390fd5b6001810154600160c01b900463ffffffff16156107c15760405163180eafcb60e11b81526001600160401b038416600482015260240161077d565b80546001820154600160c01b90910463ffffffff16600160e01b90910461ffff1610156108365780546001820154604051636c9b8c6360e11b81526001600160401b0386166004820152600160c01b90920463ffffffff166024830152600160e01b900461ffff16604482015260640161077d565b6001600160401b0383165f908152600a60209081526040808320858452918290529091205460ff161561088e576040516332c0e1e160e01b81526001600160401b03851660048201526024810184905260440161077d565b600582015480158015906108a25750838114155b156108c0575f818152602083905260409020805460ff191660011790555b600583018490556040518481526001600160401b038616907f9bc242835ff3fa937e01e64b2110623a5f771d63d5354e981255ccee9e22eeb69060200160405180910390a25050505050565b6002545f906001600160a01b031615158061092f57505f546001600160401b0316155b1561095c576002546040516355038db160e01b81526001600160a01b03909116600482015260240161077d565b89610995576040516305519d6f60e51b81526020600482015260086024820152670e6e0cac690c2e6d60c31b604482015260640161077d565b886109cd576040516305519d6f60e51b8152602060048201526007602482015266707572706f736560c81b604482015260640161077d565b8763ffffffff165f03610a0c576040516305519d6f60e51b8152602060048201526006602482015265726f756e647360d01b604482015260640161077d565b8563ffffffff165f03610a4e576040516305519d6f60e51b81526020600482015260096024820152681d1a1c995cda1bdb1960ba1b604482015260640161077d565b8563ffffffff168763ffffffff161015610aab576040516305519d6f60e51b815260206004820152600f60248201527f6d696e5061727469636970616e74730000000000000000000000000000000000604482015260640161077d565b63ffffffff85161580610ac5575061ffff63ffffffff8616115b15610b01576040516305519d6f60e51b815260206004820152600b60248201526a1cdd1c9a5ad9531a5b5a5d60aa1b604482015260640161077d565b83610b4f576040516305519d6f60e51b815260206004820152601360248201527f7265666572656e6365436f6d6d69746d656e7400000000000000000000000000604482015260640161077d565b6001600160a01b038316610b94576040516305519d6f60e51b815260206004820152600b60248201526a31b7b7b93234b730ba37b960a91b604482015260640161077d565b5f8054600890610bb390600160401b90046001600160401b0316614e33565b91906101000a8154816001600160401b0302191690836001600160401b03160217905590505f60035f836001600160401b03166001600160401b031681526020019081526020015f20905033815f015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555088815f0160146101000a81548163ffffffff021916908363ffffffff16021790555087815f0160186101000a81548163ffffffff021916908363ffffffff16021790555086815f01601c6101000a81548163ffffffff021916908363ffffffff16021790555083816001015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550858160010160146101000a81548163ffffffff021916908363ffffffff1602179055508a8160020181905550898160030181905550848160040181905550828160060181905550438160080160186101000a8154816001600160401b0302191690836001600160401b03160217905550836001600160a01b0316336001600160a01b0316836001600160401b03167fd200eb94dd326a99329596b4579be78e0bec32707b3ca0405a144e806d4dcd158e8e8a8f8f8f8f604051610db297969594939291909687526020870195909552604086019390935263ffffffff91821660608601528116608085015290811660a08401521660c082015260e00190565b60405180910390a4509998505050505050505050565b610ddb81610dd5836136c8565b33613712565b50565b5f805b82811015610e87576001600160401b0385165f90815260056020526040812081868685818110610e1357610e13614e5d565b9050602002016020810190610e289190614a8b565b6001600160a01b0316815260208101919091526040015f20805490915061ffff161580610e5d57508054600160481b900460ff165b80610e7157508054640100000000900460ff165b15610e7e57509050610e8d565b50600101610de1565b505f1990505b9392505050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614610edf576040516310ac496560e01b815233600482015260240161077d565b6001600160401b0382165f9081526005602090815260408083206001600160a01b038516845290915290208054640100000000900460ff16610f4e5760405163ddb4263960e01b81526001600160401b03841660048201526001600160a01b038316602482015260440161077d565b805464ffffff00001916808255600160481b900460ff16610fb8576001600160401b0383165f9081526003602052604090206001018054600160e01b900461ffff1690601c610f9c83614e71565b91906101000a81548161ffff021916908361ffff160217905550505b6040516001600160a01b038316906001600160401b038516907f21787fc0abe1c8e9210e7cb79204d42f86d35fab9eba5c5660b0cda0c302866b905f90a3505050565b6040805160a0810182525f8082526020820181905291810182905260608101829052608081018290529061102e846136c8565b6001600160401b0385165f9081526005602090815260408083206001600160a01b03881684528252808320815160a081018352905461ffff8082168084526201000083049091169483019490945260ff6401000000008204811615159383019390935263ffffffff650100000000008204166060830152600160481b9004909116151560808201529450919250036110c65750611153565b6001810154600160c01b900463ffffffff165b63ffffffff8116156111505782516001600160401b0386165f90815260086020818152604080842063ffffffff871685528252808420885160ff941c84168552909152909120546001919092161b161561113e5763ffffffff81166060840152611150565b8061114881614e88565b9150506110d9565b50505b92915050565b61116285613678565b506001600160401b0385165f90815260066020908152604080832063ffffffff881684529091529020600180820154600160d01b900460ff1660038111156111ac576111ac614c80565b146111e15760405163137b5e4760e21b81526001600160401b038716600482015263ffffffff8616602482015260440161077d565b82156111f9576111f486868387876138fa565b611231565b81611231576040516305519d6f60e51b8152602060048201526007602482015266636f6d6d69747360c81b604482015260640161077d565b81156112435761124386868385613d83565b505050505050565b5f611255836136c8565b6001600160401b0384165f90815260066020908152604080832063ffffffff871684529091529020909150600180820154600160d01b900460ff1660038111156112a1576112a1614c80565b146112d65760405163137b5e4760e21b81526001600160401b038516600482015263ffffffff8416602482015260440161077d565b60018201545f906001600160a01b03163303611300575060018101546001600160401b0316611380565b82546001600160a01b031633148061133d57506001600160401b0385165f90815260056020908152604080832033845290915290205461ffff1615155b1561136557600182015461135e9062015180906001600160401b0316614ea6565b9050611380565b6040516310ac496560e01b815233600482015260240161077d565b806001600160401b031642116113c857604051632dae9da160e11b81526001600160401b03808716600483015263ffffffff861660248301528216604482015260640161077d565b60018201805465ffffffffffff60a81b1916600160a81b4364ffffffffff160260ff60d01b191617600360d01b179081905560408051600160d81b90920461ffff16825251339163ffffffff8716916001600160401b038916917f9c2d48a790aebb74cd95b4239116beafaf1698d0fd95f81bf35d5c7fdc6f0eb6919081900360200190a4611458858486613e27565b5050505050565b5f61146983613678565b9050816114a3576040516305519d6f60e51b81526020600482015260076024820152660e6eada90c2e6d60cb1b604482015260640161077d565b6001810154600160c01b900463ffffffff16156114de5760405163180eafcb60e11b81526001600160401b038416600482015260240161077d565b6001600160401b0383165f908152600960205260409020548281036115035750505050565b801561153457604051639e06d2ad60e01b81526001600160401b03851660048201526024810182905260440161077d565b6001600160401b0384165f8181526009602052604090819020859055517f79be9062ef1d6fd77b6d87ec4b5de899de868fafe25c6bcc22662d757b9a3131906115809086815260200190565b60405180910390a250505050565b61159784613678565b506001600160401b0384165f90815260066020908152604080832063ffffffff871684529091529020600180820154600160d01b900460ff1660038111156115e1576115e1614c80565b146116165760405163137b5e4760e21b81526001600160401b038616600482015263ffffffff8516602482015260440161077d565b5f829003611651576040516305519d6f60e51b8152602060048201526007602482015266656e747269657360c81b604482015260640161077d565b5f8080805b8581101561177b575f87878381811061167157611671614e5d565b60200291909101359150506001600160a01b0381168581116116a957604051635d2cf79d60e11b81526004810184905260240161077d565b60e882901c156116e6576040516305519d6f60e51b8152602060048201526007602482015266656e747269657360c81b604482015260640161077d565b94508460e082901c60011615611771578361172a576001600160401b038b165f90815260016020818152604080842063ffffffff8f16855290915290912054955093505b848160405160200161175892919091825260601b6bffffffffffffffffffffffff1916602082015260340190565b6040516020818303038152906040528051906020012094505b5050600101611656565b505f8460060154878760405160200161179693929190614ec5565b6040516020818303038152906040528051906020012090508085600601819055508763ffffffff16896001600160401b03167fce9b0741cf6383fc4d6a77dcf00fefb469a960c744ee82c20a35c6176493bcb98989856040516117fb93929190614ef6565b60405180910390a38115611835576001600160401b0389165f90815260016020908152604080832063ffffffff8c16845290915290208390555b505050505050505050565b5f61184a826136c8565b50506001600160401b03165f9081526009602052604090205490565b5f5f5f611872856136c8565b6003015492506001600160401b03915042905063ffffffff841615611936576001600160401b0385165f90815260066020908152604080832063ffffffff881684529091528120906001820154600160d01b900460ff1660038111156118da576118da614c80565b0361190f576040516313a9d7e560e01b81526001600160401b038716600482015263ffffffff8616602482015260440161077d565b60010154600160801b810464ffffffffff169250600160401b90046001600160401b031690505b9250925092565b5f61194786613678565b6001810154909150600160f81b900460ff161561198257604051630759a9bd60e51b81526001600160401b038716600482015260240161077d565b60058101546119af57604051638546132360e01b81526001600160401b038716600482015260240161077d565b6001810154600160f01b900460ff16156119ff576001810154604051633e42297360e21b81526001600160401b0388166004820152600160c01b90910463ffffffff16602482015260440161077d565b60018101546040516321fa949960e21b81526001600160401b0388166004820152600160c01b90910463ffffffff1660248201525f9081907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906387ea5264906044016040805180830381865afa158015611a85573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611aa99190614f41565b9150915081611ad65760405163254871b560e11b81526001600160401b038916600482015260240161077d565b8260010160189054906101000a900463ffffffff166001611af79190614f69565b63ffffffff168763ffffffff1614611b61576001838101548991611b2891600160c01b900463ffffffff1690614f69565b604051634e588f7960e11b81526001600160401b03909216600483015263ffffffff90811660248301528816604482015260640161077d565b85611b9d576040516305519d6f60e51b815260206004820152600b60248201526a19db1bd8985b135bd9195b60aa1b604482015260640161077d565b42856001600160401b031611611bd957604051630f0b00b760e01b81526001600160401b0380871660048301524216602482015260440161077d565b60088301546001600160401b03168015611c0e5760088401546001600160401b03600160801b90910481169086161115611c1b565b6001600160401b03851615155b15611c615760088401546040516362d503b160e11b81526001600160401b03808c166004830152600160801b90920482166024820152908616604482015260640161077d565b806001600160401b0316856001600160401b03161115611caf576040516366b8bd6360e01b81526001600160401b03808b16600483015280831660248301528616604482015260640161077d565b6001808501805460ff60f01b1963ffffffff8c16600160c01b8102919091167fff00ffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff90921691909117600160f01b179091556001600160401b03808c165f90815260066020908152604080832094835293905291909120898155808301805464ffffffffff4316600160801b0274ffffffffff0000000000000000000000000000000019428616600160401b026fffffffffffffffffffffffffffffffff19909316958d16959095179190911793841681178255919392909160ff60d01b19167fffffffffff00ffffffffff0000000000ffffffffffffffffffffffffffffffff90911617600160d01b83021790555060018082018054851515600160f81b026001600160f81b03909116179055600282018990556001600160401b038b165f81815260086020908152604080832063ffffffff8f168085529083528184208480529092529182902093909355517f8697c9ce3a5a3639920afe20a2e8a64d78a3b67dfb9bba91a25574d1adb99e1b90611e5c908c908c909182526001600160401b0316602082015260400190565b60405180910390a36001600160401b03821615611f03576008850180546001600160401b03888116600160801b81027fffffffffffffffff0000000000000000ffffffffffffffffffffffffffffffff938416811790945560038501805490931690931790915560405191825263ffffffff8b1691908c16907f913e65ba21ac50cd3fb8e398ea4841fac1920864bc4f2e7072b507f4c979dc349060200160405180910390a35b50505050505050505050565b60408051610280810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c081018290526101e08101829052610200810182905261022081018290526102408101829052610260810191909152611fb8826136c8565b604080516102808101825282546001600160a01b03808216835263ffffffff600160a01b80840482166020860152600160c01b808504831696860196909652600160e01b9384900482166060860152600187015492831660808601528204811660a08501528482041660c084015261ffff9181049190911660e083015260ff600160f01b820481161515610100840152600160f81b90910416151561012082015260028301546101408201526003830154610160820152600483015461018082015260058301546101a082015260068301546101c082015260078301546101e08201526008909201546001600160401b03808216610200850152600160401b82048116610220850152600160801b820481166102408501529190041661026082015292915050565b336001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161461212b576040516310ac496560e01b815233600482015260240161077d565b5f612135856136c8565b6001600160401b0386165f90815260016020908152604080832063ffffffff8916845290915281208190559091505b82811015611243576121ca868386868581811061218357612183614e5d565b90506020020160208101906121989190614a8b565b6001600160401b038a165f90815260066020818152604080842063ffffffff8e168552909152822001548a9190613e9f565b600101612164565b6001600160401b0382165f9081526005602090815260408083206001600160a01b03851684529091528120805461ffff161580159061221a57508054600160481b900460ff16155b949350505050565b336001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161461226d576040516310ac496560e01b815233600482015260240161077d565b6002805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0383169081179091556040519081527fda9d2e31afb0de4b09fe65662e5e025013186f59dd81d4946248587a2f77c6df9060200160405180910390a150565b5f6122d8846136c8565b80549091506001600160a01b03163314612307576040516310ac496560e01b815233600482015260240161077d565b6001810154600160c01b900463ffffffff16151580612332575060088101546001600160401b031615155b1561235b576040516310b181e760e31b81526001600160401b038516600482015260240161077d565b826001600160401b03165f036123a4576040516305519d6f60e51b815260206004820152600d60248201526c195c1cda5b1bdb909d5919d95d609a1b604482015260640161077d565b6001600160401b03821615806123cb5750670de0b6b3a76400006001600160401b03831610155b15612401576040516305519d6f60e51b815260206004820152600560248201526464656c746160d81b604482015260640161077d565b6008810180546001600160401b038581166fffffffffffffffffffffffffffffffff199092168217600160401b868316908102919091179093556040805192835260208301939093528616917fa5a41bec85080fb8f6607b95c8aa904a13abda9f93be9e4c1f0776ec7b5878939101611580565b5f61247f836136c8565b50506001600160401b03919091165f9081526005602090815260408083206001600160a01b039490941683529290522054640100000000900460ff1690565b60606124c9826136c8565b506001600160401b038083165f908152600460205260409020805490918111156124f5576124f5614f85565b60405190808252806020026020018201604052801561251e578160200160208202803683370190505b5091505f805b82548110156125fa576001600160401b0385165f908152600560205260408120845490919085908490811061255b5761255b614e5d565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff600160481b909104166125f2578281815481106125a0576125a0614e5d565b5f918252602090912001546001600160a01b031684836125bf81614f99565b9450815181106125d1576125d1614e5d565b60200260200101906001600160a01b031690816001600160a01b0316815250505b600101612524565b50825250919050565b5f61260d856136c8565b6001600160401b0386165f908152600560209081526040808320338452909152902080549192509061ffff16158061264d57508054600160481b900460ff165b1561267c57604051633e3798ad60e21b81526001600160401b038716600482015233602482015260440161077d565b63ffffffff851615806126a35750600182015463ffffffff600160c01b9091048116908616115b156126d8576040516313a9d7e560e01b81526001600160401b038716600482015263ffffffff8616602482015260440161077d565b8315806126e3575082155b1561271a576040516305519d6f60e51b815260040161077d906020808252600490820152630d0c2e6d60e31b604082015260600190565b604080516001600160401b038816602082015263ffffffff871691810191909152336060820152608081018590525f9060a00160408051601f1981840301815291815281516020928301205f818152600790935291205490915060ff16156127ad576040516315884dcd60e21b81526001600160401b03881660048201523360248201526044810185905260640161077d565b5f8181526007602052604090819020805460ff1916600117905551339063ffffffff8816906001600160401b038a16907f3e3c29dcef1a654fe2c157ab0062e8f7dcb062586806e0f73443e80d5494f3ee90612815908a908a90918252602082015260400190565b60405180910390a450505050505050565b5f612830826136c8565b905061283b33614087565b6001810154600160f01b900460ff168061286057506001810154600160f81b900460ff165b1561288957604051637bd6d00760e11b81526001600160401b038316600482015260240161077d565b6001600160401b0382165f90815260056020908152604080832033845290915281208054909161ffff90911690819003612959576001600160401b0384165f908152600460205260409020805461fffe19016129035760405163e509c20d60e01b81526001600160401b038616600482015260240161077d565b8054612910906001614fb1565b835461ffff821661ffff1990911617845581546001810183555f9283526020909220909101805473ffffffffffffffffffffffffffffffffffffffff1916331790559050612993565b8154600160481b900460ff16612993576040516348d1c17360e01b81526001600160401b038516600482015233602482015260440161077d565b815469ff0000000000000000001916808355640100000000900460ff166129ed57600183018054600160e01b900461ffff1690601c6129d183614e71565b91906101000a81548161ffff021916908361ffff160217905550505b60405161ffff8216815233906001600160401b038616907f90ede0fc441c10901335eb800a9a020d00969c761f086700ddc8aeb65ab093c8906020015b60405180910390a350505050565b5f612a4289613678565b6001600160401b038a165f90815260066020908152604080832063ffffffff8d1684529091529020909150600180820154600160d01b900460ff166003811115612a8e57612a8e614c80565b14612ac35760405163137b5e4760e21b81526001600160401b038b16600482015263ffffffff8a16602482015260440161077d565b87612b01576040516305519d6f60e51b815260206004820152600d60248201526c0c2cecee4cacec2e8ca90c2e6d609b1b604482015260640161077d565b86612b3b576040516305519d6f60e51b81526020600482015260096024820152680dadec8cad890c2e6d60bb1b604482015260640161077d565b620f424063ffffffff87161115612b80576040516305519d6f60e51b8152602060048201526008602482015267616363757261637960c01b604482015260640161077d565b620f424063ffffffff86161115612bc0576040516305519d6f60e51b815260206004820152600360248201526261756360e81b604482015260640161077d565b6001810154600160d81b900461ffff1663ffffffff84161115612c2c57600181015460405163637cf4b960e11b81526001600160401b038c16600482015263ffffffff808c166024830152600160d81b90920461ffff166044820152908416606482015260840161077d565b815463ffffffff600160c01b90910481169084161015612c88578154604051636c9b8c6360e11b81526001600160401b038c166004820152600160c01b90910463ffffffff90811660248301528416604482015260640161077d565b60018101805465ffffffffffff60a81b1916600160a81b4364ffffffffff160260ff60d01b191617600160d11b1761ffff60e81b1916600160e81b61ffff86160217905560038101805463ffffffff88811667ffffffffffffffff199092168217640100000000898316908102919091176fffffffffffffffff00000000000000001916600160401b6001600160401b038a811691820292909217909555600486018d9055600586018c9055604080518e8152602081018e9052808201959095526060850192909252608084019490945281871660a084015251908c16928d16917f70002ea10999ac178d5d5a5b5ab267618b16c13baf80b6e86bcd3448ca6042a3919081900360c00190a3611f038a838b613e27565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614612dea576040516310ac496560e01b815233600482015260240161077d565b604051636f5c93a760e11b81526001600160401b03821660048201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063deb9274e906024015f604051808303815f87803b158015612e51575f5ffd5b505af1158015611458573d5f5f3e3d5ffd5b612e6c33614087565b5f612e778633614137565b6001600160401b0387165f90815260066020908152604080832063ffffffff8a1684529091529020909150600180820154600160d01b900460ff166003811115612ec357612ec3614c80565b14612ef85760405163137b5e4760e21b81526001600160401b038816600482015263ffffffff8716602482015260440161077d565b60018101546001600160401b0316421115612f4b5760018101546040516337dc4b8160e01b81526001600160401b03808a16600483015263ffffffff89166024830152909116604482015260640161077d565b612f5685858561420f565b6001810154600160f81b900460ff1615612fb9576060806040519150600182523360208301526040820190506001815285602082015260808201604052612fb68983838660010160089054906101000a90046001600160401b03166142e0565b50505b612fc58787843361435a565b6002810154604080518781526020810187815291810186815260608083209483523390935292909252902060028201556001808201805461ffff600160d81b80830482169094011690920261ffff60d81b19909216919091179055604080518681526001600160401b038681166020830152918101859052339163ffffffff891691908a16907f9d7764238225742e33d2c9feb13843edced8febdb6528b51efe97bd955efd58990606001612815565b5f5f5f5f5f5f613084886136c8565b9050806001015f9054906101000a90046001600160a01b0316815f01601c9054906101000a900463ffffffff1660065f8b6001600160401b03166001600160401b031681526020019081526020015f205f8a63ffffffff1663ffffffff1681526020019081526020015f206006015460015f8c6001600160401b03166001600160401b031681526020019081526020015f205f8b63ffffffff1663ffffffff1681526020019081526020015f205461313a61322d565b939c929b5090995097509095509350505050565b5f61315883613678565b9050816131a8576040516305519d6f60e51b815260206004820152601060248201527f7374616e64617264697365724861736800000000000000000000000000000000604482015260640161077d565b6001810154600160c01b900463ffffffff16156131e35760405163180eafcb60e11b81526001600160401b038416600482015260240161077d565b600781018290556040518281526001600160401b038416907f75dd602d3a255805f62a3730c16df4b0714455e58afc2f7ab8395166ecdd4a289060200160405180910390a2505050565b5f7f00000000000000000000000000000000000000000000000000000000000000004614613301576132fc604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b905090565b507f000000000000000000000000000000000000000000000000000000000000000090565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614613371576040516310ac496560e01b815233600482015260240161077d565b5f546001600160401b031615158061339057506001600160401b038116155b156133c8576040516305519d6f60e51b8152602060048201526007602482015266199a5c9cdd125960ca1b604482015260640161077d565b5f805467ffffffffffffffff19166001600160401b0383161790556133ee600182614fc4565b5f60086101000a8154816001600160401b0302191690836001600160401b0316021790555050565b60408051610240810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c081018290526101e0810182905261020081018290526102208101919091526134af836136c8565b506001600160401b038084165f90815260066020908152604080832063ffffffff8716845282529182902082516102408101845281548152600182015480861693820193909352600160401b83049094169284019290925264ffffffffff600160801b820481166060850152600160a81b820416608084015260a083019060ff600160d01b90910416600381111561354957613549614c80565b600381111561355a5761355a614c80565b8152600182015461ffff600160d81b820481166020840152600160e81b820416604083015260ff600160f81b909104161515606082015260028201546080820152600382015463ffffffff80821660a084015264010000000082041660c08301526001600160401b03600160401b8204811660e0840152600160801b9091041661010082015260048201546101208201526005820154610140820152600682015461016082015260079091015461018090910152905092915050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614613661576040516310ac496560e01b815233600482015260240161077d565b6136748261366e846136c8565b83613712565b5050565b5f613682826136c8565b60018101549091506001600160a01b031633146136c3576040516309168c4560e41b81526001600160401b038316600482015233602482015260440161077d565b919050565b6001600160401b0381165f90815260036020526040902080546001600160a01b03166136c3576040516310abe05960e31b81526001600160401b038316600482015260240161077d565b6001820154600160f01b900460ff1615613762576001820154604051633e42297360e21b81526001600160401b0385166004820152600160c01b90910463ffffffff16602482015260440161077d565b6001600160401b0383165f9081526005602090815260408083206001600160a01b03851684529091529020805461ffff1615806137a757508054600160481b900460ff165b156137df57604051633e3798ad60e21b81526001600160401b03851660048201526001600160a01b038316602482015260440161077d565b805469ff0000000000000000001916600160481b17808255640100000000900460ff166138b4576001838101545f9161382291600160e01b900461ffff16614fe3565b60058501549091501580159061384957508354600160c01b900463ffffffff1661ffff8216105b15613891578354604051636c9b8c6360e11b81526001600160401b0387166004820152600160c01b90910463ffffffff16602482015261ffff8216604482015260640161077d565b60018401805461ffff909216600160e01b0261ffff60e01b199092169190911790555b6040513381526001600160a01b038316906001600160401b038616907f3749db2eabdc07908a4176ee91c26179781324d969128f979424a24dde7e71d990602001612a2a565b60018301546001600160401b031642111561394d5760018301546040516337dc4b8160e01b81526001600160401b03808816600483015263ffffffff87166024830152909116604482015260640161077d565b61ffff81111561398a576040516305519d6f60e51b8152602060048201526007602482015266636f6d6d69747360c81b604482015260640161077d565b60028301545f61399861322d565b90505f836001600160401b038111156139b3576139b3614f85565b6040519080825280602002602001820160405280156139dc578160200160208202803683370190505b5090505f846001600160401b038111156139f8576139f8614f85565b604051908082528060200260200182016040528015613a21578160200160208202803683370190505b5090505f856001600160401b03811115613a3d57613a3d614f85565b604051908082528060200260200182016040528015613a66578160200160208202803683370190505b5090505f866001600160401b03811115613a8257613a82614f85565b604051908082528060200260200182016040528015613aab578160200160208202803683370190505b5090505f5b87811015613bd25736898983818110613acb57613acb614e5d565b905060c0020190505f5f613ae18f8f8b86614407565b9092509050613b1b8a8385358460408801356040805193845260208401928352830190815260608084209584529390915292909252902090565b995081888581518110613b3057613b30614e5d565b60200260200101906001600160a01b031690816001600160a01b031681525050825f0135878581518110613b6657613b66614e5d565b60200260200101818152505080868581518110613b8557613b85614e5d565b60200260200101906001600160401b031690816001600160401b0316815250508260400135858581518110613bbc57613bbc614e5d565b6020908102919091010152505050600101613ab0565b506040516354d05ce160e01b81525f906001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906354d05ce190613c21908890600401614b27565b602060405180830381865afa158015613c3c573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190613c609190614ffd565b90505f198114613cad57848181518110613c7c57613c7c614e5d565b60200260200101516040516305b5850b60e21b815260040161077d91906001600160a01b0391909116815260200190565b60018a0154600160f81b900460ff1615613ce457613ce48c86858d60010160089054906101000a90046001600160401b03166142e0565b8a63ffffffff168c6001600160401b03167f807d1a3f472efdaff75a786fd1ec58de0df3031cf74c1ab4f3c0831dd6d1d31a87878787604051613d2a949392919061507d565b60405180910390a360028a0187905560018a018054899190601b90613d5b908490600160d81b900461ffff166150d4565b92506101000a81548161ffff021916908361ffff160217905550505050505050505050505050565b6007820154818103613d955750613e21565b8015613dd257604051632a7bec6760e11b81526001600160401b038616600482015263ffffffff851660248201526044810182905260640161077d565b6007830182905560405182815263ffffffff8516906001600160401b038716907feb790941d96c4068a89c3ae00760961bc26cd8097921347e156c5e595ab638ec9060200160405180910390a3505b50505050565b60018201805460ff60f01b19169055815463ffffffff600160a01b909104811690821603613e9a576001820180546001600160f81b0316600160f81b1790556040516001600160401b038416907fb18a667052240fb0607525e4379f94132190c3b1e0621f6e84551d5dac528a5b905f90a25b505050565b6001600160401b0386165f9081526005602090815260408083206001600160a01b038816845290915281208054909161ffff9091169003613f0d57604051633e3798ad60e21b81526001600160401b03881660048201526001600160a01b038616602482015260440161077d565b805461ffff620100009091048116908114613f305780613f2c81614e71565b9150505b815463ffff000019166201000061ffff83160217825560405163ffffffff8616906001600160a01b038816906001600160401b038b16907fbe98ddb9cc489976d1dc78157ea5997cdca03ef316f3751a668ffd350f4674fc90613f98908990899088906150ee565b60405180910390a48154640100000000900460ff16158015613fcf57506001870154600160a01b900463ffffffff1661ffff821610155b1561407d57815464ff00000000191664010000000017808355600160481b900460ff1661402f57600187018054600160e01b900461ffff1690601c6140138361511a565b91906101000a81548161ffff021916908361ffff160217905550505b60405161ffff821681526001600160a01b038716906001600160401b038a16907fd63af59fb09e1b10a40fb4907abfadcd098fe85f381cfc17752a91dfbbde6ef19060200160405180910390a35b5050505050505050565b60405163288c314960e21b81526001600160a01b0382811660048301527f0000000000000000000000000000000000000000000000000000000000000000169063a230c52490602401602060405180830381865afa1580156140eb573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061410f919061512d565b610ddb576040516305b5850b60e21b81526001600160a01b038216600482015260240161077d565b6001600160401b0382165f9081526005602090815260408083206001600160a01b03851684529091528120805461ffff81169060ff600160481b82048116916401000000009004168215806141895750815b156141cb57614197876136c8565b50604051633e3798ad60e21b81526001600160401b03881660048201526001600160a01b038716602482015260440161077d565b80156142045760405163ed4aef2360e01b81526001600160401b03881660048201526001600160a01b038716602482015260440161077d565b509095945050505050565b8261425d576040516305519d6f60e51b815260206004820152600e60248201527f6369706865727465787448617368000000000000000000000000000000000000604482015260640161077d565b816001600160401b03165f036142a4576040516305519d6f60e51b815260206004820152600b60248201526a1cd85b5c1b1950dbdd5b9d60aa1b604482015260640161077d565b80613e9a576040516305519d6f60e51b815260206004820152600b60248201526a18dbdb9cd95b9d149bdbdd60aa1b604482015260640161077d565b6040516317c65c3f60e31b81526001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063be32e1f890614332908790879087908790600401615146565b5f6040518083038186803b158015614348575f5ffd5b505afa15801561407d573d5f5f3e3d5ffd5b6001600160401b0384165f90815260086020818152604080842063ffffffff8816855282528084209286901c60ff90811685529183905290922054909160019085161b90808216156143e55760405163f7ace62160e01b81526001600160401b038816600482015263ffffffff871660248201526001600160a01b038516604482015260640161077d565b60089490941c60ff165f90815260209290925260409091209217909155505050565b5f806144196040840160208501614693565b905061442b833582604086013561420f565b604080517fcc5fe3530875c23038ecd4a1d7f5424b9dca3ebd79f37bc32e827caf22d55cf981526020810188905280820187905284356060820152608081018390529084013560a082015260c0812061190160f01b8252600282018690526022820152604290207f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a060a085013511156144d95760405163748c9d4360e01b81525f600482015260240161077d565b6001816144ec6080870160608801615194565b604080515f8152602081018083529390935260ff90911690820152608080870135606083015260a08088013591830191909152016020604051602081039080840390855afa158015614540573d5f5f3e3d5ffd5b5050604051601f1901519350506001600160a01b03831661457f5760405163748c9d4360e01b81526001600160a01b038416600482015260240161077d565b5f61458a8885614137565b90506145988888838761435a565b505094509492505050565b80356001600160401b03811681146136c3575f5ffd5b5f5f604083850312156145ca575f5ffd5b6145d3836145a3565b946020939093013593505050565b803563ffffffff811681146136c3575f5ffd5b80356001600160a01b03811681146136c3575f5ffd5b5f5f5f5f5f5f5f5f5f6101208a8c031215614623575f5ffd5b8935985060208a0135975061463a60408b016145e1565b965061464860608b016145e1565b955061465660808b016145e1565b945061466460a08b016145e1565b935060c08a0135925061467960e08b016145f4565b989b979a5095989497939692955090936101000135919050565b5f602082840312156146a3575f5ffd5b610e8d826145a3565b5f5f83601f8401126146bc575f5ffd5b5081356001600160401b038111156146d2575f5ffd5b6020830191508360208260051b85010111156146ec575f5ffd5b9250929050565b5f5f5f60408486031215614705575f5ffd5b61470e846145a3565b925060208401356001600160401b03811115614728575f5ffd5b614734868287016146ac565b9497909650939450505050565b5f5f60408385031215614752575f5ffd5b61475b836145a3565b9150614769602084016145f4565b90509250929050565b5f5f5f5f5f60808688031215614786575f5ffd5b61478f866145a3565b945061479d602087016145e1565b935060408601356001600160401b038111156147b7575f5ffd5b8601601f810188136147c7575f5ffd5b80356001600160401b038111156147dc575f5ffd5b88602060c0830284010111156147f0575f5ffd5b959894975060200195606001359392505050565b5f5f60408385031215614815575f5ffd5b61481e836145a3565b9150614769602084016145e1565b5f5f5f5f6060858703121561483f575f5ffd5b614848856145a3565b9350614856602086016145e1565b925060408501356001600160401b03811115614870575f5ffd5b61487c878288016146ac565b95989497509550505050565b5f5f5f5f5f60a0868803121561489c575f5ffd5b6148a5866145a3565b94506148b3602087016145e1565b9350604086013592506148c8606087016145a3565b91506148d6608087016145a3565b90509295509295909350565b81516001600160a01b031681526102808101602083015161490b602084018263ffffffff169052565b506040830151614923604084018263ffffffff169052565b50606083015161493b606084018263ffffffff169052565b50608083015161495660808401826001600160a01b03169052565b5060a083015161496e60a084018263ffffffff169052565b5060c083015161498660c084018263ffffffff169052565b5060e083015161499c60e084018261ffff169052565b506101008301516149b261010084018215159052565b506101208301516149c861012084018215159052565b506101408301516101408301526101608301516101608301526101808301516101808301526101a08301516101a08301526101c08301516101c08301526101e08301516101e0830152610200830151614a2d6102008401826001600160401b03169052565b50610220830151614a4a6102208401826001600160401b03169052565b50610240830151614a676102408401826001600160401b03169052565b50610260830151614a846102608401826001600160401b03169052565b5092915050565b5f60208284031215614a9b575f5ffd5b610e8d826145f4565b5f5f5f60608486031215614ab6575f5ffd5b614abf846145a3565b9250614acd602085016145a3565b9150614adb604085016145a3565b90509250925092565b5f8151808452602084019350602083015f5b82811015614b1d5781516001600160a01b0316865260209586019590910190600101614af6565b5093949350505050565b602081525f610e8d6020830184614ae4565b5f5f5f5f60808587031215614b4c575f5ffd5b614b55856145a3565b9350614b63602086016145e1565b93969395505050506040820135916060013590565b5f5f5f5f5f5f5f5f610100898b031215614b90575f5ffd5b614b99896145a3565b9750614ba760208a016145e1565b96506040890135955060608901359450614bc360808a016145e1565b9350614bd160a08a016145e1565b9250614bdf60c08a016145a3565b9150614bed60e08a016145e1565b90509295985092959890939650565b5f5f5f60608486031215614c0e575f5ffd5b83359250614c1e602085016145a3565b929592945050506040919091013590565b5f5f5f5f5f60a08688031215614c43575f5ffd5b614c4c866145a3565b9450614c5a602087016145e1565b935060408601359250614c6f606087016145a3565b949793965091946080013592915050565b634e487b7160e01b5f52602160045260245ffd5b60048110614ca457614ca4614c80565b9052565b81518152602080830151610240830191614ccc908401826001600160401b03169052565b506040830151614ce760408401826001600160401b03169052565b506060830151614d00606084018264ffffffffff169052565b506080830151614d19608084018264ffffffffff169052565b5060a0830151614d2c60a0840182614c94565b5060c0830151614d4260c084018261ffff169052565b5060e0830151614d5860e084018261ffff169052565b50610100830151614d6e61010084018215159052565b50610120830151610120830152610140830151614d9461014084018263ffffffff169052565b50610160830151614dae61016084018263ffffffff169052565b50610180830151614dcb6101808401826001600160401b03169052565b506101a0830151614de86101a08401826001600160401b03169052565b506101c08301516101c08301526101e08301516101e083015261020083015161020083015261022083015161022083015292915050565b634e487b7160e01b5f52601160045260245ffd5b5f6001600160401b0382166001600160401b038103614e5457614e54614e1f565b60010192915050565b634e487b7160e01b5f52603260045260245ffd5b5f61ffff821661ffff8103614e5457614e54614e1f565b5f63ffffffff821680614e9d57614e9d614e1f565b5f190192915050565b6001600160401b03818116838216019081111561115357611153614e1f565b8381525f6001600160fb1b03831115614edc575f5ffd5b8260051b8085602085013791909101602001949350505050565b604081528260408201525f6001600160fb1b03841115614f14575f5ffd5b8360051b808660608501376020830193909352500160600192915050565b805180151581146136c3575f5ffd5b5f5f60408385031215614f52575f5ffd5b614f5b83614f32565b915061476960208401614f32565b63ffffffff818116838216019081111561115357611153614e1f565b634e487b7160e01b5f52604160045260245ffd5b5f60018201614faa57614faa614e1f565b5060010190565b8082018082111561115357611153614e1f565b6001600160401b03828116828216039081111561115357611153614e1f565b61ffff828116828216039081111561115357611153614e1f565b5f6020828403121561500d575f5ffd5b5051919050565b5f8151808452602084019350602083015f5b82811015614b1d578151865260209586019590910190600101615026565b5f8151808452602084019350602083015f5b82811015614b1d5781516001600160401b0316865260209586019590910190600101615056565b608081525f61508f6080830187614ae4565b82810360208401526150a18187615014565b905082810360408401526150b58186615044565b905082810360608401526150c98185615014565b979650505050505050565b61ffff818116838216019081111561115357611153614e1f565b606081016001851061510257615102614c80565b938152602081019290925261ffff1660409091015290565b5f61ffff821680614e9d57614e9d614e1f565b5f6020828403121561513d575f5ffd5b610e8d82614f32565b6001600160401b0385168152608060208201525f6151676080830186614ae4565b82810360408401526151798186615044565b9150506001600160401b038316606083015295945050505050565b5f602082840312156151a4575f5ffd5b813560ff81168114610e8d575f5ffdfea264697066735822122043256b91b68aa0353a6926768666070a1bc00e7cbaf6c86b157ce66f0d305cab64736f6c634300081c003360c060405234801561000f575f5ffd5b506040516131b23803806131b283398101604081905261002e91610043565b336080526001600160a01b031660a052610070565b5f60208284031215610053575f5ffd5b81516001600160a01b0381168114610069575f5ffd5b9392505050565b60805160a05161309561011d5f395f818161021401528181610b1a015281816114e901526120ff01525f8181610295015281816102ea0152818161048401528181610541015281816106e50152818161077b0152818161098601528181610a4f01528181610ee0015281816111260152818161127301528181611471015281816115f0015281816116a901528181611de501528181611fc10152818161206101526122bd01526130955ff3fe608060405234801561000f575f5ffd5b50600436106100fb575f3560e01c80638d67799e11610093578063be32e1f811610063578063be32e1f81461026a578063c540b82c1461027d578063c7f5a33e14610290578063deb9274e146102b7575f5ffd5b80638d67799e146101f45780639ad187651461020f5780639c9066701461024e578063b74026d214610257575f5ffd5b80634b2ed462116100ce5780634b2ed462146101845780635c5b53c5146101975780638507096b146101b757806387ea5264146101ca575f5ffd5b806301f21a0c146100ff57806309bb2a6514610139578063243afb381461014e5780633569308c14610171575b5f5ffd5b6101267f91873857924e349dcf3879a3ec8a2a2fd085050be77f37ab286a4770b4992f3181565b6040519081526020015b60405180910390f35b61014c610147366004612649565b6102ca565b005b61016161015c366004612649565b61044e565b6040519015158152602001610130565b61014c61017f3660046126b5565b610505565b61014c610192366004612649565b61075b565b6101aa6101a5366004612649565b610d56565b60405161013091906127b7565b61014c6101c53660046128a0565b610ec0565b6101dd6101d83660046128e8565b6110a3565b604080519215158352901515602083015201610130565b6101fc60ff81565b60405161ffff9091168152602001610130565b6102367f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610130565b61012661010081565b61014c61026536600461291f565b6110ee565b61014c61027836600461298c565b6114e7565b61014c61028b366004612a1e565b6115d0565b6102367f000000000000000000000000000000000000000000000000000000000000000081565b61014c6102c5366004612649565b611dda565b60405163827429a560e01b81526001600160401b03821660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161028060405180830381865afa158015610338573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061035c9190612b2f565b80519091506001600160a01b03163314610390576040516310ac496560e01b81523360048201526024015b60405180910390fd5b6001600160401b0382165f9081526020819052604090206101a08201511515806103c257508054600160f81b900460ff165b156103eb57604051631676ee7960e31b81526001600160401b0384166004820152602401610387565b80547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f81b1781556040516001600160401b038416907f31614dc51f26fc44eee69e5810baf653ed89dba952def4d0a292a2ef43bc3509905f90a2505050565b6001600160401b0381165f81815260208190526040808220905163827429a560e01b8152600481019390935290916104ff9184917f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161028060405180830381865afa1580156104d2573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104f69190612b2f565b60c00151611e8b565b92915050565b60405163f1257cbb60e01b81526001600160401b038716600482015263ffffffff861660248201525f9081908190819081906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063f1257cbb9060440160a060405180830381865afa158015610586573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906105aa9190612c87565b94509450945094509450846001600160a01b0316336001600160a01b0316146105e8576040516310ac496560e01b8152336004820152602401610387565b8161061d576040516321ea88e560e21b81526001600160401b038c16600482015263ffffffff8b166024820152604401610387565b610628898984612180565b604080517f91873857924e349dcf3879a3ec8a2a2fd085050be77f37ab286a4770b4992f316020808301919091526001600160401b038e168284015263ffffffff8d16606083015260808083018790528351808403909101815260a08301845280519082012061190160f01b60c084015260c2830185905260e2808401919091528351808403909101815261010290920190925280519101206106ce8c86838b8b612242565b6040516396b1e27960e01b81526001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906396b1e27990610720908f908f908f908f90600401612d14565b5f604051808303815f87803b158015610737575f5ffd5b505af1158015610749573d5f5f3e3d5ffd5b50505050505050505050505050505050565b60405163827429a560e01b81526001600160401b03821660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161028060405180830381865afa1580156107c9573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906107ed9190612b2f565b905080608001516001600160a01b0316336001600160a01b031614610827576040516310ac496560e01b8152336004820152602401610387565b6001600160401b0382165f9081526020819052604081208054909161ffff909116900361087257604051634b1ad32960e01b81526001600160401b0384166004820152602401610387565b816101000151156108b35760c0820151604051633e42297360e21b81526001600160401b038516600482015263ffffffff9091166024820152604401610387565b6108c283828460c00151611e8b565b156109005780546040516309320bb960e01b81526001600160401b0385166004820152600160301b90910463ffffffff166024820152604401610387565b8054600160b81b90046001600160401b0316801580159061093557506109316101006001600160401b038316612d60565b4311155b1561096657604051630246f84760e01b81526001600160401b03808616600483015282166024820152604401610387565b604051631871e43f60e31b81526001600160401b03851660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063c38f21f8906024015f60405180830381865afa1580156109d2573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f191682016040526109f99190810190612d73565b90505f81516001600160401b03811115610a1557610a15612a6e565b604051908082528060200260200182016040528015610a3e578160200160208202803683370190505b5090505f805b8351811015610c31577f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663bd2e6ac389868481518110610a8f57610a8f612e25565b60200260200101516040518363ffffffff1660e01b8152600401610ad19291906001600160401b039290921682526001600160a01b0316602082015260400190565b602060405180830381865afa158015610aec573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610b109190612e39565b158015610bcb57507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663a230c524858381518110610b5957610b59612e25565b60200260200101516040518263ffffffff1660e01b8152600401610b8c91906001600160a01b0391909116815260200190565b602060405180830381865afa158015610ba7573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610bcb9190612e39565b15610c2957838181518110610be257610be2612e25565b6020026020010151838380610bf690612e52565b945081518110610c0857610c08612e25565b60200260200101906001600160a01b031690816001600160a01b0316815250505b600101610a44565b50856060015163ffffffff16811015610c82576060860151604051636c9b8c6360e11b81526001600160401b038916600482015263ffffffff91821660248201529082166044820152606401610387565b80825284547fff0000000000000000ffffffffffffffffffffffffffffffffffffffffffffff16600160b81b436001600160401b031602178555604051610ccd908390602001612e6a565b60408051808303601f19018152919052805160209091012060038601558454610d0490600160301b900463ffffffff166001612e7c565b63ffffffff16876001600160401b03167fb0f873e5d08ab680fbf5f7d3202d0756499faff76b60609450d0bcc7ed0fcf3d4385604051610d45929190612e98565b60405180910390a350505050505050565b60408051610160810182525f8082526020820181905291810182905260608082018390526080820183905260a0820183905260c0820183905260e0820183905261010082018390526101208201526101408101919091526001600160401b038083165f9081526020818152604091829020825161016081018452815461ffff8116825263ffffffff620100008204811683860152600160301b8204811683870152600160501b8204166060830152600160701b81048616608083015260ff600160b01b82048116151560a0840152600160b81b820490961660c0830152600160f81b9004909416151560e085015260018101546101008501526002810180548451818502810185019095528085529193610120860193909290830182828015610ea657602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610e88575b505050505081526020016003820154815250509050919050565b60405163827429a560e01b81526001600160401b03841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161028060405180830381865afa158015610f2e573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610f529190612b2f565b80519091506001600160a01b03163314610f81576040516310ac496560e01b8152336004820152602401610387565b6001600160401b0384165f9081526020819052604090206101a0820151151580610faf5750805461ffff1615155b15610fd857604051633a0dd41160e21b81526001600160401b0386166004820152602401610387565b816060015163ffffffff168461ffff161080610ff8575060ff61ffff8516115b1561102f576040516305519d6f60e51b81526004016103879060208082526004908201526373697a6560e01b604082015260600190565b805461ffff851665ffffffffffff1990911681176201000063ffffffff86169081029190911783556040805192835260208301919091526001600160401b038716917fb4f5e1b2842e3f8315c3fd03d893a1909ed7c8f301b7e10a72c1ab6beb89134f910160405180910390a25050505050565b6001600160401b0382165f908152602081905260408120805482919061ffff1615806110d557506110d5858286611e8b565b9054909250600160f81b900460ff1690505b9250929050565b60405163f1257cbb60e01b81526001600160401b038616600482015263ffffffff851660248201525f90819081906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063f1257cbb9060440160a060405180830381865afa15801561116b573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061118f9190612c87565b50919550935091508190506111ce576040516321ea88e560e21b81526001600160401b038916600482015263ffffffff88166024820152604401610387565b81861461120c57604051635686d46960e11b81526001600160401b038916600482015263ffffffff8816602482015260448101839052606401610387565b611217858583612180565b6040805160018082528183019092525f916020808301908036833701905050905033815f8151811061124b5761124b612e25565b6001600160a01b039283166020918202929092010152604051635c3f091560e01b81525f19917f00000000000000000000000000000000000000000000000000000000000000001690635c3f0915906112aa908d908690600401612e98565b602060405180830381865afa1580156112c5573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906112e99190612ec1565b14611318576040516313c7b09760e01b81526001600160401b038a166004820152336024820152604401610387565b604080516001600160401b038b16602082015263ffffffff8a1691810191909152606081018890525f9060800160408051601f1981840301815291815281516020928301205f8181526002845282812033825290935291205490915060ff16156113b25760405163f6db8d4760e01b81526001600160401b038b16600482015263ffffffff8a166024820152336044820152606401610387565b5f8181526002602090815260408083203384528252808320805460ff19166001908117909155848452918290528220546113eb91612d60565b5f8381526001602090815260409182902083905581518c8152908101839052919250339163ffffffff8d16916001600160401b038f16917fba9d7ec5340dcc8e87e31af07f0fd6ee7658b0c4f2a389cce9aae55e7d9a0626910160405180910390a48563ffffffff1681106114da576040516396b1e27960e01b81526001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906396b1e279906114ac908e908e908d908d90600401612d14565b5f604051808303815f87803b1580156114c3575f5ffd5b505af11580156114d5573d5f5f3e3d5ffd5b505050505b5050505050505050505050565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663b3d3404a6040518163ffffffff1660e01b8152600401602060405180830381865afa158015611543573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906115679190612ed8565b6001600160a01b031663be32e1f88787878787876040518763ffffffff1660e01b815260040161159c96959493929190612ef3565b5f6040518083038186803b1580156115b2575f5ffd5b505afa1580156115c4573d5f5f3e3d5ffd5b50505050505050505050565b60405163827429a560e01b81526001600160401b03841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161028060405180830381865afa15801561163e573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906116629190612b2f565b905080608001516001600160a01b0316336001600160a01b03161415801561171c5750604051639cfa750f60e01b81526001600160401b03851660048201523360248201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690639cfa750f90604401602060405180830381865afa1580156116f6573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061171a9190612e39565b155b1561173c576040516310ac496560e01b8152336004820152602401610387565b6001600160401b038085165f90815260208190526040812080549092600160b81b909104169081900361178d57604051630e7dc9a160e01b81526001600160401b0387166004820152602401610387565b816003015485856040516020016117a5929190612f77565b60405160208183030381529060405280519060200120146117e457604051630a8023eb60e01b81526001600160401b0387166004820152602401610387565b806001600160401b0316431161182057604051637f29c10560e11b81526001600160401b03808816600483015282166024820152604401610387565b6001600160401b038116408061185c576040516310d735d160e21b81526001600160401b03808916600483015283166024820152604401610387565b82545f9061187890600160301b900463ffffffff166001612e7c565b604080516001600160401b038b16602082015263ffffffff831691810191909152606081018490529091505f9060800160408051601f198184030181529190528051602090910120855490915061ffff165f816001600160401b038111156118e2576118e2612a6e565b60405190808252806020026020018201604052801561190b578160200160208202803683370190505b5090505f826001600160401b0381111561192757611927612a6e565b604051908082528060200260200182016040528015611950578160200160208202803683370190505b5090505f805b8b811015611b6b575f8d8d8381811061197157611971612e25565b90506020020160208101906119869190612f8a565b90505f87826040516020016119ae9291909182526001600160a01b0316602082015260400190565b604051602081830303815290604052805190602001205f1c905086841480156119fa5750856119de600189612fa5565b815181106119ee576119ee612e25565b60200260200101518110155b15611a06575050611b63565b5f878510611a1e57611a19600189612fa5565b611a2b565b84611a2881612e52565b95505b90505b5f81118015611a5f57508187611a45600184612fa5565b81518110611a5557611a55612e25565b6020026020010151115b15611b0f5786611a70600183612fa5565b81518110611a8057611a80612e25565b602002602001015186600183611a969190612fa5565b81518110611aa657611aa6612e25565b6020026020010151888381518110611ac057611ac0612e25565b60200260200101888481518110611ad957611ad9612e25565b60200260200101826001600160a01b03166001600160a01b03168152508281525050508080611b0790612fb8565b915050611a2e565b8183888381518110611b2357611b23612e25565b60200260200101888481518110611b3c57611b3c612e25565b60200260200101826001600160a01b03166001600160a01b03168152508281525050505050505b600101611956565b505f816001600160401b03811115611b8557611b85612a6e565b604051908082528060200260200182016040528015611bae578160200160208202803683370190505b5090505f5b82811015611cba575f848281518110611bce57611bce612e25565b602002602001015190505f8290505b5f81118015611c2057506001600160a01b03821684611bfd600184612fa5565b81518110611c0d57611c0d612e25565b60200260200101516001600160a01b0316115b15611c855783611c31600183612fa5565b81518110611c4157611c41612e25565b6020026020010151848281518110611c5b57611c5b612e25565b6001600160a01b039092166020928302919091019091015280611c7d81612fb8565b915050611bdd565b81848281518110611c9857611c98612e25565b6001600160a01b03909216602092830291909101909101525050600101611bb3565b50895460c08c01516dffffffffffffffff00000000000019909116600160301b63ffffffff8a8116919091026dffffffff00000000000000000000191691909117600160501b9190921602177fff0000000000000000000000000000000000ffffffffffffffffffffffffffff16600160701b436001600160401b0316027fff000000000000000000ffffffffffffffffffffffffffffffffffffffffffff16178a555f60038b015560018a018690558051611d7f9060028c019060208401906125ae565b508663ffffffff168e6001600160401b03167fc919bc3830410f38d9a9f5e118fab588d65a7edb30f598fe16b9479f132ff9ae8884604051611dc2929190612fcd565b60405180910390a35050505050505050505050505050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614611e25576040516310ac496560e01b8152336004820152602401610387565b6001600160401b0381165f818152602081905260408082208054600160b01b60ff60b01b199091161780825591519093600160301b90920463ffffffff16927fbd4adf5b0782c041a26dd14388a14ac536036f89de2c6f7594dff9582d3b65ea91a35050565b81545f9063ffffffff620100008204811691600160301b9004161580611eb957508354600160b01b900460ff165b80611ef9575063ffffffff811615801590611ef957508354611ee9908290600160501b900463ffffffff16612e7c565b63ffffffff168363ffffffff1610155b15611f07575f915050612179565b5f84600201805480602002602001604051908101604052809291908181526020018280548015611f5e57602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611f40575b509394505f93505050505b81518110156120e4575f828281518110611f8557611f85612e25565b6020908102919091010151604051639cfa750f60e01b81526001600160401b038a1660048201526001600160a01b0380831660248301529192507f000000000000000000000000000000000000000000000000000000000000000090911690639cfa750f90604401602060405180830381865afa158015612008573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061202c9190612e39565b15806120ca575060405163bd2e6ac360e01b81526001600160401b03891660048201526001600160a01b0382811660248301527f0000000000000000000000000000000000000000000000000000000000000000169063bd2e6ac390604401602060405180830381865afa1580156120a6573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906120ca9190612e39565b156120db575f945050505050612179565b50600101611f69565b506040516354d05ce160e01b81525f19906001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906354d05ce190612134908590600401612e6a565b602060405180830381865afa15801561214f573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906121739190612ec1565b14925050505b9392505050565b5f805b83811015612201578185858381811061219e5761219e612e25565b90506020020160208101906121b39190612f8a565b6040516020016121df92919091825260601b6bffffffffffffffffffffffff1916602082015260340190565b60408051601f1981840301815291905280516020909101209150600101612183565b5081811461223c576040516305519d6f60e51b8152602060048201526007602482015266199b1859d9d95960ca1b6044820152606401610387565b50505050565b5f61224e848484612362565b905080515f148061226557508463ffffffff168151105b156122a457805160405163420bda0960e11b81526001600160401b038816600482015263ffffffff871660248201526044810191909152606401610387565b604051635c3f091560e01b81525f906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690635c3f0915906122f4908a908690600401612e98565b602060405180830381865afa15801561230f573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906123339190612ec1565b90505f19811461235957604051631db0bd0d60e01b815260048101829052602401610387565b50505050505050565b60605f612370604184612fe5565b905061237d816041613004565b83146123bb576040516305519d6f60e51b815260206004820152600c60248201526b656e646f7273656d656e747360a01b6044820152606401610387565b806001600160401b038111156123d3576123d3612a6e565b6040519080825280602002602001820160405280156123fc578160200160208202803683370190505b5091505f805b828110156124b3575f61244588888861241c866041613004565b90612428876041613004565b612433906041612d60565b926124409392919061301b565b6124bd565b9050826001600160a01b0316816001600160a01b03161161247c57604051631db0bd0d60e01b815260048101839052602401610387565b8092508285838151811061249257612492612e25565b6001600160a01b039092166020928302919091019091015250600101612402565b5050509392505050565b5f7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a06124ed60406020858761301b565b6124f691613042565b111561250357505f612179565b6001848484604081811061251957612519612e25565b919091013560f81c905061253060205f878961301b565b61253991613042565b61254760406020888a61301b565b61255091613042565b604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa15801561259b573d5f5f3e3d5ffd5b5050604051601f19015195945050505050565b828054828255905f5260205f2090810192821561260e579160200282015b8281111561260e578251825473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b039091161782556020909201916001909101906125cc565b5061261a92915061261e565b5090565b5b8082111561261a575f815560010161261f565b6001600160401b0381168114612646575f5ffd5b50565b5f60208284031215612659575f5ffd5b813561217981612632565b63ffffffff81168114612646575f5ffd5b5f5f83601f840112612685575f5ffd5b5081356001600160401b0381111561269b575f5ffd5b6020830191508360208260051b85010111156110e7575f5ffd5b5f5f5f5f5f5f608087890312156126ca575f5ffd5b86356126d581612632565b955060208701356126e581612664565b945060408701356001600160401b038111156126ff575f5ffd5b61270b89828a01612675565b90955093505060608701356001600160401b03811115612729575f5ffd5b8701601f81018913612739575f5ffd5b80356001600160401b0381111561274e575f5ffd5b89602082840101111561275f575f5ffd5b60208201935080925050509295509295509295565b5f8151808452602084019350602083015f5b828110156127ad5781516001600160a01b0316865260209586019590910190600101612786565b5093949350505050565b602081526127cc60208201835161ffff169052565b5f60208301516127e4604084018263ffffffff169052565b50604083015163ffffffff8116606084015250606083015163ffffffff811660808401525060808301516001600160401b03811660a08401525060a083015180151560c08401525060c08301516001600160401b03811660e08401525060e083015180151561010084015250610100830151610120830152610120830151610160610140840152612879610180840182612774565b90506101408401516101608401528091505092915050565b61ffff81168114612646575f5ffd5b5f5f5f606084860312156128b2575f5ffd5b83356128bd81612632565b925060208401356128cd81612891565b915060408401356128dd81612664565b809150509250925092565b5f5f604083850312156128f9575f5ffd5b823561290481612632565b9150602083013561291481612664565b809150509250929050565b5f5f5f5f5f60808688031215612933575f5ffd5b853561293e81612632565b9450602086013561294e81612664565b93506040860135925060608601356001600160401b0381111561296f575f5ffd5b61297b88828901612675565b969995985093965092949392505050565b5f5f5f5f5f5f608087890312156129a1575f5ffd5b86356129ac81612632565b955060208701356001600160401b038111156129c6575f5ffd5b6129d289828a01612675565b90965094505060408701356001600160401b038111156129f0575f5ffd5b6129fc89828a01612675565b9094509250506060870135612a1081612632565b809150509295509295509295565b5f5f5f60408486031215612a30575f5ffd5b8335612a3b81612632565b925060208401356001600160401b03811115612a55575f5ffd5b612a6186828701612675565b9497909650939450505050565b634e487b7160e01b5f52604160045260245ffd5b60405161028081016001600160401b0381118282101715612aa557612aa5612a6e565b60405290565b604051601f8201601f191681016001600160401b0381118282101715612ad357612ad3612a6e565b604052919050565b6001600160a01b0381168114612646575f5ffd5b8051612afa81612adb565b919050565b8051612afa81612664565b8051612afa81612891565b80518015158114612afa575f5ffd5b8051612afa81612632565b5f610280828403128015612b41575f5ffd5b50612b4a612a82565b612b5383612aef565b8152612b6160208401612aff565b6020820152612b7260408401612aff565b6040820152612b8360608401612aff565b6060820152612b9460808401612aef565b6080820152612ba560a08401612aff565b60a0820152612bb660c08401612aff565b60c0820152612bc760e08401612b0a565b60e0820152612bd96101008401612b15565b610100820152612bec6101208401612b15565b6101208201526101408381015190820152610160808401519082015261018080840151908201526101a080840151908201526101c080840151908201526101e08084015190820152612c416102008401612b24565b610200820152612c546102208401612b24565b610220820152612c676102408401612b24565b610240820152612c7a6102608401612b24565b6102608201529392505050565b5f5f5f5f5f60a08688031215612c9b575f5ffd5b8551612ca681612adb565b6020870151909550612cb781612664565b6040870151606088015160809098015196999198509695945092505050565b8183526020830192505f815f5b848110156127ad578135612cf681612adb565b6001600160a01b031686526020958601959190910190600101612ce3565b6001600160401b038516815263ffffffff84166020820152606060408201525f612d42606083018486612cd6565b9695505050505050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156104ff576104ff612d4c565b5f60208284031215612d83575f5ffd5b81516001600160401b03811115612d98575f5ffd5b8201601f81018413612da8575f5ffd5b80516001600160401b03811115612dc157612dc1612a6e565b8060051b612dd160208201612aab565b91825260208184018101929081019087841115612dec575f5ffd5b6020850194505b83851015612e1a5784519250612e0883612adb565b82825260209485019490910190612df3565b979650505050505050565b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215612e49575f5ffd5b61217982612b15565b5f60018201612e6357612e63612d4c565b5060010190565b602081525f6121796020830184612774565b63ffffffff81811683821601908111156104ff576104ff612d4c565b6001600160401b0383168152604060208201525f612eb96040830184612774565b949350505050565b5f60208284031215612ed1575f5ffd5b5051919050565b5f60208284031215612ee8575f5ffd5b815161217981612adb565b6001600160401b0387168152608060208201525f612f15608083018789612cd6565b828103604084015284815285906020015f5b86811015612f57578235612f3a81612632565b6001600160401b0316825260209283019290910190600101612f27565b5080925050506001600160401b0383166060830152979650505050505050565b602081525f612eb9602083018486612cd6565b5f60208284031215612f9a575f5ffd5b813561217981612adb565b818103818111156104ff576104ff612d4c565b5f81612fc657612fc6612d4c565b505f190190565b828152604060208201525f612eb96040830184612774565b5f82612fff57634e487b7160e01b5f52601260045260245ffd5b500490565b80820281158282048414176104ff576104ff612d4c565b5f5f85851115613029575f5ffd5b83861115613035575f5ffd5b5050820193919092039150565b803560208310156104ff575f19602084900360031b1b169291505056fea2646970667358221220affb1a74efef267012e530c49c8b73870e8f2265d16707c48ada3760798a81c664736f6c634300081c0033",
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
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool) p)
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
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool) p)
func (studies *Studies) TryPackGetParticipant(studyId uint64, account common.Address) ([]byte, error) {
	return studies.abi.Pack("getParticipant", studyId, account)
}

// UnpackGetParticipant is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x625493f4.
//
// Solidity: function getParticipant(uint64 studyId, address account) view returns((uint16,uint16,bool,uint32,bool) p)
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
