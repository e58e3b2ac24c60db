"""A tiny HTML builder that escapes everything it is not told is markup.

``tag("a", "Tom & Jerry", href="/x?a=1&b=2")`` escapes the text and the attribute;
only ``Markup`` (what ``tag`` itself returns) passes through unescaped. There is no way
to put a script or a style attribute in a page: the Content-Security-Policy forbids
inline ones anyway. Data for scripts travels in ``json_block`` (type application/json,
never executed, ``<`` escaped so no text can close the element).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_VOID = {"br", "hr", "img", "input", "link", "meta"}

Child = Any  # str, Markup, numbers, None (skipped) or iterables of them


class Markup(str):
    """Text known to be safe HTML (built here)."""

    __slots__ = ()


def esc(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def _children(children: Iterable[Child]) -> str:
    out: list[str] = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, str | int | float):
            out.append(esc(child))
        else:
            out.append(_children(child))
    return "".join(out)


def tag(name: str, /, *children: Child, **attrs: Any) -> Markup:
    """An element; attribute names lose a trailing ``_`` (``class_``) and turn ``_`` into
    ``-`` (``aria_label``); None or False leaves an attribute out, True makes it bare."""
    if not _NAME.match(name):
        raise ValueError(f"bad element name {name!r}")
    parts = [name]
    for key, value in attrs.items():
        attr = key.rstrip("_").replace("_", "-")
        if not _NAME.match(attr) or attr == "style" or attr.startswith("on"):
            raise ValueError(f"attribute {attr!r} is not allowed")
        if value is None or value is False:
            continue
        parts.append(attr if value is True else f'{attr}="{esc(value)}"')
    opening = f"<{' '.join(parts)}>"
    if name in _VOID:
        return Markup(opening)
    return Markup(f"{opening}{_children(children)}</{name}>")


def fragment(*children: Child) -> Markup:
    return Markup(_children(children))


def json_block(element_id: str, data: Any) -> Markup:
    """Data for the page's scripts, never executed (the CSP allows no inline script)."""
    text = json.dumps(data, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/json" id="{esc(element_id)}">{text}</script>')


def document(title: str, body: Child, *, styles: Iterable[str], scripts: Iterable[str]) -> str:
    head = fragment(
        Markup('<meta charset="utf-8">'),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("meta", name="referrer", content="same-origin"),
        tag("title", title),
        [tag("link", rel="stylesheet", href=href) for href in styles],
        [tag("script", src=src, defer=True) for src in scripts],
    )
    return "<!doctype html>\n" + tag("html", tag("head", head), tag("body", body), lang="en")
