"""The OpenAPI 3.1 document of ``accountability serve``, built from the schemas of ``accountability schema``.

OpenAPI 3.1 speaks JSON Schema 2020-12, so each document's schema goes in as it is; only its
``$defs`` move to ``components/schemas`` (as ``<document>.<Def>``) and its ``$ref``s follow them.
"""

from __future__ import annotations

from typing import Any

PROBLEMS = {
    "type": "object",
    "required": ["error", "problems"],
    "properties": {
        "error": {"type": "string", "const": "bad input"},
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "message"],
                "properties": {
                    "path": {"type": "string", "description": "JSON path of the bad value, e.g. $.officials[0].post"},
                    "message": {"type": "string", "description": "what was expected and what was found"},
                },
            },
        },
    },
}


def _moved(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = f"#/components/schemas/{prefix}.{value.removeprefix('#/$defs/')}"
            elif key not in ("$schema", "$id"):
                out[key] = _moved(value, prefix)
        return out
    if isinstance(node, list):
        return [_moved(v, prefix) for v in node]
    return node


def components() -> dict[str, Any]:
    from accountability.schema import schema

    out: dict[str, Any] = {"Problems": PROBLEMS}
    for name in ("input", "output", "review", "ledger"):
        document = schema(name)
        defs = document.pop("$defs", {})
        out[name] = _moved(document, name)
        for key, value in defs.items():
            out[f"{name}.{key}"] = _moved(value, name)
    return out


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json_body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"required": True, "description": description, "content": {"application/json": {"schema": schema}}}


def _ok(schema: dict[str, Any], description: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    content = {"application/json": {"schema": schema}, **(extra or {})}
    return {
        "200": {"description": description, "content": content},
        "413": {"description": "body larger than 10 MB", "content": {"application/json": {"schema": _ref("Problems")}}},
        "422": {
            "description": "bad input: one problem per error, as the CLI prints them",
            "content": {"application/json": {"schema": _ref("Problems")}},
        },
    }


def _param(name: str, description: str, enum: list[str] | None = None, default: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = enum
    if default:
        schema["default"] = default
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def openapi_document(regimes: tuple[str, ...]) -> dict[str, Any]:
    from accountability import __version__

    regime = _param("regime", "regime to apply (default: the document's own)", list(regimes))
    lang = _param("lang", "language of the people-facing formats", ["zh", "en"], "zh")
    fmt = _param(
        "format",
        "json for systems; html (the printable report), markdown or table for people",
        ["json", "html", "markdown", "table"],
        "json",
    )
    explain = _param(
        "explain",
        "how much of the explanation the JSON holds: full; summary (consequences, removed, not evaluable, "
        "each official's verdict); none (consequences and what was not evaluable)",
        ["full", "summary", "none"],
        "full",
    )
    text = {
        "text/html": {"schema": {"type": "string"}},
        "text/markdown": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    }
    explain_in = {
        "type": "object",
        "required": ["case", "official"],
        "additionalProperties": False,
        "properties": {"case": _ref("input"), "official": {"type": "string", "description": "an id in case.officials"}},
    }
    explain_out = {
        "type": "object",
        "required": ["official", "regime", "outcome", "consequences", "text"],
        "properties": {
            "official": {"type": "string"},
            "regime": {"type": "string"},
            "outcome": _ref("output.Official"),
            "consequences": {"type": "array", "items": _ref("output.Consequence")},
            "text": {"type": "string", "description": "the trail as `accountability explain` prints it"},
        },
    }
    loose = {"type": "object", "description": "as the CLI's --format json prints it"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "accountability",
            "version": __version__,
            "description": "Chinese workplace-safety responsibility rules as computed, cited consequences. "
            "Every JSON answer is byte-identical to the CLI's --format json for the same input.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": {
            "/assess": {
                "post": {
                    "summary": "the consequences of one incident (accountability assess)",
                    "parameters": [regime, fmt, lang, explain],
                    "requestBody": _json_body(_ref("input"), "the incident, its history and officials"),
                    "responses": _ok(_ref("output"), "the assessment", text),
                }
            },
            "/explain": {
                "post": {
                    "summary": "one official's trail (accountability explain)",
                    "parameters": [regime, lang],
                    "requestBody": _json_body(explain_in, "the case and the official's id"),
                    "responses": _ok(explain_out, "the official's outcome, consequences and trail"),
                }
            },
            "/compare": {
                "post": {
                    "summary": "every regime on one incident (accountability compare --format json)",
                    "requestBody": _json_body(_ref("input"), "the incident"),
                    "responses": _ok(loose, "per official, what each regime gives"),
                }
            },
            "/review": {
                "post": {
                    "summary": "a unit's year (accountability review --format json)",
                    "parameters": [regime],
                    "requestBody": _json_body(_ref("review"), "the unit's year"),
                    "responses": _ok(loose, "band, veto, fine or reward and every share"),
                }
            },
            "/duties": {
                "post": {
                    "summary": "an official's ledger against the duty catalogue (accountability duties --format json)",
                    "parameters": [regime],
                    "requestBody": _json_body(_ref("ledger"), "the official and the ledger"),
                    "responses": _ok(loose, "the duties met and missed"),
                }
            },
            "/regimes": {
                "get": {
                    "summary": "the regimes and their tables' SHA-256",
                    "responses": {"200": {"description": "the regimes"}},
                }
            },
            "/rules": {
                "get": {
                    "summary": "a regime's rules (accountability rules --format json)",
                    "parameters": [_param("regime", "a regime, or all", [*regimes, "all"], "card")],
                    "responses": _ok(loose, "the rules"),
                }
            },
            "/schema/{name}": {
                "get": {
                    "summary": "a JSON Schema (accountability schema NAME)",
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": ["input", "output", "review", "ledger"]},
                        }
                    ],
                    "responses": {
                        "200": {"description": "the schema, draft 2020-12"},
                        "404": {"description": "no such schema"},
                    },
                }
            },
            "/openapi.json": {
                "get": {"summary": "this document", "responses": {"200": {"description": "OpenAPI 3.1"}}}
            },
        },
        "components": {"schemas": components()},
    }
