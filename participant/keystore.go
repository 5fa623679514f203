package participant

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// Sentinel errors of the keystore. Callers branch on them with errors.Is.
var (
	// ErrWrongPassphrase reports a passphrase that does not open the
	// keystore (from OpenKeystore).
	ErrWrongPassphrase = errors.New("participant: keystore: wrong passphrase")

	// ErrNoSecret reports a name that the keystore holds no secret under.
	ErrNoSecret = errors.New("participant: keystore: no such secret")

	// ErrSecretExists reports a Put under a name that already holds a
	// secret: secrets are never overwritten implicitly.
	ErrSecretExists = errors.New("participant: keystore: secret already exists")

	// ErrCorruptKeystore reports a keystore file that is not a well-formed
	// encrypted secret: truncated, edited, swapped with another entry's file
	// or written by something else.
	ErrCorruptKeystore = errors.New("participant: keystore: corrupt file")
)

// Keystore file layout. Every secret lives in its own file DIR/NAME.json,
// mode 0600, written atomically. A geth-compatible V3 key file holds an
// Ethereum key (PutKey); every other secret is a Web3 Secret Storage
// "crypto" section (EncryptDataV3) wrapped with the entry's name. The file
// DIR/keystore.json holds a known check value encrypted under the
// passphrase, so that OpenKeystore detects a wrong passphrase at once and
// every entry is encrypted under the same one.
const (
	ksVersion   = 1
	ksCheckFile = "keystore.json"
	ksCheckText = "cohort keystore check value"
	// ksSecretPrefix is prepended to every plaintext so that a file copied
	// under another name, or a file of another program, fails to open.
	ksSecretPrefix   = "cohort-keystore/v1\x00"
	ksEntrySuffix    = ".json"
	ksMaxEntryBytes  = 64 << 20 // a LogN=16 threshold share with hex encoding stays below this
	ksKindSecret     = "secret"
	ksScryptR        = 8
	ksScryptDKLen    = 32
	ksMaxScryptN     = 1 << 20 // 1 GiB of scrypt memory at r = 8: refuse anything costlier
	ksMaxScryptP     = 64
	ksMaxSecretBytes = 16 << 20
)

// ksValidName is the alphabet of secret names: they become file names.
var ksValidName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// KeystoreOption adjusts OpenKeystore.
type KeystoreOption func(*ksOptions)

type ksOptions struct {
	scryptN, scryptP int
}

// defaultKsOptions are geth's standard scrypt parameters.
func defaultKsOptions() ksOptions {
	return ksOptions{scryptN: keystore.StandardScryptN, scryptP: keystore.StandardScryptP}
}

// WithLightScrypt makes new entries with geth's light scrypt parameters
// (N = 2^12, p = 6: 4 MiB and about 0.1 s per operation on a busy 2-core
// machine) instead of the standard ones (N = 2^18, p = 1: 256 MiB and about
// 2 s there).
// It is meant for tests and throw-away keystores: a light keystore is far
// cheaper to brute-force.
func WithLightScrypt() KeystoreOption {
	return func(o *ksOptions) { o.scryptN, o.scryptP = keystore.LightScryptN, keystore.LightScryptP }
}

// Keystore keeps a participant's secrets encrypted at rest: its Ethereum key,
// its CKKS secret-key share and threshold shares. Each secret is encrypted
// with AES-128-CTR under a key derived from the passphrase with scrypt and
// authenticated with a Keccak-256 MAC, exactly as geth's keystore does; the
// files never contain a secret in the clear, and the Keystore never logs.
//
// A Keystore is safe for concurrent use, also by several processes: writes
// are atomic and never replace an existing entry.
type Keystore struct {
	dir              string
	passphrase       string
	scryptN, scryptP int
}

