#!/usr/bin/env bash
# gen.sh regenerates the Cohort contract artefacts: it compiles
# cohortsol/Cohort.sol with the pinned solc (compile.js, standard JSON) into
# cohortsol/Cohort.abi and cohortsol/Cohort.bin, then generates the Go binding
# cohortsol/cohort.go with go-ethereum's abigen --v2 (a go.mod tool).
# Running it twice gives byte-identical files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if [[ ! -d node_modules/solc ]]; then
  npm ci --no-audit --no-fund
fi

node compile.js
go tool abigen --v2 --pkg cohortsol --type Cohort \
  --abi cohortsol/Cohort.abi --bin cohortsol/Cohort.bin \
  --out cohortsol/cohort.go
chmod 0644 cohortsol/cohort.go
