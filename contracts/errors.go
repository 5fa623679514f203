package contracts

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"
)

// Sentinel errors. Each custom Solidity error of the Cohort contract maps to
// one of them; test with errors.Is. The concrete error is a *RevertError that
// also carries the Solidity error's name and arguments.
var (
	// ErrNotMember: the sender (or a founder entry) is not an active consortium member.
	ErrNotMember = errors.New("contracts: sender is not an active consortium member; a member must be admitted first")
	// ErrNotCoordinator: only the study's coordinator may do this.
	ErrNotCoordinator = errors.New("contracts: sender is not the study's coordinator; send from the coordinator account named at study creation")
	// ErrNotParticipant: the sender (or the member named) is not a current
	// participant of the study: it never joined or it left.
	ErrNotParticipant = errors.New("contracts: not a participant of the study (never joined, or left); join it while no round is open")
	// ErrDuplicateMember: the address is already a consortium member.
	ErrDuplicateMember = errors.New("contracts: address is already a consortium member")
	// ErrStudyNotFound: no study has this id.
	ErrStudyNotFound = errors.New("contracts: no study with this id; check the id `cohort study create` printed (the dashboard lists every study)")
	// ErrAlreadyJoined: the member has already joined the study.
	ErrAlreadyJoined = errors.New("contracts: member has already joined the study")
	// ErrRemovedByVote: the consortium's members voted this hospital out of
	// the study (ProposeExclusion); it may join again only once a
	// reinstatement vote carries.
	ErrRemovedByVote = errors.New("contracts: the consortium's members voted this hospital out of the study, so it cannot join again by itself; a reinstatement vote must carry first (a member proposes it with 'cohort member reinstate --study ID --member ADDR', others vote with 'cohort member vote')")
	// ErrAlreadyRemoved: an exclusion names a hospital the members already
	// voted out of the study.
	ErrAlreadyRemoved = errors.New("contracts: the consortium's members already voted this hospital out of the study; there is nothing to exclude ('cohort study show' lists it as removed)")
	// ErrNeverJoined: an exclusion names an account that never joined the study.
	ErrNeverJoined = errors.New("contracts: the member named never joined the study, so there is nothing to exclude it from; check the address and the study id ('cohort study show' lists the participants)")
	// ErrEnrolmentClosed: a round is open or the study completed, so no member can join now.
	ErrEnrolmentClosed = errors.New("contracts: the study admits no participant now (a round is open, or the study completed); join between rounds")
	// ErrStudyFull: the study has reached the maximum number of participants (65535).
	ErrStudyFull = errors.New("contracts: study has the maximum number of participants")
	// ErrPublicKeyLocked: a round has opened, so the collective public key can no longer change.
	ErrPublicKeyLocked = errors.New("contracts: the study's public key cannot change once a round has opened")
	// ErrPublicKeyNotSet: no round may open before the collective public key hash is recorded.
	ErrPublicKeyNotSet = errors.New("contracts: the study's collective public key hash is not set; record it with SetPublicKeyHash first")
	// ErrPublicKeyRetired: the key named was the study's key and was
	// replaced by another; a replaced key is never set again.
	ErrPublicKeyRetired = errors.New("contracts: the study had this public key and replaced it, and a replaced key is never set again; run key generation again for a new key")
	// ErrTooFewParticipants: fewer participants than the study's minimum, or
	// a leave or removal that would leave fewer active participants than it.
	ErrTooFewParticipants = errors.New("contracts: fewer participants than the study's minimum (a leave or removal may not take the study below it)")
	// ErrStudyCompleted: all the study's rounds have run.
	ErrStudyCompleted = errors.New("contracts: the study has completed all its rounds")
	// ErrRoundOutOfOrder: rounds open in sequence starting at 1.
	ErrRoundOutOfOrder = errors.New("contracts: round out of order; rounds open in sequence starting at 1")
	// ErrRoundStillOpen: the previous round must close before the next opens.
	ErrRoundStillOpen = errors.New("contracts: the previous round is still open; close it first")
	// ErrRoundNotOpen: the round never opened or has closed.
	ErrRoundNotOpen = errors.New("contracts: round is not open")
	// ErrInvalidDeadline: a round's deadline must be after the latest block's time.
	ErrInvalidDeadline = errors.New("contracts: round deadline is not in the future")
	// ErrDeadlinePassed: the round's deadline has passed; commitments are refused.
	ErrDeadlinePassed = errors.New("contracts: the round's deadline has passed")
	// ErrAlreadyCommitted: a member commits once per round.
	ErrAlreadyCommitted = errors.New("contracts: member already committed an update in this round")
	// ErrParticipantsExceedCommitments: a round cannot aggregate more updates than were committed.
	ErrParticipantsExceedCommitments = errors.New("contracts: more participants claimed than updates committed in the round")
	// ErrInvalidParameter: a parameter is zero, empty or out of range.
	ErrInvalidParameter = errors.New("contracts: invalid parameter")
	// ErrNotAuthorised: the sender plays no role that allows this (abandoning a
	// round takes the coordinator, the study owner or a participant).
	ErrNotAuthorised = errors.New("contracts: sender is not allowed to do this; send from the study's coordinator, owner or a participant")
	// ErrLastMember: removing the member would leave the consortium empty.
	ErrLastMember = errors.New("contracts: cannot remove the consortium's last active member")
	// ErrDeadlineNotPassed: a round may be abandoned only after its deadline
	// (plus the abandon grace period for anyone but the coordinator).
	ErrDeadlineNotPassed = errors.New("contracts: the round's deadline (and grace period) has not passed; close the round or wait")
	// ErrSuspended: the member is suspended from the study (too many strikes)
	// until members vote to reinstate it.
	ErrSuspended = errors.New("contracts: member is suspended from the study; members must vote to reinstate it")
	// ErrNotSuspended: reinstatement proposed for a member that is neither
	// suspended from the study nor removed from it by a vote.
	ErrNotSuspended = errors.New("contracts: member is neither suspended from the study nor removed from it by a vote; there is nothing to reinstate")
	// ErrDuplicateEvidence: the same evidence was already reported against the member in the study.
	ErrDuplicateEvidence = errors.New("contracts: this evidence was already reported against the member")
	// ErrUnsortedScores: score entries must name distinct members in increasing address order.
	ErrUnsortedScores = errors.New("contracts: score entries are not sorted by strictly increasing member address")
	// ErrProposalNotFound: no proposal has this id.
	ErrProposalNotFound = errors.New("contracts: no proposal with this id")
	// ErrProposalClosed: the proposal has already been executed.
	ErrProposalClosed = errors.New("contracts: the proposal has already been executed")
	// ErrProposalExpired: the proposal's voting period is over; propose again.
	ErrProposalExpired = errors.New("contracts: the proposal's voting period is over; make a new proposal")
	// ErrAlreadyVoted: a member votes once per proposal.
	ErrAlreadyVoted = errors.New("contracts: member already voted for this proposal")
	// ErrBadSignature: the consent change is not signed by the patient's key.
	ErrBadSignature = errors.New("contracts: consent signature was not made by the patient's key; sign with the key whose PatientID is the patient")
	// ErrInvalidNonce: the consent change's nonce is not the next one for the
	// patient and scope: the signature was replayed or is stale. Sign again
	// with the nonce from ConsentNonce.
	ErrInvalidNonce = errors.New("contracts: consent nonce is not the next one for this patient and scope (replayed or stale signature); sign again with the current nonce")
	// ErrDuplicateConsent: a change given again in one batch; the first
	// copy is relayed, the others are not.
	ErrDuplicateConsent = errors.New("contracts: the same signed consent change is earlier in the batch; it is relayed once")
	// ErrConsentExpired: the consent has expired, or a grant's expiry is not in the future.
	ErrConsentExpired = errors.New("contracts: consent is expired (a grant needs an expiry in the future)")
	// ErrConsentRevoked: the patient revoked consent for the study or its purpose.
	ErrConsentRevoked = errors.New("contracts: the patient revoked consent")
	// ErrNoConsent: the patient never granted consent for the study or its purpose.
	ErrNoConsent = errors.New("contracts: the patient has not granted consent for this study or its purpose")

	// ErrModuleRetired: a consortium vote replaced the module (a Studies
	// module takes no new study, a ConsentRegistry no relay); Open the ledger
	// again to use the current modules.
	ErrModuleRetired = errors.New("contracts: the ledger module was replaced by a consortium vote; use the current module (open the ledger again)")
	// ErrModuleMismatch: the module does not serve this consortium, or is
	// or was already one of its modules.
	ErrModuleMismatch = errors.New("contracts: the module was not deployed for this consortium, or is or was already one of its modules (the current one, or a Studies module voted in before); deploy a new module for this consortium and propose that")
	// ErrModuleKind: the module proposed is not of the kind proposed.
	ErrModuleKind = errors.New("contracts: the module is not of the kind proposed; the slot takes a Studies module (DeployStudiesModule) for ModuleStudies (kind=0) and a consent registry (DeployConsentModule) for ModuleConsent (kind=1): propose it for its own kind, or deploy one of the kind the slot takes")
	// ErrConsentPredecessor: a consent registry voted in must name the
	// current registry as its predecessor; one naming an older registry or
	// none would make the skipped registries' decisions, revocations
	// included, stop counting.
	ErrConsentPredecessor = errors.New("contracts: the consent registry does not name the current registry as its predecessor, so decisions recorded there (revocations included) would stop counting; deploy a new registry naming the current one as its predecessor (DeployConsentModule) and propose that")
	// ErrBadCommitSignature: a commitment in a batch is not signed by the hospital it names.
	ErrBadCommitSignature = errors.New("contracts: a batched commitment is not signed by the hospital it names; each hospital signs its own with SignCommitment")

	// ErrPrivacyBudgetExceeded: opening the round would take the study's ε
	// past its differential-privacy budget; the study can run no more rounds.
	ErrPrivacyBudgetExceeded = errors.New("contracts: opening the round would exceed the study's privacy budget (ε); the study can run no more rounds")
	// ErrInvalidEpsilonSpent: a round's ε spent must exceed the last round's
	// (and be zero in a study without a privacy budget).
	ErrInvalidEpsilonSpent = errors.New("contracts: a round's ε spent must exceed the previous round's, and be zero in a study without a privacy budget")
	// ErrPrivacyBudgetLocked: the budget is set once, before round 1.
	ErrPrivacyBudgetLocked = errors.New("contracts: the study's privacy budget is already set or a round has opened; it is set once, before round 1")

	// ErrCommitteeLocked: a study's committee is set once, by its owner, before its key is set.
	ErrCommitteeLocked = errors.New("contracts: the study's decryption committee is already set or its key is set; it is set once, by the owner, before key generation")
	// ErrCommitteeCurrent: the study's committee is current, so it may not be selected again.
	ErrCommitteeCurrent = errors.New("contracts: the study's decryption committee is current; a new one is selected only when a member left or was suspended, rotation is due or voted")
	// ErrNoCommittee: the study has no decryption committee (every active participant holds shares).
	ErrNoCommittee = errors.New("contracts: the study has no decryption committee; its owner sets one with SetCommittee before key generation")
	// ErrSelectionPending: a committee selection was requested and may
	// still be completed (SelectCommittee completes it).
	ErrSelectionPending = errors.New("contracts: a committee selection is pending; complete it (SelectCommittee) rather than request another")
	// ErrNoSelectionRequested: a selection is completed only after a request.
	ErrNoSelectionRequested = errors.New("contracts: no committee selection is pending; the coordinator requests one first")
	// ErrSelectionTooEarly: a selection completes in a block after its request's.
	ErrSelectionTooEarly = errors.New("contracts: a committee selection completes in a block after its request's, once that block's hash is known")
	// ErrSelectionExpired: the request is older than blockhash reaches (256 blocks).
	ErrSelectionExpired = errors.New("contracts: the committee selection request lapsed (over 256 blocks old); request again")
	// ErrCandidatesMismatch: a selection must draw from the candidates its request fixed.
	ErrCandidatesMismatch = errors.New("contracts: the candidates are not those the committee request fixed (its CommitteeRequested event)")
	// ErrCommitteeNotCurrent: no round opens until the study's committee is (re-)selected.
	ErrCommitteeNotCurrent = errors.New("contracts: the study's decryption committee must be selected (again) before a round opens; the coordinator calls SelectCommittee and re-shares the keys")
	// ErrSamplesAboveConsent: in a study that binds samples to consent, a
	// commitment's sample count is above its hospital's consent counts.
	ErrSamplesAboveConsent = errors.New("contracts: the sample count is above this hospital's consent counts for the study and its purpose (the bound in the error: the consents it relayed since opening its counts, less revocations); commit the number of consented records trained on, and open the counts (Ledger.OpenSampleCounts) before relaying patients' grants")
	// ErrSamplesBindingLocked: a study's samples are bound to consent once, before its key is set.
	ErrSamplesBindingLocked = errors.New("contracts: a study's sample counts are bound to consent once, by its owner, before its key is set")
	// ErrBadEndorsement: an endorsement of a round's scores is not a valid
	// signature by a participant in good standing, or the endorsements are
	// not sorted by signer (each signer once).
	ErrBadEndorsement = errors.New("contracts: an endorsement of the round's scores is not signed by a participant in good standing, or signers are not in increasing order; each participant signs once with SignEndorsement")
	// ErrTooFewEndorsements: strikes on a round's scores need at least the
	// study's threshold of participants' endorsements.
	ErrTooFewEndorsements = errors.New("contracts: fewer endorsements of the round's scores than the study's threshold; strikes need that many participants to have checked the flags")
	// ErrNoStrikePending: the round has no flagged members awaiting their
	// strikes: none were flagged, or they were struck already (by the
	// coordinator's ConfirmStrikes or the participants' EndorseScores,
	// whichever reached the threshold first).
	ErrNoStrikePending = errors.New("contracts: no strike is pending in the round: nobody was flagged, or the flagged members were struck already")
	// ErrScoresChanged: an on-chain endorsement names another scores hash
	// than the round's: the coordinator recorded more scores since.
	ErrScoresChanged = errors.New("contracts: the round's recorded scores changed since they were endorsed; endorse the scores hash the chain records now, after checking them")
	// ErrNotInGoodStanding: only a participant of the study that has not
	// left and is not suspended may endorse a round's scores.
	ErrNotInGoodStanding = errors.New("contracts: the account is not a participant of the study in good standing (never joined, left, or suspended)")
	// ErrAlreadyEndorsed: a participant endorses a round's scores hash on
	// chain once.
	ErrAlreadyEndorsed = errors.New("contracts: this participant endorsed the round's scores on chain already")
	// ErrMomentsSumPinned: the study's pooled-moments sum is pinned already;
	// only that sum may be decrypted.
	ErrMomentsSumPinned = errors.New("contracts: the study's pooled-moments sum is pinned already; decrypt that sum (its decryption task is in the coordinator's store)")
	// ErrContributorsPinned: the round's contributor list is pinned
	// already; only that list's scores and aggregate may be decrypted.
	ErrContributorsPinned = errors.New("contracts: the round's contributor list is pinned already (ContributorsPinned names its hash); decrypt the pinned list's aggregate (the coordinator's store keeps the list) or abandon the round")

	// ErrOutOfGas: a transaction sent with a given gas limit used all of it.
	ErrOutOfGas = errors.New("contracts: the transaction ran out of gas")
	// ErrGasAllowance: estimating a transaction's gas found it needs more
	// than a block (or the per-transaction cap, or the sender's balance)
	// allows; a batch sent in smaller transactions may fit.
	ErrGasAllowance = errors.New("contracts: the transaction needs more gas than a block or the sender's balance allows")
	// ErrReverted: the contract reverted with data that is not a known Cohort error.
	ErrReverted = errors.New("contracts: transaction reverted")
	// ErrNoCommitment: the member made no commitment in that round.
	ErrNoCommitment = errors.New("contracts: no commitment from this member in this round")
	// ErrRoundNotFound: the round has never been opened.
	ErrRoundNotFound = errors.New("contracts: round has not been opened")
	// ErrWrongPatientKey: a consent change names a patient whose id is not
	// derived from the signing key (see PatientID).
	ErrWrongPatientKey = errors.New("contracts: the patient id is not derived from this key; use PatientID(key address)")
	// ErrChainClosed: the embedded chain was stopped (its study ended or
	// failed); nothing more can be sent to it.
	ErrChainClosed = errors.New("contracts: the embedded chain is closed; start a new one")
	// ErrNotSimulated: the operation needs the embedded simulated chain.
	ErrNotSimulated = errors.New("contracts: operation only available on the simulated chain")
	// ErrNoContract: the ledger's address holds no contract on the chain
	// the RPC endpoint serves: a mistyped address, or another chain's.
	ErrNoContract = errors.New("contracts: no contract at this address on this chain")
	// ErrPublicKeyChanged: the collective public key a moments run is under
	// is no longer the study's key on chain: it was set to another since.
	ErrPublicKeyChanged = errors.New("contracts: the study's collective public key on chain is not the key named (it was set to another since); run the phase again under the study's current key")
	// ErrInconsistentLedger: data read from the chain does not match what the contract stored.
	ErrInconsistentLedger = errors.New("contracts: ledger data is inconsistent; the node may be out of sync or faulty")
)

