import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.intake.extract.pipeline import LanguageError
from solidarity.intake.extract.reading import ReadError, read_file
from solidarity.intake.services.ingest import ingest_text


class Command(BaseCommand):
    help = "Store documents as sources and propose the records they tell of, for review."
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--title", default="", help="title of the source (one file only)")
        parser.add_argument("--url", default="", help="address of the source (one file only)")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        if len(files) > 1 and (options["title"] or options["url"]):
            raise CommandError("--title and --url name one document; give one file with them")
        failed = 0
        for n, path in enumerate(files, 1):
            _progress(n - 1, len(files), path.name)
            try:
                done = ingest_text(
                    None, read_file(path), name=str(path),
                    title=options["title"], url=options["url"],
                )  # fmt: skip
            except (ReadError, LanguageError) as error:
                failed += 1
                message = str(error) if isinstance(error, ReadError) else f"{path}: {error}"
                self.stderr.write(f"\r{message}")
                continue
            if done.created:
                self.stdout.write(
                    f"\r{path}: source #{done.source.pk}, {done.proposals} proposals to review"
                )
            else:
                self.stdout.write(f"\r{path}: already ingested as source #{done.source.pk}")
        _progress(len(files), len(files), "")
        sys.stderr.write("\n")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be ingested")


def _progress(done: int, total: int, name: str) -> None:
    if not sys.stderr.isatty() and total < 2:
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}")
    sys.stderr.flush()
