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


@attrs.frozen
class Citation:
    source: str
    document: str
    article: str
    quote: str
    # the document's 文号, issuer and date of effect, where its text gives them (``[documents.KEY]``)
    number: str | None = None
    issuer: str | None = None
    effective_from: pendulum.Date | None = None


@attrs.frozen
class Target:
    type: TargetType
    id: str | None = None
    name: str | None = None

    def sort_key(self) -> tuple[str, str]:
        return (self.type.value, self.id or self.name or "")


def out(how: str, *, default: Any = attrs.NOTHING, kw_only: bool = False) -> Any:
    """A field of the output and how it is written (one place: codec.py writes it, schema.py describes it).

    ``how``: ``text``, ``texts``, ``enum:Name`` / ``enums:Name`` (a ``$defs`` enum), ``money``, ``rate``,
    ``date``, ``target``, ``citation``, ``citations``, ``events`` (written as ``notes`` and ``note_codes``).
    A field whose default is None may be null.
    """
    return attrs.field(default=default, kw_only=kw_only, metadata={"out": how})


@attrs.frozen
class Consequence:
    """One consequence; its fields, in order, are the keys of its JSON (docs/contract.md)."""

    rule: str = out("text")
    kind: Kind = out("enum:Kind")
    target: Target = out("target")
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
    citation: Citation = out("citation", kw_only=True)
    also_cites: tuple[Citation, ...] = out("citations", default=())
    notes: tuple[Event, ...] = out("events", default=())


@attrs.frozen
class NotApplied:
    rule: str
    why: Event


@attrs.frozen
class NotEvaluable:
    rule: str
    needs: Event


@attrs.frozen
class Removed:
    rule: str
    kind: Kind
    target: Target
    by_rule: str
    why: Event


@attrs.frozen
class OfficialSummary:
    id: str
    accountable: bool | None
    exempt: bool | None
    form: Form | None = None
    form_range: tuple[Form, ...] | None = None
    modality: Modality | None = None
    discretionary_forms: tuple[Form, ...] | None = None
    applied: tuple[str, ...] = ()
    not_applied: tuple[NotApplied, ...] = ()
    notes: tuple[Event, ...] = ()
    conflicts: tuple[Event, ...] = ()
    not_evaluable: tuple[NotEvaluable, ...] = ()


@attrs.frozen
class AssessmentResult:
    year: int
    band: str | None
    eligible: bool | None
    designated: bool | None
    vetoed: bool
    vetoed_by: tuple[str, ...]
    published_on: pendulum.Date | None
    published_on_assumed: bool
    score: Decimal | None = None


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
