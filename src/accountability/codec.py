"""JSON ⇄ attrs: strict reading of docs/contract.md's input, stable writing of its output.

cattrs does the structuring with ``forbid_extra_keys`` and detailed validation;
its lenient default hooks (``"1"`` → 1, ``"false"`` → True, 3.9 → 3) are
replaced by strict ones. Every error carries its JSON path.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Literal, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, override

from .calendar import calendar_provenance, shanghai_day
from .duties import LedgerResult
from .events import Event, ev
from .model import (
    Assessment,
    Case,
    Conduct,
    Incident,
    Jurisdiction,
    Ledger,
    LedgerCase,
    Moment,
    Official,
    Record,
    Review,
    Unit,
)
from .money import money_text
from .outcome import (
    Consequence,
    Result,
    Selection,
)
from .vocabulary import Vocabulary, shared

T = TypeVar("T")

MAX_COUNT = 10_000_000
MAX_MONEY = Decimal("1e15")
# Dates and years outside this range are input errors (a safety law of the PRC; the tables' horizon).
MIN_DATE = dt.date(1949, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
MAX_AMOUNT_CHARS = 40

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIMESTAMP_RE = re.compile(
    r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt](?P<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?P<frac>\.[0-9]{1,9})?"
    r"(?P<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})\Z"
)
_NAIVE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?\Z")
_AMOUNT_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@attrs.frozen
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InputError(ValueError):
    """Bad input: one :class:`Problem` per error, each with its JSON path."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------- strict hooks


def _str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, found {_shown(value)}")
    return value


def _bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, found {_shown(value)}")
    return value


def _int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, found {_shown(value)}")
    return value


def _count(value: object, t: object) -> int:
    number = _int(value, t)
    if not 0 <= number <= MAX_COUNT:
        raise ValueError(f"expected a whole number from 0 to {MAX_COUNT}, found {_shown(value)}")
    return number


def _decimal(value: object, _: object) -> Decimal:
    """An amount: a JSON number or a string of ASCII digits with an optional decimal part (no exponent,
    no grouping, no other digits); a negative zero is read as zero."""
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValueError(f"expected an amount as a number or a decimal string, found {_shown(value)}")
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_AMOUNT_CHARS or not _AMOUNT_RE.match(text):
            raise ValueError(
                f'expected a decimal amount in ASCII digits such as "3500000" or "1234.50", found {_shown(value)}'
            )
        value = text
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f'expected a decimal amount such as "3500000", found {_shown(value)}') from None
    if not amount.is_finite():
        raise ValueError(f"expected a finite amount, found {_shown(value)}")
    if amount.is_zero():
        amount = amount.copy_abs()  # -0 and -0.00 are zero: never printed as "-0.00"
    return amount


def _money(value: object, t: object) -> Decimal:
    amount = _decimal(value, t)
    if amount < 0 or amount > MAX_MONEY:
        raise ValueError(f"expected an amount from 0 to {MAX_MONEY:,.0f} CNY, found {_shown(value)}")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"expected an amount to the fen (two decimal places at most), found {_shown(value)}")
    return amount


def _year(value: object, t: object) -> int:
    year = _int(value, t)
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise ValueError(f"expected a year from {MIN_DATE.year} to {MAX_DATE.year}, found {_shown(value)}")
    return year


def _advanced_years(value: object, t: object) -> int:
    number = _int(value, t)
    limit = MAX_DATE.year - MIN_DATE.year
    if not 0 <= number <= limit:
        raise ValueError(f"expected a whole number from 0 to {limit}, found {_shown(value)}")
    return number


def _official_id(value: object, t: object) -> str:
    text = _str(value, t)
    if not text.strip():
        raise ValueError(f"expected a non-empty id, found {_shown(value)}")
    return text


def _score(value: object, t: object) -> Decimal:
    score = _decimal(value, t)
    if not 0 <= score <= 100:
        raise ValueError(f"expected a score from 0 to 100, found {_shown(value)}")
    return score


def _in_range(day: dt.date, value: object) -> None:
    if not MIN_DATE <= day <= MAX_DATE:
        raise ValueError(f"expected a date from {MIN_DATE} to {MAX_DATE}, found {_shown(value)}")


