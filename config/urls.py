from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from archive.sitemaps import SITEMAPS
from archive.views import seo
from config.locale import public_patterns

# Outside the language prefix: the language view, robots.txt, the sitemaps (which list
# every page in both languages) and the admin, which speaks the browser's language
# (config/locale.py), as does the JSON API at /api/ (/en/api/ is English).
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", seo.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]
# The public pages: Arabic unprefixed (every existing permalink), English under /en/.
urlpatterns += public_patterns(
    path("", include("search.urls")),
    path("", include("archive.urls")),
)
