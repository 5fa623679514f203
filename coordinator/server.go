package coordinator

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"

	"github.com/cohort-fl/cohort/aggregation"
	"github.com/cohort-fl/cohort/api/auth"
	"github.com/cohort-fl/cohort/api/cohortv1"
	"github.com/cohort-fl/cohort/api/protocol"
	"github.com/cohort-fl/cohort/contracts"
)

// BlobChunkSize is the size of the chunks blobs stream in, well under
// grpc-go's 4 MiB default message limit.
const BlobChunkSize = 1 << 20

// taskBuffer is how many tasks may wait for a slow participant.
const taskBuffer = 64

// Register installs the coordinator's gRPC service on s.
func (c *Coordinator) Register(s *grpc.Server) {
	cohortv1.RegisterCoordinatorServer(s, &server{c: c})
}

// server adapts the coordinator to the generated gRPC interface; it maps
// sentinel errors to status codes and nothing else.
type server struct {
	cohortv1.UnimplementedCoordinatorServer
	c       *Coordinator
	openers openers  // for OpenChunks
	blobs   hotBlobs // for GetBlob
}

// maxLoggedName bounds, in bytes, the configured name a Join's warning
// logs: the name is the sender's free choice (only signed), and a member
// joining again and again with a name of tens of MiB would fill the
// coordinator's log.
const maxLoggedName = 128

// checkKeyClaims refuses a join whose claims of its key share (holds no
// key, a key epoch) are not signed by its sender in key_auth.
func checkKeyClaims(req *cohortv1.JoinRequest, fp common.Hash, study uint64, sender common.Address) error {
	if !req.GetHoldsNoKey() && req.GetKeyEpoch() == 0 {
		return nil
	}
	signer, err := auth.Verify(req.GetKeyAuth(), study, 0, auth.KindJoin, auth.JoinKeyContent(req.GetName(), fp, req.GetHoldsNoKey(), req.GetKeyEpoch()))
	if err != nil {
		return fmt.Errorf("the join's claims of its key share: %w", err)
	}
	if signer != sender {
		return fmt.Errorf("%w: the join's claims of its key share are signed by %s, the join by %s", auth.ErrBadSignature, signer.Hex(), sender.Hex())
	}
	return nil
}

