from django.core.management import call_command

from solidarity.registry import models as m
from solidarity.registry.demo import load_demo


def test_it_loads_the_interview_with_every_fact_cited(db):
    counts = load_demo()
    assert counts["people"] == 7
    lev = m.Person.objects.get(slug="lev-skoryakin")
    sentence = lev.sentences.get()
    assert (sentence.years, sentence.months) == (5, 6)
    assert lev.charges.get().article.number == "213"
    kozak = m.Person.objects.get(slug="denis-kozak")
    assert kozak.charges.get().article.number == "205.2"
    assert kozak.events.filter(date="2023-02-09", type="detention").exists()
    source = m.Source.objects.get(is_demo=True)
    for citation in m.Citation.objects.all():
        assert source.text[citation.start : citation.end] == citation.quote
    for event in m.Event.objects.all():
        assert m.Citation.objects.filter(object_id=event.pk, content_type__model="event")
    # Nothing invented: only Kozak's detention in Kazakhstan has a date in the interview.
    assert list(m.Event.objects.exclude(date=None).values_list("date", flat=True)) == [
        m.Event._meta.get_field("date").to_python("2023-02-09")
    ]
    assert not m.Person.objects.filter(is_demo=False).exists()


def test_it_reloads_without_duplicates_and_keeps_other_data(alice):
    load_demo()
    call_command("load_demo", verbosity=0)
    assert m.Person.objects.filter(is_demo=True).count() == 8  # 7 from the interview, 1 fictional
    assert m.Source.objects.count() == 1
    assert m.Person.objects.filter(slug="alisa-andreeva").exists()


def test_it_shows_the_demo_notice_and_the_pages(client, db):
    load_demo()
    body = client.get("/prisoners/lev-skoryakin/").content.decode()
    assert "Demo data" in body
    assert "5 years 6 months" in body
    assert "/facilities/sizo-kapotnya-moscow/" in body
    assert client.get("/prisoners/?q=Скорякина").context["page"].paginator.count == 1
    assert client.get("/facilities/sizo-2-butyrka-moscow/").status_code == 200
    assert client.get("/cases/antifa-united/").status_code == 200
