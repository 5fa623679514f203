package main

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"

	"github.com/cohort-fl/cohort/contracts"
)

// `cohort model get` and `model export` verify a model's hash against the
// chain, which records no decryption sets. They must not let that pass
// for a checked decryption: a round that had no spare holder is named not
// cross-checked, and any other round points at the audit, which reads the
// coordinator's decryption record.
func TestModelCrossCheckNoteNamesARoundWithoutASpareHolder(t *testing.T) {
	participants := func(n int) []common.Address { return make([]common.Address, n) }
	study := func(threshold uint32, members int, committee uint16) contracts.Study {
		return contracts.Study{
			StudyParams:  contracts.StudyParams{Threshold: threshold, Committee: contracts.CommitteeParams{Size: committee}},
			Participants: participants(members),
		}
	}
	round := func(contributors uint32) contracts.Round {
		return contracts.Round{Number: 4, Result: contracts.RoundResult{Participants: contributors}}
	}
	const single, ask = "round 4: the model is NOT cross-checked", "`cohort audit --require-cross-check`"
	for _, tt := range []struct {
		name  string
		study contracts.Study
		round contracts.Round
		want  string
	}{
		{"t members, no committee", study(3, 3, 0), round(3), single},
		{"a committee of t", study(3, 6, 3), round(6), single},
		{"no more contributors than t", study(3, 6, 4), round(3), single},
		{"a spare holder possible", study(3, 6, 4), round(5), ask},
		{"spare members, no committee", study(2, 3, 0), round(3), ask},
	} {
		t.Run(tt.name, func(t *testing.T) {
			note := crossCheckNote(tt.study, tt.round)
			assert.Contains(t, note, tt.want)
			assert.Contains(t, note, "one lying holder among the t could have shifted it")
		})
	}
}
