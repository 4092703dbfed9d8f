"""An installed Jigsaw finds everything it reads through its packages, never through a checkout.

The product's packages are copied, as the wheel's build settings list them, into a folder outside
the checkout, and a fresh interpreter (no site processing, so the editable install's path to the
checkout is not on sys.path) imports every module and reads every packaged file the product reads
at run time: the whole query catalogue, every Cypher file, the migrations, the summaries' reads,
the policies, the mapping examples, the report template, the network page, the Streamlit settings,
pom.xml and the borough table. An audit hook records every file opened; none may be in the checkout.
(scripts/wheel_smoke.sh does the same end to end with a built wheel.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from analytics import tie_weights
from explorer import streamlit_settings
from jigsaw import state_dirs
from jigsaw.retention import Policy
from tests.paths import REPO_ROOT

WHEEL = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"][
    "wheel"
]

READ_EVERYTHING = r"""
import importlib, json, os, pkgutil, sys
from pathlib import Path

opened = []
def _record(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.fsdecode(args[0]))
sys.addaudithook(_record)

from importlib.resources import as_file, files
packages = json.loads(sys.argv[1])
for package in packages:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        page_script = info.name.startswith(("explorer.pages", "explorer.views"))
        if page_script or info.name in ("explorer.app", "explorer.server"):
            continue  # Streamlit page scripts run on import; explorer.streamlit_settings finds server.py
        importlib.import_module(info.name)

from jigsaw import catalogue, cypher_files, schema, summary_answers
from jigsaw.retention import Policy
from jigsaw.geo.boroughs import boroughs
from jigsaw.neo4j_server import provision
from analytics import tie_weights
from explorer import graph_component, graph_html, loading, streamlit_settings
from reports import render_html

read = {}
read["catalogue"] = len(catalogue.catalogue())
def every(folder=""):
    for name in cypher_files.names(folder):
        yield f"{folder}/{name}" if folder else name
    where = cypher_files.cypher_root().joinpath(*folder.split("/")) if folder else cypher_files.cypher_root()
    for sub in where.iterdir():
        if sub.is_dir() and sub.name != "__pycache__":
            yield from every(f"{folder}/{sub.name}" if folder else sub.name)
read["cypher_files"] = sum(1 for name in every() if cypher_files.load(name) is not None)
read["migrations"] = sum(1 for m in schema.migrations() if cypher_files.read(m.file))
summary_reads = [
    summary_answers.read_query(name, whole, every, borough)
    for name in summary_answers.COVERS
    for whole, every, borough in (
        (False, False, False),
        (True, False, False),
        (False, True, False),
        (False, False, True),
    )
]
read["summary_reads"] = sum(1 for query in summary_reads if query)
read["retention_rules"] = len(Policy.load().rule)
read["tie_weights"] = tie_weights.load().describe()
read["mapping_examples"] = {name: len(p.read_text(encoding="utf-8")) for name, p in loading.examples().items()}
read["report_template"] = len(render_html._ENV.loader.get_source(render_html._ENV, "report.html.j2")[0])
read["network_page"] = len(graph_component.page_html())
read["streamlit_settings"] = len(streamlit_settings.settings())
read["server_script"] = streamlit_settings.server_script()
read["boroughs"] = len(boroughs())
read["neo4j_version"] = provision.neo4j_version()
with as_file(provision.POM) as pom:
    read["pom"] = str(pom)
read["demo_fixture"] = sorted(p.name for p in (files("fixtures") / "demo").iterdir())
read["opened"] = opened
print(json.dumps(read))
"""


def _install_like(site: Path) -> None:
    """The wheel's packages, as pyproject.toml lists them, copied outside the checkout."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in WHEEL["packages"]:
        shutil.copytree(REPO_ROOT / package, site / package, ignore=skip)
    for excluded in WHEEL.get("exclude", []):
        shutil.rmtree(site / excluded)


