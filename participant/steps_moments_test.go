package participant

import (
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/records"
)

// momentsRun is the moments phase run through three nodes' steps (t = 2),
// as an honest coordinator relays it: what each step is given next.
type momentsPhase struct {
	*consortium
	session  []byte
	counts   []*cohortv1.MomentsCount
	total    uint64
	encrypt  *cohortv1.MomentsTask
	contribs []*cohortv1.MomentsContribution
	cts      [][]byte
	agg      []byte
	decrypt  *cohortv1.MomentsDecryptTask
	result   *cohortv1.MomentsResultTask
}

var momentsScales = []float64{10, 1}

func momentsSites() [][]records.Record {
	return [][]records.Record{
		{{ID: "a", Features: []float64{30, 1.5}}, {ID: "b", Features: []float64{50, 0.5}}, {ID: "c", Features: []float64{40, 2}}},
		{{ID: "d", Features: []float64{70, -1}}, {ID: "e", Features: []float64{60, 0}}},
		{{ID: "f", Features: []float64{20, 3}}},
	}
}

func newMomentsPhase(t *testing.T) *momentsPhase {
	t.Helper()
	c := newConsortium(t, 3)
	c.thresholdKeys(t, 3)
	for _, s := range c.nodes {
		s.standardisation, s.scales = records.StandardisePooled, momentsScales
	}
	m := &momentsPhase{consortium: c, session: crypto.Keccak256([]byte("session"))}
	for i, s := range c.nodes {
		r, err := s.momentsCount(&cohortv1.MomentsCountTask{StudyId: stepsStudy, Session: m.session, Scales: momentsScales}, momentsSites()[i])
		require.NoError(t, err)
		count := r.send.(*cohortv1.MomentsCount)
		m.counts, m.total = append(m.counts, count), m.total+count.GetCount()
	}
	m.encrypt = &cohortv1.MomentsTask{StudyId: stepsStudy, Session: m.session, Total: m.total, Counts: m.counts, Scales: momentsScales, PublicKeyHash: c.pk.Hash().Bytes()}
	var dealers []aggregation.PartyID
	for _, s := range c.nodes {
		r, err := s.encryptMoments(m.encrypt, c.study, nil)
		require.NoError(t, err)
		sub := r.send.(*cohortv1.MomentsSubmission)
		m.cts = append(m.cts, sub.GetCiphertext())
		m.contribs = append(m.contribs, &cohortv1.MomentsContribution{CiphertextHash: aggregation.ContentHash(sub.GetCiphertext()).Bytes(), Auth: sub.GetAuth()})
		dealers = append(dealers, aggregation.DealerID(stepsStudy, s.self.Bytes()))
	}
	var err error
	m.agg, err = c.nodes[0].sealer.sum(c.pk.Hash(), rawUpdates(m.cts), dealers, aggregation.MomentsContext(stepsStudy, m.session), []float64{1, 1, 1})
	require.NoError(t, err)
	aggHash := aggregation.ContentHash(m.agg)
	m.decrypt = &cohortv1.MomentsDecryptTask{StudyId: stepsStudy, Session: m.session, Total: m.total, Counts: m.counts, Contributions: m.contribs,
		AggregateHash: aggHash.Bytes(), ActivePoints: []uint64{1, 2}}
	m.result = &cohortv1.MomentsResultTask{StudyId: stepsStudy, Session: m.session, Total: m.total, Counts: m.counts, Contributions: m.contribs,
		AggregateHash: aggHash.Bytes(), Scales: momentsScales}
	var shares [][]byte
	for _, s := range c.nodes[:2] {
		r, err := s.momentsShare(m.decrypt, m.facts())
		require.NoError(t, err)
		sub := r.send.(*cohortv1.MomentsShareSubmission)
		m.result.Shares = append(m.result.Shares, sub)
		shares = append(shares, sub.GetShare())
	}
	plain, err := c.nodes[0].sealer.open(m.agg, shares)
	require.NoError(t, err)
	std, err := records.PooledStandardiser(plain, float64(m.total), momentsScales)
	require.NoError(t, err)
	m.result.Standardiser, err = std.Encode()
	require.NoError(t, err)
	return m
}

