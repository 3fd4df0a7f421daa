"""Title cues and name shapes: the context that says "a person's name follows".

Words are written here as they appear in text; they are folded with the
search analyzer when first used, so the lists never carry a second
normalization.
"""

from functools import cache, lru_cache
from pathlib import Path

from archive.extraction.names import ARTICLE, first_token_keys, name_tokens

# Titles that directly precede a name (الرئيس صالح, نظيره الروسي سيرغي لافروف).
_CUE_PHRASES = [
    "الرئيس",
    "رئيس",
    "الوزير",
    "السفير",
    "سفير",
    "المبعوث",
    "مبعوث",
    "السيد",
    "السيدة",
    "الملك",
    "الأمير",
    "ولي العهد",
    "الشيخ",
    "الجنرال",
    "اللواء",
    "الفريق",
    "الفريق أول",
    "العميد",
    "العقيد",
    "الدكتور",
    "النائب",
    "الزعيم",
    "القائد",
    "المرشد",
    "الإمام",
    "السيناتور",
    "المستشار",
    "نظيره",
    "نظيرته",
    "الناطق",
    "المتحدث",
    "رئيس الوزراء",
    "رئيس الحكومة",
    "رئيس الجمهورية",
    "رئيس البرلمان",
    "رئيس مجلس النواب",
    "رئيس مجلس الوزراء",
    "رئيس مجلس الدوما",
    "رئيس مجلس الاتحاد",
    "رئيس إقليم كردستان",
    "رئيس الأركان",
    "نائب الرئيس",
    "المبعوث الخاص",
    "الممثل الخاص",
    "الأمين العام",
    "رئيس الدبلوماسية",
    "عضو مجلس النواب",
    "المفوض",
    "المفوضة",
    "الممثل",
    "المندوب",
    "القائم بأعمال",
    "المدعو",
    "المدعوة",
    "يدعى",
    "تدعى",
]
# The feminine forms of the titles above (وزيرة الخارجية, زعيمة اليمين, الأميرة, النائبة).
_CUE_PHRASES += [
    "الرئيسة",
    "رئيسة الوزراء",
    "رئيسة الحكومة",
    "الوزيرة",
    "السفيرة",
    "المبعوثة",
    "الملكة",
    "الأميرة",
    "الشيخة",
    "الدكتورة",
    "النائبة",
    "الزعيمة",
    "المستشارة",
    "الناطقة",
    "المتحدثة",
    "الممثلة الخاصة",
    "الأمينة العامة",
    "المندوبة",
]
# Nouns of a trade or standing written right before a name (الناشطة نرجس محمدي, للكاتب ويل
# تيرنر, الطفلة فاطمة الحسين).
_STANDING_NOUNS = """
المواطن المواطنة الناشط الناشطة الكاتب الكاتبة الصحفي الصحفية الصحافي الصحافية اللاعب
اللاعبة المحامي المحامية الفنان الفنانة الشاعر الشاعرة الروائي الروائية المخرج المخرجة
المدرب المدربة الإعلامي الإعلامية الباحث الباحثة الأستاذ الأستاذة المهندس المهندسة
الطالب الطالبة المغني المغنية الممثلة النجم النجمة الطفل الطفلة الشاب الشابة
الطبيب الطبيبة المعلم المعلمة الداعية المفكر الأديب الأديبة المؤرخ الشهيد الفقيد
المرحوم المرحومة الحارس المهاجم المغرد المغردة
""".split()
_CUE_PHRASES += _STANDING_NOUNS
# Verbs of saying and announcing: the subject that follows is often a person named without
# a title (وقال روبيرت فورد، السفير …); the name must still look like one.
_SPEECH_VERBS = """
قال قالت أضاف أضافت أكد أكدت أوضح أوضحت أعلن أعلنت صرح صرحت ذكر ذكرت أشار أشارت
تابع تابعت أفاد أفادت اعتبر اعتبرت رأى رأت
كشف كشفت شدد شددت لفت لفتت نوه نوهت أشاد أشادت أعرب أعربت نفى نفت بينت
يقول تقول يرى ترى يضيف تضيف يؤكد تؤكد يوضح توضح
""".split()
# Roles written right after a name (ومحمد يعقوبي والي طنجة, روبيرت فورد، السفير …).
_ROLE_NOUNS = """
رئيس رئيسة الرئيس الرئيسة وزير وزيرة الوزير الوزيرة سفير سفيرة السفير السفيرة
مستشار مستشارة المستشار المستشارة مدير مديرة المدير المديرة محافظ حاكم عمدة والي
عضو مساعد مساعدة نائب النائب زعيم قائد القائد مبعوث المبعوث مندوب المندوب
المتحدث المتحدثة الناطق الناطقة المفوض المفوضة الأمين القيادي المرشح المرشحة
""".split()
# "وزير <portfolio>" and its relatives: any definite word completes them.
_PORTFOLIO_HEADS = [
    "وزير",
    "وزيرة",
    "الوزير",
    "نائب وزير",
    "وكيل وزارة",
    "وكيل وزير",
    "مستشار",
    "مستشارة",
    "مدير",
    "مديرة",
    "رئيس",
    "رئيسة",
    "قائد",
    "قائدة",
    "زعيم",
    "زعيمة",
    "المتحدث باسم",
    "الناطق باسم",
    "المتحدثة باسم",
    "مفوضة",
    "مفوض",
    "محافظ",
    "أمين عام",
    "سفير",
    "مندوب",
]
# Words allowed between a title and the name: nationality adjectives are matched
# by shape (ال…ي / ال…ية); these are the others.
_MODIFIERS = ["السابق", "الأسبق", "الحالي", "الجديد", "الأول", "الخاص", "السابقة", "الحالية"]
# Qualifiers of military ranks (اللواء ركن, الفريق بحري, العميد طيار).
_MODIFIERS += ["ركن", "الركن", "بحري", "البحري", "طيار", "الطيار", "المتقاعد"]
# The late (الزعيم الراحل الحبيب بورقيبة).
_MODIFIERS += ["الراحل", "الراحلة"]
# "السفير الروسي لدى بغداد إيلبروس كوتراشيف": a place after these is skipped.
_POSTED_AT = ["لدى", "في"]