def _timestamp(value: object, _: object) -> dt.datetime:
    """An RFC 3339 timestamp (``2024-05-12T09:30:00+08:00``, ``…Z``); nothing else ISO 8601 allows."""
    example = 'expected an RFC 3339 timestamp such as "2024-05-12T09:30:00+08:00"'
    if not isinstance(value, str):
        raise ValueError(f"{example}, found {_shown(value)}")
    match = _TIMESTAMP_RE.match(value)
    if match is None:
        if _NAIVE_RE.match(value):
            raise ValueError(f"expected a timestamp with its UTC offset (e.g. +08:00), found {_shown(value)}")
        raise ValueError(f"{example}, found {_shown(value)}")
    offset = match["offset"]
    frac = (match["frac"] or "")[:7]  # microseconds at most
    text = f"{match['day']}T{match['time']}{frac}{'+00:00' if offset in 'Zz' else offset}"
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{example}, found {_shown(value)}") from None
    _in_range(parsed.date(), value)
    _in_range(shanghai_day(parsed), value)
    return parsed


def _date(value: object, _: object) -> pendulum.Date:
    """A calendar date ``YYYY-MM-DD`` (ASCII digits; no week or ordinal dates) from 1949-01-01 to 2100-12-31."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError(f"expected a date YYYY-MM-DD, found {_shown(value)}")
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, found {_shown(value)}") from None
    _in_range(d, value)
    return pendulum.Date(d.year, d.month, d.day)


def _moment(value: object, t: object) -> Moment:
    if isinstance(value, str) and _DATE_RE.match(value):
        return Moment(day=_date(value, t))
    if isinstance(value, str) and not _TIMESTAMP_RE.match(value) and not _NAIVE_RE.match(value):
        raise ValueError(
            f'expected a date YYYY-MM-DD or an RFC 3339 timestamp such as "2024-05-12T09:30:00+08:00", '
            f"found {_shown(value)}"
        )
    stamp = _timestamp(value, t)
    return Moment(day=shanghai_day(stamp), instant=pendulum.instance(stamp))


def _moment_timestamp(value: object, t: object) -> Moment:
    stamp = _timestamp(value, t)
    return Moment(day=shanghai_day(stamp), instant=pendulum.instance(stamp))


def _share(value: object, t: object) -> Decimal:
    share = _decimal(value, t)
    if not 0 < share <= 1:
        raise ValueError(f"expected a share of responsibility above 0 and at most 1, found {_shown(value)}")
    return share


def _one_of(codes: tuple[str, ...], aliases: Mapping[str, str]) -> Callable[[object, object], str]:
    """A code of a vocabulary group (or an old spelling the vocabulary still accepts)."""
    names = ", ".join(codes)
    known = frozenset(codes)

    def hook(value: object, _: object) -> str:
        if isinstance(value, str):
            if value in known:
                return value
            if value in aliases:
                return aliases[value]
        raise ValueError(f"expected one of {names}; found {_shown(value)}")

    return hook


def _optional(hook: Callable[[object, object], Any]) -> Callable[[object, object], Any]:
    return lambda v, t: None if v is None else hook(v, t)


def _each(hook: Callable[[object, object], Any]) -> Callable[[object, object], tuple[Any, ...]]:
    """A JSON list of values, each read by ``hook``; every bad item reported with its index."""

    def read(value: object, t: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list [...], found {_shown(value)}")
        problems: list[Exception] = []
        items: list[Any] = []
        for index, item in enumerate(value):
            try:
                items.append(hook(item, t))
            except Exception as exc:
                exc.add_note(f"Structuring {t} @ index {index}")
                problems.append(exc)
        if problems:
            raise IterableValidationError(f"While structuring {t}", problems, tuple)
        return tuple(items)

    return read


def _report_failures(hook: Callable[[object, object], str]) -> Callable[[object, object], tuple[str, ...]]:
    """One of late | omitted | false | concealed, or a list of them (漏报 and 谎报 may both be found)."""

    def read(value: object, t: object) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        if not items:
            raise ValueError("expected one of late, omitted, false, concealed, or a non-empty list of them")
        return tuple(dict.fromkeys(hook(v, t) for v in items))

    return read


def _forms(hook: Callable[[object, object], str], order: tuple[str, ...]) -> Callable[[object, object], Any]:
    """One form, or a range [lighter, heavier] in the vocabulary's order (lightest first)."""

    def read(value: object, t: object) -> tuple[str, ...]:
        if isinstance(value, str):
            return (hook(value, t),)
        if not isinstance(value, list) or len(value) not in (1, 2):
            raise ValueError(f"expected one form or a range [lighter, heavier], found {_shown(value)}")
        forms = tuple(hook(v, t) for v in value)
        if len(forms) == 2 and order.index(forms[0]) > order.index(forms[1]):
            raise ValueError(f"expected a range [lighter, heavier], found {_shown(value)} (heavier first)")
        return forms

    return read


