"""JSON Schema (draft 2020-12) for the input and the output, generated from the attrs classes.

cattrs exports no schema, so a small emitter walks ``attrs.fields()``: the
same classes that read the input (codec.py) describe it, so the schema cannot
drift from the reader. The output schema is built from the output classes and
the few hand-shaped blocks of ``codec.result_to_dict``.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs
import pendulum

from . import model, outcome
from .vocabulary import GROUPS, Vocabulary, shared

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# JSON names that differ from the attribute names (codec renames them).
RENAMED: dict[tuple[type[Any], str], str] = {
    (model.Ledger, "start"): "from",
    (model.Ledger, "end"): "to",
    (model.Record, "day"): "date",
}

MONEY_IN = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": r"^\s*\d+(\.\d{1,2})?\s*$"},
    ],
    "description": "CNY, exact to the fen: a JSON number or a decimal string",
}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
MOMENT = {
    "type": "string",
    "description": "an RFC 3339 timestamp with its offset, or a date alone (the date in Shanghai)",
    "anyOf": [DATE, {"format": "date-time"}],
}
TIMESTAMP = {"type": "string", "format": "date-time", "description": "an RFC 3339 timestamp with its offset"}
FORMS = {
    "description": "one organisational form, or a range [lighter, heavier]",
    "anyOf": [
        {"$ref": "#/$defs/Form"},
        {"type": "array", "items": {"$ref": "#/$defs/Form"}, "minItems": 1, "maxItems": 2},
    ],
}
OVERRIDES: dict[tuple[type[Any], str], dict[str, Any]] = {
    (model.Incident, "deaths"): {"type": "integer", "minimum": 0},
    (model.Incident, "serious_injuries"): {"type": "integer", "minimum": 0},
    (model.Incident, "reported_at"): {"anyOf": [TIMESTAMP, {"type": "null"}]},
    (model.Unit, "capacity_tpy"): {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]},
    (model.Official, "proposed_form"): FORMS,
    (model.Unit, "share"): {
        "description": "the unit's share of the responsibility (0 < share ≤ 1), as a number or a decimal string",
        "anyOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": 1}, {"type": "string"}, {"type": "null"}],
    },
    (model.Incident, "report_failure"): {
        "description": "how the accident was misreported: 迟报 late, 漏报 omitted, 谎报 false, 瞒报 concealed",
        "anyOf": [
            {"$ref": "#/$defs/ReportFailure"},
            {"type": "array", "items": {"$ref": "#/$defs/ReportFailure"}, "minItems": 1},
        ],
    },
    (model.Assessment, "score"): {
        "anyOf": [{"type": "number", "minimum": 0, "maximum": 100}, {"type": "string"}, {"type": "null"}]
    },
    (model.Assessment, "consecutive_advanced_years"): {"type": "integer", "minimum": 0},
}


class _Emitter:
    def __init__(self, money: dict[str, Any], vocabulary: Vocabulary | None = None) -> None:
        self.defs: dict[str, Any] = {}
        self.money = money
        self.vocabulary = vocabulary or shared()

    def group(self, group: str) -> dict[str, Any]:
        """A reference to the enum of a vocabulary group's codes (with the old spellings it still accepts)."""
        name = GROUPS[group]
        values = [*self.vocabulary.codes(group), *self.vocabulary.aliases.get(group, {})]
        self.defs.setdefault(name, {"type": "string", "enum": values})
        return {"$ref": f"#/$defs/{name}"}

    def term(self, tp: Any, group: str) -> dict[str, Any]:
        """The schema of a field holding codes of ``group``: one, an optional one, or a list."""
        ref = self.group(group)
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [ref, {"type": "null"}]}
        if origin is tuple:
            return {"type": "array", "items": ref}
        return ref

    def type_of(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            inner = self.type_of(members[0]) if len(members) == 1 else {"anyOf": [self.type_of(a) for a in members]}
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            return {"type": "array", "items": self.type_of(typing.get_args(tp)[0])}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is Decimal:
            return dict(self.money)
        if tp is pendulum.Date:
            return dict(DATE)
        if tp is model.Moment:
            return dict(MOMENT)
        if isinstance(tp, type) and issubclass(tp, Enum):
            self.defs.setdefault(tp.__name__, {"type": "string", "enum": [m.value for m in tp]})
            return {"$ref": f"#/$defs/{tp.__name__}"}
        if isinstance(tp, type) and attrs.has(tp):
            self.cls(tp)
            return {"$ref": f"#/$defs/{tp.__name__}"}
        raise TypeError(f"no schema for {tp!r}")

    def cls(self, cls: type[Any]) -> None:
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # placeholder against recursion
        if cls is model.Incident:  # its report_failure override refers to the enum's definition
            self.group("report_failure")
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            group = field.metadata.get("vocabulary")
            if field.metadata.get("flags"):  # yes/no facts: a key each, false when absent
                properties.update({code: {"type": "boolean"} for code in self.vocabulary.codes(group)})
                continue
            name = RENAMED.get((cls, field.name), field.name)
            properties[name] = OVERRIDES.get((cls, field.name)) or (
                self.term(hints[field.name], group) if group else self.type_of(hints[field.name])
            )
            if field.default is attrs.NOTHING:
                required.append(name)
        schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
        if cls.__doc__:
            schema["description"] = " ".join(cls.__doc__.split())
        if required:
            schema["required"] = required
        self.defs[cls.__name__] = schema


def input_schema(vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """The schema of ``accountability assess`` input (docs/contract.md), draft 2020-12, for the vocabulary
    in force (default: the shared one)."""
    emitter = _Emitter(MONEY_IN, vocabulary)
    emitter.group("form")
    emitter.cls(model.Case)
    root = emitter.defs.pop("Case")
    root["properties"]["regime"] = {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "default": "auto",
        "description": "a regime by name; absent, null or 'auto': the regimes that govern the incident's "
        "jurisdiction on the accident's date, with national law (the output's 'selection' says which and why)",
    }
    return {
        "$schema": DRAFT,
        "$id": "https://accountability.invalid/schema/input.json",
        "title": "accountability input: an incident, its history and officials",
        **root,
        "$defs": dict(sorted(emitter.defs.items())),
    }


def nullable(inner: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [inner, {"type": "null"}]}


MONEY_OUT = {"type": "string", "pattern": r"^\d+\.\d{2}$", "description": "CNY, two decimal places"}


RATE_OUT = {"type": "string", "pattern": r"^\d+\.\d{2}$"}


def _described_field(how: str) -> dict[str, Any]:
    """The schema of one output field, from how outcome.out says it is written."""
    for prefix in ("enum:", "object:"):
        if how.startswith(prefix):
            return {"$ref": f"#/$defs/{how.removeprefix(prefix)}"}
    for prefix in ("enums:", "objects:"):
        if how.startswith(prefix):
            return {"type": "array", "items": {"$ref": f"#/$defs/{how.removeprefix(prefix)}"}}
    simple: dict[str, dict[str, Any]] = {
        "text": {"type": "string"},
        "texts": {"type": "array", "items": {"type": "string"}},
        "bool": {"type": "boolean"},
        "int": {"type": "integer"},
        "decimal": {"type": "string"},
        "band": {"type": "string", "enum": ["advanced", "good", "qualified", "unqualified"]},
        "money": MONEY_OUT,
        "rate": RATE_OUT,
        "date": DATE,
    }
    return simple[how]


EVENT = {
    "code": {"type": "string", "description": "a stable code of the explanation (accountability.events)"},
    "params": {"type": "object", "description": "its parameters: text, numbers, lists, nested events"},
}


def described(cls: type[Any], codes: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    """The schema of an output class whose fields are marked with ``outcome.out`` (the same definition
    the codec writes from): required without a default, nullable when the default is None (unless the
    field says otherwise, or is left out when None)."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        meta = field.metadata
        how = meta["out"]
        if how == "events":
            properties[field.name] = {"type": "array", "items": {"type": "string"}}
            properties[field.name.removesuffix("s") + "_codes"] = codes
            continue
        if how == "event":  # its text, and the event's code and parameters beside it
            properties.update({field.name: {"type": "string"}, **EVENT})
            required.extend((field.name, "code", "params"))
            continue
        schema = _described_field(how)
        if meta.get("required", field.default is attrs.NOTHING):
            required.append(field.name)
        if meta.get("nullable", field.default is None and not meta["omit_none"]):
            schema = nullable(schema)
        properties[field.name] = schema
    out: dict[str, Any] = {"type": "object", "additionalProperties": False}
    if description:
        out["description"] = description
    return {**out, "required": required, "properties": properties}


def output_schema(vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """The schema of ``accountability assess --format json`` output, draft 2020-12."""
    from .selection import CODES

    emitter = _Emitter(MONEY_OUT, vocabulary)
    d = emitter.defs
    d["Event"] = {"type": "object", "additionalProperties": False, "required": ["code", "params"], "properties": EVENT}
    codes = {"type": "array", "items": {"$ref": "#/$defs/Event"}}
    for group in ("kind", "form", "sanction"):
        emitter.group(group)
    for enum in (outcome.Modality, outcome.TargetType):
        emitter.type_of(enum)
    for cls in (outcome.Citation, outcome.Target, outcome.NotApplied, outcome.NotEvaluable, outcome.Consequence):
        d[cls.__name__] = described(cls, codes)
    doc = " ".join((outcome.OfficialSummary.__doc__ or "").split())
    d["Official"] = described(outcome.OfficialSummary, codes, doc)
    d["Selection"] = {
        "type": "object",
        "description": "Which tables were chosen for the incident and why: auto is true when they were chosen "
        "by its place and date, false when the regime was asked for by name.",
        "additionalProperties": False,
        "required": ["chosen", "auto", "reasons"],
        "properties": {
            "chosen": {"type": "array", "items": {"type": "string"}},
            "auto": {"type": "boolean"},
            "reasons": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["code", "params", "text"],
                    "properties": {
                        "code": {"type": "string", "enum": list(CODES)},
                        "params": {"type": "object", "additionalProperties": {"type": "string"}},
                        "text": {"type": "string"},
                    },
                },
            },
        },
    }
    strings = {"type": "array", "items": {"type": "string"}}
    grade = {"type": "string", "enum": ["none", "general", "larger", "major", "extraordinary"]}
    d["Assessment"] = described(outcome.AssessmentResult, codes)
    removed = described(outcome.Removed, codes)
    return {
        "$schema": DRAFT,
        "$id": "https://accountability.invalid/schema/output.json",
        "title": "accountability output: the consequences of one incident under one regime",
        "type": "object",
        "additionalProperties": False,
        "required": ["incident_id", "regime", "library_version", "tables", "calendar", "grade", "consequences"],
        # the full output (no "explain" key) has every official with its trail; summary and none are shorter
        "if": {"not": {"required": ["explain"]}},
        "then": {
            "required": ["officials"],
            "properties": {"officials": {"items": {"required": ["not_applied"]}}},
        },
        "properties": {
            "incident_id": nullable({"type": "string"}),
            "regime": {"type": "string"},
            "library_version": {"type": "string"},
            "explain": {
                "enum": ["summary", "none"],
                "description": "present when the output is shorter than full (--explain): summary keeps the "
                "consequences, removed, not_evaluable and each official's verdict; none the consequences and "
                "not_evaluable",
            },
            "tables": {"type": "object", "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
            "calendar": {
                "description": "The holiday calendar due dates were counted with: the package, its version and "
                "the first and last year it has data for (a later due date is not moved; see due.no_calendar)",
                "type": "object",
                "additionalProperties": False,
                "required": ["package", "version", "years"],
                "properties": {
                    "package": {"type": "string"},
                    "version": nullable({"type": "string"}),
                    "years": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
                },
            },
            "grade": {
                "type": "object",
                "additionalProperties": False,
                "required": ["death_band", "national", "criteria", "provisional_until"],
                "properties": {
                    "death_band": nullable({"type": "string", "enum": ["none", "1-2", "3-5", "6-9", "10+"]}),
                    "national": grade,
                    "criteria": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": dict.fromkeys(("deaths", "serious_injuries", "direct_loss"), grade),
                    },
                    "provisional_until": nullable(DATE),
                },
            },
            "consequences": {"type": "array", "items": {"$ref": "#/$defs/Consequence"}},
            "officials": {"type": "array", "items": {"$ref": "#/$defs/Official"}},
            "not_evaluable": {"type": "array", "items": {"$ref": "#/$defs/NotEvaluable"}},
            "not_applied": {"type": "array", "items": {"$ref": "#/$defs/NotApplied"}},
            "removed": {"type": "array", "items": removed},
            "notes": strings,
            "note_codes": codes,
            "assessment": {"$ref": "#/$defs/Assessment"},
            "selection": {"$ref": "#/$defs/Selection"},
        },
        "$defs": dict(sorted(d.items())),
    }


def document_schema(cls: type[Any], title: str, vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """The schema of another input document (``review``: Review; ``duties``: LedgerCase)."""
    emitter = _Emitter(MONEY_IN, vocabulary)
    emitter.group("form")
    emitter.cls(cls)
    root = emitter.defs.pop(cls.__name__)
    return {"$schema": DRAFT, "title": title, **root, "$defs": dict(sorted(emitter.defs.items()))}


def schema(name: str, vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    if name == "input":
        return input_schema(vocabulary)
    if name == "output":
        return output_schema(vocabulary)
    if name == "review":
        return document_schema(model.Review, "accountability review input: a unit's year", vocabulary)
    if name == "ledger":
        return document_schema(model.LedgerCase, "accountability duties input: an official's ledger", vocabulary)
    raise ValueError(f"unknown schema {name!r}")
