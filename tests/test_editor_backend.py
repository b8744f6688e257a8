"""The form editor's local backend (wegwijzer/editor/backend.py): Decap's proxy API, bound to data/ and loopback.

In-process and over HTTP on loopback, without a browser: what `wegwijzer admin` starts for the editor.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from wegwijzer.editor.backend import loopback_origins, start_backend, stop

PREVIEW = "127.0.0.1:8000"  # where the editor's page is served (`wegwijzer admin`'s --dev-addr)
ORIGIN = f"http://{PREVIEW}"
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
                "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org"}


def git(repository: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repository, check=True, capture_output=True, text=True,
                          env=dict(os.environ, **GIT_IDENTITY)).stdout


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git checkout with the shipped data, a Makefile and hooks: what an editor has on disk."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    (root / "Makefile").write_text("all:\n\ttrue\n", encoding="utf-8")
    (root / "hooks").mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Data")
    return root


@pytest.fixture
def backend(repository, monkeypatch):
    for key, value in GIT_IDENTITY.items():
        monkeypatch.setenv(key, value)
    servers = []

    def start(mode: str = "fs"):
        server = start_backend(repository, origins=loopback_origins(PREVIEW), port=0, mode=mode)
        servers.append(server)
        return server.server_address[1]

    yield start
    for server in servers:
        stop(server)


def call(port: int, action: str, params: dict, *, host: str | None = None, origin: str | None = ORIGIN,
         content_type: str = "application/json; charset=utf-8") -> tuple[int, object]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": content_type, "Host": host or f"localhost:{port}"}
    if origin:
        headers["Origin"] = origin
    connection.request("POST", "/api/v1", body=json.dumps({"action": action, "params": {"branch": "main", **params}}),
                       headers=headers)
    response = connection.getresponse()
    body = json.loads(response.read() or b"null")
    connection.close()
    return response.status, body


def persist(port: int, path: str, raw: str, **kwargs) -> tuple[int, object]:
    return call(port, "persistEntry", {"dataFiles": [{"path": path, "slug": "x", "raw": raw}], "assets": [],
                                       "options": {"commitMessage": "test"}}, **kwargs)


def test_9_the_local_editor_backend_writes_only_in_data_and_checks_host_and_origin(repository, backend):
    """#22 finding 9: decap-server wrote anywhere in the repository and checked neither Host nor Origin."""
    port = backend()
    makefile = (repository / "Makefile").read_text(encoding="utf-8")
    for target in ("Makefile", ".git/hooks/pre-commit", "hooks/pre-commit", "data/../Makefile", "data/schema/x.json",
                   "data/evil.yaml", "content/index.md", "/etc/passwd", "data//themes.yaml", "data\\themes.yaml"):
        status, body = persist(port, target, "echo pwned\n")
        assert status == 403 and "error" in body, target
    assert not (repository / ".git" / "hooks" / "pre-commit").exists()
    assert not (repository / "hooks" / "pre-commit").exists()
    assert (repository / "Makefile").read_text(encoding="utf-8") == makefile
    # media: only pictures and pdf's with plain names in the media folder
    picture = {"path": "content/assets/images/foto.png", "content": base64.b64encode(b"png").decode(), "encoding": "base64"}
    status, _ = call(port, "persistMedia", {"asset": {**picture, "path": "content/assets/javascripts/x.js"},
                                            "options": {}})
    assert status == 403
    assert call(port, "persistMedia", {"asset": picture, "options": {}})[0] == 200
    assert (repository / "content" / "assets" / "images" / "foto.png").read_bytes() == b"png"

    themes = repository / "data" / "themes.yaml"
    original = themes.read_text(encoding="utf-8")
    # A page on another site that reaches this port through DNS rebinding names its own host, or its origin.
    assert persist(port, "data/themes.yaml", "x: 1\n", host=f"rebound.example:{port}")[0] == 403
    assert persist(port, "data/themes.yaml", "x: 1\n", origin="http://rebound.example")[0] == 403
    assert persist(port, "data/themes.yaml", "x: 1\n", origin=None)[0] == 403
    assert persist(port, "data/themes.yaml", "x: 1\n", origin="null")[0] == 403
    assert persist(port, "data/themes.yaml", "x: 1\n", content_type="text/plain")[0] == 415  # no CORS-simple request
    assert themes.read_text(encoding="utf-8") == original
    # Reading is bound the same way.
    assert call(port, "getEntry", {"path": ".git/config"})[0] == 403
    assert call(port, "entriesByFolder", {"folder": "..", "extension": "yaml", "depth": 1})[0] == 403
    # The editor's own requests work.
    assert persist(port, "data/themes.yaml", original + "# bewerkt\n")[0] == 200
    assert themes.read_text(encoding="utf-8").endswith("# bewerkt\n")


