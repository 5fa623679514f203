package simulation

import (
	"errors"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/participant"
)

// ConsentFigures describe where a study's consent came from and what
// putting it on chain cost.
type ConsentFigures struct {
	// Source is "chain" (synthetic patients sign grants that their
	// hospitals relay) or "local" (hospital files' own consent flags).
	Source string `json:"source"`
	// Granted is the number of patients whose signed grant was relayed.
	Granted      int     `json:"granted"`
	GrantSeconds float64 `json:"grant_seconds"`
	GrantGas     uint64  `json:"grant_gas"`
	// Revoked is the number of patients who revoked, effective from round
	// RevokedFromRound on.
	Revoked          int     `json:"revoked"`
	RevokedFromRound uint32  `json:"revoked_from_round,omitempty"`
	RevokeSeconds    float64 `json:"revoke_seconds"`
	RevokeGas        uint64  `json:"revoke_gas"`
}

// Revocation is one synthetic patient's revocation in a study.
type Revocation struct {
	Hospital int
	RecordID string
	Patient  common.Hash
}

// RoundFigures are one round's figures, as the report and progress line show them.
type RoundFigures struct {
	Round        uint32  `json:"round"`
	Accuracy     float64 `json:"accuracy"`
	AUC          float64 `json:"auc"`
	Loss         float64 `json:"loss"`
	Participants int     `json:"participants"`
	// Samples is the number of training records used this round, summed over
	// hospitals: those whose patients' consent was active as the round opened.
	Samples int `json:"samples"`
	// NewlyRevoked is the number of patients whose revocation first applies
	// in this round.
	NewlyRevoked int          `json:"newly_revoked,omitempty"`
	GasUsed      uint64       `json:"gas_used"`
	Seconds      RoundSeconds `json:"seconds"`
	UploadBytes  int          `json:"upload_bytes"`
	// Traffic is what each hospital's node (in the order of
	// Study.Hospitals) sent to and received from the coordinator since the
	// previous round closed; the first round's includes key generation.
	Traffic       []Traffic   `json:"traffic,omitempty"`
	AggregateHash common.Hash `json:"aggregate_hash"`
	ModelHash     common.Hash `json:"model_hash"`
	// Contributors are the hospitals whose updates the round aggregated.
	Contributors []common.Address `json:"contributors,omitempty"`
	// Flagged are the contributors robust scoring flagged this round, and
	// Suspended the members suspended from the study after it.
	Flagged   []common.Address `json:"flagged,omitempty"`
	Suspended []common.Address `json:"suspended,omitempty"`
	// Struck are the flagged contributors the chain had struck for this
	// round when it closed: a strike needs the study's threshold of
	// endorsements of scores that more than one set of holders decrypted,
	// and the participants' own endorsements land a few blocks later.
	Struck []common.Address `json:"struck,omitempty"`
	// FlaggedNames, StruckNames and SuspendedNames name the hospitals at
	// those addresses, for people.
	FlaggedNames   []string `json:"-"`
	StruckNames    []string `json:"-"`
	SuspendedNames []string `json:"-"`
	// BalancedAccuracy is over every site's test records; Sites has each
	// site's own metrics on its test split.
	BalancedAccuracy float64 `json:"balanced_accuracy"`
	// CIndex is a Cox model's C-index over every site's test pairs (within
	// sites).
	CIndex float64            `json:"c_index,omitempty"`
	Sites  []SiteRoundMetrics `json:"sites"`
}

// SiteRoundMetrics are one hospital's metrics on its own test split.
type SiteRoundMetrics struct {
	Name string `json:"name"`
	coordinator.Metrics
}

// RoundSeconds splits a round's time by phase. Train and encrypt are the
// slowest participant's (they run in parallel); chain is the coordinator's
// waits on the ledger plus the slowest participant's.
type RoundSeconds struct {
	Train     float64 `json:"train"`
	Encrypt   float64 `json:"encrypt"`
	Aggregate float64 `json:"aggregate"`
	Decrypt   float64 `json:"decrypt"`
	Score     float64 `json:"score,omitempty"` // encrypted robust scoring, incl. score decryption
	Chain     float64 `json:"chain"`
	Total     float64 `json:"total"`
}

// Participant is one hospital of a study, as the report shows it.
type Participant struct {
	Name    string         `json:"name"`
	Address common.Address `json:"address"`
	Records int            `json:"records"`
	// Consented is the number of training records with active consent as
	// of round 1 (on chain, or by the hospital's file).
	Consented int `json:"consented"`
	Test      int `json:"test_records"`
	// DataDir is the hospital node's data directory (its per-round ids).
	DataDir string `json:"-"`
}

// roundCollector joins the participants' traces of a round with the
// coordinator's report of it.
type roundCollector struct {
	mu     sync.Mutex
	traces map[uint32][]participant.Trace
	// meters count each hospital's traffic; last is their reading when
	// the previous round closed.
	meters []*trafficMeter
	last   []Traffic
}

// meter adds a hospital's traffic meter; hospitals are added in order.
func (c *roundCollector) meter() *trafficMeter {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := newTrafficMeter()
	c.meters = append(c.meters, m)
	c.last = append(c.last, Traffic{})
	return m
}

func newRoundCollector() *roundCollector {
	return &roundCollector{traces: make(map[uint32][]participant.Trace)}
}

func (c *roundCollector) observe(t participant.Trace) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.traces[t.Round] = append(c.traces[t.Round], t)
}

func (c *roundCollector) finish(r coordinator.RoundReport) RoundFigures {
	c.mu.Lock()
	traces := c.traces[r.Round]
	delete(c.traces, r.Round)
	traffic := make([]Traffic, len(c.meters))
	for i, m := range c.meters {
		now := m.reading()
		traffic[i], c.last[i] = now.minus(c.last[i]), now
	}
	c.mu.Unlock()
	f := RoundFigures{
		Round: r.Round, Accuracy: r.Accuracy, AUC: r.AUC, Loss: r.Loss, Participants: len(r.Contributors),
		GasUsed: r.GasUsed, AggregateHash: r.AggregateHash, ModelHash: r.ModelHash,
		Seconds: RoundSeconds{Aggregate: r.Aggregate.Seconds(), Decrypt: r.Decrypt.Seconds(), Score: r.Score.Seconds(), Chain: r.Chain.Seconds(), Total: r.Wall.Seconds()},
		Flagged: r.Flagged, Contributors: r.Contributors, Traffic: traffic,
	}
	// Hospitals wait on the chain at the same time: the round waits for the
	// slowest, not for the sum (which at 100 hospitals exceeded the round).
	var slowestTrain, slowestEncrypt, slowestChain time.Duration
	for _, t := range traces {
		slowestTrain = max(slowestTrain, t.Train)
		slowestEncrypt = max(slowestEncrypt, t.Encrypt)
		slowestChain = max(slowestChain, t.Chain)
		f.GasUsed += t.GasUsed
		f.Samples += t.Samples
		f.UploadBytes += t.UploadBytes
	}
	f.Seconds.Train, f.Seconds.Encrypt = slowestTrain.Seconds(), slowestEncrypt.Seconds()
	f.Seconds.Chain += slowestChain.Seconds()
	return f
}

// ErrNoRounds is returned by a report of a study that closed no rounds.
var ErrNoRounds = errors.New("simulation: the study closed no rounds")
