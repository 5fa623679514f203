package evaluation

import (
	"context"
	"fmt"
	"time"

	"github.com/cohort-fl/cohort/aggregation"
)

// KeysSpec is what `cohort bench keys` measures: threshold key generation
// and the hand-over of every dealer's key to a new committee, for each
// number of parties, with a decryption committee of Committee holders (or
// every party holding shares, the layout before committees, up to
// AllHoldersUpTo parties).
type KeysSpec struct {
	Parties   []int
	Committee int
	// Threshold is t; 0 means a majority of the holders.
	Threshold int
	// AllHoldersUpTo also measures every party as a holder (c = n, n²
	// shares) for the party counts up to it; 0 skips it.
	AllHoldersUpTo int
}

// KeysResult is one (parties, holders) cell. Seconds are per party on one
// core (the parties work in parallel); bytes are the encrypted shares'
// payloads as they travel through the coordinator.
type KeysResult struct {
	Parties   int `json:"parties"`
	Holders   int `json:"holders"`
	Threshold int `json:"threshold"`
	// AllHolders marks the comparison cells where every party holds
	// shares although the committee would be smaller.
	AllHolders bool `json:"all_holders"`
	// Key generation: every party deals one share to each holder.
	DealtShares             int     `json:"dealt_shares"`
	ShareBytes              int     `json:"bytes_per_key_share"`
	DealSecondsPerParty     float64 `json:"deal_seconds_per_party"`
	DealBytesPerParty       int64   `json:"deal_bytes_sent_per_party"`
	KeyGenBytesPerHolder    int64   `json:"keygen_bytes_received_per_holder"`
	KeyGenBytesTotal        int64   `json:"keygen_bytes_total"`
	CombineSecondsPerHolder float64 `json:"combine_seconds_per_holder"`
	// Hand-over: t old holders re-share every dealer's key to the new
	// holders (one old holder replaced).
	ReshareShares             int     `json:"reshare_shares"`
	ReshareSecondsPerDealer   float64 `json:"reshare_seconds_per_dealer"`
	ReshareBytesPerDealer     int64   `json:"reshare_bytes_sent_per_dealer"`
	ReshareBytesPerHolder     int64   `json:"reshare_bytes_received_per_holder"`
	ReshareBytesTotal         int64   `json:"reshare_bytes_total"`
	ReshareCombineSeconds     float64 `json:"reshare_combine_seconds_per_holder"`
	ReshareDealerKeysPerShare int     `json:"keys_per_reshare_share"`
}

// KeysReport is what `cohort bench keys --json` prints.
type KeysReport struct {
	Config  aggregation.Config `json:"config"`
	Results []KeysResult       `json:"results"`
}

// Keys measures threshold key generation and the committee hand-over for
// every party count of spec, with the real multiparty CKKS scheme: every
// share is generated, serialised and parsed as the daemons do. It keeps in
// memory only what t holders need, so 100 parties fit in about 1.5 GB.
func Keys(ctx context.Context, spec KeysSpec) (*KeysReport, error) {
	cfg := aggregation.DefaultConfig()
	s, err := aggregation.NewScheme(cfg)
	if err != nil {
		return nil, err
	}
	if spec.Committee < 1 {
		return nil, fmt.Errorf("evaluation: committee of %d; want at least 1", spec.Committee)
	}
	rep := &KeysReport{Config: cfg}
	for _, n := range spec.Parties {
		sizes := []int{min(spec.Committee, n)}
		if n <= spec.AllHoldersUpTo && n != sizes[0] {
			sizes = append(sizes, n)
		}
		for _, c := range sizes {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			t := spec.Threshold
			if t == 0 {
				t = c/2 + 1
			}
			if t > c {
				return nil, fmt.Errorf("evaluation: threshold %d above the %d holders", t, c)
			}
			res, err := measureKeys(s, n, c, t)
			if err != nil {
				return nil, fmt.Errorf("evaluation: %d parties, %d holders: %w", n, c, err)
			}
			res.AllHolders = c != sizes[0]
			rep.Results = append(rep.Results, *res)
		}
	}
	return rep, nil
}

