import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.letters import precheck

MAX_BYTES = 1_000_000


class Command(BaseCommand):
    help = "Letters: `letters check FILE [--format json]` runs the censorship pre-check."
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="pre-check one letter (a UTF-8 text file, or -)")
        check.add_argument("file")
        check.add_argument("--format", choices=["text", "json"], default="text")
        check.add_argument("--channel", choices=["post", "eletter"], default="post")
        check.add_argument("--advice-language", choices=["en", "ru"])
        dispatch = sub.add_parser("dispatch", help="render approved letters for sending")
        dispatch.add_argument("--channel", choices=["post", "eletter"], required=True)
        dispatch.add_argument("--out", required=True, type=Path)
        lost = sub.add_parser("mark-lost", help="dispatched letters without news are lost")
        lost.add_argument("--days", type=int, default=settings.LETTERS_LOST_AFTER_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "dispatch" and options["channel"] == "eletter":
            from solidarity.letters.services.dispatch import eletter_files

            files = eletter_files(options["out"])
            for path in files:
                self.stdout.write(str(path))
            self.stdout.write(
                f"{len(files) // 2} e-letters ready; record each receipt number on the "
                "staff page to mark it sent."
            )
            return
        if options["action"] == "dispatch":
            self._dispatch(options["out"])
            return
        if options["action"] == "mark-lost":
            from solidarity.letters.services.workflow import mark_lost

            count = mark_lost(options["days"])
            self.stdout.write(f"{count} letters marked lost (no news for {options['days']} days).")
            return
        text = self._read(options["file"])
        result = precheck.check(
            text, channel=options["channel"], advice_language=options["advice_language"]
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(
            f"Language: {result.language}"
            + (" (needs a translation into Russian)" if result.needs_translation else "")
        )
        if not result.flags:
            self.stdout.write("Nothing the censor is known to withhold.")
        for flag in result.flags:
            self.stdout.write(f"- {flag.category}: {flag.evidence}\n  {flag.advice}")

    def _dispatch(self, out: Path) -> None:
        from solidarity.letters.services.dispatch import post_batch
        from solidarity.letters.services.workflow import WorkflowError

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\r{done}/{total} letters rendered", ending="")

        try:
            report = post_batch(None, out, progress=progress)
        except WorkflowError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write("")
        for path in report.files:
            self.stdout.write(str(path))
        self.stdout.write(
            f"{report.dispatched} letters dispatched in {len(report.files)} batch(es)."
        )
        if report.unaddressed:
            ids = ", ".join(f"#{pk}" for pk in report.unaddressed)
            self.stdout.write(f"Not sent, no postal address for the prisoner: {ids}")

    def _read(self, name: str) -> str:
        try:
            raw = sys.stdin.buffer.read(MAX_BYTES + 1) if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror or exc}") from exc
        if len(raw) > MAX_BYTES:
            raise CommandError(f"{name}: larger than {MAX_BYTES} bytes; not a letter")
        if b"\x00" in raw:
            raise CommandError(f"{name}: binary data, not a text letter")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{name}: not UTF-8 text (byte {exc.start}); save the letter as UTF-8"
            ) from exc
        if not text.strip():
            raise CommandError(f"{name}: the letter is empty")
        return text
