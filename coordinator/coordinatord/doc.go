// Package coordinatord is the coordinator daemon that `cohort coordinator
// --config FILE` runs: its JSON configuration file (Config), and Serve,
// which checks the study on chain and that its key is the study's
// coordinator and its certificate one the hospitals accept, opens the
// blob store, starts package
// coordinator behind a mutual-TLS gRPC server, serves metrics and health if
// asked, and stops gracefully. Package coordinator holds the round state
// machine and takes its chain, store and transport as values; this package
// is where they come from files, flags and sockets. A restarted daemon
// resumes the study from the chain and its data directory.
package coordinatord
