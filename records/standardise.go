package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrMoments reports moments that cannot be combined, encoded or turned into
// a Standardiser: mismatched lengths, negative or non-finite values, a
// feature no site observed, or a value outside the encryption range.
var ErrMoments = errors.New("records: invalid moments")

// ErrImpossibleMoments reports a decrypted pooled sum of encoded moments
// that no records give (see PooledStandardiser): some site encrypted
// moments that are not its records'. It wraps ErrMoments.
var ErrImpossibleMoments = fmt.Errorf("%w: moments no records give", ErrMoments)

// Moments are the sufficient statistics of standardisation for F features:
// per feature j, the number N[j] of observed (non-missing) values, their sum
// Sum[j] and their sum of squares SumSq[j]. Moments of disjoint record sets
// add up to the moments of their union, so sites can sum them under
// encryption and learn the pooled statistics without revealing their own
// (see Encode). A Moments is a plain value, safe for concurrent reads.
type Moments struct {
	N     []float64 `json:"n"`
	Sum   []float64 `json:"sum"`
	SumSq []float64 `json:"sum_sq"`
}

// ComputeMoments returns the moments of recs over features values per
// record; NaN values (missing, see MissingImpute) are not counted. It fails
// with ErrMoments if a record has another number of features or an infinite
// value. Callers compute a site's moments over the records it may use: its
// consented training records (see TrainMoments).
func ComputeMoments(recs []Record, features int) (Moments, error) {
	m := Moments{N: make([]float64, features), Sum: make([]float64, features), SumSq: make([]float64, features)}
	for i, r := range recs {
		if len(r.Features) != features {
			return Moments{}, fmt.Errorf("%w: record %d (%s) has %d features, want %d", ErrMoments, i, r.ID, len(r.Features), features)
		}
		for j, v := range r.Features {
			if math.IsNaN(v) {
				continue
			}
			if math.IsInf(v, 0) {
				return Moments{}, fmt.Errorf("%w: feature %d of record %s is %v", ErrMoments, j, r.ID, v)
			}
			m.N[j]++
			m.Sum[j] += v
			m.SumSq[j] += v * v
		}
	}
	return m, nil
}

// TrainMoments returns the moments of the site's consented training records:
// the only records whose statistics the site may contribute.
func TrainMoments(site Site, features int) (Moments, error) {
	return ComputeMoments(ConsentedOnly(site.Train, site.Consents), features)
}

// Features returns the number of features the moments describe.
func (m Moments) Features() int { return len(m.N) }

func (m Moments) check() error {
	f := len(m.N)
	if len(m.Sum) != f || len(m.SumSq) != f {
		return fmt.Errorf("%w: lengths n=%d, sum=%d, sum_sq=%d differ", ErrMoments, f, len(m.Sum), len(m.SumSq))
	}
	for j := range f {
		for _, v := range []float64{m.N[j], m.Sum[j], m.SumSq[j]} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: feature %d has a non-finite moment %v", ErrMoments, j, v)
			}
		}
		if m.N[j] < 0 || m.SumSq[j] < 0 {
			return fmt.Errorf("%w: feature %d has a negative count or sum of squares", ErrMoments, j)
		}
	}
	return nil
}

// Add returns the moments of the union of the record sets of m and o.
func (m Moments) Add(o Moments) (Moments, error) {
	if err := m.check(); err != nil {
		return Moments{}, err
	}
	if err := o.check(); err != nil {
		return Moments{}, err
	}
	if len(m.N) != len(o.N) {
		return Moments{}, fmt.Errorf("%w: %d and %d features", ErrMoments, len(m.N), len(o.N))
	}
	f := len(m.N)
	out := Moments{N: make([]float64, f), Sum: make([]float64, f), SumSq: make([]float64, f)}
	for j := range f {
		out.N[j] = m.N[j] + o.N[j]
		out.Sum[j] = m.Sum[j] + o.Sum[j]
		out.SumSq[j] = m.SumSq[j] + o.SumSq[j]
	}
	return out, nil
}

