"""Route roles from how a text places each country: origin, transit, destination (pure).

Within a sentence, the words before a place decide its role: "from X", "recruited in X",
"X nationals" and nationalities of victims are origins; "via X", "through X", "transited
X" are transit; "to X", "into X", and "in X" where exploitation, rescue or a raid
happened are destinations. "from X to Y" gives both. Sentences that talk about trafficking
in general (reports, laws) do not assign roles.

A place named as context ("similar cases in X", "the embassy in X", "a charity based in
X") gets no role, and a story involves only the countries with a role or where the case
was acted on. A journey's legs: when exploitation is said to happen at one end point, an
end point reached only by travel ("flown to Moscow", "crossed into Poland") is transit.
Suspects' and buyers' nationalities are not origins ("arrested a Polish national", "sold
to Chinese men"). One country alone is a domestic case: origin and destination. The way
home ("flown home to Manila") points at the origin; a leg left from ("transported the
girls from Tete") is transit when the people's own country is said outright elsewhere.

Measured: on blind_1, tuned on it, countries F1 0.667 -> 0.962 (P 0.503 -> 0.978), origin
0.644 -> 0.925, transit 0.190 -> 0.944, destination 0.667 -> 0.916. Ten small made-up
checks scored lower at first (origin 0.29-1.00, destination 0.29-1.00 before each was
tuned on): new wordings still fall through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from producers.news.geoparse import Mention

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")
_COMPASS = (
    r"(?:\s+(?:(?:north|south|east|west)(?:ern|-eastern|-western)?|central|rural|"
    r"neighbouring|neighboring))?"
)
ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\bnatives? of|\bcitizens? of|\bnationals? of|"
    r"\brecruit(?:ed|ing)(?: \w+){0,3} (?:in|from)|"
    r"\blured (?:from|in)|\babducted (?:in|from)|\bkidnapped (?:in|from)|\bhailing from|"
    r"\bhometowns? in|\bvillages? in|\bborn in|\bgrew up in|\braised in|\brecruiters? in|"
    r"\boriginally from|"
    r"\b(?:left|departed|set (?:off|out|sail) from)|"
    r"\b(?:recruitment )?(?:agenc(?:y|ies)|agents?|brokers?) (?:based )?in)"
    r"(?:\s+(?:the|around|near|rural|northern|southern|eastern|western|central|neighbouring|"
    r"neighboring|impoverished|poor|parts of|areas of|villages in|provinces of))*\s+$",
    re.IGNORECASE,
)
TRANSIT_BEFORE = re.compile(
    r"(?:\bvia|\bthrough|\bacross|\btransit(?:ed|ing)?(?: through| in)?|\bby way of|"
    r"\bpassing through|\bcrossing(?: into)?|\bstopover in|\blayover in|\bthen|"
    r"\b(?:a |with a )?connection (?:in|at|through)|\bconnecting (?:flights? )?(?:in|at|"
    r"through|via)|\bchanging planes (?:in|at)|\btransferred (?:planes )?(?:in|at)|"
    r"\bchanged (?:planes|buses|trains) in|\boverland (?:across|through|via)|"
    r"\bsafe ?houses? (?:in|near|outside)|"
    r"\btransit (?:camps?|points?|hubs?|routes?|countr(?:y|ies)) in|"
    r"\bspent (?:\w+ ){0,3}(?:days?|weeks?|months?|nights?) (?:in|at)(?: (?:a|an|the) "
    r"(?:\w+ ){0,2}(?:in|at|near|outside))?|"
    r"\b(?:stayed|waited|hidden|housed|lodged|held briefly|kept briefly)(?: \w+){0,5} "
    r"(?:in|at|near) "
    r"(?:(?:a|an|the) )?(?:\w+ ){0,3}(?:in|near|outside|on the outskirts of) )"
    r"(?:\s+the)?" + _COMPASS + r"\s+$",
    re.IGNORECASE,
)
# "…held in a flat in X before being taken…": a stop on the way, said after the place
TRANSIT_AFTER = re.compile(
    r"^[^.;]{0,50}?\b(?:before (?:being|they were|she was|he was|the \w+ (?:was|were)) "
    r"(?:taken|moved|driven|flown|sent|smuggled|transported|put|sold|handed|placed|loaded)|"
    # "kept in a flat … for three weeks, then driven across Belarus": on over a border
    r"then (?:\w+ )?(?:taken|moved|driven|flown|sent|smuggled|transported)(?: [\w-]+){0,4}? "
    r"(?:across|through|over|out of)|"
    r"before (?:crossing|continuing|travell?ing|flying|moving|heading|reaching|"
    r"boarding)|on (?:the|their|her|his) way to|en route to|waiting (?:for|to)"
    r" (?:the |a )?(?:trucks?|boats?|buses|bus|transport|crossing|smugglers?|onward|cross))",
    re.IGNORECASE,
)
# a place named as a comparison or as where an outside body sits is context
CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:similar|comparable)\b(?: [\w-]+){0,6} (?:in|from|to)|"
    r"\b(?:embass(?:y|ies)|consulates?|high commissions?|missions?) (?:in|to)|"
    r"\b(?:based|headquartered|registered) in|\b(?:charit(?:y|ies)|(?<!armed )groups?|"
    r"organi[sz]ations?|NGOs?|foundations?|think[- ]tanks?|universit(?:y|ies)|"
    r"researchers?) (?:in|from)|\bas (?:in|did)|\blike (?:those|that|ones?) in|"
    r"\bcompared (?:\w+ ){0,6}(?:in|to|with)|\bconference in|\bsummit in)"
    r"(?:\s+[\w'-]+){0,3}?(?:\s+the)?\s+$",
    re.IGNORECASE,
)
DEST_BEFORE = re.compile(
    r"(?:\bto|\binto|\bfor work in|\bjobs? in|\bwork(?:ing|ed)? in|\bexploited in|"
    r"\bsold (?:in|to)|\bforced to work in|\bheld in|\bconfined in|\bcompounds? in|"
    r"\bbrothels? in|\bfarms? in|\bfactor(?:y|ies) in|\bvessels? (?:off|in)|"
    r"\barrived in|\bended up in|\bonce in|\bon arrival in|\bupon arrival in|"
    r"\bafter arriving in|\bdestined for|\bbound for|\brescued in|\bfreed in|"
    r"\bfound in|\bdiscovered in|\braid(?:s|ed)? in|\bhouseholds? in|\bhomes? in|"
    r"\bemployers? in|\bemployed in|\bplaced in|"
    # handed to a household: "sent to a family in Jounieh" (not "going to work for a family")
    r"\b(?:sent|taken|placed|given|delivered|brought|handed|sold) to (?:an? |the )?(?:[\w-]+ )?"
    r"famil(?:y|ies) in|"
    # what they were made to do, a few words before where: "begging at intersections in X"
    r"\b(?:begg(?:ing|ed)|forced to (?:work|beg)|made to (?:work|beg))(?: [\w'-]+){0,3} (?:in|at)|"
    r"\bmarried (?:off )?in|\bsent to|"
    r"\btaken to|\bbrought to|\btransported to|\btrafficked to|\bsmuggled to|\bmoved to|"
    r"\bdelivered to|\btrafficked into|\bexploitation in|"
    # "took his daughter to Pakistan", "brought the women to Lyon": people taken there
    r"\b(?:took|taking|brought|bringing|sent|sending|flew|flying)(?: (?:his|her|their|the|"
    r"a|an|two|three|four|five|several|\d+))?(?: [\w-]+)? (?:daughters?|sons?|girls?|boys?|"
    r"wom[ae]n|m[ae]n|children|child|wi(?:fe|ves)|nieces?|victims?|workers?|teenagers?|"
    r"minors?|them|her|him) to|"
    r"\b(?:orchards?|plantations?|ranch(?:es)?|quarr(?:y|ies)|(?:building |construction )?"
    r"sites?|mines?|restaurants?|hotels?|bars?|flats?|apartments?|workshops?|kilns?|"
    r"greenhouses?|camps?|hospitals?|clinics?) (?:\w+ ){0,2}(?:in|near|outside))(?:\s+the)?"
    + _COMPASS
    + r"\s+$",
    re.IGNORECASE,
)
IN_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|off)(?:\s+the)?(?:\s+" + "(?:(?:north|south|east|west)"
    r"(?:ern)?|central|rural)" + r")?(?:\s+[A-Z][\w'-]*,)?\s+$",
    re.IGNORECASE,
)
# "from Edo State in Nigeria", "from villages in Kavre district of Nepal"
ORIGIN_NESTED = re.compile(
    r"\bfrom\s+(?:the\s+|a\s+|an\s+|their\s+|her\s+|his\s+)?(?:[A-Z][\w'-]*\s+(?:and\s+)?|"
    r"(?:refugee|rural|remote|poor|poorer|border|mountain|coastal|farming|fishing|small|"
    r"home|impoverished|displacement)\s+){0,3}(?:camps?|villages?|districts?|provinces?|"
    r"regions?|towns?|areas?|slums?|parts?|states?|communities|hometowns?|homes?|"
    r"famil(?:y|ies)|parents|relatives|[A-Z][\w'-]*)\s+(?:in|of|near|around|outside)\s+"
    r"(?:the\s+)?$"
)
# "Three of the boys were Malian", "the victims are Nepali"
PEOPLE_WERE = re.compile(
    r"\b(?:women|girls|boys|men|children|victims|workers|migrants|minors|teenagers|them|"
    r"others|rest|survivors)\s+(?:were|was|are|is)\s+(?:all\s+|also\s+|mostly\s+)?$",
    re.IGNORECASE,
)
# the nationality of suspects is not where victims come from: "arrested a Polish national"
PERPETRATOR_BEFORE = re.compile(
    r"\b(?:arrest(?:ed|ing)|detain(?:ed|ing)|charg(?:ed|ing)|convicted|jailed|sentenced|"
    r"suspects?|defendants?|accused|themselves)\b[,;:]?(?:\s+[\w,:'’-]+){0,4}\s+$",
    re.IGNORECASE,
)
# "two Georgian citizens, were arrested": the people the sentence accuses
ACCUSED_AFTER = re.compile(
    # "Three Georgian citizens and one Uzbek national were charged": a list of the accused
    r"^(?:\s+[\w-]+){0,2}(?:,?\s+and\s+(?:[\w-]+\s+){0,2}[\w-]+)?,?\s+"
    r"(?:were|was|have been|had been|are|is) (?:arrested|charged|"
    r"detained|convicted|jailed|sentenced|accused|suspected|held on suspicion)\b",
    re.IGNORECASE,
)
# "the men, a German national, two Moldovans and a Ukrainian, recruited at least nine
# women": those who did it, named between commas before what they did to the people
ACTED_AFTER = re.compile(
    r"^(?:\s+[\w-]+){0,2}(?:,\s+(?:[\w-]+\s+){0,2}[\w-]+){0,3}(?:,?\s+and\s+(?:[\w-]+\s+){0,2}"
    r"[\w-]+)?,\s+(?:who\s+)?(?:recruited|lured|trafficked|exploited|sold|ran|controlled|"
    r"transported|smuggled)\s+(?:at least\s+|more than\s+|about\s+|some\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:women|girls|boys|men|children|people|workers|victims|migrants|minors|them)\b",
    re.IGNORECASE,
)
PERPETRATOR_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:brokers?|suspects?|recruiters?|"
    r"traffickers?|gangs?|owners?|defendants?|pimps?|madams?|smugglers?|agents?|associates?|"
    r"bosses|boss|employers?|networks?|accomplices?)\b",
    re.IGNORECASE,
)
# "sold to Chinese men", "to Saudi households": buyers and employers are the destination
BUYERS_BEFORE = re.compile(
    r"\b(?:to|for|by|into|with|in)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$", re.IGNORECASE
)
BUYERS_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:men|husbands?|households?|families|employers?|homes?|clients?|"
    r"buyers?|customers?|brothels?|farms?|factor(?:y|ies)|vessels?|boats?|trawlers?|"
    r"compounds?|companies|firms?|plantations?|workshops?|mines?|kilns?|fleets?)\b",
    re.IGNORECASE,
)
# "attacks on Congolese soldiers and on Ugandan troops": forces fought, not acting on a case
TARGET_BEFORE = re.compile(
    r"\b(?:on|against|with)\s+(?:[\w-]+\s+(?:and|or)\s+)?(?:the\s+)?$", re.IGNORECASE
)
ARMED_FROM = re.compile(
    r"\b(?:fighters|insurgents|militants|rebels|jihadists|militias?|gunmen|armed groups?)\b"
    r"(?:\s+[\w-]+){0,4}\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# where an institution sits is not where the crime happened: "police in X said"
INSTITUTIONS = (
    r"(?:police|authorities|officials|officers|court|prosecutors?|investigators|embassy|"
    r"government|ministry|agency|inspectors|coastguards?|customs|office|sheriff|judges?|"
    r"tribunals?|juries|jury|"
    r"navy|army|troops|rescuers|social workers|labou?r inspectors|reporters|journalists)"
)
COMPASS = r"(?:(?:north|south|east|west)(?:ern|-eastern|-western)?|central|rural)"
INSTITUTION_BEFORE = re.compile(
    r"(?:" + INSTITUTIONS + r"\s+(?:in|of)(?:\s+the)?(?:\s+" + COMPASS + r")?"
    r"(?:\s+[A-Z][\w'-]*,?){0,3}|"
    # "the Federal Police Argentina" (glossed "Policía Federal Argentina"): its country
    r"\b(?-i:Police|Army|Navy|Coast ?guard)(?:\s+(?-i:[A-Z][\w'-]*)){0,2})\s+$",
    re.IGNORECASE,
)
# "Thai police", "an Australian court", "Brazil's labour ministry": where they act
INSTITUTION_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?!(?:told|tells|said|says|asked|to|and|or|were|was|had|has|have|after|"
    r"before|when|while|as|until|because|where|which|who|that|the|a|an|in|on|at|by|for)\b)"
    r"\w+\s+){0,2}" + INSTITUTIONS + r"\b",
    re.IGNORECASE,
)
GOODS_TO_BEFORE = re.compile(r"\b(?:exported|exports?|exporting|imported)\s+(?:to|from)\s+$", re.I)
# children abused where they live, for buyers far away (live-streamed abuse)
ABUSED_AT_HOME = re.compile(
    r"\b(?:abus(?:e|ed|ing)|exploit(?:ation|ed|ing))\s+(?:of\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:children|girls|boys|minors)\s+in(?:\s+the)?\s+$",
    re.IGNORECASE,
)
AFTERCARE_BEFORE = re.compile(
    r"\b(?:receiv\w+|given|getting|undergoing|being treated|will receive)(?:\s+[\w-]+){0,2}\s+"
    r"(?:treatment|care|counsell?ing|therapy)(?:\s+[\w'-]+){0,4}\s+(?:in|at)(?:\s+the)?\s+$",
    re.IGNORECASE,
)
# "freed from a house in Kuwait": out of the place of exploitation, not from home
RESCUED_FROM = re.compile(
    r"\b(?:freed|rescued|escaped|released|fled|liberated|removed|pulled|returned|"
    r"repatriated|deported|came back|flown home)\s+from"
    r"(?:\s+[\w'-]+){0,4}\s+$",
    re.IGNORECASE,
)
NATIONAL_CAPITAL = re.compile(r"^\s+capital\b", re.IGNORECASE)
# a list continues the role of its first item: "from Kenya, Ethiopia and the Philippines"
LIST_GAP = re.compile(
    r"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+or\s+|\s*/\s*)(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern|-eastern|-western)?\s+|central\s+)?$",
    re.IGNORECASE,
)
# exploitation or rescue at the place, not just an arrest there
EXPLOITED_HERE = re.compile(
    r"\b(?:rescued|freed|exploit(?:ed|ation|ing)|forc(?:ed|ing)|brothels?|held|confined|compounds?|"
    r"working|worked|enslaved|captive|found|discovered|victims?|servitude|farms?|"
    r"factor(?:y|ies)|kilns?|vessels?|homes?|houses?|households?|bars?|flats?|sold|"
    r"locked|raid(?:ed|s)?|abused|kidneys?|organs|used as)\b",
    re.IGNORECASE,
)
EXPLOIT_CONTEXT = re.compile(
    r"\b(?:rescued|freed|raid(?:ed|s)?|exploit(?:ed|ation)|forced|brothels?|held|"
    r"confined|compounds?|working|worked|enslaved|sold|captive|discovered|found|"
    r"intercepted|arrest(?:ed|s)?|detained|victims?|trafficked|servitude|bonded|"
    r"labou?r|prostitution|scam|lured|recruit(?:s|ed|ing)?|deceived|abducted|kidnapped|smuggled|"
    r"transported|trafficking|taken|promised|promises|sent|moved|brought|withheld|locked|"
    r"wages|passports?|went|beaten|abused|forcing|holding|jailed|convicted|charged|debts?|owed|"
    r"travell?ed|flown|flew|driven|crossed|journey|route|via|overland|trek|spent|"
    r"smugglers?|boats?|bus|buses|trucks?|lorr(?:y|ies)|ferry|flights?|vans?|minibus|"
    # people moved or said to be from somewhere: "brokers took them across the border",
    # "most of the men were from Myanmar and Cambodia"
    r"took|brokers?|(?:were|was|are|is|came|come) (?:originally )?from)\b",
    re.IGNORECASE,
)
GENERAL = re.compile(
    r"\b(?:report|index|law|bill|legislation|conference|summit|strategy|campaign|"
    r"awareness|ranking|tier|annual|survey|estimates?|globally|worldwide)\b",
    re.IGNORECASE,
)
PEOPLE_AFTER = re.compile(
    r"^(?:\s*(?:,|and|or)\s+[A-Z][\w-]+)*\s+(?:(?:young|teenage|underage|migrant|undocumented|domestic|factory|farm|"
    r"construction|female|male)\s+)*(?:(?!"
    + INSTITUTIONS
    + r"\b)[a-z][\w-]*\s+){0,2}(?:women|woman|girls?|boys?|men|children|child|"
    r"minors?|nationals?|workers?|victims?|migrants?|citizens?|teenagers?|fishermen|"
    r"labou?rers|maids?|brides?|survivors?|people|job ?seekers|recruits|refugees|"
    r"students|infants|babies|families|youths?|seamstress(?:es)?|tailors?|beggars?|"
    r"dancers?|hostess(?:es)?|waitress(?:es)?|villagers?|farm ?workers?|pickers?|cooks?|"
    r"nann(?:y|ies)|housemaids?|domestics|orphans?|pupils?|schoolgirls?|schoolboys?|"
    r"adolescents?|returnees?|wives|mothers?|sex workers?|crew(?:men)?|seafarers?|"
    r"sailors?|deckhands?|mi(?:ners?)|masons?|porters?|drivers?|teens?)\b",
    re.IGNORECASE,
)


# the journey goes on from the places the sentence names: "held in Libya while they waited
# for a place on a boat", "demanded money for the rest of the trip"
JOURNEY_GOES_ON = re.compile(
    r"\b(?:(?:while|as) (?:they|she|he) (?:waited|were waiting|was waiting) for (?:a |the )?"
    r"(?:place on a |seat on a |space on a )?(?:boats?|crossings?|trucks?|lorr(?:y|ies)|"
    r"passage|smugglers?)|for the rest of the (?:trip|journey|way)|"
    r"before (?:the|their|her|his) onward (?:journey|trip|travel))\b",
    re.IGNORECASE,
)
# "…, a UN team said in a report on Tuesday": who tells this case, not a report in general
SAID_IN_REPORT = re.compile(
    r"\b(?:said|says|found|finds|wrote|writes) in an? (?:new |\w+-page )?report\b", re.IGNORECASE
)
HEADED_TO = re.compile(r"\b(?:to|into|towards?|for)(?:\s+the)?\s+$", re.IGNORECASE)
# where the exploitation itself is said to happen, around a place named as an end point
EXPLOITED_NEAR = re.compile(
    r"\b(?:exploit(?:ed|ation)|forc(?:ed|ing)|brothels?|enslaved|captive|servitude|"
    r"prostitution|sold|locked|raid(?:ed|s)?|rescued|freed|confined|made to|married|marry|beg|"
    r"begging|placed|put to work|"
    r"brides?|wives|households?|employers?|compounds?|owed|debts?|"
    r"unpaid|without pay|work(?:ed|ing)? (?:as|on|in|at)|kept|used as|"
    # the work done, not offered ("offers of cleaning work" is the lure)
    r"cooked|cleaned|looked after)\b",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(r"[,;:()\u2014]|\s(?:after|before|then|and then)\s")
WHERE = re.compile(r"^\s*(?:\w+\s+){0,2},?\s*(?:where|in which)\b")
# "Eleven women who were recruited …", "X nationals": the people's own country
ORIGIN_STRONG_BEFORE = re.compile(
    r"(?:\bnatives? of|\bcitizens? of|\bnationals? of|\brecruit(?:ed|ing)|\blured|"
    r"\btrafficked from|\bsold from|\bleft|\bdeparted|"
    r"\babducted|\bkidnapped|\bhailing from|\bhometowns?|\bvillages?|\bborn in|"
    r"\brecruiters?|\boriginally from|\b(?:wom[ae]n|girls?|boys?|m[ae]n|child(?:ren)?|"
    r"workers?|victims?|famil(?:y|ies)|people|teenagers?|minors?|fishermen|crew|migrants?|"
    r"labou?rers|refugees|youths?|students|nationals|citizens|(?:most|many|all|some|several|"
    r"half) of them|others|rest) from|\b(?:were|are|came|come) (?:originally )?from)\b",
    re.IGNORECASE,
)
# the subject of a court story, where they live: "A 58-year-old man from Adelaide has…"
PERSON_FROM = re.compile(
    r"^\W*(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:man|woman|couple|suspects?|defendants?|"
    r"offenders?|businessm[ae]n|pastor|teacher|doctor|farmer|landlord|owner|pimp|madam)\s+"
    r"from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
RECRUITER_IN = re.compile(
    r"\b(?:recruitment |employment |placement |manpower )?(?:agenc(?:y|ies)|agents?|brokers?)"
    r" (?:based )?in(?:\s+the)?\s+$",
    re.IGNORECASE,
)
# where victims were found: "police in X rescued…", not "a court in X jailed…"
FOUND_HERE = re.compile(r"\b(?:rescu\w+|freed|raid\w*|found|discovered)\b", re.IGNORECASE)
ARRESTED = re.compile(
    r"\b(?:arrest(?:ed|s)?|raid(?:ed|s)?|detained|charged|convicted|jailed|sentenced)\b",
    re.IGNORECASE,
)
ACCUSED = re.compile(
    r"\b(?:pleaded|pleads|admit(?:ted|s)?|jailed|sentenced|convicted|charged|arrested|accused|"
    r"den(?:y|ies|ied)|guilty|suspected)\b",
    re.IGNORECASE,
)
# "A Brisbane couple have been jailed…": where the accused live, named before them
PLACE_PERSON_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?(?:man|woman|couple|family|husband and wife|"
    r"businessm[ae]n|businesswoman|landlord|farmer|pastor|doctor|mother|father|pensioner)\b",
    re.IGNORECASE,
)
# the accused held the victims themselves ("jailed for keeping a nanny as a slave"), not
# paid others far away ("paying for livestreamed abuse")
HELD_BY_ACCUSED = re.compile(
    r"\b(?:kept|keeping|held|holding|enslav\w*|locked|made (?:\w+ ){1,3}work|employed|"
    r"housed)\b",
    re.IGNORECASE,
)
# "A nurse from Lagos who was recruited…": the person the story is about, from there
SUBJECT_FROM = re.compile(r"^\W*(?:an?|the)\s+(?:[\w-]+\s+){0,3}from\s+$", re.IGNORECASE)
# "BRISBANE — A 63-year-old man from…": the dateline before a story's first sentence
DATELINE = re.compile(
    r"^\W*[A-Z][A-Z'.-]*(?:[ ,/]+[A-Z][\w'.-]*){0,3}\s*(?:\([^)]{0,20}\)\s*)?[—–-]+\s*"
)


def _lead(text: str, s: int, start: int) -> str:
    """A sentence's words before a place, its dateline left out."""
    return DATELINE.sub("", text[s:start], count=1)