func (s *server) Join(req *cohortv1.JoinRequest, stream grpc.ServerStreamingServer[cohortv1.Task]) error {
	ctx := stream.Context()
	c := s.c
	if req.GetStudyId() != c.cfg.StudyID {
		return toStatus(fmt.Errorf("%w: this coordinator drives study %d, not %d", ErrNotParticipant, c.cfg.StudyID, req.GetStudyId()))
	}
	fp, err := peerFingerprint(ctx)
	if err != nil {
		return status.Error(codes.Unauthenticated, err.Error())
	}
	if err := c.allow(ctx, "a Join"); err != nil {
		return err
	}
	pub, err := auth.SignerKey(req.GetAuth(), c.cfg.StudyID, 0, auth.KindJoin, auth.JoinContent(req.GetName(), fp))
	if err != nil {
		return toStatus(err)
	}
	addr := crypto.PubkeyToAddress(*pub)
	if err := checkKeyClaims(req, fp, c.cfg.StudyID, addr); err != nil {
		return toStatus(err)
	}
	if err := c.awaitJoinBlock(ctx, addr, req.GetChainBlock()); err != nil {
		return err
	}
	ok, err := c.ledger.IsParticipant(ctx, c.cfg.StudyID, addr)
	if err != nil {
		return status.Errorf(codes.Unavailable, "coordinator: check membership on chain: %v", err)
	}
	if !ok {
		return toStatus(fmt.Errorf("%w: %s has not joined study %d on chain; join it with the study's joinStudy first", ErrNotParticipant, addr.Hex(), c.cfg.StudyID))
	}
	// The TLS certificate must be the one the member registry records for
	// this address: a stolen Ethereum key alone, or a certificate alone,
	// does not let anyone in.
	rec, err := c.ledger.Member(ctx, addr)
	if err != nil {
		return status.Errorf(codes.Unavailable, "coordinator: read member registry: %v", err)
	}
	if rec.TLSFingerprint != fp {
		return toStatus(fmt.Errorf("%w: %s connects with certificate %s, the member registry records %s; register the certificate on chain (updateTlsFingerprint)",
			ErrNotParticipant, addr.Hex(), fp.Hex(), rec.TLSFingerprint.Hex()))
	}

	// Logs name the participant as the registry does: a node's configured
	// name is its operator's word, and a copied config may carry another's.
	if req.GetName() != rec.Name {
		c.log.Warn("participant's configured name is not its name in the member registry; check the node's name, key_file and tls",
			"configured", protocol.Cut(req.GetName(), maxLoggedName), "registry", rec.Name, "address", addr.Hex())
	}
	p := &member{name: rec.Name, pub: pub, tasks: make(chan *cohortv1.Task, taskBuffer), holdsNoKey: req.GetHoldsNoKey(), keyEpoch: req.GetKeyEpoch()}
	c.mu.Lock()
	c.peers[addr] = p // a reconnecting participant replaces its old stream
	_, wasGone := c.gone[addr]
	delete(c.gone, addr)
	_, holder := c.points[addr]
	commit := c.commitTask()
	for _, t := range rejoin(addr, c.done, c.catchUpTask(), commit, holder || missedHandOver(addr, c.committee, commit), c.current) {
		p.tasks <- t
	}
	close(c.joined)
	c.joined = make(chan struct{})
	c.mu.Unlock()
	if wasGone {
		c.keepAbsent()
	}
	c.log.Info("participant joined", "name", p.name, "address", addr.Hex())
	defer func() {
		c.mu.Lock()
		current := c.peers[addr] == p
		if current {
			delete(c.peers, addr) // gone until it joins again
		}
		c.mu.Unlock()
		if current {
			c.participantLeft(addr)
		}
	}()

	for {
		select {
		case <-ctx.Done():
			return nil
		case t := <-p.tasks:
			// A re-sharing's share pieces are read from disk as their task
			// goes out, one task at a time.
			t, err := c.dealings.fill(t)
			if err != nil {
				c.log.Warn("a re-sharing task's share pieces are no longer kept; task not sent", "participant", p.name, "err", err)
				continue
			}
			if err := stream.Send(c.stamped(ctx, t)); err != nil {
				return err
			}
			if t.GetDone() != nil {
				return nil
			}
		}
	}
}

// defaultChainCatchUp is Config.ChainCatchUp's default: five of mainnet's
// 12 s blocks, as a participant's.
const defaultChainCatchUp = time.Minute

// maxJoinBlockLead is how far beyond this coordinator's chain head the
// block a joining participant names may be for the coordinator to wait
// for it (awaitJoinBlock): a node a few blocks behind the participant's
// explains a near block; one further behind is out of sync, and waiting
// a minute would rarely bring it there.
const maxJoinBlockLead = 16

// msgFarJoinBlock is logged when a join names a block more than
// maxJoinBlockLead beyond the chain head; it is counted as a failure of
// its own (api/monitoring): this coordinator's node may be out of sync.
const msgFarJoinBlock = "a participant named a join block far beyond this coordinator's chain head; refused without waiting (check that the node is synced with its network)"

