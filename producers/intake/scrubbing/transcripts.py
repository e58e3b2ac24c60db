"""What a transcript's shape says about names: the answer to "what is your name?", the
staff member named beside a speaker label, a name spelled out letter by letter.

A transcript is lines of turns: a speaker label ("Caller:", "Кеңешчи (Айжан):", "— ",
"[10:17] Victime :") and what was said. A question asking for a name is answered at the
start of the next turn ("Q: What's your name?\\nA: Efua Ansah. E-F-U-A."): its first
sentence, when it is a name's length and shape (name_fields' test: capitals in cased
scripts, no number, no "unknown"), and a second that repeats a word of it ("Sherzod.
Sherzod Karimov."). The question and the next speaker's line are read here for the birth
dates too (``answer_after``), so the two rules read turns the same way.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.name_fields import CASED, is_name_value
from producers.intake.scrubbing.text import NAME, Span

# the rest of a line is a question; then the next speaker's words begin after a label
_QUESTION_END = re.compile(r"[^\n?？؟]{0,80}[?？؟][ \t]*\n")
_SPEAKER = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,12}\][ \t]*)?(?:[^\n:：።፦៖\]]{1,40}[:：፦៖]|[—–-])[ \t]*"
)


def answer_after(text: str, at: int) -> int | None:
    """Where the next speaker's answer begins when the rest of the line from ``at`` is a
    question ("Date of birth?\\nCaller: …"); None when it is no question."""
    question = _QUESTION_END.match(text, at)
    if question is None:
        return None
    answer = question.end()
    speaker = _SPEAKER.match(text, answer)
    return speaker.end() if speaker else answer


# a question asking for a person's name, in the languages partners interview in
_NAME_QUESTION = re.compile(
    r"(?i)(?<![^\W\d_])(?:name|nombre|nom|nome|naam|ime|imię|jmenujete|jméno|hívják|"
    r"neved|nevét|имя|зовут|звати|ім'я|атыңыз|атың|ismingiz|ismin|нэр|სახელი|გვარი|"
    r"անունը|անուն|קוראים|שמך|اسمك|اسمها|اسمه|اسمي|اسم|اسمت|نامت|نوم|jina|sunanka|sunan|"
    r"pangalan|tên|όνομα|adın|adınız|nama|magacaa|magaca|emri|numele|nume|apelido|"
    r"cognome|nachname|vorname)(?![^\W\d_])"
    r"|नाम|নাম|ስም|ስሙ|ስሟ|ሽም|ชื่อ|ຊື່|ឈ្មោះ|နာမည်|名字|名前|이름"
)
# a name asked of a place or a business, not a person ("the agency's name?")
_NOT_A_PERSON = re.compile(
    r"(?i)compan|agenc|firm|business|shop|hotel|boat|vessel|ship|village|town|city|"
    r"street|club|bar\b|restaurant|factory|farm|empresa|agencia|barco|pueblo|"
    r"компани|агентств|фирм|судн|şirket|ajans|perusahaan|kapal|desa|kampung"
)
# what opens an answer without being the name ("Yes, …", "Sí... Keila.")
_FILLER = re.compile(
    r"(?i)(?:(?:yes|yeah|yah|ok|okay|um+|uh+|eh+|er|ah|well|so|sí|si|oui|ja|da|evet|"
    r"ndiyo|opo|oo|haan|ji|sir|madam|ma'am|señora?|pak|bu|hello|hi|namaste|salam|marhaba)\b"
    r"[\s,.…]*|(?:وعليكم السلام|السلام عليكم|مرحبا)[\s,.،]*)+"
)
_LINE = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^.!?。।။።…,،;\n—\"“”«»(]+")
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")
_MOST_UNSPACED = 8  # an unspaced answer longer than this is a clause, not a name


def answered_names(text: str) -> list[Span]:
    """The names given in answer to a question asking for one."""
    if "?" not in text and "？" not in text and "؟" not in text:
        return []
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        question = line.group(0)
        if not question.rstrip().endswith(("?", "？", "؟")) or line.end() == len(text):
            continue
        if not _NAME_QUESTION.search(question) or _NOT_A_PERSON.search(question):
            continue
        start = answer_after(text, line.start())
        if start is None:
            continue
        spans += _answer(text, start)
    return spans


def _answer(text: str, at: int) -> list[Span]:
    if filler := _FILLER.match(text, at):
        at = filler.end()
    first = _SENTENCE.match(text, at)
    if first is None or not _names(first.group(0)):
        return []
    s, e = first.start(), first.start() + len(first.group(0).rstrip())
    spans: list[Span] = [(s, e, NAME)]
    # a second sentence that says the name again, fuller or shorter ("Sherzod. Sherzod
    # Karimov.", "Mohammad Rafiqul Islam. Rafiq.")
    after = re.compile(r"[.。।။።…]+[ \t]*").match(text, first.end())
    second = _SENTENCE.match(text, after.end()) if after else None
    if second is not None and _names(second.group(0)) and _again(first.group(0), second.group(0)):
        spans.append((second.start(), second.start() + len(second.group(0).rstrip()), NAME))
    return spans


def _names(value: str) -> bool:
    value = value.strip()
    if not value or _NAME_QUESTION.search(value):
        return False  # "My name is …": the naming cues read that
    lex = lexicon()
    word = fold(value)
    if word in lex.english and word not in lex.named:
        return False  # "Please, just Ranjit", "Mine."
    if _UNSPACED.search(value):
        return " " not in value and len(value) <= _MOST_UNSPACED
    return len(value.split()) <= 4 and is_name_value(value)


def _again(first: str, second: str) -> bool:
    words = {w.casefold() for w in first.split()}
    return any(
        w.casefold() in words or any(w[:4].casefold() == v[:4] for v in words if len(v) >= 4)
        for w in second.split()
    )


# a staff member named beside a speaker label: "Кеңешчи (Айжан):", "Olùbéèrè (Funmilayo):"
_LABELLED = re.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]{1,12}\][ \t]*)?[^\n():：(（.\d]{2,40}?[ \t]*[(（]"
    r"(?P<name>[^()（）\n\d,:;]{2,30})[)）][ \t]*[:：։៖፦]"
)
# what a speaker label's brackets say that is no name
_NOT_A_NAME = re.compile(
    r"(?i)interpret|translat|via\b|through|brother|sister|mother|father|son\b|daughter|"
    r"aunt|uncle|cousin|husband|wife|friend|neighbo|victim|survivor|child|boy|girl|"
    r"worker|employer|caller|officer|police|anonymous|unknown|male|female|ngo|office|"
    r"team|unit|cent(?:er|re)|shelter|hotline|helpline|desk|embassy|ministry|"
    r"intérprete|traductor|переводч|tercüman|tlumočn|tolmács|tłumacz|dolmetsch|tolk|"
    r"מתורגמן|مترجم|ترجمان|अनुवादक|दोभाष|অনুবাদ|ล่าม|ລ່າມ|អ្នកបកប្រែ|စကားပြန်|通訳|翻译|翻譯|통역|"
    r"አስተርጓሚ|mkalimani|mai fassara|tagasalin|thông dịch"
)


_TURN = re.compile(r"(?m)^[ \t]*(?:\[[^\]\n]{1,12}\][ \t]*)?[^\n:：።፦៖\]]{1,40}[:：።፦៖]")
_TURNS = 2  # a transcript has turns; a note headed "Hotline tip (Chicago):" has one


def labelled_names(text: str) -> list[Span]:
    """Names in brackets after a speaker label at a line's start, in a transcript (a
    text of turns), that are no place ("Embassy note (Beirut):")."""
    if ("(" not in text and "（" not in text) or len(_TURN.findall(text)) < _TURNS:
        return []
    lex = lexicon()
    spans: list[Span] = []
    for m in _LABELLED.finditer(text):
        name = m.group("name").strip()
        if _NOT_A_NAME.search(name) or fold(name) in lex.places or fold(name) in lex.nations:
            continue
        if CASED.search(name) and not is_name_value(name):
            continue
        if not CASED.search(name) and len(name.split()) > 3:
            continue
        s = m.start("name") + m.group("name").index(name)
        spans.append((s, s + len(name), NAME))
    return spans


# a name spelled out: "E-F-U-A", "W-R-Ó-B-E-L", "Oh-C-H-I-E-N-G" (a spoken "O" as "Oh")
_SPELLED = re.compile(
    r"(?<![^\W\d_-])(?:Oh-)?(?:[^\W\d_a-z]-){2,}[^\W\d_a-z](?![^\W\d_]|-[^\W\d_])"
)


def spelled_names(text: str) -> list[Span]:
    """Names spelled letter by letter, in capitals joined by hyphens."""
    if "-" not in text:
        return []
    return [
        (m.start(), m.end(), NAME)
        for m in _SPELLED.finditer(text)
        if m.group(0).removeprefix("Oh-").isupper()
    ]


# who took, wrote or answered the call, in a transcript's heading or its last line:
# "[Helpline call; operator: Bishnu]", "Mediatore culturale: Harjit.", "Atendeu: Inês."
_STAFF = re.compile(
    r"(?i)(?<![^\W\d_])(?:operator|operadora?|opérat(?:eur|rice)|operatore|operatorja|"
    r"interviewer|entrevistador[a]?|caseworker|case\s+worker|social\s+worker|counsel+or|"
    r"call\s+handler|(?:written|notes|recorded|transcribed|taken|answered)\s+by|"
    r"atendeu|atendió|trabajadora?\s+social|mediatore\s+culturale|mediatrice|"
    r"assistente\s+sociale|punonjës(?:e)?\s+sociale|shaqaalaha|оператор|консультант|"
    r"danışman|sosyal\s+çalışmacı|konselor|petugas|tổng\s+đài\s+viên|"
    r"مددکار|লিখেছেন|अपरेटर|ऑपरेटर|အော်ပရေတာ)[ \t]*$"
)
_COLON = re.compile("[:：]")
_REST = 80  # what follows a staff name on its line is read this far
_STAFF_NAME = re.compile(r"[ \t]*(?P<name>[^\n\]\[.,;:()?？؟]{2,40}?)[ \t]*(?:[\].]|$)", re.M)


def staff_names(text: str) -> list[Span]:
    """The name after a staff role and a colon when nothing else follows it on its line
    ("operator: Bishnu]"); a turn ("Operator: How can I help?") says more and stays."""
    spans: list[Span] = []
    for colon in _COLON.finditer(text):  # the role is read only before a colon
        if not _STAFF.search(text, max(0, colon.start() - 32), colon.start()):
            continue
        value = _STAFF_NAME.match(text, colon.end())
        if value is None:
            continue
        name = value.group("name").strip()
        rest = text[value.end() : value.end() + _REST].split("\n", 1)[0]
        if rest.strip(" \t]") or not _staff_name(name):
            continue  # more said after it on its line: a turn, not a name
        s = value.start("name") + value.group("name").index(name)
        spans.append((s, s + len(name), NAME))
    return spans


def _staff_name(name: str) -> bool:
    if CASED.search(name):
        return len(name.split()) <= 3 and is_name_value(name)
    return (len(name.split()) <= 2 and not _UNSPACED.search(name)) or len(name) <= _MOST_UNSPACED


# an interviewer's or a staff member's label: the turns it answers are a person's
_ASKER = re.compile(
    r"(?i)^(?:int|q|p|i|interviewer|interviewe[ur]|entrevistador[a]?|intervistatore|"
    r"intervistatrice|interviewerin|operator|operadora?|opérat(?:eur|rice)|caseworker|"
    r"counsel+or|caller|llamante|staff|ngo|ong|hotline|officer|inspector|agent[ea]?)$"
)
# the other speaker's role, when the label says it: no name
_ROLE_LABEL = re.compile(
    r"(?i)^(?:apelant[aă]?|appelant[e]?|anrufer(?:in)?|chiamante|chamador[a]?|llamante|"
    r"beller|dzwoni[ąa]c[ya]|volunteer|victim|survivor|witness|worker|client|mteja|"
    r"respondent|interviewee|entrevistad[ao]|intervistat[ao]|a|r|o|answer|respuesta|resposta)$"
)
# an asker labelled by rank and name: "Officer Brown: …", "DC Patel: …"
_TITLED_ASKER = re.compile(
    r"(?im)^[ \t]*(?:officer|inspector|detective|sergeant|sgt|dc|pc|interviewer|caseworker)"
    r"[ \t]+[^\W\d_][^:\n]{0,30}:[ \t]"
)
_TURN_LABEL = re.compile(r"(?m)^[ \t]*(?P<label>[^\W\d_][^\W\d_'’-]{0,24})[ \t]*:[ \t]+(?=\S)")


def speaker_names(text: str) -> list[Span]:
    """The other speaker's label in an interview: "INT: … / Filmon: …", "Entrevistadora:
    … / Dilcia: …": a one-word label that answers an interviewer's turns twice or more,
    capitalised and no ordinary word, is the person's name."""
    if text.count(":") < 2 * _TURNS:
        return []
    turns = list(_TURN_LABEL.finditer(text))
    labels = [m.group("label") for m in turns]
    if not any(_ASKER.match(label) for label in labels) and not _TITLED_ASKER.search(text):
        return []
    lex = lexicon()
    spans: list[Span] = []
    for m in turns:
        label = m.group("label")
        word = fold(label)
        # a listed given name is one written in capitals too, or named for a town
        # ("SOMCHAI:", "Esther:")
        given = word in lex.given and len(word) > 3
        if (
            labels.count(label) < _TURNS
            or _ASKER.match(label)
            or _ROLE_LABEL.match(label)
            or not label[0].isupper()
            or (label.isupper() and not given)
            or word in lex.common
            or word in lex.english
            or (word in lex.places and not given)
            or word in lex.nations
        ):
            continue
        spans.append((m.start("label"), m.end("label"), NAME))
    return spans
