"""The right law for the place and the day: which regimes govern an incident.

Each table may declare where it governs and from which day (``[table.governs]``). Without a
``regime`` in the input, :func:`select` reads the incident's jurisdiction and the accident's date
and chooses every table that governs that place on that day, with national law; the result says
which and why, as coded reasons (a stable ``code``, its ``params`` and an English ``text``). A
regime asked for by name always wins (:func:`choose`); its reasons then say whether its place and
dates fit the incident.

Pure functions of the case and the catalog: the same input gives the same choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pendulum

from .catalog import Catalog
from .engine import assess_case
from .events import ev
from .model import Case, Jurisdiction
from .outcome import NotApplied, Reason, Result, Selection
from .rules import Place, Regime, Table

AUTO = "auto"  # "regime": "auto" in the input (or --regime auto) asks for the choice as when absent

# Codes of the reasons (stable: front ends render them; the text is a convenience).
EXPLICIT = "explicit"  # the regime was asked for by name
NO_JURISDICTION = "no_jurisdiction"  # the input names no jurisdiction: national law alone
SYSTEM_FROM_LEVEL = "system_from_level"  # no system given: an XPCC level (兵团/师/团) says xpcc
SYSTEM_ASSUMED_LOCAL = "system_assumed_local"  # no system given, no XPCC level or division: local
PROVINCE_FROM_CITY = "province_from_city"  # no province given: a table places the city in one
GOVERNS = "governs"  # a table governs the place on the day: chosen
DATE_UNKNOWN = "date_unknown"  # a chosen table's documents give no date of effect
NOT_IN_FORCE_YET = "not_in_force_yet"  # a table governs the place, from a later day
NO_LOCAL_TABLE = "no_local_table"  # no table governs the place: national law alone
NATIONAL = "national"  # national law applies everywhere, in its own eras
OUTSIDE_PLACE = "outside_place"  # a regime asked for by name governs elsewhere
CODES = (
    EXPLICIT,
    NO_JURISDICTION,
    SYSTEM_FROM_LEVEL,
    SYSTEM_ASSUMED_LOCAL,
    PROVINCE_FROM_CITY,
    GOVERNS,
    DATE_UNKNOWN,
    NOT_IN_FORCE_YET,
    NO_LOCAL_TABLE,
    NATIONAL,
    OUTSIDE_PLACE,
)


XPCC_LEVELS = ("bingtuan", "division", "regiment")
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "省", "市", "区", "县", "盟")


class UnknownRegime(ValueError):
    """A regime asked for by name that no table provides."""


def _reason(code: str, **params: str) -> Reason:
    return ev(code, **params)


def same_name(a: str | None, b: str | None) -> bool:
    """Two names of one place: equal, or equal without the suffix of their kind (贵阳 = 贵阳市)."""
    if a is None or b is None:
        return False
    return a.strip() == b.strip() or _bare(a) == _bare(b)


def _bare(name: str) -> str:
    name = name.strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name.removesuffix(suffix)
    return name


@attrs.frozen
class Where:
    """The incident's place as the selection reads it."""

    system: str | None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    name: str | None = None

    def describe(self) -> str:
        parts = [f"system={self.system or '?'}"]
        for key in ("province", "city", "county", "name"):
            value = getattr(self, key)
            if value:
                parts.append(f"{key}={value}")
        return ", ".join(parts)


def _where(j: Jurisdiction, tables: Mapping[str, Table], reasons: list[Reason]) -> Where:
    system = j.system
    if system is None:
        if j.level in XPCC_LEVELS or j.division is not None:
            system = "xpcc"
            reasons.append(
                _reason(
                    SYSTEM_FROM_LEVEL,
                    system=system,
                )
            )
        else:
            system = "local"
            reasons.append(_reason(SYSTEM_ASSUMED_LOCAL, system=system))
    province = j.province or (j.name if j.level == "province" else None)
    city = j.city or (j.name if j.level == "city" else None)
    county = j.county or (j.name if j.level == "county" else None)
    if province is None and city is not None and system == "local":
        for table_name in sorted(tables):
            governs = tables[table_name].governs
            hit = next(
                (p for p in (governs.places if governs else ()) if p.province and same_name(p.city, city)),
                None,
            )
            if hit is not None:
                province = hit.province
                reasons.append(
                    _reason(
                        PROVINCE_FROM_CITY,
                        city=city,
                        province=str(province),
                        regime=table_name,
                    )
                )
                break
    return Where(system=system, province=province, city=city, county=county, name=j.name)