class UnknownKeys(ValueError):
    """Keys an object of the input does not have; ``allowed`` lists the keys it has (as JSON names them)."""

    def __init__(self, keys: list[str], allowed: tuple[str, ...]) -> None:
        self.keys = sorted(keys)
        self.allowed = allowed
        super().__init__(", ".join(self.keys))


def _flag_set(cls: type[Any], codes: tuple[str, ...]) -> Callable[[dict[str, object]], frozenset[str]]:
    """The yes/no facts of a vocabulary group read from an object's keys: the true ones, each value
    checked (true or false) and every bad one reported with its key."""

    def read(given: dict[str, object]) -> frozenset[str]:
        problems: list[Exception] = []
        true: list[str] = []
        for code in codes:
            if code not in given:
                continue
            try:
                if _bool(given[code], bool):
                    true.append(code)
            except ValueError as exc:
                exc.add_note(f"Structuring class {cls.__qualname__} @ attribute {code}")
                problems.append(exc)
        if problems:
            raise ClassValidationError(f"While structuring {cls.__qualname__}", problems, cls)
        return frozenset(true)

    return read


def _flags_hook(read: Callable[[dict[str, object]], frozenset[str]]) -> Callable[[object, object], frozenset[str]]:
    return lambda value, _: read(value)  # type: ignore[arg-type]  # the flag hook passes a dict


# The key under which an object's yes/no facts reach cattrs (no JSON key of the input is this).
_FACTS_KEY = "\x00facts"


def strict_converter() -> cattrs.Converter:
    """The strict machinery every document is read with (the JSON input, and the tables' TOML): cattrs with
    detailed validation and unknown keys refused; a string, true/false and a whole number are exactly that
    (none of cattrs' lenient ``"1"`` → 1); a list is read as a tuple, each bad item named by its index."""
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(int, _int)

    def is_homogeneous_tuple(t: object) -> bool:
        return getattr(t, "__origin__", None) is tuple

    def list_to_tuple(value: object, t: Any) -> tuple[Any, ...]:
        (item_type, _) = t.__args__
        return _each(lambda v, _: conv.structure(v, item_type))(value, t)

    conv.register_structure_hook_func(is_homogeneous_tuple, list_to_tuple)
    return conv


def strict_mapping(conv: cattrs.Converter, cls: type[Any], **overrides: Any) -> None:
    """Read ``cls`` from a mapping only (anything else is "expected an object"), its keys checked."""
    inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True, **overrides)

    def hook(value: object, t: object) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object {{...}}, found {_shown(value)}")
        return inner(value, t)

    conv.register_structure_hook(cls, hook)


