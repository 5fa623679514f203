package aggregation

import "fmt"

// ReplayStep recomputes the server optimiser's step a round took from
// what the round keeps: the holders' decryption shares of its aggregate
// agg, the model it opened with (global) and the optimiser in its state
// before the step (opt, as FedOpt.UnmarshalBinary restores it). The
// shares open agg as DecryptChecked does (shares of several sets must
// agree); its leading len(global) values are the average update opt steps
// global by. It returns the model the step gives and leaves opt in its
// state after the step. `cohort audit` recomputes each closed round's
// model with it, and a restarted coordinator the state it did not keep.
func (s *Scheme) ReplayStep(opt *FedOpt, agg *EncryptedVector, shares []*DecryptionShare, global []float64) ([]float64, error) {
	avg, err := s.DecryptChecked(agg, shares)
	if err != nil {
		return nil, fmt.Errorf("the decryption shares do not open the aggregate: %w", err)
	}
	if len(avg) < len(global) {
		return nil, fmt.Errorf("%w: the aggregate decrypts to %d values for a %d-parameter model", ErrLengthMismatch, len(avg), len(global))
	}
	next, err := opt.Step(global, avg[:len(global)])
	if err != nil {
		return nil, fmt.Errorf("the server optimiser's step: %w", err)
	}
	return next, nil
}
