"""The words addresses are made of, in many countries: streets, units, localities.

Each alternation is grouped by first letter (``grouped``) so the regex engine tries one
group where an address may start. Street words come with Faker's address providers of
English-speaking locales, Latin America, Iberia, Romania, Italy, Indonesia and Vietnam.
"""

from __future__ import annotations

from producers.intake.scrubbing.text import grouped, words

UP = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
PART = (
    r"(?:de|da|das|do|dos|del|dei|della|delle|degli|dello|des|du|la|le|los|las|di|van|von|der|al|el|of|"
    r"the|cel|lui|wa|"
    r"es|upon|sur|am|im)"  # "Dar es Salaam", "Newcastle upon Tyne", "Frankfurt am Main"
)
# bounded, so no pattern can rescan a long junk token from every position it starts at
# a capitalised word, with an Arabic article ("al-Nasim") or a Dutch one ("'s-Gravenzande")
# before it; "Jl. Melati No. 12": "No" is none
CAPW = (
    rf"(?:(?:al|el|an|ar|as|ad|ash|at|az|il)-|['’][st][- ])?"
    rf"(?!(?:No|Nr|N[º°]|RT|RW)\b)[{UP}][\w'’-]{{0,40}}"
)
CAPS = rf"{CAPW}(?:\s+(?:{PART}\s+)?{CAPW}){{0,3}}"
# house numbers: "12", "12B", "88/14", "56-B", "3-4-512/B"
HOUSE = (
    r"(?:\d{1,5}[A-Za-z]?(?:[/-](?:\d{1,5}[A-Za-z]?|[A-Za-z](?![A-Za-z]))){0,3}"
    r"(?:-(?:I{1,3}|IV|V|hoog|huis)(?![\w-]))?"
    r"|[Ss]/[Nn](?![A-Za-z]))"  # "s/n": sin número, sem número
)


