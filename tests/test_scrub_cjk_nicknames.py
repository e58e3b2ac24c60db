"""How Chinese and Korean text calls a person without a full name (made-up text)."""

from __future__ import annotations

import pytest

from producers.intake.scrub import scrub


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("老闆吳先生沒收了護照。", "老闆[NAME]先生沒收了護照。"),
        ("一名綽號「黑仔」的男子負責看管。", "一名綽號「[NAME]」的男子負責看管。"),
        ("工友阿美（菲律宾籍）说工资被扣。", "工友[NAME]（菲律宾籍）说工资被扣。"),
        ("업소는 '박실장'이 관리했다.", "업소는 '[NAME]'이 관리했다."),
        # a kin word or a country the dictionary knows stays
        ("她的阿姨在广州等她。", "她的阿姨在广州等她。"),
        ("他来自阿富汗。", "他来自阿富汗。"),
    ],
)
def test_a_called_name_goes(text: str, kept: str) -> None:
    assert scrub(text).text == kept
