package contracts

import "context"

// SendToStudies sends raw calldata from an account to the Studies module
// holding a study, for tests that call what the Go API does not offer, such
// as a function the contract no longer has.
func (l *Ledger) SendToStudies(ctx context.Context, from *Account, studyID uint64, data []byte) error {
	_, err := l.writeStudy(ctx, from, studyID, data)
	return err
}
