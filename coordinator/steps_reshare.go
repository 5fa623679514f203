package coordinator

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
)

// reshare is the plan of a re-sharing before a round: who stays, who
// leaves, who is new, and the share-holder set it commits to.
type reshare struct {
	study     uint64
	round     uint32
	threshold int
	old       map[common.Address]uint64 // current holders and their points
	staying   []common.Address          // sorted: the dealers are t of them
	leaving   []common.Address
	newcomers []common.Address
	// rejoiners are new holders whose keys the holders already hold: they
	// left and joined again. Their shares come from the dealers with every
	// other key; they deal nothing (the holders refuse a second dealing
	// of a key they hold, aggregation.AddDealer).
	rejoiners []common.Address
	// freshKeys are the newcomers that left and came back without their
	// keys (their nodes said, signed, that they hold none: a reinstalled
	// node), with the key epoch of the fresh key each deals as a joiner
	// deals its own (aggregation.DealerIDAt): the one after its latest,
	// so one new epoch per member per re-sharing. The holders keep its
	// earlier key, which its earlier updates were encrypted under.
	freshKeys map[common.Address]uint32
	holders   []holder    // the new set: stayers keep their points, newcomers and rejoiners get unused ones
	next      holderState // kept once the re-sharing commits (SetHash set by the dealers' step)
	// addOnly: the holders stay exactly as they are (an unchanged
	// committee that members joined), so nothing is re-shared: the
	// newcomers deal their own keys and each holder adds them to the
	// share it has (aggregation.AddDealer).
	addOnly bool
	// shareBytes and ownKeyBytes bound what one dealer sends one new
	// holder: a sealed re-sharing of every key held, a sealed dealing of
	// one key (0: no bound, plaintext test mode). Pieces past it are
	// refused, so a dealer cannot make the coordinator keep gigabytes.
	// shareKeys is the keys shareBytes counts.
	shareBytes, ownKeyBytes, shareKeys int
	// committeeEpoch is, with a decryption committee, the selection on
	// chain the new holders are: the commit names it, and holders off it
	// check the commit against it (cohortv1.ReshareCommitTask.committee_epoch).
	committeeEpoch uint32
}

// planReshare plans the re-sharing before round r from the current holders
// (with their points, the threshold and the next unused point) to next,
// the members in good standing that are connected, whose Ethereum keys are
// in keys; keyed are the members whose own keys the holders hold shares of
// (a member that left keeps its key in the holders' set: its earlier
// updates were encrypted under it); fresh are those of them that hold no
// key, with the key epoch of the fresh key each is to deal (a newcomer,
// then: reshare.freshKeys). It fails with ErrBelowThreshold if fewer than
// t would hold shares or fewer than t current holders stay to deal.
func planReshare(study uint64, r uint32, cur holderState, threshold int, next []common.Address, keys map[common.Address]*ecdsa.PublicKey, keyed map[common.Address]bool, fresh map[common.Address]uint32) (*reshare, error) {
	if len(next) < threshold {
		return nil, fmt.Errorf("%w: before round %d, %d members could hold shares, the threshold is %d; members must join (or be reinstated) before the study can go on",
			ErrBelowThreshold, r, len(next), threshold)
	}
	p := &reshare{study: study, round: r, threshold: threshold, old: cur.Points}
	p.staying, p.leaving = splitHolders(cur.Points, func(a common.Address) bool { return slices.Contains(next, a) })
	if len(p.staying) < threshold {
		return nil, fmt.Errorf("%w: before round %d only %d current holders stay, the threshold is %d: the key cannot be re-shared", ErrBelowThreshold, r, len(p.staying), threshold)
	}
	p.next = holderState{Epoch: r, Points: make(map[common.Address]uint64, len(next)), NextPoint: cur.NextPoint}
	for _, a := range next {
		pub, ok := keys[a]
		if !ok {
			return nil, fmt.Errorf("%w: %s went away before the re-sharing before round %d", ErrStalled, a.Hex(), r)
		}
		pt, held := cur.Points[a]
		var keyEpoch uint32
		if !held {
			pt = p.next.NextPoint
			p.next.NextPoint++
			epoch, freshKey := fresh[a]
			switch {
			case keyed[a] && freshKey:
				if p.freshKeys == nil {
					p.freshKeys = map[common.Address]uint32{}
				}
				p.freshKeys[a], keyEpoch = epoch, epoch
				p.newcomers = append(p.newcomers, a)
			case keyed[a]:
				p.rejoiners = append(p.rejoiners, a)
			default:
				p.newcomers = append(p.newcomers, a)
			}
		}
		p.next.Points[a] = pt
		p.holders = append(p.holders, holder{addr: a, point: pt, pub: pub, keyEpoch: keyEpoch})
	}
	return p, nil
}

