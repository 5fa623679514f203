package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/coordinator/coordinatord"
	"github.com/cohort-fl/cohort/participant/participantd"
)

// TestE2EDaemonsRefuseAnotherIdentity starts real daemon processes whose
// config names an identity the chain does not record, each on its own:
// a hospital node copied from hospital-1 (its key and certificate) but
// named hospital-2, a coordinator holding a key that is not the study's
// coordinator (with another deployment's recipe besides), a coordinator
// whose certificate another consortium's CA issued, and one whose
// certificate, of this consortium, names hospital-1's address. Each
// exits non-zero at start, naming the field that does not match, before
// it serves or writes: the hospital's account sent no transaction and the
// study has no participant. (The coordinator started with a certificate
// the hospitals refuse, and learnt of it only from their failed
// connections.)
func TestE2EDaemonsRefuseAnotherIdentity(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end with processes")
	}
	c := newConsortium(t, e2eStudy{founders: []string{"hospital-1", "hospital-2"}, rounds: 1, minParticipants: 2, thr: 2})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// The node configurations name the address the coordinator bound; it
	// is stopped again, as the refused coordinators below would wait for
	// its data directory.
	c.stop(c.startCoordinator(ctx, "coordinator"))

	var node participantd.Config
	c.readJSON("hospital-1.json", &node)
	node.Name = "hospital-2"
	c.writeJSON("copied-hospital.json", node)
	stderr := c.runRefused(ctx, "participant", "--config", c.path("copied-hospital.json"))
	assert.Contains(t, stderr, `name: this node is configured as "hospital-2"`)
	assert.Contains(t, stderr, `is "hospital-1"'s in the member registry`)
	ec, err := ethclient.DialContext(ctx, c.rpc)
	require.NoError(t, err)
	defer ec.Close()
	nonce, err := ec.NonceAt(ctx, c.addrs["hospital-1"], nil)
	require.NoError(t, err)
	assert.Zero(t, nonce, "the refused node sent no transaction")
	study, err := c.ledger.Study(ctx, c.studyID)
	require.NoError(t, err)
	assert.Empty(t, study.Participants, "nobody joined the study")

	var coord coordinatord.Config
	c.readJSON("coordinator.json", &coord)
	otherDeployment := coord
	otherDeployment.KeyFile = c.keys["deployer"]
	c.writeJSON("other-recipe.json", map[string]any{"model": map[string]any{"kind": "logistic", "features": 5}, "rounds": 1})
	otherDeployment.RecipeFile = "other-recipe.json"
	c.writeJSON("other-deployment.json", otherDeployment)
	stderr = c.runRefused(ctx, "coordinator", "--config", c.path("other-deployment.json"))
	assert.Contains(t, stderr, "key_file: this coordinator's key (address "+c.addrs["deployer"].Hex()+") is not study")
	assert.Contains(t, stderr, c.addrs["coordinator"].Hex(), "it names the study's coordinator")
	assert.NotContains(t, stderr, "recipe", "the key is checked before the recipe")

	c.run("certs", "--out", c.path("other-certs"), "--coordinator", "coordinator="+c.addrs["coordinator"].Hex(), "--hosts", "127.0.0.1")
	otherCA := coord
	otherCA.TLS = auth.TLSFiles{CA: "certs/ca.pem", Cert: "other-certs/coordinator.pem", Key: "other-certs/coordinator.key"}
	c.writeJSON("other-ca.json", otherCA)
	stderr = c.runRefused(ctx, "coordinator", "--config", c.path("other-ca.json"))
	assert.Contains(t, stderr, "tls.cert: the certificate (CN \"coordinator\"")
	assert.Contains(t, stderr, "not issued by the consortium CA in tls.ca")

	// The consortium's CA, but a certificate naming another address (here
	// hospital-1's): hospital nodes would refuse it as the coordinator.
	c.run("certs", "--out", c.path("certs"), "--coordinator", "posing="+c.addrs["hospital-1"].Hex(), "--hosts", "127.0.0.1")
	posing := coord
	posing.TLS = auth.TLSFiles{CA: "certs/ca.pem", Cert: "certs/posing.pem", Key: "certs/posing.key"}
	c.writeJSON("posing.json", posing)
	stderr = c.runRefused(ctx, "coordinator", "--config", c.path("posing.json"))
	assert.Contains(t, stderr, "tls.cert: the certificate (CN \"posing\") names "+c.addrs["hospital-1"].Hex()+", not study")
	assert.Contains(t, stderr, "'s coordinator "+c.addrs["coordinator"].Hex())
}

// runRefused runs the binary, which must exit with status 1 on its own
// (a daemon refusing to start); it returns its standard error.
func (c *consortium) runRefused(ctx context.Context, args ...string) string {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	require.True(c.t, errors.As(err, &exit) && ctx.Err() == nil, "cohort %v should refuse to start, got %v\nstdout: %s\nstderr: %s", args, err, stdout.String(), stderr.String())
	assert.Equal(c.t, 1, exit.ExitCode())
	assert.NotContains(c.t, stdout.String(), "listening", "refused before it served")
	return stderr.String()
}
