"""What the server-side session store costs per click, against the account check every click already pays.

    .venv/bin/python -m bench.session_store
    .venv/bin/python -m bench.session_store --accounts 200 --repeat 500

Figures (median of --repeat, in milliseconds), with the store full (MAX_PER_ACCOUNT live
sessions for each of --accounts accounts): `current` (each click checks the session still
exists), `touch` (each click records activity and the case reference), `by_token` (a reload
or a new tab), `claim` (once per sign-in); the reference is `accounts.current` over the same
number of accounts, measured in the same run; the ratio is one click's session work
(current + touch) to it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.audit_trail import _median_ms
from bench.output import print_figures
from explorer import session_store
from jigsaw import accounts
from jigsaw.access import UserRole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        tokens = []
        for i in range(args.accounts):
            accounts.add(home, f"user.{i}", UserRole.cse_analyst)
            for _ in range(session_store.MAX_PER_ACCOUNT):
                made, code = session_store.open_session(home, f"user.{i}", "stamp", "CASE-1")
                tokens.append((made.sid, session_store.claim(home, code)))
        sid, token = tokens[len(tokens) // 2]
        reference = _median_ms(lambda: accounts.current(home, f"user.{args.accounts // 2}"), args.repeat)
        current = _median_ms(lambda: session_store.current(home, sid), args.repeat)
        touch = _median_ms(lambda: session_store.touch(home, sid, purpose="CASE-2"), args.repeat)
        by_token = _median_ms(lambda: session_store.by_token(home, token), args.repeat)
        claim = _median_ms(
            lambda: session_store.claim(home, session_store.open_session(home, "user.0", "s")[1]),
            max(3, args.repeat // 10),
        )
        size = session_store.store_path(home).stat().st_size
    print_figures(
        {
            "live sessions": len(tokens),
            "store size, bytes": size,
            "current, ms": current,
            "touch, ms": touch,
            "by_token (reload), ms": by_token,
            "open + claim (sign-in), ms": claim,
            f"reference: accounts.current ({args.accounts} accounts), ms": reference,
            "ratio: one click's session work / reference": round((current + touch) / reference, 2)
            if reference
            else None,
        }
    )


if __name__ == "__main__":
    main()
