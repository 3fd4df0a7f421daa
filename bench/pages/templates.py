"""The markup of the page set: kinds of Arabic news sites, each with the chrome it prints.

``render(kind, page)`` returns a whole saved page. The chrome is what such sites put
around an article (menus, breadcrumbs, share bars, "most read" and related boxes, tag
lists, comments and their policy, cookie notices, newsletters, footers); dates and
bylines are shown the ways those sites show them (meta tags, JSON-LD, ``<time>``, a line
under the headline, a credit at the end). The pieces they share are in ``page_parts.py``.
"""

from page_parts import (
    COMMENT_POLICY,
    COOKIE,
    MENU,
    Page,
    body,
    comments_block,
    date_meta,
    date_visible,
    e,
    footer,
    head,
    json_ld,
    links,
    menu,
    og,
    written_date,
)


def wp_jannah(page: Page) -> str:
    """WordPress, Jannah-like theme: og tags, ``entry-content``, related posts, comments."""
    author = ""
    if page.byline and page.byline_style == "line":
        author = f'<span class="meta-author">بواسطة <a href="/author/1">{e(page.byline)}</a></span>'
    return (
        head(
            page,
            f"{page.title} - {page.site}",
            og(page, f"{page.title} - {page.site}") + date_meta(page),
        )
        + '<body class="post-template-default single single-post">\n'
        f'<div id="cookie-notice" class="cookie-bar"><p>{e(COOKIE)}</p><a>موافق</a></div>\n'
        f'<div class="main-nav-wrapper"><ul id="menu-main" class="menu">{menu()}</ul></div>\n'
        '<div class="breaking-news"><span class="breaking-title">عاجل</span>'
        f"{links(page.others[:2])}</div>\n"
        '<div id="breadcrumb"><a href="/">الرئيسية</a> / <a href="/cat/news">أخبار</a> / '
        f"<span>{e(page.title)}</span></div>\n"
        '<article id="the-post" class="post-content container-wrapper">\n'
        '<header class="entry-header-outer"><div class="post-cat-wrap"><a>أخبار عربية</a></div>\n'
        f'<h1 class="post-title entry-title">{e(page.title)}</h1>\n'
        f'<div class="post-meta">{author} {date_visible(page)} '
        '<span class="meta-views">1,204 مشاهدة</span> <span>دقيقتان</span></div></header>\n'
        '<div class="share-links"><a>فيسبوك</a><a>تويتر</a><a>واتساب</a><a>تيلقرام</a></div>\n'
        f'<div class="entry-content entry clearfix">\n{body(page)}\n</div>\n'
        '<div class="post-bottom-meta post-bottom-tags"><span class="tagcloud">'
        "<a>سياسة</a><a>أخبار عربية</a></span></div>\n"
        '<div class="share-buttons-bottom"><span>شارك</span><a>فيسبوك</a><a>تويتر</a></div>\n'
        "</article>\n"
        '<div id="related-posts" class="container-wrapper"><div class="mag-box-title">'
        f"<h3>مقالات ذات صلة</h3></div>{links(page.others[2:5])}</div>\n"
        + comments_block("3 تعليقات")
        + '\n<aside class="sidebar"><div class="widget"><h4>الأكثر قراءة</h4>'
        f"{links(page.others[5:8])}</div></aside>\n"
        f'<footer id="footer"><div class="copyright-text">{footer(page)}</div></footer>\n'
        "</body></html>\n"
    )


