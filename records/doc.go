// Package records holds a hospital's clinical records as Cohort sees them:
// pseudonymous patient ids with numeric features and a binary label, grouped
// per site into a training and a held-out test set with the patients'
// consent flags. It generates synthetic multi-site cohorts for tests and
// demonstrations, filters records by consent, and commits to the set of
// patient ids used in a round with a Merkle tree whose root goes on chain.
//
// # Hospital files
//
// [LoadCSV] reads a hospital's CSV export as a [Schema] (usually JSON, read
// with [ReadSchema]) describes it: a record-id column, numeric and
// categorical feature columns, a binary label column, an optional patient
// (ledger id) column, optional consent and consent-expiry columns and an
// optional train/test split column. Every
// problem is a [*FieldError] naming the file, line and column and saying
// what to fix. Categorical columns are one-hot encoded over the categories
// listed in the schema, so every site encodes identically; a value outside
// the list is an error. Without a split column, the split is drawn per
// site with the schema's seed, stratified by label. A schema may declare
// one-hot groups among its numeric columns (indicators of one variable,
// at most one set per record, which loading checks); a standardiser with
// groups ([Standardiser.WithGroups]) whitens each group's block from the
// pooled means ([Standardiser.Whitening]).
//
// Missing values follow the schema's explicit policy. A cell is missing
// when it matches one of the schema's missing tokens (by default empty,
// "NA", "NaN", "null" or "?"). Under "reject" (the default) a missing value
// is an error; under "drop" the record is skipped and counted; under
// "impute" a missing feature is kept as NaN and replaced by the pooled mean
// at standardisation (a missing category becomes the mean of its one-hot
// columns). A record id is never optional, a label cannot be imputed, and a
// missing consent means no consent under every policy.
//
// # Standardisation across sites
//
// Features are standardised with statistics of all sites without any site
// revealing its own. The maths is values in, values out: each site computes
// the [Moments] (per feature: count, Σx, Σx² of its consented training
// records, [TrainMoments]) and [Moments.Encode]s them, scaled by the
// public pooled record count and the schema's per-feature scales, into a
// vector that is summed under encryption; [DecodeMoments] turns the
// decrypted sum into the pooled moments and [NewStandardiser] into the
// [Standardiser] every site applies. Built from one site's moments, the same
// type gives per-site statistics.
//
// # Unlike sites from one data set
//
// [SplitUnlike] deals one data set out to K sites that differ in size and
// label balance, deterministically from a seed, for benchmarks that compare
// federated with pooled and site-alone training.
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
// Consent has two sources, and a participant reads one of them.
//
// The ledger is the source of truth. Each Record may carry its patient's
// pseudonymous ledger id, [Record.Patient]: [PatientID] of the address of
// the key the patient signs consent with, computed exactly as the contracts
// package and the Cohort contract do (keccak256("cohort/patient/v1" ‖
// address)); this package does not import the chain client. A CSV file gives
// it in the schema's optional patient column, as the id or as the key's
// address ([ParsePatient]). A participant that reads consent from the chain
// asks it about [PatientIDs] of its records and keeps [PatientsOnly] those
// whose consent is active when the round opens; a record without a patient
// id is never used that way.
//
// The site's own flags are the fallback for files without patient ids:
// Site.Consent maps every record id to a flag, from the file's consent and
// consent-expiry columns, and [ConsentedOnly] filters by it.
//
// Consent may also bound the privacy loss a patient accepts,
// [Record.MaxEpsilon]: on chain it is part of the patient's signed grant, and
// for the site's own flags the schema's consent_max_epsilon column gives it.
// A participant trains a round only on [WithinPrivacyBound] records, those
// whose bound the study's ε after that round does not exceed; the others are
// left out like revoked ones. A study without differential privacy bounds no
// ε, so it trains on none of the bounded records.
//
// In a synthetic cohort every patient, in Train and Test alike, consents
// with probability ConsentRate (Site.Consent holds that intention) and has a
// consent key derived from the seed and the record id,
// [SyntheticPatientKey], so that a demonstration can sign and relay real
// grants and revocations for exactly the consenting patients. Those keys are
// test data: anyone who knows the seed can sign for the patients.
//
// Test records are never trained on; they are used only to compute
// aggregate evaluation statistics. Because those statistics leave the site,
// Cohort's participant applies the same consent filter to Test before
// evaluating, and we recommend that for any other caller.
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
// Apart from [LoadFile] and [LoadSchemaFile], which open a file, functions
// in this package do no I/O and hold no state; all types are plain values,
// safe for concurrent reads.
package records
