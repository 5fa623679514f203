package coordinator

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

func keysOf(ps []party) map[common.Address]*ecdsa.PublicKey {
	out := make(map[common.Address]*ecdsa.PublicKey, len(ps))
	for _, p := range ps {
		out[p.addr] = &p.key.PublicKey
	}
	return out
}

// reshareFixture: holders ps[0..2] at points 1..3 with threshold 2; before
// round 3, ps[2] leaves and ps[3] joins.
func reshareFixture(t *testing.T) ([]party, *reshare) {
	t.Helper()
	ps := newParties(t, 4)
	cur := holderState{Points: map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2, ps[2].addr: 3}, NextPoint: 4}
	plan, err := planReshare(stepStudy, 3, cur, 2, []common.Address{ps[0].addr, ps[1].addr, ps[3].addr}, keysOf(ps), nil, nil)
	require.NoError(t, err)
	return ps, plan
}

func TestPlanReshare(t *testing.T) {
	ps, plan := reshareFixture(t)
	assert.Equal(t, []common.Address{ps[0].addr, ps[1].addr}, plan.staying)
	assert.Equal(t, []common.Address{ps[2].addr}, plan.leaving)
	assert.Equal(t, []common.Address{ps[3].addr}, plan.newcomers)
	assert.Equal(t, map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2, ps[3].addr: 4}, plan.next.Points,
		"stayers keep their points, the newcomer gets one nobody held")
	assert.EqualValues(t, 5, plan.next.NextPoint)
	assert.EqualValues(t, 3, plan.next.Epoch)

	cur := holderState{Points: map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2, ps[2].addr: 3}, NextPoint: 4}
	tests := []struct {
		name string
		next []common.Address
		keys map[common.Address]*ecdsa.PublicKey
		want error
	}{
		{"fewer members than the threshold", []common.Address{ps[0].addr}, keysOf(ps), ErrBelowThreshold},
		{"fewer stayers than the threshold", []common.Address{ps[0].addr, ps[3].addr}, keysOf(ps), ErrBelowThreshold},
		{"a member gone before the re-sharing", []common.Address{ps[0].addr, ps[1].addr, ps[3].addr}, keysOf(ps[:2]), ErrStalled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := planReshare(stepStudy, 3, cur, 2, tt.next, tt.keys, nil, nil)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// A member that left and joins again, whose key the holders still hold
// (keyed), is a new holder at a point nobody held, its own old point
// included, and is not asked to deal its key: a dealing it sends anyway,
// in either phase, is refused, so it cannot replace the key its earlier
// updates were encrypted under. A member whose key is not held deals.
func TestPlanReshareTakesARejoinerBackWithoutADealing(t *testing.T) {
	ps := newParties(t, 4)
	// ps[2] held point 3 and left; ps[3] never took part.
	cur := holderState{Points: map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2}, NextPoint: 4}
	keyed := map[common.Address]bool{ps[0].addr: true, ps[1].addr: true, ps[2].addr: true}
	all := []common.Address{ps[0].addr, ps[1].addr, ps[2].addr, ps[3].addr}
	plan, err := planReshare(stepStudy, 3, cur, 2, all, keysOf(ps), keyed, nil)
	require.NoError(t, err)
	assert.Equal(t, []common.Address{ps[2].addr}, plan.rejoiners)
	assert.Equal(t, []common.Address{ps[3].addr}, plan.newcomers)
	assert.Equal(t, map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2, ps[2].addr: 4, ps[3].addr: 5}, plan.next.Points,
		"the rejoiner gets a fresh point: its old share, which it may still keep, is of no set in force")

	st := plan.dealers(plan.staying)
	set := st.setHash
	next := []party{ps[0], ps[1], ps[2], ps[3]}
	newcomers := st.newcomersDealing()
	sent := sentTo(newcomers.start())
	require.Len(t, sent, 1)
	assert.Contains(t, sent, ps[3].addr, "only the member whose key is not held deals its own")
	_, err = deliverTo(st, st.receive, reshareDealing(t, ps[2], 3, set, next...))
	assert.ErrorIs(t, err, ErrNotParticipant, "the rejoiner is no dealer")
	_, err = deliverTo(newcomers, newcomers.receive, reshareDealing(t, ps[2], 3, set, next...))
	assert.ErrorIs(t, err, ErrNotParticipant, "nor a newcomer: its key is held")

	// All rejoiners, no newcomer: nobody is asked for a key of its own.
	plan, err = planReshare(stepStudy, 3, cur, 2, all[:3], keysOf(ps), keyed, nil)
	require.NoError(t, err)
	assert.Empty(t, plan.newcomers)
	assert.Equal(t, []common.Address{ps[2].addr}, plan.rejoiners)
}

