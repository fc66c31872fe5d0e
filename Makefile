# make demo: set up .venv, write the demo data, run the demo study (prints the path of index.html)
# make test: set up .venv, write the demo data, run the whole test suite (tests, doctests, notebooks)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTEST_WORKERS ?= 2

.PHONY: demo test install demo-data lint bench clean lab

$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip "setuptools>=77" wheel
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (nps_research)" >/dev/null
	@touch $(STAMP)

install: $(STAMP)

demo-data: $(STAMP)
	$(BIN)/nps-research demo-data data/demo

demo: demo-data
	$(BIN)/nps-research run studies/demo.yml

test: demo-data
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile tests nps_research notebooks --nbval-lax

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) reports .pytest_cache

# make lab: JupyterLab on the notebooks with the project's kernel ("Python 3 (nps_research)")
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)
