"""``accountability serve``: the HTTP JSON API and the web page (Starlette + uvicorn, the ``serve`` extra).

Every JSON answer is the CLI's JSON for the same input, byte for byte (``codec.dumps``); bad input is
answered 422 with the same problems (JSON path, what was expected, what was found) the CLI prints;
a body over the CLI's file limit is answered 413. The page at ``/`` is built at request time from
the input schema and the library's terms (vocabulary.py) and needs nothing from outside the app.
"""

from __future__ import annotations

import html
import json
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from accountability.catalog import Catalog
from accountability.codec import InputError, Problem, dumps, explain_level

if TYPE_CHECKING:
    from accountability.model import Case
    from accountability.outcome import Result
    from accountability.rules import Regime

MAX_BODY_BYTES = 10_000_000  # = the CLI's MAX_FILE_BYTES
JSON_TYPE = "application/json; charset=utf-8"
LANGS = ("zh", "en")
PEOPLE = {"html": "text/html; charset=utf-8", "markdown": "text/markdown; charset=utf-8"}
PEOPLE["table"] = "text/plain; charset=utf-8"
STATIC = {"page.js": "text/javascript; charset=utf-8", "page.css": "text/css; charset=utf-8"}


class _TooLarge(Exception):
    pass


def _json(data: Any, status: int = 200) -> Response:
    return Response(dumps(data).encode("utf-8"), status_code=status, media_type=JSON_TYPE)


def _problems(problems: list[Problem], status: int = 422) -> Response:
    body = {"error": "bad input", "problems": [{"path": p.path, "message": p.message} for p in problems]}
    return _json(body, status)


def _bad(path: str, message: str) -> InputError:
    return InputError([Problem(path, message)])


async def _body(request: Request) -> object:
    """The request's JSON, read as the CLI reads a file: at most 10 MB, UTF-8 (a BOM allowed)."""
    from accountability.codec import parse_json

    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _TooLarge
        chunks.append(chunk)
    raw = b"".join(chunks)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad("$", f"not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    return parse_json(text)


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "zh")
    if lang not in LANGS:
        raise _bad("lang", f'expected one of: zh, en, found "{lang}"')
    return lang


