package aggregation

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// This file measures flag rules that read each site's scores over the
// rounds so far (issue 14), on plaintext replays of robust studies
// (coordinator/evaluation TestRobustReplay) and on simulated scores. The
// rules are measured here, not adopted: see the README's "Power at 30%
// without framing".

// replayedSite is one site's scores in one round of a replay.
type replayedSite struct {
	Site      int     `json:"site"`
	Malicious bool    `json:"malicious"`
	LogNorm   float64 `json:"log_norm"`
	Direction float64 `json:"direction"`
	NormZ     float64 `json:"norm_z"`
	DirZ      float64 `json:"dir_z"`
	Flagged   bool    `json:"flagged"`
	K         int     `json:"k"`
}

// replayedStudy is one replayed study, its rounds in order.
type replayedStudy struct {
	Data     string           `json:"data"`
	Sites    int              `json:"sites"`
	Seed     int64            `json:"seed"`
	Attack   string           `json:"attack"`
	Fraction float64          `json:"fraction"`
	Rounds   [][]replayedSite `json:"rounds"`
}

// budgetFor is the most malicious values of n a rule allows for: the
// honest-majority ⌊(n−1)/2⌋ for share < 0, else ⌊share·n⌋.
func budgetFor(n int, share float64) int {
	if share < 0 {
		m, _, _ := honestMajorityOrder(n)
		return m
	}
	return int(share * float64(n))
}

// roundRule is today's rule recomputed from a round's recorded log norms and
// directions, with a malicious budget of budgetFor(n, share).
func roundRule(p *RobustPolicy, st replayedStudy, share float64) [][]bool {
	var out [][]bool
	for _, round := range st.Rounds {
		n := len(round)
		logs, negDirs, dirs := make([]float64, n), make([]float64, n), make([]float64, n)
		for i, s := range round {
			logs[i], dirs[i], negDirs[i] = s.LogNorm, s.Direction, -s.Direction
		}
		tau, k, md := p.Threshold(n), round[0].K, medianOf(dirs)
		zn := upperZWithBudget(logs, 1/math.Sqrt(2*float64(k)), tau, budgetFor(n, share))
		zd := upperZWithBudget(negDirs, max((1-md*md)/math.Sqrt(float64(k)), 1e-9), tau, budgetFor(n, share))
		out = append(out, flagsOf(zn, zd, tau, k))
	}
	return out
}

// historyRule flags, in each round, the sites whose history stands out: a
// site's history is the mean, over the rounds it took part in so far, of
// its per-round deviation from the round's median (log norm above it,
// direction below it), or with meanZ of its per-round z statistics; the
// round's histories are then tested across sites as one round's values are
// (upperZ with budgetFor(n, share), Threshold(n)), with the estimator
// floors divided by √R. The test is across sites, so a site that is
// persistently unlike the others is measured against the spread of the
// others' histories, which holds the same persistent heterogeneity.
func historyRule(p *RobustPolicy, st replayedStudy, share float64, meanZ bool) [][]bool {
	normDev, dirDev := map[int][]float64{}, map[int][]float64{}
	var out [][]bool
	for _, round := range st.Rounds {
		n := len(round)
		logs, dirs := make([]float64, n), make([]float64, n)
		for i, s := range round {
			logs[i], dirs[i] = s.LogNorm, s.Direction
		}
		ml, md := medianOf(logs), medianOf(dirs)
		for _, s := range round {
			if meanZ {
				normDev[s.Site] = append(normDev[s.Site], max(-10, min(10, s.NormZ)))
				dirDev[s.Site] = append(dirDev[s.Site], max(-10, min(10, s.DirZ)))
			} else {
				normDev[s.Site] = append(normDev[s.Site], s.LogNorm-ml)
				dirDev[s.Site] = append(dirDev[s.Site], md-s.Direction)
			}
		}
		hn, hd := make([]float64, n), make([]float64, n)
		fewest := math.MaxInt
		for i, s := range round {
			hn[i], hd[i] = mean(normDev[s.Site]), mean(dirDev[s.Site])
			fewest = min(fewest, len(normDev[s.Site]))
		}
		tau, k := p.Threshold(n), round[0].K
		sq := math.Sqrt(float64(fewest))
		floorN, floorD := 1/math.Sqrt(2*float64(k))/sq, max((1-md*md)/math.Sqrt(float64(k)), 1e-9)/sq
		if meanZ {
			floorN, floorD = 1e-9, 1e-9
		}
		zn := upperZWithBudget(hn, floorN, tau, budgetFor(n, share))
		zd := upperZWithBudget(hd, floorD, tau, budgetFor(n, share))
		out = append(out, flagsOf(zn, zd, tau, k))
	}
	return out
}