// boundShares sets the most a dealer may send one new holder: a sealed
// re-sharing of every key the current holders cur hold (with a committee
// the dealers recorded; without one every point ever given, each holder
// having dealt its key) or a sealed dealing of one key.
func (p *reshare) boundShares(scheme *aggregation.Scheme, cur holderState) {
	p.shareKeys = max(len(cur.Dealers), int(cur.NextPoint)-1)
	p.shareBytes = protocol.SealedShareBytes(scheme, p.shareKeys, len(p.holders), p.threshold)
	p.ownKeyBytes = protocol.SealedShareBytes(scheme, 1, len(p.holders), 0)
}

// splitHolders sorts the current holders into those that may deal (stays)
// and the others, each list sorted.
func splitHolders(points map[common.Address]uint64, stays func(common.Address) bool) (staying, leaving []common.Address) {
	for a := range points {
		if stays(a) {
			staying = append(staying, a)
		} else {
			leaving = append(leaving, a)
		}
	}
	return sortedAddresses(staying), sortedAddresses(leaving)
}

func (p *reshare) recipients() map[common.Address]bool {
	out := make(map[common.Address]bool, len(p.holders))
	for _, h := range p.holders {
		out[h.addr] = true
	}
	return out
}

// reshareDealStep is the reshare-deal phase: t holders that stay (or, in a
// second round of it, the newcomers, dealing their own keys) deal shares to
// exactly the new holders, bound to the round and the set hash. A dealing
// comes in pieces over as many submissions as it needs (see
// protocol.ResharePieceBytes); it counts once whole.
type reshareDealStep struct {
	*phase
	plan       *reshare
	setHash    common.Hash
	task       *cohortv1.ReshareTask
	recipients map[common.Address]bool
	// dealt are the pieces received, by dealer (made by assemble): their
	// places and signatures; their bytes are in the dealing spool.
	dealt map[common.Address]*dealtPieces
	// maxBytes bounds one dealer's sealed share for one holder (0: none),
	// the most a share of maxKeys keys takes.
	maxBytes, maxKeys int
	// spool is the dealing spool's attempt the pieces go to
	// (dealingSpool.begin; the driver's to set).
	spool uint64
	// ownKeys marks the newcomers' dealing of their own keys; with
	// checkKey set (an encrypted study; the driver's to set) each dealing
	// comes with the newcomer's public-key share, which checkKey checks
	// is well-formed and the dealer's (aggregation.CheckJoinerKeyShare).
	ownKeys  bool
	checkKey func(SignedPKShare) error
}

// dealtPieces is one dealer's share pieces as they come.
type dealtPieces struct {
	byHolder map[common.Address][]*dealtPiece // indexed by piece
	missing  map[common.Address]int           // pieces still to come, per holder heard of
	bytes    map[common.Address]int           // bytes taken, per holder
	keyShare []byte                           // a newcomer's public-key share (ownKeys)
	keySig   []byte                           // its signature (auth.KindPublicKey, this round)
}

// dealtPiece is one piece of a dealer's sealed share for a new holder as
// the coordinator keeps it in memory: the piece without its ciphertext
// (recipient, place, the dealer's signature) and its ciphertext's name and
// size in the dealing spool. Only an answer on its way to the spool
// carries the ciphertext itself (sealed).
type dealtPiece struct {
	share  *cohortv1.EncryptedShare
	blob   common.Hash
	size   int
	sealed []byte
}

