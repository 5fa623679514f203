package participant

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/cohortv1"
)

// derivedSets are the decryption sets an honest coordinator names for
// active at threshold (aggregation.DecryptionSets), or none for exactly t.
func derivedSets(t *testing.T, active []uint64, threshold int) []*cohortv1.PointSet {
	t.Helper()
	if len(active) == threshold {
		return nil
	}
	sets, err := aggregation.DecryptionSets(shamirPoints(active), threshold)
	require.NoError(t, err)
	out := make([]*cohortv1.PointSet, len(sets))
	for i, set := range sets {
		out[i] = &cohortv1.PointSet{}
		for _, p := range set {
			out[i].Points = append(out[i].Points, uint64(p))
		}
	}
	return out
}

// A decryption share carries smudging noise, and each other decryption
// set holding a holder's point gets it an independent sample (the noise is
// keyed by the set), so more sets average the noise down. Any valid cover
// of the active points used to pass the holder's check: a coordinator
// choosing which cover asked sets DecryptionSets never asks. Four holders
// at threshold 2: the derived sets of points 1..4 are {3, 4} and {1, 2};
// {1, 3} and {2, 4} also leave every point out once.
func TestHolderGivesSharesForTheDerivedDecryptionSetsOnly(t *testing.T) {
	t.Parallel()
	f := newRoundFixtureOf(t, 4, 2)
	me := f.nodes[0] // point 1
	ctx := context.Background()

	cover := f.honestDecrypt(t)
	cover.task.ActivePoints, cover.task.DecryptionSets = []uint64{1, 2, 3, 4}, pointSets([]uint64{1, 3}, []uint64{2, 4})
	r, err := me.decrypt(ctx, cover.task, cover.facts)
	require.ErrorIs(t, err, ErrChainMismatch, "a cover the holder does not derive")
	assert.ErrorContains(t, err, "derives [[3 4] [1 2]]")
	assert.Nil(t, r.send, "no decryption share leaves the site")

	reordered := f.honestDecrypt(t)
	reordered.task.ActivePoints, reordered.task.DecryptionSets = []uint64{1, 2, 3, 4}, pointSets([]uint64{1, 2}, []uint64{3, 4})
	_, err = me.decrypt(ctx, reordered.task, reordered.facts)
	require.NoError(t, err, "the derived sets in another order are the same sets")

	wide := f.honestDecrypt(t)
	wide.task.ActivePoints = []uint64{1, 2, 3}
	_, err = me.decrypt(ctx, wide.task, wide.facts)
	require.ErrorIs(t, err, ErrChainMismatch, "three active points and no sets: one share for a set of three")

	task, facts, ref := f.scoreTaskFor(t, []int{0, 1, 2})
	task.ActivePoints, task.DecryptionSets = []uint64{1, 2, 3, 4}, pointSets([]uint64{1, 3}, []uint64{2, 4})
	_, err = me.score(ctx, task, facts, ref)
	require.ErrorIs(t, err, ErrChainMismatch, "the score task's sets likewise")
	assert.ErrorContains(t, err, "derives [[3 4] [1 2]]")
}