def matches(place: Place, where: Where) -> bool:
    """Whether a table's place covers the incident's (every key the place gives must match)."""
    if place.system == "nationwide":
        return True
    if place.system != where.system:
        return False
    for key in ("province", "city", "county"):
        wanted = getattr(place, key)
        if wanted is not None and not same_name(wanted, getattr(where, key)):
            return False
    return not place.body or any(same_name(b, where.name) for b in place.body)


def _conflicts(place: Place, where: Where) -> bool:
    """Whether the incident's place is definitely not the table's (a fact the input does not give
    is no conflict: 温州市 without its province is not outside 浙江省)."""
    if place.system == "nationwide":
        return False
    if place.system != where.system:
        return True
    for key in ("province", "city", "county"):
        wanted, given = getattr(place, key), getattr(where, key)
        if wanted is not None and given is not None and not same_name(wanted, given):
            return True
    return bool(place.body) and where.name is not None and not any(same_name(b, where.name) for b in place.body)


def _specificity(place: Place) -> int:
    return 4 if place.body else 3 if place.county else 2 if place.city else 1 if place.province else 0


def nationwide(table: Table) -> bool:
    return table.governs is not None and any(p.system == "nationwide" for p in table.governs.places)


def _start_text(table: Table) -> str:
    assert table.governs is not None
    return str(table.governs.start) if table.governs.start is not None else "unknown"


def select(case: Case, catalog: Catalog) -> Selection:
    """The tables that govern the incident's place on the accident's date (most specific first,
    national law last), with the reasons."""
    tables = catalog.tables()
    day = case.incident.day
    reasons: list[Reason] = []
    national = [n for n in catalog.names() if nationwide(tables[n])]
    j = case.incident.jurisdiction
    local: list[tuple[int, str]] = []
    if j is None:
        reasons.append(
            _reason(
                NO_JURISDICTION,
            )
        )
    else:
        where = _where(j, tables, reasons)
        for name in catalog.names():
            table = tables[name]
            if table.governs is None or nationwide(table):
                continue
            hits = [p for p in table.governs.places if matches(p, where)]
            if not hits:
                continue
            place = max(hits, key=_specificity)
            start = table.governs.start
            if start is not None and day < start:
                reasons.append(
                    _reason(
                        NOT_IN_FORCE_YET,
                        regime=name,
                        place=place.describe(),
                        **{"from": str(start)},
                        day=str(day),
                    )
                )
                continue
            reasons.append(
                _reason(
                    GOVERNS,
                    regime=name,
                    place=place.describe(),
                    **{"from": _start_text(table)},
                )
            )
            if start is None:
                reasons.append(_date_unknown(name, table))
            local.append((_specificity(place), name))
        if not local:
            reasons.append(
                _reason(
                    NO_LOCAL_TABLE,
                    looked_for=where.describe(),
                    day=str(day),
                )
            )
    for name in national:
        reasons.append(_reason(NATIONAL, regime=name))
    chosen = [n for _, n in sorted(local, key=lambda sn: (-sn[0], sn[1]))]
    return Selection(chosen=(*chosen, *national), auto=True, reasons=tuple(reasons))


def _date_unknown(name: str, table: Table) -> Reason:
    reading = table.governs.reading if table.governs is not None else None
    return _reason(
        DATE_UNKNOWN,
        regime=name,
        **({"reading": reading} if reading else {}),
    )


def explicit(name: str, case: Case, catalog: Catalog) -> Selection:
    """A regime asked for by name: chosen as it is; the reasons say where its own table's place, or
    the dates of any of its tables, do not fit the incident (a regime that composes others, as
    ``card`` does, is not told that an included table governs elsewhere)."""
    tables = catalog.tables()
    day = case.incident.day
    reasons = [_reason(EXPLICIT, regime=name)]
    j = case.incident.jurisdiction
    scratch: list[Reason] = []
    where = _where(j, tables, scratch) if j is not None else None
    for table in catalog.load(name).tables:
        governs = table.governs
        if governs is None or nationwide(table):
            continue
        if table.name == name and where is not None and all(_conflicts(p, where) for p in governs.places):
            places = "; ".join(p.describe() for p in governs.places)
            reasons.append(
                _reason(
                    OUTSIDE_PLACE,
                    regime=table.name,
                    place=places,
                    looked_for=where.describe(),
                )
            )
        if governs.start is None:
            reasons.append(_date_unknown(table.name, table))
        elif day < governs.start:
            reasons.append(
                _reason(
                    NOT_IN_FORCE_YET,
                    regime=table.name,
                    **{"from": str(governs.start)},
                    day=str(day),
                )
            )
    return Selection(chosen=(name,), auto=False, reasons=tuple(reasons))