STREET_AFTER = grouped(
    r"street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|court|ct|crescent|cres|"
    r"grove|place|pl|terrace|way|boulevard|blvd|highway|hwy|square|sq|gardens|gdns|row|"
    r"walk|mews|hill|parade|circle|cir|trail|rise|green|parkway|pkwy|loop|ridge|pike|"
    r"turnpike|trace|manor|meadows?|orchard|shore|spur|summit|cove|creek|crest|crossing|"
    r"dale|glen|hollow|bend|bluff|broadway|esplanade|promenade|quay|wharf|causeway|bypass|"
    r"expressway|freeway|circuit|extension|ext|marg|path|ganj|bagh|vihar|chowk|nagar|zila|"
    r"corner|straße|strasse|gasse|allee|platz|straat|laan|gracht|kade|vej|gatan|gata|utca|ulice"
)  # with Faker's English-speaking locales' street suffixes and India's, and street words
# written apart in German, Dutch, Nordic and Central European addresses
STREET_BEFORE_ANY = grouped(
    r"calle|c/|carrera|cra|avenida|avda|rua|travessa|rodovia|alameda|pra[çc]a|largo|"
    r"shari|sharia|shar[ei]h|tariq|zuqaq|darb|khiyaban|kucheh|"  # Arabic and Persian
    r"vul|vulytsia|prospekt|prosp|pereulok|bulvar|"
    r"rue|avenue|boulevard|bd|chemin|chauss[ée]e|all[ée]e|impasse|quai|viale|piazza|corso|ulica|"
    r"ul|aleja|jalan|jl|jln|lorong|thanon|soi|calea|strada|bulevardul|sokak|sok|"
    r"str|đường|duong|phố|pho|mtaa|titin|hanyar|circuito|calzada|privada|cerrada|andador|retorno|"
    r"perif[ée]rico|prolongaci[óo]n|callej[óo]n|diagonal|dg|transversal|pasaje|psje|"
    r"camino|carretera|ronda|paseo|rambla|traves[íi]a|beco|ladeira|viela|drumul|aleea|"
    r"intrarea|[șs]oseaua|splaiul|pia[țt]a|stradela|gg|vicolo|contrada|piazzale|"
    r"lungomare|stretto|ngõ|hẻm|khóm|passarela|jardim|vila|favela|morro|recanto|trecho|"
    r"vereda|loteamento|n[úu]cleo|ch[áa]cara|s[íi]tio|borgo|rotonda|incrocio|canale|kalye|daan|"
    r"triq|rrug[ëe]n|rrug[ëe]s|balabala|ulici|"  # Maltese, Albanian, Lingala, Croatian
    r"opopona|òpópónà|"  # Yoruba "road": "òpópónà Adeoyo"
    r"r[úu]a|"  # Galician
    r"heol|stryd|ffordd|kaye|"  # Welsh, Ladino
    r"b[óo]thar|sr[áa]id|ascaill|c[ée]ide|"  # Irish
    r"al(?=\.)|pl(?=\.)|os(?=\.)|[șş]os(?=\.)|sk(?=\.)|osiedle|plac|vico|carrer|rruga|bulevardi|sheshi"
)  # with Faker's street prefixes for Latin America, Iberia, Romania, Italy, Indonesia, Vietnam
STREET_BEFORE_CAP = r"Via|Al|R|Av|Place|Street|Road|Block|Sector|Estrada|Str|Gang|Ri|Jr(?=\.)"
UNIT_WORDS = grouped(
    r"flat|apt|apartment|room|rm|unit|suite|ste|floor|building|bldg|block|blk|house|hse|kay(?=\s+nimewo)|il[eé](?=\s+n[ọo]mba)|plot|shelter|bloka|"
    r"villa|dorm|dormitory|hostel|tent|container|barracks?|cabin|hut|shop|stall|kiosk|camp|"
    r"interno|int|scala|sc|bl|nyumba|maison|chambre|habitaci[oó]n|hab|quarto|bloque|daire|"
    r"edificio|edif|torre|tower|stand|erf|interior|puerta|pta|appartamento|mz|manzana|"
    r"gali|lane|alley|sec|section|purok|h\.\s?no|ap|kv|lt|"
    r"no|nº|n°|depto|dpto|departamento|piso|andar|apto|apartamento|bloco|casa|lote|"
    r"quadra|qd|[ée]tage|b[âa]t|b[âa]timent|appartement|appt|kamar|lot|moo|"
    # Estonian, Latvian, Lithuanian, Finnish, Nordic and Albanian flats, Vietnamese house
    r"korter|korteris|dz[īi]voklis|butas|asunto|l[äa]genhet|lgh|leilighet|[íi]b[úu]ð|pallati|shk|shkalla|stan|soba|"
    r"s[ốo]\s+nh[àa]|"
    r"p\.?\s?o\.?\s+box|post\s+box|apartado(?:\s+postal)?|caixa\s+postal|postfach|"
    r"private\s+bag|b\.\s?p|s\.\s?l\.\s?p|sanduku\s+la\s+posta|bo[îi]te\s+postale|casilla|bp|dto|dpt|dept|porte|porta|parcelle|parcela|[îi]lot|sala|loja"
)
LOCALITY = grouped(
    r"col|colonia|bairro|barrio|fracc|fraccionamiento|vill|village|p\.?o|dist|district|"
    r"tambon|amphoe|khet|khwaeng|kelurahan|kecamatan|desa|kampung|taman|ward|phường|"
    r"phuong|quận|quan|sector|zona|zone|mukim|soi|moo|thanon|barangay|brgy|purok|sitio|"
    r"kel|kec|kab|kabupaten|dusun|dsn|setor|conjunto|urbanizaci[óo]n|urb|residencial|condominio|"
    r"cit[ée]|quartier|qtr|lotissement|hameau|lieu-dit|douar|kebele|woreda|ấp|thôn|xã|aldeia|"
    r"povoado|corregimiento|caser[íi]o|ejido|poblado|asentamiento|localidad|vecindad|chak|"
    r"tehsil|mouza|upazila|kampong|hay|hayy|hai|mahalla|"
    # Cambodia (village, commune, sangkat, district, khan, province), Vietnam (district,
    # province, hamlet), Romania (village, commune, county), Mozambique and Angola (block),
    # Benin (block), South Asia, East Africa (village, ward, region), Nigeria (ward),
    # Turkey, Indonesia, Nepal, Laos
    r"phum|phumi|khum|sangkat|srok|khett?|huyện|huyen|tỉnh|tinh|thị\s+trấn|xóm|xom|"
    r"khu\s+phố|tổ|bản|"
    r"sat|satul|comuna|com(?=\.)|jud(?=\.)|jude[țt]ul|municipiul|ora[șs]ul|"
    r"quarteir[ãa]o|carr[ée]|mohall?ah?|muhalla|kijiji|mkoa|unguwar|"
    r"mahallesi|k[öo]y[üu]?|provinsi|wada|aahh|a\.\s?h\.|pp\.\s?jj\.?"
)  # named neighbourhoods, hamlets and villages: "Cité Keur Gorgui", "lieu-dit Les Aulnes"
# an area named before its word: "Ben Nghe Ward", "Mueang District", "Kasoa Township"
AREA_AFTER = r"ward|district|commune|subdistrict|township|municipality|quarter|province|county"
# romanised Korean and Japanese places, joined by a hyphen: "Digital-ro", "Guro-gu",
# "Shinjuku-ku", "Kabukicho 2-chome 14-banchi"
EAST_ASIAN_SUFFIX = (
    r"ro|gil|daero|dong|gu|si|gun|eup|myeon|ri|ku|shi|cho|chō|machi|mura|ken|fu|qu|cun|zhen"
)
EAST_ASIAN_NUMBERED = r"ch[oō]me|banchi|ban|g[oō]|gil|beon-?gil"
BUILDING = grouped(
    r"court|house|building|tower|towers|mansions|estate|residence|residences|apartments|"
    r"heights|plaza|complex|compound|lodge|hall|villas?|condominium|condo|block|nagar|"
    r"colony|layout|enclave|phase|mohalla|municipality|tole|chowk|bazaar|bazar|township|"
    r"mall|centre|center|arcade|market|homes|subdivision|subd"
)
LANDMARKS = (
    r"station|mosque|mosquée|mezquita|mesquita|church|église|iglesia|igreja|school|école|"
    r"escuela|escola|market|marché|mercado|pharmacy|pharmacie|farmacia|farmácia|hospital|"
    r"hôpital|clinic|temple|pagoda|stadium|stade|estadio|bakery|boulangerie|panadería|"
    r"padaria|junction|roundabout|bus\s+stop|supermarket|bank|hotel|bridge|tower|mall"
)
NEAR = (
    r"near|behind|opposite|beside|next\s+to|facing|across\s+from|derri[èe]re|pr[èe]s\s+de|"
    r"[àa]\s+c[ôo]t[ée]\s+de|en\s+face\s+de|detr[áa]s\s+de|frente\s+a|cerca\s+de|"
    r"atr[áa]s\s+de|perto\s+de|junto\s+a"
)
# where a core can start: a street, unit or locality word (or a digit, found apart); the
# core pattern is tried only there (searching it from every position cost ~150 µs a text)
STARTERS = words(
    """
    al alameda aleja allee alley allée amphoe andar ap apartado apartamento
    apartment appartement appt apt apto av avda avenida avenue bairro barangay
    villa dorm dormitory hostel tent container barrack barracks cabin hut shop stall camp
    stand erf interior puerta pta appartamento mz manzana circuito calzada privada
    cerrada andador retorno periférico periferico prolongación prolongacion callejón
    callejon diagonal dg transversal pasaje psje camino carretera ronda paseo rambla
    travesía travesia beco ladeira viela drumul aleea intrarea șoseaua soseaua splaiul
    șos şos sk chaussée chaussee kalye daan sok shareh sharih
    piața piata stradela gg vicolo contrada piazzale lungomare stretto ngõ hẻm khóm
    passarela jardim vila favela morro recanto trecho vereda loteamento núcleo nucleo
    chácara chacara sítio sitio borgo rotonda incrocio canale al pl os osiedle plac
    bóthar bothar sráid sraid ascaill céide ceide
    kiosk interno int scala sc bl nyumba maison chambre habitación habitacion hab
    quarto bloque edificio edif torre tower immeuble residence résidence residencia
    compound mtaa off near behind opposite beside next facing across derrière derriere
    près pres côté cote face detrás detras frente cerca atrás atras perto junto
    barrio bat batiment bd bldg blk block bloco boulevard bp brgy building
    bulevardul bulvar bât bâtiment c caddesi caixa calea calle carrera casa chemin
    col colonia corso cra departamento depto desa dist district dpto duong estrada
    etage flat floor fracc fraccionamiento gali h house hse kay ile ilé opopona òpópónà
    impasse jalan jl jln kamar
    kampung kecamatan kelurahan khet khwaeng kv lane largo lorong lot lote moo mukim
    n no nº p pereulok pho phuong phường phố piazza piso place plot po post postfach
    praca praça private prosp prospekt purok qd quadra quai quan quận r rm road
    rodovia room rua rue sec section sector soi sokak st ste str strada street suite
    taman tambon thanon travessa ul ulica unit via viale vill village vul vulytsia
    ward zona étage đường cité cite quartier qtr lotissement hameau lieu douar kebele
    woreda ấp thôn xã aldeia povoado corregimiento caserío caserio ejido poblado shari
    sharia tariq zuqaq darb khiyaban kucheh hay hayy hai mahalla
    asentamiento localidad vecindad chak tehsil mouza upazila kampong km dto dpt dept
    porte porta parcelle parcela îlot ilot sala loja gang b s sanduku boîte boite casilla
    route ruta strada drum autovía autovia vico carrer rruga bulevardi sheshi ri jr
    phum phumi khum sangkat srok khett huyện huyen tỉnh tinh thị sat satul comuna com
    xóm xom khu tổ dusun dsn kabupaten kab kel kec bản lt aahh
    triq rrugën rrugen rrugës rruges balabala korter korteris dzīvoklis butas asunto
    lägenhet lgh leilighet íbúð pallati số ulici stan soba rúa
    heol stryd ffordd fflat kaye
    jud județul judetul municipiul orașul orasul quarteirão quarteirao carré carre mohalla
    mohallah muhalla kijiji mkoa unguwar mahallesi köy köyü koy provinsi wada titin hanyar
    """
)