// Each task's sets derived, a coordinator could still ask one aggregate
// under one active set after another (as if holders kept dropping out):
// six holders at threshold 3, the holder at point 1 is in ten sets of
// three, three of them per active set of four. A holder gives shares of
// one aggregate for at most 2(t + 1) = 8 distinct sets, the same set
// again always (the same share), and keeps what it gave across a restart.
func TestHolderBoundsTheDecryptionSetsOfOneAggregate(t *testing.T) {
	t.Parallel()
	const threshold, bound = 3, 8
	f := newRoundFixtureOf(t, 6, threshold)
	me := f.nodes[0] // point 1
	ctx := context.Background()
	dir := t.TempDir()

	var given [][]uint64 // the distinct sets holding point 1 answered
	var answered []*cohortv1.DecryptTask
	shares := map[string][]byte{} // a set's share, to compare after the restart
	refused := 0
	for _, others := range [][]uint64{{2, 3, 4}, {2, 3, 5}, {2, 3, 6}, {2, 4, 5}, {2, 4, 6}, {3, 4, 5}, {2, 3}, {5, 6}} {
		c := f.honestDecrypt(t)
		c.task.ActivePoints = append([]uint64{1}, others...)
		c.task.DecryptionSets = derivedSets(t, c.task.ActivePoints, threshold)
		mine := setsHolding(c.task.DecryptionSets, 1)
		if len(c.task.DecryptionSets) == 0 {
			mine = [][]uint64{c.task.ActivePoints}
		}
		union := slices.Clone(given)
		for _, set := range mine {
			if !slices.ContainsFunc(union, func(g []uint64) bool { return slices.Equal(g, set) }) {
				union = append(union, set)
			}
		}
		r, err := me.decrypt(ctx, c.task, c.facts)
		if len(union) > bound {
			require.ErrorIs(t, err, ErrDecryptionSetsBound, "active %v: %d distinct sets", c.task.ActivePoints, len(union))
			assert.ErrorContains(t, err, "at most 8 distinct decryption sets")
			assert.True(t, strings.HasPrefix(declineReason(err), ErrDecryptionSetsBound.Error()+": it gives shares of one aggregate for at most 8"),
				"the decline's reason begins with the bound, within what a decline carries: the coordinator names the holder by it")
			assert.Nil(t, r.send)
			refused++
			continue
		}
		require.NoError(t, err, "active %v: %d distinct sets", c.task.ActivePoints, len(union))
		given, answered = union, append(answered, c.task)
		for _, kept := range r.files {
			require.NoError(t, writeFileAtomic(filepath.Join(dir, kept.dir), kept.name, kept.data))
		}
		sub := r.send.(*cohortv1.DecryptionShareSubmission)
		for i, raw := range append([][]byte{sub.GetShare()}, sharesOf(sub.GetMore())...) {
			shares[setName(mine[i])] = raw
		}
	}
	require.Equal(t, bound, len(given), "answered up to the bound")
	require.Positive(t, refused, "and refused beyond it")

	// Restarted, the holder knows what it gave from its data directory
	// only: it answers the sets it gave (the same shares) and refuses more.
	restarted := restartedHolder(t, me, dir)
	for _, task := range answered {
		r, err := restarted.decrypt(ctx, task, f.honestDecrypt(t).facts)
		require.NoError(t, err, "active %v again", task.ActivePoints)
		sub := r.send.(*cohortv1.DecryptionShareSubmission)
		mine := setsHolding(task.DecryptionSets, 1)
		if len(task.DecryptionSets) == 0 {
			mine = [][]uint64{task.ActivePoints}
		}
		for i, raw := range append([][]byte{sub.GetShare()}, sharesOf(sub.GetMore())...) {
			assert.Equal(t, shares[setName(mine[i])], raw, "set %v: the same share", mine[i])
		}
	}
	c := f.honestDecrypt(t)
	c.task.ActivePoints = []uint64{1, 5, 6}
	r, err := restarted.decrypt(ctx, c.task, c.facts)
	require.ErrorIs(t, err, ErrDecryptionSetsBound, "a ninth set after the restart")
	assert.ErrorContains(t, err, "at most 8 distinct decryption sets")
	assert.Nil(t, r.send)

	// A kept record that is not a list of sets stops the node rather than
	// lifting the bound.
	records, err := os.ReadDir(filepath.Join(dir, setsGivenDir))
	require.NoError(t, err)
	require.Len(t, records, 1, "one aggregate")
	require.NoError(t, os.WriteFile(filepath.Join(dir, setsGivenDir, records[0].Name()), []byte("garbage"), 0o600))
	require.ErrorContains(t, (&Participant{cfg: Config{Name: me.name, DataDir: dir}}).loadDecrypted(), "is corrupt")
}

// A test lowers the holder's bound on decryption sets per aggregate to
// reach it with few sets (Config.DecryptionSetsBound); nothing raises it.
func TestDecryptionSetsBoundIsOnlyLowered(t *testing.T) {
	for _, tt := range []struct{ lowered, want int }{{0, 8}, {4, 4}, {8, 8}, {100, 8}} {
		s := &steps{setsBound: tt.lowered}
		assert.Equal(t, tt.want, s.setsBoundAt(3), "lowered to %d at threshold 3", tt.lowered)
	}
}

// restartedHolder is me restarted on the data directory dir: its keys,
// and of its records only what dir kept.
func restartedHolder(t *testing.T, me *steps, dir string) *steps {
	t.Helper()
	p := &Participant{cfg: Config{Name: me.name, DataDir: dir}, steps: steps{
		name: me.name, studyID: me.studyID, self: me.self, key: me.key, sealer: me.sealer, spec: me.spec, policy: me.policy,
		pubKey: me.pubKey, pkHash: me.pkHash, point: me.point,
	}}
	require.NoError(t, p.loadDecrypted())
	return &p.steps
}

func sharesOf(signed []*cohortv1.SignedShare) [][]byte {
	out := make([][]byte, len(signed))
	for i, s := range signed {
		out[i] = s.GetShare()
	}
	return out
}

func setName(set []uint64) string {
	b := make([]byte, len(set))
	for i, p := range set {
		b[i] = byte(p)
	}
	return string(b)
}
