"""The partnership's default policies, shipped with the package and read through importlib.resources:
`retention.toml` (when each kind of record is due for review; jigsaw/retention.py) and
`tie_weights.toml` (how much a tie weighs in the peer-group analytics; analytics/tie_weights.py).

An operator overrides either without touching the installed package: copy it, edit the copy and
point JIGSAW_RETENTION_POLICY or JIGSAW_TIE_WEIGHTS at it (environment or `.env`; jigsaw/config.py).
"""

from importlib.resources import files
from importlib.resources.abc import Traversable


def default(name: str) -> Traversable:
    """The shipped policy file `name` (e.g. "retention.toml")."""
    return files(__name__) / name
