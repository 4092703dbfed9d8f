"""The query catalogue: named, documented Cypher queries in `cypher/*.cypher`, run read-only.

Each file starts with a header of `// key: value` lines:

    // name: overview_by_source
    // question: How many records does each agency hold, and about how many people?
    // param: borough: string = null  Only this borough (optional: "= null").
    // param: person_id: string  Required: no default.
    // returns: source, agency, records, people
    // limit: 100

Parameters are typed (string, int, float, bool, date, list[string]) and converted from
text for the CLI and the explorer's forms. Queries only ever run with parameters, in a
read transaction, with a timeout, a row cap and a byte cap (jigsaw/bounded_read.py).
A read of many rows may give them 100 to a record, as `RETURN rows[...] AS batch` after
`LIMIT $rows_read`, and name their columns in a `// batched: a, b` line (the driver's cost is
per record: jigsaw/bounded_read.py); the catalogue unpacks them into the same rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from neo4j import Driver

from . import cypher_files, need_to_know, scope_guard, summary_answers
from .access import FULL_SCOPE, Scope
from .bounded_read import read_capped  # one READ transaction, a timeout, no retry, row and byte caps
from .cypher_files import strip_comments, vocabulary, vocabulary_names

DEFAULT_LIMIT = 500
# The rows a list shows first in the explorer; the rest, up to the query's own limit, when the reader asks.
# Datasette's page is 100; 250 fills a screen and keeps a restricted reader's answer, checked row by
# row by the result guard, within the time of a click at L (docs/scaling.md, fifteenth round).
FIRST_PAGE = 250
DEFAULT_TIMEOUT = 10.0
TYPES = ("string", "int", "float", "bool", "date", "list[string]")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*:\s*(?P<type>[a-z\[\]]+)\s*(?:=\s*(?P<default>\S+))?\s*(?P<doc>.*)$"
)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    doc: str
    required: bool = False  # a header param without "= default" must be given

    def convert(self, text: Any) -> Any:
        """A value from a form or the command line, as the type the query expects."""
        if text is None or (isinstance(text, str) and text.strip() == ""):
            return self.default
        if not isinstance(text, str):
            return text
        value = text.strip()
        try:
            if self.type == "int":
                return int(value)
            if self.type == "float":
                return float(value)
            if self.type == "bool":
                if value.lower() not in {"true", "false", "yes", "no", "1", "0"}:
                    raise ValueError(value)
                return value.lower() in {"true", "yes", "1"}
            if self.type == "date":
                return date.fromisoformat(value)
            if self.type == "list[string]":
                return [v.strip() for v in value.split(",") if v.strip()]
        except ValueError:
            raise ValueError(f"parameter {self.name} must be a {self.type}, not {text!r}") from None
        return value


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    question: str
    params: tuple[Param, ...]
    returns: str
    text: str
    limit: int = DEFAULT_LIMIT
    timeout: float = DEFAULT_TIMEOUT
    scoped: bool = False  # honours $scope_sources and $scope_boroughs: may be run by a restricted reader
    # The columns of a read that gives its rows in batches (jigsaw/bounded_read.py), from `// batched:`.
    batched: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)
    # The vocabulary parameters the text uses ($child_roles, ...), bound at every run like the scope.
    vocabulary: dict = field(default_factory=dict)

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Parameters for a run: converted, defaults filled, unknown or missing ones refused."""
        known = {p.name: p for p in self.params}
        unknown = set(given) - set(known)
        if unknown:
            raise ValueError(
                f"{self.name} has no parameter(s) {', '.join(sorted(unknown))}; it takes {', '.join(known) or 'none'}"
            )
        values = {name: p.convert(given.get(name)) for name, p in known.items()}
        missing = [p.name for p in self.params if p.required and values[p.name] is None]
        if missing:
            raise ValueError(f"{self.name} needs {', '.join(missing)}")
        return values


def _default(type_: str, text: str | None) -> Any:
    if text is None or text == "null":
        return None
    return Param("default", type_, None, "").convert(text)


def parse(name: str, source: str) -> CatalogueQuery:
    header: dict[str, list[str]] = {}
    for line in source.splitlines():
        match = re.match(r"^\s*//\s*([a-z]+):\s*(.*)$", line)
        if match:
            header.setdefault(match.group(1), []).append(match.group(2).strip())
    params = []
    for spec in header.get("param", []):
        m = _PARAM.match(spec)
        if not m or m.group("type") not in TYPES:
            raise ValueError(f"{name}: bad param line {spec!r}; expected 'name: type = default  description'")
        params.append(
            Param(
                m.group("name"),
                m.group("type"),
                _default(m.group("type"), m.group("default")),
                m.group("doc").strip(),
                required=m.group("default") is None,
            )
        )
    for required in ("name", "question", "returns"):
        if required not in header:
            raise ValueError(f"{name}: the header has no '{required}:' line")
    if header["name"][0] != name:
        raise ValueError(f"{name}: header name {header['name'][0]!r} differs from the file name")
    scoped = header.get("scoped", ["no"])[0].split()[0].lower() == "yes"
    text = strip_comments(source)
    shadowed = {p.name for p in params} & vocabulary_names()
    if shadowed:  # a form must never be able to redefine who counts as a child
        raise ValueError(
            f"{name}: parameter(s) {', '.join(sorted(shadowed))} are vocabulary, bound from cypher/vocabulary.json"
        )
    if scoped:  # need to know is checked here, once, for every file: a scoped query that forgets it never loads
        need_to_know.check(name, text)
    elif need_to_know.MARKER.search(text):
        raise need_to_know.ScopeMissing(f"{name}: uses need-to-know markers but its header does not say 'scoped: yes'")
    return CatalogueQuery(
        name=name,
        question=" ".join(header["question"]),
        params=tuple(params),
        returns=" ".join(header["returns"]),
        text=need_to_know.expand(text),
        limit=int(header.get("limit", [DEFAULT_LIMIT])[0]),
        timeout=float(header.get("timeout", [DEFAULT_TIMEOUT])[0]),
        scoped=scoped,
        batched=_batched_columns(name, header.get("batched", []), text),
        vocabulary=vocabulary(text),
    )