def _make_converter(vocabulary: Vocabulary) -> Reader:
    for cls in _nested_classes():
        attrs.resolve_types(cls)
    conv = strict_converter()
    conv.register_structure_hook(Decimal, _money)
    conv.register_structure_hook(pendulum.Date, _date)
    conv.register_structure_hook(Moment, _moment)

    def code(group: str) -> Callable[[object, object], str]:
        return _one_of(vocabulary.codes(group), vocabulary.aliases.get(group, {}))

    special: dict[tuple[type[Any], str], Callable[[object, object], Any]] = {
        (Incident, "report_failure"): _report_failures(code("report_failure")),
        (Official, "proposed_form"): _forms(code("form"), vocabulary.codes("form")),
    }

    def terms(cls: type[Any]) -> dict[str, Any]:
        """The overrides of ``cls``'s fields that hold vocabulary codes."""
        out: dict[str, Any] = {}
        for a in attrs.fields(cls):
            group = a.metadata.get("vocabulary")
            if group is None:
                continue
            if a.metadata.get("flags"):
                read = _flags_hook(_flag_set(cls, vocabulary.codes(group)))
                out[a.name] = override(rename=_FACTS_KEY, struct_hook=read)
                continue
            hook = special.get((cls, a.name)) or code(group)
            if (cls, a.name) not in special and getattr(a.type, "__origin__", None) is tuple:
                hook = _each(hook)
            out[a.name] = override(struct_hook=_optional(hook) if a.default is None else hook)
        return out

    def keys(cls: type[Any]) -> tuple[str, ...]:
        """The JSON keys of ``cls``: its fields, with a field of flags spelled out as its group's codes."""
        out: list[str] = []
        for a in attrs.fields(cls):
            out.extend(vocabulary.codes(a.metadata["vocabulary"]) if a.metadata.get("flags") else (a.name,))
        return tuple(out)

    def mapping_first(cls: type[Any], **overrides: Any) -> None:
        flagged = next((a for a in attrs.fields(cls) if a.metadata.get("flags")), None)
        if flagged is None:
            strict_mapping(conv, cls, **(terms(cls) | overrides))
            return
        inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True, **(terms(cls) | overrides))
        codes = frozenset(vocabulary.codes(flagged.metadata["vocabulary"]))
        allowed = keys(cls)

        def flag_hook(value: object, t: object) -> Any:
            if not isinstance(value, dict):
                raise ValueError(f"expected an object {{...}}, found {_shown(value)}")
            if _FACTS_KEY in value:
                raise UnknownKeys([_FACTS_KEY], allowed)
            rest = {k: v for k, v in value.items() if k not in codes}
            rest[_FACTS_KEY] = {k: v for k, v in value.items() if k in codes}
            return inner(rest, t)

        conv.register_structure_hook(cls, flag_hook)

    # a class's hook is fixed when a class holding it is generated: the parts first, then what holds them
    mapping_first(Conduct)
    mapping_first(Jurisdiction)
    mapping_first(
        Unit,
        capacity_tpy=override(struct_hook=lambda v, t: None if v is None else _count(v, t)),
        share=override(struct_hook=lambda v, t: None if v is None else _share(v, t)),
    )
    mapping_first(Record, day=override(rename="date"))
    mapping_first(Ledger, start=override(rename="from"), end=override(rename="to"))
    count = override(struct_hook=_count)
    mapping_first(
        Incident,
        deaths=count,
        serious_injuries=count,
        reported_at=override(struct_hook=lambda v, t: None if v is None else _moment_timestamp(v, t)),
    )
    mapping_first(Official, id=override(struct_hook=_official_id))
    mapping_first(
        Assessment,
        year=override(struct_hook=_year),
        score=override(struct_hook=lambda v, t: None if v is None else _score(v, t)),
        consecutive_advanced_years=override(struct_hook=_advanced_years),
    )
    for cls in (Case, LedgerCase, Review):
        mapping_first(cls)
    assert {*_nested_classes()} == {Conduct, Jurisdiction, Unit, Record, Ledger, Incident, Official, Assessment}.union(
        (Case, LedgerCase, Review)
    ), "a class of the input has no hook"
    return Reader(conv, {cls: keys(cls) for cls in _nested_classes()})


def _nested_classes() -> list[type[Any]]:
    from . import model

    return [obj for obj in vars(model).values() if isinstance(obj, type) and attrs.has(obj) and obj is not Moment]


@attrs.frozen
class Reader:
    """The strict reader of one vocabulary: a cattrs converter, and each class's JSON keys (for messages)."""

    converter: cattrs.Converter
    keys: Mapping[type[Any], tuple[str, ...]]

    def structure(self, data: object, cls: type[T]) -> T:
        """``data`` as ``cls``, or :class:`InputError` listing every problem with its JSON path."""
        try:
            return self.converter.structure(data, cls)
        except (ClassValidationError, IterableValidationError, ValueError) as exc:
            raise InputError(problems_of(exc, self.keys)) from None


@functools.lru_cache(maxsize=16)
def reader(vocabulary: Vocabulary | None = None) -> Reader:
    """The strict reader for ``vocabulary`` (default: the shared one), built on first use (not at import:
    ``--help`` and a cold start do not pay for it)."""
    return _make_converter(vocabulary or shared())


def converter() -> cattrs.Converter:
    """The strict converter of the shared vocabulary (kept for callers of the first version)."""
    return reader().converter


# --------------------------------------------------------------------------- errors


