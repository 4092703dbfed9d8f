"""`jigsaw fixtures generate`: deterministic synthetic data in the documented format."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .common import console

app = typer.Typer(help="Synthetic data for demos, tests and benchmarks (never real people).", no_args_is_help=True)


class ScaleName(str, Enum):
    S = "S"
    M = "M"
    L = "L"


class Noise(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Format(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def generate(
    out: Path = typer.Option(..., help="Folder to write into."),
    seed: int = typer.Option(7, help="The same seed gives byte-identical files."),
    scale: ScaleName = typer.Option(ScaleName.S, help="S (demo), M (one borough, ten years), L (pan-London)."),
    noise: Noise = typer.Option(Noise.medium, help="How differently agencies record the same person."),
    rows: Optional[int] = typer.Option(None, min=100, help="Aim for about this many source rows instead of the scale's."),
    fmt: Format = typer.Option(Format.csv, "--format", help="csv (linked files per source) or jsonl."),
) -> None:
    """Write MASH, gangs-matrix and HSB files plus ground_truth.json."""
    from fixtures.generator import generate as run

    began = time.monotonic()
    summary = run(seed, scale.value, out, noise=noise.value, rows=rows, fmt=fmt.value)
    for name, count in summary["rows"].items():
        console.print(f"{name}: {count:,} rows")
    console.print(f"{summary['persons']:,} true persons, {summary['scenarios']} planted scenarios; "
                  f"ground truth in {out / 'ground_truth.json'} ({time.monotonic() - began:.1f}s)")  # fmt: skip
