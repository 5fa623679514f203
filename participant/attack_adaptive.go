package participant

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
)

// Adaptive attacks: colluding attackers that know the robust rule and
// shape one malicious update to stay inside what it accepts. They pool the
// honest updates they trained themselves (partial knowledge: every other
// update is encrypted, so no attacker can see it) through a Collusion and
// all send the same malicious update.
const (
	// AttackALIE is "a little is enough" (Baruch, Baruch and Goldberg,
	// NeurIPS 2019): μ − z·σ per coordinate, with μ and σ the mean and
	// standard deviation of the colluders' honest updates and z the largest
	// shift that still leaves the malicious update closer to the median
	// than enough honest ones: z = Φ⁻¹((n − s)/n), s = ⌊n/2 + 1⌋ − m for m
	// colluders of n participants.
	AttackALIE = "alie"
	// AttackMinMax is Shejwalkar and Houmansadr's AGR-agnostic min-max
	// attack (NDSS 2021): μ + γ·p with p a perturbation direction and γ
	// the largest such that the malicious update is no farther from any
	// honest update than two honest updates are from each other.
	AttackMinMax = "minmax"
	// AttackMinSum is their min-sum attack: the largest γ such that the
	// malicious update's sum of squared distances to the honest updates is
	// at most the largest such sum of an honest update.
	AttackMinSum = "minsum"
)

// Perturbation directions of min-max and min-sum (Attack.Perturb).
const (
	// PerturbUnit is −μ/‖μ‖, the inverse unit vector of the mean update.
	PerturbUnit = "unit"
	// PerturbStd is −σ, the inverse of the coordinate-wise standard
	// deviation.
	PerturbStd = "std"
)

// DefaultCollusionPatience is how long colluders wait, after the first of
// them offers its honest update in a round, for the others (a suspended or
// dropped colluder never comes).
const DefaultCollusionPatience = 5 * time.Second

// Adaptive reports whether a is an adaptive attack, played through a
// Collusion.
func (a Attack) Adaptive() bool {
	return a.Kind == AttackALIE || a.Kind == AttackMinMax || a.Kind == AttackMinSum
}

// Collusion is how colluding attackers in one process pool their honest
// updates each round and agree on one malicious update. It is safe for
// concurrent use by the colluders.
type Collusion struct {
	colluders, participants int
	patience                time.Duration

	mu     sync.Mutex
	rounds map[uint32]*collusionRound
}

type collusionRound struct {
	honest [][]float64
	done   chan struct{}
	result []float64
	timer  *time.Timer
}

// NewCollusion returns a collusion of colluders attackers among
// participants participants in all (ALIE's z depends on both), at least
// one colluder and more participants than colluders.
func NewCollusion(colluders, participants int) (*Collusion, error) {
	if colluders < 1 || participants <= colluders {
		return nil, fmt.Errorf("%w: a collusion of %d attackers among %d participants; want at least one attacker and some honest participants", ErrInvalidAttack, colluders, participants)
	}
	return &Collusion{colluders: colluders, participants: participants, patience: DefaultCollusionPatience, rounds: map[uint32]*collusionRound{}}, nil
}

// Play returns the update a plays in round in place of the honest update:
// for an adaptive attack, the colluders' common malicious update (it waits
// for them, at most DefaultCollusionPatience after the first); for the
// others, PoisonUpdate. An adaptive attack without a Collusion is an error.
func (a Attack) Play(ctx context.Context, round uint32, honest []float64) ([]float64, error) {
	if !a.Adaptive() {
		return a.PoisonUpdate(honest), nil
	}
	if a.Collusion == nil {
		return nil, fmt.Errorf("%w: %s needs the colluders' honest updates: give the attack a Collusion (NewCollusion)", ErrInvalidAttack, a.Kind)
	}
	return a.Collusion.offer(ctx, round, a, honest)
}

func (c *Collusion) offer(ctx context.Context, round uint32, a Attack, honest []float64) ([]float64, error) {
	c.mu.Lock()
	r, ok := c.rounds[round]
	if !ok {
		r = &collusionRound{done: make(chan struct{})}
		c.rounds[round] = r
		delete(c.rounds, round-2) // keep the last rounds only
	}
	select {
	case <-r.done: // a late colluder gets the agreed update
	default:
		r.honest = append(r.honest, honest)
		switch {
		case len(r.honest) >= c.colluders:
			c.settle(r, a)
		case r.timer == nil:
			r.timer = time.AfterFunc(c.patience, func() {
				c.mu.Lock()
				defer c.mu.Unlock()
				c.settle(r, a)
			})
		}
	}
	c.mu.Unlock()
	select {
	case <-r.done:
		return r.result, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("participant: collusion of round %d: %w", round, ctx.Err())
	}
}