// A keyed member that comes back saying it holds no key (fresh) is a
// newcomer: it is asked to deal a fresh key, under the key epoch its
// entry in the new holders names; a rejoiner with its key deals nothing
// as before, and the fresh key's epoch is no part of the set hash (each
// holder takes the dealing under the next epoch only).
func TestPlanReshareAsksAFreshKeyOfARejoinerWithoutOne(t *testing.T) {
	ps := newParties(t, 4)
	// ps[2] and ps[3] held points 3 and 4 and left.
	cur := holderState{Points: map[common.Address]uint64{ps[0].addr: 1, ps[1].addr: 2}, NextPoint: 5}
	keyed := map[common.Address]bool{ps[0].addr: true, ps[1].addr: true, ps[2].addr: true, ps[3].addr: true}
	all := []common.Address{ps[0].addr, ps[1].addr, ps[2].addr, ps[3].addr}
	plan, err := planReshare(stepStudy, 3, cur, 2, all, keysOf(ps), keyed, map[common.Address]uint32{ps[2].addr: 1})
	require.NoError(t, err)
	assert.Equal(t, []common.Address{ps[2].addr}, plan.newcomers, "the one without its key deals a fresh one")
	assert.Equal(t, []common.Address{ps[3].addr}, plan.rejoiners, "the one with its key deals nothing")
	assert.Equal(t, map[common.Address]uint32{ps[2].addr: 1}, plan.freshKeys)

	st := plan.dealers(plan.staying)
	epochs := map[common.Address]uint32{}
	for _, h := range st.task.GetHolders() {
		epochs[common.BytesToAddress(h.GetAddress())] = h.GetKeyEpoch()
	}
	assert.Equal(t, map[common.Address]uint32{ps[0].addr: 0, ps[1].addr: 0, ps[2].addr: 1, ps[3].addr: 0}, epochs)
	sent := sentTo(st.newcomersDealing().start())
	require.Len(t, sent, 1)
	assert.Contains(t, sent, ps[2].addr)

	plain, err := planReshare(stepStudy, 3, cur, 2, all, keysOf(ps), keyed, nil)
	require.NoError(t, err)
	assert.Equal(t, plain.dealers(plain.staying).setHash, st.setHash, "the key epoch is not in the set hash")
}

// reshareDealing is dealer's shares to the listed recipients, signed for
// round and set.
func reshareDealing(t *testing.T, dealer party, round uint32, set common.Hash, to ...party) *cohortv1.ReshareSharesSubmission {
	t.Helper()
	sub := &cohortv1.ReshareSharesSubmission{StudyId: stepStudy, Round: round, SetHash: set.Bytes()}
	for _, p := range to {
		ct := []byte("sealed share for " + p.addr.Hex() + " from " + dealer.addr.Hex())
		signed, err := auth.Sign(dealer.key, stepStudy, round, auth.KindReshareShare, auth.ReshareContent(p.addr, set, 0, 1, ct))
		require.NoError(t, err)
		sub.Shares = append(sub.Shares, &cohortv1.EncryptedShare{Recipient: p.addr.Bytes(), Ciphertext: ct, Auth: signed, Pieces: 1})
	}
	return sub
}

