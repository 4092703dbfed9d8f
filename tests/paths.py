"""The checkout's root, for tests and benchmarks only: the product finds its files through its
packages (importlib.resources) and its state through JIGSAW_HOME, never through a checkout."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
