# Task runner. `make serve` builds and serves the site; `make test` runs every test. Both set up
# everything they need (virtualenv from requirements.lock, npm packages from package-lock.json).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
export NO_MKDOCS_2_WARNING := 1
# jieba caches its dictionary in TMPDIR; keep it inside the build.
export TMPDIR := $(CURDIR)/.cache/tmp

.PHONY: help setup build serve dist test lint bench clean system-deps

help:
	@echo "make serve   构建并在 http://$(HOST):$(PORT)/ 提供网站 / build and serve the site"
	@echo "make test    安装依赖并运行全部测试 / install what is needed and run every test"
	@echo "make build   仅构建到 site/ / build into site/"
	@echo "make dist    发布包：dist/ 中的 zip、sha256 和服务器配置 / the release package (docs/publishing.md)"
	@echo "make bench   性能基准，写入 bench/report.md / benchmark report"
	@echo "make lint    ruff 与 ESLint / ruff and ESLint"

$(VENV)/.stamp: requirements.lock .ci/build-tools.lock pyproject.toml
	@mkdir -p $(TMPDIR)
	@bash .ci/refuse-symlink $(VENV)
	@py=$$(bash .ci/find-python) && echo "使用 / using $$py" && "$$py" -m venv --clear $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r .ci/build-tools.lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes --no-build-isolation -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.stamp: package-lock.json package.json
	@bash .ci/refuse-symlink node_modules
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.stamp node_modules/.stamp
	@mkdir -p $(TMPDIR)
	$(PY) -m generator export-json calculator/catalog.json

build: setup
	$(PY) -m mkdocs build --strict --quiet

dist: build
	rm -rf dist
	$(PY) -m generator dist site dist

serve: build
	$(PY) -m generator serve site --host $(HOST) --port $(PORT)

system-deps: $(VENV)/.stamp
	bash .ci/system-deps $(PY)

test: system-deps setup
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

lint: setup
	$(PY) -m ruff check .
	npm exec --no -- eslint .

bench: build
	$(PY) -m bench

clean:
	rm -rf site dist .cache calculator/catalog.json
