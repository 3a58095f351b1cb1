"""Files that hold private data: readable and writable by the service account only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any


def open_private(path: Path, mode: str = "w", **options: Any) -> IO[Any]:
    """`open(path, mode)` for writing ("w" or "wb"), the file 0600 from its first byte.

    An existing file is emptied and closed to others too (os.open's mode applies only to
    new files). Raises OSError as open() does."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        return os.fdopen(fd, mode, **options)
    except BaseException:
        os.close(fd)
        raise


def write_private_bytes(path: Path, data: bytes) -> None:
    with open_private(path, "wb") as handle:
        handle.write(data)


def write_private_text(path: Path, text: str) -> None:
    with open_private(path, "w", encoding="utf-8") as handle:
        handle.write(text)
