package coordinator

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// thresholdDealing is dealer's shares to the listed recipients, signed for
// round.
func thresholdDealing(t *testing.T, dealer party, round uint32, to ...party) []*cohortv1.EncryptedShare {
	t.Helper()
	var out []*cohortv1.EncryptedShare
	for _, p := range to {
		ct := []byte("sealed share for " + p.addr.Hex() + " from " + dealer.addr.Hex())
		signed, err := auth.Sign(dealer.key, stepStudy, round, auth.KindThresholdShare, auth.ShareContent(p.addr, ct))
		require.NoError(t, err)
		out = append(out, &cohortv1.EncryptedShare{Recipient: p.addr.Bytes(), Ciphertext: ct, Auth: signed})
	}
	return out
}

func TestThresholdDealStepRefusesHostileDealings(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	st := newThresholdDealStep(stepStudy, 2, holdersOf(ps))
	sent := sentTo(st.start())
	require.Len(t, sent, 3)
	assert.Len(t, sent[ps[0].addr][0].GetThreshold().GetHolders(), 3)
	assert.EqualValues(t, 2, sent[ps[0].addr][0].GetThreshold().GetThreshold())

	sub := func(shares []*cohortv1.EncryptedShare) *cohortv1.ThresholdSharesSubmission {
		return &cohortv1.ThresholdSharesSubmission{StudyId: stepStudy, Shares: shares}
	}
	_, err := deliverTo(st, st.receive, sub(thresholdDealing(t, ps[0], 0, ps...)))
	require.NoError(t, err)

	forged := thresholdDealing(t, ps[1], 0, ps...)
	forged[2].Ciphertext = []byte("swapped")
	mixed := append(thresholdDealing(t, ps[1], 0, ps[0], ps[1]), thresholdDealing(t, ps[2], 0, ps[2])...)
	twice := append(thresholdDealing(t, ps[1], 0, ps...), thresholdDealing(t, ps[1], 0, ps[0])...)
	tests := []struct {
		name string
		req  *cohortv1.ThresholdSharesSubmission
		want error
	}{
		{"a signature over other content", sub(forged), auth.ErrBadSignature},
		{"a share for a stranger", sub(thresholdDealing(t, ps[1], 0, ps[0], ps[1], stranger)), ErrMalformed},
		{"a holder left out", sub(thresholdDealing(t, ps[1], 0, ps[0], ps[1])), ErrMalformed},
		{"two shares for one holder", sub(twice), ErrMalformed},
		{"two dealers in one submission", sub(mixed), ErrMalformed},
		{"no shares", sub(nil), ErrMalformed},
		{"signed for round 1", sub(thresholdDealing(t, ps[1], 1, ps...)), auth.ErrBadSignature},
		{"another study", &cohortv1.ThresholdSharesSubmission{StudyId: stepStudy + 1, Shares: thresholdDealing(t, ps[1], 0, ps...)}, ErrWrongPhase},
		{"a dealer not asked", sub(thresholdDealing(t, stranger, 0, ps...)), ErrNotParticipant},
		{"a replay", sub(thresholdDealing(t, ps[0], 0, ps...)), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(st, st.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
			assert.Len(t, st.got, 1, "nothing more recorded")
		})
	}
}

func TestThresholdStepsRelayAndConfirm(t *testing.T) {
	ps := newParties(t, 3)
	stranger := newParties(t, 1)[0]
	deal := newThresholdDealStep(stepStudy, 2, holdersOf(ps))
	deal.start()
	var rd ready
	var err error
	for _, d := range ps {
		rd, err = deliverTo(deal, deal.receive, &cohortv1.ThresholdSharesSubmission{StudyId: stepStudy, Shares: thresholdDealing(t, d, 0, ps...)})
		require.NoError(t, err)
	}
	assert.True(t, rd.complete)
	pkHash := crypto.Keccak256Hash([]byte("collective key"))
	confirm, err := deal.finish(pkHash)
	require.NoError(t, err)

	sent := sentTo(confirm.start())
	require.Len(t, sent, 3)
	for _, p := range ps {
		shares := sent[p.addr][0].GetThresholdKey().GetShares()
		require.Len(t, shares, 3, "one share from each dealer")
		for _, sh := range shares {
			assert.Equal(t, p.addr, common.BytesToAddress(sh.GetRecipient()), "only shares addressed to it")
		}
	}

	confirmation := func(p party, over common.Hash, study uint64) *cohortv1.ThresholdKeyConfirmation {
		signed, err := auth.Sign(p.key, stepStudy, 0, auth.KindThresholdKey, crypto.Keccak256Hash(over.Bytes()))
		require.NoError(t, err)
		return &cohortv1.ThresholdKeyConfirmation{StudyId: study, Auth: signed}
	}
	_, err = deliverTo(confirm, confirm.receive, confirmation(ps[0], pkHash, stepStudy))
	require.NoError(t, err)
	tests := []struct {
		name string
		req  *cohortv1.ThresholdKeyConfirmation
		want error
	}{
		{"for another key", confirmation(ps[1], crypto.Keccak256Hash([]byte("other key")), stepStudy), auth.ErrBadSignature},
		{"another study", confirmation(ps[1], pkHash, stepStudy+1), ErrWrongPhase},
		{"a stranger", confirmation(stranger, pkHash, stepStudy), ErrNotParticipant},
		{"confirmed twice", confirmation(ps[0], pkHash, stepStudy), ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deliverTo(confirm, confirm.receive, tt.req)
			assert.ErrorIs(t, err, tt.want)
		})
	}
	for _, p := range ps[1:] {
		rd, err = deliverTo(confirm, confirm.receive, confirmation(p, pkHash, stepStudy))
		require.NoError(t, err)
	}
	assert.True(t, rd.complete)
}

