# The README's two commands: `make demo` and `make test`.
# Needs only Python >= 3.11, make and git: uv is bootstrapped into .tools/, the project into .venv/.

PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9
VENV := .venv
UV := .tools/bin/uv
INSTALLED := $(VENV)/.installed
MANAGE := $(VENV)/bin/python manage.py
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test install lint

## Install, load the demo municipalities and start the platform at http://127.0.0.1:$(PORT)
demo: $(INSTALLED)
	KOKYBE_DEMO_RELAX_MFA=1 $(MANAGE) migrate --noinput
	KOKYBE_DEMO_RELAX_MFA=1 $(MANAGE) demo
	@echo "Kokybė runs at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	KOKYBE_DEMO_RELAX_MFA=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

## Run the whole test suite (browser tests too, where Debian's Chromium is installed), one worker per core
# --dist loadfile: each test file runs in one worker, so a module-scoped fixture (the loaded demo) is set up once.
test: $(INSTALLED)
	$(VENV)/bin/pytest -n auto --dist loadfile

install: $(INSTALLED)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# uv into .tools/: through a virtual environment, or where Debian's Python lacks the venv
# module, with pip --target. uv then builds .venv itself.
$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Kokybė needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	@if $(PYTHON) -m venv .tools >/dev/null 2>&1; then \
		.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); \
	else \
		rm -rf .tools && $(PYTHON) -m pip install --quiet --disable-pip-version-check --target .tools/lib uv==$(UV_VERSION) && \
		mkdir -p .tools/bin && ln -sf ../lib/bin/uv .tools/bin/uv; \
	fi

$(INSTALLED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@
