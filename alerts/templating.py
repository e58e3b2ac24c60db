"""A subscription's own message templates (Jinja2), rendered in a sandbox over the payload
compose.py made for it (pure): an email's subject, text and html parts, a Slack message
(mrkdwn) and a webhook's ``text`` field, each a part of its own.

A template sees one plain dict, the payload's JSON copy: what the subscriber may see and
nothing else (no object, no other detection, no settings). The sandbox refuses what could
reach further or run away with the process:
- no attribute but a dict's ``items``/``keys``/``values``/``get`` and a loop's counters
  (no ``__class__``, no string methods such as ``ljust`` that allocate), no globals
  (``range``, ``lipsum``, ``cycler``…), a short list of filters whose output is bounded
  by their input;
- ``*``, ``**`` and ``%`` checked before they run (``'x' * 10**9``);
- no macros, includes, imports, ``recursive`` loops, and loops nested at most two deep,
  refused when the template is checked; what is left is bounded by the payload's size;
- at most MAX_OUTPUT characters out, the rendering stopped there;
- no value larger than the payload twice over or MAX_OUTPUT, whichever is more, checked
  before it is made wherever one can grow (``~``, ``+``, ``*``, a filter, a printed
  ``{{ }}``): ``{% set a = a ~ a %}`` repeated, ``|list|string`` chained, or a list of
  one long string printed once built gigabytes from a few hundred characters, far below
  the output cap, before the output was ever checked.
Syntax problems are found when a subscription is made (the line named); anything that
fails when a message is rendered falls back to the default message, and the delivery
record says so.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NamedTuple

from jinja2 import StrictUndefined, TemplateError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg

PARTS = ("subject", "text", "html", "slack", "webhook")
CHANNEL_PARTS = {"email": ("subject", "text", "html"), "slack": ("slack",), "webhook": ("webhook",)}
MAX_SOURCE = 20_000  # characters of one template
MAX_OUTPUT = 200_000  # characters one rendering may produce
MAX_LOOP_DEPTH = 2
MAX_REPEAT = 10_000  # longest result of a string or list repeated by *
MAX_STEPS = 1_000_000  # loop iterations and items measured by one rendering (~1 s)
COUNTED = "_counted"  # the filter every loop's items pass through (see _Generator)
MAX_INT_BITS = 1024  # integers a template multiplies (n * n repeated squares its digits)
DICT_METHODS = frozenset({"items", "keys", "values", "get"})
LOOP_FIELDS = frozenset({"index", "index0", "first", "last", "length", "revindex"})
FILTERS = (
    "abs", "capitalize", "count", "d", "default", "e", "escape", "first", "float", "int",
    "join", "last", "length", "list", "lower", "max", "min", "round", "sort", "string",
    "sum", "title", "trim", "truncate", "upper", "urlencode",
)  # fmt: skip


class Rendered(NamedTuple):
    text: str | None  # None: send the default
    problem: str | None = None  # why the template was not used


class TemplateProblem(ValueError):
    def __init__(self, part: str, message: str, line: int | None = None) -> None:
        self.part, self.line = part, line
        where = f"line {line}: " if line else ""
        super().__init__(f"{where}{message}")


@dataclass
class _Rendering:
    """What the rendering in progress may still do: the largest value it may make, and
    the steps (loop iterations, items measured) it has left."""

    limit: int = MAX_OUTPUT
    steps: int = MAX_STEPS


_RENDERING: ContextVar[_Rendering | None] = ContextVar("template_rendering", default=None)


def _now() -> _Rendering:
    return _RENDERING.get() or _Rendering()


def _spend(rendering: _Rendering, steps: int) -> None:
    rendering.steps -= steps
    if rendering.steps < 0:
        raise SecurityError(f"a template that takes more than {MAX_STEPS} steps")


def size(value: Any, budget: int) -> tuple[int, int]:
    """About how many characters ``value`` takes as text, counting what containers hold
    (a list of one string a thousand times is a thousand strings), and how many items
    were looked at; counting stops once past ``budget``."""
    total, seen, stack = 0, 0, [value]
    while stack and total <= budget:
        v = stack.pop()
        seen += 1
        if isinstance(v, str | bytes):
            total += len(v)
        elif isinstance(v, dict):
            total += 2 + 4 * len(v)
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list | tuple):
            total += 2 + 2 * len(v)
            stack.extend(v)
        elif isinstance(v, int):
            total += v.bit_length() // 3 + 1
        else:
            total += 24  # floats, None, a loop's counters
    return total, seen


def _check(*values: Any, times: int = 1) -> None:
    rendering = _now()
    total = 0
    for v in values:
        chars, seen = size(v, rendering.limit)
        _spend(rendering, seen)  # measuring is work too: a long list measured in a loop
        total += chars
    if total * max(times, 1) > rendering.limit:
        raise SecurityError(
            f"a value larger than a template may make ({rendering.limit} characters)"
        )


def _counted(items: Any) -> Iterator[Any]:
    """A loop's items, each a step: two nested loops over a long text's characters
    once ran for hours without printing anything."""
    rendering = _now()
    for item in items:
        _spend(rendering, 1)
        yield item


def _bounded_filter(fn: Callable[..., Any], *, per_item: bool) -> Callable[..., Any]:
    """``fn`` refusing inputs whose result could pass the limit (``per_item``: its
    arguments counted once per item of the input, as ``join`` repeats its separator) and
    results that do."""
    skip = 1 if _PassArg.from_obj(fn) is not None else 0

    @functools.wraps(fn)  # keeps jinja's pass_context marks
    def run(*args: Any, **kwargs: Any) -> Any:
        value, rest = args[skip], [*args[skip + 1 :], *kwargs.values()]
        _check(value)
        if rest and per_item and isinstance(value, str | list | dict):
            _check(*rest, times=len(value))
        out = fn(*args, **kwargs)
        _check(out)
        return out

    return run


def _checked_concat(join: Callable[[Any], str], parts: tuple[Any, ...]) -> str:
    _check(*parts)
    return join(parts)


class _Generator(CodeGenerator):
    """Jinja's code generator with ``~`` checked (it has no sandbox hook of its own)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # as jinja's own, with the join handed to the check instead of called
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.checked_concat({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def mrkdwn_escape(value: Any) -> str:
    """A value as Slack mrkdwn shows it literally: its three control characters escaped,
    so a value cannot open a link or a mention (``<!channel>``)."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _printed(value: Any) -> Any:
    _check(value)  # before it becomes text: ``{{ [long] * 9999 }}``
    return value


def _printed_mrkdwn(value: Any) -> str:
    return mrkdwn_escape(_printed(value))


class _Env(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _Generator
    checked_concat = staticmethod(_checked_concat)

    def __init__(self, *, html: bool = False, mrkdwn: bool = False) -> None:
        # mrkdwn: every {{ }} value escaped for Slack; the template's own text is markup
        finalize = _printed_mrkdwn if mrkdwn else _printed
        super().__init__(autoescape=html, undefined=StrictUndefined, finalize=finalize)
        self.globals.clear()
        # HTML escaping would be escaped again (and its &#34; shown) in mrkdwn
        names = [n for n in FILTERS if not (mrkdwn and n in {"e", "escape"})]
        kept = {
            name: _bounded_filter(self.filters[name], per_item=name == "join") for name in names
        }
        self.filters.clear()
        self.filters.update(kept)
        self.filters[COUNTED] = _counted
        self.tests.clear()
        self.tests.update({"defined": lambda v: True, "none": lambda v: v is None})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template with every loop's items counted (loops have no sandbox hook)."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, COUNTED, [], [], None, None, lineno=loop.lineno)
        return tree

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, LoopContext):
            return attr in LOOP_FIELDS
        return isinstance(obj, dict) and attr in DICT_METHODS

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            raise SecurityError("** is not allowed in a template")
        if operator == "%":
            if isinstance(left, str):
                raise SecurityError("% formatting is not allowed in a template")
            return super().call_binop(context, operator, left, right)
        if operator == "+":
            if not (isinstance(left, int | float) and isinstance(right, int | float)):
                _check(left, right)
            return super().call_binop(context, operator, left, right)
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError("a product larger than a template may make")
            return super().call_binop(context, operator, left, right)
        sized = left if isinstance(left, str | list) else right
        times = right if sized is left else left
        repeats = isinstance(sized, str | list) and isinstance(times, int)
        if repeats and len(sized) * max(times, 0) > MAX_REPEAT:
            raise SecurityError("a repetition longer than a template may make")
        if repeats:
            _check(sized, times=times)
        return super().call_binop(context, operator, left, right)


_ENVS = {
    "subject": _Env(),
    "text": _Env(),
    "html": _Env(html=True),
    "slack": _Env(mrkdwn=True),
    "webhook": _Env(),  # JSON-encoded into the payload: plain text, the receiver's markup
}


def _loops(node: nodes.Node, depth: int = 0) -> None:
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Macro | nodes.CallBlock):
            raise TemplateProblem("", "macros are not allowed", child.lineno)
        if isinstance(child, nodes.Include | nodes.Extends | nodes.Import | nodes.FromImport):
            raise TemplateProblem("", "includes, imports and extends are not allowed",
                                  child.lineno)  # fmt: skip
        inner = depth
        if isinstance(child, nodes.For):
            if child.recursive:
                raise TemplateProblem("", "recursive loops are not allowed", child.lineno)
            inner = depth + 1
            if inner > MAX_LOOP_DEPTH:
                raise TemplateProblem("", f"loops nest at most {MAX_LOOP_DEPTH} deep",
                                      child.lineno)  # fmt: skip
        _loops(child, inner)


def check(part: str, source: str) -> None:
    """TemplateProblem naming the line if ``source`` cannot be a ``part`` template."""
    if part not in PARTS:
        raise TemplateProblem(part, f"one of {', '.join(PARTS)}")
    if len(source) > MAX_SOURCE:
        raise TemplateProblem(part, f"at most {MAX_SOURCE} characters")
    env = _ENVS[part]
    try:
        tree = env.parse(source)
        env.compile(tree)
    except TemplateError as err:
        line = getattr(err, "lineno", None)
        raise TemplateProblem(part, str(getattr(err, "message", "") or err), line) from None
    try:
        _loops(tree)
    except TemplateProblem as err:
        raise TemplateProblem(part, str(err).split(": ", 1)[-1], err.line) from None


def _bounded(chunks: Iterator[str]) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the message is longer than {MAX_OUTPUT} characters")
        out.append(chunk)
    return "".join(out)


def render(part: str, source: str, payload: dict[str, Any]) -> str:
    """``source`` rendered over a plain copy of ``payload``; TemplateProblem if it fails
    (the caller then sends the default)."""
    check(part, source)
    data = json.loads(json.dumps(payload))  # plain values only, no shared objects
    chars, _ = size(data, 10 * MAX_OUTPUT)
    rendering = _RENDERING.set(_Rendering(limit=max(MAX_OUTPUT, 2 * chars)))
    try:
        template = _ENVS[part].from_string(source)
        return _bounded(template.generate(data))
    except (TemplateError, SecurityError, ArithmeticError, TypeError, ValueError,
            RecursionError, MemoryError) as err:  # fmt: skip
        raise TemplateProblem(part, f"{type(err).__name__}: {str(err)[:200]}") from None
    finally:
        _RENDERING.reset(rendering)


def attempt(part: str, templates: Mapping[str, str], payload: dict[str, Any]) -> Rendered:
    """The subscription's ``part`` rendered over ``payload``: its text, or None when it has
    no template for the part; or, when its template fails or renders nothing, None and the
    reason (the caller sends its default message and the delivery record says why)."""
    source = templates.get(part)
    if not source:
        return Rendered(None, None)
    try:
        out = render(part, source, payload)
    except TemplateProblem as err:
        return Rendered(None, f"{part}: {err}")
    if not out.strip():
        return Rendered(None, f"{part}: the template rendered nothing")
    return Rendered(out, None)


def note(problems: list[str]) -> str | None:
    """What a delivery record says when a template failed and the default went instead."""
    return "template failed, default sent (" + "; ".join(problems) + ")" if problems else None
