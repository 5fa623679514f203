package configfile

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestChainSectionSaysWhatIsWrong(t *testing.T) {
	_, err := Chain{RPC: "http://127.0.0.1:8545", Contract: "nope"}.Check()
	assert.ErrorContains(t, err, "0x address")
	_, err = Chain{Contract: "0x0000000000000000000000000000000000000001"}.Check()
	assert.ErrorContains(t, err, "chain.rpc")
}

func TestResolvePaths(t *testing.T) {
	rel, abs, empty := "keys/a.key", "/etc/cohort/b.key", ""
	ResolvePaths("/srv/consortium", &rel, &abs, &empty)
	assert.Equal(t, "/srv/consortium/keys/a.key", rel)
	assert.Equal(t, "/etc/cohort/b.key", abs)
	assert.Empty(t, empty, "an unset path stays unset")
}
