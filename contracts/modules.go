package contracts

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/cohort-fl/cohort/contracts/cohortsol"
)

// ModuleKind names a module of the ledger that a consortium vote can replace.
type ModuleKind uint8

// Module kinds, as numbered by the Consortium contract.
const (
	// ModuleStudies holds studies, rounds, commitments, scores and strikes.
	ModuleStudies ModuleKind = 0
	// ModuleConsent holds patients' consent.
	ModuleConsent ModuleKind = 1
)

// String names the kind.
func (k ModuleKind) String() string {
	switch k {
	case ModuleStudies:
		return "studies"
	case ModuleConsent:
		return "consent"
	default:
		return fmt.Sprintf("ModuleKind(%d)", uint8(k))
	}
}

// Ledger is a deployed Cohort ledger on a Chain: a Consortium contract,
// whose address is the ledger's identity, and the Studies and
// ConsentRegistry modules it names. The module addresses are read from the
// Consortium on first use and again after a consortium vote replaced one.
// A Ledger is safe for concurrent use.
type Ledger struct {
	chain      *Chain
	address    common.Address // the Consortium
	consortium *cohortsol.Consortium
	studies    *cohortsol.Studies
	committees *cohortsol.Committees
	consentReg *cohortsol.ConsentRegistry
	// abi holds every module's errors and events, to decode reverts (a call
	// through one module may revert in another) and to find events.
	abi abi.ABI

	mu      sync.Mutex
	modules *moduleSet // nil until resolved
	// deployed is the block the Consortium was deployed in, once read
	// (deployedAt); guarded by mu.
	deployed *uint64

	consentGas consentGas     // what consent batches used, by size
	consentLog consentLog     // the consent events read so far
	rounds     roundReads     // the last read of each round's commitments
	selections selectionReads // the committee selections read so far, by study
}

// moduleSet is where the Consortium says the modules are.
type moduleSet struct {
	studies []studiesModule // oldest first; the last one is current
	consent common.Address
}

// studiesModule is a Studies module, the first study id it holds and its
// Committees contract.
type studiesModule struct {
	address    common.Address
	first      uint64
	committees common.Address
}

// moduleFor returns the Studies module that holds the study: the newest
// whose first id is at most studyID (the current one for id 0, so that it
// answers with its own error).
func (m *moduleSet) moduleFor(studyID uint64) common.Address {
	return m.studiesFor(studyID).address
}

// committeesFor returns the Committees contract of the study's module.
func (m *moduleSet) committeesFor(studyID uint64) common.Address {
	return m.studiesFor(studyID).committees
}

func (m *moduleSet) studiesFor(studyID uint64) studiesModule {
	for i := len(m.studies) - 1; i >= 0; i-- {
		if m.studies[i].first <= studyID {
			return m.studies[i]
		}
	}
	return m.studies[len(m.studies)-1]
}

func newLedger(c *Chain, address common.Address) *Ledger {
	l := &Ledger{
		chain: c, address: address,
		consortium: cohortsol.NewConsortium(), studies: cohortsol.NewStudies(), committees: cohortsol.NewCommittees(),
		consentReg: cohortsol.NewConsentRegistry(),
	}
	l.abi = l.studies.GetABI()
	l.abi.Errors, l.abi.Events = maps.Clone(l.abi.Errors), maps.Clone(l.abi.Events)
	for _, other := range []abi.ABI{l.consortium.GetABI(), l.committees.GetABI(), l.consentReg.GetABI()} {
		maps.Copy(l.abi.Errors, other.Errors)
		maps.Copy(l.abi.Events, other.Events)
	}
	return l
}

// Deploy deploys a new Cohort ledger — the Consortium with its founding
// members and the DefaultQuorumPercent, a Studies module and a
// ConsentRegistry, linked together — sent from deployer, and returns it once
// mined. The receipt sums the gas of the four transactions and names the
// block and transaction of the first, the Consortium's deployment: the
// ledger's address and where its logs begin (DeploymentBlock).
func Deploy(ctx context.Context, c *Chain, deployer *Account, founders []Member) (*Ledger, Receipt, error) {
	return DeployWithQuorum(ctx, c, deployer, founders, DefaultQuorumPercent)
}

