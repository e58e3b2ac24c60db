"""Lexicons for finding personal names in free text (lower case, ASCII and common accents).

Common given names and surnames from the regions trafficking reports come from (West and
East Africa, South and South-East Asia, Latin America, Eastern Europe, the Middle East,
English-speaking countries). NOT_NAMES vetoes a run of capitalised words that is a place
or an institution ("San Jose", "Port Harcourt", "Santa Maria"). AMBIGUOUS given names
are also ordinary words or places, so alone they are kept unless an age follows.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GIVEN = _words(
    """
    aaron abdul abdullah abdullahi abena abigail abu abubakar ada adaeze adama adebayo
    adeola adewale adriana adrian ahmad ahmed aisha aishwarya akosua alberto aleksandr
    aleksandra alejandra alejandro alexandra alexei ali alicia alina aliyu amadou amaka
    amani amina aminata amir amit amy ana anastasia andrea andrei andrej andres andrzej
    angela angelica anh anita ankit anna anne antonio anjali arjun ashley asif ayesha
    babajide bao binh blessing boris busisiwe camila carla carlos carmen catalina chanel
    chen chidi chidinma chinedu chinonso chioma chukwuemeka cristina cristian daniela
    daniel daria david deepak diana diego dilnoza dimitri dinh dmitri dmitry duc dung
    eduardo efosa ekaterina elena elizabeth emeka emily emmanuel esther eze fatima
    fatimata fatou fernanda fernando folake francisco funmilayo gabriela gabriel
    giorgi guillermo gulnara hadiza halima hamza hana hassan hieu hoa hung huong ibrahim
    idris ifeoma igor ikechukwu ines irina isabel isabella ivan jacqueline jamal james
    jasmine javier jennifer jessica jesus jorge jose josefina joseph juan julia kamal
    karina katarzyna kateryna kemi khadija khalid kiran kofi kwame kwabena lakshmi latoya
    laura leila lina linh lucia luis lupita mahmoud mai malik mamadou manuel marco
    margarita maria mariam mariana marina marta mary maryam mateo mercy michael miguel
    mihai minh mohamed mohammad mohammed moses mustafa musa nadia nanda natalia natasha
    ngozi ngoc nguyen nicole nikolai nisha nkechi nneka nomvula nurul obinna oksana olena
    oleksandr olga oluwaseun oluwatobi omar osagie pablo patricia pedro phuong pooja
    priya rafael rahul rajesh ramon rashid raul ricardo roberto rodrigo rosa rukhsana
    ruslan said salma samira sandra santiago sara sarah sergei sergey seun shanthi
    siddharth sofia sonia soo sunita svetlana tatiana tatyana temitope thanh thao thi
    thu tomasz tran trang tuan uchenna usman valentina valeria vanessa victor viktor
    vladimir wei xiao yaw yelena yemi yetunde yuki yulia yusuf zainab zanele zeynep
    zhang zodwa
    """
)

AMBIGUOUS = _words(
    """
    april august autumn charity chad dawn destiny eden faith florence georgia gift grace
    happiness hope israel joy jordan june justice lily mark may melody mercy paris
    patience peace precious rose sydney victoria will
    """
)

GIVEN_NAMES = _GIVEN | AMBIGUOUS

SURNAMES = _words(
    """
    abdullahi abubakar adebayo adeyemi afolabi ahmed akhtar ali alvarez aziz bakare
    bello chaudhry chowdhury cruz das diaz dlamini eze flores garcia gomez
    gonzalez gupta hernandez hoang hosseini huang hussain ibrahim ivanov ivanova jimenez
    kaur khan khumalo kim kowalski kowalska kozlov kumar lee li lin liu lopez
    mahlangu martinez mendoza mohammed morales ndlovu nguyen nowak nwosu obi ogunleye
    okafor okeke okonkwo okoro oladipo olawale ortiz patel pereira perez petrov petrova
    pham popescu popov ramirez ramos reyes rodriguez romero rossi sanchez santos sharma
    shevchenko silva singh smirnov smirnova sokolov tan torres tran truong usman vasquez
    vu wang wu yadav yang yusuf zhang zhou
    """
)

NOT_NAMES = _words(
    """
    san santa santo sao st saint port fort mount mt lake river falls city town island
    islands bay beach street road avenue district province state region county valley
    north south east west new upper lower central police ministry court department
    agency office embassy university hospital church mosque bank company ltd inc
    limited group foundation organisation organization association union council
    national international republic kingdom federal airport station camp village
    centre center market hotel farm factory fishery plantation compound
    """
)
