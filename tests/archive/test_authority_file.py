"""The entity authority file ``fixtures/entities.json``: well formed, unambiguous, and
covering every named entity of the five seed articles.

The file is data that editors maintain by hand, so these tests are its schema check.
"""

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUTHORITY_FILE = ROOT / "fixtures" / "entities.json"
SEEDS_DIR = ROOT / "fixtures" / "seeds"
KINDS = {"person", "organization", "place"}

_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ё": "е"})
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Proclitics before a word in running text: و ف, then ب ك ل, the article, or لل (ل + ال).
_PROCLITICS = r"(?:[وف]?(?:لل|[بك]?ال|[بلك])?)"


def spelling_key(text: str, *, drop_article: bool = True) -> str:
    """A deliberately coarse key: two names with the same key cannot be told apart.

    It folds what any Arabic search analyzer folds (alef forms, ى, ة, marks, tatweel,
    case, punctuation) and, by default, the article ال, which light stemmers strip.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MARKS.sub("", text).translate(_LETTERS)
    words = re.findall(r"\w+", text)
    if drop_article:
        words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words]
    return " ".join(words)


def all_names(entity: dict) -> list[str]:
    names = [entity["name"], entity["name_en"], entity["name_ru"]]
    return [n for n in names + entity["aliases"] + entity["ambiguous_aliases"] if n]


@pytest.fixture(scope="module")
def authority() -> dict:
    return json.loads(AUTHORITY_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entities(authority) -> list[dict]:
    return authority["entities"]


@pytest.fixture(scope="module")
def by_name(entities) -> dict[str, dict]:
    return {entity["name"]: entity for entity in entities}


@pytest.fixture(scope="module")
def name_index(entities) -> dict[str, list[dict]]:
    """Every spelling key → the entities that carry it (name, alias or ambiguous alias)."""
    index = defaultdict(list)
    for entity in entities:
        for key in {spelling_key(name) for name in all_names(entity)}:
            index[key].append(entity)
    return index


def test_authority_file_is_versioned_json_with_a_list_of_entities(authority):
    assert authority["version"] == 1
    assert isinstance(authority["entities"], list)


def test_every_entity_has_a_kind_names_and_a_one_line_role_in_arabic_and_english(entities):
    for entity in entities:
        assert entity["kind"] in KINDS, entity
        assert _ARABIC.search(entity["name"]), entity["name"]
        assert entity["name_en"].strip(), entity["name"]
        assert isinstance(entity["name_ru"], str), entity["name"]
        assert _ARABIC.search(entity["description"]), entity["name"]
        assert entity["description_en"].strip(), entity["name"]
        for text in (entity["description"], entity["description_en"]):
            assert "\n" not in text and len(text) <= 300, entity["name"]
        for alias in entity["aliases"] + entity["ambiguous_aliases"]:
            assert alias == " ".join(alias.split()) and alias, (entity["name"], alias)
        # Entity names and aliases are 200-character columns.
        assert max(len(name) for name in all_names(entity)) <= 200, entity["name"]


def test_the_file_holds_several_hundred_entities_of_every_kind(entities):
    counts = {kind: sum(e["kind"] == kind for e in entities) for kind in KINDS}
    assert len(entities) >= 350
    assert min(counts.values()) >= 100, counts


def test_an_entity_is_listed_once_per_kind_and_canonical_name(entities):
    pairs = [(e["kind"], spelling_key(e["name"], drop_article=False)) for e in entities]
    assert len(pairs) == len(set(pairs))


def test_russian_names_are_written_in_cyrillic(entities):
    for entity in entities:
        if entity["name_ru"]:
            assert _CYRILLIC.search(entity["name_ru"]), entity["name"]
            assert not _ARABIC.search(entity["name_ru"]), entity["name"]


def test_aliases_never_repeat_the_entity_names_or_each_other(entities):
    # The loader stores names and aliases as separate rows of one entity: no duplicates.
    for entity in entities:
        keys = [spelling_key(n, drop_article=False) for n in all_names(entity)]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        assert not duplicates, (entity["name"], duplicates)


def test_a_name_shared_by_two_entities_is_an_ambiguous_alias_of_both(name_index):
    for key, owners in name_index.items():
        if len(owners) < 2:
            continue
        for entity in owners:
            ambiguous = {spelling_key(a) for a in entity["ambiguous_aliases"]}
            assert key in ambiguous, (key, [e["name"] for e in owners])


@pytest.mark.parametrize(
    "adjective",
    [
        "الروسي",
        "الروسية",
        "الروس",
        "الروسيين",
        "العراقي",
        "العراقية",
        "العراقيين",
        "السوري",
        "السورية",
        "الإيراني",
        "الإيرانية",
        "التركي",
        "التركية",
        "الأمريكي",
        "الأمريكية",
        "السوفيتي",
        "الكردي",
        "الكردية",
    ],
)
def test_an_adjective_is_never_a_name_of_an_entity(entities, adjective):
    key = spelling_key(adjective, drop_article=False)
    for entity in entities:
        keys = {spelling_key(n, drop_article=False) for n in all_names(entity)}
        assert key not in keys, (adjective, entity["name"])


@pytest.mark.parametrize(
    "common_word",
    [
        "صالح",
        "حسين",
        "عناد",
        "عباس",
        "قاسم",
        "الأسد",
        "القاعدة",
        "حماس",
        "الحشد",
        "باتريوت",
        "عمان",
        "حديثة",
        "القائم",
        "مجنون",
        "اللجنة المشتركة",
        "الصدر",
        "الحكيم",
        "علاوي",
    ],
)
def test_a_common_word_or_shared_short_name_counts_only_as_an_ambiguous_alias(
    entities, common_word
):
    key = spelling_key(common_word)
    ambiguous_owners = []
    for entity in entities:
        strong = [entity["name"], entity["name_en"], entity["name_ru"], *entity["aliases"]]
        assert key not in {spelling_key(n) for n in strong if n}, (common_word, entity["name"])
        if key in {spelling_key(a) for a in entity["ambiguous_aliases"]}:
            ambiguous_owners.append(entity["name"])
    assert ambiguous_owners, common_word


@pytest.mark.parametrize("word", ["مصلحة", "مصالح", "عروس", "روس", "الرئيس", "وزير"])
def test_words_that_contain_a_name_or_are_titles_are_not_names(name_index, word):
    assert spelling_key(word) not in name_index


@pytest.mark.parametrize(
    ("spellings", "canonical"),
    [
        (["لافروف", "Lavrov", "Лавров", "Sergei Lavrov"], "سيرغي لافروف"),
        (["بوتين", "Putin", "Путин"], "فلاديمير بوتين"),
        (["داعش", "ISIS", "ISIL", "Islamic State", "ИГИЛ"], "داعش"),
        (["العبادي", "Abadi"], "حيدر العبادي"),
        (["ميشوستين", "Mishustin", "Мишустин"], "ميخائيل ميشوستين"),
        (["Lukoil", "ЛУКОЙЛ", "لوك أويل"], "لوك أويل"),
        (["Moscow", "Москва", "موسكو"], "موسكو"),
        (["Iraq", "Ирак", "العراق"], "العراق"),
    ],
)
def test_a_name_in_any_script_points_to_one_entity(name_index, spellings, canonical):
    for spelling in spellings:
        owners = [e["name"] for e in name_index[spelling_key(spelling)]]
        assert owners == [canonical], (spelling, owners)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("سيرجي لافروف", "سيرغي لافروف"),
        ("بوجدانوف", "ميخائيل بوغدانوف"),
        ("بوتن", "فلاديمير بوتين"),
        ("مدفيديف", "دميتري ميدفيديف"),
        ("ديمتري ميدفيديف", "دميتري ميدفيديف"),
        ("شويجو", "سيرغي شويغو"),
        ("لافرينتييف", "ألكسندر لافرنتييف"),
        ("جازبروم", "غازبروم"),
        ("غازبروم نيفت", "غازبروم نفط"),
        ("لوكويل", "لوك أويل"),
        ("روس ابورون اكسبورت", "روس أوبورون إكسبورت"),
        ("الاتحاد السوفياتي", "الاتحاد السوفيتي"),
        ("سورية", "سوريا"),
        ("كاظمي", "مصطفى الكاظمي"),
        ("بطرسبرغ", "سانت بطرسبورغ"),
        ("تنظيم الدولة الإسلامية", "داعش"),
        ("الدولة الإسلامية", "داعش"),
        ("اللجنة الحكومية الدولية", "اللجنة العراقية الروسية المشتركة"),
        ("اللجنة الوزارية العليا المشتركة", "اللجنة العراقية الروسية المشتركة"),
        ("روسيا الاتحادية", "روسيا"),
        ("الاتحاد الروسي", "روسيا"),
        ("إقليم كردستان العراق", "إقليم كردستان"),
        ("نينوي", "نينوى"),
        ("الحشد الشعبي", "هيئة الحشد الشعبي"),
    ],
)
def test_a_transliteration_variant_points_to_the_canonical_entity(name_index, variant, canonical):
    assert [e["name"] for e in name_index[spelling_key(variant)]] == [canonical]


# What a careful annotator marks in each seed: (canonical name, the form the seed uses).
SEED_ENTITIES = {
    "000": [
        ("فلاديمير بوتين", "بوتين"),
        ("بغداد", "بغداد"),
        ("مصطفى الكاظمي", "مصطفى الكاظمي"),
        ("مصطفى الكاظمي", "الكاظمي"),
        ("برهم صالح", "برهم صالح"),
        ("برهم صالح", "صالح"),
        ("ميخائيل بوغدانوف", "ميخائيل بوغدانوف"),
        ("الشرق الأوسط", "الشرق الأوسط"),
        ("أفريقيا", "إفريقيا"),
        ("وزارة الخارجية الروسية", "وزارة الخارجية الروسي"),
        ("داعش", "داعش"),
        ("سوريا", "سوريا"),
        ("روسيا", "روسيا الاتحادية"),
        ("العراق", "العراق"),
        ("مكتب رئيس الوزراء العراقي", "المكتب الإعلامي لرئاسة الحكومة العراقية"),
        ("موسكو", "موسكو"),
        ("قصر بغداد", "قصر بغداد الرئاسي"),
        ("اللجنة العراقية الروسية المشتركة", "اللجنة العراقية الروسية المشتركة"),
        ("رئاسة الجمهورية العراقية", "الرئاسة العراقية"),
        ("الحكومة العراقية", "الحكومة العراقية"),
        ("الاتحاد السوفيتي", "الاتحاد السوفيتي"),
        ("أربيل", "أربيل"),
        ("البصرة", "البصرة"),
    ],
    "001": [
        ("مصطفى الكاظمي", "مصطفى الكاظمي"),
        ("يوري بوريسوف", "يوري بوريسوف"),
        ("بغداد", "بغداد"),
        ("ميخائيل ميشوستين", "ميخائيل ميشوستين"),
        ("فلاديمير بوتين", "فلاديمير بوتين"),
        ("العراق", "العراق"),
        ("روسيا", "روسيا الاتحادية"),
        ("سوريا", "سورية"),
        (
            "اللجنة العراقية الروسية المشتركة",
            "اللجنة العراقية الروسية المشتركة للتجارة والتعاون الاقتصادي والعلمي والفني",
        ),
        ("برهم صالح", "برهم صالح"),
        ("مكتب رئيس الوزراء العراقي", "المكتب الإعلامي لرئيس الوزراء العراقي"),
        ("الحكومة الروسية", "الحكومة الروسية"),
    ],
    "002": [
        ("موسكو", "موسكو"),
        ("وزارة الخارجية العراقية", "الخارجية العراقية"),
        ("اللجنة العراقية الروسية المشتركة", "اللجنة العليا المشتركة"),
        ("اللجنة العراقية الروسية المشتركة", "اللجنة الوزارية العليا المشتركة"),
        ("اللجنة العراقية الروسية المشتركة", "اللجنة العراقية الروسية المشتركة"),
        ("فؤاد حسين", "فؤاد حسين"),
        ("يوري بوريسوف", "يوري بوريسوف"),
        ("مصطفى الكاظمي", "مصطفى الكاظمي"),
        ("إيلبروس كوتراشيف", "إيلبروس كوتراشيف"),
        ("بغداد", "بغداد"),
        ("جمعة عناد", "جمعة عناد"),
        ("جمعة عناد", "عناد"),
        ("وزارة الدفاع الروسية", "وزارة الدفاع الروسية"),
        ("وزارة الدفاع العراقية", "وزارة الدفاع العراقية"),
        ("منتدى الجيش", "منتدى الجيش الروسي"),
        ("منتدى الجيش", "المنتدى والمعرض التقني العسكري الدولي"),
        ("فلاديمير بوتين", "فلاديمير بوتين"),
        ("كوبينكا", "كوبينكا"),
        ("مجمع باتريوت", "مجمع باتريوت"),
        ("ميدان ألابينو", "ألابينو"),
        ("روسيا", "روسيا الاتحادية"),
        ("العراق", "العراق"),
        ("الاتحاد السوفيتي", "الاتحاد السوفياتي"),
        (
            "معاهدة الصداقة والتعاون بين العراق والاتحاد السوفيتي",
            "معاهدة الصداقة والتعاون بين العراق والاتحاد السوفياتي",
        ),
        ("الجيش العراقي", "الجيش العراقي"),
        ("البصرة", "البصرة"),
        ("أربيل", "أربيل"),
        ("إقليم كردستان", "إقليم كردستان العراق"),
    ],
    "003": [
        ("مصطفى الكاظمي", "مصطفى الكاظمي"),
        ("فلاديمير بوتين", "فلاديمير بوتين"),
        ("فؤاد حسين", "فؤاد حسين"),
        ("فؤاد حسين", "حسين"),
        ("سيرغي لافروف", "سيرغي لافروف"),
        ("العراق", "العراق"),
        ("روسيا", "روسيا الاتحادية"),
        ("مجلس النواب العراقي", "مجلس النواب"),
        ("اللجنة العراقية الروسية المشتركة", "اللجنة الحكومية الدولية الثنائية"),
        ("بغداد", "بغداد"),
        ("موسكو", "موسكو"),
        ("سوريا", "سوريا"),
        ("الشرق الأوسط", "الشرق الأوسط"),
        ("داعش", "تنظيم الدولة الإسلامية"),
        ("داعش", "داعش"),
        ("داعش", "دولة الخلافة"),
        ("الموصل", "الموصل"),
        ("القوات الأمنية العراقية", "القوات الحكومية العراقية"),
        ("مجموعة الرؤية الاستراتيجية روسيا – العالم الإسلامي", "مجموعة الرؤية الاستراتيجية"),
        ("وزارة الخارجية الروسية", "وزارة الخارجية الروسية"),
    ],
    "004": [
        ("إبراهيم الجعفري", "إبراهيم الجعفري"),
        ("إبراهيم الجعفري", "الجعفري"),
        ("سيرغي لافروف", "سيرغي لافروف"),
        ("سيرغي لافروف", "لافروف"),
        ("موسكو", "موسكو"),
        ("بغداد", "بغداد"),
        ("اللجنة العراقية الروسية المشتركة", "اللجنة المشتركة"),
        ("اللجنة العراقية الروسية المشتركة", "اللجنة العليا المشتركة العراقية الروسية"),
        ("فلاديمير بوتين", "فلاديمير بوتين"),
        ("الحكومة الروسية", "الحكومة الروسية"),
        ("الحكومة العراقية", "الحكومة العراقية"),
        ("مؤتمر الكويت الدولي لإعادة إعمار العراق", "مؤتمر الكويت الدولي لإعادة إعمار العراق"),
        ("العراق", "العراق"),
        ("روسيا", "روسيا"),
        ("السفارة الروسية في بغداد", "السفارة الروسية في بغداد"),
    ],
}


def _occurs_in(form: str, text: str) -> bool:
    pattern = rf"(?<!\S){_PROCLITICS}{re.escape(spelling_key(form))}(?!\S)"
    return re.search(pattern, spelling_key(text)) is not None


@pytest.mark.parametrize("seed", sorted(SEED_ENTITIES))
def test_every_named_entity_of_the_seed_is_in_the_authority_file_under_the_form_it_uses(
    by_name, seed
):
    (path,) = SEEDS_DIR.glob(f"{seed}_*.txt")
    text = path.read_text(encoding="utf-8")
    for canonical, form in SEED_ENTITIES[seed]:
        assert _occurs_in(form, text), (seed, form)
        entity = by_name[canonical]
        assert spelling_key(form) in {spelling_key(n) for n in all_names(entity)}, (
            seed,
            canonical,
            form,
        )
