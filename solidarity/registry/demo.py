"""The demo registry: only what the interview in data/demo/ says, every fact quoted from it.

Where the interview gives no date, the event has none; its order follows the telling.
Run again, it replaces the demo rows it made before and touches nothing else.
"""

from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.dispatch import Signal

from solidarity.accounts import audit

from . import models as m
from .partial_date import PartialDate

INTERVIEW = Path(__file__).parent / "data" / "demo" / "interview-skoryakin-kozak.en.txt"

SOURCE = {
    "title": "Freedom in Captivity. Solidarity Without Borders: Lev Skoryakin and Denis Kozak",
    "publisher": "Not Today, Not Yesterday, Not Tomorrow",
    "language": "en",
}

FACILITIES: list[dict[str, Any]] = [
    {
        "slug": "sizo-kapotnya-moscow", "kind": "sizo", "name_en": "SIZO “Kapotnya”",
        "name_ru": "СИЗО «Капотня»", "country": "RU", "region": "Moscow",
        "aliases": ["Kapotnya", "Капотня"],
    },
    {
        "slug": "sizo-2-butyrka-moscow", "kind": "sizo", "number": "2",
        "name_en": "SIZO-2 “Butyrka”", "name_ru": "СИЗО-2 «Бутырка»", "country": "RU",
        "region": "Moscow", "aliases": ["Butyrka", "Бутырка"],
    },
    {
        "slug": "sizo-bishkek", "kind": "foreign_remand", "name_en": "SIZO in Bishkek",
        "name_ru": "СИЗО в Бишкеке", "country": "KG", "region": "Bishkek", "aliases": [],
    },
]  # fmt: skip

CASES: list[dict[str, Any]] = [
    {
        "slug": "left-block-fsb-banner", "name_en": "Left Block banner action near the FSB",
        "name_ru": "Дело об акции «Левого блока» у здания ФСБ", "country": "RU",
        "description_en": "A banner lit with flares near an FSB building at the end of 2021. "
        "Investigators first spoke of extremism, then charged hooliganism only.",
        "description_ru": "Баннер с фаерами у здания ФСБ в конце 2021 года. Сначала следствие "
        "говорило об экстремизме, затем обвинение свелось к хулиганству.",
        "quote": "At the end of 2021, several people from the “Left Block” decided to do an "
        "action: unfurl a banner near one of the FSB buildings and light it up with flares",
    },
    {
        "slug": "denis-kozak-justification", "name_en": "Denis Kozak: a comment on Zhlobitsky",
        "name_ru": "Дело Дениса Козака: комментарий о Жлобицком", "country": "RU",
        "region": "Rostov region",
        "description_en": "A comment under a post about Mikhail Zhlobitsky was charged as "
        "justification of terrorism.",
        "description_ru": "Комментарий под постом о Михаиле Жлобицком квалифицирован как "
        "оправдание терроризма.",
        "quote": "Denis once commented on a post about the self-detonation of anarchist "
        "Mikhail Zhlobitsky in the FSB building—that was enough to put him on the wanted list.",
    },
    {
        "slug": "antifa-united", "name_en": "Antifa United", "name_ru": "Дело «Antifa United»",
        "country": "RU", "region": "Rostov region",
        "description_en": "Rostov anti-fascists who ran a Telegram and VKontakte community and "
        "made merchandise, charged with organising an extremist community.",
        "description_ru": "Ростовские антифашисты, сообщество в Telegram и ВКонтакте, мерч; "
        "обвинение в организации экстремистского сообщества.",
        "quote": "They were detained and are being charged with organizing an extremist "
        "community.",
    },
    {
        "slug": "network-case", "name_en": "“Network” case", "name_ru": "Дело «Сети»",
        "country": "RU", "quote": "Azat Miftakhov, Antifa United, the “Network” case",
    },
    {
        "slug": "chita-anarchists", "name_en": "Persecution of anarchists in Chita",
        "name_ru": "Преследование анархистов в Чите", "country": "RU", "region": "Chita",
        "quote": "the persecution of anarchists in Chita",
    },
    {
        "slug": "tyumen-case", "name_en": "“Tyumen case”", "name_ru": "«Тюменское дело»",
        "country": "RU", "region": "Tyumen",
        "quote": "The most prominent anarchist cases in Russia are the “Tyumen case,”",
    },
    {
        "slug": "azat-miftakhov-case", "name_en": "Azat Miftakhov case",
        "name_ru": "Дело Азата Мифтахова", "country": "RU",
        "quote": "the Azat Miftakhov case",
    },
    {
        "slug": "siberian-anti-fascists", "name_en": "“Siberian anti-fascists”",
        "name_ru": "«Сибирские антифашисты»", "country": "RU",
        "description_en": "Accused of terrorism.", "description_ru": "Обвиняются в терроризме.",
        "quote": "the case of the “Siberian anti-fascists,” who are accused of terrorism",
    },
    {
        "slug": "bolotnaya-case", "name_en": "“Bolotnaya case”", "name_ru": "«Болотное дело»",
        "country": "RU", "region": "Moscow",
        "quote": "Previously, they were participants in the “Bolotnaya case,”",
    },
]  # fmt: skip

