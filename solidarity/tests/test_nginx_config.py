"""The shipped nginx configuration, run by a real nginx: it writes no client address to any
log, passes none from the onion server, and rate-limits the onion server's forms too."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .processes import ROOT, free_port, wait_for

CONF = ROOT / "deploy" / "nginx" / "solidarity.conf"


def server_blocks(text: str) -> list[str]:
    blocks, depth, start = [], 0, None
    for match in re.finditer(r"server\s*\{|\{|\}", text):
        token = match.group(0)
        if token.startswith("server") and depth == 0:
            start, depth = match.start(), 1
        elif token == "{" and depth:
            depth += 1
        elif token == "}" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                blocks.append(text[start : match.end()])
    return blocks


def test_it_keeps_no_log_with_addresses_in_the_shipped_servers():
    text = re.sub(r"#.*", "", CONF.read_text())
    blocks = [b for b in server_blocks(text) if "proxy" in b or "include" in b]
    assert len(blocks) == 2
    for block in blocks:
        assert "access_log off;" in block
        assert "error_log /dev/null" in block
    onion = next(b for b in blocks if ".onion" in b)
    assert "limit_req zone=onion_forms" in onion and "limit_req zone=onion_all" in onion
    assert "solidarity-proxy-onion.conf" in onion and "solidarity-proxy.conf;" not in onion
    snippet = (CONF.parent / "solidarity-proxy-onion.conf").read_text()
    assert 'proxy_set_header X-Forwarded-For "";' in snippet


def test_it_serves_the_onion_with_no_address_passed_and_a_ceiling(tmp_path: Path):
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.skip("nginx is not installed")
    import http.server
    import threading

    seen: list[str] = []

    class Upstream(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("X-Forwarded-For", "<none>"))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    onion_port = free_port()
    text = CONF.read_text()
    http_part = "\n".join(
        line for line in text.splitlines() if line.startswith(("limit_req_zone", "limit_req_log"))
    )
    onion = next(b for b in server_blocks(re.sub(r"#.*", "", text)) if ".onion" in b)
    onion = onion.replace("listen 127.0.0.1:8081;", f"listen 127.0.0.1:{onion_port};")
    onion = onion.replace("/etc/nginx/snippets/", str(CONF.parent) + "/")
    onion = onion.replace("error_log /dev/null crit;", f"error_log {tmp_path}/error.log info;")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/main-error.log;\n"
        "events {}\nhttp {\n access_log off;\n"
        f" client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};\n"
        f" fastcgi_temp_path {tmp_path}; uwsgi_temp_path {tmp_path}; scgi_temp_path {tmp_path};\n"
        f" upstream solidarity {{ server 127.0.0.1:{upstream.server_port}; }}\n"
        f"{http_part}\n{onion}\n}}\n"
    )
    process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp_path)])  # noqa: S603
    try:

        def up() -> bool:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{onion_port}/", timeout=2)
            except (OSError, urllib.error.URLError):
                return False
            return True

        wait_for(up, timeout=20)
        codes = []
        for _ in range(40):
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{onion_port}/prisoners/x/write/", timeout=5
                )
                codes.append(200)
            except urllib.error.HTTPError as exc:
                codes.append(exc.code)
        assert codes.count(200) < 40 and 503 in codes  # the onion's forms have a ceiling
        assert seen and set(seen) == {"<none>"}  # no address passed on from the onion
    finally:
        process.terminate()
        process.wait(timeout=10)
        upstream.shutdown()
    time.sleep(0.1)
