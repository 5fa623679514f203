package evaluation

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"gonum.org/v1/plot"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/coordinator/evaluation/chart"
	"github.com/cohort-fl/cohort/coordinator/simulation"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// LearnConfig is what `cohort bench learn` measures.
type LearnConfig struct {
	Data, Schema string
	Sites        int
	Seeds        int
	Rounds       int
	Skew         records.SkewConfig // Sites and Seed are set per run
	Spec         models.Spec        // Features is set from the schema
	Local        models.TrainConfig // per round, at each site
	Central      models.TrainConfig // pooled and site-alone training
	Privacy      *LearnPrivacy      // --epsilon: private studies too
}

// DefaultLearnConfig holds the tuned defaults: 20 rounds of 2 local epochs
// of Adam at rate 0.01 against 40 epochs of centralised training, on sites
// whose sizes span 8:1 and whose prevalence ranges from mostly negative to
// mostly positive (label skew 0.8).
func DefaultLearnConfig() LearnConfig {
	return LearnConfig{
		Sites: 4, Seeds: 5, Rounds: 20,
		Skew:    records.SkewConfig{SizeRatio: 8, LabelSkew: 0.8, MinPerClass: 3},
		Spec:    models.Spec{Kind: models.KindLogistic},
		Local:   models.TrainConfig{Epochs: 2, BatchSize: 16, LearningRate: 0.01, Optimizer: models.OptimizerAdam},
		Central: models.TrainConfig{Epochs: 40, BatchSize: 16, LearningRate: 0.01, Optimizer: models.OptimizerAdam},
	}
}

// LearnScores are one model's figures on the common test records.
type LearnScores struct {
	Accuracy         float64 `json:"accuracy"`
	BalancedAccuracy float64 `json:"balanced_accuracy"`
	AUC              float64 `json:"auc"`
	LogLoss          float64 `json:"log_loss"`
}

// LearnSeedResult is one seed's figures.
type LearnSeedResult struct {
	Seed        int64                `json:"seed"`
	SiteSizes   []int                `json:"site_sizes"`
	SitePrev    []float64            `json:"site_prevalence"`
	Test        int                  `json:"test_records"`
	Pooled      LearnScores          `json:"pooled"`
	SiteAlone   []LearnScores        `json:"site_alone"`
	SiteMean    LearnScores          `json:"site_alone_mean"`
	Federated   LearnScores          `json:"federated"`
	FedSeconds  float64              `json:"federated_seconds"`
	StdMaxError float64              `json:"standardiser_max_error"`
	Private     []PrivateLearnResult `json:"private,omitempty"`
}

// MeanSD is a mean and sample standard deviation over seeds.
type MeanSD struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// LearnSummary is the mean and spread of each figure of one approach.
type LearnSummary struct {
	Accuracy         MeanSD `json:"accuracy"`
	BalancedAccuracy MeanSD `json:"balanced_accuracy"`
	AUC              MeanSD `json:"auc"`
	LogLoss          MeanSD `json:"log_loss"`
}

// LearnReport is what `cohort bench learn --json` prints.
type LearnReport struct {
	Data       string             `json:"data"`
	Schema     string             `json:"schema"`
	Sites      int                `json:"sites"`
	Seeds      int                `json:"seeds"`
	Rounds     int                `json:"rounds"`
	Skew       records.SkewConfig `json:"skew"`
	Spec       models.Spec        `json:"spec"`
	Local      models.TrainConfig `json:"local_training"`
	Central    models.TrainConfig `json:"central_training"`
	Pooled     LearnSummary       `json:"pooled"`
	SiteAlone  LearnSummary       `json:"site_alone"`
	Federated  LearnSummary       `json:"federated"`
	GapPoints  float64            `json:"pooled_minus_federated_accuracy_points"`
	WithinOne  bool               `json:"federated_within_1_point_of_pooled"`
	BeatsAlone bool               `json:"federated_beats_site_alone"`
	// PrivateTraining and Private are the --epsilon studies: their local
	// training and, per budget, figures against Federated.
	PrivateTraining *models.TrainConfig   `json:"private_training,omitempty"`
	PrivacySettings *LearnPrivacy         `json:"privacy_settings,omitempty"`
	Private         []PrivateLearnSummary `json:"private,omitempty"`
	PerSeed         []LearnSeedResult     `json:"per_seed"`
	Seconds         float64               `json:"seconds"`
}

