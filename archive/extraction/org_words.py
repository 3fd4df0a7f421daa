"""The words organizations' names are found by: heads, the words that complete them or
end them, and the titles that name no organization (``organizations`` reads them)."""

# Heads followed by the words that complete the name (وزارة الخارجية, حزب الدعوة).
HEADS = """
وزارة مجلس هيئة وكالة صحيفة جريدة قناة شركة جامعة منظمة حركة ائتلاف تحالف حزب جبهة
اتحاد جمعية مؤسسة بنك مصرف صندوق لجنة مفوضية مديرية رئاسة محكمة نقابة غرفة منظومة
مركز معهد أكاديمية دائرة سلطة كتلة تيار منتدى برلمان رابطة مجمع جماعة حكومة سفارة
قنصلية مرصد بعثة مكتب ملحقية بلدية تنسيقية قوات وحدات سلاح أسطول كتائب فيلق إذاعة
""".split()
# Heads whose one-word completions are generic (مكتب العمل, قوات الأمن, سلاح الجو).
TWO_WORD_HEADS = "قوات وحدات مكتب سلاح".split()
# Definite heads that one adjective leaves generic (اللجنة التنفيذية, but اللجنة الوطنية
# لمكافحة الإرهاب).
WEAK_HEADS = "اللجنة القوة".split()
# Heads a genitive chain does not complete (رئاسة تحرير الصحيفة).
NO_CHAIN_HEADS = "رئاسة".split()
# Heads of forces: named ones count (قوات الدفاع الوطني), generic ones do not.
FORCE_HEADS = "قوات وحدات".split()
GENERIC_FORCES = """
الأمن الشرطة الجيش النظام المعارضة التحالف الاحتلال الحكومة النخبة الطوارئ الحماية
الاحتياط المشاة المظليين الكوماندوز الحدود الجو البحرية المارينز حفظ التدخل الرد
""".split()
# Definite heads that name an organization only with an adjective (الحزب الديمقراطي).
DEFINITE_HEADS = """
الحزب الحكومة المفوضية الجيش المجلس الاتحاد البرلمان الكونغرس الكونجرس الخارجية
السفارة القنصلية الديوان الحرس النيابة التحالف الجماعة المحكمة القوة الدرك الوقاية
المراسم الهيئة الوكالة المنظمة الرابطة الجامعة الائتلاف الجبهة المجمع الشرطة
المرصد البعثة البحرية الملحقية النظام اللجنة الحلف
""".split()
# Words before a quoted name that make it an organization: a kind of outlet or company
# (صحيفة «الشرق الأوسط», شركة «شل»), or an attribution (لـ"وات", بحسب "الفرنسية").
QUOTED_HEADS = """
صحيفة جريدة وكالة قناة شركة مجلة موقع شبكة إذاعة جماعة تنظيم حركة حزب ل بحسب حسب وفق وفقا
نقلا
""".split()
# Outlets and companies: a foreign name after them names them alone too (فرانس برس).
OUTLET_HEADS = "صحيفة جريدة وكالة قناة شركة مجلة موقع شبكة إذاعة".split()
# Adjectives of institutions' names without the relational ending (الجيش الحر).
NAME_ADJECTIVES = """
العامة العام الحر المشتركة المشترك المتحدة المتحد الأعلى العليا المستقلة المستقل الموحد
الموحدة الكبرى الكبير الشعبي الشعبية الحرة الدائمة الدائم المركزي الاتحادية
""".split()
# Heads named by their leader (إدارة ترامب, نظام الأسد, حكومة العبادي).
LEADER_HEADS = "حكومة إدارة نظام".split()
# A definite head named by a country's adjective alone (النظام السوري), and the
# relational adjectives that name no country (النظام الدولي).
NATIONAL_HEADS = "النظام".split()
NOT_NATIONAL = """
الدولي العالمي الأساسي الداخلي السياسي الاقتصادي المصرفي الضريبي الانتخابي الجمهوري
الملكي الرئاسي البرلماني الغذائي الصحي التعليمي القضائي الإقليمي العربي الإسلامي
الاجتماعي المالي النقدي الأمني العسكري الديمقراطي الفيدرالي الاتحادي الآلي الإلكتروني
""".split()
# Heads an office's posting completes (السفارة الأمريكية في القاهرة, المحكمة الابتدائية
# بتونس): ``في``, ``لدى`` or ``بـ`` and a place.
POSTED_HEADS = "سفارة السفارة قنصلية القنصلية محكمة المحكمة بعثة البعثة مكتب".split()
POSTED_AT = "في لدى".split()
GOVERNMENT_HEADS = "حكومة الحكومة إدارة نظام النظام".split()
# Heads named by their portfolio, after which لـ is the sentence's purpose
# (وزارة التربية لاتخاذ القرار, صندوق النقد الدولي للاقتراض).
NO_PURPOSE_HEADS = "وزارة الوزارة صندوق الصندوق".split()
# Institutes whose foreign name a purpose completes (معهد ليبنيز للأبحاث الاقتصادية, مركز
# كارنيغي للشرق الأوسط).
STUDY_HEADS = "معهد مركز مؤسسة أكاديمية منتدى".split()
# Heads that a place name completes (حكومة مالي).
PLACE_HEADS = "حكومة رئاسة سفارة قنصلية جامعة برلمان غرفة بلدية محكمة".split()
# A sport's noun that a definite word completes after لـ (الاتحاد الأوروبي لكرة القدم,
# الاتحاد الدولي لألعاب القوى), and sports named by one definite word (للسباحة, للتنس):
# with either the body is a sport's, not the organization its first words may name.
SPORT_NOUNS = "كرة ألعاب رفع".split()
SPORTS = """
السباحة التنس الجودو الكاراتيه التايكواندو الملاكمة المصارعة الفروسية الرماية الجمباز
الدراجات السيارات الغولف الشطرنج الهوكي الرجبي الكريكيت التجديف المبارزة الإسكواش
الجولف البولينج البلياردو السهام
""".split()
# Words that place a thing rather than name it: no genitive chain runs through them to a
# place (حماس وسط قطاع غزة, مجمع سكني غرب باريس).
WHERE_WORDS = "وسط غرب شرق شمال جنوب أسفل أعلى قرب داخل خارج جنوبي شمالي شرقي غربي".split()
# Words that end a name even when definite (``مجلس الوزراء اليوم``).
NAME_ENDS = """
اليوم الماضي الماضية المقبل المقبلة الحالي الحالية الجاري السابق السابقة الأخير الأخيرة
الأول الأولى الثاني الثانية نفسه نفسها ذاته ذاتها الذي التي الذين أمس التابع التابعة
المحظور المحظورة المعني المعنية المذكور المذكورة الجديد الجديدة الحاكم الحاكمة
الدكتور الدكتورة السيد السيدة الشيخ الأستاذ المهندس اللواء العميد الفريق العقيد المستشار
الأمير الملك الرئيس الوزير السفير الرسمية الرسمي المنقضي المنقضية الأحد الاثنين الثلاثاء
الأربعاء الخميس الجمعة السبت
""".split()
# Titles after which a definite head is the portfolio (وزير الخارجية الروسي); after the
# other titles only the government is (رئيس الحكومة المغربية, but رئيس الديوان الملكي).
MINISTER_TITLES = "وزير وزيرة الوزير وكيل".split()
TITLE_ONLY_HEADS = "الحكومة".split()
# What completes the standard title of a head of government (رئيس مجلس الوزراء).
TITLE_TAILS = ("مجلس الوزراء", "الوزراء", "الحكومة")
QUOTES_OPEN = ("«", '"', "“")
QUOTES_CLOSE = ("»", '"', "”")
# Names of Latin letters as Arabic writes them (سي إن إن, بي بي سي, أف أم): a run of them
# is an acronym. Folded forms; the surfaces that are also Arabic function words (أو, في,
# أم, إن, أي) are weak: a run needs letters that are not (LETTER_NAMES_WEAK).
LETTER_NAMES = """
اف ام سي بي تي دي جي اس ان ال ار اكس ايه كيه اتش يو واي زد او في اي كي
""".split()
LETTER_NAMES_WEAK = "أو او في أم ام أن آن إن ان أي اي إي أية آية أيه".split()
# Words before an acronym that make it an organization's (شركة إل جي, هيئة "أر تي أل"); a
# product's has none (نظام «آي أو إس»).
ACRONYM_CUES = "راديو تلفزيون مجموعة".split()
# A radio's name ends with its band (الجوهرة أف أم, شمس اف ام): the folded pair.
FM = ("اف", "ام")
# A coalition the sentence identifies by its leader (التحالف الذي تقوده السعودية): the
# head alone names it in that article.
LED_HEADS = "التحالف الائتلاف الحلف".split()
LED_BY = ("الذي", "تقوده يقوده تتزعمه يتزعمه".split())
