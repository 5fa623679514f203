package protocol

import (
	"errors"
	"math/rand/v2"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

// RateLimited is the coordinator's refusal of a request over its caller's
// rate (ResourceExhausted): msg says what was refused and why, and the
// status carries when to ask again (a google.rpc.RetryInfo detail), which
// RetryAfter reads. Other ResourceExhausted errors (a message or an
// upload too large) carry none: asking again would not help them.
func RateLimited(msg string, retryAfter time.Duration) error {
	st := status.New(codes.ResourceExhausted, msg)
	if withRetry, err := st.WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(retryAfter)}); err == nil {
		st = withRetry
	}
	return st.Err()
}

// The wait RetryAfter gives is held within these bounds whatever the
// refusal says: a hostile or broken coordinator must not be able to make a
// node ask again in a tight loop (a delay of 0) or stop asking for good (a
// delay of years).
const (
	MinRetryDelay = 50 * time.Millisecond
	MaxRetryDelay = time.Minute
)

// RetryAfter reports whether err is a RateLimited refusal, and how long to
// wait before asking again: the delay it names, within [MinRetryDelay,
// MaxRetryDelay].
func RetryAfter(err error) (time.Duration, bool) {
	var se interface{ GRPCStatus() *status.Status }
	if !errors.As(err, &se) {
		return 0, false
	}
	st := se.GRPCStatus()
	if st.Code() != codes.ResourceExhausted {
		return 0, false
	}
	for _, d := range st.Details() {
		if ri, ok := d.(*errdetails.RetryInfo); ok {
			return min(max(ri.GetRetryDelay().AsDuration(), MinRetryDelay), MaxRetryDelay), true
		}
	}
	return 0, false
}

// RefusalBackoff spaces a node's requests after consecutive RateLimited
// refusals. The first waits the delay it names (RetryAfter) to half as
// much again; each next refusal in a row doubles the wait, up to
// MaxRetryDelay, so a coordinator that refuses every call, whatever delay
// it names, is asked every 30 to 60 s after about ten refusals rather
// than 20 times a second. Every wait is drawn at random (a grown one from
// its upper half), never below the delay named nor above MaxRetryDelay:
// nodes refused together, even once, do not ask again together. A call
// that is not refused ends the run. The zero value is ready; it is not
// safe for concurrent use (each retry loop holds its own).
type RefusalBackoff struct {
	refusals int
	// ceiling is the last refusal's longest wait: a wait that grows past
	// it starts a new step.
	ceiling time.Duration
	// randN draws in [0, n); nil means math/rand/v2's Int64N.
	randN func(n int64) int64
}

// After reports whether err is a RateLimited refusal and, if so, how long
// to wait before asking again, and whether this refusal starts a longer
// step of waits than the one before (the refusal worth logging: a caller
// that logs only then logs about ten times, not once a retry). Any other
// err, nil included, ends the run of refusals.
func (b *RefusalBackoff) After(err error) (wait time.Duration, limited, grew bool) {
	named, limited := RetryAfter(err)
	if !limited {
		*b = RefusalBackoff{randN: b.randN}
		return 0, false, false
	}
	ceiling := named
	for range b.refusals {
		if ceiling >= MaxRetryDelay {
			break
		}
		ceiling *= 2
	}
	ceiling = min(ceiling, MaxRetryDelay)
	wait, top := max(named, ceiling/2), ceiling
	if b.refusals == 0 {
		top = min(named+named/2, MaxRetryDelay)
	}
	if spread := int64(top - wait); spread > 0 {
		randN := b.randN
		if randN == nil {
			randN = rand.Int64N
		}
		wait += time.Duration(randN(spread + 1))
	}
	grew = ceiling > b.ceiling
	b.refusals++
	b.ceiling = ceiling
	return wait, true, grew
}