// LearnPlots draws pooled, site-alone and federated training side by side:
// accuracy, balanced accuracy and AUC, each a bar of the mean over seeds
// with the standard deviation as its spread.
func LearnPlots(rep *LearnReport) ([]*plot.Plot, error) {
	title := fmt.Sprintf("mean ± sd over %d seeds, %d unlike sites", rep.Seeds, rep.Sites)
	var panels []*plot.Plot
	for _, m := range []struct {
		name string
		pick func(LearnSummary) MeanSD
	}{
		{"accuracy", func(s LearnSummary) MeanSD { return s.Accuracy }},
		{"balanced accuracy", func(s LearnSummary) MeanSD { return s.BalancedAccuracy }},
		{"AUC", func(s LearnSummary) MeanSD { return s.AUC }},
	} {
		var bars []chart.Bar
		low := 1.0
		for _, t := range []struct {
			name string
			s    LearnSummary
		}{{"pooled", rep.Pooled}, {"site alone (mean)", rep.SiteAlone}, {"federated", rep.Federated}} {
			v := m.pick(t.s)
			bars = append(bars, chart.Bar{Name: t.name, Mean: v.Mean, SD: v.SD})
			low = min(low, v.Mean-v.SD)
		}
		// The axis starts a little below the lowest bar's spread, at a
		// tenth, so that figures near 1 can be told apart.
		yMin := max(0, math.Floor(10*(low-0.02))/10)
		p, err := chart.Bars(chart.Axes{Title: m.name + " (" + title + ")", Y: m.name + " on the test records", YMin: yMin, YMax: 1.0}, bars...)
		if err != nil {
			return nil, err
		}
		panels = append(panels, p)
	}
	if p, err := privacyPlot(rep); err != nil || p != nil {
		return append(panels, p), err
	}
	return panels, nil
}

