#!/usr/bin/env bash
# Installs everything Jigsaw needs on a fresh Debian machine: Python venv and packages,
# Java 17 and Maven if missing, and the Neo4j Community server jars from Maven Central.
# Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Missing: $*. Install them (Debian: apt-get install $*) and run this again." >&2
    exit 1
  fi
  say "Installing $* from Debian's packages"
  if [ ! -f /tmp/.jigsaw-apt-updated ]; then apt-get update -qq && touch /tmp/.jigsaw-apt-updated; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PYTHON=$candidate; break
  fi
done
[ -n "$PYTHON" ] || apt_install python3 python3-venv
PYTHON=${PYTHON:-python3}

command -v java >/dev/null || apt_install openjdk-17-jre-headless
command -v mvn >/dev/null || apt_install maven

if [ "${JIGSAW_WITH_BROWSER:-0}" = "1" ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium fonts-dejavu-core
fi

if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment (.venv) with $PYTHON"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.jigsaw-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  say "Installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi

say "Provisioning Neo4j from Maven Central (cached in .cache/)"
.venv/bin/jigsaw db install
