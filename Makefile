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

clean: ## Remove build outputs and local run state
	$(DOTNET) clean MedChain.sln -v q
	rm -rf $(RUN_DIR)
