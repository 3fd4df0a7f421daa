from django.urls import path

from search import api, views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/help/", views.search_help, name="help"),
    path("search/export.<str:fmt>", views.search_export, name="export"),
    path("search/feed/", views.search_feed, name="feed"),
    path("api/search", api.api_search, name="api_search"),
    path("api/entities", api.api_entities, name="api_entities"),
]
