# Two commands do all set-up on a fresh machine (see README.md):
#   make run   — install into .venv and start the app
#   make test  — install into .venv (and Debian's chromium for browser tests, fonts-noto-cjk for the
#                Chinese cards) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-validation bench-ecologits bench-load bench-exports cli-demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# Chinese share cards need Noto Sans CJK: as root, `bash .ci/install-fonts.sh` (apt-get fonts-noto-cjk) once;
# without it the Chinese PNG cards are drawn in English (logged), everything else works.
run: $(STAMP)
	$(BIN)/streamlit run app.py

cli-demo: $(STAMP)
	$(BIN)/python -m estimator label --task image --model sdxl --count 10 --region FR

test: $(STAMP)
	bash .ci/install-chromium.sh
	bash .ci/install-fonts.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The validation table alone (also part of `make bench`): every row of data/validation.csv and the summary.
bench-validation: $(STAMP)
	$(BIN)/python bench/run.py --only validation

# The field's reference library (optional extra `bench`, installed into .venv here only) beside ours on the LLM rows.
bench-ecologits: $(STAMP)
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python bench/ecologits_compare.py

# Concurrent browser sessions against one server on 127.0.0.1 (a few minutes; not part of the tests or CI).
bench-load: $(STAMP)
	$(BIN)/python bench/load.py

# Chatbot-export reader: seconds and peak RSS for synthetic 5, 50 and 200 MB ChatGPT exports (temp files, deleted).
bench-exports: $(STAMP)
	$(BIN)/python bench/exports.py

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