// DeployWithQuorum is Deploy with a chosen quorum: the share of active
// members, in percent (1-100, rounded up to whole members), whose votes carry
// a membership proposal. Members can change it later by vote.
func DeployWithQuorum(ctx context.Context, c *Chain, deployer *Account, founders []Member, quorumPercent uint8) (*Ledger, Receipt, error) {
	if c == nil {
		return nil, Receipt{}, fmt.Errorf("deploying the Cohort ledger: %w: nil chain", ErrInvalidParameter)
	}
	l := newLedger(c, common.Address{})
	addrs := make([]common.Address, len(founders))
	names := make([]string, len(founders))
	fingerprints := make([][32]byte, len(founders))
	for i, m := range founders {
		addrs[i], names[i], fingerprints[i] = m.Address, m.Name, m.TLSFingerprint
	}
	var total Receipt
	r, err := l.deployCode(ctx, deployer, "Consortium", cohortsol.ConsortiumMetaData.Bin, l.consortium.PackConstructor(addrs, names, fingerprints, quorumPercent))
	if err != nil {
		return nil, Receipt{}, err
	}
	l.address = r.ContractAddress
	deployed := receiptOf(r)
	total.GasUsed, total.TxHash, total.Block = deployed.GasUsed, deployed.TxHash, deployed.Block
	studies, g, err := DeployStudiesModule(ctx, c, deployer, l.address)
	if err != nil {
		return nil, Receipt{}, err
	}
	total.GasUsed += g.GasUsed
	consent, g, err := DeployConsentModule(ctx, c, deployer, l.address, common.Address{})
	if err != nil {
		return nil, Receipt{}, err
	}
	total.GasUsed += g.GasUsed
	r, err = l.chain.transact(ctx, deployer, &l.address, l.consortium.PackLinkModules(studies, consent), &l.abi)
	if err != nil {
		return nil, Receipt{}, fmt.Errorf("deploying the Cohort ledger: linking its modules: %w", err)
	}
	total.GasUsed += receiptOf(r).GasUsed
	return l, total, nil
}

// DeployStudiesModule deploys a Studies module for the consortium at
// consortium, for the first deployment or for a consortium vote to switch
// to (ProposeModule). It returns the module's address.
func DeployStudiesModule(ctx context.Context, c *Chain, deployer *Account, consortium common.Address) (common.Address, Receipt, error) {
	l := newLedger(c, consortium)
	r, err := l.deployCode(ctx, deployer, "Studies", cohortsol.StudiesMetaData.Bin, l.studies.PackConstructor(consortium))
	if err != nil {
		return common.Address{}, Receipt{}, err
	}
	return r.ContractAddress, receiptOf(r), nil
}

// DeployConsentModule deploys a ConsentRegistry for the consortium at
// consortium. predecessor is the registry it will replace by vote, the
// current one (zero for the first): the new one reads it for every scope it
// has not recorded yet, so no decision and no nonce is lost. The Consortium
// refuses a registry naming another (ErrConsentPredecessor).
func DeployConsentModule(ctx context.Context, c *Chain, deployer *Account, consortium, predecessor common.Address) (common.Address, Receipt, error) {
	l := newLedger(c, consortium)
	r, err := l.deployCode(ctx, deployer, "ConsentRegistry", cohortsol.ConsentRegistryMetaData.Bin, l.consentReg.PackConstructor(consortium, predecessor))
	if err != nil {
		return common.Address{}, Receipt{}, err
	}
	return r.ContractAddress, receiptOf(r), nil
}

func (l *Ledger) deployCode(ctx context.Context, deployer *Account, name, bin string, args []byte) (*types.Receipt, error) {
	code, err := hexutil.Decode(bin)
	if err != nil {
		return nil, fmt.Errorf("deploying the %s contract: bad embedded bytecode (regenerate with contracts/gen.sh): %w", name, err)
	}
	r, err := l.chain.transact(ctx, deployer, nil, append(code, args...), &l.abi)
	if err != nil {
		return nil, fmt.Errorf("deploying the %s contract: %w", name, err)
	}
	return r, nil
}

// Open binds a Cohort ledger already deployed, by the address of its
// Consortium. It does no I/O: a wrong address shows up as an error on the
// first call.
func Open(c *Chain, address common.Address) (*Ledger, error) {
	if c == nil {
		return nil, fmt.Errorf("opening the Cohort ledger: %w: nil chain", ErrInvalidParameter)
	}
	if address == (common.Address{}) {
		return nil, fmt.Errorf("opening the Cohort ledger: %w: zero contract address", ErrInvalidParameter)
	}
	return newLedger(c, address), nil
}

// Address returns the address of the ledger's Consortium, its identity.
func (l *Ledger) Address() common.Address { return l.address }

// ChainID returns the EIP-155 id of the ledger's chain.
func (l *Ledger) ChainID() *big.Int { return l.chain.ChainID() }

// BlockNumber returns the number of the latest block of the ledger's
// chain, as its node knows it.
func (l *Ledger) BlockNumber(ctx context.Context) (uint64, error) { return l.chain.BlockNumber(ctx) }

// Head returns the number and hash of the latest block of the ledger's
// chain, as its node knows it, read from one header: they name the same
// block even while the chain moves.
func (l *Ledger) Head(ctx context.Context) (uint64, common.Hash, error) { return l.chain.head(ctx) }

