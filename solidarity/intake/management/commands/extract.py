import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.intake.extract.pipeline import LanguageError, extract
from solidarity.intake.extract.reading import ReadError, read_document


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--published {value!r}: give the date as YYYY-MM-DD") from error


class Command(BaseCommand):
    help = "Read one document (.txt, .md, .html, .pdf) and print the people, charges, "
    "sentences and events it tells of."
    requires_system_checks: list[str] = []  # reads a file; the web stack is not needed

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--published",
            metavar="YYYY-MM-DD",
            help="the document's publication date: gives dates written without a year their "
            "year (marked inferred). An HTML page's own date is used when this is not given.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        published = _date(options["published"]) if options.get("published") else None
        try:
            document = read_document(path)
            result = extract(document.text, source=path, published=published or document.published)
        except (ReadError, LanguageError) as error:
            message = str(error) if isinstance(error, ReadError) else f"{path}: {error}"
            raise CommandError(message) from error
        if options["format"] == "json":
            public = {k: v for k, v in result.items()}
            public["document"] = {
                "title": document.title, "publisher": document.publisher, "url": document.url,
                "published": (published or document.published or None) and str(
                    published or document.published
                ),
            }  # fmt: skip
            for facet in ("charges", "sentences", "events"):
                public[facet] = [
                    {k: v for k, v in row.items() if k not in ("start", "end", "sentence")}
                    for row in result[facet]
                ]
            self.stdout.write(json.dumps(public, ensure_ascii=False))
            return
        self.stdout.write(human(result))


def human(result: dict[str, Any]) -> str:
    lines = [f"{result['source']} ({result['language']})", "", "People:"]
    lines += [
        f"  {p['name']} ({p['name_latin']}), {len(p['mentions'])} mentions"
        for p in result["persons"]
    ]
    lines += ["", "Charges:"]
    lines += [
        f"  {c['person']}: art. {c['article']}"
        + (f" part {c['part']}" if c["part"] else "")
        + f"  « {c['evidence']} »"
        for c in result["charges"]
    ]
    lines += ["", "Sentences:"]
    lines += [
        f"  {s['person']}: {s['months']} months"
        + (f", {s['regime']}" if s["regime"] else "")
        + f"  « {s['evidence']} »"
        for s in result["sentences"]
    ]
    lines += ["", "Events:"]
    lines += [
        f"  {e['date'] or '(no date)'}  {e['person']}: {e['type']}"
        + (f" at {e['facility']}" if e["facility"] else "")
        + (f" in {e['place']}" if e["place"] else "")
        for e in result["events"]
    ]
    for facet in ("organizations", "cases", "facilities", "places"):
        if result[facet]:
            lines += ["", facet.capitalize() + ": " + ", ".join(x["name"] for x in result[facet])]
    return "\n".join(lines)
