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

// loadDecrypted reads back the aggregates this node decrypted, so that a
// restarted node still decrypts one aggregate per round.
func (p *Participant) loadDecrypted() error {
	if p.cfg.DataDir == "" {
		return nil
	}
	dir := filepath.Join(p.cfg.DataDir, decryptedDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("participant %s: read the decrypted aggregates: %w", p.cfg.Name, err)
	}
	for _, e := range entries {
		round, err := strconv.ParseUint(strings.TrimSuffix(e.Name(), ".json"), 10, 32)
		if err != nil {
			continue // not one of ours (a rename's temporary file)
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return fmt.Errorf("participant %s: read the decrypted aggregates: %w", p.cfg.Name, err)
		}
		h := strings.TrimSpace(string(b))
		if len(h) != 2+2*common.HashLength || !strings.HasPrefix(h, "0x") {
			return fmt.Errorf("participant %s: %s is corrupt: it must hold the hash of the aggregate decrypted in round %d; restore it from a backup", p.cfg.Name, filepath.Join(dir, e.Name()), round)
		}
		if p.decrypted == nil {
			p.decrypted = map[uint32]common.Hash{}
		}
		p.decrypted[uint32(round)] = common.HexToHash(h)
	}
	return nil
}