def drupal7(page: Page) -> str:
    """Drupal 7: ``field-name-body``, a "submitted" line, views blocks in plain divs."""
    submitted = f'<span class="username">{e(page.byline)}</span>' if page.byline else ""
    return (
        head(page, f"{page.title} | {page.site}", date_meta(page))
        + '<body class="html not-front page-node node-type-article">\n'
        f'<div id="header"><div id="site-name"><a href="/">{e(page.site)}</a></div>'
        f'<div id="main-menu" class="navigation"><ul class="menu">{menu()}</ul></div></div>\n'
        '<div id="main"><div id="content" class="column">\n'
        f'<h1 class="title" id="page-title">{e(page.title)}</h1>\n'
        '<div class="node node-article">'
        f'<div class="submitted">{date_visible(page)} {submitted}</div>\n'
        '<div class="field field-name-body field-type-text-with-summary"><div class="field-items">'
        f'<div class="field-item even">\n{body(page)}\n</div></div></div>\n'
        '<div class="field field-name-field-tags"><div class="field-label">الوسوم:&nbsp;</div>'
        '<div class="field-items"><a>العراق</a> <a>روسيا</a></div></div>\n'
        '<ul class="links inline"><li class="comment-add">أضف تعليقاً جديداً</li>'
        '<li class="print">نسخة للطباعة</li></ul></div>\n'
        '<div id="block-views-most-read" class="block block-views"><h2>الأكثر قراءة</h2>'
        f'<div class="content">{links(page.others[:5])}</div></div>\n'
        f'<div id="comments"><h2 class="title">التعليقات</h2><p>{e(COMMENT_POLICY)}</p>'
        '<form class="comment-form"><label>الاسم</label><input><label>التعليق</label>'
        "<textarea></textarea></form></div>\n"
        '</div></div>\n<div id="footer"><div class="region region-footer">'
        f"<p>{footer(page)}</p><p>من نحن | اتصل بنا | سياسة الخصوصية</p></div></div>\n"
        "</body></html>\n"
    )


def custom_table(page: Page) -> str:
    """An older custom CMS: tables, headline in ``<h1>`` only, a byline line in the text."""
    return (
        head(page, page.site) + '<body>\n<table width="100%"><tr><td class="logo">'
        f'<img src="/logo.gif" alt="{e(page.site)}"></td>'
        f'<td class="topmenu">{" | ".join(e(m) for m in MENU)}</td></tr></table>\n'
        '<table width="100%"><tr>\n<td class="rightcol" width="20%"><div class="box">'
        f'<div class="box-title">آخر الأخبار</div>{links(page.others[:4])}</div></td>\n'
        '<td class="maincol">\n'
        f'<h1 class="newstitle">{e(page.title)}</h1>\n'
        f'<div class="newsdate">{date_visible(page)}</div>\n'
        '<div class="tools">+ الخط - | طباعة | أرسل لصديق</div>\n'
        '<div class="newsbody">\n'
        + (f"<p><b>كتب - {e(page.byline)}</b></p>\n" if page.byline else "")
        + f"{body(page)}\n</div>\n"
        '<div class="box"><div class="box-title">أخبار ذات صلة</div>'
        f"{links(page.others[4:7])}</div>\n"
        '<div class="comments"><div class="box-title">تعليقات القراء</div>'
        f'<p class="note">{e(COMMENT_POLICY)}</p></div>\n'
        "</td></tr></table>\n"
        f'<div class="bottom">{footer(page)}</div>\n</body></html>\n'
    )


def agency(page: Page) -> str:
    """A news agency: JSON-LD, a lead box, the credit ``(واس)`` closing the text."""
    return (
        head(page, f"{page.site} - {page.title}", og(page) + json_ld(page, "Organization"))
        + "<body>\n"
        f'<header class="site-header"><nav class="navbar"><ul>{menu()}</ul></nav>'
        '<div class="ticker"><b>شريط الأخبار</b>'
        f"{links(page.others[:3])}</div></header>\n"
        '<main class="container"><div class="row"><div class="col-md-8">\n'
        '<div class="news-details">\n'
        f'<h1 class="news-title">{e(page.title)}</h1>\n'
        f'<div class="news-info">{date_visible(page)} '
        '<span class="views">عدد القراءات: 312</span></div>\n'
        '<div class="news-text">\n'
        f"{body(page)}\n"
        + (f'<p class="credit">({e(page.byline)})</p>\n' if page.byline else "")
        + "</div>\n"
        '<div class="share"><span>مشاركة:</span><a>فيسبوك</a><a>تويتر</a><a>نسخ الرابط</a></div>\n'
        "</div></div>\n"
        '<div class="col-md-4"><div class="most-read"><div class="heading">الأكثر قراءة</div>'
        f"{links(page.others[3:8])}</div></div></div></main>\n"
        f'<div class="footer"><p>{footer(page)}</p></div>\n</body></html>\n'
    )


