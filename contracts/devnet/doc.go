// Package devnet sets up a local development consortium chain: geth --dev
// (package devchain starts it) with generated, funded accounts (deployer,
// researcher, coordinator, hospitals; keys as 64 hex digits, mode 0600)
// and the Cohort contract deployed with its founding members, all
// described in DIR/devnet.json. A devnet in an existing directory is
// resumed: the same chain, contract and accounts. `cohort devnet` runs it;
// the keys hold development ether and are never for a real network.
package devnet
