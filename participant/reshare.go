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
	share   []byte // encoded aggregation.ThresholdSecretShare; in an epoch record, the selection (see epochRecord) and, in a pending one, the check seed (pendingRecord)
	// selection is the decryption committee selection (its epoch on
	// chain) the share was made for; 0 without a committee, or unknown
	// (a keystore of an earlier release).
	selection uint32
	// checkScope is what this holder gave dealing-check shares of the
	// share for (nil: none yet).
	checkScope *dealingScope
}

// pendingRecord is the keystore record kept beside a pending share: its
// re-sharing and committee selection (epochRecord), then, once it gave
// dealing-check shares, what for (dealingScopeRecord).
func pendingRecord(p pendingShare) []byte {
	b := epochRecord(p.epoch, p.setHash, p.selection)
	if p.checkScope != nil {
		b = append(b, dealingScopeRecord(p.share, *p.checkScope)...)
	}
	return b
}

// pendingFacts reads back what pendingRecord kept of pending: its
// selection (0, unknown, without a record, as in a keystore of an earlier
// release, or with one of another re-sharing, as after a crash between
// writing the record and the share) and its check seed.
func pendingFacts(pending pendingShare, record []byte) (selection uint32, checkScope *dealingScope, err error) {
	if record == nil {
		return 0, nil, nil
	}
	e, err := decodePending(record)
	if err != nil {
		return 0, nil, err
	}
	if e.epoch != pending.epoch || e.setHash != pending.setHash {
		return 0, nil, nil
	}
	if len(e.share) > 4 {
		if checkScope, err = dealingScopeOf(e.share[4:], pending.share); err != nil {
			return 0, nil, err
		}
	}
	return selectionOf(e), checkScope, nil
}

// epochRecord is the keystore record of the re-sharing the threshold share
// in force came from (epoch 0 and a zero set: key generation), followed by
// the committee selection that share was made for (4 bytes; absent from
// the records of earlier releases, where it is unknown). A holder off a
// later selection erases its share on that selection's commit, and only
// then (see steps.retireShare).
func epochRecord(epoch uint32, setHash common.Hash, selection uint32) []byte {
	return binary.BigEndian.AppendUint32(pendingShare{epoch: epoch, setHash: setHash}.encode(), selection)
}

// selectionOf is the committee selection an epoch record names; 0 (unknown)
// in a record of an earlier release.
func selectionOf(record pendingShare) uint32 {
	if len(record.share) < 4 {
		return 0
	}
	return binary.BigEndian.Uint32(record.share)
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
