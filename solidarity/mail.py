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

    def open(self) -> bool:
        if self.stream is None:
            name = self._get_filename()
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
            os.chmod(name, 0o600)
            self.stream = open(name, "ab")
            return True
        return False
