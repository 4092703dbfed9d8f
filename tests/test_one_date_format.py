"""One date format on every screen and in every report (issue #19 item 4): a date a person reads
is dd/mm/yyyy, through jigsaw.text.day or the same pattern. The page sweep (test_readable_pages)
catches ISO dates in tables; this catches the other ways a date is written out, in the source:
a month's name ("01 May 2024") or the ISO pattern given to strftime or an f-string."""

import re

from tests.paths import REPO_ROOT

SHOWN_BY = ("explorer", "reports", "investigations")
OTHER_WAY = re.compile(r"%[bB]|%Y-%m-%d|%d %[bB]")  # a month's name, or ISO order


def test_no_screen_or_report_writes_a_date_another_way():
    found = [
        f"{path.relative_to(REPO_ROOT)}:{n}: {line.strip()}"
        for folder in SHOWN_BY
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if OTHER_WAY.search(line)
    ]
    assert found == []
