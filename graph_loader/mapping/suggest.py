"""Propose a mapping from a file's headers and a sample of its values, for a person to confirm.

Each column is matched (rapidfuzz) against the common dataset's field names, read from the
models, and a short list of synonyms seen in case-system exports; the proposal says per
column which field, with what score and why. Numbered columns (Person1 Name, Person2 Name)
become a repeated group; Forename + Surname become one name; codes, date formats and list
separators are guessed from the sample. Nothing is decided silently: a column below the
threshold is written commented out, with its best guess.
"""

from __future__ import annotations

import enum
import json
import re
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from rapidfuzz import fuzz, process

from ..models import SOURCES, FileSpec
from ..read import read_csv
from .apply import header_of
from .model import MAIN, PLACEHOLDER, outputs

THRESHOLD = 75  # below this a column is proposed commented out, for a person to decide
SAMPLE_ROWS = 500

# Header words case systems use for a common field (compared after normalising). Keys are
# field names without a `child_` prefix, so they serve every source's fields of that name.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "referral_id": ("referral no", "referral number", "referral ref", "contact id", "contact no", "mash ref"),
    "date_received": ("date received", "referral date", "contact date", "date of referral", "received"),
    "referring_agency": ("referral source", "referrer", "source of referral", "referring agency", "agency"),
    "cse_category": ("cse category", "cse cat", "category", "cse level", "cse risk"),
    "concern_types": ("concerns", "concern", "presenting issues", "risk factors", "concern type"),
    "name": ("full name", "name", "person name", "subject name"),
    "alias": ("aka", "known as", "alias", "also known as", "nickname"),
    "aliases": ("other names", "aka", "aliases", "also known as"),
    "street_names": ("street names", "street name", "nicknames", "monikers", "tags"),
    "dob": ("dob", "date of birth", "birth date", "d o b", "birthdate"),
    "gender": ("sex", "gender", "gender identity"),
    "ethnicity": ("ethnicity", "ethnic origin", "self defined ethnicity", "sde", "ethnic group"),
    "postcode": ("postcode", "home postcode", "post code", "address postcode", "pc"),
    "school": ("school", "school name", "education setting", "establishment"),
    "looked_after": ("lac", "looked after", "cla", "child looked after", "in care"),
    "placing_borough": ("placing la", "placing authority", "placing borough", "placed by"),
    "missing_episodes": ("missing episodes", "missing count", "number of missing episodes", "mfh episodes"),
    "summary": ("summary", "notes", "details", "narrative", "reason for referral"),
    "borough": ("borough", "local authority", "la", "owning borough", "bcu"),
    "nominal_id": ("nominal ref", "nominal id", "nominal", "urn", "person ref"),
    "gangs": ("gang", "gangs", "gang name", "gang s", "group"),
    "harm_band": ("harm band", "harm score band", "rag", "harm"),
    "harmed_or_exploited": ("victim flag", "victim", "harmed", "exploited", "victim marker"),
    "intelligence_grading": ("intel grading", "grading", "intelligence grading", "3x5x2"),
    "date_added": ("date added", "added", "date entered", "start date"),
    "date_reviewed": ("last reviewed", "date reviewed", "review date", "reviewed"),
    "status": ("status", "matrix status", "active"),
    "associate_ids": ("associate refs", "associates", "associate ids", "linked nominals"),
    "case_id": ("case no", "case ref", "case id", "case number"),
    "date_opened": ("date opened", "opened", "start date", "case opened"),
    "setting": ("setting", "location type", "where"),
    "aim_level": ("aim level", "aim", "aim assessment"),
    "outcome": ("outcome", "result", "case outcome"),
    "role": ("role", "relationship", "person role", "involvement"),
    "person_ref": ("ref", "person ref", "person no", "person id"),
    "child_ref": ("ref", "child ref", "child no"),
    "place_name": ("name", "location name", "place name", "venue", "location"),
    "place_type": ("type", "location type", "place type", "venue type"),
    "latitude": ("lat", "latitude", "y"),
    "longitude": ("long", "lon", "lng", "longitude", "x"),
    "date_seen": ("date seen", "seen", "date", "date of incident"),
    "claim": ("claim", "basis", "evidence type"),
    "grading": ("grading", "intel grading"),
}
GIVEN = ("forename", "forenames", "forename s", "first name", "first names", "given name", "given names")
FAMILY = ("surname", "last name", "family name")
# Codes case systems write for the common dataset's values (after normalising).
CODE_SYNONYMS: dict[str, str] = {
    "f": "female",
    "m": "male",
    "u": "not_known",
    "x": "non_binary",
    "unknown": "not_known",
    "cat 1": "1",
    "cat 2": "2",
    "cat 3": "3",
    "category 1": "1",
    "category 2": "2",
    "category 3": "3",
    "no cse": "none",
    "n a": "none",
    "r": "red",
    "a": "amber",
    "g": "green",
    "pol": "police",
    "edu": "school",
    "hlt": "health",
    "csc": "childrens_social_care",
    "vol": "voluntary_sector",
    "oth": "other",
    "alleged perpetrator": "suspected_perpetrator",
    "perpetrator": "suspected_perpetrator",
    "family member": "family",
}
DATE_FORMATS = (
    "%d-%b-%Y",
    "%d %b %Y",
    "%Y%m%d",
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d/%m/%y",
    "%d-%b-%y",
)
NATIVE_DATES = ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y")  # the loader reads these as they are
LIST_SEPARATORS = (";", "/", ",", "|")
NUMBERED = re.compile(r"^(?P<pre>[^\d]*?)(?P<n>\d{1,2})(?P<post>(?:\D.*)?)$")