def wp_newspaper(page: Page) -> str:
    """WordPress, tagDiv Newspaper-like theme: Yoast JSON-LD, ``td-post-content``, dated boxes."""
    author = ""
    if page.byline:
        author = (
            '<div class="td-post-author-name"><div class="td-author-by">بقلم</div> '
            f'<a href="/author/x">{e(page.byline)}</a></div>'
        )
    return (
        head(page, f"{page.title} | {page.site}", og(page) + json_ld(page) + date_meta(page))
        + '<body class="post-template-default single td-theme">\n'
        '<div class="td-header-wrap"><div class="td-header-menu-wrap">'
        f'<ul id="menu-td-demo-header-menu" class="sf-menu">{menu()}</ul></div></div>\n'
        '<div class="td-main-content-wrap"><div class="td-container">\n'
        '<article class="post type-post"><div class="td-post-header">'
        '<ul class="td-category"><li><a class="td-post-category">الخليج</a></li></ul>\n'
        f'<header class="td-post-title"><h1 class="entry-title">{e(page.title)}</h1>\n'
        f'<div class="td-module-meta-info">{author}'
        f'<span class="td-post-date">{date_visible(page)}</span>'
        '<div class="td-post-views"><span>845</span></div></div></header></div>\n'
        '<div class="td-post-sharing-top"><a>Facebook</a><a>Twitter</a><a>WhatsApp</a></div>\n'
        f'<div class="td-post-content tagdiv-type">\n{body(page)}\n</div>\n'
        '<footer><div class="td-post-source-tags"><ul class="td-tags"><li><span>الوسوم</span></li>'
        "<li><a>الخليج</a></li></ul></div></footer></article>\n"
        '<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title">'
        f"ربما يعجبك أيضا</h4>{links(page.others[:4], with_dates=True)}</div>\n"
        + comments_block("التعليقات")
        + '\n</div></div>\n<div class="td-sub-footer-container">'
        f'<div class="td-sub-footer-copy">{footer(page)}</div></div>\n</body></html>\n'
    )


def cnn_like(page: Page) -> str:
    """A broadcaster's site: ``<title>`` is only the brand, the date written under the headline."""
    meta = f'<meta name="author" content="{e(page.byline)}">' if page.byline else ""
    return (
        head(page, page.site, meta + date_meta(page)) + "<body>\n"
        f'<div id="nav"><a class="logo">{e(page.site)}</a><ul>{menu()}</ul>'
        '<a href="/live">البث المباشر</a></div>\n'
        '<div id="body-text" class="article-page"><div class="container">\n'
        f'<h1 class="headline">{e(page.title)}</h1>\n'
        f'<div class="meta-date">نشر {date_visible(page)}</div>\n'
        '<div class="social"><span>شارك هذا المقال</span></div>\n'
        '<div class="article-body">\n'
        f"{body(page)}\n</div>\n"
        '<div class="recommended"><h3>المزيد من الأخبار</h3>'
        f"{links(page.others[:5])}</div>\n"
        '<div class="disclaimer"><p>حقوق النشر محفوظة. لا يجوز نشر هذه المادة أو بثها أو إعادة '
        "كتابتها أو توزيعها.</p></div>\n"
        f'</div></div>\n<div id="footer">{footer(page)} شروط الاستخدام | سياسة الخصوصية</div>\n'
        "</body></html>\n"
    )