func measureKeys(s *aggregation.Scheme, n, c, t int) (*KeysResult, error) {
	res := &KeysResult{Parties: n, Holders: c, Threshold: t, DealtShares: n * c, ReshareShares: t * c, ReshareDealerKeysPerShare: n}
	crs := aggregation.CommonSeed([]byte("cohort bench keys"))
	sks := make([]*aggregation.SecretShare, n)
	pks := make([]*aggregation.PublicKeyShare, n)
	for i := range sks {
		var err error
		if sks[i], err = s.GenSecretShare(); err != nil {
			return nil, err
		}
		if pks[i], err = s.GenPublicKeyShare(sks[i], crs); err != nil {
			return nil, err
		}
	}
	pk, err := s.CombinePublicKey(crs, pks)
	if err != nil {
		return nil, err
	}
	// Holders are parties spread over 1..n; the first t of them re-share.
	points := make([]aggregation.ShamirPoint, c)
	for i := range points {
		points[i] = aggregation.ShamirPoint(i*(n/c) + 1)
	}
	inbox := make(map[aggregation.ShamirPoint][]*aggregation.ThresholdShare, t)
	start := time.Now()
	for _, sk := range sks {
		shares, err := s.GenThresholdShares(sk, t, points)
		if err != nil {
			return nil, err
		}
		for i, pt := range points {
			raw, err := shares[pt].MarshalBinary()
			if err != nil {
				return nil, err
			}
			res.ShareBytes = len(raw)
			if i < t {
				back := new(aggregation.ThresholdShare)
				if err := back.UnmarshalBinary(raw); err != nil {
					return nil, err
				}
				inbox[pt] = append(inbox[pt], back)
			}
		}
	}
	res.DealSecondsPerParty = time.Since(start).Seconds() / float64(n)
	res.DealBytesPerParty = int64(c * res.ShareBytes)
	res.KeyGenBytesPerHolder = int64(n * res.ShareBytes)
	res.KeyGenBytesTotal = int64(n * c * res.ShareBytes)
	holders := make(map[aggregation.ShamirPoint]*aggregation.ThresholdSecretShare, t)
	start = time.Now()
	for _, pt := range points[:t] {
		tsk, err := s.AggregateThresholdShares(pk, sks[pt-1].ID(), pt, inbox[pt])
		if err != nil {
			return nil, err
		}
		holders[pt] = tsk
		delete(inbox, pt)
	}
	res.CombineSecondsPerHolder = time.Since(start).Seconds() / float64(t)

	// Hand-over: the first holder is replaced by a party that held nothing.
	next := append(points[1:len(points):len(points)], aggregation.ShamirPoint(n+1))
	dealers := points[:t]
	newcomer := next[len(next)-1]
	var received []*aggregation.ThresholdShare
	start = time.Now()
	for _, d := range dealers {
		out, err := s.GenReshareShares(holders[d], dealers, t, next)
		if err != nil {
			return nil, err
		}
		for pt, sh := range out {
			raw, err := sh.MarshalBinary()
			if err != nil {
				return nil, err
			}
			res.ReshareBytesPerDealer += int64(len(raw))
			if pt == newcomer {
				res.ReshareBytesPerHolder += int64(len(raw))
				back := new(aggregation.ThresholdShare)
				if err := back.UnmarshalBinary(raw); err != nil {
					return nil, err
				}
				received = append(received, back)
			}
		}
	}
	res.ReshareSecondsPerDealer = time.Since(start).Seconds() / float64(t)
	res.ReshareBytesPerDealer /= int64(t)
	res.ReshareBytesTotal = res.ReshareBytesPerDealer * int64(t)
	start = time.Now()
	id, err := aggregation.NewPartyID()
	if err != nil {
		return nil, err
	}
	if _, err := s.AggregateReshareShares(id, newcomer, received); err != nil {
		return nil, err
	}
	res.ReshareCombineSeconds = time.Since(start).Seconds()
	return res, nil
}
