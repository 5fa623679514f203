// Package auth authenticates Cohort's wire traffic in two independent ways.
//
// Transport: every connection is mutual TLS 1.3 between holders of
// certificates issued by the consortium's certificate authority (CA,
// IssueServer, IssueClient, ServerConfig, ClientConfig). A certificate's
// Fingerprint is what the chain's member registry records for a member; the
// coordinator's certificate, the only server one, names the study's
// coordinator address (HolderScheme), which clients check against the chain.
// Each connection to the coordinator is also bound to its Ethereum key:
// the coordinator signs the connection's TLS exporter value for the study
// (ChannelBinding, BindCoordinatorServer) and clients check the signer
// against the chain before sending anything (BindCoordinatorClient), so
// neither a certificate naming the coordinator held by someone else nor a
// relay terminating TLS passes.
//
// Messages: every message that carries a decision (a key share, a decryption
// share, an update header, an evaluation) is signed with the sender's Ethereum
// key over a Digest that binds it to the study, the round, the message kind
// and the content hash (Sign, Verify). A message moved to another study, round
// or kind, or with other content, fails verification; replays within the same
// round are refused by the receiver's state, which accepts each kind once.
package auth
