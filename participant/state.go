package participant

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Names of this node's secrets in its keystore, per study.
func (p *Participant) secretName() string {
	return fmt.Sprintf("study-%d-ckks-secret-share", p.cfg.StudyID)
}
func (p *Participant) thresholdName() string {
	return fmt.Sprintf("study-%d-ckks-threshold-share", p.cfg.StudyID)
}

// loadSecrets restores the key shares a previous run of this node kept.
func (p *Participant) loadSecrets() error {
	ks := p.cfg.Keystore
	if ks == nil {
		return nil
	}
	secret, err := ks.Get(p.secretName())
	if errors.Is(err, ErrNoSecret) {
		return nil // a node that has not taken part in key generation yet
	}
	if err != nil {
		return fmt.Errorf("participant %s: load key share: %w", p.cfg.Name, err)
	}
	threshold, err := ks.Get(p.thresholdName())
	if errors.Is(err, ErrNoSecret) {
		threshold = nil
	} else if err != nil {
		return fmt.Errorf("participant %s: load threshold share: %w", p.cfg.Name, err)
	}
	if p.point, err = p.sealer.restore(secret, threshold); err != nil {
		return err
	}
	p.log.Info("key shares restored from the keystore", "threshold", threshold != nil, "point", p.point)
	return nil
}

// saveSecrets writes the current key shares to the keystore, encrypted.
func (p *Participant) saveSecrets() error {
	ks := p.cfg.Keystore
	if ks == nil {
		return nil
	}
	secret, threshold, err := p.sealer.export()
	if err != nil {
		return err
	}
	if secret != nil {
		if err := ks.Put(p.secretName(), secret); err != nil {
			return fmt.Errorf("participant %s: keep key share: %w", p.cfg.Name, err)
		}
	}
	if threshold != nil {
		if err := ks.Put(p.thresholdName(), threshold); err != nil {
			return fmt.Errorf("participant %s: keep threshold share: %w", p.cfg.Name, err)
		}
	}
	return nil
}

// keepSealed stores a sealed update under its hash before it is committed,
// so that after a crash it can be uploaded again exactly as committed.
func (p *Participant) keepSealed(h common.Hash, sealed []byte) error {
	if p.cfg.DataDir == "" {
		return nil
	}
	dir := filepath.Join(p.cfg.DataDir, "updates")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "sealed-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(sealed); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, h.Hex()))
}

// sealedUpdate reads back a kept sealed update and checks its hash.
func (p *Participant) sealedUpdate(h common.Hash) ([]byte, error) {
	if p.cfg.DataDir == "" {
		return nil, fmt.Errorf("participant %s: committed update %s is not kept (no data directory); it cannot be uploaded again", p.cfg.Name, h.Hex())
	}
	b, err := os.ReadFile(filepath.Join(p.cfg.DataDir, "updates", h.Hex()))
	if err != nil {
		return nil, fmt.Errorf("participant %s: committed update %s: %w", p.cfg.Name, h.Hex(), err)
	}
	if crypto.Keccak256Hash(b) != h {
		return nil, fmt.Errorf("participant %s: kept update %s is corrupt on disk", p.cfg.Name, h.Hex())
	}
	return b, nil
}
