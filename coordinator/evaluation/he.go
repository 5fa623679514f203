package evaluation

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
)

// HEResult is one (parties, parameters) cell of HE.
type HEResult struct {
	Parties    int `json:"parties"`
	Parameters int `json:"parameters"`
	// DistinctEncryptions updates were encrypted and timed; the other
	// parties' updates (CopiedUpdates) are the same plaintexts encrypted,
	// untimed, under those parties' own key shares (an aggregate names
	// each dealer once), so that the sum reads n updates from memory as in
	// a study.
	DistinctEncryptions int     `json:"distinct_encryptions"`
	CopiedUpdates       int     `json:"copied_updates"`
	EncryptSeconds      float64 `json:"encrypt_seconds_per_participant"`
	AggregateSeconds    float64 `json:"aggregate_seconds"`
	PlainSeconds        float64 `json:"plaintext_aggregate_seconds"`
	AggregateRatio      float64 `json:"encrypted_to_plaintext_aggregate_ratio"`
	ShareSeconds        float64 `json:"decryption_share_seconds_per_participant"`
	CombineSeconds      float64 `json:"combine_seconds"`
	UpdateBytes         float64 `json:"bytes_per_parameter_update"`
	AggregateBytes      float64 `json:"bytes_per_parameter_aggregate"`
	ShareBytes          float64 `json:"bytes_per_parameter_decryption_share"`
	MaxAbsError         float64 `json:"max_abs_error"`
	MaxAbsValue         float64 `json:"max_abs_value"`
	RelativeError       float64 `json:"max_error_relative_to_max_value"`
	SecurityBits        float64 `json:"statistical_security_bits"`
}

// HEReport is the result of HE (`cohort bench he --json` prints it).
type HEReport struct {
	Config     aggregation.Config `json:"config"`
	GOMAXPROCS int                `json:"gomaxprocs"`
	Baseline   string             `json:"baseline"`
	Results    []HEResult         `json:"results"`
}

// HEConfig is what HE measures: every (parties, parameters) cell of
// Parties × Params, timing at most Distinct distinct encryptions per cell.
type HEConfig struct {
	Parties  []int
	Params   []int
	Distinct int
	// Progress receives a line per cell and a note while a cell runs long
	// (default: discarded).
	Progress io.Writer
}

// Validate says which field is out of range.
func (c HEConfig) Validate() error {
	for _, l := range [][]int{c.Parties, c.Params} {
		if len(l) == 0 || slices.Min(l) < 1 {
			return fmt.Errorf("--parties and --params are lists of positive counts, not %v and %v", c.Parties, c.Params)
		}
	}
	if c.Distinct < 1 {
		return fmt.Errorf("--distinct is %d, want at least 1", c.Distinct)
	}
	return nil
}

// HE measures the multiparty CKKS scheme's encrypted aggregation against a
// plaintext weighted sum of the same updates: encryption, the weighted sum,
// decryption shares and their combination, bytes per parameter, and the
// error of the decrypted sum, for each cell of cfg.
func HE(ctx context.Context, cfg HEConfig) (*HEReport, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	progress := cfg.Progress
	if progress == nil {
		progress = io.Discard
	}
	scheme := aggregation.DefaultConfig()
	s, err := aggregation.NewScheme(scheme)
	if err != nil {
		return nil, err
	}
	report := HEReport{
		Config:     scheme,
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Baseline:   "aggregation.PlainWeightedSum (float64, contiguous chunks on every core, four inputs at a time) of the same updates, measured in the same run",
	}
	for _, n := range cfg.Parties {
		fmt.Fprintf(progress, "bench he: key generation among %d parties\n", n)
		sks, pk, err := heKeys(s, n)
		if err != nil {
			return nil, err
		}
		for _, length := range cfg.Params {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			// Each party's update takes about 48 bytes per parameter in memory.
			fmt.Fprintf(progress, "bench he: %d parties x %d parameters (about %d MB of updates in memory)\n", n, length, n*length*48>>20)
			stop := NoteWhile(progress, NoteEvery, fmt.Sprintf("bench he: %d parties x %d parameters", n, length))
			r, err := heCell(s, sks, pk, length, min(n, cfg.Distinct))
			stop()
			if err != nil {
				return nil, err
			}
			report.Results = append(report.Results, r)
		}
	}
	return &report, nil
}

