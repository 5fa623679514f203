package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/configfile"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/devchain"
	"github.com/cohort-fl/cohort/contracts/devchain/devchaintest"
	"github.com/cohort-fl/cohort/coordinator/coordinatord"
	"github.com/cohort-fl/cohort/participant/participantd"
)

// consortium is a test consortium laid out on disk the way a hospital IT
// team would: certificates from `cohort certs`, key files, configs.
type consortium struct {
	t        *testing.T
	bin      string
	dir      string
	rpc      string
	keys     map[string]string // name → key file
	addrs    map[string]common.Address
	studyID  uint64
	contract common.Address
	// listen is the address the coordinator's first start bound (empty
	// until then); restarts bind it again.
	listen string
	ledger *contracts.Ledger
	// founders' node configurations are written once listen is known.
	founders []string
	sites    int
}

// e2eStudy is the study a process test runs.
type e2eStudy struct {
	// founders are the hospitals admitted when the contract is deployed;
	// later are hospitals that get an Ethereum key (funded) now and are
	// admitted by the test. Synthetic site i goes to hospital i of both.
	founders, later              []string
	rounds, minParticipants, thr int
	// enrolment is the coordinator's gap between rounds for joins and leaves.
	enrolment time.Duration
	// phaseTimeout is the coordinator's (0: 8 s).
	phaseTimeout time.Duration
}

// e2eRangeLimit is the e2e geth's --rpc.rangelimit: it refuses an
// eth_getLogs over more than 16 blocks, as RPC providers refuse wide
// ranges (scaled down to a study of a few hundred blocks), so every
// daemon and command of the e2e tests reads logs in windows.
const e2eRangeLimit = 15

