// Package contracts is Cohort's ledger on Ethereum: the Go API that the
// coordinator and participant daemons use to read and write the Cohort smart
// contract, which stands in for the trusted central aggregator that Cohort does
// without.
//
// The ledger is three contracts, and a fourth that each Studies module
// creates (Solidity sources, ABIs, bytecode and the abigen v2 bindings live
// in the cohortsol sub-package), each well under the EIP-170 code-size
// limit: the Consortium (members, votes, and the directory
// of the current modules; its address is the ledger's identity, the one
// [Open] takes), the Studies module (studies, rounds, commitments, scores,
// strikes; its Committees contract holds each study's decryption committee)
// and the ConsentRegistry (patients' consent). [Deploy] deploys and
// links all three. A consortium moves to a new version of a module by vote
// ([DeployStudiesModule] or [DeployConsentModule], then
// [Ledger.ProposeModule]): the old module is retired but keeps its state —
// a retired Studies module runs the studies it holds to their end and takes
// no new one, the new one continues the study ids; a new ConsentRegistry
// reads its predecessor, which must be the current registry, for every
// scope it has not recorded, so no decision and no nonce is lost. The [Ledger] finds the module of each study itself.
// Together they record:
//
//   - the consortium: founding members at deployment, then admissions,
//     removals, reinstatements and quorum changes by a vote of active members
//     ([Ledger.ProposeAdmission], [Ledger.Vote], ...); each member has a name,
//     an address and a TLS certificate fingerprint;
//   - studies and the members that join them (before key generation or
//     between rounds of a running study), leave them ([Ledger.LeaveStudy]) or
//     are excluded by a member vote ([Ledger.ProposeExclusion]; the
//     coordinator cannot remove anyone) while no round is open, never below the study's minimum of active
//     participants, and the hash of each study's collective public key;
//   - patients' consent per study or per purpose, with an expiry, signed by
//     the patient as EIP-712 typed data ([SignConsent]) and relayed by a
//     member ([Ledger.GrantConsent], [Ledger.RevokeConsent]), so patients need
//     no ether; each change carries a per-(patient, scope) nonce, which makes
//     every signature single-use. [Ledger.ConsentStatus] answers as of any
//     round: the decision in force in the block before the round opened, so a
//     revocation takes effect from the next round;
//   - rounds with their global-model hash and deadline, every participant's
//     commitment to its encrypted update (ciphertext hash, sample count,
//     Merkle root of the consented record ids), the coordinator's scores,
//     weights and flags ([Ledger.RecordScores]), and each round's result or
//     its abandonment after the deadline ([Ledger.AbandonRound]);
//   - each study's decryption committee, if its owner gives it one
//     ([Ledger.SetCommittee]): c participants that hold Shamir shares of
//     every participant's key, selected by the coordinator between rounds
//     ([Ledger.SelectCommittee]) by a rule anyone can re-check
//     ([SelectCommitteeMembers]): the c candidates with the lowest
//     keccak256(seed, address). The candidates, the active participants,
//     are fixed by a request ([Ledger.RequestCommittee]) whose block's hash
//     is the seed, and the draw is completed in a later block by the
//     coordinator or any participant ([Ledger.CompleteCommittee]), so
//     nobody chooses the seed and no joiner can enter a draw it has seen.
//     No round opens while the committee is not current: not yet selected,
//     a member left, was suspended or was voted out of the consortium,
//     RotationRounds rounds served, or a
//     member vote asked for a rotation ([Ledger.ProposeRotation]);
//   - strikes per member and study, from the flags of a round's recorded
//     scores once the study's threshold of participants endorsed them,
//     brought by the coordinator in one transaction
//     ([Ledger.ConfirmStrikes]) or sent by the participants themselves,
//     one each ([Ledger.EndorseScores]); the coordinator can neither
//     strike on its own word nor spare a flagged member by not confirming.
//     A member reaching the study's strike limit is suspended, its
//     commits are refused until members vote to reinstate it.
//
// Every state change emits an event and every write is access-controlled
// (member, coordinator, participant, patient signature or member vote;
// creating a study is open to any researcher by design). Only hashes go on
// chain.
//
// # Chains
//
// A [Chain] is a connection to an Ethereum chain: [NewSimulatedChain] starts an
// in-process go-ethereum simulated backend (mainnet gas rules, a block mined
// after every transaction), and [DialChain] connects to any JSON-RPC endpoint
// such as geth --dev. A Chain signs transactions with an [Account], keeps one
// nonce sequence per account so that concurrent senders do not collide
// (re-read from the node's pending state after a failed send or a wait that
// timed out, so a dropped transaction leaves no gap), and waits for receipts
// while honouring the caller's context.
//
// # Ledger
//
// [Deploy] creates the contract with its founding members; [Open] binds an
// existing deployment. [Ledger] offers one method per contract function,
// typed with Go values (common.Hash, time.Time, float64 metrics converted to
// the contract's fixed point [MetricUnit]).
//
// # Errors
//
// Every custom Solidity error maps to a sentinel (ErrNotMember,
// ErrNotCoordinator, ErrRoundNotOpen, ErrAlreadyCommitted, ErrSuspended,
// ErrBadSignature, ErrInvalidNonce, ErrConsentRevoked, ...) that callers
// test with errors.Is; the returned error is a [*RevertError] that also names
// the Solidity error and its arguments. A transaction that reverts is detected
// before it is sent, during gas estimation, so a refused call costs no gas.
//
// # Gas
//
// Writes are O(1) in storage, and values the contract never reads again live
// in events, bound to storage by a running hash. A commitment updates the
// member's participant slot and the round's commitments root (see
// [NextCommitmentsRoot]) rather than storing a new slot; [Ledger.Commitment]
// and [Ledger.Round] replay the UpdateCommitted events and check them against
// the root, so a node that hides or forges an event is caught. Scores are one
// batched call that stores only a running hash of the score table (see
// [PackScore], [NextScoresHash]); only flagged members cost a storage write,
// their strike. The figures under mainnet gas rules are measured by cohort
// bench gas and kept in the README's gas table (the ledger section), not
// here, where they would drift: at 100 participants a whole round with
// batched commits costs about 19,000 gas per participant.
//
// # Regenerating the contract
//
// contracts/gen.sh compiles the modules in cohortsol/ (Consortium, Studies,
// Committees, ConsentRegistry) with the solc pinned in
// contracts/package.json (standard JSON, pinned EVM version and optimizer;
// installed once into .tools/solc, outside the sources) and regenerates each
// module's binding with go tool abigen --v2. Regenerating is
// deterministic; a test checks that the binding matches the committed ABI and
// bytecode.
package contracts