// HeadTime returns the latest block's timestamp: the chain's clock, which
// round deadlines are checked against.
func (l *Ledger) HeadTime(ctx context.Context) (time.Time, error) { return l.chain.HeadTime(ctx) }

// BlockHash returns the hash of block n of the ledger's chain, as its node
// knows it (its canonical chain).
func (l *Ledger) BlockHash(ctx context.Context, n uint64) (common.Hash, error) {
	return l.chain.BlockHash(ctx, n)
}

// NextHead is the ledger's chain's [Chain.NextHead]: closed once the chain
// has a new block, the only time what the ledger records can change.
func (l *Ledger) NextHead() <-chan struct{} { return l.chain.NextHead() }

// AwaitBlock returns once the ledger's chain, as its node knows it, has
// block n, re-reading the head at each new block; it returns the last head
// it read (the highest it saw) and ctx's error if ctx ends first, or the
// last read's error if no read succeeded. Two parties reading through
// different nodes (or one node between importing a block and making it
// the head) use it so that what one saw written, the other reads too.
func (l *Ledger) AwaitBlock(ctx context.Context, n uint64) (uint64, error) {
	var seen uint64
	for {
		next := l.NextHead() // asked before reading: a block in between closes it
		head, err := l.BlockNumber(ctx)
		if err == nil {
			seen = max(seen, head)
			if head >= n {
				return head, nil
			}
		}
		select {
		case <-ctx.Done():
			if seen == 0 && err != nil {
				return 0, err
			}
			return seen, ctx.Err()
		case <-next:
		}
	}
}

// Modules returns the addresses of the Studies modules (oldest first; the
// last is current) and of the current ConsentRegistry, as the Consortium
// names them now.
func (l *Ledger) Modules(ctx context.Context) (studies []common.Address, consent common.Address, err error) {
	m, err := l.resolve(ctx, true)
	if err != nil {
		return nil, common.Address{}, err
	}
	for _, s := range m.studies {
		studies = append(studies, s.address)
	}
	return studies, m.consent, nil
}

// resolve returns the module set, reading it from the Consortium the first
// time or when fresh is set.
func (l *Ledger) resolve(ctx context.Context, fresh bool) (*moduleSet, error) {
	l.mu.Lock()
	m := l.modules
	l.mu.Unlock()
	if m != nil && !fresh {
		return m, nil
	}
	wrap := func(err error) error { return fmt.Errorf("reading the ledger's modules from %s: %w", l.address, err) }
	out, err := l.chain.call(ctx, l.address, l.consortium.PackStudiesModules(), &l.abi)
	if err != nil {
		return nil, wrap(err)
	}
	if len(out) == 0 {
		if code, cerr := l.chain.client.CodeAt(ctx, l.address, nil); cerr == nil && len(code) == 0 {
			return nil, fmt.Errorf("%w: %s on chain %v; check the contract address (devnet.json or the output of `cohort deploy`) and that the RPC endpoint is the consortium's chain", ErrNoContract, l.address, l.chain.ChainID())
		}
	}
	addrs, err := l.consortium.UnpackStudiesModules(out)
	if err != nil {
		return nil, wrap(err)
	}
	if len(addrs) == 0 {
		return nil, wrap(fmt.Errorf("%w: the consortium has no modules linked (a deployment that stopped half-way: deploy again)", ErrInconsistentLedger))
	}
	m = &moduleSet{}
	for _, a := range addrs {
		out, err := l.chain.call(ctx, a, l.studies.PackFirstStudyId(), &l.abi)
		if err != nil {
			return nil, wrap(err)
		}
		first, err := l.studies.UnpackFirstStudyId(out)
		if err != nil {
			return nil, wrap(err)
		}
		if out, err = l.chain.call(ctx, a, l.studies.PackCommittees(), &l.abi); err != nil {
			return nil, wrap(err)
		}
		committees, err := l.studies.UnpackCommittees(out)
		if err != nil {
			return nil, wrap(err)
		}
		m.studies = append(m.studies, studiesModule{address: a, first: first, committees: committees})
	}
	if out, err = l.chain.call(ctx, l.address, l.consortium.PackConsent(), &l.abi); err != nil {
		return nil, wrap(err)
	}
	if m.consent, err = l.consortium.UnpackConsent(out); err != nil {
		return nil, wrap(err)
	}
	l.mu.Lock()
	l.modules = m
	l.mu.Unlock()
	return m, nil
}

// staleModule tells whether err may come from a module set that a
// consortium vote changed since it was read.
func staleModule(err error) bool {
	return errors.Is(err, ErrModuleRetired) || errors.Is(err, ErrStudyNotFound)
}

