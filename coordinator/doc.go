// Package coordinator drives a Cohort study without being trusted with it.
//
// The coordinator relays and aggregates: hospitals join over mutual TLS and
// receive tasks (key generation, training, decryption, evaluation) on a
// stream; they answer with signed messages. The coordinator combines the
// collective public key from key shares, checks each uploaded ciphertext
// against the commitment its sender made on chain, sums the ciphertexts
// homomorphically, combines decryption shares and records every outcome on
// chain, where anyone can re-check it. It never holds a secret-key share, so
// it cannot read an update or the sum on its own.
//
// Membership may change between rounds: members join a running study and
// participants leave (or the coordinator removes them) on chain while no
// round is open, and suspension takes a member out too. Before each round
// the coordinator compares the chain's participants in good standing with
// the holders of threshold key shares; on a change it runs a re-sharing: t
// holders that stay re-share their shares to the new set (newcomers get
// points nobody held before), each share sealed to its recipient and bound
// to the study, the round and the set; recipients confirm; the coordinator
// keeps the new set (Store state) and tells the holders to commit, which
// erases their old shares. The collective public key, and so every
// ciphertext, stays valid. A restart before the commit redoes the
// re-sharing; after it, a holder that missed the commit gets it on joining.
//
// Blobs (models, keys, ciphertexts, aggregates) live in a content-addressed
// Store on disk; only their hashes go on chain.
package coordinator
