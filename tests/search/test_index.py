"""The article index: what a document holds, and that it follows the database."""

import pytest
from django.db import transaction
from haystack import connections

from archive.models import Article, Entity, Mention
from search import signals
from search.forms import SearchForm
from search.indexing import index_apply_now
from search.models import IndexTask
from search.search_indexes import ArticleIndex
from search.selectors import search_execute, search_iter_article_ids
from tests.factories import article_create, entity_create
from tests.search.conftest import seed_title_body


def _found(**get) -> set[int]:
    form = SearchForm(get)
    assert form.is_valid(), form.errors
    return set(search_iter_article_ids(params=form.cleaned_data))


def _prepared(article) -> dict:
    index = connections["default"].get_unified_index().get_index(Article)
    current = index.index_queryset().get(pk=article.pk)
    return index.full_prepare(current)


def test_document_holds_title_body_date_source_and_entity_ids_by_kind(seeds):
    doc = _prepared(seeds.articles["004"])
    title, body = seed_title_body("004")
    assert doc["text"] == f"{title}\n{body}"
    assert doc["title"] == title
    assert doc["person"] == sorted(
        [str(seeds.entities[k].pk) for k in ("lavrov", "putin", "jaafari")], key=int
    )
    assert doc["place"] == sorted(
        [str(seeds.entities[k].pk) for k in ("moscow", "baghdad")], key=int
    )
    assert doc["organization"] == []
    assert "published_on" not in doc and "year" not in doc  # seed 004 states no date
    doc = _prepared(seeds.articles["003"])
    assert doc["year"] == "2020"
    assert doc["source"] == str(seeds.sources["tass"].pk)


def test_index_queryset_holds_published_articles_only(seeds):
    title, body = seed_title_body("001")
    draft = article_create(title=title, body=body + " مسودة", status=Article.Status.DRAFT)
    queryset = ArticleIndex().index_queryset()
    assert draft not in queryset
    assert set(queryset.values_list("pk", flat=True)) == seeds.ids(
        "000", "001", "002", "003", "004"
    )


def test_preparing_a_batch_reads_mentions_in_a_fixed_number_of_queries(
    seeds, django_assert_max_num_queries
):
    index = ArticleIndex()
    with django_assert_max_num_queries(2):
        docs = [index.full_prepare(article) for article in index.index_queryset()]
    assert len(docs) == 5


def test_publishing_a_draft_makes_it_searchable(seeds, django_capture_on_commit_callbacks):
    _title, body = seed_title_body("004")
    with django_capture_on_commit_callbacks(execute=True):
        draft = article_create(
            title="الجعفري يلتقي لافروف", body=body + " نسخة ثانية", status=Article.Status.DRAFT
        )
    assert draft.pk not in _found(q="لافروف")
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Article.Status.PUBLISHED
        draft.save()
    assert draft.pk in _found(q="لافروف")


def test_editing_the_title_is_reflected_in_search(seeds, django_capture_on_commit_callbacks):
    article = seeds.articles["004"]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "وزير الخارجية العراقي في موسكو"
        article.save()
    assert article.pk in _found(q="title:موسكو")
    assert article.pk not in _found(q="title:لافروف")


def test_unpublishing_removes_the_article_from_search(seeds, django_capture_on_commit_callbacks):
    article = seeds.articles["004"]
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.DRAFT
        article.save()
    assert article.pk not in _found(q="لافروف")
    assert _found(q="لافروف") == seeds.ids("003")


def test_deleting_removes_the_article_from_search(seeds, django_capture_on_commit_callbacks):
    article = seeds.articles["003"]
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert _found(q="لافروف") == seeds.ids("004")
    assert len(_found()) == 4


def test_a_new_mention_reindexes_its_article(seeds, django_capture_on_commit_callbacks):
    iraq_russia = entity_create(
        kind=Entity.Kind.ORGANIZATION,
        name="اللجنة العراقية الروسية المشتركة",
        name_en="Iraqi–Russian Joint Commission",
        name_ru="",
    )
    with django_capture_on_commit_callbacks(execute=True):
        for number in ("000", "001", "002"):
            Mention.objects.create(article=seeds.articles[number], entity=iraq_russia, count=1)
    assert _found(organization=str(iraq_russia.pk)) == seeds.ids("000", "001", "002")
    with django_capture_on_commit_callbacks(execute=True):
        Mention.objects.filter(article=seeds.articles["002"], entity=iraq_russia).delete()
    assert _found(organization=str(iraq_russia.pk)) == seeds.ids("000", "001")


def test_many_changes_in_one_transaction_queue_and_write_each_article_once(
    seeds, django_capture_on_commit_callbacks, monkeypatch
):
    place = Entity.Kind.PLACE
    basra = entity_create(kind=place, name="البصرة", name_en="Basra", name_ru="Басра")
    erbil = entity_create(kind=place, name="أربيل", name_en="Erbil", name_ru="Эрбиль")
    article = seeds.articles["002"]
    applied = []

    def counting_apply(*, article_ids):
        applied.extend(article_ids)
        return index_apply_now(article_ids=article_ids)

    monkeypatch.setattr(signals, "index_apply_now", counting_apply)
    with django_capture_on_commit_callbacks(execute=True):
        Mention.objects.create(article=article, entity=basra, count=1)
        Mention.objects.create(article=article, entity=erbil, count=1)
        article.save()
        assert IndexTask.objects.filter(article_id=article.pk).exists()
    assert applied.count(article.pk) == 1
    assert not IndexTask.objects.filter(article_id=article.pk).exists()
    assert _found(place=[str(basra.pk), str(erbil.pk)]) == seeds.ids("002")


def test_a_rolled_back_save_never_reaches_the_index(seeds, django_capture_on_commit_callbacks):
    _title, body = seed_title_body("001")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            article_create(title="مقال لم يحفظ عن لافروف", body=body + " نسخة")
            raise RuntimeError("editor cancelled")
    assert callbacks == []
    assert _found(q="لافروف") == seeds.ids("003", "004")


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_save_is_searchable_at_once(search_index):
    title, body = seed_title_body("004")
    article = article_create(title=title, body=body)
    assert _found(q="لافروف") == {article.pk}
    article.delete()
    assert _found(q="لافروف") == set()


def test_search_results_skip_documents_whose_article_is_gone(seeds):
    article = seeds.articles["004"]
    Article.objects.filter(pk=article.pk).delete()  # as if the index had drifted
    form = SearchForm({"q": "لافروف"})
    assert form.is_valid()
    results = search_execute(params=form.cleaned_data)
    assert [hit.article.pk for hit in results.hits] == [seeds.articles["003"].pk]
