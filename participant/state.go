package participant

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/renameio/v2"

	"github.com/cohort-fl/cohort/aggregation"
)

// getSecret reads an entry, nil if there is none.
func getSecret(ks *Keystore, name string) ([]byte, error) {
	b, err := ks.Get(name)
	if errors.Is(err, ErrNoSecret) {
		return nil, nil
	}
	return b, err
}

// loadSecrets restores the key shares a previous run of this node kept: the
// additive secret share (until a re-sharing erases it), the threshold share
// in force, the re-sharing it came from and the seed it gave dealing-check
// shares under, and a re-sharing's pending share with the committee
// selection it was made for.
func (p *Participant) loadSecrets() error {
	ks := p.cfg.Keystore
	if ks == nil {
		return nil
	}
	var secret, threshold, epoch, pending, pendingEpoch, scopeRecord []byte
	for _, e := range []struct {
		name string
		into *[]byte
	}{{p.secretName(), &secret}, {p.thresholdName(), &threshold}, {p.epochName(), &epoch}, {p.pendingName(), &pending},
		{p.pendingEpochName(), &pendingEpoch}, {p.dealingSeedName(), &scopeRecord}} {
		b, err := getSecret(ks, e.name)
		if err != nil {
			return fmt.Errorf("participant %s: load %s: %w", p.cfg.Name, e.name, err)
		}
		*e.into = b
	}
	if pending != nil {
		pend, err := decodePending(pending)
		if err != nil {
			return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
		if pend.selection, pend.checkScope, err = pendingFacts(pend, pendingEpoch); err != nil {
			return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
		p.pending = &pend
	}
	var err error
	if p.checkScope, err = dealingScopeOf(scopeRecord, threshold); err != nil {
		return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	if epoch != nil {
		e, err := decodePending(epoch)
		if err != nil {
			return fmt.Errorf("participant %s: %w", p.cfg.Name, err)
		}
		p.shareEpoch, p.shareSet, p.shareSelection = e.epoch, e.setHash, selectionOf(e)
	}
	if p.pending != nil && threshold != nil && bytes.Equal(p.pending.share, threshold) {
		if err := keepSecrets(ks, p.finishCommit()); err != nil {
			return fmt.Errorf("participant %s: finishing the re-sharing commit a restart interrupted: %w", p.cfg.Name, err)
		}
		p.log.Info("finished the re-sharing commit a restart interrupted; the pending copy of the share in force erased", "epoch", p.shareEpoch)
	}
	if secret == nil && threshold == nil {
		return nil // a node that has not taken part in key generation or a re-sharing yet
	}
	if p.point, err = p.sealer.restore(secret, threshold); err != nil {
		return err
	}
	p.log.Info("key shares restored from the keystore", "threshold", threshold != nil, "point", p.point, "epoch", p.shareEpoch, "pending", p.pending != nil)
	return nil
}

// finishCommit finishes, on load, the commit that put the pending share in
// force when a restart came before its last writes (steps.reshareCommit
// writes the share first and deletes the pending entry last): the pending
// share is the share in force, so the share's re-sharing, selection and
// check seed are the pending one's. Without it the pending copy stayed
// until the next re-sharing (the commit sent again is a no-op once the
// share's re-sharing is recorded), and a restart right after the share was
// written left the old share's re-sharing and selection recorded for it.
// It returns the keystore writes.
func (s *steps) finishCommit() []secretWrite {
	pend := s.pending
	selection := pend.selection
	if selection == 0 && s.shareEpoch == pend.epoch && s.shareSet == pend.setHash {
		selection = s.shareSelection // recorded with the share, not beside the pending one
	}
	keep := []secretWrite{{s.epochName(), epochRecord(pend.epoch, pend.setHash, selection)}}
	if pend.checkScope != nil && s.checkScope == nil {
		keep = append(keep, secretWrite{s.dealingSeedName(), dealingScopeRecord(pend.share, *pend.checkScope)})
		s.checkScope = pend.checkScope
	}
	keep = append(keep, secretWrite{s.pendingName(), nil}, secretWrite{s.pendingEpochName(), nil})
	s.shareEpoch, s.shareSet, s.shareSelection, s.pending = pend.epoch, pend.setHash, selection, nil
	return keep
}

// keepSecrets carries out a step's keystore writes, in order.
func keepSecrets(ks *Keystore, writes []secretWrite) error {
	for _, w := range writes {
		var err error
		if w.value == nil {
			err = deleteSecret(ks, w.name)
		} else {
			err = replaceSecret(ks, w.name, w.value)
		}
		if err != nil {
			return fmt.Errorf("keep %s in the keystore: %w", w.name, err)
		}
	}
	return nil
}

// replaceSecret stores secret under name, replacing an older value: key
// generation run again (before round 1) makes new shares.
func replaceSecret(ks *Keystore, name string, secret []byte) error {
	old, err := ks.Get(name)
	switch {
	case err == nil && bytes.Equal(old, secret):
		return nil
	case err == nil:
		if err := ks.Delete(name); err != nil {
			return err
		}
	case !errors.Is(err, ErrNoSecret):
		return err
	}
	return ks.Put(name, secret)
}

// keepSealed stores a sealed update under its hash before it is committed,
// so that after a crash it can be uploaded again exactly as committed.
func (p *Participant) keepSealed(h common.Hash, sealed []byte) error {
	if p.cfg.DataDir == "" {
		return nil
	}
	return writeFileAtomic(filepath.Join(p.cfg.DataDir, "updates"), h.Hex(), sealed)
}

// sealOnce returns the update this site sealed for round before, if it
// kept one (a crash between sealing and committing), and otherwise seals
// with seal and records it for the round before it leaves the site; and
// the update's content hash. The round's public masks and this site's
// key share must never encrypt two different updates: their difference
// would show.
func (p *Participant) sealOnce(round uint32, seal func() ([]byte, error)) ([]byte, common.Hash, error) {
	if p.cfg.DataDir == "" {
		sealed, err := seal()
		if err != nil {
			return nil, common.Hash{}, err
		}
		return sealed, aggregation.ContentHash(sealed), nil
	}
	dir := filepath.Join(p.cfg.DataDir, "updates")
	name := fmt.Sprintf("round-%d", round)
	if ref, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
		h := common.HexToHash(string(ref))
		sealed, err := p.sealedUpdate(h)
		if err != nil {
			return nil, common.Hash{}, fmt.Errorf("the update sealed for round %d before a restart is unreadable (%w); it must not be sealed again: remove %s only if it never left this site", round, err, filepath.Join(dir, name))
		}
		p.log.Info("re-using the update sealed for this round before a restart", "round", round)
		return sealed, h, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, common.Hash{}, err
	}
	sealed, err := seal()
	if err != nil {
		return nil, common.Hash{}, err
	}
	h := aggregation.ContentHash(sealed)
	if err := p.keepSealed(h, sealed); err != nil {
		return nil, common.Hash{}, err
	}
	if err := writeFileAtomic(dir, name, []byte(h.Hex())); err != nil {
		return nil, common.Hash{}, err
	}
	return sealed, h, nil
}

// writeFileAtomic writes data to dir/name through a synced temporary file
// and a rename, so that a crash leaves the old file or the new one, never a
// torn one. It creates dir (mode 0700) if needed.
func writeFileAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return renameio.WriteFile(filepath.Join(dir, name), data, 0o600)
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
	if aggregation.ContentHash(b) != h {
		return nil, fmt.Errorf("participant %s: kept update %s is corrupt on disk", p.cfg.Name, h.Hex())
	}
	return b, nil
}
