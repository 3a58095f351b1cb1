"""Turning a file into plain text, refusing what cannot be read, with a message that says why.

HTML is recognised by its content, whatever the file is called. The article's text is taken
out of the page by trafilatura (navigation, comments and related links dropped); its title,
publisher, publication date and canonical address come from the page's metadata. The date is
taken only where the page states it (meta tags, JSON-LD, <time>), never guessed from the
text: it anchors dates written without a year (see dates.py).
"""

from __future__ import annotations

import datetime
import html
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_noop

from solidarity.errors import Refusal
from solidarity.untrusted import document_text

SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf")


class ReadError(Refusal):
    """A document that cannot be read; the message names the file and the reason."""


TOO_LARGE = gettext_noop(
    "%(name)s: %(size)s bytes is over the limit of %(limit)s (INTAKE_MAX_BYTES)"
)


class _TextOfHtml(HTMLParser):
    _SKIP = {"script", "style", "head", "nav", "footer", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
              "section", "article", "header", "title"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


@dataclass
class Document:
    """A document's text and what its file says about it (HTML metadata): all optional."""

    text: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: datetime.date | None = None


_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype html|<html|<head|<body|<article|"
    r"<meta|<title|<div|<p[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """An HTML page however it is named: it opens with markup, or is mostly paragraphs."""
    head = text[:2048]
    return bool(_HTML_START.match(head)) or len(re.findall(r"</p>|<br\s*/?>", head, re.I)) >= 3


def html_document(markup: str) -> Document:
    """The article in a page and its metadata. trafilatura finds the main text (measured
    against this module's own parser in docs/intake.md); where it finds none (a page that is
    only a list), every visible text is kept rather than nothing."""
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(
        markup, include_comments=False, include_tables=True, favor_precision=True, deduplicate=True
    )
    meta = trafilatura.extract_metadata(markup)
    title = (meta.title if meta else "") or ""
    if not text or len(text) < 0.2 * len(html_to_text(markup)):
        text = html_to_text(markup)
    elif title and not text.startswith(title):
        text = f"{title}\n{text}"
    published = None
    stated = find_date(markup, extensive_search=False, original_date=True)
    if stated:
        published = datetime.date.fromisoformat(stated[:10])
    return Document(
        text=text,
        title=title,
        publisher=(meta.sitename if meta else "") or "",
        url=(meta.url if meta else "") or "",
        published=published,
    )


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    text = re.sub(r"[ \t\xa0]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise ReadError(gettext_noop("%(name)s: this is a binary file, not text"), name=name)
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # cp1251 decodes nearly anything; accept it only when it yields Cyrillic words.
        if encoding == "cp1251" and not re.search("[а-яА-Я]{3}", text):
            break
        return text
    raise ReadError(
        gettext_noop("%(name)s: the text is not in UTF-8 (nor in Windows-1251); save it as UTF-8"),
        name=name,
    )


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as error:
        raise ReadError(
            gettext_noop("%(name)s: the PDF cannot be read (%(reason)s)"),
            name=name,
            reason=str(error),
        ) from error


def _unwrap(text: str) -> str:
    """A PDF's text comes in printed lines: join a line that ends mid-sentence to the next,
    and collapse the runs of spaces that justified text leaves."""
    text = re.sub(r"[ \t\xa0]{2,}", " ", text)
    text = re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "", text)  # a word hyphenated at a line end
    return re.sub(r"(?<![.!?:;»\"”)\n])\n(?!\n)", " ", text)


def read_bytes(data: bytes, name: str) -> str:
    """The plain text of a document given as bytes; `name` tells the format and names errors."""
    return read_document_bytes(data, name).text


def read_document_bytes(data: bytes, name: str) -> Document:
    """The text and metadata of a document given as bytes (see read_bytes)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(
            gettext_noop("%(name)s: unsupported file type %(suffix)s; use one of %(supported)s"),
            name=name, suffix=suffix or "(none)", supported=", ".join(SUPPORTED),
        )  # fmt: skip
    limit = settings.INTAKE_MAX_BYTES
    if len(data) > limit:
        raise ReadError(
            TOO_LARGE,
            name=name, size=f"{len(data):,}", limit=f"{limit:,}",
        )  # fmt: skip
    if not data.strip():
        raise ReadError(gettext_noop("%(name)s: the file is empty"), name=name)
    if suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise ReadError(gettext_noop("%(name)s: not a PDF file"), name=name)
        document = Document(_unwrap(_pdf_text(data, name)))
    else:
        text = _decode(data, name)
        document = html_document(text) if looks_like_html(text) else Document(text)
    document.text = document_text(document.text)
    if not re.search(r"[^\W\d_]{2}", document.text):
        raise ReadError(gettext_noop("%(name)s: there is no text to read"), name=name)
    return document


def _read_in_child(data: bytes, name: str, conn: Any) -> None:
    try:
        conn.send(("ok", read_bytes(data, name)))
    except ReadError as error:
        conn.send(("error", error))
    except Exception as error:
        unreadable = gettext_noop("%(name)s: the file cannot be read (%(reason)s)")
        conn.send(("error", ReadError(unreadable, name=name, reason=type(error).__name__)))
    finally:
        conn.close()


def read_bytes_limited(data: bytes, name: str, seconds: float) -> str:
    """read_bytes in a child process killed after `seconds`: a PDF crafted to keep a
    parser busy (4 KB held a web worker 20 s) costs the task worker that long at most."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, args=(data, name, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise ReadError(
                gettext_noop("%(name)s: reading took longer than %(seconds)s seconds; gave up"),
                name=name, seconds=f"{seconds:g}",
            )  # fmt: skip
        kind, value = receive.recv()
    except EOFError as error:
        raise ReadError(
            gettext_noop("%(name)s: the reader stopped without an answer"), name=name
        ) from error
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if kind == "error":
        raise value
    return str(value)


def read_file(path: str | Path) -> str:
    return read_document(path).text


def read_document(path: str | Path) -> Document:
    """A file's text and metadata; ReadError (naming the file) when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ReadError(gettext_noop("%(name)s: no such file"), name=str(path))
    size = path.stat().st_size
    if size > settings.INTAKE_MAX_BYTES:
        raise ReadError(
            TOO_LARGE,
            name=str(path), size=f"{size:,}", limit=f"{settings.INTAKE_MAX_BYTES:,}",
        )  # fmt: skip
    return read_document_bytes(path.read_bytes(), str(path))
