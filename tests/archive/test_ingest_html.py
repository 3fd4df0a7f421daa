"""HTML pages: tags, scripts and styles stripped, paragraphs and the headline kept (issue 2, 7)."""

import datetime

from archive.ingest import parse_document

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات | روسيا اليوم</title>
  <meta property="og:site_name" content="RT Arabic">
  <meta property="article:published_time" content="2018-02-20T14:05:00+03:00">
  <meta property="og:url" content="https://arabic.rt.com/middle_east/123456-الجعفري-لافروف/">
  <style>.headline { color: red } body::after { content: "نص من الأنماط" }</style>
  <script>var tracking = "نص من السكربت"; document.write("<p>مكتوب بالسكربت</p>");</script>
</head>
<body>
  <nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
  <article>
    <h1 class="headline">الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات</h1>
    <div class="share">شارك</div>
    <figure><img src="a.jpg" alt="صورة">
      <figcaption>الجعفري ولافروف في موسكو (رويترز)</figcaption></figure>
    <p>بحث وزير الخارجية العراقي إبراهيم الجعفري مع نظيره الروسي سيرغي لافروف
       في العاصمة موسكو العلاقات الثنائيّة بين بغداد وموسكو.</p>
    <p>ووصل الجعفري إلى موسكو أمس الإثنين، لترؤس وفد العراق<br>في اجتماعات اللجنة المشتركة.</p>
    <!-- تعليق مخفي لا يظهر -->
    <ul><li>التعاون في مجال الغاز</li><li>التجهيز العسكري</li></ul>
    <script type="application/ld+json">{"headline": "نص من JSON-LD"}</script>
  </article>
  <aside>الأكثر قراءة: خبر آخر لا علاقة له</aside>
  <footer>جميع الحقوق محفوظة</footer>
</body>
</html>
"""


def parse_page(markup: str = PAGE, filename: str = "page.html"):
    return parse_document(markup.encode("utf-8"), filename=filename)


def test_script_style_and_comment_text_never_reaches_the_body():
    parsed = parse_page()
    everything = parsed.title + parsed.body

    for leaked in ("نص من السكربت", "مكتوب بالسكربت", "نص من الأنماط", "JSON-LD", "تعليق مخفي"):
        assert leaked not in everything
    assert "<" not in parsed.body
    assert "tracking" not in parsed.body


def test_navigation_footer_and_sidebar_are_not_article_text():
    body = parse_page().body

    assert "الرئيسية" not in body
    assert "جميع الحقوق محفوظة" not in body
    assert "الأكثر قراءة" not in body


def test_paragraphs_list_items_and_line_breaks_become_lines():
    lines = parse_page().body.split("\n")

    assert lines[0].startswith("بحث وزير الخارجية العراقي إبراهيم الجعفري")
    assert lines[0].endswith("بين بغداد وموسكو.")
    assert "ووصل الجعفري إلى موسكو أمس الإثنين، لترؤس وفد العراق" in lines
    assert "في اجتماعات اللجنة المشتركة." in lines
    assert "التعاون في مجال الغاز" in lines
    assert "التجهيز العسكري" in lines


def test_h1_is_the_headline_and_page_metadata_gives_date_source_and_url():
    parsed = parse_page()

    assert parsed.title == "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات"
    assert parsed.title_derived is False
    assert parsed.published_on == datetime.date(2018, 2, 20)
    assert parsed.source_name == "روسيا اليوم"
    assert parsed.metadata["html"]["url"].startswith("https://arabic.rt.com/")
    assert parsed.metadata["format"] == "html"


def test_figure_caption_is_metadata_not_body():
    parsed = parse_page()

    assert parsed.metadata["captions"] == ["الجعفري ولافروف في موسكو (رويترز)"]
    assert "الجعفري ولافروف في موسكو" not in parsed.body


def test_page_title_without_h1_loses_the_site_name():
    markup = (
        "<html><head><title>العراق وروسيا يبحثان التعاون - إيلاف</title></head><body>"
        "<p>بحث وزير الخارجية العراقي مع نظيره الروسي سبل التعاون في مجال الطاقة.</p>"
        "<p>وقال الوزير إن البلدين يتطلعان إلى توقيع اتفاقيات جديدة.</p></body></html>"
    )

    parsed = parse_page(markup)

    assert parsed.title == "العراق وروسيا يبحثان التعاون"
    assert parsed.source_name == "إيلاف"


def test_html_is_recognised_without_an_extension():
    markup = "<!doctype html><html><body><h1>عنوان الخبر</h1><p>نص الخبر الأول.</p></body></html>"

    parsed = parse_document(markup.encode("utf-8"), filename=None)

    assert parsed.title == "عنوان الخبر"
    assert parsed.body == "نص الخبر الأول."


def test_unclosed_head_ends_where_the_body_starts():
    markup = "<html><head><title>عنوان</title><body><p>الفقرة الأولى من الخبر.</p></body></html>"

    assert parse_page(markup).body == "الفقرة الأولى من الخبر."


def test_html_entities_are_decoded():
    markup = (
        "<p>العراق &amp; روسيا: &laquo;شراكة&raquo; "
        "&#1575;&#1604;&#1605;&#1587;&#1578;&#1602;&#1576;&#1604;.</p>"
    )

    assert parse_page(markup).body == "العراق & روسيا: «شراكة» المستقبل."


def test_windows_1256_html_page_decodes():
    parsed = parse_document(PAGE.encode("cp1256", errors="ignore"), filename="old.htm")

    assert parsed.title == "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات"
    assert "نص من السكربت" not in parsed.body
