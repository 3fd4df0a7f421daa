"""Arabic stop words: function words only, matched before letter folding.

Prepositions, conjunctions, pronouns, demonstratives, relatives, particles and auxiliaries;
content words a researcher may search for (قال, أكد) are not stop words. Matching in
:func:`~arabic_text.letters.stop_key` form keeps the preposition على apart from the name علي.
A conjunction و or ف glued to a stop word (ومن, فإن, وعلى) is a stop word too, except the few
such forms that are content words (ولي as in ولي العهد).
"""

from functools import cache

from arabic_text.letters import fold, stop_key

# Written as they are usually spelled; stop_key() removes hamza on alef, so أن / ان / إن all
# reach the same entry.
_BASE = """
في من إلى الى على عن مع منذ حتى حول خلال بين لدى لدي عند نحو ضد دون بدون سوى غير
عبر ضمن فوق تحت أمام وراء خلف قبل بعد بعيد قرب لأجل أجل جراء إثر عقب إزاء تجاه
و ف ثم أو أم بل لكن لكنه لكنها لكنهم لكن ولكن إنما إلا ألا أما إما لو لولا لوما كي لكي
إن أن إنه أنه إنها أنها إنهم أنهم أنا أننا إننا أنت أنتم نحن هو هي هم هما هن أنتما
لأن لان كأن كأنه لعل ليت
هذا هذه هذان هاتان هذين هاتين هؤلاء ذلك ذلكم تلك أولئك أولائك ذاك ذا ذي هنا هناك هنالك
ثمة ههنا
الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللائي اللواتي ما ماذا من منها منه
كل كلا كلتا بعض أي أية أيا أين أيان متى كيف كم لم لن لا ليس ليست ليسوا قد لقد سوف
كان كانت كانوا يكون تكون يكونوا تكونوا كنت كنا أصبح أصبحت بات باتت صار صارت ظل ظلت
مازال لازال ما زال لا يزال يزال تزال مايزال مادام
إذ إذا إذن اذن حيث حين حينما بينما عندما كلما لما لماذا مما ممن عما عمن فيما بما كما
ربما طالما مثل مثلما كذلك هكذا أيضا أيضاً فقط جدا جداً
له لها لهم لهما لهن لك لكم لنا لي به بها بهم بهما بنا بي فيه فيها فيهم فيهما فينا
منه منها منهم منهما منا عليه عليها عليهم عليهما علينا إليه إليها إليهم إليهما إلينا
عنه عنها عنهم عنهما عنا معه معها معهم معهما معنا لديه لديها لديهم لدينا عنده عندها
عندهم عندهما عندنا لديهما بينه بينها بينهم بينهما بيننا نفسه نفسها أنفسهم ذاته ذاتها
هل يا أي إي نعم بلى كلا الآن آنذاك حينئذ عندئذ
عليك عليكم إليك إليكم منكم فيكم بكم لكما
سيكون ستكون سيكونون سيكونوا ليكون لتكون ليكونوا لتكونوا
بعده بعدها بعدهم بعدهما قبله قبلها قبلهم قبلهما
بهذا بهذه لهذا لهذه كهذا كهذه بذلك لذلك كذلك بتلك لتلك كتلك لذا لهذين بهذين
بأن لأن كأن بأنه لأنه كأنه بأنها لأنها كأنها بأنهم لأنهم كأنهم لأننا بأننا لكننا لكني
بعدما قبلما بعضهم بعضها بعضنا لبعض ببعض كلها كله كلهم كلنا كلاهما كلتاهما
بغير لغير بمثل لمثل كمثل بنفسه لنفسه بنفسها لنفسها بحيث لاسيما سيما
"""

# و/ف + stop word forms that are content words in their own right.
_CONJ_EXCEPTIONS = {"ولي", "فلم", "وهم"}


def _expand(words: set[str]) -> set[str]:
    expanded = set(words)
    for word in words:
        if len(word) > 1:
            for conj in ("و", "ف"):
                candidate = conj + word
                if candidate not in _CONJ_EXCEPTIONS:
                    expanded.add(candidate)
    return expanded


def raw_stop_words() -> set[str]:
    """The stop words as written above, before key normalization (see :func:`stop_key`)."""
    return _expand(set(_BASE.split()))


STOP_WORDS: frozenset[str] = frozenset(stop_key(word) for word in raw_stop_words())


@cache
def folded_stop_words() -> frozenset[str]:
    """The stop words fully folded: the stemmer will not strip a letter that leaves one."""
    return frozenset(fold(word) for word in STOP_WORDS)
