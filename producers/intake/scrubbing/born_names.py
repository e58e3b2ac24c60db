"""A name set off before its birth date or its identity document, in scripts without
capitals (pure).

"सरिता तामाङ (जन्म मिति …)", "فرشته احمدی، متولد …", "ሕይወት ታደሰ፣ የትውልድ ቀን …",
"கலைச்செல்வி இராஜேந்திரன், பிறந்த தேதி …": who is born is a person, and in these scripts
no capital and often no list marks the name. The words just before a birth word, set off
from it by a bracket, a comma or a space, are taken: all of them when two or three stand
between a mark (a bracket, a comma, a colon, the text's start) and the birth word, else
the last two. A word that is a function word, a cue or a place stops the name; a name a
rule found there already is left as it is. Deep in a clause, with no mark within three
words ("…வேலை செய்த கவிதா (பிறந்த …": who worked …), the last word alone is taken.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from producers.intake.scrubbing.lexicon import Lexicon, fold, lexicon
from producers.intake.scrubbing.scripts import script_cue
from producers.intake.scrubbing.text import NAME, Span, words

# birth words ("born", "date of birth") of scripts without capitals, as they open the
# words after a name: Devanagari, Bengali, Gurmukhi, Gujarati, Arabic script, Tamil,
# Malayalam, Kannada, Telugu, Sinhala, Ethiopic, Myanmar, Khmer, Lao, Thai, Georgian, Hebrew
_BIRTH = re.compile(
    r"(?:"
    "जन्म|জন্ম|ਜਨਮ|જન્મ|مواليد|المولود|المولودة|متولد|مولود|تاريخ الميلاد|تاریخ تولد|"
    "تاریخ پیدائش|پیدائش|زیږیدلی|பிறந்த|பிறப்பு|ജനനം|ജനിച്ച|ಜನನ|ಜನ್ಮ|జననం|పుట్టిన|උපන්|"
    "የትውልድ|የተወለደ|የተወለደች|ዝተወልደ|ዝተወልደት|မွေး|កើត|ថ្ងៃខែឆ្នាំកំណើត|ເກີດ|เกิด|"
    "დაბადებული|დაბ\\.|יליד|ילידת|נולד|נולדה|لەدایکبوو"
    ")(?!\\s?(?:নিবন্ধন|पंजीकरण|दर्ता|پرچی|سرٹیفکیٹ))"  # a birth register's number is no birth
)
# an identity document named in a bracket after a name: "रामकुमार चौधरी (नागरिकता नं. …)",
# "ரஜனி சிவகுமார் (NIC …)", "ሰሚር ሃብተ (ካርድ ስደተኛ …)": whose document it is is a person
_DOCUMENT = re.compile(
    r"\(\s?(?:"
    "पासपोर्ट|नागरिकता|आधार|पहचान|ਪਾਸਪੋਰਟ|ਆਧਾਰ|પાસપોર્ટ|આધાર|পাসপোর্ট|এনআইডি|জাতীয় পরিচয়|"
    "پاسپورٹ|پاسپورت|شناختی|تذکره|تذکرې|جواز|الإقامة|رقم الإقامة|الهوية|"
    "பாஸ்போர்ட்|கடவுச்சீட்டு|ಪಾಸ್‌ಪೋರ್ಟ್|ಆಧಾರ್|പാസ്പോർട്ട്|ගමන් බලපත්‍ර|ජා\\.හැ\\.අ|"
    "ፓስፖርት|ካርድ|መታወቂያ|דרכון|ת\\.ז|პასპორტი|პ/ნ|"
    "passport|NIC|CNIC|NID|Aadhaar|ID)"
)
# a word of those scripts written with spaces, with its combining marks and joiners; not
# Burmese, whose names open with a title (read in ``scripts``: "မခင်မာဝင်း၊ မွေးနေ့"), nor
# Thai, Lao or Khmer, written without spaces: there the "word" before is a clause with
# the name's title glued on ("…ชื่อนางสาวมาลัย")
_WORD = re.compile(
    "[\u0590-\u05ff\u0600-\u060b\u060d-\u061a\u061c-\u061e\u0620-\u06d3\u06d5-\u06ff"
    "\u0750-\u077f\u0900-\u0963\u0966-\u0dff\u10a0-\u10ff\u1200-\u135a\u200c\u200d]+"
    # a Hebrew letter with a geresh writes a foreign sound: "ג'ניפר", "קרבצ'וק"
    "(?:['\u05f3][\u05d0-\u05ea]+)*['\u05f3]?$"
)
# a word with a case ending written onto it is no name's part: it names whose birth it is
# ("किशोरीको जन्म मिति": the girl's birth date) or where the person is from
# ("सिन्धुपाल्चोककी मिना …"): Devanagari, Gurmukhi, Bengali (not "-का": "गीतिका")
_GENITIVE = ("को", "की", "ਦੀ", "ਦਾ", "ের", "এর")
# what sets a name off before its birth word: a bracket, a comma, a colon, a dash
# what may stand between a name and its birth word, read backwards from that word: a
# search for it anchored at the text's end rescanned the text from its start at every
# birth word, quadratic on a page of repeated records (64 kB took 8 s)
_LONGEST = 40  # letters of a name's word; a longer run is not looked back through
_GAP = frozenset("([（,،፣၊:—–-")
# letters of the scripts read here: a text without them is not looked at
_SCRIPTS = re.compile(
    "[\u0590-\u06ff\u0750-\u077f\u0900-\u0dff\u1000-\u109f\u10a0-\u10ff\u1200-\u135a]"
)
# what ends the words of a name on its left: a mark of a clause or the text's start
_MARKS = frozenset(",،፣፡፤၊:;.!?()[]።।؛\"'«»“”„")
# words that are no name and stop one: function words and what is said of a person
_STOPS = words(
    """
    ने को के की का में से पर और है था थी थे हो छ छन् थियो एक यो त्यो वर्षीय लड़की लड़का बच्चा बच्ची युवती
    महिला पुरुष किशोरी नाबालिग पीड़िता पीड़ित पीडिता पीडित
    নেই আছে ছিল হয় কে র এর ও এবং একটি কিশোরী তরুণী শিশু নারী মেয়ে ছেলে ভুক্তভোগী
    في من إلى على عن مع أن كان كانت هي هو الطفل الطفلة الفتاة العاملة العامل الضحية
    و از در به با که را این آن یک زن مرد دختر پسر نوجوان کودک
    کی کے کا میں سے پر اور لڑکی لڑکا بچہ بچی
    ஒரு மற்றும் பெண் ஆண் சிறுமி சிறுவன்
    ഒരു യുവതി സ്ത്രീ പെൺകുട്ടി
    እና ወደ ከ ልጅ ሴት ወንድ ሰራተኛ ሠራተኛ ተበዳይ
    את של על עם אל כי גם הוא היא אישה העובד העובדת המתלונן המתלוננת הנפגע הנפגעת
    დაზარალებული მსხვერპლი ქალბატონი ბატონი
    சேர்ந்த செய்த செய்யும் කරන කළ হওয়া वाली वाला वाले ಮಾಡುವ చేసే ചെയ്യുന്ന ചെയ്ത പോയ
    """
)


def born_spans(text: str, spans: list[Span]) -> list[Span]:
    """NAME spans for the words naming a person before their birth word."""
    if not _SCRIPTS.search(text) or not (_BIRTH.search(text) or _DOCUMENT.search(text)):
        return []
    lex = lexicon()
    inside = _Inside([(s, e) for s, e, kind in spans if kind == NAME])
    out: list[Span] = []
    for m in [*_BIRTH.finditer(text), *_DOCUMENT.finditer(text)]:
        end = _gap_start(text, m.start())
        span = _name_before(text, end, lex) if end else None
        # a name a rule found that starts further left stays as it is: that rule knew
        # where it starts ("…ชื่อนางสาวมาลัย ศรีสุข เกิด"); one inside is widened
        if span is not None and not inside(span[0]):
            out.append((*span, NAME))
    return out


def _gap_start(text: str, end: int) -> int:
    """Where the run of spaces and marks ending at ``end`` starts."""
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in _GAP):
        end -= 1
    return end


class _Inside:
    """Whether a position lies strictly inside one of the spans (log time per ask)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [s for s, _ in spans]
        self._reach = list(accumulate((e for _, e in spans), max))

    def __call__(self, pos: int) -> bool:
        i = bisect_left(self._starts, pos)  # the spans starting before pos
        return i > 0 and self._reach[i - 1] > pos


