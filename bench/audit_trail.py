"""What the audit trail and the session check cost per event and per click.

    .venv/bin/python -m bench.audit_trail
    .venv/bin/python -m bench.audit_trail --events 20000 --repeat 200

Figures (median of --repeat, in milliseconds): `audit.record` after a trail of --events
ordinary events, and after a last event of 10 MB (the writer reads the whole last line to
find its hash); `audit.verify` over the whole trail; `accounts.current` for 50 accounts,
which the explorer runs on every interaction to see a disable, reset or change of scope.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.output import print_figures
from jigsaw import accounts, audit
from jigsaw.access import UserRole


def _median_ms(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return round(statistics.median(times) * 1000, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        for i in range(args.events):
            audit.record(
                home,
                "consultation",
                user="analyst.one",
                purpose="CASE-1",
                action="query",
                query="person_profile",
                params={"person_id": f"P-{i:012d}"},
                rows=3,
            )
        one = lambda: audit.record(home, "access", user="x\u2028y", purpose=None, action="sign-in refused")
        ordinary = _median_ms(one, args.repeat)
        verify_ms = _median_ms(lambda: audit.verify(home), 3)
        audit.record(
            home, "consultation", user="analyst.one", purpose="CASE-1", action="free query", text="\u2028" * 10_000_000
        )
        after_big = _median_ms(
            lambda: (
                audit.record(
                    home, "consultation", user="u", purpose=None, action="free query", text="\u2028" * 10_000_000
                ),
                one(),
            ),
            max(3, args.repeat // 10),
        )
        for i in range(50):
            accounts.add(home, f"user.{i}", UserRole.cse_analyst)
        current = _median_ms(lambda: accounts.current(home, "user.25"), args.repeat)
    print_figures(
        {
            "events in trail": args.events,
            "record, ms (after ordinary events)": ordinary,
            "record a 10 MB event then one more, ms": after_big,
            f"verify {args.events:,} events, ms": verify_ms,
            "accounts.current (50 accounts), ms": current,
        }
    )


if __name__ == "__main__":
    main()
