"""/stats/ and /stats/<table>.csv: server-drawn SVG charts with their numbers, an "as of"
date and the method; undated first detentions as "date unknown"; no fictional person."""

from django.utils import timezone
from django.utils.formats import date_format

from solidarity.opendata import stats
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_person


def test_it_draws_each_chart_with_its_table_and_csv(client, world):
    body = client.get("/stats/").content.decode()
    assert body.count("<svg") == 5  # all but releases: there are none
    assert "<script" not in body
    assert "Behind bars now: <strong>2</strong> of 2" in body
    assert 'href="/stats/by_article.csv"' in body
    assert "Secretland" not in body


def test_it_speaks_russian(client, world):
    client.cookies["django_language"] = "ru"
    body = client.get("/stats/", headers={"accept-language": "ru"}).content.decode()
    assert "Статистика" in body


def test_it_gives_each_table_as_csv(client, world):
    response = client.get("/stats/by_region.csv")
    assert response.content.decode().splitlines() == [
        "key,label,count", "RU:Moscow,Moscow,1", "RU:Perm,Perm,1",
    ]  # fmt: skip
    assert client.get("/stats/nothing.csv").status_code == 404


def test_it_says_as_of_when_and_how_it_counts(client, world):
    body = client.get("/stats/").content.decode()
    today = timezone.localdate()
    assert f"As of {today.day} {date_format(today, 'E Y')}." in body
    assert "The registry last changed on" in body
    assert 'id="method"' in body and "How these figures are counted" in body
    assert 'href="/data/methodology/"' in body


def test_it_counts_an_undated_first_detention_as_date_unknown(client, world):
    carl = world["carl"]
    # Carl's first detention (order 0) has no date; a later one (order 1) has 2024.
    m.Event.objects.filter(person=carl).update(date=None)
    m.Event.objects.create(person=carl, type="detention", order=1,
                           date=PartialDate.parse("2024-02-01"))  # fmt: skip
    rows = {r["key"]: r["count"] for r in stats.by_detention_year()}
    assert rows == {"2023": 1, "unknown": 1}  # alice in 2023; carl never in 2024
    body = client.get("/stats/").content.decode()
    assert "date unknown" in body
    lines = client.get("/stats/by_detention_year.csv").content.decode().splitlines()
    assert lines == ["key,label,count", "2023,2023,1", "unknown,date unknown,1"]


def test_it_leaves_fictional_people_out_of_every_count(client, world, facility):
    fictional = make_person("Вымышленный Адресат", slug="fictional-addressee", status="colony",
                            region="Primersk region", facility=facility, is_demo=True)  # fmt: skip
    m.Person.objects.filter(pk=fictional.pk).update(is_fictional=True)
    article = m.Article.objects.get(code__code="RU", number="205.2")
    m.Charge.objects.create(person=fictional, case=world["case"], article=article)
    m.Event.objects.create(person=fictional, type="detention", date=PartialDate.parse("2020"))
    body = client.get("/stats/").content.decode()
    assert "Behind bars now: <strong>2</strong> of 2" in body
    assert "Primersk" not in body and "2020" not in body
    figures = client.get("/api/v1/stats").json()
    assert figures["total"] == 2 and figures["by_article"][0]["count"] == 2
    assert figures["as_of"]["date"] == timezone.localdate().isoformat()


def test_it_marks_the_demo_addressee_fictional_when_loading_the_demo(db):
    from solidarity.registry.demo import load_demo

    load_demo()
    assert list(m.Person.objects.filter(is_fictional=True).values_list("slug", flat=True)) == [
        "fictional-addressee"
    ]
    assert "fictional-addressee" not in str(stats.all_figures())
    assert m.Person.objects.counted().count() == m.Person.objects.public().count() - 1


def test_it_names_what_each_table_counts(client, world):
    import re

    body = client.get("/stats/").content.decode()
    heads = dict(re.findall(r'<section class="stat" id="(\w+)">.*?<th scope="col">[^<]*</th>'
                            r'<th scope="col">([^<]*)</th>', body, re.S))  # fmt: skip
    assert heads["by_status"] == "People"
    assert heads["new_cases_by_year"] == "Detentions"  # events, not people


def test_it_fits_a_long_russian_label_before_its_bar():
    from solidarity.opendata.charts import LABEL_CHARACTERS, LABEL_WIDTH, bar_chart

    label = "205.2 — Публичные призывы к осуществлению террористической деятельности"
    svg = str(bar_chart([{"label": label, "count": 3}], "Статьи"))
    shown = svg.split('font-size="12">', 1)[1].split("<", 1)[0]
    assert shown.endswith("…") and len(shown) == LABEL_CHARACTERS
    # 7.5 px a letter at 12 px: the text ends before the bars and starts inside the SVG.
    assert len(shown) * 7.5 <= LABEL_WIDTH - 6
    assert f"<title>{label}: 3</title>" in svg  # the whole label stays with the bar
