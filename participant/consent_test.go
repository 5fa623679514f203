package participant

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/contracts"
	"github.com/cohort-fl/cohort/records"
)

// consentChain is a simulated chain with one hospital joined to a study
// whose public key is set, so rounds can open.
type consentChain struct {
	ctx      context.Context
	chain    *contracts.Chain
	ledger   *contracts.Ledger
	hospital *contracts.Account
	// hospitalKey is hospital's key, for what the hospital signs.
	hospitalKey *ecdsa.PrivateKey
	coord       *contracts.Account
	studyID     uint64
	purpose     common.Hash
}

func newConsentChain(t *testing.T) *consentChain {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	hk, ck := mustKey(t), mustKey(t)
	f := &consentChain{ctx: ctx, hospital: contracts.NewAccount(hk), hospitalKey: hk, coord: contracts.NewAccount(ck), purpose: crypto.Keccak256Hash([]byte("consent test purpose"))}
	var err error
	f.chain, err = contracts.NewSimulatedChain(f.hospital.Address(), f.coord.Address())
	require.NoError(t, err)
	t.Cleanup(func() { _ = f.chain.Close() })
	f.ledger, _, err = contracts.Deploy(ctx, f.chain, f.hospital, []contracts.Member{{Address: f.hospital.Address(), Name: "hospital", TLSFingerprint: common.Hash{1}}})
	require.NoError(t, err)
	f.studyID, _, err = f.ledger.CreateStudy(ctx, f.hospital, contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: f.purpose, Rounds: 5, MinParticipants: 1, Threshold: 1,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{2}, Coordinator: f.coord.Address(),
	})
	require.NoError(t, err)
	_, err = f.ledger.JoinStudy(ctx, f.hospital, f.studyID)
	require.NoError(t, err)
	_, err = f.ledger.SetPublicKeyHash(ctx, f.coord, f.studyID, common.Hash{3})
	require.NoError(t, err)
	return f
}

func mustKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	require.NoError(t, err)
	return k
}

// relay signs a consent change with the patient's key and relays it from
// the hospital.
func (f *consentChain) relay(t *testing.T, key *ecdsa.PrivateKey, scope contracts.ConsentScope, granted bool, expiry time.Time) {
	t.Helper()
	patient := records.PatientID(crypto.PubkeyToAddress(key.PublicKey))
	nonce, err := f.ledger.ConsentNonce(f.ctx, patient, scope)
	require.NoError(t, err)
	domain, err := f.ledger.ConsentDomain(f.ctx)
	require.NoError(t, err)
	s, err := contracts.SignConsent(key, domain, contracts.ConsentChange{Patient: patient, Scope: scope, Granted: granted, Expiry: expiry, Nonce: nonce})
	require.NoError(t, err)
	_, err = f.ledger.RelayConsent(f.ctx, f.hospital, s)
	require.NoError(t, err)
}

func (f *consentChain) openRound(t *testing.T, r uint32) {
	t.Helper()
	_, err := f.ledger.OpenRound(f.ctx, f.coord, f.studyID, r, common.Hash{byte(r)}, time.Now().Add(90*24*time.Hour))
	require.NoError(t, err)
}

func (f *consentChain) closeRound(t *testing.T, r uint32) {
	t.Helper()
	_, err := f.ledger.CloseRound(f.ctx, f.coord, f.studyID, r, contracts.RoundResult{
		AggregateHash: common.Hash{4}, ModelHash: common.Hash{5}, Accuracy: 0.5, AUC: 0.5, Loss: 0.7, Participants: 1,
	})
	require.NoError(t, err)
}

func quietParticipant(f *consentChain, site records.Site, source ConsentSource, dataDir string) *Participant {
	return &Participant{
		steps:  steps{name: "hospital", studyID: f.studyID},
		cfg:    Config{Name: "hospital", StudyID: f.studyID, Site: site, DataDir: dataDir},
		ledger: f.ledger, log: slog.New(slog.NewTextHandler(io.Discard, nil)), consentSource: source,
	}
}