class Api:
    """The endpoints, over one catalog of regimes (the shipped tables, or with a user's --tables)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def regime(self, request: Request, own: str, where: str = "$.regime") -> tuple[str, Regime]:
        asked = request.query_params.get("regime")
        name = asked or own
        names = self.catalog.names()
        if name not in names:
            raise _bad("regime" if asked else where, f'unknown regime "{name}" (expected one of: {", ".join(names)})')
        return name, self.catalog.load(name)

    def chosen(self, request: Request, case: Case, where: str = "$.regime") -> tuple[Regime, Result]:
        """The regime asked for (?regime=, else the case's own), else the regimes that govern the
        incident's place on its date; and the case assessed under it."""
        from accountability.selection import AUTO, choose
        from accountability.selection import assess as assess_chosen

        asked = request.query_params.get("regime")
        name = asked or case.regime or AUTO
        names = self.catalog.names()
        if name != AUTO and name not in names:
            raise _bad("regime" if asked else where, f'unknown regime "{name}" (expected one of: {", ".join(names)})')
        regime, _ = choose(case, self.catalog, name)
        return regime, assess_chosen(case, self.catalog, name)

    async def assess(self, request: Request) -> Response:
        from accountability.codec import parse_case, result_to_dict

        fmt = request.query_params.get("format", "json")
        if fmt not in ("json", *PEOPLE):
            raise _bad("format", f'expected one of: json, table, markdown, html, found "{fmt}"')
        lang = _lang(request)
        try:
            explain = explain_level(request.query_params.get("explain", "full"))
        except ValueError as exc:
            raise _bad("explain", str(exc)) from None
        if explain != "full" and fmt != "json":
            raise _bad("explain", f'"{explain}" shapes the JSON only (format=json), found format "{fmt}"')
        case = parse_case(await _body(request), self.catalog.vocabulary())
        _, result = self.chosen(request, case)
        if fmt == "json":
            return _json(result_to_dict(result, explain))
        from .. import render

        renderer = {"table": render.render_table, "markdown": render.render_markdown, "html": render.render_html}[fmt]
        return Response(renderer(case, result, lang).encode("utf-8"), media_type=PEOPLE[fmt])

    async def explain(self, request: Request) -> Response:
        """Body ``{"case": {...}, "official": "o1"}``: the official's outcome, consequences and trail."""
        from accountability.codec import parse_case, result_to_dict

        from ..render import render_explain

        lang = _lang(request)
        body = await _body(request)
        if not isinstance(body, dict):
            raise _bad("$", 'expected an object {"case": {...}, "official": "<id>"}')
        extra = sorted(set(body) - {"case", "official"})
        if extra:
            raise InputError([Problem(f"$.{k}", "unknown key (expected case, official)") for k in extra])
        official = body.get("official")
        if not isinstance(official, str):
            raise _bad("$.official", f"expected the official's id (a string), found {json.dumps(official)}")
        if "case" not in body:
            raise _bad("$.case", "required key missing")
        try:
            case = parse_case(body["case"], self.catalog.vocabulary())
        except InputError as exc:
            raise InputError([Problem("$.case" + p.path[1:], p.message) for p in exc.problems]) from None
        ids = [o.id for o in case.officials]
        if official not in ids:
            known = ", ".join(ids) if ids else "none"
            raise _bad("$.official", f'no official "{official}" in $.case.officials (ids: {known})')
        regime, result = self.chosen(request, case, "$.case.regime")
        out = result_to_dict(result)
        return _json(
            {
                "official": official,
                "regime": result.regime,
                "outcome": next(o for o in out["officials"] if o["id"] == official),  # type: ignore[attr-defined]
                "consequences": [
                    c
                    for c in out["consequences"]  # type: ignore[attr-defined]
                    if c["target"].get("type") == "official" and c["target"].get("id") == official
                ],
                "text": render_explain(case, result, regime, official, lang),
            }
        )

    async def compare(self, request: Request) -> Response:
        from accountability.codec import compare_to_dict, parse_case
        from accountability.engine import compare_case

        case = parse_case(await _body(request), self.catalog.vocabulary())
        names = self.catalog.names()
        return _json(compare_to_dict(compare_case(case, [self.catalog.load(n) for n in names])))

    async def review(self, request: Request) -> Response:
        from accountability.codec import parse_review, review_to_dict
        from accountability.engine import review_case

        data = parse_review(await _body(request), self.catalog.vocabulary())
        _, regime = self.regime(request, data.regime)
        return _json(review_to_dict(review_case(data, regime)))

    async def duties(self, request: Request) -> Response:
        from accountability.codec import ledger_to_dict, parse_ledger_case
        from accountability.duties import check_ledger

        data = parse_ledger_case(await _body(request), self.catalog.vocabulary())
        name, regime = self.regime(request, data.regime)
        official = data.official
        assert official.ledger is not None
        return _json(
            {"regime": name, **ledger_to_dict(official, check_ledger(regime.duties, official.post, official.ledger))}
        )

    async def regimes(self, request: Request) -> Response:
        from accountability.selection import regimes_listing

        listing = {row["name"]: row for row in regimes_listing(self.catalog)}
        rows = []
        for name in self.catalog.names():
            loaded = self.catalog.load(name)
            rows.append(
                {
                    "name": name,
                    "jurisdiction": loaded.jurisdiction_label,
                    "tables": {t.name: t.sha256 for t in loaded.tables},
                    "governs": listing[name]["governs"],
                    "documents": listing[name]["documents"],
                }
            )
        return _json({"regimes": rows})

    async def rules(self, request: Request) -> Response:
        regime = request.query_params.get("regime", "card")
        return _json(rules_document(self.catalog, regime))

    async def schema(self, request: Request) -> Response:
        from accountability.schema import schema

        name = request.path_params["name"].removesuffix(".json")
        if name not in SCHEMAS:
            return _json({"error": "not found", "expected one of": list(SCHEMAS)}, 404)
        return _json(schema(name, self.catalog.vocabulary()))

    async def openapi(self, request: Request) -> Response:
        from .openapi import openapi_document

        return _json(openapi_document(self.catalog.names()))

    async def vocabulary(self, request: Request) -> Response:
        from ..vocabulary import form_spec

        return _json(form_spec(_lang(request), self.catalog.names()))

    async def page(self, request: Request) -> Response:
        from accountability import __version__

        from ..vocabulary import form_spec

        lang = request.query_params.get("lang", "zh")
        lang = lang if lang in LANGS else "zh"
        spec = form_spec(lang, self.catalog.names())
        template = (resources.files(__package__) / "page.html").read_text(encoding="utf-8")
        text = (
            template.replace("{{lang}}", "zh-CN" if lang == "zh" else "en")
            .replace("{{version}}", html.escape(__version__))
            .replace("{{spec}}", json.dumps(spec, ensure_ascii=False).replace("</", "<\\/"))
        )
        return Response(text.encode("utf-8"), media_type="text/html; charset=utf-8")

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return _json({"error": "not found"}, 404)
        data = (resources.files(__package__) / name).read_bytes()
        return Response(data, media_type=STATIC[name], headers={"Cache-Control": "no-cache"})


SCHEMAS = ("input", "output", "review", "ledger")


def rules_document(catalog: Catalog, regime: str) -> dict[str, object]:
    """``accountability rules --regime R --format json``, as a document (the same keys and order)."""
    from accountability.catalog import rules_document as listing

    names = catalog.names()
    if regime not in (*names, "all"):
        raise _bad("regime", f'unknown regime "{regime}" (expected one of: {", ".join(names)}, all)')
    return listing(catalog, regime)


Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    """Bad input → 422 with the problem list; a body over the limit → 413; never a traceback."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except InputError as exc:
            return _problems(exc.problems)
        except _TooLarge:
            return _problems([Problem("$", f"larger than {MAX_BODY_BYTES} bytes: refused")], 413)
        except RecursionError:
            return _problems([Problem("$", "nested too deeply")])

    return run


def create_app(catalog: Catalog | None = None) -> Starlette:
    """The ASGI app: ``uvicorn "accountability_cli.serve:create_app" --factory`` serves it too."""
    api = Api(catalog or Catalog())
    routes = [
        Route("/", _guarded(api.page), methods=["GET"]),
        Route("/static/{name}", _guarded(api.static), methods=["GET"]),
        Route("/vocabulary", _guarded(api.vocabulary), methods=["GET"]),
        Route("/assess", _guarded(api.assess), methods=["POST"]),
        Route("/explain", _guarded(api.explain), methods=["POST"]),
        Route("/compare", _guarded(api.compare), methods=["POST"]),
        Route("/review", _guarded(api.review), methods=["POST"]),
        Route("/duties", _guarded(api.duties), methods=["POST"]),
        Route("/regimes", _guarded(api.regimes), methods=["GET"]),
        Route("/rules", _guarded(api.rules), methods=["GET"]),
        Route("/schema/{name}", _guarded(api.schema), methods=["GET"]),
        Route("/openapi.json", _guarded(api.openapi), methods=["GET"]),
    ]
    return Starlette(routes=routes)


def run(host: str, port: int, catalog: Catalog) -> None:
    """Serve until interrupted (one process; uvicorn's own logging)."""
    import uvicorn

    uvicorn.run(create_app(catalog), host=host, port=port, log_level="info", server_header=False)
