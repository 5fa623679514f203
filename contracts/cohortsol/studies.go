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
	GlobalModel     [32]byte
	Deadline        uint64
	OpenedAt        uint64
	OpenedBlock     *big.Int
	ClosedBlock     *big.Int
	Status          uint8
	Commitments     uint16
	Participants    uint16
	SamplesBound    bool
	CommitmentsRoot [32]byte
	Accuracy        uint32
	Auc             uint32
	Loss            uint64
	EpsilonSpent    uint64
	AggregateHash   [32]byte
	ModelHash       [32]byte
	ScoresHash      [32]byte
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
}

// StudiesMetaData contains all meta data concerning the Studies contract.
var StudiesMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"consortium_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyCommitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"AlreadyJoined\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"BadCommitSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"CommitteeNotCurrent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"notBefore\",\"type\":\"uint64\"}],\"name\":\"DeadlineNotPassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"DuplicateEvidence\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"EnrolmentClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"now_\",\"type\":\"uint64\"}],\"name\":\"InvalidDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"previous\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"name\":\"InvalidEpsilonSpent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"MemberSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"ModuleRetired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"pinned\",\"type\":\"bytes32\"}],\"name\":\"MomentsSumPinned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAuthorised\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotCoordinator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotParticipant\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotSuspended\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"commitments\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"ParticipantsExceedCommitments\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"budget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"PublicKeyNotSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"expected\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"got\",\"type\":\"uint32\"}],\"name\":\"RoundOutOfOrder\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"RoundStillOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"bound\",\"type\":\"uint256\"}],\"name\":\"SamplesAboveConsent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyCompleted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFull\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"required\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"actual\",\"type\":\"uint32\"}],\"name\":\"TooFewParticipants\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"UnsortedScores\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"reporter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"AggregateDisputed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"sumHash\",\"type\":\"bytes32\"}],\"name\":\"MomentsSumSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"ParticipantReinstated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"ParticipantSuspended\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"}],\"name\":\"PrivacyBudgetSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"}],\"name\":\"PrivacySpent\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"PublicKeySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"Retired\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"}],\"name\":\"RoundAbandoned\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"RoundClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"RoundOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"}],\"name\":\"ScoresRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"}],\"name\":\"StandardiserSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"enumStudies.StrikeReason\",\"name\":\"reason\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"}],\"name\":\"StrikeRecorded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"}],\"name\":\"StudyCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"StudyFinished\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"}],\"name\":\"StudyJoined\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"by\",\"type\":\"address\"}],\"name\":\"StudyLeft\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"UpdateCommitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"indexed\":false,\"internalType\":\"bytes32[]\",\"name\":\"ciphertextHashes\",\"type\":\"bytes32[]\"},{\"indexed\":false,\"internalType\":\"uint64[]\",\"name\":\"sampleCounts\",\"type\":\"uint64[]\"},{\"indexed\":false,\"internalType\":\"bytes32[]\",\"name\":\"consentRoots\",\"type\":\"bytes32[]\"}],\"name\":\"UpdatesCommitted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ABANDON_GRACE\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"COMMIT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"DELTA_UNIT\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"FLAG_SUSPICIOUS\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"METRIC_UNIT\",\"outputs\":[{\"internalType\":\"uint32\",\"name\":\"\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"abandonRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"firstId\",\"type\":\"uint64\"}],\"name\":\"activate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"participants\",\"type\":\"uint32\"}],\"name\":\"closeRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"internalType\":\"structStudies.SignedCommitment[]\",\"name\":\"commits\",\"type\":\"tuple[]\"}],\"name\":\"commitUpdates\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"ciphertextHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"sampleCount\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"consentRoot\",\"type\":\"bytes32\"}],\"name\":\"commitmentDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"committees\",\"outputs\":[{\"internalType\":\"contractCommittees\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"consentContext\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"cutoffBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"at\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"consortium\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"robustPolicyHash\",\"type\":\"bytes32\"}],\"name\":\"createStudy\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"disputeAggregate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"endorsementContext\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"flagged\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"domain\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address[]\",\"name\":\"accounts\",\"type\":\"address[]\"}],\"name\":\"firstNotInGoodStanding\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"firstStudyId\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"getParticipant\",\"outputs\":[{\"components\":[{\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"strikes\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"suspended\",\"type\":\"bool\"},{\"internalType\":\"uint32\",\"name\":\"lastCommittedRound\",\"type\":\"uint32\"},{\"internalType\":\"bool\",\"name\":\"left\",\"type\":\"bool\"}],\"internalType\":\"structStudies.ParticipantRecord\",\"name\":\"p\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"}],\"name\":\"getRound\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"openedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"openedBlock\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"closedBlock\",\"type\":\"uint40\"},{\"internalType\":\"enumStudies.RoundStatus\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint16\",\"name\":\"commitments\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"participants\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"samplesBound\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"commitmentsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"accuracy\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"auc\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"loss\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"aggregateHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"scoresHash\",\"type\":\"bytes32\"}],\"internalType\":\"structStudies.RoundRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"getStudy\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"rounds\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"minParticipants\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"threshold\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"coordinator\",\"type\":\"address\"},{\"internalType\":\"uint32\",\"name\":\"strikeLimit\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"currentRound\",\"type\":\"uint32\"},{\"internalType\":\"uint16\",\"name\":\"activeParticipants\",\"type\":\"uint16\"},{\"internalType\":\"bool\",\"name\":\"roundOpen\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"completed\",\"type\":\"bool\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"purpose\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"referenceCommitment\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"robustPolicyHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"}],\"internalType\":\"structStudies.StudyRecord\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isParticipant\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"isSuspended\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"joinStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"leaveStudy\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"momentsSum\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"globalModel\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonSpent\",\"type\":\"uint64\"}],\"name\":\"openRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"sumHash\",\"type\":\"bytes32\"}],\"name\":\"pinMomentsSum\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"uint256[]\",\"name\":\"entries\",\"type\":\"uint256[]\"}],\"name\":\"recordScores\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"reinstate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"member\",\"type\":\"address\"}],\"name\":\"removeParticipant\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"requestRotation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"successor_\",\"type\":\"address\"}],\"name\":\"retire\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epsilonBudget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"delta\",\"type\":\"uint64\"}],\"name\":\"setPrivacyBudget\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"publicKeyHash\",\"type\":\"bytes32\"}],\"name\":\"setPublicKeyHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"standardiserHash\",\"type\":\"bytes32\"}],\"name\":\"setStandardiserHash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"round\",\"type\":\"uint32\"},{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"}],\"name\":\"strikeFlagged\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"studyCount\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"studyId\",\"type\":\"uint64\"}],\"name\":\"studyParticipants\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"out\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"successor\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Studies",
	Bin: "0x610100604052348015610010575f5ffd5b5060405161871c38038061871c83398101604081905261002f91610189565b6001600160a01b038116610077576040516305519d6f60e51b815260206004820152600a602482015269636f6e736f727469756d60b01b604482015260640160405180910390fd5b6001600160a01b03811660805260405181906100929061017c565b6001600160a01b039091168152602001604051809103905ff0801580156100bb573d5f5f3e3d5ffd5b506001600160a01b031660a0524660c052610173604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60e052506101b6565b6134978061528583390190565b5f60208284031215610199575f5ffd5b81516001600160a01b03811681146101af575f5ffd5b9392505050565b60805160a05160c05160e05161504f6102365f395f6136b201525f6135de01525f818161043101528181611df801528181612499015281816131be0152613c3401525f81816104fc01528181610adb01528181611321015281816125e301528181613160015281816136df015281816139bc0152614151015261504f5ff3fe608060405234801561000f575f5ffd5b5060043610610273575f3560e01c80639ad187651161014f578063d9aa7aaa116100ce578063f1257cbb11610093578063fc7e47461161006e578063fc7e4746146106f1578063fd6fd93d14610704578063fe4dca6214610724575f5ffd5b8063f1257cbb1461068c578063f3701a18146106d6578063f698da25146106e9575f5ffd5b8063d9aa7aaa146105ed578063deb9274e1461063b578063e455fa5a1461064e578063e6b499c014610667578063e83da9fc14610679575f5ffd5b8063c38f21f811610114578063c38f21f81461057a578063c41306fd1461059a578063c8235638146105ad578063c9a387a5146105c0578063d2d3a5ae146105d3575f5ffd5b80639ad18765146104f75780639cfa750f1461051e5780639e6371ba14610541578063a86bd69114610554578063bd2e6ac314610567575f5ffd5b8063625493f4116101f557806375f9afcd116101ba578063816e223811610195578063816e2238146104b1578063827429a5146104c457806396b1e279146104e4575f5ffd5b806375f9afcd1461045357806378027a64146104665780637c67266914610479575f5ffd5b8063625493f4146103755780636be6049b146103db5780636d849b62146103ee5780636ff968c3146104015780637110d32e1461042c575f5ffd5b806337479beb1161023b57806337479beb146102f457806341e2525314610329578063429db9ac1461033c5780635c3f09151461034f5780635f5cbe8014610362575f5ffd5b80630362aa6c14610277578063074feaae146102a3578063244d956a146102b85780632d92467b146102d75780632dab3a65146102e1575b5f5ffd5b610286670de0b6b3a764000081565b6040516001600160401b0390911681526020015b60405180910390f35b6102b66102b1366004614461565b610737565b005b6102c2620f424081565b60405163ffffffff909116815260200161029a565b6102866201518081565b6102b66102ef3660046144ec565b610c72565b61031b7fcc5fe3530875c23038ecd4a1d7f5424b9dca3ebd79f37bc32e827caf22d55cf981565b60405190815260200161029a565b61028661033736600461452a565b610db7565b6102b661034a3660046145b3565b61124a565b61031b61035d366004614613565b611260565b6102b6610370366004614661565b611316565b610388610383366004614661565b61147d565b60405161029a91905f60a08201905061ffff835116825261ffff602084015116602083015260408301511515604083015263ffffffff606084015116606083015260808301511515608083015292915050565b6102b66103e9366004614692565b6115db565b6102b66103fc3660046144ec565b6117ef565b600254610414906001600160a01b031681565b6040516001600160a01b03909116815260200161029a565b6104147f000000000000000000000000000000000000000000000000000000000000000081565b6102b66104613660046146ba565b61191e565b61031b6104743660046145b3565b611bff565b61048c610487366004614692565b611c25565b604080519384526001600160401b03928316602085015291169082015260600161029a565b6102b66104bf366004614716565b611cfc565b6104d76104d23660046145b3565b6122ce565b60405161029a9190614770565b6102b66104f23660046146ba565b61248e565b6104147f000000000000000000000000000000000000000000000000000000000000000081565b61053161052c366004614661565b612588565b604051901515815260200161029a565b6102b661054f3660046148fc565b6125d8565b6102b6610562366004614915565b612684565b610531610575366004614661565b61282b565b61058d6105883660046145b3565b612874565b60405161029a9190614998565b6102b66105a83660046149aa565b6129b9565b6102b66105bb3660046145b3565b612bdc565b6102b66105ce3660046149e9565b612dee565b6105db600181565b60405160ff909116815260200161029a565b61031b6105fb366004614a6d565b604080516020808201959095526001600160401b039390931683820152606080840192909252805180840390920182526080909201909152805191012090565b6102b66106493660046145b3565b613155565b5f5461028690600160401b90046001600160401b031681565b5f54610286906001600160401b031681565b6102b6610687366004614aa0565b613219565b61069f61069a366004614692565b61342b565b604080516001600160a01b03909616865263ffffffff9094166020860152928401919091526060830152608082015260a00161029a565b6102b66106e43660046144ec565b613504565b61031b6135db565b6102b66106ff3660046145b3565b6136d4565b610717610712366004614692565b6137c4565b60405161029a9190614b19565b6102b6610732366004614661565b6139b1565b61074084613a13565b506001600160401b0384165f90815260066020908152604080832063ffffffff871684529091529020600180820154600160d01b900460ff16600381111561078a5761078a614af1565b146107c45760405163137b5e4760e21b81526001600160401b038616600482015263ffffffff851660248201526044015b60405180910390fd5b60018101546001600160401b03164211156108175760018101546040516337dc4b8160e01b81526001600160401b03808816600483015263ffffffff8716602483015290911660448201526064016107bb565b811580610825575061ffff82115b1561085d576040516305519d6f60e51b8152602060048201526007602482015266636f6d6d69747360c81b60448201526064016107bb565b60028101545f61086b6135db565b90505f846001600160401b0381111561088657610886614c84565b6040519080825280602002602001820160405280156108af578160200160208202803683370190505b5090505f856001600160401b038111156108cb576108cb614c84565b6040519080825280602002602001820160405280156108f4578160200160208202803683370190505b5090505f866001600160401b0381111561091057610910614c84565b604051908082528060200260200182016040528015610939578160200160208202803683370190505b5090505f876001600160401b0381111561095557610955614c84565b60405190808252806020026020018201604052801561097e578160200160208202803683370190505b5090505f5b88811015610ac157368a8a8381811061099e5761099e614c98565b905060c0020190505f6109b38e8e8a85613a63565b90506109f9898284356109cc60408701602088016145b3565b86604001356040805193845260208401928352830190815260608084209584529390915292909252902090565b985080878481518110610a0e57610a0e614c98565b60200260200101906001600160a01b031690816001600160a01b031681525050815f0135868481518110610a4457610a44614c98565b602002602001018181525050816020016020810190610a6391906145b3565b858481518110610a7557610a75614c98565b60200260200101906001600160401b031690816001600160401b0316815250508160400135848481518110610aac57610aac614c98565b60209081029190910101525050600101610983565b506040516354d05ce160e01b81525f906001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906354d05ce190610b10908890600401614998565b602060405180830381865afa158015610b2b573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610b4f9190614cac565b90505f198114610b9c57848181518110610b6b57610b6b614c98565b60200260200101516040516305b5850b60e21b81526004016107bb91906001600160a01b0391909116815260200190565b6001880154600160f81b900460ff1615610bd357610bd38c86858b60010160089054906101000a90046001600160401b0316613c1d565b8a63ffffffff168c6001600160401b03167f807d1a3f472efdaff75a786fd1ec58de0df3031cf74c1ab4f3c0831dd6d1d31a87878787604051610c199493929190614d2c565b60405180910390a3600288018790556001880180548a9190601b90610c4a908490600160d81b900461ffff16614d97565b92506101000a81548161ffff021916908361ffff160217905550505050505050505050505050565b5f610c7c83613a13565b905081610cbc576040516305519d6f60e51b815260206004820152600d60248201526c0e0eac4d8d2c696caf290c2e6d609b1b60448201526064016107bb565b6001810154600160c01b900463ffffffff1615610cf75760405163180eafcb60e11b81526001600160401b03841660048201526024016107bb565b80546001820154600160c01b90910463ffffffff16600160e01b90910461ffff161015610d6c5780546001820154604051636c9b8c6360e11b81526001600160401b0386166004820152600160c01b90920463ffffffff166024830152600160e01b900461ffff1660448201526064016107bb565b600581018290556040518281526001600160401b038416907f9bc242835ff3fa937e01e64b2110623a5f771d63d5354e981255ccee9e22eeb6906020015b60405180910390a2505050565b6002545f906001600160a01b0316151580610dda57505f546001600160401b0316155b15610e07576002546040516355038db160e01b81526001600160a01b0390911660048201526024016107bb565b89610e40576040516305519d6f60e51b81526020600482015260086024820152670e6e0cac690c2e6d60c31b60448201526064016107bb565b88610e78576040516305519d6f60e51b8152602060048201526007602482015266707572706f736560c81b60448201526064016107bb565b8763ffffffff165f03610eb7576040516305519d6f60e51b8152602060048201526006602482015265726f756e647360d01b60448201526064016107bb565b8563ffffffff165f03610ef9576040516305519d6f60e51b81526020600482015260096024820152681d1a1c995cda1bdb1960ba1b60448201526064016107bb565b8563ffffffff168763ffffffff161015610f56576040516305519d6f60e51b815260206004820152600f60248201527f6d696e5061727469636970616e7473000000000000000000000000000000000060448201526064016107bb565b63ffffffff85161580610f70575061ffff63ffffffff8616115b15610fac576040516305519d6f60e51b815260206004820152600b60248201526a1cdd1c9a5ad9531a5b5a5d60aa1b60448201526064016107bb565b83610ffa576040516305519d6f60e51b815260206004820152601360248201527f7265666572656e6365436f6d6d69746d656e740000000000000000000000000060448201526064016107bb565b6001600160a01b03831661103f576040516305519d6f60e51b815260206004820152600b60248201526a31b7b7b93234b730ba37b960a91b60448201526064016107bb565b5f805460089061105e90600160401b90046001600160401b0316614db1565b91906101000a8154816001600160401b0302191690836001600160401b03160217905590505f60035f836001600160401b03166001600160401b031681526020019081526020015f20905033815f015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555088815f0160146101000a81548163ffffffff021916908363ffffffff16021790555087815f0160186101000a81548163ffffffff021916908363ffffffff16021790555086815f01601c6101000a81548163ffffffff021916908363ffffffff16021790555083816001015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550858160010160146101000a81548163ffffffff021916908363ffffffff1602179055508a8160020181905550898160030181905550848160040181905550828160060181905550836001600160a01b0316336001600160a01b0316836001600160401b03167fd200eb94dd326a99329596b4579be78e0bec32707b3ca0405a144e806d4dcd158e8e8a8f8f8f8f60405161123497969594939291909687526020870195909552604086019390935263ffffffff91821660608601528116608085015290811660a08401521660c082015260e00190565b60405180910390a4509998505050505050505050565b61125d8161125783613ca1565b33613ceb565b50565b5f805b82811015611309576001600160401b0385165f9081526005602052604081208186868581811061129557611295614c98565b90506020020160208101906112aa91906148fc565b6001600160a01b0316815260208101919091526040015f20805490915061ffff1615806112df57508054600160481b900460ff165b806112f357508054640100000000900460ff165b156113005750905061130f565b50600101611263565b505f1990505b9392505050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614611361576040516310ac496560e01b81523360048201526024016107bb565b6001600160401b0382165f9081526005602090815260408083206001600160a01b038516845290915290208054640100000000900460ff166113d05760405163ddb4263960e01b81526001600160401b03841660048201526001600160a01b03831660248201526044016107bb565b805464ffffff00001916808255600160481b900460ff1661143a576001600160401b0383165f9081526003602052604090206001018054600160e01b900461ffff1690601c61141e83614ddb565b91906101000a81548161ffff021916908361ffff160217905550505b6040516001600160a01b038316906001600160401b038516907f21787fc0abe1c8e9210e7cb79204d42f86d35fab9eba5c5660b0cda0c302866b905f90a3505050565b6040805160a0810182525f808252602082018190529181018290526060810182905260808101829052906114b084613ca1565b6001600160401b0385165f9081526005602090815260408083206001600160a01b03881684528252808320815160a081018352905461ffff8082168084526201000083049091169483019490945260ff6401000000008204811615159383019390935263ffffffff650100000000008204166060830152600160481b90049091161515608082015294509192500361154857506115d5565b6001810154600160c01b900463ffffffff165b63ffffffff8116156115d25782516001600160401b0386165f90815260086020818152604080842063ffffffff871685528252808420885160ff941c84168552909152909120546001919092161b16156115c05763ffffffff811660608401526115d2565b806115ca81614df2565b91505061155b565b50505b92915050565b5f6115e583613ca1565b6001600160401b0384165f90815260066020908152604080832063ffffffff871684529091529020909150600180820154600160d01b900460ff16600381111561163157611631614af1565b146116665760405163137b5e4760e21b81526001600160401b038516600482015263ffffffff841660248201526044016107bb565b60018201545f906001600160a01b03163303611690575060018101546001600160401b0316611710565b82546001600160a01b03163314806116cd57506001600160401b0385165f90815260056020908152604080832033845290915290205461ffff1615155b156116f55760018201546116ee9062015180906001600160401b0316614e10565b9050611710565b6040516310ac496560e01b81523360048201526024016107bb565b806001600160401b0316421161175857604051632dae9da160e11b81526001600160401b03808716600483015263ffffffff86166024830152821660448201526064016107bb565b60018201805465ffffffffffff60a81b1916600160a81b4364ffffffffff160260ff60d01b191617600360d01b179081905560408051600160d81b90920461ffff16825251339163ffffffff8716916001600160401b038916917f9c2d48a790aebb74cd95b4239116beafaf1698d0fd95f81bf35d5c7fdc6f0eb6919081900360200190a46117e8858486613ed3565b5050505050565b5f6117f983613a13565b905081611833576040516305519d6f60e51b81526020600482015260076024820152660e6eada90c2e6d60cb1b60448201526064016107bb565b6001810154600160c01b900463ffffffff161561186e5760405163180eafcb60e11b81526001600160401b03841660048201526024016107bb565b6001600160401b0383165f908152600960205260409020548281036118935750505050565b80156118c457604051639e06d2ad60e01b81526001600160401b0385166004820152602481018290526044016107bb565b6001600160401b0384165f8181526009602052604090819020859055517f79be9062ef1d6fd77b6d87ec4b5de899de868fafe25c6bcc22662d757b9a3131906119109086815260200190565b60405180910390a250505050565b61192784613a13565b506001600160401b0384165f90815260066020908152604080832063ffffffff871684529091529020600180820154600160d01b900460ff16600381111561197157611971614af1565b146119a65760405163137b5e4760e21b81526001600160401b038616600482015263ffffffff851660248201526044016107bb565b5f8290036119e1576040516305519d6f60e51b8152602060048201526007602482015266656e747269657360c81b60448201526064016107bb565b5f805b83811015611a7f575f8585838181106119ff576119ff614c98565b60200291909101359150506001600160a01b038116838111611a3757604051635d2cf79d60e11b8152600481018490526024016107bb565b60e882901c15611a74576040516305519d6f60e51b8152602060048201526007602482015266656e747269657360c81b60448201526064016107bb565b9250506001016119e4565b505f82600601548585604051602001611a9a93929190614e2f565b6040516020818303038152906040528051906020012090508083600601819055508563ffffffff16876001600160401b03167fce9b0741cf6383fc4d6a77dcf00fefb469a960c744ee82c20a35c6176493bcb9878785604051611aff93929190614e60565b60405180910390a36001600160401b0387165f90815260016020908152604080832063ffffffff8a168452909152812054905b85811015611bc757600160e0888884818110611b5057611b50614c98565b90506020020135901c165f14611bbf5781878783818110611b7357611b73614c98565b90506020020135604051602001611ba692919091825260601b6bffffffffffffffffffffffff1916602082015260340190565b6040516020818303038152906040528051906020012091505b600101611b32565b506001600160401b039097165f90815260016020908152604080832063ffffffff909916835297905295909520959095555050505050565b5f611c0982613ca1565b50506001600160401b03165f9081526009602052604090205490565b5f5f5f611c3185613ca1565b6003015492506001600160401b03915042905063ffffffff841615611cf5576001600160401b0385165f90815260066020908152604080832063ffffffff881684529091528120906001820154600160d01b900460ff166003811115611c9957611c99614af1565b03611cce576040516313a9d7e560e01b81526001600160401b038716600482015263ffffffff861660248201526044016107bb565b60010154600160801b810464ffffffffff169250600160401b90046001600160401b031690505b9250925092565b5f611d0686613a13565b6001810154909150600160f81b900460ff1615611d4157604051630759a9bd60e51b81526001600160401b03871660048201526024016107bb565b6005810154611d6e57604051638546132360e01b81526001600160401b03871660048201526024016107bb565b6001810154600160f01b900460ff1615611dbe576001810154604051633e42297360e21b81526001600160401b0388166004820152600160c01b90910463ffffffff1660248201526044016107bb565b60018101546040516321fa949960e21b81526001600160401b0388166004820152600160c01b90910463ffffffff1660248201525f9081907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906387ea5264906044016040805180830381865afa158015611e44573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611e689190614eab565b9150915081611e955760405163254871b560e11b81526001600160401b03891660048201526024016107bb565b8260010160189054906101000a900463ffffffff166001611eb69190614ed3565b63ffffffff168763ffffffff1614611f20576001838101548991611ee791600160c01b900463ffffffff1690614ed3565b604051634e588f7960e11b81526001600160401b03909216600483015263ffffffff9081166024830152881660448201526064016107bb565b85611f5c576040516305519d6f60e51b815260206004820152600b60248201526a19db1bd8985b135bd9195b60aa1b60448201526064016107bb565b42856001600160401b031611611f9857604051630f0b00b760e01b81526001600160401b038087166004830152421660248201526044016107bb565b60088301546001600160401b03168015611fcd5760088401546001600160401b03600160801b90910481169086161115611fda565b6001600160401b03851615155b156120205760088401546040516362d503b160e11b81526001600160401b03808c166004830152600160801b9092048216602482015290861660448201526064016107bb565b806001600160401b0316856001600160401b0316111561206e576040516366b8bd6360e01b81526001600160401b03808b1660048301528083166024830152861660448201526064016107bb565b6001808501805460ff60f01b1963ffffffff8c16600160c01b8102919091167fff00ffff00000000ffffffffffffffffffffffffffffffffffffffffffffffff90921691909117600160f01b179091556001600160401b03808c165f90815260066020908152604080832094835293905291909120898155808301805464ffffffffff4316600160801b0274ffffffffff0000000000000000000000000000000019428616600160401b026fffffffffffffffffffffffffffffffff19909316958d16959095179190911793841681178255919392909160ff60d01b19167fffffffffff00ffffffffff0000000000ffffffffffffffffffffffffffffffff90911617600160d01b83021790555060018082018054851515600160f81b026001600160f81b03909116179055600282018990556001600160401b038b165f81815260086020908152604080832063ffffffff8f168085529083528184208480529092529182902093909355517f8697c9ce3a5a3639920afe20a2e8a64d78a3b67dfb9bba91a25574d1adb99e1b9061221b908c908c909182526001600160401b0316602082015260400190565b60405180910390a36001600160401b038216156122c2576008850180546001600160401b03888116600160801b81027fffffffffffffffff0000000000000000ffffffffffffffffffffffffffffffff938416811790945560038501805490931690931790915560405191825263ffffffff8b1691908c16907f913e65ba21ac50cd3fb8e398ea4841fac1920864bc4f2e7072b507f4c979dc349060200160405180910390a35b50505050505050505050565b60408051610260810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c081018290526101e081018290526102008101829052610220810182905261024081019190915261236f82613ca1565b604080516102608101825282546001600160a01b03808216835263ffffffff600160a01b80840482166020860152600160c01b808504831696860196909652600160e01b9384900482166060860152600187015492831660808601528204811660a085015293810490931660c083015261ffff9083041660e082015260ff600160f01b830481161515610100830152600160f81b909204909116151561012082015260028201546101408201526003820154610160820152600482015461018082015260058201546101a082015260068201546101c082015260078201546101e08201526008909101546001600160401b03808216610200840152600160401b82048116610220840152600160801b9091041661024082015292915050565b336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146124d9576040516310ac496560e01b81523360048201526024016107bb565b5f6124e385613ca1565b6001600160401b0386165f90815260016020908152604080832063ffffffff8916845290915281208190559091505b8281101561258057612578868386868581811061253157612531614c98565b905060200201602081019061254691906148fc565b6001600160401b038a165f90815260066020818152604080842063ffffffff8e168552909152822001548a9190613f4b565b600101612512565b505050505050565b6001600160401b0382165f9081526005602090815260408083206001600160a01b03851684529091528120805461ffff16158015906125d057508054600160481b900460ff16155b949350505050565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614612623576040516310ac496560e01b81523360048201526024016107bb565b6002805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0383169081179091556040519081527fda9d2e31afb0de4b09fe65662e5e025013186f59dd81d4946248587a2f77c6df9060200160405180910390a150565b5f61268e84613ca1565b80549091506001600160a01b031633146126bd576040516310ac496560e01b81523360048201526024016107bb565b6001810154600160c01b900463ffffffff161515806126e8575060088101546001600160401b031615155b15612711576040516310b181e760e31b81526001600160401b03851660048201526024016107bb565b826001600160401b03165f0361275a576040516305519d6f60e51b815260206004820152600d60248201526c195c1cda5b1bdb909d5919d95d609a1b60448201526064016107bb565b6001600160401b03821615806127815750670de0b6b3a76400006001600160401b03831610155b156127b7576040516305519d6f60e51b815260206004820152600560248201526464656c746160d81b60448201526064016107bb565b6008810180546001600160401b038581166fffffffffffffffffffffffffffffffff199092168217600160401b868316908102919091179093556040805192835260208301939093528616917fa5a41bec85080fb8f6607b95c8aa904a13abda9f93be9e4c1f0776ec7b5878939101611910565b5f61283583613ca1565b50506001600160401b03919091165f9081526005602090815260408083206001600160a01b039490941683529290522054640100000000900460ff1690565b606061287f82613ca1565b506001600160401b038083165f908152600460205260409020805490918111156128ab576128ab614c84565b6040519080825280602002602001820160405280156128d4578160200160208202803683370190505b5091505f805b82548110156129b0576001600160401b0385165f908152600560205260408120845490919085908490811061291157612911614c98565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff600160481b909104166129a85782818154811061295657612956614c98565b5f918252602090912001546001600160a01b0316848361297581614eef565b94508151811061298757612987614c98565b60200260200101906001600160a01b031690816001600160a01b0316815250505b6001016128da565b50825250919050565b5f6129c385613ca1565b6001600160401b0386165f908152600560209081526040808320338452909152902080549192509061ffff161580612a0357508054600160481b900460ff165b15612a3257604051633e3798ad60e21b81526001600160401b03871660048201523360248201526044016107bb565b63ffffffff85161580612a595750600182015463ffffffff600160c01b9091048116908616115b15612a8e576040516313a9d7e560e01b81526001600160401b038716600482015263ffffffff861660248201526044016107bb565b831580612a99575082155b15612ad0576040516305519d6f60e51b81526004016107bb906020808252600490820152630d0c2e6d60e31b604082015260600190565b604080516001600160401b038816602082015263ffffffff871691810191909152336060820152608081018590525f9060a00160408051601f1981840301815291815281516020928301205f818152600790935291205490915060ff1615612b63576040516315884dcd60e21b81526001600160401b0388166004820152336024820152604481018590526064016107bb565b5f8181526007602052604090819020805460ff1916600117905551339063ffffffff8816906001600160401b038a16907f3e3c29dcef1a654fe2c157ab0062e8f7dcb062586806e0f73443e80d5494f3ee90612bcb908a908a90918252602082015260400190565b60405180910390a450505050505050565b5f612be682613ca1565b9050612bf133614132565b6001810154600160f01b900460ff1680612c1657506001810154600160f81b900460ff165b15612c3f57604051637bd6d00760e11b81526001600160401b03831660048201526024016107bb565b6001600160401b0382165f90815260056020908152604080832033845290915281208054909161ffff90911690819003612d0f576001600160401b0384165f908152600460205260409020805461fffe1901612cb95760405163e509c20d60e01b81526001600160401b03861660048201526024016107bb565b8054612cc6906001614f07565b835461ffff821661ffff1990911617845581546001810183555f9283526020909220909101805473ffffffffffffffffffffffffffffffffffffffff1916331790559050612d49565b8154600160481b900460ff16612d49576040516348d1c17360e01b81526001600160401b03851660048201523360248201526044016107bb565b815469ff0000000000000000001916808355640100000000900460ff16612da357600183018054600160e01b900461ffff1690601c612d8783614ddb565b91906101000a81548161ffff021916908361ffff160217905550505b60405161ffff8216815233906001600160401b038616907f90ede0fc441c10901335eb800a9a020d00969c761f086700ddc8aeb65ab093c8906020015b60405180910390a350505050565b5f612df889613a13565b6001600160401b038a165f90815260066020908152604080832063ffffffff8d1684529091529020909150600180820154600160d01b900460ff166003811115612e4457612e44614af1565b14612e795760405163137b5e4760e21b81526001600160401b038b16600482015263ffffffff8a1660248201526044016107bb565b87612eb7576040516305519d6f60e51b815260206004820152600d60248201526c0c2cecee4cacec2e8ca90c2e6d609b1b60448201526064016107bb565b86612ef1576040516305519d6f60e51b81526020600482015260096024820152680dadec8cad890c2e6d60bb1b60448201526064016107bb565b620f424063ffffffff87161115612f36576040516305519d6f60e51b8152602060048201526008602482015267616363757261637960c01b60448201526064016107bb565b620f424063ffffffff86161115612f76576040516305519d6f60e51b815260206004820152600360248201526261756360e81b60448201526064016107bb565b6001810154600160d81b900461ffff1663ffffffff84161115612fe257600181015460405163637cf4b960e11b81526001600160401b038c16600482015263ffffffff808c166024830152600160d81b90920461ffff16604482015290841660648201526084016107bb565b815463ffffffff600160c01b9091048116908416101561303e578154604051636c9b8c6360e11b81526001600160401b038c166004820152600160c01b90910463ffffffff9081166024830152841660448201526064016107bb565b60018101805465ffffffffffff60a81b1916600160a81b4364ffffffffff160260ff60d01b191617600160d11b1761ffff60e81b1916600160e81b61ffff86160217905560038101805463ffffffff88811667ffffffffffffffff199092168217640100000000898316908102919091176fffffffffffffffff00000000000000001916600160401b6001600160401b038a811691820292909217909555600486018d9055600586018c9055604080518e8152602081018e9052808201959095526060850192909252608084019490945281871660a084015251908c16928d16917f70002ea10999ac178d5d5a5b5ab267618b16c13baf80b6e86bcd3448ca6042a3919081900360c00190a36122c28a838b613ed3565b336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146131a0576040516310ac496560e01b81523360048201526024016107bb565b604051636f5c93a760e11b81526001600160401b03821660048201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063deb9274e906024015f604051808303815f87803b158015613207575f5ffd5b505af11580156117e8573d5f5f3e3d5ffd5b61322233614132565b5f61322d86336141e2565b6001600160401b0387165f90815260066020908152604080832063ffffffff8a1684529091529020909150600180820154600160d01b900460ff16600381111561327957613279614af1565b146132ae5760405163137b5e4760e21b81526001600160401b038816600482015263ffffffff871660248201526044016107bb565b60018101546001600160401b03164211156133015760018101546040516337dc4b8160e01b81526001600160401b03808a16600483015263ffffffff8916602483015290911660448201526064016107bb565b61330c8585856142ba565b6001810154600160f81b900460ff161561336f57606080604051915060018252336020830152604082019050600181528560208201526080820160405261336c8983838660010160089054906101000a90046001600160401b0316613c1d565b50505b61337b8787843361438b565b6002810154604080518781526020810187815291810186815260608083209483523390935292909252902060028201556001808201805461ffff600160d81b80830482169094011690920261ffff60d81b19909216919091179055604080518681526001600160401b038681166020830152918101859052339163ffffffff891691908a16907f9d7764238225742e33d2c9feb13843edced8febdb6528b51efe97bd955efd58990606001612bcb565b5f5f5f5f5f5f61343a88613ca1565b9050806001015f9054906101000a90046001600160a01b0316815f01601c9054906101000a900463ffffffff1660065f8b6001600160401b03166001600160401b031681526020019081526020015f205f8a63ffffffff1663ffffffff1681526020019081526020015f206006015460015f8c6001600160401b03166001600160401b031681526020019081526020015f205f8b63ffffffff1663ffffffff1681526020019081526020015f20546134f06135db565b939c929b5090995097509095509350505050565b5f61350e83613a13565b90508161355e576040516305519d6f60e51b815260206004820152601060248201527f7374616e6461726469736572486173680000000000000000000000000000000060448201526064016107bb565b6001810154600160c01b900463ffffffff16156135995760405163180eafcb60e11b81526001600160401b03841660048201526024016107bb565b600781018290556040518281526001600160401b038416907f75dd602d3a255805f62a3730c16df4b0714455e58afc2f7ab8395166ecdd4a2890602001610daa565b5f7f000000000000000000000000000000000000000000000000000000000000000046146136af576136aa604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527fba00e39a6d26c9e385d084d99a884ba430f12e9364f499d9b0eda4d96447b9a5918101919091527fc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc660608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b905090565b507f000000000000000000000000000000000000000000000000000000000000000090565b336001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161461371f576040516310ac496560e01b81523360048201526024016107bb565b5f546001600160401b031615158061373e57506001600160401b038116155b15613776576040516305519d6f60e51b8152602060048201526007602482015266199a5c9cdd125960ca1b60448201526064016107bb565b5f805467ffffffffffffffff19166001600160401b03831617905561379c600182614f1a565b5f60086101000a8154816001600160401b0302191690836001600160401b0316021790555050565b60408051610220810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101829052610160810182905261018081018290526101a081018290526101c081018290526101e0810182905261020081019190915261385583613ca1565b506001600160401b038084165f90815260066020908152604080832063ffffffff8716845282529182902082516102208101845281548152600182015480861693820193909352600160401b83049094169284019290925264ffffffffff600160801b820481166060850152600160a81b820416608084015260a083019060ff600160d01b9091041660038111156138ef576138ef614af1565b600381111561390057613900614af1565b8152600182015461ffff600160d81b820481166020840152600160e81b820416604083015260ff600160f81b909104161515606082015260028201546080820152600382015463ffffffff80821660a084015264010000000082041660c08301526001600160401b03600160401b8204811660e0840152600160801b909104166101008201526004820154610120820152600582015461014082015260069091015461016090910152905092915050565b336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146139fc576040516310ac496560e01b81523360048201526024016107bb565b613a0f82613a0984613ca1565b83613ceb565b5050565b5f613a1d82613ca1565b60018101549091506001600160a01b03163314613a5e576040516309168c4560e41b81526001600160401b03831660048201523360248201526044016107bb565b919050565b5f613a838235613a7960408501602086016145b3565b84604001356142ba565b5f613b0b8487878635613a9c6040890160208a016145b3565b8860400135604080517fcc5fe3530875c23038ecd4a1d7f5424b9dca3ebd79f37bc32e827caf22d55cf9815260208101969096528501939093526060840191909152608083015260a082015260c0812061190160f01b8252600282019290925260228101919091526042902090565b90507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a060a08401351115613b545760405163748c9d4360e01b81525f60048201526024016107bb565b600181613b676080860160608701614f39565b604080515f8152602081018083529390935260ff90911690820152608080860135606083015260a08087013591830191909152016020604051602081039080840390855afa158015613bbb573d5f5f3e3d5ffd5b5050604051601f1901519250506001600160a01b038216613bfa5760405163748c9d4360e01b81526001600160a01b03831660048201526024016107bb565b5f613c0587846141e2565b9050613c138787838661438b565b5050949350505050565b6040516317c65c3f60e31b81526001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063be32e1f890613c6f908790879087908790600401614f59565b5f6040518083038186803b158015613c85575f5ffd5b505afa158015613c97573d5f5f3e3d5ffd5b5050505050505050565b6001600160401b0381165f90815260036020526040902080546001600160a01b0316613a5e576040516310abe05960e31b81526001600160401b03831660048201526024016107bb565b6001820154600160f01b900460ff1615613d3b576001820154604051633e42297360e21b81526001600160401b0385166004820152600160c01b90910463ffffffff1660248201526044016107bb565b6001600160401b0383165f9081526005602090815260408083206001600160a01b03851684529091529020805461ffff161580613d8057508054600160481b900460ff165b15613db857604051633e3798ad60e21b81526001600160401b03851660048201526001600160a01b03831660248201526044016107bb565b805469ff0000000000000000001916600160481b17808255640100000000900460ff16613e8d576001838101545f91613dfb91600160e01b900461ffff16614fa7565b600585015490915015801590613e2257508354600160c01b900463ffffffff1661ffff8216105b15613e6a578354604051636c9b8c6360e11b81526001600160401b0387166004820152600160c01b90910463ffffffff16602482015261ffff821660448201526064016107bb565b60018401805461ffff909216600160e01b0261ffff60e01b199092169190911790555b6040513381526001600160a01b038316906001600160401b038616907f3749db2eabdc07908a4176ee91c26179781324d969128f979424a24dde7e71d990602001612de0565b60018201805460ff60f01b19169055815463ffffffff600160a01b909104811690821603613f46576001820180546001600160f81b0316600160f81b1790556040516001600160401b038416907fb18a667052240fb0607525e4379f94132190c3b1e0621f6e84551d5dac528a5b905f90a25b505050565b6001600160401b0386165f9081526005602090815260408083206001600160a01b038816845290915281208054909161ffff9091169003613fb957604051633e3798ad60e21b81526001600160401b03881660048201526001600160a01b03861660248201526044016107bb565b805461ffff620100009091048116908114613fdc5780613fd881614ddb565b9150505b815463ffff000019166201000061ffff83160217825560405163ffffffff8616906001600160a01b038816906001600160401b038b16907fbe98ddb9cc489976d1dc78157ea5997cdca03ef316f3751a668ffd350f4674fc9061404490899089908890614fc1565b60405180910390a48154640100000000900460ff1615801561407b57506001870154600160a01b900463ffffffff1661ffff821610155b15613c9757815464ff00000000191664010000000017808355600160481b900460ff166140db57600187018054600160e01b900461ffff1690601c6140bf83614fed565b91906101000a81548161ffff021916908361ffff160217905550505b60405161ffff821681526001600160a01b038716906001600160401b038a16907fd63af59fb09e1b10a40fb4907abfadcd098fe85f381cfc17752a91dfbbde6ef19060200160405180910390a35050505050505050565b60405163288c314960e21b81526001600160a01b0382811660048301527f0000000000000000000000000000000000000000000000000000000000000000169063a230c52490602401602060405180830381865afa158015614196573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906141ba9190615000565b61125d576040516305b5850b60e21b81526001600160a01b03821660048201526024016107bb565b6001600160401b0382165f9081526005602090815260408083206001600160a01b03851684529091528120805461ffff16158061422757508054600160481b900460ff165b156142695761423584613ca1565b50604051633e3798ad60e21b81526001600160401b03851660048201526001600160a01b03841660248201526044016107bb565b8054640100000000900460ff16156142ae5760405163ed4aef2360e01b81526001600160401b03851660048201526001600160a01b03841660248201526044016107bb565b5461ffff169392505050565b82614308576040516305519d6f60e51b815260206004820152600e60248201527f636970686572746578744861736800000000000000000000000000000000000060448201526064016107bb565b816001600160401b03165f0361434f576040516305519d6f60e51b815260206004820152600b60248201526a1cd85b5c1b1950dbdd5b9d60aa1b60448201526064016107bb565b80613f46576040516305519d6f60e51b815260206004820152600b60248201526a18dbdb9cd95b9d149bdbdd60aa1b60448201526064016107bb565b6001600160401b0384165f90815260086020818152604080842063ffffffff8816855282528084209286901c60ff90811685529183905290922054909160019085161b90808216156144165760405163f7ace62160e01b81526001600160401b038816600482015263ffffffff871660248201526001600160a01b03851660448201526064016107bb565b60089490941c60ff165f90815260209290925260409091209217909155505050565b80356001600160401b0381168114613a5e575f5ffd5b803563ffffffff81168114613a5e575f5ffd5b5f5f5f5f60608587031215614474575f5ffd5b61447d85614438565b935061448b6020860161444e565b925060408501356001600160401b038111156144a5575f5ffd5b8501601f810187136144b5575f5ffd5b80356001600160401b038111156144ca575f5ffd5b87602060c0830284010111156144de575f5ffd5b949793965060200194505050565b5f5f604083850312156144fd575f5ffd5b61450683614438565b946020939093013593505050565b80356001600160a01b0381168114613a5e575f5ffd5b5f5f5f5f5f5f5f5f5f6101208a8c031215614543575f5ffd5b8935985060208a0135975061455a60408b0161444e565b965061456860608b0161444e565b955061457660808b0161444e565b945061458460a08b0161444e565b935060c08a0135925061459960e08b01614514565b989b979a5095989497939692955090936101000135919050565b5f602082840312156145c3575f5ffd5b61130f82614438565b5f5f83601f8401126145dc575f5ffd5b5081356001600160401b038111156145f2575f5ffd5b6020830191508360208260051b850101111561460c575f5ffd5b9250929050565b5f5f5f60408486031215614625575f5ffd5b61462e84614438565b925060208401356001600160401b03811115614648575f5ffd5b614654868287016145cc565b9497909650939450505050565b5f5f60408385031215614672575f5ffd5b61467b83614438565b915061468960208401614514565b90509250929050565b5f5f604083850312156146a3575f5ffd5b6146ac83614438565b91506146896020840161444e565b5f5f5f5f606085870312156146cd575f5ffd5b6146d685614438565b93506146e46020860161444e565b925060408501356001600160401b038111156146fe575f5ffd5b61470a878288016145cc565b95989497509550505050565b5f5f5f5f5f60a0868803121561472a575f5ffd5b61473386614438565b94506147416020870161444e565b93506040860135925061475660608701614438565b915061476460808701614438565b90509295509295909350565b81516001600160a01b0316815261026081016020830151614799602084018263ffffffff169052565b5060408301516147b1604084018263ffffffff169052565b5060608301516147c9606084018263ffffffff169052565b5060808301516147e460808401826001600160a01b03169052565b5060a08301516147fc60a084018263ffffffff169052565b5060c083015161481460c084018263ffffffff169052565b5060e083015161482a60e084018261ffff169052565b5061010083015161484061010084018215159052565b5061012083015161485661012084018215159052565b506101408301516101408301526101608301516101608301526101808301516101808301526101a08301516101a08301526101c08301516101c08301526101e08301516101e08301526102008301516148bb6102008401826001600160401b03169052565b506102208301516148d86102208401826001600160401b03169052565b506102408301516148f56102408401826001600160401b03169052565b5092915050565b5f6020828403121561490c575f5ffd5b61130f82614514565b5f5f5f60608486031215614927575f5ffd5b61493084614438565b925061493e60208501614438565b915061494c60408501614438565b90509250925092565b5f8151808452602084019350602083015f5b8281101561498e5781516001600160a01b0316865260209586019590910190600101614967565b5093949350505050565b602081525f61130f6020830184614955565b5f5f5f5f608085870312156149bd575f5ffd5b6149c685614438565b93506149d46020860161444e565b93969395505050506040820135916060013590565b5f5f5f5f5f5f5f5f610100898b031215614a01575f5ffd5b614a0a89614438565b9750614a1860208a0161444e565b96506040890135955060608901359450614a3460808a0161444e565b9350614a4260a08a0161444e565b9250614a5060c08a01614438565b9150614a5e60e08a0161444e565b90509295985092959890939650565b5f5f5f60608486031215614a7f575f5ffd5b83359250614a8f60208501614438565b929592945050506040919091013590565b5f5f5f5f5f60a08688031215614ab4575f5ffd5b614abd86614438565b9450614acb6020870161444e565b935060408601359250614ae060608701614438565b949793965091946080013592915050565b634e487b7160e01b5f52602160045260245ffd5b60048110614b1557614b15614af1565b9052565b81518152602080830151610220830191614b3d908401826001600160401b03169052565b506040830151614b5860408401826001600160401b03169052565b506060830151614b71606084018264ffffffffff169052565b506080830151614b8a608084018264ffffffffff169052565b5060a0830151614b9d60a0840182614b05565b5060c0830151614bb360c084018261ffff169052565b5060e0830151614bc960e084018261ffff169052565b50610100830151614bdf61010084018215159052565b50610120830151610120830152610140830151614c0561014084018263ffffffff169052565b50610160830151614c1f61016084018263ffffffff169052565b50610180830151614c3c6101808401826001600160401b03169052565b506101a0830151614c596101a08401826001600160401b03169052565b506101c08301516101c08301526101e08301516101e083015261020083015161020083015292915050565b634e487b7160e01b5f52604160045260245ffd5b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215614cbc575f5ffd5b5051919050565b5f8151808452602084019350602083015f5b8281101561498e578151865260209586019590910190600101614cd5565b5f8151808452602084019350602083015f5b8281101561498e5781516001600160401b0316865260209586019590910190600101614d05565b608081525f614d3e6080830187614955565b8281036020840152614d508187614cc3565b90508281036040840152614d648186614cf3565b90508281036060840152614d788185614cc3565b979650505050505050565b634e487b7160e01b5f52601160045260245ffd5b61ffff81811683821601908111156115d5576115d5614d83565b5f6001600160401b0382166001600160401b038103614dd257614dd2614d83565b60010192915050565b5f61ffff821661ffff8103614dd257614dd2614d83565b5f63ffffffff821680614e0757614e07614d83565b5f190192915050565b6001600160401b0381811683821601908111156115d5576115d5614d83565b8381525f6001600160fb1b03831115614e46575f5ffd5b8260051b8085602085013791909101602001949350505050565b604081528260408201525f6001600160fb1b03841115614e7e575f5ffd5b8360051b808660608501376020830193909352500160600192915050565b80518015158114613a5e575f5ffd5b5f5f60408385031215614ebc575f5ffd5b614ec583614e9c565b915061468960208401614e9c565b63ffffffff81811683821601908111156115d5576115d5614d83565b5f60018201614f0057614f00614d83565b5060010190565b808201808211156115d5576115d5614d83565b6001600160401b0382811682821603908111156115d5576115d5614d83565b5f60208284031215614f49575f5ffd5b813560ff8116811461130f575f5ffd5b6001600160401b0385168152608060208201525f614f7a6080830186614955565b8281036040840152614f8c8186614cf3565b9150506001600160401b038316606083015295945050505050565b61ffff82811682821603908111156115d5576115d5614d83565b6060810160018510614fd557614fd5614af1565b938152602081019290925261ffff1660409091015290565b5f61ffff821680614e0757614e07614d83565b5f60208284031215615010575f5ffd5b61130f82614e9c56fea2646970667358221220149649bcc3ed7ebce9d3dec0b450ca76af2535cc9f42d1a71c9a5101b020810f64736f6c634300081c003360c060405234801561000f575f5ffd5b5060405161349738038061349783398101604081905261002e91610043565b336080526001600160a01b031660a052610070565b5f60208284031215610053575f5ffd5b81516001600160a01b0381168114610069575f5ffd5b9392505050565b60805160a0516133736101245f395f818161027a01528181610dcc0152818161179c01526123b201525f81816102fb01528181610350015281816104ea015281816105a70152818161074b015281816107e101528181610a2d01528181610c3801528181610d0101528181611192015281816113d80152818161152501528181611724015281816118a30152818161195c015281816120980152818161227401528181612314015261257001526133735ff3fe608060405234801561000f575f5ffd5b5060043610610111575f3560e01c806387ea52641161009e578063b74026d21161006e578063b74026d2146102bd578063be32e1f8146102d0578063c540b82c146102e3578063c7f5a33e146102f6578063deb9274e1461031d575f5ffd5b806387ea5264146102305780638d67799e1461025a5780639ad18765146102755780639c906670146102b4575f5ffd5b80633569308c116100e45780633569308c146101c4578063407923a5146101d75780634b2ed462146101ea5780635c5b53c5146101fd5780638507096b1461021d575f5ffd5b806301f21a0c1461011557806309bb2a651461014f578063243afb38146101645780632a618a7d14610187575b5f5ffd5b61013c7f91873857924e349dcf3879a3ec8a2a2fd085050be77f37ab286a4770b4992f3181565b6040519081526020015b60405180910390f35b61016261015d3660046128fc565b610330565b005b6101776101723660046128fc565b6104b4565b6040519015158152602001610146565b61013c610195366004612928565b6001600160401b0382165f90815260016020908152604080832063ffffffff8516845290915290205492915050565b6101626101d236600461299f565b61056b565b6101626101e5366004612a5e565b6107c1565b6101626101f83660046128fc565b610a0d565b61021061020b3660046128fc565b611008565b6040516101469190612adf565b61016261022b366004612bc8565b611172565b61024361023e366004612928565b611355565b604080519215158352901515602083015201610146565b61026260ff81565b60405161ffff9091168152602001610146565b61029c7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610146565b61013c61010081565b6101626102cb366004612c10565b6113a0565b6101626102de366004612c7d565b61179a565b6101626102f1366004612d0f565b611883565b61029c7f000000000000000000000000000000000000000000000000000000000000000081565b61016261032b3660046128fc565b61208d565b60405163827429a560e01b81526001600160401b03821660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa15801561039e573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906103c29190612e20565b80519091506001600160a01b031633146103f6576040516310ac496560e01b81523360048201526024015b60405180910390fd5b6001600160401b0382165f9081526020819052604090206101a082015115158061042857508054600160f81b900460ff165b1561045157604051631676ee7960e31b81526001600160401b03841660048201526024016103ed565b80547effffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f81b1781556040516001600160401b038416907f31614dc51f26fc44eee69e5810baf653ed89dba952def4d0a292a2ef43bc3509905f90a2505050565b6001600160401b0381165f81815260208190526040808220905163827429a560e01b8152600481019390935290916105659184917f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa158015610538573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061055c9190612e20565b60c0015161213e565b92915050565b60405163f1257cbb60e01b81526001600160401b038716600482015263ffffffff861660248201525f9081908190819081906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063f1257cbb9060440160a060405180830381865afa1580156105ec573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906106109190612f65565b94509450945094509450846001600160a01b0316336001600160a01b03161461064e576040516310ac496560e01b81523360048201526024016103ed565b81610683576040516321ea88e560e21b81526001600160401b038c16600482015263ffffffff8b1660248201526044016103ed565b61068e898984612433565b604080517f91873857924e349dcf3879a3ec8a2a2fd085050be77f37ab286a4770b4992f316020808301919091526001600160401b038e168284015263ffffffff8d16606083015260808083018790528351808403909101815260a08301845280519082012061190160f01b60c084015260c2830185905260e2808401919091528351808403909101815261010290920190925280519101206107348c86838b8b6124f5565b6040516396b1e27960e01b81526001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906396b1e27990610786908f908f908f908f90600401612ff2565b5f604051808303815f87803b15801561079d575f5ffd5b505af11580156107af573d5f5f3e3d5ffd5b50505050505050505050505050505050565b60405163827429a560e01b81526001600160401b03841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa15801561082f573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906108539190612e20565b905080608001516001600160a01b0316336001600160a01b03161461088d576040516310ac496560e01b81523360048201526024016103ed565b80610100015115806108af57508060c0015163ffffffff168363ffffffff1614155b156108e45760405163137b5e4760e21b81526001600160401b038516600482015263ffffffff841660248201526044016103ed565b81610932576040516305519d6f60e51b815260206004820152601060248201527f636f6e7472696275746f7273486173680000000000000000000000000000000060448201526064016103ed565b6001600160401b0384165f90815260016020908152604080832063ffffffff87168452909152902054828103610969575050505050565b80156109a657604051632a7bec6760e11b81526001600160401b038616600482015263ffffffff85166024820152604481018290526064016103ed565b6001600160401b0385165f81815260016020908152604080832063ffffffff891680855290835292819020879055518681529192917feb790941d96c4068a89c3ae00760961bc26cd8097921347e156c5e595ab638ec910160405180910390a35050505050565b60405163827429a560e01b81526001600160401b03821660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa158015610a7b573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610a9f9190612e20565b905080608001516001600160a01b0316336001600160a01b031614610ad9576040516310ac496560e01b81523360048201526024016103ed565b6001600160401b0382165f9081526020819052604081208054909161ffff9091169003610b2457604051634b1ad32960e01b81526001600160401b03841660048201526024016103ed565b81610100015115610b655760c0820151604051633e42297360e21b81526001600160401b038516600482015263ffffffff90911660248201526044016103ed565b610b7483828460c0015161213e565b15610bb25780546040516309320bb960e01b81526001600160401b0385166004820152600160301b90910463ffffffff1660248201526044016103ed565b8054600160b81b90046001600160401b03168015801590610be75750610be36101006001600160401b03831661303e565b4311155b15610c1857604051630246f84760e01b81526001600160401b038086166004830152821660248201526044016103ed565b604051631871e43f60e31b81526001600160401b03851660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063c38f21f8906024015f60405180830381865afa158015610c84573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f19168201604052610cab9190810190613051565b90505f81516001600160401b03811115610cc757610cc7612d5f565b604051908082528060200260200182016040528015610cf0578160200160208202803683370190505b5090505f805b8351811015610ee3577f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663bd2e6ac389868481518110610d4157610d41613103565b60200260200101516040518363ffffffff1660e01b8152600401610d839291906001600160401b039290921682526001600160a01b0316602082015260400190565b602060405180830381865afa158015610d9e573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610dc29190613117565b158015610e7d57507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663a230c524858381518110610e0b57610e0b613103565b60200260200101516040518263ffffffff1660e01b8152600401610e3e91906001600160a01b0391909116815260200190565b602060405180830381865afa158015610e59573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610e7d9190613117565b15610edb57838181518110610e9457610e94613103565b6020026020010151838380610ea890613130565b945081518110610eba57610eba613103565b60200260200101906001600160a01b031690816001600160a01b0316815250505b600101610cf6565b50856060015163ffffffff16811015610f34576060860151604051636c9b8c6360e11b81526001600160401b038916600482015263ffffffff918216602482015290821660448201526064016103ed565b80825284547fff0000000000000000ffffffffffffffffffffffffffffffffffffffffffffff16600160b81b436001600160401b031602178555604051610f7f908390602001613148565b60408051808303601f19018152919052805160209091012060038601558454610fb690600160301b900463ffffffff16600161315a565b63ffffffff16876001600160401b03167fb0f873e5d08ab680fbf5f7d3202d0756499faff76b60609450d0bcc7ed0fcf3d4385604051610ff7929190613176565b60405180910390a350505050505050565b60408051610160810182525f8082526020820181905291810182905260608082018390526080820183905260a0820183905260c0820183905260e0820183905261010082018390526101208201526101408101919091526001600160401b038083165f9081526020818152604091829020825161016081018452815461ffff8116825263ffffffff620100008204811683860152600160301b8204811683870152600160501b8204166060830152600160701b81048616608083015260ff600160b01b82048116151560a0840152600160b81b820490961660c0830152600160f81b9004909416151560e08501526001810154610100850152600281018054845181850281018501909552808552919361012086019390929083018282801561115857602002820191905f5260205f20905b81546001600160a01b0316815260019091019060200180831161113a575b505050505081526020016003820154815250509050919050565b60405163827429a560e01b81526001600160401b03841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa1580156111e0573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906112049190612e20565b80519091506001600160a01b03163314611233576040516310ac496560e01b81523360048201526024016103ed565b6001600160401b0384165f9081526020819052604090206101a08201511515806112615750805461ffff1615155b1561128a57604051633a0dd41160e21b81526001600160401b03861660048201526024016103ed565b816060015163ffffffff168461ffff1610806112aa575060ff61ffff8516115b156112e1576040516305519d6f60e51b81526004016103ed9060208082526004908201526373697a6560e01b604082015260600190565b805461ffff851665ffffffffffff1990911681176201000063ffffffff86169081029190911783556040805192835260208301919091526001600160401b038716917fb4f5e1b2842e3f8315c3fd03d893a1909ed7c8f301b7e10a72c1ab6beb89134f910160405180910390a25050505050565b6001600160401b0382165f908152602081905260408120805482919061ffff161580611387575061138785828661213e565b9054909250600160f81b900460ff1690505b9250929050565b60405163f1257cbb60e01b81526001600160401b038616600482015263ffffffff851660248201525f90819081906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063f1257cbb9060440160a060405180830381865afa15801561141d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906114419190612f65565b5091955093509150819050611480576040516321ea88e560e21b81526001600160401b038916600482015263ffffffff881660248201526044016103ed565b8186146114be57604051635686d46960e11b81526001600160401b038916600482015263ffffffff88166024820152604481018390526064016103ed565b6114c9858583612433565b6040805160018082528183019092525f916020808301908036833701905050905033815f815181106114fd576114fd613103565b6001600160a01b039283166020918202929092010152604051635c3f091560e01b81525f19917f00000000000000000000000000000000000000000000000000000000000000001690635c3f09159061155c908d908690600401613176565b602060405180830381865afa158015611577573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061159b919061319f565b146115ca576040516313c7b09760e01b81526001600160401b038a1660048201523360248201526044016103ed565b604080516001600160401b038b16602082015263ffffffff8a1691810191909152606081018890525f9060800160408051601f1981840301815291815281516020928301205f8181526003845282812033825290935291205490915060ff16156116645760405163f6db8d4760e01b81526001600160401b038b16600482015263ffffffff8a1660248201523360448201526064016103ed565b5f8181526003602090815260408083203384528252808320805460ff19166001908117909155848452600290925282205461169e9161303e565b5f8381526002602090815260409182902083905581518c8152908101839052919250339163ffffffff8d16916001600160401b038f16917fba9d7ec5340dcc8e87e31af07f0fd6ee7658b0c4f2a389cce9aae55e7d9a0626910160405180910390a48563ffffffff16811061178d576040516396b1e27960e01b81526001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906396b1e2799061175f908e908e908d908d90600401612ff2565b5f604051808303815f87803b158015611776575f5ffd5b505af1158015611788573d5f5f3e3d5ffd5b505050505b5050505050505050505050565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663b3d3404a6040518163ffffffff1660e01b8152600401602060405180830381865afa1580156117f6573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061181a91906131b6565b6001600160a01b031663be32e1f88787878787876040518763ffffffff1660e01b815260040161184f969594939291906131d1565b5f6040518083038186803b158015611865575f5ffd5b505afa158015611877573d5f5f3e3d5ffd5b50505050505050505050565b60405163827429a560e01b81526001600160401b03841660048201525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063827429a59060240161026060405180830381865afa1580156118f1573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906119159190612e20565b905080608001516001600160a01b0316336001600160a01b0316141580156119cf5750604051639cfa750f60e01b81526001600160401b03851660048201523360248201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690639cfa750f90604401602060405180830381865afa1580156119a9573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906119cd9190613117565b155b156119ef576040516310ac496560e01b81523360048201526024016103ed565b6001600160401b038085165f90815260208190526040812080549092600160b81b9091041690819003611a4057604051630e7dc9a160e01b81526001600160401b03871660048201526024016103ed565b81600301548585604051602001611a58929190613255565b6040516020818303038152906040528051906020012014611a9757604051630a8023eb60e01b81526001600160401b03871660048201526024016103ed565b806001600160401b03164311611ad357604051637f29c10560e11b81526001600160401b038088166004830152821660248201526044016103ed565b6001600160401b0381164080611b0f576040516310d735d160e21b81526001600160401b038089166004830152831660248201526044016103ed565b82545f90611b2b90600160301b900463ffffffff16600161315a565b604080516001600160401b038b16602082015263ffffffff831691810191909152606081018490529091505f9060800160408051601f198184030181529190528051602090910120855490915061ffff165f816001600160401b03811115611b9557611b95612d5f565b604051908082528060200260200182016040528015611bbe578160200160208202803683370190505b5090505f826001600160401b03811115611bda57611bda612d5f565b604051908082528060200260200182016040528015611c03578160200160208202803683370190505b5090505f805b8b811015611e1e575f8d8d83818110611c2457611c24613103565b9050602002016020810190611c399190613268565b90505f8782604051602001611c619291909182526001600160a01b0316602082015260400190565b604051602081830303815290604052805190602001205f1c90508684148015611cad575085611c91600189613283565b81518110611ca157611ca1613103565b60200260200101518110155b15611cb9575050611e16565b5f878510611cd157611ccc600189613283565b611cde565b84611cdb81613130565b95505b90505b5f81118015611d1257508187611cf8600184613283565b81518110611d0857611d08613103565b6020026020010151115b15611dc25786611d23600183613283565b81518110611d3357611d33613103565b602002602001015186600183611d499190613283565b81518110611d5957611d59613103565b6020026020010151888381518110611d7357611d73613103565b60200260200101888481518110611d8c57611d8c613103565b60200260200101826001600160a01b03166001600160a01b03168152508281525050508080611dba90613296565b915050611ce1565b8183888381518110611dd657611dd6613103565b60200260200101888481518110611def57611def613103565b60200260200101826001600160a01b03166001600160a01b03168152508281525050505050505b600101611c09565b505f816001600160401b03811115611e3857611e38612d5f565b604051908082528060200260200182016040528015611e61578160200160208202803683370190505b5090505f5b82811015611f6d575f848281518110611e8157611e81613103565b602002602001015190505f8290505b5f81118015611ed357506001600160a01b03821684611eb0600184613283565b81518110611ec057611ec0613103565b60200260200101516001600160a01b0316115b15611f385783611ee4600183613283565b81518110611ef457611ef4613103565b6020026020010151848281518110611f0e57611f0e613103565b6001600160a01b039092166020928302919091019091015280611f3081613296565b915050611e90565b81848281518110611f4b57611f4b613103565b6001600160a01b03909216602092830291909101909101525050600101611e66565b50895460c08c01516dffffffffffffffff00000000000019909116600160301b63ffffffff8a8116919091026dffffffff00000000000000000000191691909117600160501b9190921602177fff0000000000000000000000000000000000ffffffffffffffffffffffffffff16600160701b436001600160401b0316027fff000000000000000000ffffffffffffffffffffffffffffffffffffffffffff16178a555f60038b015560018a0186905580516120329060028c01906020840190612861565b508663ffffffff168e6001600160401b03167fc919bc3830410f38d9a9f5e118fab588d65a7edb30f598fe16b9479f132ff9ae88846040516120759291906132ab565b60405180910390a35050505050505050505050505050565b336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146120d8576040516310ac496560e01b81523360048201526024016103ed565b6001600160401b0381165f818152602081905260408082208054600160b01b60ff60b01b199091161780825591519093600160301b90920463ffffffff16927fbd4adf5b0782c041a26dd14388a14ac536036f89de2c6f7594dff9582d3b65ea91a35050565b81545f9063ffffffff620100008204811691600160301b900416158061216c57508354600160b01b900460ff165b806121ac575063ffffffff8116158015906121ac5750835461219c908290600160501b900463ffffffff1661315a565b63ffffffff168363ffffffff1610155b156121ba575f91505061242c565b5f8460020180548060200260200160405190810160405280929190818152602001828054801561221157602002820191905f5260205f20905b81546001600160a01b031681526001909101906020018083116121f3575b509394505f93505050505b8151811015612397575f82828151811061223857612238613103565b6020908102919091010151604051639cfa750f60e01b81526001600160401b038a1660048201526001600160a01b0380831660248301529192507f000000000000000000000000000000000000000000000000000000000000000090911690639cfa750f90604401602060405180830381865afa1580156122bb573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906122df9190613117565b158061237d575060405163bd2e6ac360e01b81526001600160401b03891660048201526001600160a01b0382811660248301527f0000000000000000000000000000000000000000000000000000000000000000169063bd2e6ac390604401602060405180830381865afa158015612359573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061237d9190613117565b1561238e575f94505050505061242c565b5060010161221c565b506040516354d05ce160e01b81525f19906001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016906354d05ce1906123e7908590600401613148565b602060405180830381865afa158015612402573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612426919061319f565b14925050505b9392505050565b5f805b838110156124b4578185858381811061245157612451613103565b90506020020160208101906124669190613268565b60405160200161249292919091825260601b6bffffffffffffffffffffffff1916602082015260340190565b60408051601f1981840301815291905280516020909101209150600101612436565b508181146124ef576040516305519d6f60e51b8152602060048201526007602482015266199b1859d9d95960ca1b60448201526064016103ed565b50505050565b5f612501848484612615565b905080515f148061251857508463ffffffff168151105b1561255757805160405163420bda0960e11b81526001600160401b038816600482015263ffffffff8716602482015260448101919091526064016103ed565b604051635c3f091560e01b81525f906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690635c3f0915906125a7908a908690600401613176565b602060405180830381865afa1580156125c2573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906125e6919061319f565b90505f19811461260c57604051631db0bd0d60e01b8152600481018290526024016103ed565b50505050505050565b60605f6126236041846132c3565b90506126308160416132e2565b831461266e576040516305519d6f60e51b815260206004820152600c60248201526b656e646f7273656d656e747360a01b60448201526064016103ed565b806001600160401b0381111561268657612686612d5f565b6040519080825280602002602001820160405280156126af578160200160208202803683370190505b5091505f805b82811015612766575f6126f88888886126cf8660416132e2565b906126db8760416132e2565b6126e690604161303e565b926126f3939291906132f9565b612770565b9050826001600160a01b0316816001600160a01b03161161272f57604051631db0bd0d60e01b8152600481018390526024016103ed565b8092508285838151811061274557612745613103565b6001600160a01b0390921660209283029190910190910152506001016126b5565b5050509392505050565b5f7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a06127a06040602085876132f9565b6127a991613320565b11156127b657505f61242c565b600184848460408181106127cc576127cc613103565b919091013560f81c90506127e360205f87896132f9565b6127ec91613320565b6127fa60406020888a6132f9565b61280391613320565b604080515f8152602081018083529590955260ff909316928401929092526060830152608082015260a0016020604051602081039080840390855afa15801561284e573d5f5f3e3d5ffd5b5050604051601f19015195945050505050565b828054828255905f5260205f209081019282156128c1579160200282015b828111156128c1578251825473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0390911617825560209092019160019091019061287f565b506128cd9291506128d1565b5090565b5b808211156128cd575f81556001016128d2565b6001600160401b03811681146128f9575f5ffd5b50565b5f6020828403121561290c575f5ffd5b813561242c816128e5565b63ffffffff811681146128f9575f5ffd5b5f5f60408385031215612939575f5ffd5b8235612944816128e5565b9150602083013561295481612917565b809150509250929050565b5f5f83601f84011261296f575f5ffd5b5081356001600160401b03811115612985575f5ffd5b6020830191508360208260051b8501011115611399575f5ffd5b5f5f5f5f5f5f608087890312156129b4575f5ffd5b86356129bf816128e5565b955060208701356129cf81612917565b945060408701356001600160401b038111156129e9575f5ffd5b6129f589828a0161295f565b90955093505060608701356001600160401b03811115612a13575f5ffd5b8701601f81018913612a23575f5ffd5b80356001600160401b03811115612a38575f5ffd5b896020828401011115612a49575f5ffd5b60208201935080925050509295509295509295565b5f5f5f60608486031215612a70575f5ffd5b8335612a7b816128e5565b92506020840135612a8b81612917565b929592945050506040919091013590565b5f8151808452602084019350602083015f5b82811015612ad55781516001600160a01b0316865260209586019590910190600101612aae565b5093949350505050565b60208152612af460208201835161ffff169052565b5f6020830151612b0c604084018263ffffffff169052565b50604083015163ffffffff8116606084015250606083015163ffffffff811660808401525060808301516001600160401b03811660a08401525060a083015180151560c08401525060c08301516001600160401b03811660e08401525060e083015180151561010084015250610100830151610120830152610120830151610160610140840152612ba1610180840182612a9c565b90506101408401516101608401528091505092915050565b61ffff811681146128f9575f5ffd5b5f5f5f60608486031215612bda575f5ffd5b8335612be5816128e5565b92506020840135612bf581612bb9565b91506040840135612c0581612917565b809150509250925092565b5f5f5f5f5f60808688031215612c24575f5ffd5b8535612c2f816128e5565b94506020860135612c3f81612917565b93506040860135925060608601356001600160401b03811115612c60575f5ffd5b612c6c8882890161295f565b969995985093965092949392505050565b5f5f5f5f5f5f60808789031215612c92575f5ffd5b8635612c9d816128e5565b955060208701356001600160401b03811115612cb7575f5ffd5b612cc389828a0161295f565b90965094505060408701356001600160401b03811115612ce1575f5ffd5b612ced89828a0161295f565b9094509250506060870135612d01816128e5565b809150509295509295509295565b5f5f5f60408486031215612d21575f5ffd5b8335612d2c816128e5565b925060208401356001600160401b03811115612d46575f5ffd5b612d528682870161295f565b9497909650939450505050565b634e487b7160e01b5f52604160045260245ffd5b60405161026081016001600160401b0381118282101715612d9657612d96612d5f565b60405290565b604051601f8201601f191681016001600160401b0381118282101715612dc457612dc4612d5f565b604052919050565b6001600160a01b03811681146128f9575f5ffd5b8051612deb81612dcc565b919050565b8051612deb81612917565b8051612deb81612bb9565b80518015158114612deb575f5ffd5b8051612deb816128e5565b5f610260828403128015612e32575f5ffd5b50612e3b612d73565b612e4483612de0565b8152612e5260208401612df0565b6020820152612e6360408401612df0565b6040820152612e7460608401612df0565b6060820152612e8560808401612de0565b6080820152612e9660a08401612df0565b60a0820152612ea760c08401612df0565b60c0820152612eb860e08401612dfb565b60e0820152612eca6101008401612e06565b610100820152612edd6101208401612e06565b6101208201526101408381015190820152610160808401519082015261018080840151908201526101a080840151908201526101c080840151908201526101e08084015190820152612f326102008401612e15565b610200820152612f456102208401612e15565b610220820152612f586102408401612e15565b6102408201529392505050565b5f5f5f5f5f60a08688031215612f79575f5ffd5b8551612f8481612dcc565b6020870151909550612f9581612917565b6040870151606088015160809098015196999198509695945092505050565b8183526020830192505f815f5b84811015612ad5578135612fd481612dcc565b6001600160a01b031686526020958601959190910190600101612fc1565b6001600160401b038516815263ffffffff84166020820152606060408201525f613020606083018486612fb4565b9695505050505050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156105655761056561302a565b5f60208284031215613061575f5ffd5b81516001600160401b03811115613076575f5ffd5b8201601f81018413613086575f5ffd5b80516001600160401b0381111561309f5761309f612d5f565b8060051b6130af60208201612d9c565b918252602081840181019290810190878411156130ca575f5ffd5b6020850194505b838510156130f857845192506130e683612dcc565b828252602094850194909101906130d1565b979650505050505050565b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215613127575f5ffd5b61242c82612e06565b5f600182016131415761314161302a565b5060010190565b602081525f61242c6020830184612a9c565b63ffffffff81811683821601908111156105655761056561302a565b6001600160401b0383168152604060208201525f6131976040830184612a9c565b949350505050565b5f602082840312156131af575f5ffd5b5051919050565b5f602082840312156131c6575f5ffd5b815161242c81612dcc565b6001600160401b0387168152608060208201525f6131f3608083018789612fb4565b828103604084015284815285906020015f5b86811015613235578235613218816128e5565b6001600160401b0316825260209283019290910190600101613205565b5080925050506001600160401b0383166060830152979650505050505050565b602081525f613197602083018486612fb4565b5f60208284031215613278575f5ffd5b813561242c81612dcc565b818103818111156105655761056561302a565b5f816132a4576132a461302a565b505f190190565b828152604060208201525f6131976040830184612a9c565b5f826132dd57634e487b7160e01b5f52601260045260245ffd5b500490565b80820281158282048414176105655761056561302a565b5f5f85851115613307575f5ffd5b83861115613313575f5ffd5b5050820193919092039150565b80356020831015610565575f19602084900360031b1b169291505056fea264697066735822122032efe9029e716235c2842a06198bba390e03b1af63b289094584d71795e7eb1564736f6c634300081c0033",
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
// the contract method with ID 0x074feaae.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitUpdates(uint64 studyId, uint32 round, (bytes32,uint64,bytes32,uint8,bytes32,bytes32)[] commits) returns()
func (studies *Studies) PackCommitUpdates(studyId uint64, round uint32, commits []StudiesSignedCommitment) []byte {
	enc, err := studies.abi.Pack("commitUpdates", studyId, round, commits)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitUpdates is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x074feaae.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitUpdates(uint64 studyId, uint32 round, (bytes32,uint64,bytes32,uint8,bytes32,bytes32)[] commits) returns()
func (studies *Studies) TryPackCommitUpdates(studyId uint64, round uint32, commits []StudiesSignedCommitment) ([]byte, error) {
	return studies.abi.Pack("commitUpdates", studyId, round, commits)
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
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bool,bytes32,uint32,uint32,uint64,uint64,bytes32,bytes32,bytes32))
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
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bool,bytes32,uint32,uint32,uint64,uint64,bytes32,bytes32,bytes32))
func (studies *Studies) TryPackGetRound(studyId uint64, round uint32) ([]byte, error) {
	return studies.abi.Pack("getRound", studyId, round)
}

// UnpackGetRound is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfd6fd93d.
//
// Solidity: function getRound(uint64 studyId, uint32 round) view returns((bytes32,uint64,uint64,uint40,uint40,uint8,uint16,uint16,bool,bytes32,uint32,uint32,uint64,uint64,bytes32,bytes32,bytes32))
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
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint64))
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
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint64))
func (studies *Studies) TryPackGetStudy(studyId uint64) ([]byte, error) {
	return studies.abi.Pack("getStudy", studyId)
}

// UnpackGetStudy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x827429a5.
//
// Solidity: function getStudy(uint64 studyId) view returns((address,uint32,uint32,uint32,address,uint32,uint32,uint16,bool,bool,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,uint64,uint64,uint64))
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
