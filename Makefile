# The README's two commands: `make run` and `make test`. Both build .venv from
# scratch on a fresh machine; CI (.ci/run) calls `make test` only.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# pip on these machines lists unreachable local indexes on every run; keep the log readable.
QUIET_PIP := sed -u "/^WARNING: Location .* is ignored/d"
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The declared minimum Python (pyproject: requires-python >= 3.12) is the one the
# suite runs on, so the claim is tested: prefer 3.12, then newer ones. Under
# pyenv, .python-version makes python3.12 (and python3) resolve to 3.12 inside
# the checkout; the version folders are searched too. PySide6 6.12 crashes
# Python 3.11 (PERF_NOTES).
PYTHON ?= $(shell for p in python3.12 $$(ls -d $$HOME/.pyenv/versions/3.12*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 2>/dev/null) \
	python3.13 $$(ls -d $$HOME/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.13*/bin/python3 2>/dev/null) python3; do \
	if $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then echo $$p; break; fi; done)

# Debian packages the GUI and its tests need: a virtual screen for screenshots,
# a Korean font, the X/EGL libraries Qt loads even when offscreen, and
# LibreOffice (headless: Calc and Writer) to prove the exported workbooks and
# Word reports open in an office suite,
# poppler's pdftotext as an independent reference for PDF text, and Tesseract
# with Korean for OCR of scanned pages; desktop-file-validate checks the
# packaged app's .desktop file.
SYSTEM_PACKAGES := xvfb xauth fonts-nanum libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
	libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
	libreoffice-calc-nogui libreoffice-writer-nogui fonts-crosextra-carlito poppler-utils \
	tesseract-ocr tesseract-ocr-kor desktop-file-utils


.PHONY: run test venv sysdeps lint bench package clean peers test-peers

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Workbench needs Python 3.12 or newer; none was found (python3.12, pyenv)." >&2; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip install --quiet -e '.[test]' 2>&1 | $(QUIET_PIP)
	@touch $(STAMP)

venv: $(STAMP)

sysdeps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing system packages: $$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "Note: missing system packages ($$missing); not root, skipping. GUI tests may be skipped."; \
	fi

run: sysdeps $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; then \
		$(BIN)/workbench gui; \
	elif command -v xvfb-run >/dev/null; then \
		echo "No display found: running the app on a virtual screen (xvfb-run)."; \
		xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/workbench gui; \
	else \
		echo "No display found and no xvfb-run: cannot open a window."; exit 1; \
	fi

lint: $(STAMP)
	$(BIN)/lint-imports

# One worker per core, at most four (each holds Kiwi and a Qt application, ~1 GB);
# a module's tests stay on one worker, so module fixtures are built once.
# `make test PYTEST_WORKERS=` runs the suite in one process.
PYTEST_WORKERS ?= -n auto --maxprocesses 4 --dist loadfile

test: sysdeps $(STAMP) lint $(if $(WORKBENCH_QUALCODER),peers)
	QT_QPA_PLATFORM=offscreen WORKBENCH_TEST_PYTHON_IS_MINIMUM=1 $(BIN)/python -m pytest -q $(PYTEST_WORKERS)

# QualCoder's own importer reads our exports (tests/peers/test_qualcoder.py). QualCoder
# is a PyQt6 program and is not on PyPI: a checkout of it is named by WORKBENCH_QUALCODER,
# and PyQt6 gets a venv of its own (PySide6 and PyQt6 never share a process, and pyqtgraph
# in .venv would pick PyQt6 if it were there). `make test` builds it when a checkout is
# named; without one those tests are skipped and say why.
PEERS := .venv-peers
$(PEERS)/.installed: tests/peers/requirements.txt
	@test -x $(PEERS)/bin/python || $(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/python -m pip install --quiet -r tests/peers/requirements.txt 2>&1 | $(QUIET_PIP)
	@touch $@

peers: $(PEERS)/.installed

test-peers: sysdeps $(STAMP) peers
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -rs tests/peers

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/relevance.py
	$(BIN)/python benchmarks/entities.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/viewer.py
	$(BIN)/python benchmarks/annotations.py
	$(BIN)/python benchmarks/export.py
	$(BIN)/python benchmarks/hostile.py
	$(BIN)/python benchmarks/kwic.py
	$(BIN)/python benchmarks/agreement.py
	$(BIN)/python benchmarks/compare.py
	@missing=$$(for p in recollcmd python3-recoll; do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Recoll for the comparison: $$missing"; \
		{ DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } || \
		echo "Note: could not install $$missing; benchmarks/recoll.py will say what it skips."; \
	else \
		echo "Note: missing packages ($$missing); not root, skipping. benchmarks/recoll.py will say what it skips."; \
	fi
	$(BIN)/python benchmarks/recoll.py

# The double-clickable app (packaging/README.md): dist/workbench/ and
# dist/workbench-<version>-linux-<machine>.tar.gz, then checked as a laptop
# without Python would run it (CLI, GUI, start-up time).
package: sysdeps $(STAMP)
	$(BIN)/python packaging/build.py
	$(BIN)/python packaging/check_frozen.py

clean:
	rm -rf $(VENV) $(PEERS) .pytest_cache .import_linter_cache build dist
