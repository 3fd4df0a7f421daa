"""Search views (built out in the search issue)."""

from django.shortcuts import render


def search(request):
    return render(request, "search/search.html", {})