func TestChainConsentFilter(t *testing.T) {
	f := newConsentChain(t)
	study := contracts.ConsentScope{StudyID: f.studyID}
	year := time.Now().Add(365 * 24 * time.Hour)
	keys := map[string]*ecdsa.PrivateKey{}
	for _, name := range []string{"granted", "purpose", "expires", "revokedBefore", "revokedDuring", "grantedDuring", "neverGranted", "testGranted", "testNever"} {
		keys[name] = mustKey(t)
	}
	rec := func(name string) records.Record {
		r := records.Record{ID: name, Features: []float64{1}, Label: 1}
		if k := keys[name]; k != nil {
			r.Patient = records.PatientID(crypto.PubkeyToAddress(k.PublicKey))
		}
		return r
	}
	site := records.Site{Name: "h", Consent: map[string]bool{}}
	for _, name := range []string{"granted", "purpose", "expires", "revokedBefore", "revokedDuring", "grantedDuring", "neverGranted", "noPatientID"} {
		site.Train = append(site.Train, rec(name))
		site.Consent[name] = true // the local flags say yes to everyone: the chain must decide
	}
	// A second record of the granted patient, and more patients than one
	// batched call asks about, none of whom granted.
	second := rec("granted")
	second.ID = "granted-2"
	site.Train = append(site.Train, second)
	for i := range consentBatch + 10 {
		site.Train = append(site.Train, records.Record{ID: fmt.Sprintf("stranger-%03d", i), Features: []float64{1}, Patient: crypto.Keccak256Hash([]byte{byte(i), byte(i >> 8)})})
	}
	site.Test = []records.Record{rec("testGranted"), rec("testNever")}

	f.relay(t, keys["granted"], study, true, year)
	f.relay(t, keys["purpose"], contracts.ConsentScope{Purpose: f.purpose}, true, year)
	f.relay(t, keys["expires"], study, true, time.Now().Add(10*24*time.Hour))
	f.relay(t, keys["revokedBefore"], study, true, year)
	f.relay(t, keys["revokedBefore"], study, false, time.Time{})
	f.relay(t, keys["revokedDuring"], study, true, year)
	f.relay(t, keys["testGranted"], study, true, year)

	f.openRound(t, 1)
	// While round 1 is open: one patient revokes, another grants. Both take
	// effect from round 2.
	f.relay(t, keys["revokedDuring"], study, false, time.Time{})
	f.relay(t, keys["grantedDuring"], study, true, year)

	p := quietParticipant(f, site, ConsentChain, "")
	train1, test1, err := p.consented(f.ctx, 1)
	require.NoError(t, err)
	_, err = f.ledger.CommitUpdate(f.ctx, f.hospital, f.studyID, 1, contracts.Commitment{CiphertextHash: common.Hash{9}, Samples: uint64(len(train1)), ConsentRoot: records.MerkleRoot(records.IDs(train1))})
	require.NoError(t, err)
	f.closeRound(t, 1)
	require.NoError(t, f.chain.AdvanceTime(20*24*time.Hour)) // the 10-day grant expires
	f.openRound(t, 2)
	train2, test2, err := p.consented(f.ctx, 2)
	require.NoError(t, err)

	tests := []struct {
		name           string
		record         string
		round1, round2 bool
	}{
		{"a study grant", "granted", true, true},
		{"a second record of the same patient", "granted-2", true, true},
		{"a grant for the study's purpose", "purpose", true, true},
		{"a grant that expires between the rounds", "expires", true, false},
		{"a grant revoked before the round opened", "revokedBefore", false, false},
		{"a revocation while round 1 is open applies from round 2", "revokedDuring", true, false},
		{"a grant while round 1 is open applies from round 2", "grantedDuring", false, true},
		{"a patient who never granted", "neverGranted", false, false},
		{"a record without a patient id, though locally consented", "noPatientID", false, false},
		{"patients beyond the first batch who never granted", "stranger-260", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.round1, contains(train1, tt.record), "round 1")
			assert.Equal(t, tt.round2, contains(train2, tt.record), "round 2")
		})
	}
	t.Run("only those records, in the site's order", func(t *testing.T) {
		assert.Equal(t, []string{"granted", "purpose", "expires", "revokedDuring", "granted-2"}, records.IDs(train1))
		assert.Equal(t, []string{"granted", "purpose", "grantedDuring", "granted-2"}, records.IDs(train2))
	})
	t.Run("evaluation uses the same filter", func(t *testing.T) {
		assert.Equal(t, []string{"testGranted"}, records.IDs(test1))
		assert.Equal(t, []string{"testGranted"}, records.IDs(test2))
	})
	t.Run("the local source keeps the site's flags", func(t *testing.T) {
		local := quietParticipant(f, site, ConsentLocal, "")
		train, _, err := local.consented(f.ctx, 2)
		require.NoError(t, err)
		assert.Equal(t, records.ConsentedOnly(site.Train, site.Consents), train)
	})
	t.Run("a round never opened is an error", func(t *testing.T) {
		_, _, err := p.consented(f.ctx, 4)
		require.ErrorIs(t, err, contracts.ErrRoundNotFound)
	})
}

func contains(recs []records.Record, id string) bool {
	for _, r := range recs {
		if r.ID == id {
			return true
		}
	}
	return false
}