// awaitJoinBlock waits, for at most Config.ChainCatchUp, until this
// coordinator's Ethereum node has block n, the one by which the joining
// participant's node had its join (0: no wait), so that a hospital that
// has just joined through its own node is not refused as a stranger by a
// node a block behind. A node still behind then is this coordinator's to
// fix: the participant gets Unavailable, which it retries.
//
// n is the participant's to choose, and the wait holds its stream: it
// waits for no block more than maxJoinBlockLead beyond its head, nor for
// a signer that is not an active consortium member at its head, who
// cannot have joined since (a member admitted in between is told to try
// again). Both get Unavailable at once: the coordinator's node may be the
// one behind, and an honest participant retries.
func (c *Coordinator) awaitJoinBlock(ctx context.Context, participant common.Address, n uint64) error {
	if n == 0 {
		return nil
	}
	head, err := c.ledger.BlockNumber(ctx)
	if err != nil {
		return status.Errorf(codes.Unavailable, "coordinator: read the chain head: %v", err)
	}
	if head >= n {
		return nil
	}
	if n-head > maxJoinBlockLead {
		c.log.Warn(msgFarJoinBlock, "participant", participant.Hex(), "block", n, "node_block", head)
		return status.Errorf(codes.Unavailable, "coordinator: its Ethereum node is at block %d, more than %d blocks behind block %d at which this participant says it joined: it does not wait for so far a block; join again once its node has caught up", head, maxJoinBlockLead, n)
	}
	member, err := c.ledger.IsMember(ctx, participant)
	if err != nil {
		return status.Errorf(codes.Unavailable, "coordinator: check consortium membership on chain: %v", err)
	}
	if !member {
		return status.Errorf(codes.Unavailable, "coordinator: %s is not an active consortium member at block %d of its chain, so it cannot have joined the study at block %d; if it was admitted since, join again once this coordinator's node has that block", participant.Hex(), head, n)
	}
	limit := c.cfg.ChainCatchUp
	if limit <= 0 {
		limit = defaultChainCatchUp
	}
	wctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	head, err = c.ledger.AwaitBlock(wctx, n)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return status.FromContextError(ctx.Err()).Err()
	default:
		c.log.Warn("a participant joined at a block this coordinator's Ethereum node has not reached; check that the node is synced with its network",
			"participant", participant.Hex(), "block", n, "node_block", head, "waited", limit)
		return status.Errorf(codes.Unavailable, "coordinator: its Ethereum node is at block %d, behind block %d at which this participant joined, after %v: it checks membership once it has that block; join again later (%v)", head, n, limit, err)
	}
}

// stampTimeout bounds the read of the chain head a task is stamped with.
const stampTimeout = 10 * time.Second

// stamped returns the task to send with the coordinator's chain head now
// (Task.chain_block, its hash and the chain's id). Each step waits for the
// receipts of the chain writes its tasks depend on (the round opened, the
// list pinned, the scores recorded) before it queues them, so the head
// read here is at least their block, and a member whose own node lags
// waits until its node has it before it checks the task; the hash, read
// from the same header, lets the member tell its node follows this chain
// there and not another fork. The copy shares the task's oneof message:
// a task queued for several members (the end of the study) is never
// written to. A head that cannot be read leaves the task without a block
// (checked at once, as by a coordinator before the field) but with the
// chain id, which needs no read: a node on another network still refuses
// it.
func (c *Coordinator) stamped(ctx context.Context, t *cohortv1.Task) *cohortv1.Task {
	ctx, cancel := context.WithTimeout(ctx, stampTimeout)
	defer cancel()
	id := c.ledger.ChainID().Uint64() // known without a read
	head, hash, err := c.ledger.Head(ctx)
	if err != nil {
		c.log.Warn("reading the chain head for a task; sending it without", "err", err)
		return &cohortv1.Task{Kind: t.GetKind(), ChainId: id}
	}
	return &cohortv1.Task{Kind: t.GetKind(), ChainBlock: head, ChainBlockHash: hash.Bytes(), ChainId: id}
}

func (s *server) SubmitPublicKeyShare(ctx context.Context, req *cohortv1.PublicKeyShareSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindPublicKey, 0, func(st *keyGenStep) (ready, error) { return st.receive(req) }))
}

func (s *server) SubmitThresholdShares(ctx context.Context, req *cohortv1.ThresholdSharesSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindThresholdShare, 0, func(st *thresholdDealStep) (ready, error) { return st.receive(req) }))
}

func (s *server) SubmitReshareShares(ctx context.Context, req *cohortv1.ReshareSharesSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindReshareShare, req.GetRound(), func(st *reshareDealStep) (ready, error) { return st.receive(req) }))
}

func (s *server) ConfirmReshareKey(ctx context.Context, req *cohortv1.ReshareKeyConfirmation) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindReshareKey, req.GetRound(), func(st *reshareKeyStep) (ready, error) { return st.receive(req) }))
}