// flagsOf flags as Assess does: either statistic beyond tau (direction only
// with k ≥ 2), at most ⌊(n−1)/2⌋ flags, the most extreme.
func flagsOf(zn, zd []float64, tau float64, k int) []bool {
	n := len(zn)
	flags := make([]bool, n)
	var flagged []int
	for i := range flags {
		if flags[i] = zn[i] > tau || (k >= minDirectionProjections && zd[i] > tau); flags[i] {
			flagged = append(flagged, i)
		}
	}
	if most := (n - 1) / 2; len(flagged) > most {
		slices.SortStableFunc(flagged, func(a, b int) int {
			return -cmpFloat(max(zn[a], zd[a]), max(zn[b], zd[b]))
		})
		for _, i := range flagged[most:] {
			flags[i] = false
		}
	}
	return flags
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// detection tallies a rule's flags over studies of one kind.
type detection struct {
	tp, malicious, tpLate, maliciousLate, fp, honest int
	suspended, attackers, honestSuspended            int
}

// add counts one study's flags; rounds from late on (0-based) count also
// as late; a site with strikeLimit flags counts as suspended (the replay
// suspends nobody, so every site stays in every round).
func (d *detection) add(st replayedStudy, flags [][]bool, late, strikeLimit int) {
	strikes, bad := map[int]int{}, map[int]bool{}
	for r, round := range st.Rounds {
		for i, s := range round {
			f := flags[r][i]
			if f {
				strikes[s.Site]++
			}
			if !s.Malicious {
				d.honest++
				d.fp += b2i(f)
				continue
			}
			bad[s.Site] = true
			d.malicious++
			d.tp += b2i(f)
			if r >= late {
				d.maliciousLate++
				d.tpLate += b2i(f)
			}
		}
	}
	d.attackers += len(bad)
	for site, n := range strikes {
		if n < strikeLimit {
			continue
		}
		if bad[site] {
			d.suspended++
		} else {
			d.honestSuspended++
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (d detection) String() string {
	rate := func(a, b int) string {
		if b == 0 {
			return "  –  "
		}
		return fmt.Sprintf("%.3f", float64(a)/float64(b))
	}
	return fmt.Sprintf("TPR %s, from round 3 %s, FPR %s, attackers suspended %d/%d, honest suspended %d",
		rate(d.tp, d.malicious), rate(d.tpLate, d.maliciousLate), rate(d.fp, d.honest), d.suspended, d.attackers, d.honestSuspended)
}

// TestHistoryRulesOnReplays measures the rules over site histories on the
// replays in COHORT_REPLAY_IN (JSON lines from coordinator/evaluation
// TestRobustReplay) and prints TPR, FPR and suspensions (3 strikes) per
// data set, attack and share. It checks that today's rule recomputed from
// the recorded scores flags exactly what the replay's Assess flagged.
func TestHistoryRulesOnReplays(t *testing.T) {
	in := os.Getenv("COHORT_REPLAY_IN")
	if in == "" {
		t.Skip("set COHORT_REPLAY_IN to a file of replayed studies")
	}
	p, err := NewRobustPolicy(DefaultRobustConfig())
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type kind struct {
		data, attack string
		sites        int
		share        float64
	}
	// A history flag as the only strike, each round at α/R (R = 8 rounds),
	// so that an honest site is ever flagged with probability at most about α.
	strict, err := NewRobustPolicy(RobustConfig{FalseFlagRate: DefaultFalseFlagRate / 8, MinRelativeUpdates: DefaultMinRelativeUpdates, MinContributors: DefaultMinContributors})
	if err != nil {
		t.Fatal(err)
	}
	rules := []struct {
		name string
		flag func(replayedStudy) [][]bool
	}{
		{"today", func(st replayedStudy) [][]bool { return roundRule(p, st, -1) }},
		{"history", func(st replayedStudy) [][]bool { return historyRule(p, st, -1, false) }},
		{"history of z", func(st replayedStudy) [][]bool { return historyRule(p, st, -1, true) }},
		{"today, 30%", func(st replayedStudy) [][]bool { return roundRule(p, st, 0.3) }},
		{"history, 30%", func(st replayedStudy) [][]bool { return historyRule(p, st, 0.3, false) }},
		{"history, α/8", func(st replayedStudy) [][]bool { return historyRule(strict, st, -1, false) }},
		{"history, 30%, α/8", func(st replayedStudy) [][]bool { return historyRule(strict, st, 0.3, false) }},
	}
	tallies := map[kind][]detection{}
	var kinds []kind
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<20), 64<<20)
	for sc.Scan() {
		var st replayedStudy
		if err := json.Unmarshal(sc.Bytes(), &st); err != nil {
			t.Fatal(err)
		}
		if (st.Attack == "none") != (st.Fraction == 0) {
			continue // the same study as "none" at 0, or honest sites labelled malicious
		}
		k := kind{st.Data, st.Attack, st.Sites, st.Fraction}
		if _, ok := tallies[k]; !ok {
			tallies[k] = make([]detection, len(rules))
			kinds = append(kinds, k)
		}
		for j, rule := range rules {
			flags := rule.flag(st)
			if j == 0 {
				for r, round := range st.Rounds {
					for i, s := range round {
						if flags[r][i] != s.Flagged {
							t.Errorf("%s seed %d %s round %d site %d: recomputed flag %v, Assess flagged %v", st.Data, st.Seed, st.Attack, r+1, s.Site, flags[r][i], s.Flagged)
						}
					}
				}
			}
			limit := 3
			if strings.Contains(rule.name, "α/8") {
				limit = 1
			}
			tallies[k][j].add(st, flags, 2, limit)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		fmt.Printf("%s, %d sites, %s at %.2f\n", k.data, k.sites, k.attack, k.share)
		for j, rule := range rules {
			fmt.Printf("  %-18s %s\n", rule.name, tallies[k][j])
		}
	}
}

// TestHistoryRulesUnderFraming simulates honest scores with a persistent
// site effect (b_i ~ N(0, τ²) plus N(0, 1) per round, 8 rounds) and
// colluders placed together at a quantile q of the honest values every
// round (q = 0.5: at the honest median; a lower q moves the round's median
// down, so that honest values look high), and prints the per-test honest
// flag rate, the most extreme honest site's, and the share of honest sites
// with 3 strikes, for today's rule and the history rule, each with the
// honest-majority budget and with ⌊0.3·n⌋. Set COHORT_FRAMING_SIM.
func TestHistoryRulesUnderFraming(t *testing.T) {
	if os.Getenv("COHORT_FRAMING_SIM") == "" {
		t.Skip("set COHORT_FRAMING_SIM to run the simulation")
	}
	p, err := NewRobustPolicy(DefaultRobustConfig())
	if err != nil {
		t.Fatal(err)
	}
	const rounds = 8
	r := rand.New(rand.NewPCG(7, 8))
	names := []string{"today", "history", "today, 30%", "history, 30%"}
	for _, n := range []int{6, 10, 20, 100} {
		trials := 20000 / n
		most, _, _ := honestMajorityOrder(n)
		budgets := []int{most, most, budgetFor(n, 0.3), budgetFor(n, 0.3)}
		tau := p.Threshold(n)
		for _, spread := range []float64{0, 1, 2} {
			for _, colluders := range []int{0, budgetFor(n, 0.3), most} {
				qs := []float64{-1}
				if colluders > 0 {
					qs = []float64{0.5, 0.3, 0.15, 0}
				}
				for _, q := range qs {
					var flags, suspended, extreme [4]int
					tests := 0
					for range trials {
						h := n - colluders
						site := make([]float64, h)
						ext := 0
						for i := range site {
							site[i] = spread * r.NormFloat64()
							if site[i] > site[ext] {
								ext = i
							}
						}
						devs := make([][]float64, n)
						var strikes [4][]int
						for k := range strikes {
							strikes[k] = make([]int, n)
						}
						for range rounds {
							xs := make([]float64, n)
							for i := range h {
								xs[colluders+i] = site[i] + r.NormFloat64()
							}
							if colluders > 0 {
								honest := slices.Clone(xs[colluders:])
								sort.Float64s(honest)
								for i := range colluders {
									xs[i] = honest[int(q*float64(h-1))]
								}
							}
							med := medianOf(xs)
							hist := make([]float64, n)
							for i := range n {
								devs[i] = append(devs[i], xs[i]-med)
								hist[i] = mean(devs[i])
							}
							zs := [4][]float64{
								upperZWithBudget(xs, 0, tau, budgets[0]), upperZWithBudget(hist, 0, tau, budgets[1]),
								upperZWithBudget(xs, 0, tau, budgets[2]), upperZWithBudget(hist, 0, tau, budgets[3]),
							}
							for k, z := range zs {
								for i := colluders; i < n; i++ {
									if z[i] > tau {
										flags[k]++
										strikes[k][i]++
										extreme[k] += b2i(i-colluders == ext)
									}
								}
							}
							tests += h
						}
						for k := range strikes {
							for i := colluders; i < n; i++ {
								suspended[k] += b2i(strikes[k][i] >= 3)
							}
						}
					}
					var line strings.Builder
					fmt.Fprintf(&line, "n=%d τ=%.0f colluders=%d q=%.2f:", n, spread, colluders, q)
					for k, name := range names {
						fmt.Fprintf(&line, " %s %.4f (extreme %.4f, 3 strikes %.4f);", name,
							float64(flags[k])/float64(tests), float64(extreme[k])/float64(trials*rounds), float64(suspended[k])/float64(trials*(n-colluders)))
					}
					fmt.Println(line.String())
				}
			}
		}
	}
}
