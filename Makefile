# Cohort: `make demo` runs a whole encrypted federated study, `make test` runs
# the tests. Both need only Go; everything else installs itself on demand.
SHELL := /bin/bash
GO    ?= go
BIN   := bin
PKGS  := ./...

.PHONY: all build demo test e2e fuzz check bench gen gen-check tools-gen fmt-check vet staticcheck tidy-check race clean

all: build

build:
	$(GO) build -o $(BIN)/cohort ./cmd/cohort

## demo: a whole federated study (3 hospitals x 5 rounds) on the embedded chain;
## its report in bin/demo-report.json, its history drawn in bin/demo-report.svg;
## then the web dashboard on $(DASHBOARD) until Ctrl-C (with CI set in the
## environment it checks the dashboard answers and exits at once).
DASHBOARD ?= 127.0.0.1:8080
demo: build
	$(BIN)/cohort demo --hospitals 3 --rounds 5 --report $(BIN)/demo-report.json --plot $(BIN)/demo-report.svg \
		--dashboard $(DASHBOARD) $(if $(CI),--dashboard-exit)

## test: every unit, integration and end-to-end test (the geth integration
## tests and the dashboard's headless-Chromium test included).
test: geth chromium onnxruntime
	$(GO) test -count=1 -timeout 20m $(PKGS)

## e2e: geth, a coordinator and hospital processes on 127.0.0.1, 3 rounds each:
## a hospital killed in round 2 and the coordinator in round 3; then a fifth
## hospital admitted and joining after round 1, another leaving after round 2
## (also in `test`); and both daemons' /metrics and /healthz scraped during a study.
e2e: geth
	$(GO) test -count=1 -timeout 10m -run '^TestE2E' -v ./cmd/cohort

## bench: benchmarks that print figures (slow scale runs live here, not in test):
## the 30-hospital studies (dropouts, restarts, membership changes, robust rounds) and bench round at 10, 30 and 100 hospitals.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x -timeout 60m $(PKGS)
	COHORT_SCALE_TESTS=1 $(GO) test -count=1 -timeout 60m -run '^TestThirtyHospitals' -v ./coordinator/simulation
	$(GO) run ./cmd/cohort bench round --participants 10,30,100 --params 100000 --rounds 2 --reps 3 --plot examples/figures/bench-round.svg
	$(GO) run ./cmd/cohort bench round --participants 10,30,100 --params 100000 --rounds 2 --reps 3 --robust --malicious 1 --attack scaling --plot examples/figures/bench-round-robust.svg

## fuzz: every fuzz target of a network decoder for $(FUZZTIME) each.
FUZZ_PKGS := ./aggregation ./models ./records ./api/auth ./api/cohortv1
FUZZTIME ?= 20s
fuzz:
	@set -e; for p in $(FUZZ_PKGS); do for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
	  echo "fuzz $$p $$t"; $(GO) test $$p -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0; done; done

## check: formatting, vet, staticcheck, generated-code drift, tidy modules, race tests.
check: fmt-check vet staticcheck gen-check tidy-check race

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

staticcheck:
	$(GO) tool staticcheck $(PKGS)

# The race detector slows coordinator/simulation to 20 minutes on a loaded
# 2-core machine (1189 s at load 10, 2026-12-07): the timeout is a hang guard.
race:
	$(GO) test -race -count=1 -timeout 60m $(PKGS)

tidy-check:
	@cp go.mod /tmp/cohort-go.mod.bak; cp go.sum /tmp/cohort-go.sum.bak
	@$(GO) mod tidy
	@if ! git diff --quiet -- go.mod go.sum; then echo "go.mod/go.sum are not tidy: run 'go mod tidy' and commit"; git diff --stat -- go.mod go.sum; cp /tmp/cohort-go.mod.bak go.mod; cp /tmp/cohort-go.sum.bak go.sum; exit 1; fi

## gen: regenerate gRPC code and contract bindings.
gen: tools-gen
	./api/gen.sh
	./contracts/gen.sh

## gen-check: regenerating must change nothing.
gen-check: gen
	@if [ -n "$$(git status --porcelain -- api contracts)" ]; then echo "generated code is stale: run 'make gen' and commit"; git status --short -- api contracts; exit 1; fi

## tools-gen: protoc from Debian. solc (npm, pinned in contracts/package-lock.json)
## contracts/gen.sh installs itself into .tools/solc, once, outside the sources.
tools-gen:
	@command -v protoc >/dev/null || { echo "installing protoc (Debian protobuf-compiler)"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq protobuf-compiler; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq protobuf-compiler; fi; }

clean:
	rm -rf $(BIN)

## onnxruntime: onnxruntime-web (pinned, from npm, into .tools/onnx) to check
## `cohort model export --onnx` by scoring its graph under node; if it cannot
## be installed the test says so and skips.
ONNXRUNTIME_WEB := 1.20.1
.PHONY: onnxruntime
onnxruntime:
	@test -f .tools/onnx/node_modules/onnxruntime-web/package.json || { echo "installing onnxruntime-web $(ONNXRUNTIME_WEB) (npm) for the ONNX export's test"; \
		npm install --no-audit --no-fund --ignore-scripts --prefix .tools/onnx onnxruntime-web@$(ONNXRUNTIME_WEB) >/dev/null \
		|| echo "could not install onnxruntime-web: TestONNXScoresAsTheModel will skip"; }

## chromium: Debian's headless browser for the dashboard's browser test, installed
## when missing like protoc; if it cannot be installed the test says so and skips.
.PHONY: chromium
chromium:
	@command -v chromium >/dev/null || { echo "installing chromium (Debian package) for the dashboard's browser test"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi \
		|| echo "could not install chromium: TestDashboardInChromium will skip"; }

## geth: the go-ethereum node at the version pinned in go.mod, built into
## .tools/bin/geth for the integration tests and `make devnet` (about 90 s the
## first time; rebuilt only when go.mod pins another version, recorded in
## .tools/bin/geth.version).
.PHONY: geth devnet
TOOLS_BIN     := $(abspath .tools/bin)
GETH          := $(TOOLS_BIN)/geth
DEVNET_DIR    ?= out/devnet
DEVNET_PORT   ?= 8545
DEVNET_FLAGS  ?= --accounts 4

geth:
	@v=$$($(GO) list -m -f '{{.Version}}' github.com/ethereum/go-ethereum) || exit 1; \
	if [ -x "$(GETH)" ] && [ "$$(cat "$(GETH).version" 2>/dev/null)" = "$$v" ]; then \
		echo "geth $$v is built: $(GETH)"; exit 0; fi; \
	echo "building geth $$v into $(GETH) (about 90 s)"; \
	rm -f "$(GETH).version"; \
	GOBIN="$(TOOLS_BIN)" $(GO) install github.com/ethereum/go-ethereum/cmd/geth@$$v && \
	echo "$$v" > "$(GETH).version"

# The race tests include the geth integration tests too.
race: geth

## devnet: a local geth --dev chain on 127.0.0.1:$(DEVNET_PORT) with the Cohort
## contract deployed and funded accounts; details in $(DEVNET_DIR)/devnet.json.
## Ctrl-C stops it; `make devnet` again resumes the same chain (remove
## $(DEVNET_DIR) to start afresh). Account keys: $(DEVNET_DIR)/keys, hex, 0600.
devnet: geth build
	COHORT_GETH="$(GETH)" $(BIN)/cohort devnet --datadir $(DEVNET_DIR) --http-port $(DEVNET_PORT) $(DEVNET_FLAGS)
