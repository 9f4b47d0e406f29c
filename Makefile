# The README's two commands: `make run` and `make test`.
# Each sets up .venv on first use (or when pyproject.toml is newer than it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bundle install-desktop translations screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Qt's X11 platform needs system libraries pip cannot install: name any that are missing.
run: $(STAMP)
	$(BIN)/python packaging/qt_libs.py
	$(BIN)/okrdesk

lint: $(STAMP)
	$(BIN)/ruff check okrdesk tests tools $(wildcard benchmarks)
	$(BIN)/ruff format --check okrdesk tests tools $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"

# A one-folder Linux bundle in dist/okrdesk/ (run dist/okrdesk/okrdesk), then its slow test.
bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/okrdesk.spec
	cp packaging/install-desktop.sh dist/okrdesk/
	rm -rf dist/okrdesk/resources && cp -R resources dist/okrdesk/resources
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow tests/packaging

# The launcher, AppStream metainfo, plan MIME type and icons for this user (~/.local/share),
# running this checkout's okrdesk.
install-desktop: $(STAMP)
	sh packaging/install-desktop.sh --exec "$(CURDIR)/$(BIN)/okrdesk"

# The translators' template: every tr()/QT_TR_NOOP() text of the GUI (see okrdesk/gui/core/i18n.py),
# and every message() sentence below it (tools/extract_messages.py collects them first).
# Translate a copy (okrdesk_de.ts) with pyside6-linguist, then pyside6-lrelease it to .qm.
translations: $(STAMP)
	$(BIN)/python tools/extract_messages.py
	$(BIN)/pyside6-lupdate -extensions py -locations relative -no-obsolete \
		okrdesk/gui -ts okrdesk/gui/translations/okrdesk.ts

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

# The README's pictures, from the demo plan in a temporary home: look at each before committing.
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