def test_the_backend_never_follows_a_link(repository, backend, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("geheim: ja\n", encoding="utf-8")
    (repository / "data" / "news" / "link.yaml").symlink_to(outside)
    port = backend()
    assert call(port, "getEntry", {"path": "data/news/link.yaml"})[0] == 403
    assert persist(port, "data/news/link.yaml", "id: x\n")[0] == 403
    assert outside.read_text(encoding="utf-8") == "geheim: ja\n"
    status, entries = call(port, "entriesByFolder", {"folder": "data/news", "extension": "yaml", "depth": 1})
    assert status == 200 and "data/news/link.yaml" not in [e["file"]["path"] for e in entries]


def test_the_preflight_answers_only_the_editors_origin(backend):
    port = backend()
    for origin, expected in ((ORIGIN, 204), ("http://localhost:8000", 204), ("http://rebound.example", 403)):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("OPTIONS", "/api/v1", headers={"Origin": origin, "Host": f"127.0.0.1:{port}",
                                                          "Access-Control-Request-Method": "POST"})
        response = connection.getresponse()
        response.read()
        assert response.status == expected, origin
        assert (response.getheader("Access-Control-Allow-Origin") == origin) == (expected == 204)
        connection.close()


def test_each_saved_entry_is_its_own_branch_and_publishing_commits_only_its_file(repository, backend):
    port = backend("git")
    assert call(port, "info", {})[1]["publish_modes"] == ["simple", "editorial_workflow"]
    themes = repository / "data" / "themes.yaml"
    original = themes.read_text(encoding="utf-8")
    (repository / "data" / "partners.yaml").write_text("# nog niet vastgelegd\n", encoding="utf-8")  # untouched
    for slug, raw in (("een", original + "# een\n"), ("twee", original.replace("themes:", "themes:  # twee", 1))):
        status, _ = call(port, "persistEntry", {
            "dataFiles": [{"path": "data/themes.yaml", "slug": slug, "raw": raw}], "assets": [],
            "options": {"useWorkflow": True, "collectionName": "themes", "commitMessage": f"Bijgewerkt: {slug}",
                        "status": "draft"}})
        assert status == 200
    assert themes.read_text(encoding="utf-8") == original  # the working tree is never switched
    assert sorted(call(port, "unpublishedEntries", {})[1]) == ["themes/een", "themes/twee"]
    status, entry = call(port, "unpublishedEntry", {"id": "themes/een"})
    assert status == 200 and [d["path"] for d in entry["diffs"]] == ["data/themes.yaml"] and entry["status"] == "draft"
    assert call(port, "unpublishedEntryDataFile", {"collection": "themes", "slug": "een",
                                                   "path": "data/themes.yaml"})[1]["data"].endswith("# een\n")
    assert call(port, "updateUnpublishedEntryStatus", {"collection": "themes", "slug": "een",
                                                       "newStatus": "pending_publish"})[0] == 200
    assert call(port, "publishUnpublishedEntry", {"collection": "themes", "slug": "een"})[0] == 200
    assert themes.read_text(encoding="utf-8").endswith("# een\n")
    assert git(repository, "log", "-1", "--name-only", "--format=%s").split() == \
        ["Gepubliceerd:", "een", "(themes)", "data/themes.yaml"]
    assert (repository / "data" / "partners.yaml").read_text(encoding="utf-8") == "# nog niet vastgelegd\n"
    # The second proposal changed another line of the same file: it still merges.
    assert call(port, "publishUnpublishedEntry", {"collection": "themes", "slug": "twee"})[0] == 200
    text = themes.read_text(encoding="utf-8")
    assert text.endswith("# een\n") and "themes:  # twee" in text
    assert call(port, "unpublishedEntries", {})[1] == []
