"""The e-mail backend for files: what the console backend would log, kept private instead."""

from __future__ import annotations

import os
from typing import Any

from django.core.mail.backends.filebased import EmailBackend


class PrivateFileBackend(EmailBackend):
    """Django's file backend, with the directory 0700 and each message file 0600: a
    message holds a writer's address and status link, for the service account only."""

    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, file_path=file_path, **kwargs)
        os.chmod(self.file_path, 0o700)  # type: ignore[attr-defined]

    def _get_filename(self) -> str:
        """Django names the file by the second and id(self); two backends made in the same
        second may share an id (the first was freed) and write into one file. A random
        part keeps one sending per file."""
        if getattr(self, "_fname", None) is None:
            import datetime
            import secrets

            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{stamp}-{secrets.token_hex(8)}.log")  # type: ignore[attr-defined]
        return self._fname  # type: ignore[no-any-return]

    def open(self) -> bool:
        if self.stream is None:
            name = self._get_filename()
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
            os.chmod(name, 0o600)
            self.stream = open(name, "ab")
            return True
        return False
