"""Independent jobs run side by side, a thread each, for a server with a core to spare.

Neo4j Community runs one query on one core: two summaries built at once on a two-core machine
take about as long as the longer of them, not their sum. Threads are enough, as the work is the
server's; the driver is shared (it is thread-safe), each job opening its own sessions.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


def run(*lanes: Callable[[], None]) -> None:
    """Run every lane at once and wait for all; then raise the first lane's error, if any
    (none is left running when another failed: its writes are whole transactions either way)."""
    with ThreadPoolExecutor(max_workers=max(len(lanes), 1), thread_name_prefix="lane") as pool:
        futures = [pool.submit(lane) for lane in lanes]
    for future in futures:
        future.result()
