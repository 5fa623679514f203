package configfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Config is a daemon's configuration: Read resolves its relative paths
// against the file's directory with ResolvePaths.
type Config interface {
	ResolvePaths(dir string)
}

// Read decodes a JSON config file strictly (unknown fields are errors: a
// typo must not silently fall back to a default) and resolves relative
// paths against the file's directory.
func Read(path string, v Config) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("config %s: %w%s", path, err, suggestField(err, reflect.TypeOf(v)))
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	v.ResolvePaths(dir)
	return nil
}

// suggestField returns, for an unknown-field error, a hint naming the
// closest field a config of type t has (at any depth: encoding/json does not
// say in which section it met the field), or "" if none is close: a typo
// like "participnts" should point at "participants", not only say no.
func suggestField(err error, t reflect.Type) string {
	const prefix = `json: unknown field "`
	msg := err.Error()
	if !strings.HasPrefix(msg, prefix) {
		return ""
	}
	unknown := strings.TrimSuffix(strings.TrimPrefix(msg, prefix), `"`)
	best, bestDist := "", len(unknown)/3+1 // at most a third of the name changed
	for _, name := range fieldNames(t, map[reflect.Type]bool{}) {
		if d := editDistance(strings.ToLower(unknown), strings.ToLower(name)); d < bestDist {
			best, bestDist = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// fieldNames lists the JSON names of t's fields and of the structs they
// hold, through pointers, slices and maps.
func fieldNames(t reflect.Type, seen map[reflect.Type]bool) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return nil
	}
	seen[t] = true
	var names []string
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
			continue
		case name == "" && f.Anonymous:
			// an embedded struct's fields are the outer struct's
		case name == "":
			names = append(names, f.Name)
		default:
			names = append(names, name)
		}
		names = append(names, fieldNames(f.Type, seen)...)
	}
	return names
}

// editDistance is the optimal string alignment distance between a and b
// (bytes): insertions, deletions, substitutions and swaps of two adjacent
// characters, the commonest typos, each count one.
func editDistance(a, b string) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}

// ResolvePaths makes each config path absolute against dir; empty stays
// empty.
func ResolvePaths(dir string, paths ...*string) {
	for _, p := range paths {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
}

// Chain says which chain and contract a daemon uses.
type Chain struct {
	RPC      string `json:"rpc"`      // Ethereum JSON-RPC endpoint, e.g. http://127.0.0.1:8545
	Contract string `json:"contract"` // the Cohort contract's 0x address
	// LogWindow is how many blocks one eth_getLogs asks the node for at
	// most (contracts.Chain.SetLogWindow; 0: contracts.DefaultLogWindow):
	// a window the node refuses is halved anyway, so set it only to spare
	// a provider whose cap is known the refusals that find it.
	LogWindow uint64 `json:"log_window,omitempty"`
}

// Check returns the contract's address, or says which setting is missing
// or wrong.
func (c Chain) Check() (common.Address, error) {
	if c.RPC == "" {
		return common.Address{}, errors.New("chain.rpc: set the Ethereum JSON-RPC endpoint, e.g. http://127.0.0.1:8545")
	}
	if !common.IsHexAddress(c.Contract) {
		return common.Address{}, fmt.Errorf("chain.contract %q: want the Cohort contract's 0x address (from `cohort deploy` or devnet.json)", c.Contract)
	}
	return common.HexToAddress(c.Contract), nil
}

// Duration is a time.Duration written as "90s" or "2m" in JSON.
type Duration time.Duration

// UnmarshalJSON reads a positive Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a duration is a string such as \"90s\" or \"2m\"")
	}
	v, err := time.ParseDuration(s)
	if err != nil || v <= 0 {
		return fmt.Errorf("duration %q: want a positive Go duration such as \"90s\" or \"2m\"", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// NewLogger makes a daemon's structured logger on w in the log_format a
// config file names: "text" (the default) or "json".
func NewLogger(w io.Writer, format string) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	switch format {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log_format %q: want \"text\" or \"json\"", format)
}