// onModule runs f on the address pick chooses from the module set; if f
// fails in a way a module switch explains, it reads the set again and, if
// pick now chooses another module, runs f there.
func (l *Ledger) onModule(ctx context.Context, pick func(*moduleSet) common.Address, f func(common.Address) error) error {
	m, err := l.resolve(ctx, false)
	if err != nil {
		return err
	}
	addr := pick(m)
	err = f(addr)
	if err == nil || !staleModule(err) {
		return err
	}
	m2, rerr := l.resolve(ctx, true)
	if rerr != nil || pick(m2) == addr {
		return err
	}
	return f(pick(m2))
}

func currentStudies(m *moduleSet) common.Address { return m.studies[len(m.studies)-1].address }
func currentConsent(m *moduleSet) common.Address { return m.consent }

// write sends a transaction to the Consortium.
func (l *Ledger) write(ctx context.Context, from *Account, data []byte) (*types.Receipt, error) {
	return l.chain.transact(ctx, from, &l.address, data, &l.abi)
}

// read calls the Consortium.
func (l *Ledger) read(ctx context.Context, data []byte) ([]byte, error) {
	return l.chain.call(ctx, l.address, data, &l.abi)
}

// studyModule returns the address of the Studies module holding a study.
func (l *Ledger) studyModule(ctx context.Context, studyID uint64) (common.Address, error) {
	m, err := l.resolve(ctx, false)
	if err != nil {
		return common.Address{}, err
	}
	return m.moduleFor(studyID), nil
}

// writeStudy sends a transaction about a study to the Studies module holding it.
func (l *Ledger) writeStudy(ctx context.Context, from *Account, studyID uint64, data []byte) (*types.Receipt, error) {
	return l.writeModule(ctx, from, func(m *moduleSet) common.Address { return m.moduleFor(studyID) }, data)
}

// readStudy calls the Studies module holding a study.
func (l *Ledger) readStudy(ctx context.Context, studyID uint64, data []byte) ([]byte, error) {
	return l.readModule(ctx, func(m *moduleSet) common.Address { return m.moduleFor(studyID) }, data)
}

func (l *Ledger) writeModule(ctx context.Context, from *Account, pick func(*moduleSet) common.Address, data []byte) (*types.Receipt, error) {
	return l.writeModuleGas(ctx, from, pick, data, 0)
}

// writeModuleGas is writeModule with a gas limit (0: estimated; see
// Chain.transactGas).
func (l *Ledger) writeModuleGas(ctx context.Context, from *Account, pick func(*moduleSet) common.Address, data []byte, gas uint64) (*types.Receipt, error) {
	var r *types.Receipt
	err := l.onModule(ctx, pick, func(a common.Address) error {
		var err error
		r, err = l.chain.transactGas(ctx, from, &a, data, &l.abi, gas)
		return err
	})
	return r, err
}

func (l *Ledger) readModule(ctx context.Context, pick func(*moduleSet) common.Address, data []byte) ([]byte, error) {
	var out []byte
	err := l.onModule(ctx, pick, func(a common.Address) error {
		var err error
		out, err = l.chain.call(ctx, a, data, &l.abi)
		return err
	})
	return out, err
}

// eventIn returns the first log of the named event in a receipt, emitted by
// any contract, or nil. Only the ledger's modules emit its events' ids in
// the transactions it sends.
func (l *Ledger) eventIn(r *types.Receipt, name string) *types.Log {
	id := l.abi.Events[name].ID
	for _, lg := range r.Logs {
		if len(lg.Topics) > 0 && lg.Topics[0] == id {
			return lg
		}
	}
	return nil
}

// ProposeModule proposes that the consortium switch its module of kind to
// the one at module, deployed for it (DeployStudiesModule,
// DeployConsentModule); the proposer's vote counts at once. When the vote
// carries, the old module is retired: a retired Studies module takes no new
// study but runs the ones it holds to their end and stays readable, and the
// new one continues the study ids; a retired ConsentRegistry refuses
// relays, and the new one reads it for every scope it has not recorded.
// A consent registry must name the current one as its predecessor, when
// proposed and when the vote carries (ErrConsentPredecessor); a module of
// another kind than kind is refused (ErrModuleKind), and so is a Studies
// module voted in before (ErrModuleMismatch).
func (l *Ledger) ProposeModule(ctx context.Context, from *Account, kind ModuleKind, module common.Address) (uint64, Receipt, error) {
	id, r, err := l.propose(ctx, from, fmt.Sprintf("proposing %s as the %s module", module, kind), l.consortium.PackProposeModule(uint8(kind), module))
	if err == nil {
		l.mu.Lock()
		l.modules = nil // the vote may have carried at once
		l.mu.Unlock()
	}
	return id, r, err
}
