package participant

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// recordTable puts a score table on chain for tr's round: the honest
// weights and scores, flagged as flag says, and the extra entries; it
// returns the endorse task for it.
func (f *trustFixture) recordTable(t *testing.T, tr *trustRound, flag map[int]bool, extra ...contracts.Score) *cohortv1.EndorseTask {
	t.Helper()
	var rec []contracts.Score
	for i, w := range tr.weights {
		rec = append(rec, contracts.Score{Member: f.accounts[i].Address(), Score: tr.trust[i].Cosine, Weight: w, Flagged: flag[i]})
	}
	_, err := f.ledger.RecordScores(f.ctx, f.coord, f.study, tr.round, append(rec, extra...))
	require.NoError(t, err)
	round, err := f.ledger.Round(f.ctx, f.study, tr.round)
	require.NoError(t, err)
	task := &cohortv1.EndorseTask{StudyId: f.study, Round: tr.round, ScoresHash: round.ScoresHash.Bytes(), Trust: tr.evidence}
	for _, a := range f.accounts {
		task.Contributors = append(task.Contributors, a.Address().Bytes())
	}
	return task
}

// A participant endorses a round's recorded scores only once it has
// re-derived them, as a holder does before it decrypts: a coordinator that
// frames an honest hospital, slips in a flagged entry for a member nobody
// scored, forges the score shares, names another scores hash, study or
// round, or asks a second time gets no endorsement, and no strike. A
// participant that holds no key share (off the decryption committee)
// re-derives alike.
func TestParticipantEndorsesOnlyScoresItReDerives(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f := newTrustFixture(t, ctx)
	p := f.participant()
	nonHolder := f.participant()
	nonHolder.sealer = &homomorphicSealer{scheme: f.sealers[1].scheme, id: f.sealers[1].id, secret: f.sealers[1].secret} // no threshold share
	h1 := f.accounts[0].Address()

	// Round 1: the coordinator flags honest hospital 1 (a round of three
	// flags nobody: MinRelativeUpdates); the scores were decrypted by every
	// set of three holders at threshold 2, so they are cross-checked.
	tr := f.openRoundWith(t, 1, []uint64{1, 2, 3}, 0)
	framed := f.recordTable(t, tr, map[int]bool{0: true})
	withTask := func(edit func(task *cohortv1.EndorseTask)) *cohortv1.EndorseTask {
		task := proto.Clone(framed).(*cohortv1.EndorseTask)
		edit(task)
		return task
	}
	stranger := mustKey(t)
	forged := withTask(func(task *cohortv1.EndorseTask) {
		var sub cohortv1.ScoreSharesSubmission
		require.NoError(t, proto.Unmarshal(task.Trust.ScoreSubmissions[0], &sub))
		b := append([]byte(nil), sub.Shares[0]...)
		b[len(b)-1] ^= 1
		sub.Shares[0] = b
		var err error
		sub.Auth, err = auth.Sign(stranger, f.study, 1, auth.KindScoreShares, auth.ScoreSharesContent(sub.ActivePoints, sub.Shares))
		require.NoError(t, err)
		task.Trust.ScoreSubmissions[0] = must(proto.Marshal(&sub))
	})
	refusals := []struct {
		name string
		who  *Participant
		task *cohortv1.EndorseTask
		text string
	}{
		{"a table framing an honest hospital", p, framed, h1.Hex() + " is recorded as flagged true, but the decrypted scores and the study's robust policy give false"},
		{"a table framing an honest hospital, asked off the committee", nonHolder, framed, h1.Hex() + " is recorded as flagged true"},
		{"score shares forged and signed by a non-participant", p, forged, "not a participant"},
		{"no trust evidence", p, withTask(func(task *cohortv1.EndorseTask) { task.Trust = nil }), "carries no trust evidence"},
		{"another scores hash", p, withTask(func(task *cohortv1.EndorseTask) { task.ScoresHash = common.Hash{9}.Bytes() }), "the chain records"},
		{"a short scores hash", p, withTask(func(task *cohortv1.EndorseTask) { task.ScoresHash = []byte{1} }), "1-byte scores hash"},
		{"another study", p, withTask(func(task *cohortv1.EndorseTask) { task.StudyId++ }), "this node serves study"},
		{"a contributor left out", p, withTask(func(task *cohortv1.EndorseTask) { task.Contributors = task.Contributors[:2] }), "which is not among the 2 contributors scored"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.who.endorse(ctx, tt.task)
			require.ErrorIs(t, err, ErrChainMismatch)
			require.ErrorContains(t, err, tt.text)
			require.Zero(t, f.client.submitted, "no endorsement left the site")
		})
	}
	t.Run("a round not opened", func(t *testing.T) {
		err := p.endorse(ctx, withTask(func(task *cohortv1.EndorseTask) { task.Round = 2 }))
		require.ErrorIs(t, err, contracts.ErrRoundNotFound)
		require.Zero(t, f.client.submitted)
	})
	f.closeRound(t, 1)
	t.Run("a round the chain has closed", func(t *testing.T) {
		err := p.endorse(ctx, framed)
		require.ErrorIs(t, err, ErrChainMismatch)
		require.ErrorContains(t, err, "closed")
	})

	// Round 2: the honest table flags nobody; round 3: it adds a flagged
	// entry for a member that contributed nothing (the coordinator's
	// account stands in), which the holders' re-derivation never covers.
	tr = f.openRound(t, 2)
	t.Run("a table flagging nobody", func(t *testing.T) {
		err := p.endorse(ctx, f.recordTable(t, tr, nil))
		require.ErrorIs(t, err, ErrChainMismatch)
		require.ErrorContains(t, err, "flag nobody: there is nothing to endorse")
	})
	f.closeRound(t, 2)
	tr = f.openRound(t, 3)
	outsider := contracts.Score{Member: f.coord.Address(), Flagged: true}
	slipped := f.recordTable(t, tr, nil, outsider)
	t.Run("a flagged entry for a member nobody scored", func(t *testing.T) {
		err := p.endorse(ctx, slipped)
		require.ErrorIs(t, err, ErrChainMismatch)
		require.ErrorContains(t, err, "name "+outsider.Member.Hex()+", which is not among the 3 contributors scored")
		// A holder decrypts the round (its contributors' weights and flags
		// check) but does not endorse its table.
		task := &cohortv1.DecryptTask{StudyId: f.study, Round: 3, Contributors: slipped.Contributors, Weights: tr.weights, ActivePoints: []uint64{1, 2}, Trust: tr.evidence, AggregateHash: common.Hash{1}.Bytes()}
		agg, err := f.scheme.WeightedSum(tr.updates, tr.weights)
		require.NoError(t, err)
		task.AggregateHash = f.serve(t, must(agg.MarshalBinary())).Bytes()
		require.NoError(t, p.decrypt(ctx, task))
		require.Equal(t, 1, f.client.submitted)
		require.Empty(t, f.client.last.GetScoresEndorsement(), "no endorsement with the decryption share")
	})

	// Round 4: scores decrypted by one set of t = 2 holders, with nothing
	// to compare them with, strike no one: one lying holder among them
	// could have framed the member they flag.
	f.closeRound(t, 3)
	tr = f.openRound(t, 4)
	t.Run("scores of a single set of holders", func(t *testing.T) {
		sent := f.client.submitted
		err := p.endorse(ctx, f.recordTable(t, tr, map[int]bool{2: true}))
		require.ErrorIs(t, err, ErrChainMismatch)
		require.ErrorContains(t, err, "decrypted by a single set of 2 holders")
		require.Equal(t, sent, f.client.submitted, "no endorsement left the site")
	})

	// A node asked again for a round it endorsed refuses, restarted too:
	// what it endorsed is kept in its data directory.
	t.Run("asked again after a restart", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.MkdirAll(filepath.Join(dir, endorsedDir), 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(dir, endorsedDir, roundRecordName(3)), []byte(common.Hash{7}.Hex()), 0o600))
		again := f.participant()
		again.cfg.DataDir = dir
		require.NoError(t, again.loadDecrypted())
		err := again.endorse(ctx, slipped)
		require.ErrorIs(t, err, ErrChainMismatch)
		require.ErrorContains(t, err, "asked again to endorse round 3's scores")
	})
}
