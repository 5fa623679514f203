package cohortv1_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/cohort-fl/cohort/api/cohortv1"
)

// Fuzz targets for the protobuf messages a coordinator and a participant
// decode from each other. Seed corpora live in testdata/fuzz/<Target>;
// regenerate them with
//
//	go test ./api/cohortv1 -run TestFuzzSeedCorpus -update-fuzz-corpus

var updateFuzzCorpus = flag.Bool("update-fuzz-corpus", false, "rewrite the seed corpora in testdata/fuzz")

// fuzzProtoRoundTrip decodes b into a fresh message: decoding must not
// panic, and whatever decodes must survive a deterministic re-encoding
// unchanged (unknown fields included).
func fuzzProtoRoundTrip(t *testing.T, b []byte, newMsg func() proto.Message) {
	m := newMsg()
	if err := proto.Unmarshal(b, m); err != nil {
		return
	}
	opts := proto.MarshalOptions{Deterministic: true}
	once, err := opts.Marshal(m)
	require.NoError(t, err)
	back := newMsg()
	require.NoError(t, proto.Unmarshal(once, back))
	require.True(t, proto.Equal(m, back), "message changed in a round trip")
	twice, err := opts.Marshal(back)
	require.NoError(t, err)
	require.Equal(t, once, twice, "re-encoding is not stable")
}

func FuzzUpdateChunkUnmarshal(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzProtoRoundTrip(t, b, func() proto.Message { return new(cohortv1.UpdateChunk) })
	})
}

func FuzzTaskUnmarshal(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzProtoRoundTrip(t, b, func() proto.Message { return new(cohortv1.Task) })
	})
}

func FuzzTaskDeclineUnmarshal(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzProtoRoundTrip(t, b, func() proto.Message { return new(cohortv1.TaskDecline) })
	})
}

// TestFuzzSeedCorpus checks that the fuzz targets have seed corpora and,
// with -update-fuzz-corpus, rewrites them.
func TestFuzzSeedCorpus(t *testing.T) {
	hash := func(b byte) []byte {
		h := make([]byte, 32)
		for i := range h {
			h[i] = b + byte(i)
		}
		return h
	}
	addr := func(b byte) []byte { return hash(b)[:20] }
	signed := &cohortv1.Signed{Signer: addr(1), Signature: hash(9)[:32]}
	corpora := map[string]map[string]proto.Message{
		"FuzzUpdateChunkUnmarshal": {
			"header": &cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Header{Header: &cohortv1.UpdateHeader{
				StudyId: 7, Round: 2, Size: 1 << 20, ContentHash: hash(3), Auth: signed}}},
			"data":       &cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: []byte("CHRT\x04\x01 ciphertext bytes")}},
			"empty-data": &cohortv1.UpdateChunk{Part: &cohortv1.UpdateChunk_Data{Data: []byte{}}},
			"empty":      &cohortv1.UpdateChunk{},
		},
		"FuzzTaskUnmarshal": {
			"keygen": &cohortv1.Task{Kind: &cohortv1.Task_KeyGen{KeyGen: &cohortv1.KeyGenTask{
				StudyId: 7, CrsSeed: hash(5), Participants: [][]byte{addr(1), addr(2), addr(3)}}}},
			"train": &cohortv1.Task{Kind: &cohortv1.Task_Train{Train: &cohortv1.TrainTask{
				StudyId: 7, Round: 1, GlobalModelHash: hash(6), PublicKeyHash: hash(7)}}},
			"decrypt": &cohortv1.Task{Kind: &cohortv1.Task_Decrypt{Decrypt: &cohortv1.DecryptTask{
				StudyId: 7, Round: 1, AggregateHash: hash(8), Contributors: [][]byte{addr(1), addr(2)}, Weights: []float64{0.25, 0.75}}}},
			"score-at-block": &cohortv1.Task{ChainBlock: 1 << 20, ChainBlockHash: hash(15), ChainId: 1337, Kind: &cohortv1.Task_Score{Score: &cohortv1.ScoreTask{
				StudyId: 7, Round: 1, Contributors: [][]byte{addr(1), addr(2)}, ActivePoints: []uint64{1, 2}}}},
			"evaluate": &cohortv1.Task{Kind: &cohortv1.Task_Evaluate{Evaluate: &cohortv1.EvaluateTask{
				StudyId: 7, Round: 1, ModelHash: hash(10)}}},
			"done":  &cohortv1.Task{Kind: &cohortv1.Task_Done{Done: &cohortv1.StudyDone{StudyId: 7, FinalModelHash: hash(11)}}},
			"empty": &cohortv1.Task{},
			"moments-result": &cohortv1.Task{Kind: &cohortv1.Task_MomentsResult{MomentsResult: &cohortv1.MomentsResultTask{
				StudyId: 7, Session: hash(12), Total: 300, Scales: []float64{1, 100},
				Counts:        []*cohortv1.MomentsCount{{StudyId: 7, Session: hash(12), Count: 100, Auth: signed}, {StudyId: 7, Session: hash(12), Count: 200, Auth: signed}},
				Contributions: []*cohortv1.MomentsContribution{{CiphertextHash: hash(13), Auth: signed}},
				AggregateHash: hash(14), Shares: []*cohortv1.MomentsShareSubmission{{StudyId: 7, AggregateHash: hash(14), Share: []byte("share"), Auth: signed}},
				Standardiser: []byte(`{"mean":[1,2],"scale":[1,1]}`)}}},
		},
		"FuzzTaskDeclineUnmarshal": {
			"decrypt": &cohortv1.TaskDecline{StudyId: 7, Round: 2, Phase: "decrypt",
				Reason: "participant: this hospital's Ethereum node is behind the coordinator's", Auth: signed},
			"keygen-no-reason": &cohortv1.TaskDecline{StudyId: 7, Phase: "keygen", Auth: signed},
			"empty":            &cohortv1.TaskDecline{},
		},
	}
	for target, seeds := range corpora {
		dir := filepath.Join("testdata", "fuzz", target)
		if !*updateFuzzCorpus {
			entries, err := os.ReadDir(dir)
			require.NoError(t, err, "seed corpus missing; run with -update-fuzz-corpus")
			require.NotEmpty(t, entries, target)
			continue
		}
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for name, m := range seeds {
			b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
			require.NoError(t, err)
			writeSeed(t, dir, name, b)
			if len(b) > 2 {
				writeSeed(t, dir, name+"-truncated", b[:len(b)-2])
			}
		}
		// Unknown fields must round-trip, an overlong varint must be refused,
		// and two members of the oneof in one message must decode (last wins).
		var both []byte
		for _, name := range []string{"header", "data", "train", "done"} {
			if m, ok := seeds[name]; ok {
				b, err := proto.Marshal(m)
				require.NoError(t, err)
				both = append(both, b...)
			}
		}
		writeSeed(t, dir, "two-oneof-members", both)
		writeSeed(t, dir, "unknown-field", []byte{0xf8, 0x07, 0x01})
		writeSeed(t, dir, "varint-overflow", []byte{0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	}
}

func writeSeed(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("go test fuzz v1\n")
	fmt.Fprintf(&sb, "[]byte(%q)\n", b)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644))
}
