#!/usr/bin/env bash
# Quick start, command 1: install everything, start the local Neo4j, load the synthetic
# demo data and open the explorer (the URL is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
J=.venv/bin/jigsaw
$J db start
$J db init
$J load --folder fixtures/demo        # synthetic demo data, then the same child linked across agencies
                                     # (doubtful pairs queued); loading again changes nothing
$J analytics peer-groups             # peer groups and brokers, written back to the graph
# A local account to sign in with: created once, its one-time password kept for you in
# .jigsaw/demo-account.txt (readable only by you); you choose your own at first sign-in.
if [ -z "$($J users list)" ]; then
  umask 077
  $J users add analyst --role admin | sed 's/^One-time password: /password (one time): /' > .jigsaw/demo-account.txt
  echo "username: analyst" >> .jigsaw/demo-account.txt
fi
printf '\033[1m==> Sign in as "analyst"; the one-time password is in .jigsaw/demo-account.txt\033[0m\n'
exec $J explore
