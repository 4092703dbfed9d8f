"""The contradiction veto: what two records say that cannot both be true of one young person.

A contradicted pair is never linked automatically, whatever its name score: it goes to an
analyst with each contradiction in words (docs/identity.md). Merging two children wrongly
puts one child's history on another, so a doubt here costs a review, never a merge.
"""

from __future__ import annotations

from datetime import date

from .compare import MentionData, fold

# Roles that say the person was a child on the record's date.
CHILD_ROLES = {
    "child_at_risk": "a child at risk",
    "child_displaying_hsb": "a child displaying harmful sexual behaviour",
    "child_harmed": "a child harmed by harmful sexual behaviour",
}
ADULT_AGE = 18
KNOWN_GENDERS = {"female", "male", "non_binary"}


def age_on(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def role_and_age(a: MentionData, b: MentionData) -> str | None:
    """One record is about a child on its date; the other's date of birth makes them an adult
    (or not yet born) on that date."""
    for child, other in ((a, b), (b, a)):
        if child.role in CHILD_ROLES and child.record_date and other.dob:
            age = age_on(other.dob, child.record_date)
            if age >= ADULT_AGE or other.dob > child.record_date:
                then = f"{age} then" if age >= 0 else "not yet born then"
                return (
                    f"one record is about {CHILD_ROLES[child.role]} on {child.record_date.isoformat()}, but the other "
                    f"gives a date of birth ({other.dob.isoformat()}) that makes them {then}"
                )
    return None


def places(a: MentionData, b: MentionData) -> str | None:
    """Different schools, boroughs and postcodes all at once: two young people's lives, not one."""
    if not (a.school and b.school and a.borough and b.borough and a.postcode and b.postcode):
        return None
    if fold(a.school) == fold(b.school) or fold(a.borough) == fold(b.borough) or fold(a.postcode) == fold(b.postcode):
        return None
    return (
        f"different schools ({a.school}; {b.school}), boroughs ({a.borough}; {b.borough}) "
        f"and postcodes ({a.postcode}; {b.postcode}) at once"
    )


def gender(a: MentionData, b: MentionData) -> str | None:
    if a.gender in KNOWN_GENDERS and b.gender in KNOWN_GENDERS and a.gender != b.gender:
        return f"recorded genders differ ({a.gender.replace('_', '-')}; {b.gender.replace('_', '-')})"
    return None


def contradictions(a: MentionData, b: MentionData) -> tuple[str, ...]:
    """Every contradiction between two mentions, in words, for the veto and the review page."""
    return tuple(found for check in (role_and_age, places, gender) if (found := check(a, b)))


def about_the_person(a: MentionData, b: MentionData) -> str | None:
    """The contradictions that hold between any two records of one person, however they were
    joined: role against age, and gender. (Places are checked pair by pair: a child moves.)"""
    return role_and_age(a, b) or gender(a, b)
