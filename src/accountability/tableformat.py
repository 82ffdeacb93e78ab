"""The table format as typed classes: each section and row of a table (TOML), read with the strict machinery
of the JSON input (``codec.strict_converter``: unknown keys refused, strings, true/false and whole numbers
checked, every problem of the whole table at once, each with its path: file, row id, key).

These classes say which keys a row has and what kind of value each holds; what the values mean — a
condition's tree, a citation's document, an era, a modifier's target rule — is the compiler's
(``rules.py``), which reads the same rows and reports its own problems with the same paths. Values the
compiler reads in several shapes (a target is a name or a table, an amount a number or a range) are
typed ``Any`` here and checked there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import cattrs


@attrs.frozen
class Place:
    system: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    body: Any = None  # a body's name, or the list of its names


@attrs.frozen
class Governs:
    places: tuple[Place, ...]
    since: Any  # JSON/TOML key "from": a date, or "unknown" with a reading
    reading: str | None = None


@attrs.frozen
class TableMeta:
    name: str
    title: str
    includes: tuple[str, ...] = ()
    jurisdiction_label: str | None = None
    governs: Governs | None = None


@attrs.frozen
class DocumentRow:
    source: str
    title: str
    number: str | None = None
    issuer: str | None = None
    issued_on: Any = None
    effective_from: Any = None
    reading: str | None = None


@attrs.frozen
class CiteRow:
    key: str
    doc: str
    article: str
    quote: str


@attrs.frozen
class ModifyRow:
    rule: str | None = None  # an incident-level modifier acts on kinds, not on one rule
    kinds: tuple[str, ...] | None = None
    direction: str | None = None
    drop_lightest: bool | None = None
    lower_by: int | None = None
    modality: str | None = None
    upper_limit: bool | None = None
    discretionary: bool | None = None


@attrs.frozen
class ConsequenceRow:
    kind: Any = None
    modality: Any = None
    target: Any = None
    cite: tuple[str, ...] | None = None
    when: Any = None
    by: str | None = None
    to: Any = None
    scope: str | None = None
    effects: Any = None
    period: Any = None
    notes: Any = None
    amount: Any = None
    amount_range: Any = None
    rate: Any = None
    rate_range: Any = None
    split: Any = None
    due_days: Any = None
    sanction: str | None = None
    ban_years: Any = None
    lifelong: bool | None = None
    form_range: Any = None
    ladder: str | None = None
    by_light: Any = None
    for_each: str | None = None
    reaches_form: Any = None


@attrs.frozen
class RuleRow:
    id: Any = None  # the compiler names a row without a usable id by its place (rule #N)
    summary: Any = None
    effective_from: Any = None
    effective_to: Any = None
    when: Any = None
    cite: tuple[CiteRow, ...] | None = None
    consequence: tuple[ConsequenceRow, ...] = ()
    note: Any = None
    reading: Any = None
    modify: ModifyRow | None = None
    exception: Any = None
    applies_to: str | None = None
    requires: tuple[str, ...] | None = None
    unless: tuple[str, ...] | None = None
    priority: Any = None


@attrs.frozen
class SanctionRow:
    code: Any = None
    name: Any = None
    months: Any = None
    readmission_years: Any = None
    bars_promotion: Any = None
    removes_from_post: Any = None
    effect: Any = None
    cite: tuple[CiteRow, ...] | None = None


@attrs.frozen
class DutyRow:
    id: Any = None
    posts: Any = None
    levels: Any = None
    activity: Any = None
    min: Any = None
    per: Any = None
    summary: Any = None
    cite: tuple[CiteRow, ...] | None = None


@attrs.frozen
class TableDocument:
    """A whole table: its sections, each optional but ``[table]``."""

    table: TableMeta
    vocabulary: Any = None
    documents: dict[str, DocumentRow] | None = None
    selectors: Any = None
    rule: tuple[RuleRow, ...] = ()
    sanction: tuple[SanctionRow, ...] | None = None
    ladders: Any = None
    accountability: Any = None
    assessment: Any = None
    duty: tuple[DutyRow, ...] | None = None
    grading: Any = None
    death_bands: Any = None
    answerable: Any = None


ROWS: tuple[type[Any], ...] = (
    Place,
    Governs,
    TableMeta,
    DocumentRow,
    CiteRow,
    ModifyRow,
    ConsequenceRow,
    RuleRow,
    SanctionRow,
    DutyRow,
    TableDocument,
)
RENAMED = {(Governs, "since"): "from"}


def keys_of(cls: type[Any]) -> tuple[str, ...]:
    """The TOML keys of a row, in the order the class declares them."""
    return tuple(RENAMED.get((cls, a.name), a.name) for a in attrs.fields(cls))


def _any(value: object, _: object) -> object:
    return value


def _converter() -> cattrs.Converter:
    from cattrs.gen import override

    from .codec import strict_converter, strict_mapping  # the input's machinery (imported when a table is read)

    conv = strict_converter()
    conv.register_structure_hook(Any, _any)
    for cls in ROWS:  # the parts first: a class's hook is fixed when a class holding it is generated
        strict_mapping(conv, cls, **{name: override(rename=new) for (c, name), new in RENAMED.items() if c is cls})
    return conv


_CONVERTER: list[cattrs.Converter] = []


def shape_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every problem of the table's shape as (path, message); the path names a rule by its id
    (``rule 'xpcc.fine'.consequence[0].kind``) where the row has one, else by its place (``rule[3]``)."""
    from .codec import problems_of

    if not _CONVERTER:
        _CONVERTER.append(_converter())
    try:
        _CONVERTER[0].structure(data, TableDocument)
    except Exception as exc:  # a cattrs tree of problems, or one ValueError
        keys = {cls: keys_of(cls) for cls in ROWS}
        renamed = {(c.__name__, name): new for (c, name), new in RENAMED.items()}
        return [(_named(p.path, data), p.message) for p in problems_of(exc, keys, renamed=renamed)]
    return []


def _named(path: str, data: dict[str, Any]) -> str:
    """``$.rule[3].consequence[0]`` → ``rule 'ID'.consequence[0]`` (the row's id, when it has one)."""
    path = path.removeprefix("$").removeprefix(".")
    for section in ("rule", "duty", "sanction"):
        prefix = f"{section}["
        if path.startswith(prefix):
            index, _, rest = path[len(prefix) :].partition("]")
            rows = data.get(section)
            row = rows[int(index)] if isinstance(rows, list) and index.isdigit() and int(index) < len(rows) else None
            key = "code" if section == "sanction" else "id"
            name = row.get(key) if isinstance(row, dict) else None
            if isinstance(name, str):
                return f"{section} {name!r}{rest}"
    return path or "(the table)"
