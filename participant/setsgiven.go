package participant

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/api/protocol"
)

// setsGivenDir is where, in the data directory, a holder keeps the
// decryption sets it gave shares of each aggregate for
// (DataDir/sets-given/<kind>-<hash>.json: a JSON list of sets, each its
// sorted points), so that a restarted holder still bounds them.
const setsGivenDir = "sets-given"

// maxSetsPerAggregate is how many distinct decryption sets holding its
// point a holder gives shares of one aggregate for at threshold t: each
// other set is one more independently smudged sample of its share, and k
// of them average its noise down by √k. An honest coordinator asks at most
// t of them per active set (aggregation.DecryptionSets), so 2(t + 1)
// leaves room for a new active set or two after holders drop out or the
// coordinator restarts (which asks again the active sets it asked before
// when it can); the same set again is always answered (the same share).
func maxSetsPerAggregate(t int) int { return 2 * (t + 1) }

// ErrDecryptionSetsBound reports a task that asks shares of an aggregate
// for more distinct decryption sets than the holder gives shares of one
// aggregate for (maxSetsPerAggregate). Its text begins a decline's
// reason, so that the coordinator names the holder and what to do.
var ErrDecryptionSetsBound = errors.New("participant: " + protocol.DecryptionSetsBound)

// setsBoundAt is the bound at threshold t: maxSetsPerAggregate, or lower
// where a test asks for it (Config.DecryptionSetsBound).
func (s *steps) setsBoundAt(t int) int {
	if s.setsBound > 0 {
		return min(s.setsBound, maxSetsPerAggregate(t))
	}
	return maxSetsPerAggregate(t)
}

// setsGiven is what a holder has given shares of one aggregate for: the
// record's name (kind and hash) and the distinct sets holding its point.
type setsGiven struct {
	name string
	sets [][]uint64
}

// admitSets returns what this holder will have given shares of kind's
// aggregate of hash for once it answers sets (those holding its point),
// or an error if that would be more distinct sets than the bound at the
// study's threshold t.
func (s *steps) admitSets(kind string, of common.Hash, t int, sets [][]uint64) (setsGiven, error) {
	name := kind + "-" + of.Hex() + ".json"
	given := slices.Clone(s.setsGiven[name])
	before := len(given)
	for _, set := range sets {
		set = slices.Sorted(slices.Values(set))
		if !slices.ContainsFunc(given, func(g []uint64) bool { return slices.Equal(g, set) }) {
			given = append(given, set)
		}
	}
	if bound := s.setsBoundAt(t); len(given) > bound {
		return setsGiven{}, fmt.Errorf("%w: it gives shares of one aggregate for at most %d distinct decryption sets holding its point (its bound at threshold %d), and was asked for %s shares of %s for %d more beside the %d it gave. "+
			"Each other set is one more smudged sample of its share and averages its noise down. It answers the sets given again, so the coordinator can ask active points whose sets are among them; a round abandoned (cohort study abandon-round) is decrypted anew in the next one. "+
			"Removing %s from the data directory lifts the bound for this aggregate, at that cost. Sets asked: %v; sets given: %v",
			ErrDecryptionSetsBound, bound, t, kind, of.Hex(), len(given)-before, before, filepath.Join(setsGivenDir, name), sets, given[:before])
	}
	return setsGiven{name: name, sets: given}, nil
}

// keepSetsGiven records g in memory and returns the file that keeps it on disk,
// written before the shares go out.
func (s *steps) keepSetsGiven(g setsGiven) ([]fileWrite, error) {
	if slices.EqualFunc(s.setsGiven[g.name], g.sets, slices.Equal) {
		return nil, nil
	}
	b, err := json.Marshal(g.sets)
	if err != nil {
		return nil, err
	}
	if s.setsGiven == nil {
		s.setsGiven = map[string][][]uint64{}
	}
	s.setsGiven[g.name] = g.sets
	return []fileWrite{{dir: setsGivenDir, name: g.name, data: b}}, nil
}

// loadSetsGiven reads back the decryption sets this holder gave shares
// of each aggregate for.
func (p *Participant) loadSetsGiven() error {
	if p.cfg.DataDir == "" {
		return nil
	}
	dir := filepath.Join(p.cfg.DataDir, setsGivenDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("participant %s: read %s: %w", p.cfg.Name, dir, err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue // not one of ours (a rename's temporary file)
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("participant %s: read %s: %w", p.cfg.Name, path, err)
		}
		var sets [][]uint64
		if err := json.Unmarshal(b, &sets); err != nil || len(sets) == 0 {
			return fmt.Errorf("participant %s: %s is corrupt: it must hold the decryption sets this holder gave shares of an aggregate for, a JSON list of lists of points; restore it from a backup", p.cfg.Name, path)
		}
		if p.setsGiven == nil {
			p.setsGiven = map[string][][]uint64{}
		}
		p.setsGiven[e.Name()] = sets
	}
	return nil
}
