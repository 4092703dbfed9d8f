#!/usr/bin/env bash
# Quick start, command 1: install everything, start the local Neo4j, load the synthetic
# demo data and open the explorer (the URL is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
J=.venv/bin/jigsaw
$J db start
$J db init
$J load --folder fixtures/demo        # synthetic demo data; loading again changes nothing
$J identity run                      # link the same child across agencies; queue doubtful pairs
$J analytics peer-groups             # peer groups and brokers, written back to the graph
exec $J explore