def problems_of(
    exc: BaseException,
    keys: Mapping[type[Any], tuple[str, ...]],
    path: str = "$",
    renamed: Mapping[tuple[str, str], str] | None = None,
) -> list[Problem]:
    """Flatten a cattrs exception tree into problems with JSON paths (``keys``: each class's JSON keys;
    ``renamed``: (class name, attribute) → its key, where they differ)."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        for sub in exc.exceptions:
            found.extend(problems_of(sub, keys, _step(path, sub, renamed or _RENAMED), renamed))
        return found
    if isinstance(exc, ForbiddenExtraKeysError | UnknownKeys):
        extra, allowed = (exc.keys, exc.allowed) if isinstance(exc, UnknownKeys) else (exc.extra_fields, keys[exc.cl])
        return [
            Problem(f"{path}.{key}", f'unknown key "{key}" (expected one of: {", ".join(allowed)})')
            for key in sorted(extra)
        ]
    if isinstance(exc, KeyError):
        return [Problem(path, "required key missing")]
    message = str(exc) if isinstance(exc, ValueError) else f"invalid value ({exc})"
    return [Problem(path, message)]


# attributes whose JSON key differs (the same renames as the structure hooks): paths name the JSON key
_RENAMED = {("Ledger", "start"): "from", ("Ledger", "end"): "to", ("Record", "day"): "date"}
# fields of yes/no facts: each fact is a key of the object itself, so the field adds nothing to the path
_FLAG_FIELDS = {("Incident", "facts"), ("Conduct", "flags")}


def _step(path: str, exc: BaseException, renamed: Mapping[tuple[str, str], str]) -> str:
    for note in getattr(exc, "__notes__", []):
        if not isinstance(note, str):
            continue
        if " @ attribute " in note:
            head, name = note.rsplit(" @ attribute ", 1)
            owner = head.rsplit(" ", 1)[-1]
            if (owner, name) in _FLAG_FIELDS:
                return path
            name = renamed.get((owner, name), name)
            return f"{path}.{name}"
        if " @ index " in note:
            return f"{path}[{note.rsplit(' @ index ', 1)[1]}]"
    return path


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'duplicate key "{key}"')
        result[key] = value
    return result


MAX_OFFICIALS = 1000
MAX_HISTORY = 10_000
MAX_LEDGER_RECORDS = 10_000
MAX_LEDGER_YEARS = 10


def _lone_surrogate(value: object, path: str) -> Problem | None:
    """The first string (or key) holding a lone UTF-16 surrogate (``"\\ud800"``), which no UTF-8 text can carry."""
    stack: list[tuple[object, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if _SURROGATE_RE.search(item):
                return Problem(where, "expected Unicode text, found a lone surrogate (\\ud800-\\udfff escape)")
        elif isinstance(item, dict):
            for key, sub in reversed(list(item.items())):
                if _SURROGATE_RE.search(key):
                    return Problem(where, "expected Unicode text in a key, found a lone surrogate")
                stack.append((sub, f"{where}.{key}"))
        elif isinstance(item, list):
            stack.extend((sub, f"{where}[{i}]") for i, sub in reversed(list(enumerate(item))))
    return None


def parse_json(text: str) -> object:
    """JSON text → Python values, with floats read as Decimal, duplicate keys and lone surrogates refused."""
    data = _parse_json(text)
    if "\\u" in text or _SURROGATE_RE.search(text):
        problem = _lone_surrogate(data, "$")
        if problem is not None:
            raise InputError([problem])
    return data


def _parse_json(text: str) -> object:
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=_reject_duplicates)
    except RecursionError:
        raise InputError([Problem("$", "nested too deeply (JSON nesting is limited by the reader)")]) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]
        ) from None
    except ValueError as exc:
        raise InputError([Problem("$", f"not valid JSON: {exc}")]) from None


def _bounded(data: Mapping[str, object], limits: tuple[tuple[str, int], ...]) -> None:
    """Lists with a bound (officials, history, incidents): refused whole past it, before any is typed."""
    for key, limit in limits:
        items = data.get(key)
        if isinstance(items, list) and len(items) > limit:
            raise InputError([Problem(f"$.{key}", f"at most {limit} entries, found {len(items)}")])
    _bounded_ledgers(data)


def _bounded_ledgers(data: Mapping[str, object], single: bool = False) -> None:
    """Ledger records, counted over every official, are bounded (each is checked against every period)."""
    officials = [data.get("official")] if single else data.get("officials")
    if not isinstance(officials, list):
        return
    total = 0
    for index, official in enumerate(officials):
        ledger = official.get("ledger") if isinstance(official, dict) else None
        records = ledger.get("records") if isinstance(ledger, dict) else None
        if isinstance(records, list):
            total += len(records)
            if total > MAX_LEDGER_RECORDS:
                where = "$.official" if single else f"$.officials[{index}]"
                message = f"at most {MAX_LEDGER_RECORDS} ledger records in all, found more"
                raise InputError([Problem(f"{where}.ledger.records", message)])


def _check_ledgers(officials: tuple[Official, ...], path: str) -> None:
    """A ledger's period runs forwards and spans at most MAX_LEDGER_YEARS years."""
    problems: list[Problem] = []
    for index, official in enumerate(officials):
        ledger = official.ledger
        if ledger is None:
            continue
        where = f"{path}[{index}].ledger.to" if path else "$.official.ledger.to"
        if ledger.end < ledger.start:
            problems.append(Problem(where, 'expected a date on or after "from"'))
        elif ledger.end >= ledger.start.add(years=MAX_LEDGER_YEARS):
            problems.append(
                Problem(where, f'expected a period of at most {MAX_LEDGER_YEARS} years from "from", found {ledger.end}')
            )
    if problems:
        raise InputError(problems)