def norm(text: str) -> str:
    """Lower case, words only: 'Date_of Birth' -> 'date of birth', 'childDOB' -> 'child dob'."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


@dataclass
class Proposal:
    """What is proposed for one original column (or numbered column template)."""

    column: str  # as written in the file (with {n} for a repeated group)
    output: str
    field: str | None
    score: float
    why: str
    group: str | None = None  # the repeated group's prefix
    extra: dict = field(default_factory=dict)  # values, date_format, list_separator
    also: list[str] = field(default_factory=list)  # further columns joined into the field

    @property
    def confident(self) -> bool:
        return self.field is not None and self.score >= THRESHOLD


def _kind(spec: FileSpec, name: str) -> tuple[str, type[enum.Enum] | None]:
    """date, list, bool, enum or text, read from the model's annotation."""
    annotation = spec.model.model_fields[name].annotation
    found: list = []

    def walk(t) -> None:
        found.append(t)
        for arg in typing.get_args(t):
            walk(arg)

    walk(annotation)
    enums = [t for t in found if isinstance(t, type) and issubclass(t, enum.Enum)]
    if any(typing.get_origin(t) is list for t in found):
        return "list", enums[0] if enums else None
    if enums:
        return "enum", enums[0]
    if date in found:
        return "date", None
    if bool in found:
        return "bool", None
    return "text", None


def _choices(spec: FileSpec) -> dict[str, str]:
    """Normalised name or synonym -> field, for one output's file."""
    out: dict[str, str] = {}
    for name in spec.columns:
        base = name.removeprefix("child_") if name.startswith("child_") else name
        for word in (norm(name), norm(base), *(norm(s) for s in SYNONYMS.get(base, ()))):
            out.setdefault(word, name)
    return out


def _match(header: str, spec: FileSpec, taken: set[str]) -> tuple[str | None, float, str]:
    choices = {k: v for k, v in _choices(spec).items() if v not in taken}
    key = norm(header)
    if not key or not choices:
        return None, 0.0, "no usable name"
    if key in choices:
        kind = "field name" if key == norm(choices[key]) else f"known synonym {key!r}"
        return choices[key], 100.0, kind
    best = process.extractOne(key, list(choices), scorer=fuzz.token_sort_ratio)
    if best is None:
        return None, 0.0, "nothing close"
    word, score, _ = best
    return choices[word], round(score, 1), f"closest to {word!r}"


