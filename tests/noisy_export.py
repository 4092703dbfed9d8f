"""An independent noise injector: agency exports as they really arrive, over generator output.

Written apart from the demo generator's own noise (fixtures/generator/noise.py) and run at a
seed the loader was never written against, so a test over it is not a test of what the
generator happens to produce. It rewrites the CSV files of a folder in place, the way
case systems and hand conversion spoil them:

- one-digit slips in dates of birth (a child made 23 on the referral date), swapped day and
  month (some then impossible), blank dates of birth on about 8 % of nominals;
- unknown codes ("Cat 1", "F", "Police Dept", "chicken shop"), stray whitespace and case;
- referrals without concern types; single-word names ("Tee") and street names;
- schools on named people and on nominals; associates of nominals who are not on the matrix;
- names split into given and family columns (the full name left blank);
- a very few rows that truly cannot be placed (no id), which must be quarantined.

`Planted` lists what was done, so a test can check each doubtful value is shown with its reason.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SEED = 20261129  # fresh: nothing in the loader was written against it

UNKNOWN_CODES = {
    "cse_category": ["Cat 1", "CSE2", "unknown", "4"],
    "referring_agency": ["Police Dept", "GP", "LA"],
    "child_gender": ["F", "M", "girl"],
    "gender": ["F", "M", "boy"],
    "harm_band": ["purple", "high"],
    "place_type": ["chicken shop", "estate", "stairwell"],
    "role": ["friend", "uncle?"],
}
SINGLE_NAMES = ["Tee", "Biggz", "Jojo", "Kay", "Sparks", "Dee", "Milo", "Rico"]
SCHOOLS = [
    "Stoke Newington School",
    "Mossbourne Academy",
    "Harris Academy Peckham",
    "Walworth Academy",
    "Kingsdale Foundation School",
]


@dataclass
class Planted:
    """What the injector did: (file, record id, field) for each value that must show as doubtful."""

    doubtful: list[tuple[str, str, str]] = field(default_factory=list)
    unplaceable: list[tuple[str, int]] = field(default_factory=list)  # (file, row number) that must be rejected
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _older_slip(dob: date) -> str:
    """A slip in the year's tens digit, as keyed (2010 -> 2000, 2008 -> 1998): ten years older."""
    return f"{dob.day:02d}/{dob.month:02d}/{dob.year - 10}"


def impossible_for_a_child(text: str, on: date) -> bool:
    """What the data dictionary says a child's date of birth cannot be: no date, after the record, 18 or over."""
    try:
        day, month, year = (int(x) for x in text.split("/"))
        dob = date(year, month, day)
    except ValueError:
        return True
    age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    return dob > on or age >= 18


def _swapped(dob: date) -> str:
    """Day and month swapped as keyed: impossible when the day is over 12."""
    return f"{dob.month:02d}/{dob.day:02d}/{dob.year}"


def _messy(rng: random.Random, value: str) -> str:
    """Stray whitespace and case that a careful reader must see through."""
    if not value:
        return value
    choice = rng.random()
    if choice < 0.4:
        return f"  {value} "
    if choice < 0.7:
        return value.upper()
    return value.lower() + "\t"


def _split_name(row: dict[str, str], name: str, given: str, family: str) -> bool:
    parts = row.get(name, "").split()
    if len(parts) < 2:
        return False
    row[given], row[family], row[name] = " ".join(parts[:-1]), parts[-1], ""
    return True


