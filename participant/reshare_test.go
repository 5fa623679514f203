package participant

import (
	"context"
	"crypto/ecdsa"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/contracts"
)

// reshareClient is a coordinator that takes every re-sharing confirmation.
type reshareClient struct {
	cohortv1.CoordinatorClient
	confirmed int
}

func (c *reshareClient) ConfirmReshareKey(context.Context, *cohortv1.ReshareKeyConfirmation, ...grpc.CallOption) (*cohortv1.Ack, error) {
	c.confirmed++
	return &cohortv1.Ack{}, nil
}

// A new holder takes a re-sharing share only if it is addressed to it,
// signed by a distinct dealer of the set for this epoch and set, and the
// set is the chain's: a coordinator (or a removed party) cannot slip in a
// share for another party, a forged share, or one replayed from an earlier
// re-sharing, nor give a share to a non-participant.
func TestReshareKeyRefusesHostileShares(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	keys := []*ecdsa.PrivateKey{mustKey(t), mustKey(t), mustKey(t)}
	stranger := mustKey(t)
	accounts := make([]*contracts.Account, len(keys))
	funded := []common.Address{crypto.PubkeyToAddress(stranger.PublicKey)}
	var founders []contracts.Member
	for i, k := range keys {
		accounts[i] = contracts.NewAccount(k)
		funded = append(funded, accounts[i].Address())
		founders = append(founders, contracts.Member{Address: accounts[i].Address(), Name: "h", TLSFingerprint: common.Hash{byte(i + 1)}})
	}
	coord := contracts.NewAccount(mustKey(t))
	funded = append(funded, coord.Address())
	chain, err := contracts.NewSimulatedChain(funded...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	ledger, _, err := contracts.Deploy(ctx, chain, accounts[0], founders)
	require.NoError(t, err)
	study, _, err := ledger.CreateStudy(ctx, accounts[0], contracts.StudyParams{
		SpecHash: common.Hash{1}, Purpose: common.Hash{2}, Rounds: 3, MinParticipants: 2, Threshold: 2,
		StrikeLimit: 3, ReferenceCommitment: common.Hash{3}, Coordinator: coord.Address(),
	})
	require.NoError(t, err)

	// Threshold key generation among hospitals 1 and 2 at points 1, 2.
	scheme, err := aggregation.NewScheme(testConfig())
	require.NoError(t, err)
	pk, dealers := joinWithKey(ctx, t, ledger, study, scheme, "reshare test", accounts[:2])
	pkBytes, err := pk.MarshalBinary()
	require.NoError(t, err)
	dealt := make([]map[uint64][]byte, 2)
	for i, s := range dealers {
		dealt[i], err = s.thresholdShares(2, []uint64{1, 2})
		require.NoError(t, err)
	}
	for i, s := range dealers {
		require.NoError(t, s.thresholdKey(pkBytes, uint64(i+1), [][]byte{dealt[0][uint64(i+1)], dealt[1][uint64(i+1)]}))
	}
	_, err = ledger.SetPublicKeyHash(ctx, coord, study, pk.Hash())
	require.NoError(t, err)
	// Hospital 3 joins before round 1: the re-sharing before round 1 gives it point 3.
	_, err = ledger.JoinStudy(ctx, accounts[2], study)
	require.NoError(t, err)

	holder := func(k *ecdsa.PrivateKey, point uint64) *cohortv1.ShareHolder {
		return &cohortv1.ShareHolder{Address: crypto.PubkeyToAddress(k.PublicKey).Bytes(), Point: point, PublicKey: crypto.FromECDSAPub(&k.PublicKey)}
	}
	dealerSet := []*cohortv1.ShareHolder{{Address: accounts[0].Address().Bytes(), Point: 1}, {Address: accounts[1].Address().Bytes(), Point: 2}}
	holders := []*cohortv1.ShareHolder{holder(keys[0], 1), holder(keys[1], 2), holder(keys[2], 3)}
	me := accounts[2].Address()
	// shares deals honest shares for the set and lets mutate change each
	// (dealer index, share) before it is signed.
	shares := func(round uint32, set []*cohortv1.ShareHolder, signRound uint32, to common.Address, signers ...int) []*cohortv1.EncryptedShare {
		setHash := auth.ReshareSetHash(study, round, 2, dealerSet, set)
		var out []*cohortv1.EncryptedShare
		for _, i := range signers {
			plain, err := dealers[i].reshareShares([]uint64{1, 2}, 2, []uint64{1, 2, 3})
			require.NoError(t, err)
			sealed, err := auth.SealTo(&keys[2].PublicKey, plain[3])
			require.NoError(t, err)
			signed, err := auth.Sign(keys[i], study, signRound, auth.KindReshareShare, auth.ReshareContent(to, setHash, 0, 1, sealed))
			require.NoError(t, err)
			out = append(out, &cohortv1.EncryptedShare{Recipient: to.Bytes(), Ciphertext: sealed, Auth: signed, Pieces: 1})
		}
		return out
	}
	task := func(round uint32, set []*cohortv1.ShareHolder, sh []*cohortv1.EncryptedShare) *cohortv1.ReshareKeyTask {
		return &cohortv1.ReshareKeyTask{StudyId: study, Round: round, Threshold: 2, Dealers: dealerSet, Holders: set,
			SetHash: auth.ReshareSetHash(study, round, 2, dealerSet, set).Bytes(), Shares: sh}
	}
	client := &reshareClient{}
	p := &Participant{
		steps: steps{name: "h3", studyID: study, self: accounts[2].Address(), key: keys[2], sealer: &homomorphicSealer{scheme: scheme}},
		cfg:   Config{Name: "h3", StudyID: study}, client: client, ledger: ledger, account: accounts[2],
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	withStranger := []*cohortv1.ShareHolder{holder(keys[0], 1), holder(keys[1], 2), holder(stranger, 3)}
	forged := shares(1, holders, 1, me, 0, 1)
	forged[1].Ciphertext = append([]byte(nil), forged[0].Ciphertext...) // dealer 2's signature over dealer 1's share

	byNonDealer := shares(1, holders, 1, me, 0, 1)
	byNonDealer[1].Auth, err = auth.Sign(keys[2], study, 1, auth.KindReshareShare,
		auth.ReshareContent(me, auth.ReshareSetHash(study, 1, 2, dealerSet, holders), 0, 1, byNonDealer[1].Ciphertext))
	require.NoError(t, err)

	refusals := []struct {
		name string
		task *cohortv1.ReshareKeyTask
		want error
	}{
		{"a share addressed to another party", task(1, holders, shares(1, holders, 1, accounts[1].Address(), 0, 1)), ErrChainMismatch},
		{"a signature over other content", task(1, holders, forged), auth.ErrBadSignature},
		{"a share signed by a non-dealer", task(1, holders, byNonDealer), ErrChainMismatch},
		{"one dealer twice", task(1, holders, shares(1, holders, 1, me, 0, 0)), ErrChainMismatch},
		{"a dealer missing", task(1, holders, shares(1, holders, 1, me, 0)), ErrChainMismatch},
		{"a share replayed from another epoch", task(1, holders, shares(1, holders, 7, me, 0, 1)), auth.ErrBadSignature},
		{"a re-sharing for a later round than the chain's next", task(2, holders, shares(2, holders, 2, me, 0, 1)), ErrChainMismatch},
		{"a non-participant among the holders", task(1, withStranger, shares(1, withStranger, 1, me, 0, 1)), ErrChainMismatch},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			err := p.reshareKey(ctx, tt.task)
			require.ErrorIs(t, err, tt.want)
			assert.Zero(t, client.confirmed, "nothing confirmed")
			assert.Nil(t, p.pending, "nothing kept")
		})
	}
	wrongSet := task(1, holders, shares(1, holders, 1, me, 0, 1))
	wrongSet.SetHash = crypto.Keccak256([]byte("another set"))
	require.ErrorIs(t, p.reshareKey(ctx, wrongSet), ErrChainMismatch, "a set hash that is not the set's")

	// The honest re-sharing: kept pending, confirmed, then committed.
	require.NoError(t, p.reshareKey(ctx, task(1, holders, shares(1, holders, 1, me, 0, 1))))
	assert.Equal(t, 1, client.confirmed)
	require.NotNil(t, p.pending)
	err = p.reshareCommit(ctx, &cohortv1.ReshareCommitTask{StudyId: study, Round: 1, SetHash: crypto.Keccak256([]byte("other"))})
	require.ErrorIs(t, err, errNoPendingShare, "a commit of another re-sharing")
	commit := commitOf(t, study, task(1, holders, nil), keys[0], keys[2])
	require.NoError(t, p.reshareCommit(ctx, commit))
	assert.Equal(t, uint64(3), p.point)
	require.NoError(t, p.reshareCommit(ctx, commit), "a commit applied again is a no-op")
}

