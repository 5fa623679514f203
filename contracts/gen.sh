#!/usr/bin/env bash
# gen.sh regenerates the Cohort ledger's contract artefacts: it compiles the
# modules in cohortsol/ with the pinned solc (compile.js, standard JSON) into
# cohortsol/X.abi and cohortsol/X.bin for each deployable contract X, then
# generates each Go binding cohortsol/x.go with go-ethereum's abigen --v2 (a
# go.mod tool).
# Running it twice gives byte-identical files.
#
# solc (npm, pinned in package.json and package-lock.json) is installed
# outside the sources, into $COHORT_SOLC_DIR (default .tools/solc, beside
# the other tools), once: again only when package-lock.json changes. The
# sources stay as a clone has them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

solc_dir="${COHORT_SOLC_DIR:-$here/../.tools/solc}"
installed="$solc_dir/installed-package-lock.json" # written once an install succeeded
if ! cmp -s package-lock.json "$installed"; then
  echo "installing solc (npm, pinned in contracts/package-lock.json) into $solc_dir"
  mkdir -p "$solc_dir"
  cp package.json package-lock.json "$solc_dir/"
  (cd "$solc_dir" && npm ci --no-audit --no-fund)
  cp package-lock.json "$installed"
fi

node compile.js "$solc_dir/node_modules/solc"
for c in Consortium Studies Committees ConsentRegistry; do
  out="cohortsol/$(echo "$c" | tr '[:upper:]' '[:lower:]').go"
  go tool abigen --v2 --pkg cohortsol --type "$c" \
    --abi "cohortsol/$c.abi" --bin "cohortsol/$c.bin" --out "$out"
  chmod 0644 "$out"
done
