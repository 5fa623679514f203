// Package membership is how the consortium's members admit an institution:
// an active member proposes it (its name, Ethereum address and TLS
// certificate fingerprint) and its own vote counts at once; others vote
// until the quorum carries the proposal; List shows who is a member.
// ProposeReinstatement is how members let a hospital back into a study it
// was suspended from or voted out of.
// Each call describes the proposal after the vote, as `cohort member` and
// the gas benchmark print it. The votes themselves are contract calls of
// package contracts.
package membership
