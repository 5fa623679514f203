package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/contracts/deployment"
	"github.com/cohort-fl/cohort/contracts/studies"
	"github.com/cohort-fl/cohort/coordinator"
	"github.com/cohort-fl/cohort/models"
)

// cohort audit --dealing-evidence re-checks evidence of the study's key
// as the chain records it only: evidence of another study or another key
// is refused before any share is looked at, and so is evidence of a
// check made at another threshold than the chain's (its sets' size at key
// generation, a re-sharing's own; the re-sharing's was not held to the
// chain's before 2026-12-08). (The
// re-check itself is coordinator.VerifyDealingVerdict's, tested there
// and end to end.)
func TestAuditDealingEvidenceIsOfTheChainsKey(t *testing.T) {
	researcher, coord := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	h1, h2 := contracts.NewAccount(mustKey(t)), contracts.NewAccount(mustKey(t))
	chain, err := contracts.NewSimulatedChain(researcher.Address(), coord.Address(), h1.Address(), h2.Address())
	require.NoError(t, err)
	t.Cleanup(func() { chain.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	founders := []contracts.Member{
		{Address: h1.Address(), Name: "St Mary", TLSFingerprint: crypto.Keccak256Hash([]byte("1"))},
		{Address: h2.Address(), Name: "Royal", TLSFingerprint: crypto.Keccak256Hash([]byte("2"))},
	}
	d, err := deployment.Deploy(ctx, chain, researcher, founders, 51)
	require.NoError(t, err)
	ledger, err := contracts.Open(chain, d.Contract)
	require.NoError(t, err)
	canon, specH, err := models.SpecHash([]byte(`{"kind":"logistic","features":4}`))
	require.NoError(t, err)
	created, err := studies.Create(ctx, ledger, researcher, contracts.StudyParams{Rounds: 1, MinParticipants: 2, Threshold: 2, StrikeLimit: 3, Coordinator: coord.Address(),
		SpecHash: specH, Purpose: studies.PurposeCode("sepsis"), ReferenceCommitment: crypto.Keccak256Hash([]byte("root"))}, len(canon))
	require.NoError(t, err)
	for _, h := range []*contracts.Account{h1, h2} {
		_, err := ledger.JoinStudy(ctx, h, created.StudyID)
		require.NoError(t, err)
	}
	pkHash := crypto.Keccak256Hash([]byte("pk"))
	_, err = ledger.SetPublicKeyHash(ctx, coord, created.StudyID, pkHash)
	require.NoError(t, err)

	store, err := coordinator.OpenStore(t.TempDir())
	require.NoError(t, err)
	put := func(ev coordinator.DealingEvidence) common.Hash {
		raw, err := ev.Marshal()
		require.NoError(t, err)
		h, err := store.Put(raw)
		require.NoError(t, err)
		return h
	}
	scheme, err := aggregation.NewScheme(aggregation.DefaultConfig())
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		blob common.Hash
		says string
	}{
		{"another study's", put(coordinator.DealingEvidence{Study: created.StudyID + 1, PublicKeyHash: pkHash}), "the evidence is of study 2, not 1"},
		{"another key's", put(coordinator.DealingEvidence{Study: created.StudyID, PublicKeyHash: common.Hash{1}}), "the chain records " + pkHash.Hex()},
		{"over sets of another threshold", put(coordinator.DealingEvidence{Study: created.StudyID, PublicKeyHash: pkHash, Sets: [][]uint64{{1, 2, 3}}}), "made at threshold 3 (its decryption sets hold 3 holders each), but the study's threshold on chain is 2"},
		{"a re-sharing's at another threshold", put(coordinator.DealingEvidence{Study: created.StudyID, PublicKeyHash: pkHash, Sets: [][]uint64{{1, 2, 3}}, Reshare: &coordinator.ReshareEvidence{Round: 1, Threshold: 3}}), "made at threshold 3 (its decryption sets hold 3 holders each), but the study's threshold on chain is 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := auditDealing(ctx, ledger, store, scheme, created.StudyID, tc.blob, &out)
			require.ErrorIs(t, err, errDealingVerdictRefuted)
			assert.ErrorContains(t, err, tc.says)
			assert.Empty(t, out.String())
		})
	}
	err = auditDealing(ctx, ledger, store, scheme, created.StudyID, common.Hash{2}, &bytes.Buffer{})
	assert.ErrorContains(t, err, "dealing evidence 0x02", "no such blob")
}
