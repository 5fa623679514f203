package coordinator

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/protocol"
)

// A coordinator choosing an active set again for one aggregate (a holder
// dropped out, or it restarted) asks an earlier set whose holders may all
// be asked, which costs the holders nothing (the same sets, the same
// shares); else the set that leaves its holders the fewest sets given of
// their bound of 2(t + 1); never against chooseActiveSet's rules.
func TestChooseActiveSetAgain(t *testing.T) {
	ps := newParties(t, 6)
	a := addressesOf(ps) // a[i] holds point i + 1
	points := map[common.Address]uint64{}
	all := map[common.Address]bool{}
	for i, addr := range a {
		points[addr], all[addr] = uint64(i+1), true
	}
	without := func(gone ...int) map[common.Address]bool {
		live := map[common.Address]bool{}
		for i, addr := range a {
			live[addr] = true
			for _, g := range gone {
				if g == i {
					delete(live, addr)
				}
			}
		}
		return live
	}
	tests := []struct {
		name       string
		asked      [][]uint64
		spare      int
		fromOthers bool
		preferred  []common.Address
		connected  map[common.Address]bool
		excluded   map[common.Address]bool
		wantActive []common.Address
		wantPoints []uint64
		wantRepeat bool
		wantErr    error
	}{
		{"none asked before: chooseActiveSet's", nil, 3, false, a, all, nil, a, []uint64{1, 2, 3, 4, 5, 6}, false, nil},
		{"an earlier set all live rather than a larger new one", [][]uint64{{1, 2, 3, 4}}, 3, false, a, all, nil,
			a[:4], []uint64{1, 2, 3, 4}, true, nil},
		{"the largest earlier set all live", [][]uint64{{1, 2, 3, 4}, {1, 2, 3, 4, 5, 6}}, 3, false, a, all, nil,
			a, []uint64{1, 2, 3, 4, 5, 6}, true, nil},
		{"an earlier set all live once another's holder dropped", [][]uint64{{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4}}, 3, false, a, without(5), nil,
			a[:4], []uint64{1, 2, 3, 4}, true, nil},
		{"no earlier set with an excluded holder", [][]uint64{{1, 2, 3, 4}}, 3, false, a, all, map[common.Address]bool{a[3]: true},
			[]common.Address{a[0], a[1], a[2], a[4], a[5]}, []uint64{1, 2, 3, 5, 6}, false, nil},
		{"the fewest sets per holder rather than chooseActiveSet's", [][]uint64{{1, 2, 3, 4}}, 1, false,
			[]common.Address{a[5], a[4], a[0], a[1], a[2], a[3]}, without(3), nil,
			[]common.Address{a[0], a[1], a[2], a[5]}, []uint64{1, 2, 3, 6}, false, nil},
		{"no earlier set of exactly t while a spare is live", [][]uint64{{1, 2, 3}}, 3, false, a, all, nil,
			a, []uint64{1, 2, 3, 4, 5, 6}, false, nil},
		{"no earlier set whose spare is not among the preferred now", [][]uint64{{1, 2, 3, 4}}, 3, false, a[:3], all, nil,
			a[:3], []uint64{1, 2, 3}, true, nil},
		{"an earlier set with the spare a cross-check takes from the others", [][]uint64{{1, 2, 3, 5}}, 3, true, a[:3], all, nil,
			[]common.Address{a[0], a[1], a[2], a[4]}, []uint64{1, 2, 3, 5}, true, nil},
		{"too few live holders", [][]uint64{{1, 2, 3, 4}}, 3, false, a, without(0, 1, 2, 3), nil, nil, nil, false, errNoQuorum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := activeSetRules{points: points, threshold: 3, spare: tt.spare, spareFromOthers: tt.fromOthers, preferred: tt.preferred, connected: tt.connected, excluded: tt.excluded}
			active, got, repeat, err := chooseActiveSetAgain(tt.asked, rules)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantActive, active)
			assert.Equal(t, tt.wantPoints, got, "points sorted")
			assert.Equal(t, tt.wantRepeat, repeat, "asks no set not asked before")
		})
	}
}

