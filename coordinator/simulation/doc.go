// Package simulation runs a whole Cohort study in one process through the
// real interfaces: an embedded go-ethereum chain with the Cohort contract, a
// coordinator serving gRPC over mutual TLS on loopback, and one participant
// node per hospital with its own Ethereum key, TLS certificate, key share,
// records and connection. Nothing is faked: hospitals train, encrypt under
// the multiparty CKKS key, upload, commit on chain and decrypt by threshold
// exactly as the daemons do.
//
// It plays the part Flower's simulation engine plays for researchers: give
// a Config (number of hospitals and their data split or synthetic cohorts, a
// recipe or a model and training configuration, rounds, decryption
// threshold, robust scoring and its attackers, dropouts, restarts and
// membership changes, differential privacy through the training
// configuration), call Run, and read the Study's handles (ledger, study id,
// round figures, participants, the coordinator's result) and its Report.
//
//	s, err := simulation.Run(ctx, simulation.Config{Hospitals: 3, Rounds: 5, Seed: 1, DataDir: dir})
//	if err != nil { ... }
//	defer s.Close()
//	rep, err := s.Report(time.Since(start))
//
// Faults are injected through the Config: DropAfter stops a hospital for good
// after its upload of a round, RestartParticipantAfter and
// RestartCoordinatorIn(Reshare) kill a node and start it again from its disk
// and the chain, AbandonRoundIn kills the coordinator mid-round and abandons
// the round on chain before starting it again, Attacks makes hospitals
// attackers, JoinBeforeRound,
// LeaveBeforeRound and RejoinBeforeRound change the study's members between
// rounds (a leave before round 1 once the keys are dealt, with
// RestartCoordinatorBeforeRoundOne after it), and ConnectBeforeRound holds a
// joiner's node back.
//
// `cohort demo`, the benchmarks of package evaluation and the tests that run
// whole studies use it. A Study is safe for concurrent use by its Config's
// callbacks and the caller while it runs (Rounds); its other handles are
// fixed once Run returns.
package simulation
