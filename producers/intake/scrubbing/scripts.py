"""Names in scripts without capitals, from Faker's lists for their locales.

Two known names side by side or one after a cue ("اسمها فاطمة"), a Thai name after its
title ("นางสาวสมศรี"), a Chinese or Japanese surname and given name ("陈秀兰"), a
Japanese surname before an honorific ("田中さん"), a Korean name ("김지은씨").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.cues import opening_verb
from producers.intake.scrubbing.lexicon import HAN, Lexicon, Scripts, fold
from producers.intake.scrubbing.spellings import sorani_plain
from producers.intake.scrubbing.text import HEBREW_PROCLITICS, words
from producers.intake.scrubbing.wordlists import NOT_NAMES

# --- scripts without capitals -----------------------------------------------------------
# words of scripts written with spaces: Hebrew, Arabic, Thaana, Indic, Thai, Georgian
_SPACED_WORD = re.compile(
    "[\u0590-\u05ff\u0600-\u060b\u060d-\u061a\u061c-\u061e\u0620-\u06d3\u06d5-\u06ff\u0750-\u077f\u0780-\u07b1\u0900-\u0963\u0966-\u0dff\u0e00-\u0e7f"
    "\u0e80-\u0eff\u10a0-\u10ff\u1200-\u135a\u1780-\u17d3\u200c\u200d]+"
)
# words after which a name follows: "اسمها" (her name), "السيدة" (Mrs), "नाम" (name),
# "श्रीमती" (Mrs), "নাম", "בשם" (named); roles of labour brokering in more scripts
# (supervisor, middleman, mediator, employer, agent, smuggler, sardar, mukadam) and social
# workers ("സാമൂഹിക പ്രവർത്തക ആനി ജോസഫ്"; not the word for a worker, which also says
# "labour": "कामगार विभाग", the labour department), not kin
# words, which there often follow a name ("සුනිල් අයියා") or a verb ("დედა ცხოვრობს")
_SCRIPT_CUES = words(
    """
    اسمه اسمها اسمي السيد السيدة الآنسة المدعو المدعوة نام नाम नामक श्री श्रीमती सुश्री
    নাম শ্রী শ্রীমতী בשם נקרא נקראת
    الضحية الضحيه العامل العاملة الكفيل المشغل الوسيط السمسار المتهم المتهمة الناجية
    الناجي المهرب الخادمة المجندة المجند الطفلة الطفل الفتاة الشاب الشابة المرأة الرجل
    पीडित पीडिता पीड़ित पीड़िता दलाल मालिक साहु एजेन्ट एजेंट आरोपी ठेकेदार
    ভুক্তভোগী দালাল মালিক নির্যাতিতা অভিযুক্ত ভিকটিম
    متاثرہ متاثر بچہ بچی لڑکی لڑکا مالک ولد بنت دختر زوجہ والد والدہ مسمی مسماۃ ایجنٹ دلال
    ملزم ملزمہ چوہدری چودھری حاجی الحاج مولوی
    يدعى تدعى يسمى تسمى باسم الملقب الملقبة المكنى কিশোরী তরুণী শিশু
    مزدور مزدورہ ملازم ملازمہ کارکن
    মোঃ মোছাঃ মোসাঃ মোসাম্মৎ মোছাম্মৎ মোছাম্মত হাজী মৌলভী মাওলানা ডাঃ জনাব
    ਪੀੜਤ ਪੀੜਤਾ ਏਜੰਟ ਦਲਾਲ ਮਾਲਕ ਸ੍ਰੀ ਸ੍ਰੀਮਤੀ ਨਾਮ ਦੋਸ਼ੀ
    પીડિત પીડિતા એજન્ટ દલાલ માલિક શ્રી શ્રીમતી નામ આરોપી
    బాధితుడు బాధితురాలు ఏజెంట్ దళారి యజమాని శ్రీ శ్రీమతి పేరు నిందితుడు
    பாதிக்கப்பட்டவர் ஏஜென்ட் முகவர் தரகர் முதலாளி திரு திருமதி பெயர் குற்றவாளி
    ഇര ഏജന്റ് ഇടനിലക്കാരൻ തൊഴിലുടമ ശ്രീ ശ്രീമതി പേര് പ്രതി
    ಸಂತ್ರಸ್ತೆ ಸಂತ್ರಸ್ತ ಏಜೆಂಟ್ ದಲ್ಲಾಳಿ ಮಾಲೀಕ ಶ್ರೀ ಶ್ರೀಮತಿ ಹೆಸರು
    වින්දිතයා වින්දිතය වින්දිතාව තැරැව්කරු සේවායෝජකයා
    ಮೇಲ್ವಿಚಾರಕ કોન્ટ્રાક્ટર મુકાદમ ઠેકેદાર ஒப்பந்ததாரர் కాంట్రాక్టర్ గుత్తేదారు
    છોકરો છોકરા છોકરી ಹುಡುಗಿ ಹುಡುಗ
    המתלונן המתלוננת הקורבן הנפגע הנפגעת המעסיק המעסיקה הסוחר המגייס מר גברת
    ግዳይ ሸቃጢ ሸጋሪ ኣሕዋሊ ደላሊ ኣቶ ወይዘሮ ስደተኛ ስደተኛዋ ተጠቂ ተጠቂዋ
    قرباني ماشوم ښځه نجلۍ هلک دلال کارفرما ښاغلی
    ຜູ້ເຄາະຮ້າຍ ນາງ ທ້າວ ນາຍໜ້າ ເຈົ້າຂອງ ຊື່
    उर्फ उर्फ़ ওরফে عرف
    ਸ਼ਿਕਾਇਤਕਰਤਾ ਪੁੱਤਰ ਪੁੱਤਰੀ शिकायतकर्ता पुत्र पुत्री ફરિયાદી ਪਤੀ ਪਤਨੀ ਪਿਤਾ ਭਰਾ ਭੈਣ ਧੀ
    المدام مدام المبلغة المبلغ الشاهد الشاهدة چچا ماموں پھوپھی خالو உரிமையாளர் முதலாளி
    पिता पिताजी माता पति पत्नी बेटा बेटी छोरी छोरा बुबा পিতা বাবা স্বামী স্ত্রী
    ልጃቸው ልጇ ልጁ እህቷ እህቱ ወንድሟ ወንድሙ እናቷ እናቱ አባቷ አባቱ ባለቤቷ ባለቤቱ
    மகன் மகள் தந்தை கணவர் மனைவி தாய் දියණිය පුතා පියා සැමියා බිරිඳ
    മകൾ മകൻ ഭർത്താവ് ഭാര്യ പിതാവ് پدرش برادرش خواهرش همسرش دخترش پسرش مادرش
    بیٹی بیٹا شوہر بیوی בתה בנה אחיה אחותה בעלה אשתו אביה אמה ქალიშვილი ვაჟი
    மேற்பார்வையாளர் கங்காணி இடைத்தரகர் మధ్యవర్తి ಮಧ್ಯವರ್ತಿ സൂപ്പർവൈസർ
    შუამავალი დამსაქმებელი აგენტი ደላላይ ደላላው
    واسطه قاچاقچی کارفرما الوسيطة المهربة السمسارة
    ସର୍ଦ୍ଦାର ଦଲାଲ मुकादम सरदार সর্দার המתווך המתווכת
    החשוד החשודה אצל ששמו ששמה قاچاقبر حاجي ملا
    آقای خانم استاد کارگر कॉलर मजदूर छात्रा छात्र গৃহকর্মী সর্দারনী কলার කාන්තාව
    სახელად ვინმე ຊື່ແທ້ ชื่อจริง
    سميتو سميتها اسميتو اسميتها
    ਸ਼੍ਰੀ ਸ਼੍ਰੀਮਤੀ श्रीमान् ଶ୍ରୀ ଶ୍ରୀମତୀ મુકાદમ ഉടമ এজেন্ট नियोक्ता ମାଲିକ ঠিকাদার
    ਠੇਕੇਦਾਰ ઠેકેદાર
    कार्यकर्ता कार्यकर्त्री कार्यकर्त्या সমাজকর্মী ஆர்வலர் కార్యకర్త ಕಾರ್ಯಕರ್ತ ಕಾರ್ಯಕರ್ತೆ
    പ്രവർത്തക പ്രവർത്തകൻ કાર્યકર ਕਾਰਕੁਨ ନିଯୁକ୍ତିକର୍ତ୍ତା නියෝජිත නියෝජිතයා
    مالکن جاگيردار جاگیردار ڇوڪري ڇوڪرو قاچاقوړونکي قاچاقوړونکی
    ورور
    بیگم കരാറുകാരൻ ಮೇಸ್ತ್ರಿ رہائشی كفيلها كفيله הקבלן הקבלנית શેઠ सेठ బంధువు
    កញ្ញា លោកស្រី អ្នកស្រី
    """
)
# words that say the next is a name ("her name", "called"), after which any word is one
_NAMING = words(
    "اسمه اسمها اسمي يدعى تدعى يسمى تسمى المدعو المدعوة باسم اسم نام بنام नाम নাম בשם "
    "سميتو سميتها اسميتو اسميتها"  # Maghrebi Arabic "his/her name (is)"
)
# words that end in a cue, in scripts that write a cue onto the word before ("ជនរងគ្រោះឈ្មោះ":
# the victim named), or that begin with one ("በደላላው": by the broker), in Khmer and Amharic
# and Thai "นายจ้างชื่อ": the employer named; Lao "Mr" written onto the word before
# ("ຜູ້ຕ້ອງຫາແມ່ນທ້າວ …": the suspect is Mr …)
_CUE_ENDS = ("ឈ្មោះ", "ชื่อ", "ທ້າວ")
_ETHIOPIC_ROLE = re.compile("ተጎጂ|ደላላ|አሰሪ|አሠሪ|አዘዋዋሪ")
_ETHIOPIC_CUE = re.compile(
    "(?:ተጎጂ|ደላላ|አሰሪ|አሠሪ|አዘዋዋሪ)(?:ው|ዋ)|^(?:ስሟ|ስሙ|አቶ|ወይዘሮ|ወይዘሪት|ሠራተኛ|ሰራተኛ|ሠራተኛዋ|ሰራተኛዋ)$"
    # Tigrinya: a role, or "by" a role ("ብሸጋሪ ኪዳነ ዘካርያስ": by the trafficker …)
    # and "ሰብ ኣሕላፊ" (a smuggler: one who passes people), written apart or hyphened
    "|^(?:ሰብ-)?ብ?(?:ሸጋሪ|ሸቃጢ|ደላሊ|ኣሕዋሊ|ዘውዋሪ|ኣሕላፊ)$"
)
# scripts whose names no list gives: after a cue, the name's two words (given name and
# father's or family name) are taken whatever they are
_TWO_WORD_SCRIPT = re.compile(
    "[\u0620-\u064a\u0671-\u06d3\u1200-\u135a\u1780-\u17d3\u0e01-\u0e4e"
    # Hebrew, Indic (Devanagari to Sinhala), Lao: a given and a family name (not Georgian:
    # its verb follows the subject, "დაზარალებული … ცხოვრობდა")
    "\u05d0-\u05ea\u0900-\u0963\u0966-\u0dff\u0e80-\u0eff]+"
)
_SCRIPT_STOPS = words(
    """
    អាយុ ត្រូវ បាន និង នៅ ដែល ពី
    და თუ რომ არის იყო
    ቤት ወደ ነው እና ስልክ ከ ላይ
    भाई दीदी जी साहब भैया दादा बहन
    کو نے کا کی کے ہے ہیں تھا تھی تھے سے میں پر اور نہیں بھی یہ وہ ایک جو
    في من إلى الى على عن مع أن إن كان كانت هو هي قد لم تم التي الذي عمر عمرها سنة
    المعروف المعروفة
    است بود شد کرد گرفته گرفت رفت رفته داد لے دیا گیا گئی کیا
    د په له لارې خوا هغه دی ده څخه ته کې یې او
    হিসেবে হিসাবে মাসি খালা চাচা মামা কাকা আপু ভাই আপা দিদি দাদা সাহেব বাবু
    අයියා අක්කා මහත්තයා මහතා මහත්මිය මහත්මයා නෝනා මල්ලි නංගි මහත්තයාගේ මහත්මයාගේ
    මහතාගේ මහත්මියගේ ඇගේ ඔහුගේ ආයතනය ආයතනයේ ආයතන කටයුතු දුරකථන නොදනී
    परिवार ਪਰਿਵਾਰ পরিবার પરિવાર குடும்பம் தொடர்பு அவரது
    علاقہ علاقے عمارت کالونی سوسائٹی مکان مکانات فلیٹ
    കൂലി கூலி ಕೂಲಿ కూలి അവരുടെ അവളുടെ അവന്റെ ಅವರ ಅವಳ ಅವನ అతని ఆమె அவளது அவனது
    """
)
# "N-year-old" after a number, before a name in scripts without capitals: "14 वर्षीय पूजा",
# "১৭ বছর বয়সী রুমানা", "15 વર્ષની સગીરા કિંજલ", "17 வயது" (not Persian or Urdu "ساله",
# which follows its person: "مردی ۵۰ ساله درآمده", a man of 50 married her)
_AGE_CUES = words(
    """
    वर्षीय वर्षीया वर्षांची वर्षाची वर्षाचा वर्षांचा বয়সী বছরের বছৰীয়া વર્ષની વર્ષનો વર્ષીય
    વર્ષીયા ਸਾਲਾ ਸਾਲਾਂ வயது வயதான ఏళ్ల ఏళ్ళ ವರ್ಷದ വയസ്സുള്ള വയസുള്ള വയസ്സുകാരൻ വയസ്സുകാരി
    """
)
# any script's digits ("१४", "১৭", "14-"), with the word for years between: "১৭ বছর বয়সী"
_AGE_NUMBER = re.compile(r"\d\s?(?:-\s?)?(?:(?:বছর|বছৰ|साल|वर्ष|ਸਾਲ|વર્ષ)\s)?$")
# a person before the name after an age, or all there is of them: "14 वर्षीय लड़की को",
# "15 વર્ષની સગીરા કિંજલ" (a minor, Kinjal), "17 வயது சிறுமி"
_AGED_PERSONS = tuple(
    words(
        """
    लड़की लड़का लडकी लडका बच्ची बच्चा युवती युवक किशोरी किशोर नाबालिग महिला बालिका बालक
    मुलगी मुली मुलगा तरुणी तरुण अल्पवयीन মেয়ে ছেলে কিশোরী কিশোর তরুণী তরুণ শিশু নারী
    মহিলা নাবালিকা ছোৱালী কিশোৰী સગીરા સગીર કિશોરી છોકરી છોકરો યુવતી યુવક મહિલા બાળકી
    ਕੁੜੀ ਮੁੰਡਾ ਲੜਕੀ ਲੜਕਾ ਨਾਬਾਲਗ ਔਰਤ சிறுமி சிறுவன் பெண் இளம்பெண் மாணவி బాలిక
    బాలుడు యువతి అమ్మాయి ಬಾಲಕಿ ಬಾಲಕ ಯುವತಿ ಹುಡುಗಿ പെൺകുട്ടി ആൺകുട്ടി യുവതി لڑکی لڑکا
    بچی بچہ دختر پسر
    """
    )
)
# peoples said between the age and the person: "১৪ বছরের রোহিঙ্গা কিশোরী নূর"
_AGED_SKIP = words("রোহিঙ্গা नेपाली बंगाली बांग्लादेशी বাংলাদেশী ভারতীয় भारतीय")
_AGED_ONE = words("एक এক એક ਇੱਕ ஒரு ఒక ಒಂದು ഒരു ایک یک")
# what follows a name in Urdu and is part of it: "فاطمہ بی بی", "رحیمہ بیگم"
_NAME_TAILS = words("بی بیگم خاتون")
# "صاحب العمل" (the employer): a cue of two words
_TWO_WORD_CUES = {
    ("صاحب", "العمل"),
    ("صاحبة", "العمل"),
    ("به", "اسم"),  # Persian "named": "پسری به اسم …", "زنی به نام …"
    ("به", "نام"),
    ("بە", "ناوی"),  # Sorani "named": "کەسێک بە ناوی ئەبو عومەر"
    ("رشتہ", "دار"),  # Urdu: a relative
}
# cue words Faker lists as names too ("صاحب": owner, companion)
# Hebrew possessives ("her", "his", "my"), which Faker's Hebrew lists hold as names
# Hebrew possessives ("her", "his", "my"), which Faker's Hebrew lists hold as names
_POSSESSIVES = frozenset({"שלה", "שלו", "שלהם", "שלהן", "שלי"})
# and "said" in Hebrew, spelt as the Arabic name Amer is in Faker's list
_NO_NAMES = (
    _SCRIPT_CUES | {w for pair in _TWO_WORD_CUES for w in pair} | _POSSESSIVES | words("אמר")
)
# Devanagari postpositions written onto a name: "गुरुङले", "सीतालाई"
# case endings and postpositions written onto a name: Nepali and Hindi, Bengali
# ("খাতুনকে"), Marathi ("जाधवचे"), Gujarati ("પ્રધાનનો"), Odia ("ମାଝୀଙ୍କୁ"), Telugu,
# Kannada ("ಕಾಂಬಳೆಯನ್ನು"), Malayalam ("സിന്ധുവിന്റെ"); the stem must be a listed name
_POSTPOSITIONS = (
    "लाई", "ले", "को", "का", "की", "ने", "के", "কে", "ের", "র",
    "चे", "चा", "ची", "च्या", "ला",
    "નો", "ની", "નું", "ને", "ના",
    "ଙ୍କୁ", "ଙ୍କ", "କୁ",
    "\u200cను", "ను", "కు", "కి",
    "ಯನ್ನು", "ನ್ನು", "ಗೆ",
    "വിന്റെ", "ിന്റെ", "ന്റെ", "വിനെ", "യെ",
)  # fmt: skip
# Arabic words that join a name's parts: "بن علي", "أبو بكر"
_ARABIC_JOINS = words("بن بنت ابن أبو ابو عبد")  # "عبد الله": whatever follows
_THAI_TITLE = re.compile(r"(?:นางสาว|นาง|นาย|ด\.ช\.|ด\.ญ\.|น\.ส\.|คุณ)\s?")
# letters of scripts without capitals: Hebrew, Arabic, Indic, Thai, Georgian, CJK, Hangul
_UNCASED = re.compile(
    "[\u0590-\u0dff\u0e00-\u0eff\u1000-\u109f\u10a0-\u10ff\u1200-\u135a\u1780-\u17d3"
    "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]"
)
_HAN_RUN = re.compile("[\u3400-\u9fff]+")
_JA_HONORIFIC = ("さん", "様", "氏", "くん", "ちゃん", "先生")
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")
_KO_PARTICLES = ("씨는", "씨가", "씨를", "씨의", "씨", "님", "은", "는", "이", "가", "을", "를",
                 "의", "에게", "와", "과", "도", "한테")  # fmt: skip


def other_scripts(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Names in scripts without capitals, from Faker's lists for their locales: two
    known names side by side or one after a cue ("اسمها فاطمة"), a Thai name after its
    title ("นางสาวสมศรี"), a Chinese or Japanese surname and given name ("陈秀兰"), a
    Japanese surname before an honorific ("田中さん"), a Korean name ("김지은씨")."""
    if not _UNCASED.search(text):
        return []
    return (
        # Bengali "Md." written with a dot read as its marked form, of the same length
        _spaced_scripts(text.replace("মো. ", "মোঃ ") if "মো. " in text else text, lex)
        + _kunyas(text, lex)
        + _thai_named(text, lex)
        + _han_after_role(text, lex.scripts)
        + _han(text, lex.scripts)
        + _hangul(text, lex.scripts)
        + _katakana(text)
        + _burmese(text)
        + _ethiopic_compounds(text, lex)
        + _singh_kaur(text)
    )


