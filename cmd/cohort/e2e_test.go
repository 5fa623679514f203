package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devchain"
	"github.com/cohort-fl/cohort/contracts/devchain/devchaintest"
)

// consortium is a test consortium laid out on disk the way a hospital IT
// team would: certificates from `cohort certs`, key files, configs.
type consortium struct {
	t       *testing.T
	bin     string
	dir     string
	rpc     string
	keys    map[string]string // name → key file
	addrs   map[string]common.Address
	studyID uint64
	ledger  *contracts.Ledger
}

// TestE2EProcesses runs a study with geth, a coordinator and four hospital
// processes on 127.0.0.1, threshold 3: one hospital is killed during round
// 2 and the coordinator once during round 3 (then restarted); the study still
// finishes with models that match the chain.
func TestE2EProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end with processes")
	}
	node := devchaintest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	c := &consortium{t: t, bin: buildCohort(t), dir: t.TempDir(), rpc: node.URL, keys: map[string]string{}, addrs: map[string]common.Address{}}
	hospitals := []string{"hospital-1", "hospital-2", "hospital-3", "hospital-4"}
	names := append([]string{"deployer", "researcher", "coordinator"}, hospitals...)
	for _, n := range names {
		c.newKey(n)
	}
	var funded []common.Address
	for _, a := range c.addrs {
		funded = append(funded, a)
	}
	devchaintest.Fund(t, node, devchain.Ether(100), funded...)

	c.run("certs", "--out", c.path("certs"), "--institutions", strings.Join(append([]string{"coordinator"}, hospitals...), ","), "--hosts", "127.0.0.1")
	var founders []map[string]string
	for _, h := range hospitals {
		founders = append(founders, map[string]string{"name": h, "address": c.addrs[h].Hex(), "tls_cert": c.path("certs", h+".pem")})
	}
	c.writeJSON("founders.json", founders)
	c.run("deploy", "--eth-rpc", c.rpc, "--key", c.keys["deployer"], "--founders", c.path("founders.json"), "--out", c.path("deployment.json"))
	var dep struct {
		Contract common.Address `json:"contract"`
	}
	c.readJSON("deployment.json", &dep)
	c.writeJSON("spec.json", map[string]any{"kind": "logistic", "features": 8})
	out := c.run("study", "create", "--eth-rpc", c.rpc, "--contract", dep.Contract.Hex(), "--key", c.keys["researcher"],
		"--spec", c.path("spec.json"), "--rounds", "3", "--min-participants", "3", "--threshold", "3",
		"--purpose", "e2e test", "--reference", "0x"+strings.Repeat("ab", 32), "--coordinator", c.addrs["coordinator"].Hex(), "--json")
	var created struct {
		StudyID uint64 `json:"study_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &created), out)
	c.studyID = created.StudyID

	chain, err := contracts.DialChain(ctx, c.rpc)
	require.NoError(t, err)
	defer chain.Close()
	c.ledger, err = contracts.Open(chain, dep.Contract)
	require.NoError(t, err)

	chainCfg := chainConfig{RPC: c.rpc, Contract: dep.Contract.Hex()}
	c.writeJSON("coordinator.json", coordinatorFileConfig{
		Chain: chainCfg, StudyID: c.studyID, KeyFile: c.keys["coordinator"],
		TLS:    tlsConfig{CA: "certs/ca.pem", Cert: "certs/coordinator.pem", Key: "certs/coordinator.key"},
		Listen: "127.0.0.1:0", DataDir: "state/coordinator", SpecFile: "spec.json", Participants: 4,
		PhaseTimeout: duration(8 * time.Second),
		// Features standardised with statistics pooled across the hospitals:
		// the moments phase runs before round 1.
		Standardise: "pooled",
	})
	// The coordinator must come back on the same address after its restart.
	listen := freeLoopbackAddr(t)
	c.patchJSON("coordinator.json", func(m map[string]any) { m["listen"] = listen })
	require.NoError(t, os.WriteFile(c.path("passphrase"), []byte("correct horse battery staple\n"), 0o600))
	for i, h := range hospitals {
		c.writeJSON(h+".json", participantFileConfig{
			Name: h, Chain: chainCfg, StudyID: c.studyID, KeyFile: c.keys[h],
			TLS:         tlsConfig{CA: "certs/ca.pem", Cert: "certs/" + h + ".pem", Key: "certs/" + h + ".key"},
			Coordinator: listen, DataDir: "state/" + h, SpecFile: "spec.json",
			Keystore: keystoreConfig{PassphraseFile: "passphrase", LightScrypt: true},
			Data:     dataConfig{Synthetic: &syntheticSource{Site: i, Sites: 4, Seed: 1}},
			// The synthetic patients granted nothing on this chain: use the
			// cohort's own consent flags (the demo exercises chain consent).
			Consent:     "local",
			Standardise: "pooled",
		})
	}

	coord := c.start("coordinator", "coordinator", "--config", c.path("coordinator.json"))
	procs := map[string]*proc{}
	for _, h := range hospitals {
		procs[h] = c.start(h, "participant", "--config", c.path(h+".json"))
	}

	// Watch the chain and strike at the right moments.
	killedHospital, restarted := false, false
	for {
		require.NoError(t, ctx.Err(), "study did not finish; logs in %s", c.dir)
		exited := ""
		for _, p := range append([]*proc{coord}, procs["hospital-1"], procs["hospital-2"], procs["hospital-3"]) {
			if done, err := p.exited(); done {
				exited = fmt.Sprintf("%s: %v", p.name, err)
			}
		}
		s, err := c.ledger.Study(ctx, c.studyID)
		require.NoError(t, err)
		if s.Completed {
			break // (hospitals exit on their own once it is)
		}
		require.Empty(t, exited, "a process exited during the study")
		if !killedHospital && s.CurrentRound == 2 && s.RoundOpen {
			if _, err := c.ledger.Commitment(ctx, c.studyID, 2, c.addrs["hospital-4"]); err == nil {
				procs["hospital-4"].kill()
				killedHospital = true
				t.Log("killed hospital-4 after its round-2 commitment")
			}
		}
		if !restarted && s.CurrentRound == 3 && s.RoundOpen {
			r, err := c.ledger.Round(ctx, c.studyID, 3)
			require.NoError(t, err)
			if r.Commitments > 0 {
				coord.kill()
				coord = c.start("coordinator-restarted", "coordinator", "--config", c.path("coordinator.json"))
				restarted = true
				t.Logf("killed the coordinator in round 3 after %d commitment(s) and started it again", r.Commitments)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.True(t, killedHospital && restarted, "both faults were injected")

	for r := uint32(1); r <= 3; r++ {
		round, err := c.ledger.Round(ctx, c.studyID, r)
		require.NoError(t, err)
		require.True(t, round.Closed, "round %d closed", r)
		t.Logf("round %d: %d contributors, accuracy %.3f, model %s", r, round.Result.Participants, round.Result.Accuracy, round.Result.ModelHash.Hex())
		assert.GreaterOrEqual(t, round.Result.Participants, uint32(3))
		assert.Greater(t, round.Result.Accuracy, 0.7)
		// A researcher fetches the model and verifies it against the chain.
		model := c.path(fmt.Sprintf("model-%d.bin", r))
		got := c.run("model", "get", "--study", fmt.Sprint(c.studyID), "--round", fmt.Sprint(r), "--out", model,
			"--eth-rpc", c.rpc, "--contract", dep.Contract.Hex(), "--coordinator", listen,
			"--ca", c.path("certs", "ca.pem"), "--cert", c.path("certs", "hospital-1.pem"), "--key", c.path("certs", "hospital-1.key"))
		assert.Contains(t, got, "matches the chain")
		b, err := os.ReadFile(model)
		require.NoError(t, err)
		assert.Equal(t, round.Result.ModelHash, crypto.Keccak256Hash(b))
	}
	round3, err := c.ledger.Round(ctx, c.studyID, 3)
	require.NoError(t, err)
	assert.NotContains(t, round3.Committers, c.addrs["hospital-4"], "the killed hospital did not take part in round 3")

	// The surviving hospitals finish on their own; the coordinator stops on SIGTERM.
	for _, h := range hospitals[:3] {
		select {
		case <-procs[h].done:
			require.NoError(t, procs[h].err, "%s exits cleanly when the study is done (log %s)", h, c.path(h+".log"))
		case <-ctx.Done():
			t.Fatalf("%s did not exit after the study", h)
		}
	}
	require.NoError(t, coord.cmd.Process.Signal(syscall.SIGTERM))
	<-coord.done
	require.NoError(t, coord.err, "coordinator stops cleanly on SIGTERM")
	logs, err := os.ReadFile(c.path("coordinator-restarted.log"))
	require.NoError(t, err)
	assert.Contains(t, string(logs), "resuming study from the chain")
	assert.Contains(t, string(logs), "pooled standardiser restored from the store", "the restarted coordinator does not run the moments phase again")
	first, err := os.ReadFile(c.path("coordinator.log"))
	require.NoError(t, err)
	assert.Contains(t, string(first), "pooled standardiser agreed")
	// Every hospital kept the same pooled standardiser.
	var kept []byte
	for _, h := range hospitals {
		b, err := os.ReadFile(c.path("state", h, "standardiser.json"))
		require.NoError(t, err, "%s kept the pooled standardiser", h)
		if kept == nil {
			kept = b
		}
		assert.JSONEq(t, string(kept), string(b), "%s kept the same standardiser", h)
	}
	c.assertNoSecretsInLogs()
}

// buildCohort builds the binary under test.
func buildCohort(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cohort")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

func (c *consortium) path(parts ...string) string {
	return filepath.Join(append([]string{c.dir}, parts...)...)
}

func (c *consortium) newKey(name string) {
	key, err := crypto.GenerateKey()
	require.NoError(c.t, err)
	require.NoError(c.t, os.MkdirAll(c.path("keys"), 0o700))
	path := c.path("keys", name+".key")
	require.NoError(c.t, crypto.SaveECDSA(path, key))
	c.keys[name], c.addrs[name] = path, crypto.PubkeyToAddress(key.PublicKey)
}

// run runs the binary to completion and returns its standard output.
func (c *consortium) run(args ...string) string {
	c.t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(c.bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(c.t, cmd.Run(), "cohort %s\nstdout: %s\nstderr: %s", strings.Join(args, " "), stdout.String(), stderr.String())
	return stdout.String()
}

// proc is a running cohort process.
type proc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{} // closed when it exited; err is then set
	err  error
}

func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// exited reports whether the process ended (and how), without waiting.
func (p *proc) exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.err
	default:
		return false, nil
	}
}

// start starts a long-running process with its output in DIR/name.log.
func (c *consortium) start(name string, args ...string) *proc {
	c.t.Helper()
	logFile, err := os.Create(c.path(name + ".log"))
	require.NoError(c.t, err)
	cmd := exec.Command(c.bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	require.NoError(c.t, cmd.Start())
	p := &proc{name: name, cmd: cmd, done: make(chan struct{})}
	go func() { p.err = cmd.Wait(); close(p.done) }()
	c.t.Cleanup(func() {
		p.kill()
		logFile.Close()
		if c.t.Failed() {
			b, _ := os.ReadFile(logFile.Name())
			c.t.Logf("--- %s log (last 3000 bytes) ---\n%s", name, tail(b, 3000))
		}
	})
	return p
}

func (c *consortium) writeJSON(name string, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	require.NoError(c.t, err)
	require.NoError(c.t, os.WriteFile(c.path(name), b, 0o600))
}

func (c *consortium) readJSON(name string, v any) {
	b, err := os.ReadFile(c.path(name))
	require.NoError(c.t, err)
	require.NoError(c.t, json.Unmarshal(b, v))
}

func (c *consortium) patchJSON(name string, f func(map[string]any)) {
	var m map[string]any
	c.readJSON(name, &m)
	f(m)
	c.writeJSON(name, m)
}

// assertNoSecretsInLogs checks that no private key reached a log.
func (c *consortium) assertNoSecretsInLogs() {
	logs, err := filepath.Glob(c.path("*.log"))
	require.NoError(c.t, err)
	for name, keyFile := range c.keys {
		key, err := os.ReadFile(keyFile)
		require.NoError(c.t, err)
		for _, l := range logs {
			b, err := os.ReadFile(l)
			require.NoError(c.t, err)
			assert.NotContains(c.t, string(b), strings.TrimSpace(string(key)), "%s's key in %s", name, l)
		}
	}
}

func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
