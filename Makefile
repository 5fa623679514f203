# Cohort: `make demo` runs a whole encrypted federated study, `make test` runs
# the tests. Both need only Go; everything else installs itself on demand.
SHELL := /bin/bash
GO    ?= go
BIN   := bin
PKGS  := ./...

.PHONY: all build demo test check bench gen gen-check tools-gen fmt-check vet staticcheck tidy-check race clean

all: build

build:
	$(GO) build -o $(BIN)/cohort ./cmd/cohort

## demo: a whole federated study (3 hospitals x 5 rounds) on the embedded chain.
demo: build
	$(BIN)/cohort demo --hospitals 3 --rounds 5 --report $(BIN)/demo-report.json

## test: every unit, integration and end-to-end test.
test:
	$(GO) test -count=1 -timeout 20m $(PKGS)

## bench: benchmarks that print figures (slow scale runs live here, not in test).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x -timeout 60m $(PKGS)

## check: formatting, vet, staticcheck, generated-code drift, tidy modules, race tests.
check: fmt-check vet staticcheck gen-check tidy-check race

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

staticcheck:
	$(GO) tool staticcheck $(PKGS)

race:
	$(GO) test -race -count=1 -timeout 30m $(PKGS)

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

## tools-gen: protoc from Debian, solc from npm (pinned in contracts/package.json).
tools-gen:
	@command -v protoc >/dev/null || { echo "installing protoc (Debian protobuf-compiler)"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq protobuf-compiler; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq protobuf-compiler; fi; }
	@[ -d contracts/node_modules/solc ] || (cd contracts && npm ci --no-audit --no-fund)

clean:
	rm -rf $(BIN)
