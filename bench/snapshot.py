"""Before/after comparison of what the shipped regimes decide (not how they explain it).

    .venv/bin/python bench/snapshot.py OUT.jsonl [--count 20000]

Writes one line per (input, regime): the consequences (rule, kind, target, modality,
amounts, rates, dates, sanction, form range, citations), the removed ones, and each
official's verdict (accountable, exempt, form, form range, modality). Inputs: every
case of ``docs/examples`` under every regime, and ``--count`` seeded benchmark
incidents (bench/synth.py) under their own regime, ``guiyang`` and ``card``.
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
    print(f"{written} results written to {args.out}")


if __name__ == "__main__":
    main()