# Sikh names end in Singh or Kaur, which no one's given name is: the word before is the
# person's own ("ਗੁਰਪ੍ਰੀਤ ਕੌਰ", "ਮਨਦੀਪ ਸਿੰਘ", "हरप्रीत कौर")
_SINGH_KAUR = re.compile(
    "(?<![\u0900-\u097f\u0a00-\u0a7f])[\u0900-\u097f\u0a00-\u0a7f]{2,}"
    " (?:ਸਿੰਘ|ਕੌਰ|सिंह|कौर)(?![\u0900-\u097f\u0a00-\u0a7f])"
)


# the Sikh family names written after Singh or Kaur ("ਹਰਜੀਤ ਸਿੰਘ ਸੰਧੂ"), in Gurmukhi and
# Devanagari: the name's third word (facts of usage, the commonest clans)
_SIKH_FAMILIES = words(
    """
    ਸੰਧੂ ਸਿੱਧੂ ਗਿੱਲ ਢਿੱਲੋਂ ਬਰਾੜ ਗਰੇਵਾਲ ਰੰਧਾਵਾ ਬਾਜਵਾ ਵਿਰਕ ਮਾਨ ਚਾਹਲ ਚੀਮਾ ਬੈਂਸ ਧਾਲੀਵਾਲ ਸੇਖੋਂ
    ਔਲਖ ਜੌਹਲ ਸੰਘਾ ਕੰਗ ਭੁੱਲਰ ਹੁੰਦਲ ਪੰਨੂ ਥਿੰਦ ਤੂਰ ਬੇਦੀ ਅਰੋੜਾ ਆਹਲੂਵਾਲੀਆ ਰਾਏ
    संधू सिद्धू गिल ढिल्लों बराड़ ग्रेवाल रंधावा बाजवा विर्क चहल चीमा बैंस धालीवाल सेखों औलख
    भुल्लर पन्नू बेदी अरोड़ा आहलूवालिया राठौर चौहान शेखावत तोमर
    """
)
_FAMILY_AFTER = re.compile(" ([\u0900-\u097f\u0a00-\u0a7f]+)(?![\u0900-\u097f\u0a00-\u0a7f])")


