# MedChain: build, test and run. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

DOTNET ?= dotnet
CONFIG ?= Release
RUN_DIR := .run

.PHONY: help setup build test format bench run clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

setup: node_modules/.package-lock.json ## Install tools (npm ci) and restore NuGet packages
	$(DOTNET) restore MedChain.sln

build: setup ## Build the whole solution (warnings are errors)
	$(DOTNET) build MedChain.sln --no-restore -c $(CONFIG)

test: build ## Run every test suite; ends with "N passed, N failed, N skipped"
	scripts/test-summary.sh -c $(CONFIG) --no-build

format: setup ## Check formatting (dotnet format)
	$(DOTNET) format MedChain.sln --verify-no-changes --no-restore

bench: setup ## Benchmarks (BenchmarkDotNet, short job): encryption and upload MB/s next to raw AES-GCM, on a temporary Azurite
	@set -euo pipefail; \
	dir=$$(mktemp -d); \
	port=$$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"); \
	node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort $$port --location $$dir --skipApiVersionCheck --disableTelemetry --silent & \
	azurite=$$!; \
	trap 'kill $$azurite 2>/dev/null; wait $$azurite 2>/dev/null; rm -rf $$dir' EXIT; \
	for i in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$$port) 2>/dev/null && break; sleep 0.2; done; \
	MEDCHAIN_BENCH_BLOB_ENDPOINT=http://127.0.0.1:$$port/devstoreaccount1 \
	  $(DOTNET) run -c Release --project bench/MedChain.Benchmarks -- --filter '*' $(BENCH_ARGS)

clean: ## Remove build outputs and local run state
	$(DOTNET) clean MedChain.sln -v q
	rm -rf $(RUN_DIR)
