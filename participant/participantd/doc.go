// Package participantd is the hospital node that `cohort participant
// --config FILE` runs: its JSON configuration file (Config: records,
// keystore, consent source, TLS, chain), and Serve, which loads the
// hospital's records, checks the study's recipe against the chain (fetching
// it from the coordinator when the file names none), opens the encrypted
// keystore and runs package participant over a mutual-TLS gRPC connection
// to the coordinator, serving metrics and health if asked. Package
// participant holds the node's protocol and takes its chain, keystore and
// connection as values; this package is where they come from files and
// sockets. A restarted node resumes the study from its data directory.
package participantd
