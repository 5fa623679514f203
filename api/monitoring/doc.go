// Package monitoring is what both Cohort daemons serve to a hospital's or
// the consortium's IT team: Prometheus /metrics and a /healthz that asks the
// chain for its block number. Metrics holds the figures both daemons share
// (bytes over gRPC by method, retries and failures counted from the log
// records that announce them, the last round completed, phase timings);
// each daemon registers its own round figures on the same registry
// (coordinator/coordinatord, participant/participantd). Every daemon has a
// registry of its own, so tests share no state; names start with cohort_.
// The coordinator and participant packages carry no metrics code: the
// daemons feed these from the hooks those packages already have.
package monitoring
