"""Step 1: normalise what an agency recorded into comparable parts. Pure functions.

Case, accents and punctuation are folded; hyphenated and double-barrelled surnames give
every part; first names map to the set of canonical names they may stand for (Alex ->
Alexander, Alexandra, ...), so a nickname agrees with the full name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import jellyfish
from nicknames import NickNamer

from graph_loader.keys import fold

_NAMER = NickNamer()
# Spellings that the nickname table does not hold but London records often show.
_VARIANTS = {
    "mohammed": "muhammad",
    "mohammad": "muhammad",
    "mohamed": "muhammad",
    "muhammed": "muhammad",
    "jaydn": "jayden",
    "jaden": "jayden",
    "jaiden": "jayden",
    "aaliyah": "aliyah",
}


# A letter said aloud is how a young person called by an initial is written down ("Tee" for
# T, "Jay" for J): read as that initial, not as a given name or a surname.
SPOKEN_LETTERS = {
    "ay": "a",
    "bee": "b",
    "cee": "c",
    "dee": "d",
    "ee": "e",
    "eff": "f",
    "gee": "g",
    "aitch": "h",
    "jay": "j",
    "kay": "k",
    "el": "l",
    "em": "m",
    "en": "n",
    "pee": "p",
    "cue": "q",
    "ar": "r",
    "ess": "s",
    "tee": "t",
    "vee": "v",
    "ex": "x",
    "zed": "z",
    "zee": "z",
}


def spoken_letter(word: str) -> str:
    """'tee' -> 't'; a single letter stays itself; any other word gives ''."""
    return word if len(word) == 1 else SPOKEN_LETTERS.get(word, "")


@dataclass(frozen=True)
class NameParts:
    given: str  # first given name, folded ("" when only an initial or nothing was recorded)
    initial: str  # first letter of the given name
    family: tuple[str, ...]  # every part of the family name ("smith", "jones" for Smith-Jones)
    given_forms: frozenset[str] = field(default_factory=frozenset)  # the given name and what it may stand for
    phonetic_family: str = ""


@lru_cache(maxsize=65536)
def given_forms(given: str) -> frozenset[str]:
    base = _VARIANTS.get(given, given)
    forms = {given, base} | set(_NAMER.canonicals_of(base)) | set(_NAMER.nicknames_of(base))
    return frozenset(f for f in forms if f)


@lru_cache(maxsize=262144)
def name_parts(name: str | None, given_name: str | None = None, family_name: str | None = None) -> NameParts:
    """'Jaydn SMITH-Jones' -> given 'jaydn', family ('smith', 'jones'); 'J. Smith' -> initial only.

    A single word ('Tee') is a given name or a street name, never a family name: agencies record
    a young person by first or street name alone far more often than by surname alone. Given and
    family names recorded apart are taken as recorded, not guessed from the full name.
    """
    if given_name or family_name:
        given_tokens, family_tokens = fold(given_name or "").split(), fold(family_name or "").split()
        given = given_tokens[0] if given_tokens else ""
    else:
        folded = fold(name or "").split()
        if not folded:
            return NameParts("", "", ())
        given, family_tokens = folded[0], folded[1:]
        if not family_tokens and spoken_letter(given):
            given = spoken_letter(given)  # "Tee" alone: the initial T, compared as an initial
    family = tuple(dict.fromkeys(family_tokens))  # fold() already split "Smith-Jones" into two parts
    initial = given[:1]
    if len(given) == 1:  # "J." was recorded
        given = ""
    return NameParts(
        given=given,
        initial=initial,
        family=family,
        given_forms=given_forms(given) if given else frozenset(),
        phonetic_family=jellyfish.nysiis(family[-1]) if family else "",
    )


def dob_variants(dob: date | None) -> set[date]:
    """The date, and the date with day and month swapped (a common keying error) when valid."""
    if dob is None:
        return set()
    out = {dob}
    if dob.day <= 12 and dob.day != dob.month:
        out.add(date(dob.year, dob.day, dob.month))
    return out


def digits(dob: date) -> str:
    return dob.strftime("%d%m%Y")
