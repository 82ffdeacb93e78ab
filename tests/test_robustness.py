"""Issue 12, inputs you can trust: strict parsing, bounds, unique ids (each input the issue saw, as a regression).

Each test names what it checks; assertions are on paths, codes and counts, not on wording.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from accountability.catalog import Catalog
from accountability.codec import InputError, parse_case, parse_json, parse_ledger_case, parse_review, result_to_dict
from accountability.engine import assess_case

CATALOG = Catalog()


def _case(**incident: Any) -> dict[str, Any]:
    return {"incident": {"occurred_at": "2024-05-12", "deaths": 1, **incident}}


def _problems(data: object, parse: Any = parse_case) -> list[str]:
    """The JSON paths of the problems the parser reports (parse_json first, as the CLI does)."""
    with pytest.raises(InputError) as caught:
        parse(parse_json(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data))
    return [p.path for p in caught.value.problems]


# ------------------------------------------------------------------ dates within 1949-01-01 .. 2100-12-31


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (_case(occurred_at="9999-12-31"), "$.incident.occurred_at"),
        (_case(occurred_at="0001-01-01"), "$.incident.occurred_at"),
        (_case(occurred_at="1948-12-31"), "$.incident.occurred_at"),
        (_case(occurred_at="2101-01-01T00:00:00+08:00"), "$.incident.occurred_at"),
        (_case(occurred_at="2100-12-31T23:00:00-10:00"), "$.incident.occurred_at"),  # 2101 in Shanghai
        (_case(learned_at="9999-12-31"), "$.incident.learned_at"),
        (_case(reported_at="9999-12-31T10:00:00+08:00"), "$.incident.reported_at"),
        ({**_case(), "decided_on": "9999-12-31"}, "$.decided_on"),
        ({**_case(), "history": [{"occurred_at": "0001-01-01", "deaths": 1}]}, "$.history[0].occurred_at"),
        ({**_case(), "assessment": {"year": 0}}, "$.assessment.year"),
        ({**_case(), "assessment": {"year": 10**9}}, "$.assessment.year"),
        ({**_case(), "assessment": {"year": 2024, "published_on": "9999-12-31"}}, "$.assessment.published_on"),
        (
            {**_case(), "assessment": {"year": 2024, "consecutive_advanced_years": 10**6}},
            "$.assessment.consecutive_advanced_years",
        ),
    ],
    ids=[
        "year 9999 (issue)",
        "year 1",
        "before 1949",
        "timestamp in 2101",
        "timestamp 2101 in Shanghai",
        "learned_at 9999",
        "reported_at 9999",
        "decided_on 9999-12-31 (issue)",
        "history date year 1",
        "assessment year 0 (issue)",
        "assessment year 10^9 (issue)",
        "published_on 9999",
        "consecutive years 10^6",
    ],
)
def test_out_of_range_dates_are_input_errors_with_their_path(data: dict[str, Any], path: str) -> None:
    assert _problems(data) == [path]


def test_dates_at_the_bounds_are_accepted() -> None:
    for day in ("1949-01-01", "2100-12-31"):
        case = parse_case({**_case(occurred_at=day), "decided_on": day})
        assert case.incident.day.to_date_string() == day


def test_ledger_dates_are_bounded_and_the_span_too() -> None:
    def ledger(start: str, end: str) -> dict[str, Any]:
        return {"official": {"id": "x", "post": "deputy_safety", "ledger": {"from": start, "to": end, "records": []}}}

    assert _problems(ledger("0001-01-01", "9998-12-31"), parse_ledger_case) == [
        "$.official.ledger.from",
        "$.official.ledger.to",
    ]
    assert _problems(ledger("1949-01-01", "2100-12-31"), parse_ledger_case) == ["$.official.ledger.to"]
    assert _problems(ledger("2024-01-01", "2023-12-31"), parse_ledger_case) == ["$.official.ledger.to"]
    assert parse_ledger_case(ledger("2014-01-01", "2023-12-31")).official.ledger is not None  # ten years: fine
    many = {
        "from": "2023-01-01",
        "to": "2023-12-31",
        "records": [{"date": "2023-01-02", "activity": "meeting"}] * 10_001,
    }
    assert _problems({"official": {"id": "x", "post": "deputy_safety", "ledger": many}}, parse_ledger_case) == [
        "$.official.ledger.records"
    ]
    officials = [
        {"id": f"o{i}", "post": "deputy_safety", "ledger": {**many, "records": many["records"][:2_001]}}
        for i in range(5)
    ]
    assert _problems({**_case(), "officials": officials}) == ["$.officials[4].ledger.records"]


def test_ledger_spanning_0001_to_9998_on_100_officials_is_refused() -> None:
    """The issue's 11 KB input that took 161 s and 868 MB: now an input error naming the paths."""
    ledger = {"from": "0001-01-01", "to": "9998-12-31", "records": []}
    officials = [{"id": f"o{i}", "post": "deputy_safety", "ledger": ledger} for i in range(100)]
    paths = _problems({**_case(), "officials": officials})
    assert "$.officials[0].ledger.from" in paths and "$.officials[99].ledger.to" in paths


# ------------------------------------------------------------------ bounded lists


def test_review_with_more_officials_than_the_bound_is_refused_before_typing() -> None:
    """The issue's review with 150,000 officials (hours): refused at once, naming $.officials."""
    officials = [{"id": f"o{i}", "post": "unit_head"} for i in range(150_000)]
    assert _problems({"assessment": {"year": 2024}, "officials": officials}, parse_review) == ["$.officials"]


