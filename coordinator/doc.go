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
// Blobs (models, keys, ciphertexts, aggregates) live in a content-addressed
// Store on disk; only their hashes go on chain.
package coordinator
