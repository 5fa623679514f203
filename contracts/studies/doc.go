// Package studies is what people do with a study on the ledger, apart from
// running it: a researcher registers it (Create, with the purpose code and
// the commitment to the root dataset), anyone reads its record as a Report
// (parameters, every round, every participant's standing, strikes, the
// privacy spent), and a hospital leaves it, or members vote to exclude
// one, between rounds (Leave, LeaveBetweenRounds). The coordinator and
// participant daemons run the study itself; `cohort study` and the
// dashboard use this package.
package studies
