package evaluation

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/rawstream"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/participant"
	"github.com/cohort-fl/cohort/records"
)

// roundChunk is the chunk size of the timed uploads: the participant's
// (participant.uploadChunk) and the coordinator's blob chunk size.
const roundChunk = coordinator.BlobChunkSize

// roundSpecTolerance is how far the model's parameter count may be from
// --params.
const roundSpecTolerance = 0.05

// RoundPhases is a round's time by phase, in seconds. Train and encrypt are
// the slowest participant's; chain is the coordinator's waits on the ledger
// plus the slowest participant's;
// upload is one participant's upload of its encrypted update, timed by the
// benchmark itself (see RoundReport.UploadMethod).
type RoundPhases struct {
	Train     float64 `json:"train"`
	Encrypt   float64 `json:"encrypt"`
	Upload    float64 `json:"upload,omitempty"`
	Aggregate float64 `json:"aggregate"`
	Decrypt   float64 `json:"decrypt"`
	// Score is robust scoring's, score decryption included (0 without).
	Score float64 `json:"score,omitempty"`
	Chain float64 `json:"chain"`
	Total float64 `json:"total"`
}

// RoundRow is one round of the benchmarked study.
type RoundRow struct {
	Round        uint32      `json:"round"`
	Participants int         `json:"participants"`
	Seconds      RoundPhases `json:"seconds"`
	UploadBytes  int         `json:"upload_bytes"`
	GasUsed      uint64      `json:"gas_used"`
	// PerHospital is what a hospital's node sent to and received from the
	// coordinator in the round (since the previous round closed; the first
	// round's includes key generation).
	PerHospital HospitalBytes `json:"per_hospital"`
	// PeakHeapBytes and PeakRSSBytes are the highest Go heap and resident
	// set sampled (every 50 ms) while the round ran: of the whole process,
	// which holds the coordinator, every hospital's node and the chain.
	PeakHeapBytes uint64 `json:"peak_heap_bytes"`
	PeakRSSBytes  uint64 `json:"peak_rss_bytes"`
	// Flagged and Struck count the contributors robust scoring flagged in
	// the round and those the chain had struck for it when it closed.
	Flagged int `json:"flagged,omitempty"`
	Struck  int `json:"struck,omitempty"`
}

// HospitalBytes is a round's traffic per hospital: the mean over the
// study's hospitals by kind of traffic (simulation.TrafficKinds: gRPC
// messages as framed on the wire), the mean bytes on the wire (TLS
// included), and the most any one hospital received on the wire.
type HospitalBytes struct {
	Sent            map[string]float64 `json:"sent"`
	Received        map[string]float64 `json:"received"`
	WireSent        float64            `json:"wire_sent"`
	WireReceived    float64            `json:"wire_received"`
	MaxWireReceived int64              `json:"max_wire_received"`
}

// hospitalBytes averages the hospitals' traffic.
func hospitalBytes(traffic []simulation.Traffic) HospitalBytes {
	b := HospitalBytes{Sent: map[string]float64{}, Received: map[string]float64{}}
	if len(traffic) == 0 {
		return b
	}
	n := float64(len(traffic))
	for _, t := range traffic {
		for k, v := range t.Sent {
			b.Sent[k] += float64(v) / n
		}
		for k, v := range t.Received {
			b.Received[k] += float64(v) / n
		}
		b.WireSent += float64(t.WireSent) / n
		b.WireReceived += float64(t.WireReceived) / n
		b.MaxWireReceived = max(b.MaxWireReceived, t.WireReceived)
	}
	return b
}

// TransferFigures time moving one encrypted update's worth of bytes over
// TLS gRPC on loopback: one transfer alone (median over repetitions) and
// one transfer per participant at once (median wall time).
type TransferFigures struct {
	Method            string  `json:"method"`
	Seconds           float64 `json:"seconds"`
	MBPerSecond       float64 `json:"mb_per_second"`
	ConcurrentSeconds float64 `json:"concurrent_seconds"`
	// ConcurrentMBPerSecond is the bytes of all concurrent transfers over
	// their wall time.
	ConcurrentMBPerSecond float64 `json:"concurrent_mb_per_second"`
}

