"""Attack: a partner's own message template grows a value far past the output cap without
printing it, so the alerts process (every organisation's alerts) runs out of memory; or
works for hours printing little.

The sandbox capped what a rendering prints, and repetition by ``*``; a value could still
double at each ``{% set a = a ~ a %}`` (a few hundred characters made 160 MB here, a few
more a host's whole memory), grow fivefold at each ``|list|string``, or be a list of one
long string printed once. Each source below is a few hundred characters; each must be
refused with the rendering's memory staying small.
"""

from __future__ import annotations

import tracemalloc

import pytest

from alerts.templating import TemplateProblem, render
from tests.alertkit import detection

DOUBLE = "{% set a = 'x' * 10000 %}" + "{% set a = a ~ a %}" * 14 + "{{ a|length }}"
GROWTH = [
    DOUBLE,
    DOUBLE.replace("a ~ a", "a + a"),
    "{{ (summary|list|string" + "|list|string" * 5 + ")|length }}",
    "{% set s = 'x' * 10000 %}{% set s = detections[:30]|join(s) %}"
    "{{ (detections[:30]|join(s))|length }}",
    "{% for a in ['x' * 10000] %}{% for b in [a~a~a~a~a~a~a~a~a~a] %}"
    "{{ (b~b~b~b~b~b~b~b~b~b~b~b~b~b~b~b)|length }}{% endfor %}{% endfor %}",
    "{% with a = 'x' * 10000 %}{% with b = [a, a, a, a, a, a, a, a, a, a] * 1000 %}"
    "{{ b|string|length }}{% endwith %}{% endwith %}",
    "{{ ['x' * 10000] * 10000 }}",
    "{% set n = 99999999999 %}" + "{% set n = n * n %}" * 16 + "{{ n > 0 }}",
]


@pytest.mark.parametrize("source", GROWTH)
def test_a_template_cannot_grow_a_value_past_the_cap(source: str) -> None:
    body = {
        "title": "t",
        "summary": "s" * 2000,
        "detections": [detection(det_id=f"d{i}") for i in range(40)],
        "subscription": {},
    }
    assert len(source) < 600
    tracemalloc.start()
    try:
        with pytest.raises(TemplateProblem, match="larger than a template may make"):
            render("text", source, body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


LONG_WORK = [
    "{% for a in ('x' * 3000)|list %}{% for b in ('x' * 3000)|list %}{% endfor %}{% endfor %}",
    "{% for a in ('x' * 10000)|list %}{{ detections|length }}{% endfor %}",
]


@pytest.mark.parametrize("source", LONG_WORK)
def test_a_template_cannot_work_for_hours_printing_little(source: str) -> None:
    """Attack: loops over a long text's characters print nothing (under the output cap)
    yet run for as long as the attacker likes: two nested loops over the characters of
    a 200,000-character value are 4e10 steps, hours of the deliverer's time."""
    body = {"title": "t", "detections": [detection(det_id=f"d{i}") for i in range(40)]}
    with pytest.raises(TemplateProblem, match="steps"):
        render("text", source, body)


def test_ordinary_templates_of_a_large_digest_still_render() -> None:
    many = [{**detection(det_id=f"d{i}"), "what": "w" * 50} for i in range(800)]
    body = {"title": "t", "summary": "s" * 2000, "detections": many, "subscription": {}}
    source = (
        "{{ title ~ ': ' ~ detections|length }} {{ summary|truncate(20) }}\n"
        "{% for d in detections %}{{ loop.index }}. {{ d.what + '!' }} "
        "{{ d.dimensions.values()|list|join(', ') }}\n{% endfor %}"
    )
    out = render("text", source, body)
    assert out.startswith("t: 800 " + "s" * 17 + "...")
    assert out.count("wwww!") == 800