func (m *momentsPhase) facts() momentsFacts {
	return momentsFacts{study: m.study, contributions: m.cts, aggregate: m.agg, pinned: aggregation.ContentHash(m.agg)}
}

// signedCount is a count signed by key for the phase's session.
func (m *momentsPhase) signedCount(t *testing.T, key int, count uint64) *cohortv1.MomentsCount {
	t.Helper()
	signed, err := auth.Sign(m.keys[key], stepsStudy, 0, auth.KindMomentsCount, auth.MomentsCountContent(m.session, count))
	require.NoError(t, err)
	return &cohortv1.MomentsCount{StudyId: stepsStudy, Session: m.session, Count: count, Auth: signed}
}

func TestMomentsCountStep(t *testing.T) {
	t.Parallel()
	session := crypto.Keccak256([]byte("session"))
	honest := func() *cohortv1.MomentsCountTask {
		return &cohortv1.MomentsCountTask{StudyId: stepsStudy, Session: session, Scales: momentsScales}
	}
	cases := []struct {
		name string
		task *cohortv1.MomentsCountTask
		mode records.Standardisation
		recs []records.Record
		want error
	}{
		{"another study", &cohortv1.MomentsCountTask{StudyId: stepsStudy + 1, Session: session, Scales: momentsScales}, records.StandardisePooled, momentsSites()[0], ErrChainMismatch},
		{"a node that standardises by site", honest(), records.StandardiseSite, momentsSites()[0], ErrStandardisation},
		{"another schema's scales", &cohortv1.MomentsCountTask{StudyId: stepsStudy, Session: session, Scales: []float64{1, 1}}, records.StandardisePooled, momentsSites()[0], ErrStandardisation},
		{"a short session", &cohortv1.MomentsCountTask{StudyId: stepsStudy, Session: session[:8], Scales: momentsScales}, records.StandardisePooled, momentsSites()[0], ErrBadStandardiser},
		{"no consented records", honest(), records.StandardisePooled, nil, ErrNoConsentedRecords},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newConsortium(t, 1).nodes[0]
			s.standardisation, s.scales = tc.mode, momentsScales
			_, err := s.momentsCount(tc.task, tc.recs)
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, s.moments, "no run started")
		})
	}
	t.Run("honest", func(t *testing.T) {
		s := newConsortium(t, 1).nodes[0]
		s.standardisation, s.scales = records.StandardisePooled, momentsScales
		r, err := s.momentsCount(honest(), momentsSites()[0])
		require.NoError(t, err)
		c := r.send.(*cohortv1.MomentsCount)
		assert.Equal(t, uint64(3), c.GetCount())
		signer, err := auth.Verify(c.GetAuth(), stepsStudy, 0, auth.KindMomentsCount, auth.MomentsCountContent(session, 3))
		require.NoError(t, err)
		assert.Equal(t, s.self, signer)
	})
}

