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
package participant
