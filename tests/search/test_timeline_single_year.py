"""A search whose dated results all fall in one year: the chart draws that year's months.

Seeds: 000 is dated 2021-11-30, 001 2021-04-22, 003 2020-11-25; 002 and 004 state no date.
"""

from django.urls import reverse

URL = reverse("search:search")


def _search(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response, response.context["results"], response.context["timeline"]


def test_results_of_several_years_keep_the_year_chart(client, seeds):
    _response, results, timeline = _search(client, {"q": "بوتين"})
    assert set(results.year_counts) == {2020, 2021}
    assert timeline.level == "year"


def test_results_of_one_year_are_drawn_month_by_month(client, seeds):
    _response, results, timeline = _search(client, {"q": "لافروف"})
    assert results.year_counts == {2020: 1}
    assert timeline.level == "month"
    assert [bar.period for bar in timeline.bars] == [(2020, month) for month in range(1, 13)]
    assert {bar.period: bar.count for bar in timeline.bars if bar.count} == {(2020, 11): 1}
    assert "2020" in timeline.summary


def test_the_months_of_the_one_year_link_to_their_dates_and_nothing_goes_up(client, seeds):
    response, _results, timeline = _search(client, {"q": "لافروف"})
    assert 'class="timeline__up"' not in response.content.decode()
    (november,) = [bar for bar in timeline.bars if bar.href]
    followed = client.get(november.href)
    assert followed.status_code == 200
    assert [hit.article.published_on.isoformat() for hit in followed.context["results"].hits] == [
        "2020-11-25"
    ]


def test_undated_results_are_still_said_beside_the_months(client, seeds):
    response, results, timeline = _search(client, {"q": "لافروف"})
    assert results.count == 2, "seed 003 (dated) and seed 004 (undated)"
    assert timeline.undated == 1
    assert timeline.undated_note in response.content.decode()