def _singh_kaur(text: str) -> list[tuple[int, int]]:
    if "ਸਿੰਘ" not in text and "ਕੌਰ" not in text and "सिंह" not in text and "कौर" not in text:
        return []
    out = []
    for m in _SINGH_KAUR.finditer(text):
        if _is_cue(m.group(0).split(" ", 1)[0], ""):
            continue
        family = _FAMILY_AFTER.match(text, m.end())
        end = family.end() if family and family.group(1) in _SIKH_FAMILIES else m.end()
        out.append((m.start(), end))
    return out


# Ethiopian and Eritrean names made of a word and a saint or a virtue: "ወልደገብርኤል"
# (Woldegabriel), "ገብረመድህን" (Gebremedhin), "ተስፋማርያም", "ኃይለሥላሴ", "ተስፋይ": the form is
# the evidence no list gives; the word before is the person's own name ("ሓጎስ ተስፋማርያም")
_ETHIOPIC_COMPOUND = re.compile(
    "(?<![\u1200-\u135a])(?:(?:ወልደ|ገብረ|ሃብተ|ሀብተ|ኃይለ|ሃይለ|ሀይለ|ተስፋ|ተክለ|ተኽለ|ፍቅረ|ዘርአ|ወለተ)"
    "[\u1200-\u135a]{2,}|ተስፋ(?:ይ|ዬ))(?![\u1200-\u135a])"
)
_ETHIOPIC = re.compile("[\u1200-\u135a]")
_ETHIOPIC_BEFORE = re.compile("([\u1200-\u135a]{2,}) $")


