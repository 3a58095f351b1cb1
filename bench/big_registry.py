"""A large synthetic registry for the scaling rows of bench/ratios.py, written with COPY.

    .venv/bin/python bench/ratios.py --scale 5000,1000000 --only-scale \
        --database-url postgres://postgres@127.0.0.1:5432/solidarity_perf_bench

bench/registry.py builds model instances (about 100 s for 50,000 people) and draws its
surnames from 400 forms; this module writes plain tuples through solidarity/bulk.py (COPY
on PostgreSQL, executemany on SQLite) and draws surnames from about 11,000 forms (2,200
roots, five endings, male and female) with a Zipf-like spread, exponent 0.7: the commonest
form is 1.9 % of people, the hundred commonest 20 %, thousands occur a few times or not at
all (at 1,000,000 people: about 17,000 distinct surnames in Latin). Per person: one tag,
one case, one or two charges, two events (one a detention). No citations or sources: the
list and search pages do not read them. Values are built once per distinct word (search
keys, Latin spelling).
"""

from __future__ import annotations

import bisect
import itertools
import random
import sys
import time
from collections.abc import Iterator
from functools import cache
from typing import Any

from registry import (
    ARTICLES,
    COUNTRY_OF,
    FIRST_F,
    FIRST_M,
    REGIONS,
    ROOTS,
    SUFFIXES_F,
    SUFFIXES_M,
    progress,
)

# Syllables that make surname roots besides the 80 of bench/registry.py.
HEADS = ("Бар Бел Бор Вас Вел Вол Гал Гор Гром Дав Дем Дор Ев Жар Жел Зай Зах Зим Кал Кар "
         "Ким Клим Кол Кор Крас Куд Лав Лап Лис Мал Мар Мед Мир Мох Нас Нев Ник Ост Пан Пес "
         "Пот Рад Раз Рус Сав Сел Сим Ско Сол Суб Тал Тем Тих Тур Уш Фед Фил Хар Хол Чер "
         "Чуд Шап Шир Щег Юр Яков Ярц").split()  # fmt: skip
TAILS = ("ан ар ач ев ен ер ик ил ин ищ ков ник ов ок ол он ор ох уг ул ун ур уш ых ыш як "
         "ел ёв ц инк шин ч").split()  # fmt: skip
BATCH = 50_000


def surname_roots() -> list[str]:
    """About 2,400 roots, the commonest first (the old bench roots lead)."""
    made = [h + t.lower() for h, t in itertools.product(HEADS, TAILS)]
    rng = random.Random(3)
    rng.shuffle(made)
    return list(dict.fromkeys([*ROOTS, *made]))