// dealtPieceOf splits a piece as it came into what is kept in memory and
// its ciphertext, named by content, the hash its dealer signed
// (auth.ReshareContent: the ciphertext, bound to its recipient, set and
// place).
func dealtPieceOf(sh *cohortv1.EncryptedShare, content common.Hash) dealtPiece {
	return dealtPiece{
		share:  &cohortv1.EncryptedShare{Recipient: sh.GetRecipient(), Auth: sh.GetAuth(), Piece: sh.GetPiece(), Pieces: sh.GetPieces()},
		blob:   content,
		size:   len(sh.GetCiphertext()),
		sealed: sh.GetCiphertext(),
	}
}

func (p dealtPiece) recipient() common.Address { return common.BytesToAddress(p.share.GetRecipient()) }

// dealers makes the step that asks the active dealers, current holders that
// stay, to re-share their threshold shares.
func (p *reshare) dealers(active []common.Address) *reshareDealStep {
	task := &cohortv1.ReshareTask{StudyId: p.study, Round: p.round, Threshold: uint32(p.threshold)}
	for _, a := range sortedAddresses(active) {
		task.Dealers = append(task.Dealers, &cohortv1.ShareHolder{Address: a.Bytes(), Point: p.old[a]})
	}
	for _, h := range p.holders {
		task.Holders = append(task.Holders, h.wire())
	}
	set := auth.ReshareSetHash(p.study, p.round, uint32(p.threshold), task.Dealers, task.Holders)
	task.SetHash = set.Bytes()
	return &reshareDealStep{phase: newActivePhase(protocol.ReshareDeal, p.round, active), plan: p, setHash: set, task: task, recipients: p.recipients(), maxBytes: p.shareBytes, maxKeys: p.shareKeys}
}

// newcomersDealing is the same dealing asked of the newcomers: their
// updates are encrypted under their own keys, which they deal too.
func (s *reshareDealStep) newcomersDealing() *reshareDealStep {
	return &reshareDealStep{phase: newPhase(protocol.ReshareDeal, s.round, s.plan.newcomers), plan: s.plan, setHash: s.setHash, task: s.task, recipients: s.recipients, maxBytes: s.plan.ownKeyBytes, maxKeys: 1, spool: s.spool, ownKeys: true}
}

// keyShareOf checks the public-key share a submission of dealer's carries
// (if any) and returns it with the dealer's signature: signed by the
// dealer for this round, sent with a dealing of its own key, and
// well-formed (checkKey).
func (s *reshareDealStep) keyShareOf(req *cohortv1.ReshareSharesSubmission, dealer common.Address) ([]byte, []byte, error) {
	share := req.GetPublicKeyShare()
	if len(share) == 0 && req.GetPublicKeyShareAuth() == nil {
		return nil, nil, nil
	}
	if !s.ownKeys {
		return nil, nil, fmt.Errorf("%w: %s sent a public-key share with a re-sharing of its threshold share; only a member dealing its own key sends one", ErrMalformed, dealer.Hex())
	}
	signer, err := auth.Verify(req.GetPublicKeyShareAuth(), s.plan.study, req.GetRound(), auth.KindPublicKey, crypto.Keccak256Hash(share))
	if err != nil {
		return nil, nil, fmt.Errorf("%s's public-key share: %w", dealer.Hex(), err)
	}
	if signer != dealer {
		return nil, nil, fmt.Errorf("%w: the public-key share sent with %s's dealing is signed by %s", ErrMalformed, dealer.Hex(), signer.Hex())
	}
	signed := SignedPKShare{Dealer: dealer, Share: share, Signature: req.GetPublicKeyShareAuth().GetSignature(), Round: req.GetRound()}
	if s.checkKey != nil {
		if err := s.checkKey(signed); err != nil {
			return nil, nil, fmt.Errorf("%w: %s's public-key share: %v; a joining hospital must send the public-key share of the key it deals, made for the study's collective key", ErrMalformed, dealer.Hex(), err)
		}
	}
	return share, signed.Signature, nil
}