// SumMoments returns the moments of the union of the record sets of ms.
func SumMoments(ms ...Moments) (Moments, error) {
	if len(ms) == 0 {
		return Moments{}, fmt.Errorf("%w: no moments to sum", ErrMoments)
	}
	out := ms[0]
	if err := out.check(); err != nil {
		return Moments{}, err
	}
	for _, m := range ms[1:] {
		var err error
		if out, err = out.Add(m); err != nil {
			return Moments{}, err
		}
	}
	return out, nil
}

// Encode returns the vector a site encrypts so that the sum of all sites'
// vectors, decoded by DecodeMoments, gives the pooled moments. With F
// features it has 3F values:
//
//	v[j]     = N[j]     / total
//	v[F+j]   = Sum[j]   / (total · scale[j])
//	v[2F+j]  = SumSq[j] / (total · scale[j]²)
//
// total is the pooled number of records (public: the sum of the sample
// counts the sites commit on chain) and scale[j] a public magnitude of
// feature j (Schema.Scales). The sum's entries are the pooled fraction
// observed, mean/scale and mean-square/scale² of each feature: weighted
// averages of the sites' own. Encode fails with ErrMoments if one of the
// site's own values, |mean|/scale or mean-square/scale², exceeds bound, which
// guarantees that every entry of every site's vector and of the sum lies in
// [−bound, bound]. Pass the encryption's limit as bound (for example
// aggregation's Scheme.MaxAbsValue), or +Inf for none; a feature whose root
// mean square is at most √bound·scale[j] passes.
func (m Moments) Encode(total float64, scale []float64, bound float64) ([]float64, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	f := len(m.N)
	if err := checkEncoding(f, total, scale); err != nil {
		return nil, err
	}
	v := make([]float64, 3*f)
	for j := range f {
		v[j] = m.N[j] / total
		v[f+j] = m.Sum[j] / (total * scale[j])
		v[2*f+j] = m.SumSq[j] / (total * scale[j] * scale[j])
		if m.N[j] > 0 {
			own := max(math.Abs(m.Sum[j]/m.N[j])/scale[j], m.SumSq[j]/m.N[j]/(scale[j]*scale[j]))
			if own > bound {
				return nil, fmt.Errorf("%w: feature %d encodes to %.4g, beyond the encryption range ±%.4g; raise its scale in the schema to about its typical absolute value", ErrMoments, j, own, bound)
			}
		}
	}
	return v, nil
}

// DecodeMoments inverts Encode on the sum of the sites' vectors, given the
// same total and scale. Counts are rounded to integers, which removes the
// small error of approximate (CKKS) arithmetic from them; slightly negative
// sums of squares from that error are clamped to zero.
func DecodeMoments(v []float64, total float64, scale []float64) (Moments, error) {
	if len(v)%3 != 0 {
		return Moments{}, fmt.Errorf("%w: %d values is not 3 per feature", ErrMoments, len(v))
	}
	f := len(v) / 3
	if err := checkEncoding(f, total, scale); err != nil {
		return Moments{}, err
	}
	m := Moments{N: make([]float64, f), Sum: make([]float64, f), SumSq: make([]float64, f)}
	for j := range f {
		m.N[j] = math.Round(v[j] * total)
		m.Sum[j] = v[f+j] * total * scale[j]
		m.SumSq[j] = max(0, v[2*f+j]*total*scale[j]*scale[j])
	}
	if err := m.check(); err != nil {
		return Moments{}, err
	}
	return m, nil
}

func checkEncoding(f int, total float64, scale []float64) error {
	if !(total >= 1) || math.IsInf(total, 0) {
		return fmt.Errorf("%w: total is %v, want the pooled record count ≥ 1", ErrMoments, total)
	}
	if len(scale) != f {
		return fmt.Errorf("%w: %d scales for %d features", ErrMoments, len(scale), f)
	}
	for j, s := range scale {
		if !(s > 0) || math.IsInf(s, 0) {
			return fmt.Errorf("%w: scale of feature %d is %v, want a finite value > 0", ErrMoments, j, s)
		}
	}
	return nil
}

