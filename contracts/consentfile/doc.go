// Package consentfile is patients' consent as it travels between people:
// the signed-change File a patient writes with their own key and hands to
// a member hospital (no secret in it, only the EIP-712 signature and the
// deployment it is signed for), files of many such changes that a hospital
// relays in batches (Relay, with every entry's outcome), the expiry a
// patient gives in words ("2027-12-31", "365d"), and a patient's consent
// status as of a round. The registry itself, signing and the batch
// transaction are package contracts'.
package consentfile