func TestReshareDealStepRefusesHostileDealings(t *testing.T) {
	ps, plan := reshareFixture(t)
	next := []party{ps[0], ps[1], ps[3]}
	st := plan.dealers(plan.staying)
	assert.Equal(t, auth.ReshareSetHash(stepStudy, 3, 2, st.task.GetDealers(), st.task.GetHolders()), st.setHash, "the set hash participants recompute")
	sent := sentTo(st.start())
	require.Len(t, sent, 2, "only the dealers are asked")
	assert.Len(t, sent[ps[0].addr][0].GetReshare().GetHolders(), 3)
	set := st.setHash

	_, err := deliverTo(st, st.receive, reshareDealing(t, ps[0], 3, set, next...))
	require.NoError(t, err)
	forged := reshareDealing(t, ps[1], 3, set, next...)
	forged.Shares[1].Ciphertext = []byte("swapped")
	mixed := reshareDealing(t, ps[1], 3, set, ps[0], ps[1])
	mixed.Shares = append(mixed.Shares, reshareDealing(t, ps[0], 3, set, ps[3]).Shares...)
	oldEpoch := reshareDealing(t, ps[1], 2, set, next...)
	oldEpoch.Round = 3
	moved := reshareDealing(t, ps[1], 3, set, next...)
	moved.StudyId++
	other := crypto.Keccak256Hash([]byte("another set"))
	tests := []struct {
		name string
		req  *cohortv1.ReshareSharesSubmission
		want error
	}{
		{"a signature over other content", forged, auth.ErrBadSignature},
		{"a share for the leaver", reshareDealing(t, ps[1], 3, set, ps[0], ps[1], ps[2]), ErrMalformed},
		{"two dealers in one submission", mixed, ErrMalformed},
		{"no shares", reshareDealing(t, ps[1], 3, set), ErrMalformed},
		{"an old epoch's shares replayed", reshareDealing(t, ps[1], 2, set, next...), ErrWrongPhase},
		{"an old epoch's signature under the current epoch", oldEpoch, auth.ErrBadSignature},
		{"shares for another set", reshareDealing(t, ps[1], 3, other, next...), ErrWrongPhase},
		{"another study", moved, ErrWrongPhase},
		{"the leaver dealing", reshareDealing(t, ps[2], 3, set, next...), ErrNotParticipant},
		{"the newcomer dealing in the dealers' phase", reshareDealing(t, ps[3], 3, set, next...), ErrNotParticipant},
		{"a second dealing", reshareDealing(t, ps[0], 3, set, next...), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1, "nothing more recorded")
		})
	}
	rd, err := deliverTo(st, st.receive, reshareDealing(t, ps[1], 3, set, ps[3], ps[0], ps[1]))
	require.NoError(t, err)
	assert.True(t, rd.complete, "in any order of recipients")

	newcomers := st.newcomersDealing()
	assert.Equal(t, set, newcomers.setHash)
	sent = sentTo(newcomers.start())
	require.Len(t, sent, 1)
	assert.Contains(t, sent, ps[3].addr, "the newcomer deals its own key")
	_, err = deliverTo(newcomers, newcomers.receive, reshareDealing(t, ps[0], 3, set, next...))
	assert.ErrorIs(t, err, ErrNotParticipant, "a stayer deals once, in the dealers' phase")
	rd, err = deliverTo(newcomers, newcomers.receive, reshareDealing(t, ps[3], 3, set, next...))
	require.NoError(t, err)
	assert.True(t, rd.complete)
}

// piecesOf cuts dealer's share for each recipient into n pieces, each
// signed in its place for round and set.
func piecesOf(t *testing.T, dealer party, round uint32, set common.Hash, n int, to ...party) []*cohortv1.EncryptedShare {
	t.Helper()
	var out []*cohortv1.EncryptedShare
	for _, p := range to {
		for i := range n {
			ct := []byte(fmt.Sprintf("piece %d of %d of the sealed share for %s from %s", i, n, p.addr.Hex(), dealer.addr.Hex()))
			out = append(out, signedPiece(t, dealer, round, set, p, uint32(i), uint32(n), ct))
		}
	}
	return out
}

func signedPiece(t *testing.T, dealer party, round uint32, set common.Hash, to party, piece, pieces uint32, ct []byte) *cohortv1.EncryptedShare {
	t.Helper()
	signed, err := auth.Sign(dealer.key, stepStudy, round, auth.KindReshareShare, auth.ReshareContent(to.addr, set, piece, pieces, ct))
	require.NoError(t, err)
	return &cohortv1.EncryptedShare{Recipient: to.addr.Bytes(), Ciphertext: ct, Auth: signed, Piece: piece, Pieces: pieces}
}