func TestEncryptMomentsStep(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	me := m.nodes[1]
	stranger := mustKey(t)
	strangerCount, err := auth.Sign(stranger, stepsStudy, 0, auth.KindMomentsCount, auth.MomentsCountContent(m.session, 4))
	require.NoError(t, err)
	with := func(change func(*cohortv1.MomentsTask)) *cohortv1.MomentsTask {
		task := &cohortv1.MomentsTask{StudyId: stepsStudy, Session: m.session, Total: m.total, Counts: append([]*cohortv1.MomentsCount(nil), m.counts...),
			Scales: momentsScales, PublicKeyHash: m.pk.Hash().Bytes()}
		change(task)
		return task
	}
	cases := []struct {
		name string
		task *cohortv1.MomentsTask
		want error
	}{
		{"another study", with(func(t *cohortv1.MomentsTask) { t.StudyId++ }), ErrChainMismatch},
		{"another run of the phase", with(func(t *cohortv1.MomentsTask) { t.Session = crypto.Keccak256([]byte("other")) }), ErrBadStandardiser},
		{"counts that do not add up", with(func(t *cohortv1.MomentsTask) { t.Total++ }), ErrBadStandardiser},
		{"one site alone", with(func(t *cohortv1.MomentsTask) { t.Counts, t.Total = t.Counts[1:2], 2 }), ErrBadStandardiser},
		{"a count twice", with(func(t *cohortv1.MomentsTask) { t.Counts[2], t.Total = t.Counts[0], 8 }), ErrBadStandardiser},
		{"an oversized count", with(func(tk *cohortv1.MomentsTask) { tk.Counts[0], tk.Total = m.signedCount(t, 0, 1<<33), 1<<33+3 }), ErrBadStandardiser},
		{"a count from a stranger", with(func(t *cohortv1.MomentsTask) {
			t.Counts[2], t.Total = &cohortv1.MomentsCount{StudyId: stepsStudy, Session: m.session, Count: 4, Auth: strangerCount}, 9
		}), ErrBadStandardiser},
		{"this site's count altered", with(func(tk *cohortv1.MomentsTask) { tk.Counts[1], tk.Total = m.signedCount(t, 1, 3), 7 }), ErrBadStandardiser},
		{"this site's count left out", with(func(t *cohortv1.MomentsTask) {
			t.Counts, t.Total = []*cohortv1.MomentsCount{t.Counts[0], t.Counts[2]}, 4
		}), ErrBadStandardiser},
		{"a count with a forged signature", with(func(t *cohortv1.MomentsTask) {
			t.Counts[0] = &cohortv1.MomentsCount{StudyId: stepsStudy, Session: m.session, Count: 4, Auth: m.counts[0].GetAuth()}
			t.Total = 7
		}), ErrBadStandardiser},
		{"another key than the chain's", with(func(t *cohortv1.MomentsTask) { t.PublicKeyHash = crypto.Keccak256([]byte("key")) }), ErrChainMismatch},
		{"another schema's scales", with(func(t *cohortv1.MomentsTask) { t.Scales = []float64{1, 1} }), ErrStandardisation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := me.moments.sent
			r, err := me.encryptMoments(tc.task, m.study, nil)
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, r.send)
			assert.Equal(t, before, me.moments.sent, "nothing recorded as sent")
		})
	}
}

func TestMomentsShareStep(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	me := m.nodes[1]
	// partial is the sum of the first two sites' moments only.
	partial, err := me.sealer.sum(m.pk.Hash(), rawUpdates(m.cts[:2]), []aggregation.PartyID{
		aggregation.DealerID(stepsStudy, m.nodes[0].self.Bytes()), aggregation.DealerID(stepsStudy, m.nodes[1].self.Bytes()),
	}, aggregation.MomentsContext(stepsStudy, m.session), []float64{1, 1})
	require.NoError(t, err)
	type shareCase struct {
		task  *cohortv1.MomentsDecryptTask
		facts momentsFacts
	}
	with := func(change func(*shareCase)) shareCase {
		d := m.decrypt
		c := shareCase{
			task: &cohortv1.MomentsDecryptTask{StudyId: d.StudyId, Session: d.Session, Total: d.Total, Counts: d.Counts,
				Contributions: append([]*cohortv1.MomentsContribution(nil), d.Contributions...), AggregateHash: d.AggregateHash, ActivePoints: d.ActivePoints},
			facts: m.facts(),
		}
		c.facts.contributions = append([][]byte(nil), c.facts.contributions...)
		change(&c)
		return c
	}
	cases := []struct {
		name string
		c    shareCase
		want error
	}{
		{"another study", with(func(c *shareCase) { c.task.StudyId++ }), ErrChainMismatch},
		{"a sum of fewer sites than counted", with(func(c *shareCase) {
			c.facts.aggregate, c.task.AggregateHash = partial, aggregation.ContentHash(partial).Bytes()
		}), ErrBadStandardiser},
		{"one site's moments passed off as the sum", with(func(c *shareCase) {
			c.facts.aggregate, c.task.AggregateHash = m.cts[0], aggregation.ContentHash(m.cts[0]).Bytes()
		}), ErrBadStandardiser},
		{"a contribution missing", with(func(c *shareCase) {
			c.task.Contributions, c.facts.contributions = c.task.Contributions[:2], c.facts.contributions[:2]
		}), ErrBadStandardiser},
		{"one site's contribution twice", with(func(c *shareCase) {
			c.task.Contributions[2], c.facts.contributions[2] = c.task.Contributions[0], c.facts.contributions[0]
		}), ErrBadStandardiser},
		{"this site's contribution swapped", with(func(c *shareCase) {
			c.task.Contributions[1] = &cohortv1.MomentsContribution{CiphertextHash: c.task.Contributions[0].GetCiphertextHash(), Auth: c.task.Contributions[1].GetAuth()}
		}), ErrBadStandardiser},
		{"an active set without this holder", with(func(c *shareCase) { c.task.ActivePoints = []uint64{1, 3} }), ErrBadStandardiser},
		{"a malformed contribution", with(func(c *shareCase) { c.facts.contributions[2] = []byte("junk") }), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := me.momentsShare(tc.c.task, tc.c.facts)
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			assert.Nil(t, r.send, "no share leaves the site")
		})
	}
}