def test_every_file_the_product_reads_comes_from_its_installed_packages(tmp_path):
    site, work = tmp_path / "site", tmp_path / "work"
    _install_like(site)
    work.mkdir()
    third_party = sysconfig.get_paths()["purelib"]  # the libraries, without the editable install's .pth
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIGSAW_", "NEO4J_", "PYTHON"))}
    env |= {"PYTHONPATH": os.pathsep.join([str(site), third_party]), "JIGSAW_HOME": str(tmp_path / "home")}
    products = [p for p in WHEEL["packages"] if p not in ("fixtures", "cypher")]
    done = subprocess.run(
        [sys.executable, "-S", "-c", READ_EVERYTHING, json.dumps(products)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    read = json.loads(done.stdout.strip().splitlines()[-1])

    checkout = REPO_ROOT.resolve()
    from_checkout = sorted(
        {
            p
            for p in read.pop("opened")
            if checkout in Path(p).resolve().parents and Path(sys.prefix).resolve() not in Path(p).resolve().parents
        }
    )
    assert not from_checkout, f"opened in the checkout instead of the installed packages: {from_checkout[:10]}"
    assert read["catalogue"] >= 30 and read["cypher_files"] > read["catalogue"] and read["migrations"] >= 8
    assert read["summary_reads"] >= 2 and read["retention_rules"] >= 1 and read["boroughs"] == 33
    assert set(read["mapping_examples"]) == {"mosaic_mash_bexley.toml", "police_nominals.toml"}
    assert all(read[k] for k in ("report_template", "network_page", "streamlit_settings", "neo4j_version"))
    for path in (read["server_script"], read["pom"]):
        assert site in Path(path).parents, path
    assert "mash_referrals.csv" in read["demo_fixture"]


def test_the_wheel_ships_the_product_and_nothing_of_the_checkout_only():
    assert {"jigsaw", "graph_loader", "explorer", "cypher", "fixtures"} <= set(WHEEL["packages"])
    assert not {"tests", "bench", "docs", "scripts", "config"} & set(WHEEL["packages"])
    assert WHEEL.get("exclude") == ["cypher/bench"]  # the benchmarks' own statements stay in the checkout
    assert (REPO_ROOT / "cypher" / "__init__.py").is_file()


def test_no_product_module_finds_files_through_the_checkout():
    """REPO_ROOT and paths walked up from a module's file are for tests and benchmarks only."""
    found = []
    for package in WHEEL["packages"]:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            for needle in ("REPO_ROOT", "__file__", "parents["):
                if needle in text:
                    found.append(f"{path.relative_to(REPO_ROOT)}: {needle}")
    assert not found, found


def test_state_folders_follow_the_platform_when_installed_from_a_wheel(monkeypatch, tmp_path):
    class Installed:  # the installer's record for a wheel installed from a file: not a checkout
        def read_text(self, name):
            return json.dumps({"url": "file:///tmp/dist/jigsaw-0.1.0-py3-none-any.whl", "archive_info": {}})

    monkeypatch.setattr(state_dirs, "distribution", lambda name: Installed())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert state_dirs.editable_checkout() is None
    assert state_dirs.default_home() == tmp_path / "data" / "jigsaw"
    assert state_dirs.default_cache() == tmp_path / "cache" / "jigsaw"


ODD_RECORDS = [
    None,
    "",
    "not json",
    "[1, 2]",
    json.dumps({"url": "https://example.invalid/x", "dir_info": {"editable": True}}),
    json.dumps({"url": "file:///no/such/folder", "dir_info": {"editable": True}}),
]


@pytest.mark.parametrize("record", ODD_RECORDS)
def test_a_missing_or_odd_install_record_is_never_taken_for_a_checkout(monkeypatch, record):
    class Installed:
        def read_text(self, name):
            return record

    monkeypatch.setattr(state_dirs, "distribution", lambda name: Installed())
    assert state_dirs.editable_checkout() is None


def test_from_a_checkout_state_stays_where_the_quick_start_keeps_it(monkeypatch):
    monkeypatch.delenv("JIGSAW_HOME", raising=False)
    monkeypatch.delenv("JIGSAW_CACHE", raising=False)
    checkout = state_dirs.editable_checkout()  # scripts/setup.sh installs with `pip install -e .`
    assert checkout is not None and checkout.resolve() == REPO_ROOT
    assert state_dirs.default_home() == checkout / ".jigsaw"
    assert state_dirs.default_cache() == checkout / ".cache"


def test_an_operator_overrides_the_shipped_policies(monkeypatch, tmp_path):
    retention = tmp_path / "retention.toml"
    retention.write_text('[[rule]]\nsource = "mash"\nreview_after_months = 7\n', encoding="utf-8")
    weights = tmp_path / "weights.toml"
    shipped = tie_weights.rule_file().read_text(encoding="utf-8")
    weights.write_text(shipped.replace("[place]\nweight = 0.5", "[place]\nweight = 0.25"), encoding="utf-8")
    assert weights.read_text(encoding="utf-8") != shipped
    monkeypatch.setenv("JIGSAW_RETENTION_POLICY", str(retention))
    monkeypatch.setenv("JIGSAW_TIE_WEIGHTS", str(weights))
    assert [r.review_after_months for r in Policy.load().rule] == [7]
    assert tie_weights.load().place == 0.25


def test_the_explorer_runs_with_the_shipped_hardened_settings_from_any_folder():
    flags = streamlit_settings.run_flags(server_port=8765, server_address="127.0.0.1")
    pairs = dict(zip(flags[::2], flags[1::2]))
    assert pairs["--server.port"] == "8765" and pairs["--server.address"] == "127.0.0.1"
    assert pairs["--client.disableDataExport"] == "true" and pairs["--browser.gatherUsageStats"] == "false"
    assert pairs["--client.showErrorDetails"] == "none" and pairs["--server.enableXsrfProtection"] == "true"
    assert pairs["--runner.magicEnabled"] == "false"
    assert Path(streamlit_settings.server_script()) == REPO_ROOT / "explorer" / "server.py"
    # The checkout's .streamlit/config.toml (for `streamlit run` and AppTest) is the shipped file itself.
    assert (REPO_ROOT / ".streamlit" / "config.toml").resolve() == (REPO_ROOT / "explorer" / "streamlit_config.toml")
