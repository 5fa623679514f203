// Package protocol writes Cohort's round protocol down once: the phases a
// study runs, and for each the messages (api/cohortv1), who signs them,
// who checks what against the chain, and what each side keeps on disk.
// Phases lists the same phases as Go values, in this order; a test keeps
// the list and the "Phase" sections below the same, and each side's tests
// call Covers on its table of I/O-free steps (package coordinator's and
// package participant's steps_*.go).
//
// # Conventions
//
// A hospital (participant) connects out to the coordinator over mutual TLS
// and opens a task stream with Join (JoinRequest, signed with kind "join"
// over auth.JoinContent(name, TLS certificate fingerprint); a node that
// says it holds no key share for the study, or one of a key epoch after
// the first, signs that too in key_auth, over auth.JoinKeyContent). The
// coordinator admits it only if the chain lists it as a participant of the
// study and the member registry records that certificate fingerprint for
// its address. Every task after that opens a phase; the member answers it
// with one RPC, except ReshareCommit, which has no answer. StudyDone ends
// the study; it opens no phase.
//
// Every answer is signed with the sender's Ethereum key by auth.Sign over
// auth.Digest(study, round, kind, content hash): a message moved to another
// study, round, kind or content fails auth.Verify. Round is 0 for the
// phases that run once, before round 1. The coordinator accepts one answer
// per member per phase, from the members it asked only: a stranger, a
// second answer (a replay), an answer for another round, or about another
// subject (another aggregate, re-sharing set or moments session) is
// refused. A member that joins again before answering is sent the same task
// again, once the coordinator has sent it (after the chain writes it
// depends on).
//
// A member that will not answer a task (it refused it, or failed it) says
// so with DeclineTask instead (TaskDecline: the task's round and Phase and
// the member's error as reason, cut to MaxDeclineReason bytes by
// DeclineReason, signed with kind "task-decline" over
// auth.DeclineContent(phase, reason)); it does not decline when it stops,
// when it could not reach the coordinator, nor an answer the coordinator
// refused as superseded. The coordinator
// takes a decline only from a member the current phase, of that name and
// round, asked and that has neither answered nor declined; it logs the
// reason and waits no more for the member than for one that went away: a
// set of share holders is given up at once and another asked, and another
// phase, once every member missing declined or went away, closes with the
// answers it needs or fails at once naming the declines. A member that
// declined may still answer in the same phase (its chain caught up).
//
// Every task carries the coordinator's chain head when it was sent
// (Task.chain_block), read after the chain writes the task depends on were
// mined. A member whose own Ethereum node is behind that block waits for
// its node to reach it, for at most participant.Config.ChainCatchUp,
// before it reads the chain for the task, and otherwise refuses (and
// declines) it with participant.ErrChainBehind; 0 is checked at once. The
// task also carries the hash of that block (Task.chain_block_hash, from
// the same header) and the coordinator's chain id (Task.chain_id): a
// member whose node serves another chain id refuses the task at once, and
// one whose node has another block at that height (another fork or
// network) waits, within the same bound, for a reorg to settle it, then
// refuses (and declines) the task with participant.ErrChainFork. Empty or
// 0 (an older coordinator) is not compared.
//
// The coordinator is trusted with nothing: whatever it asks, a member first
// checks against the chain. Blobs (models, the collective key, ciphertexts,
// sums, score sets) live in the coordinator's content-addressed store and
// are fetched with GetBlob; only their hashes go on chain (an encrypted
// vector's hash is the Merkle root of its chunks, aggregation.ContentHash,
// so OpenChunks can prove any chunk of it). A member keeps
// its secrets in its encrypted keystore (participant.Keystore); the
// coordinator keeps its protocol state in its store (Store.WriteState).
// A blob's content hash is aggregation.ContentHash: for an encrypted vector
// (an update, moments, a sum) the Merkle root of its header and 128-value
// chunks, so a single chunk can be proven against what the chain records
// (and `cohort audit` recomputes every closed round from the chain and the
// store); for anything else its Keccak-256 hash.
//
// A study may have a decryption committee (contracts.CommitteeParams): c
// participants chosen on chain by a rule anyone can re-check. Then the
// share holders below are the committee, at the points the chain gives
// them (contracts.CommitteePoint), and every member refuses holders other
// than the chain's; without one, every participant holds a share.
//
// # The participant's side
//
// A hospital runs each phase as an I/O-free step (package participant's
// steps_*.go): the task and the chain facts it needs, read beforehand by
// the node and passed as values (the study with its participants,
// threshold, key hash, standardiser and robust-policy hashes, round state
// and committee; the round's commitments and recorded scores; the
// suspended participants a re-sharing names), with the blobs the task or
// the chain names (fetched from the coordinator and refused unless they
// hash to the name), go in; what to keep (keystore entries, data-directory
// files), what to commit on chain and what to send come out, or a refusal
// naming what did not match. Every step refuses a task for another study.
// Beyond what each phase below says, a hospital refuses: key generation
// once the chain records the study's key (a replay would replace the key
// share its updates are encrypted under); threshold dealing or
// confirmation once round 1 has opened (only a re-sharing changes the
// holders then); a threshold share from a dealer that is not a
// participant on chain or that deals another member's key;
// train, score and decrypt tasks for a round the chain does not have open
// (a replayed task of a closed round, or one for a round not yet opened);
// an evaluation for a round the chain has not opened; a re-sharing commit
// of a re-sharing it holds no pending share of (a commit applied again is
// a no-op). It keeps, per study: in the keystore, encrypted, its additive
// key share, its threshold share in force and the re-sharing that share
// came from, and a re-sharing's pending share (written before it confirms,
// erased last on the commit, so a crash can apply the commit again); in its
// data directory, each round's sealed update (kept before it is committed,
// sent again after a restart and never sealed twice), the ids each round
// trained on (rounds/r.json, for a patient's proof of use) and the agreed
// pooled standardiser (standardiser.json).
//
// # Phase keygen
//
// Before round 1, once every participant the chain lists has joined.
// KeyGenTask carries the common reference string seed, derived from the
// study, the ledger address and the sorted members, so anyone can recompute
// it. Each member answers SubmitPublicKeyShare (PublicKeyShareSubmission,
// kind "pk-share", content keccak(share)). The coordinator combines every
// share into the collective public key, stores it and records its hash on
// chain (SetPublicKeyHash); a member fetches the key later and checks it
// against that hash. Member keeps: its additive secret-key share (keystore).
// Coordinator keeps: the key (blob).
//
// # Phase threshold-deal
//
// Right after keygen (again after a restart before round 1). ThresholdTask
// names the threshold t and the holders (address, Shamir point, Ethereum
// public key): every member, or the committee. A member checks t against
// the study's threshold on chain, every holder is a participant on chain
// (and on the chain's committee, at its point, if there is one), each
// public key matches its address and no point repeats; it Shamir-shares its secret key, seals each
// share to its recipient (ECIES) and signs each with kind "threshold-share"
// over auth.ShareContent(recipient, ciphertext). SubmitThresholdShares
// carries them. The coordinator checks every share is signed by one dealer,
// one per holder and to exactly the holders it named.
//
// # Phase threshold-confirm
//
// ThresholdKeyTask relays to each holder the shares dealt to it. The holder
// checks each is addressed to it, signed by a distinct dealer, and that the
// collective key matches its hash on chain; it combines them and answers
// ConfirmThresholdKey (kind "threshold-key", content keccak(public key
// hash)). Member keeps: its threshold share (keystore). Coordinator keeps:
// the holders and their points (state "share-holders").
//
// # Phase moments-count
//
// Only with pooled standardisation, once, before round 1. MomentsCountTask
// carries a fresh 32-byte session and the public feature scales. Each
// member answers SubmitMomentsCount (MomentsCount, kind "moments-count",
// content auth.MomentsCountContent(session, count)) with its number of
// consented training records. The coordinator refuses another session and
// a count of 0 or above MaxMomentsCount.
//
// # Phase moments
//
// MomentsTask sends the members that counted the total with every signed
// count; each checks the signatures, that the signers are participants on
// chain and that the counts add up, and answers SubmitMoments
// (MomentsSubmission, kind "moments", content auth.MomentsContent(session,
// content hash of the ciphertext)) with its moments encoded for the total, encrypted
// under its key share bound to the session. The coordinator checks the
// session, the size, and the ciphertext's key, context and length, and
// stores it.
//
// # Phase moments-decrypt
//
// The coordinator sums the moments (weight 1 each), pins the sum's hash on
// chain (Studies.pinMomentsSum: once per study, before round 1) and asks t
// share holders, and up to t spare ones among the sites that contributed
// (MomentsDecryptTask, with the counts, the signed contributions, the
// sum's hash and, with spare holders, the decryption sets, as in phase
// decrypt). Each recomputes the sum from the signed ciphertexts, refuses
// fewer than max(2, the study's minimum) sites and any sum but the one
// the chain pins, checks the sets, and answers SubmitMomentsShare (kind
// "moments-share", content auth.MomentsShareContent(sum hash, active
// points, shares...)), one share per decryption set it is in. The sum is
// decoded only if every set decrypts it alike (aggregation.DecryptChecked),
// at the coordinator and at every member that checks the result. A holder
// that goes away or declines is replaced by another set.
//
// # Phase moments-result
//
// The coordinator decrypts only the sum and sends every member
// MomentsResultTask: the pooled standardiser with the signed counts,
// contributions and decryption shares. Each member recomputes and decrypts
// the sum itself, refuses a standardiser that differs (or, after round 1,
// one the chain does not record), keeps it and answers ConfirmMoments
// (kind "moments-standardiser", content keccak(standardiser)). The
// coordinator records the standardiser's hash on chain before round 1 and
// sends the result first to a member that joins later. Member keeps:
// DataDir/standardiser.json. Coordinator keeps: state "moments-result".
//
// # Phase reshare-deal
//
// Before round r > 1, when the chain's participants in good standing (or,
// with a committee, the chain's current committee) are no longer the share
// holders. With a committee, t old holders re-share every dealer's key to
// the new committee and the members that joined deal their own keys to it. ReshareTask names round r, t, exactly t
// dealers (current holders that stay) and the new holders (points: stayers
// keep theirs, newcomers get points never used) and set_hash
// (auth.ReshareSetHash). A dealer checks the chain is between rounds r-1
// and r, t is the study's, every dealer and holder is a participant in good
// standing, and recomputes set_hash; it re-shares its threshold share, each
// share sealed to its recipient, cut into pieces of at most
// ResharePieceBytes and each piece signed with kind "reshare-share" over
// auth.ReshareContent(recipient, set_hash, piece, pieces, ciphertext).
// SubmitReshareShares carries them, as many calls as ReshareMessageBytes
// needs; newcomers deal their own additive keys the same way, with their
// public-key share for the collective key's CRS in the first submission
// (kind "pk-share", round r; refused if missing, not the newcomer's, or for
// another CRS). The
// coordinator checks each piece (one dealer, the current round and set
// hash, a new holder as recipient, its place and size, not seen before)
// and counts the dealing once every piece for exactly the new holders came.
// A sealed share's size is known in advance (SealedShareBytes): a
// re-shared one holds a share of every key the holders hold, a member's
// own dealing one key, each 383 kB at the default parameters, with a fixed
// header and auth.SealOverhead. A share is announced in at most
// SharePieces of that many bytes and its pieces come to no more
// (CheckShareBound); the coordinator refuses a piece past either before it
// keeps it, naming the bound.
//
// # Phase reshare-key
//
// ReshareKeyTasks relay to each new holder its share pieces (total_shares
// in all, ReshareMessageBytes at most per task); it checks the set as a
// dealer does and each piece's signature, and bounds each share by what
// the chain allows before it keeps a piece: a dealer's re-shared share
// holds at most the keys of every member that ever joined the study (its
// participants and those contracts.Departures records, whose keys stay in
// the shares), a member's own dealing one key (SealedShareBytes at the
// scheme's parameters, over the task's holders and dealers). A piece whose
// share is announced in more pieces than that many bytes take (SharePieces),
// a dealer's pieces past that many bytes, or total_shares past what the
// dealers and the members that may deal their own keys can send is refused
// (and declined) and nothing of the task is kept: at 100 hospitals a
// re-shared share is at most 38.3 MB in 5 pieces, where a hostile count
// could otherwise announce MaxResharePieces (32 GiB). Once all have come, it joins
// each dealer's pieces, combines the shares into a pending share and
// answers ConfirmReshareKey (kind "reshare-key", content set_hash), with
// its dealing-check shares of the pending share: of the kept keys
// (dealing_check_dealers), then of each newcomer's key alone
// (dealing_check_joiners); a failing check leaves the re-sharing
// uncommitted (coordinator.ErrInconsistentDealing). The old shares
// stay in force. Member keeps: the pending share (keystore). A new holder
// that does not confirm is left out of the set.
//
// # Phase reshare-commit
//
// Once t new holders confirmed, the coordinator keeps the new set (state
// "share-holders") and sends ReshareCommitTask; each holder replaces its
// threshold share with the pending one and erases the old share
// (keystore); its additive key share stays, as its updates are encrypted
// under it. A holder rotated off a committee erases its share (only if the
// chain's committee leaves it out). Nobody answers: a holder that missed
// it is sent it again when it joins.
//
// # Phase train
//
// The coordinator opens round r on chain with the global model's hash and
// sends TrainTask to the members in good standing. A member checks the
// global model hash and privacy budget against the chain's round, the
// standardisation mode and hash, trains on the records whose consent is
// active on chain as of the round's opening and encrypts its update. Its
// commitment is the update's content hash (the chunk root), the sample
// count and the consent Merkle root. By default the round's commitments
// are batched: TrainTask carries commit_by, the time by which the
// coordinator promises to record them; the member signs its commitment as
// EIP-712 RoundCommitment data for the study's Studies module
// (contracts.SignCommitment; the study and round are in what it signs) and
// sends it in its UpdateHeader (SignedCommitment) as it streams the update
// with UploadUpdate (UpdateHeader signed with kind "update", content the
// ciphertext's content hash). The coordinator recovers the signer
// (contracts.CommitSigner) and refuses a commitment that is not the
// uploader's for this study, round and content (forged, altered, replayed
// from another round, a high-s signature); when the train phase ends it
// records the round's signed commitments in commitUpdates transactions
// (contracts.MaxCommitBatch each), leaving out those the chain already
// records. The contract recovers each signer and enforces what it enforces
// for commitUpdate: an active member, a participant not suspended, once
// per round, before the deadline; a batch it refuses is split in halves so
// that one bad entry costs only its own update. The round aggregates only
// the uploads whose commitment the chain then records, with the sample
// counts recorded. After its upload the member watches the chain: its
// commitment recorded as it signed it settles the round for it; recorded
// otherwise, or a round closed without it, is reported; not recorded by
// commit_by plus its grace (participant.Config.CommitGrace, at the latest a
// tenth of the round before its deadline), it commits by itself
// (CommitUpdate, signed by its own account). Without commit_by
// (coordinator.Config.CommitEach) the member commits on chain first and
// then uploads, and the coordinator accepts the upload only if it matches
// the sender's commitment on chain. Either way an upload must fit
// Config.MaxUpdateBytes and be encrypted under the study's key for this
// round and sender; an interrupted upload resumes (UploadStatus). Dropouts
// do not stall the round while the study's minimum remains. Member keeps:
// the sealed update and the ids it used (DataDir/rounds/r.json).
// Coordinator keeps: the ciphertexts (blobs).
//
// # The round's contributor list, pinned
//
// Once the round's commitments are on chain and before it asks anyone for
// score or decryption shares, the coordinator pins the round's contributor
// list on chain (the hash contracts.ContributorsHash of the study, the
// round and the ordered addresses, in the round's record; once per round,
// the same hash again a no-op), keeping the list in its store first. A
// batched round pins it with its last batch of commitments
// (Studies.commitUpdates: the list it sums if that batch lands); a round
// with no batch, or whose last batch was refused, pins it alone once its
// commitments are recorded. A holder reads the pin once per round and gives
// score and decryption shares for the pinned list only (no pin: none), on
// top of its own rules (one aggregate and one projection seed per round,
// DataDir/decrypted, DataDir/scored). The list fixes what is opened: each
// listed member commits once per round (ciphertext and sample count), the
// projection seed is drawn from the listed commitments in order, and a
// robust round's weights follow from the scores and the study's policy.
// So a coordinator that splits the holders into two groups of at least t
// cannot have two lists of one round opened and subtracted. A coordinator
// restarted within the round goes on with the pinned list from its store,
// or stops (contracts.ErrContributorsPinned).
//
// # Phase score
//
// Only with robust scoring. The coordinator scores each update against the
// reference update of the root data set under encryption and asks t share
// holders, and up to t spare ones among the round's contributors
// (ScoreTask, with the score sets' hashes and, with spare holders, the
// decryption sets, as in phase decrypt). Each checks the contributors
// against the pinned list, recomputes the reference,
// the projection seed from the round's commitments and every score set,
// checks the sets (aggregation.CheckDecryptionSets), and answers
// SubmitScoreShares (kind "score-shares", content
// auth.ScoreSharesContent(active points, shares)), one share per
// contributor for each decryption set it is in. The coordinator records
// scores, trust weights and flags on chain (RecordScores), where strikes
// suspend a member past the study's limit, only if every set decrypts
// every score alike within the smudging noise
// (aggregation.DecryptScoresChecked); holders re-deriving the weights in
// phase decrypt check the same from the signed submissions, every set of
// the signed active points present.
//
// # Phase decrypt
//
// The coordinator sums the updates with their weights, stores the sum and
// asks t share holders, and up to t spare ones among the round's
// contributors (DecryptTask, with the contributors, weights, in robust
// mode the trust evidence, and with spare holders the decryption sets:
// exactly t points each, every holder left out of one,
// aggregation.DecryptionSets). Each spot-checks the sum against the
// updates committed on chain: it draws k chunk positions from its own
// randomness, fetches those chunks of every contributor's update with
// their Merkle proofs (OpenChunks) and checks the sum's header and those
// chunks (aggregation.CheckSpots; in robust mode it recomputes the whole
// sum from the updates it already fetched to score them). It checks the
// weights against the committed sample counts or the weights recorded on
// chain (re-deriving trust weights), refuses a sum of fewer than the
// study's minimum or over another list than the one pinned, and answers
// SubmitDecryptionShare (kind "decrypt-share", content keccak(share),
// bound to the aggregate hash), one share per decryption set it is in,
// each signed (it first checks the sets: aggregation.CheckDecryptionSets).
// The coordinator publishes only if every set's decryption agrees within
// the smudging noise (aggregation.DecryptChecked). A holder that goes away
// or declines is replaced by another set. Coordinator keeps: the sum, the new model
// (blobs) and the round's decryption record (the shares as signed, the
// model the round started from, the server optimiser's state), from which
// `cohort audit` recomputes the model.
//
// # Phase endorse
//
// Only in a robust round whose recorded scores flag members, and only when
// the holders of phase decrypt sent fewer than the study's threshold t of
// valid endorsements of the round's scores hash (each holder signs one,
// EIP-712 ScoresEndorsement, with its decryption share once its weights and
// flags check): the chain strikes the flagged members only with t
// endorsements of distinct participants in good standing
// (Committees.confirmStrikes). The coordinator asks t minus the valid
// endorsements, plus a margin of 2, of the round's other participants in
// good standing that are connected (contributors first, never a flagged
// member or a holder of the decryption's active set) with EndorseTask: the
// round, the scores hash on chain, the contributors and the trust evidence
// of phase decrypt. Each re-derives every weight and flag from the signed
// score shares as a holder does (without the updates: the holders that
// signed the score shares recomputed each score set from its update), checks
// that the chain's record names exactly the contributors, each once, with
// those weights and flags and that the scores hash is the chain's, and
// answers SubmitEndorsement (EndorsementSubmission: its EIP-712 endorsement,
// which is its signature; kind "scores-endorsement" names the phase only).
// A member endorses one round's scores once: a second task for the round,
// a task for a round the chain does not have open, one whose table flags
// nobody, or whose evidence does not re-derive the record, is refused. The
// coordinator checks each endorsement's signer is the sender and ends the
// phase once t valid endorsements are in (or at the phase timeout), then
// records the strikes (confirmStrikes) if it has t. Member keeps: the scores
// hash it endorsed (DataDir/endorsed/r.json).
//
// # Phase evaluate
//
// EvaluateTask names the new model; each of the round's contributors whose
// update weighs in it (not one robust scoring weighed 0) evaluates it on
// its consented test records and answers SubmitEvaluation
// (kind "evaluation", content keccak(evaluation)) with counts and score
// histograms only, counting at most as many test records as the training
// samples it committed in the round (a larger count is refused; cohort
// audit checks it from the chain). The coordinator merges them and closes
// the round on chain (CloseRound) with the aggregate's and the model's
// hashes and the pooled metrics. Coordinator keeps, in the round's
// decryption record, the signed evaluations in merge order and the signed
// declines (DeclineTask) of the members asked that sent none, so that
// cohort audit re-merges the metrics and names each weighed contributor
// they leave out, with its decline if one was kept.
package protocol
