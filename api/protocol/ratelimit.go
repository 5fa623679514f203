package protocol

import (
	"errors"
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
