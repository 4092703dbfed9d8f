#!/usr/bin/env bash
# The linter and the formatter, as CI runs them before the tests (settings: [tool.ruff] in pyproject.toml).
# Both only check; to fix: .venv/bin/ruff check --fix . && .venv/bin/ruff format .
set -euo pipefail
cd "$(dirname "$0")/.."
RUFF=.venv/bin/ruff
[ -x "$RUFF" ] || RUFF=ruff
"$RUFF" check .
"$RUFF" format --check .
