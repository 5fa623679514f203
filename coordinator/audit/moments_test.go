package audit

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/models"
	"github.com/cohort-fl/cohort/records"
)

// momentsPlay says how the fixture's moments phase before round 1 is
// played: the active points the holders sign and the decryption sets they
// give shares for, a holder that shifts its shares, and what a dishonest
// coordinator alters. The zero value is an honest phase with a spare
// holder: points 1, 2 and 3 at threshold 2, three sets.
type momentsPlay struct {
	active []aggregation.ShamirPoint
	sets   [][]aggregation.ShamirPoint
	liar   aggregation.ShamirPoint
	// alterSum pins and decrypts a sum of other moments than the first
	// hospital signed (another encryption under its key, a replay).
	alterSum bool
	// tamper alters the record before it is kept and its standardiser's
	// hash recorded on chain.
	tamper func(t *testing.T, rec *cohortv1.MomentsResultTask)
	// chainStandardiser, if set, is the hash the chain records instead of
	// the kept standardiser's.
	chainStandardiser *common.Hash
	// keepNoRecord leaves the record out of the store.
	keepNoRecord bool
	// stopAtPin ends the phase once the sum is pinned: no standardiser is
	// agreed (the phase still runs, or its sum was refused).
	stopAtPin bool
}

// momentsScales are the fixture's public per-feature magnitudes.
var momentsScales = []float64{1, 10, 100}

// playMoments plays the moments phase as the coordinator does: each
// hospital's signed count and encrypted moments, their sum pinned on
// chain, the holders' signed decryption shares of it, the standardiser
// the first decryption set's shares give recorded on chain, and the
// record (the MomentsResultTask every member was sent) kept in the store.
func (f *studyFixture) playMoments(t *testing.T, play momentsPlay) *cohortv1.MomentsResultTask {
	t.Helper()
	session := bytes.Repeat([]byte{7}, 32)
	counts := []uint64{100, 250, 650}
	const total = 1000
	rec := &cohortv1.MomentsResultTask{StudyId: f.study, Session: session, Total: total, Scales: momentsScales}
	rng := rand.New(rand.NewPCG(5, 1))
	var cts []*aggregation.EncryptedVector
	for i, key := range f.keys {
		signed, err := auth.Sign(key, f.study, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, counts[i]))
		require.NoError(t, err)
		rec.Counts = append(rec.Counts, &cohortv1.MomentsCount{StudyId: f.study, Session: session, Count: counts[i], Auth: signed})
		n := float64(counts[i])
		m := records.Moments{N: make([]float64, len(momentsScales)), Sum: make([]float64, len(momentsScales)), SumSq: make([]float64, len(momentsScales))}
		for j, sc := range momentsScales {
			mean := sc * (1 + rng.Float64())
			m.N[j], m.Sum[j], m.SumSq[j] = n, n*mean, n*(mean*mean+sc*sc)
		}
		vals, err := m.Encode(total, momentsScales, f.scheme.MaxAbsValue())
		require.NoError(t, err)
		v, err := f.scheme.Encrypt(f.sks[i], f.pkHash, aggregation.MomentsContext(f.study, session), vals)
		require.NoError(t, err)
		b, err := v.MarshalBinary()
		require.NoError(t, err)
		_, err = f.store.Put(b)
		require.NoError(t, err)
		signed, err = auth.Sign(key, f.study, 0, auth.KindMoments, auth.MomentsContent(session, v.Hash()))
		require.NoError(t, err)
		rec.Contributions = append(rec.Contributions, &cohortv1.MomentsContribution{CiphertextHash: v.Hash().Bytes(), Auth: signed})
		if play.alterSum && i == 0 {
			vals[len(momentsScales)] *= 1.01
			v, err = f.scheme.Encrypt(f.sks[i], f.pkHash, aggregation.MomentsContext(f.study, session), vals)
			require.NoError(t, err)
		}
		cts = append(cts, v)
	}
	sum, err := f.scheme.WeightedSum(cts, []float64{1, 1, 1})
	require.NoError(t, err)
	b, err := sum.MarshalBinary()
	require.NoError(t, err)
	_, err = f.store.Put(b)
	require.NoError(t, err)
	_, err = f.ledger.PinMomentsSum(f.ctx, f.coord, f.study, sum.Hash())
	require.NoError(t, err)
	rec.AggregateHash = sum.Hash().Bytes()
	if play.stopAtPin {
		return rec
	}

	points, tsks, spare := f.twoOfThree(t)
	active, sets := points, spare
	if play.active != nil {
		active, sets = play.active, play.sets
	} else if play.sets != nil {
		sets = play.sets
	}
	signedActive := make([]uint64, len(active))
	for i, p := range active {
		signedActive[i] = uint64(p)
	}
	byHolder, first := f.holderShares(t, tsks, points, sets, play.liar, sum)
	for i, shares := range byHolder {
		if len(shares) == 0 { // in no set asked
			continue
		}
		raws := make([][]byte, len(shares))
		for j, ds := range shares {
			raws[j], err = ds.MarshalBinary()
			require.NoError(t, err)
		}
		signed, err := auth.Sign(f.keys[i], f.study, 0, auth.KindMomentsShare, auth.MomentsShareContent(sum.Hash(), signedActive, raws...))
		require.NoError(t, err)
		rec.Shares = append(rec.Shares, &cohortv1.MomentsShareSubmission{StudyId: f.study, AggregateHash: sum.Hash().Bytes(), Share: raws[0], More: raws[1:], ActivePoints: signedActive, Auth: signed})
	}
	plain, err := f.scheme.Decrypt(sum, first)
	require.NoError(t, err)
	std, err := records.PooledStandardiser(plain, total, momentsScales)
	require.NoError(t, err)
	rec.Standardiser, err = std.Encode()
	require.NoError(t, err)
	if play.tamper != nil {
		play.tamper(t, rec)
	}
	_, err = f.store.Put(rec.Standardiser)
	require.NoError(t, err)
	onChain := crypto.Keccak256Hash(rec.Standardiser)
	if play.chainStandardiser != nil {
		onChain = *play.chainStandardiser
	}
	_, err = f.ledger.SetStandardiserHash(f.ctx, f.coord, f.study, onChain)
	require.NoError(t, err)
	if !play.keepNoRecord {
		require.NoError(t, f.store.WriteMomentsRecord(rec))
	}
	return rec
}