PEOPLE: list[dict[str, Any]] = [
    {
        "slug": "lev-skoryakin", "name": "Лев Скорякин", "name_latin": "Lev Skoryakin",
        "status": "emigrated", "country": "RU", "tags": ["anarchist", "left"],
        "cases": ["left-block-fsb-banner"],
        "story_en": "A former activist of the libertarian-left “Left Block”. Detained over a "
        "street action against the FSB and sentenced to 5.5 years for hooliganism; he served "
        "about a third of the term. Caught again in Kyrgyzstan on Russia's international "
        "wanted list, he later reached Germany and lives in Berlin.",
        "story_ru": "Бывший активист либертарно-левой организации «Левый блок». Задержан за "
        "уличную акцию против ФСБ, приговорён к 5,5 годам за хулиганство; отбыл около трети "
        "срока. Был снова задержан в Киргизии по международному розыску России, затем "
        "добрался до Германии и живёт в Берлине.",
        "quotes": ["Now Lev lives in Berlin.", "I am a former activist of the now-defunct "
                   "organization “Left Block.”"],
        "charges": [{"article": "213", "case": "left-block-fsb-banner", "status": "convicted",
                     "quote": "I was given 5.5 years in prison for hooliganism."}],
        "sentences": [{"case": "left-block-fsb-banner", "years": 5, "months": 6,
                       "quote": "He was sentenced to 5.5 years in prison."}],
        "events": [
            ("detention", None, "", None, "Detained over a street action against the FSB.",
             "Задержан за уличную акцию против ФСБ.",
             "Lev Skoryakin was detained for a street action against the FSB."),
            ("custody", None, "Moscow", "sizo-kapotnya-moscow",
             "Held in the Kapotnya remand prison in Moscow.",
             "Содержался в СИЗО «Капотня» в Москве.",
             "I was in two Moscow SIZOs (remand prisons). One was Kapotnya"),
            ("transfer", None, "Moscow", "sizo-2-butyrka-moscow",
             "Held in Butyrka, the second of two Moscow remand prisons.",
             "Второй СИЗО — «Бутырка».", "The second SIZO was Butyrka."),
            ("sentence", None, "", None, "Sentenced to 5.5 years for hooliganism.",
             "Приговорён к 5,5 годам за хулиганство.",
             "I was given 5.5 years in prison for hooliganism."),
            ("release", None, "", None,
             "Released with his co-defendant under a travel restriction after about nine "
             "months in detention.",
             "Освобождён вместе с подельником под подписку о невыезде, проведя в заключении "
             "около девяти месяцев.",
             "my co-defendant and I were released under a travel restriction"),
            ("emigration", None, "Kyrgyzstan", None, "Left Russia for Kyrgyzstan.",
             "Уехал из России в Киргизию.",
             "I left for Kyrgyzstan after the investigation in Russia ended"),
            ("wanted", None, "", None, "Placed on Russia's international wanted list.",
             "Объявлен Россией в международный розыск.",
             "In Russia, I was placed on an international wanted list…"),
            ("detention", None, "Bishkek", "sizo-bishkek",
             "Caught by surveillance cameras in Kyrgyzstan; held three months in the general "
             "block of the Bishkek remand prison.",
             "Задержан в Киргизии с помощью камер наблюдения; три месяца провёл в общем блоке "
             "СИЗО Бишкека.", "Lev was detained again for 3 months."),
            ("extradition", None, "", None,
             "Taken from Kyrgyzstan to Russia, tortured at the airport and put in a remand "
             "prison.",
             "Вывезен из Киргизии в Россию, в аэропорту подвергся пыткам, помещён в СИЗО.",
             "I was effectively snatched from one country (Kyrgyzstan) and brought to Russia, "
             "where I was tortured at the airport, put in a SIZO"),
            ("release", None, "", None, "Released after a few months with a fine.",
             "Освобождён через несколько месяцев со штрафом.",
             "released after a few months with a fine"),
            ("emigration", None, "Berlin", None, "Left Russia for Germany; lives in Berlin.",
             "Уехал из России в Германию, живёт в Берлине.",
             "I managed to evacuate from Russia to Germany."),
        ],
    },
    {
        "slug": "denis-kozak", "name": "Денис Козак", "name_latin": "Denis Kozak",
        "status": "emigrated", "country": "RU", "region": "Rostov region",
        "tags": ["anarchist"], "cases": ["denis-kozak-justification"],
        "story_en": "A Rostov anarchist charged with “justification of terrorism” for a "
        "comment about Mikhail Zhlobitsky. Sent home under house arrest, he left for "
        "Kazakhstan, where he was arrested at Russia's request on 9 February 2023. Human "
        "rights defenders won his release under Kazakhstan's law on refugees after a year, "
        "and he flew to Berlin.",
        "story_ru": "Ростовский анархист, обвинённый в «оправдании терроризма» за комментарий "
        "о Михаиле Жлобицком. Отпущенный под домашний арест, уехал в Казахстан, где 9 "
        "февраля 2023 года был задержан по запросу России. Правозащитники добились его "
        "освобождения по закону Казахстана о беженцах через год, и он улетел в Берлин.",
        "quotes": ["Rostov anarchist Denis Kozak was caught with the help of his sister"],
        "charges": [{"article": "205.2", "case": "denis-kozak-justification",
                     "status": "charged",
                     "quote": "charged him with “justification of terrorism.”"}],
        "sentences": [],
        "events": [
            ("detention", None, "Rostov region", None,
             "Detained at a comrade's house and questioned by Center E for 6–7 hours without "
             "a lawyer.",
             "Задержан в доме товарища, 6–7 часов допрашивался центром «Э» без адвоката.",
             "On the day of my detention, I was at a comrade’s house in the Rostov region."),
            ("house_arrest", None, "Rostov region", None, "Sent home under house arrest.",
             "Отпущен домой под домашний арест.",
             "They told me, “Go home, house arrest, people will come to you.”"),
            ("charge", None, "", None, "Charged with justification of terrorism.",
             "Обвинён в оправдании терроризма.",
             "charged him with “justification of terrorism.”"),
            ("wanted", None, "", None, "Put on the wanted list.", "Объявлен в розыск.",
             "that was enough to put him on the wanted list"),
            ("emigration", None, "Kazakhstan", None, "Left Russia for Kazakhstan.",
             "Уехал из России в Казахстан.",
             "So I decided to leave Russia and went to Kazakhstan."),
            ("detention", "2023-02-09", "Kazakhstan", None,
             "Kazakh security forces took him from his flat at Russia's request.",
             "Казахстанские силовики забрали его из квартиры по запросу России.",
             "On February 9, 2023, Kazakh security forces simply walked into the apartment, "
             "woke me up, and took me to the station, from which I did not return."),
            ("extradition", None, "Kazakhstan", None,
             "Russia sought his return; Kazakh officials were unsure of the charges.",
             "Россия добивалась его выдачи; казахстанские власти сомневались в обвинении.",
             "The latter were confused by the charges against Kozak and apparently thought "
             "about how not to extradite him."),
            ("release", None, "Kazakhstan", None,
             "Released under Kazakhstan's law on refugees.",
             "Освобождён по закону Республики Казахстан о беженцах.",
             "They secured my release through the Republic of Kazakhstan’s law on refugees."),
            ("emigration", None, "Berlin", None, "Flew to Berlin after a year under arrest.",
             "Улетел в Берлин после года под арестом.",
             "after a year under arrest in a republic friendly to Russia, Denis was able to "
             "fly to Berlin"),
        ],
    },
    {
        "slug": "azat-miftakhov", "name": "Азат Мифтахов", "name_latin": "Azat Miftakhov",
        "status": "unknown", "country": "RU", "tags": ["anarchist"],
        "cases": ["azat-miftakhov-case"],
        "quotes": ["Among anarchists, Azat Miftakhov is a clear example"],
        "events": [
            ("solitary", None, "", None,
             "Repeatedly sent to the punishment cell (SHIZO) for 15 days on formal pretexts.",
             "Неоднократно помещался в ШИЗО на 15 суток по формальным поводам.",
             "Azat Miftakhov is a clear example of someone who was sent to the SHIZO even for "
             "forgetting to put on a jacket or putting it on at the wrong time."),
        ],
    },
    {
        "slug": "darya-kozyreva", "name": "Дарья Козырева", "name_latin": "Darya Kozyreva",
        "status": "detained", "country": "RU", "tags": ["left"], "cases": [],
        "events": [
            ("detention", None, "", None, "Detained for a poem about Taras Shevchenko.",
             "Задержана за стихотворение о Тарасе Шевченко.",
             "Darya Kozyreva was detained for a poem about Taras Shevchenko."),
        ],
    },
    {
        "slug": "egor-balazeykin", "name": "Егор Балазейкин", "name_latin": "Egor Balazeykin",
        "status": "unknown", "country": "RU", "tags": [], "cases": [],
        "story_en": "A 16-year-old who holds libertarian ideas, prosecuted for trying to set "
        "fire to a military recruitment office.",
        "story_ru": "16-летний подросток либертарных взглядов, преследуемый за попытку поджечь "
        "военкомат.",
        "quotes": ["Egor is a 16-year-old youth whose life was ruined for trying to set fire "
                   "to a military recruitment office."],
        "events": [],
    },
    {
        "slug": "alexei-rozhkov", "name": "Алексей Рожков", "name_latin": "Alexei Rozhkov",
        "status": "unknown", "country": "RU", "tags": ["anarchist"], "cases": [],
        "story_en": "Supported by Solidarity Zone; like Lev Skoryakin, taken out of "
        "Kyrgyzstan.",
        "story_ru": "Его поддерживает «Зона солидарности»; как и Лев Скорякин, был вывезен из "
        "Киргизии.",
        "quotes": ["“Solidarity Zone” supports many imprisoned anarchists, for example, "
                   "Alexei Rozhkov."],
        "events": [
            ("extradition", None, "Kyrgyzstan", None, "Taken out of Kyrgyzstan.",
             "Вывезен из Киргизии.", "he was also taken out of Kyrgyzstan"),
        ],
    },
    {
        "slug": "ruslan-sidiki", "name": "Руслан Сидики", "name_latin": "Ruslan Sidiki",
        "status": "unknown", "country": "RU", "tags": ["anarchist"], "cases": [],
        "quotes": ["Ruslan Sidiki—he has several episodes"],
        "events": [],
    },
]  # fmt: skip


