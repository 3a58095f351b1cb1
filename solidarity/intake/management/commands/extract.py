import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.intake.extract.pipeline import LanguageError, extract
from solidarity.intake.extract.reading import ReadError, read_file


class Command(BaseCommand):
    help = "Read one document (.txt, .md, .html, .pdf) and print the people, charges, "
    "sentences and events it tells of."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            result = extract(read_file(path), source=path)
        except (ReadError, LanguageError) as error:
            message = str(error) if isinstance(error, ReadError) else f"{path}: {error}"
            raise CommandError(message) from error
        if options["format"] == "json":
            public = {k: v for k, v in result.items()}
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
