"""Retention: each record's review date from the documented policy file (jigsaw/policies/retention.toml,
or the operator's copy named by JIGSAW_RETENTION_POLICY)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path

from neo4j import Driver
from pydantic import BaseModel, Field

from . import policies
from .config import get_settings
from .cypher_files import load as cypher


def policy_file() -> Path | Traversable:
    """The operator's policy (JIGSAW_RETENTION_POLICY) if set, else the one shipped with the package."""
    return get_settings().jigsaw_retention_policy or policies.default("retention.toml")


class Rule(BaseModel):
    source: str = Field(pattern="^(mash|matrix|hsb)$")
    when: dict[str, str] = Field(default_factory=dict)
    review_after_months: int = Field(gt=0, le=600)
    anchor: str = "record_date"

    def matches(self, source: str, values: dict) -> bool:
        return source == self.source and all(str(values.get(k)) == v for k, v in self.when.items())


class Policy(BaseModel):
    rule: list[Rule] = Field(min_length=1)

    @classmethod
    def load(cls, path: Path | Traversable | None = None) -> Policy:
        return cls.model_validate(tomllib.loads((path or policy_file()).read_text(encoding="utf-8")))

    @property
    def fields(self) -> list[str]:
        return sorted({k for r in self.rule for k in r.when} | {r.anchor for r in self.rule} - {"record_date"})

    def review_date(self, source: str, record_date: date, values: dict) -> date | None:
        for rule in self.rule:
            if rule.matches(source, values):
                anchor = values.get(rule.anchor) or record_date
                return add_months(anchor, rule.review_after_months)
        return None


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class Due:
    record_key: str
    source: str
    record_date: date
    review_date: date
    borough: str | None = None


def due(driver: Driver, database: str, policy: Policy, today: date) -> list[Due]:
    """Records whose review date has come, oldest review date first."""
    out = []
    rows = driver.execute_query(
        cypher("admin/retention_records"), fields=policy.fields, database_=database, routing_="r"
    ).records
    for row in rows:
        values = {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in row["values"]}
        record_date = row["record_date"].to_native()
        review = policy.review_date(row["source"], record_date, values)
        if review and review <= today:
            out.append(Due(row["record_key"], row["source"], record_date, review, row["borough"]))
    return sorted(out, key=lambda d: (d.review_date, d.record_key))