// sentinelFor maps a Solidity custom-error name to its Go sentinel.
func sentinelFor(name string) error {
	switch name {
	case "NotMember":
		return ErrNotMember
	case "NotCoordinator":
		return ErrNotCoordinator
	case "NotParticipant":
		return ErrNotParticipant
	case "DuplicateMember":
		return ErrDuplicateMember
	case "StudyNotFound":
		return ErrStudyNotFound
	case "AlreadyJoined":
		return ErrAlreadyJoined
	case "RemovedByVote":
		return ErrRemovedByVote
	case "AlreadyRemoved":
		return ErrAlreadyRemoved
	case "NeverJoined":
		return ErrNeverJoined
	case "EnrolmentClosed":
		return ErrEnrolmentClosed
	case "StudyFull":
		return ErrStudyFull
	case "PublicKeyLocked":
		return ErrPublicKeyLocked
	case "PublicKeyNotSet":
		return ErrPublicKeyNotSet
	case "PublicKeyRetired":
		return ErrPublicKeyRetired
	case "TooFewParticipants":
		return ErrTooFewParticipants
	case "StudyCompleted":
		return ErrStudyCompleted
	case "RoundOutOfOrder":
		return ErrRoundOutOfOrder
	case "RoundStillOpen":
		return ErrRoundStillOpen
	case "PrivacyBudgetExceeded":
		return ErrPrivacyBudgetExceeded
	case "InvalidEpsilonSpent":
		return ErrInvalidEpsilonSpent
	case "PrivacyBudgetLocked":
		return ErrPrivacyBudgetLocked
	case "RoundNotOpen":
		return ErrRoundNotOpen
	case "InvalidDeadline":
		return ErrInvalidDeadline
	case "DeadlinePassed":
		return ErrDeadlinePassed
	case "AlreadyCommitted":
		return ErrAlreadyCommitted
	case "ParticipantsExceedCommitments":
		return ErrParticipantsExceedCommitments
	case "InvalidParameter":
		return ErrInvalidParameter
	case "NotAuthorised":
		return ErrNotAuthorised
	case "LastMember":
		return ErrLastMember
	case "RoundNotFound":
		return ErrRoundNotFound
	case "DeadlineNotPassed":
		return ErrDeadlineNotPassed
	case "MemberSuspended":
		return ErrSuspended
	case "NotSuspended":
		return ErrNotSuspended
	case "DuplicateEvidence":
		return ErrDuplicateEvidence
	case "UnsortedScores":
		return ErrUnsortedScores
	case "ProposalNotFound":
		return ErrProposalNotFound
	case "ProposalClosed":
		return ErrProposalClosed
	case "ProposalExpired":
		return ErrProposalExpired
	case "AlreadyVoted":
		return ErrAlreadyVoted
	case "BadSignature":
		return ErrBadSignature
	case "InvalidNonce":
		return ErrInvalidNonce
	case "ConsentExpired":
		return ErrConsentExpired
	case "ConsentRevoked":
		return ErrConsentRevoked
	case "NoConsent":
		return ErrNoConsent
	case "ModuleRetired":
		return ErrModuleRetired
	case "ModuleMismatch":
		return ErrModuleMismatch
	case "ModuleKindMismatch":
		return ErrModuleKind
	case "ConsentPredecessorMismatch":
		return ErrConsentPredecessor
	case "BadCommitSignature":
		return ErrBadCommitSignature
	case "CommitteeLocked":
		return ErrCommitteeLocked
	case "CommitteeCurrent":
		return ErrCommitteeCurrent
	case "NoCommittee":
		return ErrNoCommittee
	case "CommitteeNotCurrent":
		return ErrCommitteeNotCurrent
	case "SamplesAboveConsent":
		return ErrSamplesAboveConsent
	case "SamplesBindingLocked":
		return ErrSamplesBindingLocked
	case "MomentsSumPinned":
		return ErrMomentsSumPinned
	case "ContributorsPinned":
		return ErrContributorsPinned
	case "BadEndorsement":
		return ErrBadEndorsement
	case "TooFewEndorsements":
		return ErrTooFewEndorsements
	case "NoStrikePending":
		return ErrNoStrikePending
	case "ScoresChanged":
		return ErrScoresChanged
	case "NotInGoodStanding":
		return ErrNotInGoodStanding
	case "AlreadyEndorsed":
		return ErrAlreadyEndorsed
	case "SelectionPending":
		return ErrSelectionPending
	case "NoSelectionRequested":
		return ErrNoSelectionRequested
	case "SelectionTooEarly":
		return ErrSelectionTooEarly
	case "SelectionExpired":
		return ErrSelectionExpired
	case "CandidatesMismatch":
		return ErrCandidatesMismatch
	default:
		return ErrReverted
	}
}

