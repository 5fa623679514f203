package protocol

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/aggregation"
)

// KeyGenCRS is the seed of the common reference string under which the
// members of a study make their public-key shares. It is derived from
// public data only (the study, the ledger it lives on and the sorted
// members), so the coordinator that sends it has no choice in it and every
// member recomputes it before using it.
func KeyGenCRS(study uint64, ledger common.Address, members []common.Address) [32]byte {
	var id [8]byte
	binary.BigEndian.PutUint64(id[:], study)
	parts := [][]byte{[]byte("cohort/v1 crs"), id[:], ledger.Bytes()}
	for _, m := range members {
		parts = append(parts, m.Bytes())
	}
	return aggregation.CommonSeed(parts...)
}