# Common given names (Arabic, Kurdish, Persian, Turkish, Russian in Arabic script),
# used only to judge whether two words after a title cue are a name.
_GIVEN_NAMES = """
محمد أحمد احمد علي حسن حسين مصطفى إبراهيم ابراهيم عبد خالد عمر عثمان يوسف صالح
فؤاد جعفر حيدر نوري إياد اياد عادل برهم جلال مسعود نيجيرفان مسرور قباد هوشيار
فالح قاسم جمعة نجاح عامر طارق أسامة أسامه سليم محمود مقتدى عمار هادي فائق رافع
باقر صادق جواد كاظم ثامر حامد رائد رياض سعد سعدون سامي سالم ناصر نبيل وليد زياد
ضياء عزت صدام بشار حافظ رجب مولود جواد أكبر إسماعيل عبدالله سلمان تميم دونالد جو
جون مايك أنتوني أنطوني ريكس باراك
هيلاري كوندوليزا جورج كولن ديك
فلاديمير ديمتري دميتري دمتري سيرغي سيرجي سيرغيه ميخائيل يوري ألكسندر الكسندر
أليكسي اليكسي ألكسي نيكولاي إيغور ايغور إيفان ايفان بوريس فيكتور يفغيني يفجيني
أندريه اندريه أناتولي اناتولي فاسيلي غينادي قسطنطين كونستانتين مكسيم ماكسيم أوليغ
اوليغ رومان بافيل ألكسندرا فالنتينا ماريا إيلبروس ايلبروس رمضان ليونيد فياتشيسلاف
فيتالي أرتيوم أنطون انطون غريغوري ستانيسلاف
مايكل ميشيل ميشال كيث ديفيد ديفد جيمس روبرت وليام ويليام ريتشارد توماس ستيفن ستيفان
بول مارك جيف جوزيف بيتر فرانسوا إيمانويل ايمانويل أنجيلا انجيلا تيريزا ماري نيكولا
جان هيلاري بيرني تيد ماركو مارجريت مارغريت كاثرين كريستين فيديريكا جوزيب لوران
فرانك هانس كلاوس فولفغانغ أولاف شارل آلان ألان باتريك كريس تشارلز إدوارد ادوارد
ستيف سكوت مارتن برنار فرانسيس نيكي سوزان جانيت جينيفر أشتون جوناثان
ماتيو باولو سيباستيان ألكسيس الكسيس جورجي بيترو
داود عبدالعزيز فيصل نايف بندر مشعل سعود مقرن متعب سلطان نواف ماجد فهد عبدالرحمن
""".split()

_RUSSIAN_SURNAME_ENDINGS = ["وف", "يف", "ييف", "ين", "سكي", "فسكي", "وفا", "يفا", "ينا", "سكايا"]