// A dealing too large for one message comes in pieces over several
// submissions: it counts once every new holder has every piece of its
// share, and a piece out of place, oversized, for another round or seen
// before is refused without keeping anything of its submission.
func TestReshareDealingInPieces(t *testing.T) {
	ps, plan := reshareFixture(t)
	next := []party{ps[0], ps[1], ps[3]}
	st := plan.dealers(plan.staying)
	set := st.setHash
	sub := func(round uint32, shares ...*cohortv1.EncryptedShare) *cohortv1.ReshareSharesSubmission {
		return &cohortv1.ReshareSharesSubmission{StudyId: stepStudy, Round: round, SetHash: set.Bytes(), Shares: shares}
	}
	pieces := piecesOf(t, ps[0], 3, set, 3, next...) // 9 pieces: 3 per holder
	first := sub(3, pieces[:4]...)                   // all of ps[0]'s share, the first of ps[1]'s
	rd, err := deliverTo(st, st.receive, first)
	require.NoError(t, err)
	assert.False(t, rd.complete)
	assert.Empty(t, st.got, "a part of a dealing is not an answer")

	moved := signedPiece(t, ps[0], 3, set, ps[1], 1, 3, pieces[5].GetCiphertext())
	moved.Piece = 2
	oversized := signedPiece(t, ps[0], 3, set, ps[1], 1, 3, make([]byte, protocol.ResharePieceBytes+1))
	tests := []struct {
		name string
		req  *cohortv1.ReshareSharesSubmission
		want error
	}{
		{"a piece replayed", sub(3, pieces[4], pieces[1]), ErrDuplicate},
		{"a piece twice in one submission", sub(3, pieces[4], pieces[4]), ErrDuplicate},
		{"the whole first submission replayed", first, ErrDuplicate},
		{"a piece moved to another place", sub(3, moved), auth.ErrBadSignature},
		{"an oversized piece", sub(3, oversized), ErrMalformed},
		{"a piece past the count", sub(3, signedPiece(t, ps[0], 3, set, ps[1], 3, 3, []byte("x"))), ErrMalformed},
		{"a share in no pieces", sub(3, signedPiece(t, ps[0], 3, set, ps[1], 0, 0, []byte("x"))), ErrMalformed},
		{"a share in too many pieces", sub(3, signedPiece(t, ps[0], 3, set, ps[1], 1, protocol.MaxResharePieces+1, []byte("x"))), ErrMalformed},
		{"a share whose piece count changes", sub(3, signedPiece(t, ps[0], 3, set, ps[1], 1, 4, []byte("x"))), ErrMalformed},
		{"a piece for another round", sub(2, piecesOf(t, ps[0], 2, set, 3, ps[1])[1]), ErrWrongPhase},
		{"a piece for a leaver", sub(3, piecesOf(t, ps[0], 3, set, 3, ps[2])[0]), ErrMalformed},
		// Refused before the copies' signatures are checked, one each: the
		// last copy's bad signature is never reached.
		{"a piece repeated to fill a message", sub(3, append(slices.Repeat([]*cohortv1.EncryptedShare{pieces[4]}, 5000), moved)...), ErrDuplicate},
		{"a stranger's pieces", sub(3, piecesOf(t, newParties(t, 1)[0], 3, set, 3, ps[1])...), ErrNotParticipant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Empty(t, st.got)
			assert.Len(t, st.dealt[ps[0].addr].byHolder[ps[1].addr], 3)
			assert.Equal(t, 2, st.dealt[ps[0].addr].missing[ps[1].addr], "nothing of a refused submission kept")
		})
	}
	_, err = deliverTo(st, st.receive, sub(3, pieces[8], pieces[4], pieces[7]))
	require.NoError(t, err)
	assert.Empty(t, st.got, "ps[1] has its share, ps[3] misses a piece")
	_, err = deliverTo(st, st.receive, sub(3, pieces[5], pieces[6]))
	require.NoError(t, err)
	assert.Contains(t, st.got, ps[0].addr, "whole once every piece came, in any order")
	_, err = deliverTo(st, st.receive, sub(3, pieces[0]))
	assert.ErrorIs(t, err, ErrDuplicate, "a piece of a whole dealing")

	_, err = deliverTo(st, st.receive, reshareDealing(t, ps[1], 3, set, next...))
	require.NoError(t, err)
	confirm, err := st.confirm(nil)
	require.NoError(t, err)
	sent := sentTo(confirm.start())
	for _, p := range next {
		require.Len(t, sent[p.addr], 1)
		task := sent[p.addr][0].GetReshareKey()
		assert.Len(t, task.GetShares(), 4, "three pieces from ps[0], one from ps[1]")
		assert.EqualValues(t, 4, task.GetTotalShares())
	}
}