// joinWithKey joins the accounts to the study on chain and runs collective
// key generation among them; it returns the key and their sealers.
func joinWithKey(ctx context.Context, t *testing.T, ledger *contracts.Ledger, study uint64, scheme *aggregation.Scheme, seed string, accounts []*contracts.Account) (*aggregation.PublicKey, []*homomorphicSealer) {
	t.Helper()
	crs := aggregation.CommonSeed([]byte(seed))
	sealers := make([]*homomorphicSealer, len(accounts))
	var pkShares []*aggregation.PublicKeyShare
	for i, a := range accounts {
		_, err := ledger.JoinStudy(ctx, a, study)
		require.NoError(t, err)
		sealers[i] = &homomorphicSealer{scheme: scheme, id: aggregation.DealerID(study, a.Address().Bytes())}
		b, err := sealers[i].publicKeyShare(crs)
		require.NoError(t, err)
		share := new(aggregation.PublicKeyShare)
		require.NoError(t, share.UnmarshalBinary(b))
		pkShares = append(pkShares, share)
	}
	pk, err := scheme.CombinePublicKey(crs, pkShares)
	require.NoError(t, err)
	return pk, sealers
}

// TestEpochRecordKeepsTheSelection: the keystore's record of the share in
// force keeps the committee selection it was made for across a restart; a
// record of an earlier release, without it, reads as unknown (0).
func TestEpochRecordKeepsTheSelection(t *testing.T) {
	set := crypto.Keccak256Hash([]byte("set"))
	e, err := decodePending(epochRecord(3, set, 7))
	require.NoError(t, err)
	assert.Equal(t, uint32(3), e.epoch)
	assert.Equal(t, set, e.setHash)
	assert.Equal(t, uint32(7), selectionOf(e))
	old, err := decodePending(pendingShare{epoch: 3, setHash: set}.encode())
	require.NoError(t, err)
	assert.Zero(t, selectionOf(old))
}

