"""A hotel's name before the room a person is held in: "the Premier Stay Hotel, room 318",
"Hotel Lido, room 12" (pure).

A room number alone places no one; with its hotel it is where someone is kept, and the
batches label the two as one address. The rules find the room ("room 318"); this widens
it back over the hotel's name written just before it and a comma.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.text import ADDRESS, Span

# the room a rule found: "room 318", "Room 12B", "chambre 4", "habitación 7", "Zimmer 9"
_ROOM = re.compile(r"(?i)(?:room|rm|chambre|habitaci[oó]n|quarto|camera|zimmer|kamer|oda)\b")
_VENUE = r"(?:Hotel|Motel|Inn|Hostel|Lodge|Guest\s?[Hh]ouse|Residence|Suites|Otel|Hôtel)"
_NAMED = r"[A-Z][\w'’&-]*"
# the hotel's name ending just before the room: its words and its venue word, either way
_HOTEL_BEFORE = re.compile(
    rf"(?:{_NAMED}[ \t]+){{1,3}}{_VENUE}[ \t]*,[ \t]*$"
    rf"|{_VENUE}[ \t]+(?:{_NAMED}[ \t]*){{1,3}},[ \t]*$"
)
_REACH = 60


def with_hotel(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each address that opens with a room widened over its hotel."""
    out: list[Span] = []
    for found, end, kind in spans:
        start = found
        if kind == ADDRESS and _ROOM.match(text, found):
            hotel = _HOTEL_BEFORE.search(text, max(0, found - _REACH), found)
            if hotel is not None:
                start = hotel.start()
        out.append((start, end, kind))
    return out
