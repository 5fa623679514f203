package participant

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
)

const testPassphrase = "correct horse battery staple"

// withFastScrypt makes scrypt nearly free so that tests stay fast; the
// format and the code paths are those of the real parameters.
func withFastScrypt() KeystoreOption {
	return func(o *ksOptions) { o.scryptN, o.scryptP = 1<<8, 1 }
}

func openTestKeystore(t *testing.T, dir string) *Keystore {
	t.Helper()
	ks, err := OpenKeystore(dir, testPassphrase, withFastScrypt())
	require.NoError(t, err)
	return ks
}

func TestKeystoreRoundTrip(t *testing.T) {
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	sk, err := scheme.GenSecretShare()
	require.NoError(t, err)
	skBytes, err := sk.MarshalBinary()
	require.NoError(t, err)

	dir := filepath.Join(t.TempDir(), "keys")
	ks := openTestKeystore(t, dir)
	tests := []struct {
		name   string
		secret []byte
	}{
		{"ckks-secret-share", skBytes},
		{"threshold-share.study-7", []byte{0, 1, 2, 3, 0xff}},
		{"empty", []byte{}},
		{"Text_1", []byte("a short secret")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, ks.Put(tt.name, tt.secret))
			got, err := ks.Get(tt.name)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(tt.secret, got), "secret changed on the way through the keystore")
		})
	}

	// A fresh handle on the same directory (a restarted node) reads them back.
	again := openTestKeystore(t, dir)
	got, err := again.Get("ckks-secret-share")
	require.NoError(t, err)
	var back aggregation.SecretShare
	require.NoError(t, back.UnmarshalBinary(got))
	assert.Equal(t, sk.ID(), back.ID())

	names, err := again.List()
	require.NoError(t, err)
	assert.Equal(t, []string{"Text_1", "ckks-secret-share", "empty", "threshold-share.study-7"}, names)
}

func TestKeystoreEthereumKey(t *testing.T) {
	dir := t.TempDir()
	ks := openTestKeystore(t, dir)
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	require.NoError(t, ks.PutKey("eth", key))

	got, err := openTestKeystore(t, dir).GetKey("eth")
	require.NoError(t, err)
	assert.Equal(t, crypto.FromECDSA(key), crypto.FromECDSA(got))

	// The file is a standard geth V3 key file.
	data, err := os.ReadFile(filepath.Join(dir, "eth.json"))
	require.NoError(t, err)
	k, err := keystore.DecryptKey(data, testPassphrase)
	require.NoError(t, err)
	assert.Equal(t, crypto.PubkeyToAddress(key.PublicKey), k.Address)

	// Each accessor refuses the other kind of entry.
	require.NoError(t, ks.Put("share", []byte("x")))
	_, err = ks.Get("eth")
	assert.ErrorIs(t, err, ErrCorruptKeystore)
	_, err = ks.GetKey("share")
	assert.ErrorIs(t, err, ErrCorruptKeystore)
	assert.ErrorContains(t, ks.PutKey("nil", nil), "nil Ethereum key")
}

func TestKeystoreWrongPassphrase(t *testing.T) {
	dir := t.TempDir()
	ks := openTestKeystore(t, dir)
	require.NoError(t, ks.Put("share", []byte("secret")))

	_, err := OpenKeystore(dir, "not the passphrase", withFastScrypt())
	require.ErrorIs(t, err, ErrWrongPassphrase)
	assert.NotContains(t, err.Error(), "not the passphrase")

	_, err = OpenKeystore(dir, "", withFastScrypt())
	assert.ErrorContains(t, err, "empty passphrase")

	// An entry written under another passphrase (copied in from another
	// keystore) does not open: the MAC check fails.
	other := openTestKeystoreWith(t, t.TempDir(), "another passphrase")
	require.NoError(t, other.Put("foreign", []byte("theirs")))
	copyFile(t, filepath.Join(other.Dir(), "foreign.json"), filepath.Join(dir, "foreign.json"))
	_, err = ks.Get("foreign")
	assert.ErrorIs(t, err, ErrCorruptKeystore)
}

func openTestKeystoreWith(t *testing.T, dir, passphrase string) *Keystore {
	t.Helper()
	ks, err := OpenKeystore(dir, passphrase, withFastScrypt())
	require.NoError(t, err)
	return ks
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o600))
}