# words that begin an address without a number: a named building, a corner, a road one
# lives off, a landmark, a locality (texts without a digit are looked at only there)
WORD_STARTERS = words(
    """
    bldg building immeuble edificio edif torre tower residence résidence residencia villa
    compound hostel dormitory dorm calle rua avenida avenue av jalan jl street st road rd
    off near behind opposite beside next facing across derrière derriere près pres côté
    cote face detrás detras frente cerca atrás atras perto junto col colonia bairro barrio
    barangay brgy purok sitio kelurahan kecamatan kel kec desa kampung taman cité cite
    quartier lotissement hameau lieu douar aldeia povoado corregimiento caserío caserio
    phum phumi khum sangkat srok khett huyện tỉnh sat satul comuna jud județul mohalla
    xã thôn ấp xóm bản phường quận dusun kabupaten
    mohallah muhalla quarteirão carré unguwar mahallesi provinsi titin hanyar
    """
)
# "card no. 0-0021-45889": a number of something other than a house
NUMBERED = words(
    """
    card book passport permit licence license account certificate registration ref
    reference case file ticket receipt policy phone tel mobile contact visa id nid nic
    ssn sss cnic nin serial invoice order flight seat plate
    aadhaar aadhar nhs pan cpf rg dni nie curp rfc rut cedula cédula pasaporte passaporte
    passeport reisepass paszport паспорт iqama ktp nik ine bvn tin itin insurance
    documento document doc cnp egn jmbg oib pesel amka afm tc kimlik
    accused defendant witness victim suspect respondent appellant petitioner
    """
)  # and the parties a court counts: "accused no. 1 Ramesh Yadav"
# streets named with a suffix and numbered after: "Hauptstraße 12", "Kerkstraat 5",
# "Atatürk Caddesi No: 12"
SUFFIXES = (
    "straße", "strasse", "str.", "gasse", "weg ", "allee", "platz", "straat", "laan", "pad ",
    "baan ", "dreef ", "singel ", "steeg ",
    "plein", "gracht", "kade", "dijk", "gatan", "gata ", "gaten ", "gade", "vej ", "veien", "vägen",
    " gate ", " vei ", " allé ", "veg ", " etorbidea", " kalea", " hiribidea",
    "utca", "cad", "sok", "mah", "bulvar", "vegen", "vegur", "vegi ", "tie ", "katu", "kuja",
    "polku", "gränd", "stræde", "götu", "stígur", "stíg ", " tee ", " tänav", " puiestee",
    " maantee", "chome", "chōme", "-ro ", "-gil", "-daero",
    " iela", " ielā", " gatvė", " gatve", " g. ", " prospekt", " pr.", " al.", " út", " tér",
    " köz",
    " mnt", " pst", " tn ",
    " küçəsi", " prospekti", " köçesi", " şaýoly", "chasi ", " көшесі", " даңғылы", " көчөсү",
    " кўчаси",
    " u. ", " cesta", " cesti", " ulici", " trg", " trgu", " ward", " district", " commune",
    " township", " municipality", " quarter",
)  # fmt: skip