func (s *server) ConfirmThresholdKey(ctx context.Context, req *cohortv1.ThresholdKeyConfirmation) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindThresholdKey, 0, func(st *thresholdConfirmStep) (ready, error) { return st.receive(req) }))
}

func (s *server) SubmitScoreShares(ctx context.Context, req *cohortv1.ScoreSharesSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindScoreShares, req.GetRound(), func(st *scoreStep) (ready, error) { return st.receive(req) }))
}

func (s *server) SubmitDecryptionShare(ctx context.Context, req *cohortv1.DecryptionShareSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindDecryptShare, req.GetRound(), func(st *decryptStep) (ready, error) { return st.receive(req) }))
}

func (s *server) SubmitEndorsement(ctx context.Context, req *cohortv1.EndorsementSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindEndorsement, req.GetRound(), func(st *endorseStep) (ready, error) { return st.receive(req) }))
}

func (s *server) SubmitEvaluation(ctx context.Context, req *cohortv1.EvaluationSubmission) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(deliver(s.c, auth.KindEvaluation, req.GetRound(), func(st *evaluateStep) (ready, error) { return st.receive(req) }))
}

func (s *server) DeclineTask(ctx context.Context, req *cohortv1.TaskDecline) (*cohortv1.Ack, error) {
	return &cohortv1.Ack{}, toStatus(s.c.declineTask(req))
}

func (s *server) UploadUpdate(stream grpc.ClientStreamingServer[cohortv1.UpdateChunk, cohortv1.UploadReceipt]) error {
	c := s.c
	ctx := stream.Context()
	first, err := stream.Recv()
	if err != nil {
		return err
	}
	h := first.GetHeader()
	if h == nil {
		return toStatus(fmt.Errorf("%w: an upload must start with its header", ErrMalformed))
	}
	if err := c.allow(ctx, "an upload"); err != nil {
		return err
	}
	st, err := currentStep[*trainStep](c, auth.KindUpdate, h.GetRound())
	if err != nil {
		return toStatus(err)
	}
	addr, want, err := st.header(h)
	if err != nil {
		return toStatus(err)
	}
	if err := c.expecting(auth.KindUpdate, h.GetRound(), addr); err != nil {
		return toStatus(err)
	}
	// The sender must have committed to this exact content: on chain, or
	// in a batched round by the signed commitment its header carries.
	// Store.Receive asks this (admit) before it touches the store: blobs
	// and partial uploads are addressed by content alone, so a hospital
	// that names another's committed hash must not reach them (reading the
	// chain while the bytes went to the store let it delete another
	// hospital's partial upload). A first attempt's bytes arrive into
	// memory meanwhile, so the sender does not wait for the chain read;
	// they are at most the size header bounded, from a member asked for
	// an update whose signature checked out.
	// refused is admit's answer as a gRPC status; signed is what it
	// returns (both read once Receive returned, which waits for admit).
	var signed *contracts.SignedCommitment
	var refused error
	admit := func() error {
		cm, err := c.ledger.Commitment(ctx, c.cfg.StudyID, h.GetRound(), addr)
		var committed common.Hash
		switch {
		case err == nil:
			committed = cm.CiphertextHash
		case !errors.Is(err, contracts.ErrNoCommitment):
			refused = status.Errorf(codes.Unavailable, "coordinator: read commitment on chain: %v", err)
			return refused
		}
		if signed, err = st.committed(addr, want, committed, h.GetCommitment()); err != nil {
			refused = toStatus(err)
			return refused
		}
		c.mu.Lock()
		err = st.announce(addr, want)
		c.mu.Unlock()
		if err != nil {
			refused = toStatus(err)
		}
		return refused
	}

	// The bytes go to a partial blob as they arrive, hashed on the way: if
	// the stream breaks, the sender resumes where it ended (UploadStatus)
	// instead of starting over.
	c.mu.Lock()
	keyHash := c.pkHash
	c.mu.Unlock()
	next, streamErr := UploadChunks(stream)
	check := func(data []byte, decoded *aggregation.EncryptedVector) error {
		return st.check(addr, keyHash, data, decoded)
	}
	size, err := c.store.Receive(want, h.GetSize(), h.GetOffset(), next, admit, check)
	if refused != nil {
		return refused
	}
	if err := streamErr(); err != nil {
		return err // what arrived is kept for a resume
	}
	if err != nil {
		return toStatus(err)
	}
	if err := c.settle(st, st.received(addr, want, signed)); err != nil {
		return toStatus(err)
	}
	return stream.SendAndClose(&cohortv1.UploadReceipt{ContentHash: want.Bytes(), Size: size})
}

