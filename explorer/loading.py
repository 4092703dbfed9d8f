"""The Load data page's non-visual part: bounded uploads kept in a private folder, mapping
texts read and checked, and a load through a mapping with the loader's own credentials."""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from graph_loader.load import LoadOptions
from graph_loader.load_report import LoadReport
from graph_loader.mapping.mapped_load import run_mapped_load
from graph_loader.mapping.model import LoadedMapping, parse_mapping
from graph_loader.mapping.preview import Preview, preview
from identity.graph_run import run as run_identity
from jigsaw.config import get_settings
from jigsaw.connection import open_driver

MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # an export larger than this goes through `jigsaw load --mapping`
EXAMPLES = files("graph_loader.mapping") / "examples"  # the finished example mappings, shipped as package data
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UploadRefused(ValueError):
    """The upload is not loaded; the message says why."""


@dataclass(frozen=True)
class Upload:
    name: str  # a safe file name, as recorded on the Load
    data: bytes

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder or carry markup: letters, digits, . _ - only."""
    stem = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip("._") or "export"
    return stem[:80] if stem.lower().endswith(".csv") else f"{stem[:76]}.csv"


def accept(name: str, data: bytes) -> Upload:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            f"the file is {len(data):,} bytes; the page takes at most {MAX_UPLOAD_BYTES:,}. "
            "Load larger exports with `jigsaw load --mapping MAPPING FILE`."
        )
    if not data.strip():
        raise UploadRefused("the file is empty")
    return Upload(safe_name(name), data)


def examples() -> dict[str, Traversable]:
    return {p.name: p for p in sorted(EXAMPLES.iterdir(), key=lambda p: p.name) if p.name.endswith(".toml")}


def mapping_from_text(text: str, filename: str) -> LoadedMapping:
    return parse_mapping(text.encode("utf-8"), safe_name(filename).removesuffix(".csv") + ".toml")


def _written(upload: Upload, folder: Path) -> Path:
    path = folder / upload.name
    path.write_bytes(upload.data)
    path.chmod(0o600)
    return path


def dry_run(mapping: LoadedMapping, upload: Upload) -> Preview:
    with tempfile.TemporaryDirectory(prefix="jigsaw-upload-") as tmp:
        return preview(mapping, _written(upload, Path(tmp)))


def load(mapping: LoadedMapping, upload: Upload, user: str, progress) -> tuple[LoadReport, object | None]:
    """Load through the mapping, writing with the loader's credentials (the explorer's own
    database user reads only); then resolve the new mentions, as `jigsaw load` does.
    Returns the report and the identity run's summary (None when nothing changed)."""
    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="jigsaw-upload-") as tmp, open_driver(settings) as driver:
        options = LoadOptions(user=user, quarantine_root=settings.jigsaw_home / "quarantine", progress=progress)
        report = run_mapped_load(driver, settings.neo4j_database, mapping, _written(upload, Path(tmp)), options)
        resolved = None
        if report.changed_anything:
            progress("resolving identities", 0, 1)
            resolved = run_identity(driver, settings.neo4j_database, new_only=True)
        return report, resolved
