from django.urls import path

from search import api, views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/help/", views.search_help, name="help"),
    path("api/search", api.api_search, name="api_search"),
    path("api/entities", api.api_entities, name="api_entities"),
]
