"""`make serve` (mkdocs serve) rebuilds when an editor changes a data file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT
from wegwijzer.site.config import read_site_config
import pytest

pytestmark = pytest.mark.slow  # starts a server or the benchmark


def site_path(root) -> str:
    return read_site_config(root / "mkdocs.yml").url_path()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_and_shows_data_errors_in_the_browser(data_copy):
    """`wegwijzer serve` (what `make serve` runs): edits appear; while the data is broken the page says why."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "wegwijzer", "serve", "--data", str(data_copy), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    site = f"http://127.0.0.1:{port}{site_path(ROOT)}"  # mkdocs serve mounts the site at site_url's path
    try:
        page = f"{site}themas/lvb/"
        assert _wait_for(page, "<h1", 120), "wegwijzer serve did not come up"
        themes = data_copy / "themes.yaml"
        text = themes.read_text(encoding="utf-8")
        marker = "Bijgewerkt tijdens het voorbeeld"
        themes.write_text(text.replace("\n    intro: ", f"\n    intro: {marker}. ", 1), encoding="utf-8")
        # The first theme's intro changed; its teaser on the overview shows the new text after a rebuild.
        assert _wait_for(f"{site}themas/", marker, 90)
        # A mistake: the browser shows the message with file and line instead of waiting forever.
        themes.write_text(text.replace("\n    intro: ", "\n    intro: '", 1), encoding="utf-8")
        home = site
        assert _wait_for(home, "Fouten in de gegevens", 90)
        assert "data/themes.yaml:" in _get(home)
        themes.write_text(text, encoding="utf-8")  # fixed: the site is back
        assert _wait_for(home, "Wat speelt er?", 90) and "Fouten in de gegevens" not in _get(home)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_editor_runs_on_this_machine():
    """`wegwijzer admin`: the preview with /admin/, and the local backend that saves into data/."""
    from wegwijzer.editor.backend import DEFAULT_PORT

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "wegwijzer", "admin", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        config = f"http://127.0.0.1:{port}{site_path(ROOT)}admin/config.yml"
        assert _wait_for(config, "local_backend", 120), "the editor's page did not come up"
        announced = server.stdout.readline()
        assert f"http://127.0.0.1:{port}{site_path(ROOT)}admin/" in announced
        request = urllib.request.Request(f"http://127.0.0.1:{DEFAULT_PORT}/api/v1", method="POST",
                                         data=json.dumps({"action": "info"}).encode(),
                                         headers={"Content-Type": "application/json",
                                                  "Origin": f"http://127.0.0.1:{port}"})  # only this preview's
        with urllib.request.urlopen(request, timeout=10) as response:  # the local backend, on this repository
            info = json.loads(response.read())
        assert info["repo"] == ROOT.name and info["type"] == "local_fs"
    finally:
        server.terminate()
        server.wait(timeout=30)
