package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts/membership"
	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/participant"
)

// TestE2EMembership changes a running study's membership through the
// binary, with geth, a coordinator and hospital processes on 127.0.0.1: four
// founders start the study (threshold 3); during round 1 the consortium
// admits a fifth hospital (`cohort certs` with the consortium's CA, `cohort
// member admit`, two `cohort member vote`s); its node starts after round 1
// closed, joins in the gap before round 2 and trains in rounds 2 and 3;
// hospital-2 runs `cohort study leave --wait` during round 2, leaves in the
// gap before round 3 and stops its node. The coordinator re-shares the
// threshold key before rounds 2 and 3; the leaver holds no share of the
// second re-sharing; every round closes and every model verifies.
func TestE2EMembership(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end with processes")
	}
	founders := []string{"hospital-1", "hospital-2", "hospital-3", "hospital-4"}
	const newcomer, leaver = "hospital-5", "hospital-2"
	c := newConsortium(t, e2eStudy{founders: founders, later: []string{newcomer}, rounds: 3, minParticipants: 3, thr: 3, enrolment: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	coord := c.startCoordinator(ctx, "coordinator")
	procs := map[string]*proc{}
	for _, h := range founders {
		procs[h] = c.start(h, "participant", "--config", c.path(h+".json"))
	}

	var leave *proc
	admitted, leaverLeft, leaverStopped := false, false, false
	for {
		require.NoError(t, ctx.Err(), "study did not finish; logs in %s", c.dir)
		s, err := c.ledger.Study(ctx, c.studyID)
		require.NoError(t, err)
		if s.Completed {
			break
		}
		for _, p := range procs {
			// The leaver's node stops by itself once the leave is on chain,
			// which can be before the leave command's own exit is seen here.
			if done, err := p.exited(); done && !(p.name == leaver && leave != nil) {
				t.Fatalf("%s exited during the study: %v (log %s)", p.name, err, c.path(p.name+".log"))
			}
		}
		if done, err := coord.exited(); done {
			t.Fatalf("the coordinator exited during the study: %v", err)
		}
		switch {
		case !admitted && s.CurrentRound == 1 && s.RoundOpen:
			c.admit(newcomer, "hospital-1", "hospital-2", "hospital-3")
			c.writeHospitalConfig(newcomer, len(founders), len(founders)+1)
			admitted = true
		case admitted && procs[newcomer] == nil && (s.CurrentRound > 1 || !s.RoundOpen):
			require.Equal(t, uint32(1), s.CurrentRound, "the newcomer starts in the gap after round 1")
			procs[newcomer] = c.start(newcomer, "participant", "--config", c.path(newcomer+".json"))
			t.Log("round 1 closed: started hospital-5's node")
		case leave == nil && s.CurrentRound == 2 && s.RoundOpen:
			leave = c.start("leave-"+leaver, "study", "leave", "--eth-rpc", c.rpc, "--contract", c.contract.Hex(),
				"--key", c.keys[leaver], "--study", fmt.Sprint(c.studyID), "--wait", "2m", "--json")
			t.Log("round 2 open: hospital-2 runs `cohort study leave --wait 2m`")
		case leave != nil && !leaverLeft:
			if done, err := leave.exited(); done {
				require.NoError(t, err, "cohort study leave (log %s)", c.path(leave.name+".log"))
				leaverLeft = true
				t.Logf("hospital-2 left the study before round %d", s.CurrentRound+1)
			}
		case leaverLeft && !leaverStopped:
			// Its node sees the leave on chain and stops by itself.
			if done, err := procs[leaver].exited(); done {
				require.NoError(t, err, "hospital-2's node stops cleanly after leaving (log %s)", c.path(leaver+".log"))
				leaverStopped = true
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.True(t, leaverLeft, "hospital-2 left during the study")
	require.Eventually(t, func() bool { done, _ := procs[leaver].exited(); return done }, 30*time.Second, 100*time.Millisecond,
		"hospital-2's node stops by itself after leaving")
	_, err := procs[leaver].exited()
	require.NoError(t, err, "hospital-2's node stops cleanly after leaving")

	// The log holds the wait's progress (stderr), then the result (stdout).
	out, err := os.ReadFile(c.path(leave.name + ".log"))
	require.NoError(t, err)
	assert.Contains(t, string(out), "round 2 of study", "the leave waited for round 2 to close")
	var left studies.Left
	require.NoError(t, json.Unmarshal(out[strings.IndexByte(string(out), '{'):], &left), "%s", out)
	assert.Equal(t, c.addrs[leaver], left.Member)
	rounds := c.verifyModels(ctx, 3, newcomer)
	assert.Equal(t, []uint32{4, 5, 4}, []uint32{rounds[0].Result.Participants, rounds[1].Result.Participants, rounds[2].Result.Participants},
		"contributors per round: the founders, then the newcomer too, then without the leaver")
	for i, r := range rounds {
		assert.Equal(t, i > 0, slices.Contains(r.Committers, c.addrs[newcomer]), "newcomer's update in round %d", i+1)
		assert.Equal(t, i < 2, slices.Contains(r.Committers, c.addrs[leaver]), "leaver's update in round %d", i+1)
	}

	for _, h := range []string{"hospital-1", "hospital-3", "hospital-4", newcomer} {
		c.awaitExit(ctx, procs[h])
	}
	c.stop(coord)
	var logs []byte
	logs, err = os.ReadFile(c.path("coordinator.log"))
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(string(logs), "threshold key re-shared"), "re-shared before round 2 (newcomer in) and round 3 (leaver out)")

	// Every holder of round 3 keeps a share of the re-sharing before round
	// 3; the leaver's last share is the one before round 2.
	for _, h := range append(founders, newcomer) {
		ks, err := participant.OpenKeystore(c.path("state", h, "keystore"), "correct horse battery staple", participant.WithLightScrypt())
		require.NoError(t, err)
		epoch, err := ks.Get(fmt.Sprintf("study-%d-ckks-threshold-epoch", c.studyID))
		require.NoError(t, err, "%s holds a re-shared key share", h)
		want := uint32(3)
		if h == leaver {
			want = 2
		}
		assert.Equal(t, want, binary.BigEndian.Uint32(epoch), "%s: share of the re-sharing before round %d", h, want)
	}
	c.assertSameStandardiser(append(founders, newcomer))
	c.assertNoSecretsInLogs()
}

// admit admits a hospital to the consortium the way its members would:
// its certificate from the consortium's CA, a proposal by the first voter
// and the others' votes.
func (c *consortium) admit(h string, voters ...string) {
	c.t.Helper()
	c.run("certs", "--out", c.path("certs"), "--institutions", h+"="+c.addrs[h].Hex())
	var p membership.Vote
	out := c.run("member", "admit", "--eth-rpc", c.rpc, "--contract", c.contract.Hex(), "--key", c.keys[voters[0]],
		"--name", h, "--address", c.addrs[h].Hex(), "--cert", c.path("certs", h+".pem"), "--json")
	require.NoError(c.t, json.Unmarshal([]byte(out), &p), out)
	for _, v := range voters[1:] {
		out = c.run("member", "vote", "--eth-rpc", c.rpc, "--contract", c.contract.Hex(), "--key", c.keys[v],
			"--proposal", fmt.Sprint(p.ProposalID), "--json")
		require.NoError(c.t, json.Unmarshal([]byte(out), &p), out)
	}
	require.True(c.t, p.Executed, "the members' votes admitted %s", h)
	c.t.Logf("%s admitted to the consortium with %d votes (proposal %d)", h, p.Yes, p.ProposalID)
}
