// Package cohortsol holds the Cohort ledger's Solidity modules — the
// Consortium (members, votes, the directory of modules), Studies (studies,
// rounds, commitments, scores, strikes), Committees (each study's decryption
// committee; every Studies module creates its own) and ConsentRegistry
// (patients' consent), with their interfaces in Modules.sol — their compiled
// ABIs (X.abi) and creation bytecode (X.bin), and the Go bindings generated
// from them by go-ethereum's abigen --v2 (consortium.go, studies.go,
// committees.go, consentregistry.go).
//
// Do not edit the .abi, .bin or generated .go files by hand: change the .sol
// sources and run contracts/gen.sh. Daemons use the typed API of the parent
// package contracts rather than these bindings directly.
package cohortsol