func TestAcceptStandardiserStep(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	stranger := mustKey(t)
	with := func(change func(*cohortv1.MomentsResultTask)) *cohortv1.MomentsResultTask {
		r := m.result
		task := &cohortv1.MomentsResultTask{StudyId: r.StudyId, Session: r.Session, Total: r.Total, Counts: r.Counts, Contributions: r.Contributions,
			AggregateHash: r.AggregateHash, Scales: r.Scales, Standardiser: r.Standardiser, Shares: append([]*cohortv1.MomentsShareSubmission(nil), r.Shares...)}
		change(task)
		return task
	}
	aggHash := common.BytesToHash(m.result.GetAggregateHash())
	forgedShare := func() *cohortv1.MomentsShareSubmission {
		sh := m.result.Shares[1]
		signed, err := auth.Sign(stranger, stepsStudy, 0, auth.KindMomentsShare, auth.MomentsShareContent(aggHash, sh.GetActivePoints(), sh.GetShare()))
		require.NoError(t, err)
		return &cohortv1.MomentsShareSubmission{StudyId: stepsStudy, AggregateHash: aggHash.Bytes(), Share: sh.GetShare(), ActivePoints: sh.GetActivePoints(), Auth: signed}
	}()
	var other records.Standardiser
	other, err := records.DecodeStandardiser(m.result.GetStandardiser())
	require.NoError(t, err)
	other.Mean[0] += 1
	otherEnc, err := other.Encode()
	require.NoError(t, err)
	cases := []struct {
		name string
		task *cohortv1.MomentsResultTask
		want error
	}{
		{"another study", with(func(t *cohortv1.MomentsResultTask) { t.StudyId++ }), ErrChainMismatch},
		{"a standardiser that is not what the sum decrypts to", with(func(t *cohortv1.MomentsResultTask) { t.Standardiser = otherEnc }), ErrBadStandardiser},
		{"fewer decryption shares than the threshold", with(func(t *cohortv1.MomentsResultTask) { t.Shares = t.Shares[:1] }), ErrBadStandardiser},
		{"a decryption share twice", with(func(t *cohortv1.MomentsResultTask) { t.Shares[1] = t.Shares[0] }), ErrBadStandardiser},
		{"a decryption share from a stranger", with(func(t *cohortv1.MomentsResultTask) { t.Shares[1] = forgedShare }), ErrBadStandardiser},
		{"a malformed standardiser", with(func(t *cohortv1.MomentsResultTask) { t.Standardiser = []byte("junk") }), ErrBadStandardiser},
		{"another schema's scales", with(func(t *cohortv1.MomentsResultTask) { t.Scales = []float64{1, 1} }), ErrStandardisation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := m.nodes[2]
			r, err := s.acceptStandardiser(tc.task, m.facts())
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, s.agreed, "nothing agreed")
			assert.Empty(t, r.files, "nothing kept")
		})
	}
	s := m.nodes[2]
	r, err := s.acceptStandardiser(m.result, m.facts())
	require.NoError(t, err)
	require.Len(t, r.files, 1, "the standardiser is kept in the data directory")
	assert.Equal(t, standardiserFileName, r.files[0].name)
	conf := r.send.(*cohortv1.MomentsConfirmation)
	assert.Equal(t, crypto.Keccak256(m.result.GetStandardiser()), conf.GetStandardiserHash())
	require.NotNil(t, s.agreed)

	r, err = s.acceptStandardiser(m.result, momentsFacts{})
	require.NoError(t, err, "the agreed standardiser is confirmed again without reading anything")
	assert.Empty(t, r.files)

	past := m.facts()
	past.study.CurrentRound = 1
	_, err = s.acceptStandardiser(with(func(t *cohortv1.MomentsResultTask) { t.Standardiser = otherEnc }), past)
	require.ErrorIs(t, err, ErrBadStandardiser, "another standardiser once round 1 opened")
}

