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
// participants leave (or a member vote excludes them) on chain while no
// round is open (Config.EnrolmentWindow keeps a gap between rounds for
// that), and suspension takes a member out too. Before each round
// the coordinator compares the chain's participants in good standing with
// the holders of threshold key shares; on a change it runs a re-sharing: t
// holders that stay re-share their shares to the new set (newcomers get
// points nobody held before and deal their own keys; a member that left and
// joined again gets a fresh point and deals nothing, the holders keeping
// its key), each share sealed to its recipient and bound
// to the study, the round and the set; recipients confirm; the coordinator
// keeps the new set (Store state) and tells the holders to commit, which
// erases their old shares. The collective public key, and so every
// ciphertext, stays valid. A restart before the commit redoes the
// re-sharing; after it, a holder that missed the commit gets it on joining.
//
// Blobs (models, keys, ciphertexts, aggregates) live in a content-addressed
// Store on disk; only their hashes go on chain.
//
// # Steps and driver
//
// Each phase of the protocol (api/protocol, where it is written down) is a
// step in steps_*.go: a value made from the phase's inputs that takes the
// members' messages, or facts the driver read from the chain, and hands
// back what to do: tasks to send, blobs to store, state to keep, chain
// writes, members flagged, and whether every answer is in (the way etcd's
// raft hands back Ready). Steps do no gRPC, chain, disk or clock I/O, so
// their tests run without a server or a chain, hostile messages included.
// The Coordinator is the driver: Run and the phase functions open steps,
// wait for answers and apply what the steps decide; the gRPC handlers only
// hand each message to the current step.
//
// # Pooled standardisation
//
// With Config.Standardisation records.StandardisePooled, the coordinator
// runs the moments phase once, after (threshold) key generation and before
// round 1:
//
//  1. Every member sends its count of consented training records, signed
//     and bound to a fresh session (MomentsCount). Counts are public: a
//     site commits the same figure on chain every round. In a study that
//     binds sample counts to consent, a count above its site's sample
//     bound on chain is refused, as its commitments would be.
//  2. The members that counted get the total with every signed count, check
//     the sum, and upload records.Moments.Encode of their moments for that
//     total, encrypted under the collective key and signed (hash and
//     session); the coordinator checks each against the key and length.
//     (Each member holds the counts to the same bounds first.)
//  3. The coordinator sums them (weight 1 each) and asks t share holders for
//     decryption shares bound to the sum's hash; each holder recomputes the
//     sum from the signed ciphertexts first, and refuses a sum of fewer
//     than max(2, the study's minimum) sites.
//  4. It decrypts only the sum, decodes the pooled standardiser and sends
//     every member the standardiser with the signed counts, contributions
//     and shares; each participant decrypts the sum itself, refuses a
//     standardiser that differs, keeps it and confirms it, signed.
//
// If a member goes away mid-phase the phase runs again with those left (up
// to 3 times). The outcome (the MomentsResultTask) is kept in the store, so
// a restarted coordinator does not run the phase again, and is the first
// task of a member that joins later, which checks it like the others; the standardiser's hash is in
// Result and in every TrainTask. It is not recorded on chain: the contract
// is near the 24 KB code limit, and the record that matters is each
// participant's own check and signed confirmation. With one participant the
// pooled statistics would be that site's own: New refuses the mode.
package coordinator
