"""deploy/central/nginx-central.conf for real: Debian's nginx, on loopback ports with a throw-away
certificate, in front of a central started as the unit starts it (--trusted-proxy 127.0.0.1).
Through it: TLS answers, plain HTTP is redirected, /metrics and /__faults__ stay inside, server-sent
events stream, and the rate limit counts each client apart (nginx replaces X-Forwarded-For, so a
client cannot choose its own)."""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests.central.central_process import CentralProcess, _free_port

ROOT = Path(__file__).resolve().parents[2]
TERMINAL, TOKEN = "kiosk-tls-01", "tls-token-0123456789abcdef"

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(), reason="needs apt package nginx-light"
)


def _site(central_port: int, tls_port: int, http_port: int, cert: Path, key: Path) -> str:
    """The shipped site file with only ports and certificate paths changed (each must be found)."""
    text = (ROOT / "deploy/central/nginx-central.conf").read_text()
    swaps = [
        ("server 127.0.0.1:8470;", f"server 127.0.0.1:{central_port};"),
        ("    listen 443 ssl http2;", f"    listen 127.0.0.1:{tls_port} ssl http2;"),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("    listen 80;", f"    listen 127.0.0.1:{http_port};"),
        ("    listen [::]:80;\n", ""),
        ("/etc/letsencrypt/live/antrian.example.go.id/fullchain.pem", str(cert)),
        ("/etc/letsencrypt/live/antrian.example.go.id/privkey.pem", str(key)),
    ]
    for old, new in swaps:
        assert old in text, f"nginx-central.conf changed shape: {old!r} not found"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tls-proxy")
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    make_cert = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    make_cert += ["-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(
        [*make_cert, "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=30,
    )
    tls_port, http_port, central_port = _free_port(), _free_port(), _free_port()
    # The site text (and its checks) before any process starts: a failing check leaves none behind.
    (tmp / "site.conf").write_text(_site(central_port, tls_port, http_port, cert, key))
    temp = " ".join(f"{kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp / "nginx.conf").write_text(
        f"daemon off; master_process off; pid {tmp / 'nginx.pid'}; error_log {tmp / 'error.log'} warn;\n"
        f"events {{}}\nhttp {{ access_log off; {temp} include {tmp / 'site.conf'}; }}\n"
    )
    nginx = subprocess.Popen(
        [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:  # nginx first, then the central inside the try: a failure anywhere stops both by process
        central = CentralProcess(
            str(tmp / "central.sqlite3"),
            tmp,
            {TERMINAL: TOKEN},
            workers=1,
            extra=["--trusted-proxy", "127.0.0.1"],
            port=central_port,
        )
        with central:
            deadline = time.monotonic() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", tls_port), timeout=1).close()
                    break
                except OSError:
                    assert nginx.poll() is None, nginx.stderr.read().decode(errors="replace")[-800:]
                    assert time.monotonic() < deadline, "nginx did not listen"
                    time.sleep(0.05)
            ctx = ssl.create_default_context(cafile=str(cert))
            yield {"tls_port": tls_port, "http_port": http_port, "ctx": ctx}
    finally:
        nginx.send_signal(signal.SIGQUIT)  # graceful stop of our own nginx, by its process
        try:
            nginx.wait(10)
        except subprocess.TimeoutExpired:
            nginx.kill()
            nginx.wait(5)


def _get(proxy, path: str, source: str = "127.0.0.1", headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPSConnection(
        "127.0.0.1", proxy["tls_port"], context=proxy["ctx"], timeout=10, source_address=(source, 0)
    )
    conn.request("GET", path, headers=headers or {})
    return conn.getresponse()


def test_tls_answers_plain_http_redirects_and_internal_paths_stay_inside(proxy):
    ready = _get(proxy, "/readyz")
    assert ready.status == 200 and json.loads(ready.read())["status"] == "ready"
    assert ready.getheader("Strict-Transport-Security")
    plain = http.client.HTTPConnection("127.0.0.1", proxy["http_port"], timeout=10)
    plain.request("GET", "/readyz")
    moved = plain.getresponse()
    assert moved.status == 301 and moved.getheader("Location", "").startswith("https://")
    assert _get(proxy, "/metrics").status == 404
    assert _get(proxy, "/__faults__/state").status == 404


def test_server_sent_events_stream_through_the_proxy(proxy):
    started = time.monotonic()
    stream = _get(proxy, "/v1/live/public?zone=A")
    assert stream.status == 200 and stream.getheader("Content-Type", "").startswith("text/event-stream")
    while not (line := stream.readline()).startswith(b"data:"):  # the snapshot event, without waiting
        assert line, "stream ended"
    assert json.loads(line[5:])["kind"] == "snapshot"
    assert time.monotonic() - started < 5


def test_rate_limit_counts_each_client_the_proxy_forwards(proxy):
    def wrong(source: str, spoof: str) -> int:
        headers = {"X-Terminal-Id": TERMINAL, "Authorization": "Bearer wrong", "X-Forwarded-For": spoof}
        return _get(proxy, "/v1/catalog", source, headers).status

    answers = [wrong("127.0.0.2", "198.51.100.1")]
    while answers[-1] == 401 and len(answers) < 10:
        answers.append(wrong("127.0.0.2", f"198.51.100.{len(answers) + 1}"))  # a new spoofed address each time
    assert answers[-1] == 429  # blocked: its invented X-Forwarded-For values were replaced by nginx
    assert wrong("127.0.0.3", "198.51.100.1") == 401  # another client is not