func TestKeystoreMissingAndExisting(t *testing.T) {
	ks := openTestKeystore(t, t.TempDir())
	_, err := ks.Get("absent")
	assert.ErrorIs(t, err, ErrNoSecret)
	_, err = ks.GetKey("absent")
	assert.ErrorIs(t, err, ErrNoSecret)
	assert.ErrorIs(t, ks.Delete("absent"), ErrNoSecret)

	require.NoError(t, ks.Put("share", []byte("first")))
	assert.ErrorIs(t, ks.Put("share", []byte("second")), ErrSecretExists)
	got, err := ks.Get("share")
	require.NoError(t, err)
	assert.Equal(t, "first", string(got), "a refused Put must leave the entry intact")

	require.NoError(t, ks.Delete("share"))
	_, err = ks.Get("share")
	assert.ErrorIs(t, err, ErrNoSecret)
	require.NoError(t, ks.Put("share", []byte("second")))
}

func TestKeystoreInvalidNames(t *testing.T) {
	ks := openTestKeystore(t, t.TempDir())
	for _, name := range []string{"", "../escape", "a/b", ".hidden", "-flag", "keystore", "with space", strings.Repeat("x", 129)} {
		t.Run(name, func(t *testing.T) {
			assert.ErrorContains(t, ks.Put(name, []byte("x")), "invalid secret name")
			_, err := ks.Get(name)
			assert.ErrorContains(t, err, "invalid secret name")
		})
	}
}

// TestKeystoreCorruptFiles damages an entry in every way a disk, an editor
// or an attacker might, and checks each gives ErrCorruptKeystore, never a
// panic or a secret.
func TestKeystoreCorruptFiles(t *testing.T) {
	editJSON := func(edit func(m map[string]any)) func([]byte) []byte {
		return func(b []byte) []byte {
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				panic(err)
			}
			edit(m)
			out, err := json.Marshal(m)
			if err != nil {
				panic(err)
			}
			return out
		}
	}
	cryptoOf := func(m map[string]any) map[string]any { return m["crypto"].(map[string]any) }
	kdfOf := func(m map[string]any) map[string]any { return cryptoOf(m)["kdfparams"].(map[string]any) }
	flipHex := func(s string) string {
		b := []byte(s)
		if b[0] == '0' {
			b[0] = '1'
		} else {
			b[0] = '0'
		}
		return string(b)
	}
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"empty file", func([]byte) []byte { return nil }},
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"not JSON", func([]byte) []byte { return []byte("\x00\x01garbage") }},
		{"ciphertext flipped", editJSON(func(m map[string]any) { c := cryptoOf(m); c["ciphertext"] = flipHex(c["ciphertext"].(string)) })},
		{"MAC flipped", editJSON(func(m map[string]any) { c := cryptoOf(m); c["mac"] = flipHex(c["mac"].(string)) })},
		{"salt missing", editJSON(func(m map[string]any) { delete(kdfOf(m), "salt") })},
		{"salt not a string", editJSON(func(m map[string]any) { kdfOf(m)["salt"] = 7 })},
		{"n not a number", editJSON(func(m map[string]any) { kdfOf(m)["n"] = "lots" })},
		{"n huge", editJSON(func(m map[string]any) { kdfOf(m)["n"] = float64(1 << 40) })},
		{"n not a power of two", editJSON(func(m map[string]any) { kdfOf(m)["n"] = 3000 })},
		{"dklen short", editJSON(func(m map[string]any) { kdfOf(m)["dklen"] = 16 })},
		{"iv short", editJSON(func(m map[string]any) { cryptoOf(m)["cipherparams"] = map[string]any{"iv": "00ff"} })},
		{"cipher unknown", editJSON(func(m map[string]any) { cryptoOf(m)["cipher"] = "rot13" })},
		{"kdf pbkdf2", editJSON(func(m map[string]any) { cryptoOf(m)["kdf"] = "pbkdf2" })},
		{"crypto missing", editJSON(func(m map[string]any) { delete(m, "crypto") })},
		{"version unknown", editJSON(func(m map[string]any) { m["version"] = 2 })},
	}
	for _, kind := range []string{"secret", "ethereum key"} {
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				ks := openTestKeystore(t, dir)
				get := func() error { _, err := ks.Get("entry"); return err }
				if kind == "secret" {
					require.NoError(t, ks.Put("entry", []byte("the secret")))
				} else {
					key, err := crypto.GenerateKey()
					require.NoError(t, err)
					require.NoError(t, ks.PutKey("entry", key))
					get = func() error { _, err := ks.GetKey("entry"); return err }
				}
				path := filepath.Join(dir, "entry.json")
				data, err := os.ReadFile(path)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(path, tt.damage(data), 0o600))
				assert.ErrorIs(t, get(), ErrCorruptKeystore)
			})
		}
	}

	t.Run("entry renamed", func(t *testing.T) {
		dir := t.TempDir()
		ks := openTestKeystore(t, dir)
		require.NoError(t, ks.Put("a", []byte("secret of a")))
		copyFile(t, filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"))
		_, err := ks.Get("b")
		assert.ErrorIs(t, err, ErrCorruptKeystore)
	})
	t.Run("check file lost", func(t *testing.T) {
		dir := t.TempDir()
		ks := openTestKeystore(t, dir)
		require.NoError(t, ks.Put("a", []byte("secret of a")))
		require.NoError(t, os.Remove(filepath.Join(dir, ksCheckFile)))
		_, err := OpenKeystore(dir, testPassphrase, withFastScrypt())
		assert.ErrorIs(t, err, ErrCorruptKeystore)
	})
	t.Run("check file damaged", func(t *testing.T) {
		dir := t.TempDir()
		openTestKeystore(t, dir)
		require.NoError(t, os.WriteFile(filepath.Join(dir, ksCheckFile), []byte("{}"), 0o600))
		_, err := OpenKeystore(dir, testPassphrase, withFastScrypt())
		assert.ErrorIs(t, err, ErrCorruptKeystore)
	})
}