// A holder that refuses a set because it gave shares of the aggregate for
// as many decryption sets as it may is named, as is what the operator can
// do, once no set without it is left: before, the error quoted each
// decline's reason cut to 512 bytes, where the advice to abandon the
// round could be cut off.
func TestHolderAtItsBoundOnDecryptionSetsIsNamedWithTheRoundToAbandon(t *testing.T) {
	c, h := holdersCoordinator(time.Minute)
	steps, result := askSetsRecorded(t, c, h)
	atBound := "participant: " + protocol.DecryptionSetsBound + ": it gives shares of one aggregate for at most 8 distinct decryption sets holding its point"

	first := nextSet(t, c, steps)
	answerFrom(t, c, first, h[0])
	require.NoError(t, c.decline(h[3], declineOf(protocol.Decrypt, 2, atBound)))
	second := nextSet(t, c, steps)
	assert.Equal(t, h[:3], second.pending(), "another set without it")
	answerFrom(t, c, second, h[0])
	require.NoError(t, c.decline(h[2], declineOf(protocol.Decrypt, 2, atBound)))

	_, err := result()
	require.ErrorIs(t, err, ErrDecryptionSetsSpent)
	require.ErrorIs(t, err, errNoQuorum, "why no set is left")
	assert.ErrorContains(t, err, h[3].Hex())
	assert.ErrorContains(t, err, h[2].Hex())
	assert.ErrorContains(t, err, "must be abandoned once its deadline passes (cohort study abandon-round --study 0 --round 2")
}

// A holder that declines for another reason is not named as at its
// bound.
func TestOtherDeclinesAreNotTakenForTheBoundOnDecryptionSets(t *testing.T) {
	c, h := holdersCoordinator(time.Minute)
	steps, result := askSetsRecorded(t, c, h)
	nextSet(t, c, steps)
	require.NoError(t, c.decline(h[3], declineOf(protocol.Decrypt, 2, "participant: does not match the chain: aggregate")))
	nextSet(t, c, steps)
	require.NoError(t, c.decline(h[2], declineOf(protocol.Decrypt, 2, "participant: does not match the chain: aggregate")))
	_, err := result()
	require.ErrorIs(t, err, errNoQuorum)
	assert.NotErrorIs(t, err, ErrDecryptionSetsSpent)
}

// After a restart the holders connect again in any order: the coordinator
// waits, up to the absent grace (at most rejoinWait), for the holders of an active set asked
// before for the aggregate rather than ask a new set of those connected
// first (each new set spends more of the holders' bound); not for a
// holder it saw go away.
func TestAskSetWaitsForTheHoldersOfASetAskedBefore(t *testing.T) {
	for _, seenGone := range []bool{false, true} {
		t.Run(map[bool]string{false: "not connected yet", true: "seen going away"}[seenGone], func(t *testing.T) {
			c, h := holdersCoordinator(time.Minute)
			var logs syncLog
			c.log = slog.New(slog.NewTextHandler(&logs, nil))
			store, err := OpenStore(t.TempDir())
			require.NoError(t, err)
			c.store = store
			asked := c.restoreAskedSets(askedDecrypt, common.Hash{7})
			require.NoError(t, c.keepAsked(asked, []uint64{1, 2, 3}), "asked before the restart")
			restored := c.restoreAskedSets(askedDecrypt, common.Hash{7})
			require.Equal(t, [][]uint64{{1, 2, 3}}, restored.sets, "kept across the restart")

			away := c.peers[h[2]]
			c.mu.Lock()
			delete(c.peers, h[2])
			if seenGone {
				c.gone[h[2]] = time.Now()
			}
			c.mu.Unlock()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			steps := make(chan *askedStep, 8)
			var (
				wg     sync.WaitGroup
				active []common.Address
			)
			wg.Go(func() {
				active, _, err = c.askSetOf(ctx, 2, h, nil, 1, restored, func(active []common.Address, _ []uint64) activeStep {
					st := &askedStep{newActivePhase(protocol.Decrypt, 2, active)}
					steps <- st
					return st
				})
			})
			if seenGone {
				first := nextSet(t, c, steps)
				assert.Equal(t, []common.Address{h[0], h[1], h[3]}, first.pending(), "no wait for a holder seen going away")
				answerFrom(t, c, first, first.pending()...)
				wg.Wait()
				require.NoError(t, err)
				return
			}
			require.Eventually(t, func() bool { return strings.Contains(logs.String(), MsgAwaitingAskedSet) }, 10*time.Second, time.Millisecond)
			c.mu.Lock()
			c.peers[h[2]] = away // it connects again
			close(c.joined)
			c.joined = make(chan struct{})
			c.mu.Unlock()
			first := nextSet(t, c, steps)
			assert.Equal(t, h, first.pending(), "the holders of the set asked before, and a spare")
			answerFrom(t, c, first, h...)
			wg.Wait()
			require.NoError(t, err)
			assert.Equal(t, h, active)
			assert.Equal(t, [][]uint64{{1, 2, 3}, {1, 2, 3, 4}}, restored.sets, "each set kept as it is asked")
		})
	}
}