# Words that end a name run or can never start one.
_NOT_NAMES = """
في من إلى الى على عن مع أن ان إن قد لقد كان كانت كما وكان الذي التي الذين اللذين
هذا هذه ذلك تلك هو هي هم بين خلال بعد قبل عند حتى منذ لدى اليوم أمس امس غدا
يوم الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت حاليا حالياً أيضا
وفد بلاده بلادها نظيره الرئيس رئيس وزير الوزير السفير قال وقال أكد اكد أعلن اعلن
يبحث بحث يستقبل استقبل التقى يلتقي زار يزور وصل يصل دعا عبر شدد أشار اشار
الملك الأمير الشيخ اللواء العميد الدكتور السيد سفير مبعوث المبعوث نائب وكيل الناطق
المتحدث باسم باسمه جديد جديدة سابق الحكومة الوزراء الجمهورية أول ثاني آخر أخرى
كل بعض غير سوى عدة عدد أكثر أقل نحو حول ضد عام عاما سنة
المركزي المركزية الجوي الجوية الدولي الدولية التخصصي الجامعي الجامعية الوطني الوطنية
العام العامة العسكري العسكرية الطبي الطبية الخيري الخيرية الإسلامي الإسلامية الثقافي
الثقافية الرياضي الرياضية التعليمي التعليمية الصحي الصحية الإقليمي الإقليمية
المتحدثة الناطقة المستشار المستشارة السفيرة الوزيرة الرئيسة المفوض المفوضة المدير
المديرة النائبة القائد الأمين المبعوثة القيادي العضو المرشح المرشحة الممثل الممثلة
المندوب المندوبة صلى غداة عشية إثر اثر عقب فور أثناء آخرين أخرين آخرون أمير
""".split()

# "في صالح" / "لصالح": "in favour of", never the name.
_IN_FAVOUR = ["في"]

# Words that say a place name follows (مدينة صور, محافظة المثنى): support for an
# ambiguous place name.
_PLACE_WORDS = """
مدينة محافظة بلدة قرية العاصمة عاصمة ميناء مطار ولاية إقليم منطقة قضاء ناحية جزيرة
""".split()

_NAME_JOINERS = ["عبد", "أبو", "ابو", "بن", "ابن", "آل", "دي", "دو", "دا", "فان", "فون"]
# Second halves of compound names: نور الدين, عبد الله.
_COMPOUND_TAILS = ["الدين", "الله"]
# What completes عبد: عبد العزيز, عبد الرحمن (the family name may follow).
_ABD_TAILS = """
العزيز الرحمن الرحيم الكريم الحميد السلام المحمود الإله اللطيف المجيد القادر الحليم
الحكيم الملك الغني الوهاب الرزاق الستار الجبار الباري الخالق الواحد الأمير الهادي المهدي
""".split()
# A given name of two words: عبد ربه, أبو بكر (the family name follows).
_COMPOUND_GIVEN_HEADS = ["عبد", "أبو", "ابو"]


def _folded_set(words) -> frozenset[str]:
    return frozenset(" ".join(name_tokens(w)) for w in words if name_tokens(w))


@cache
def cue_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(name_tokens(p)) for p in _CUE_PHRASES)


@cache
def standing_nouns() -> frozenset[str]:
    return _folded_set(_STANDING_NOUNS)


@cache
def portfolio_heads() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(name_tokens(p)) for p in _PORTFOLIO_HEADS)


# Heads of a title whose genitives name what is headed (رئيس مجلس نواب الشعب, رئيسة وزراء
# الدنمارك, قائد حرس الحدود).
_HEAD_NOUNS = """
رئيس رئيسة وزير وزيرة مدير مديرة قائد زعيم زعيمة أمين محافظ سفير سفيرة مندوب مستشار
مستشارة عميد نقيب
""".split()


@cache
def head_nouns() -> frozenset[str]:
    return _folded_set(_HEAD_NOUNS)


@cache
def modifiers() -> frozenset[str]:
    return _folded_set(_MODIFIERS)


@cache
def posted_at() -> frozenset[str]:
    return _folded_set(_POSTED_AT)


@cache
def in_favour() -> frozenset[str]:
    return _folded_set(_IN_FAVOUR)


@cache
def deputy() -> str:
    return " ".join(name_tokens("نائب"))


@cache
def role_nouns() -> frozenset[str]:
    return _folded_set(_ROLE_NOUNS)


@cache
def speech_verbs() -> frozenset[str]:
    return _folded_set(_SPEECH_VERBS)