// UploadChunks reads an upload's data chunks after its header, for
// Store.Receive: with ServerCodec each chunk's bytes are copied from gRPC's
// frames straight into the free space Receive offers. streamErr reports
// the stream's own failure (not its end), after which what arrived is
// kept for a resume.
func UploadChunks(stream grpc.ClientStreamingServer[cohortv1.UpdateChunk, cohortv1.UploadReceipt]) (next func(free []byte) ([]byte, error), streamErr func() error) {
	var failed error
	next = func(free []byte) ([]byte, error) {
		chunk := chunkInto{UpdateChunk: new(cohortv1.UpdateChunk), dst: free, n: -1}
		err := stream.RecvMsg(&chunk)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				failed = err
			}
			return nil, err
		}
		if chunk.n >= 0 {
			return free[:chunk.n], nil // copied in place by ServerCodec
		}
		return chunk.GetData(), nil
	}
	return next, func() error { return failed }
}

// UploadStatus answers only the upload's sender, about its own upload: the
// request carries what the upload's header does (the sender's signature of
// the content hash for the round, and in a batched round its signed
// commitment), checked as an upload's is, so that no one learns how much
// of another's upload is stored.
func (s *server) UploadStatus(ctx context.Context, req *cohortv1.UploadStatusRequest) (*cohortv1.UploadStatusReply, error) {
	c := s.c
	if len(req.GetContentHash()) != common.HashLength {
		return nil, toStatus(fmt.Errorf("%w: content hash is %d bytes, want %d", ErrMalformed, len(req.GetContentHash()), common.HashLength))
	}
	h := common.BytesToHash(req.GetContentHash())
	if err := c.allow(ctx, "an UploadStatus"); err != nil {
		return nil, err
	}
	if err := c.uploader(ctx, req); err != nil {
		return nil, err
	}
	if c.store.Has(h) {
		return &cohortv1.UploadStatusReply{Complete: true}, nil
	}
	n, err := c.store.PartialSize(h)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &cohortv1.UploadStatusReply{Received: uint64(n)}, nil
}

// uploader checks that an UploadStatus request comes from the sender of
// the upload it names, as UploadUpdate checks an upload's header: signed
// by a member the round's train phase asks for an update, that committed
// to this content on chain or signs its commitment to it.
func (c *Coordinator) uploader(ctx context.Context, req *cohortv1.UploadStatusRequest) error {
	st, err := currentStep[*trainStep](c, auth.KindUpdate, req.GetRound())
	if err != nil {
		return toStatus(err)
	}
	if req.GetStudyId() != st.study {
		return toStatus(fmt.Errorf("%w: this coordinator drives study %d, and the request names study %d", ErrNotParticipant, st.study, req.GetStudyId()))
	}
	h := common.BytesToHash(req.GetContentHash())
	addr, err := auth.Verify(req.GetAuth(), st.study, req.GetRound(), auth.KindUpdate, h)
	if err != nil {
		return toStatus(fmt.Errorf("%w (UploadStatus answers an upload's sender only: sign the request as the upload's header is)", err))
	}
	if !st.want[addr] {
		return toStatus(fmt.Errorf("%w: %s is not asked for an update in round %d", ErrNotParticipant, addr.Hex(), st.round))
	}
	cm, err := c.ledger.Commitment(ctx, st.study, req.GetRound(), addr)
	var committed common.Hash
	switch {
	case err == nil:
		committed = cm.CiphertextHash
	case !errors.Is(err, contracts.ErrNoCommitment):
		return status.Errorf(codes.Unavailable, "coordinator: read commitment on chain: %v", err)
	}
	if _, err := st.committed(addr, h, committed, req.GetCommitment()); err != nil {
		return status.Error(codes.PermissionDenied, fmt.Sprintf("coordinator: UploadStatus answers an upload's sender only, about its own upload: %v", err))
	}
	return nil
}

