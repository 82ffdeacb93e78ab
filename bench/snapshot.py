"""Before/after comparison of what the shipped regimes decide (not how they explain it).

    .venv/bin/python bench/snapshot.py OUT.jsonl [--count 20000]

Writes one line per (input, regime): the consequences (rule, kind, target, modality,
amounts, rates, dates, sanction, form range, citations), the removed ones, and each
official's verdict (accountable, exempt, form, form range, modality). Inputs: every
case of ``docs/examples`` under every regime, and ``--count`` seeded benchmark
incidents (bench/synth.py) under their own regime, ``guiyang`` and ``card``, and a quarter
of them again with officials whose conduct, status, proposals and sanctions exercise every
per-official construct (``guiyang`` and ``card``).
Compare two runs with ``diff`` or ``cmp``: a redesign keeps them identical.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synth import lines  # noqa: E402

from accountability import InputError, assess_case, load_regime, parse_case, regime_names  # noqa: E402
from accountability.codec import result_to_dict  # noqa: E402

CONSEQUENCE_KEYS = (
    "rule",
    "kind",
    "target",
    "modality",
    "by",
    "to",
    "scope",
    "sanction",
    "amount_cny",
    "amount_min_cny",
    "amount_max_cny",
    "rate",
    "rate_min",
    "rate_max",
    "starts_on",
    "ends_on",
    "due_on",
    "form_range",
    "citation",
    "also_cites",
)
OFFICIAL_KEYS = ("id", "accountable", "exempt", "form", "form_range", "modality")


def decided(out: dict[str, Any]) -> dict[str, Any]:
    """The decisions of one result, without the explanation."""

    def cite(c: Any) -> Any:
        return None if c is None else {k: c.get(k) for k in ("document", "article", "quote")}

    consequences = []
    for c in out["consequences"]:
        row = {k: c.get(k) for k in CONSEQUENCE_KEYS}
        row["citation"] = cite(c.get("citation"))
        row["also_cites"] = [cite(x) for x in c.get("also_cites") or []]
        consequences.append(row)
    return {
        "grade": out.get("grade"),
        "consequences": consequences,
        "removed": [{k: r.get(k) for k in ("rule", "kind", "target", "by_rule")} for r in out.get("removed", [])],
        "officials": [{k: o.get(k) for k in OFFICIAL_KEYS} for o in out.get("officials", [])],
        "assessment": out.get("assessment"),
    }


FLAGS = [
    "duties_not_performed",
    "obstructed_enforcement",
    "interceded",
    "report_failure",
    "leadership_responsibility",
    "failed_rescue",
    "other",
    "enlarged_harm",
    "obstructed_inquiry",
    "retaliation",
    "prevention_not_implemented",
    "same_type_within_year",
    "remedial_action",
    "reduced_loss",
    "mitigated_impact",
    "cooperated",
    "accepted_responsibility",
    "duties_fully_performed",
    "suspected_duty_offence",
    "egregious_dereliction",
]
FORMS = [
    "interview",
    "notice",
    "admonishment",
    "suspension",
    "reassignment",
    "ordered_resignation",
    "demotion",
    "removal",
]
SANCTIONS = ["party_warning", "party_probation", "party_expulsion", "gov_warning", "gov_dismissal", "gov_demerit"]


def enriched(data: dict[str, Any], index: int) -> dict[str, Any]:
    """The same incident with officials that exercise every per-official construct (seeded by index)."""
    import random

    rng = random.Random(index)
    for official in data["officials"]:
        official["conduct"] = dict.fromkeys(rng.sample(FLAGS, rng.randint(0, 6)), True)
        official["status"] = rng.choice(["in_office", "in_office", "transferred", "retired"])
        if rng.random() < 0.7:
            a, b = sorted((rng.randrange(8), rng.randrange(8)))
            official["proposed_form"] = [FORMS[a], FORMS[b]] if a != b else FORMS[a]
        if rng.random() < 0.4:
            official["proposed_discipline"] = rng.sample(SANCTIONS, rng.randint(1, 2))
    incident = data["incident"]
    incident["major_social_impact"] = rng.random() < 0.3
    for entry in data["history"]:
        entry["accident_type"] = rng.choice(["collapse", "fire", incident["accident_type"]])
    if rng.random() < 0.3:
        data.pop("decided_on", None)
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    regimes = {name: load_regime(name) for name in regime_names()}
    written = 0
    with open(args.out, "w", encoding="utf-8") as handle:

        def emit(label: str, data: object, regime: str) -> None:
            nonlocal written
            try:
                case = parse_case(data)
            except InputError:
                return
            result = result_to_dict(assess_case(case, regimes[regime]))
            row = {"input": label, "regime": regime, **decided(result)}
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            written += 1

        for path in sorted((ROOT / "docs" / "examples").glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or "incident" not in data:
                continue
            for regime in sorted(regimes):
                emit(path.name, data, regime)
        for index, text in enumerate(lines(args.count)):
            data = json.loads(text)
            for regime in dict.fromkeys((data["regime"], "guiyang", "card")):
                emit(f"synth-{index}", data, regime)
            if index % 4 == 0:
                rich = enriched(json.loads(text), index)
                for regime in ("guiyang", "card"):
                    emit(f"rich-{index}", rich, regime)
    print(f"{written} results written to {args.out}")


if __name__ == "__main__":
    main()