# Nobody in the interview can receive letters (they are free), so the demo adds one person
# who is plainly not real, in a colony that does not exist, to try the letter form on.
FICTIONAL_FACILITY: dict[str, Any] = {
    "slug": "ik-0-fictional", "kind": "ik", "number": "0", "regime": "general",
    "name_en": "IK-0 (fictional colony)", "name_ru": "ИК-0 (вымышленная колония)",
    "country": "RU", "region": "Primersk region",
    "postal_address": "ул. Примерная, д. 0\nг. Примерск, Примерская обл.\n000000",
}  # fmt: skip
FICTIONAL_PERSON: dict[str, Any] = {
    "slug": "fictional-addressee", "name": "Вымышленный Адресат",
    "name_latin": "Fictional Addressee", "full_name": "Адресатов Вымышлен Демович",
    "country": "RU", "region": "Primersk region",
    "story_en": "Not a real person. Added to the demo so that the letter form, translation, "
    "moderation and printing can be tried; letters to this address go nowhere.",
    "story_ru": "Это не настоящий человек. Добавлен в демо, чтобы можно было попробовать "
    "форму письма, перевод, модерацию и печать; письма по этому адресу никуда не уходят.",
}  # fmt: skip


def _cite(source: m.Source, fact: models.Model, quote: str, field: str = "") -> None:
    citation = m.Citation(source=source, fact=fact, quote=quote, field=field)
    citation.full_clean(exclude=["content_type", "object_id"])
    citation.save()