// HEPlots draws aggregation time against parameters (log-log), encrypted
// and plaintext, for each number of parties, and the bytes per parameter
// of an update, the aggregate and a decryption share.
func HEPlots(report *HEReport) ([]*plot.Plot, error) {
	var times []chart.Series
	bytes := []chart.Series{{Name: "update"}, {Name: "aggregate"}, {Name: "decryption share", Dashed: true}}
	var parties []int
	for _, r := range report.Results {
		i := slices.Index(parties, r.Parties)
		if i < 0 {
			i = len(parties)
			parties = append(parties, r.Parties)
			times = append(times,
				chart.Series{Name: fmt.Sprintf("encrypted, n = %d", r.Parties)},
				chart.Series{Name: fmt.Sprintf("plaintext, n = %d", r.Parties), Dashed: true})
		}
		x := float64(r.Parameters)
		times[2*i].Points = append(times[2*i].Points, plotter.XY{X: x, Y: r.AggregateSeconds})
		times[2*i+1].Points = append(times[2*i+1].Points, plotter.XY{X: x, Y: r.PlainSeconds})
		if i == 0 { // the sizes do not depend on the number of parties
			for k, v := range []float64{r.UpdateBytes, r.AggregateBytes, r.ShareBytes} {
				bytes[k].Points = append(bytes[k].Points, plotter.XY{X: x, Y: v})
			}
		}
	}
	timePanel, err := chart.Line(chart.Axes{Title: "weighted sum of n updates", X: "parameters", Y: "seconds (best of 5)", LogX: true, LogY: true}, times...)
	if err != nil {
		return nil, err
	}
	timePanel.Y.Max *= 30 // room for the legend above the lines
	bytesPanel, err := chart.Line(chart.Axes{Title: "ciphertext size", X: "parameters", Y: "bytes per parameter", LogX: true, CountY: true}, bytes...)
	if err != nil {
		return nil, err
	}
	return []*plot.Plot{timePanel, bytesPanel}, nil
}

// heKeys runs the collective key generation among n parties.
func heKeys(s *aggregation.Scheme, n int) ([]*aggregation.SecretShare, *aggregation.PublicKey, error) {
	crs := aggregation.CommonSeed([]byte("cohort bench he"), []byte{byte(n)})
	sks := make([]*aggregation.SecretShare, n)
	pks := make([]*aggregation.PublicKeyShare, n)
	for i := range sks {
		var err error
		if sks[i], err = s.GenSecretShare(); err != nil {
			return nil, nil, err
		}
		if pks[i], err = s.GenPublicKeyShare(sks[i], crs); err != nil {
			return nil, nil, err
		}
	}
	pk, err := s.CombinePublicKey(crs, pks)
	return sks, pk, err
}

// heContext is the encryption context of the bench's updates.
var heContext = aggregation.NewEncryptionContext(0, "bench", 1)