# Mined by ``people_mine`` from news corpora: the first and last words of names after titles.
PEOPLE_GIVEN_PATH = Path(__file__).resolve().parent / "data" / "people_given.txt"
PEOPLE_FAMILY_PATH = Path(__file__).resolve().parent / "data" / "people_family.txt"
# Mined by ``cued_given_mine``: given names that are ordinary or definite words too.
PEOPLE_GIVEN_CUED_PATH = Path(__file__).resolve().parent / "data" / "people_given_cued.txt"
FOREIGN_GIVEN_PATH = Path(__file__).resolve().parent / "data" / "foreign_given.txt"


_MINED = {"used": True}


def leave_out_mined_lists() -> None:
    """Use the hand lists alone (what ``people_mine`` mines with, so that a list never feeds
    its own making); call before any extraction runs."""
    _MINED["used"] = False
    given_names.cache_clear()
    family_names.cache_clear()
    cued_given_names.cache_clear()
    foreign_given_names.cache_clear()


def _listed(path: Path) -> frozenset[str]:
    """Folded words of a mined list (``#`` comments left out); empty when there is none."""
    if not _MINED["used"] or not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def given_names() -> frozenset[str]:
    """The listed given names and those mined from the corpora."""
    return _folded_set(_GIVEN_NAMES) | _listed(PEOPLE_GIVEN_PATH)


@cache
def foreign_given_names() -> frozenset[str]:
    """Foreign given names mined from the corpora (جيسي, اندرياس): ``foreign_given``."""
    return _listed(FOREIGN_GIVEN_PATH)


@cache
def cued_given_names() -> frozenset[str]:
    """Given names that are ordinary or definite words too (تيسير, الحبيب), mined from the
    corpora: they open a name only right after a title."""
    return _listed(PEOPLE_GIVEN_CUED_PATH)


@cache
def family_names() -> frozenset[str]:
    """Family names mined from the corpora (نهيان, هولاند): evidence after a given name."""
    return _listed(PEOPLE_FAMILY_PATH)


@cache
def not_names() -> frozenset[str]:
    return _folded_set(_NOT_NAMES)


@cache
def place_words() -> frozenset[str]:
    return _folded_set(_PLACE_WORDS)


@cache
def lineage_words() -> frozenset[str]:
    return _folded_set(["بن", "ابن", "بنت"])


@cache
def family_joiners() -> frozenset[str]:
    """``آل`` before a family: خليفة بن جاسم آل ثاني."""
    return _folded_set(["آل"])


@cache
def long_name_heads() -> frozenset[str]:
    """Words after which a name needs more words: عبد, أبو, بن."""
    return compound_given_heads() | lineage_words()


@cache
def continuing_words() -> frozenset[str]:
    """Words that carry a name on: الدين, بن, آل."""
    return compound_tails() | lineage_words() | family_joiners()


@cache
def name_joiners() -> frozenset[str]:
    return _folded_set(_NAME_JOINERS)


@cache
def compound_given_heads() -> frozenset[str]:
    return _folded_set(_COMPOUND_GIVEN_HEADS)


@cache
def abd_tails() -> frozenset[str]:
    return _folded_set(_ABD_TAILS) | compound_tails()


@cache
def compound_tails() -> frozenset[str]:
    return _folded_set(_COMPOUND_TAILS)


@cache
def russian_surname_endings() -> tuple[str, ...]:
    return tuple(" ".join(name_tokens(e)) for e in _RUSSIAN_SURNAME_ENDINGS)


@cache
def _cue_last_words() -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in cue_phrases() if len(phrase) > 1)


@lru_cache(maxsize=100_000)
def may_end_cue(folded: str) -> bool:
    """Whether a title cue (``document.cue_start``) may end with this word, or go on before it.

    Every cue ends in the last word of a cue phrase, in a one-word cue behind clitics
    (والرئيس), or in a definite word (وزير الخارجية); between a cue and the name only
    modifiers and (definite) nationality adjectives may stand.
    """
    if folded.startswith(ARTICLE) or folded in _cue_last_words() or folded in modifiers():
        return True
    phrases = cue_phrases()
    return any((key,) in phrases for key in first_token_keys(folded))


def is_nationality_adjective(folded: str) -> bool:
    """``الروسي``, ``العراقيه``, ``الامريكي``: shape of a definite nisba adjective."""
    return folded.startswith("ال") and len(folded) >= 5 and folded.endswith(("ي", "يه"))