// The pooled standardiser every hospital trains with comes from the one
// moments sum the chain pins, decrypted by the holders before round 1; the
// audit decrypts it again from the record the coordinator keeps (the
// signed shares of every decryption set), requires the sets to agree, and
// checks the sum against the hospitals' signed moments and the chain's
// pin, and the standardiser against the hash the chain records. A study
// standardised per site has no moments line.
func TestAuditRecomputesThePooledStandardiser(t *testing.T) {
	f := newStudyFixture(t, 1)
	f.playMoments(t, momentsPlay{})
	f.playRound(t, 1, f.honest(t))

	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.NotNil(t, rep.Moments)
	m := rep.Moments
	require.Equal(t, Verified, m.Verdict, "%v", m.Problems)
	assert.Equal(t, 3, m.DecryptionSets)
	assert.True(t, m.CrossChecked)
	assert.False(t, m.NotCrossChecked())
	assert.Len(t, m.Decrypters, 3)
	assert.Equal(t, 3, m.Hospitals)
	assert.Equal(t, uint64(1000), m.Records)
	assert.Equal(t, m.Sum, m.Recomputed, "the pinned sum is the sum of the hospitals' signed moments")
	assert.NotZero(t, m.Standardiser)
	assert.True(t, rep.OK)

	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "moments: verified")
	assert.Contains(t, text.String(), "moments: cross-checked (3 sets)")
	var decoded struct {
		Moments struct {
			Verdict        string `json:"verdict"`
			DecryptionSets int    `json:"decryption_sets"`
			CrossChecked   bool   `json:"cross_checked"`
		} `json:"moments"`
	}
	raw, err := json.Marshal(rep)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &decoded))
	assert.Equal(t, Verified, decoded.Moments.Verdict)
	assert.Equal(t, 3, decoded.Moments.DecryptionSets)
	assert.True(t, decoded.Moments.CrossChecked)

	site := newStudyFixture(t, 1)
	site.playRound(t, 1, site.honest(t))
	rep, err = Study(site.ctx, site.ledger, site.store, site.scheme, site.study)
	require.NoError(t, err)
	assert.Nil(t, rep.Moments, "no moments sum pinned, no standardiser recorded")
	text.Reset()
	require.NoError(t, rep.WriteText(&text))
	assert.NotContains(t, text.String(), "moments:")
}

// With exactly t holders the moments sum is decrypted by one set: a holder
// of it that shifts its share moves the standardiser every hospital trains
// with, and nothing can tell. The audit names it as not cross-checked (a
// warning), and in a study whose recipe requires a cross-check, where no
// hospital takes such a standardiser, a mismatch.
func TestAuditNamesAMomentsSumOneSetDecryptedAsNotCrossChecked(t *testing.T) {
	one := momentsPlay{active: []aggregation.ShamirPoint{1, 2}, sets: [][]aggregation.ShamirPoint{{1, 2}}, liar: 2}
	f := newStudyFixture(t, 1)
	f.playMoments(t, one)

	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.NotNil(t, rep.Moments)
	assert.Equal(t, Verified, rep.Moments.Verdict, "the record opens to the standardiser: the shift cannot be seen, %v", rep.Moments.Problems)
	assert.Equal(t, 1, rep.Moments.DecryptionSets)
	assert.False(t, rep.Moments.CrossChecked)
	assert.True(t, rep.Moments.NotCrossChecked())
	assert.True(t, rep.OK, "not cross-checked is a warning, not a mismatch")
	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "moments: NOT cross-checked (one set)")
	assert.Contains(t, text.String(), "the pooled standardiser was decrypted by a single set of holders")

	recipe := models.DefaultRecipe(4)
	recipe.RequireCrossCheck = true
	canon, err := recipe.Canonical()
	require.NoError(t, err)
	strict := newStudyFixtureOf(t, 1, crypto.Keccak256Hash(canon))
	_, err = strict.store.Put(canon)
	require.NoError(t, err)
	strict.playMoments(t, one)
	rep, err = Study(strict.ctx, strict.ledger, strict.store, strict.scheme, strict.study)
	require.NoError(t, err)
	assert.False(t, rep.OK)
	assert.Equal(t, Mismatch, rep.Moments.Verdict)
	assert.Contains(t, strings.Join(rep.Moments.Problems, "\n"), "the study's recipe requires a cross-checked decryption (require_cross_check)")
}

