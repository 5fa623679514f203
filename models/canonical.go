package models

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// CanonicalJSON returns the RFC 8785 (JSON Canonicalization Scheme) form of
// one JSON value: object members sorted by the UTF-16 code units of their
// names, no insignificant whitespace, numbers parsed as IEEE-754 doubles and
// printed as ECMAScript's Number.prototype.toString does, strings escaping
// only '"', '\' and control characters (\b \t \n \f \r, else \u00xx), all
// else literal UTF-8. It refuses invalid UTF-8, duplicate member names,
// numbers outside the double range and trailing data. (An escaped lone
// surrogate, which RFC 8785 also refuses, is read as U+FFFD by
// encoding/json.)
func CanonicalJSON(raw []byte) ([]byte, error) {
	if !utf8.Valid(raw) {
		return nil, errors.New("not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out bytes.Buffer
	if err := canonValue(dec, &out); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return out.Bytes(), nil
}

// canonValue reads one value from dec and writes its canonical form.
func canonValue(dec *json.Decoder, out *bytes.Buffer) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("malformed JSON: %w", err)
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '[':
			out.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					out.WriteByte(',')
				}
				if err := canonValue(dec, out); err != nil {
					return err
				}
			}
			out.WriteByte(']')
		case '{':
			type member struct {
				key   string
				units []uint16
				value []byte
			}
			var members []member
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return fmt.Errorf("malformed JSON: %w", err)
				}
				key := kt.(string) // the decoder only yields strings here
				if seen[key] {
					return fmt.Errorf("member name %q appears twice in an object", key)
				}
				seen[key] = true
				var vb bytes.Buffer
				if err := canonValue(dec, &vb); err != nil {
					return err
				}
				members = append(members, member{key, utf16.Encode([]rune(key)), vb.Bytes()})
			}
			sort.Slice(members, func(i, j int) bool { return lessUTF16(members[i].units, members[j].units) })
			out.WriteByte('{')
			for i, m := range members {
				if i > 0 {
					out.WriteByte(',')
				}
				canonString(out, m.key)
				out.WriteByte(':')
				out.Write(m.value)
			}
			out.WriteByte('}')
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return fmt.Errorf("malformed JSON: %w", err)
		}
	case string:
		canonString(out, v)
	case json.Number:
		s, err := canonNumber(string(v))
		if err != nil {
			return err
		}
		out.WriteString(s)
	case bool:
		out.WriteString(strconv.FormatBool(v))
	case nil:
		out.WriteString("null")
	}
	return nil
}

// lessUTF16 orders strings by their UTF-16 code units, as RFC 8785 sorts
// member names.
func lessUTF16(a, b []uint16) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// canonNumber formats a JSON number as ECMAScript prints the nearest
// IEEE-754 double: shortest round-trip digits, exponent form below 1e-6 and
// from 1e21, and 0 for minus zero.
func canonNumber(s string) (string, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return "", fmt.Errorf("number %s is outside the range of an IEEE-754 double", s)
	}
	if f == 0 {
		return "0", nil
	}
	// encoding/json formats float64 exactly as ECMAScript does.
	b, err := json.Marshal(f)
	if err != nil {
		return "", fmt.Errorf("number %s: %w", s, err)
	}
	return string(b), nil
}

// canonString writes a string in RFC 8785 form.
func canonString(out *bytes.Buffer, s string) {
	const hexDigits = "0123456789abcdef"
	out.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			out.WriteString(`\"`)
		case r == '\\':
			out.WriteString(`\\`)
		case r == '\b':
			out.WriteString(`\b`)
		case r == '\t':
			out.WriteString(`\t`)
		case r == '\n':
			out.WriteString(`\n`)
		case r == '\f':
			out.WriteString(`\f`)
		case r == '\r':
			out.WriteString(`\r`)
		case r < 0x20:
			out.WriteString(`\u00`)
			out.WriteByte(hexDigits[r>>4])
			out.WriteByte(hexDigits[r&0xf])
		default:
			out.WriteRune(r)
		}
	}
	out.WriteByte('"')
}