def _samples(rows: list[dict], columns: list[str]) -> list[str]:
    keys = [c.strip().lower() for c in columns]
    return [v.strip() for row in rows for k in keys if (v := str(row.get(k) or "")).strip()]


def _guess_values(proposal: Proposal, spec: FileSpec, samples: list[str]) -> None:
    kind, enum_type = _kind(spec, proposal.field or "")
    if kind == "list":
        counts = {sep: sum(sep in s for s in samples) for sep in LIST_SEPARATORS}
        sep = max(counts, key=lambda s: counts[s])
        if counts[sep] and sep != ";":
            proposal.extra["list_separator"] = sep
        samples = [
            item.strip() for s in samples for item in s.split(proposal.extra.get("list_separator", ";")) if item.strip()
        ]
    if kind == "date" and samples:
        for fmt in DATE_FORMATS:
            if all(_parses(s, fmt) for s in samples[:200]):
                if fmt not in NATIVE_DATES:
                    proposal.extra["date_format"] = fmt
                break
    if enum_type is not None:
        allowed = {str(m.value) for m in enum_type}
        codes: dict[str, str] = {}
        for value in dict.fromkeys(samples[:SAMPLE_ROWS]):
            if value in allowed or value in codes or len(codes) >= 50:
                continue
            key = norm(value)
            target = CODE_SYNONYMS.get(key) if CODE_SYNONYMS.get(key) in allowed else None
            if target is None:
                best = process.extractOne(key, list(allowed), scorer=fuzz.WRatio, score_cutoff=80)
                target = best[0] if best else None
            if target is not None:
                codes[value] = target
        if codes:
            proposal.extra["values"] = codes


def _parses(value: str, fmt: str) -> bool:
    try:
        datetime.strptime(value, fmt)
        return True
    except ValueError:
        return False


def suggest(path: Path, source: str) -> list[Proposal]:
    """Proposals for every column of `path` as an export of `source`."""
    spec = SOURCES[source]
    files = outputs(spec)
    header = header_of(path)
    read = read_csv(path, {h.strip().lower(): None for h in header}, set())  # type: ignore[arg-type]
    rows = [r.data for r in read.rows[:SAMPLE_ROWS]]
    proposals: list[Proposal] = []
    numbered: dict[str, dict[str, set[int]]] = {}  # prefix -> template -> numbers
    plain: list[str] = []
    for h in header:
        m = NUMBERED.match(h)
        if m and m["pre"].strip():
            template = f"{m['pre']}{PLACEHOLDER}{m['post']}"
            numbered.setdefault(m["pre"], {}).setdefault(template, set()).add(int(m["n"]))
        else:
            plain.append(h)
    for prefix, templates in numbered.items():
        if max(len(n) for n in templates.values()) < 2:  # a lone "Address 1" is a plain column
            plain += [t.replace(PLACEHOLDER, str(min(n))) for t, n in templates.items()]
            continue
        output = _group_output(prefix, list(templates), files)
        taken: set[str] = set()
        for template, numbers in templates.items():
            suffix = template.split(PLACEHOLDER, 1)[1]
            name, score, why = _match(suffix or prefix, files[output], taken)
            p = Proposal(template, output, name, score, f"{why}; numbered {min(numbers)}..{max(numbers)}", group=prefix)
            if p.confident:
                taken.add(name or "")
                _guess_values(
                    p, files[output], _samples(rows, [template.replace(PLACEHOLDER, str(n)) for n in numbers])
                )
            proposals.append(p)
    proposals = _plain(plain, files[MAIN], rows) + proposals
    return proposals


def _group_output(prefix: str, templates: list[str], files: dict[str, FileSpec]) -> str:
    """The output a numbered group fills: the one whose fields its columns match best."""
    hints = {
        "people": ("person", "people", "named", "associate", "contact"),
        "children": ("child", "young person"),
        "places": ("location", "place", "venue", "address"),
        MAIN: ("referral", "case", "episode", "contact"),
    }
    key = norm(prefix)
    for output in files:
        if any(h in key for h in hints.get(output, ())):
            return output
    scores = {o: sum(_match(t.split(PLACEHOLDER, 1)[1], s, set())[1] for t in templates) for o, s in files.items()}
    return max(scores, key=lambda o: scores[o])


