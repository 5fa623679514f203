package coordinator

import (
	"bytes"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// absentCoordinator is the part of a coordinator that keeps absences: its
// store, its log and its participants.
func absentCoordinator(t *testing.T, store *Store, log *bytes.Buffer) *Coordinator {
	t.Helper()
	return &Coordinator{store: store, log: slog.New(slog.NewTextHandler(log, nil)),
		peers: map[common.Address]*member{}, gone: map[common.Address]time.Time{}}
}

// A restarted coordinator reads back when nodes went away; a node already
// connected again is not absent; leaving as the coordinator stops is not
// kept; an unreadable file is reported and ignored, not fatal.
func TestAbsentParticipantsSurviveARestart(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	down, back, late := common.Address{1}, common.Address{2}, common.Address{3}
	var log bytes.Buffer
	before := absentCoordinator(t, store, &log)
	before.participantLeft(down)
	before.participantLeft(back)
	left := before.gone[down]
	before.stopped.Store(true)
	before.participantLeft(late) // the coordinator's own shutdown ends its stream

	after := absentCoordinator(t, store, &log)
	after.peers[back] = &member{}
	after.restoreAbsent()
	assert.Equal(t, map[common.Address]time.Time{down: time.UnixMilli(left.UnixMilli())}, after.gone)

	require.NoError(t, store.WriteState(absentStateName, []byte("{not json")))
	corrupt := absentCoordinator(t, store, &log)
	corrupt.restoreAbsent()
	assert.Empty(t, corrupt.gone)
	assert.Contains(t, log.String(), "the kept absent participants are unreadable")
}
