import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.opendata.importing import ORDER, ImportFailed, Problem, _check_size, read, run


class Command(BaseCommand):
    help = (
        "Import a CSV or JSON file (or a folder of <table>.csv, or a JSON export): new "
        "records are created, known identifiers updated; one bad row and nothing is written."
    )
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--table", choices=ORDER, help="what a CSV file holds (default: "
                            "from its name, else people)")  # fmt: skip
        parser.add_argument(
            "--map", action="append", default=[], metavar="THEIRS=OURS",
            help="read column THEIRS as OURS, e.g. --map 'ФИО=name' (repeatable)",
        )  # fmt: skip
        parser.add_argument(
            "--ignore", action="append", default=[], metavar="COLUMN",
            help="leave the file's column COLUMN out on purpose (repeatable)",
        )  # fmt: skip
        parser.add_argument(
            "--same", action="append", default=[], metavar="ID=SLUG",
            help="the row with id ID is the registry's person SLUG: update them (repeatable)",
        )  # fmt: skip
        parser.add_argument(
            "--new", action="append", default=[], metavar="ID",
            help="create the row with id ID even if someone like them is registered",
        )  # fmt: skip
        parser.add_argument(
            "--profile", metavar="NAME",
            help="read another group's list with a profile (opendata/profiles/NAME.json, or a "
            "path to a profile file): a newer version of the same list updates it",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        mapping = _pairs(options["map"], "--map", "THEIRS=OURS")
        same = _pairs(options["same"], "--same", "ID=SLUG")
        path: Path = options["file"]

        def progress(table: str, done: int, total: int) -> None:
            if total >= 1000:
                sys.stderr.write(f"\r{table}: {done:,}/{total:,} rows")
                sys.stderr.flush()
                if done == total:
                    sys.stderr.write("\n")

        if options["profile"]:
            self._list(path, options, same, progress)
            return
        try:
            tables = read(path, table=options["table"], mapping=mapping,
                          ignore=frozenset(options["ignore"]))  # fmt: skip
            report = run(None, tables, dry_run=options["dry_run"], source=path.name,
                         progress=progress, same=same, allow_new=options["new"])  # fmt: skip
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            # Each problem was written above; the last line only sums up.
            raise CommandError(f"{path}: {failed.summary}; nothing was written") from failed
        self.stdout.write(("Dry run: " if options["dry_run"] else "") + str(report))

    def _list(self, path: Path, options: dict[str, Any], same: dict[str, str],
              progress: Any) -> None:  # fmt: skip
        from solidarity.opendata.lists import Profile, read_rows, run_list

        try:
            profile = Profile.load(options["profile"])
            if not path.is_file():
                raise ImportFailed([Problem(str(path), 0, "-", "no such file")])
            _check_size(path.stat().st_size, path.name)
            rows = read_rows(path.read_bytes(), path.name)
            report = run_list(None, profile, rows, where=path.name, dry_run=options["dry_run"],
                              same=same, allow_new=options["new"], progress=progress)  # fmt: skip
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            # Each problem was written above; the last line only sums up.
            raise CommandError(f"{path}: {failed.summary}; nothing was written") from failed
        self.stdout.write(("Dry run: " if options["dry_run"] else "") + str(report))


def _pairs(items: list[str], option: str, shape: str) -> dict[str, str]:
    """`A=B` options as {A: B}; CommandError naming the option for one without both."""
    pairs = {}
    for item in items:
        theirs, sep, ours = item.partition("=")
        if not sep or not theirs.strip() or not ours.strip():
            raise CommandError(f"{option} {item!r}: write it as {shape}")
        pairs[theirs.strip()] = ours.strip()
    return pairs
