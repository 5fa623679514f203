// Package deployment puts a consortium's ledger on a chain: it reads the
// founders file (each founding institution's name, Ethereum address and
// TLS certificate or fingerprint, checked entry by entry), deploys the
// Cohort contracts with their quorum (package contracts' DeployWithQuorum)
// and describes the result as a Record, the file the coordinator's and
// hospitals' configurations and an auditor start from. `cohort deploy` runs
// it against any JSON-RPC chain.
package deployment
