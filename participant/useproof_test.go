package participant

import (
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// A hospital's use proof for a patient with a used and an unused record
// verifies against the consent root it committed on chain; any change to
// it, or a proof for another contract, is refused.
func TestUseProofAgainstTheChain(t *testing.T) {
	f := newConsentChain(t)
	f.openRound(t, 1)
	dir := t.TempDir()
	used := []string{"rec-1", "rec-2", "rec-4", "rec-7"}
	root := records.MerkleRoot(used)
	p := quietParticipant(f, records.Site{Name: "h"}, ConsentLocal, dir)
	require.NoError(t, p.keepRoundIDs(1, used, root))
	_, err := f.ledger.CommitUpdate(f.ctx, f.hospital, f.studyID, 1, contracts.Commitment{CiphertextHash: common.Hash{9}, Samples: uint64(len(used)), ConsentRoot: root})
	require.NoError(t, err)

	patient := common.Hash{0xaa}
	proof, err := ProveUse(dir, 1337, f.ledger.Address(), f.studyID, 1, f.hospital.Address(), patient, []string{"rec-2", "rec-3"})
	require.NoError(t, err)
	uses, err := proof.Verify(f.ctx, f.ledger)
	require.NoError(t, err)
	assert.Equal(t, []RecordUse{{ID: "rec-2", Used: true}, {ID: "rec-3", Used: false}}, uses)

	tamper := map[string]func(p *UseProof){
		"an unused record claimed used": func(p *UseProof) {
			p.Records[1].Included, p.Records[1].Leaf, p.Records[1].Left, p.Records[1].Right = true, p.Records[0].Leaf, nil, nil
		},
		"a used record claimed unused": func(p *UseProof) {
			p.Records[0] = p.Records[1]
			p.Records[0].ID = "rec-2"
		},
		"a path hash changed": func(p *UseProof) { p.Records[0].Leaf.Path[0][0] ^= 1 },
		"another round":       func(p *UseProof) { p.Round = 2 },
		"another hospital":    func(p *UseProof) { p.Hospital = f.coord.Address() },
		"another contract":    func(p *UseProof) { p.Contract = common.Address{1} },
		"no record":           func(p *UseProof) { p.Records = nil },
		"an unknown format":   func(p *UseProof) { p.Format = "v0" },
	}
	for name, change := range tamper {
		t.Run(name, func(t *testing.T) {
			bad, err := ProveUse(dir, 1337, f.ledger.Address(), f.studyID, 1, f.hospital.Address(), patient, []string{"rec-2", "rec-3"})
			require.NoError(t, err)
			change(&bad)
			_, err = bad.Verify(f.ctx, f.ledger)
			require.Error(t, err)
		})
	}
	_, err = ProveUse(dir, 1337, f.ledger.Address(), f.studyID, 1, f.hospital.Address(), patient, nil)
	require.ErrorContains(t, err, "no record of patient")
}

// A patient whose grant bounds ε and whose record was not used is told,
// beside "active", that the bound leaves records out: the proof checked
// against the chain carries the grant's bound, and an unbounded grant
// carries none.
func TestVerifiedUseExplainsAnEpsilonBound(t *testing.T) {
	f := newConsentChain(t)
	domain, err := f.ledger.ConsentDomain(f.ctx)
	require.NoError(t, err)
	patients := map[float64]common.Hash{}
	for _, bound := range []float64{0, 2.5} {
		key := mustKey(t)
		patient := records.PatientID(crypto.PubkeyToAddress(key.PublicKey))
		s, err := contracts.SignConsent(key, domain, contracts.ConsentChange{Patient: patient, Scope: contracts.ConsentScope{StudyID: f.studyID},
			Granted: true, Expiry: time.Now().Add(365 * 24 * time.Hour), MaxEpsilon: bound})
		require.NoError(t, err)
		_, err = f.ledger.RelayConsent(f.ctx, f.hospital, s)
		require.NoError(t, err)
		patients[bound] = patient
	}
	f.openRound(t, 1)
	dir := t.TempDir()
	used := []string{"rec-1"}
	root := records.MerkleRoot(used)
	p := quietParticipant(f, records.Site{Name: "h"}, ConsentChain, dir)
	require.NoError(t, p.keepRoundIDs(1, used, root))
	_, err = f.ledger.CommitUpdate(f.ctx, f.hospital, f.studyID, 1, contracts.Commitment{CiphertextHash: common.Hash{9}, Samples: 1, ConsentRoot: root})
	require.NoError(t, err)

	for bound, patient := range patients {
		proof, err := ProveUse(dir, 1337, f.ledger.Address(), f.studyID, 1, f.hospital.Address(), patient, []string{"rec-2"})
		require.NoError(t, err)
		res, err := CheckUseProof(f.ctx, f.ledger, proof)
		require.NoError(t, err)
		assert.Equal(t, "active", res.ConsentAsOfRound)
		assert.InDelta(t, bound, res.ConsentMaxEpsilon, 1e-9)
		var out strings.Builder
		res.WriteText(&out)
		assert.Contains(t, out.String(), "record rec-2: not used in round 1")
		if bound > 0 {
			assert.Contains(t, out.String(), "your grant bounds the study's differential-privacy ε at 2.50")
		} else {
			assert.NotContains(t, out.String(), "bounds")
		}
	}
}

// A record the hospital trained on in a round that was then abandoned went
// into no published model: the patient checking the proof is told so
// beside "USED", and told a round still open has published nothing yet;
// a closed round's proof says neither.
func TestVerifiedUseSaysWhenTheRoundWentIntoNoModel(t *testing.T) {
	f := newConsentChain(t)
	key := mustKey(t)
	patient := records.PatientID(crypto.PubkeyToAddress(key.PublicKey))
	f.relay(t, key, contracts.ConsentScope{StudyID: f.studyID}, true, time.Now().Add(365*24*time.Hour))
	dir := t.TempDir()
	p := quietParticipant(f, records.Site{Name: "h"}, ConsentChain, dir)
	check := func(r uint32) string {
		t.Helper()
		proof, err := ProveUse(dir, 1337, f.ledger.Address(), f.studyID, r, f.hospital.Address(), patient, []string{"rec-1"})
		require.NoError(t, err)
		res, err := CheckUseProof(f.ctx, f.ledger, proof)
		require.NoError(t, err)
		var out strings.Builder
		res.WriteText(&out)
		assert.Contains(t, out.String(), "record rec-1: USED in round")
		return out.String()
	}
	for r := uint32(1); r <= 2; r++ {
		f.openRound(t, r)
		used := []string{"rec-1"}
		root := records.MerkleRoot(used)
		require.NoError(t, p.keepRoundIDs(r, used, root))
		_, err := f.ledger.CommitUpdate(f.ctx, f.hospital, f.studyID, r, contracts.Commitment{CiphertextHash: common.Hash{byte(r)}, Samples: 1, ConsentRoot: root})
		require.NoError(t, err)
		if r == 1 {
			f.closeRound(t, r)
		}
	}
	closed := check(1)
	assert.NotContains(t, closed, "abandoned")
	assert.NotContains(t, closed, "still open")
	assert.Contains(t, check(2), "round 2 is still open: no model of it is published yet")

	require.NoError(t, f.chain.AdvanceTime(91*24*time.Hour))
	_, err := f.ledger.AbandonRound(f.ctx, f.coord, f.studyID, 2)
	require.NoError(t, err)
	assert.Contains(t, check(2), "round 2 was abandoned on chain: the hospital's update of it went into no published model")
}