def column(page: Page) -> str:
    """An opinion column: the writer's box above the text, ``article:author`` meta."""
    meta = f'<meta property="article:author" content="{e(page.byline)}">' if page.byline else ""
    return (
        head(page, f"{page.title} | {page.site}", og(page) + meta + date_meta(page)) + "<body>\n"
        f'<header><div class="menu"><ul>{menu()}</ul></div>'
        '<form class="search"><input placeholder="ابحث في الموقع"></form></header>\n'
        '<div class="page"><div class="article-wrap">\n'
        '<div class="section-name">مقالات الرأي</div>\n'
        '<div class="writer-box"><img src="/w.jpg" alt="">'
        f'<h4 class="writer-name">{e(page.byline)}</h4>'
        '<a class="writer-more">جميع مقالات الكاتب</a></div>\n'
        f'<h1 class="article-title">{e(page.title)}</h1>\n'
        f'<div class="article-date">{date_visible(page)}</div>\n'
        f'<div class="article-text">\n{body(page)}\n</div>\n'
        '<div class="newsletter"><h3>اشترك في النشرة البريدية</h3>'
        "<p>احصل على أهم الأخبار والمقالات يوميا في بريدك الإلكتروني.</p>"
        '<input type="email"><button>اشتراك</button></div>\n'
        '<div class="other-articles"><h3>مقالات أخرى للكاتب</h3>'
        f"{links(page.others[:4])}</div>\n"
        + comments_block("تعليقات القراء")
        + f'</div></div>\n<div class="site-footer">{footer(page)}</div>\n</body></html>\n'
    )