// Learn runs every seed and summarises; progress goes to progress.
func Learn(ctx context.Context, cfg LearnConfig, progress io.Writer) (*LearnReport, error) {
	start := time.Now()
	schema, err := records.LoadSchemaFile(cfg.Schema)
	if err != nil {
		return nil, err
	}
	cfg.Spec.Features = schema.Features()
	if err := cfg.Spec.Validate(); err != nil {
		return nil, err
	}
	rep := &LearnReport{
		Data: cfg.Data, Schema: cfg.Schema, Sites: cfg.Sites, Seeds: cfg.Seeds, Rounds: cfg.Rounds,
		Skew: cfg.Skew, Spec: cfg.Spec, Local: cfg.Local, Central: cfg.Central,
	}
	rep.Skew.Sites = cfg.Sites
	fmt.Fprintf(progress, "bench learn: %d seeds; each trains pooled, at each of %d sites alone and federated (%d encrypted rounds), a line as each ends\n", cfg.Seeds, cfg.Sites, cfg.Rounds)
	for i := range cfg.Seeds {
		seed := int64(i + 1)
		r, err := learnOneSeed(ctx, cfg, schema, seed, progress)
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", seed, err)
		}
		fmt.Fprintf(progress, "seed %d: pooled %.4f  site-alone mean %.4f  federated %.4f (accuracy; %d test records, federated %.1fs)\n",
			seed, r.Pooled.Accuracy, r.SiteMean.Accuracy, r.Federated.Accuracy, r.Test, r.FedSeconds)
		rep.PerSeed = append(rep.PerSeed, r)
	}
	if cfg.Privacy != nil {
		tc, err := cfg.Privacy.trainConfig(cfg.Local, cfg.Rounds, cfg.Sites, cfg.Privacy.Epsilons[0])
		if err != nil {
			return nil, err
		}
		rep.PrivateTraining, rep.PrivacySettings = &tc, cfg.Privacy
	}
	pick := func(f func(LearnSeedResult) LearnScores) LearnSummary {
		var s [4][]float64
		for _, r := range rep.PerSeed {
			sc := f(r)
			for k, v := range []float64{sc.Accuracy, sc.BalancedAccuracy, sc.AUC, sc.LogLoss} {
				s[k] = append(s[k], v)
			}
		}
		return LearnSummary{Accuracy: Summarise(s[0]), BalancedAccuracy: Summarise(s[1]), AUC: Summarise(s[2]), LogLoss: Summarise(s[3])}
	}
	rep.Pooled = pick(func(r LearnSeedResult) LearnScores { return r.Pooled })
	rep.SiteAlone = pick(func(r LearnSeedResult) LearnScores { return r.SiteMean })
	rep.Federated = pick(func(r LearnSeedResult) LearnScores { return r.Federated })
	rep.GapPoints = math.Round(1e6*100*(rep.Pooled.Accuracy.Mean-rep.Federated.Accuracy.Mean)) / 1e6 // no float dust in the report
	rep.WithinOne = rep.GapPoints <= 1
	rep.BeatsAlone = rep.Federated.Accuracy.Mean > rep.SiteAlone.Accuracy.Mean
	summarisePrivate(rep, cfg.Privacy)
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// learnOneSeed splits the data set for one seed and trains the three ways.
func learnOneSeed(ctx context.Context, cfg LearnConfig, schema records.Schema, seed int64, progress io.Writer) (LearnSeedResult, error) {
	res := LearnSeedResult{Seed: seed}
	// The held-out test records: the schema's split, drawn with this seed.
	schema.SplitSeed = seed
	whole, _, err := records.LoadFile(cfg.Data, schema, records.LoadOptions{Name: "all"})
	if err != nil {
		return res, err
	}
	skew := cfg.Skew
	skew.Sites, skew.Seed = cfg.Sites, seed
	parts, err := records.SplitUnlike(whole.Train, skew)
	if err != nil {
		return res, err
	}
	// Each site also gets a share of the test records so that the study's
	// per-round figures are those of the whole test set.
	tests := dealTests(whole.Test, parts)
	raw := make([]records.Site, cfg.Sites)
	for i := range raw {
		raw[i] = records.Site{Name: fmt.Sprintf("site%d", i), Train: parts[i], Test: tests[i], Consent: whole.Consent}
		res.SiteSizes = append(res.SiteSizes, len(parts[i]))
		res.SitePrev = append(res.SitePrev, Prevalence(parts[i]))
	}
	res.Test = len(whole.Test)

	// Federated: a whole encrypted study through the real daemons, which
	// agree on the pooled standardiser in the study's moments phase (moments
	// summed under encryption, only the sum decrypted).
	dir, err := os.MkdirTemp("", "cohort-bench-learn-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	spec, local := cfg.Spec, cfg.Local
	t0 := time.Now()
	study, err := simulation.Run(ctx, simulation.Config{
		Hospitals: cfg.Sites, Rounds: cfg.Rounds, Seed: seed, DataDir: filepath.Join(dir, "blobs"),
		Sites: raw, Spec: &spec, Train: &local, Standardise: records.StandardisePooled, Scales: schema.Scales(),
	})
	if err != nil {
		return res, fmt.Errorf("federated study: %w", err)
	}
	defer study.Close()
	res.FedSeconds = time.Since(t0).Seconds()
	if study.Result() == nil || study.Result().FinalModel == nil || study.Standardiser() == nil {
		return res, simulation.ErrNoRounds
	}
	std := *study.Standardiser()
	ref, err := ClearPooledStandardiser(raw, schema.Features())
	if err != nil {
		return res, err
	}
	for j := range std.Mean {
		res.StdMaxError = max(res.StdMaxError, math.Abs(std.Mean[j]-ref.Mean[j])/ref.Scale[j], math.Abs(std.Scale[j]/ref.Scale[j]-1))
	}
	sites := make([]records.Site, len(raw))
	for i, s := range raw {
		if sites[i], err = std.ApplySite(s); err != nil {
			return res, err
		}
	}
	test, err := std.Apply(whole.Test)
	if err != nil {
		return res, err
	}
	fed, err := models.New(spec, seed)
	if err != nil {
		return res, err
	}
	if err := fed.SetParams(study.Result().FinalModel); err != nil {
		return res, err
	}
	if res.Federated, err = score(fed, test); err != nil {
		return res, err
	}
	if cfg.Privacy != nil {
		if res.Private, err = learnPrivate(ctx, cfg, raw, whole.Test, schema.Scales(), seed, progress); err != nil {
			return res, err
		}
	}

	// Pooled: every site's training records in one place.
	var pooled []records.Record
	for _, s := range sites {
		pooled = append(pooled, s.Train...)
	}
	central := cfg.Central
	central.Seed = seed
	if res.Pooled, err = trainAndScore(ctx, cfg.Spec, seed, pooled, test, central); err != nil {
		return res, fmt.Errorf("pooled: %w", err)
	}

	// Each site alone, standardising with its own statistics.
	for i, s := range raw {
		m, err := records.TrainMoments(s, schema.Features())
		if err != nil {
			return res, err
		}
		own, err := records.NewStandardiser(m)
		if err != nil {
			return res, err
		}
		train, err := own.Apply(s.Train)
		if err != nil {
			return res, err
		}
		ownTest, err := own.Apply(whole.Test)
		if err != nil {
			return res, err
		}
		tc := central
		tc.Seed = seed + int64(i)
		sc, err := trainAndScore(ctx, cfg.Spec, seed, train, ownTest, tc)
		if err != nil {
			return res, fmt.Errorf("site %d alone: %w", i, err)
		}
		res.SiteAlone = append(res.SiteAlone, sc)
	}
	for _, sc := range res.SiteAlone {
		k := float64(len(res.SiteAlone))
		res.SiteMean.Accuracy += sc.Accuracy / k
		res.SiteMean.BalancedAccuracy += sc.BalancedAccuracy / k
		res.SiteMean.AUC += sc.AUC / k
		res.SiteMean.LogLoss += sc.LogLoss / k
	}

	return res, nil
}

// trainAndScore trains a fresh model on train and scores it on test.
func trainAndScore(ctx context.Context, spec models.Spec, seed int64, train, test []records.Record, tc models.TrainConfig) (LearnScores, error) {
	m, err := models.New(spec, seed)
	if err != nil {
		return LearnScores{}, err
	}
	X, y := records.Matrix(train)
	if _, err := m.Train(ctx, X, y, tc); err != nil {
		return LearnScores{}, err
	}
	return score(m, test)
}

// score evaluates m on test records.
func score(m *models.Model, test []records.Record) (LearnScores, error) {
	X, y := records.Matrix(test)
	p, err := m.Predict(X)
	if err != nil {
		return LearnScores{}, err
	}
	e := models.Evaluate(p, y)
	return LearnScores{Accuracy: e.Accuracy(), BalancedAccuracy: e.BalancedAccuracy(), AUC: models.ExactAUC(p, y), LogLoss: e.LogLoss()}, nil
}

// encryptedPooledStandardiser standardises with statistics pooled across
// sites without any site revealing its own: each site encodes the moments
// of its consented training records (records.Moments.Encode), encrypts them
// under a multiparty CKKS key whose secret shares stay with the sites, the
// ciphertexts are summed and only the sum is collectively decrypted. It runs
// every party in one process, for benchmarks that standardise a data set
// once for many studies (cohort bench robust); a study's coordinator and
// hospitals run the same computation as its moments phase, over gRPC.
func encryptedPooledStandardiser(sites []records.Site, scales []float64) (records.Standardiser, error) {
	features := len(scales)
	ms := make([]records.Moments, len(sites))
	total := 0.0
	for i, s := range sites {
		m, err := records.TrainMoments(s, features)
		if err != nil {
			return records.Standardiser{}, fmt.Errorf("site %s: %w", s.Name, err)
		}
		ms[i] = m
		total += float64(len(records.ConsentedOnly(s.Train, s.Consents))) // public: the committed sample counts
	}
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	if err != nil {
		return records.Standardiser{}, err
	}
	crs := aggregation.CommonSeed([]byte("cohort: pooled feature moments"))
	sks := make([]*aggregation.SecretShare, len(sites))
	pkShares := make([]*aggregation.PublicKeyShare, len(sites))
	for i := range sites {
		if sks[i], err = scheme.GenSecretShare(); err != nil {
			return records.Standardiser{}, err
		}
		if pkShares[i], err = scheme.GenPublicKeyShare(sks[i], crs); err != nil {
			return records.Standardiser{}, err
		}
	}
	pk, err := scheme.CombinePublicKey(crs, pkShares)
	if err != nil {
		return records.Standardiser{}, err
	}
	cts := make([]*aggregation.EncryptedVector, len(sites))
	ones := make([]float64, len(sites))
	for i, m := range ms {
		v, err := m.Encode(total, scales, scheme.MaxAbsValue())
		if err != nil {
			return records.Standardiser{}, fmt.Errorf("site %s: %w", sites[i].Name, err)
		}
		if cts[i], err = scheme.Encrypt(sks[i], pk.Hash(), aggregation.NewEncryptionContext(0, "moments", 0), v); err != nil {
			return records.Standardiser{}, fmt.Errorf("site %s: encrypt moments: %w", sites[i].Name, err)
		}
		ones[i] = 1
	}
	sum, err := scheme.WeightedSum(cts, ones)
	if err != nil {
		return records.Standardiser{}, err
	}
	shares := make([]*aggregation.DecryptionShare, len(sites))
	for i, sk := range sks {
		if shares[i], err = scheme.GenDecryptionShare(sk, sum); err != nil {
			return records.Standardiser{}, err
		}
	}
	plain, err := scheme.Decrypt(sum, shares)
	if err != nil {
		return records.Standardiser{}, err
	}
	return records.PooledStandardiser(plain, total, scales)
}

// ClearPooledStandardiser sums the sites' moments in the clear: the
// reference the encrypted sum is checked against.
func ClearPooledStandardiser(sites []records.Site, features int) (records.Standardiser, error) {
	ms := make([]records.Moments, len(sites))
	for i, s := range sites {
		m, err := records.TrainMoments(s, features)
		if err != nil {
			return records.Standardiser{}, err
		}
		ms[i] = m
	}
	sum, err := records.SumMoments(ms...)
	if err != nil {
		return records.Standardiser{}, err
	}
	return records.NewStandardiser(sum)
}

func Prevalence(recs []records.Record) float64 {
	if len(recs) == 0 {
		return 0
	}
	pos := 0.0
	for _, r := range recs {
		if r.Label >= 0.5 {
			pos++
		}
	}
	return pos / float64(len(recs))
}

// Summarise returns the mean and sample standard deviation of xs.
func Summarise(xs []float64) MeanSD {
	if len(xs) == 0 {
		return MeanSD{}
	}
	var s MeanSD
	for _, x := range xs {
		s.Mean += x / float64(len(xs))
	}
	if len(xs) > 1 {
		for _, x := range xs {
			s.SD += (x - s.Mean) * (x - s.Mean)
		}
		s.SD = math.Sqrt(s.SD / float64(len(xs)-1))
	}
	return s
}

// dealTests deals the test records out to the sites in proportion to
// their training records (parts), in order, each record to the site
// furthest below its share: a site's evaluation counts at most the
// training samples it commits (coordinator evaluateStep), so a small
// site must not get an equal share of a large test set. Every site gets
// at most ⌈len(test)·len(part)/total⌉ records, within its training
// records whenever the test set is no larger than the training set.
func dealTests(test []records.Record, parts [][]records.Record) [][]records.Record {
	out := make([][]records.Record, len(parts))
	for _, r := range test {
		best := -1
		for i, p := range parts {
			// Site i's records per training record once it takes this one;
			// the lowest takes it (the first on ties).
			if len(p) > 0 && (best < 0 || (len(out[i])+1)*len(parts[best]) < (len(out[best])+1)*len(p)) {
				best = i
			}
		}
		if best < 0 {
			best = 0 // no site trains: nothing to bound by
		}
		out[best] = append(out[best], r)
	}
	return out
}
