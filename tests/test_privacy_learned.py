"""The learned recogniser (producers/intake/scrubbing/learned.py) on made-up text.

Every sentence here was written for this file (none is from a labelled batch). Each case
is one the rules alone miss, checked in the test itself by scrubbing without the learned
part, so the test says what the model adds and fails if the rules already do it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from producers.intake.scrub import scrub, scrub_place
from producers.intake.scrubbing import learned
from producers.intake.scrubbing.learned_features import features, tokenize


def _rules_only(monkeypatch: pytest.MonkeyPatch, text: str) -> str:
    with monkeypatch.context() as m:
        m.setattr(learned, "spans", lambda text, place=False: [])
        return scrub(text).text


# (text, what the rules alone leave of its identifier, the placeholder the model gives).
# They are of forms batch 8 showed the rules missing (written anew here): names in lower
# case with no list or capital to tell them, address forms no rule reads
CAUGHT = [
    (
        "pls help, my freind gloria adeyemi cant leave the salon, owner took her phone",
        "gloria adeyemi",
        "[NAME]",
    ),
    (
        "the workers stay in a trailer at 2215 Sideroad 10, Kingsville ON N9Y 2E4",
        "2215 Sideroad 10",
        "[ADDRESS]",
    ),
    (
        "De vrouw woonde in een kamer aan de Burgemeester Visserlaan 88-A, 3062 KT Rotterdam.",
        "Burgemeester",
        "[ADDRESS]",
    ),
]


@pytest.mark.parametrize(("text", "left", "placeholder"), CAUGHT)
def test_the_model_catches_what_the_rules_miss(
    monkeypatch: pytest.MonkeyPatch, text: str, left: str, placeholder: str
) -> None:
    assert left in _rules_only(monkeypatch, text)  # the rules alone leave it
    out = scrub(text).text
    assert left not in out
    assert placeholder in out


def test_ordinary_text_keeps_its_words() -> None:
    for text in (
        "Twelve workers from Moldova were paid nothing for three months in Mainz.",
        "The inspection found 14 men sleeping in a barn; wages were withheld since March.",
    ):
        assert learned.spans(text) == []
        assert scrub(text).text == text


def test_place_fields_are_left_to_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # a person's home in a place field is whole or not by the rules (scrub_place): the
    # model, which took towns there that the batches' writers kept, does not run there
    text = "near the old mill, Kingsville"
    monkeypatch.setattr(learned, "spans", lambda text, place=False: [(0, len(text), "[NAME]")])
    assert scrub(text).text == "[NAME]"  # a summary: the (stand-in) model's span is used
    assert scrub_place(text).text == text


def test_towns_at_an_address_edge_stay() -> None:
    # pure: the model's span is given back its town and country parts
    text = "Kerkstraat 14, Utrecht, Netherlands"
    assert learned._tidy(text, 0, len(text), "[ADDRESS]") == (0, 13, "[ADDRESS]")
    assert learned._tidy(text, 15, 22, "[NAME]") is None  # "Utrecht" alone


def test_tokens_split_punctuation_and_possessives() -> None:
    toks = tokenize("Ramesh's card (no. 12), “Gruby”.")
    assert [t[2] for t in toks] == [
        "Ramesh",
        "'s",
        "card",
        "(",
        "no",
        ".",
        "12",
        ")",
        ",",
        "“",
        "Gruby",
        "”",
        ".",
    ]
    assert all("Ramesh's card (no. 12), “Gruby”."[s:e] == w for s, e, w in toks)
    feats = features(toks, place=False)
    assert len(feats) == len(toks)
    assert "w=ramesh" in feats[0]
    assert "first" in feats[0]
    assert "1w=card" in feats[1]  # the next token's word, seen from "'s"


def test_the_model_ships_in_the_package_and_loads_without_network() -> None:
    if (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode != 0
    ):
        pytest.skip("needs unshare --net (root) to cut the network")
    code = (
        "from producers.intake.scrubbing import learned;"
        "print(learned.spans('pls help, my freind gloria adeyemi cant leave the salon'))"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "no_proxy": "*"}
    done = subprocess.run(
        ["unshare", "--net", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "[NAME]" in done.stdout


def test_threads_scrubbing_at_once_get_what_one_gets() -> None:
    # bulk intake scrubs in a thread pool: each thread tags with its own model handle
    from concurrent.futures import ThreadPoolExecutor

    texts = [c[0] for c in CAUGHT] * 20
    alone = [scrub(t).text for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda t: scrub(t).text, texts))
    assert together == alone


def test_the_word_cache_is_bounded() -> None:
    """Every partner's words pass through the recogniser's word features: a partner
    sending random words must not grow the intake's memory without limit."""
    from producers.intake.scrubbing import learned_features

    maxsize = learned_features._word.cache_info().maxsize
    assert maxsize is not None
    assert maxsize <= 1 << 16