// RoundSetup is what the study cost before round 1 and is not round latency.
type RoundSetup struct {
	ConsentSource  string  `json:"consent_source"`
	ConsentGrants  int     `json:"consent_grants"`
	ConsentSeconds float64 `json:"consent_seconds"`
	ConsentGas     uint64  `json:"consent_gas"`
	// StudySeconds is the whole study, set-up (deployment, consent, key
	// generation) and every round included.
	StudySeconds float64 `json:"study_seconds"`
}

// RoundReport is the result of Round (`cohort bench round --json` prints it).
type RoundReport struct {
	Participants  int `json:"participants"`
	CommitteeSize int `json:"committee_size,omitempty"`
	// CommitteeRotation is RoundConfig's: the rounds it names began with
	// a re-sharing of every key to a new committee.
	CommitteeRotation int `json:"committee_rotation,omitempty"`
	// Robust tells whether the study scored every update (robust
	// aggregation); Malicious hospitals then played Attack.
	Robust          bool               `json:"robust,omitempty"`
	Malicious       int                `json:"malicious,omitempty"`
	Attack          string             `json:"attack,omitempty"`
	RequestedParams int                `json:"requested_params"`
	Params          int                `json:"params"`
	Spec            models.Spec        `json:"spec"`
	Train           models.TrainConfig `json:"train"`
	GOMAXPROCS      int                `json:"gomaxprocs"`
	Note            string             `json:"note"`
	Setup           RoundSetup         `json:"setup"`
	Rounds          []RoundRow         `json:"rounds"`
	// MeanOverRounds lists the rounds Mean averages: every round after the
	// first when there are several (the first pays one-off warm-up).
	MeanOverRounds []uint32    `json:"mean_over_rounds"`
	Mean           RoundPhases `json:"mean_seconds"`
	// MeanPerHospital is PerHospital averaged over the same rounds.
	MeanPerHospital HospitalBytes `json:"mean_per_hospital"`
	// PeakHeapBytes and PeakRSSBytes are the highest Go heap and resident
	// set sampled over the whole study and the transfer timings (the RSS
	// is 0 where /proc/self/status is missing).
	PeakHeapBytes uint64 `json:"peak_heap_bytes"`
	PeakRSSBytes  uint64 `json:"peak_rss_bytes"`
	// UpdateBytes is one participant's encrypted update as uploaded in the
	// study's last round.
	UpdateBytes       int     `json:"update_bytes_per_participant"`
	BytesPerParameter float64 `json:"bytes_per_parameter"`
	Repetitions       int     `json:"repetitions"`
	// Upload times the protocol's upload of that update; Baseline a raw
	// chunked gRPC byte stream of as many bytes to the same server.
	Upload   TransferFigures `json:"upload"`
	Baseline TransferFigures `json:"baseline"`
	// Download is the study coordinator's GetBlob of the same bytes, for reference.
	Download TransferFigures `json:"download"`
	// Ratio and ConcurrentRatio are upload MB/s over baseline MB/s.
	Ratio           float64 `json:"upload_to_baseline_ratio"`
	ConcurrentRatio float64 `json:"concurrent_upload_to_baseline_ratio"`
}

// RoundConfig is what Round measures: a study of Participants hospitals
// training an MLP of about Params parameters for Rounds rounds, and each
// timed transfer repeated Reps times.
type RoundConfig struct {
	Participants int
	Params       int
	Rounds       int
	Reps         int
	Seed         int64
	// CommitteeSize is the size of the decryption committee chosen on
	// chain, which holds the key shares (threshold ⌈2c/3⌉): key generation
	// deals n·c shares instead of n². Zero: every hospital holds shares.
	CommitteeSize int
	// CommitteeRotation selects a new committee every that many rounds:
	// before each such round the old committee re-shares every hospital's
	// key to the new one (0: never).
	CommitteeRotation int
	// Robust scores every encrypted update against the researcher's
	// reference (a synthetic root site), as a robust study does: flags,
	// trust weights, and strikes endorsed on chain. Malicious makes the
	// last hospitals attackers playing Attack (participant.ParseAttack);
	// it needs Robust.
	Robust    bool
	Malicious int
	Attack    string
	// Progress receives a line per step (default: discarded).
	Progress io.Writer
}