// TestPendingRecordRoundTrips: the record kept beside a pending share
// gives back its selection and check scope (seed, dealers, sets), for
// that share only: a record of another re-sharing (a crash between the
// two writes) gives neither, one of another share of the same re-sharing
// no scope. One of an earlier release, with the seed only, gives the seed.
func TestPendingRecordRoundTrips(t *testing.T) {
	set := crypto.Keccak256Hash([]byte("set"))
	scope := dealingScope{seed: [32]byte{9}, dealers: []common.Address{{1}, {2}}, sets: [][]uint64{{1, 2}, {1, 3}}}
	p := pendingShare{epoch: 3, setHash: set, share: []byte("share"), selection: 7, checkScope: &scope}
	selection, got, err := pendingFacts(p, pendingRecord(p))
	require.NoError(t, err)
	assert.Equal(t, uint32(7), selection)
	require.NotNil(t, got)
	assert.Equal(t, scope, *got)

	earlier := pendingRecord(p)
	earlier = earlier[:len(earlier)-len(dealingScopeRecord(p.share, scope))+common.HashLength+32]
	_, got, err = pendingFacts(p, earlier)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, dealingScope{seed: scope.seed, seedOnly: true}, *got, "an earlier release's record: the seed only")

	unchecked := p
	unchecked.checkScope = nil
	selection, got, err = pendingFacts(p, pendingRecord(unchecked))
	require.NoError(t, err)
	assert.Equal(t, uint32(7), selection)
	assert.Nil(t, got)

	other := p
	other.share = []byte("another relay's share")
	selection, got, err = pendingFacts(other, pendingRecord(p))
	require.NoError(t, err)
	assert.Equal(t, uint32(7), selection)
	assert.Nil(t, got, "the scope was the other share's")

	other = p
	other.epoch = 4
	selection, got, err = pendingFacts(other, pendingRecord(p))
	require.NoError(t, err)
	assert.Zero(t, selection)
	assert.Nil(t, got)

	_, _, err = pendingFacts(p, append(pendingRecord(p), 1))
	require.ErrorContains(t, err, "restore the keystore from a backup")
	_, _, err = pendingFacts(p, pendingRecord(p)[:len(pendingRecord(p))-1])
	require.ErrorContains(t, err, "restore the keystore from a backup", "truncated")
}

