from django.urls import path

from archive.views import articles, entities

app_name = "archive"

urlpatterns = [
    path("", articles.home, name="home"),
    path("articles/<int:pk>/", articles.article_detail, name="article_short"),
    path("articles/<int:pk>/<str:slug>/", articles.article_detail, name="article"),
    path("entities/<int:pk>/", entities.entity_detail, name="entity_short"),
    path("entities/<int:pk>/<str:slug>/", entities.entity_detail, name="entity"),
]