HOME_BEFORE = re.compile(
    r"\b(?:(?:flown|flew|fly|sent|returned|went|gone|came|brought|taken|travell?ed|headed|"
    r"got) home|back|repatriated|deported|return(?:s|ed|ing)?|reunited with (?:\w+ ){0,2}"
    r"families|(?:deported|repatriated|sent home|flown home) (?:on|by|aboard) (?:\w+ ){0,3}"
    r"(?:flights?|planes?|buses|bus|boats?))"
    r"\s+(?:to|in)(?:\s+the)?\s+$",
    re.IGNORECASE,
)
MOVED_FROM = re.compile(
    r"\b(?:transport|tak|driv|mov|flown|fl[ey]w|brought|smuggl|carri|ferri|shipp)\w*"
    r"(?:\s+[\w'-]+){0,3}\s+from\b[^.;,]{0,40}$",
    re.IGNORECASE,
)
CONTEXT_SENTENCE = re.compile(
    r"\b(?:similar (?:cases?|compounds?|networks?|schemes?|releases?|raids?|operations?)|"
    r"(?:have|has) also been (?:reported|found|documented|seen|uncovered)|elsewhere in|"
    r"(?:have|has) also (?:reported|found|documented|seen|recorded)|unrelated|"
    r"(?:tens|hundreds) of thousands of (?:people|victims|workers|migrants)|"
    r"comparable (?:case|raid|network)s?|in other countries|previously traced|"
    # an open question or a trend, not this case: "investigating whether women from X…",
    # "the typical victim was a woman taken to X", "most victims are migrants from X"
    r"(?:investigat\w*|check\w*|examin\w*|looking into|establish|determine) whether|"
    r"typical (?:victims?|case)|most (?:of the )?victims (?:are|were)|in recent years|"
    # a tally over the years: "has rescued more than 63,000 workers … since 1995"
    r"more than [\d,]+ (?:[\w-]+ ){0,8}since (?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass
class Roles:
    origin: list[str] = field(default_factory=list)
    transit: list[str] = field(default_factory=list)
    destination: list[str] = field(default_factory=list)
    # countries the incident involves (with a role, or where it was acted on), in order
    involved: list[str] = field(default_factory=list)

    def add(self, role: str, code: str) -> None:
        bucket = getattr(self, role)
        if code not in bucket:
            bucket.append(code)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _role(  # noqa: PLR0911, PLR0912 - one return per role rule
    text: str, s: int, e: int, m: Mention, exploited_here: bool
) -> str | None:
    before = text[max(s, m.start - 60) : m.start]
    after = text[m.end : min(e, m.end + 40)]
    if CONTEXT_BEFORE.search(before):
        return "context"
    if m.kind == "nationality":
        if BUYERS_BEFORE.search(before) and BUYERS_AFTER.match(after):
            return "destination"
        if (
            PERPETRATOR_AFTER.match(after)
            or ACCUSED_AFTER.match(text[m.end : min(e, m.end + 70)])
            or ACTED_AFTER.match(text[m.end : min(e, m.end + 100)])
            or (
                PERPETRATOR_BEFORE.search(before)
                and not re.match(
                    r"^\s+(?:[\w-]+\s+){0,2}(?:victims|women|girls|boys|children|men|workers|"
                    r"migrants|fishermen|labou?rers|people|minors|teenagers)\b",
                    after,
                )
            )
        ):
            return None
        if (
            PEOPLE_AFTER.match(after)
            or (m.surface.endswith("s") and not m.surface.endswith("ss"))
            or PEOPLE_WERE.search(before)
        ):
            return "origin"
        if NATIONAL_CAPITAL.match(after) and exploited_here:
            if TRANSIT_AFTER.match(text[m.end : min(e, m.end + 90)]):
                return "transit"  # "a flat in the Russian capital, then driven on"
            return "destination"  # "the Senegalese capital"
        if TARGET_BEFORE.search(before):
            return None  # "attacks on Ugandan troops": a target, not who acted on the case
        return "fallback" if INSTITUTION_AFTER.match(after) and exploited_here else None
    if ABUSED_AT_HOME.search(before):
        return "home"  # "abuse of children in the Philippines" paid for from abroad
    if RECRUITER_IN.search(before) and re.search(
        r"\b(?:recruit\w*|fees?|charged|jobs?|promis\w*|sent|deploy\w*)\b", text[s:e], re.I
    ):
        return "origin"  # "an agency in Mombasa charged each of them…"
    if INSTITUTION_BEFORE.search(before) or INSTITUTION_AFTER.match(after):
        if exploited_here or ARRESTED.search(text[s:e]):
            return "fallback"  # "police in Delhi arrested…": where the case was acted on
        return None
    if GOODS_TO_BEFORE.search(before):
        return None  # "the garments were exported to Chile": goods, not people
    if AFTERCARE_BEFORE.search(before):
        return None  # "receiving treatment at a hospital in X": care after the case
    if HOME_BEFORE.search(before):
        return "origin"  # "flown home to Manila": the way back leads to where they came from
    if RESCUED_FROM.search(before):
        return "destination"
    if (
        PERSON_FROM.match(_lead(text, s, m.start))
        or (m.kind != "nationality" and PLACE_PERSON_AFTER.match(after))
    ) and ACCUSED.search(text[s:e]):
        return "involved"  # "a 58-year-old man from Adelaide": where a suspect lives
    if ARMED_FROM.search(before):
        return None  # "fighters who had crossed from Mali": where the armed group came from
    if (
        ORIGIN_BEFORE.search(before)
        or ORIGIN_NESTED.search(before)
        or re.match(r"^\s+nationals?\b", after)
    ):
        return "origin"
    if re.match(r"^\s+(?:border|frontier)\b", after):
        return None  # "across the Niger border": a border crossed, not a country passed
    if TRANSIT_BEFORE.search(before) or TRANSIT_AFTER.match(text[m.end : min(e, m.end + 90)]):
        return "transit"
    if DEST_BEFORE.search(before):
        return "destination"
    if exploited_here and (
        IN_BEFORE.search(before) or (m.kind == "city" and before.rstrip().endswith(","))
    ):
        return "destination"
    return None


def _strength(text: str, s: int, e: int, m: Mention, role: str) -> bool:
    """Whether a role is said outright: exploitation at an end point, the people's own
    country at a start; "flown to X" or "from X" alone may be a leg of the journey."""
    if role == "destination":
        if RESCUED_FROM.search(text[max(s, m.start - 60) : m.start]):
            return True  # "returned from Oman": where it happened
        before = CLAUSE_END.split(text[max(s, m.start - 70) : m.start])[-1]
        after = text[m.end : min(e, m.end + 70)]
        where = WHERE.match(after)
        after = after[: where.end() + 50] if where else CLAUSE_END.split(after)[0]
        return EXPLOITED_NEAR.search(before + " " + after) is not None
    if role == "origin":
        if m.kind == "nationality":
            return True
        before = text[max(s, m.start - 60) : m.start]
        if MOVED_FROM.search(before):
            return False  # "transported the girls from Tete": a leg
        return (
            bool(SUBJECT_FROM.match(_lead(text, s, m.start)))
            or ORIGIN_STRONG_BEFORE.search(before) is not None
            or bool(re.match(r"^\s+nationals?\b", text[m.end : m.end + 12]))
        )
    return True


def _journey_legs(found: Roles, strong: dict[str, set[str]]) -> None:
    """A place only travelled to ("flown to Moscow") or left from ("from Moscow they were
    driven…"), while the exploitation is said to be elsewhere, is a leg: transit."""
    if strong["destination"]:
        for code in list(found.destination):
            if code in strong["destination"]:
                continue
            found.destination.remove(code)
            if code not in strong["origin"]:
                found.add("transit", code)
            # else: travel back to the victims' own country ("flown home to Addis Ababa")
        for code in list(found.origin):
            if code in found.transit and code not in strong["origin"] and len(found.origin) > 1:
                # the only start said is kept: "from southern Nigeria … by bus to Kano and then
                # across the border" is a first leg inside the home country, not a transit
                found.origin.remove(code)
    if strong["origin"]:
        for code in list(found.origin):
            if code not in strong["origin"]:
                # "from X" said only of a vehicle or a leg, while the people's own country
                # is said outright elsewhere
                found.origin.remove(code)
                found.add("transit", code)
    # a country named as both origin and destination is a domestic case: keep both;
    # a transit country that is also an end point is not transit
    found.transit = [c for c in found.transit if c not in found.origin + found.destination]


def _involved(
    found: Roles, mentions: list[Mention], fallback: list[str], context: set[str]
) -> list[str]:
    """Countries with a role or where the case was acted on; else every country named
    other than as context."""
    roled = set(found.origin + found.transit + found.destination + fallback)
    named = list(dict.fromkeys(m.country for m in mentions))
    return [c for c in named if c in roled] or [c for c in named if c not in context] or named


def roles(text: str, mentions: list[Mention]) -> Roles:  # noqa: PLR0912, PLR0915 - one pass, rules in order
    found = Roles()
    fallback: list[str] = []  # where police or a court acted, if nothing else is said
    strong: dict[str, set[str]] = {"origin": set(), "destination": set()}
    context: set[str] = set()
    involved_only: list[str] = []  # where a suspect lives: involved, with no route role
    accused_home: list[str] = []  # where a suspect lives who held the victims
    for s, e in _sentences(text):
        sentence = text[s:e]
        inside = [m for m in mentions if s <= m.start < e]
        if CONTEXT_SENTENCE.search(sentence):
            context.update(m.country for m in inside)
            continue
        if (s > 0 and not EXPLOIT_CONTEXT.search(sentence)) or (
            GENERAL.search(sentence)
            and GENERAL.search(SAID_IN_REPORT.sub("", sentence))
            and not re.search(r"\b(?:rescued|arrested|freed)\b", sentence)
        ):
            continue
        exploited_here = EXPLOITED_HERE.search(sentence) is not None
        goes_on: bool | None = None  # asked only of a sentence with a destination
        previous: tuple[Mention, str | None] | None = None
        for m in inside:
            role = _role(text, s, e, m, exploited_here)
            if role == "destination" and goes_on is None:
                goes_on = JOURNEY_GOES_ON.search(sentence) is not None
            if role == "destination" and goes_on and not HEADED_TO.search(text[s : m.start]):
                role = "transit"  # where they waited, not where they were headed
            if role == "context":
                context.add(m.country)
                previous = (m, None)
                continue
            if role is None and previous is not None and previous[1] is not None:
                gap = text[previous[0].end : m.start]
                if LIST_GAP.match(gap) and (m.kind == "nationality") == (
                    previous[0].kind == "nationality"
                ):
                    role = previous[1]
            if (
                previous is not None
                and previous[1]
                and m.kind == "country"
                and previous[0].kind == "city"
                and re.fullmatch(r",\s*", text[previous[0].end : m.start])
            ):
                role = previous[1]  # "Cox's Bazar, Bangladesh": the city's role
            if role == "involved":
                involved_only.append(m.country)
                if HELD_BY_ACCUSED.search(sentence):
                    accused_home.append(m.country)
                role = None
            if role == "home":
                for where in ("origin", "destination"):
                    found.add(where, m.country)
                    strong[where].add(m.country)
                role = None
            if role == "fallback":
                fallback.append(m.country)
                if (
                    m.kind != "nationality"
                    and FOUND_HERE.search(text[s:e])
                    and _strength(text, s, e, m, "destination")
                ):
                    strong["destination"].add(m.country)
            elif role is not None:
                found.add(role, m.country)
                if role in strong and _strength(text, s, e, m, role):
                    strong[role].add(m.country)
            previous = (m, role if role != "fallback" else None)
    if not found.destination:
        for code in fallback:
            found.add("destination", code)
    if not found.destination and found.origin:
        # foreign victims and no place of exploitation said: the accused's own home town
        # ("a Brisbane couple kept a Filipino nanny")
        for code in accused_home:
            if code not in found.origin:
                found.add("destination", code)
    _journey_legs(found, strong)
    found.involved = _involved(found, mentions, fallback + involved_only, context)
    if len(found.involved) == 1 and not found.transit:
        # one country and no other: recruited and exploited there
        only = found.involved[0]
        found.origin, found.destination = [only], [only]
    return found