func (s *reshareDealStep) start() ready {
	return s.ask(sortedAddresses(keys(s.want)), &cohortv1.Task{Kind: &cohortv1.Task_Reshare{Reshare: s.task}})
}

// receive checks a submission of share pieces: every piece signed by one
// dealer for this round and set, to a new holder, in its place and within
// the piece size. Whether pieces repeat or the dealing is whole is
// assemble's to say.
func (s *reshareDealStep) receive(req *cohortv1.ReshareSharesSubmission) (ready, error) {
	study := s.plan.study
	if req.GetStudyId() != study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	setHash := common.BytesToHash(req.GetSetHash())
	round := req.GetRound()
	if len(req.GetShares()) == 0 {
		return ready{}, fmt.Errorf("%w: no shares", ErrMalformed)
	}
	// Every piece's place is checked before any signature, and the dealer
	// after the first: a piece repeated to fill a message, or a stranger's
	// pieces, would otherwise cost a signature check each.
	type place struct {
		to    common.Address
		piece uint32
	}
	places := make(map[place]bool, len(req.GetShares()))
	for _, sh := range req.GetShares() {
		if err := protocol.CheckPiece(sh); err != nil {
			return ready{}, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		to := common.BytesToAddress(sh.GetRecipient())
		if !s.recipients[to] {
			return ready{}, fmt.Errorf("%w: share for %s, who is not a new holder", ErrMalformed, to.Hex())
		}
		at := place{to, sh.GetPiece()}
		if places[at] {
			return ready{}, fmt.Errorf("%w: piece %d of the share for %s twice in one submission", ErrDuplicate, sh.GetPiece(), to.Hex())
		}
		places[at] = true
	}
	var dealer common.Address
	pieces := make([]dealtPiece, len(req.GetShares()))
	for i, sh := range req.GetShares() {
		to := common.BytesToAddress(sh.GetRecipient())
		content := auth.ReshareContent(to, setHash, sh.GetPiece(), sh.GetPieces(), sh.GetCiphertext())
		from, err := auth.Verify(sh.GetAuth(), study, round, auth.KindReshareShare, content)
		if err != nil {
			return ready{}, err
		}
		pieces[i] = dealtPieceOf(sh, content)
		if i > 0 && from != dealer {
			return ready{}, fmt.Errorf("%w: shares signed by %s and %s in one submission", ErrMalformed, dealer.Hex(), from.Hex())
		}
		if i == 0 && !s.want[from] {
			return ready{}, fmt.Errorf("%w: %s is not asked to deal in round %d's re-sharing", ErrNotParticipant, from.Hex(), round)
		}
		dealer = from
	}
	if err := s.checkRound(round); err != nil {
		return ready{}, err
	}
	if setHash != s.setHash {
		return ready{}, fmt.Errorf("%w: shares for re-sharing %s, the current one is %s", ErrWrongPhase, setHash.Hex(), s.setHash.Hex())
	}
	keyShare, keySig, err := s.keyShareOf(req, dealer)
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: dealer, pieces: pieces, data: keyShare, signature: keySig}}, nil
}

// admit checks a dealer's pieces against what the step took of its
// dealing, changing nothing: each to a new holder within the bound of its
// share, in a place not taken, its share's piece count unchanged, and a
// newcomer's public-key share with its first part (checkKey set). The
// driver admits pieces before it writes them to the dealing spool, so a
// dealer can make the coordinator keep no more than the bound on disk
// either. It returns the spool attempt the pieces go to.
func (s *reshareDealStep) admit(part *answer) (uint64, error) {
	_, err := s.check(part)
	return s.spool, err
}