def make_noisy(folder: Path, seed: int = SEED) -> Planted:
    """Spoil the CSV files in `folder` (generator output) in place; returns what was planted."""
    rng = random.Random(seed)
    planted = Planted()

    # --- MASH referrals ------------------------------------------------------------------
    path = folder / "mash_referrals.csv"
    header, rows = _read(path)
    for row in rows:
        rid = row["referral_id"]
        dob, on = _iso(row["child_dob"]), _iso(row["date_received"])
        roll = rng.random()
        if dob and on and roll < 0.04:
            row["child_dob"] = _older_slip(dob) if roll < 0.02 else _swapped(dob)
            slip = "one-digit slip" if roll < 0.02 else "day and month swapped"
            if impossible_for_a_child(row["child_dob"], on):
                planted.doubtful.append((path.name, rid, "child_dob"))
                planted.count(f"child date of birth: {slip}, impossible")
            else:
                planted.count(f"child date of birth: {slip}, plausible (cannot be caught)")
        if rng.random() < 0.02:
            row["cse_category"] = rng.choice(UNKNOWN_CODES["cse_category"])
            planted.doubtful.append((path.name, rid, "cse_category"))
            planted.count("unknown CSE category")
        if rng.random() < 0.01:
            row["referring_agency"] = rng.choice(UNKNOWN_CODES["referring_agency"])
            planted.doubtful.append((path.name, rid, "referring_agency"))
            planted.count("unknown referring agency")
        if rng.random() < 0.02:
            row["child_gender"] = rng.choice(UNKNOWN_CODES["child_gender"])
            planted.doubtful.append((path.name, rid, "child_gender"))
            planted.count("unknown gender code")
        if rng.random() < 0.05:
            row["concern_types"] = ""
            planted.count("concern types missing")
        if rng.random() < 0.10:
            row["borough"] = _messy(rng, row["borough"])
            row["referring_agency"] = (
                row["referring_agency"]
                if (path.name, rid, "referring_agency") in planted.doubtful
                else _messy(rng, row["referring_agency"])
            )
            planted.count("stray whitespace and case")
        if (
            rng.random() < 0.15
            and "child_given_name" in header
            and _split_name(row, "child_name", "child_given_name", "child_family_name")
        ):
            planted.count("child name split into given and family")
    # A couple of rows that cannot be placed at all: no referral id.
    for index in rng.sample(range(len(rows)), k=max(1, len(rows) // 2000)):
        rows[index]["referral_id"] = ""
        planted.unplaceable.append((path.name, index + 2))
    _write(path, header, rows)
    lost = {r["referral_id"] for r in rows if not r["referral_id"]}

    # --- people named in referrals -------------------------------------------------------
    path = folder / "mash_people.csv"
    header, rows = _read(path)
    for row in rows:
        rid = row["referral_id"]
        if rng.random() < 0.25:
            row["school"] = rng.choice(SCHOOLS)
            planted.count("school of a named person")
        if rng.random() < 0.03:
            row["name"] = rng.choice(SINGLE_NAMES)
            planted.count("single-word name")
        elif rng.random() < 0.10 and _split_name(row, "name", "given_name", "family_name"):
            planted.count("person name split into given and family")
        if rng.random() < 0.01:
            row["gender"] = rng.choice(UNKNOWN_CODES["gender"])
            planted.doubtful.append((path.name, rid, "gender"))
            planted.count("unknown gender code")
        if rng.random() < 0.005:
            row["role"] = rng.choice(UNKNOWN_CODES["role"])
            planted.doubtful.append((path.name, rid, "role"))
            planted.count("unknown role")
    _write(path, header, rows)

    # --- places named in referrals -------------------------------------------------------
    path = folder / "mash_places.csv"
    header, rows = _read(path)
    for row in rows:
        if rng.random() < 0.01:
            row["place_type"] = rng.choice(UNKNOWN_CODES["place_type"])
            planted.doubtful.append((path.name, row["referral_id"], "place_type"))
            planted.count("unknown place type")
        elif rng.random() < 0.05:
            row["place_type"] = _messy(rng, row["place_type"])
            planted.count("stray whitespace and case")
    _write(path, header, rows)

    # --- gangs matrix --------------------------------------------------------------------
    path = folder / "matrix_nominals.csv"
    header, rows = _read(path)
    associates: list[dict[str, str]] = []
    for row in rows:
        nid = row["nominal_id"]
        if rng.random() < 0.08:
            row["dob"] = ""
            planted.doubtful.append((path.name, nid, "dob"))
            planted.count("nominal without a date of birth")
        if rng.random() < 0.02:
            row["harm_band"] = rng.choice(UNKNOWN_CODES["harm_band"])
            planted.doubtful.append((path.name, nid, "harm_band"))
            planted.count("unknown harm band")
        if rng.random() < 0.3:
            row["school"] = rng.choice(SCHOOLS)
            planted.count("school of a nominal")
        if rng.random() < 0.1 and _split_name(row, "name", "given_name", "family_name"):
            planted.count("nominal name split into given and family")
        if rng.random() < 0.3:
            by_street_name = rng.random() < 0.5
            associates.append(
                {
                    "nominal_id": nid,
                    "associate_ref": "A1",
                    "name": ""
                    if by_street_name
                    else f"{rng.choice(['Marcus', 'Dwayne', 'Kofi', 'Reece'])} "
                    f"{rng.choice(['Reid', 'Mensah', 'Okafor'])}",
                    "street_name": rng.choice(SINGLE_NAMES) if by_street_name or rng.random() < 0.5 else "",
                    "dob": ""
                    if by_street_name
                    else f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2003, 2008)}",
                }
            )
            planted.count("associate not on the matrix")
    _write(path, header, rows)
    assoc_header = ["nominal_id", "associate_ref", "name", "street_name", "dob"]
    _write(folder / "matrix_associates.csv", assoc_header, associates)

    # --- HSB children --------------------------------------------------------------------
    _, cases = _read(folder / "hsb_cases.csv")
    opened = {c["case_id"]: _iso(c["date_opened"]) for c in cases}
    path = folder / "hsb_children.csv"
    header, rows = _read(path)
    for row in rows:
        on = opened.get(row["case_id"])
        if rng.random() < 0.05 and (dob := _iso(row["dob"])) and on:
            row["dob"] = _older_slip(dob)
            if impossible_for_a_child(row["dob"], on):
                planted.doubtful.append((path.name, row["case_id"], "dob"))
                planted.count("child date of birth: one-digit slip, impossible")
    _write(path, header, rows)

    planted.counts["referrals that cannot be placed (no id)"] = len(lost)
    return planted
