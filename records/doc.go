// Package records holds a hospital's clinical records as Cohort sees them:
// pseudonymous patient ids with numeric features and a binary label, grouped
// per site into a training and a held-out test set with the patients'
// consent flags. It generates synthetic multi-site cohorts for tests and
// demonstrations, filters records by consent, and commits to the set of
// patient ids used in a round with a Merkle tree whose root goes on chain.
//
// # Synthetic cohorts
//
// [Synthetic] draws every site from ONE shared ground-truth logistic model
// P(y=1|x) = σ(w·x + b), so a federated logistic regression has a real
// signal to learn (its Bayes accuracy is about 0.9). Sites differ in size
// (stratified over [MinRecords, MaxRecords]), in their feature distribution
// (a per-site mean shift and scale, i.e. covariate shift) and hence in label
// balance (part of the shift lies along w). Features are roughly standardised
// across sites. Each site's records are split 80/20 into Train and Test.
// Everything is a deterministic function of the config, seed included.
//
// # Consent
//
// Every patient, in Train and Test alike, consents with probability
// ConsentRate; Site.Consent maps every id of the site to its flag. A
// participant trains only on consented Train records ([ConsentedOnly]). Test
// records are never trained on; they are used only to compute aggregate
// evaluation statistics. Because those statistics leave the site, Cohort's
// participant also filters Test by consent before evaluating, and we
// recommend that for any other caller; the flags are set on Test records so
// that this is possible.
//
// # Merkle commitments
//
// [MerkleRoot] commits to a set of patient ids:
//
//   - the ids are de-duplicated and sorted (byte-wise);
//   - leaf i is keccak256(0x00 ‖ id_i);
//   - an inner node is keccak256(0x01 ‖ left ‖ right); levels are built
//     pairwise left to right and an unpaired last node is carried up
//     unchanged;
//   - the root is keccak256(0x02 ‖ uint64-big-endian(n) ‖ top), where top is
//     the single node left (the zero hash when n = 0).
//
// The prefixes separate leaves, inner nodes and the root, and the root binds
// the number of ids, so a leaf's index in the sorted order is authenticated
// by its path. [Prove] builds a self-contained [Proof] that an id is in the
// set (its leaf and path) or is not (the inclusion of its two sorted
// neighbours at adjacent indices, or of the first or last leaf when it sorts
// before or after every id). Exclusion proofs are meaningful for roots built
// by MerkleRoot, i.e. over sorted ids; anyone holding the full id list can
// check that.
//
// Functions in this package do no I/O and hold no state; all types are plain
// values, safe for concurrent reads.
package records
