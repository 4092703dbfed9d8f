"""Controlled vocabularies of the London common dataset.

Each enum's value is what goes in a file; its docstring and `DESCRIPTIONS` feed the data
dictionary. Wording follows the primer: a child is "at risk" or "harmed", never otherwise.
"""

from __future__ import annotations

from enum import StrEnum

LONDON_BOROUGHS: tuple[str, ...] = (
    "Barking and Dagenham",
    "Barnet",
    "Bexley",
    "Brent",
    "Bromley",
    "Camden",
    "Croydon",
    "Ealing",
    "Enfield",
    "Greenwich",
    "Hackney",
    "Hammersmith and Fulham",
    "Haringey",
    "Harrow",
    "Havering",
    "Hillingdon",
    "Hounslow",
    "Islington",
    "Kensington and Chelsea",
    "Kingston upon Thames",
    "Lambeth",
    "Lewisham",
    "Merton",
    "Newham",
    "Redbridge",
    "Richmond upon Thames",
    "Southwark",
    "Sutton",
    "Tower Hamlets",
    "Waltham Forest",
    "Wandsworth",
    "Westminster",
)


class ReferringAgency(StrEnum):
    """Who made the referral to the MASH."""

    police = "police"
    school = "school"
    health = "health"
    childrens_social_care = "childrens_social_care"
    voluntary_sector = "voluntary_sector"
    other = "other"


class CseCategory(StrEnum):
    """Met CSE category: 1 targeted/groomed, 2 opportunistic abuse, 3 habitual exploitation."""

    none = "none"
    one = "1"
    two = "2"
    three = "3"


class ConcernType(StrEnum):
    """What the referral is about; several may apply."""

    cse = "cse"
    missing = "missing"
    gangs = "gangs"
    hsb = "hsb"
    online = "online"
    other = "other"


class Gender(StrEnum):
    """Gender as recorded by the agency."""

    female = "female"
    male = "male"
    non_binary = "non_binary"
    not_known = "not_known"


class NamedPersonRole(StrEnum):
    """The role towards the referred child of another person named in a MASH referral."""

    associate = "associate"
    partner = "partner"
    suspected_perpetrator = "suspected_perpetrator"
    family = "family"
    professional = "professional"


class HsbRole(StrEnum):
    """A child's part in an HSB case."""

    displaying_hsb = "displaying_hsb"
    harmed = "harmed"


class PlaceType(StrEnum):
    """Kinds of place that matter for contextual safeguarding (the primer's list)."""

    park = "park"
    takeaway = "takeaway"
    cafe = "cafe"
    hotel_or_bnb = "hotel_or_bnb"
    licensed_premises = "licensed_premises"
    taxi_or_minicab_firm = "taxi_or_minicab_firm"
    childrens_home = "childrens_home"
    school = "school"
    transport_hub = "transport_hub"
    private_address = "private_address"
    trap_house = "trap_house"
    online_platform = "online_platform"
    other = "other"


class ClaimKind(StrEnum):
    """What kind of claim a link is: never blur a recorded fact with an allegation."""

    recorded_fact = "recorded_fact"
    allegation = "allegation"
    intelligence = "intelligence"


class HarmBand(StrEnum):
    """Gangs matrix harm score band."""

    red = "red"
    amber = "amber"
    green = "green"


class MatrixStatus(StrEnum):
    active = "active"
    removed = "removed"


class HsbSetting(StrEnum):
    school = "school"
    home = "home"
    public_place = "public_place"
    online = "online"
    other = "other"


class AimLevel(StrEnum):
    """AIM assessment level of concern."""

    low = "low"
    medium = "medium"
    high = "high"
    not_assessed = "not_assessed"


class HsbOutcome(StrEnum):
    open = "open"
    nfa = "nfa"
    intervention = "intervention"
    referred_to_police = "referred_to_police"
    closed = "closed"


class Role(StrEnum):
    """Roles a record gives a person in the graph (on the record-to-mention relationship)."""

    child_at_risk = "child_at_risk"
    suspected_perpetrator = "suspected_perpetrator"
    associate = "associate"
    partner = "partner"
    family = "family"
    professional = "professional"
    gang_nominal = "gang_nominal"
    child_displaying_hsb = "child_displaying_hsb"
    child_harmed = "child_harmed"


# Role groups: the one definition of which roles count as what. Views import them; Cypher
# reads them as parameters ($child_roles, $harming_roles, ...; graph_loader/vocabulary.py),
# so no query restates a list of roles.

# The roles that make a mention the subject of its record: the child a referral is about,
# the nominal an entry is about, the children in an HSB case. Other roles are stated
# towards the subject, so a record ties its subject to each of them, not them to each other.
SUBJECT_ROLES = (Role.child_at_risk, Role.gang_nominal, Role.child_displaying_hsb, Role.child_harmed)

# A child harmed or at risk: who a safeguarding picture is about.
CHILD_ROLES = (Role.child_at_risk, Role.child_harmed)

# Someone a record says may harm a child: a suspected perpetrator, a child displaying HSB.
HARMING_ROLES = (Role.suspected_perpetrator, Role.child_displaying_hsb)

# The people a MASE meeting follows: children harmed or at risk, those who may harm them, and nominals.
CONCERN_ROLES = CHILD_ROLES + HARMING_ROLES + (Role.gang_nominal,)

# The people around a child whose gang ties matter: children, those who may harm them, and their
# associates and partners (not family or professionals, and not nominals, whose tie is their entry).
PEER_ROLES = CHILD_ROLES + HARMING_ROLES + (Role.associate, Role.partner)


# When a file leaves `claim` blank, this is what each role is taken to be. An allegation
# is never upgraded to a fact by default.
DEFAULT_CLAIM: dict[Role, ClaimKind] = {
    Role.child_at_risk: ClaimKind.recorded_fact,
    Role.suspected_perpetrator: ClaimKind.allegation,
    Role.associate: ClaimKind.intelligence,
    Role.partner: ClaimKind.intelligence,
    Role.family: ClaimKind.recorded_fact,
    Role.professional: ClaimKind.recorded_fact,
    Role.gang_nominal: ClaimKind.intelligence,
    Role.child_displaying_hsb: ClaimKind.recorded_fact,
    Role.child_harmed: ClaimKind.recorded_fact,
}