def _unique_ids(officials: tuple[Official, ...], path: str) -> None:
    """Two officials with one id would be confused with each other: refused, naming both paths."""
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for index, official in enumerate(officials):
        first = seen.setdefault(official.id, index)
        if first != index:
            problems.append(Problem(f"{path}[{index}].id", f"duplicates {path}[{first}].id ({_shown(official.id)})"))
    if problems:
        raise InputError(problems)


def parse_case(data: object, vocabulary: Vocabulary | None = None) -> Case:
    """A JSON value (already decoded) → :class:`Case`, or :class:`InputError` listing every problem."""
    if not isinstance(data, dict):
        raise InputError([Problem("$", f"expected an object {{...}}, found {_shown(data)}")])
    if "incident" not in data:
        raise InputError([Problem("$.incident", "required key missing")])
    _bounded(data, (("officials", MAX_OFFICIALS), ("history", MAX_HISTORY)))
    case = reader(vocabulary).structure(data, Case)
    _unique_ids(case.officials, "$.officials")
    _check_ledgers(case.officials, "$.officials")
    problems = contradictory_times(case)
    if problems:
        raise InputError(problems)
    return case


def contradictory_times(case: Case) -> list[Problem]:
    """Times that contradict each other (docs/rules.md §1), each naming both paths; and one
    responsible unit given twice over (``responsible_unit`` beside ``responsible_units``)."""
    incident = case.incident
    problems: list[Problem] = []

    def earlier(a: Moment, b: Moment) -> bool:
        if a.instant is not None and b.instant is not None:
            return a.instant < b.instant
        return a.day < b.day

    if incident.learned_at is not None and earlier(incident.learned_at, incident.occurred_at):
        problems.append(
            Problem("$.incident.learned_at", "is before $.incident.occurred_at (learned before it occurred)")
        )
    learned, learned_path = (
        (incident.learned_at, "$.incident.learned_at")
        if incident.learned_at is not None
        else (incident.occurred_at, "$.incident.occurred_at")
    )
    if incident.reported_at is not None and earlier(incident.reported_at, learned):
        problems.append(Problem("$.incident.reported_at", f"is before {learned_path} (reported before it was known)"))
    if case.decided_on is not None and case.decided_on < incident.day:
        problems.append(Problem("$.decided_on", "is before $.incident.occurred_at (decided before the accident)"))
    if incident.responsible_unit is not None and incident.responsible_units:
        problems.append(
            Problem("$.incident.responsible_units", "is given beside $.incident.responsible_unit: give one of them")
        )
    return problems


def parse_ledger_case(data: object, vocabulary: Vocabulary | None = None) -> LedgerCase:
    """A JSON value → :class:`LedgerCase` (``accountability duties``), or :class:`InputError`."""
    if not isinstance(data, dict):
        raise InputError([Problem("$", f"expected an object {{...}}, found {_shown(data)}")])
    _bounded_ledgers(data, single=True)
    case = reader(vocabulary).structure(data, LedgerCase)
    if case.official.ledger is None:
        raise InputError([Problem("$.official.ledger", "required key missing")])
    _check_ledgers((case.official,), "")
    return case


def ledger_to_dict(official: Official, result: LedgerResult) -> dict[str, object]:
    ledger = official.ledger
    assert ledger is not None
    return {
        "official": official.id,
        "post": official.post,
        "level": None if ledger.level is None else ledger.level,
        "from": ledger.start.to_date_string(),
        "to": ledger.end.to_date_string(),
        "complete": result.complete,
        "duties": [
            {
                "duty": c.duty.id,
                "activity": c.duty.activity,
                "min": c.duty.min,
                "per": c.duty.per,
                "summary": c.duty.summary,
                "met": c.met,
                "short": c.short,
                "periods": [
                    {
                        "from": b.start.to_date_string(),
                        "to": b.end.to_date_string(),
                        "required": b.required,
                        "done": b.done,
                        "short": b.short,
                    }
                    for b in c.buckets
                ],
                "not_checked": [
                    {
                        "from": a.to_date_string(),
                        "to": b.to_date_string(),
                        "why": ev("ledger.not_whole").text(),
                        "code": "ledger.not_whole",
                    }
                    for a, b in c.unchecked
                ],
                "citation": to_json(c.duty.citation),
            }
            for c in result.checks
        ],
        "not_applicable": [{"duty": d, "why": why.text(), **why.to_json()} for d, why in result.not_applicable],
        "not_checked_level_unknown": list(result.unknown_level),
        **_notes(result.notes),
    }


