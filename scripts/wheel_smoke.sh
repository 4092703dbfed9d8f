#!/usr/bin/env bash
# The wheel smoke test (CI runs it after the test suite): build the wheel, install it into a fresh
# virtual environment outside the checkout (dependencies from the package index), then from another
# folder outside the checkout, with no PYTHONPATH, use only the installed `jigsaw`: start a Neo4j
# server of its own, init, generate and load a small synthetic fixture, run a catalogue query,
# render a report, open the explorer and check it answers, stop everything and check every output.
# Any failing step stops the script with a non-zero status and says which step.
#
# Settings: JIGSAW_SMOKE_BOLT_PORT (default 7689) and JIGSAW_SMOKE_EXPLORER_PORT (default 8599),
# ports of its own; JIGSAW_CACHE, the Neo4j jars to reuse (default: this checkout's .cache/, which
# scripts/setup.sh fills, so nothing is downloaded again); JIGSAW_SMOKE_KEEP=1 keeps the temporary
# folder for a look afterwards.
set -euo pipefail
CHECKOUT=$(cd "$(dirname "$0")/.." && pwd)
BOLT_PORT=${JIGSAW_SMOKE_BOLT_PORT:-7689}
EXPLORER_PORT=${JIGSAW_SMOKE_EXPLORER_PORT:-8599}
CACHE=${JIGSAW_CACHE:-$CHECKOUT/.cache}
TMP=$(mktemp -d /tmp/jigsaw-wheel-smoke.XXXXXX)
START=$SECONDS
STEP="setting up"
EXPLORER_PID=""

