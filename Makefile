# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bundle bench bench-meeting bench-components clean package-check wheel-check bundle-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.app

run: $(VENV)/.app
	$(BIN)/macpt gui

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

$(VENV)/.build: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[build]'
	touch $@ $(VENV)/.app

bundle: $(VENV)/.build
	$(BIN)/pyinstaller --noconfirm build.spec
	dist/macpt/macpt --version
	du -sh dist/macpt

# Install as users do, and run the same commands from what was installed.
package-check: wheel-check bundle-check

# The sdist and wheel from `python -m build`, installed in a new, empty venv.
wheel-check: $(VENV)/.build
	rm -rf build/wheel build/wheel-venv
	$(BIN)/python -m build --outdir build/wheel .
	$(PYTHON) -m venv build/wheel-venv
	build/wheel-venv/bin/python -m pip install --quiet build/wheel/*.whl
	.ci/smoke build/wheel-venv/bin/macpt

bundle-check: bundle
	.ci/smoke dist/macpt/macpt

# The real app at 1,000 and 10,000 children: `make bench BENCH_ARGS=--large` adds 50,000.
bench: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_app.py $(BENCH_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_meeting.py $(BENCH_ARGS)

# Meeting mode, the minutes and the census alone, at the same sizes.
bench-meeting: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_meeting.py $(BENCH_ARGS)

# The component benchmarks (storage, minutes, the register widget alone, start-up).
bench-components: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