def _batched_columns(name: str, lines: list[str], text: str) -> tuple[str, ...]:
    """The columns a `// batched:` line names (jigsaw/bounded_read.py reads such a file's rows in batches)."""
    columns = tuple(c.strip() for line in lines for c in line.split(","))
    if any(not re.fullmatch(r"[a-z_][a-z0-9_]*", c) for c in columns) or len(set(columns)) != len(columns):
        raise ValueError(f"{name}: 'batched:' must name the rows' columns once each, e.g. 'batched: person_id, roles'")
    # Its batches are pulled at once, so the read itself must stop at the row past the cap.
    if columns and not re.search(r"\bLIMIT\s+\$rows_read\b", text):
        raise ValueError(f"{name}: a batched read must stop itself with LIMIT $rows_read")
    return columns


@lru_cache(maxsize=1)
def catalogue() -> dict[str, CatalogueQuery]:
    """Every catalogue query (the top level of `cypher/`; loader and migration files excluded)."""
    return {name: parse(name, cypher_files.read(name)) for name in cypher_files.names()}


def get(name: str) -> CatalogueQuery:
    queries = catalogue()
    if name not in queries:
        raise KeyError(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


@dataclass
class QueryResult:
    name: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    withheld: int = 0  # rows the result guard held back from a restricted reader (see scope_guard)
    # Answered from a summary (with the time it was computed) or live (with why): jigsaw/summary_answers.py
    answered_from: str = "live"
    computed_at: datetime | None = None
    note: str = ""


def run_parameters(query: CatalogueQuery, read: CatalogueQuery, params: dict, scope: Scope, cap: int) -> dict:
    """What `read` (the query itself, or its summary's read) runs with: the bound parameters, its
    vocabulary, the reader's scope (a scoped query), and `rows_read`: the rows it need find, the cap and one
    more to tell the answer was cut. A read that sorts what it found (gang overlap's, after working the rows
    out one by one) stops there: a first page of 250 rows is then not 1,001 rows' work."""
    return params | read.vocabulary | (scope.params() if query.scoped else {}) | {"rows_read": cap + 1}


class NotPermitted(PermissionError):
    """The reader's information-sharing scope does not allow this query."""


def run(
    driver: Driver,
    database: str,
    name: str,
    given: dict[str, Any] | None = None,
    *,
    limit: int | None = None,
    scope: Scope = FULL_SCOPE,
    summary: bool = True,
) -> QueryResult:
    """Run a catalogue query read-only, with its timeout; at most `limit` rows are kept.

    A reader restricted to some sources or boroughs may only run scoped queries, which
    filter every record by the scope; anything else is refused here, whatever the caller.
    For such a reader every row is then checked against what the scope can see, so a filter
    forgotten in a query cannot leak a record, person, place or piece of casework.
    A London-wide query is answered from its summary when that is up to date (`summary=False`
    forces the live query; the benchmark and the tests compare the two).
    """
    if limit is not None and limit < 1:  # below 1 the row cap was never reached: every row was read
        raise ValueError(f"a row limit must be at least 1, not {limit}")
    query = get(name)
    if not scope.unrestricted and not query.scoped:
        raise NotPermitted(
            f"{name} draws on every source and borough, so it is not available under your information-sharing scope"
        )
    params = query.bind(given or {})
    source = summary_answers.source_for(driver, database, name, params, scope) if summary else summary_answers.LIVE
    read, asked = (
        summary_answers.summary_read(name, params, scope) if source.answered_from == "summary" else (query, params)
    )
    cap = min(limit or query.limit, query.limit)
    columns, rows, truncated = read_capped(
        driver,
        database,
        read.text,
        run_parameters(query, read, asked, scope, cap),
        cap=cap,
        timeout=query.timeout,
        batched=read.batched or None,
    )
    withheld = 0
    if not scope.unrestricted:
        rows, withheld = scope_guard.keep_visible(driver, database, rows, scope)
    return QueryResult(
        name, params, columns, rows, truncated, withheld, source.answered_from, source.computed_at, source.note
    )
