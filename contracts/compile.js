// compile.js compiles the Cohort ledger's modules (cohortsol/*.sol) with the
// solc pinned in package.json, through solc's standard JSON interface so that
// the EVM version, optimizer and pipeline settings are fixed here rather than
// left to compiler defaults. For each deployable contract X it writes
// cohortsol/X.abi (indented JSON) and cohortsol/X.bin (hex), and fails if X's
// runtime code leaves less than MIN_HEADROOM bytes under the EIP-170 limit. The output is
// deterministic: compiling the same sources twice gives identical bytes.
'use strict';

const fs = require('fs');
const path = require('path');
// The solc module: the directory gen.sh installed it in (outside the
// sources), else whatever require finds.
const solc = require(process.argv[2] ? path.resolve(process.argv[2]) : 'solc');

const PINNED_VERSION = '0.8.28';
const EVM_VERSION = 'cancun';
const OPTIMIZER_RUNS = 500;
// The modules a ledger deploys, each from its own source file.
const CONTRACTS = ['Consortium', 'Studies', 'Committees', 'ConsentRegistry'];
// The modules compiled through the IR pipeline (viaIR), in a pass of their
// own: Studies, for code room (1,610 bytes less than the legacy pipeline at
// the same runs, 2026-12-07; README, "The ledger"), and Committees, which
// Studies creates and so embeds as that pass compiles it. The IR pipeline
// dispatches by testing selectors in turn (up to about 600 gas more to reach
// a late function); the Consortium and ConsentRegistry stay legacy, where it
// put a consent grant relayed alone over its 80,000-gas target.
const VIA_IR = ['Studies', 'Committees'];
const SOURCES = ['Modules.sol', ...CONTRACTS.map((c) => c + '.sol')];
// EIP-170 caps deployed code at 24,576 bytes; each module keeps room to grow
// (3.5 KiB since Studies gained the endorsed strikes; a module that needs
// more is split, as Committees was).
const CODE_LIMIT = 24576;
const MIN_HEADROOM = 3584;

function main() {
  const version = solc.version();
  if (!version.startsWith(PINNED_VERSION + '+')) {
    throw new Error(`solc ${version} found, ${PINNED_VERSION} expected: run contracts/gen.sh, which installs the pinned one`);
  }
  const dir = path.join(__dirname, 'cohortsol');
  const sources = {};
  for (const name of SOURCES) {
    sources[name] = { content: fs.readFileSync(path.join(dir, name), 'utf8') };
  }
  const compiled = {
    ...compile(sources, CONTRACTS.filter((c) => !VIA_IR.includes(c)), false),
    ...compile(sources, VIA_IR, true),
  };
  for (const c of CONTRACTS) {
    const contract = compiled[c];
    const size = contract.evm.deployedBytecode.object.length / 2;
    if (size > CODE_LIMIT - MIN_HEADROOM) {
      throw new Error(`${c} is ${size} bytes of code, over ${CODE_LIMIT - MIN_HEADROOM} (EIP-170 limit ${CODE_LIMIT} less ${MIN_HEADROOM} of headroom): split it`);
    }
    process.stdout.write(`${c}: ${size} bytes of code (limit ${CODE_LIMIT})\n`);
    fs.writeFileSync(path.join(dir, c + '.abi'), JSON.stringify(contract.abi, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, c + '.bin'), contract.evm.bytecode.object + '\n');
  }
}

// compile compiles the sources for the named contracts in one pass, through
// the IR pipeline if viaIR, and returns each contract's output by name.
function compile(sources, contracts, viaIR) {
  const outputSelection = {};
  for (const c of contracts) {
    outputSelection[c + '.sol'] = { [c]: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion: EVM_VERSION,
      ...(viaIR ? { viaIR } : {}), // legacy modules keep their metadata, and so their bytes
      optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
      metadata: { bytecodeHash: 'ipfs' },
      outputSelection,
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const diagnostics = output.errors || [];
  for (const d of diagnostics) {
    process.stderr.write(d.formattedMessage || d.message);
  }
  if (diagnostics.some((d) => d.severity === 'error')) {
    throw new Error('compilation failed');
  }
  if (diagnostics.length > 0) {
    throw new Error('compilation produced warnings: fix them so that the build stays clean');
  }
  return Object.fromEntries(contracts.map((c) => [c, output.contracts[c + '.sol'][c]]));
}

try {
  main();
} catch (err) {
  process.stderr.write(`compile.js: ${err.message}\n`);
  process.exit(1);
}
