// Package dashboard is Cohort's read-only web view: studies, rounds,
// contributors, flags, strikes, suspensions, membership votes and consent
// counts from the chain, the verification of every round's aggregate and
// model hash against the coordinator's blob store and the audit of a
// pooled standardiser's decryption (audit.StudyMoments), and a patient's page
// with their consent, its history and per round whether their records were
// used, each proof checked against the chain.
//
// It is the researcher's (and an auditor's) view of a study, so it sits on
// the coordinator's side, beside the blob store it verifies: the study's
// owner runs it next to the coordinator it appointed, or anyone runs it on
// any machine with the chain's endpoint (and, to verify hashes, a copy of
// the store). It is not part of the coordinator's round state machine,
// which knows nothing about web pages, and it sits above the coordinator,
// participant and contracts packages, none of which import it. Everything
// it shows is read again from the chain on each request; it writes
// nothing. Its JavaScript and styles are embedded in the binary: the page
// loads nothing from elsewhere. `cohort dashboard` and `cohort demo
// --dashboard` serve it (Start).
package dashboard