// A coordinator (no hospital need collude) asks the holders to decrypt the
// sum of all three sites' moments, then, in the same run, the sum of two of
// them: each is a valid sum of at least the study's minimum of signed
// counts and contributions, each holder's own among them, and the
// difference of the two plaintexts is the third site's moments. Holders
// now decrypt only the sum the chain pins (one per study).
func TestMomentsHoldersDecryptOneSumOnly(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	dealers := []aggregation.PartyID{aggregation.DealerID(stepsStudy, m.nodes[0].self.Bytes()), aggregation.DealerID(stepsStudy, m.nodes[1].self.Bytes())}
	partial, err := m.nodes[0].sealer.sum(m.pk.Hash(), rawUpdates(m.cts[:2]), dealers, aggregation.MomentsContext(stepsStudy, m.session), []float64{1, 1})
	require.NoError(t, err)
	subset := &cohortv1.MomentsDecryptTask{StudyId: stepsStudy, Session: m.session, Total: m.counts[0].GetCount() + m.counts[1].GetCount(),
		Counts: m.counts[:2], Contributions: m.contribs[:2], AggregateHash: aggregation.ContentHash(partial).Bytes(), ActivePoints: []uint64{1, 2}}
	facts := m.facts()
	facts.contributions, facts.aggregate = m.cts[:2], partial
	var shares [][]byte
	for _, s := range m.nodes[:2] {
		r, err := s.momentsShare(subset, facts)
		if err != nil {
			require.ErrorIs(t, err, ErrBadStandardiser)
			assert.Nil(t, r.send, "no share of a second sum leaves the site")
			continue
		}
		shares = append(shares, r.send.(*cohortv1.MomentsShareSubmission).GetShare())
	}
	if len(shares) < 2 {
		return
	}
	// What the attack reads: the third site's moments, alone.
	var full [][]byte
	for _, sh := range m.result.Shares {
		full = append(full, sh.GetShare())
	}
	all, err := m.nodes[0].sealer.open(m.agg, full)
	require.NoError(t, err)
	two, err := m.nodes[0].sealer.open(partial, shares)
	require.NoError(t, err)
	third, err := records.ComputeMoments(momentsSites()[2], len(momentsScales))
	require.NoError(t, err)
	want, err := third.Encode(float64(m.total), momentsScales, m.nodes[0].sealer.maxAbs())
	require.NoError(t, err)
	for i := range want {
		assert.InDelta(t, want[i], all[i]-two[i], 1e-4, "value %d", i)
	}
	t.Fatalf("two holders decrypted a second moments sum over another set of sites; its difference to the first is site 3's moments %v", want)
}

