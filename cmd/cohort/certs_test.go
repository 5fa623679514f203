package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/auth"
)

// runCertsCLI runs `cohort certs` through the real dispatcher.
func runCertsCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"certs"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func decodeCertsReport(t *testing.T, s string) auth.CertFiles {
	t.Helper()
	var rep auth.CertFiles
	require.NoError(t, json.Unmarshal([]byte(s), &rep), "stdout must be one JSON object: %s", s)
	return rep
}

// certsCoordinator is the coordinator's address in these tests.
var certsCoordinator = common.HexToAddress("0xC0000000000000000000000000000000000000c0")

// TestCertsMakesAConsortium: the coordinator gets a server certificate
// for the hosts naming its address; hospitals get client certificates
// only, naming their address where given, so no hospital can serve in the
// coordinator's place.
func TestCertsMakesAConsortium(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pki")
	hospital1 := common.HexToAddress("0x1111111111111111111111111111111111111111")
	code, stdout, stderr := runCertsCLI(t, "--out", dir, "--coordinator", "coordinator="+strings.ToLower(certsCoordinator.Hex()),
		"--institutions", " hospital-1="+hospital1.Hex()+",hospital-2", "--hosts", "127.0.0.1,coord.example", "--json")
	require.Equal(t, 0, code, stderr)
	rep := decodeCertsReport(t, stdout)
	assert.False(t, rep.CAReused)
	require.Len(t, rep.Institutions, 3)

	caPEM, err := os.ReadFile(filepath.Join(dir, "ca.pem"))
	require.NoError(t, err)
	pool, err := auth.PoolFromPEM(caPEM)
	require.NoError(t, err)
	assertMode(t, filepath.Join(dir, "ca.key"), 0o600)
	assertMode(t, filepath.Join(dir, "ca.pem"), 0o644)

	wantAddress := map[string]common.Address{"coordinator": certsCoordinator, "hospital-1": hospital1}
	pairs := map[string]tls.Certificate{}
	for _, c := range rep.Institutions {
		t.Run(c.Institution, func(t *testing.T) {
			assertMode(t, c.Key, 0o600)
			pair, err := tls.LoadX509KeyPair(c.Cert, c.Key)
			require.NoError(t, err)
			assert.Equal(t, auth.Fingerprint(pair).Hex(), c.Fingerprint, "printed fingerprint must be the certificate's")
			assert.Equal(t, c.Institution, pair.Leaf.Subject.CommonName)
			_, err = pair.Leaf.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
			assert.NoError(t, err, "certificate must chain to the written CA")
			_, err = pair.Leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: "coord.example", KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
			assert.Equal(t, c.Institution == "coordinator", err == nil, "only the coordinator's certificate serves: %v", err)
			assert.Equal(t, c.Institution == "coordinator", c.Server)
			holder, err := auth.CertificateHolder(pair.Leaf)
			if want, ok := wantAddress[c.Institution]; ok {
				require.NoError(t, err)
				assert.Equal(t, want, holder)
				assert.Equal(t, want.Hex(), c.Address)
			} else {
				assert.ErrorIs(t, err, auth.ErrNoHolder)
				assert.Empty(t, c.Address)
			}
			pairs[c.Institution] = pair
		})
	}

	// The files work for what they are for: mutual TLS between institutions.
	mutualTLSHandshake(t, pool, pairs["coordinator"], pairs["hospital-1"])

	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
	}
	assert.ElementsMatch(t, []string{"ca.pem", "ca.key", "coordinator.pem", "coordinator.key",
		"hospital-1.pem", "hospital-1.key", "hospital-2.pem", "hospital-2.key"}, names, "no temporary files may be left")
}

func TestCertsTableOutput(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCertsCLI(t, "--out", dir, "--coordinator", "coordinator="+certsCoordinator.Hex(), "--institutions", "hospital-1")
	require.Equal(t, 0, code, stderr)
	pair, err := tls.LoadX509KeyPair(filepath.Join(dir, "hospital-1.pem"), filepath.Join(dir, "hospital-1.key"))
	require.NoError(t, err)
	assert.Regexp(t, `coordinator +server +`+certsCoordinator.Hex(), stdout)
	assert.Regexp(t, `hospital-1 +client +- `, stdout)
	assert.Contains(t, stdout, auth.Fingerprint(pair).Hex())
	assert.Contains(t, stdout, "(new;")
	assert.NotContains(t, stdout, "PRIVATE KEY")
}

func TestCertsRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCertsCLI(t, "--out", dir, "--institutions", "coordinator,hospital-1", "--json")
	require.Equal(t, 0, code, stderr)
	first := decodeCertsReport(t, stdout)
	caBefore, err := os.ReadFile(filepath.Join(dir, "ca.pem"))
	require.NoError(t, err)
	h1Before, err := os.ReadFile(filepath.Join(dir, "hospital-1.pem"))
	require.NoError(t, err)

	t.Run("existing institution without --force", func(t *testing.T) {
		code, _, stderr := runCertsCLI(t, "--out", dir, "--institutions", "hospital-2,hospital-1")
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, "--force")
		_, err := os.Stat(filepath.Join(dir, "hospital-2.pem"))
		assert.ErrorIs(t, err, os.ErrNotExist, "nothing may be written when the command refuses")
		assertFileEquals(t, filepath.Join(dir, "hospital-1.pem"), h1Before)
		assertFileEquals(t, filepath.Join(dir, "ca.pem"), caBefore)
	})

	t.Run("new institution reuses the CA", func(t *testing.T) {
		code, stdout, stderr := runCertsCLI(t, "--out", dir, "--institutions", "hospital-3", "--json")
		require.Equal(t, 0, code, stderr)
		rep := decodeCertsReport(t, stdout)
		assert.True(t, rep.CAReused)
		assertFileEquals(t, filepath.Join(dir, "ca.pem"), caBefore)
		pool, err := auth.PoolFromPEM(caBefore)
		require.NoError(t, err)
		pair, err := tls.LoadX509KeyPair(rep.Institutions[0].Cert, rep.Institutions[0].Key)
		require.NoError(t, err)
		_, err = pair.Leaf.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
		assert.NoError(t, err)
	})

	t.Run("--force replaces the CA", func(t *testing.T) {
		code, stdout, stderr := runCertsCLI(t, "--out", dir, "--institutions", "coordinator,hospital-1", "--force", "--json")
		require.Equal(t, 0, code, stderr)
		rep := decodeCertsReport(t, stdout)
		assert.False(t, rep.CAReused)
		caAfter, err := os.ReadFile(filepath.Join(dir, "ca.pem"))
		require.NoError(t, err)
		assert.NotEqual(t, caBefore, caAfter)
		assert.NotEqual(t, first.Institutions[1].Fingerprint, rep.Institutions[1].Fingerprint)
		assertMode(t, filepath.Join(dir, "ca.key"), 0o600)
	})

	t.Run("unreadable CA is not replaced silently", func(t *testing.T) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "ca.key"), []byte("garbage"), 0o600))
		code, _, stderr := runCertsCLI(t, "--out", dir, "--institutions", "hospital-9")
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, "--force")
	})
}

func TestCertsUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no flags", nil, "required"},
		{"no institutions", []string{"--out", dir}, "required"},
		{"empty institutions", []string{"--out", dir, "--institutions", " , "}, "required"},
		{"path in name", []string{"--out", dir, "--institutions", "../evil"}, "institution name"},
		{"reserved name", []string{"--out", dir, "--institutions", "CA"}, "reserved"},
		{"duplicate", []string{"--out", dir, "--institutions", "h1,H1"}, "twice"},
		{"no hosts", []string{"--out", dir, "--coordinator", "c=" + certsCoordinator.Hex(), "--hosts", ","}, "--hosts"},
		{"coordinator without address", []string{"--out", dir, "--coordinator", "coordinator"}, "--coordinator: \"coordinator\": write NAME=0xADDRESS"},
		{"not an address", []string{"--out", dir, "--institutions", "h1=0x12"}, `"0x12" is not an Ethereum address`},
		{"stray argument", []string{"--out", dir, "--institutions", "h1", "extra"}, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCertsCLI(t, tt.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, tt.want)
		})
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "usage errors must not write anything")
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, want, info.Mode().Perm(), path)
}

func assertFileEquals(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, want, got, path)
}

// mutualTLSHandshake checks that server and client certificates complete a
// TLS 1.3 handshake with client authentication under the consortium CA.
func mutualTLSHandshake(t *testing.T, pool *x509.CertPool, server, client tls.Certificate) {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", auth.ServerConfig(server, pool))
	require.NoError(t, err)
	defer ln.Close()
	done := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			done <- err
			return
		}
		defer c.Close()
		tc := c.(*tls.Conn)
		_ = tc.SetDeadline(time.Now().Add(5 * time.Second))
		if err := tc.Handshake(); err != nil {
			done <- err
			return
		}
		if peers := tc.ConnectionState().PeerCertificates; len(peers) == 0 || !strings.EqualFold(peers[0].Subject.CommonName, client.Leaf.Subject.CommonName) {
			done <- assert.AnError
			return
		}
		done <- nil
	}()
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", ln.Addr().String(), auth.ClientConfig(client, pool, "127.0.0.1", certsCoordinator))
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, <-done)
}