// RevertError is a revert of a Cohort ledger module, decoded from the revert data.
// It unwraps to the sentinel of its Solidity error (ErrReverted when unknown).
type RevertError struct {
	// Name is the Solidity error name, e.g. "NotMember"; "Error" for a
	// require message, "Panic" for a Solidity panic, "" when undecodable.
	Name string
	// Args are the error's arguments formatted as "name=value", in order.
	Args []string
	// Data is the raw revert data.
	Data []byte

	sentinel error
}

// Error reports the sentinel's message followed by the decoded Solidity error.
func (e *RevertError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("%v (revert data %s)", e.sentinel, hexutil.Encode(e.Data))
	}
	return fmt.Sprintf("%v (%s(%s))", e.sentinel, e.Name, strings.Join(e.Args, ", "))
}

// Unwrap returns the sentinel error, so errors.Is(err, ErrNotMember) works.
func (e *RevertError) Unwrap() error { return e.sentinel }

// decodeRevertData decodes revert data against the contract ABI.
func decodeRevertData(contractABI *abi.ABI, data []byte) *RevertError {
	out := &RevertError{Data: bytes.Clone(data), sentinel: ErrReverted}
	if len(data) < 4 {
		return out
	}
	if reason, err := abi.UnpackRevert(data); err == nil {
		out.Name, out.Args = "Error", []string{fmt.Sprintf("reason=%q", reason)}
		return out
	}
	if contractABI == nil {
		return out
	}
	for name, e := range contractABI.Errors {
		if !bytes.Equal(e.ID[:4], data[:4]) {
			continue
		}
		out.Name = name
		out.sentinel = sentinelFor(name)
		values, err := e.Inputs.Unpack(data[4:])
		if err != nil {
			out.Args = []string{"undecodable arguments: " + err.Error()}
			return out
		}
		for i, v := range values {
			if h, ok := v.([32]byte); ok {
				v = common.Hash(h).Hex() // a hash reads as one, not as 32 numbers
			}
			out.Args = append(out.Args, fmt.Sprintf("%s=%v", e.Inputs[i].Name, v))
		}
		return out
	}
	return out
}

// asRevert returns a *RevertError if err carries EVM revert data (as
// rpc.DataError from eth_estimateGas or eth_call), or nil otherwise.
func asRevert(contractABI *abi.ABI, err error) *RevertError {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil
	}
	var raw []byte
	switch d := de.ErrorData().(type) {
	case string:
		b, decErr := hexutil.Decode(d)
		if decErr != nil {
			return nil
		}
		raw = b
	case []byte:
		raw = d
	default:
		return nil
	}
	return decodeRevertData(contractABI, raw)
}