def jsonld_portal(page: Page) -> str:
    """A portal with JSON-LD and a visible writer line, inline "read also" boxes in the text."""
    paras = page.paragraphs
    middle = max(1, len(paras) // 2)
    read_also = f'<div class="read-also"><span>اقرأ أيضا</span>{links(page.others[:2])}</div>'
    text = "\n".join(
        [f"<p>{e(p)}</p>" for p in paras[:middle]]
        + [read_also]
        + [f"<p>{e(p)}</p>" for p in paras[middle:]]
    )
    return (
        head(page, f"{page.title} | {page.site}", og(page) + json_ld(page) + date_meta(page))
        + "<body>\n"
        '<div class="topbar">الأحد 5 يناير 2020</div>\n'
        f'<div class="mainmenu"><ul>{menu()}</ul></div>\n'
        '<div class="article-container">\n'
        f'<div class="article-header"><h1>{e(page.title)}</h1>'
        + (f'<div class="writer">{e(page.byline)}</div>' if page.byline else "")
        + f"{date_visible(page)}</div>\n"
        '<figure class="article-image"><img src="/img.jpg" alt="">'
        "<figcaption>صورة أرشيفية (أرشيف)</figcaption></figure>\n"
        f'<div class="article-body wysiwyg">\n{text}\n</div>\n'
        '<div class="tags"><span>كلمات مفتاحية</span><a>رياضة</a><a>الدوري</a></div>\n'
        "</div>\n"
        '<div class="popular"><h3>الأكثر مشاهدة</h3>'
        f"{links(page.others[2:7])}</div>\n"
        f'<div class="foot">{footer(page)}</div>\n</body></html>\n'
    )


def amp(page: Page) -> str:
    """An AMP page: inline JSON-LD, ``amp-img``, a sidebar menu and a consent element."""
    return (
        head(
            page,
            f"{page.title} - {page.site}",
            og(page) + json_ld(page, "Organization") + date_meta(page),
        ).replace("<html ", "<html amp ")
        + "<body>\n"
        f'<amp-sidebar id="sidebar" layout="nodisplay"><ul>{menu()}</ul></amp-sidebar>\n'
        '<amp-consent id="consent" layout="nodisplay"><div class="consent-ui">'
        f"<p>{e(COOKIE)}</p><button>أوافق</button></div></amp-consent>\n"
        f'<header class="amp-header"><a href="/">{e(page.site)}</a></header>\n'
        '<main><article class="amp-article">\n'
        f"<h1>{e(page.title)}</h1>\n"
        f'<div class="amp-meta">{date_visible(page)}</div>\n'
        '<amp-img src="/img.jpg" width="600" height="400" layout="responsive"></amp-img>\n'
        f'<div class="amp-body">\n{body(page)}\n</div>\n'
        '<amp-social-share type="facebook"></amp-social-share>\n'
        "</article>\n"
        '<section class="related"><h2>اقرأ أيضاً</h2>'
        f"{links(page.others[:4])}</section></main>\n"
        f'<footer class="amp-footer">{footer(page)}</footer>\n</body></html>\n'
    )


def br_layout(page: Page) -> str:
    """An old hand-made site: the text in one ``<div>`` cut by ``<br><br>``, a numeric date."""
    text = "<br><br>\n".join(e(p) for p in page.paragraphs)
    credit = f"<br><br>\n({e(page.byline)})" if page.byline else ""
    return (
        head(page, f"{page.site} :: {page.title}") + '<body bgcolor="#ffffff">\n'
        f'<div id="top"><img src="/banner.gif"><div id="menu">{" | ".join(e(m) for m in MENU)}'
        "</div></div>\n"
        '<div id="page"><div class="content">\n'
        f"<h1>{e(page.title)}</h1>\n"
        f'<div class="date">{date_visible(page)}</div>\n'
        f'<div class="text">{text}{credit}</div>\n'
        '<div class="print"><a>طباعة</a> | <a>أرسل لصديق</a> | <a>أضف تعليق</a></div>\n'
        "</div>\n"
        f'<div class="side"><h3>الأكثر قراءة</h3>{links(page.others[:5])}</div></div>\n'
        f'<div class="foot">{footer(page)} | تصميم وبرمجة شركة الشبكة</div>\n</body></html>\n'
    )


def lead_header(page: Page) -> str:
    """A modern CMS: the lead in bold inside the article's ``<header>``, the rest after it."""
    lead, rest = page.paragraphs[0], page.paragraphs[1:]
    credit = f'<p class="credit">({e(page.byline)})</p>' if page.byline else ""
    return (
        head(page, f"{page.title} | {page.site}", og(page) + date_meta(page)) + "<body>\n"
        f'<header class="site"><nav><ul>{menu()}</ul></nav></header>\n'
        '<main><article class="story">\n'
        f'<header class="story-header"><h1>{e(page.title)}</h1>'
        f'<p class="story-lead"><strong>{e(lead)}</strong></p>{date_visible(page)}</header>\n'
        '<section class="story-body">\n'
        + "\n".join(f"<p>{e(p)}</p>" for p in rest)
        + f"\n{credit}</section>\n"
        '<footer class="story-footer"><p>تابعونا على فيسبوك وتويتر وتلغرام</p>'
        '<div class="tags"><a>العراق</a><a>اقتصاد</a></div></footer>\n'
        "</article>\n"
        f'<section class="more"><h2>أخبار ذات صلة</h2>{links(page.others[:4])}</section></main>\n'
        f'<footer class="site-footer">{footer(page)}</footer>\n</body></html>\n'
    )


def date_above(page: Page) -> str:
    """A newspaper site printing the section and the date above the headline, no metadata."""
    author = f'<div class="article-author">{e(page.byline)}</div>' if page.byline else ""
    return (
        head(page, page.site) + "<body>\n"
        f'<div class="header"><div class="today">{e(written_date(page))}</div>'
        f'<ul class="nav">{menu()}</ul></div>\n'
        '<div class="wrapper"><div class="article">\n'
        f'<div class="kicker"><a>عربي ودولي</a> | {e(written_date(page))}</div>\n'
        f"<h1>{e(page.title)}</h1>\n{author}\n"
        f'<div class="article-text">\n{body(page)}\n</div>\n'
        '<div class="article-tools"><a>طباعة</a><a>إرسال</a><a>حفظ</a></div>\n'
        "</div>\n"
        f'<div class="column"><h3>الأكثر قراءة</h3>{links(page.others[:5])}</div></div>\n'
        f'<div class="footer">{footer(page)}</div>\n</body></html>\n'
    )


KINDS = {
    "wp_jannah": wp_jannah,
    "drupal7": drupal7,
    "custom_table": custom_table,
    "agency": agency,
    "wp_newspaper": wp_newspaper,
    "cnn_like": cnn_like,
    "column": column,
    "jsonld_portal": jsonld_portal,
    "amp": amp,
    "br_layout": br_layout,
    "lead_header": lead_header,
    "date_above": date_above,
}


def render(kind: str, page: Page) -> str:
    return KINDS[kind](page)
