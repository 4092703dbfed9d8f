"""graph_loader/side_by_side.py: the summaries' independent builds run at once, and a failure waits for the rest."""

from __future__ import annotations

import threading

import pytest

from graph_loader import side_by_side

MEETING = 60  # seconds a lane waits for the other before the test fails (they would never meet one after another)


def test_lanes_run_at_the_same_time():
    met = threading.Barrier(2, timeout=MEETING)
    done = []

    def lane(name: str):
        def run() -> None:
            met.wait()  # returns only once the other lane is running too
            done.append(name)

        return run

    side_by_side.run(lane("rising and counts"), lane("harmed and peer"))
    assert sorted(done) == ["harmed and peer", "rising and counts"]


def test_a_failing_lane_is_raised_once_the_other_has_finished():
    started = threading.Event()
    finished = []

    def failing() -> None:
        started.wait(MEETING)
        raise RuntimeError("a build failed")

    def other() -> None:
        started.set()
        finished.append("other")

    with pytest.raises(RuntimeError, match="a build failed"):
        side_by_side.run(failing, other)
    assert finished == ["other"]