// Validate says which field is out of range.
func (c RoundConfig) Validate() error {
	switch {
	case c.Participants < 1 || c.Participants > records.MaxSyntheticSites:
		return fmt.Errorf("--participants is %d, want 1..%d", c.Participants, records.MaxSyntheticSites)
	case c.Rounds < 1:
		return fmt.Errorf("--rounds is %d, want at least 1", c.Rounds)
	case c.Reps < 1:
		return fmt.Errorf("--reps is %d, want at least 1", c.Reps)
	case c.Params < 1:
		return fmt.Errorf("--params is %d, want a positive count", c.Params)
	case c.CommitteeSize < 0 || c.CommitteeSize > c.Participants:
		return fmt.Errorf("--committee-size is %d, want 0 (every hospital) to %d (the hospitals)", c.CommitteeSize, c.Participants)
	case c.CommitteeRotation < 0 || (c.CommitteeRotation > 0 && c.CommitteeSize == 0):
		return fmt.Errorf("--committee-rotation is %d, want 0, or a count of rounds for a study with a committee (more hospitals than --committee-size)", c.CommitteeRotation)
	case c.Malicious < 0 || (c.Malicious > 0 && 2*c.Malicious >= c.Participants):
		return fmt.Errorf("--malicious is %d, want 0 to fewer than half of the %d hospitals (robust scoring assumes an honest majority)", c.Malicious, c.Participants)
	case c.Malicious > 0 && !c.Robust:
		return errors.New("--malicious needs --robust: without robust scoring nothing flags the attackers")
	}
	if c.Malicious > 0 {
		if _, err := participant.ParseAttack(c.Attack); err != nil {
			return fmt.Errorf("--attack: %w", err)
		}
	}
	return nil
}

