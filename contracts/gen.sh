#!/usr/bin/env bash
# gen.sh regenerates the Cohort ledger's contract artefacts: it compiles the
# modules in cohortsol/ with the pinned solc (compile.js, standard JSON) into
# cohortsol/X.abi and cohortsol/X.bin for each deployable contract X, then
# generates each Go binding cohortsol/x.go with go-ethereum's abigen --v2 (a
# go.mod tool).
# Running it twice gives byte-identical files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if [[ ! -d node_modules/solc ]]; then
  npm ci --no-audit --no-fund
fi

node compile.js
for c in Consortium Studies Committees ConsentRegistry; do
  out="cohortsol/$(echo "$c" | tr '[:upper:]' '[:lower:]').go"
  go tool abigen --v2 --pkg cohortsol --type "$c" \
    --abi "cohortsol/$c.abi" --bin "cohortsol/$c.bin" --out "$out"
  chmod 0644 "$out"
done
