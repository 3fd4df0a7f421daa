"""Citation downloads of one article: RIS, BibTeX and CSL-JSON."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from archive import citations
from archive.views.articles import visible_articles

# Extension in the URL → (formatter, media type).
FORMATS = {
    "ris": (citations.to_ris, citations.RIS_CONTENT_TYPE),
    "bib": (citations.to_bibtex, citations.BIBTEX_CONTENT_TYPE),
    "json": (citations.to_csl_json, citations.CSL_JSON_CONTENT_TYPE),
}


@require_GET
def article_cite(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404("Unknown citation format.")
    article = get_object_or_404(visible_articles(request.user).select_related("source"), pk=pk)
    citation = citations.citation_from_article(
        article,
        url=request.build_absolute_uri(article.get_absolute_url()),
        accessed=timezone.localdate(),
    )
    render, content_type = FORMATS[fmt]
    response = HttpResponse(render(citation), content_type=f"{content_type}; charset=utf-8")
    # An ASCII file name: Arabic titles make unreliable file names across browsers.
    response["Content-Disposition"] = f'attachment; filename="article-{article.pk}.{fmt}"'
    return response
