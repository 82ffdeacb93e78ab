"""accountability: Chinese workplace-safety responsibility rules as computed, cited consequences.

>>> from accountability import assess
>>> result = assess({"regime": "xpcc", "incident": {"occurred_at": "2024-05-12", "deaths": 4}})
>>> result.grade.national.value, sorted({c.kind for c in result.consequences})
('larger', ['circulated_criticism', 'interview', 'self_criticism'])
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from .catalog import Catalog, load_regime, regime_names
from .codec import InputError, parse_case, parse_review, result_to_dict
from .engine import assess_case, compare_case, review_case
from .grading import DeathBand, Grade, GradeResult, death_band, grade_incident, national_grade
from .model import Case, Conduct, Incident, Official
from .outcome import Citation, Consequence, Kind, Modality, OfficialSummary, Result, Target
from .rules import Regime, Rule, Table, TableError, parse_table


def assess(case: Case | dict[str, Any], regime: str | None = None) -> Result:
    """Assess a case (typed, or the JSON input of the contract as a dict).

    ``regime`` overrides the case's own; without either (or with ``"auto"``) the regimes that govern
    the incident's place on its date are chosen (``result.selection`` says which and why). Raises
    :class:`InputError` for bad input, :class:`TableError` for an unknown regime.
    """
    from .selection import UnknownRegime
    from .selection import assess as assess_chosen

    typed = case if isinstance(case, Case) else parse_case(case)
    try:
        return assess_chosen(typed, Catalog(), regime)
    except UnknownRegime as exc:
        raise TableError(f"unknown regime '{exc}': known regimes are {', '.join(regime_names())}") from None


__all__ = [
    "Case",
    "Catalog",
    "Citation",
    "Conduct",
    "Consequence",
    "DeathBand",
    "Grade",
    "GradeResult",
    "Incident",
    "InputError",
    "Kind",
    "Modality",
    "Official",
    "OfficialSummary",
    "Regime",
    "Result",
    "Rule",
    "Table",
    "TableError",
    "Target",
    "__version__",
    "assess",
    "assess_case",
    "compare_case",
    "death_band",
    "grade_incident",
    "load_regime",
    "national_grade",
    "parse_case",
    "parse_review",
    "parse_table",
    "regime_names",
    "result_to_dict",
    "review_case",
]
