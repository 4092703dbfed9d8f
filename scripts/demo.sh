#!/usr/bin/env bash
# Quick start, command 1: install everything, start the local Neo4j, load the synthetic
# demo data and open the explorer (the URL is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
J=.venv/bin/jigsaw
$J db start
$J db init
if [ -d fixtures/demo ] && $J load --help >/dev/null 2>&1; then
  $J load --folder fixtures/demo
fi
if $J explore --help >/dev/null 2>&1; then
  exec $J explore
else
  echo "Neo4j is running with the schema in place: jigsaw db status"
fi