def regime_name(chosen: Sequence[str]) -> str:
    """The name of the regime the chosen tables make: one table's own name, else joined by '+'."""
    return "+".join(chosen)


def compose_selection(selection: Selection, catalog: Catalog) -> Regime:
    """The regime of a selection: a single table with what it includes, or the chosen tables
    composed on the fly (national law once, at the end)."""
    tables = catalog.tables()
    names = list(selection.chosen)
    if not selection.auto:
        return catalog.load(names[0])
    local = [n for n in names if not nationwide(tables[n])]
    national = [n for n in names if nationwide(tables[n])]
    included: set[str] = set()
    for n in local:
        included.update(t.name for t in catalog.load(n).tables)
    needed = local + [n for n in national if n not in included]
    if len(needed) == 1:
        return catalog.load(needed[0])
    return catalog.compose(regime_name(local) if local else regime_name(needed), tuple(needed))


def choose(case: Case, catalog: Catalog, asked: str | None = None) -> tuple[Regime, Selection]:
    """The regime for ``case``: ``asked`` (e.g. ``--regime``), else the case's own ``regime``, else
    (absent or ``"auto"``) the tables that govern its place on its date. Raises
    :class:`UnknownRegime` for a name no table provides."""
    name = asked if asked is not None else case.regime
    if name is not None and name != AUTO:
        if name not in catalog.names():
            raise UnknownRegime(name)
        selection = explicit(name, case, catalog)
    else:
        selection = select(case, catalog)
    return compose_selection(selection, catalog), selection


def _in_force_notes(result: Result, regime: Regime, day: pendulum.Date) -> Result:
    """Rules of a local table not yet in force on the accident's day: not applied, and said so as
    such (not as rules "not encoded" for the date, which is how national law's eras read)."""
    late = {
        t.name: t.governs.start
        for t in regime.tables
        if t.governs is not None and t.governs.start is not None and not nationwide(t) and day < t.governs.start
    }
    if not late:
        return result
    table_of = {rid: rows[0].table for rid, rows in regime.eras.items()}

    def fix(items: tuple[NotApplied, ...]) -> tuple[NotApplied, ...]:
        out = []
        for item in items:
            table = table_of.get(item.rule)
            if table in late:
                item = NotApplied(
                    item.rule, ev("rule.table_not_in_force", table=table, start=str(late[table]), day=str(day))
                )
            out.append(item)
        return tuple(out)

    return attrs.evolve(
        result,
        not_applied=fix(result.not_applied),
        officials=tuple(attrs.evolve(o, not_applied=fix(o.not_applied)) for o in result.officials),
    )


def assess(
    case: Case, catalog: Catalog | None = None, regime: str | None = None, *, official_reasons: bool = True
) -> Result:
    """Choose the regime (:func:`choose`) and assess ``case`` under it; the result carries the
    selection. ``official_reasons``: as :func:`~accountability.engine.assess_case`'s."""
    catalog = catalog or Catalog()
    loaded, selection = choose(case, catalog, regime)
    result = assess_case(case, loaded, official_reasons=official_reasons)
    result = _in_force_notes(result, loaded, case.incident.day)
    return attrs.evolve(result, selection=selection)


def regimes_listing(catalog: Catalog) -> list[dict[str, Any]]:
    """Every regime with where and from when it governs, and its own documents (``accountability
    regimes``, ``GET /regimes``)."""
    tables = catalog.tables()
    rows: list[dict[str, Any]] = []
    for name in catalog.names():
        table = tables[name]
        governs = table.governs
        documents = []
        for doc in table.documents.values():
            documents.append(
                {
                    "title": doc.title,
                    "number": doc.number,
                    "issuer": doc.issuer,
                    "issued_on": None if doc.issued_on is None else str(doc.issued_on),
                    "effective_from": "unknown" if doc.effective_from is None else str(doc.effective_from),
                    "reading": doc.reading,
                    "source": doc.source,
                }
            )
        rows.append(
            {
                "name": name,
                "title": table.title,
                "includes": list(table.includes),
                "governs": None
                if governs is None
                else {
                    "places": list(dict.fromkeys(p.describe() for p in governs.places)),
                    "from": "unknown" if governs.start is None else str(governs.start),
                    "reading": governs.reading,
                },
                "documents": documents,
            }
        )
    return rows


__all__ = [
    "AUTO",
    "CODES",
    "UnknownRegime",
    "assess",
    "choose",
    "compose_selection",
    "explicit",
    "matches",
    "regimes_listing",
    "select",
]