// TestMomentsEncryptedOncePerRun plays a coordinator that sends a site the
// moments task of its run twice, the second time with the signed counts of
// fewer sites (each set above the minimum, so each total checks out). The
// site's moments are encoded for the total, so it would encrypt two
// plaintexts under the run's one context: the difference of the two c0 is
// Δ·(m/T1 − m/T2) plus noise, its moments in the clear with T1 and T2
// known. A site encrypts its moments once per run and re-sends them for
// the same total; it refuses another total.
func TestMomentsEncryptedOncePerRun(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	me := m.nodes[0]
	again, err := me.encryptMoments(m.encrypt, m.study, nil)
	require.NoError(t, err)
	assert.Equal(t, m.cts[0], again.send.(*cohortv1.MomentsSubmission).GetCiphertext(), "the same task is answered with the bytes sent")

	fewer := &cohortv1.MomentsTask{StudyId: stepsStudy, Session: m.session, Total: m.counts[0].GetCount() + m.counts[1].GetCount(),
		Counts: m.counts[:2], Scales: momentsScales, PublicKeyHash: m.pk.Hash().Bytes()}
	r, err := me.encryptMoments(fewer, m.study, nil)
	if err == nil {
		// What the coordinator reads from the two ciphertexts.
		scheme := testScheme(t)
		rows := func(b []byte) ([][]uint64, []uint64) {
			var v aggregation.EncryptedVector
			require.NoError(t, v.UnmarshalBinary(b))
			var out [][]uint64
			var mod []uint64
			_, err := scheme.ShapeUpload(&v, func(j int, rs [][]uint64, moduli []uint64) {
				if j == 0 {
					for _, row := range rs {
						out = append(out, slices.Clone(row))
					}
					mod = moduli
				}
			})
			require.NoError(t, err)
			return out, mod
		}
		first, moduli := rows(m.cts[0])
		second, _ := rows(r.send.(*cohortv1.MomentsSubmission).GetCiphertext())
		q := big.NewInt(1)
		for _, p := range moduli {
			q.Mul(q, new(big.Int).SetUint64(p))
		}
		mine, err := records.ComputeMoments(momentsSites()[0], len(momentsScales))
		require.NoError(t, err)
		v1, err := mine.Encode(float64(m.total), momentsScales, me.sealer.maxAbs())
		require.NoError(t, err)
		v2, err := mine.Encode(float64(fewer.GetTotal()), momentsScales, me.sealer.maxAbs())
		require.NoError(t, err)
		delta := new(big.Float).SetMantExp(big.NewFloat(1), scheme.LogScale())
		for j := range v1 {
			// CRT of the residues of c0 − c0', centred, over Δ.
			x := new(big.Int)
			for l, p := range moduli {
				pl := new(big.Int).SetUint64(p)
				d := new(big.Int).Sub(new(big.Int).SetUint64(first[l][j]), new(big.Int).SetUint64(second[l][j]))
				ql := new(big.Int).Div(q, pl)
				inv := new(big.Int).ModInverse(new(big.Int).Mod(ql, pl), pl)
				x.Add(x, d.Mul(d, ql).Mul(d, inv))
			}
			x.Mod(x, q)
			if x.Cmp(new(big.Int).Rsh(q, 1)) > 0 {
				x.Sub(x, q)
			}
			got, _ := new(big.Float).Quo(new(big.Float).SetInt(x), delta).Float64()
			assert.InDelta(t, v1[j]-v2[j], got, 1e-9, "value %d", j)
		}
		t.Fatalf("the site encrypted its moments twice in one run, for totals %d and %d; their difference is its encoded moments in the clear", m.total, fewer.GetTotal())
	}
	require.ErrorIs(t, err, ErrBadStandardiser)
	assert.Nil(t, r.send)

	// The run's count task sent again (with fewer consented records) does
	// not start the run afresh: the same count, the same moments.
	count := &cohortv1.MomentsCountTask{StudyId: stepsStudy, Session: m.session, Scales: momentsScales}
	rc, err := me.momentsCount(count, momentsSites()[0][:1])
	require.NoError(t, err)
	assert.Equal(t, m.counts[0].GetCount(), rc.send.(*cohortv1.MomentsCount).GetCount())
	_, err = me.encryptMoments(fewer, m.study, nil)
	require.ErrorIs(t, err, ErrBadStandardiser)

	// Nor once another run started: the old run is refused.
	other := &cohortv1.MomentsCountTask{StudyId: stepsStudy, Session: crypto.Keccak256([]byte("another run")), Scales: momentsScales}
	_, err = me.momentsCount(other, momentsSites()[0])
	require.NoError(t, err)
	_, err = me.momentsCount(count, momentsSites()[0][:1])
	require.ErrorIs(t, err, ErrBadStandardiser)
}

