"""How ``pool.tsv`` was chosen (run once; the committed list is the pool, not this script).

    .venv/bin/python bench/relevance/pool_select.py > bench/relevance/pool.tsv

Every corpus line whose title names Iraq or Russia; every line whose opening names one of
them and whose text names the other, or Syria or Iran; ``OPENING_SAMPLE`` of the other lines
whose opening names Iraq or Russia; ``TOPIC_CAP`` lines whose title names each of the other
topics (Syria, Iran, the Gulf, terrorism, oil, diplomacy); then ``SAMPLE`` of the remaining
lines as distractors (random samples with a fixed seed). Lines with no content, and lines
whose content repeats an earlier one, are left out.
"""

import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent.parent / "shared" / "corpora"
FILES = ("saudinewsnet.jsonl.gz", "antcorpus.jsonl.gz")
OPENING_CHARS = 600
OPENING_SAMPLE = 330
TOPIC_CAP = 60
SAMPLE = 400
SEED = 15

CORE = {
    "iraq": r"العراق|عراقي|بغداد|الموصل|الأنبار|الانبار|الرمادي|البصرة|الفلوجة|تكريت|العبادي"
    r"|المالكي|الحشد الشعبي|أربيل|اربيل|كردستان العراق|السيستاني|الصدر",
    "russia": r"روسيا|روسي|موسكو|بوتين|لافروف|الكرملين|ميدفيديف|السوفي[تي]|شويغو|بوغدانوف",
}
TOPICS = {
    "syria": r"سوريا|سورية|السوري|دمشق|الأسد|حلب|حمص|اللاذقية|إدلب|ادلب",
    "iran": r"إيران|ايران|إيراني|ايراني|طهران|ظريف|روحاني|خامنئي|الحرس الثوري",
    "gulf": r"الخليج|مجلس التعاون|الكويت|قطر|الإمارات|الامارات|البحرين|سلطنة عمان|هرمز",
    "terrorism": r"داعش|الإرهاب|الارهاب|إرهابي|ارهابي|القاعدة|النصرة|انتحاري|تفجير",
    "oil": r"النفط|نفط|أوبك|اوبك|برميل|الخام|الغاز",
    "diplomacy": r"وزير الخارجية|وزراء الخارجية|السفير|السفارة|مباحثات|دبلوماسي|مجلس الأمن"
    r"|الأمم المتحدة|قمة",
}
PATTERNS = {name: re.compile(pattern) for name, pattern in {**CORE, **TOPICS}.items()}


def records():
    """``(corpus, line, title, content)`` of every line with content, first copy only."""
    seen = set()
    for corpus in FILES:
        with gzip.open(CORPORA / corpus, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                record = json.loads(line)
                content = (record.get("content") or "").strip()
                if not content or content in seen:
                    continue
                seen.add(content)
                yield corpus, number, record.get("title") or "", content


def main() -> None:
    chosen: dict[tuple[str, int], str] = {}
    opening, rest = [], []
    by_topic: dict[str, list] = {name: [] for name in TOPICS}
    for corpus, number, title, content in records():
        key = (corpus, number)
        titled = [name for name in CORE if PATTERNS[name].search(title)]
        opens = [name for name in CORE if PATTERNS[name].search(content[:OPENING_CHARS])]
        named = {name for name, pattern in PATTERNS.items() if pattern.search(content)}
        if titled:
            chosen[key] = titled[0]
        elif opens and (
            {"iraq", "russia"} <= named or ({"russia"} == set(opens) and named & {"syria", "iran"})
        ):
            chosen[key] = opens[0]
        elif opens:
            opening.append((key, opens[0]))
        else:
            topics = [name for name in TOPICS if PATTERNS[name].search(title)]
            (by_topic[topics[0]] if topics else rest).append(key)
    rng = random.Random(SEED)
    for key, name in rng.sample(opening, OPENING_SAMPLE):
        chosen[key] = name
    for name, keys in by_topic.items():
        for key in rng.sample(keys, min(TOPIC_CAP, len(keys))):
            chosen[key] = name
        rest.extend(key for key in keys if key not in chosen)
    for key in rng.sample(sorted(rest), SAMPLE):
        chosen[key] = "sample"
    out = sys.stdout
    out.write("corpus\tline\twhy\n")
    for (corpus, number), why in sorted(chosen.items()):
        out.write(f"{corpus}\t{number}\t{why}\n")


if __name__ == "__main__":
    main()
