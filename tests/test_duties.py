"""Duty catalogues and the ledger check: every duty at its boundary, and the ledger deciding 履职."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pendulum
import pytest

from accountability import assess
from accountability.catalog import load_regime, shipped_tables
from accountability.duties import buckets, check_ledger
from accountability.events import ev
from accountability.model import Activity, Ledger, Level, Post, Record
from helpers import EXAMPLES


def ledger(
    records: list[tuple[str, str]], *, start: str = "2023-01-01", end: str = "2023-12-31", level: str | None = "county"
) -> Ledger:
    return Ledger(
        start=pendulum.parse(start).date(),  # type: ignore[union-attr]
        end=pendulum.parse(end).date(),  # type: ignore[union-attr]
        records=tuple(Record(pendulum.parse(d).date(), Activity(a)) for d, a in records),  # type: ignore[union-attr]
        level=None if level is None else Level(level),
    )


def by_id(regime: str, post: str, led: Ledger) -> dict[str, Any]:
    result = check_ledger(load_regime(regime).duties, Post(post), led)
    return {c.duty.id: c for c in result.checks}


def test_buckets_are_calendar_periods_and_partial_ones_are_marked() -> None:
    got = buckets(pendulum.Date(2023, 2, 15), pendulum.Date(2023, 12, 31), "quarter")
    assert [(str(a), str(b), whole) for a, b, whole in got] == [
        ("2023-01-01", "2023-03-31", False),
        ("2023-04-01", "2023-06-30", True),
        ("2023-07-01", "2023-09-30", True),
        ("2023-10-01", "2023-12-31", True),
    ]
    assert len(buckets(pendulum.Date(2024, 1, 1), pendulum.Date(2024, 12, 31), "month")) == 12
    halves = buckets(pendulum.Date(2024, 1, 1), pendulum.Date(2024, 12, 31), "half_year")
    assert [str(b) for _, b, _ in halves] == ["2024-06-30", "2024-12-31"]


QUARTERS = [("2023-02-01", "meeting"), ("2023-05-01", "meeting"), ("2023-08-01", "meeting"), ("2023-11-01", "meeting")]
INSPECTIONS = [("2023-03-01", "inspection"), ("2023-06-01", "inspection"), ("2023-09-01", "inspection")]


def test_guiyang_deputy_quarterly_meeting_boundary() -> None:
    full = by_id("guiyang", "deputy_safety", ledger(QUARTERS + INSPECTIONS + [("2023-12-01", "inspection")]))
    assert full["guiyang.duty.deputy_safety.quarterly_meeting"].met is True
    assert full["guiyang.duty.deputy_safety.inspections"].met is True
    missing = by_id("guiyang", "deputy_safety", ledger(QUARTERS[:3] + INSPECTIONS))
    meeting = missing["guiyang.duty.deputy_safety.quarterly_meeting"]
    assert (meeting.met, meeting.short) == (False, 1)
    assert [str(b.start) for b in meeting.buckets if b.short] == ["2023-10-01"]
    inspections = missing["guiyang.duty.deputy_safety.inspections"]
    assert (inspections.met, inspections.short) == (False, 1)  # 3 of 4


def test_a_meeting_on_the_last_day_of_a_quarter_counts_for_it() -> None:
    records = [
        ("2023-03-31", "meeting"),
        ("2023-06-30", "meeting"),
        ("2023-09-30", "meeting"),
        ("2023-12-31", "meeting"),
    ]
    assert by_id("guiyang", "deputy_safety", ledger(records))["guiyang.duty.deputy_safety.quarterly_meeting"].met


@pytest.mark.parametrize(("level", "minimum"), [("city", 2), ("county", 4), ("township", 4)])
def test_guiyang_party_secretary_meetings_by_level(level: str, minimum: int) -> None:
    meetings = [(f"2023-{m:02d}-10", "meeting") for m in range(1, minimum)]
    checks = by_id("guiyang", "party_secretary", ledger(meetings, level=level))
    check = next(c for k, c in checks.items() if k.startswith("guiyang.duty.party_secretary.meetings"))
    assert (check.duty.min, check.met, check.short) == (minimum, False, 1)
    enough = by_id("guiyang", "party_secretary", ledger([*meetings, ("2023-12-10", "meeting")], level=level))
    assert next(c for k, c in enough.items() if k.startswith("guiyang.duty.party_secretary.meetings")).met


def test_level_unknown_leaves_level_duties_unchecked() -> None:
    result = check_ledger(load_regime("guiyang").duties, "party_secretary", ledger([], level=None))
    assert result.unknown_level and not result.complete


def test_kunming_department_deputy_monthly() -> None:
    months = [(f"2023-{m:02d}-05", "meeting") for m in range(1, 13)]
    assert by_id("kunming", "department_deputy", ledger(months))["kunming.duty.department_deputy.monthly_meeting"].met
    short = by_id("kunming", "department_deputy", ledger(months[:-1]))
    assert short["kunming.duty.department_deputy.monthly_meeting"].short == 1


def test_yunnan_township_government_monthly_and_tongzhou_quarterly() -> None:
    months = [(f"2023-{m:02d}-05", "meeting") for m in range(1, 12)]
    got = by_id("yunnan", "government_head", ledger(months, level="township"))
    assert got["yunnan.duty.government_head.meetings.township"].short == 1
    hearings = [(d, "report_hearing") for d, _ in QUARTERS]
    assert by_id("tongzhou", "government_head", ledger(hearings))["tongzhou.duty.government_head.reports.district"].met


def test_every_duty_quotes_its_source() -> None:
    from helpers import SOURCES

    if not SOURCES.is_dir():
        pytest.skip("../shared/sources is not beside this checkout")
    import re

    flat: dict[str, str] = {}
    count = 0
    for table in shipped_tables().values():
        for duty in table.duties:
            source = duty.citation.source
            flat.setdefault(source, re.sub(r"\s+", "", (SOURCES / source).read_text("utf-8")))
            assert re.sub(r"\s+", "", duty.citation.quote) in flat[source], duty.id
            count += 1
    assert count >= 25


def test_cli_duties_json(tmp_path: Any) -> None:
    path = str(EXAMPLES / "ledger-missing-quarter.json")
    out = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "duties", path, "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr.decode()
    data = json.loads(out.stdout)
    assert data["complete"] is False
    quarterly = next(d for d in data["duties"] if d["duty"] == "guiyang.duty.deputy_safety.quarterly_meeting")
    assert (quarterly["met"], quarterly["short"]) == (False, 1)
    assert [p["done"] for p in quarterly["periods"]] == [1, 0, 1, 1]
    bad = tmp_path / "l.json"
    bad.write_text(
        '{"official": {"id": "x", "post": "deputy_safety", "ledger": {"from": "2023-01-01", '
        '"to": "2023-12-31", "records": [{"date": "2023-01-05", "activity": "party"}]}}}',
        encoding="utf-8",
    )
    err = subprocess.run(
        [sys.executable, "-m", "accountability_cli", "duties", str(bad)], capture_output=True, check=False
    )
    assert err.returncode == 2
    assert "$.official.ledger.records[0].activity: expected one of meeting" in err.stderr.decode()


def test_ledger_short_defeats_the_exemption_claim_and_complete_supports_it() -> None:
    data = json.loads((EXAMPLES / "guiyang-ledger-claim.json").read_text("utf-8"))
    result = assess(data)
    b, c = result.officials
    assert (b.accountable, b.exempt) == (True, False)
    assert "guiyang.trigger.duties_not_performed" in b.applied
    assert any(n.code == "ledger.short" and n.param("count") == 1 for n in b.notes)
    assert (c.accountable, c.exempt) == (False, True)
    assert ev("ledger.derived_complete") in c.notes


def test_ledger_level_defaults_to_the_jurisdiction() -> None:
    data: dict[str, Any] = {
        "regime": "guiyang",
        "incident": {"occurred_at": "2024-02-01", "deaths": 1, "jurisdiction": {"level": "city", "name": "贵阳市"}},
        "officials": [
            {
                "id": "p",
                "post": "party_secretary",
                "ledger": {
                    "from": "2023-01-01",
                    "to": "2023-12-31",
                    "records": [
                        {"date": "2023-03-01", "activity": "meeting"},
                        {"date": "2023-09-01", "activity": "meeting"},
                        {"date": "2023-05-01", "activity": "inspection"},
                        {"date": "2023-06-01", "activity": "report_hearing"},
                        {"date": "2023-12-01", "activity": "report_hearing"},
                    ],
                },
            }
        ],
    }
    assert assess(data).officials[0].exempt is True  # city: 2 meetings, 1 inspection, 2 half-yearly hearings