def parse_review(data: object, vocabulary: Vocabulary | None = None) -> Review:
    """A JSON value → :class:`Review` (``accountability review``), or :class:`InputError`."""
    if not isinstance(data, dict):
        raise InputError([Problem("$", f"expected an object {{...}}, found {_shown(data)}")])
    if "assessment" not in data:
        raise InputError([Problem("$.assessment", "required key missing")])
    _bounded(data, (("officials", MAX_OFFICIALS), ("incidents", MAX_HISTORY)))
    review = reader(vocabulary).structure(data, Review)
    _unique_ids(review.officials, "$.officials")
    _check_ledgers(review.officials, "$.officials")
    return review


def review_to_dict(result: Result) -> dict[str, object]:
    """The output of ``accountability review``: the year's assessment and what follows from it."""
    full = result_to_dict(result)
    keys = (
        "regime",
        "library_version",
        "tables",
        "calendar",
        "assessment",
        "consequences",
        "not_evaluable",
        "not_applied",
        "notes",
    )
    return {key: full.get(key) for key in keys}


# --------------------------------------------------------------------------- output


def _value(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return money_text(value)
    if isinstance(value, pendulum.Date):
        return value.to_date_string()
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    raise TypeError(f"cannot write {type(value).__name__}")


def selection_to_dict(s: Selection) -> dict[str, object]:
    return {
        "chosen": list(s.chosen),
        "auto": s.auto,
        "reasons": [{**r.to_json(), "text": r.text()} for r in s.reasons],
    }


# how much of the explanation each --explain level keeps (outcome.out's ``level``)
_KEPT_AT = {"none": 0, "summary": 1, "full": 2}


_PLANS: dict[type[Any], tuple[tuple[str, str, int, bool], ...]] = {}


def _plan(cls: type[Any]) -> tuple[tuple[str, str, int, bool], ...]:
    """An output class's fields as the writer needs them: name, how, level, omit when None (read once)."""
    plan = _PLANS.get(cls)
    if plan is None:
        fields = attrs.fields(cls)
        plan = _PLANS[cls] = tuple(
            (f.name, f.metadata["out"], _KEPT_AT[f.metadata["level"]], f.metadata["omit_none"]) for f in fields
        )
    return plan


def _written(how: str, value: Any) -> object:
    """One field of the output, as its ``out`` metadata says (outcome.out)."""
    if value is None:
        return None
    if how == "decimal":
        return str(value)
    if how.startswith("object:"):
        return to_json(value)
    if how.startswith("objects:"):
        return [to_json(x) for x in value]
    return _value(value)


def to_json(obj: Any, explain: Explain = "full") -> dict[str, object]:
    """An output object (its attrs fields marked with ``outcome.out``) as JSON, keys in field order; the
    fields ``explain`` does not keep are left out."""
    written: dict[str, object] = {}
    kept = _KEPT_AT[explain]
    for name, how, level, omit_none in _plan(type(obj)):
        if level > kept:
            continue
        value = getattr(obj, name)
        if how == "events":
            written.update(_notes(value, name))
        elif how == "event":
            written[name] = value.text()
            written.update(value.to_json())
        elif value is not None or not omit_none:
            written[name] = _written(how, value)
    return written


def consequence_to_dict(c: Consequence) -> dict[str, object]:
    return to_json(c)


def _notes(events: tuple[Event, ...], key: str = "notes") -> dict[str, object]:
    """``notes`` (the texts, as the contract always had them) and ``note_codes`` (code and parameters)."""
    codes = key.removesuffix("s") + "_codes"
    return {key: [e.text() for e in events], codes: [e.to_json() for e in events]}


def _all(items: tuple[Any, ...], explain: Explain = "full") -> list[dict[str, object]]:
    return [to_json(x, explain) for x in items]


@functools.cache
def _calendar() -> tuple[tuple[str, object], ...]:
    return tuple(calendar_provenance().items())


def calendar_info() -> dict[str, object]:
    """The holiday calendar due dates were counted with (package, version, years it covers): beside the
    table hashes, as due dates depend on it. Read once per process; a fresh dict each call."""
    return {key: list(value) if isinstance(value, list) else value for key, value in _calendar()}


Explain = Literal["full", "summary", "none"]
EXPLAIN_LEVELS: tuple[Explain, ...] = ("full", "summary", "none")


def explain_level(value: str) -> Explain:
    """``value`` as a level of :data:`EXPLAIN_LEVELS`, or :class:`ValueError`."""
    for level in EXPLAIN_LEVELS:
        if value == level:
            return level
    raise ValueError(f"expected one of: {', '.join(EXPLAIN_LEVELS)}, found {_shown(value)}")


def result_to_dict(result: Result, explain: Explain = "full") -> dict[str, object]:
    """The output of docs/contract.md, keys in a fixed order.

    ``explain`` says how much of the explanation it holds (docs/contract.md, "How much is explained"):
    ``full`` (the default) everything; ``summary`` the consequences, the removed ones, what was not
    evaluable and each official's verdict; ``none`` the consequences and what was not evaluable. The
    shorter outputs drop keys (they rename nothing) and say which they are in ``explain``.
    """
    if explain != "full":
        return _short_result(result, explain)
    return {
        "incident_id": result.incident_id,
        "regime": result.regime,
        "library_version": result.library_version,
        "tables": dict(result.tables),
        "calendar": calendar_info(),
        "grade": _grade(result),
        "consequences": _all(result.consequences),
        "officials": _all(result.officials),
        "not_evaluable": _all(result.not_evaluable),
        "not_applied": _all(result.not_applied),
        "removed": _all(result.removed),
        **_notes(result.notes),
        **({"assessment": to_json(result.assessment)} if result.assessment is not None else {}),
        **({"selection": selection_to_dict(result.selection)} if result.selection is not None else {}),
    }


def _grade(result: Result) -> dict[str, object]:
    g = result.grade
    return {
        "death_band": _value(g.death_band),
        "national": g.national.value,
        "criteria": {
            "deaths": g.deaths.value,
            "serious_injuries": g.serious_injuries.value,
            "direct_loss": g.direct_loss.value,
        },
        "provisional_until": _value(g.provisional_until),
    }


def _short_result(result: Result, explain: Explain) -> dict[str, object]:
    """``--explain summary`` or ``none``: the keys of the full output that the level keeps, in its order."""
    explain = explain_level(explain)
    summary = explain == "summary"
    out: dict[str, object] = {
        "incident_id": result.incident_id,
        "regime": result.regime,
        "library_version": result.library_version,
        "explain": explain,
        "tables": dict(result.tables),
        "calendar": calendar_info(),
        "grade": _grade(result),
        "consequences": _all(result.consequences),
    }
    if summary:
        out["officials"] = _all(result.officials, explain)
    out["not_evaluable"] = _all(result.not_evaluable)
    if summary:
        out["removed"] = _all(result.removed)
    if result.assessment is not None:
        out["assessment"] = to_json(result.assessment)
    if summary and result.selection is not None:
        out["selection"] = selection_to_dict(result.selection)
    return out


def compare_to_dict(results: Mapping[str, Result]) -> dict[str, object]:
    """``accountability compare``: per official and per other target, what each regime gives."""
    names = sorted(results)
    first = results[names[0]]
    by_target: dict[str, dict[str, list[str]]] = {}
    for name in names:
        for c in results[name].consequences:
            key = f"{c.target.type.value}:{c.target.id or c.target.name}"
            by_target.setdefault(key, {n: [] for n in names})[name].append(f"{c.kind} ({c.rule})")
    officials = {
        o.id: {
            name: {
                "accountable": next(x for x in results[name].officials if x.id == o.id).accountable,
                "consequences": by_target.get(f"official:{o.id}", {}).get(name, []),
            }
            for name in names
        }
        for o in first.officials
    }
    others = {k: v for k, v in by_target.items() if not k.startswith("official:")}
    return {
        "incident_id": first.incident_id,
        "regimes": names,
        "grade": result_to_dict(first)["grade"],
        "officials": officials,
        "others": dict(sorted(others.items())),
        "results": {name: result_to_dict(results[name]) for name in names},
    }


def dumps(data: Mapping[str, object]) -> str:
    """Deterministic JSON text: UTF-8, two-space indent, key order as built."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
