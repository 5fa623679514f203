// compile.js compiles cohortsol/Cohort.sol with the solc pinned in package.json,
// through solc's standard JSON interface so that the EVM version and optimizer
// settings are fixed here rather than left to compiler defaults. It writes
// cohortsol/Cohort.abi (indented JSON) and cohortsol/Cohort.bin (hex). The output
// is deterministic: compiling the same source twice gives identical bytes.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const PINNED_VERSION = '0.8.28';
const EVM_VERSION = 'cancun';
const OPTIMIZER_RUNS = 500;

function main() {
  const version = solc.version();
  if (!version.startsWith(PINNED_VERSION + '+')) {
    throw new Error(`solc ${version} found, ${PINNED_VERSION} expected: run "npm ci" in contracts/`);
  }
  const dir = path.join(__dirname, 'cohortsol');
  const sourceName = 'Cohort.sol';
  const input = {
    language: 'Solidity',
    sources: { [sourceName]: { content: fs.readFileSync(path.join(dir, sourceName), 'utf8') } },
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
      metadata: { bytecodeHash: 'ipfs' },
      outputSelection: { [sourceName]: { Cohort: ['abi', 'evm.bytecode.object'] } },
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
  const contract = output.contracts[sourceName].Cohort;
  fs.writeFileSync(path.join(dir, 'Cohort.abi'), JSON.stringify(contract.abi, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'Cohort.bin'), contract.evm.bytecode.object + '\n');
}

try {
  main();
} catch (err) {
  process.stderr.write(`compile.js: ${err.message}\n`);
  process.exit(1);
}
