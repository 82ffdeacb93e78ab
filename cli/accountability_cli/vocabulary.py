"""The input vocabulary for people: every field and choice of the input schema, labelled in zh or en.

The web page (``accountability serve``) and the Excel register (``accountability template`` /
``import``) are built from this at run time: the *choices* are the enums of
``accountability.schema.input_schema()`` (so a value added to the library appears
without an edit here), the *labels* of a choice come from ``accountability.terms``
(its table named after the enum: ``Post`` → ``terms.POST``, ``AccidentType`` →
``terms.ACCIDENT_TYPE``); a code with no label is shown as itself.
No third-party import: this module is cheap.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from accountability import terms

if TYPE_CHECKING:
    from accountability.vocabulary import Vocabulary

# Field labels: the names of the input's keys, for people (the keys themselves stay English in JSON).
FIELDS: dict[str, tuple[str, str]] = terms.FIELD

# Keys the page and the register leave out: nested documents of their own (a ledger: `duties`),
# and the round-2 forms that duplicate a simpler one.
SKIPPED = {"ledger", "responsible_unit", "responsible_units", "assessment"}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def choice_labels(enum_name: str, lang: str) -> dict[str, str]:
    """code → label for the enum ``enum_name`` of the input schema (e.g. "Sector"), in ``lang``."""
    from accountability import terms

    table: dict[str, tuple[str, str]] = getattr(terms, _snake(enum_name), None) or {}
    out = {}
    for code in enum_values(enum_name):
        pair = table.get(code)
        out[code] = code if pair is None else pair[0 if lang == "zh" else 1]
    return out


def field_label(key: str, lang: str, owner: str = "") -> str:
    """The label of ``key`` (in the object ``owner``, e.g. "Official"), in ``lang``; unknown: the key."""
    pair = FIELDS.get(f"{owner}.{key}") or FIELDS.get(key)
    return key if pair is None else pair[0 if lang == "zh" else 1]


# The vocabulary the page and the register offer: the shared one, or the catalog's (use()).
_IN_FORCE: list[Vocabulary] = []


def use(vocabulary: Vocabulary) -> None:
    """Offer the choices of ``vocabulary`` (the terms a user's --tables add included)."""
    _IN_FORCE[:] = [vocabulary]


def _in_force() -> Vocabulary:
    from accountability.vocabulary import shared

    return _IN_FORCE[0] if _IN_FORCE else shared()


def _input_defs() -> tuple[dict[str, Any], dict[str, Any]]:
    return _schema_of(_in_force())


@cache
def _schema_of(vocabulary: Vocabulary) -> tuple[dict[str, Any], dict[str, Any]]:
    from accountability.schema import input_schema

    root = input_schema(vocabulary)
    return root, root["$defs"]


def enum_values(enum_name: str) -> list[str]:
    """The values of an enum of the input schema, without the old spellings it still accepts (``fall``)."""
    from accountability.vocabulary import GROUPS

    values: list[str] = _input_defs()[1][enum_name]["enum"]
    group = next((g for g, name in GROUPS.items() if name == enum_name), None)
    aliases = set(_in_force().aliases.get(group, {})) if group else set()
    return [v for v in values if v not in aliases]


def _unwrap(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A property schema without its ``anyOf [X, null]``; and whether null was allowed."""
    options = prop.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        inner = next(o for o in options if o != {"type": "null"})
        return inner, True
    return prop, False


def _ref(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) else None


def classify(prop: dict[str, Any]) -> dict[str, Any]:
    """The kind of input a property needs: bool, int, money, moment, timestamp, date, text,
    choice (with ``enum``), choices (several of ``enum``), forms (one form or a range), object (``ref``),
    or skip (a shape the page does not offer)."""
    defs = _input_defs()[1]
    node, nullable = _unwrap(prop)
    out: dict[str, Any] = {"nullable": nullable}
    ref = _ref(node)
    if ref is not None:
        target = defs[ref]
        if "enum" in target:
            return {**out, "kind": "choice", "enum": ref}
        return {**out, "kind": "object", "ref": ref}
    options = node.get("anyOf")
    if isinstance(options, list):
        if any(o.get("type") == "number" for o in options):
            return {**out, "kind": "money"}
        if any(o.get("format") == "date-time" for o in options) and any(o.get("format") == "date" for o in options):
            return {**out, "kind": "moment"}
        forms = [_ref(o) for o in options if _ref(o)]
        if forms:
            return {**out, "kind": "forms", "enum": forms[0]}
        return {**out, "kind": "skip"}
    kind = node.get("type")
    if node.get("format") == "date-time":
        return {**out, "kind": "timestamp"}
    if node.get("format") == "date":
        return {**out, "kind": "date"}
    if kind == "boolean":
        return {**out, "kind": "bool"}
    if kind == "integer":
        return {**out, "kind": "int", "minimum": node.get("minimum")}
    if kind == "string":
        return {**out, "kind": "text"}
    if kind == "array":
        item = _ref(node.get("items", {}))
        if item is not None and "enum" in defs[item]:
            return {**out, "kind": "choices", "enum": item}
    return {**out, "kind": "skip"}


def fields_of(def_name: str) -> list[dict[str, Any]]:
    """The fields of one object of the input schema (``Incident``, ``Official``, ``Unit`` …), in schema order."""
    target = _input_defs()[1][def_name]
    required = set(target.get("required", ()))
    out = []
    for key, prop in target["properties"].items():
        if key in SKIPPED:
            continue
        spec = classify(prop)
        if spec["kind"] == "skip":
            continue
        out.append({"key": key, "required": key in required, **spec})
    return out


def form_spec(lang: str, regimes: tuple[str, ...]) -> dict[str, Any]:
    """Everything the web page needs to build its form, labelled in ``lang`` ("zh" or "en")."""
    enums: dict[str, list[list[str]]] = {}
    groups: dict[str, list[dict[str, Any]]] = {}

    def walk(def_name: str) -> None:
        if def_name in groups:
            return
        fields = fields_of(def_name)
        groups[def_name] = fields
        for f in fields:
            f["label"] = field_label(f["key"], lang, def_name)
            if "enum" in f and f["enum"] not in enums:
                enums[f["enum"]] = [[code, label] for code, label in choice_labels(f["enum"], lang).items()]
            if f["kind"] == "object":
                walk(f["ref"])

    for name in ("Incident", "Official"):
        walk(name)
    return {
        "lang": lang,
        "regimes": list(regimes),
        "regime_default": _input_defs()[0]["properties"]["regime"].get("default"),
        "groups": groups,
        "enums": enums,
        "labels": {k: field_label(k, lang) for k in ("regime", "decided_on", "incident", "history", "officials")},
    }
