"""A name told by a cue that follows it: "called", "named", an honorific after (pure).

Languages that put the verb last put "called" after the name too: "রহিম নামে এক দালাল",
"ዮሐንስ የተባለ ልጅ", "ኪዳነ ዝበሃል ሰብ", "கண்ணன் என்பவர்", "ಮಂಜುನಾಥ ಎಂಬಾತ", "Бакыт деген киши",
"Ганбаатар гэх эр", "Kadiir jedhama", "タロウと名乗る男", and a Korean surname goes before
its title ("박 실장"). The word before such a cue is a name whatever it is, unless it is a
function, role or kin word, a pronoun, a place or a word of the common lists; the words
before it join it while they are names a list knows. An honorific or kin word after a
name ("සුනිල් අයියා", "सुनीता मावशी", "করিম সাহেব") is weaker evidence (it follows
roles too: "মালিকের ভাই"), so there the word before must be a name a list knows. In a
cased script the name before is its run of capitalised words. One pass over the words.
"""

from __future__ import annotations

import re
import unicodedata

from producers.intake.scrubbing.lexicon import Lexicon, fold, lexicon
from producers.intake.scrubbing.name_pairs import WORD, could_be_name
from producers.intake.scrubbing.scripts import script_cue
from producers.intake.scrubbing.text import NAME, Span, words

# "called", "named", "known as" written after the name: Bengali and Assamese, Devanagari
# (Hindi, Marathi, Nepali), Gurmukhi, Gujarati, Urdu, Tamil, Kannada, Malayalam, Sinhala,
# Amharic, Tigrinya, Burmese, Kyrgyz, Kazakh, Uzbek, Mongolian, Turkish, Azerbaijani,
# Turkmen, Uyghur, Oromo. Not the bare complementisers that also mean "that" (Tamil "என்ற",
# Telugu "అనే"), which follow verbs as often as names (they count before a word for a
# person only: ``_THAT``)
_CALLED = words(
    """
    নামে নামের নামক নামীয় নামৰ নামত नामक नामके नामको नामकी नावाचा नावाची नावाचे नावाच्या
    ਨਾਮਕ નામના નામનો નામની નામે نامی
    என்பவர் என்பவரை என்பவரின் என்பவருக்கு என்பவரிடம் என்பவரால் என்னும்
    ಎಂಬಾತ ಎಂಬಾಕೆ ಎಂಬವರು ಎಂಬುವವರು ಎಂಬವನು ಎಂಬುವವನು ಎಂಬುವಳು ಎಂಬಾತನ ಎಂಬಾತನು
    എന്നയാൾ എന്നയാളെ എന്നയാളുടെ എന്നയാളാണ് නමැති නම්වූ
    የተባለ የተባለች የተባሉ ተብሎ ተብላ የሚባል የምትባል የሚባሉ ይባላል ትባላለች
    ተባሂሉ ተባሂላ ዝተባህለ ዝተባህለት ዝበሃል ዝብሃል ይብሃል ትብሃል ይበሃል ትበሃል
    ဆိုသူ အမည်ရှိ
    деген дегенди дегендин дегенге есімді атты аттуу аттуудагы гэх гэдэг гэгч гэгчид гэгчийн
    гэгчээс нэртэй номли
    adlı adli adında adinda isimli ismli atly degan jedhama jedhamu jedhamtu nomli نومی نومې نالي
    deyilən deyilen diýen diýilýän ناملىق دېگەن
    անունով ჰქვია
    """
)
# the complementisers "that (is called)" of Tamil, Telugu, Malayalam, Kannada and Nepali name the
# word before them only when a word for a person follows ("செந்தில் என்ற முகவர்", "సురేష్ అనే
# వ్యక్తి", "… भन्ने १५ वर्षकी केटी"): a stem, so its case endings go with it
_THAT = words("என்ற என்கிற అనే എന്ന ಎಂಬ भन्ने")
_PERSONS = words(
    "தரகர் சிறுமி சிறுவன் பெண் நபர் ஆண் முகவர் இளைஞர் இளம்பெண் தொழிலாளி "
    "వ్యక్తి బాలిక బాలుడు మహిళ ఏజెంట్ దళారి అమ్మాయి అబ్బాయి యువతి యువకుడు "
    "നഴ്‌സ് സ്ത്രീ ആൾ പെൺകുട്ടി ആൺകുട്ടി ഏജന്റ് യുവതി യുവാവ് ഇടനിലക്കാര "
    "ಯುವತಿ ಯುವಕ ಬಾಲಕಿ ಬಾಲಕ ಹುಡುಗಿ ಹುಡುಗ ಮಹಿಳೆ ವ್ಯಕ್ತಿ ದಲ್ಲಾಳಿ ಏಜೆಂಟ್ "
    "दलाल किशोरी केटी केटा महिला व्यक्ति युवती युवक एजेन्ट साहु"
)
_PERSON_STEMS = tuple(sorted(_PERSONS))
_MOST_AFTER = 2  # words: "… भन्ने १५ वर्षकी केटी", an age may come between
# Burmese "called" with a particle written on ("ဆိုသူက", "ဆိုသူကို")
_CALLED_GLUED = ("ဆိုသူ", "အမည်ရှိ")
_MY_TITLES = ("ဦး", "ဒေါ်", "ကို", "မောင်")
# "name" then a genitive: "सोनू नाम का लड़का", "نذیر نام کا", "ਬਿੱਲਾ ਨਾਂ ਦਾ"
_NAME_WORDS = words("नाम نام ਨਾਮ ਨਾਂ")
_GENITIVES = words("का की के वाला वाली کا کی کے والا والی ਦਾ ਦੀ ਦੇ")
# honorifics and kin words written after a name: Sinhala, Devanagari, Bengali, Urdu, Tamil
_AFTER_TITLES = words(
    """
    අයියා අක්කා මහත්තයා මහතා මහත්මිය නෝනා මල්ලි නංගි මහතාගේ මහතාට මහතාව මහත්මියගේ මහත්මියට
    जी दाइ दिदी मावशी भैया भाई दीदी काका मामा आंटी
    ভাই আপা সাহেব দা দিদি বাবু صاحب بھائی باجی
    அண்ணா அண்ணன் அக்கா
    """
)
# a Korean title after a surname: boss, manager, head, representative, Mr/Ms, Madam
# written on with its particles ("실장이라고"); not "이사" (director), a verb's stem too
_KO_TITLES = ("사장", "실장", "부장", "팀장", "과장", "대표", "씨", "여사", "반장", "소장", "원장")
_KO_PARTICLES = 5
# Japanese: a name in katakana or two to four Han letters glued to "calls himself",
# "is called", or "called" before a person
_JA = re.compile(
    "([\u30a1-\u30fa\u30fc]{2,12}|[\u4e00-\u9fff]{2,4})"
    "(?:と名乗(?:る|った|って|り)|と呼ばれ|という(?:男|女|人|者|少女|少年|人物|名前))"
)
_TOKEN = re.compile(rf"{WORD}|\S")
_QUOTES = frozenset("'\"‘’“”«»„")
_MOST_WORDS = 3
# a genitive ending: the word before "নামে" then says in whose name or in the name of
# what, not who is called so ("চাকরির নামে": in the name of a job); Bengali's "-র" is
# one after a vowel sign ("জাফর" ends a name)
_GENITIVE = ("ের", "এর", "को", "की", "का")
_Word = tuple[int, int, str, bool]  # start, end, the word, whether it opens its clause


