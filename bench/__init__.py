import os
import sys

# JIGSAW_BENCH_NO_RUST=1 measures the driver without neo4j-rust-ext: the driver falls back to
# its pure-Python codec when the extension cannot be imported.
if os.environ.get("JIGSAW_BENCH_NO_RUST"):
    sys.modules["neo4j._rust"] = None  # type: ignore[assignment]
