package simulation

import (
	"context"
	"net"
	"path"
	"sync"
	"sync/atomic"

	"google.golang.org/grpc"
	"google.golang.org/grpc/stats"
)

// Kinds of traffic between a hospital's node and the coordinator, by the
// RPCs that carry it.
const (
	// TrafficUpload is the node's encrypted updates (UploadUpdate,
	// UploadStatus).
	TrafficUpload = "upload"
	// TrafficDownload is what the node fetches by hash (GetBlob): the
	// global model, the aggregate it helps decrypt and the updates it
	// checks that aggregate against.
	TrafficDownload = "download"
	// TrafficTasks is the coordinator's task stream (Join).
	TrafficTasks = "tasks"
	// TrafficKeys is key generation and re-sharing: public-key shares,
	// threshold and re-sharing shares, their confirmations.
	TrafficKeys = "keys"
	// TrafficDecrypt is decryption shares.
	TrafficDecrypt = "decrypt"
	// TrafficOther is robust scores, evaluations and standardisation moments.
	TrafficOther = "other"
)

// TrafficKinds lists the kinds in the order reports show them.
var TrafficKinds = []string{TrafficUpload, TrafficDownload, TrafficTasks, TrafficKeys, TrafficDecrypt, TrafficOther}

// trafficKind is the kind of the RPC named by a full method name
// ("/cohort.v1.Coordinator/GetBlob").
func trafficKind(fullMethod string) string {
	switch path.Base(fullMethod) {
	case "UploadUpdate", "UploadStatus":
		return TrafficUpload
	case "GetBlob":
		return TrafficDownload
	case "Join":
		return TrafficTasks
	case "SubmitPublicKeyShare", "SubmitThresholdShares", "ConfirmThresholdKey", "SubmitReshareShares", "ConfirmReshareKey":
		return TrafficKeys
	case "SubmitDecryptionShare":
		return TrafficDecrypt
	default:
		return TrafficOther
	}
}

// Traffic is the bytes one hospital's node sent to and received from the
// coordinator. Sent and Received are gRPC messages by kind as framed on
// the wire (the 5-byte gRPC header included; HTTP/2 frames and TLS records
// not); WireSent and WireReceived are everything its TCP connection
// carried, TLS included.
type Traffic struct {
	Sent         map[string]int64 `json:"sent"`
	Received     map[string]int64 `json:"received"`
	WireSent     int64            `json:"wire_sent"`
	WireReceived int64            `json:"wire_received"`
}

// TotalSent sums Sent over the kinds.
func (t Traffic) TotalSent() int64 { return sum(t.Sent) }

// TotalReceived sums Received over the kinds.
func (t Traffic) TotalReceived() int64 { return sum(t.Received) }

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// minus is t less an earlier reading.
func (t Traffic) minus(earlier Traffic) Traffic {
	d := Traffic{Sent: map[string]int64{}, Received: map[string]int64{}, WireSent: t.WireSent - earlier.WireSent, WireReceived: t.WireReceived - earlier.WireReceived}
	for k, v := range t.Sent {
		if v -= earlier.Sent[k]; v != 0 {
			d.Sent[k] = v
		}
	}
	for k, v := range t.Received {
		if v -= earlier.Received[k]; v != 0 {
			d.Received[k] = v
		}
	}
	return d
}

// trafficMeter counts one hospital's traffic: it is the stats.Handler of
// its gRPC connection (messages by kind) and dials the connection (bytes
// on the wire). It is safe for concurrent use.
type trafficMeter struct {
	mu                     sync.Mutex
	sent, received         map[string]int64
	wireSent, wireReceived atomic.Int64
}

var _ stats.Handler = (*trafficMeter)(nil)

func newTrafficMeter() *trafficMeter {
	return &trafficMeter{sent: map[string]int64{}, received: map[string]int64{}}
}

// dialOptions make a connection report to m.
func (m *trafficMeter) dialOptions() []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithStatsHandler(m),
		grpc.WithContextDialer(func(ctx context.Context, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
			if err != nil {
				return nil, err
			}
			return &countingConn{Conn: c, m: m}, nil
		}),
	}
}

type kindKey struct{}

func (m *trafficMeter) TagRPC(ctx context.Context, info *stats.RPCTagInfo) context.Context {
	return context.WithValue(ctx, kindKey{}, trafficKind(info.FullMethodName))
}

func (m *trafficMeter) HandleRPC(ctx context.Context, s stats.RPCStats) {
	kind, _ := ctx.Value(kindKey{}).(string)
	switch p := s.(type) {
	case *stats.InPayload:
		m.mu.Lock()
		m.received[kind] += int64(p.WireLength)
		m.mu.Unlock()
	case *stats.OutPayload:
		m.mu.Lock()
		m.sent[kind] += int64(p.WireLength)
		m.mu.Unlock()
	}
}

func (m *trafficMeter) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }

func (m *trafficMeter) HandleConn(context.Context, stats.ConnStats) {}

// reading is what m counted so far.
func (m *trafficMeter) reading() Traffic {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := Traffic{Sent: make(map[string]int64, len(m.sent)), Received: make(map[string]int64, len(m.received)),
		WireSent: m.wireSent.Load(), WireReceived: m.wireReceived.Load()}
	for k, v := range m.sent {
		t.Sent[k] = v
	}
	for k, v := range m.received {
		t.Received[k] = v
	}
	return t
}

// countingConn counts the bytes a connection carries.
type countingConn struct {
	net.Conn
	m *trafficMeter
}

func (c *countingConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.m.wireReceived.Add(int64(n))
	return n, err
}

func (c *countingConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.m.wireSent.Add(int64(n))
	return n, err
}
