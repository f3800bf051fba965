#!/usr/bin/env bash
# The one test command (README, CI). Works on a fresh Debian 12 machine of this project's kind:
# installs the apt packages Qt and the PDF checks need, builds .venv from the pinned
# requirements, then runs lint, types, layer contracts, the scoring coverage gate and the
# whole pytest suite offscreen. Any failure (including "no tests collected") exits non-zero.
# Extra arguments go to the final pytest run, e.g. ./test.sh -k skp -x
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/setup-env.sh
. ./scripts/postgres.sh
setup_env dev
start_test_postgres

step() { printf '\n== %s\n' "$*"; }

step "translations (every message has an English text)"
python scripts/i18n.py check >/dev/null || { python scripts/i18n.py check | head -20; exit 1; }
step "ruff"
ruff check .
ruff format --check .
step "mypy (strict outside app.views)"
mypy app
step "import-linter (layer contracts)"
lint-imports
step "scoring: 100% line and branch coverage from tests/unit/scoring alone"
python -m pytest tests/unit/scoring -q --cov=app.scoring --cov-branch \
  --cov-report=term-missing:skip-covered --cov-fail-under=100 -p no:randomly
step "pytest (whole suite, offscreen)"
python -m pytest -q "$@"
