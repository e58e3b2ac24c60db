"""`/api/docs`: the OpenAPI document as one HTML page, rendered here (pure: a document
in, HTML out).

Rendered on the server rather than by a vendored viewer: Redoc and Swagger UI are
~1 MB bundles that inject inline styles, which the console's Content-Security-Policy
(no inline script or style) forbids; a page of tables needs neither script nor CDN.
Every text of the document is escaped (`tahub.console.html`).
"""

from __future__ import annotations

from typing import Any

from tahub.console.html import Markup, document, fragment, tag

METHODS = ("get", "post", "put", "patch", "delete")


def type_of(schema: dict[str, Any]) -> Markup:
    """A schema in a few words: a link for a $ref, `array of …`, an enum's values."""
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return tag("a", name, href=f"#schema-{name}")
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return fragment(*_joined([type_of(s) for s in schema[key]], " | "))
    kind = schema.get("type", "any")
    if kind == "array":
        return fragment("array of ", type_of(schema.get("items", {})))
    words = " | ".join(kind) if isinstance(kind, list) else str(kind)
    extra = []
    if "enum" in schema:
        extra.append("one of " + ", ".join(str(v) for v in schema["enum"]))
    if "format" in schema:
        extra.append(str(schema["format"]))
    if "default" in schema:
        extra.append(f"default {schema['default']}")
    return fragment(words, f" ({'; '.join(extra)})" if extra else "")


def _joined(parts: list[Markup], sep: str) -> list[Any]:
    out: list[Any] = []
    for i, part in enumerate(parts):
        out.extend([sep, part] if i else [part])
    return out


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], list[Any]]]:
    out = []
    for path, item in doc.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                out.append((method, path, item[method], shared))
    return out


def _anchor(method: str, path: str, op: dict[str, Any]) -> str:
    return str(op.get("operationId") or f"{method}-{path}")


def _security(doc: dict[str, Any], op: dict[str, Any]) -> Markup:
    needs = op.get("security", doc.get("security", []))
    names = [" and ".join(req) or "none" for req in needs]
    return tag("p", tag("strong", "Authentication: "), " or ".join(names) or "none")


def _parameters(params: list[dict[str, Any]]) -> Markup | None:
    if not params:
        return None
    rows = [
        tag("tr", tag("td", tag("code", p["name"])), tag("td", p.get("in", "")),
            tag("td", "yes" if p.get("required") else "no"),
            tag("td", type_of(p.get("schema", {}))), tag("td", p.get("description", "")))
        for p in params
    ]  # fmt: skip
    head = tag("tr", *[tag("th", h) for h in ("parameter", "in", "required", "type", "")])
    return fragment(tag("h4", "Parameters"), tag("table", tag("thead", head), tag("tbody", rows)))


def _content(content: dict[str, Any]) -> list[Markup]:
    return [tag("li", tag("code", media), ": ", type_of(body.get("schema", {})))
            for media, body in content.items()]  # fmt: skip


def _request(body: dict[str, Any] | None) -> Markup | None:
    if not body:
        return None
    return fragment(tag("h4", "Request body"), tag("ul", _content(body.get("content", {}))))


def _operation(doc: dict[str, Any], method: str, path: str, op: dict[str, Any],
               shared: list[Any]) -> Markup:  # fmt: skip
    body = op.get("requestBody")
    responses = [
        tag("li", tag("strong", code), " ", r.get("description", ""),
            tag("ul", _content(r.get("content", {}))) if r.get("content") else None)
        for code, r in op.get("responses", {}).items()
    ]  # fmt: skip
    return tag(
        "section",
        tag("h3", tag("span", method.upper(), class_=f"method {method}"), " ", tag("code", path)),
        tag("p", op.get("summary", "")),
        tag("p", op["description"]) if op.get("description") else None,
        _security(doc, op),
        _parameters([*shared, *op.get("parameters", [])]),
        _request(body),
        tag("h4", "Responses"),
        tag("ul", responses),
        id=_anchor(method, path, op),
        class_="operation",
    )


def _schema(name: str, schema: dict[str, Any]) -> Markup:
    required = set(schema.get("required", []))
    props = schema.get("properties", {})
    rows = [
        tag("tr", tag("td", tag("code", prop)), tag("td", type_of(sub)),
            tag("td", "yes" if prop in required else "no"), tag("td", sub.get("description", "")))
        for prop, sub in props.items()
    ]  # fmt: skip
    head = tag("tr", *[tag("th", h) for h in ("field", "type", "required", "")])
    return tag(
        "section",
        tag("h3", tag("code", name)),
        tag("p", schema["description"]) if schema.get("description") else None,
        tag("p", type_of(schema)) if not props else None,
        tag("table", tag("thead", head), tag("tbody", rows)) if props else None,
        id=f"schema-{name}",
        class_="schema",
    )


def page(doc: dict[str, Any], *, raw_url: str, styles: tuple[str, ...] = ()) -> str:
    """The whole document: contents by tag, every operation, every schema."""
    info = doc.get("info", {})
    ops = _operations(doc)
    tags = [t["name"] for t in doc.get("tags", [])]
    tags += sorted({t for _, _, op, _ in ops for t in op.get("tags", [])} - set(tags))
    untagged = [o for o in ops if not o[2].get("tags")]
    groups = [(t, [o for o in ops if t in o[2].get("tags", [])]) for t in tags]
    if untagged:
        groups.append(("other", untagged))

    def link(m: str, p: str, o: dict[str, Any]) -> Markup:
        label = fragment(tag("code", m.upper()), " ", p)
        return tag("li", tag("a", label, href=f"#{_anchor(m, p, o)}"), " ", o.get("summary", ""))

    contents = tag("nav", tag("ul", [
        tag("li", group, tag("ul", [link(m, p, o) for m, p, o, _ in members]))
        for group, members in groups
    ]))  # fmt: skip
    schemas = doc.get("components", {}).get("schemas", {})
    body = tag(
        "main",
        tag("h1", info.get("title", "API"), " ",
            tag("small", f"version {info.get('version', '')}")),
        tag("p", info.get("description", "")),
        tag("p", "The same as JSON: ", tag("a", raw_url, href=raw_url), " (OpenAPI ",
            doc.get("openapi", ""), ")."),
        tag("h2", "Operations"),
        contents,
        [_operation(doc, m, p, o, shared) for m, p, o, shared in ops],
        tag("h2", "Schemas"),
        [_schema(name, s) for name, s in schemas.items()],
        class_="apidocs",
    )  # fmt: skip
    return document(str(info.get("title", "API")), body, styles=styles, scripts=())