func TestKeystorePermissions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "keys")
	ks := openTestKeystore(t, dir)
	require.NoError(t, ks.Put("share", []byte("secret")))

	info, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
		info, err := e.Info()
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), e.Name())
	}
	assert.ElementsMatch(t, []string{"keystore.json", "share.json"}, files, "no temporary files may be left behind")

	require.NoError(t, os.Chmod(filepath.Join(dir, "share.json"), 0o644))
	_, err = ks.Get("share")
	assert.ErrorContains(t, err, "chmod 600")

	require.NoError(t, os.Chmod(filepath.Join(dir, "share.json"), 0o600))
	require.NoError(t, os.Chmod(dir, 0o755)) // readable is fine: entries are encrypted and 0600
	_, err = OpenKeystore(dir, testPassphrase, withFastScrypt())
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o775))
	_, err = OpenKeystore(dir, testPassphrase, withFastScrypt())
	assert.ErrorContains(t, err, "chmod 700")

	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	_, err = OpenKeystore(file, testPassphrase, withFastScrypt())
	assert.Error(t, err)
}

// TestKeystoreNoPlaintextOnDisk checks that no file holds a secret, the
// passphrase or the Ethereum key in any common encoding.
func TestKeystoreNoPlaintextOnDisk(t *testing.T) {
	dir := t.TempDir()
	ks := openTestKeystore(t, dir)
	secret := bytes.Repeat([]byte("PATIENT-KEY-SHARE-"), 8)
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	require.NoError(t, ks.Put("share", secret))
	require.NoError(t, ks.PutKey("eth", key))

	d := crypto.FromECDSA(key)
	needles := map[string][]byte{
		"secret":          secret,
		"secret hex":      []byte(hex.EncodeToString(secret)),
		"secret base64":   []byte(base64.StdEncoding.EncodeToString(secret)),
		"secret fragment": secret[:16],
		"key":             d,
		"key hex":         []byte(hex.EncodeToString(d)),
		"key base64":      []byte(base64.StdEncoding.EncodeToString(d)),
		"passphrase":      []byte(testPassphrase),
		"check value":     []byte(ksCheckText),
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 3)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		for what, needle := range needles {
			assert.False(t, bytes.Contains(bytes.ToLower(data), bytes.ToLower(needle)), "%s contains the %s", e.Name(), what)
		}
	}
}

func TestKeystoreConcurrentPut(t *testing.T) {
	ks := openTestKeystore(t, t.TempDir())
	const writers = 4
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = ks.Put("share", []byte{byte(i)})
		}()
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, won, "two writers both stored the same name")
			won = i
			continue
		}
		assert.True(t, errors.Is(err, ErrSecretExists), "writer %d: %v", i, err)
	}
	require.NotEqual(t, -1, won)
	got, err := ks.Get("share")
	require.NoError(t, err)
	assert.Equal(t, []byte{byte(won)}, got)
}

func TestKeystoreScryptParameters(t *testing.T) {
	dir := t.TempDir()
	ks, err := OpenKeystore(dir, testPassphrase, WithLightScrypt())
	require.NoError(t, err)
	require.NoError(t, ks.Put("share", []byte("x")))
	data, err := os.ReadFile(filepath.Join(dir, "share.json"))
	require.NoError(t, err)
	var f ksEntryFile
	require.NoError(t, json.Unmarshal(data, &f))
	assert.EqualValues(t, keystore.LightScryptN, f.Crypto.KDFParams["n"])
	assert.EqualValues(t, keystore.LightScryptP, f.Crypto.KDFParams["p"])
	got, err := ks.Get("share")
	require.NoError(t, err)
	assert.Equal(t, "x", string(got))

	// The default is geth's standard strength (opening with it costs about a
	// second and 256 MiB, so the test checks the defaults, not a file).
	assert.Equal(t, ksOptions{scryptN: 1 << 18, scryptP: 1}, defaultKsOptions())
}
