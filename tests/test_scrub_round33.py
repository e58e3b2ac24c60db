"""Scrubbing round tuned on batches 1-33 (batch 33 scored blind first: BLIND.md)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi its lina. i am in apartment 502, Block C, Al Rigga", "lina"),
        ("olá sou a joana, estou numa casa na Rua das Flores", "joana"),
        ("chi oi em la lan, em o so 45 ngo 12", "lan"),
    ],
)
def test_a_writer_saying_who_they_are_is_named(text: str, name: str) -> None:
    assert f" {name}" not in scrub(text).text


@pytest.mark.parametrize(
    "text",
    ["its owner said no", "em la nguoi viet", "sou a melhor", "Meeting notes. This is urgent."],
)
def test_what_only_looks_like_it_stays(text: str) -> None:
    assert scrub(text).text == text
