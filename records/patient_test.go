package records

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePatient(t *testing.T) {
	addr := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	id := common.HexToHash("0x1111111111111111111111111111111111111111111111111111111111111111")
	tests := []struct {
		name string
		cell string
		want common.Hash
		err  string // "" for success
	}{
		{"a 32-byte id as given", id.Hex(), id, ""},
		{"an address gives its PatientID", addr.Hex(), PatientID(addr), ""},
		{"upper-case prefix and digits", "0X" + strings.ToUpper(id.Hex()[2:]), id, ""},
		{"no prefix", id.Hex()[2:], common.Hash{}, "not 0x-prefixed"},
		{"not hex", "0x" + strings.Repeat("zz", 32), common.Hash{}, "not hex"},
		{"wrong length", "0x1234", common.Hash{}, "has 2 bytes"},
		{"zero id", "0x" + strings.Repeat("00", 32), common.Hash{}, "is zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePatient(tt.cell)
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLoadCSVPatientColumn(t *testing.T) {
	addr := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	id := common.HexToHash("0x1111111111111111111111111111111111111111111111111111111111111111")
	s := Schema{ID: "id", Label: "y", Numeric: []NumericColumn{{Name: "x"}}, Patient: "patient", Split: "split"}
	header := "id,x,y,patient,split\n"

	t.Run("ids, addresses and unknown patients", func(t *testing.T) {
		csv := header + "a,1,1," + id.Hex() + ",train\nb,2,0," + addr.Hex() + ",train\nc,3,1,,test\nd,4,0," + id.Hex() + ",train\n"
		site, _, err := LoadCSV(strings.NewReader(csv), "h.csv", s, LoadOptions{})
		require.NoError(t, err)
		require.Len(t, site.Train, 3)
		assert.Equal(t, id, site.Train[0].Patient)
		assert.Equal(t, PatientID(addr), site.Train[1].Patient, "an address is turned into the ledger id")
		assert.Equal(t, id, site.Train[2].Patient, "a patient may have several records")
		assert.Equal(t, common.Hash{}, site.Test[0].Patient, "an empty cell is an unknown patient")
		assert.Equal(t, map[string]bool{"a": true, "b": true, "c": true, "d": true}, site.Consent,
			"without a consent column the local flags are unchanged")
	})
	t.Run("a malformed id names file, line and column", func(t *testing.T) {
		_, _, err := LoadCSV(strings.NewReader(header+"a,1,1,"+id.Hex()+",train\nb,2,0,0xabc,train\n"), "h.csv", s, LoadOptions{})
		require.ErrorIs(t, err, ErrInvalidCSV)
		assert.Contains(t, err.Error(), `h.csv:3: column "patient": patient "0xabc"`)
	})
	t.Run("the column must exist", func(t *testing.T) {
		_, _, err := LoadCSV(strings.NewReader("id,x,y,split\na,1,1,train\n"), "h.csv", s, LoadOptions{})
		require.ErrorIs(t, err, ErrInvalidCSV)
		assert.Contains(t, err.Error(), `h.csv:1: column "patient"`)
	})
	t.Run("the column has one role", func(t *testing.T) {
		bad := s
		bad.Patient = "id"
		_, err := ReadSchema(strings.NewReader(`{"id":"i","label":"y","numeric":["a"],"patient":"a"}`))
		require.ErrorIs(t, err, ErrInvalidSchema)
		require.ErrorIs(t, bad.Validate(), ErrInvalidSchema)
	})
}

func TestSyntheticPatients(t *testing.T) {
	cfg := DefaultSyntheticConfig()
	cfg.Sites, cfg.MinRecords, cfg.MaxRecords = 2, 20, 40
	sites, err := Synthetic(cfg)
	require.NoError(t, err)
	seen := map[common.Hash]string{}
	for _, site := range sites {
		for _, r := range append(append([]Record(nil), site.Train...), site.Test...) {
			key, err := SyntheticPatientKey(cfg.Seed, r.ID)
			require.NoError(t, err)
			assert.Equal(t, PatientID(crypto.PubkeyToAddress(key.PublicKey)), r.Patient, "record %s", r.ID)
			prev, dup := seen[r.Patient]
			require.False(t, dup, "records %s and %s share a patient", prev, r.ID)
			seen[r.Patient] = r.ID
		}
	}

	again, err := Synthetic(cfg)
	require.NoError(t, err)
	assert.Equal(t, sites, again, "deterministic, patients included")

	other := cfg
	other.Seed++
	otherSites, err := Synthetic(other)
	require.NoError(t, err)
	assert.NotEqual(t, sites[0].Train[0].Patient, otherSites[0].Train[0].Patient, "another seed, other patients")

	_, err = SyntheticPatientKey(1, "")
	require.ErrorIs(t, err, ErrEmptyID)
}

func TestPatientIDsAndPatientsOnly(t *testing.T) {
	p1, p2 := common.Hash{1}, common.Hash{2}
	recs := []Record{{ID: "a", Patient: p1}, {ID: "b"}, {ID: "c", Patient: p2}, {ID: "d", Patient: p1}}
	assert.Equal(t, []common.Hash{p1, p2}, PatientIDs(recs), "distinct, in order, unknown patients left out")
	tests := []struct {
		name   string
		active map[common.Hash]bool
		want   []string
	}{
		{"nobody active", nil, []string{}},
		{"one patient with two records", map[common.Hash]bool{p1: true, p2: false}, []string{"a", "d"}},
		{"everyone known", map[common.Hash]bool{p1: true, p2: true}, []string{"a", "c", "d"}},
		{"the zero id never matches", map[common.Hash]bool{{}: true}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, IDs(PatientsOnly(recs, tt.active)))
		})
	}
}