// Pieces too many for one task go to their holder over several, each at
// most protocol.ReshareMessageBytes of pieces, all sent again on a re-join.
func TestReshareKeyTasksSplit(t *testing.T) {
	ps, plan := reshareFixture(t)
	next := []party{ps[0], ps[1], ps[3]}
	st := plan.dealers(plan.staying)
	set := st.setHash
	big := make([]byte, protocol.ResharePieceBytes)
	for _, d := range []party{ps[0], ps[1]} {
		var shares []*cohortv1.EncryptedShare
		for _, p := range next {
			for i := range uint32(3) {
				shares = append(shares, signedPiece(t, d, 3, set, p, i, 3, big))
			}
		}
		for _, part := range protocol.PackPieces(shares, 0) {
			_, err := deliverTo(st, st.receive, &cohortv1.ReshareSharesSubmission{StudyId: stepStudy, Round: 3, SetHash: set.Bytes(), Shares: part})
			require.NoError(t, err)
		}
	}
	require.Len(t, st.got, 2)
	confirm, err := st.confirm(nil)
	require.NoError(t, err)
	opening := confirm.start()
	opening.sent() // as the driver does once it queued them
	sent := sentTo(opening)
	for _, p := range next {
		tasks := sent[p.addr]
		require.Len(t, tasks, 2, "6 pieces of 8 MiB: 4, then 2")
		total := 0
		for _, task := range tasks {
			k := task.GetReshareKey()
			assert.EqualValues(t, 6, k.GetTotalShares())
			assert.LessOrEqual(t, len(k.GetShares())*len(big), protocol.ReshareMessageBytes)
			total += len(k.GetShares())
		}
		assert.Equal(t, 6, total)
		assert.Equal(t, tasks, confirm.resend(p.addr), "every part sent again to a holder that joins again")
	}
}

