package records

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzDecodeStandardiser: a participant decodes the standardiser the
// coordinator sends. Decoding must not panic, and whatever decodes is a
// valid standardiser whose canonical encoding decodes to the same.
func FuzzDecodeStandardiser(f *testing.F) {
	f.Add([]byte(`{"mean":[1.5,-2],"scale":[0.25,3]}`))
	f.Add([]byte(`{"mean":[1],"scale":[0]}`))
	f.Add([]byte(`{"mean":[1e308],"scale":[1e-308]}`))
	f.Add([]byte(`{"mean":[1,2],"scale":[1]}`))
	f.Add([]byte(`{"mean":null,"scale":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeStandardiser(b)
		if err != nil {
			return
		}
		enc, err := s.Encode()
		require.NoError(t, err)
		back, err := DecodeStandardiser(enc)
		require.NoError(t, err)
		require.Equal(t, s, back)
	})
}