def _name_before(text: str, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The two or three words ending at ``end`` that name a person, or None."""
    taken: list[tuple[int, int]] = []
    closed = False  # a mark, a word that is no name or the text's start is on the left
    pos = end
    while len(taken) < 4:
        start = text.rfind(" ", max(0, pos - _LONGEST), pos) + 1
        # no space near: a run of letters, no name (and not sliced: a slice from the
        # text's start at every birth word made a page of them cost its square)
        word = "" if start == 0 and pos > _LONGEST else text[start:pos]
        if not word or not _WORD.match(word) or _not_name(word, lex):
            closed = True
            break
        taken.append((start, pos))
        if start == 0 or _marked(text, start):
            closed = True
            break
        pos = start - 1
    if not taken:
        return None
    if len(taken) > 3 or not closed:
        # inside a sentence where the name starts is not known: its last word, at least
        return taken[0]
    return taken[-1][0], taken[0][1]


def _marked(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start].rstrip()
    return not before or before[-1] in _MARKS


# an adjective of nationality or origin after a role, no name: Arabic feminine nisba with
# its article ("العاملة الإثيوبية"), Hebrew with its article ("העובד התאילנדי")
_ADJECTIVE = re.compile("ال[\u0620-\u064a]{2,}ية|ה[\u05d0-\u05ea]{2,}(?:י|ית)")


def _not_name(word: str, lex: Lexicon) -> bool:
    norm = fold(word)
    return (
        word in _STOPS
        or _ADJECTIVE.fullmatch(word) is not None
        or norm in lex.common
        or norm in lex.places
        or script_cue(word)
        or (len(word) > 4 and word.endswith(_GENITIVE))
    )
