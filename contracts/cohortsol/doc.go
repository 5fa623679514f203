// Package cohortsol holds the Cohort Solidity contract (Cohort.sol), its
// compiled ABI (Cohort.abi) and creation bytecode (Cohort.bin), and the Go
// binding cohort.go generated from them by go-ethereum's abigen --v2.
//
// Do not edit Cohort.abi, Cohort.bin or cohort.go by hand: change Cohort.sol
// and run contracts/gen.sh. Daemons use the typed API of the parent package
// contracts rather than this binding directly.
package cohortsol
