"""Curated word lists of the name finder: names Faker lacks, and what is never a name.

Given names and surnames of regions Faker covers thinly (West and East Africa, Sahel and
Senegal, Southern Africa, Ethiopia and Eritrea, Cambodia, Vietnam, Korea, Nepal,
romanised Thai, Burmese and Chinese, Bangladesh, Albania, Ukraine, Moldova); words that
make a run an institution, a place or a vessel ("Police", "City", "Staffing", "MV");
function words; roles, titles and cue words that announce a name.
"""

from __future__ import annotations

from producers.intake.scrubbing.text import folded_too, words

# Given names and surnames Faker lacks or spells differently, by region.
GIVEN = words(
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
    rashida rubina shahida shirin sumon taslima umm faisal
    somchai somsak somporn sompong kanya malee sunee suda siriporn
    wanida nattapong chatchai prasert thongchai kittisak supachai anong boonmee lamai
    sokha sophea sopheap srey dara vanna chantha bopha kosal vuthy rithy sreyneang
    aung kyaw mya nyein thandar thein thida tun zaw hla htet khin moe myint
    ardit arben besnik blerim dritan elira erion fatjon gentian klodian mirela valbona
    andriy bohdan dmytro mykola mykhailo oleh petro serhiy taras vasyl yaroslav yuriy
    oksana olena olha iryna tetiana tetyana nataliia natalya yuliia yulia svitlana
    halyna liudmyla lyudmila kateryna mariia anastasiia viktoriia larysa nadiya
    valentyna lesia lesya khrystyna oleksandra sofiia daryna oleksandr oleksii volodymyr
    vitalii vitaliy ihor anatolii
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
    ling mei hwee siew kah boon chee kian meng wai kit yee siu suet
    xasan faarax cabdi maxamed axmed xuseen faadumo caasho xaliimo cumar yuusuf
    cabdullaahi cabdiraxmaan xamza muuse ibraahim khadiija ismaaciil saciid jaamac cawil
    xirsi warsame daahir shukri cabdulqaadir maryan xasna cismaan
    рустам зарина ашот магомед фаррух шерзод дильноза гульнора нодира азамат ержан
    бакыт нурлан айгуль айгерим асель динара гульмира гүлмира бегимай алишер бахтиёр
    улугбек санжар жасур дилшод шохрух фарход мадина зарема хадижат патимат арсен
    гагик нарек анаит гаянэ сурен тигран ануш
    настя катя саша маша таня оля наташа юля даша люда галя вика женя дима камила
    миша коля вова паша лёша леша серёжа сережа витя толя костя ваня
    jone salote mereoni litia siosaia iosefa tavita sione viliami losana seini mele tevita
    sitiveni akosita vilisi apisalome inoke jese maika epeli josaia isikeli samisoni
    mosese saimone asena unaisi makereta lupe malia ioane sefo timoci kalisi lanieta
    sainimili waisale salanieta mereani vasiti sera taniela semisi siaosi sefa losaline
    hanitra miora volatiana voahangy lalao haingo nirina fanja tojo hery rivo
    koos kobus sarel hennie gert jannie frikkie wynand schalk thys tiaan riaan fanie
    dawie japie sannie marietjie elsabe annatjie
    """
)  # Somali written in Somali spelling ("Xasan Faarax", "Cabdi Cumar")

SURNAMES = words(
    """
    adeyemi afolabi bakare chukwu eze igbinedion iyamu nwosu obi ogbonna ogunleye okafor
    okeke okonkwo okoro omoruyi osagie osaghae osayande oviasu uwadiae
    ouedraogo sawadogo traore kone coulibaly diallo diarra keita sanogo toure cisse sylla
    alemu bekele desta gebre gebremedhin girma haile kebede mekonnen negash tadesse
    tekle tesfaye tsegaye wolde woldemariam yohannes
    akter alam begum chowdhury hossain islam miah mia rahman sarker sheikh uddin
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
    tuilagi taufa naivalu vunibola ravuama rokodi vakaloloma tuivaga qarase rabuka
    nailatikau ratuva fifita vaipulu havili fonua kaufana halapua leaupepe tuimavave
    sapolu faleolo tuiasosopo aiono lemalu fuimaono seiuli toleafoa sopoaga kaupa
    danso ansah badu kamara conteh sesay bangura koroma kargbo jalloh turay mansaray
    kamau mwangi njoroge kariuki ochieng mutua wanjiku onyango
    fall ndour seck mbengue thiam niang cisse sok chea keo heng meas pich prak seng
    sor vong yim chhim chhun khim nhem oeun phal srun thach nguyen tran pham hoang
    huynh phan dang bui ngo duong dinh trinh truong luong doan kieu quach vuong sung
    giang vang thao thapa gurung tamang shrestha magar sherpa karki adhikari
    merwe westhuizen niekerk rensburg heerden vuuren schalkwyk coetzee venter
    bhattarai poudel khadka basnet lee park choi jung jeong kang cho yoon jang lim
    shin kwon hwang ahn jeon hong moon baek heo ryu
    tan lim ng ong goh teo koh chua chia chan cheung chow chu ho hui kwok lai lam lau
    leung lo lui mak mok poon siu tam tse tsang tso wong woo yau yeung yip kok khoo loh
    low quek seah sim soh tay toh wee yeo yap yeoh liew lum chin chong fong foo hew kua
    lew mah neo oei phua sia tee teh thong ung yong
    """
)  # with Hokkien, Cantonese, Teochew and Hakka spellings (Singapore, Malaysia, Hong Kong)

# Names in Devanagari that Faker's Hindi and Nepali lists lack, for the scripts' two
# known names side by side ("सीता तामाङ", "राम बहादुर थापा"): Nepali clan and caste
# names and "Bahadur", Jharkhand's and Bihar's Adivasi and Dalit surnames, Marathi
# surnames, the south's common surnames for the scripts they are carried into ("रेड्डी"
# becomes "రెడ్డి", "गौड" "ಗೌಡ"), and given names short and long ("रामू", "सोनू",
# "संतोष"); no word that is also an ordinary one ("खान", a mine; "रानी", a queen;
# "नेपाली", the language)
SCRIPT_NAMES = words(
    """
    तामाङ तामांग बहादुर कुमारी लामा राई लिम्बू शेर्पा बिक विश्वकर्मा सुनार परियार दमाई
    सार्की थारू महतो कार्की खड्का बस्नेत भट्टराई पौडेल श्रेष्ठ महर्जन डंगोल
    मांझी पासवान तिर्की मुंडा उरांव टोप्पो कुजूर लकड़ा मिंज खलखो केरकेट्टा सोरेन
    हांसदा मुर्मू किस्कू टुडू हेम्ब्रम अंसारी कुरैशी सिद्दीकी
    शिंदे जाधव पाटील पवार राठोड चव्हाण गायकवाड कांबळे भोसले
    रामू राजू राजु सोनू मोनू पप्पू बबलू संतोष सुनील अनिल मनोज दिनेश सुरेश रमेश
    महेश मुकेश राकेश सुमित रोहित मोहित सीता गीता रीता सुनीता अनीता सविता प्रिया
    रेखा कमला बिमला निर्मला मीना रीना सलोनी गुड़िया मुन्नी
    रेड्डी नायडू गौडा गौड शेट्टी हेगडे नायर मेनन पिल्लई अय्यर अय्यंगार चौधरी रेश्मा
    ನಾಯಕ್ ನಾಯಕ ಗೌಡ ಶೆಟ್ಟಿ ಪಾಟೀಲ ಪಾಟೀಲ್ ಹೆಗಡೆ ಭಟ್ ರಾವ್ ಕುಲಕರ್ಣಿ
    గౌడ్ రెడ్డి రావు నాయుడు చౌదరి వర్మ శర్మ నాయక్
    ദാസ് നായർ പിള്ള മേനോൻ വർഗീസ് ജോസഫ് തോമസ് മാത്യു കുര്യൻ
    ਸਿੰਘ ਕੌਰ ਸੰਧੂ ਗਿੱਲ
    """
)

# Maldivian names in Thaana, which no list holds: mostly Arabic names in their Dhivehi
# spellings, with "ހ" or "ޙ" for h and "އ" or "ޢ" for ʿayn as both are written ("Ahmed",
# "Mohamed", "Aminath", "Fathimath"), for two known names side by side
THAANA_NAMES = words(
    """
    މުހައްމަދު މުޙައްމަދު އަހުމަދު އަޙްމަދު އަހްމަދު އަލީ ޢަލީ އިބްރާހީމް ހަސަން ޙަސަން
    ހުސައިން ޙުސައިން އަބްދުﷲ ޢަބްދުﷲ އަބްދުލްލާ އިސްމާއީލް އިސްމާޢީލް ޔޫސުފް މޫސާ
    އާދަމް އީސާ ޢީސާ އުމަރު ޢުމަރު ޝަރީފް ނާޒިމް ރަހީމް ރަޙީމް ނަސީމް ރަޝީދު ފަރީދު
    ޝާހިދު ސަލީމް ޖަމީލް ނިޒާރު ޒާހިރު ޝިޔާމް ރިޟްވާން ހަލީމް ޙަލީމް ސަޢީދު ސައީދު
    އާމިނަތު އަމިނަތު ފާތިމަތު ފާޠިމަތު އައިޝަތު ޢާއިޝަތު މަރިޔަމް ހައުވާ ޙައްވާ ހަދީޖާ
    ޚަދީޖާ ޒައިނަބު ސާރާ ޝިފާ ނާދިޔާ ޝަހީމާ ރަޝީދާ ނަޖްލާ
    """
)

# big cities by their own language's names, which the gazetteer gives in English only or
# as small places ("Praha", "Warszawa", "München"; "praha" is also in Faker's Czech words):
# towns after an address, given back like "Prague" (facts of each city)
ENDONYMS = words(
    """
    Praha Warszawa Plzeň București Bucuresti Beograd Sofiya København Kobenhavn Göteborg
    Aarhus Bruxelles Brussel Antwerpen Genève Geneve Lisboa Napoli Milano Torino Firenze
    Venezia Genova Athína Lefkosia München Munchen Nürnberg Frankfurt Wien Moskva Homel
    Vitsyebsk Kraków Wrocław Łódź Poznań Gdańsk Kyjiv Kiev Chișinău Rīga
    """
)

# Israeli given names in their short, everyday forms, which Faker's he_IL list lacks
# ("יוסי" for Yosef, "מוטי" for Mordechai), and a common Arab-Israeli surname; none an
# ordinary Hebrew word
HEBREW_NAMES = words(
    """
    יוסי רמי שלומי מוטי יגאל צחי קובי איציק שוקי מושיקו אורית מירב ליאת סיגל רונית אתי
    אילנה ציפי שולה אגבריה
    """
)

# Ethiopian and Eritrean names in Ge'ez, which no list holds: given names that are also
# fathers' and grandfathers' names, so two side by side are a person ("ዮናስ ታደሰ"); none
# that is an ordinary word too (Selam "peace", Almaz "diamond", Kassa "compensation")
ETHIOPIC_NAMES = words(
    """
    አበበ በቀለ ተስፋዬ ግርማ ዳዊት ሰለሞን ዮሐንስ ዮሃንስ ዮናስ ሙሉጌታ ኃይሉ ሀይሉ ታደሰ ገብሩ ተክሌ ተኽለ
    ብርሃኑ አለሙ ደረጀ ፍቅሩ ሳሙኤል ኪዳነ ሚካኤል ኢሳያስ ተወልደ መሐመድ መሀመድ አሕመድ አህመድ
    ሀና ሐና ማርታ ሜሮን ሳራ ሩት ኤልሳ ሄለን ዘውዲቱ ወርቅነሽ አስመረት ኣስመረት ሉላ ሳባ ፋጢማ
    አማኑኤል ኤርሚያስ ብሩክ ናትናኤል ዮሴፍ ተመስገን ጌታቸው ክንፈ ሃብቶም ተኽላይ ጸጋይ ፍሰሃ
    """
)

# Given names that are also ordinary words or places: alone they need a cue.
AMBIGUOUS = words(
    """
    salah wanda
    april august autumn charity chad dawn destiny eden faith florence georgia gift grace
    happiness hope israel joy jordan june justice lily mark may melody mercy paris
    patience peace precious rose sydney victoria will sunny star sky summer winter
    miracle blessing favour favor princess queen king prince baby love honey christian
    """
)

# A run holding one of these is an institution, a place or an address part, not a name.
NOT_NAMES = words(
    """
    secretariat ministeran ministeran'ny euskadi euskadin eusko jaurlaritza jaurlaritzaren
    polaris arabia
    республикасы республикасынын республикасының республикасында министрлиги
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
    heddlu deddf llywodraeth cyngor gwasanaeth
    guard guards coast border force forces army navy marine marines brigade unit
    directorate commission committee comite bureau service services staffing
    facilities logistics homecare healthcare overseas employment promoters enterprises
    enterprise holdings industries sdn bhd pvt pty llp srl spa kumiai jsc numero número
    hotline helpline linea línea contracting construction constructions app kbri kjri
    vessel mv fv km mt harbour harbor terminal mall puerto porto ciudad pueblo playa
    monte sierra valle cerro isla bahia laguna lago plaza plazuela praca piazza parque
    mercado square block sector phase ward purok barangay sitio settlement plot flat
    apartment building tower shop gap pass strait gulf delta canal desert forest
    mountains peninsula plateau basin corridor reef atoll oasis casa hogar albergue
    refugio maison kelurahan kecamatan desa kampung kabupaten timur barat utara selatan
    tengah highway expressway motorway freeway
    boulevard bridge tunnel junction checkpoint vila jardim favela morro aldeia povoado
    comunidade vereda garda gardaí gardai carabinieri gendarmes polizei politie polis
    policja politia poliția militsiya militia mossos ertzaintza jandarma emniyet
    interpol europol frontex eurojust unicef unhcr unodc ohchr osce caritas emmaus
    kalayaan
    mauza mouza moza chak goth dhok basti tehsil taluka mandal taman roma rroma
    segnalazione zgloszenie zgłoszenie raport rapport relatorio denuncia umbiko
    """
)
# Institution and place words that end a name but may begin one ("Park Ji-hoon", "KK Park",
# "Timur Bekov", "Jakarta Timur").
SUFFIX_ONLY = words("park timur barat utara selatan tengah")
# Vessels are named like people ("Nuestra Señora del Carmen"): a run after one is no name.
VESSELS = words("vessel vessels boat ship trawler longliner seiner dhow barge yacht tanker")

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
FUNCTION = words(
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
    lang yung naman dito doon wala daw hindi kayo namin natin lamang talaga nang
    taleefanka taleefoonka telefòn ertzaintza ertzaintzak
    ал аны анын ага андан алар аларды алардын ол оны оның оған
    до від для про при над під без через після перед між із на по за от из ко со во об
    около после возле у в з к с о і и та а но але он она они вони він вона ён яна
    """
)