func TestThresholdDealStepRefusesUnreadableDealings(t *testing.T) {
	ps := newParties(t, 2)
	deal := newThresholdDealStep(stepStudy, 2, holdersOf(ps))
	deal.got[ps[0].addr] = []byte("\xff not a submission")
	_, err := deal.finish(common.Hash{})
	assert.Error(t, err)
}

// sealedDealing is dealer's honest dealing of its key to ps at points 1..n
// (holdersOf): each share a real ThresholdShare sealed to its holder.
func sealedDealing(t *testing.T, scheme *aggregation.Scheme, dealer party, threshold int, ps []party) []*cohortv1.EncryptedShare {
	t.Helper()
	points := make([]aggregation.ShamirPoint, len(ps))
	for i := range ps {
		points[i] = aggregation.ShamirPoint(i + 1)
	}
	dealt, err := scheme.GenThresholdShares(scheme.GenSecretShareFor(aggregation.DealerID(stepStudy, dealer.addr.Bytes())), threshold, points)
	require.NoError(t, err)
	var out []*cohortv1.EncryptedShare
	for i, p := range ps {
		plain, err := dealt[points[i]].MarshalBinary()
		require.NoError(t, err)
		sealed, err := auth.SealTo(&p.key.PublicKey, plain)
		require.NoError(t, err)
		signed, err := auth.Sign(dealer.key, stepStudy, 0, auth.KindThresholdShare, auth.ShareContent(p.addr, sealed))
		require.NoError(t, err)
		out = append(out, &cohortv1.EncryptedShare{Recipient: p.addr.Bytes(), Ciphertext: sealed, Auth: signed})
	}
	return out
}

// A dealer's share of its key to one holder could be of any size its
// message allowed: a dealer that sent one holder a share of 64 MiB less a
// little, and the others a byte each (its own message within the 64 MiB
// gRPC limit), made that holder's relay, its share with every other
// dealer's, larger than any message the coordinator sends, so the holder
// never got its shares, never confirmed, and key generation stalled
// blaming the holder, not the dealer; every dealer could also make the
// coordinator hold 64 MiB. A share of the initial dealing now takes at
// most what a sealed share of one key to the holders takes
// (protocol.SealedShareBytes), as a re-sharing's does.
func TestThresholdDealingBoundedBySize(t *testing.T) {
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	ps := newParties(t, 3)
	bound := protocol.SealedShareBytes(scheme, 1, len(ps), 0)
	st := newThresholdDealStep(stepStudy, 2, holdersOf(ps)).boundShares(scheme)
	st.start()

	// ps[0] sends ps[1] size bytes and the others a byte each.
	oversized := func(size int) *cohortv1.ThresholdSharesSubmission {
		sub := &cohortv1.ThresholdSharesSubmission{StudyId: stepStudy}
		for i, p := range ps {
			ct := []byte{1}
			if i == 1 {
				ct = make([]byte, size)
			}
			signed, err := auth.Sign(ps[0].key, stepStudy, 0, auth.KindThresholdShare, auth.ShareContent(p.addr, ct))
			require.NoError(t, err)
			sub.Shares = append(sub.Shares, &cohortv1.EncryptedShare{Recipient: p.addr.Bytes(), Ciphertext: ct, Auth: signed})
		}
		require.LessOrEqual(t, proto.Size(sub), MaxMessageBytes, "a message the dealer can send")
		return sub
	}
	for name, size := range map[string]int{
		"one byte over a sealed share of one key": bound + 1,
		"a relay beyond the gRPC message limit":   MaxMessageBytes - 4096,
	} {
		_, err := deliverTo(st, st.receive, oversized(size))
		require.ErrorIs(t, err, ErrTooLarge, name)
		assert.Contains(t, err.Error(), ps[0].addr.Hex(), "names the dealer")
		assert.Contains(t, err.Error(), fmt.Sprintf("at most %d", bound))
		assert.Empty(t, st.got, "%s: nothing recorded", name)
	}

	var rd ready
	for _, d := range ps {
		shares := sealedDealing(t, scheme, d, 2, ps)
		for _, sh := range shares {
			require.LessOrEqual(t, len(sh.GetCiphertext()), bound, "an honest share is within the bound")
		}
		rd, err = deliverTo(st, st.receive, &cohortv1.ThresholdSharesSubmission{StudyId: stepStudy, Shares: shares})
		require.NoError(t, err)
	}
	require.True(t, rd.complete)
	confirm, err := st.finish(common.Hash{1})
	require.NoError(t, err)
	for a, tasks := range sentTo(confirm.start()) {
		assert.LessOrEqual(t, proto.Size(tasks[0]), len(ps)*(bound+1024), "the relay to %s", a.Hex())
	}
}