def test_review_incidents_are_bounded() -> None:
    incidents = [{"occurred_at": "2024-05-12", "deaths": 0}] * 10_001
    assert _problems({"assessment": {"year": 2024}, "incidents": incidents}, parse_review) == ["$.incidents"]


# ------------------------------------------------------------------ official ids


def test_duplicate_official_ids_name_both_paths() -> None:
    """The issue: the second official's income was ignored and the table dropped a person."""
    officials = [
        {"id": "o1", "post": "unit_head", "previous_year_income_cny": "100000"},
        {"id": "o2", "post": "unit_deputy"},
        {"id": "o1", "post": "unit_deputy", "previous_year_income_cny": "900000"},
    ]
    with pytest.raises(InputError) as caught:
        parse_case({**_case(), "officials": officials})
    [problem] = caught.value.problems
    assert problem.path == "$.officials[2].id" and "$.officials[0].id" in problem.message


def test_duplicate_official_ids_in_a_review_too() -> None:
    officials = [{"id": "a", "post": "unit_head"}, {"id": "a", "post": "unit_head"}]
    with pytest.raises(InputError) as caught:
        parse_review({"assessment": {"year": 2024}, "officials": officials})
    assert (
        caught.value.problems[0].path == "$.officials[1].id" and "$.officials[0].id" in caught.value.problems[0].message
    )


@pytest.mark.parametrize("blank", ["", "   "], ids=["empty id (issue)", "blank id"])
def test_empty_official_id_is_an_input_error(blank: str) -> None:
    assert _problems({**_case(), "officials": [{"id": blank, "post": "unit_head"}]}) == ["$.officials[0].id"]


# ------------------------------------------------------------------ money: ASCII digits only, no negative zero


@pytest.mark.parametrize(
    "amount",
    ["１２", "١٢٣", "1_000_000", "1e5", "1,000", "0x10", "Infinity", "NaN", " ", "", "+5", "1.", ".5", "1" * 41],
    ids=[
        "fullwidth digits (issue)",
        "arabic-indic digits (issue)",
        "underscores (issue)",
        "exponent",
        "grouping comma",
        "hex",
        "infinity",
        "nan",
        "blank",
        "empty",
        "plus sign",
        "trailing point",
        "leading point",
        "41 digits",
    ],
)
def test_money_strings_are_ascii_decimal_only(amount: str) -> None:
    assert _problems(_case(direct_loss_cny=amount)) == ["$.incident.direct_loss_cny"]


@pytest.mark.parametrize(
    "amount", ['"-0"', '"-0.00"', "-0.0", "-0"], ids=["string -0 (issue)", "string -0.00", "number -0.0", "number -0"]
)
def test_negative_zero_money_is_read_as_zero_and_never_printed_as_minus(amount: str) -> None:
    text = (
        f'{{"incident": {{"occurred_at": "2024-05-12", "deaths": 1, "direct_loss_cny": {amount}}}, '
        f'"officials": [{{"id": "o1", "post": "unit_head", "previous_year_income_cny": {amount}}}]}}'
    )
    case = parse_case(parse_json(text))
    assert case.incident.direct_loss_cny == 0 and not case.incident.direct_loss_cny.is_signed()
    out = json.dumps(result_to_dict(assess_case(case, CATALOG.load("national"))), ensure_ascii=False)
    assert "-0.00" not in out


def test_plain_amounts_still_read() -> None:
    for amount, expected in (("3500000", "3500000"), ("1234.50", "1234.50"), (" 12 ", "12")):
        assert parse_case(_case(direct_loss_cny=amount)).incident.direct_loss_cny == Decimal(expected)


# ------------------------------------------------------------------ dates and timestamps: RFC 3339 / ISO calendar only


@pytest.mark.parametrize(
    "value",
    [
        "2024-W20-1",
        "2024-133",
        "20240512",
        "2024-05-12 09:30:00+08:00",
        "2024-05-12T0930+0800",
        "2024-05-12T09:30+08:00",
        "２０２４-05-12",
        "2024-05-12T09:30:00+0800",
        "2024-13-01",
    ],
    ids=[
        "ISO week date (issue)",
        "ordinal date",
        "basic format",
        "space separator",
        "basic time",
        "no seconds",
        "fullwidth digits",
        "offset without colon",
        "month 13",
    ],
)
def test_only_rfc3339_and_calendar_dates(value: str) -> None:
    assert _problems(_case(occurred_at=value)) == ["$.incident.occurred_at"]
    assert _problems({**_case(), "decided_on": value}) == ["$.decided_on"]


def test_rfc3339_forms_accepted() -> None:
    for value in ("2024-05-12T09:30:00+08:00", "2024-05-12T01:30:00Z", "2024-05-12t01:30:00.123456789z"):
        assert parse_case(_case(occurred_at=value)).incident.day.to_date_string() == "2024-05-12"


# ------------------------------------------------------------------ lone surrogates


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "id": "\\ud800"}}', "$.incident.id"),
        ('{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "id": "a\\udfffb"}}', "$.incident.id"),
        (
            '{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, '
            '"officials": [{"id": "x", "name": "\\udc00", "post": "unit_head"}]}',
            "$.officials[0].name",
        ),
        ('{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "\\ud800": 1}}', "$.incident"),
    ],
    ids=["lone high surrogate (issue)", "lone low surrogate", "in an official's name", "in a key"],
)
def test_lone_surrogates_are_input_errors(text: str, path: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_json(text)
    assert [p.path for p in caught.value.problems] == [path]


def test_surrogate_pairs_are_fine() -> None:
    data = parse_json('{"incident": {"occurred_at": "2024-05-12", "deaths": 1, "id": "\\ud83d\\ude00"}}')
    assert parse_case(data).incident.id == "\U0001f600"
