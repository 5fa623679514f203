package participant

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// pendingShare is a threshold share from a re-sharing that the coordinator
// has not committed yet: the share in force stays until then.
type pendingShare struct {
	epoch   uint32 // the round the re-sharing serves from
	setHash common.Hash
	share   []byte // encoded aggregation.ThresholdSecretShare; empty in the epoch record
}

func (s pendingShare) encode() []byte {
	b := binary.BigEndian.AppendUint32(nil, s.epoch)
	b = append(b, s.setHash.Bytes()...)
	return append(b, s.share...)
}

func decodePending(b []byte) (pendingShare, error) {
	if len(b) < 4+common.HashLength {
		return pendingShare{}, fmt.Errorf("re-sharing record of %d bytes in the keystore is truncated", len(b))
	}
	return pendingShare{
		epoch:   binary.BigEndian.Uint32(b),
		setHash: common.BytesToHash(b[4 : 4+common.HashLength]),
		share:   b[4+common.HashLength:],
	}, nil
}

// errNoPendingShare reports a commit for a re-sharing this site holds no
// pending share of.
var errNoPendingShare = errors.New("participant: no pending threshold share for this re-sharing")

// deleteSecret removes an entry if it exists.
func deleteSecret(ks *Keystore, name string) error {
	if err := ks.Delete(name); err != nil && !errors.Is(err, ErrNoSecret) {
		return err
	}
	return nil
}