say() { printf '\033[1m==> [%3ds] %s\033[0m\n' "$((SECONDS - START))" "$*"; STEP="$*"; }
finish() {
  status=$?
  set +e
  if [ -n "$EXPLORER_PID" ]; then kill "$EXPLORER_PID" 2>/dev/null; wait "$EXPLORER_PID" 2>/dev/null; fi
  if [ -x "$TMP/venv/bin/jigsaw" ] && [ -d "$TMP/home/neo4j" ]; then
    (cd "$TMP/work" && "$TMP/venv/bin/jigsaw" db stop >/dev/null 2>&1)
  fi
  if [ "$status" -ne 0 ]; then
    echo "WHEEL SMOKE FAILED at step: $STEP (status $status); its files are in $TMP" >&2
    for log in "$TMP"/home/neo4j/logs/*.log "$TMP/work/explorer.log"; do
      [ -f "$log" ] && { echo "--- last lines of $log" >&2; tail -n 20 "$log" >&2; }
    done
  elif [ "${JIGSAW_SMOKE_KEEP:-0}" = "1" ]; then
    echo "kept: $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap finish EXIT

# The interpreter the checkout's environment was made from (scripts/setup.sh chose a Python >= 3.11).
if [ -x "$CHECKOUT/.venv/bin/python" ]; then
  PYTHON=$("$CHECKOUT/.venv/bin/python" -c 'import sys; print(sys._base_executable)')
else
  PYTHON=${PYTHON:-python3}
fi

say "building the wheel"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$TMP/dist" "$CHECKOUT"
WHEEL=$(ls "$TMP"/dist/jigsaw-*.whl)
"$PYTHON" - "$WHEEL" <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
leaked = [n for n in names if n.split("/")[0] in ("tests", "bench", "docs", "scripts") or n.startswith("cypher/bench/")]
assert not leaked, f"the wheel holds files of the checkout only: {leaked[:5]}"
needed = ["cypher/person_profile.cypher", "cypher/migrations/001_core_constraints.cypher", "jigsaw/policies/retention.toml",
          "jigsaw/policies/tie_weights.toml", "reports/templates/report.html.j2", "explorer/graph_component.html",
          "explorer/streamlit_config.toml", "jigsaw/neo4j_server/pom.xml", "jigsaw/geo/london_boroughs.csv",
          "graph_loader/mapping/examples/police_nominals.toml"]
missing = [n for n in needed if n not in names]
assert not missing, f"the wheel lacks {missing}"
print(f"{sys.argv[1].rsplit('/', 1)[-1]}: {len(names)} files")
EOF

say "installing it into a fresh virtual environment in $TMP/venv"
"$PYTHON" -m venv "$TMP/venv"
"$TMP/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEEL"

# From here on: a folder outside the checkout, no PYTHONPATH, nothing of the checkout's environment.
mkdir -p "$TMP/work"
cd "$TMP/work"
unset PYTHONPATH NEO4J_URI NEO4J_USER NEO4J_PASSWORD NEO4J_DATABASE JIGSAW_EXPLORER_USER JIGSAW_EXPLORER_PASSWORD \
      JIGSAW_RETENTION_POLICY JIGSAW_TIE_WEIGHTS VIRTUAL_ENV
export JIGSAW_HOME="$TMP/home" JIGSAW_CACHE="$CACHE" JIGSAW_BOLT_PORT="$BOLT_PORT" JIGSAW_HEAP=512m JIGSAW_PAGECACHE=128m
export JIGSAW_USER=wheel-smoke
J="$TMP/venv/bin/jigsaw"
PY="$TMP/venv/bin/python"
"$PY" - "$CHECKOUT" <<'EOF'
import sys
from pathlib import Path
import cypher, explorer, jigsaw
checkout = Path(sys.argv[1]).resolve()
for module in (jigsaw, cypher, explorer):
    where = Path(module.__file__).resolve()
    assert checkout not in where.parents, f"{module.__name__} is imported from the checkout: {where}"
print("imported from", Path(jigsaw.__file__).resolve().parents[1])
EOF

say "provisioning Neo4j (jars reused from $CACHE)"
$J db install
say "starting Neo4j on 127.0.0.1:$BOLT_PORT"
$J db start
say "jigsaw db init"
$J db init
say "generating a small synthetic fixture with the installed generator"
$J fixtures generate --out data --seed 20261129 --rows 300
say "loading it"
$J load --folder data --json > load.json
say "running a catalogue query"
$J query overview_by_borough --json > boroughs.json
BOROUGH=$("$PY" -c 'import json, sys; rows = json.load(open("boroughs.json"))["rows"]; print(max(rows, key=lambda r: r["total"])["borough"])')
$J query hotspots -p borough="$BOROUGH" -p date_from=2000-01-01 -p date_to=2030-12-31 --json --purpose SMOKE-1 > hotspots.json
say "rendering a problem profile for $BOROUGH (HTML)"
$J report profile --borough "$BOROUGH" --from 2000-01-01 --to 2030-12-31 --format html --out profile.html --purpose SMOKE-1
say "opening the explorer on 127.0.0.1:$EXPLORER_PORT"
$J explore --port "$EXPLORER_PORT" > explorer.log 2>&1 &
EXPLORER_PID=$!
for _ in $(seq 1 60); do
  if "$PY" -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:$EXPLORER_PORT/_stcore/health', timeout=2).read() != b'ok')" 2>/dev/null; then
    break
  fi
  kill -0 "$EXPLORER_PID" 2>/dev/null || { echo "the explorer stopped" >&2; exit 1; }
  sleep 1
done
"$PY" -c "import urllib.request; assert urllib.request.urlopen('http://127.0.0.1:$EXPLORER_PORT/_stcore/health', timeout=5).read() == b'ok'"
kill "$EXPLORER_PID"; wait "$EXPLORER_PID" 2>/dev/null || true; EXPLORER_PID=""
say "running the installed explorer's sign-in page (Streamlit's AppTest)"
"$PY" - <<'EOF'
from importlib.resources import files
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(str(files("explorer") / "app.py"), default_timeout=60).run()
assert not at.exception, [e.value for e in at.exception]
assert any(b.label == "Sign in" for b in at.button), "no Sign in button"
print("sign-in page rendered from", files("explorer"))
EOF
say "stopping Neo4j"
$J db stop

say "checking the outputs"
"$PY" - <<'EOF'
import json
from pathlib import Path
for name in ("load.json", "boroughs.json", "hotspots.json", "profile.html"):
    assert Path(name).stat().st_size > 0, f"{name} is empty"
load = json.loads(Path("load.json").read_text())
assert load["records_new"] > 0 and load["rows_rejected"] == 0, {k: load.get(k) for k in ("records_new", "rows_rejected")}
hotspots = json.loads(Path("hotspots.json").read_text())
assert hotspots["rows"], "the hotspots query returned no row"
html = Path("profile.html").read_text(encoding="utf-8")
assert html.lstrip().lower().startswith("<!doctype html") and "</html>" in html, "profile.html is not a whole HTML page"
print(f"load.json {Path('load.json').stat().st_size:,} B; hotspots {len(hotspots['rows'])} rows; profile.html {len(html):,} chars")
EOF
audit="$JIGSAW_HOME/audit/audit.jsonl"
[ -n "$audit" ] && [ -s "$audit" ] || { echo "no audit trail in $JIGSAW_HOME" >&2; exit 1; }
say "wheel smoke passed in $((SECONDS - START)) s"
