"""The README's first subscription example is one the CLI takes as written: the flags
parse, `--countries TH` is the area, and the subscription it makes is valid."""

from __future__ import annotations

import shlex
from pathlib import Path

from alerts.subscriptions import build
from tahub.commands.subs import _spec_from_options, subs_add
from tests.alertkit import RULES, T0

README = Path(__file__).resolve().parent.parent / "README.md"


def _example() -> list[str]:
    """The words of the Alerts section's `tahub subs add …` command, its lines joined."""
    section = README.read_text(encoding="utf-8").split("\n## Alerts\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    command = block[block.index("tahub subs add") :].split("\n\n", 1)[0]
    return shlex.split(command.replace("\\\n", " "), comments=True)


def test_the_readmes_subscription_example_is_valid_and_names_a_country() -> None:
    words = _example()
    assert words[:3] == ["tahub", "subs", "add"]
    assert "--countries" in words  # the flag a first subscription needs
    ctx = subs_add.make_context("add", words[3:])
    org = ctx.params["org_id"]
    opts = {k: v for k, v in ctx.params.items() if k not in {"org_id", "as_json"}}
    sub = build(_spec_from_options(opts), org_id=org, now=T0, rules=RULES)
    assert sub.area.countries == ["TH"]
    assert {c.kind.value for c in sub.channels} == {"slack", "webhook", "email", "outbox"}
    assert (sub.timezone, sub.notify_resolved) == ("Asia/Bangkok", True)
