# MedChain: build, test and run. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

DOTNET ?= dotnet
CONFIG ?= Release
RUN_DIR := .run

.PHONY: help setup build test format bench bench-server run clean

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
	$(MAKE) --no-print-directory bench-server

# OLD_KV=path/to/MedChain.Samples.KeyValue.dll adds an older build to the comparison (bench/README.md).
# Each sample runs twice: as the JIT assembly `dotnet build` makes and as its Native AOT publish (the lean form).
SERVER_BENCH_ARGS ?= --count 20000 --concurrency 16 --warmup 2000
RID ?= linux-x64
AOT_KV := $(RUN_DIR)/bench/kv-aot
AOT_KV_CONTRACT := $(RUN_DIR)/bench/kv-contract-aot
bench-server: setup ## Chaincode servers as processes under peer-driver load: tx/s, server CPU/tx, peak RSS (JSON lines)
	$(DOTNET) build -c Release -v q --nologo bench/MedChain.ChaincodeServerBench
	$(DOTNET) build -c Release -v q --nologo chaincode/samples/KeyValue
	$(DOTNET) build -c Release -v q --nologo chaincode/samples/KeyValueContract
	$(DOTNET) publish -c Release -r $(RID) -v q --nologo chaincode/samples/KeyValue -o $(AOT_KV)
	$(DOTNET) publish -c Release -r $(RID) -v q --nologo chaincode/samples/KeyValueContract -o $(AOT_KV_CONTRACT)
	timeout 600 $(DOTNET) bench/MedChain.ChaincodeServerBench/bin/Release/net10.0/MedChain.ChaincodeServerBench.dll $(SERVER_BENCH_ARGS) \
	  $(if $(OLD_KV),old-transport=$(OLD_KV)) \
	  plain=chaincode/samples/KeyValue/bin/Release/net10.0/MedChain.Samples.KeyValue.dll \
	  plain-aot=$(AOT_KV)/MedChain.Samples.KeyValue \
	  contract=chaincode/samples/KeyValueContract/bin/Release/net10.0/MedChain.Samples.KeyValueContract.dll \
	  contract-aot=$(AOT_KV_CONTRACT)/MedChain.Samples.KeyValueContract

clean: ## Remove build outputs and local run state
	$(DOTNET) clean MedChain.sln -v q
	rm -rf $(RUN_DIR)

# --- Fabric network and local services (network/; see network/README.md) ---
.PHONY: stop demo token network-up network-down deploy-cc azurite acceptance
# CC is make's C compiler by default; here it names the chaincode to deploy.
ifeq ($(origin CC),default)
CC := medchain
endif

run: build ## Main job: all of MedChain (Fabric network if FABRIC_HOME is set, else the embedded ledger), Azurite, one HTTP service per organization
	CONFIG=$(CONFIG) network/run.sh

stop: ## Stop everything `make run` started (state is kept: ledgers, blobs, keys)
	network/services.sh stop
	network/chaincode-server.sh stop --name medchain
	network/azurite.sh stop
	network/down.sh --keep

DEMO_DLL := src/Demo/bin/$(CONFIG)/net10.0/MedChain.Demo.dll

demo: ## The story against what `make run` started, through the HTTP API only, as a readable transcript
	@[ -f $(RUN_DIR)/run.json ] || { echo "nothing is running: make run first" >&2; exit 1; }
	@[ -f $(DEMO_DLL) ] || $(DOTNET) build src/Demo -c $(CONFIG) -v q --nologo
	$(DOTNET) $(DEMO_DLL) story --run-file $(RUN_DIR)/run.json

token: ## A bearer token (1 hour) for a demo user of `make run`: make token USER=dr-house (make run lists the users)
	@[ -f $(RUN_DIR)/run.json ] || { echo "nothing is running: make run first" >&2; exit 1; }
	@[ "$(origin USER)" = "command line" ] || { echo "name the user: make token USER=dr-house (make run lists them)" >&2; exit 2; }
	@$(DOTNET) $(DEMO_DLL) token "$(USER)" --run-file $(RUN_DIR)/run.json

network-up: ## Start the local Fabric network (needs FABRIC_HOME; NETWORK_TLS=true|false)
	network/up.sh

network-down: ## Stop the local Fabric network and remove its state
	network/down.sh

deploy-cc: ## Deploy a chaincode as a service: CC=medchain|kv
	CONFIG=$(CONFIG) network/deploy-ccaas.sh --name $(CC)

azurite: ## Start Azurite (blob) on 127.0.0.1:10000 in the background
	network/azurite.sh start

acceptance: node_modules/.package-lock.json ## Acceptance tests against real Fabric (FABRIC_HOME) and a real fabric-ca-server (FABRIC_CA_HOME); skipped without them
	@[ -n "$$FABRIC_HOME" ] || echo "FABRIC_HOME is not set: the Fabric tests will report themselves skipped" >&2
	@[ -n "$$FABRIC_CA_HOME" ] || echo "FABRIC_CA_HOME is not set: the Fabric CA tests will report themselves skipped" >&2
	FABRIC_CA_HOME="$$FABRIC_CA_HOME" $(DOTNET) test tests/FabricCa.Tests -c $(CONFIG)
	FABRIC_CA_HOME="$$FABRIC_CA_HOME" $(DOTNET) test tests/FabricGateway.Tests -c $(CONFIG) --filter "FullyQualifiedName~FabricCaEnrollmentTests"
	$(DOTNET) test tests/Fabric.Acceptance.Tests -c $(CONFIG)
	@if [ -n "$$FABRIC_HOME" ]; then CONFIG=$(CONFIG) network/run-check.sh; else echo "FABRIC_HOME is not set: the make run / make demo / make stop check is skipped" >&2; fi