// settle computes the round's malicious update once; c.mu is held.
func (c *Collusion) settle(r *collusionRound, a Attack) {
	select {
	case <-r.done:
		return
	default:
	}
	if r.timer != nil {
		r.timer.Stop()
	}
	switch a.Kind {
	case AttackALIE:
		r.result = ALIE(r.honest, c.participants, c.colluders)
	case AttackMinMax:
		r.result = MinMax(r.honest, a.Perturb)
	case AttackMinSum:
		r.result = MinSum(r.honest, a.Perturb)
	}
	close(r.done)
}

// ALIEShift returns ALIE's z for m colluders among n participants:
// Φ⁻¹((n − s)/n) with s = ⌊n/2 + 1⌋ − m, the number of honest updates the
// malicious one must out-rank to sit at the median; 0 if s ≤ 0 would need
// no shift at all to win (a malicious majority, outside the model).
func ALIEShift(n, m int) float64 {
	s := n/2 + 1 - m
	if s <= 0 || s >= n {
		return 0
	}
	return math.Sqrt2 * math.Erfinv(2*float64(n-s)/float64(n)-1)
}

// ALIE returns μ − z·σ per coordinate of the honest updates, z =
// ALIEShift(n, m). honest is not modified.
func ALIE(honest [][]float64, n, m int) []float64 {
	mu, sd := meanStd(honest)
	z := ALIEShift(n, m)
	out := make([]float64, len(mu))
	for j := range out {
		out[j] = mu[j] - z*sd[j]
	}
	return out
}

// MinMax returns μ + γ·p with the largest γ ≥ 0 such that
// max_i ‖μ + γp − h_i‖ ≤ max_{i,j} ‖h_i − h_j‖, p the perturbation
// (PerturbUnit, the default, or PerturbStd). One honest update leaves no
// room: μ itself.
func MinMax(honest [][]float64, perturb string) []float64 {
	bound := 0.0
	for i := range honest {
		for j := range i {
			bound = max(bound, sqDist(honest[i], honest[j]))
		}
	}
	return largestShift(honest, perturb, func(v []float64) bool {
		for _, h := range honest {
			if sqDist(v, h) > bound {
				return false
			}
		}
		return true
	})
}

// MinSum returns μ + γ·p with the largest γ ≥ 0 such that
// Σ_i ‖μ + γp − h_i‖² ≤ max_i Σ_j ‖h_i − h_j‖².
func MinSum(honest [][]float64, perturb string) []float64 {
	sum := func(v []float64) float64 {
		var s float64
		for _, h := range honest {
			s += sqDist(v, h)
		}
		return s
	}
	bound := 0.0
	for _, h := range honest {
		bound = max(bound, sum(h))
	}
	return largestShift(honest, perturb, func(v []float64) bool { return sum(v) <= bound })
}

// largestShift returns μ + γ·p for the largest γ ≥ 0 that ok accepts,
// found by doubling then 60 bisections; ok(μ) is assumed.
func largestShift(honest [][]float64, perturb string, ok func([]float64) bool) []float64 {
	mu, sd := meanStd(honest)
	p := make([]float64, len(mu))
	switch perturb {
	case PerturbStd:
		for j := range p {
			p[j] = -sd[j]
		}
	default:
		n := math.Sqrt(dot(mu, mu))
		if n == 0 {
			return mu
		}
		for j := range p {
			p[j] = -mu[j] / n
		}
	}
	if dot(p, p) == 0 {
		return mu
	}
	at := func(g float64) []float64 {
		v := make([]float64, len(mu))
		for j := range v {
			v[j] = mu[j] + g*p[j]
		}
		return v
	}
	lo, hi := 0.0, math.Sqrt(dot(mu, mu)/dot(p, p))+1e-12
	for i := 0; ok(at(hi)) && i < 60; i++ {
		lo, hi = hi, 2*hi
	}
	for range 60 {
		mid := (lo + hi) / 2
		if ok(at(mid)) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return at(lo)
}

// meanStd returns the coordinate-wise mean and (population) standard
// deviation of vs, all of one length.
func meanStd(vs [][]float64) (mu, sd []float64) {
	if len(vs) == 0 {
		return nil, nil
	}
	d := len(vs[0])
	mu, sd = make([]float64, d), make([]float64, d)
	n := float64(len(vs))
	for _, v := range vs {
		for j, x := range v {
			mu[j] += x / n
		}
	}
	for _, v := range vs {
		for j, x := range v {
			sd[j] += (x - mu[j]) * (x - mu[j]) / n
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
	}
	return mu, sd
}

func dot(a, b []float64) float64 {
	var s float64
	for j := range a {
		s += a[j] * b[j]
	}
	return s
}

func sqDist(a, b []float64) float64 {
	var s float64
	for j := range a {
		d := a[j] - b[j]
		s += d * d
	}
	return s
}

// Colluding returns a ready to be played by colluders attackers among
// participants: an adaptive attack gets a new Collusion, which every copy
// of the returned Attack shares; others are returned as they are.
func (a Attack) Colluding(colluders, participants int) (Attack, error) {
	if !a.Adaptive() {
		return a, nil
	}
	c, err := NewCollusion(colluders, participants)
	if err != nil {
		return Attack{}, err
	}
	a.Collusion = c
	return a, nil
}
