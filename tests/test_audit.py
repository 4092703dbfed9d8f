"""The audit trail is append-only and tamper-evident: any edit, removal or insertion is found."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jigsaw import audit


def _trail(tmp_path, n=4):
    for i in range(n):
        audit.record(
            tmp_path,
            "consultation",
            user="analyst1",
            purpose="CASE-1",
            action="query",
            query="person_profile",
            params={"person_id": f"P-{i}"},
            rows=i,
        )
    return audit.audit_path(tmp_path)


def test_an_untouched_trail_verifies(tmp_path):
    _trail(tmp_path)
    result = audit.verify(tmp_path)
    assert result.ok and result.events == 4 and result.head == list(audit.events(tmp_path))[-1]["hash"]
    assert oct(audit.audit_path(tmp_path).stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("tamper", "line"),
    [
        (lambda lines: lines[:1] + lines[2:], 2),  # a line removed
        (lambda lines: [lines[0].replace("analyst1", "someone")] + lines[1:], 1),  # who, edited
        (lambda lines: lines[:2] + [lines[1]] + lines[2:], 3),  # a line replayed
        (lambda lines: lines[:-1], None),  # the last line dropped ...
    ],
)
def test_tampering_is_detected(tmp_path, tamper, line):
    path = _trail(tmp_path)
    head_before = audit.verify(tmp_path).head
    path.write_text("\n".join(tamper(path.read_text().splitlines())) + "\n")
    result = audit.verify(tmp_path)
    if line is None:
        # ... is only detectable against a head hash kept elsewhere, which `jigsaw audit verify` prints.
        assert result.ok and result.events == 3 and result.head != head_before
    else:
        assert not result.ok and result.line == line


def test_unknown_kinds_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown audit kind 'gossip'"):
        audit.record(tmp_path, "gossip", user="u", purpose=None, action="x")


def test_cli_verify_and_export(tmp_path, monkeypatch):
    from jigsaw_cli import app

    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path))
    path = _trail(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0 and "4 events" in ok.output
    exported = runner.invoke(app, ["audit", "export"])
    assert [json.loads(line)["details"]["rows"] for line in exported.stdout.splitlines()] == [0, 1, 2, 3]
    path.write_text(path.read_text().replace('"rows": 2', '"rows": 0'))
    broken = runner.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1 and "line 3" in broken.output
