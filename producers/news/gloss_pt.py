"""Portuguese (Brazil, Portugal, Africa): cue phrases onto the English the rules read, and
nationality words (data).

Phrases are regular expressions (no capturing groups), tried in this order at each place
in the text, any case; the first that matches is replaced. "Tráfico de pessoas" is
trafficking in people; "auxílio à imigração ilegal" and "contrabando de migrantes" are
smuggling; "tráfico" alone stays "trafficking", read by what follows it. Brazilian labour
law's "trabalho análogo à escravidão" (conditions like slavery) is forced labour. Both
spellings are taken (European "intercetar", "Roménia"; Brazilian "interceptar", "Romênia").
"""

from __future__ import annotations

from producers.news.gloss import BEFORE_A_NAME

CAPITALISED_NOUNS = False  # "mulheres paraguaias": nationality words are lower case

PHRASES: tuple[tuple[str, str], ...] = (
    # trafficking and smuggling
    (r"auxílio à imigração ilegal|contrabando de migrantes|tráfico (?:ilícito )?de migrantes|"
     r"promoção de migração ilegal|imigração ilegal", "migrant smuggling"),
    (r"coiotes?|passadores?", "smugglers"),
    (r"tráfico (?:de|internacional de|interno de) (?:pessoas|seres humanos)", "human trafficking"),
    (r"tráfico (?:de|internacional de) (?:crianças|menores)", "child trafficking"),
    (r"tráfico (?:de|internacional de) mulheres", "trafficking of women"),
    (r"vítimas? de tráfico(?: de pessoas| humano)?", "trafficking victims"),
    (r"redes? de tráfico(?: de pessoas)?", "trafficking network"),
    (r"traficantes de pessoas|aliciadores|cafetões|cafetinas?|proxenetas|rufiões",
     "traffickers"),
    (r"traficad[ao]s?", "trafficked"),
    (r"tráfico de órgãos|comércio de órgãos|venda de órgãos", "organ trafficking"),
    (r"remoção de órgãos|extração de órgãos|retirada de órgãos|remoção de (?:um )?rim",
     "removal of organs"),
    (r"tráfico (?:internacional )?de (?:drogas|entorpecentes|estupefacientes|cocaína)|"
     r"narcotráfico", "drug trafficking"),
    (r"tráfico (?:internacional )?de armas", "arms trafficking"),
    (r"tráfico de (?:animais|fauna|espécies)(?: silvestres)?", "wildlife trafficking"),
    (r"tráfico", "trafficking"),
    (r"traficantes?", "traffickers"),
    (r"contrabandistas?", "smugglers"),
    (r"contrabandead[ao]s?|contrabando", "smuggling"),
    (r"travessias?", "crossings"),
    (r"requerentes de asilo|solicitantes de refúgio", "asylum seekers"),
    # forms of exploitation
    (r"exploração sexual(?: comercial)?", "sexual exploitation"),
    (r"exploração (?:laboral|do trabalho|no trabalho)", "labour exploitation"),
    (r"(?:explorad[ao]s?|exploravam|explorava) sexualmente|sexualmente explorad[ao]s?",
     "sexually exploited"),
    (r"exploração", "exploitation"),
    (r"sexualmente", "sexually"),
    (r"explorad[ao]s?|explorava[m]?|exploraram|explorar|exploram?", "exploited"),
    (r"trabalho forçado|trabalhos forçados", "forced labour"),
    (r"(?:trabalho|condições|situação|regime) (?:de trabalho )?(?:análog[ao]s?|semelhantes?) "
     r"(?:à|a) (?:de )?(?:escravidão|escravatura|escravo)|trabalho escravo|mão de obra escrava|"
     r"escravidão contemporânea|escravidão moderna|escravatura moderna", "slave labour"),
    (r"escravidão|escravatura", "slavery"),
    (r"escravizad[ao]s?", "enslaved"),
    (r"escrav[ao]s? sexuais", "sex slaves"),
    (r"escrav[ao]s?", "slaves"),
    (r"servidão por dívidas?|escravidão por dívidas?", "debt bondage"),
    (r"servidão doméstica|trabalho doméstico análogo (?:à|a) (?:escravidão|escravatura)",
     "domestic servitude"),
    (r"servidão", "servitude"),
    (r"prostituição forçada", "forced prostitution"),
    (r"(?:obrigad[ao]s?|forçad[ao]s?) a (?:prostituir-se|se prostituir|prostituição)",
     "forced into prostitution"),
    (r"prostituição infantil|prostituição de menores|exploração sexual infantil",
     "child prostitution"),
    (r"prostituição|prostituir-se|se prostituir|prostitutas?|lenocínio", "prostitution"),
    (r"bordéis|bordel|prostíbulos?|casas? de prostituição|casas? de massagem", "brothels"),
    (r"boates?|casas? noturnas?|bares? noturnos?", "nightclubs"),
    (r"casamentos? forçados?|casamento à força|uniões? forçadas?", "forced marriage"),
    (r"casamentos? (?:infantis|infantil|precoces?|de menores)|uniões? precoces?",
     "child marriage"),
    (r"(?:obrigad[ao]s?|forçad[ao]s?) a casar(?:-se)?", "forced to marry"),
    (r"(?:prometid[ao]s?|entregue|dad[ao]s?) em casamento", "married off"),
    (r"noivas?", "brides"),
    (r"esposas", "wives"),
    (r"crianças[- ]soldados?|meninos[- ]soldados?|menores[- ]soldados?", "child soldiers"),
    (r"recrutamento (?:forçado )?de (?:crianças|menores)", "recruitment of children by armed "
     r"groups"),
    (r"grupos? armados?|grupos? rebeldes?|facções armadas", "armed groups"),
    (r"milícias?|milicianos", "militias"),
    (r"insurgentes", "insurgents"),
    (r"rebeldes", "rebels"),
    (r"combatentes|ex-combatentes", "fighters"),
    (r"mendicidade forçada|mendicância forçada", "forced begging"),
    (r"(?:obrigad[ao]s?|forçad[ao]s?) a (?:mendigar|pedir esmola)", "forced to beg"),
    (r"mendigar|pedir esmolas?|pedir dinheiro", "beg"),
    (r"mendicidade|mendicância", "begging"),
    (r"esmolas?", "alms"),
    (r"adoç(?:ão|ões) ilega(?:l|is)|adoção irregular|adoções irregulares", "illegal adoption"),
    (r"venda de (?:bebés|bebês|recém-nascidos|crianças)", "selling babies"),
    (r"bebés|bebês|recém-nascidos", "babies"),
    (r"barriga de aluguel|barriga de aluguer|gestação de substituição", "surrogacy"),
    (r"centros? de golpes(?: virtuais| online| pela internet)?|complexos? de golpes",
     "scam compound"),
    (r"golpes (?:virtuais|online|pela internet|na internet|digitais)|fraudes online",
     "online scams"),
    (r"aplicar golpes|dar golpes|golpes|burlas?", "scam"),
    (r"plantaç(?:ão|ões) de (?:cannabis|maconha|canábis)|cultivo de (?:cannabis|maconha)",
     "cannabis farm"),
    (r"cometer crimes|praticar crimes", "commit crimes"),
    (r"roubar|furtar", "steal"),
    (r"carteiristas?", "pickpockets"),
    (r"mulas", "drug mules"),
    # forced to, with the verbs the rules read after it
    (r"(?:obrigad[ao]s?|forçad[ao]s?|coagid[ao]s?|submetid[ao]s?) (?:a|ao|à)", "forced to"),
    (r"(?:obrigava[m]?|forçava[m]?|obrigaram|obrigou|obrigarem) (?:\w+ )?a", "forced to"),
    (r"trabalhar", "work"),
    (r"trabalhava[m]?|trabalharam|trabalhou|trabalham", "worked"),
    (r"combater|lutar", "fight"),
    (r"vender", "sell"),
    (r"cozinhar e limpar|limpar e cozinhar", "cook and clean"),
    (r"cultivar", "grow"),
    # ILO indicators
    (r"(?:lhes |lhe )?(?:retiravam|retirava|retiraram|retirou|retinham|retinha|guardavam|"
     r"guardava|confiscaram|confiscou|confiscavam|ficavam com|ficaram com)(?: (?:os|as|seus|"
     r"suas|o|a))?", "confiscated"),
    (r"passaportes?", "passports"),
    (r"documentos? de identidade|documentos?|bilhetes? de identidade|carteiras? de trabalho",
     "documents"),
    (r"sem (?:receber|salário|pagamento|remuneração|qualquer pagamento)(?: salário)?",
     "without pay"),
    (r"não (?:recebiam|recebia|receberam|eram pagos|era pago|eram pagas|lhes pagavam)"
     r"(?: salário| nada| pagamento)?|nunca (?:receberam|foram pagos)|salários? em atraso",
     "unpaid"),
    (r"salários?|ordenados?", "wages"),
    (r"trancad[ao]s?|fechad[ao]s? (?:à chave|num|numa|em)|encarcerad[ao]s?|confinad[ao]s?",
     "locked in"),
    (r"(?:não podiam|não podia|impedid[ao]s? de|proibid[ao]s? de) (?:sair|deixar|ir embora|"
     r"abandonar)", "could not leave"),
    (r"sequestrad[ao]s?|mantid[ao]s? em cativeiro|em cativeiro|vigiad[ao]s? por homens "
     r"armados|cárcere privado", "held captive"),
    (r"espancad[ao]s?|agredid[ao]s?|surrad[ao]s?|batiam|espancava[m]?", "beaten"),
    (r"ameaçad[ao]s?|ameaçava[m]?|ameaças", "threatened"),
    (r"violad[ao]s?|estuprad[ao]s?|estupros?|violações", "raped"),
    (r"maltratad[ao]s?|maus-tratos|abusad[ao]s?|abusos", "abused"),
    (r"enganad[ao]s?|ludibriad[ao]s?", "deceived"),
    (r"falsas (?:promessas|ofertas)(?: de (?:trabalho|emprego))?", "false promises of work"),
    (r"ofertas? (?:falsas? )?de (?:trabalho|emprego)", "job offers"),
    (r"(?:com |sob )?(?:a )?promessa de|promessas de", "promises of"),
    (r"(?:lhes |lhe )?(?:prometeram|prometiam|prometia|prometeu|tinham prometido)", "promised"),
    (r"prometid[ao]s?", "promised"),
    (r"(?:ficavam|ficaram|ficava) a dever(?: à rede| ao patrão)?|(?:tinham|tinha|tiveram) de "
     r"pagar (?:uma |a |as )?dívidas?|pagar (?:uma |a |as )?dívidas?", "owed debts to"),
    (r"dívidas? (?:de|com|pela|pelo|por)", "debts for"),
    (r"pagar (?:a|as|o|os) (?:viagem|viagens|passagem|passagens|despesas)",
     "pay off a debt for the journey"),
    (r"dívidas?|endividad[ao]s?", "debts"),
    (r"descontad[ao]s? do salário|descontava[m]? do salário", "deducted from wages"),
    (r"horas por dia|horas diárias", "hours a day"),
    (r"vendid[ao]s?|vendia[m]?|venderam|vendeu", "sold"),
    (r"em troca de (?:dinheiro|gado)", "in exchange for money"),
    (r"em troca de", "in exchange for"),
    # the incident
    (r"resgat(?:ad[ao]s?|ou|aram|a[m]?|ar|e)", "rescued"),
    (r"raptad[ao]s?|raptaram|raptou|sequestraram|sequestrou", "abducted"),
    (r"entregaram|entregou|entregues|entregue", "handed over"),
    (r"treinar|treinad[ao]s?", "trained"),
    (r"rapazes", "boys"),
    (r"pastores(?: de gado)?|pastorear", "herders"),
    (r"costurando|costurar|costuravam|costurava", "sewing"),
    (r"força-tarefa|operação conjunta", "joint operation"),
    (r"(?:mantid[ao]s?|retid[ao]s?) (?:como|as) (?:empregadas|criadas|domésticas)",
     "kept as maids"),
    (r"mantid[ao]s?|retid[ao]s?", "held"),
    (r"tiraram|tiravam|tirou|tiraram-lhes", "took"),
    (r"sem descanso|sem folgas?", "without rest"),
    (r"patrões|patroas?|empregadores", "employers"),
    (r"(?:regressaram|voltaram|voltam|regressam) (?:a|ao|à|para)", "returned home to"),
    (r"(?:com |fazendo )?escalas? (?:em|no|na)", "stopover in"),
    (r"(?:por|pelo|pela)" + BEFORE_A_NAME, "via"),
    (r"agências? de (?:recrutamento|emprego)|agências?", "agencies"),
    (r"espécies(?: protegidas| silvestres)?", "species"),
    (r"libert(?:ad[ao]s?|ou|aram|a[m]?)|liberad[ao]s?|salv[ao]s?", "freed"),
    (r"(?:foram |foi )?(?:pres[ao]s?|detid[ao]s?|capturad[ao]s?)(?: em flagrante)?|prendeu|"
     r"prenderam|deteve|detiveram|detém|prende", "arrested"),
    (r"condenad[ao]s?|condenou|condenaram", "convicted"),
    (r"(?:foram |foi )?(?:acusad[ao]s?|indiciad[ao]s?|denunciad[ao]s?|arguid[ao]s?|"
     r"autuad[ao]s?)", "charged"),
    (r"desarticul(?:ou|aram|ad[ao]s?|a[m]?)|desmantel(?:ou|aram|ad[ao]s?|a[m]?)|"
     r"trav(?:ou|aram|a[m]?)", "dismantled"),
    (r"interc(?:e)?t(?:ou|aram|ad[ao]s?|a[m]?)|intercep(?:tou|taram|tad[ao]s?|ta[m]?)",
     "intercepted"),
    (r"rusgas?|buscas e apreensões|operaç(?:ão|ões)(?: policial| policiais)?|batidas?",
     "raids"),
    (r"investigaç(?:ão|ões)|investiga[m]?|inquéritos?|investigadores", "investigation"),
    (r"ministério público|promotoria|procuradoria|procuradores?|promotores?", "prosecutors"),
    (r"juíz(?:es|a)?|juiz|magistrad[ao]s?", "judges"),
    (r"tribuna(?:l|is)|justiça", "court"),
    (r"vítimas?", "victims"),
    (r"suspeit[ao]s?", "suspects"),
    (r"alegadamente|supostamente", "allegedly"),
    (r"denúncias?|queixas?", "complaint"),
    (r"encontrad[ao]s?|localizad[ao]s?|descobert[ao]s?|encontrou|encontraram", "found"),
    (r"fugiram|fugiu|escaparam|escapou|conseguiu fugir", "escaped"),
    (r"repatriad[ao]s?", "repatriated"),
    (r"regressaram a casa|voltaram para casa|voltaram ao (?:seu )?país", "returned home"),
    (r"indeniza(?:r|ções|ção)|indemniza(?:r|ções|ção)|verbas rescisórias", "compensation"),
    (r"multad[ao]s?|multa", "fined"),
    (r"polícia federal|polícia judiciária|polícia civil|polícia militar|polícia rodoviária "
     r"federal|polícia marítima|polícias?|psp|gnr|sef|policiais|agentes da polícia",
     "police"),
    (r"autoridades", "authorities"),
    (r"auditores?(?:-| )fiscais(?: do trabalho)?|fiscais do trabalho|inspetores? do trabalho|"
     r"inspectores? do trabalho|act|grupo móvel", "labour inspectors"),
    (r"fiscais|inspetores|inspectores", "inspectors"),
    (r"exército|forças armadas|militares", "army"),
    (r"embaixadas?", "embassy"),
    (r"consulados?", "consulate"),
    (r"alfândega|receita federal|aduanas?", "customs"),
    # a report, a law, a campaign
    (r"projetos? de lei|projectos? de lei|propostas? de lei", "bill"),
    (r"leis?|legislação", "law"),
    (r"congresso|parlamento|assembleia da república|senado|câmara dos deputados", "parliament"),
    (r"relatórios? anua(?:l|is)", "annual report"),
    (r"relatórios?", "report"),
    (r"estudos?|pesquisas?|inquérito nacional", "study"),
    (r"campanhas?", "campaign"),
    (r"sensibilização|conscientização|prevenção", "awareness"),
    (r"ministério do trabalho", "labour ministry"),
    (r"ministérios?", "ministry"),
    (r"ministr[ao]s?", "minister"),
    (r"polític(?:a|as) públicas?|políticas?", "policy"),
    (r"planos? nacional|plano nacional|estratégia", "strategy"),
    (r"dia mundial|dia internacional", "world day"),
    (r"conferências?|cimeiras?|cúpulas?|fóruns?", "conference"),
    (r"por cento", "per cent"),
    (r"estima[m]?|estimativas?", "estimates"),
    (r"no mundo|em todo o mundo|a nível mundial", "worldwide"),
    (r"recomenda[m]?|deveriam|deveria|pede", "should"),
    (r"formação|capacitação", "training"),
    (r"financiamento|orçamento|verbas", "funding"),
    (r"acordos?|protocolos?", "agreement"),
    (r"governo", "government"),
    # trades and workplaces
    (r"fazendas?|quintas?|sítios|propriedades? rura(?:l|is)|herdades?|explorações agrícolas",
     "farms"),
    (r"plantaç(?:ão|ões)|lavouras?|cafezais|canaviais", "plantations"),
    (r"fábricas?", "factory"),
    (r"oficinas? de costura|confecç(?:ão|ões)|confecç(?:ão|ões) têxte(?:l|is)",
     "garment workshops"),
    (r"oficinas?", "workshops"),
    (r"estufas?", "greenhouses"),
    (r"carvoarias?|olarias?|fornos", "brick kilns"),
    (r"garimpos?(?: ilega(?:l|is))?|minas?|mineração", "mines"),
    (r"obras?(?: de construção)?|construção civil|canteiros? de obras", "construction sites"),
    (r"barcos? de pesca|navios? de pesca|pesqueiros", "fishing vessels"),
    (r"pescadores", "fishermen"),
    (r"restaurantes?", "restaurants"),
    (r"colheitas?|safras?|apanha", "harvest"),
    (r"frutos vermelhos|frutas?", "fruit"),
    (r"café", "coffee farm"),
    (r"cacau", "cocoa"),
    (r"trabalhadores rurais|trabalhadores agrícolas|boias-frias|jornaleiros", "labourers"),
    (r"empregadas", "maids"),
    (r"empregad[ao]s? domésticas?|trabalhador(?:as|es|a)? domésticas?|trabalho doméstico|"
     r"domésticas", "domestic workers"),
    (r"criadas?|babás?|amas?", "maids"),
    (r"tarefas domésticas|afazeres domésticos|serviços domésticos", "household chores"),
    (r"trabalhador(?:es|as)?|operári(?:os|as)", "workers"),
    # people
    (r"mulheres", "women"),
    (r"mulher", "woman"),
    (r"meninas|raparigas|moças", "girls"),
    (r"menina|rapariga", "girl"),
    (r"crianças|meninos", "children"),
    (r"criança|menino", "child"),
    (r"menores(?: de idade)?", "minors"),
    (r"adolescentes", "teenagers"),
    (r"jovens", "young"),
    (r"homens", "men"),
    (r"pessoas", "people"),
    (r"migrantes|imigrantes", "migrants"),
    (r"refugiad[ao]s", "refugees"),
    (r"cidadãos|cidadãs|nacionais", "nationals"),
    (r"famílias", "families"),
    (r"casais", "couples"),
    # where: the route words
    (r"(?:oriund[ao]s|originári[ao]s|provenientes|procedentes|natura(?:l|is)|vind[ao]s|"
     r"chegad[ao]s|trazid[ao]s) (?:de|do|da|dos|das)", "originally from"),
    (r"(?:vinham|vieram|vinha|veio|vêm) (?:de|do|da|dos|das)", "originally from"),
    (r"desde (?:o|a)?", "from"),
    (r"aliciad[ao]s?|aliciava[m]?|aliciaram|aliciou|aliciar|recrutad[ao]s?|recrutava[m]?|"
     r"recrutaram|recrutou|recrutou", "recruited"),
    (r"atraíd[ao]s?|atraía[m]?", "lured"),
    (r"em trânsito por|através (?:de|do|da|dos|das)|passando por|(?:depois de |após )?"
     r"passar(?:em)? por|via|transitaram por|transitou por", "via"),
    (r"com destino (?:a|ao|à|aos|às)|rumo (?:a|ao|à)|em direção (?:a|ao|à)", "bound for"),
    (r"(?:levad[ao]s?|transportad[ao]s?|enviad[ao]s?|conduzid[ao]s?|levava[m]?|levaram) "
     r"(?:para|até|a|ao|à)(?: o| a| os| as)?", "taken to"),
    (r"chegaram (?:a|ao|à)|chegou (?:a|ao|à)", "arrived in"),
    (r"atravessaram|atravessar|atravessou|cruzaram|cruzar", "crossing"),
    (r"viajava[m]?|viajaram|viajou|voaram", "travelled"),
    (r"para (?:o|a|os|as)|ao|à|aos|às", "to the"),
    (r"para|até", "to"),
    (r"(?:no|na|nos|nas|num|numa)", "in the"),
    (r"em", "in"),
    (r"(?:do|da|dos|das)", "of the"),
    (r"a(?= [\w-]+s\b)", "to"),  # "a casais": the article "a" takes no plural noun
    (r"o|a|os|as", "the"),
    (r"e", "and"),
    (r"como", "as"),
    (r"usad[ao]s?|utilizad[ao]s?|usava[m]?|utilizava[m]?|usando-(?:as|os)", "used"),
    (r"obrigarem|obrigar|obrigando|forçarem|forçar", "forcing"),
    (r"províncias?", "province"),
    (r"regi(?:ão|ões)", "region"),
    (r"distritos?", "district"),
    (r"municípios?|concelhos?", "municipality"),
    (r"cidades?", "city"),
    (r"aldeias?|vilas?|povoados?", "village"),
    (r"ruas|metro|metrô|semáforos", "streets"),
)  # fmt: skip

