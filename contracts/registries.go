package contracts

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// ConsentRegistryTerm is a consent registry the consortium has had and
// when, as the Consortium's ModuleReplaced events record it.
type ConsentRegistryTerm struct {
	Address common.Address
	// InstalledIn is the block the registry became the consortium's
	// (linked at deployment or voted in); ReplacedIn is the block a vote
	// replaced it in, 0 while it is current.
	InstalledIn, ReplacedIn uint64
	// Current tells whether it is the consortium's registry now: the only
	// one that records new changes.
	Current bool
	// ReadByCurrent tells whether the current registry reads this one's
	// records (it is the current registry or, through the predecessor
	// each registry names, one it replaced). Such a registry's changes
	// still decide: a patient's consent for a scope is its latest change,
	// whichever registry recorded it. False only for a registry a vote
	// replaced with one that does not name it: its changes no longer
	// count, grants and revocations alike.
	ReadByCurrent bool
}

// maxConsentRegistries bounds the predecessor chain the ledger follows.
const maxConsentRegistries = 64

// ConsentRegistries returns every consent registry the consortium has
// had, in the order it had them, as the Consortium's ModuleReplaced events
// record them (read from its deployment block, paged as every log query).
func (l *Ledger) ConsentRegistries(ctx context.Context) ([]ConsentRegistryTerm, error) {
	wrap := func(err error) error { return fmt.Errorf("reading the consortium's consent registries: %w", err) }
	from, err := l.deployedAt(ctx)
	if err != nil {
		return nil, wrap(err)
	}
	logs, err := l.chain.filterLogs(ctx, ethereum.FilterQuery{
		FromBlock: from, Addresses: []common.Address{l.address},
		Topics: [][]common.Hash{
			{l.abi.Events[cohortsol.ConsortiumModuleReplacedEventName].ID},
			{common.BigToHash(big.NewInt(int64(ModuleConsent)))},
		},
	})
	if err != nil {
		return nil, wrap(err)
	}
	var terms []ConsentRegistryTerm
	for i := range logs {
		ev, err := l.consortium.UnpackModuleReplacedEvent(&logs[i])
		if err != nil {
			return nil, wrap(fmt.Errorf("decoding ModuleReplaced: %w", err))
		}
		if n := len(terms); n > 0 {
			terms[n-1].ReplacedIn = logs[i].BlockNumber
		}
		terms = append(terms, ConsentRegistryTerm{Address: ev.Current, InstalledIn: logs[i].BlockNumber})
	}
	if len(terms) == 0 {
		return nil, wrap(fmt.Errorf("%w: the Consortium at %s recorded no consent registry", ErrInconsistentLedger, l.address))
	}
	current := &terms[len(terms)-1]
	current.Current = true
	lineage, err := l.registryLineage(ctx, current.Address)
	if err != nil {
		return nil, wrap(err)
	}
	for i := range terms {
		for _, a := range lineage {
			terms[i].ReadByCurrent = terms[i].ReadByCurrent || terms[i].Address == a
		}
	}
	return terms, nil
}

// registryLineage returns the registry at current and every predecessor
// it reads, newest first, as each registry names its predecessor.
func (l *Ledger) registryLineage(ctx context.Context, current common.Address) ([]common.Address, error) {
	var addrs []common.Address
	for a := current; a != (common.Address{}); {
		if len(addrs) == maxConsentRegistries {
			return nil, fmt.Errorf("%w: a chain of more than %d consent registries", ErrInconsistentLedger, maxConsentRegistries)
		}
		addrs = append(addrs, a)
		out, err := l.chain.call(ctx, a, l.consentReg.PackPredecessor(), &l.abi)
		if err != nil {
			return nil, err
		}
		if a, err = l.consentReg.UnpackPredecessor(out); err != nil {
			return nil, err
		}
	}
	return addrs, nil
}