// PooledPrecision is the relative precision (to max(1, |value|)) of a
// pooled standardiser computed from moments summed and decrypted under
// multiparty CKKS, against the same standardiser from moments summed in the
// clear: the encoding keeps every value within ±bound and the decryption
// error is about 3e-6 of a value (aggregation's doc), which the division by
// N and the square root for the scale do not enlarge beyond this. A
// feature whose variance is within that error of zero has no scale to
// recover: it is constant (scale 1; see PooledStandardiser).
const PooledPrecision = 1e-4

// PooledStandardiser decodes the decrypted sum of the sites' encoded
// moments (Encode with total and scale; the sum may be longer, as a
// decrypted ciphertext is padded) into the pooled standardiser. A feature
// whose variance is within the decryption's error of zero is constant
// (scale 1), as one constant in the clear.
func PooledStandardiser(sum []float64, total float64, scale []float64) (Standardiser, error) {
	f := len(scale)
	if len(sum) < 3*f {
		return Standardiser{}, fmt.Errorf("%w: %d values for the moments of %d features", ErrMoments, len(sum), f)
	}
	if err := checkPooledSum(sum[:3*f], total); err != nil {
		return Standardiser{}, err
	}
	pooled, err := DecodeMoments(sum[:3*f], total, scale)
	if err != nil {
		return Standardiser{}, err
	}
	// Decryption leaves a feature constant over every record a variance of
	// noise, far above minVarianceRatio: bounded, it is told constant as in
	// the clear. Each decrypted entry is off by at most e =
	// pooledDecryptionError; N is exact (rounded), so with r = e·total/N the
	// mean is off by at most r·s and SumSq/N − mean² by at most
	// r·s² + 2·|mean|·r·s + r²·s² ≤ r·s²·(1 + 2·|decoded mean|/s + 3r).
	noise := make([]float64, f)
	for j, s := range scale {
		if pooled.N[j] >= 1 {
			r := pooledDecryptionError * total / pooled.N[j]
			noise[j] = r * s * s * (1 + 2*math.Abs(pooled.Sum[j]/pooled.N[j])/s + 3*r)
		}
	}
	return newStandardiser(pooled, noise)
}

// pooledDecryptionError bounds the absolute error of each decrypted value of
// the sum of encoded moments: the precision aggregation states for a
// decryption (its doc, "Precision": at most 3.2e-6 over a million values
// with 100 shares, within 1e-5). A public bound, the same for every party.
const pooledDecryptionError = 1e-5

// checkPooledSum refuses a decrypted sum of encoded moments (see Encode)
// that no records give, beyond PooledPrecision (far above the decryption's
// error) of its largest value: a feature observed in fewer than none or
// more records than the total counted (v[j] < 0 or > 1, the observed
// fraction), a negative mean square,
// or a mean square below the squared mean, a negative variance (by
// Cauchy–Schwarz, v[F+j]² ≤ v[j]·v[2F+j] for any records). The first is
// what keeps the signed counts meaningful: a site's encrypted per-feature
// counts are its own choice, and without it a site counted for one record
// could weigh as a million in the pool. Each site's moments are encrypted,
// so the sum cannot tell which site sent impossible ones.
func checkPooledSum(v []float64, total float64) error {
	f := len(v) / 3
	for j := range f {
		n, s, sq := v[j], v[f+j], v[2*f+j]
		eps := PooledPrecision * max(1, math.Abs(n), math.Abs(s), math.Abs(sq))
		var what string
		switch {
		case n < -eps:
			what = fmt.Sprintf("feature %d observed in a negative number of records", j)
		case n > 1+eps:
			what = fmt.Sprintf("feature %d observed in %.0f records, more than the %.0f counted", j, n*total, total)
		case sq < -eps:
			what = fmt.Sprintf("feature %d with a negative mean square", j)
		case s*s-n*sq > eps*(2*math.Abs(s)+math.Abs(n)+math.Abs(sq)+eps):
			what = fmt.Sprintf("feature %d with a negative variance", j)
		default:
			continue
		}
		return fmt.Errorf("%w: the pooled moments have %s: a site encrypted moments that are not its records' (which one cannot be told, each is encrypted); the pooled standardiser is refused", ErrImpossibleMoments, what)
	}
	return nil
}