DEMONYMS: dict[str, str] = {
    "afegão": "AF", "albanês": "AL", "alemão": "DE", "angolano": "AO", "argelino": "DZ",
    "argentino": "AR", "arménio": "AM", "armênio": "AM", "bengali": "BD",
    "bangladeshiano": "BD", "belga": "BE", "beninense": "BJ", "bielorrusso": "BY",
    "birmanês": "MM", "boliviano": "BO", "brasileiro": "BR", "britânico": "GB",
    "búlgaro": "BG", "burquinense": "BF", "burquinês": "BF", "cabo-verdiano": "CV",
    "camaronês": "CM", "cambojano": "KH", "canadiano": "CA", "canadense": "CA",
    "chileno": "CL", "chinês": "CN", "colombiano": "CO", "congolês": "CD", "coreano": "KR",
    "cubano": "CU", "dominicano": "DO", "egípcio": "EG", "equatoriano": "EC",
    "eritreu": "ER", "espanhol": "ES", "estadunidense": "US", "norte-americano": "US",
    "etíope": "ET", "filipino": "PH", "francês": "FR", "gabonês": "GA", "gambiano": "GM",
    "ganês": "GH", "georgiano": "GE", "grego": "GR", "guatemalteco": "GT",
    "guineense": "GW", "guineano": "GN", "haitiano": "HT", "hondurenho": "HN",
    "húngaro": "HU", "indiano": "IN", "indonésio": "ID", "iraniano": "IR",
    "iraquiano": "IQ", "italiano": "IT", "jamaicano": "JM", "japonês": "JP",
    "jordaniano": "JO", "queniano": "KE", "kosovar": "XK", "laosiano": "LA",
    "libanês": "LB", "liberiano": "LR", "líbio": "LY", "malaio": "MY", "malgaxe": "MG",
    "maliano": "ML", "marfinense": "CI", "marroquino": "MA", "mauritano": "MR",
    "mexicano": "MX", "moldavo": "MD", "moçambicano": "MZ", "nepalês": "NP",
    "nepali": "NP", "nicaraguense": "NI", "nigeriano": "NG", "nigerino": "NE",
    "paquistanês": "PK", "palestiniano": "PS", "palestino": "PS", "panamenho": "PA",
    "paraguaio": "PY", "peruano": "PE", "polaco": "PL", "polonês": "PL", "português": "PT",
    "romeno": "RO", "russo": "RU", "ruandês": "RW", "salvadorenho": "SV", "saudita": "SA",
    "senegalês": "SN", "sérvio": "RS", "serra-leonês": "SL", "sírio": "SY", "somali": "SO",
    "sul-africano": "ZA", "sudanês": "SD", "sul-sudanês": "SS", "tailandês": "TH",
    "tanzaniano": "TZ", "togolês": "TG", "tunisino": "TN", "tunisiano": "TN", "turco": "TR",
    "ucraniano": "UA", "ugandês": "UG", "uruguaio": "UY", "usbeque": "UZ",
    "venezuelano": "VE", "vietnamita": "VN", "iemenita": "YE", "zambiano": "ZM",
    "zimbabuano": "ZW", "são-tomense": "ST", "timorense": "TL", "bissau-guineense": "GW",
    "srilankês": "LK", "cingalês": "LK", "rohingya": "MM", "uigur": "CN",
}  # fmt: skip


def inflect(base: str) -> list[tuple[str, bool]]:
    """(form, plural?): brasileiro/brasileira/brasileiros/brasileiras, português/portuguesa/
    portugueses/portuguesas, alemão/alemã/alemães/alemãs, espanhol/espanhola/espanhóis …"""
    if base.endswith("o"):
        s = base[:-1]
        return [(base, False), (s + "a", False), (s + "os", True), (s + "as", True)]
    if base.endswith("ês"):
        s = base[:-2]
        return [(base, False), (s + "esa", False), (s + "eses", True), (s + "esas", True)]
    if base.endswith("ão"):
        s = base[:-2]
        return [(base, False), (s + "ã", False), (s + "ães", True), (s + "ãos", True),
                (s + "ãs", True)]  # fmt: skip
    if base.endswith("ol"):
        s = base[:-2]
        return [(base, False), (s + "ola", False), (s + "óis", True), (s + "olas", True)]
    if base.endswith("u"):  # eritreu, eritreia
        s = base[:-1]
        return [(base, False), (s + "ia", False), (s + "us", True), (s + "ias", True)]
    return [(base, False), (base + "s", True)]