// Round runs a whole encrypted study (simulation.Run) with an MLP sized to
// cfg.Params, reports each round's time by phase, and times one
// participant's encrypted update moving over TLS gRPC three ways: the
// protocol's upload, a raw byte stream and a download.
func Round(ctx context.Context, cfg RoundConfig) (*RoundReport, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	progress := cfg.Progress
	if progress == nil {
		progress = io.Discard
	}
	features := records.DefaultSyntheticConfig().Features
	spec, exact, err := RoundSpec(features, cfg.Params)
	if err != nil {
		return nil, err
	}
	train := models.DefaultTrainConfig()
	// One epoch of one batch (the batch size is capped at a site's
	// records): the round is then dominated by the protocol, not by training.
	train.Epochs, train.BatchSize = 1, 1<<20

	dir, err := os.MkdirTemp("", "cohort-bench-round-")
	if err != nil {
		return nil, fmt.Errorf("bench round: make a scratch directory: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()

	report := RoundReport{
		Participants: cfg.Participants, CommitteeSize: cfg.CommitteeSize, CommitteeRotation: cfg.CommitteeRotation, RequestedParams: cfg.Params, Params: exact, Spec: spec, Train: train,
		Robust: cfg.Robust, Malicious: cfg.Malicious,
		GOMAXPROCS: runtime.GOMAXPROCS(0), Repetitions: cfg.Reps,
		Note: "local training is 1 epoch of 1 batch so the round is dominated by protocol costs; " +
			"one process on loopback: real TLS gRPC, simulated chain, multiparty CKKS",
	}
	var attacks map[int]participant.Attack
	if cfg.Malicious > 0 {
		report.Attack = cfg.Attack
		if attacks, err = simulation.LastAttackers(cfg.Attack, cfg.Malicious, cfg.Participants); err != nil {
			return nil, fmt.Errorf("bench round: --attack: %w", err)
		}
	}
	fmt.Fprintf(progress, "bench round: %d participants, %d rounds, MLP %v (%d parameters)\n", cfg.Participants, cfg.Rounds, spec.Hidden, exact)
	start := time.Now()
	var memory memorySampler
	sampleCtx, stopSampling := context.WithCancel(ctx)
	sampled := make(chan struct{})
	go func() { defer close(sampled); memory.run(sampleCtx, 50*time.Millisecond) }()
	defer func() { stopSampling(); <-sampled }()
	var peaksMu sync.Mutex
	peaks := map[uint32]memoryPeaks{}
	s, err := simulation.Run(ctx, simulation.Config{
		Hospitals: cfg.Participants, Rounds: cfg.Rounds, Seed: cfg.Seed, DataDir: filepath.Join(dir, "study"), Spec: &spec, Train: &train,
		CommitteeSize: cfg.CommitteeSize, CommitteeRotation: cfg.CommitteeRotation, Threshold: simulation.DefaultThreshold(cfg.Participants, cfg.CommitteeSize), Robust: cfg.Robust, Attacks: attacks,
		PhaseTimeout: benchPhaseTimeout(cfg.Participants),
		ConsentReady: func(c simulation.ConsentFigures) {
			fmt.Fprintf(progress, "bench round: %d consent grants on chain in %.1fs (set-up, not round latency)\n", c.Granted, c.GrantSeconds)
		},
		Progress: func(f simulation.RoundFigures) {
			peaksMu.Lock()
			peaks[f.Round] = memory.take()
			peaksMu.Unlock()
			fmt.Fprintf(progress, "bench round: round %d closed in %.2fs\n", f.Round, f.Seconds.Total)
		},
	})
	if err != nil {
		return nil, fmt.Errorf("bench round: run the study: %w", err)
	}
	defer s.Close()
	consent := s.Consent()
	report.Setup = RoundSetup{
		ConsentSource: consent.Source, ConsentGrants: consent.Granted, ConsentSeconds: consent.GrantSeconds,
		ConsentGas: consent.GrantGas, StudySeconds: time.Since(start).Seconds(),
	}
	rounds := s.Rounds()
	if len(rounds) == 0 {
		return nil, simulation.ErrNoRounds
	}
	peaksMu.Lock()
	defer peaksMu.Unlock()
	for _, f := range rounds {
		report.Rounds = append(report.Rounds, RoundRow{
			Round: f.Round, Participants: f.Participants, UploadBytes: f.UploadBytes, GasUsed: f.GasUsed,
			PerHospital: hospitalBytes(f.Traffic), PeakHeapBytes: peaks[f.Round].Heap, PeakRSSBytes: peaks[f.Round].RSS,
			Flagged: len(f.Flagged), Struck: len(f.Struck),
			Seconds: RoundPhases{
				Train: f.Seconds.Train, Encrypt: f.Seconds.Encrypt, Aggregate: f.Seconds.Aggregate,
				Decrypt: f.Seconds.Decrypt, Score: f.Seconds.Score, Chain: f.Seconds.Chain, Total: f.Seconds.Total,
			},
		})
	}
	report.MeanOverRounds, report.Mean = meanRoundPhases(report.Rounds)
	report.MeanPerHospital = meanHospitalBytes(report.Rounds)

	// The exact bytes a hospital uploaded in the last round, fetched back
	// from the coordinator by the hash it committed on chain.
	last := rounds[len(rounds)-1]
	first := s.Participants()[0]
	cm, err := s.Ledger().Commitment(ctx, s.StudyID(), last.Round, first.Address)
	if err != nil {
		return nil, fmt.Errorf("bench round: read %s's commitment of round %d: %w", first.Name, last.Round, err)
	}
	update, err := s.FetchBlob(ctx, cm.CiphertextHash)
	if err != nil {
		return nil, fmt.Errorf("bench round: fetch the uploaded update back: %w", err)
	}
	report.UpdateBytes = len(update)
	report.BytesPerParameter = float64(len(update)) / float64(exact)
	if last.Participants > 0 && last.UploadBytes != last.Participants*len(update) {
		fmt.Fprintf(progress, "bench round: note: round %d uploaded %d bytes from %d participants, not %d each\n", last.Round, last.UploadBytes, last.Participants, len(update))
	}

	fmt.Fprintf(progress, "bench round: timing %d-byte uploads and the raw-stream baseline (%d repetitions)\n", len(update), cfg.Reps)
	if report.Upload, report.Baseline, report.Download, err = timeTransfers(ctx, s, dir, update, cfg.Participants, cfg.Reps); err != nil {
		return nil, err
	}
	report.Mean.Upload = report.Upload.Seconds
	report.Ratio = report.Upload.MBPerSecond / report.Baseline.MBPerSecond
	report.ConcurrentRatio = report.Upload.ConcurrentMBPerSecond / report.Baseline.ConcurrentMBPerSecond
	overall := memory.peak()
	report.PeakHeapBytes, report.PeakRSSBytes = overall.Heap, overall.RSS
	return &report, nil
}

// RoundSpec sizes an MLP on features inputs to within
// roundSpecTolerance of target parameters: two equal hidden layers if
// that fits, otherwise one. It returns the spec and its exact count.
func RoundSpec(features, target int) (models.Spec, int, error) {
	if target < 1 {
		return models.Spec{}, 0, fmt.Errorf("--params is %d, want a positive count", target)
	}
	twoLayers := func(h int) int { return h*h + (features+3)*h + 1 } // F·h+h, h·h+h, h+1
	oneLayer := func(h int) int { return (features+2)*h + 1 }        // F·h+h, h+1
	closest := func(count func(int) int) int {
		h := 1
		for count(h+1) <= target {
			h++
		}
		if target-count(h) > count(h+1)-target {
			h++
		}
		return h
	}
	var candidates []models.Spec
	h := closest(twoLayers)
	candidates = append(candidates, models.Spec{Kind: models.KindMLP, Features: features, Hidden: []int{h, h}})
	h = closest(oneLayer)
	candidates = append(candidates, models.Spec{Kind: models.KindMLP, Features: features, Hidden: []int{h}})
	var closestCount int
	for _, spec := range candidates {
		m, err := models.New(spec, 0)
		if err != nil {
			return models.Spec{}, 0, fmt.Errorf("bench round: build an MLP %v: %w", spec.Hidden, err)
		}
		count := m.NumParams()
		if math.Abs(float64(count-target)) <= roundSpecTolerance*float64(target) {
			return spec, count, nil
		}
		closestCount = count
	}
	return models.Spec{}, 0, fmt.Errorf("--params %d: the closest MLP on %d features has %d parameters, more than %.0f%% off; ask for at least %d",
		target, features, closestCount, 100*roundSpecTolerance, oneLayer(1)*20)
}

// meanHospitalBytes averages PerHospital over the rounds meanRoundPhases
// averages.
func meanHospitalBytes(rounds []RoundRow) HospitalBytes {
	use := rounds
	if len(rounds) > 1 {
		use = rounds[1:]
	}
	m := HospitalBytes{Sent: map[string]float64{}, Received: map[string]float64{}}
	k := float64(len(use))
	for _, r := range use {
		for kind, v := range r.PerHospital.Sent {
			m.Sent[kind] += v / k
		}
		for kind, v := range r.PerHospital.Received {
			m.Received[kind] += v / k
		}
		m.WireSent += r.PerHospital.WireSent / k
		m.WireReceived += r.PerHospital.WireReceived / k
		m.MaxWireReceived = max(m.MaxWireReceived, r.PerHospital.MaxWireReceived)
	}
	return m
}

// meanRoundPhases averages the rounds after the first, or the only round.
func meanRoundPhases(rounds []RoundRow) ([]uint32, RoundPhases) {
	use := rounds
	if len(rounds) > 1 {
		use = rounds[1:]
	}
	var m RoundPhases
	var ids []uint32
	for _, r := range use {
		ids = append(ids, r.Round)
		m.Train += r.Seconds.Train
		m.Encrypt += r.Seconds.Encrypt
		m.Aggregate += r.Seconds.Aggregate
		m.Decrypt += r.Seconds.Decrypt
		m.Score += r.Seconds.Score
		m.Chain += r.Seconds.Chain
		m.Total += r.Seconds.Total
	}
	k := float64(len(use))
	m.Train, m.Encrypt, m.Aggregate, m.Decrypt, m.Score, m.Chain, m.Total = m.Train/k, m.Encrypt/k, m.Aggregate/k, m.Decrypt/k, m.Score/k, m.Chain/k, m.Total/k
	return ids, m
}

// timeTransfers times moving update over TLS gRPC on loopback, with the
// daemons' message limits and one connection per participant, three ways:
//   - upload: the coordinator protocol's UploadUpdate (signed header, 1 MiB
//     chunks, receipt) into an uploadSink, which checks the signature, size
//     and hash and stores the blob, as the coordinator does;
//   - baseline: a raw client stream of the same bytes in 1 MiB messages to
//     the same server (api/rawstream);
//   - download: participant.FetchBlob of the same bytes from the study's
//     own coordinator (GetBlob), for reference.
func timeTransfers(ctx context.Context, s *simulation.Study, dir string, update []byte, n, reps int) (upload, baseline, download TransferFigures, err error) {
	sinkDir := filepath.Join(dir, "bench-sink")
	if err := os.MkdirAll(sinkDir, 0o700); err != nil {
		return upload, baseline, download, err
	}
	// The sink stands in for the coordinator: its certificate names the
	// study's coordinator, as the dialling clients require.
	cert, err := s.CA().IssueServer("bench upload sink", s.CoordinatorAccount(), "127.0.0.1")
	if err != nil {
		return upload, baseline, download, err
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return upload, baseline, download, err
	}
	srv := grpc.NewServer(append(coordinator.ServerLimits(), coordinator.ServerCodec(), grpc.Creds(credentials.NewTLS(auth.ServerConfig(cert, s.CA().Pool()))))...)
	cohortv1.RegisterCoordinatorServer(srv, &uploadSink{dir: sinkDir, studyID: s.StudyID()})
	srv.RegisterService(rawstream.ServiceDesc(), struct{}{})
	served := make(chan struct{})
	go func() { defer close(served); _ = srv.Serve(lis) }()
	defer func() { srv.Stop(); <-served }()

	var conns []*grpc.ClientConn
	defer func() {
		for _, c := range conns {
			_ = c.Close()
		}
	}()
	var certs []common.Hash // the fingerprints of the certificates conns present
	// dial connects to the sink (over TLS alone: it holds a certificate
	// naming the coordinator but not its key) or, bound, to the study's
	// coordinator.
	dial := func(addr, name string) (*grpc.ClientConn, error) {
		cert, err := s.CA().IssueClient(name, common.Address{})
		if err != nil {
			return nil, err
		}
		creds := credentials.NewTLS(auth.ClientConfig(cert, s.CA().Pool(), "127.0.0.1", s.CoordinatorAccount()))
		if addr == s.Listen() {
			if creds, err = s.CoordinatorCredentials(cert); err != nil {
				return nil, err
			}
		}
		conn, err := grpc.NewClient(addr, coordinator.DialMessageLimits(), grpc.WithTransportCredentials(creds))
		if err != nil {
			return nil, err
		}
		conns, certs = append(conns, conn), append(certs, auth.Fingerprint(cert))
		return conn, nil
	}
	content := aggregation.ContentHash(update)
	sinkConns := make([]*grpc.ClientConn, n)
	fetchers := make([]cohortv1.CoordinatorClient, n)
	readers := make([]participant.BlobReader, n) // as the study's owner, who may read its updates
	keys := make([]*ecdsa.PrivateKey, n)
	for i := range n {
		name := fmt.Sprintf("bench-hospital-%d", i+1)
		if sinkConns[i], err = dial(lis.Addr().String(), name); err != nil {
			return upload, baseline, download, err
		}
		conn, err := dial(s.Listen(), name)
		if err != nil {
			return upload, baseline, download, err
		}
		fetchers[i], readers[i] = cohortv1.NewCoordinatorClient(conn), s.OwnerReader(certs[len(certs)-1])
		if keys[i], err = crypto.GenerateKey(); err != nil {
			return upload, baseline, download, err
		}
	}
	// Rounds numbered from 1 keep each upload's signed header distinct.
	var round atomic.Uint32
	up := func(ctx context.Context, i int) error {
		return benchUpload(ctx, cohortv1.NewCoordinatorClient(sinkConns[i]), keys[i], s.StudyID(), round.Add(1), content, update)
	}
	raw := func(ctx context.Context, i int) error {
		return rawstream.Upload(ctx, sinkConns[i], update, roundChunk)
	}
	fetch := func(ctx context.Context, i int) error {
		got, err := participant.FetchBlob(ctx, fetchers[i], readers[i], content, slog.New(slog.DiscardHandler))
		if err == nil && len(got) != len(update) {
			err = fmt.Errorf("fetched %d bytes, want %d", len(got), len(update))
		}
		return err
	}
	if upload, err = timeTransfer(ctx, len(update), n, reps, up); err != nil {
		return upload, baseline, download, fmt.Errorf("bench round: timed upload: %w", err)
	}
	if baseline, err = timeTransfer(ctx, len(update), n, reps, raw); err != nil {
		return upload, baseline, download, fmt.Errorf("bench round: timed raw stream: %w", err)
	}
	if download, err = timeTransfer(ctx, len(update), n, reps, fetch); err != nil {
		return upload, baseline, download, fmt.Errorf("bench round: timed download: %w", err)
	}
	upload.Method = "UploadUpdate of the real encrypted update (signed header, 1 MiB chunks, receipt) into a sink that verifies the signature, size and chunk root (SHA-256 tree) and stores the blob like the coordinator; " +
		"leaves out the coordinator's on-chain commitment read and ciphertext parameter check"
	baseline.Method = "raw gRPC client stream of the same bytes in 1 MiB protobuf bytes messages to the same server, counted and dropped: no signature, hash or disk"
	download.Method = "participant.FetchBlob of the same bytes from the study's coordinator: GetBlob reads the blob from disk and streams it in 1 MiB chunks; the client checks its chunk root"
	return upload, baseline, download, nil
}

// timeTransfer runs transfer i for every i once to warm the connections up,
// then times transfer 0 alone and all n at once, reps times each, and
// returns the medians.
func timeTransfer(ctx context.Context, size, n, reps int, transfer func(context.Context, int) error) (TransferFigures, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	all := func() error {
		g, gctx := errgroup.WithContext(ctx)
		for i := range n {
			g.Go(func() error { return transfer(gctx, i) })
		}
		return g.Wait()
	}
	if err := all(); err != nil {
		return TransferFigures{}, err
	}
	var single, concurrent []float64
	for range reps {
		t0 := time.Now()
		if err := transfer(ctx, 0); err != nil {
			return TransferFigures{}, err
		}
		single = append(single, time.Since(t0).Seconds())
		t0 = time.Now()
		if err := all(); err != nil {
			return TransferFigures{}, err
		}
		concurrent = append(concurrent, time.Since(t0).Seconds())
	}
	f := TransferFigures{Seconds: median(single), ConcurrentSeconds: median(concurrent)}
	f.MBPerSecond = float64(size) / f.Seconds / 1e6
	f.ConcurrentMBPerSecond = float64(n*size) / f.ConcurrentSeconds / 1e6
	return f, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// benchUpload uploads data the way a participant does: a header signed by
// key and bound to study, round and content, then 1 MiB chunks.
func benchUpload(ctx context.Context, client cohortv1.CoordinatorClient, key *ecdsa.PrivateKey, study uint64, round uint32, content common.Hash, data []byte) error {
	signed, err := auth.Sign(key, study, round, auth.KindUpdate, content)
	if err != nil {
		return err
	}
	stream, err := client.UploadUpdate(ctx)
	if err != nil {
		return err
	}
	header := &cohortv1.UpdateHeader{StudyId: study, Round: round, Size: uint64(len(data)), ContentHash: content.Bytes(), Auth: signed}
	if err := stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: header}}); err != nil {
		_, err = stream.CloseAndRecv()
		return err
	}
	for off := 0; off < len(data); off += roundChunk {
		if err := stream.Send(&cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: data[off:min(off+roundChunk, len(data))]}}); err != nil {
			break // the server closed the stream; CloseAndRecv reports why
		}
	}
	receipt, err := stream.CloseAndRecv()
	if err != nil {
		return err
	}
	if common.BytesToHash(receipt.GetContentHash()) != content || receipt.GetSize() != uint64(len(data)) {
		return fmt.Errorf("sink acknowledged %x (%d bytes), not the uploaded %s (%d bytes)", receipt.GetContentHash(), receipt.GetSize(), content.Hex(), len(data))
	}
	return nil
}

