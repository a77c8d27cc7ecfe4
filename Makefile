# Emploi Local — every entry point. Without DATABASE_URL, an embedded PostgreSQL
# starts in .data/postgres; without REDIS_URL, Celery uses a file-system broker.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run install migrate seed test lint format bench bench-quick stop-db lock messages clean

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate_schemas --executor=multiprocessing --verbosity=0
	$(MANAGE) init_platform

seed: migrate
	$(MANAGE) load_referentials
	$(MANAGE) seed_demo

run: seed
	@echo ""
	@echo "  Site du fournisseur : http://localhost:8000/  (admin : http://localhost:8000/admin/)"
	@echo "  Portails de démonstration :"
	@echo "    http://hauts-de-flandre.localhost:8000/"
	@echo "    http://coeur-de-flandre.localhost:8000/"
	@echo ""
	DJANGO_DEBUG=1 $(VENV)/bin/honcho start

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m tests.bench

bench-quick: install
	BENCH_QUICK=1 $(PY) -m tests.bench

stop-db: install
	$(PY) -c "from platform.embedded_db import stop; stop()"

# Needs GNU gettext (apt-get install gettext); the compiled .mo files are committed,
# so running and testing do not.
messages: install
	$(MANAGE) makemessages -l en --no-obsolete --ignore=.venv --ignore=.data --ignore=tests --ignore=staticfiles
	$(MANAGE) compilemessages -l en --ignore=.venv

lock: install
	(echo "# Transitive pins, regenerate with: make lock"; $(PY) -m pip freeze --exclude-editable) > constraints.txt

clean:
	rm -rf $(VENV) .data bench-results.json
