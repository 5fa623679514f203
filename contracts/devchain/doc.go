// Package devchain runs a local geth --dev node: the development chain that
// Cohort's integration tests, `cohort devnet` and the end-to-end test deploy
// the ledger on. It is a chain constructor like contracts.NewSimulatedChain,
// except that the chain lives in a real geth child process reached over
// JSON-RPC (contracts.DialChain with Node.URL).
//
// # Binary
//
// The geth binary is the one `make geth` builds from the go-ethereum version
// pinned in go.mod, so the chain behaves like the library the ledger is
// compiled against. FindBinary looks for it in $COHORT_GETH, else in
// .tools/bin/geth under the module root, found by walking up from the working
// directory to the first go.mod. A missing binary is ErrNoBinary, whose
// message says to run `make geth`.
//
// # Node
//
// Start launches geth --dev with --dev.period 0 (a block is mined as soon as a
// transaction is pending), JSON-RPC over HTTP on 127.0.0.1 only, no peers, no
// IPC, waits until the node answers and reads its developer account, which
// geth unlocks and funds at genesis. Without Options.DataDir the chain and the
// developer key stay in memory and vanish when the node stops; with it the
// chain survives a restart. Port 0 picks a free port and retries on another
// one if a different process takes it first. geth's output goes to
// Options.LogPath (appended) and its last lines are kept in memory for error
// messages (Node.LogTail).
//
// Node.Fund pays test accounts from the developer account and waits until the
// transfers are mined; Node.Stop sends SIGTERM and kills geth after a grace
// period.
//
// The developer account and every key made for a dev chain are development
// keys: never use them on a real network.
//
// Tests use the devchaintest sub-package, which skips when geth is not built
// (or fails under CI=true) and stops the node when the test ends.
package devchain
