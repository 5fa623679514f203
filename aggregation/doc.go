// Package aggregation implements Cohort's aggregation cryptography: the
// plaintext reference weighted sum and its homomorphic counterpart under
// multiparty CKKS (Lattigo v5 hefloat and mhe), with n-of-n collective and
// t-of-n threshold decryption. Like Lattigo's mhe it implements local
// operations only: values in, values out, no I/O, no networking, no logging.
// The daemons move the serialised values around.
//
// # Protocol
//
//	seed  := CommonSeed(studyID, chainValue)            // public, same for all
//	sk_i  := s.GenSecretShare()                          // each hospital, kept secret
//	pks_i := s.GenPublicKeyShare(sk_i, seed)             // sent to the coordinator
//	pk    := s.CombinePublicKey(seed, pks)               // the key set; pk.Hash() goes on chain
//	ctx   := NewEncryptionContext(study, phase, round)   // public masks a_j := H(ctx, j)
//	ct_i  := s.Encrypt(sk_i, pk.Hash(), ctx, update_i)   // c0 only: -a_j·s_i + e_i + Δ·m_i
//	agg   := s.WeightedSum(cts, weights)                 // Σ c_i·c0_i, terms (dealer_i, c_i)
//	ds_i  := s.GenDecryptionShare(sk_i, agg)             // n-of-n: each contributor, a_j·c_i·s_i
//	model := s.Decrypt(agg, ds)
//
// An n-of-n share is its party's own term a_j·c_i·s_i: with that party's
// c0_i (a committed update, public) it decrypts c_i·m_i, the party's
// update alone. n-of-n decryption is for a combiner that may see every
// update (benchmarks, tests); the daemons give threshold shares only
// (below), which mix every dealer's key share for the active set.
//
// # Seeded secret-key encryption: what a hospital is free to send
//
// A public-key ciphertext (c0, c1) lets its sender choose c1. Decryption
// computes c0 + c1·s, so a sender that adds K to c1 makes the decrypted
// aggregate carry w·K·s: one round of a model with N parameters revealed
// the whole collective secret, and with it every hospital's update (issue
// 11). Checks cannot tell a crafted c1 from an honest one: both are
// uniform. So the wire format has no c1. Each hospital encrypts under its
// own key share s_i with a public mask a_j expanded from the encryption
// context (study, phase, round) and the ciphertext index: nobody chooses
// it, and it cannot be ground. The only thing a hospital sends is c0, and
// whatever c0 it sends, the decryption of an aggregate is
//
//	Σ_{honest} w_i·m_i + w_A·(c0_A + a·s_A)/Δ
//
// where the second term is computed by the attacker from its own key: its
// view is a function of the honest weighted sum, which is what the round
// publishes anyway. TestCraftedUploadLearnsNothingBeyondTheHonestSum checks
// this for constant, spread, uniform and zero c0, and runs the old attack's
// estimator: it recovers none of the honest keys' non-zero coefficients.
// The same holds for robust scores (each update's scores decrypt under its
// dealer's key and reveal only linear functions of that update's phase)
// and for the moments phase.
//
// What the daemons must enforce for this to hold (CheckUpdate does it):
// the update's dealer is the party that sent it (naming another dealer
// would make the aggregate decrypt under that dealer's key, revealing
// a·s_dealer), the context is the round's, and a dealer appears at most
// once per aggregate (WeightedSum refuses duplicates). A party must never
// encrypt two plaintexts under one context: c0 − c0' reveals m − m'. A node
// that must send again re-sends the bytes it kept.
//
// Threshold variant, per dealer: every party calls GenThresholdShares(sk_i,
// t, points) and sends share[p], encrypted by the caller to the recipient,
// through the coordinator; each recipient keeps one Shamir share per
// dealer (AggregateThresholdShares). To decrypt a vector, a holder combines
// its shares of exactly the vector's dealers with exactly the vector's
// integer weights (Shamir sharing is linear), converts the result to an
// additive share for the agreed active set of t points and key-switches
// a_j·K. So t holders can open an aggregate only under the contributors
// and weights it records: a dropout is simply not a term, and no
// combination of honest holders decrypts an individual update unless the
// coordinator proposes an aggregate of one term, which the daemons refuse
// (minimum contributors). A member that joins later deals its own key to
// the holders (AddDealer). Re-sharing (GenReshareShares) re-deals every
// dealer's key held, key by key, over the new member set.
//
// Decryption committee. The holders need not be every party: with a
// committee of c of the n parties (chosen on chain, see package contracts),
// every party deals to the c committee points only, n·c shares instead of
// n², and only the c holders keep shares (n keys each); a non-member keeps
// its own key share to encrypt. t of the c decrypt. When the committee
// changes (a member left or was suspended, rotation), t holders of the old
// committee re-share every dealer's key to the new one: t·c shares of n
// keys each. Measured (BenchmarkCommitteeKeyGen, BenchmarkCommitteeReshare,
// c = 10, t = 6, one core per party): a key share is 383 kB on the wire;
// key generation at n = 100 is 0.17 s and 3.8 MB per dealer, 38 MB received
// per holder, 383 MB in all (every party holding: 3.8 GB); the hand-over at
// n = 100 is 13 s and 383 MB per re-sharing holder, 230 MB received per new
// holder, 2.3 GB in all.
//
// Who learns what. A malicious hospital learns the published aggregates
// (the honest weighted sum) and nothing else, whatever it uploads; it
// cannot name another dealer or reuse another round's masks (CheckUpdate).
// A malicious coordinator learns the aggregates it gets decrypted, and
// holders decrypt only aggregates whose header lists exactly the committed
// updates with at least the study's minimum of non-zero weights and whose
// spot-checked chunks are their weighted sum (see "Spot checks"). A coalition of
// fewer than t holders holds fewer than t Shamir shares of every key and
// learns nothing about any of them; t colluding holders can decrypt any
// single update, which is what the threshold means. The smudging bound
// below covers what decryption shares add.
//
// Dealers are checked, not trusted, to deal consistent shares: a dealer
// whose shares do not lie on one polynomial with the secret behind its
// public-key share as constant term makes every decryption that includes
// its update come out as noise of magnitude about 2^14 (the aggregate
// range) instead of the sum; Decrypt refuses such a result
// (ErrInconsistentDecryption: a value beyond Σw·MaxAbsValue; noise passes
// with probability about 4^-D for D values), so the round fails rather
// than publish noise. The dealing check (dealing.go) names such a dealer
// before any round: the holders threshold-decrypt the dealers' public-key
// shares, which only consistent dealings decrypt to a small value. A member
// that joins later (AddDealer) sends its public-key share with its dealing
// (CheckJoinerKeyShare) and its key is checked the same way.
//
// Holders are not trusted to send correct decryption shares: a share
// offset within that bound would move the decrypted sum unseen. With
// spare holders the aggregate is decrypted once per set of
// DecryptionSets, each leaving some holders out, and DecryptChecked
// refuses decryptions that differ by more than their smudging noise
// (ErrDecryptionsDisagree): one wrong holder is always caught, by the set
// that leaves it out (see verified.go for what it does not catch).
//
// Membership changes between rounds keep every dealer's key, so the study
// goes on without a restart. Removal needs nothing: the remaining members
// keep decrypting while at least t of them answer. A removed member is
// revoked once the others delete their old shares (proactive secret
// sharing).
//
// Every serialised value starts with a magic, a type tag, a version and a
// fingerprint of the parameters (Scheme.ParamsHash). UnmarshalBinary checks
// the structure before allocating; the Scheme method that uses a value checks
// the fingerprint, degrees, levels and that every coefficient is reduced, so
// malformed or foreign input yields a wrapped sentinel error, never a panic.
// Encodings are canonical (bit-packed at the minimal width; a threshold
// share at its moduli's widths, so that its size, which the coordinator
// sees, says nothing of the secret), so equal values have equal bytes; an encrypted vector's commitment is its chunk
// root (below), other values' is the Keccak-256 hash of their bytes.
//
// # Chunk commitments
//
// EncryptedVector.Hash, the value committed on chain for an update and an
// aggregate (and the address of its blob: ContentHash), is the root of a
// SHA-256 Merkle tree (no contract recomputes it, and SHA-256 runs at
// about three times Keccak's speed on cores with SHA extensions). Leaf 0 is the header: parameters, key set,
// context, terms (dealer, integer weight), length, level and the bit
// width of each RNS row; leaf 1+i is chunk i, the ChunkValues = 128 values
// [128i, 128i+128) packed row by row at those widths (2016 bytes of a fresh
// update, 1536 of an aggregate; chunks of 32 values cost the coordinator a
// quarter more SHA-256 per upload, see ChunkValues). Leaves hash as sha256(0x00 ‖ bytes), inner
// nodes as sha256(0x01 ‖ left ‖ right); the leaf count is padded to a power
// of two with zero hashes, and the header fixes the count. Chunks are by
// value position, not by byte offset of the wire encoding, so chunk i of
// every update and chunk i of their aggregate hold the same coefficients:
// the sum is coefficient-wise modulo each prime, so a chunk of the
// aggregate is a function of the same chunk of the updates alone.
// OpenChunks proves the header and any chunks (a path of ceil(log2(1+m))
// hashes each, m the number of chunks: 10 at 100k values, 13 at 1M);
// VerifyChunks checks a proof against a root. Building the tree (leaves
// and inner levels hashed on every core) costs about as much as one
// single-core Keccak pass over the vector's bytes (BenchmarkCommitment).
//
// # Spot checks: verifying an aggregate without every update
//
// A holder asked to decrypt an aggregate draws k chunk indices from its own
// randomness (DrawSpotChecks) once the aggregate's root is fixed (the
// decryption task names it and the share is bound to it), fetches the
// aggregate's and every contributor's proofs of those chunks, and checks
// (CheckSpots) that the aggregate lists exactly the round's contributors
// with their weights, that each update is its committer's fresh update
// under the round's context and key set, and that each opened chunk of the
// aggregate equals the rescaled weighted sum of the updates' chunks
// (exact modular arithmetic, the same integers as WeightedSum). It
// receives k·(n+1) chunks with their paths, about 2.4 KB each: 15.1 MB for
// n = 100 and k = 64 at 100k parameters (15.7 MB at 1M: paths grow with
// log m), instead of n whole updates (100 × 1.6 MB, or 100 × 16 MB);
// measured by BenchmarkChunkProofSize (151 KB and 157 KB per update; 58.4
// and 64.7 KB with chunks of 32 values). Larger chunks cost bytes, not
// detection: an alteration of s coefficients alters at least as large a
// fraction of 128-value chunks as of 32-value ones.
//
// What a spot check catches. A coordinator that alters a fraction f of the
// aggregate's chunks (any coefficient of a chunk alters the chunk) escapes
// one holder's k checks with probability at most (1−f)^k; when all t
// holders asked must share, it escapes all of them with (1−f)^(k·t)
// (DetectionProbability). When any t of c holders decrypt, it can ask
// holder after holder until t accept: it escapes when t of the c miss,
// P[Binomial(c, (1−f)^k) ≥ t] (ThresholdDetectionProbability). With the
// default k = 64 (DefaultSpotChecks):
//
//	altered fraction f   1 holder   10 of 10 must share   3 of 10 suffice
//	1%                   47.4%      99.84%                3.9%
//	5%                   96.2%      > 99.99%              99.48%
//	10%                  99.88%     > 99.99%              > 99.99%
//
// Any alteration large enough to matter for a model (f ≥ 10%: it would
// poison a tenth of the parameters) is caught by every single holder with
// probability 0.999. A few altered coefficients (f of 1% or below, one
// chunk among m) can pass a round's spot checks, the more easily the more
// holders the coordinator may shop among (a holder's refusal is not yet
// recorded on chain, where it would let the others stop); the full recomputation stays available to anyone
// as an audit (`cohort audit`), which catches any single altered
// coefficient after the fact, and a caught coordinator's round fails: no
// holder gives a share. Spot checks cannot let a coordinator decrypt a
// single update: the header check (terms and weights) is exact, not
// sampled, and an undetected alteration of coefficients only shifts the
// decrypted model by what the coordinator added (see "Smudging noise").
//
// # Encoding and bytes on the wire
//
// Values are encoded one per polynomial coefficient (coefficient encoding),
// not in the N/2 complex slots of the canonical embedding: a ciphertext holds
// N real values, and decoding a coefficient does not spread the decryption
// noise over sqrt(N/2) coefficients as slot decoding does, which gains 6.5
// bits of precision at N = 2^14 — bits the smudging noise below spends on
// security. Ciphertexts stay in the coefficient domain, so the weighted
// sum's rescale is a per-coefficient operation without NTTs. Robust scoring
// keeps working in this encoding: the inner product of an update u with a
// plaintext reference r is the constant coefficient of u(X)·r'(X) with
// r'(X) = r_0 - Σ r_j X^(N-j), one plaintext multiplication by r' at scale
// q_top followed by the same rescale, and only that coefficient needs
// decrypting.
//
// On the wire each coefficient of a prime of b bits takes b bits (bit
// packing), and c0 of the last ciphertext is only sent up to the vector's
// end. A fresh update at q = [48, 48, 30] is c0 alone: 126 bits = 15.75
// bytes per value (plus a header of 24 bytes per dealer term), an
// aggregate 96 bits = 12 bytes and a decryption share 12 bytes. The c1
// half is the public mask, expanded by whoever needs it.
//
// # Parameters (DefaultConfig) and 128-bit security
//
// N = 2^14, q = [48, 48, 30] bits, p = [61] bits, Δ = 2^82, uniform ternary
// secret, error σ = 3.2. log2(QP) = 187 bits, against 438 bits allowed for
// 128-bit classical security at N = 2^14 by the Homomorphic Encryption
// Standard (Albrecht et al. 2018, table 1, ternary secret); NewScheme refuses
// any Config above that bound (ErrInsecureConfig). N = 2^13 (218 bits) would
// also do, but N = 2^14 leaves room for larger key-switching moduli when
// robust scoring adds relinearisation or Galois keys.
//
// The chain follows from the smudging choice below: Δ = 2^82 is what the
// precision target needs given σ, the aggregate modulus q0·q1 ≈ 2^96 is Δ
// plus 14 bits of headroom (Encrypt accepts |v| ≤ MaxAbsValue() = 2048;
// aggregates must stay below 4096), and q2 ≈ 2^30 is the one level that the
// weighted sum — and a plaintext multiplication for scoring — consumes: it
// is the precision of the weights (2^-31) and of a scoring reference. A
// ciphertext-ciphertext product (a squared norm) does not fit at this scale:
// it needs Δ² and, to be decrypted with 40-bit smudging, a modulus of about
// 2^170 (44 bytes per value); robust scoring must obtain norms otherwise or
// pay for a larger chain.
//
// # Weighted sum and determinism
//
// WeightedSum encodes each weight once as the integer c_i = round(w_i·q2)
// (exact 256-bit arithmetic), computes Σ c_i·ct_i with exact modular
// arithmetic at the top level (128-bit accumulation, one reduction per
// coefficient), then divides by q2 with one rounding rescale, so the scale
// returns exactly to Δ. No floating point and no randomness is involved and
// coefficients are reduced to canonical form, so the same inputs give
// byte-identical ciphertexts and hashes on every machine: any member can
// recompute the aggregate from the committed updates and compare hashes. The
// weight encoding differs from w_i by at most 2^-31, so the result differs
// from PlainWeightedSum by at most Σ|v_i|·2^-31 (about 5e-8 for 10 updates
// with |v| ≤ 10), far below the decryption noise. Weights must be finite and
// non-negative; the security bound assumes Σw_i² ≤ 1 (weights summing to at
// most one).
//
// The sum runs close to memory speed. Work is split into (ciphertext,
// 4096 coefficients) items over GOMAXPROCS goroutines; each item walks
// 512-coefficient blocks whose accumulators stay in L1, streams every input
// row once, checks that its coefficients are reduced as it reads them, and
// accumulates products unreduced in 128 bits. Each coefficient is reduced
// once, by Montgomery reduction, with the rescale fused in; the outputs of
// all ciphertexts share one allocation. On amd64 the products are summed in
// assembly: with AVX-512 IFMA (52-bit multiply-adds, for primes below 2^52)
// 32 coefficients of every input at a time, otherwise four inputs at a time
// with 64-bit multiplies; the purego build tag and other architectures use
// the same loops in Go. Every path computes the same exact integers, and
// tests check each against Lattigo's rescale of the exact modular sum.
//
// # Smudging noise: σ = 2^58 per party, and what follows from it
//
// Collective decryption is a key switch to the zero key: party i publishes
// h_i = Rescale(a·K_i) + e_i (K_i its part of the aggregate's key
// Σ c_j·s_j), and c0 + Σ h_i = Δ·m + e_agg + Σ e_i. The aggregate's own
// noise e_agg depends on the contributors' keys, and a known attack
// (Li–Micciancio 2021) recovers keys from decryptions that reveal it. Each
// party therefore adds e_i drawn with standard deviation σ =
// Config.SmudgingSigma to every coefficient it reveals (the sampler dithers
// the bits below float64 precision so that all integers are reachable).
// The noise is a ChaCha8 stream keyed by SHA-256 of the party's secret key
// for the share and what the share opens (shareNoiseSeed), so the same
// question gets the same share and asking again averages nothing down;
// the argument below then holds up to the stream's pseudorandomness.
//
// Threat model. The coordinator, honest-but-curious or malicious, sees every
// share; it may collude with all parties but one. The honest party's share
// is h = [Δ·m - c0 - a·K_others] + (e_agg + e), and a simulator that knows
// only the decrypted values outputs the bracket plus a fresh Gaussian. The
// two differ by the shift e_agg of a Gaussian of deviation σ: their
// Kullback–Leibler divergence is ‖e_agg‖²/(2σ²) and, by Pinsker, the
// statistical distance is at most ‖e_agg‖/(2σ). Divergences add over every
// decrypted coefficient, so over D values the bound is
// sqrt(D)·σ_agg/(2σ) (Scheme.SmudgingSecurityBits).
//
// Size of e_agg (Scheme.AggregateNoiseStdDev, checked against measurements
// with the contributors' keys in TestNoiseModelMatchesMeasurement). Seeded
// secret-key encryption adds only the error e_i of deviation σ_e = 3.2;
// the weighted sum scales it by w_i and each rescale (of c0 and of every
// share) adds a rounding in [-1/2, 1/2]: σ_agg ≈ 3.2 to 4.3 for 1 to 100
// shares, against 2^7.1–2^8.7 for the public-key ciphertexts this package
// used before, so every bound below gains about 5 to 7 bits.
//
// Statistical security with σ = 2^58 (σ_agg = 3.3 for 10 shares, 4.3 for
// 100):
//
//	                       10 shares  100 shares
//	per ciphertext (16384)  50.3       49.9   bits
//	per 1M-value aggregate  47.3       46.9
//	per 10M-value aggregate 45.6       45.2
//
// i.e. more than 45 bits per round for models up to 10M parameters and 100
// holders; a study of R rounds loses log2(sqrt(R)) bits (3.3 for 100
// rounds) on top. Beyond the statistical bound, what the shares reveal is
// e_agg blurred by a Gaussian 2^56 times wider than it. (With the
// public-key ciphertexts this package used before, σ_agg was 2^7.1 to
// 2^8.7 and every figure about 5 to 7 bits lower.)
//
// What the coordinator cannot be stopped from learning by the smudging:
// the decrypted aggregate itself. Shares are bound to the aggregate's hash
// and every holder checks the aggregate's terms exactly and spot-checks its
// coefficients before sharing; the daemons must refuse weights that isolate
// one update (a single non-zero weight). An alteration that escapes the
// spot checks does not widen what the coordinator learns: the key a share
// opens is fixed by the terms, so decrypting c0 + δ yields the honest sum
// plus δ/Δ, a shift the coordinator chose and already knows. What it can do
// is publish a poisoned model, which the audit (full recomputation) exposes.
//
// Precision (Scheme.ErrorStdDev). Coefficient decoding divides the
// coefficient error by Δ directly; with k shares (n, or t for threshold)
// the error of a value has deviation sqrt(k)·σ/Δ = sqrt(k)·2^-24: 1.9e-7
// for k = 10 and 6e-7 for k = 100, so the largest error over 1M values is
// about 1e-6 (k = 10) and 3.2e-6 (k = 100). That is within 1e-5 absolute,
// and within 1e-4 of the largest magnitude for updates of magnitude 0.01 and
// above (smaller updates should be scaled up by a public factor before
// encryption). The tests check both and the bench measures them. Scale and
// modulus follow from σ: doubling σ buys one bit of security and costs one
// bit of Δ (one more bit of modulus, 0.25 bytes per value) at the same
// precision.
//
// # Robust scoring: only scalars are decrypted
//
// FLTrust-style scoring (scoring.go, robust.go) never decrypts an update.
// The public references of a round (NewReferences) are the researcher's
// reference update r, encoded as the integer direction R_0 =
// round(2^m·r/‖r‖) (m = RefLogScale, 20 at 1M parameters), and k sign
// vectors ρ_j ∈ {±1}^D expanded with Keccak from a public seed that must
// be fixed after the updates are committed. For a fresh ciphertext with
// phase c0 + a·s_dealer = Δ·u + e, the constant coefficient of phase·R' is the
// coefficient dot product ⟨phase, R⟩, so each score is an LWE sample whose
// public part b = Σ⟨c0_j, R_j⟩ anyone computes (Score, a deterministic
// function of the committed bytes, committed by ScoreSet.Hash) and whose
// share of holder i is Σ⟨a_j·K_i, R_j⟩ (K_i its additive share of the
// dealer's key) plus smudging (GenScoreShare, after
// recomputing the ScoreSet and comparing its hash). The NTT formulation
// (const(a·b) = N^-1·Σ NTT(a)_ℓ·NTT(b)_ℓ) is equivalent but needless: no
// NTT of any reference, no rotation, relinearisation or Galois key, and the
// coordinator's work is 1 multiply-add plus ceil(k/8) additions per value
// and prime (8-bit sign tables). DecryptScores returns Δ^-1·(b + Σ shares)
// divided by ‖R‖: Reference = ⟨u, r̂⟩ and Projections_j = ⟨u, ρ_j⟩/sqrt(D).
//
// Norm. ‖u‖² ≈ (D/k)·Σ Projections_j² (Johnson–Lindenstrauss with
// Rademacher vectors): unbiased, relative standard deviation
// sqrt(2/k)·sqrt(1 − Σu⁴/‖u‖⁴) ≤ sqrt(2/k) — 17.7% on ‖u‖², 8.8% on ‖u‖
// for k = 64 (TestJLNormEstimateWithinBound). The component a = ⟨u, r̂⟩
// along the reference is known exactly, and so are the projections
// ⟨r̂, ρ_j⟩/sqrt(D) of the public reference, so Scores.NormSquared
// estimates only the rest: ‖u‖² ≈ a² + (D/k)·Σ (Projections_j −
// a·⟨r̂, ρ_j⟩/sqrt(D))², with the same bound on the estimated part and none
// on a². For updates that follow the reference (honest ones, scaled ones)
// this tightens the estimate most where k is small: on the 31-parameter
// logistic model (k = 6) the 1–99% range of estimate/true norm measured
// on WDBC is 0.56–1.63, against 0.38–1.67 for χ²_6 alone.
//
// Flags and weights (robust.go). One rule decides both: an update gets
// weight zero if and only if it is flagged. Flags are relative to the
// round, under an honest majority, with no constant fitted to a data set:
// in a round of n ≥ MinRelativeUpdates updates, an update is flagged when
// its log norm lies above the round's median, or its cosine to the round's
// robust centre (the coordinate-wise median of the updates' (1+k)-value
// sketches) below the round's median cosine, by more than Threshold(n)
// robust spreads. The spread is a high order statistic of the absolute
// deviations (the k-th, k = m + ⌈(n−m)/2⌉, m = ⌊(n−1)/2⌋ the most
// malicious updates an honest majority allows), so colluders, wherever they
// sit, cannot shrink it below the honest updates' own median absolute
// deviation; values beyond the threshold are peeled off and the spread
// measured again on the rest with a budget of m minus those peeled
// (TestSpreadResistsCentralColluders). Each test's false-flag rate for
// normal honest scores is at most α/2, α = FalseFlagRate, and stays within
// 2.5α with the most colluders at the centre (TestFalseFlagRateHolds).
// One flag is absolute: a score beyond sqrt(D)·MaxAbsValue, which no valid
// update's can reach, marks an upload that is no encryption of bounded
// values and would make any aggregate weighing it undecryptable; it is
// flagged in a round of any size, never cleared, and left out of the
// others' statistics (Scores.OutOfRange, FlagOutOfRange).
// Unflagged updates are weighted by sample count, each clipped to a bound
// colluders can neither pull below the honest median norm nor push above
// the largest honest norm or the reference's (clipBound). The tests are relative because update norms shrink
// as training converges and a researcher's root update need not be of the
// same size as the sites' (on WDBC it is 5 to 9 times the median site
// update). An exact ‖u‖² needs u·ū (a
// Galois automorphism X → X^-1 and a ciphertext product with
// relinearisation) at scale Δ² = 2^164, above the fresh modulus 2^126; with
// 40-bit smudging it needs about 2^170 of modulus, i.e. 44 bytes per value
// instead of 31.5, so this package trades exactness for the JL estimate.
//
// What the scores reveal. 1+k linear projections of each update per round;
// NewReferences refuses k+1 > D/4 (DefaultProjectionsFor: k = 64, fewer for
// small models, e.g. 6 for 31 parameters). A reference chosen to isolate a
// coordinate (r = e_j) would reveal u_j: references must be committed on
// chain before the updates, and share holders must check References.Hash.
//
// Smudging for scalars. The secret-dependent part of a score is ⟨e, R⟩,
// of deviation σ_e·‖R‖ (e the dealer's encryption error, σ_e = 3.2); each
// share adds a Gaussian of deviation σ·2^⌈log2‖R‖⌉ ≥ σ·‖R‖. By the Pinsker
// argument above, S decrypted scalars are within statistical distance
// sqrt(S)·σ_e/(2σ) of a simulation from the scores alone
// (ScoreSecurityBits): 57.3 bits per scalar; 51.0 bits per round of 100
// updates × 65 scores; 47.7 bits after 100 such rounds — on top of, not
// instead of, the aggregate decryptions' budget (divergences add). The
// decryption error of a score (an inner product with a unit vector) is at
// most 2·sqrt(k)·σ/Δ: 3.8e-7 with 10 shares (ScoreErrorStdDev).
//
// Malformed ciphertexts. A score decrypts the phase c0 + a·s_dealer of one
// update against public references: a crafted c0 changes only the
// attacker's own scores (see "Seeded secret-key encryption").
//
// # Concurrency
//
// Scheme and every value type are immutable once built and safe for
// concurrent use; Scheme methods allocate their own Lattigo encryptors,
// buffers and samplers and spread per-ciphertext work over GOMAXPROCS
// goroutines, returning only when all of them are done.
package aggregation
