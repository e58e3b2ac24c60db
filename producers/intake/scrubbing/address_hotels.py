"""A hotel's name with the room a person is held in: "the Premier Stay Hotel, room 318",
"Hotel Centraal, kamer 17", "Phòng 305, nhà nghỉ Hoa Mai" (pure).

A room number alone places no one; with its hotel it is where someone is kept, and the
batches label the two as one address. ``hotel_rooms`` finds a named hotel and its room
written together in any of the languages below; ``with_hotel`` widens an address another
rule found that opens or closes with a room back over the hotel's name written just
before it.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.text import ADDRESS, Span

_ROOMS = (
    r"rooms?|rm|kamer|cuarto|habitaci[oó]n|hab\.|chambre|quarto|camera|zimmer|oda|"
    r"pok[oó]j|pokoju|номер|комната|комнате|кімната|kamar|bilik|kuwarto|silid|szoba|"
    r"δωμάτιο|phòng"
)
# the room a rule found: "room 318", "Room 12B", "chambre 4", "habitación 7", "Zimmer 9"
_ROOM = re.compile(rf"(?i)(?:{_ROOMS})(?!\w)")
_VENUE = (
    r"(?:[Hh]otel|Motel|Inn|Hostel|Lodge|Guest\s?[Hh]ouse|Residence|Suites|Otel|[Hh]ôtel|Hostal|"
    r"Pensi[oó]n|Pension|Pousada|Albergue|Гостиница|Отель|Готель|Penginapan|Wisma|Losmen)"
)
_NAMED = r"[A-ZÀ-ÞА-ЯЁІЇЄ][\w'’&-]*"
# a name's lowercase particle after the venue word: "l'Hôtel du Canal", "Hotel de la Paix"
_PARTICLE = r"(?:(?:du|de|des|del|della|di|da|do|dos|das|la|le|les|el|of|the)[ \t]+)"
_BRAND = r"[A-Z][a-z][\w'’&-]*"  # a word, no country code: "the UK, room 5" is no hotel
# the hotel's name ending just before the room: its words and its venue word, either way,
# or a chain's name after "the" ("the Travelodge, room 112")
_HOTEL = (
    rf"(?:(?:{_NAMED}[ \t]+){{1,3}}{_VENUE}"
    rf"|{_VENUE}(?:[ \t]+{_PARTICLE}{{0,2}}{_NAMED}){{1,3}}"
    rf"|(?<=\bthe )(?:{_BRAND}[ \t]+){{0,2}}{_BRAND})"
)
_HOTEL_BEFORE = re.compile(rf"{_HOTEL}[ \t]*,[ \t]*$")
_ROOM_AFTER = re.compile(rf",[ \t]*(?i:{_ROOMS})[ \t]*\d{{1,5}}[A-Za-z]?(?![\w])")
_REACH = 60
_NUMBER = (  # "room 12", "rooms 14 and 15", "chambre n° 4"
    r"(?:n[oº°]\.?\s*|#\s*|№\s*)?\d{1,5}[A-Za-z]?(?:\s*(?:and|&|,|et|y|und|e)\s*\d{1,5})?(?!\d)"
)
# a named hotel and its room together, either order ("Phòng 305, nhà nghỉ Hoa Mai")
_HOTEL_ROOM = re.compile(
    rf"{_HOTEL}[ \t]*,[ \t]*(?i:{_ROOMS})[ \t]*{_NUMBER}"
    rf"|(?i:{_ROOMS})[ \t]*{_NUMBER},[ \t]*(?:tòa [A-Z0-9]{{1,3}},[ \t]*)?"
    rf"(?:nhà nghỉ|khách sạn|chung cư)(?:[ \t]+{_NAMED}){{1,4}}"
)


def hotel_rooms(text: str) -> list[tuple[int, int]]:
    """A named hotel written with a room number beside it."""
    return [m.span() for m in _HOTEL_ROOM.finditer(text)]


def with_hotel(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each address that opens with a room widened over its hotel."""
    out: list[Span] = []
    for found, end, kind in spans:
        start = found
        # a room opening the address, or after its street: "Starlite Motel,
        # 1190 E Main St, Room 214" (the hotel at its street, the room in it)
        if kind == ADDRESS and (_ROOM.match(text, found) or _ROOM_AFTER.search(text, found, end)):
            hotel = _HOTEL_BEFORE.search(text, max(0, found - _REACH), found)
            if hotel is not None:
                start = hotel.start()
        out.append((start, end, kind))
    return out