// check is admit's check; it returns the bytes of the dealer's share to
// each holder the pieces take it to.
func (s *reshareDealStep) check(part *answer) (map[common.Address]int, error) {
	dealer, pieces := part.from, part.pieces
	d := s.dealt[dealer]
	if d == nil {
		d = &dealtPieces{}
	}
	switch {
	case s.checkKey != nil && d.keyShare == nil && len(part.data) == 0:
		return nil, fmt.Errorf("%w: %s dealt its own key without its public-key share; the holders check a joining hospital's dealing against it, so its node must send it (a release from before the check does not: upgrade it)", ErrMalformed, dealer.Hex())
	case d.keyShare != nil && len(part.data) > 0 && !bytes.Equal(d.keyShare, part.data):
		return nil, fmt.Errorf("%w: %s sent a second, different public-key share with its dealing", ErrMalformed, dealer.Hex())
	}
	type place struct {
		to    common.Address
		piece uint32
	}
	seen := make(map[place]bool, len(pieces))
	count := make(map[common.Address]uint32, len(s.recipients))
	for to, have := range d.byHolder {
		count[to] = uint32(len(have))
	}
	size := maps.Clone(d.bytes)
	if size == nil {
		size = map[common.Address]int{}
	}
	for _, p := range pieces {
		to, sh := p.recipient(), p.share
		size[to] += p.size
		if err := protocol.CheckShareBound(sh.GetPieces(), size[to], s.maxBytes, 0); err != nil {
			return nil, fmt.Errorf("%w: %s's share to %s: %v, the most a sealed share of %d keys to %d holders takes", ErrMalformed, dealer.Hex(), to.Hex(), err, s.maxKeys, len(s.recipients))
		}
		at := place{to, sh.GetPiece()}
		if n, ok := count[to]; ok && n != sh.GetPieces() {
			return nil, fmt.Errorf("%w: %s's share to %s in %d pieces, elsewhere in %d", ErrMalformed, dealer.Hex(), to.Hex(), sh.GetPieces(), n)
		}
		if have := d.byHolder[to]; seen[at] || (have != nil && have[sh.GetPiece()] != nil) {
			return nil, fmt.Errorf("%w: piece %d of %s's share to %s came before", ErrDuplicate, sh.GetPiece(), dealer.Hex(), to.Hex())
		}
		count[to], seen[at] = sh.GetPieces(), true
	}
	return size, nil
}