def zipf_weights(count: int, exponent: float = 0.7) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def batched(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def generate(people: int, seed: int = 7) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from solidarity import bulk
    from solidarity.registry import models as m
    from solidarity.registry.names import index_terms, readable_latin

    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic(), connection.cursor() as cursor:
        tables = [model._meta.db_table for model in (
            m.Citation, m.Event, m.Charge, m.CaseDefendant, m.PersonSearchTerm,
            m.Person.tags.through, m.Person, m.Case, m.Facility, m.Source)]  # fmt: skip
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608
    statuses = list(m.PersonStatus.objects.values_list("id", flat=True))
    tags = list(m.Tag.objects.values_list("id", flat=True))
    articles = list(
        m.Article.objects.filter(code__code="RU", number__in=ARTICLES).values_list("id", flat=True)
    )
    facilities = [f.id for f in m.Facility.objects.bulk_create(
        [m.Facility(slug=f"facility-{i}", kind=rng.choice(["sizo", "ik", "ivs"]),
                    name_en=f"Facility {i}", name_ru=f"Учреждение {i}", country="RU",
                    region=rng.choice(REGIONS), postal_address=f"ул. Лагерная, д. {i}")
         for i in range(800)])]  # fmt: skip
    case_count = max(1, people // 10)
    case_ids = bulk.reserve_ids(m.Case, case_count)
    with transaction.atomic():
        bulk.insert_rows(
            m.Case, ["id", "slug", "name_en", "name_ru", "country", "region", "description_en",
                     "description_ru", "publish", "is_demo"],
            ((cid, f"case-{i}", f"Case {i}", f"Дело {i}", "RU", rng.choice(REGIONS), "", "",
              True, False) for i, cid in enumerate(case_ids)),
        )  # fmt: skip

    roots = surname_roots()
    # Ranked by a shuffle, not root by root: -ов, -ин, -ский of one root are not the three
    # commonest surnames. The old bench roots keep the first ranks.
    forms = [(root, n) for root in roots for n in range(len(SUFFIXES_M))]
    head, tail = forms[: len(ROOTS) * len(SUFFIXES_M)], forms[len(ROOTS) * len(SUFFIXES_M) :]
    random.Random(5).shuffle(head)
    random.Random(6).shuffle(tail)
    forms = head + tail
    cum = list(itertools.accumulate(zipf_weights(len(forms))))
    total = cum[-1]

    @cache
    def word_terms(word: str) -> frozenset[str]:
        return frozenset(index_terms([word]))

    @cache
    def latin(word: str) -> str:
        return readable_latin(word)

    # A template row with every column's prepared default; each person overrides a few.
    fields = [f for f in m.Person._meta.concrete_fields]
    template = m.Person(status_id=statuses[0], slug="x", name="x", name_latin="x")
    now = timezone.now()
    base = []
    for f in fields:
        value = now if f.name in ("created_at", "updated_at") else getattr(template, f.attname)
        base.append(f.get_db_prep_save(value, connection))
    column = {f.name: i for i, f in enumerate(fields)}
    columns = [f.column for f in fields]

    person_ids = bulk.reserve_ids(m.Person, people)
    made = 0
    for chunk in batched(iter(person_ids), BATCH):
        rows, terms, links, defendants, charges, events = [], [], [], [], [], []
        for pk in chunk:
            female = rng.random() < 0.3
            first = rng.choice(FIRST_F if female else FIRST_M)
            root, n = forms[min(len(forms) - 1, bisect.bisect(cum, rng.random() * total))]
            surname = root + (SUFFIXES_F if female else SUFFIXES_M)[n]
            name = f"{first} {surname}"
            name_latin = f"{latin(first)} {latin(surname)}"
            region = rng.choice(REGIONS)
            row = list(base)
            row[column["id"]] = pk
            row[column["slug"]] = f"p{pk}-{name_latin.lower().replace(' ', '-')}"[:80]
            row[column["name"]] = name_latin if rng.random() < 0.3 else name
            row[column["name_latin"]] = name_latin
            row[column["status"]] = rng.choice(statuses)
            row[column["country"]] = COUNTRY_OF.get(region, "RU")
            row[column["region"]] = region
            row[column["facility"]] = rng.choice(facilities)
            row[column["consent_publish_name"]] = rng.random() < 0.9
            row[column["consent_publish_address"]] = rng.random() < 0.6
            rows.append(tuple(row))
            for term in (
                word_terms(first)
                | word_terms(surname)
                | word_terms(latin(first))
                | (word_terms(latin(surname)))
            ):
                terms.append((pk, term))
            links.append((pk, rng.choice(tags)))
            case = rng.choice(case_ids)
            defendants.append((case, pk))
            for article in rng.sample(articles, rng.choice([1, 1, 2])):
                charges.append((pk, case, article, rng.choice(["", "1", "2"]), "", None, "charged"))
            year = rng.randint(2012, 2026)
            events.append((pk, "detention", f"{year}-{rng.randint(1, 12):02d}", 0, region, "",
                           "Synthetic event.", None))  # fmt: skip
            day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            events.append((pk, "custody", day, 0, region, "", "Synthetic event.", None))
        with transaction.atomic():
            bulk.insert_rows(m.Person, columns, rows)
            bulk.insert_rows(m.PersonSearchTerm, ["person_id", "term"], terms)
            bulk.insert_rows(m.Person.tags.through, ["person_id", "tag_id"], links)
            bulk.insert_rows(m.CaseDefendant, ["case_id", "person_id"], defendants)
            bulk.insert_rows(m.Charge, ["person_id", "case_id", "article_id", "part", "stage",
                                        "date", "status"], charges)  # fmt: skip
            bulk.insert_rows(m.Event, ["person_id", "type", "date", "order", "place", "text_ru",
                                       "text_en", "facility_id"], events)  # fmt: skip
        made += len(chunk)
        progress("people", made, people)
    print(f"wrote {people:,} people in {time.perf_counter() - started:.0f} s", file=sys.stderr)
