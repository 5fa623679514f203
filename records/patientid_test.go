package records_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// TestPatientIDMatchesTheLedger keeps records.PatientID, computed here to
// keep records free of the chain client, equal to the ledger's.
func TestPatientIDMatchesTheLedger(t *testing.T) {
	for _, a := range []common.Address{{}, common.HexToAddress("0x00000000000000000000000000000000000000aa"), common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff")} {
		assert.Equal(t, contracts.PatientID(a), records.PatientID(a), a.Hex())
	}
}
