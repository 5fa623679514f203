package simulation

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// Report is a finished study's summary: who took part, where consent came
// from, every round's figures and the final model (`cohort demo --report`
// writes it as JSON).
type Report struct {
	Contract     common.Address `json:"contract"`
	StudyID      uint64         `json:"study_id"`
	Seed         int64          `json:"seed"`
	Encrypted    bool           `json:"encrypted"`
	Participants []Participant  `json:"participants"`
	Consent      ConsentFigures `json:"consent"`
	// Standardisation is the study's feature standardisation and
	// StandardiserHash, with "pooled", the hash of the standardiser the
	// moments phase agreed on (records.Standardiser.Encode).
	Standardisation  records.Standardisation `json:"standardisation"`
	StandardiserHash common.Hash             `json:"standardiser_hash,omitzero"`
	Rounds           []RoundFigures          `json:"rounds"`
	Final            FinalFigures            `json:"final"`
	// Personalised has each hospital's shared and personalised model on
	// its own test records, when the recipe personalises.
	Personalised []PersonalisedSite `json:"personalised,omitempty"`
	// Privacy is the study's differential-privacy budget and the ε its
	// rounds spent, as recorded on chain; absent without a budget.
	Privacy *PrivacyReport `json:"privacy,omitempty"`
	Seconds float64        `json:"seconds"`
}

// FinalFigures are the last round's model and its figures.
type FinalFigures struct {
	Accuracy float64 `json:"accuracy"`
	AUC      float64 `json:"auc"`
	// CIndex is a Cox model's C-index (pairs within each site).
	CIndex    float64     `json:"c_index,omitempty"`
	Loss      float64     `json:"loss"`
	ModelHash common.Hash `json:"model_hash"`
}

// PrivacyReport is a study's differential-privacy budget as the chain
// records it, and the ε its rounds have spent.
type PrivacyReport struct {
	Epsilon float64 `json:"epsilon_budget"`
	Delta   float64 `json:"delta"`
	Spent   float64 `json:"epsilon_spent"`
	// Mechanism is the recipe's: models.MechanismDistributed, or empty for
	// DP-SGD at every hospital.
	Mechanism string `json:"mechanism,omitempty"`
}

// chainTimeout bounds the report's reads of the embedded chain.
const chainTimeout = 2 * time.Minute

// Report summarises a finished study that took elapsed in all; it reads
// the privacy budget from the chain. Personalised is left for the caller
// (Personalise).
func (s *Study) Report(elapsed time.Duration) (*Report, error) {
	if len(s.rounds) == 0 {
		return nil, ErrNoRounds
	}
	last := s.rounds[len(s.rounds)-1]
	mode := s.cfg.Standardise
	if mode == "" {
		mode = records.StandardiseNone
	}
	priv, err := s.PrivacyReport()
	if err != nil {
		return nil, err
	}
	return &Report{
		Privacy:  priv,
		Contract: s.ledger.Address(), StudyID: s.studyID, Seed: s.cfg.Seed, Encrypted: !s.cfg.Plaintext,
		Participants: s.participants, Consent: s.consent, Rounds: s.rounds,
		Standardisation: mode, StandardiserHash: s.result.StandardiserHash,
		Final:   FinalFigures{Accuracy: last.Accuracy, AUC: last.AUC, Loss: last.Loss, CIndex: last.CIndex, ModelHash: last.ModelHash},
		Seconds: elapsed.Seconds(),
	}, nil
}

// PrivacyReport reads a finished study's budget and ε spent from the
// chain; nil without differential privacy.
func (s *Study) PrivacyReport() (*PrivacyReport, error) {
	ctx, cancel := context.WithTimeout(context.Background(), chainTimeout)
	defer cancel()
	st, err := s.ledger.Study(ctx, s.studyID)
	if err != nil {
		return nil, err
	}
	if st.Privacy == (contracts.PrivacyBudget{}) {
		return nil, nil
	}
	rep := &PrivacyReport{Epsilon: st.Privacy.Epsilon, Delta: st.Privacy.Delta, Spent: st.EpsilonSpent}
	if tc := s.cfg.Train; tc != nil && tc.Privacy != nil {
		rep.Mechanism = tc.Privacy.Mechanism
	}
	return rep, nil
}

// privacyBudget is the on-chain budget of a study whose hospitals train
// with tc; zero without differential privacy.
func privacyBudget(tc *models.TrainConfig) contracts.PrivacyBudget {
	if tc == nil || tc.Privacy == nil {
		return contracts.PrivacyBudget{}
	}
	return contracts.PrivacyBudget{Epsilon: tc.Privacy.Epsilon, Delta: tc.Privacy.Delta}
}