// heCell measures one (parties, length) cell.
func heCell(s *aggregation.Scheme, sks []*aggregation.SecretShare, pk *aggregation.PublicKey, length, distinct int) (HEResult, error) {
	n := len(sks)
	r := rand.New(rand.NewPCG(uint64(n), uint64(length)))
	res := HEResult{Parties: n, Parameters: length, DistinctEncryptions: distinct, CopiedUpdates: n - distinct}

	// Updates of realistic size (|v| <= 1) and their encryptions.
	plain := make([][]float64, distinct)
	enc := make([]*aggregation.EncryptedVector, distinct)
	var encTime time.Duration
	for i := range plain {
		plain[i] = make([]float64, length)
		for j := range plain[i] {
			plain[i][j] = 2*r.Float64() - 1
		}
		start := time.Now()
		v, err := s.Encrypt(sks[i], pk.Hash(), heContext, plain[i])
		if err != nil {
			return res, err
		}
		encTime += time.Since(start)
		enc[i] = v
	}
	res.EncryptSeconds = encTime.Seconds() / float64(distinct)
	update, err := enc[0].MarshalBinary()
	if err != nil {
		return res, err
	}
	res.UpdateBytes = float64(len(update)) / float64(length)

	// Every party's update in memory of its own: the distinct ones, then
	// copies decoded from their encodings (a sum over n pointers to the
	// same few updates would read them from cache).
	vs := make([]*aggregation.EncryptedVector, n)
	ps := make([][]float64, n)
	for i := range vs {
		if i < distinct {
			vs[i], ps[i] = enc[i], plain[i]
			continue
		}
		// Each party encrypts under its own key share: a copy is the same
		// plaintext encrypted (untimed) by the next party.
		ps[i] = slices.Clone(plain[i%distinct])
		var err error
		if vs[i], err = s.Encrypt(sks[i], pk.Hash(), heContext, ps[i]); err != nil {
			return res, err
		}
	}

	// Aggregation against the plaintext baseline, best of a few runs each.
	weights := make([]float64, n)
	total := 0.0
	for i := range weights {
		weights[i] = 1 + 99*r.Float64()
		total += weights[i]
	}
	for i := range weights {
		weights[i] /= total
	}
	runs := 5
	var agg *aggregation.EncryptedVector
	res.AggregateSeconds = bestOf(runs, func() error {
		var err error
		agg, err = s.WeightedSum(vs, weights)
		return err
	}, &err)
	if err != nil {
		return res, err
	}
	var want []float64
	res.PlainSeconds = bestOf(runs, func() error {
		var err error
		want, err = aggregation.PlainWeightedSum(ps, weights)
		return err
	}, &err)
	if err != nil {
		return res, err
	}
	res.AggregateRatio = res.AggregateSeconds / res.PlainSeconds
	aggBytes, err := agg.MarshalBinary()
	if err != nil {
		return res, err
	}
	res.AggregateBytes = float64(len(aggBytes)) / float64(length)

	// n-of-n decryption: every party's share, then the combination.
	shares := make([]*aggregation.DecryptionShare, n)
	start := time.Now()
	for i, sk := range sks {
		if shares[i], err = s.GenDecryptionShare(sk, agg); err != nil {
			return res, err
		}
	}
	res.ShareSeconds = time.Since(start).Seconds() / float64(n)
	shareBytes, err := shares[0].MarshalBinary()
	if err != nil {
		return res, err
	}
	res.ShareBytes = float64(len(shareBytes)) / float64(length)
	var got []float64
	res.CombineSeconds = bestOf(1, func() error {
		var err error
		got, err = s.Decrypt(agg, shares)
		return err
	}, &err)
	if err != nil {
		return res, err
	}
	for j := range want {
		res.MaxAbsError = math.Max(res.MaxAbsError, math.Abs(got[j]-want[j]))
	}
	for _, p := range plain {
		for _, x := range p {
			res.MaxAbsValue = math.Max(res.MaxAbsValue, math.Abs(x))
		}
	}
	res.RelativeError = res.MaxAbsError / res.MaxAbsValue
	res.SecurityBits = s.SmudgingSecurityBits(n, length)
	return res, nil
}

// bestOf runs f k times and returns the fastest run in seconds; the first
// error stops it and is stored in *err. Each run starts after a garbage
// collection, as a long-running daemon's round would: the result of the
// previous run is freed and its memory reused, so that neither the encrypted
// nor the plaintext sum is timed writing fresh pages (a first touch costs
// more than the write here, and whether it happens would otherwise depend on
// when the collector last ran).
func bestOf(k int, f func() error, err *error) float64 {
	best := math.Inf(1)
	for i := 0; i < k; i++ {
		runtime.GC()
		start := time.Now()
		if e := f(); e != nil {
			*err = e
			return 0
		}
		best = math.Min(best, time.Since(start).Seconds())
	}
	return best
}