func (s *server) GetBlob(req *cohortv1.BlobRequest, stream grpc.ServerStreamingServer[cohortv1.BlobChunk]) error {
	if len(req.GetHash()) != common.HashLength {
		return toStatus(fmt.Errorf("%w: blob hash is %d bytes, want %d", ErrMalformed, len(req.GetHash()), common.HashLength))
	}
	h := common.BytesToHash(req.GetHash())
	content := func(fp common.Hash) common.Hash { return auth.BlobReadContent(h, fp) }
	if err := s.authorise(stream.Context(), req.GetStudyId(), req.GetAuth(), auth.KindBlobRead, content, []common.Hash{h}); err != nil {
		return err
	}
	data, ok := s.c.updates.get(h)
	if !ok {
		var err error
		if data, err = s.blobs.get(s.c.store, h); err != nil {
			return toStatus(err)
		}
	}
	for off := 0; off == 0 || off < len(data); off += BlobChunkSize {
		end := min(off+BlobChunkSize, len(data))
		chunk := &cohortv1.BlobChunk{Data: data[off:end]}
		if off == 0 {
			chunk.Size = uint64(len(data))
		}
		if err := stream.Send(chunk); err != nil {
			return err
		}
	}
	return nil
}

// expecting checks, before a costly upload is read, that the current phase
// wants this kind of answer from addr for this round.
func (c *Coordinator) expecting(kind string, round uint32, addr common.Address) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.current == nil {
		return c.phaseError(kind, round)
	}
	p := c.current.collecting()
	if p.kind != kind || p.round != round {
		return c.phaseError(kind, round)
	}
	return p.expect(addr)
}

// phaseError reports an answer the current phase does not collect; the
// caller holds c.mu.
func (c *Coordinator) phaseError(kind string, round uint32) error {
	if c.current == nil {
		return fmt.Errorf("%w: the study has not started; wait for a task", ErrWrongPhase)
	}
	p := c.current.collecting()
	return fmt.Errorf("%w: got a %s for round %d while collecting %ss for round %d",
		ErrWrongPhase, kind, round, p.kind, p.round)
}

// peerFingerprint is the SHA-256 of the client's TLS certificate.
func peerFingerprint(ctx context.Context) (common.Hash, error) {
	p, ok := peer.FromContext(ctx)
	if !ok {
		return common.Hash{}, errors.New("coordinator: no peer information")
	}
	info, ok := p.AuthInfo.(credentials.TLSInfo)
	if !ok || len(info.State.PeerCertificates) == 0 {
		return common.Hash{}, errors.New("coordinator: connect with mutual TLS and a consortium certificate")
	}
	return sha256.Sum256(info.State.PeerCertificates[0].Raw), nil
}

// toStatus maps the coordinator's errors to gRPC status codes.
func toStatus(err error) error {
	if err == nil {
		return nil
	}
	code := codes.Internal
	switch {
	case errors.Is(err, auth.ErrBadSignature):
		code = codes.Unauthenticated
	case errors.Is(err, ErrNotParticipant):
		code = codes.PermissionDenied
	case errors.Is(err, ErrDuplicate):
		code = codes.AlreadyExists
	case errors.Is(err, ErrWrongPhase), errors.Is(err, ErrWrongOffset):
		code = codes.FailedPrecondition
	case errors.Is(err, ErrIncomplete):
		code = codes.Aborted
	case errors.Is(err, ErrTooLarge):
		code = codes.ResourceExhausted
	case errors.Is(err, ErrCommitmentMismatch), errors.Is(err, ErrMalformed):
		code = codes.InvalidArgument
	case errors.Is(err, ErrBlobNotFound):
		code = codes.NotFound
	}
	return status.Error(code, err.Error())
}
