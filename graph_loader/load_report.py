"""What a load did, for the terminal, for `--json`, and for the Load node."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
)


@dataclass
class LoadReport:
    load_id: str
    dry_run: bool
    sources: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    records_valid: int = 0
    records_new: int = 0
    records_changed: int = 0
    records_unchanged: int = 0
    records_erased: int = 0  # in the file but erased earlier (jigsaw erase): not loaded again
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    persons_created: int = 0
    quarantine: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rejections: list[dict] = field(default_factory=list)  # {file, row, field, reason}
    # Values kept as recorded but marked doubtful: {file, row, record_id, field, as_recorded, reason}
    doubts: list[dict] = field(default_factory=list)
    values_doubtful: int = 0
    seconds: float = 0.0
    importer_seconds: float | None = None  # a first load through Neo4j's offline importer: its part
    summaries: dict[str, float] = field(
        default_factory=dict
    )  # seconds bringing each summary up to date (graph_loader/summaries.py)

    @property
    def changed_anything(self) -> bool:
        return any(getattr(self, c) for c in COUNTERS)

    @property
    def rows_loaded(self) -> int:
        """Rows that passed validation (their records are now in the graph, or already were)."""
        return self.rows_read - self.rows_rejected

    @property
    def rows_per_second(self) -> float:
        return round(self.rows_read / self.seconds, 1) if self.seconds else 0.0

    def add_counters(self, counters) -> None:
        for name in COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(counters, name))

    def counts(self) -> dict[str, int]:
        """The integer counts, as stored on the Load node."""
        return {k: v for k, v in asdict(self).items() if isinstance(v, int) and not isinstance(v, bool)}

    def as_dict(self) -> dict:
        extra = {
            "rows_loaded": self.rows_loaded,
            "rows_per_second": self.rows_per_second,
            "changed_anything": self.changed_anything,
        }
        return asdict(self) | extra