// A member that comes back without its key (a reinstalled node: same
// identity, no key share, no point) deals a fresh key under the key epoch
// its entry in the new holders names. A holder takes it only under the
// epoch after the latest of the member's keys it holds: a dealing under
// its first key's id (a replacement of the key earlier updates were
// encrypted under), one that skips an epoch, or one of a member the chain
// records no departure of (one fresh key per departure) is refused; the
// next epoch's is added beside the first key, and the member's updates
// then name it.
func TestReshareKeyTakesAFreshKeyOnlyUnderTheNextEpoch(t *testing.T) {
	t.Parallel()
	c := newConsortium(t, 3)
	c.thresholdKeys(t, 3) // every node keyed and a holder, at points 1 to 3
	member := c.nodes[2].self
	dealers := []*cohortv1.ShareHolder{{Address: c.nodes[0].self.Bytes(), Point: 1}, {Address: c.nodes[1].self.Bytes(), Point: 2}}
	for _, tc := range []struct {
		name     string
		epoch    uint32
		departed []common.Address // the chain's departures
		want     error
	}{
		{"a replacement of its first key", 0, []common.Address{member}, aggregation.ErrKeyMismatch},
		{"an epoch skipped", 2, []common.Address{member, member}, aggregation.ErrKeyMismatch},
		{"the next epoch of a member that never left", 1, []common.Address{c.nodes[1].self}, ErrChainMismatch},
		{"the next epoch", 1, []common.Address{member}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reinstalled := newSteps(t, c.keys[2])
			reinstalled.pubKey, reinstalled.pkHash = c.nodes[0].pubKey, c.nodes[0].pkHash
			back := c.holder(2, 4)
			back.KeyEpoch = tc.epoch
			task := &cohortv1.ReshareTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Dealers: dealers, Holders: []*cohortv1.ShareHolder{c.holder(0, 1), c.holder(1, 2), back}}
			rehash(task)
			ks := openTestKeystore(t, t.TempDir())
			var inbox []*cohortv1.EncryptedShare
			for _, s := range []*steps{c.nodes[0], c.nodes[1], reinstalled} {
				r, err := s.reshareDeal(task, c.study, nil)
				require.NoError(t, err)
				if s == reinstalled {
					require.NoError(t, keepSecrets(ks, r.keep))
				}
				for _, sh := range r.send.(*cohortv1.ReshareSharesSubmission).GetShares() {
					if common.BytesToAddress(sh.GetRecipient()) == c.nodes[0].self {
						inbox = append(inbox, sh)
					}
				}
			}
			// The fresh key is kept in the node's keystore: restarted, it
			// encrypts under it.
			restarted := &Participant{steps: *newSteps(t, c.keys[2]), cfg: Config{Name: "restarted", StudyID: stepsStudy, Keystore: ks}, log: slog.New(slog.DiscardHandler)}
			require.NoError(t, restarted.loadSecrets())
			secret, _, err := restarted.sealer.export()
			require.NoError(t, err)
			var sk aggregation.SecretShare
			require.NoError(t, sk.UnmarshalBinary(secret))
			assert.Equal(t, aggregation.DealerIDAt(stepsStudy, member.Bytes(), tc.epoch), sk.ID(), "the reinstalled node made and kept its key under the epoch named")

			keyTask := &cohortv1.ReshareKeyTask{StudyId: stepsStudy, Round: 1, Threshold: 2, Dealers: task.Dealers, Holders: task.Holders, SetHash: task.SetHash, Shares: inbox}
			_, err = c.nodes[0].reshareKey(keyTask, c.study, nil, tc.departed)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			held, err := c.nodes[0].sealer.heldKeys(c.nodes[0].pending.share)
			require.NoError(t, err)
			assert.Contains(t, held, aggregation.DealerID(stepsStudy, member.Bytes()), "its first key stays")
			assert.Equal(t, aggregation.DealerIDAt(stepsStudy, member.Bytes(), 1), aggregation.LatestDealerID(stepsStudy, member.Bytes(), held), "its updates name the fresh key")
		})
	}
}
