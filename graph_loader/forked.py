"""Work in a forked process, on data the parent already holds (shared copy-on-write, never pickled in).

The machine this was measured on has two cores; Python uses one. A forked child sends back
its result, or what went wrong, over a pipe; the parent raises the child's error as its own.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class Forked:
    """One call running in a child process; `result()` waits for it."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._child = context.Process(target=_run, args=(send, function, args), daemon=True)
        self._child.start()
        send.close()  # the child's copy stays open: if it dies without a word, recv() ends, not hangs

    def result(self) -> Any:
        return results([self])[0]

    def _outcome(self) -> Any:
        try:
            return self._receive.recv()
        finally:
            self._child.join()


def results(running: list[Forked]) -> list[Any]:
    """Every call's result, once all have ended (none is left running when one failed)."""
    outcomes = [call._outcome() for call in running]
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return outcomes


def _run(send, function: Callable[..., Any], args: tuple) -> None:
    try:
        send.send(function(*args))
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which raises it
        try:
            send.send(err)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: its text
            send.send(RuntimeError(f"{type(err).__name__}: {err}"))
