// Package participant is a hospital's node in a Cohort study.
//
// A participant holds its records, a secret-key share and an Ethereum key.
// It connects out to the coordinator over mutual TLS, joins the study on
// chain, and answers the coordinator's tasks: it contributes a public-key
// share; each round it checks the global model against the chain, trains on
// the records of consenting patients only, encrypts its update under the
// collective key, commits the update's hash, sample count and consent Merkle
// root on chain and uploads the ciphertext; it gives a decryption share only
// for an aggregate it has recomputed itself from the on-chain commitments, so
// no single update is ever decrypted; and it evaluates each new model on its
// own test records, sending only counts and score histograms.
//
// # Steps and driver
//
// Each phase of the protocol (api/protocol) is an I/O-free step in the
// steps_*.go files: the task and the chain facts it needs, passed as
// values, go in; what to keep in the keystore and the data directory, what
// to commit on chain and what to send come out, or a refusal (most wrap
// ErrChainMismatch) saying what did not match. Participant is the driver:
// for each task it reads the chain and fetches the blobs the step needs,
// runs the step, and carries out what it decided, in order (keystore, data
// directory, chain, coordinator). A table of drivers keyed by
// api/protocol's phases dispatches tasks; a test keeps it covering every
// phase, and table tests run each step against hostile tasks with no
// chain or server.
//
// # Robust rounds
//
// When the study scores updates (robust aggregation), a holder gives score
// decryption shares only after recomputing the reference update, the
// projection seed and every score set. Before it decrypts the aggregate it
// re-derives every trust weight: it recombines the scores from the signed
// score shares the decrypt task carries (TrustEvidence), runs the robust
// policy of its Config (which must hash to the coordinator's, else
// ErrRobustPolicy) over the whole round with the committed sample counts, and
// refuses with ErrChainMismatch, naming each update whose weight differs,
// when the task's or the chain's weights are not the ones it derived.
//
// # Joining and leaving a running study
//
// A node started for a study that is already running joins it on chain as
// soon as no round is open: while one is, it reads the chain every half
// second and joins in the coordinator's enrolment window after the round
// closes. It then receives its
// threshold share from a re-sharing and trains from the next round on. In a
// re-sharing a holder checks on chain that every dealer and new holder is a
// participant in good standing and that the re-sharing is for the next
// round, deals or receives shares bound to that round and set, and keeps
// the new share pending until the coordinator commits; then the new share
// replaces the old one in the keystore and the old threshold share is
// deleted (the additive key share stays: this member's updates are
// encrypted under it), so a party removed from the set cannot combine its
// old share with anyone's. A hospital leaves with
// [contracts.Ledger.LeaveStudy] (cohort study leave) between rounds.
//
// A connected node also reads the chain every few seconds: it stops when the
// study is completed, even if the coordinator's end-of-study task never
// reaches it, and stops with [ErrLeftStudy] once its hospital is no longer a
// participant (it left or was removed), as its chain and the study's latest
// state where its transactions go agree: a departure a later join undid
// does not stop it.
//
// # Consent
//
// The ledger is the source of truth for consent (ConsentChain, the default
// when the site's records carry patient ids). When round r's training task
// arrives, the participant asks the chain, in batched calls, for the consent
// of every patient of its training and test records as of round r: the
// decision in force in the block before the round opened, with a grant's
// expiry compared to the round's opening time. It trains, and later
// evaluates, only on records whose patient's consent is active; records
// without a patient id are left out, so are patients who never granted, whose
// grant expired, or who revoked before the round opened. A revocation made
// while round r is open takes effect from round r+1. ConsentLocal keeps the
// site's own flags, for hospital files without patient ids.
//
// The committed sample count is the number of records used and the consent
// root is records.MerkleRoot of their ids. With a data directory the
// participant keeps those ids per round (DataDir/rounds/<r>.json), and
// ProveConsentUse turns them into a proof, for a patient, that their record
// was or was not used in round r, which verifies against the root on chain.
//
// # Standardisation
//
// Config.Standardisation must be the study's (the coordinator's tasks say
// it); a node configured otherwise stops with ErrStandardisation. With
// pooled standardisation the node keeps its raw records, takes part in the
// moments phase before round 1 (see the coordinator package) with the
// moments of its consented training records as of that moment, and
// standardises training and test records with the pooled standardiser it
// checked: it decrypts the moments' sum itself from the signed decryption
// shares, after recomputing that sum from the signed ciphertexts of at
// least max(2, the study's minimum) sites whose signed counts add up to the
// total, and refuses (ErrBadStandardiser) anything else. It keeps the
// standardiser in DataDir/standardiser.json, and once round 1 has opened it
// accepts no other.
package participant