def _ethiopic_compounds(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    if not _ETHIOPIC.search(text):
        return []
    out: list[tuple[int, int]] = []
    for m in _ETHIOPIC_COMPOUND.finditer(text):
        start = m.start()
        before = _ETHIOPIC_BEFORE.search(text, max(0, start - 20), start)
        if (
            before
            and not _is_cue(w := before.group(1), "")
            and _after_cue(w, [], lex, text, start, named=False)
        ):
            start = before.start(1)
        out.append((start, m.end()))
    return out


# Burmese: a name written onto its honorific ("ဦးအောင်ကျော်မိုး", "ဒေါ်ခင်မာလေး"; "မ", "ကို",
# "မောင်" only after a role or before an age: they are words too), then a particle or a
# bracket ("က", "ကို", "(အသက် ၁၉ နှစ်)")
_BURMESE = re.compile(
    r"(?:(?<=[\s(])|^)(?:(?P<strong>ဦး|ဒေါ်|ဒေါက်တာ)|(?P<weak>မောင်|ကို|မ))"
    "(?P<name>[\u1000-\u103f\u1050-\u109f]{2,18})"
    r"(?=\s*(?:က|ကို|သည်|၏|နှင့်|နဲ့|အား|ဆိုသူ|\(|၊|။)|\s|$)"  # "ဆိုသူ": the one called
)  # or a space: "ပွဲစား ဦးကျော်ဆွေ ဖုန်း …" (the broker U Kyaw Swe, phone …)
_BURMESE_ROLE = re.compile(
    r"(?:ပွဲစား|ဒလာလ|အလုပ်ရှင်|ပိုင်ရှင်|သားကောင်|ဓားစာခံ|တရားခံ|ပွဲစားဖြစ်သူ|ဒုက္ခသည်|ခံရသူ|"
    r"အလုပ်သမား|မိခင်|ဖခင်|ကပ္ပတိန်|ညီမ|အစ်မ|သမီး|သား"
    # one who did something: "လွတ်မြောက်လာသူ" (who escaped), "ခေါ်ဆောင်ခဲ့သူမှာ" (who took …)
    r"|[\u1000-\u109f]{2,}သူ(?:မှာ)?)\s*$"
)  # and worker, mother, father, captain, sisters, daughter, son


_MYANMAR = re.compile("[\u1000-\u109f]")
# an age, a birth date or an identity paper follows: "(အသက် ၁၉", "(၂၄ နှစ်)", "(မှတ်ပုံတင် …"
_BURMESE_AGE_OR_BIRTH = re.compile(r"\s?[(၊]\s?(?:အသက်|မွေး|[၀-၉0-9]|မှတ်ပုံတင်|နိုင်ငံကူး)")
# "ကို" (Ko) is also the object particle and opens words ("ကိုယ်", "ကိုး", "ကိုင်"): as a
# title it stands before a syllable's own consonant, and then the name is the subject or
# what is said of it ("ကိုဇော်လင်း က", "… သူမှာ ကိုအောင်ကျော် ဖြစ်ပြီး": … is Ko Aung Kyaw)
_KO_NAME_START = re.compile("[\u1000-\u1021](?![\u103a\u1039\u1038])")
_KO_THEN = re.compile(r"\s(?:က|သည်|၏|ဖြစ်)(?![\u102b-\u103e])")


def _burmese(text: str) -> list[tuple[int, int]]:
    if not _MYANMAR.search(text):
        return []
    out: list[tuple[int, int]] = []
    for m in _BURMESE.finditer(text):
        weak = m.group("weak")
        if weak == "ကို" and not _KO_NAME_START.match(text, m.start("name")):
            continue
        if weak and not (
            # an age or a birth date follows: "မသီတာဝင်း (အသက် ၁၉", "မခင်မာဝင်း၊ မွေးနေ့"
            _BURMESE_AGE_OR_BIRTH.match(text, m.end())
            or _BURMESE_ROLE.search(text, max(0, m.start() - 16), m.start())
            or (weak == "ကို" and _KO_THEN.match(text, m.end()))
        ):
            continue
        end = m.end("name")
        for particle in _BURMESE_PARTICLES:  # "ဦးအောင်ကျော်က": the name, then "က" (subject)
            if m.group("name").endswith(particle) and end - len(particle) - m.start("name") >= 2:
                end -= len(particle)
                break
        out.append((m.start("name"), end))
    return out


_BURMESE_PARTICLES = ("ကို", "သည်", "နှင့်", "နဲ့", "အား", "က", "၏")


# a foreign name in katakana, its parts joined by a middle dot: "グエン・ヴァン・ミン",
# "マリア・サントス"; not a place or a firm ("ホー・チ・ミン市", "…・ジャパン株式会社")
_KATAKANA_NAME = re.compile("[\u30a1-\u30fa\u30fc]{2,12}(?:・[\u30a1-\u30fa\u30fc]{1,12}){1,3}")
_NOT_PERSON_AFTER = tuple("市州国県島町村区省通駅社店号湾")
_NOT_PERSON_ENDS = (
    "ジャパン",
    "センター",
    "ホテル",
    "カンパニー",
    "グループ",
    "クラブ",
    "ストリート",
)


def _katakana(text: str) -> list[tuple[int, int]]:
    if "・" not in text:
        return []
    return [
        (m.start(), m.end())
        for m in _KATAKANA_NAME.finditer(text)
        if not text.startswith(_NOT_PERSON_AFTER, m.end())
        and not m.group(0).endswith(_NOT_PERSON_ENDS)
    ]


# what a person is, then "の", then the name: "社長の田中浩二", "被害者の佐藤"
_JA_ROLE_OF = re.compile(
    "(?:社長|実習生|技能実習生|被害者|容疑者|経営者|雇用主|店長|監督|ブローカー|仲介者|"
    "男性|女性|少女|少年|通訳|従業員|労働者|オーナー|代表)の$"
)


def _kunyas(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """An Arabic name by a child's name, "أبو" or "أم" and a name: "أبو خالد", "ئەبو عومەر"."""
    if "أبو" not in text and "ابو" not in text and "أم " not in text and "ئەبو" not in text:
        return []
    return [
        (m.start(), m.end())
        for m in _KUNYA.finditer(text)
        if (name := _plain(m.group("name"))) not in _SCRIPT_STOPS
        and name not in _KUNYA_PLACES  # "أبو ظبي" is Abu Dhabi
        and fold(_plain(m.group(0))) not in lex.places
    ]


_KUNYA_PLACES = words("ظبي ظبى قير حمص")


_KUNYA = re.compile(
    # and Sorani Kurdish "ئەبو عومەر", its letters beyond Arabic's
    r"(?<![\w\u064b-\u065f])(?:أبو|ابو|أم|ئەبو) "
    r"(?P<name>[\u0620-\u064a\u064b-\u065f\u0670-\u06d5]{2,20})"
)
# Arabic vowel marks, read past by the cue and name lists ("يُدعى" is "يدعى")
_TASHKEEL = re.compile("[\u064b-\u065f\u0670]")


def _plain(word: str) -> str:
    return _TASHKEEL.sub("", word) if max(word) >= "\u064b" else word


def _spaced_scripts(text: str, lex: Lexicon) -> list[tuple[int, int]]:  # noqa: PLR0912, PLR0915 - a word kind each
    """Runs of known names, or up to three words after a cue; a Thai name after its title
    with the next word when that is a name too or an age follows ("นางสาวสมศรี ใจดี อายุ")."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    cued = titled = aged = single = naming = False
    last = -2
    prev = ""
    for m in _SPACED_WORD.finditer(text):
        w, start, end = _plain(m.group(0)), m.start(), m.end()
        adjacent = start == last + 1 and text[last] == " "
        if not adjacent and run:
            if len(run) >= 2 or cued or titled:
                out.append((run[0][0], run[-1][1]))
            run, cued, titled = [], False, False
        last = end
        # "นายหน้า" (broker) and "นายจ้าง" (employer) begin with no title
        title = None if w.startswith(("นายหน้า", "นายจ้าง")) else _THAI_TITLE.match(w)
        if title and title.end() < len(w):  # "นายสมชาย": the name follows the title
            run, titled = [(start + title.end(), end)], True
            continue
        if aged and not run and (w in _AGED_ONE or w in _AGED_SKIP or w.startswith(_AGED_PERSONS)):
            # "14 वर्षीय लड़की सीमा": the name, if any, after the girl (and her people:
            # "১৪ বছরের রোহিঙ্গা কিশোরী নূর"); none after "a" ("১৭ বছর বয়সী এক কিশোরীকে"),
            # a girl with a case ending ("१७ वर्षीया किशोरीलाई": the girl is all there is)
            # or a comma ("16 வயது சிறுமி, மூன்று …")
            aged = cued = w in _AGED_SKIP or (w in _AGED_PERSONS and text.startswith(" ", end))
            prev = w
            continue
        if (age := _aged(w, text, start)) or _is_cue(w, prev):
            aged, single, naming = age, False, w in _NAMING
            if len(run) >= 2 or (run and (cued or titled)):
                out.append((run[0][0], run[-1][1]))  # "محمد بلال ولد نذیر احمد"
            run, titled, cued, prev = [], False, True, w
            continue
        if cued and not run and _ARABIC_ADJECTIVE.fullmatch(w) and w not in lex.scripts.words:
            prev = w  # "العاملة المنزلية الإثيوبية فلانة": the role's adjectives, then a name
            continue
        if cued and not run and (w in _POSSESSIVES or w in _CUED_PERSONS):
            # "המעסיק שלה, אבי כהן" (her employer, …): the name after "her"; Urdu "Begum"
            # as a title ("مالکن بیگم …", the mistress Begum …) stays outside the name, and
            # a woman or a man between a role and the name ("आरोपी महिला शबनम शेख")
            prev = w
            continue
        known = (
            w in lex.scripts.words or _with_postposition(w, lex) or _sorani_listed(w, lex)
        ) and w not in _NO_NAMES
        if not known and not run and (cut := _hebrew_prefix(w, lex)):
            known, start = True, start + cut  # "ליוסי כהן" (to Yossi Cohen): the name only
        if run and not known and len(run) < 4 and _joins(w, prev, run, text, lex):
            run.append((start, end))  # "خالد العتيبي", "فاطمة الزهراء بن علي"
        elif titled and (known or text.startswith((" อายุ", ",", " ("), end) or _thai_surname(w)):
            run.append((start, end))
            titled = False
        elif (known and len(run) < 4) or (
            cued
            and not single
            and _after_cue(w, run, lex, text, end, named=not run and prev in _NAMING, naming=naming)
        ):
            run.append((start, end))
            # after an age in a Dravidian script one word is the name (a given name is
            # often all: "14 வயது சிறுமி கவிதா அடித்துத் …"), a second only when listed;
            # further north a surname follows ("১৬ বছরের কিশোরী নূর কায়দা")
            single, aged = aged and "\u0b80" <= w[0] <= "\u0d7f", False
        else:
            if len(run) >= 2 or (run and (cued or titled)):
                out.append((run[0][0], run[-1][1]))
            run, titled, single = [], False, False
            cued = w in _SCRIPT_CUES or (prev, w) in _TWO_WORD_CUES
            naming = w in _NAMING
        prev = w
    if len(run) >= 2 or (run and (cued or titled)):
        out.append((run[0][0], run[-1][1]))
    # words no list knows before a colon are a label ("உரிமையாளர் வீட்டு முகவரி:", the
    # owner's home address:), not a name after a cue
    return [
        (s, e)
        for s, e in out
        if not _LABEL_AFTER.match(text, e) or any(w in lex.scripts.words for w in text[s:e].split())
    ]


_LABEL_AFTER = re.compile(r"\s*[:：]")


def _aged(w: str, text: str, start: int) -> bool:
    """An age's word after its number: "14 वर्षीय", "১৭ বছর বয়সী"."""
    return w in _AGE_CUES and _AGE_NUMBER.search(text, 0, start) is not None


def script_cue(word: str) -> bool:
    """A word after which a name follows in a script without capitals ("पीड़िता", "ተጎጂ")."""
    return _is_cue(word, "") or (
        "\u1200" <= word[0] <= "\u135a" and _ETHIOPIC_ROLE.search(word) is not None
    )


def _is_cue(w: str, prev: str) -> bool:
    return (
        w in _SCRIPT_CUES
        or (prev, w) in _TWO_WORD_CUES
        or w.endswith(_CUE_ENDS)
        or (prev in ("صاحب", "صاحبة", "مالك", "مدير") and w.startswith("ال"))  # owner of the…
        # Amharic titles written short with a slash: "ወ/ሮ" (Mrs), "ወ/ሪት" (Miss), "ዶ/ር" (Dr)
        or (prev == "ወ" and w in ("ሮ", "ሪት", "ት"))
        or (prev == "ዶ" and w == "ር")
        # Amharic: a role made definite names the person after it ("በደላላው": by the broker)
        or ("\u1200" <= w[0] <= "\u135a" and _ETHIOPIC_CUE.search(w) is not None)
    )


def _joins(w: str, prev: str, run: list[tuple[int, int]], text: str, lex: Lexicon) -> bool:
    """A word that goes on a name in Arabic script: "بن", "عبد", what follows them, a
    nisba, the family name of a compound name, "بی بی" after an Urdu given name."""
    return (
        w in _NAME_TAILS
        or _joins_arabic(w, lex)
        or prev in _ARABIC_JOINS
        or _compound_family(w, run, text, lex)
    )


def _compound_family(w: str, run: list[tuple[int, int]], text: str, lex: Lexicon) -> bool:
    """The family name closing a compound Arabic name: "خالد عبد الله الحسن"."""
    return (
        len(run) >= 2
        and w.startswith("ال")
        and len(w) > 3
        and fold(w) not in lex.common
        and any(text[s:e] in _ARABIC_JOINS for s, e in run)
    )


# what follows a Thai name and is no surname: "ถูก" (passive), "ได้", "เป็น", "อายุ" (age)…
_THAI_NOT_SURNAME = ("ถูก", "ได้", "เป็น", "ไป", "มา", "อายุ", "ให้", "และ", "ที่", "จึง", "ซึ่ง",
                     "กับ", "ยัง", "เคย", "จะ", "ไม่", "บอก", "กล่าว", "ทำ", "เกิด", "เบอร์",
                     "โทร", "ไลน์", "เลข", "บ้าน", "แจ้ง", "ติดต่อ")  # fmt: skip
# what follows a name after a cue in Thai and Lao and is no name: a phone, a chat app, an
# age, a birth, a number, a home ("นายหน้าชื่อ เจ๊แดง เบอร์โทร …", "ນາຍໜ້າ ເບີໂທ …")
_THAI_LAO_NOT_NAME = (*_THAI_NOT_SURNAME[-9:], "ເບີ", "ໂທ", "ອາຍຸ", "ເກີດ", "ເລກ", "ບ້ານ")


def _thai_surname(word: str) -> bool:
    """The word after a titled Thai given name is its surname ("นางสาวมาลี สุขใจ"), unless it
    starts like what is said of a person ("ถูกจับ", "อายุ 19")."""
    return (
        2 <= len(word) <= 14
        and "\u0e01" <= word[0] <= "\u0e4e"
        and not word.startswith(_THAI_NOT_SURNAME)
    )


def _after_cue(  # noqa: PLR0911 - one return per reason, each named
    word: str,
    run: list[tuple[int, int]],
    lex: Lexicon,
    text: str,
    end: int,
    *,
    named: bool,
    naming: bool = False,
) -> bool:
    """The word just after a cue is a name; after it, an Arabic family name ("الزهراء")
    or, after a known given name, a surname no list knows ("पीडित सीता तामाङ"); never a
    postposition or a particle ("पीड़िता ने बताया", "मालिक के घर")."""
    if (fold(word) in lex.common and not named) or word in _INDIC_FUNCTION or word in _SCRIPT_STOPS:
        return False  # after "her name is" a word is a name: "اسمها نور" (Nour, light)
    if "\u0e01" <= word[0] <= "\u0edf" and word.startswith(_THAI_LAO_NOT_NAME):
        return False
    if _ETHIOPIC_ROLE.search(word):
        return False  # "ተጎጂው በደላላ ተታሎ": a role, indefinite, is no name
    if word.endswith(_ARABIC_OBJECT) and word not in lex.scripts.words:
        return False  # a verb with its object: "مدام ريتا حابستها" (Madam Rita is holding her)
    if not run:
        # no number ("دختر ۱۵ ساله": a girl of 15), and in Amharic no word that ends its
        # sentence: that is the verb ("በአሠሪዋ ተወስዷል።": taken by her employer)
        return not _HAS_DIGIT.search(word) and not (
            "\u1200" <= word[0] <= "\u135a" and _ENDS_SENTENCE.match(text, end)
        )
    if (
        len(run) == 1
        and fold(word) in lex.places
        and not naming  # after "named": "בשם מריה סנטוס" (Santos, a town too)
        and not _AGENT_AFTER.match(text, end)
    ):
        # "முகவர் முருகேசன் திருப்பூர்": the agent, then his town; but what "did" something
        # is the person's own ("بیگم ثمینہ رشید نے کہا": Rashid said, not the town Rashid)
        return False
    if len(run) == 1 and len(word) <= 10 and _TWO_WORD_SCRIPT.fullmatch(word):
        return not (
            "\u1200" <= word[0] <= "\u135a"
            and (_ENDS_SENTENCE.match(text, end) or _ethiopic_in_place(word, text, end, lex))
        )  # "ឈ្មោះ សុខ ស្រីនាង", "ተጎጂዋ ሰላማዊት ታደሰ"
    if len(run) < 3 and word.startswith("ال"):
        return True
    return len(run) == 1 and text[run[0][0] : run[0][1]] in lex.scripts.words


# the ergative postposition of Urdu, Hindi and Punjabi: only a person (or body) does
_AGENT_AFTER = re.compile(r"\s(?:نے|ने|ਨੇ)(?!\S)")
# a woman, a man or a person said between a role and the name (Urdu "Begum" is a cue of
# its own): Urdu, Hindi and Marathi, Bengali, Punjabi
_CUED_PERSONS = words("خاتون عورت مرد شخص महिला पुरुष व्यक्ति व्यक्ती মহিলা পুরুষ ব্যক্তি ਔਰਤ ਵਿਅਕਤੀ")


def _ethiopic_in_place(word: str, text: str, end: int, lex: Lexicon) -> bool:
    """ "በአዲስ አበባ" (in Addis Ababa), "ከጎንደር" (from Gondar): a place after its preposition,
    no family name (those may begin so too: "በቀለ", "ከበደ")."""
    if word[0] not in "በከለ" or len(word) < 3:
        return False
    after = text[end:].split(maxsplit=1)
    place = fold(word[1:])
    return place in lex.places or (bool(after) and f"{place} {fold(after[0])}" in lex.places)


_HAS_DIGIT = re.compile(r"\d")
_ARABIC_OBJECT = ("ها", "هم", "هن")  # her, them: object pronouns written onto a verb
# a definite feminine adjective (nisba) agreeing with a role: "المنزلية" (domestic),
# "الإثيوبية" (Ethiopian); family names end so rarely
_ARABIC_ADJECTIVE = re.compile("ال[\u0620-\u064a]{2,}ية")
_ENDS_SENTENCE = re.compile(r"\s*[።.!?]")  # not "፡": a comma in Tigrinya ("ሳባ ተስፋይ፡")


# Hindi, Nepali and Bengali words that follow a cue and are no name
_INDIC_FUNCTION = words(
    """
    ने को के की का में से पर और है था थी थे हो भी तो ही कि जो ले लाई लागि पनि र छ थियो
    एक यो त्यो उनको उसको उसे उन्हें अपने अपनी वह वे
    কে র এর ও এবং না যে এই সেই একটি তার তাকে থেকে জন্য
    ਨੇ ਨੂੰ ਦੀ ਦਾ ਦੇ ਤੋਂ ਵਿੱਚ ਅਤੇ ਹੈ ਸੀ ਨੇ ને નો ની નું ના માં થી અને છે હતી હતો તેને
    ను కి కు లో మరియు ఆమెను అతను ఆమె ஐ க்கு இல் மற்றும் அவர் അവളെ അവനെ ആണ് ഒരു
    את של על עם אל כי גם הוא היא
    उर्फ उर्फ़ ওরফে عرف ద్వారా తో కోసం ஆல் மூலம் ኣብ ካብ ናብ ምስ እዩ እያ
    """
)


def _sorani_listed(word: str, lex: Lexicon) -> bool:
    """A Sorani spelling of a listed Arabic-script name ("عەلی" for "علي")."""
    plain = sorani_plain(word)
    return plain is not None and plain in lex.scripts.words


# Hebrew prepositions and conjunctions written onto the word: "and", "to", "from", "in",
# "that", "as", and "and" before "to" or "from"
# what may stand written onto a name: any proclitic but the article, and "and" before a
# preposition ("ולמיכל"); the longer first
_HEBREW_PREFIXES = (
    *("ו" + p for p in "למב"),
    *(p for p in HEBREW_PROCLITICS if p != "ה"),
)
_HEBREW_STEM = 3  # letters of the name after it: not "בבת ים" (in Bat Yam), "בת" a word


def _hebrew_prefix(word: str, lex: Lexicon) -> int:
    """How many letters of a prefix stand before a known name in Hebrew ("ממיכל": from
    Michal), or 0."""
    if not "\u05d0" <= word[0] <= "\u05ea":
        return 0
    for p in _HEBREW_PREFIXES:
        if (
            word.startswith(p)
            and len(word) - len(p) >= _HEBREW_STEM
            and word[len(p) :] in lex.scripts.words
        ):
            return len(p)
    return 0


def _with_postposition(word: str, lex: Lexicon) -> bool:
    return any(word.endswith(p) and word[: -len(p)] in lex.scripts.words for p in _POSTPOSITIONS)


def _joins_arabic(word: str, lex: Lexicon) -> bool:
    """An Arabic family name after a known name ("العتيبي") or a word joining its parts."""
    if word in _ARABIC_JOINS:
        return True
    # a family name after a known name is a nisba, al- … -i ("العتيبي", "الشمري"): not
    # "الأسبوع" (the week), "المطار" (the airport)
    return (
        word.startswith("ال")
        and word.endswith(("ي", "ى"))
        and len(word) > 3
        and fold(word) not in lex.common
    )


def _han(text: str, sc: Scripts) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    han_share = len(HAN.findall(text)) / max(1, len(text))
    for m in _HAN_RUN.finditer(text):
        run, base = m.group(0), m.start()
        if (
            3 <= len(run) <= 5
            and (
                run[:2] in sc.han_surnames
                or (run[0] in sc.han_surnames and run[1:3] in sc.han_given)
            )
            and _JA_ROLE_OF.search(text, max(0, base - 8), base)
        ):
            out.append((base, m.end()))  # "社長の田中浩二"
            continue
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


# what a person is, said before a Korean name: "피해자 김지은(", "가해자 박민수는"
_KO_ROLE = re.compile(
    "(?:피해자|가해자|용의자|피의자|브로커|업주|고용주|사장|알선책|모집책|포주|매니저|대표|"
    "주인|선주|선장|농장주|관리자|중개인|실장|반장)\\s$"
)


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
        if (
            (surname and stem[1:] in sc.ko_given)
            or (honoured and (stem in sc.ko_given or (surname and len(stem) == 3)))
            or (
                surname
                and len(stem) == 3
                and _KO_ROLE.search(text, max(0, m.start() - 8), m.start())
            )
        ):
            out.append((m.start(), m.start() + len(stem)))
        elif (
            len(word) == 3
            and word[0] in sc.ko_surnames
            and _KO_ROLE.search(text, max(0, m.start() - 8), m.start())
        ):
            out.append((m.start(), m.end()))  # "피해자 김지은(": the last syllable no particle
    return out


# a Cyrillic given name before a surname known by its ending ("Гульнара Ахмедова", "Ігор
# Бондаренко", "Нино Беридзе", Kazakh "Айгүл Сейітова"): the ending is the evidence no
# list of names gives
_CYRILLIC_NAME = re.compile(
    "(?<![\\w-])[А-ЯЁІЇЄҐӘӨҮҰҚҒҢҺҲҶӢӮЂЈЉЊЋЏ][а-яёіїєґәөүұқғңһўҳҷӣӯђјљњћџ'’]{1,20}\\s+"
    # a patronymic between: "Вольга Пятроўна Кавалёва", "Олена Іванівна Ковальчук"
    "(?:[А-ЯЁІЇЄЎ][а-яёіїєў'’]{2,20}(?:овна|евна|аўна|еўна|оўна|івна|ївна|ович|евич|авіч|евіч|овіч)"
    "\\s+)?[А-ЯЁІЇЄҐӘӨҮҰҚҒҢҺҲҶӢӮЂЈЉЊЋЏ]"
    "[а-яёіїєґәөүұқғңһўҳҷӣӯђјљњћџ'’-]{1,24}"
    "(?:ова|ева|ёва|ов|ев|ёв|ина|ин|ына|ын|ский|ская|цкий|цкая|енко|чук|юк|ук|ян|швили|дзе|"
    "ић|ића|ићу|ићем|ски|ска|"  # Serbian and Macedonian: "Јелена Марковић", "Ана Петровска"
    "ович|евич|овна|евна|баев|баева|бекова|беков|"
    "аўна|еўна|оўна|авіч|евіч|овіч|чык|ёнак|енка|скі|"  # Belarusian
    "зода|заде|ӣ|иён)(?![\\w-])"  # Tajik: "Фирдавс Раҳимзода", "Раҷабӣ"
)


# a surname alone after "with": "вместе с Рашидовым, бригадиром" (Рашидов); not an
# adjective before its noun ("с Садовым кольцом")
_WITH_SURNAME = re.compile(
    "(?<![\\w-])(?:[Сс]|[Сс]о)\\s+([А-ЯЁ][а-яё]{2,20}(?:ов|ев|ёв|ин|ын)ым)(?![\\w-])"
    "(?!\\s+[а-яё]+(?:ом|ем|ём)\\b)"
)


def slavic_surnames(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    if not _CYRILLIC_UPPER.search(text):
        return []
    out: list[tuple[int, int]] = [m.span(1) for m in _WITH_SURNAME.finditer(text)]
    for m in _CYRILLIC_NAME.finditer(text):
        first = m.group(0).split()[0]
        if first.lower() in _PREPOSITIONS:  # "Са Стојановићем": with the surname alone
            out.append((m.start() + len(first) + 1, m.end()))
            continue
        if fold(first) in lex.common or first.lower() in _NAMED_FOR_PEOPLE:
            continue
        if any(fold(w) in NOT_NAMES or fold(w) in lex.nations for w in m.group(0).split()):
            continue  # "Кыргыз Республикасынын": the Kyrgyz Republic's
        if opening_verb(text, m.start(), m.start() + len(first), lex):
            # "Позвонила Зарина Юсупова": the surname, and the given name if known
            given = text.rfind(" ", m.start(), m.end())
            out.append((given + 1, m.end()))
            continue
        out.append((m.start(), m.end()))
    return out


# prepositions that open a sentence before a surname ("Са Стојановићем", "Со Петровски")
_PREPOSITIONS = words("са со с од до за на у во о по при без код кај из к ко від")
# what is named after a person: "Площадь Пушкина", "Станция Кировская", "Завод Лихачёва"
_NAMED_FOR_PEOPLE = words(
    """
    улица улице улицу проспект площадь станция станции театр музей район области область
    край город село деревня переулок бульвар метро завод фабрика компания университет
    институт школа больница аэропорт парк вулиця вулиці майдан станція район місто село
    """
)


_CYRILLIC_UPPER = re.compile("[А-ЯЁІЇЄҐӘӨҮҰҚҒҢҺ][а-яёіїєґәөүұқғңһ]")


# Thai "ชื่อ" (named) touching the name: "นายหน้าชื่อสมชาย พาไป" (not "ชื่อเสียง", fame,
# nor the name of an account, a user, a company, a shop, a boat, a village, a street)
# (Thai is written without spaces between words: a known name at the start of what
# follows is the name, else all of it up to a space)
_THAI_NAMED = re.compile(
    "ชื่อ(?:เล่น|จริง)?(?!เสียง|จริง|เล่น|บัญชี|ผู้ใช้|บริษัท|ร้าน|เรือ|หมู่บ้าน|ถนน|ซอย)([\u0e01-\u0e4e]{2,40})"
)
# a title after "ชื่อ" is no part of the name ("ชื่อนางสาวมาลี สุขใจ", "ชื่อเจ๊แดง"): a
# person's title (Mr, Mrs, Miss) has the surname after a space; a kin title has none
_THAI_NAMED_TITLE = re.compile("(?P<person>นางสาว|นาง|นาย(?!หน้า|จ้าง))|เจ๊|เจ้(?!า)|พี่|น้อง|เฮีย")
_NEXT_WORD = re.compile(" ([\u0e01-\u0e4e]{2,14})(?=[\\s,.]|$)")


def _thai_named(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    if "ชื่อ" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _THAI_NAMED.finditer(text):
        start, chunk = m.start(1), m.group(1)
        title = _THAI_NAMED_TITLE.match(chunk)
        if title and len(chunk) - title.end() >= 2:
            start, chunk = start + title.end(), chunk[title.end() :]
        known = next(
            (n for n in range(min(12, len(chunk)), 1, -1) if chunk[:n] in lex.scripts.words), 0
        )
        end = start + (known or len(chunk))
        if (
            title
            and title.group("person")
            and end == m.end(1)
            and (nxt := _NEXT_WORD.match(text, end))
            and _thai_surname(nxt.group(1))
            and nxt.group(1) not in _SCRIPT_STOPS
        ):
            end = nxt.end(1)  # "ชื่อนางสาวมาลี สุขใจ": the surname after a space
        out.append((start, end))
    return out


# a Chinese name after what the person is: "中介李强扣留", "雇主张伟"; a surname and one
# character, or two when a list gives them as a given name
_ZH_ROLE = re.compile(
    "(?:中介|受害人|被害人|受害者|雇主|老板|蛇头|嫌疑人|工头|经理|司机|介绍人|招工人)"
)


def _han_after_role(text: str, sc: Scripts) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not _HAN_RUN.search(text):
        return out
    for m in _ZH_ROLE.finditer(text):
        at = m.end()
        n = 2 if text[at : at + 2] in sc.han_surnames else 1
        if text[at : at + n] not in sc.han_surnames:
            continue
        given = 2 if text[at + n : at + n + 2] in sc.han_given else 1
        if _HAN_RUN.fullmatch(text[at + n : at + n + given]):
            out.append((at, at + n + given))
    return out
