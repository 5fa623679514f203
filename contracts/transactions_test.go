package contracts_test

import (
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
)

// A round's close is read back as the transaction that made it: sender,
// contract, method and arguments, gas and the RoundClosed event, which
// StudyEvents also lists with its transaction.
func TestTransactionDecodesCallAndEvents(t *testing.T) {
	f := newFixture(t, 2)
	id := f.openStudy(t, 2)
	f.commitAll(t, id, 1, 2)
	res := result(2)
	r, err := f.ledger.CloseRound(f.ctx, f.coord, id, 1, res)
	require.NoError(t, err)

	tx, err := f.ledger.Transaction(f.ctx, r.TxHash)
	require.NoError(t, err)
	assert.Equal(t, r.TxHash, tx.Hash)
	assert.Equal(t, r.Block, tx.Block)
	assert.Equal(t, r.GasUsed, tx.GasUsed)
	assert.Equal(t, f.coord.Address(), tx.From)
	assert.True(t, tx.Succeeded)
	assert.Equal(t, "Studies", tx.Contract)
	assert.Equal(t, "closeRound", tx.Method)
	args := map[string]string{}
	for _, a := range tx.Args {
		args[a.Name] = a.String()
	}
	assert.Equal(t, strconv.FormatUint(id, 10), args["studyId"])
	assert.Equal(t, "1", args["round"])
	assert.Equal(t, res.ModelHash.Hex(), args["modelHash"])
	assert.Equal(t, "812500", args["accuracy"])

	var closed *contracts.Event
	for i, e := range tx.Events {
		if e.Name == "RoundClosed" {
			closed = &tx.Events[i]
		}
	}
	require.NotNil(t, closed, "the transaction's events: %+v", tx.Events)
	acc, _ := closed.Arg("accuracy")
	assert.Equal(t, "812500", acc)
	round, _ := closed.Arg("round")
	assert.Equal(t, "1", round, "an indexed argument, read from its topic")
	assert.Equal(t, r.TxHash, closed.TxHash)

	events, err := f.ledger.StudyEvents(f.ctx, id)
	require.NoError(t, err)
	var names []string
	for _, e := range events {
		names = append(names, e.Name)
		if e.Name == "RoundClosed" {
			assert.Equal(t, *closed, e)
		}
	}
	assert.Equal(t, []string{"StudyCreated", "StudyJoined", "StudyJoined", "PublicKeySet", "RoundOpened", "UpdateCommitted", "UpdateCommitted", "RoundClosed"}, names)

	// The founders' admissions are in the deployment's transaction.
	cons, err := f.ledger.ConsortiumEvents(f.ctx)
	require.NoError(t, err)
	require.NotEmpty(t, cons)
	dep, err := f.ledger.Transaction(f.ctx, cons[0].TxHash)
	require.NoError(t, err)
	assert.Nil(t, dep.To)
	assert.Equal(t, "Consortium", dep.Contract)
	assert.Equal(t, "constructor", dep.Method)
	assert.Equal(t, f.deployer.Address(), dep.From)

	_, err = f.ledger.Transaction(f.ctx, common.Hash{1})
	assert.ErrorIs(t, err, contracts.ErrTransactionNotFound)
}
