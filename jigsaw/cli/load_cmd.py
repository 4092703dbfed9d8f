"""Placeholder: filled in by its own change."""


def load() -> None:
    """Load source files into the graph."""