// With a spare holder the moments' sum is decrypted by every decryption
// set: each holder checks the sets and gives a share per set it is in,
// signed with the task's active points, and a member accepts the
// standardiser only if every set is there and decrypts the sum alike. A
// coordinator that keeps the set it likes, or a holder that shifts its
// shares to move the pooled standardiser, is refused.
func TestMomentsSharesForEveryDecryptionSet(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	task := proto.Clone(m.decrypt).(*cohortv1.MomentsDecryptTask)
	task.ActivePoints, task.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{1, 2})
	for name, sets := range map[string][]*cohortv1.PointSet{
		"a single decryption set":             pointSets([]uint64{1, 2}),
		"this holder in every decryption set": pointSets([]uint64{1, 2}, []uint64{2, 3}),
		"a decryption set larger than t":      pointSets([]uint64{1, 2, 3}, []uint64{1, 3}),
	} {
		bad := proto.Clone(task).(*cohortv1.MomentsDecryptTask)
		bad.DecryptionSets = sets
		r, err := m.nodes[1].momentsShare(bad, m.facts())
		require.ErrorIs(t, err, ErrChainMismatch, name)
		assert.Nil(t, r.send, "%s: no share leaves the site", name)
	}

	var subs []*cohortv1.MomentsShareSubmission
	for _, s := range m.nodes {
		r, err := s.momentsShare(task, m.facts())
		require.NoError(t, err)
		sub := r.send.(*cohortv1.MomentsShareSubmission)
		require.Len(t, sub.GetMore(), 1, "a share for each of its two sets")
		subs = append(subs, sub)
	}
	// The standardiser the coordinator decodes from all the shares, in
	// the order it sends them (the first set's decryption, the others
	// agreeing with it).
	var all [][]byte
	for _, sub := range subs {
		all = append(all, sub.GetShare())
		all = append(all, sub.GetMore()...)
	}
	plain, err := m.nodes[0].sealer.open(m.agg, all)
	require.NoError(t, err)
	std, err := records.PooledStandardiser(plain, float64(m.total), momentsScales)
	require.NoError(t, err)
	enc, err := std.Encode()
	require.NoError(t, err)
	result := func(subs ...*cohortv1.MomentsShareSubmission) *cohortv1.MomentsResultTask {
		r := proto.Clone(m.result).(*cohortv1.MomentsResultTask)
		r.Shares, r.Standardiser = subs, enc
		return r
	}
	shifted := proto.Clone(subs[1]).(*cohortv1.MomentsShareSubmission)
	shifted.More[0], err = m.nodes[1].sealer.shiftDecryptionShare(shifted.More[0], 0.5)
	require.NoError(t, err)
	shifted.Auth, err = auth.Sign(m.keys[1], stepsStudy, 0, auth.KindMomentsShare, auth.MomentsShareContent(common.BytesToHash(shifted.GetAggregateHash()), shifted.GetActivePoints(), shifted.GetShare(), shifted.More[0]))
	require.NoError(t, err)

	s := m.nodes[2]
	_, err = s.acceptStandardiser(result(subs[0], subs[1]), m.facts())
	require.ErrorIs(t, err, ErrBadStandardiser, "the set {1, 2} alone: the other sets lack the third holder's shares")
	_, err = s.acceptStandardiser(result(subs[0], shifted, subs[2]), m.facts())
	require.ErrorIs(t, err, ErrBadStandardiser)
	require.ErrorContains(t, err, "disagree", "the holder at 2 shifted its share for one set")
	assert.Nil(t, s.agreed, "nothing agreed")
	_, err = s.acceptStandardiser(result(subs...), m.facts())
	require.NoError(t, err, "every set, all agreeing")
}