def _plain(headers: list[str], spec: FileSpec, rows: list[dict]) -> list[Proposal]:
    proposals: list[Proposal] = []
    taken: set[str] = set()
    given = next((h for h in headers if norm(h) in GIVEN), None)
    family = next((h for h in headers if norm(h) in FAMILY), None)
    name_field = next((f for f in ("child_name", "name") if f in spec.columns), None)
    if given and family and name_field:
        proposals.append(
            Proposal(
                given,
                MAIN,
                name_field,
                100.0,
                f"given name + family name ({given!r} + {family!r}) joined into the full name",
                also=[family],
            )
        )
        taken.add(name_field)
    for h in headers:
        if proposals and h in (given, family) and proposals[0].also:
            continue
        name, score, why = _match(h, spec, taken)
        p = Proposal(h, MAIN, name, score, why)
        if p.confident:
            taken.add(name or "")
            _guess_values(p, spec, _samples(rows, [h]))
        proposals.append(p)
    return proposals


# --- writing the proposal as a mapping file ----------------------------------------------------


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's); undecodable bytes become U+FFFD."""
    return json.dumps(text.encode("utf-8", "replace").decode("utf-8"), ensure_ascii=False)


def _comment(text: str) -> str:
    """Text safe inside a comment: one line, no control characters (a header cannot break out)."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]", " ", text.encode("utf-8", "replace").decode("utf-8"))[:300]


def _entry(p: Proposal, table: str) -> list[str]:
    sources = [p.column, *p.also]
    lines = [f"# {_comment(' + '.join(sources))} -> {p.field or '?'}: score {p.score:g}, {_comment(p.why)}"]
    body = [
        f"[[{table}]]",
        f"from = {_s(sources[0]) if len(sources) == 1 else '[' + ', '.join(_s(s) for s in sources) + ']'}",
        f"to = {_s(p.field or 'FIELD?')}",
    ]
    if p.extra.get("date_format"):
        body.append(f"date_format = {_s(p.extra['date_format'])}")
    if p.extra.get("list_separator"):
        body.append(f"list_separator = {_s(p.extra['list_separator'])}")
    if p.extra.get("values"):
        body.append("values = { " + ", ".join(f"{_s(k)} = {_s(v)}" for k, v in p.extra["values"].items()) + " }")
    if not p.confident:
        lines.append("# not confident: decide, then remove the '#' from the lines below (or leave the column out)")
        body = [f"# {line}" for line in body]
    return lines + body + [""]


def render(proposals: list[Proposal], source: str, filename: str) -> str:
    """The proposal as a mapping file with a comment per column saying why."""
    spec = SOURCES[source]
    out = [
        f"# Mapping proposed by `jigsaw map suggest` for {_comment(filename)} as a {source} export.",
        "# Review every entry (score and reason are above each), then `jigsaw map check` it against the file.",
        f"source = {_s(source)}",
        f"name = {_s('Export ' + Path(filename).stem)}",
        "",
    ]
    borough = "borough" in spec.main.columns and not any(
        p.field == "borough" and p.output == MAIN and p.confident for p in proposals
    )
    if borough:
        out += [
            "# No borough column found: a borough's own export names its borough here.",
            "# [[columns]]",
            '# value = "BOROUGH"',
            '# to = "borough"',
            "",
        ]
    for p in proposals:
        if p.group is None:
            out += _entry(p, "columns")
    groups: dict[str, list[Proposal]] = {}
    for p in proposals:
        if p.group is not None:
            groups.setdefault(p.group, []).append(p)
    for prefix, members in groups.items():
        head = ["[[repeat]]", f"output = {_s(members[0].output)}"]
        if not any(p.confident for p in members):  # a group with no column yet is not valid: left for a person
            head = [f"# {line}" for line in head]
        out += [
            f"# Numbered columns {_comment(prefix)}{PLACEHOLDER}...: one {members[0].output} row per number",
            *head,
            "",
        ]
        for p in members:
            out += _entry(p, "repeat.columns")
    return "\n".join(out)
