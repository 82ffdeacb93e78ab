"""The HTTP API of ``accountability serve`` (Starlette's TestClient): every endpoint's 200s and 422s,
and its JSON byte-identical to the CLI's for the same input."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from click.testing import CliRunner
from starlette.testclient import TestClient

from accountability_cli import cli
from accountability_cli.serve import MAX_BODY_BYTES, create_app
from helpers import EXAMPLES


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def cli_bytes(*args: str) -> bytes:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def cli_problems(*args: str) -> list[tuple[str, str]]:
    """The CLI's problem lines ``FILE: PATH: MESSAGE`` as (path, message)."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 2
    out = []
    for line in result.stderr.splitlines():
        _, path, message = line.split(": ", 2)
        out.append((path, message))
    return out


CASES = ["xpcc-4-deaths.json", "guiyang-three-officials.json", "national-late-report.json", "card-exemption.json"]


@pytest.mark.parametrize("name", CASES)
def test_assess_is_byte_identical_to_the_cli(client: TestClient, name: str) -> None:
    path = EXAMPLES / name
    answer = client.post("/assess", content=path.read_bytes())
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert answer.content == cli_bytes("assess", str(path))


def test_assess_regime_and_people_formats(client: TestClient) -> None:
    path = EXAMPLES / "xpcc-4-deaths.json"
    answer = client.post("/assess?regime=national", content=path.read_bytes())
    assert answer.json()["regime"] == "national"
    assert answer.content == cli_bytes("assess", str(path), "--regime", "national")
    page = client.post("/assess?format=html&lang=zh", content=path.read_bytes())
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.content == cli_bytes("assess", str(path), "--format", "html", "--lang", "zh")
    assert "约谈" in page.text
    table = client.post("/assess?format=table&lang=en", content=path.read_bytes())
    assert table.content == cli_bytes("assess", str(path), "--format", "table", "--lang", "en")


def test_bad_input_is_422_with_the_cli_problems(client: TestClient, tmp_path: Any) -> None:
    text = '{"incident": {"occurred_at": "2024-05-12", "deaths": -1, "deaht": 3}, "officials": [{"id": "a"}]}'
    file = tmp_path / "bad.json"
    file.write_text(text, encoding="utf-8")
    answer = client.post("/assess", content=text.encode())
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "bad input"
    got = [(p["path"], p["message"]) for p in body["problems"]]
    assert got == cli_problems("assess", str(file))
    paths = {p for p, _ in got}
    assert {"$.incident.deaht", "$.officials[0].post"} <= paths


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (b"{not json", "$"),
        (b"[1, 2]", "$"),
        (b"\xff\xfe{}", "$"),
        (b'{"regime": "nowhere", "incident": {"occurred_at": "2024-05-12", "deaths": 1}}', "$.regime"),
    ],
)
def test_malformed_bodies_are_422(client: TestClient, body: bytes, path: str) -> None:
    answer = client.post("/assess", content=body)
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["path"] == path


def test_unknown_regime_or_format_in_the_query_is_422(client: TestClient) -> None:
    body = (EXAMPLES / "xpcc-1-death.json").read_bytes()
    assert client.post("/assess?regime=nowhere", content=body).json()["problems"][0]["path"] == "regime"
    assert client.post("/assess?format=pdf", content=body).status_code == 422
    assert client.post("/assess?lang=fr", content=body).status_code == 422


def test_a_bom_is_accepted(client: TestClient) -> None:
    body = (EXAMPLES / "xpcc-4-deaths.json").read_bytes()
    assert (
        client.post("/assess", content=b"\xef\xbb\xbf" + body).content == client.post("/assess", content=body).content
    )


def test_bodies_are_bounded_like_the_cli_files(client: TestClient) -> None:
    big = b'{"incident": {"occurred_at": "2024-05-12", "deaths": 1}, "regime": "' + b"x" * MAX_BODY_BYTES + b'"}'
    answer = client.post("/assess", content=big)
    assert answer.status_code == 413
    assert answer.json()["problems"][0]["path"] == "$"

    def chunks() -> Any:  # no Content-Length: the stream is counted
        for _ in range(11):
            yield b" " * 1_000_000

    assert client.post("/assess", content=chunks()).status_code == 413


