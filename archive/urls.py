from django.urls import path, re_path

from archive.views import articles, citations, entities, feeds, stories

app_name = "archive"

urlpatterns = [
    path("", articles.home, name="home"),
    path("feed/", feeds.latest_feed, name="feed"),
    path("articles/<int:pk>/", articles.article_detail, name="article_short"),
    # Any extension, so an unknown one is a 404 rather than a slash-appending redirect.
    re_path(
        r"^articles/(?P<pk>[0-9]+)/cite\.(?P<fmt>[^/]*)$",
        citations.article_cite,
        name="article_cite",
    ),
    path("articles/<int:pk>/versions/<int:other>/", stories.story_compare, name="story_compare"),
    path("articles/<int:pk>/<str:slug>/", articles.article_detail, name="article"),
    path("entities/", entities.entity_index, name="entity_index"),
    path("entities/<int:pk>/", entities.entity_detail, name="entity_short"),
    # Before the slug route, which would otherwise take "feed" for a slug.
    path("entities/<int:pk>/feed/", feeds.entity_feed, name="entity_feed"),
    path("entities/<int:pk>/<str:slug>/", entities.entity_detail, name="entity"),
]