// newConsortium starts geth and sets a consortium up with the binary as
// its IT teams would: keys, certificates, the contract with the founders,
// the study, and the coordinator's and founders' configuration files.
// Set-up is bounded only by the test binary's timeout: a test starts its
// study's deadline once it returns, as building the binary, starting geth
// and deploying on a loaded machine left a deadline counted from before
// them too little time for the study.
func newConsortium(t *testing.T, st e2eStudy) *consortium {
	t.Helper()
	node := devchaintest.StartWith(t, devchain.Options{RangeLimit: e2eRangeLimit})
	c := &consortium{t: t, bin: buildCohort(t), dir: t.TempDir(), rpc: node.URL, keys: map[string]string{}, addrs: map[string]common.Address{}}
	for _, n := range append(append([]string{"deployer", "researcher", "coordinator"}, st.founders...), st.later...) {
		c.newKey(n)
	}
	var funded []common.Address
	for _, a := range c.addrs {
		funded = append(funded, a)
	}
	devchaintest.Fund(t, node, devchain.Ether(100), funded...)

	var clients []string
	for _, h := range st.founders {
		clients = append(clients, h+"="+c.addrs[h].Hex())
	}
	c.run("certs", "--out", c.path("certs"), "--coordinator", "coordinator="+c.addrs["coordinator"].Hex(), "--institutions", strings.Join(clients, ","), "--hosts", "127.0.0.1")
	var founders []map[string]string
	for _, h := range st.founders {
		founders = append(founders, map[string]string{"name": h, "address": c.addrs[h].Hex(), "tls_cert": c.path("certs", h+".pem")})
	}
	c.writeJSON("founders.json", founders)
	c.run("deploy", "--eth-rpc", c.rpc, "--key", c.keys["deployer"], "--founders", c.path("founders.json"), "--out", c.path("deployment.json"))
	var dep struct {
		Contract common.Address `json:"contract"`
	}
	c.readJSON("deployment.json", &dep)
	c.contract = dep.Contract
	// The study's recipe; features standardised with statistics pooled
	// across the hospitals: the moments phase runs before round 1.
	c.writeJSON("recipe.json", map[string]any{"model": map[string]any{"kind": "logistic", "features": 8}, "rounds": st.rounds, "standardise": "pooled"})
	out := c.run("study", "create", "--eth-rpc", c.rpc, "--contract", c.contract.Hex(), "--key", c.keys["researcher"],
		"--recipe", c.path("recipe.json"), "--rounds", fmt.Sprint(st.rounds), "--min-participants", fmt.Sprint(st.minParticipants),
		"--threshold", fmt.Sprint(st.thr), "--purpose", "e2e test", "--reference", "0x"+strings.Repeat("ab", 32),
		"--coordinator", c.addrs["coordinator"].Hex(), "--json")
	var created struct {
		StudyID uint64 `json:"study_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &created), out)
	c.studyID = created.StudyID

	chain, err := contracts.DialChain(t.Context(), c.rpc)
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	c.ledger, err = contracts.Open(chain, c.contract)
	require.NoError(t, err)

	// The coordinator's first start binds a port the kernel picks and says
	// which (startCoordinator), where a port found free beforehand could be
	// taken by another process before the coordinator bound it.
	phaseTimeout := st.phaseTimeout
	if phaseTimeout == 0 {
		phaseTimeout = 8 * time.Second
	}
	c.writeJSON("coordinator.json", coordinatord.Config{
		Chain: c.chainConfig(), StudyID: c.studyID, KeyFile: c.keys["coordinator"],
		TLS:    auth.TLSFiles{CA: "certs/ca.pem", Cert: "certs/coordinator.pem", Key: "certs/coordinator.key"},
		Listen: "127.0.0.1:0", DataDir: "state/coordinator", RecipeFile: "recipe.json", Participants: len(st.founders),
		PhaseTimeout: configfile.Duration(phaseTimeout), EnrolmentWindow: configfile.Duration(st.enrolment),
	})
	require.NoError(t, os.WriteFile(c.path("passphrase"), []byte("correct horse battery staple\n"), 0o600))
	c.founders, c.sites = st.founders, len(st.founders)+len(st.later)
	return c
}

// coordinatorListening is what the coordinator prints once it listens,
// followed by its address.
const coordinatorListening = "listening on "

// startCoordinator starts the coordinator's process with its output in
// DIR/name.log. At its first start it waits until the coordinator listens
// and pins the address it bound (pinCoordinator).
func (c *consortium) startCoordinator(ctx context.Context, name string) *proc {
	c.t.Helper()
	p := c.start(name, "coordinator", "--config", c.path("coordinator.json"))
	if c.listen == "" {
		c.pinCoordinator(c.awaitPrintedAddress(ctx, p, coordinatorListening))
	}
	return p
}

// pinCoordinator records the address the coordinator bound: restarts bind
// it again, since the hospitals know the coordinator by it, and the
// founders' node configurations are written naming it.
func (c *consortium) pinCoordinator(addr string) {
	c.t.Helper()
	c.listen = addr
	var cfg coordinatord.Config
	c.readJSON("coordinator.json", &cfg)
	cfg.Listen = addr
	c.writeJSON("coordinator.json", cfg)
	for i, h := range c.founders {
		c.writeHospitalConfig(h, i, c.sites)
	}
}

// awaitPrintedAddress waits until a running daemon's log has prefix and
// returns the HOST:PORT printed right after it.
func (c *consortium) awaitPrintedAddress(ctx context.Context, p *proc, prefix string) string {
	c.t.Helper()
	c.awaitLog(ctx, p, prefix)
	b, err := os.ReadFile(c.path(p.name + ".log"))
	require.NoError(c.t, err)
	addr := printedAddress(string(b), prefix)
	require.NotEmpty(c.t, addr, "%s printed no address after %q (log %s)", p.name, prefix, c.path(p.name+".log"))
	return addr
}

// printedAddress returns the HOST:PORT that out has right after prefix
// (ended by a space, a slash or the line's end), or "" if it has none.
// A daemon prints the line in one write.
func printedAddress(out, prefix string) string {
	_, rest, found := strings.Cut(out, prefix)
	if !found {
		return ""
	}
	end := strings.IndexAny(rest, " /\n")
	if end < 0 {
		return ""
	}
	if _, _, err := net.SplitHostPort(rest[:end]); err != nil {
		return ""
	}
	return rest[:end]
}

func (c *consortium) chainConfig() configfile.Chain {
	return configfile.Chain{RPC: c.rpc, Contract: c.contract.Hex()}
}

// writeHospitalConfig writes NAME.json for a hospital node holding
// synthetic site `site` of `sites`.
func (c *consortium) writeHospitalConfig(h string, site, sites int) {
	require.NotEmpty(c.t, c.listen, "a node's configuration names the coordinator: start it first")
	// Even sites hold a copy of the recipe, checked against the chain; odd
	// sites fetch it from the coordinator, checked the same way.
	recipe := ""
	if site%2 == 0 {
		recipe = "recipe.json"
	}
	c.writeJSON(h+".json", participantd.Config{
		Name: h, Chain: c.chainConfig(), StudyID: c.studyID, KeyFile: c.keys[h],
		TLS:         auth.TLSFiles{CA: "certs/ca.pem", Cert: "certs/" + h + ".pem", Key: "certs/" + h + ".key"},
		Coordinator: c.listen, DataDir: "state/" + h, RecipeFile: recipe,
		Keystore: participantd.KeystoreConfig{PassphraseFile: "passphrase", LightScrypt: true},
		Data:     participantd.DataConfig{Synthetic: &participantd.SyntheticSource{Site: site, Sites: sites, Seed: 1}},
		// The synthetic patients granted nothing on this chain: use the
		// cohort's own consent flags (the demo exercises chain consent).
		Consent: "local",
	})
}

// TestE2EProcesses runs a study with geth, a coordinator and four hospital
// processes on 127.0.0.1, threshold 3: one hospital is killed during round
// 2 and the coordinator once during round 3 (then restarted); the study still
// finishes with models that match the chain. Round 3 may close, and the
// study complete, just before the kill: the restarted coordinator then
// serves the completed study read-only, models included.
func TestE2EProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end with processes")
	}
	hospitals := []string{"hospital-1", "hospital-2", "hospital-3", "hospital-4"}
	c := newConsortium(t, e2eStudy{founders: hospitals, rounds: 3, minParticipants: 3, thr: 3, enrolment: 500 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()

	coord := c.startCoordinator(ctx, "coordinator")
	procs := map[string]*proc{}
	for _, h := range hospitals {
		procs[h] = c.start(h, "participant", "--config", c.path(h+".json"))
	}

	// Watch the chain and strike at the right moments.
	killedHospital, restarted, completedAtKill := false, false, false
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
			if !restarted {
				// Round 3 opened and closed between two reads: the kill
				// comes after the study completed, as when it closes
				// during the kill below.
				require.Empty(t, exited, "a process exited during the study")
				coord.kill()
				completedAtKill = true
				coord = c.startCoordinator(ctx, "coordinator-restarted")
				restarted = true
				t.Log("round 3 closed before the coordinator could be killed in it; killed it after the study completed and started it again")
			}
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
				// Round 3 may have closed, and the study completed, since
				// the read above: the restarted coordinator then serves the
				// completed study read-only.
				after, err := c.ledger.Study(ctx, c.studyID)
				require.NoError(t, err)
				completedAtKill = after.Completed
				coord = c.startCoordinator(ctx, "coordinator-restarted")
				restarted = true
				t.Logf("killed the coordinator in round 3 after %d commitment(s) and started it again", r.Commitments)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.True(t, killedHospital && restarted, "both faults were injected")

	rounds := c.verifyModels(ctx, 3, "hospital-1")
	for _, round := range rounds {
		assert.GreaterOrEqual(t, round.Result.Participants, uint32(3))
	}
	assert.NotContains(t, rounds[2].Committers, c.addrs["hospital-4"], "the killed hospital did not take part in round 3")

	// The surviving hospitals finish on their own; the coordinator stops on SIGTERM.
	for _, h := range hospitals[:3] {
		c.awaitExit(ctx, procs[h])
	}
	c.stop(coord)
	c.audit(rounds)
	// Started again after the study completed, the coordinator says so and
	// serves the study's models read-only until SIGTERM.
	coord = c.startCoordinator(ctx, "coordinator-completed")
	c.awaitLog(ctx, coord, "serving its models until stopped")
	c.verifyModels(ctx, 3, "hospital-2")
	c.stop(coord)
	completed, err := os.ReadFile(c.path("coordinator-completed.log"))
	require.NoError(t, err)
	assert.Contains(t, string(completed), "study already completed on chain")
	logs, err := os.ReadFile(c.path("coordinator-restarted.log"))
	require.NoError(t, err)
	if strings.Contains(string(logs), "study already completed on chain") {
		// The kill came after round 3 closed: the restarted coordinator
		// resumed nothing, and served the models above read-only.
		t.Log("the study completed before the coordinator was killed; the restarted one served it read-only")
		assert.NotContains(t, string(logs), "resuming study from the chain")
	} else {
		require.False(t, completedAtKill, "the study was completed when the coordinator was killed, but the restarted one did not say so")
		assert.Contains(t, string(logs), "resuming study from the chain")
		assert.Contains(t, string(logs), "pooled standardiser restored from the store", "the restarted coordinator does not run the moments phase again")
	}
	first, err := os.ReadFile(c.path("coordinator.log"))
	require.NoError(t, err)
	assert.Contains(t, string(first), "pooled standardiser agreed")
	c.assertSameStandardiser(hospitals)
	c.assertNoSecretsInLogs()
}

// verifyModels checks that rounds 1..n closed with sound models, and that
// a researcher fetches each with `cohort model get` (as `as`, over mutual
// TLS) and it matches the chain. It returns the rounds as recorded.
func (c *consortium) verifyModels(ctx context.Context, n uint32, as string) []contracts.Round {
	c.t.Helper()
	var rounds []contracts.Round
	for r := uint32(1); r <= n; r++ {
		round, err := c.ledger.Round(ctx, c.studyID, r)
		require.NoError(c.t, err)
		require.True(c.t, round.Closed, "round %d closed", r)
		c.t.Logf("round %d: %d contributors, accuracy %.3f, model %s", r, round.Result.Participants, round.Result.Accuracy, round.Result.ModelHash.Hex())
		assert.Greater(c.t, round.Result.Accuracy, 0.7)
		model := c.path(fmt.Sprintf("model-%d.bin", r))
		got := c.run("model", "get", "--study", fmt.Sprint(c.studyID), "--round", fmt.Sprint(r), "--out", model,
			"--eth-rpc", c.rpc, "--contract", c.contract.Hex(), "--coordinator", c.listen,
			"--ca", c.path("certs", "ca.pem"), "--cert", c.path("certs", as+".pem"), "--key", c.path("certs", as+".key"))
		assert.Contains(c.t, got, "matches the chain")
		b, err := os.ReadFile(model)
		require.NoError(c.t, err)
		assert.Equal(c.t, round.Result.ModelHash, crypto.Keccak256Hash(b))
		rounds = append(rounds, round)
	}
	return rounds
}

// audit runs `cohort audit` as anyone could, from the chain and a copy of
// the coordinator's blob store: every round and the pooled standardiser's
// decryption verify; then, with one
// round's aggregate replaced in the copy, the audit names that round and
// exits non-zero.
func (c *consortium) audit(rounds []contracts.Round) {
	c.t.Helper()
	store := c.path("audit-store")
	require.NoError(c.t, os.CopyFS(store, os.DirFS(c.path("state", "coordinator", "blobs"))))
	args := []string{"audit", "--eth-rpc", c.rpc, "--contract", c.contract.Hex(), "--study", fmt.Sprint(c.studyID), "--store", store}
	// geth refuses the study's logs asked for at once (e2eRangeLimit):
	// the audit reads them in windows.
	ec, err := ethclient.Dial(c.rpc)
	require.NoError(c.t, err)
	defer ec.Close()
	_, err = ec.FilterLogs(context.Background(), ethereum.FilterQuery{FromBlock: big.NewInt(0), Addresses: []common.Address{c.contract}})
	require.ErrorContains(c.t, err, "exceed maximum block range")
	out := c.run(args...)
	assert.Contains(c.t, out, "all rounds match the chain")
	assert.Contains(c.t, out, "moments: verified", "the pooled standardiser decrypts again from the store's record")
	assert.Equal(c.t, len(rounds)+1, strings.Count(out, "verified"), "every round and the moments: %s", out)

	agg := filepath.Join(store, rounds[1].Result.AggregateHash.Hex()[2:])
	require.NoError(c.t, os.Chmod(agg, 0o600))
	require.NoError(c.t, os.WriteFile(agg, []byte("an aggregate the chain never recorded"), 0o600))
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(c.bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(c.t, err, &exit, "the audit of an altered store fails: %s", stdout.String())
	assert.Equal(c.t, 1, exit.ExitCode())
	assert.Contains(c.t, stdout.String(), "round 2: the aggregate")
	assert.Contains(c.t, stderr.String(), "do not match the chain")
}

// awaitExit waits for a hospital node to exit cleanly on its own.
func (c *consortium) awaitExit(ctx context.Context, p *proc) {
	c.t.Helper()
	select {
	case <-p.done:
		require.NoError(c.t, p.err, "%s exits cleanly when the study is done (log %s)", p.name, c.path(p.name+".log"))
	case <-ctx.Done():
		c.t.Fatalf("%s did not exit after the study", p.name)
	}
}

// awaitLog waits until the log of a running daemon has text; the daemon
// exiting first, or ctx ending, fails the test.
func (c *consortium) awaitLog(ctx context.Context, p *proc, text string) {
	c.t.Helper()
	for {
		b, err := os.ReadFile(c.path(p.name + ".log"))
		require.NoError(c.t, err)
		if strings.Contains(string(b), text) {
			return
		}
		select {
		case <-p.done:
			c.t.Fatalf("%s exited before logging %q: %v (log %s)", p.name, text, p.err, c.path(p.name+".log"))
		case <-ctx.Done():
			c.t.Fatalf("%s did not log %q (log %s)", p.name, text, c.path(p.name+".log"))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// stop stops a daemon with SIGTERM and checks that it exits cleanly.
func (c *consortium) stop(p *proc) {
	c.t.Helper()
	require.NoError(c.t, p.cmd.Process.Signal(syscall.SIGTERM))
	<-p.done
	require.NoError(c.t, p.err, "%s stops cleanly on SIGTERM", p.name)
}

// assertSameStandardiser checks that every hospital kept the same pooled
// standardiser.
func (c *consortium) assertSameStandardiser(hospitals []string) {
	c.t.Helper()
	var kept []byte
	for _, h := range hospitals {
		b, err := os.ReadFile(c.path("state", h, "standardiser.json"))
		require.NoError(c.t, err, "%s kept the pooled standardiser", h)
		if kept == nil {
			kept = b
		}
		assert.JSONEq(c.t, string(kept), string(b), "%s kept the same standardiser", h)
	}
}

// cohortBinary is the binary under test, built once for the package's
// end-to-end tests (each used to link its own) and removed by TestMain.
var cohortBinary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// buildCohort builds the binary under test on first use.
func buildCohort(t *testing.T) string {
	t.Helper()
	b := &cohortBinary
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "cohort-e2e-"); b.err != nil {
			return
		}
		b.path = filepath.Join(b.dir, "cohort")
		if out, err := exec.Command("go", "build", "-o", b.path, ".").CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build: %w: %s", err, out)
		}
	})
	require.NoError(t, b.err)
	return b.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if cohortBinary.dir != "" {
		os.RemoveAll(cohortBinary.dir)
	}
	os.Exit(code)
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

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
