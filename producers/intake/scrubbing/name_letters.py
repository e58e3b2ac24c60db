"""Names a letter or an e-mail gives by its form (pure): the signature on the line after
a closing ("Yours faithfully,\\nDr Leila Haddad", "বিনীত,\\nতানিয়া সুলতানা, আইন সহায়তা
কর্মকর্তা"), a signature after a dash ("— নাসিমা, কেস ওয়ার্কার"), and the person an
address header names beside an e-mail address ("From: Sokha Chhim <sokha@…>").

Correspondence between organisations is full of the names of staff, who sign with no
cue a rule could read; a closing says the next line is who wrote. The name runs to a
comma, a bracket, a bar or the line's end, less a title before it; a line of ordinary
words after a closing ("Migrant Workers Desk", "The hotline team") is none.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.name_fields import CASED, THAI_TITLE
from producers.intake.scrubbing.text import NAME, Span, words
from producers.intake.scrubbing.wordlists import TITLES

_CLOSINGS = (
    # English, Spanish, Portuguese, French, Italian, German, Dutch
    "sincerely|yours sincerely|yours faithfully|faithfully|yours truly|best regards|"
    "kind regards|warm regards|warmest regards|regards|best wishes|best|many thanks|"
    "thanks|thank you|with thanks|respectfully|yours|atentamente|saludos|"
    "saludos cordiales|cordialmente|un saludo|atenciosamente|cumprimentos|"
    "com os melhores cumprimentos|cordialement|bien cordialement|salutations|"
    "sinc[eè]res salutations|bien [àa] vous|respectueusement|cordiali saluti|"
    "distinti saluti|saluti|mit freundlichen gr[üu](?:ß|ss)en|freundliche gr[üu](?:ß|ss)e|"
    "viele gr[üu](?:ß|ss)e|beste gr[üu](?:ß|ss)e|met vriendelijke groet(?:en)?|"
    "vriendelijke groet(?:en)?|groet(?:en)?|hartelijke groet(?:en)?|cheers|love|"
    "gracias|obrigad[oa]|merci|grazie|danke|спасибо|дякую|hvala|dziękuję|děkuji|köszönöm|"
    "teşekkürler|terima kasih|salamat|asante|"
    # Indonesian, Malay, Tagalog, Turkish, Uzbek, Swahili, Romanian, Polish, Czech,
    # Lithuanian, Albanian, Serbian, Vietnamese
    "hormat kami|hormat saya|salam hormat|wassalam|lubos na gumagalang|saygılarımla|"
    "saygılarımızla|hurmat bilan|kwa heshima|wako mwaminifu|cu stim[ăa]|cu respect|"
    "z powa[żz]aniem|z wyrazami szacunku|pozdrawiam|s pozdravem|pagarbiai|me respekt|"
    "s po[šs]tovanjem|tr[âa]n tr[ọo]ng|k[íi]nh th[ưu]|"
    # Russian, Ukrainian, Serbian, Greek, Georgian, Arabic, Persian, Urdu, Hebrew, Hindi,
    # Nepali, Bengali, Thai, Khmer, Burmese, Amharic, Sinhala, Tamil, Armenian
    "с уважением|з повагою|с поштовањем|με εκτίμηση|με τιμή|პატივისცემით|مع التحية|"
    "مع خالص التحية|مع التقدير|مع الشكر|وتفضلوا بقبول فائق الاحترام|با احترام|با سپاس|"
    "والسلام|مخلص|בברכה|בכבוד רב|भवदीय|भवदीया|सादर|বিনীত|নিবেদক|শুভেচ্ছান্তে|"
    "ขอแสดงความนับถือ|ด้วยความเคารพ|ដោយក្តីគោរព|ដោយសេចក្តីគោរព|လေးစားစွာဖြင့်|"
    "ከሰላምታ ጋር|ከአክብሮት ጋር|මෙයට විශ්වාසී|இப்படிக்கு|அன்புடன்|நன்றி|ধন্যবাদান্তে|ধন্যবাদ|"
    "धन्यवाद|شكرا|شكراً|ممنون|متشکرم|Հարգանքով"
)
# a closing alone on its line, then the signature's line
_SIGNED = re.compile(rf"(?im)^[ \t]*(?:{_CLOSINGS})[ \t]*[,.!،]?[ \t]*\n[ \t]*(?P<line>[^\n]+)")
# a signature after a dash at a line's start: "— নাসিমা, কেস ওয়ার্কার", "– Grace"
_DASHED = re.compile(r"(?m)^[ \t]*[—–][ \t]*(?P<line>[^\n—–]+)$")
# or after the text's last sentence: "… from the driver. — Tolu" (not after an initial)
_DASHED_LAST = re.compile(r"(?<=[^\s.][^\s.][.!?。।።])[ \t]+[—–][ \t]*(?P<line>[^\n—–]+?)\s*\Z")
# a letter signed with no closing: its last line, after a blank one, a name alone
_LAST_LINE = re.compile(r"\n[ \t]*\n[ \t]*(?P<line>[^\n.!?。።؟:]{2,40}?)[ \t]*\Z")
_MOST_UNSIGNED = 3
# an address header's person: "From: Sokha Chhim <sokha.chhim@…>", "Cc: 'Ama Mensah' <…>"
_HEADER = re.compile(
    r"(?im)^[ \t]*(?:from|to|cc|bcc|de|para|an|von|от|кому|от кого|من|إلى|van|aan|kimden|"
    r"kime|dari|kepada)[ \t]*:[ \t]*['\"“]?(?P<line>[^\n<>'\"”]{2,60}?)['\"”]?[ \t]*<[^\n<>@]+@"
)
_CUT = re.compile(r"[,(|/،，、፣]|\s[–—-]\s|\s{2,}")
_WORDS = re.compile(r"\S+")
_ARABIC = re.compile("[\u0600-\u06ff]")
_DIGIT = re.compile(r"\d")
_MOST_WORDS = 4


def letter_names(text: str) -> list[Span]:
    """NAME spans for signatures after closings or dashes and for header senders."""
    out: list[Span] = []
    if "\n" in text:
        for m in _SIGNED.finditer(text):
            out += _named(text, *m.span("line"))
    if "—" in text or "–" in text:
        for m in [*_DASHED.finditer(text), *_DASHED_LAST.finditer(text)]:
            out += _named(text, *m.span("line"))
    if "\n\n" in text.rstrip() and (last := _LAST_LINE.search(text.rstrip())):
        # one word alone in a script without capitals is as likely a word of thanks
        # ("አመሰግናለሁ") as a name
        line = last.group("line")
        if 1 <= len(line.split()) <= _MOST_UNSIGNED and (CASED.search(line) or " " in line):
            out += _named(text, *last.span("line"))
    if "<" in text and "@" in text:
        for m in _HEADER.finditer(text):
            out += _named(text, *m.span("line"))
    return out


_FIRST_WORD = re.compile(r"(\S+)[ \t]+(?=\S)")
# a signature's titles: every title, and those letters are signed with that are kept out
# of TITLES (a cue elsewhere: "Hon. Grace Nandi" is a minister in office, "Father" kin)
_SIGNATURE_TITLES = TITLES | words(
    'sister fr father atty adv hon dott dott.ssa avv עו"ד עו״ד ד"ר ד״ר '
    "المحامية المحامي الدكتورة الدكتور الأستاذة الأستاذ"
)


def _titled(text: str, start: int, end: int) -> re.Match[str] | None:
    """The title opening a signature (wordlists' TITLES: "Dr", "Dott.ssa", "المحامية"),
    with the space after it; None when the line opens with none."""
    m = _FIRST_WORD.match(text, start, end)
    return m if m is not None and fold(m.group(1).rstrip(".")) in _SIGNATURE_TITLES else None


def _named(text: str, start: int, end: int) -> list[Span]:
    if cut := _CUT.search(text, start, end):
        end = cut.start()
    if title := _titled(text, start, end) or THAI_TITLE.match(text, start, end):
        start = title.end()
    while end > start and text[end - 1] in " \t.":
        end -= 1
    value = text[start:end]
    parts = value.split()
    if not 1 <= len(parts) <= _MOST_WORDS or _DIGIT.search(value) or "@" in value:
        return []
    if not CASED.search(value):
        # no capitals to end the name: two words (three in Arabic script, whose names
        # join more), the rest of the line may be a role ("ចាន់ សុភា បុគ្គលិកសង្គម")
        keep = 3 if _ARABIC.search(value) else 2
        if len(parts) > keep:  # the end of the keep-th word, not of its first twin
            end = start + [m.end() for m in _WORDS.finditer(value)][keep - 1]
    else:
        lex = lexicon()
        # in a script with capitals: each word capitalised, and not all of them ordinary
        # words (the line after a closing may name a desk or a team, not a person)
        if not all(p[0].isupper() for p in parts):
            return []
        folded = [fold(p.strip(".'’")) for p in parts]
        if all(
            (f in lex.common or english(f, lex)) and f not in lex.given and f not in lex.surnames
            for f in folded
        ):
            return []
    return [(start, end, NAME)]