// In a study that binds sample counts to consent, a site's moments count
// is held to its sample bound on chain before this node encrypts its
// moments into the run: a task whose counts include one above its signer's
// bound (here 2^32−1 against a bound of 3, the total adding up) is refused
// naming the signer, as is a count whose signer has no bound read; counts
// at their bounds are encrypted for.
func TestEncryptMomentsRefusesACountAboveTheConsentBound(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	me := m.nodes[1]
	bounds := map[common.Address]uint64{}
	for i, s := range m.nodes {
		bounds[s.self] = m.counts[i].GetCount()
	}
	inflated := &cohortv1.MomentsTask{StudyId: stepsStudy, Session: m.session, Total: m.total - m.counts[0].GetCount() + math.MaxUint32,
		Counts: append([]*cohortv1.MomentsCount{m.signedCount(t, 0, math.MaxUint32)}, m.counts[1:]...), Scales: momentsScales, PublicKeyHash: m.pk.Hash().Bytes()}
	_, err := me.encryptMoments(inflated, m.study, bounds)
	require.ErrorIs(t, err, ErrBadStandardiser)
	for _, want := range []string{m.nodes[0].self.Hex(), "4294967295 consented training records", "above the 3 its consent counts on chain allow"} {
		assert.Contains(t, err.Error(), want)
	}
	unread := map[common.Address]uint64{m.nodes[1].self: bounds[m.nodes[1].self], m.nodes[2].self: bounds[m.nodes[2].self]}
	_, err = me.encryptMoments(m.encrypt, m.study, unread)
	require.ErrorIs(t, err, ErrBadStandardiser, "a count whose signer's bound was not read")

	r, err := me.encryptMoments(m.encrypt, m.study, bounds)
	require.NoError(t, err, "every count at its bound")
	assert.NotNil(t, r.send)
}

// A hospital whose schema and recipe whiten one-hot groups refuses a
// standardiser that whitens other groups (here none), and one that whitens
// none refuses one with groups: the groups are part of what every
// hospital agrees on, so no hospital trains on other features.
func TestAcceptStandardiserRefusesOtherGroups(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	s := m.nodes[2]
	s.groups = [][]int{{1}}
	_, err := s.acceptStandardiser(m.result, m.facts())
	require.ErrorIs(t, err, ErrBadStandardiser)
	assert.ErrorContains(t, err, "the standardiser whitens the one-hot groups [], this node's schema and recipe give [[1]]")
	assert.Nil(t, s.agreed)

	s.groups = nil
	require.NoError(t, s.checkGroups(nil))
	assert.ErrorIs(t, s.checkGroups([][]int{{1}}), ErrBadStandardiser)
}

// A holder of a study whose recipe requires a cross-checked decryption
// gives no share of the moments sum for a single decryption set of t
// holders, as for a round's aggregate: one lying holder among them would
// shift the pooled standardiser every hospital trains with. With a spare
// holder (three sets of 2 of 3) it answers as usual.
func TestHolderRequiringACrossCheckRefusesASingleMomentsDecryptionSet(t *testing.T) {
	t.Parallel()
	m := newMomentsPhase(t)
	me := m.nodes[0]
	me.requireCrossCheck = true

	single := proto.Clone(m.decrypt).(*cohortv1.MomentsDecryptTask) // active points {1, 2} at threshold 2
	r, err := me.momentsShare(single, m.facts())
	require.ErrorIs(t, err, ErrChainMismatch)
	assert.ErrorContains(t, err, "one decryption set of 2 holders (points [1 2]) at threshold 2")
	assert.ErrorContains(t, err, "require_cross_check")
	assert.Nil(t, r.send, "no decryption share leaves the site")

	spare := proto.Clone(m.decrypt).(*cohortv1.MomentsDecryptTask)
	spare.ActivePoints, spare.DecryptionSets = []uint64{1, 2, 3}, pointSets([]uint64{2, 3}, []uint64{1, 3}, []uint64{1, 2})
	r, err = me.momentsShare(spare, m.facts())
	require.NoError(t, err)
	assert.Len(t, r.send.(*cohortv1.MomentsShareSubmission).GetMore(), 1, "a share for each of its two sets")
}