# a person written before "son of", "daughter of", "wife of" (South Asian records)
_CHILD_OF = re.compile(
    r"((?:[A-Z][\w'’.-]*\s){0,2}[A-Z][\w'’-]+)\s+[sdwSDW]/[oO]\s+"
    r"(?:(?:[Tt]he\s+)?(?:[Ll]ate|LATE|Lt\.)\s+)?[A-Z]"
)
# and the parent after it, "the late" written before a dead one: "s/o Late Haripada Mondal"
_OF_LATE = re.compile(
    r"\b[sdwSDW]/[oO]\s+(?:[Tt]he\s+)?(?:[Ll]ate|LATE|Lt\.)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})"
)


# Mongolian: the father's name, "овогтой" (whose family name is), then the given name, in
# any case: "Бат-Эрдэнэ овогтой Болдбаатарыг баривчилжээ" (arrested Boldbaatar son of …)
_MN_CLAN = re.compile(
    r"(?<![\w-])(?P<father>[А-ЯӨҮЁ][а-яөүё]+(?:-[А-ЯӨҮЁа-яөүё][а-яөүё]+)?) "
    r"овогтой (?P<given>[А-ЯӨҮЁ][а-яөүё]+(?:-[А-ЯӨҮЁа-яөүё][а-яөүё]+)?)"
)


