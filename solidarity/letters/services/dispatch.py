"""Paper post: one print-ready PDF per facility, each letter on its own pages, then labels.

The label follows Russian postal order: the prisoner's full name with patronymic and birth
year, then the facility's address as kept in the registry. Letters that cannot be addressed
(no facility or no postal address) stay approved and are reported, never guessed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from solidarity.accounts import audit
from solidarity.accounts.permissions import Perm, require
from solidarity.files import write_private_bytes, write_private_text
from solidarity.queue import after_commit

from ..glyphs import printable
from ..models import BatchState, Channel, Letter, PostBatch, State
from ..tasks import prepare_post_batch
from .workflow import WorkflowError, advance

FONTS = Path(__file__).resolve().parent.parent / "fonts"


@dataclass
class BatchReport:
    files: list[Path] = field(default_factory=list)
    dispatched: int = 0
    unaddressed: list[int] = field(default_factory=list)


def envelope_lines(letter: Letter) -> list[str]:
    person = letter.person
    name = person.full_name or person.name
    if person.birth_date:
        name = f"{name}, {person.birth_date.year} г. р."
    address = (person.facility.postal_address if person.facility else "").strip()
    return [name, *[line.strip() for line in address.splitlines() if line.strip()]]


# When LETTERS_RETURN_ADDRESS is not set and the registry is the demo's: its invented group.
DEMO_RETURN_ADDRESS = "Группа поддержки «Солидарность» (демо)\nа/я 0, г. Примерск, 000000"
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
# Label sheet: 2 columns of 7 rows on A4; each label's text is made to fit its box.
LABEL_COLUMNS, LABEL_ROWS = 2, 7
LABEL_WIDTH, LABEL_HEIGHT, LABEL_GAP = 95.0, 38.0, 4.0
LABEL_LEFT, LABEL_TOP, LABEL_PADDING = 10.0, 12.0, 3.0
LABELS_PER_SHEET = LABEL_COLUMNS * LABEL_ROWS


def return_address(*, required: bool = True) -> list[str]:
    """The group's return address («От кого»), one line per item: LETTERS_RETURN_ADDRESS
    (lines separated by newlines or " | "); on the demo registry, its invented group."""
    from solidarity.registry.models import Person

    text = settings.LETTERS_RETURN_ADDRESS.replace("\\n", "\n").replace(" | ", "\n")
    if not text.strip() and Person.objects.filter(is_demo=True).exists():
        text = DEMO_RETURN_ADDRESS
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines and required:
        raise WorkflowError(
            _("Set LETTERS_RETURN_ADDRESS, the group's return address, before printing: "
              "without it the prisoner cannot reply.")
        )  # fmt: skip
    return lines


def reference(letter: Letter) -> str:
    """The number printed on a letter, which the prisoner quotes in the reply."""
    return str(letter.pk)


def russian_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title("Letters")
    return pdf


def _para(pdf: FPDF, height: float, text: str, align: str = "L") -> None:
    """A paragraph the width of the page, the next one starting below it."""
    pdf.multi_cell(0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _letter_pages(pdf: FPDF, letter: Letter, sender: list[str], today: dt.date) -> None:
    """One letter: the header (number, date, to, from), the text, the signature, and how
    to reply. What the font cannot draw is printed as its code point, never dropped."""
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 11)
    _para(pdf, 6, f"Письмо № {reference(letter)} · {russian_date(today)}")
    pdf.set_font("DejaVu", "", 10)
    _para(pdf, 5, printable(f"Кому: {envelope_lines(letter)[0]}"))
    if sender:  # an e-letter's reply may come through the service's own reply form
        _para(pdf, 5, printable("От кого: " + ", ".join(sender)))
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 12)
    text = letter.translation if letter.needs_translation and letter.translation else letter.body
    _para(pdf, 6.5, printable(text))
    signature = letter.signature_translation or letter.signature
    if signature:
        pdf.ln(4)
        _para(pdf, 6.5, printable(signature), align="R")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 10)
    where = "по адресу «От кого» выше" if sender else "нам"
    _para(pdf, 5, f"Чтобы ответить, напишите {where} и укажите в ответе номер письма: "
                  f"№ {reference(letter)}.")  # fmt: skip


def _lines(pdf: FPDF, width: float, line: float, text: str) -> list[str]:
    """The lines `text` takes in a cell `width` wide, in the current font."""
    return cast(list[str], pdf.multi_cell(width, line, text, dry_run=True, output="LINES"))


def _fit_label(pdf: FPDF, text: str, width: float, height: float) -> tuple[float, float]:
    """The largest font size (10 pt down to 5) and line height at which `text` fits the
    box; below 5 pt the lines are cut, never spilled onto the next label."""
    size = 10.0
    while True:
        pdf.set_font("DejaVu", "", size)
        line = size * 0.45  # millimetres: 10 pt on 4.5 mm lines
        lines = _lines(pdf, width, line, text)
        if len(lines) * line <= height or size <= 5:
            return size, line
        size -= 0.5


def _label_sheet(pdf: FPDF, letters: list[Letter]) -> None:
    """Address labels, 14 to an A4 sheet; no label's text leaves its box, and no label
    starts a page of its own (the page break is off while labels are drawn)."""
    pdf.set_auto_page_break(auto=False)
    inner_w = LABEL_WIDTH - LABEL_GAP - 2 * LABEL_PADDING
    inner_h = LABEL_HEIGHT - LABEL_GAP - 2 * LABEL_PADDING
    for index, letter in enumerate(letters):
        slot = index % LABELS_PER_SHEET
        if slot == 0:
            pdf.add_page()
        x = LABEL_LEFT + (slot % LABEL_COLUMNS) * LABEL_WIDTH
        y = LABEL_TOP + (slot // LABEL_COLUMNS) * LABEL_HEIGHT
        pdf.rect(x, y, LABEL_WIDTH - LABEL_GAP, LABEL_HEIGHT - LABEL_GAP)
        text = printable("\n".join(envelope_lines(letter)))
        _size, line = _fit_label(pdf, text, inner_w, inner_h)
        lines = _lines(pdf, inner_w, line, text)
        fitting = int(inner_h // line)
        pdf.set_xy(x + LABEL_PADDING, y + LABEL_PADDING)
        pdf.multi_cell(inner_w, line, "\n".join(lines[:fitting]))
    pdf.set_auto_page_break(auto=True, margin=18)


def _safe_name(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")[:60] or "facility"


def _batches(letters: Iterable[Letter] | None, report: BatchReport) -> dict[Any, list[Letter]]:
    if letters is None:
        letters = Letter.objects.filter(state=State.APPROVED, channel=Channel.POST).exclude(
            pk__in=held_in_batches()
        )
    chosen = Letter.objects.filter(pk__in=[letter.pk for letter in letters])
    return _by_facility(chosen, report)


def _by_facility(chosen: QuerySet[Letter], report: BatchReport) -> dict[Any, list[Letter]]:
    groups: dict[Any, list[Letter]] = defaultdict(list)
    ordered = chosen.select_related("person__facility").order_by(
        "person__facility_id", "person_id", "pk"
    )
    for letter in ordered:
        if len(envelope_lines(letter)) < 2:
            report.unaddressed.append(letter.pk)
        else:
            groups[letter.person.facility].append(letter)
    return groups


def _render(batch: list[Letter], sender: list[str]) -> bytes:
    pdf = _pdf()
    today = timezone.localdate()
    for letter in batch:
        _letter_pages(pdf, letter, sender, today)
    _label_sheet(pdf, batch)
    return bytes(pdf.output())


def _mark_dispatched(actor: Any, batch: list[Letter]) -> None:
    with transaction.atomic():
        for letter in batch:
            advance(actor, letter, "dispatch", note="")


def request_post_batch(actor: Any) -> PostBatch:
    """Ask the task workers for a print batch of every approved paper letter."""
    if actor is not None:  # None is the system itself, as in workflow.advance
        require(actor, Perm.LETTERS_MODERATE)
    return_address()  # refused now, with a message, rather than in the worker
    with transaction.atomic():
        waiting = PostBatch.objects.filter(state=BatchState.QUEUED).first()
        if waiting is not None:
            return waiting  # one batch at a time: a second would find no letter left
        batch = PostBatch.objects.create(requested_by=actor)
        audit.record(actor, "letters.batch.request", obj=batch)
        after_commit(prepare_post_batch, batch.pk)
    return batch


def build_post_batch(batch_id: int) -> PostBatch:
    """Render the batch, store its zip and mark its letters sent, all in one transaction.

    A worker killed midway leaves the batch queued and every letter approved; the task run
    again (`solidarity recover_tasks`) does the whole of it, and a batch already built is
    left as it is, so no letter is sent twice.
    """
    with transaction.atomic():
        batch = PostBatch.objects.select_for_update().get(pk=batch_id)
        if batch.state != BatchState.QUEUED:
            return batch
        report = BatchReport()
        # Letters another worker is printing right now are skipped, not printed twice; so
        # are those printed in a batch not posted yet.
        approved = (
            Letter.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=State.APPROVED, channel=Channel.POST)
            .exclude(pk__in=held_in_batches())
        )
        groups = _by_facility(approved, report)
        sender = return_address()
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for facility, letters in groups.items():
                name = f"post-{stamp}-{_safe_name(facility.slug)}.pdf"
                archive.writestr(name, _render(letters, sender))
                report.files.append(Path(name))
        sent = [letter for letters in groups.values() for letter in letters]
        # Not marked sent yet: that is done when someone says the batch was posted.
        batch.addressed = {str(letter.pk): letter.person.facility_id for letter in sent}
        batch.state = BatchState.READY if sent else BatchState.EMPTY
        batch.archive = base64.b64encode(buffer.getvalue()).decode("ascii") if sent else ""
        batch.letters = [letter.pk for letter in sent]
        batch.files = [path.name for path in report.files]
        batch.unaddressed = report.unaddressed
        batch.finished_at = timezone.now()
        batch.save()
    return batch


def held_in_batches() -> set[int]:
    """Letters printed in a batch that is not posted yet: no other batch takes them."""
    waiting = PostBatch.objects.filter(state=BatchState.READY, posted_at=None)
    return {pk for letters in waiting.values_list("letters", flat=True) for pk in letters}


def mark_batch_posted(actor: Any, batch: PostBatch) -> int:
    """The batch was posted: its letters are dispatched, each to the facility its envelope
    was addressed to. One transaction with every letter's step and the batch's audit entry;
    a letter no longer approved (erased by its writer since) is left as it is."""
    if actor is not None:  # None is the system itself, as in workflow.advance
        require(actor, Perm.LETTERS_MODERATE)
    with transaction.atomic():
        batch = PostBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != BatchState.READY:
            raise WorkflowError(_("This batch has no letters to post."))
        if batch.posted_at is not None:
            raise WorkflowError(_("This batch is already marked as posted."))
        posted = 0
        letters = Letter.objects.filter(pk__in=batch.letters, state=State.APPROVED)
        for letter in letters.select_related("person").order_by("pk"):
            advance(actor, letter, "dispatch", note="")
            facility = batch.addressed.get(str(letter.pk))
            if facility is not None:
                Letter.objects.filter(pk=letter.pk).update(sent_to_id=facility)
            posted += 1
        batch.posted_at, batch.posted_by = timezone.now(), actor
        batch.save(update_fields=["posted_at", "posted_by"])
        audit.record(actor, "letters.batch.post", obj=batch, details={"letters": posted})
    return posted


def mark_batch_delivered(actor: Any, batch: PostBatch) -> int:
    """Every letter of a posted batch still on its way is delivered: one transaction with
    each letter's step (the writers see it) and the batch's audit entry."""
    if actor is not None:  # None is the system itself, as in workflow.advance
        require(actor, Perm.LETTERS_MODERATE)
    with transaction.atomic():
        batch = PostBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.posted_at is None:
            raise WorkflowError(_("Mark the batch as posted before marking it delivered."))
        delivered = 0
        on_the_way = Letter.objects.filter(pk__in=batch.letters, state=State.DISPATCHED)
        for letter in on_the_way.defer("body", "contact", "translation").order_by("pk"):
            advance(actor, letter, "deliver", note="")
            delivered += 1
        if not delivered:
            raise WorkflowError(_("No letter of this batch is on its way."))
        batch.delivered_at = timezone.now()
        batch.save(update_fields=["delivered_at"])
        audit.record(actor, "letters.batch.deliver", obj=batch, details={"letters": delivered})
    return delivered


def collect_post_batch(actor: Any, batch: PostBatch) -> bytes:
    """The zip of a ready batch, for the staff page; every download is in the audit log."""
    require(actor, Perm.LETTERS_MODERATE)
    if batch.state != BatchState.READY or not batch.archive:
        raise WorkflowError(_("This batch has no file to download."))
    with transaction.atomic():
        PostBatch.objects.filter(pk=batch.pk, downloaded_at=None).update(
            downloaded_at=timezone.now()
        )
        audit.record(actor, "letters.batch.download", obj=batch)
    return base64.b64decode(batch.archive)


def post_batch(
    actor: Any,
    out_dir: Path,
    letters: Iterable[Letter] | None = None,
    progress: Callable[[int, int], None] = lambda _done, _total: None,
) -> BatchReport:
    """Render every approved paper letter (or the given ones) and mark them dispatched."""
    report = BatchReport()
    sender = return_address()
    groups = _batches(letters, report)
    out_dir.mkdir(parents=True, exist_ok=True)
    total, done = sum(len(g) for g in groups.values()), 0
    for facility, batch in groups.items():
        # Named by its letters, not the time: if the process dies after the file is in
        # place but before the letters are marked, the next run writes the same name
        # again instead of a second batch with the same letters in it.
        ids = ",".join(str(letter.pk) for letter in batch)
        digest = hashlib.sha256(ids.encode()).hexdigest()[:10]
        path = out_dir / f"post-{_safe_name(facility.slug)}-{batch[0].pk}-{digest}.pdf"
        temporary = path.with_suffix(".partial")
        write_private_bytes(temporary, _render(batch, sender))  # 0600: letters and addresses
        # The file is complete before any letter is marked; it takes its final name inside
        # the transaction that marks them, so a crash leaves either unmarked letters (and
        # at most a file the next run overwrites) or a whole batch, marked and named.
        with transaction.atomic():
            _mark_dispatched(actor, batch)
            temporary.replace(path)
        report.files.append(path)
        report.dispatched += len(batch)
        done += len(batch)
        progress(done, total)
    return report


def eletter_text(letter: Letter) -> str:
    """What to paste into FSIN-Pismo or ZT: the Russian text and the signature."""
    text = letter.translation if letter.needs_translation and letter.translation else letter.body
    signature = (letter.signature_translation or letter.signature).strip()
    return f"{text.strip()}\n\n{signature}".strip() + "\n"


def eletter_pdf(letter: Letter) -> bytes:
    pdf = _pdf()
    _letter_pages(pdf, letter, return_address(required=False), timezone.localdate())
    return bytes(pdf.output())


def eletter_files(out_dir: Path) -> list[Path]:
    """Text and PDF for every approved e-letter; they are marked sent with their receipt."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    waiting = Letter.objects.filter(state=State.APPROVED, channel=Channel.ELETTER)
    for letter in waiting.select_related("person__facility"):
        base = out_dir / f"eletter-{letter.pk}"
        write_private_text(base.with_suffix(".txt"), eletter_text(letter))
        write_private_bytes(base.with_suffix(".pdf"), eletter_pdf(letter))
        written += [base.with_suffix(".txt"), base.with_suffix(".pdf")]
    return written


def record_eletter_sent(actor: Any, letter: Letter, receipt: str) -> Letter:
    receipt = receipt.strip()[:64]
    if not receipt:
        raise WorkflowError(_("Enter the receipt number the service gave."))
    with transaction.atomic():
        Letter.objects.filter(pk=letter.pk).update(receipt_number=receipt)
        return advance(actor, letter, "dispatch", note="")