// Standardiser maps each feature to (x − Mean[j]) / Scale[j] and a missing
// (NaN) value to 0, the mean: mean imputation. With Groups it then
// whitens each group's block (see Whitening). It is a plain value, safe
// for concurrent use.
type Standardiser struct {
	Mean  []float64 `json:"mean"`
	Scale []float64 `json:"scale"`
	// Groups, if set (a recipe's "precondition": "groups"), are one-hot
	// groups of 0/1 indicator features, each as feature indices in
	// increasing order (Schema.GroupColumns). Left out of the encoding
	// when empty, so a standardiser without groups hashes as before.
	Groups [][]int `json:"groups,omitempty"`
}

// minVarianceRatio: a feature whose variance is below this fraction of its
// mean square (or of 1) is treated as constant and only centred.
const minVarianceRatio = 1e-12

// NewStandardiser returns the standardiser of moments m: Mean is Sum/N and
// Scale the population standard deviation √(SumSq/N − Mean²), or 1 for a
// constant feature. Built from pooled moments (the sum of every site's) it
// standardises all sites identically; built from one site's it gives
// per-site statistics. It fails with ErrMoments if a feature has no
// observed value.
func NewStandardiser(m Moments) (Standardiser, error) {
	return newStandardiser(m, nil)
}

// newStandardiser is NewStandardiser that also treats feature j as constant
// if its variance is at most noise[j] (nil: none), the error its moments may
// carry.
func newStandardiser(m Moments, noise []float64) (Standardiser, error) {
	if err := m.check(); err != nil {
		return Standardiser{}, err
	}
	f := len(m.N)
	s := Standardiser{Mean: make([]float64, f), Scale: make([]float64, f)}
	for j := range f {
		if m.N[j] < 1 {
			return Standardiser{}, fmt.Errorf("%w: feature %d has no observed value; drop the column or provide data", ErrMoments, j)
		}
		mean := m.Sum[j] / m.N[j]
		variance := m.SumSq[j]/m.N[j] - mean*mean
		s.Mean[j], s.Scale[j] = mean, 1
		floor := minVarianceRatio * max(1, mean*mean)
		if noise != nil {
			floor = max(floor, noise[j])
		}
		if variance > floor {
			s.Scale[j] = math.Sqrt(variance)
		}
	}
	return s, nil
}

// Apply returns standardised copies of recs; the input is not modified. It
// fails with ErrMoments if a record has another number of features.
func (s Standardiser) Apply(recs []Record) ([]Record, error) {
	whitening, err := s.Whitening()
	if err != nil {
		return nil, err
	}
	out := make([]Record, len(recs))
	for i, r := range recs {
		if len(r.Features) != len(s.Mean) {
			return nil, fmt.Errorf("%w: record %s has %d features, the standardiser %d", ErrMoments, r.ID, len(r.Features), len(s.Mean))
		}
		x := make([]float64, len(r.Features))
		for j, v := range r.Features {
			if !math.IsNaN(v) {
				x[j] = (v - s.Mean[j]) / s.Scale[j]
			}
		}
		for _, b := range whitening {
			b.Apply(x)
		}
		out[i] = r // keeps the id, label and patient (the consent filter reads it)
		out[i].Features = x
	}
	return out, nil
}

