#!/usr/bin/env bash
# Quick start, command 2: install everything (including Debian's chromium for the browser
# tests) and run the whole test suite against a real Neo4j that the tests start themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
JIGSAW_WITH_BROWSER=1 bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