def cued_after(text: str) -> list[Span]:
    """Names whose cue follows them (module docstring)."""
    out: list[Span] = []
    if "овогтой" in text:
        for m in _MN_CLAN.finditer(text):
            out += [
                (m.start("father"), m.end("father"), NAME),
                (m.start("given"), m.end("given"), NAME),
            ]
    if "と" in text:  # Japanese
        out += [(m.start(1), m.end(1), NAME) for m in _JA.finditer(text)]
    if "/o " in text or "/O " in text:  # "Kuppan s/o Raman": the son, daughter or wife
        out += [(m.start(1), m.end(1), NAME) for m in _CHILD_OF.finditer(text)]
        out += [(m.start("name"), m.end("name"), NAME) for m in _OF_LATE.finditer(text)]
    lex = lexicon()
    prev: list[_Word] = []  # the words since the last mark, the last few
    tokens = list(_TOKEN.finditer(text))
    for i, m in enumerate(tokens):
        w = m.group(0)
        if w in _QUOTES:
            continue  # "'রহিম' নামে": a quoted name keeps its cue
        if not w[0].isalpha():
            prev = []
            continue
        strong = (
            w.lower() in _CALLED
            or (w in _NAME_WORDS and i + 1 < len(tokens) and tokens[i + 1].group(0) in _GENITIVES)
            or (w in _THAT and _person_follows(tokens, i))
            or w.startswith(_CALLED_GLUED)
        )
        korean = not strong and _korean_title(w)
        cued = prev and (strong or korean or w in _AFTER_TITLES)
        if cued and (span := _before(prev, lex, strong=strong, korean=korean)):
            out.append((*span, NAME))
        if _spaced(text, prev, m):
            prev = [*prev[-(_MOST_WORDS - 1) :], (m.start(), m.end(), w, False)]
        else:
            prev = [(m.start(), m.end(), w, True)]
    return out


def _person_follows(tokens: list[re.Match[str]], i: int) -> bool:
    """A word for a person within the few words after the complementiser at ``i`` (an
    age's digits, each a token, not counted)."""
    after = [m.group(0) for m in tokens[i + 1 : i + 1 + 4 * _MOST_AFTER] if m.group(0)[0].isalpha()]
    return any(w.startswith(_PERSON_STEMS) for w in after[:_MOST_AFTER])


def _spaced(text: str, prev: list[_Word], m: re.Match[str]) -> bool:
    """The word follows the last one across spaces (or a quote) only: no mark between."""
    return bool(prev) and not text[prev[-1][1] : m.start()].strip(" '\"‘’“”«»„")


def _korean_title(w: str) -> bool:
    """A Korean title, with its particles written on: "실장", "사장님은", "실장이라고"."""
    return "\uac00" <= w[0] <= "\ud7a3" and any(
        w.startswith(t) and len(w) - len(t) <= _KO_PARTICLES for t in _KO_TITLES
    )


def _before(
    prev: list[_Word], lex: Lexicon, *, strong: bool, korean: bool
) -> tuple[int, int] | None:
    """The name in the words just before a cue: the last word (past an honorific: "रीना
    दीदी नाम की"), and the words before it while they are names a list knows, or in a
    cased script open in a capital and do not open the sentence ("Аны Нурлан деген")."""
    if korean:
        start, end, w, _ = prev[-1]
        return (start, end) if w in lex.scripts.ko_surnames else None
    if strong and len(prev) > 1 and prev[-1][2] in _AFTER_TITLES:
        prev = prev[:-1]
    start, end, w, _ = prev[-1]
    for title in _MY_TITLES:  # a Burmese title written onto the name stays: "ဦး[NAME]"
        if w.startswith(title) and len(w) > len(title) + 1:
            start, w = start + len(title), w[len(title) :]
            break
    if any(c.isdigit() for c in w) or not could_be_name(w, lex) or script_cue(w):
        return None
    if not _known(w, lex) and (not strong or _genitive(w)):
        return None  # "বিয়ের নামে": in the name of marriage
    cased = w[0].isupper()
    for s, _e, before, opens in reversed(prev[:-1]):
        if _known(before, lex) or (
            cased and before[0].isupper() and not opens and could_be_name(before, lex)
        ):
            start = s
        else:
            break
    return start, end


def _genitive(w: str) -> bool:
    return w.endswith(_GENITIVE) or (
        len(w) > 1 and w[-1] == "র" and unicodedata.category(w[-2])[0] == "M"
    )


def _known(w: str, lex: Lexicon) -> bool:
    return w in lex.scripts.words or fold(w) in lex.given or fold(w) in lex.surnames