func TestProveConsentUseAgainstTheChain(t *testing.T) {
	f := newConsentChain(t)
	study := contracts.ConsentScope{StudyID: f.studyID}
	year := time.Now().Add(365 * 24 * time.Hour)
	site := records.Site{Name: "h"}
	keys := make([]*ecdsa.PrivateKey, 7)
	for i := range keys {
		keys[i] = mustKey(t)
		site.Train = append(site.Train, records.Record{ID: fmt.Sprintf("rec-%d", i), Features: []float64{1}, Patient: records.PatientID(crypto.PubkeyToAddress(keys[i].PublicKey))})
		if i%3 != 0 { // rec-0, rec-3 and rec-6 never consent
			f.relay(t, keys[i], study, true, year)
		}
	}
	f.openRound(t, 1)
	dir := t.TempDir()
	p := quietParticipant(f, site, ConsentChain, dir)
	used, _, err := p.consented(f.ctx, 1)
	require.NoError(t, err)
	ids := records.IDs(used)
	root := records.MerkleRoot(ids)
	require.NoError(t, p.keepRoundIDs(1, ids, root))
	_, err = f.ledger.CommitUpdate(f.ctx, f.hospital, f.studyID, 1, contracts.Commitment{CiphertextHash: common.Hash{9}, Samples: uint64(len(used)), ConsentRoot: root})
	require.NoError(t, err)
	committed, err := f.ledger.Commitment(f.ctx, f.studyID, 1, f.hospital.Address())
	require.NoError(t, err)

	for i := range keys {
		id := fmt.Sprintf("rec-%d", i)
		t.Run(id, func(t *testing.T) {
			proof, err := ProveConsentUse(dir, 1, id)
			require.NoError(t, err)
			assert.Equal(t, i%3 != 0, proof.Included)
			require.NoError(t, proof.Verify(committed.ConsentRoot), "the proof verifies against the root on chain")
			assert.Error(t, proof.Verify(common.Hash{1}), "and against no other root")
		})
	}
	t.Run("an id the site never had is proved absent", func(t *testing.T) {
		proof, err := ProveConsentUse(dir, 1, "zzz")
		require.NoError(t, err)
		assert.False(t, proof.Included)
		require.NoError(t, proof.Verify(committed.ConsentRoot))
	})
	t.Run("a round the node did not train in", func(t *testing.T) {
		_, err := ProveConsentUse(dir, 2, "rec-1")
		require.ErrorIs(t, err, ErrNoRoundRecord)
	})
	t.Run("no record id", func(t *testing.T) {
		_, err := ProveConsentUse(dir, 1, "")
		require.ErrorIs(t, err, records.ErrEmptyID)
	})
	t.Run("an edited round record is refused", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(dir, "rounds", "1.json"))
		require.NoError(t, err)
		var rec roundRecord
		require.NoError(t, json.Unmarshal(b, &rec))
		rec.IDs[0] = "rec-0" // claim a record that was not used
		b, err = json.Marshal(rec)
		require.NoError(t, err)
		edited := filepath.Join(t.TempDir(), "rounds")
		require.NoError(t, os.MkdirAll(edited, 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(edited, "1.json"), b, 0o600))
		_, err = ProveConsentUse(filepath.Dir(edited), 1, "rec-1")
		require.ErrorIs(t, err, ErrCorruptRoundRecord)
	})
}

func TestResolveConsentSource(t *testing.T) {
	withID := records.Site{Name: "s", Train: []records.Record{{ID: "a", Patient: common.Hash{1}}}}
	testOnly := records.Site{Name: "s", Train: []records.Record{{ID: "a"}}, Test: []records.Record{{ID: "b", Patient: common.Hash{1}}}}
	without := records.Site{Name: "s", Train: []records.Record{{ID: "a"}}}
	tests := []struct {
		name   string
		source ConsentSource
		site   records.Site
		want   ConsentSource
		err    string
	}{
		{"auto with patient ids reads the chain", ConsentAuto, withID, ConsentChain, ""},
		{"auto with ids on test records only keeps the local flags", ConsentAuto, testOnly, ConsentLocal, ""},
		{"auto without patient ids keeps the local flags", ConsentAuto, without, ConsentLocal, ""},
		{"local by choice", ConsentLocal, withID, ConsentLocal, ""},
		{"chain by choice", ConsentChain, withID, ConsentChain, ""},
		{"chain without a single patient id", ConsentChain, without, "", "add a patient column"},
		{"unknown source", "ledger", withID, "", `consent source "ledger" is unknown`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolveConsentSource(tt.source, tt.site)
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestConsentGrantedAfterARefusalCountsBeforeRound1: a hospital whose
// patients had granted nothing refused the moments phase; the grants its
// patients then signed never counted, since the node kept its empty answer
// for round 0 (read as of now) until it was restarted, and the study
// stalled. The empty answer is read again.
func TestConsentGrantedAfterARefusalCountsBeforeRound1(t *testing.T) {
	f := newConsentChain(t)
	key := mustKey(t)
	site := records.Site{Name: "h", Train: []records.Record{{ID: "r1", Features: []float64{1}, Label: 1, Patient: records.PatientID(crypto.PubkeyToAddress(key.PublicKey))}}}
	p := quietParticipant(f, site, ConsentChain, "")
	train, _, err := p.consented(f.ctx, 0)
	require.NoError(t, err)
	require.Empty(t, train)
	f.relay(t, key, contracts.ConsentScope{StudyID: f.studyID}, true, time.Now().Add(365*24*time.Hour))
	train, _, err = p.consented(f.ctx, 0)
	require.NoError(t, err)
	assert.Equal(t, []string{"r1"}, records.IDs(train))
}
