package participant

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// decryptedDir is where, in the data directory, a node keeps the aggregate
// it decrypted in each round (DataDir/decrypted/<round>.json: the
// aggregate's hash), unless each update is differentially private by itself.
const decryptedDir = "decrypted"

// scoredDir is where, in the data directory, a node keeps the projection
// seed it gave score shares under in each round (DataDir/scored/<round>.json).
const scoredDir = "scored"

// loadDecrypted reads back the aggregates this node decrypted, the seeds
// it scored under, the scores it endorsed and the decryption sets it gave
// shares for, so that a restarted node still decrypts one aggregate,
// scores under one seed and endorses once per round, and gives shares of
// an aggregate for a bounded number of sets.
func (p *Participant) loadDecrypted() error {
	if err := p.loadSetsGiven(); err != nil {
		return err
	}
	var err error
	if p.decrypted, err = p.loadRoundRecords(decryptedDir, "the hash of the aggregate decrypted"); err != nil {
		return err
	}
	if p.scored, err = p.loadRoundRecords(scoredDir, "the projection seed scored under"); err != nil {
		return err
	}
	p.endorsed, err = p.loadRoundRecords(endorsedDir, "the scores hash endorsed")
	return err
}

// loadRoundRecords reads the hashes kept per round in the data directory's
// dir (what each holds, for an error).
func (p *Participant) loadRoundRecords(dir, what string) (map[uint32]common.Hash, error) {
	if p.cfg.DataDir == "" {
		return nil, nil
	}
	files, err := roundFiles(filepath.Join(p.cfg.DataDir, dir))
	if err != nil {
		return nil, fmt.Errorf("participant %s: %w", p.cfg.Name, err)
	}
	var out map[uint32]common.Hash
	for _, f := range files {
		b, err := os.ReadFile(f.path)
		if err != nil {
			return nil, fmt.Errorf("participant %s: read %s: %w", p.cfg.Name, dir, err)
		}
		h := strings.TrimSpace(string(b))
		if len(h) != 2+2*common.HashLength || !strings.HasPrefix(h, "0x") {
			return nil, fmt.Errorf("participant %s: %s is corrupt: it must hold %s in round %d; restore it from a backup", p.cfg.Name, f.path, what, f.round)
		}
		if out == nil {
			out = map[uint32]common.Hash{}
		}
		out[f.round] = common.HexToHash(h)
	}
	return out, nil
}

// roundFile is one round's record in a data directory's dir.
type roundFile struct {
	round uint32
	path  string
}

// roundFiles lists the per-round records in dir (<round>.json), in the
// directory's order; none if dir does not exist.
func roundFiles(dir string) ([]roundFile, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var out []roundFile
	for _, e := range entries {
		round, err := strconv.ParseUint(strings.TrimSuffix(e.Name(), ".json"), 10, 32)
		if err != nil {
			continue // not one of ours (a rename's temporary file)
		}
		out = append(out, roundFile{round: uint32(round), path: filepath.Join(dir, e.Name())})
	}
	return out, nil
}
