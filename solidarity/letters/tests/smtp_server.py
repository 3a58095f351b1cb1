"""A small SMTP server on loopback for tests: real sockets, real smtplib on the other end.

Accepts every message (RCPT TO an address in `refuse` gets 550), keeps them in `received`
as (recipients, raw message). Enough of RFC 5321 for Django's SMTP backend: EHLO/HELO,
MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT.
"""

from __future__ import annotations

import socketserver
import threading
from types import TracebackType


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost test SMTP")
        recipients: list[str] = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 localhost")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip().strip("<>")
                if address in self.server.refuse:
                    self.reply("550 no such mailbox")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.server.received.append((recipients, b"".join(lines)))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            else:
                self.reply("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    received: list[tuple[list[str], bytes]]
    refuse: set[str]


class SmtpServer:
    """`with SmtpServer() as smtp:` listens on 127.0.0.1:smtp.port until the block ends."""

    def __init__(self, refuse: set[str] | None = None) -> None:
        self._server = _Server(("127.0.0.1", 0), _Session)
        self._server.received = []
        self._server.refuse = refuse or set()
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def received(self) -> list[tuple[list[str], bytes]]:
        return self._server.received

    def __enter__(self) -> SmtpServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