def test_explain(client: TestClient) -> None:
    case = json.loads((EXAMPLES / "guiyang-three-officials.json").read_text("utf-8"))
    official = case["officials"][0]["id"]
    answer = client.post("/explain?lang=en", json={"case": case, "official": official})
    assert answer.status_code == 200
    body = answer.json()
    assert body["official"] == official and body["outcome"]["id"] == official
    assert all(c["target"]["id"] == official for c in body["consequences"])
    path = str(EXAMPLES / "guiyang-three-officials.json")
    assert body["text"] == cli_bytes("explain", path, "--official", official, "--lang", "en").decode()

    missing = client.post("/explain", json={"case": case, "official": "nobody"})
    assert missing.status_code == 422 and missing.json()["problems"][0]["path"] == "$.official"
    bad = client.post("/explain", json={"case": {"incident": {"deaths": 1}}, "official": "x"})
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["path"] == "$.case.incident.occurred_at"
    extra = client.post("/explain", json={"case": case, "official": official, "oops": 1})
    assert extra.status_code == 422 and extra.json()["problems"][0]["path"] == "$.oops"


def test_compare_review_duties_are_byte_identical_to_the_cli(client: TestClient) -> None:
    incident = EXAMPLES / "xpcc-4-deaths.json"
    answer = client.post("/compare", content=incident.read_bytes())
    assert answer.status_code == 200
    assert answer.content == cli_bytes("compare", str(incident), "--format", "json")

    review = EXAMPLES / "review-unqualified.json"
    answer = client.post("/review", content=review.read_bytes())
    assert answer.status_code == 200
    assert answer.content == cli_bytes("review", str(review), "--format", "json")

    ledger = EXAMPLES / "ledger-missing-quarter.json"
    answer = client.post("/duties", content=ledger.read_bytes())
    assert answer.status_code == 200
    assert answer.content == cli_bytes("duties", str(ledger), "--format", "json")

    for endpoint in ("/compare", "/review", "/duties"):
        assert client.post(endpoint, content=b'{"x": 1}').status_code == 422


def test_regimes_rules_and_schemas(client: TestClient) -> None:
    regimes = client.get("/regimes").json()["regimes"]
    names = [r["name"] for r in regimes]
    assert {"xpcc", "national", "guiyang", "card"} <= set(names)
    assert all(re.fullmatch("[0-9a-f]{64}", h) for r in regimes for h in r["tables"].values())
    for regime in ("xpcc", "all"):
        answer = client.get(f"/rules?regime={regime}")
        assert answer.content == cli_bytes("rules", "--regime", regime, "--format", "json")
    assert client.get("/rules?regime=nowhere").status_code == 422
    for name in ("input", "output", "review", "ledger"):
        assert client.get(f"/schema/{name}").content == cli_bytes("schema", name)
    assert client.get("/schema/nothing").status_code == 404


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_openapi_document(client: TestClient) -> None:
    from jsonschema import Draft202012Validator

    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert {"/assess", "/explain", "/compare", "/review", "/duties", "/regimes", "/rules", "/schema/{name}"} <= set(
        doc["paths"]
    )
    schemas = doc["components"]["schemas"]
    for ref in _refs(doc):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    # the request schema of /assess is the CLI's input schema, its defs moved
    assert set(schemas["input"]["properties"]) == set(json.loads(cli_bytes("schema", "input"))["properties"])
    assert doc["paths"]["/assess"]["post"]["responses"]["422"]


def test_the_page_is_self_contained_and_labelled(client: TestClient) -> None:
    for lang in ("zh", "en"):
        page = client.get(f"/?lang={lang}")
        assert page.status_code == 200
        assert not re.search(r"(src|href)=\"(https?:)?//", page.text)  # no CDN, no external font or script
    js = client.get("/static/page.js")
    assert js.status_code == 200 and 'fetch("/assess' in js.text
    assert "http://" not in js.text and "https://" not in js.text
    assert "@import" not in client.get("/static/page.css").text and "url(" not in client.get("/static/page.css").text
    assert client.get("/static/other.js").status_code == 404


def test_the_form_choices_are_the_schema_enums_with_terms_labels(client: TestClient) -> None:
    from accountability.schema import input_schema
    from accountability.vocabulary import shared

    POST = {t.code: (t.zh, t.en) for t in shared().terms("post")}  # the served catalog's: the shared vocabulary
    spec = client.get("/vocabulary?lang=zh").json()
    defs = input_schema()["$defs"]
    for name, choices in spec["enums"].items():
        codes = [c for c, _ in choices]
        assert set(codes) <= set(defs[name]["enum"]), name
        assert len(codes) >= len(defs[name]["enum"]) - 1, name  # only the codec's alias ("fall") is left out
    assert dict(spec["enums"]["Post"]) == {k: v[0] for k, v in POST.items()}
    english = client.get("/vocabulary?lang=en").json()
    assert dict(english["enums"]["Post"]) == {k: v[1] for k, v in POST.items()}
    assert {f["key"] for f in spec["groups"]["Official"]} >= {"post", "portfolio", "conduct", "proposed_form"}
