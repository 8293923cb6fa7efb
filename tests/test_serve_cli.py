"""`reader serve` without a browser: where it listens, what it refuses, what its page says.

One server (on a corpus directory whose name is HTML) answers plain HTTP requests; the
websocket checks only send the upgrade request and read the status.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser_support import ReaderServer, free_port, process_gone, until
from reader.commands.serve import corpus_title, is_loopback

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.8.9.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("example.org", False), ("", False),
])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_title_names_the_corpus_without_control_characters():
    assert corpus_title([], 5) == "reader: bundled seeds (5 documents)"
    assert corpus_title(["/data/news/", "b.jsonl"], 1) == "reader: news, b.jsonl (1 document)"
    assert corpus_title(["a", "b", "c", "d", "e"], 9) == "reader: a, b, c and 2 more (9 documents)"
    assert "\x1b" not in corpus_title(["evil\x1b]0;x\x07"], 1)


def test_other_addresses_need_public(tmp_path):
    done = subprocess.run([sys.executable, "-m", "reader", "serve", "--host", "0.0.0.0", "--db", str(tmp_path / "a.db")],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert "--host 0.0.0.0: not a loopback address" in done.stderr and "no authentication" in done.stderr
    assert "--public" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "a.db").exists()


def test_an_address_in_use_is_reported_without_a_traceback(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "reader", "serve", "--port", str(port), "--db", str(tmp_path / "a.db")],
                              capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1
    assert f"reader: 127.0.0.1:{port}: cannot listen there: Address already in use" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout and "on http://" not in done.stdout
    assert not (tmp_path / "a.db").exists()


def test_public_prints_the_risk(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--host", "0.0.0.0", "--public", "--port", str(port),
         "--db", str(tmp_path / "a.db")],
        cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # The first lines: problems with fonts, if any, then the warning.
        first = next(line for line in iter(server.stdout.readline, "") if "WARNING" in line)
        assert first.startswith("reader: WARNING: serving on 0.0.0.0, not only this machine: there is no "
                                "authentication, anyone who can reach port"), first
    finally:
        server.terminate()
        server.wait(30)


@pytest.fixture(scope="module")
def html_corpus_server(tmp_path_factory):
    where = tmp_path_factory.mktemp("serve-cli")
    corpus = where / "<i>news&"
    corpus.mkdir()
    shutil.copy(next(SEEDS.glob("003_*.txt")), corpus)
    server = ReaderServer([str(corpus), "--db", str(where / "a.db")], cwd=where, log=where / "serve.log")
    try:
        yield server
    finally:
        server.stop()


def test_page_title_is_escaped_and_nothing_is_fetched_elsewhere(html_corpus_server):
    with urllib.request.urlopen(html_corpus_server.url, timeout=30) as answer:
        page = answer.read().decode("utf-8")
    assert "<title>reader: &lt;i&gt;news&amp; (1 document)</title>" in page
    assert "<i>news" not in page
    assert "https://" not in page and "http://" not in page  # every URL is relative
    assert 'src: url("/reader-fonts/DejaVuSansMono.ttf")' in page


def test_the_page_is_refused_through_another_host_name(html_corpus_server):
    # DNS rebinding: a name of another site made to resolve to 127.0.0.1.
    connection = http.client.HTTPConnection("127.0.0.1", html_corpus_server.port, timeout=30)
    try:
        connection.request("GET", "/", headers={"Host": f"evil.example:{html_corpus_server.port}"})
        assert connection.getresponse().status == 403
    finally:
        connection.close()


def test_fonts_route_serves_only_the_stack(html_corpus_server):
    with urllib.request.urlopen(html_corpus_server.url + "reader-fonts/FreeMono.ttf", timeout=30) as answer:
        assert answer.headers["Content-Type"] == "font/ttf" and answer.read(4) == b"\x00\x01\x00\x00"
    for name in ("passwd", "..%2F..%2Fetc%2Fpasswd", "FreeMono.otf"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(html_corpus_server.url + "reader-fonts/" + name, timeout=30)
        assert refused.value.code == 404


def _upgrade(port: int, headers: dict[str, str]) -> tuple[int, http.client.HTTPConnection]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/ws?width=80&height=24", headers={
        "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", **headers})
    return connection.getresponse().status, connection


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},  # a page of another site (cross-site websocket hijacking)
    {"Origin": "http://127.0.0.1:1"},  # another port is another origin
    {"Host": "evil.example:{port}", "Origin": "http://evil.example:{port}"},  # DNS rebinding
])
def test_websockets_from_elsewhere_are_refused(html_corpus_server, headers):
    port = html_corpus_server.port
    status, connection = _upgrade(port, {k: v.format(port=port) for k, v in headers.items()})
    connection.close()
    assert status == 403
    assert html_corpus_server.visitors() == []  # no reader was started


def test_websocket_from_the_page_starts_a_reader_that_ends_with_it(html_corpus_server):
    port = html_corpus_server.port
    status, connection = _upgrade(port, {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"})
    try:
        assert status == 101
        (reader,) = until(html_corpus_server.visitors, "the visitor's reader")
    finally:
        connection.close()
    until(lambda: process_gone(reader), "the reader to end with its websocket")


def test_readers_end_when_the_server_is_killed(tmp_path):
    # Its own server: this one is killed (SIGKILL: it cannot stop its readers itself).
    server = ReaderServer(["--db", str(tmp_path / "a.db"), "--annotator", "kill"], cwd=tmp_path, log=tmp_path / "serve.log")
    connection = None
    try:
        status, connection = _upgrade(server.port, {"Host": f"127.0.0.1:{server.port}"})
        assert status == 101
        (reader,) = until(server.visitors, "the visitor's reader")
        until(lambda: not _lock_free(tmp_path / "a.db"), "the reader to take the writer lock")
        server.process.kill()
        server.process.wait(30)
        until(lambda: process_gone(reader), "the reader to end with its server", timeout=30)
        assert _lock_free(tmp_path / "a.db")
    finally:
        if connection is not None:
            connection.close()
        server.stop()


def _lock_free(db: Path) -> bool:
    from reader.store.database import AnnotationStore

    store = AnnotationStore.open(db, annotator="probe")
    try:
        return not store.read_only
    finally:
        store.close()