// A moments record that does not open to what the chain records is
// named: each alteration a coordinator (or a holder) could make.
func TestAuditNamesATamperedMomentsRecord(t *testing.T) {
	other := common.Hash{0xbe}
	for _, tt := range []struct {
		name    string
		play    momentsPlay
		verdict string
		want    string
	}{
		{"a holder shifts its shares", momentsPlay{liar: 2}, Mismatch, "decryptions by different sets of holders disagree"},
		{"a share altered after its holder signed it", momentsPlay{tamper: func(t *testing.T, rec *cohortv1.MomentsResultTask) {
			rec.Shares[1].More[0] = slices.Clone(rec.Shares[1].More[0])
			rec.Shares[1].More[0][len(rec.Shares[1].More[0])-1] ^= 1
		}}, Mismatch, "is not signed by a holder"},
		{"a set missing", momentsPlay{sets: [][]aggregation.ShamirPoint{{1, 2}, {1, 3}}}, Mismatch, "the active points [1 2 3] the holders signed for ask"},
		{"a holder's shares left out", momentsPlay{tamper: func(t *testing.T, rec *cohortv1.MomentsResultTask) {
			rec.Shares = rec.Shares[:2]
		}}, Mismatch, "it leaves a holder's shares out"},
		{"a sum that is not the hospitals'", momentsPlay{alterSum: true}, Mismatch, "is not the sum of the hospitals' signed moments"},
		{"another standardiser on chain", momentsPlay{chainStandardiser: &other}, Mismatch, "the hospitals trained with another standardiser than the record's"},
		{"a standardiser of the coordinator's own", momentsPlay{tamper: func(t *testing.T, rec *cohortv1.MomentsResultTask) {
			std, err := records.DecodeStandardiser(rec.Standardiser)
			require.NoError(t, err)
			std.Mean[0] += 0.5
			rec.Standardiser, err = std.Encode()
			require.NoError(t, err)
		}}, Mismatch, "not what the signed decryption shares open the pinned moments sum to"},
		{"the record of another sum", momentsPlay{tamper: func(t *testing.T, rec *cohortv1.MomentsResultTask) {
			rec.AggregateHash = other.Bytes()
		}}, Mismatch, "the moments record is for study"},
		{"no record", momentsPlay{keepNoRecord: true}, Incomplete, "no moments record"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newStudyFixture(t, 1)
			f.playMoments(t, tt.play)
			rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
			require.NoError(t, err)
			require.NotNil(t, rep.Moments)
			assert.False(t, rep.OK)
			assert.Equal(t, tt.verdict, rep.Moments.Verdict)
			assert.Contains(t, strings.Join(rep.Moments.Problems, "\n"), tt.want)
			var text strings.Builder
			require.NoError(t, rep.WriteText(&text))
			assert.Contains(t, text.String(), "moments: ")
			assert.Contains(t, text.String(), tt.want)
			assert.Contains(t, text.String(), "\n"+strings.ToUpper(tt.verdict)+": ")
		})
	}
}

// Before a standardiser is agreed (the moments phase still runs, or its
// pinned sum was refused and the study cannot start) there is nothing to
// recompute: the audit says so, and it is no failure.
func TestAuditNamesAMomentsPhaseWithNoStandardiserYet(t *testing.T) {
	f := newStudyFixture(t, 1)
	f.playMoments(t, momentsPlay{stopAtPin: true})
	rep, err := Study(f.ctx, f.ledger, f.store, f.scheme, f.study)
	require.NoError(t, err)
	require.NotNil(t, rep.Moments)
	assert.Equal(t, NotClosed, rep.Moments.Verdict, "%v", rep.Moments.Problems)
	assert.True(t, rep.OK)
	var text strings.Builder
	require.NoError(t, rep.WriteText(&text))
	assert.Contains(t, text.String(), "moments: not closed: the chain pins the moments sum")
	assert.Contains(t, text.String(), "no standardiser is agreed yet")
}