// errSinkUpload reports an upload the benchmark's sink refused.
var errSinkUpload = errors.New("bench round: upload refused")

// uploadSink accepts update uploads of one study and does with their bytes
// what the coordinator does: it checks the header's signature and takes the
// bytes with the coordinator's Store.Receive (size and content hash checked,
// the blob stored durably). It answers no other RPC.
// It is safe for concurrent use.
type uploadSink struct {
	cohortv1.UnimplementedCoordinatorServer
	dir     string // each upload is stored afresh in a store of its own below it
	studyID uint64
}

// UploadUpdate receives one upload.
func (u *uploadSink) UploadUpdate(stream grpc.ClientStreamingServer[cohortv1.UpdateChunk, cohortv1.UploadReceipt]) error {
	// The coordinator's own receive path (Store.Receive, UploadChunks):
	// copied in place from gRPC's frames, hashed and written as the bytes
	// arrive. A store of its own: the n hospitals upload the same bytes at
	// once and again for each repetition, and each must be received in
	// full. Making and removing the store is the benchmark's, not the
	// coordinator's (it keeps one store): the store is made before the
	// header is read and removed after the receipt is sent.
	dir, err := os.MkdirTemp(u.dir, "upload-")
	if err != nil {
		return err
	}
	defer func() { go func() { _ = os.RemoveAll(dir) }() }()
	store, err := coordinator.OpenStore(dir)
	if err != nil {
		return err
	}
	first, err := stream.Recv()
	if err != nil {
		return err
	}
	h := first.GetHeader()
	if h == nil || h.GetStudyId() != u.studyID || len(h.GetContentHash()) != common.HashLength || h.GetSize() == 0 || h.GetSize() > coordinator.MaxMessageBytes {
		return fmt.Errorf("%w: bad header", errSinkUpload)
	}
	want := common.BytesToHash(h.GetContentHash())
	if _, err := auth.Verify(h.GetAuth(), u.studyID, h.GetRound(), auth.KindUpdate, want); err != nil {
		return fmt.Errorf("%w: %w", errSinkUpload, err)
	}
	next, streamErr := coordinator.UploadChunks(stream)
	size, err := store.Receive(want, h.GetSize(), 0, next, nil, nil)
	if err := streamErr(); err != nil {
		return err
	}
	if err != nil {
		return fmt.Errorf("%w: %w", errSinkUpload, err)
	}
	return stream.SendAndClose(&cohortv1.UploadReceipt{ContentHash: want.Bytes(), Size: size})
}

// benchPhaseTimeout is how long a bench study's coordinator waits for a
// phase: every hospital's work runs in this one process, so a phase whose
// work is per hospital (key generation, dealing to the committee: about
// 0.5 s of one core each at 100 hospitals) takes n times what it takes a
// hospital on its own machine. The 2-minute default cut the dealing of 100
// hospitals at 54 on a loaded 2-core machine; a hospital that really fails
// is not what bench round measures.
func benchPhaseTimeout(hospitals int) time.Duration {
	return max(2*time.Minute, time.Duration(hospitals)*5*time.Second)
}
