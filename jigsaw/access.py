"""Roles and need to know: what each role may open, and which sources and boroughs it may read.

The scope is enforced in the query layer (`catalogue.run(..., scope=...)`): a scoped user
can only run queries whose header says they honour `$sources` and `$boroughs`, and those
queries filter every record by them. A page or a URL cannot get round it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .cypher_files import sources

ALL_SOURCES = tuple(sources())  # the source registry's keys (cypher/vocabulary.json): a new source is in scope at once


class UserRole(StrEnum):
    admin = "admin"
    cse_analyst = "cse_analyst"
    gangs_liaison = "gangs_liaison"
    mase_viewer = "mase_viewer"
    auditor = "auditor"


ROLE_LABELS = {
    UserRole.admin: "Administrator",
    UserRole.cse_analyst: "CSE analyst",
    UserRole.gangs_liaison: "Gangs liaison officer",
    UserRole.mase_viewer: "MASE viewer (presentation only)",
    UserRole.auditor: "Auditor (audit trail only)",
}

# The explorer pages each role may open (file stems under explorer/views).
ANALYST_PAGES = (
    "overview",
    "search",
    "person",
    "connections",
    "places",
    "gang_overlap",
    "peer_groups",
    "identity_review",
    "queries",
    "mase",
    "reports",
    "governance",
    "investigations",
)
ROLE_PAGES: dict[UserRole, tuple[str, ...]] = {
    UserRole.admin: ANALYST_PAGES + ("audit", "load_data"),
    UserRole.cse_analyst: ANALYST_PAGES,
    UserRole.gangs_liaison: ANALYST_PAGES,
    UserRole.mase_viewer: ("mase",),
    UserRole.auditor: ("audit", "governance"),
}

# Sources each role reads unless an administrator narrows them to what the account's
# information-sharing agreement allows (`jigsaw users add NAME --role R --source mash ...`).
DEFAULT_SOURCES: dict[UserRole, tuple[str, ...]] = {
    UserRole.admin: ALL_SOURCES,
    UserRole.cse_analyst: ALL_SOURCES,
    UserRole.gangs_liaison: ALL_SOURCES,
    UserRole.mase_viewer: ALL_SOURCES,
    UserRole.auditor: (),
}


# Roles that may see children's names and dates of birth (identified reports and packages).
# A MASE viewer sees pseudonyms only; an auditor sees the audit trail only.
NAMED_ROLES = frozenset({UserRole.admin, UserRole.cse_analyst, UserRole.gangs_liaison})


def may_see_names(role: UserRole) -> bool:
    return role in NAMED_ROLES


@dataclass(frozen=True)
class Scope:
    """What one user may read. `boroughs` None means every borough."""

    sources: tuple[str, ...] = ALL_SOURCES
    boroughs: tuple[str, ...] | None = None

    @property
    def unrestricted(self) -> bool:
        return set(self.sources) >= set(ALL_SOURCES) and self.boroughs is None

    def params(self) -> dict:
        return {
            "scope_sources": list(self.sources),
            "scope_boroughs": None if self.boroughs is None else list(self.boroughs),
        }


FULL_SCOPE = Scope()