# Sent before the demo's people are deleted, so that apps above the registry (letters)
# delete their own rows of demo people first. sender=None.
demo_clearing = Signal()


def _clear() -> None:
    m.Citation.objects.filter(source__is_demo=True).delete()
    demo_clearing.send(None)
    m.Person.objects.filter(is_demo=True).delete()
    m.Case.objects.filter(is_demo=True).delete()
    m.Facility.objects.filter(is_demo=True).delete()
    m.Source.objects.filter(is_demo=True).delete()


@transaction.atomic
def load_demo() -> dict[str, int]:
    _clear()
    source = m.Source.objects.create(
        **SOURCE, text=INTERVIEW.read_text(encoding="utf-8"), is_demo=True
    )
    facilities = {}
    for raw in FACILITIES:
        data = dict(raw)
        aliases = data.pop("aliases")
        facility = m.Facility.objects.create(**data, is_demo=True)
        for alias in aliases:
            m.FacilityAlias.objects.create(facility=facility, name=alias)
        facilities[facility.slug] = facility
    cases = {}
    for raw in CASES:
        data = dict(raw)
        quote = data.pop("quote")
        # Every demo case is named in the published interview: public on its own.
        case = m.Case.objects.create(**data, is_demo=True, publish=True)
        _cite(source, case, quote)
        cases[case.slug] = case
    statuses = {s.code: s for s in m.PersonStatus.objects.all()}
    tags = {t.slug: t for t in m.Tag.objects.all()}
    counts = {"people": 0, "events": 0, "citations": 0}
    for raw in PEOPLE:
        person = m.Person.objects.create(
            slug=raw["slug"],
            name=raw["name"],
            name_latin=raw["name_latin"],
            status=statuses[raw["status"]],
            country=raw.get("country", ""),
            region=raw.get("region", ""),
            story_en=raw.get("story_en", ""),
            story_ru=raw.get("story_ru", ""),
            consent_publish_name=True,
            # Both men told the story of where they were held in public; the others are
            # named by them, so only their names are published.
            consent_publish_address=raw["slug"] in {"lev-skoryakin", "denis-kozak"},
            is_demo=True,
        )
        person.tags.set([tags[t] for t in raw["tags"]])
        for slug in raw["cases"]:
            m.CaseDefendant.objects.create(case=cases[slug], person=person)
        for quote in raw.get("quotes", []):
            _cite(source, person, quote)
        for charge_data in raw.get("charges", []):
            charge = m.Charge.objects.create(
                person=person,
                case=cases[charge_data["case"]],
                article=m.Article.objects.get(code__code="RU", number=charge_data["article"]),
                status=charge_data["status"],
            )
            _cite(source, charge, charge_data["quote"])
        for sentence_data in raw.get("sentences", []):
            sentence = m.Sentence(
                person=person,
                case=cases[sentence_data["case"]],
                years=sentence_data["years"],
                months=sentence_data["months"],
            )
            sentence.full_clean()
            sentence.save()
            _cite(source, sentence, sentence_data["quote"])
        for order, (kind, date, place, facility, text_en, text_ru, quote) in enumerate(
            raw["events"], start=1
        ):
            event = m.Event.objects.create(
                person=person,
                case=cases[raw["cases"][0]] if raw["cases"] else None,
                facility=facilities.get(facility or ""),
                type=kind,
                date=PartialDate.parse(date) if date else None,
                order=order,
                place=place,
                text_en=text_en,
                text_ru=text_ru,
            )
            _cite(source, event, quote)
            counts["events"] += 1
        counts["people"] += 1
    fictional_facility = m.Facility.objects.create(**FICTIONAL_FACILITY, is_demo=True)
    m.Person.objects.create(
        **FICTIONAL_PERSON,
        status=statuses["colony"],
        birth_date=PartialDate(1990),
        facility=fictional_facility,
        accepts_letters=True,
        consent_publish_name=True,
        consent_publish_address=True,
        is_demo=True,
        is_fictional=True,
    )
    counts["fictional people"] = 1
    counts["cases"] = len(cases)
    counts["facilities"] = len(facilities)
    counts["citations"] = m.Citation.objects.filter(source=source).count()
    audit.record(None, "registry.demo.load", details=counts)
    return counts