// assemble adds a dealer's pieces (their places, signatures and names in
// the dealing spool, never their bytes); the dealing is whole once every
// new holder has all the pieces of its share. A piece that came before (a
// replay) or a share whose piece count changes is refused, and nothing of
// that submission is kept.
func (s *reshareDealStep) assemble(part *answer) (bool, error) {
	dealer, pieces := part.from, part.pieces
	size, err := s.check(part)
	if err != nil {
		return false, err
	}
	if s.dealt == nil {
		s.dealt = map[common.Address]*dealtPieces{}
	}
	d := s.dealt[dealer]
	if d == nil {
		d = &dealtPieces{byHolder: map[common.Address][]*dealtPiece{}, missing: map[common.Address]int{}}
	}
	for _, p := range pieces {
		to := p.recipient()
		if d.byHolder[to] == nil {
			d.byHolder[to] = make([]*dealtPiece, p.share.GetPieces())
			d.missing[to] = int(p.share.GetPieces())
		}
		d.byHolder[to][p.share.GetPiece()] = &dealtPiece{share: p.share, blob: p.blob, size: p.size}
		d.missing[to]--
	}
	d.bytes = size
	if d.keyShare == nil && len(part.data) > 0 {
		d.keyShare, d.keySig = part.data, part.signature
	}
	s.dealt[dealer] = d
	if len(d.byHolder) < len(s.recipients) {
		return false, nil
	}
	for _, n := range d.missing {
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// confirm makes the reshare-key phase from the whole dealings of this step
// (the dealers') and of newcomers (their own keys; nil if none): each new
// holder gets the pieces dealt to it.
func (s *reshareDealStep) confirm(newcomers *reshareDealStep) (*reshareKeyStep, error) {
	inbox := make(map[common.Address][]*dealtPiece, len(s.recipients))
	joinerKeys, joinerKeySigs := map[common.Address][]byte{}, map[common.Address][]byte{}
	for _, st := range []*reshareDealStep{s, newcomers} {
		if st == nil {
			continue
		}
		from, _ := st.answers(sortedAddresses(keys(st.want)))
		for _, dealer := range from {
			d := st.dealt[dealer]
			if d == nil {
				return nil, fmt.Errorf("coordinator: re-sharing shares: %s's dealing is counted but not kept", dealer.Hex())
			}
			for to, pieces := range d.byHolder {
				inbox[to] = append(inbox[to], pieces...)
			}
			if d.keyShare != nil {
				joinerKeys[dealer], joinerKeySigs[dealer] = d.keyShare, d.keySig
			}
		}
	}
	next := make([]common.Address, len(s.plan.holders))
	for i, h := range s.plan.holders {
		next[i] = h.addr
	}
	return &reshareKeyStep{phase: newPhase(protocol.ReshareKey, s.round, next), dealing: s, holders: next, inbox: inbox, joinerKeys: joinerKeys, joinerKeySigs: joinerKeySigs}, nil
}

// reshareKeyStep is the reshare-key phase: each new holder combines its
// shares into a pending share and confirms, signed over the set hash.
type reshareKeyStep struct {
	*phase
	dealing *reshareDealStep
	holders []common.Address
	inbox   map[common.Address][]*dealtPiece
	// check, if set, is the dealing check each new holder gives shares
	// of with its pending share, at its new point (points).
	check  *dealingCheckAsk
	points map[common.Address]uint64
	pkHash common.Hash // the collective key's, which the answers are signed over
	// joinerKeys are the newcomers' public-key shares that came with
	// their dealings (encrypted studies), by newcomer: the check covers
	// their keys, and the coordinator keeps them once committed, with
	// joinerKeySigs, each newcomer's signature over its share for this
	// round (auth.KindPublicKey), which later evidence shows.
	joinerKeys    map[common.Address][]byte
	joinerKeySigs map[common.Address][]byte
}

// start sends each new holder its share pieces, in as many tasks as
// protocol.ReshareMessageBytes needs. The tasks carry the pieces without
// their ciphertexts, which the driver reads from the dealing spool as it
// sends each task (dealingSpool.fill), each time it sends it.
func (s *reshareKeyStep) start() ready {
	t := s.dealing.task
	var rd ready
	for _, a := range s.holders {
		var tasks []*cohortv1.Task
		relay := relayID(s.inbox[a])
		for _, part := range protocol.PackPiecesBy(s.inbox[a], func(p *dealtPiece) int { return p.size }, 0) {
			shares := make([]*cohortv1.EncryptedShare, len(part))
			for i, p := range part {
				shares[i] = p.share
			}
			task := &cohortv1.ReshareKeyTask{
				StudyId: t.StudyId, Round: t.Round, Threshold: t.Threshold, Dealers: t.Dealers, Holders: t.Holders,
				SetHash: t.SetHash, Shares: shares, TotalShares: uint32(len(s.inbox[a])), RelayId: relay,
			}
			if s.check != nil {
				wire := s.check.wire()
				task.DealingCheckSeed, task.DealingCheckDealers, task.DealingCheckSets = wire.DealingCheckSeed, wire.DealingCheckDealers, wire.DealingCheckSets
				for _, j := range s.check.joiners {
					task.DealingCheckJoiners = append(task.DealingCheckJoiners, j.Bytes())
				}
				for _, d := range s.check.resharers {
					task.DealingCheckResharers = append(task.DealingCheckResharers, d.Bytes())
				}
			}
			tasks = append(tasks, &cohortv1.Task{Kind: &cohortv1.Task_ReshareKey{ReshareKey: task}})
		}
		rd = rd.merge(s.askAll(a, tasks))
	}
	return rd
}

// relayID names one relay of a holder's pieces: the hash of their
// signatures, different for every dealing.
func relayID(pieces []*dealtPiece) []byte {
	h := crypto.NewKeccakState()
	for _, p := range pieces {
		h.Write(p.share.GetAuth().GetSignature())
	}
	return h.Sum(nil)
}

// receive checks a confirmation is for this re-sharing's round and set.
func (s *reshareKeyStep) receive(req *cohortv1.ReshareKeyConfirmation) (ready, error) {
	study := s.dealing.plan.study
	if req.GetStudyId() != study {
		return ready{}, fmt.Errorf("%w: study %d", ErrWrongPhase, req.GetStudyId())
	}
	setHash := common.BytesToHash(req.GetSetHash())
	addr, err := auth.Verify(req.GetAuth(), study, req.GetRound(), auth.KindReshareKey, setHash)
	if err != nil {
		return ready{}, err
	}
	if setHash != s.dealing.setHash {
		return ready{}, fmt.Errorf("%w: confirmation of re-sharing %s, the current one is %s", ErrWrongPhase, setHash.Hex(), s.dealing.setHash.Hex())
	}
	if err := s.checkRound(req.GetRound()); err != nil {
		return ready{}, err
	}
	if err := s.check.checkAnswer(addr, aggregation.ShamirPoint(s.points[addr]), req.GetDealingCheckShares()); err != nil {
		return ready{}, err
	}
	if s.check != nil {
		if err := s.checkSigned(addr, req); err != nil {
			return ready{}, err
		}
	}
	// The signature is kept: the commit carries it to the holders as
	// proof; with it, the dealing-check shares and their signature, the
	// evidence of a failed check's verdict.
	raw, err := proto.Marshal(&cohortv1.ReshareKeyConfirmation{Auth: req.GetAuth(), DealingCheckShares: req.GetDealingCheckShares(), DealingCheckAuth: req.GetDealingCheckAuth()})
	if err != nil {
		return ready{}, err
	}
	return ready{record: &answer{from: addr, data: raw}}, nil
}

// checkSigned checks the new holder from signed its dealing-check answer
// (auth.ReshareDealingCheckContent).
func (s *reshareKeyStep) checkSigned(from common.Address, req *cohortv1.ReshareKeyConfirmation) error {
	c := s.check
	content := auth.ReshareDealingCheckContent(s.dealing.setHash, c.resharers, c.joiners, s.pkHash, c.seed, s.points[from], c.dealers, c.wirePoints(), req.GetDealingCheckShares())
	signer, err := auth.Verify(req.GetDealingCheckAuth(), s.dealing.plan.study, req.GetRound(), auth.KindReshareDealingCheck, content)
	if err != nil {
		return fmt.Errorf("re-sharing dealing-check shares from %s: %w", from.Hex(), err)
	}
	if signer != from {
		return fmt.Errorf("%w: re-sharing dealing-check shares from %s signed by %s", auth.ErrBadSignature, from.Hex(), signer.Hex())
	}
	return nil
}

// signedAnswers are the new holders' signed dealing-check answers, as the
// evidence keeps them, of the part the re-sharing dealers resharers dealt
// (all of them: the whole pending shares), and the answers' shares, each
// of which must be of the check asked at its place (ofChecksAsked), if
// checks, their hashes, are given.
func (s *reshareKeyStep) signedAnswers(resharers []common.Address, checks []common.Hash) (DealingAnswers, []*aggregation.DecryptionShare, error) {
	from, raws := s.answers(s.holders)
	out := DealingAnswers{Dealers: resharers}
	var shares []*aggregation.DecryptionShare
	for i, raw := range raws {
		conf, err := confirmation(raw)
		if err != nil {
			return DealingAnswers{}, nil, err
		}
		out.Answers = append(out.Answers, SignedDealingAnswers{Holder: from[i], Shares: conf.GetDealingCheckShares(), Signature: conf.GetDealingCheckAuth().GetSignature()})
		var mine []*aggregation.DecryptionShare
		for _, b := range conf.GetDealingCheckShares() {
			ds := new(aggregation.DecryptionShare)
			if err := ds.UnmarshalBinary(b); err != nil {
				return DealingAnswers{}, nil, fmt.Errorf("%w: dealing-check share from %s: %v", ErrMalformed, from[i].Hex(), err)
			}
			mine = append(mine, ds)
		}
		if checks != nil {
			if err := ofChecksAsked(from[i], mine, checks); err != nil {
				return DealingAnswers{}, nil, err
			}
		}
		shares = append(shares, mine...)
	}
	return out, shares, nil
}

// confirmation decodes what receive recorded.
func confirmation(raw []byte) (*cohortv1.ReshareKeyConfirmation, error) {
	conf := new(cohortv1.ReshareKeyConfirmation)
	return conf, proto.Unmarshal(raw, conf)
}

// commit makes the reshare-commit phase: the new set, less the holders that
// did not confirm (they hold no usable share and are asked again at a
// later round).
func (s *reshareKeyStep) commit() (*reshareCommitStep, []common.Address) {
	confirmed, raws := s.answers(s.holders)
	sigs := make([][]byte, len(raws))
	for i, raw := range raws {
		if conf, err := confirmation(raw); err == nil { // recorded by receive: it decodes
			sigs[i] = conf.GetAuth().GetSignature()
		}
	}
	st := s.dealing.plan.next
	st.SetHash = s.dealing.setHash
	t := s.dealing.task
	evidence := &cohortv1.ReshareCommitTask{StudyId: t.StudyId, Round: t.Round, SetHash: t.SetHash, Threshold: t.Threshold, Dealers: t.Dealers, CommitteeEpoch: s.dealing.plan.committeeEpoch}
	for _, h := range t.Holders {
		evidence.Holders = append(evidence.Holders, &cohortv1.ShareHolder{Address: h.Address, Point: h.Point})
	}
	for i, a := range confirmed {
		evidence.Confirmations = append(evidence.Confirmations, &cohortv1.Signed{Signer: a.Bytes(), Signature: sigs[i]})
	}
	// Marshalling a message built here cannot fail.
	st.Commit, _ = proto.Marshal(evidence)
	st.Points = make(map[common.Address]uint64, len(confirmed))
	var left []common.Address
	for _, a := range s.holders {
		if slices.Contains(confirmed, a) {
			st.Points[a] = s.dealing.plan.next.Points[a]
		} else {
			left = append(left, a)
		}
	}
	return &reshareCommitStep{phase: newPhase(protocol.ReshareCommit, s.round, nil), study: s.dealing.plan.study, set: st, confirmed: confirmed}, left
}

// reshareCommitStep is the reshare-commit phase: the coordinator keeps the
// new set, then tells its holders to replace their old shares. Nobody
// answers.
type reshareCommitStep struct {
	*phase
	study     uint64
	set       holderState
	confirmed []common.Address
}

// start keeps the new set and sends the commit to every holder in it.
func (s *reshareCommitStep) start() (ready, error) {
	raw, err := json.Marshal(s.set)
	if err != nil {
		return ready{}, err
	}
	rd := ready{state: []keptState{{name: holdersStateName, data: raw}}}
	for _, a := range s.confirmed {
		rd.send = append(rd.send, outgoing{to: a, task: commitTaskOf(s.study, s.set)})
	}
	return rd, nil
}

// commitTaskOf is the ReshareCommitTask of the re-sharing that made st, nil
// before the first. A set kept by a release that did not keep the commit's
// evidence gives a bare commit, which holders refuse: they keep their old
// shares until the next re-sharing.
func commitTaskOf(study uint64, st holderState) *cohortv1.Task {
	if st.Epoch == 0 {
		return nil
	}
	commit := &cohortv1.ReshareCommitTask{}
	if proto.Unmarshal(st.Commit, commit) != nil || len(st.Commit) == 0 {
		commit = &cohortv1.ReshareCommitTask{StudyId: study, Round: st.Epoch, SetHash: st.SetHash.Bytes()}
	}
	return &cohortv1.Task{Kind: &cohortv1.Task_ReshareCommit{ReshareCommit: commit}}
}
