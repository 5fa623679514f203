package models

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Parameter encoding layout, all integers little-endian:
//
//	offset 0  4 bytes  magic "CPRM"
//	offset 4  2 bytes  format version (ParamsEncodingVersion)
//	offset 6  2 bytes  reserved, zero
//	offset 8  8 bytes  count n of parameters
//	offset 16 8n bytes IEEE-754 binary64 values
const (
	// ParamsEncodingVersion is the version EncodeParams writes and the only
	// one DecodeParams reads.
	ParamsEncodingVersion = 1
	paramsMagic           = "CPRM"
	paramsHeaderSize      = 16
)

// EncodeParams returns the canonical byte form of a flat parameter vector:
// a 16-byte header (magic "CPRM", version, reserved, count) followed by the
// values as little-endian IEEE-754 float64. Equal vectors (bit for bit) give
// equal bytes, so the encoding can be hashed and committed.
func EncodeParams(p []float64) []byte {
	b := make([]byte, paramsHeaderSize+8*len(p))
	copy(b, paramsMagic)
	binary.LittleEndian.PutUint16(b[4:], ParamsEncodingVersion)
	binary.LittleEndian.PutUint64(b[8:], uint64(len(p)))
	for i, v := range p {
		binary.LittleEndian.PutUint64(b[paramsHeaderSize+8*i:], math.Float64bits(v))
	}
	return b
}

// DecodeParams parses bytes written by EncodeParams. It fails with
// ErrEncoding when the magic, version, reserved field or length is wrong.
// Values are returned as stored; use Model.SetParams to reject non-finite
// ones.
func DecodeParams(b []byte) ([]float64, error) {
	if len(b) < paramsHeaderSize {
		return nil, fmt.Errorf("%w: %d bytes is shorter than the %d-byte header", ErrEncoding, len(b), paramsHeaderSize)
	}
	if string(b[:4]) != paramsMagic {
		return nil, fmt.Errorf("%w: magic is %q, want %q; these bytes are not model parameters", ErrEncoding, b[:4], paramsMagic)
	}
	if v := binary.LittleEndian.Uint16(b[4:]); v != ParamsEncodingVersion {
		return nil, fmt.Errorf("%w: version %d is not supported (this build reads version %d); upgrade cohort", ErrEncoding, v, ParamsEncodingVersion)
	}
	if r := binary.LittleEndian.Uint16(b[6:]); r != 0 {
		return nil, fmt.Errorf("%w: reserved header field is %d, want 0", ErrEncoding, r)
	}
	n := binary.LittleEndian.Uint64(b[8:])
	body := uint64(len(b) - paramsHeaderSize)
	if body%8 != 0 || n != body/8 {
		return nil, fmt.Errorf("%w: header announces %d values but %d bytes of values follow; the data is truncated or corrupt", ErrEncoding, n, body)
	}
	p := make([]float64, n)
	for i := range p {
		p[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[paramsHeaderSize+8*i:]))
	}
	return p, nil
}
