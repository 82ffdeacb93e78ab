"""What comes in: the incident, its history and the officials around it.

Every class is a frozen attrs class; dates are pendulum values in Asia/Shanghai,
money is ``decimal.Decimal``. Facts the caller does not know stay ``None`` so
that a rule needing them is reported as not evaluable instead of not applying.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pendulum

# The vocabulary's codes are plain strings, checked against the vocabulary in force when the input is read
# (accountability.vocabulary: tables/vocabulary.toml plus what the tables add). These names say which group
# a field's code belongs to; ``term(GROUP)`` records it on the field, for the reader and the JSON Schema.
Post = str
Sector = str
AccidentType = str
Status = str
UnitKind = str
ReportFailure = str
System = str
Level = str
Form = str
Sanction = str
Activity = str


def term(group: str, **kwargs: Any) -> Any:
    """A field holding a code (or a tuple of codes) of the vocabulary's ``group``."""
    return attrs.field(metadata={"vocabulary": group}, **kwargs)


def flags(group: str) -> Any:
    """A field holding the yes/no facts of the vocabulary's ``group`` that are true (JSON: one key a fact)."""
    return attrs.field(default=frozenset(), converter=frozenset, metadata={"vocabulary": group, "flags": True})


@attrs.frozen
class Record:
    """One dated record (JSON: {"date", "activity", "note"})."""

    day: pendulum.Date
    activity: Activity = term("activity")
    note: str | None = None


@attrs.frozen
class Ledger:
    """An official's dated records for a period, both ends included (JSON: {"from", "to", "level", "records"})."""

    start: pendulum.Date
    end: pendulum.Date
    records: tuple[Record, ...] = ()
    level: Level | None = term("level", default=None)


@attrs.frozen
class Moment:
    """A point in time as the input knows it.

    ``day`` is always the calendar date in Asia/Shanghai; ``instant`` is the
    exact timestamp when the input gave one (a date alone leaves it ``None``).
    """

    day: pendulum.Date
    instant: pendulum.DateTime | None = None


@attrs.frozen
class Unit:
    name: str | None = None
    kind: UnitKind | None = term("unit_kind", default=None)
    state_owned: bool | None = None
    capacity_tpy: int | None = None
    # several responsible units: each unit's share of the responsibility, as the caller states it
    share: Decimal | None = None


@attrs.frozen
class Jurisdiction:
    system: System | None = term("system", default=None)
    level: Level | None = term("level", default=None)
    name: str | None = None
    # extension: the province (省、自治区、直辖市) the place is in, so that a province's rules can be chosen
    province: str | None = None
    city: str | None = None
    county: str | None = None
    division: str | None = None


@attrs.frozen
class Incident:
    occurred_at: Moment
    deaths: int
    id: str | None = None
    learned_at: Moment | None = None
    reported_at: Moment | None = None
    serious_injuries: int = 0
    direct_loss_cny: Decimal = Decimal(0)
    sector: Sector | None = term("sector", default=None)
    accident_type: AccidentType | None = term("accident_type", default=None)
    # the incident's yes/no facts that are true (vocabulary group incident_fact: responsibility_accident,
    # major_social_impact, egregious, especially_serious, caused_by_poor_work, …); JSON: one key each
    facts: frozenset[str] = flags("incident_fact")
    unit: Unit | None = None
    responsible_unit: Unit | None = None
    # several responsible units (a contractor and the unit where it happened); responsible_unit is the one-item form
    responsible_units: tuple[Unit, ...] = ()
    # how the accident was misreported (迟报、漏报、谎报、瞒报), as the investigation found
    report_failure: tuple[ReportFailure, ...] = term("report_failure", default=())
    jurisdiction: Jurisdiction | None = None

    @property
    def day(self) -> pendulum.Date:
        return self.occurred_at.day

    @property
    def responsible(self) -> tuple[Unit | None, ...]:
        """The units that bear responsibility: the list, the one unit, else the unit where it happened."""
        if self.responsible_units:
            return self.responsible_units
        return (self.responsible_unit or self.unit,)


@attrs.frozen
class Conduct:
    """Conduct facts per official (docs/rules.md §4, §5, §7); every flag defaults to false."""

    # the flags given as true (vocabulary group ``conduct``); JSON: {"FLAG": true, …}, absent or false: not here
    flags: frozenset[str] = flags("conduct")

    @classmethod
    def of(cls, **given: bool) -> Conduct:
        """``Conduct.of(cooperated=True)``: the flags given as true."""
        return cls(frozenset(name for name, value in given.items() if value))

    def __contains__(self, flag: str) -> bool:
        return flag in self.flags

    def with_flag(self, flag: str) -> Conduct:
        return Conduct(self.flags | {flag})


@attrs.frozen
class Official:
    id: str
    post: Post = term("post")
    name: str | None = None
    portfolio: tuple[Sector, ...] = term("sector", default=())
    signatory: bool = False
    status: Status = term("status", default="in_office")
    unit: str | None = None
    conduct: Conduct = Conduct()
    proposed_form: tuple[Form, ...] = term("form", default=())
    proposed_discipline: tuple[Sanction, ...] = term("sanction", default=())
    previous_year_income_cny: Decimal | None = None
    # the level of their own jurisdiction (default: the incident's): a city's leaders are not a county's
    level: Level | None = term("level", default=None)
    # extension: dated records of duties performed (see duties.py); checked against the duty catalogue
    ledger: Ledger | None = None


@attrs.frozen
class LedgerCase:
    """``accountability duties``: one official's ledger, checked against a regime's duty catalogue."""

    official: Official
    regime: str = "card"


@attrs.frozen
class Assessment:
    year: int
    name: str | None = None
    unit_kind: UnitKind | None = term("unit_kind", default=None)
    score: Decimal | None = None
    designated: bool | None = None
    published_on: pendulum.Date | None = None
    consecutive_advanced_years: int = 0
    failed: bool | None = None


@attrs.frozen
class Case:
    """One assessment request: the JSON input of docs/contract.md as typed data."""

    incident: Incident
    # None (or "auto"): the regimes that govern the incident's place on its date are chosen (selection.py)
    regime: str | None = None
    history: tuple[Incident, ...] = ()
    officials: tuple[Official, ...] = ()
    decided_on: pendulum.Date | None = None
    assessment: Assessment | None = None


@attrs.frozen
class Review:
    """``accountability review``: one unit's year — its assessment, its incidents, its signatories."""

    assessment: Assessment
    regime: str = "card"
    incidents: tuple[Incident, ...] = ()
    officials: tuple[Official, ...] = ()
