"""Reproducible synthetic incidents for the benchmark and the batch tests (seeded).

Deaths follow the shape of real reports: most accidents kill one or two, a
few three to nine, very few ten or more; each incident has 7 officials and a
short history.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

SECTORS = [
    "coal_mine",
    "construction",
    "road_transport",
    "hazardous_chemicals",
    "non_coal_mine",
    "metallurgy",
    "fire_crowded_places",
    "special_equipment",
]
TYPES = ["gas_explosion", "collapse", "fall_from_height", "traffic", "explosion", "fire", "mechanical_injury"]
POSTS = [
    "party_secretary",
    "government_head",
    "deputy_safety",
    "deputy_sector",
    "department_head",
    "unit_head",
    "safety_manager",
]
REGIMES = ["card", "xpcc", "guiyang", "national", "zhejiang", "yunnan"]


def _deaths(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.15:
        return 0
    if roll < 0.85:
        return rng.choice([1, 1, 1, 2])
    if roll < 0.97:
        return rng.randint(3, 9)
    return rng.randint(10, 40)


def incident(rng: random.Random, index: int) -> dict[str, object]:
    year = rng.choice([2019, 2020, 2022, 2023, 2024])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    sector = rng.choice(SECTORS)
    officials = []
    for k, post in enumerate(POSTS):
        official: dict[str, object] = {"id": f"o{k}", "post": post}
        if post == "deputy_sector":
            official["portfolio"] = [sector]
        if rng.random() < 0.3:
            official["conduct"] = {rng.choice(["duties_not_performed", "leadership_responsibility", "other"]): True}
        if post in ("unit_head", "safety_manager") and rng.random() < 0.5:
            official["previous_year_income_cny"] = str(rng.randint(100, 900) * 1000)
        officials.append(official)
    history = [
        {
            "id": f"h{index}-{n}",
            "occurred_at": f"{year}-{max(month - 1, 1):02d}-{rng.randint(1, 28):02d}",
            "deaths": _deaths(rng),
            "sector": rng.choice(SECTORS),
        }
        for n in range(rng.randint(0, 3))
    ]
    return {
        "regime": rng.choice(REGIMES),
        "incident": {
            "id": f"S-{index}",
            "occurred_at": f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:30:00+08:00",
            "deaths": _deaths(rng),
            "serious_injuries": rng.choice([0, 0, 1, 3, 12]),
            "direct_loss_cny": str(rng.randint(0, 30_000) * 1000),
            "sector": sector,
            "accident_type": rng.choice(TYPES),
            "responsibility_accident": rng.random() < 0.7,
            "unit": {"name": f"单位{index % 997}", "capacity_tpy": rng.choice([60000, 90000, 300000])},
            "jurisdiction": {"system": "xpcc", "level": "division", "name": f"第{index % 14 + 1}师"},
        },
        "history": history,
        "officials": officials,
        "decided_on": f"{year + 1}-03-01",
    }


def lines(count: int, seed: int = 20261123, broken: float = 0.0) -> Iterator[str]:
    """``count`` JSONL lines; a share ``broken`` of them damaged (a misspelled key, a bad type, bad JSON)."""
    rng = random.Random(seed)
    for index in range(count):
        record = incident(rng, index)
        if broken and rng.random() < broken:
            damage = rng.choice(["key", "type", "json"])
            if damage == "key":
                record["incident"]["deaht"] = 1  # type: ignore[index]
            elif damage == "type":
                record["incident"]["deaths"] = "three"  # type: ignore[index]
            else:
                yield json.dumps(record, ensure_ascii=False)[:-7]
                continue
        yield json.dumps(record, ensure_ascii=False)