// ApplySite returns a copy of site with its Train and Test records
// standardised; the consent map is shared.
func (s Standardiser) ApplySite(site Site) (Site, error) {
	train, err := s.Apply(site.Train)
	if err != nil {
		return Site{}, fmt.Errorf("site %s: %w", site.Name, err)
	}
	test, err := s.Apply(site.Test)
	if err != nil {
		return Site{}, fmt.Errorf("site %s: %w", site.Name, err)
	}
	site.Train, site.Test = train, test
	return site, nil
}

// Standardisation says how a study standardises features.
type Standardisation string

// Standardisation modes. Every party of a study must use the same one.
const (
	// StandardiseNone uses features as they are (data already on a common
	// scale, such as the synthetic cohorts).
	StandardiseNone Standardisation = "none"
	// StandardiseSite standardises each site with its own statistics.
	StandardiseSite Standardisation = "site"
	// StandardisePooled standardises every site with statistics pooled
	// across sites: the sum of their moments, computed under encryption so
	// that no site's own statistics are revealed (see Moments.Encode).
	StandardisePooled Standardisation = "pooled"
)

// ErrStandardisation reports an unknown standardisation mode.
var ErrStandardisation = errors.New("records: unknown standardisation")

// ParseStandardisation returns the mode named s; empty gives def.
func ParseStandardisation(s string, def Standardisation) (Standardisation, error) {
	switch Standardisation(s) {
	case "":
		return def, nil
	case StandardiseNone, StandardiseSite, StandardisePooled:
		return Standardisation(s), nil
	}
	return "", fmt.Errorf("%w %q: want %q, %q or %q", ErrStandardisation, s, StandardisePooled, StandardiseSite, StandardiseNone)
}

// MaxStandardiserFeatures bounds the features of a decoded Standardiser, so
// that a hostile encoding cannot make its reader allocate without limit.
const MaxStandardiserFeatures = 1 << 16

// Encode returns the standardiser's canonical encoding (JSON), whose
// keccak256 hash parties of a study compare and keep.
func (s Standardiser) Encode() ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	return json.Marshal(s)
}

// DecodeStandardiser parses an encoding made by Encode and checks it: equal
// lengths, at most MaxStandardiserFeatures, finite means and finite
// positive scales. It fails with ErrMoments otherwise.
func DecodeStandardiser(b []byte) (Standardiser, error) {
	if len(b) > 64*MaxStandardiserFeatures {
		return Standardiser{}, fmt.Errorf("%w: standardiser encoding of %d bytes is too large", ErrMoments, len(b))
	}
	var s Standardiser
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Standardiser{}, fmt.Errorf("%w: standardiser: %v", ErrMoments, err)
	}
	if err := s.check(); err != nil {
		return Standardiser{}, err
	}
	return s, nil
}

func (s Standardiser) check() error {
	if len(s.Mean) != len(s.Scale) || len(s.Mean) == 0 || len(s.Mean) > MaxStandardiserFeatures {
		return fmt.Errorf("%w: standardiser has %d means and %d scales, want 1..%d of each", ErrMoments, len(s.Mean), len(s.Scale), MaxStandardiserFeatures)
	}
	for j := range s.Mean {
		if math.IsNaN(s.Mean[j]) || math.IsInf(s.Mean[j], 0) || !(s.Scale[j] > 0) || math.IsInf(s.Scale[j], 0) {
			return fmt.Errorf("%w: feature %d has mean %v and scale %v; want finite values and a scale > 0", ErrMoments, j, s.Mean[j], s.Scale[j])
		}
	}
	_, err := s.Whitening()
	return err
}

// Within tells whether o has the same features and groups as s and each of
// its means and scales is within tol of s's, relative to max(1, |value|).
func (s Standardiser) Within(o Standardiser, tol float64) bool {
	if len(s.Mean) != len(o.Mean) || len(s.Scale) != len(o.Scale) {
		return false
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= tol*max(1, math.Abs(a)) }
	for j := range s.Mean {
		if !near(s.Mean[j], o.Mean[j]) || !near(s.Scale[j], o.Scale[j]) {
			return false
		}
	}
	return slices.EqualFunc(s.Groups, o.Groups, slices.Equal[[]int])
}
