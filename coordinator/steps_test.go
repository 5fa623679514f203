package coordinator

import (
	"crypto/ecdsa"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// Tests of the I/O-free steps: no server, no chain, no store. Each runs a
// step's messages through receive and phase.add, as the driver does.

const stepStudy = 42

// party is a member as the steps see it: an Ethereum key.
type party struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

func newParties(t *testing.T, n int) []party {
	t.Helper()
	out := make([]party, n)
	for i := range out {
		key, err := crypto.GenerateKey()
		require.NoError(t, err)
		out[i] = party{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
	}
	// Sorted by address, as the coordinator lists members.
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].addr.Cmp(out[i].addr) < 0 {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func addressesOf(ps []party) []common.Address {
	out := make([]common.Address, len(ps))
	for i, p := range ps {
		out[i] = p.addr
	}
	return out
}

func holdersOf(ps []party) []holder {
	out := make([]holder, len(ps))
	for i, p := range ps {
		out[i] = holder{addr: p.addr, point: uint64(i + 1), pub: &p.key.PublicKey}
	}
	return out
}

// deliverTo runs a message through st as the driver does: receive checks
// it, then the answer it returns is recorded.
func deliverTo[M any](st step, receive func(M) (ready, error), msg M) (ready, error) {
	rd, err := receive(msg)
	if err != nil || rd.record == nil {
		return rd, err
	}
	done, err := st.collecting().add(rd.record.from, rd.record.data)
	return rd.merge(done), err
}

// sentTo returns the tasks a ready sends, by recipient.
func sentTo(rd ready) map[common.Address][]*cohortv1.Task {
	out := make(map[common.Address][]*cohortv1.Task)
	for _, o := range rd.send {
		out[o.to] = append(out[o.to], o.task)
	}
	return out
}