func TestReshareConfirmAndCommit(t *testing.T) {
	ps, plan := reshareFixture(t)
	next := []party{ps[0], ps[1], ps[3]}
	deal := plan.dealers(plan.staying)
	set := deal.setHash
	for _, d := range []party{ps[0], ps[1]} {
		_, err := deliverTo(deal, deal.receive, reshareDealing(t, d, 3, set, next...))
		require.NoError(t, err)
	}
	newcomers := deal.newcomersDealing()
	_, err := deliverTo(newcomers, newcomers.receive, reshareDealing(t, ps[3], 3, set, next...))
	require.NoError(t, err)
	confirm, err := deal.confirm(newcomers)
	require.NoError(t, err)

	sent := sentTo(confirm.start())
	require.Len(t, sent, 3)
	for _, p := range next {
		task := sent[p.addr][0].GetReshareKey()
		require.Len(t, task.GetShares(), 3, "two dealers' shares and the newcomer's")
		assert.Equal(t, set.Bytes(), task.GetSetHash())
		for _, sh := range task.GetShares() {
			assert.Equal(t, p.addr, common.BytesToAddress(sh.GetRecipient()))
		}
	}

	confirmation := func(p party, round uint32, set common.Hash) *cohortv1.ReshareKeyConfirmation {
		signed, err := auth.Sign(p.key, stepStudy, round, auth.KindReshareKey, set)
		require.NoError(t, err)
		return &cohortv1.ReshareKeyConfirmation{StudyId: stepStudy, Round: round, SetHash: set.Bytes(), Auth: signed}
	}
	_, err = deliverTo(confirm, confirm.receive, confirmation(ps[0], 3, set))
	require.NoError(t, err)
	tests := []struct {
		name string
		req  *cohortv1.ReshareKeyConfirmation
		want error
	}{
		{"confirmation of another set", confirmation(ps[1], 3, crypto.Keccak256Hash([]byte("other"))), ErrWrongPhase},
		{"confirmation for another epoch", confirmation(ps[1], 2, set), ErrWrongPhase},
		{"the leaver", confirmation(ps[2], 3, set), ErrNotParticipant},
		{"confirmed twice", confirmation(ps[0], 3, set), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(confirm, confirm.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
		})
	}
	_, err = deliverTo(confirm, confirm.receive, confirmation(ps[3], 3, set))
	require.NoError(t, err)

	// ps[1] never confirms: the commit leaves it out.
	commit, left := confirm.commit()
	assert.Equal(t, []common.Address{ps[1].addr}, left)
	rd, err := commit.start()
	require.NoError(t, err)
	require.Len(t, rd.state, 1)
	assert.Equal(t, holdersStateName, rd.state[0].name)
	var kept holderState
	require.NoError(t, json.Unmarshal(rd.state[0].data, &kept))
	assert.Equal(t, map[common.Address]uint64{ps[0].addr: 1, ps[3].addr: 4}, kept.Points)
	assert.Equal(t, set, kept.SetHash)
	assert.EqualValues(t, 3, kept.Epoch)
	assert.EqualValues(t, 5, kept.NextPoint, "the unconfirmed newcomer's point is never given again")
	sent = sentTo(rd)
	require.Len(t, sent, 2, "the commit goes to the holders that confirmed")
	assert.Equal(t, set.Bytes(), sent[ps[3].addr][0].GetReshareCommit().GetSetHash())
	// The commit proves itself to the holders: the set and the signed
	// confirmations, also after a restart (from the kept state).
	for _, task := range []*cohortv1.ReshareCommitTask{sent[ps[3].addr][0].GetReshareCommit(), commitTaskOf(stepStudy, kept).GetReshareCommit()} {
		signers, err := auth.VerifyReshareCommit(stepStudy, task)
		require.NoError(t, err)
		assert.Equal(t, []common.Address{ps[0].addr, ps[3].addr}, signers)
	}
	assert.Nil(t, commitTaskOf(stepStudy, holderState{}), "no commit before the first re-sharing")
}