# Ordinary words the lexicons may also list; a name among them ("May", "Thu", "Grace")
# still counts inside a run of names, and alone with a cue.
# Words that head a named place or business in other languages ("Ferme de …", "Fazenda
# …", "Taller de …"): they end a name inside a run, and are never one.
HEADS = words(
    """
    ferme fazenda finca hacienda granja estancia chácara chacara sítio rancho taller
    usine atelier chantier entrepôt entrepot bodega almacén almacen armazém armazem
    oficina fábrica fabrica fabbrica azienda cantiere magazzino negozio boutique magasin
    tienda loja mercearia restaurante pousada hostal pensión auberge quinta masjid
    madrasa souq pabrik toko warung gudang kebun perkebunan ladang comuna comună județul
    judetul satul orașul orasul municipiul localitatea municipio provincia aldea município
    cidade commune comune frazione kijiji wilaya mkoa herdade
    """
)
COMMON = (
    FUNCTION
    | HEADS
    | words(
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
    उम्र आयु उमेर বয়স
    toyota hilux corolla camry prado lexus mercedes benz bmw audi honda nissan hyundai
    kia ford chevrolet volkswagen peugeot renault fiat mazda suzuki mitsubishi subaru
    volvo tesla jeep opel skoda dacia isuzu yamaha bajaj mahindra porsche vw vauxhall
    citroen citroën lada iveco scania passat sprinter hiace navara shoprite
    walmart tesco lidl aldi carrefour uber bolt grab gojek paypal gcash mpesa bkash
    телеграм телеграмм телеграме телеграмі телеграму вайбер вайбере вайбері ватсап вацап
    вотсап фейсбук фейсбуке фейсбуку інстаграм інстаграмі инстаграм инстаграме тикток
    тікток вконтакте одноклассники номер номера телефон телефону тел адрес адреса адреса
    паспорт паспорта
    """
    )
)

# People by role or kin: they end a name inside a run ("Deckhand Slamet Riyadi") even
# when a lexicon lists them as names ("Sister"), and announce one (also in CUES). Kin
# words of more languages set a name off after them ("Su hermana, Lucía,"), but not those
# that open places ("Mae Sot", "Madre de Dios", "Padre Las Casas", "Père Lachaise")
ROLES = folded_too(
    words(
        """
    sister brother mother father aunt uncle cousin son daughter husband wife niece
    warden freund freundin sohn наглядчык наглядчыца надзорник надзорничка qızı qizi kızı
    nephew grandmother grandfather deckhand fisher fisherman fishermen crew cook
    cleaner maid nanny helper labourer laborer farmworker caregiver carer housekeeper
    teacher pupil student inspector officer prosecutor judge interpreter nurse doctor
    guard caller contractor subcontractor facilitator controller pimp caporale capataz
    encargado encargada dalal shawish kafeel marabout chaperone escort witness donor
    supervisor foreman manager boss owner employer sponsor agent broker recruiter
    trafficker smuggler driver captain landlord landlady client victim survivor mağdur
    magdur mwathirika mhasiriwa korban biktima victimă victima pokrzywdzona pokrzywdzony
    slachtoffer opfer vittima spokesperson başvurucu basvurucu başvuran basvuran
    suspek tersangka majikan mangsa pelaku ejen calo penyalur pengantara penjaga
    mtoto msichana mvulana mwanamke mwanaume dalali mwajiri shangazi mjomba
    şüpheli supheli sanık sanik işveren isveren aracı araci simsar
    вербовщик вербовщица работодатель работодательница потерпевшая потерпевшии
    пострадавшая пострадавшии постраждала постраждалии жертва владелец владелица
    потерпіла потерпілии постраждалии
    работница работник рабочий рабочая гражданин гражданка громадянин громадянка
    робітник робітниця працівник працівниця arbeiter arbeiterin fahrer fahrerin
    näherin naherin erntehelfer erntehelferin εργάτης εργατης εργάτρια εργατρια
    εργατησ βοηθοσ βοηθός εργοδοτησ θυμα ανηλικη ανηλικοσ διακινητησ μαστροποσ
    işçi isci pracownica pracownik robotnik robotnica betroffene betroffener abk
    bhai bhaiya didi sahab saheb baji bhabhi chacha
    agbanisise alagbata darbdavys dhibane dhibbanaha dillali isisulu isəgoturən jabrlanuvchi
    kannatanu mpampiasa mpanelanelana mukhalis niharan-doza nukentejes nukentejusi
    nukentejusioji olufaragba poslodavac posrednik punedhenes rekrutuesi sprostredkovatel
    vlasnik vlasnica gazda gazdarica radnik radnica majstor
    tarpininkas tooandja umenzi umuhuza umukoresha umuthengisi uwahohotewe vahendaja
    vasitəci vositachi zamestnavatel zrtva делдал жабырлануучу жртва жәбірленуші зуучлагч
    корфармо миенарав послодавац посредник регрутер хохирогч ҷабрдида
    klientin klient klientinnen viktima viktimes viktimë пострадалата пострадалия
    свидетель свидетельница свідок свідка хозяин хозяйка бригадир посредник посредница
    сутенер роботодавець вербувальник брат сестра мать отец муж жена дядя тетя сын дочь
    племянник племянница подруга друг знакомая знакомыи
    сестру сястру сястра дочку доньку донька дочка дачку дачка подругу сяброўку сяброўка
    сябра сябар жонку жонка жену брата сина сына мати
    omobinrin omokunrin
    hermano hermana tía tia tío tio hijo hija esposo esposa abuela abuelo frère frere sœur
    soeur oncle tante fils fille épouse epouse irmão irmao filho filha marido otec matka
    teta strýko stryko sestra brat bratr rahalahy rahalahiny anabavy anabaviny zokiny
    zandriny reniny adik adiknya kakak kakaknya suaminya istrinya ibunya bapaknya adhine
    mbakyune kangmase ibune bapake kaka kapatid nanay tatay asawa
    dukra dukros sūnus sunus motina tėvas tevas brolis sesuo sesė sese vyras žmona zmona
    pusseserė pusbrolis pažįstamas pazistamas pažįstama pazistama draugė drauge
    meita dēls dels māte mate tēvs tevs brālis bralis vīrs virs sieva tütar tutar poeg
    vend abikaasa tytär tytar äiti aiti sisko sisar vaimo serkku dotter datter
    syster søster soster hustru kusine kusin córka corka ojciec siostra mąż maz
    żona zona kuzyn kuzynka ciocia wujek dcera dcéra manžel manzel manželka manzelka
    fiica fiul tatăl tatal fratele soțul sotul soția sotia verișoara verisoara lánya
    lanya bátyja batyja húga huga nővére novere férje ferje felesége felesege
    dochter zoon moeder vader broer zus echtgenoot echtgenote oom tochter mutter
    vater bruder schwester ehemann ehefrau cousine onkel figlia figlio fratello sorella
    moglie marito cugina cugino
    водитель водительница охранник охранница повар прораб водій охоронець
    vorarbeiter vorarbeiterin arbeitgeber arbeitgeberin vermittler vermittlerin zuhalter
    lavoratore lavoratrice bracciante titolare trabajador trabajadora captor captora dono
    contremaitre travailleur travailleuse
    parents siblings brothers sisters cousins daughters sons aunts uncles couple spouses
    employers owners recruiters traffickers suspects defendants brokers agents victims
    survivors supervisors foremen managers bosses drivers guards
    slagoffer işgär isgar delleýçi delleyci вярбоўшчык вярбоўшчыца
    brigadir пасярэднік пасярэдніца чичо леля вуйчо sub-agent subagent
    verbuotojas verbuotoja осумњичени осумњичена осомничениот осомничената
    """
    )
)

# Lower-case words that may sit inside a name ("Maria das Graças Silva", "Ludwig van Beethoven").
PARTICLES = words(
    "de da das do dos del della dela delos di du van von der den ter bin binti ibn al el"
)

TITLES = words(
    """
    mr mrs ms miss mx dr dra prof madam madame mme mlle m sr sra srta sres don doña dona dom
    lic licda ing eng engr rev sgt insp
    κ κος κα κυριος κυριε κυρια κυριου κυριας δρ
    seu herr frau sig sig.ra pastor imam chief alhaji alhaja hajia haji mallam mallama
    khun nai nang pak bu ibu bapak tuan puan encik cik mister lady lord sir
    serigne ko daw naw maung ma aling mang datin datuk dato tan sri puan toh
    mevrouw meneer mevr dhr mnr mev mej
    ato woizero weizero bong lok
    monsieur mademoiselle ma'am maam senor senora senhor senhora signor signora signore
    pani pan bwana xaaji xaajiyo obbo aadde obboo aaddee durbee
    dc ds dci dsu pc pcso ofw headman
    coach herrn nong phi tonton tantine
    pana panu panem pane paní pána pánovi panią ratu
    пан пані пана пану панові пане
    господин господина господину госпожа госпожи госпожу госпођа госпође г-н г-жа
    gospodin gospodina gospođa gospođe domnul doamna domnului doamnei ponas ponia
    """
)
# Titles only at the start of a run: elsewhere they are names ("Begum Shahnaz Riaz" but
# "Rahima Begum"; "Sheikh Hasina" but "Anwar Sheikh").
LEAD_TITLES = words(
    "begum sheikh shaikh cheikh md mohd "  # "Md. Shahin Alam": Muhammad shortened
    # a Punjabi landowner's title ("Chaudhry Aslam Gujjar"), Akan elder, Ewe chief, Edo
    # priest: surnames or names too after a given name
    "chaudhry chaudhary choudhry chaudhri opanyin togbe ohen "
    # a Punjabi chief's and an Urdu master's title, Wolof "Adja" (a woman back from Mecca)
    "sardar ustad adja"
)
# Words that become part of a nickname before a name ("Mama Zawadi", "Papa Kofi").
KIN_TITLES = words(
    """
    mama papa mamá papá mami papi baba mzee auntie aunty kuya ate tita tito big abang
    alhaji alhaja alhaj hajia hajiya haji hajj hadji serigne mallam mallama maung daw naw
    saw oga nne gogo tía tío farbror pa boy
    """
)  # and honorifics that are part of how a person is named ("Alhaji Musa", "Serigne Fall")
# Titles that are given names too, but before a given name are titles: "Don Aurelio",
# "Dona Cida", "Pak Bambang" (while "Tuan Anh" is a name)
HONORIFICS = words("don dona doña dom seu pak bu ibu bapak")

# Words just before a run that say a person's name follows (folded: no accents).
# a list of people after a plural: "Other workers: Kofi, Yaw A. and Ebenezer"
PLURAL_PERSONS = words(
    """
    workers women men girls boys minors migrants refugees nationals returnees children
    persons residents patients callers tenants trainees applicants seafarers fishers
    trabajadores trabajadoras mujeres hombres niñas niños trabalhadores trabalhadoras
    mulheres homens meninas meninos travailleurs travailleuses femmes hommes filles
    garçons enfants
    """
)
# people the words before a comma can name: "a worker from Cambodia, Sok Pisey, says"
# (not the words for a farmer, "farmer" and Afrikaans "boer": as surnames, "Tom Farmer",
# "Pieter Boer", they were cut short)
PERSONS = (
    ROLES
    | PLURAL_PERSONS
    | words(
        """
        worker woman man girl boy minor migrant refugee national returnee teenager youth
        child person resident patient caller tenant intern trainee applicant seafarer fisher
        suspect suspects complainant defendant accused perpetrator offender claimant bosun
        deckhand crewman skipper pmi tki
        werkgewer
        """
    )
)
# words that name what follows, in quotes: "detto «Zio»", "chiamata «Mamma Joy»"
QUOTE_CUES = words(
    "tale certo certa "  # Italian "a certain": "il caporale, tale Harjit"
    "detto detta chiamato chiamata soprannominato soprannominata apodado apodada "
    "alcunha vulgo dit dite genannt bernama nagngangalang"
)
CUES = folded_too(
    ROLES
    | PLURAL_PERSONS
    | QUOTE_CUES
    | words(
        """
    named called alias aka a.k.a nicknamed name names c/o s/o d/o w/o client victim
    представившиися представившаяся представился представилась назвался назвалась
    назвався назвалася назваўся назвалася
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
    recruteur recruteuse reclutadora recrutador recrutadora patient nurse mailbox deckhand
    fisher fisherman esmo esmaha esmi esmik esmak coyote pollero enganchador enganchadora
    crew cook cleaner maid nanny helper labourer laborer farmworker caregiver carer
    housekeeper teacher pupil student contractor subcontractor facilitator controller
    caporale capataz encargado encargada dalal shawish kafeel marabout chaperone escort
    witness intermediario intermediaria mate alias zis zisa poreclit porecla apodo donor
    apodado apodada vulgo surnommé surnommee surnomme si ni kay familia família famille
    iniciales initials iniciais initiales nina nino menina menino ragazza ragazzo chica
    chico moca moco
    hedder heter heisst nagpakilalang nagpakilala menom jménem казва казваше зове
    лицето klientes klientei klients klientas klientė klientės darbdavys darbdaviui
    darbdavio nukentėjusysis nukentėjusioji nukentėjusiosios cietušais cietusī
    кыз қыз девојка девојчица девушка дівчина
    tanisi tanidigi tanisimiz familie
    werker werkgewer
    некии некая неким некои некоего некую некоеи некого якиись якась якогось якоюсь
    якимось якусь niejaki niejaka niejakiego niejakim niejakiej
    """
    )
)
# Cue words matched as written, where folding would make an English word ("tên" → "ten").
# and Vietnamese kin words said before a name ("anh phạm quốc huy", "chị lan", "bà hoa")
RAW_CUES = words("tên anh chị ông bà cô chú bác cháu")
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
        "introduced himself as", "introduced herself as", "presented himself as",
        "presented herself as", "called himself", "called herself", "sich als",
        "présentait comme", "presentait comme", "présente comme", "apresentava como",
        "apresenta como", "presentaba como", "se faisait appeler", "went by",
        "по имени", "nannte sich", "nennt sich", "nannte ihn", "nannten ihn",
        "представился как", "представилась как", "подписанная как",
        "according to", "as told by", "statement of", "testimony of", "interview with",
        "case of", "según", "selon", "d'après", "laut",
        "la yiraahdo", "lagu magacaabo", "loo yaqaan", "bi nave", "a certain", "un tal",
        "una tal", "um tal", "uma tal", "un certain", "une certaine", "ein gewisser",
        "eine gewisse", "бо номи", "на ім'я", "на име", "представилась як",
        "представився як", "antsoina hoe", "atao hoe", "называл себя", "называла себя",
        "называет себя",
        "называў сябе", "называла сябе", "називав себе", "називала себе", "називає себе",
    }
)  # fmt: skip


# particles written with a capital inside a name
CAPITAL_PARTICLES = words(
    "le la de da di du del della des dos das do van von der den ten ter al el bin ibn ben"
)
# a run followed by one of these names an institution: "the Stella Maris chaplaincy"
INSTITUTIONS = words(
    """
    chaplaincy foundation shelter church clinic hospital school centre center office
    agency charity network programme program project team unit group hotline helpline
    ministry mission parish association union company restaurant bar hotel farm factory
    salon workshop brand scheme campaign trust fund house home plantation mine estate
    karaoke massage parlour parlor nightclub club lounge spa cafe café shop store
    boutique bakery laundry carwash garage warehouse mill quarry kiln brickworks
    sweatshop brothel motel inn guesthouse lodge resort casino supermarket market
    museum gallery library university college institute academy stadium
    """
)
