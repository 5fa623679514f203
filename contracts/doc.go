// Package contracts is Cohort's ledger on Ethereum: the Go API that the
// coordinator and participant daemons use to read and write the Cohort smart
// contract, which stands in for the trusted central aggregator that Cohort does
// without.
//
// The contract (Solidity source, ABI, bytecode and the abigen v2 binding live in
// the cohortsol sub-package) records the consortium of member institutions,
// studies and the members that join them, the hash of each study's collective
// public key, rounds with their global-model hash and deadline, every
// participant's commitment to its encrypted update (ciphertext hash, sample
// count, Merkle root of the consented record ids), and each round's result
// (aggregate hash, model hash, metrics). Only hashes go on chain.
//
// # Chains
//
// A [Chain] is a connection to an Ethereum chain: [NewSimulatedChain] starts an
// in-process go-ethereum simulated backend (mainnet gas rules, a block mined
// after every transaction), and [DialChain] connects to any JSON-RPC endpoint
// such as geth --dev. A Chain signs transactions with an [Account], keeps one
// nonce sequence per account so that concurrent senders do not collide, and
// waits for receipts while honouring the caller's context.
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
// ErrNotCoordinator, ErrRoundNotOpen, ErrAlreadyCommitted, ...) that callers
// test with errors.Is; the returned error is a [*RevertError] that also names
// the Solidity error and its arguments. A transaction that reverts is detected
// before it is sent, during gas estimation, so a refused call costs no gas.
//
// # Gas
//
// Writes are O(1) in storage. A commitment is stored as a single slot, the
// keccak256 digest of (ciphertext hash, sample count, consent root); the
// preimage is emitted in the UpdateCommitted event, and [Ledger.Commitment]
// reads it from the log and checks it against the stored digest.
//
// # Regenerating the contract
//
// contracts/gen.sh compiles cohortsol/Cohort.sol with the solc pinned in
// contracts/package.json (standard JSON, pinned EVM version and optimizer) and
// regenerates the binding with go tool abigen --v2. Regenerating is
// deterministic; a test checks that the binding matches the committed ABI and
// bytecode.
package contracts
