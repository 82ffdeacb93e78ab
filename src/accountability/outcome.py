"""What goes out: consequences with their citations, and the per-official summary."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs
import pendulum

from .events import Event
from .grading import GradeResult
from .model import Form, Sanction

# A kind of consequence: a code of the vocabulary's group ``kind`` (tables/vocabulary.toml), as the tables name it.
Kind = str


class Modality(StrEnum):
    must = "must"
    may = "may"


class TargetType(StrEnum):
    official = "official"
    unit = "unit"
    jurisdiction = "jurisdiction"
    # Extension of docs/contract.md: a role the text names (e.g. 师分管领导) that no
    # official in the input holds. The consequence still stands; the output
    # says nobody in the input was matched.
    role = "role"


def out(
    how: str,
    *,
    default: Any = attrs.NOTHING,
    kw_only: bool = False,
    nullable: bool | None = None,
    required: bool | None = None,
    omit_none: bool = False,
    level: str = "none",
) -> Any:
    """A field of the output and how it is written (one place: codec.py writes it, schema.py describes it).

    ``how``: ``text``, ``texts``, ``bool``, ``int``, ``decimal`` (a number as text), ``band`` (an
    assessment band), ``enum:Name`` / ``enums:Name`` (a ``$defs`` enum), ``money``, ``rate``, ``date``,
    ``object:Name`` / ``objects:Name`` (another output class, ``$defs/Name``), ``events`` (written as
    ``notes`` and ``note_codes``), ``event`` (written as the field's text beside the event's ``code`` and
    ``params``). Required when it has no default (or ``required``); may be null when its default is None
    (or ``nullable``); ``omit_none``: the key is left out rather than null. ``level``: the least
    ``--explain`` level that keeps it (``summary`` or ``full``; ``none``: always).
    """
    metadata = {"out": how, "level": level, "omit_none": omit_none}
    if nullable is not None:
        metadata["nullable"] = nullable
    if required is not None:
        metadata["required"] = required
    return attrs.field(default=default, kw_only=kw_only, metadata=metadata)


@attrs.frozen
class Citation:
    source: str = out("text")
    document: str = out("text")
    article: str = out("text")
    quote: str = out("text")
    # the document's 文号, issuer and date of effect, where its text gives them (``[documents.KEY]``)
    number: str | None = out("text", default=None)
    issuer: str | None = out("text", default=None)
    effective_from: pendulum.Date | None = out("date", default=None)


@attrs.frozen
class Target:
    type: TargetType = out("enum:TargetType")
    id: str | None = out("text", default=None, omit_none=True)
    name: str | None = out("text", default=None, omit_none=True)

    def sort_key(self) -> tuple[str, str]:
        return (self.type.value, self.id or self.name or "")


@attrs.frozen
class Consequence:
    """One consequence; its fields, in order, are the keys of its JSON (docs/contract.md)."""

    rule: str = out("text")
    kind: Kind = out("enum:Kind")
    target: Target = out("object:Target")
    modality: Modality = out("enum:Modality")
    by: str | None = out("text", default=None)
    to: tuple[str, ...] | None = out("texts", default=None)
    scope: str | None = out("text", default=None)
    effects: tuple[str, ...] | None = out("texts", default=None)
    form_range: tuple[Form, ...] | None = out("enums:Form", default=None)
    # the lighter forms a lenient clause made available, which the authority may but need not use
    discretionary_forms: tuple[Form, ...] | None = out("enums:Form", default=None)
    sanction: Sanction | None = out("enum:Sanction", default=None)
    amount_cny: Decimal | None = out("money", default=None)
    amount_min_cny: Decimal | None = out("money", default=None)
    amount_max_cny: Decimal | None = out("money", default=None)
    rate: Decimal | None = out("rate", default=None)
    rate_min: Decimal | None = out("rate", default=None)
    rate_max: Decimal | None = out("rate", default=None)
    starts_on: pendulum.Date | None = out("date", default=None)
    ends_on: pendulum.Date | None = out("date", default=None)
    due_on: pendulum.Date | None = out("date", default=None)
    citation: Citation = out("object:Citation", kw_only=True)
    also_cites: tuple[Citation, ...] = out("objects:Citation", default=())
    notes: tuple[Event, ...] = out("events", default=())


@attrs.frozen
class NotApplied:
    rule: str = out("text")
    why: Event = out("event")


@attrs.frozen
class NotEvaluable:
    rule: str = out("text")
    needs: Event = out("event")


@attrs.frozen
class Removed:
    rule: str = out("text")
    kind: Kind = out("enum:Kind")
    target: Target = out("object:Target")
    by_rule: str = out("text")
    why: Event = out("event")


@attrs.frozen
class OfficialSummary:
    """One official's verdict and trail; with explain summary the trail (not_applied, conflicts, notes) is
    left out."""

    id: str = out("text")
    accountable: bool | None = out("bool", nullable=True)
    exempt: bool | None = out("bool", nullable=True)
    form: Form | None = out("enum:Form", default=None)
    form_range: tuple[Form, ...] | None = out("enums:Form", default=None)
    modality: Modality | None = out("enum:Modality", default=None)
    discretionary_forms: tuple[Form, ...] | None = out("enums:Form", default=None)
    applied: tuple[str, ...] = out("texts", default=(), required=True)
    not_applied: tuple[NotApplied, ...] = out("objects:NotApplied", default=(), level="full")
    not_evaluable: tuple[NotEvaluable, ...] = out("objects:NotEvaluable", default=())
    conflicts: tuple[Event, ...] = out("events", default=(), level="full")
    notes: tuple[Event, ...] = out("events", default=(), level="full")


@attrs.frozen
class AssessmentResult:
    year: int = out("int")
    score: Decimal | None = out("decimal", default=None, kw_only=True)
    band: str | None = out("band", nullable=True)
    eligible: bool | None = out("bool", nullable=True)
    designated: bool | None = out("bool", nullable=True)
    vetoed: bool = out("bool")
    vetoed_by: tuple[str, ...] = out("texts", required=False)
    published_on: pendulum.Date | None = out("date", nullable=True)
    published_on_assumed: bool = out("bool")


Reason = Event  # one step of choosing the regimes: a coded event (selection.py)


@attrs.frozen
class Selection:
    """Which tables were chosen for the incident and why (``selection.py``); ``auto`` is false when
    the regime was asked for by name."""

    chosen: tuple[str, ...]
    auto: bool
    reasons: tuple[Reason, ...]


@attrs.frozen
class Result:
    incident_id: str | None
    regime: str
    library_version: str
    tables: tuple[tuple[str, str], ...]
    grade: GradeResult
    consequences: tuple[Consequence, ...]
    officials: tuple[OfficialSummary, ...]
    not_evaluable: tuple[NotEvaluable, ...]
    not_applied: tuple[NotApplied, ...]
    removed: tuple[Removed, ...]
    notes: tuple[Event, ...]
    assessment: AssessmentResult | None = None
    selection: Selection | None = None
