// Package evaluation holds Cohort's benchmark harnesses: each takes a typed
// configuration, runs real components (whole studies through package
// simulation, the multiparty CKKS scheme, the contracts on a simulated
// chain) and returns a typed report that marshals to the JSON `cohort bench
// NAME --json` prints. The cohort binary only parses flags, calls a harness,
// prints its report and draws its figures.
//
// Round measures a whole encrypted study's round latency by phase and the
// upload path's throughput against a raw gRPC byte stream; HE the multiparty
// CKKS scheme's encrypted aggregation against plaintext; Gas every ledger
// operation's gas under mainnet rules; Learn pooled, site-alone and federated
// training on unlike sites of one data set (with differential privacy when
// its Privacy is set), Natural a study's recipe on natural hospital splits;
// Robust attacks against encrypted robust aggregation. Each harness's
// figures are drawn by a Plots function beside it, with package chart.
package evaluation
