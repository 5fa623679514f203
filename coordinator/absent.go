package coordinator

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// absentStateName keeps when each participant last went away, so that a
// restarted coordinator does not wait a whole phase timeout again, every
// phase, for a node that was already down before the restart (the absent
// grace counts from when it went away, not from the restart).
const absentStateName = "absent"

// participantLeft records that addr's stream ended now. Streams that end
// because this coordinator stopped (Run returned) are not kept: the
// participants did not go away, the coordinator did.
func (c *Coordinator) participantLeft(addr common.Address) {
	c.mu.Lock()
	c.gone[addr] = time.Now()
	c.mu.Unlock()
	c.keepAbsent()
}

// keepAbsent writes the absent participants to the store. It is an
// optimisation of phase closing, not state a study needs: a failed write
// is logged and costs a restarted coordinator phase timeouts at most.
// Once Run returned, or for a study that completed before it started
// (served read-only), no phase is left to close: it writes nothing.
func (c *Coordinator) keepAbsent() {
	if c.stopped.Load() {
		return
	}
	c.absentMu.Lock() // writes go out in the order their snapshots were taken
	defer c.absentMu.Unlock()
	c.mu.Lock()
	since := make(map[common.Address]int64, len(c.gone))
	for a, t := range c.gone {
		since[a] = t.UnixMilli()
	}
	c.mu.Unlock()
	raw, err := json.Marshal(since)
	if err == nil {
		err = c.store.WriteState(absentStateName, raw)
	}
	if err != nil {
		c.log.Warn("could not keep the absent participants; after a restart the coordinator waits a phase timeout for them", "err", err)
	}
}

// restoreAbsent reads the absent participants a previous run kept.
func (c *Coordinator) restoreAbsent() {
	raw, err := c.store.ReadState(absentStateName)
	if errors.Is(err, ErrBlobNotFound) {
		return
	}
	var since map[common.Address]int64
	if err == nil {
		err = json.Unmarshal(raw, &since)
	}
	if err != nil {
		c.log.Warn("the kept absent participants are unreadable; phases wait their timeout for them", "err", err)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for a, ms := range since {
		if _, connected := c.peers[a]; !connected {
			c.gone[a] = time.UnixMilli(ms)
		}
	}
}