// A dealer announces how many pieces its share takes, up to
// protocol.MaxResharePieces of protocol.ResharePieceBytes each: 32 GB per
// new holder that the coordinator would keep in memory, or wait for. It may
// send one holder no more than a sealed share of the keys dealt takes
// (protocol.SealedShareBytes), a newcomer no more than one key's, in no
// more pieces than that many bytes are cut into.
func TestReshareDealingBoundedBySize(t *testing.T) {
	ps, plan := reshareFixture(t)
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	plan.boundShares(scheme, holderState{Points: plan.old, NextPoint: 4})
	require.Equal(t, scheme.ThresholdShareBytes(3, 3, 2)+auth.SealOverhead, plan.shareBytes, "three keys, three new holders, two re-sharers")
	require.Equal(t, scheme.ThresholdShareBytes(1, 3, 0)+auth.SealOverhead, plan.ownKeyBytes)
	require.Less(t, plan.shareBytes, protocol.ResharePieceBytes, "one piece at the test parameters")

	st := plan.dealers(plan.staying)
	set := st.setHash
	sub := func(shares ...*cohortv1.EncryptedShare) *cohortv1.ReshareSharesSubmission {
		return &cohortv1.ReshareSharesSubmission{StudyId: stepStudy, Round: 3, SetHash: set.Bytes(), Shares: shares}
	}
	for _, tc := range []struct {
		name string
		req  *cohortv1.ReshareSharesSubmission
		want string
	}{
		{"a share announced in 4096 pieces", sub(signedPiece(t, ps[0], 3, set, ps[1], 0, protocol.MaxResharePieces, []byte("x"))), "announced in 4096 pieces"},
		{"a share in two pieces where one holds it", sub(signedPiece(t, ps[0], 3, set, ps[1], 0, 2, []byte("x"))), "announced in 2 pieces"},
		{"a share in one piece past the bound", sub(signedPiece(t, ps[0], 3, set, ps[1], 0, 1, make([]byte, plan.shareBytes+1))), fmt.Sprintf("come to %d bytes", plan.shareBytes+1)},
	} {
		_, err = deliverTo(st, st.receive, tc.req)
		require.ErrorIs(t, err, ErrMalformed, tc.name)
		assert.ErrorContains(t, err, tc.want, tc.name)
		assert.ErrorContains(t, err, "3 keys", tc.name)
		assert.Nil(t, st.dealt[ps[0].addr], "%s: nothing kept", tc.name)
	}
	// A whole share at the bound is taken.
	_, err = deliverTo(st, st.receive, sub(signedPiece(t, ps[0], 3, set, ps[3], 0, 1, make([]byte, plan.shareBytes))))
	require.NoError(t, err)

	// A newcomer deals one key.
	nc := st.newcomersDealing()
	_, err = deliverTo(nc, nc.receive, sub(signedPiece(t, ps[3], 3, set, ps[0], 0, 1, make([]byte, plan.ownKeyBytes+1))))
	require.ErrorIs(t, err, ErrMalformed)
	_, err = deliverTo(nc, nc.receive, sub(signedPiece(t, ps[3], 3, set, ps[0], 0, 1, make([]byte, plan.ownKeyBytes))))
	require.NoError(t, err)

	// Past 8 MiB a share comes in several pieces: their bytes, over several
	// submissions, are bounded all the same.
	plan.boundShares(scheme, holderState{Points: plan.old, NextPoint: 4 + uint64(2*protocol.ResharePieceBytes/scheme.ThresholdShareBytes(1, 3, 0))})
	st = plan.dealers(plan.staying)
	pieces := protocol.SharePieces(plan.shareBytes, 0)
	require.EqualValues(t, 3, pieces)
	full := make([]byte, protocol.ResharePieceBytes)
	for i := range pieces - 1 {
		_, err = deliverTo(st, st.receive, sub(signedPiece(t, ps[0], 3, set, ps[1], i, pieces, full)))
		require.NoError(t, err, "piece %d within the bound", i)
	}
	_, err = deliverTo(st, st.receive, sub(signedPiece(t, ps[0], 3, set, ps[1], pieces-1, pieces, full)))
	require.ErrorIs(t, err, ErrMalformed, "the last one past it")
	assert.Equal(t, 2*protocol.ResharePieceBytes, st.dealt[ps[0].addr].bytes[ps[1].addr], "nothing of the refused piece kept")
}