// OpenKeystore opens the keystore in dir under passphrase, creating dir
// (mode 0700) and the keystore if they do not exist. An existing keystore is
// checked against the passphrase at once: a wrong one fails with
// ErrWrongPassphrase. dir must not be writable by other users, and entry
// files must not be readable by them (the keystore writes them 0600).
func OpenKeystore(dir, passphrase string, opts ...KeystoreOption) (*Keystore, error) {
	if passphrase == "" {
		return nil, errors.New("participant: keystore: empty passphrase; set the passphrase that protects this node's keys")
	}
	o := defaultKsOptions()
	for _, opt := range opts {
		opt(&o)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("participant: keystore: create %s: %w", dir, err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("participant: keystore: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("participant: keystore: %s is not a directory", dir)
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 {
		return nil, fmt.Errorf("participant: keystore: %s has mode %04o and other users can replace its files; run chmod 700 %s", dir, perm, dir)
	}
	ks := &Keystore{dir: dir, passphrase: passphrase, scryptN: o.scryptN, scryptP: o.scryptP}
	check, err := ks.readSecret(ksCheckFile, "keystore check")
	switch {
	case errors.Is(err, ErrNoSecret):
		names, lerr := ks.List()
		if lerr != nil {
			return nil, lerr
		}
		if len(names) > 0 {
			return nil, fmt.Errorf("%w: %s holds secrets but no %s; restore that file from a backup", ErrCorruptKeystore, dir, ksCheckFile)
		}
		if err := ks.writeSecret(ksCheckFile, "keystore check", []byte(ksCheckText)); err != nil && !errors.Is(err, ErrSecretExists) {
			return nil, err
		}
		// Another process may have created the keystore concurrently: check
		// the passphrase against whatever is there now.
		if check, err = ks.readSecret(ksCheckFile, "keystore check"); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	}
	if string(check) != ksCheckText {
		return nil, fmt.Errorf("%w: %s does not hold the keystore check value", ErrCorruptKeystore, filepath.Join(dir, ksCheckFile))
	}
	return ks, nil
}

// Dir returns the keystore directory.
func (ks *Keystore) Dir() string { return ks.dir }

// Put stores secret under name, encrypted. Names are 1 to 128 characters of
// letters, digits, '.', '_' and '-', starting with a letter or digit. Put
// never replaces an entry: it fails with ErrSecretExists if name is taken
// (Delete it first to rotate a secret).
func (ks *Keystore) Put(name string, secret []byte) error {
	if err := ksCheckName(name); err != nil {
		return err
	}
	if len(secret) > ksMaxSecretBytes {
		return fmt.Errorf("participant: keystore: secret %q is %d bytes, at most %d are supported", name, len(secret), ksMaxSecretBytes)
	}
	return ks.writeSecret(name+ksEntrySuffix, name, secret)
}

// Get decrypts and returns the secret stored under name. It fails with
// ErrNoSecret if there is none and ErrCorruptKeystore if the file is damaged
// or was encrypted under another passphrase (OpenKeystore already checked
// this keystore's passphrase, so ErrWrongPassphrase comes only from there).
func (ks *Keystore) Get(name string) ([]byte, error) {
	if err := ksCheckName(name); err != nil {
		return nil, err
	}
	return ks.readSecret(name+ksEntrySuffix, name)
}

// PutKey stores an Ethereum private key under name as a standard geth V3 key
// file (geth and clef can import it with the same passphrase). Like Put it
// never replaces an entry.
func (ks *Keystore) PutKey(name string, key *ecdsa.PrivateKey) error {
	if err := ksCheckName(name); err != nil {
		return err
	}
	if key == nil {
		return errors.New("participant: keystore: nil Ethereum key")
	}
	id, err := uuid.NewRandom()
	if err != nil {
		return fmt.Errorf("participant: keystore: key id: %w", err)
	}
	k := &keystore.Key{Id: id, Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: key}
	data, err := keystore.EncryptKey(k, ks.passphrase, ks.scryptN, ks.scryptP)
	if err != nil {
		return fmt.Errorf("participant: keystore: encrypt Ethereum key %q: %w", name, err)
	}
	return ks.writeFile(name+ksEntrySuffix, name, data)
}

// GetKey decrypts the Ethereum key stored under name by PutKey (or any geth
// V3 key file copied into the keystore as NAME.json). Errors are as for Get.
func (ks *Keystore) GetKey(name string) (*ecdsa.PrivateKey, error) {
	if err := ksCheckName(name); err != nil {
		return nil, err
	}
	data, err := ks.readFile(name + ksEntrySuffix)
	if err != nil {
		return nil, err
	}
	var f struct {
		Address string              `json:"address"`
		Crypto  keystore.CryptoJSON `json:"crypto"`
		ID      string              `json:"id"`
		Version int                 `json:"version"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorruptKeystore, ks.path(name+ksEntrySuffix), err)
	}
	if f.Version != 3 || !common.IsHexAddress(f.Address) {
		return nil, fmt.Errorf("%w: %s is not a version 3 Ethereum key file", ErrCorruptKeystore, ks.path(name+ksEntrySuffix))
	}
	if err := ksCheckCrypto(f.Crypto); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorruptKeystore, ks.path(name+ksEntrySuffix), err)
	}
	k, err := keystore.DecryptKey(data, ks.passphrase)
	switch {
	case errors.Is(err, keystore.ErrDecrypt):
		return nil, fmt.Errorf("%w: %s fails its MAC check: it was modified, or encrypted under another passphrase than this keystore's", ErrCorruptKeystore, ks.path(name+ksEntrySuffix))
	case err != nil:
		return nil, fmt.Errorf("%w: %s: %v", ErrCorruptKeystore, ks.path(name+ksEntrySuffix), err)
	}
	if k.Address != common.HexToAddress(f.Address) {
		return nil, fmt.Errorf("%w: %s names address %s but holds the key of %s", ErrCorruptKeystore, ks.path(name+ksEntrySuffix), f.Address, k.Address.Hex())
	}
	return k.PrivateKey, nil
}

// Delete removes the secret stored under name. It fails with ErrNoSecret if
// there is none. The file is unlinked, not shredded.
func (ks *Keystore) Delete(name string) error {
	if err := ksCheckName(name); err != nil {
		return err
	}
	if err := os.Remove(ks.path(name + ksEntrySuffix)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %q in %s", ErrNoSecret, name, ks.dir)
		}
		return fmt.Errorf("participant: keystore: delete %q: %w", name, err)
	}
	return ksSyncDir(ks.dir)
}

// List returns the names of the stored secrets, sorted.
func (ks *Keystore) List() ([]string, error) {
	entries, err := os.ReadDir(ks.dir)
	if err != nil {
		return nil, fmt.Errorf("participant: keystore: %w", err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if n == ksCheckFile || !e.Type().IsRegular() || !strings.HasSuffix(n, ksEntrySuffix) {
			continue
		}
		if n = strings.TrimSuffix(n, ksEntrySuffix); ksValidName.MatchString(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

// ksEntryFile is the on-disk form of a secret other than an Ethereum key.
type ksEntryFile struct {
	Version int                 `json:"version"`
	Kind    string              `json:"kind"`
	Name    string              `json:"name"`
	Crypto  keystore.CryptoJSON `json:"crypto"`
}

func (ks *Keystore) writeSecret(file, name string, secret []byte) error {
	plain := make([]byte, 0, len(ksSecretPrefix)+len(name)+1+len(secret))
	plain = append(plain, ksSecretPrefix...)
	plain = append(plain, name...)
	plain = append(plain, 0)
	plain = append(plain, secret...)
	cj, err := keystore.EncryptDataV3(plain, []byte(ks.passphrase), ks.scryptN, ks.scryptP)
	clear(plain)
	if err != nil {
		return fmt.Errorf("participant: keystore: encrypt %q: %w", name, err)
	}
	data, err := json.MarshalIndent(ksEntryFile{Version: ksVersion, Kind: ksKindSecret, Name: name, Crypto: cj}, "", "  ")
	if err != nil {
		return fmt.Errorf("participant: keystore: encode %q: %w", name, err)
	}
	return ks.writeFile(file, name, data)
}

func (ks *Keystore) readSecret(file, name string) ([]byte, error) {
	data, err := ks.readFile(file)
	if err != nil {
		return nil, err
	}
	var f ksEntryFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorruptKeystore, ks.path(file), err)
	}
	if f.Version != ksVersion || f.Kind != ksKindSecret {
		return nil, fmt.Errorf("%w: %s holds version %d kind %q, want version %d kind %q (an Ethereum key? read it with GetKey)",
			ErrCorruptKeystore, ks.path(file), f.Version, f.Kind, ksVersion, ksKindSecret)
	}
	if err := ksCheckCrypto(f.Crypto); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorruptKeystore, ks.path(file), err)
	}
	plain, err := keystore.DecryptDataV3(f.Crypto, ks.passphrase)
	switch {
	case errors.Is(err, keystore.ErrDecrypt) && file == ksCheckFile:
		return nil, fmt.Errorf("%w for the keystore in %s", ErrWrongPassphrase, ks.dir)
	case errors.Is(err, keystore.ErrDecrypt):
		// OpenKeystore checked the passphrase: a MAC failure here is damage.
		return nil, fmt.Errorf("%w: %s fails its MAC check: it was modified, or encrypted under another passphrase than this keystore's", ErrCorruptKeystore, ks.path(file))
	case err != nil:
		return nil, fmt.Errorf("%w: %s: %v", ErrCorruptKeystore, ks.path(file), err)
	}
	prefix := ksSecretPrefix + name + "\x00"
	if !bytes.HasPrefix(plain, []byte(prefix)) {
		clear(plain)
		return nil, fmt.Errorf("%w: %s does not hold the secret %q (copied from another entry?)", ErrCorruptKeystore, ks.path(file), name)
	}
	return plain[len(prefix):], nil
}

// ksCheckCrypto validates a Web3 Secret Storage crypto section before geth's
// decryption sees it: geth panics on missing or mistyped KDF parameters and
// short IVs, and would spend unbounded memory on a huge scrypt N.
func ksCheckCrypto(c keystore.CryptoJSON) error {
	if c.Cipher != "aes-128-ctr" {
		return fmt.Errorf("cipher %q is not supported, want aes-128-ctr", c.Cipher)
	}
	if c.KDF != "scrypt" {
		return fmt.Errorf("KDF %q is not supported, want scrypt", c.KDF)
	}
	if iv, err := hex.DecodeString(c.CipherParams.IV); err != nil || len(iv) != 16 {
		return errors.New("IV is not 16 hex-encoded bytes")
	}
	if mac, err := hex.DecodeString(c.MAC); err != nil || len(mac) != 32 {
		return errors.New("MAC is not 32 hex-encoded bytes")
	}
	if _, err := hex.DecodeString(c.CipherText); err != nil {
		return errors.New("ciphertext is not hex")
	}
	salt, ok := c.KDFParams["salt"].(string)
	if b, err := hex.DecodeString(salt); !ok || err != nil || len(b) < 16 {
		return errors.New("scrypt salt is not at least 16 hex-encoded bytes")
	}
	ints := map[string]int{}
	for _, k := range []string{"n", "r", "p", "dklen"} {
		v, ok := c.KDFParams[k].(float64) // JSON numbers; EncryptDataV3 output round-trips through JSON
		if iv, isInt := c.KDFParams[k].(int); isInt {
			v, ok = float64(iv), true
		}
		if !ok || v != math.Trunc(v) || v < 1 || v > ksMaxScryptN {
			return fmt.Errorf("scrypt parameter %s is missing or out of range", k)
		}
		ints[k] = int(v)
	}
	n := ints["n"]
	if n < 2 || n&(n-1) != 0 || ints["r"] != ksScryptR || ints["p"] > ksMaxScryptP || ints["dklen"] != ksScryptDKLen {
		return fmt.Errorf("scrypt parameters n=%d r=%d p=%d dklen=%d are outside what this keystore writes (n a power of two up to 2^20, r=%d, p<=%d, dklen=%d)",
			n, ints["r"], ints["p"], ints["dklen"], ksScryptR, ksMaxScryptP, ksScryptDKLen)
	}
	return nil
}

func (ks *Keystore) path(file string) string { return filepath.Join(ks.dir, file) }

// readFile reads an entry file, refusing one that other users can read.
func (ks *Keystore) readFile(file string) ([]byte, error) {
	f, err := os.Open(ks.path(file))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %q in %s", ErrNoSecret, strings.TrimSuffix(file, ksEntrySuffix), ks.dir)
		}
		return nil, fmt.Errorf("participant: keystore: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("participant: keystore: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrCorruptKeystore, ks.path(file))
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("participant: keystore: %s has mode %04o and other users can read it; run chmod 600 %s", ks.path(file), perm, ks.path(file))
	}
	data, err := io.ReadAll(io.LimitReader(f, ksMaxEntryBytes+1))
	if err != nil {
		return nil, fmt.Errorf("participant: keystore: read %s: %w", ks.path(file), err)
	}
	if len(data) > ksMaxEntryBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrCorruptKeystore, ks.path(file), ksMaxEntryBytes)
	}
	return data, nil
}

// writeFile writes data to a fresh file in the keystore atomically: it goes
// to a temporary file (mode 0600) that is synced and then hard-linked to its
// name, which fails if the name exists, so an entry is never half-written or
// replaced.
func (ks *Keystore) writeFile(file, name string, data []byte) error {
	tmp, err := os.CreateTemp(ks.dir, ".tmp-*") // CreateTemp uses mode 0600
	if err != nil {
		return fmt.Errorf("participant: keystore: write %q: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("participant: keystore: write %q: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("participant: keystore: sync %q: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("participant: keystore: write %q: %w", name, err)
	}
	if err := os.Link(tmp.Name(), ks.path(file)); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: %q in %s; delete it first to replace it", ErrSecretExists, name, ks.dir)
		}
		return fmt.Errorf("participant: keystore: store %q: %w", name, err)
	}
	return ksSyncDir(ks.dir)
}

// ksSyncDir makes a directory's entries durable.
func ksSyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("participant: keystore: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("participant: keystore: sync %s: %w", dir, err)
	}
	return nil
}

func ksCheckName(name string) error {
	if !ksValidName.MatchString(name) || name+ksEntrySuffix == ksCheckFile {
		return fmt.Errorf("participant: keystore: invalid secret name %q; use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit (and not %q)",
			name, strings.TrimSuffix(ksCheckFile, ksEntrySuffix))
	}
	return nil
}