// joinerKeyFixture is the collective key of parties, and what makes the
// encoded public-key share of a party for a CRS.
func joinerKeyFixture(t *testing.T, parties []party) (*aggregation.Scheme, *aggregation.PublicKey, func(crs [32]byte, of party) []byte) {
	t.Helper()
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	crs := aggregation.CommonSeed([]byte("study crs"))
	keyShare := func(crs [32]byte, of party) []byte {
		pks, err := scheme.GenPublicKeyShare(scheme.GenSecretShareFor(aggregation.DealerID(stepStudy, of.addr.Bytes())), crs)
		require.NoError(t, err)
		b, err := pks.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	var shares []*aggregation.PublicKeyShare
	for _, p := range parties {
		pks := new(aggregation.PublicKeyShare)
		require.NoError(t, pks.UnmarshalBinary(keyShare(crs, p)))
		shares = append(shares, pks)
	}
	pk, err := scheme.CombinePublicKey(crs, shares)
	require.NoError(t, err)
	return scheme, pk, keyShare
}

// In an encrypted study a newcomer deals its own key with its public-key
// share for the collective key's CRS, signed by it: the holders' dealing
// check of what it dealt needs it. A dealing without it, or with a share
// that is not the newcomer's own and well-formed, is refused with what is
// wrong, and nothing of it is kept; the share that passes goes to the
// re-sharing's check (joinerKeys).
func TestNewcomerDealsWithItsPublicKeyShare(t *testing.T) {
	ps, plan := reshareFixture(t)
	next := []party{ps[0], ps[1], ps[3]}
	joiner := ps[3]
	scheme, pk, keyShare := joinerKeyFixture(t, ps[:3])

	deal := plan.dealers(plan.staying)
	set := deal.setHash
	for _, d := range []party{ps[0], ps[1]} {
		_, err := deliverTo(deal, deal.receive, reshareDealing(t, d, 3, set, next...))
		require.NoError(t, err)
	}
	nc := deal.newcomersDealing()
	check := checkJoinerKey(scheme, pk, stepStudy, nil)
	nc.checkKey = func(k SignedPKShare) error { return check(k.Dealer, k.Share) }
	withKey := func(share []byte, signer party) *cohortv1.ReshareSharesSubmission {
		sub := reshareDealing(t, joiner, 3, set, next...)
		signed, err := auth.Sign(signer.key, stepStudy, 3, auth.KindPublicKey, crypto.Keccak256Hash(share))
		require.NoError(t, err)
		sub.PublicKeyShare, sub.PublicKeyShareAuth = share, signed
		return sub
	}
	unsigned := withKey(keyShare(pk.CRS(), joiner), joiner)
	unsigned.PublicKeyShareAuth = nil
	for _, tc := range []struct {
		name string
		req  *cohortv1.ReshareSharesSubmission
		want error
		says string
	}{
		{"no public-key share", reshareDealing(t, joiner, 3, set, next...), ErrMalformed, "dealt its own key without its public-key share"},
		{"an unsigned one", unsigned, auth.ErrBadSignature, "not signed"},
		{"one signed by another member", withKey(keyShare(pk.CRS(), joiner), ps[0]), ErrMalformed, "is signed by " + ps[0].addr.Hex()},
		{"bytes that are no share", withKey([]byte("not a key share"), joiner), ErrMalformed, "public-key share"},
		{"another member's", withKey(keyShare(pk.CRS(), ps[1]), joiner), ErrMalformed, "must send the public-key share of the key it deals"},
		{"one for another CRS", withKey(keyShare(aggregation.CommonSeed([]byte("another crs")), joiner), joiner), ErrMalformed, "another CRS than the collective key's"},
	} {
		_, err := deliverTo(nc, nc.receive, tc.req)
		require.ErrorIs(t, err, tc.want, tc.name)
		assert.ErrorContains(t, err, tc.says, tc.name)
		assert.Nil(t, nc.dealt[joiner.addr], "%s: nothing kept", tc.name)
	}
	own := keyShare(pk.CRS(), joiner)
	rd, err := deliverTo(nc, nc.receive, withKey(own, joiner))
	require.NoError(t, err)
	assert.True(t, rd.complete)

	// A re-sharing dealer has no key of its own to send.
	again := plan.dealers(plan.staying)
	sub := reshareDealing(t, ps[0], 3, set, next...)
	sub.PublicKeyShare = keyShare(pk.CRS(), ps[0])
	sub.PublicKeyShareAuth, err = auth.Sign(ps[0].key, stepStudy, 3, auth.KindPublicKey, crypto.Keccak256Hash(sub.PublicKeyShare))
	require.NoError(t, err)
	_, err = deliverTo(again, again.receive, sub)
	require.ErrorIs(t, err, ErrMalformed)
	assert.ErrorContains(t, err, "only a member dealing its own key sends one")

	confirm, err := deal.confirm(nc)
	require.NoError(t, err)
	assert.Equal(t, map[common.Address][]byte{joiner.addr: own}, confirm.joinerKeys, "the newcomer's key share goes to the check")
	confirm.check = &dealingCheckAsk{seed: [32]byte{1}, dealers: []common.Address{ps[0].addr, ps[1].addr}, joiners: []common.Address{joiner.addr}, sets: [][]aggregation.ShamirPoint{{1, 2}, {2, 4}}}
	task := sentTo(confirm.start())[ps[1].addr][0].GetReshareKey()
	assert.Equal(t, [][]byte{joiner.addr.Bytes()}, task.GetDealingCheckJoiners(), "each holder checks the joiner's key alone")
	err = confirm.check.checkAnswer(ps[1].addr, 2, make([][]byte, 2))
	assert.ErrorContains(t, err, "want 4", "two sets hold point 2, for the dealers' check and the joiner's")
}
