"""The form editor's local backend: Decap CMS's proxy API, for editing on this machine and for tests.

On the published site the editor saves through GitHub. Locally the browser
talks to this small server instead (what ``local_backend`` in the editor's
configuration points at). It replaces decap-server, which listened on
loopback but wrote wherever a request said in the repository (``Makefile``,
``.git/hooks/pre-commit``) and checked neither ``Host`` nor ``Origin``, so a
page on any site could have written files through DNS rebinding.

This one

* answers only requests addressed to loopback by name (``Host``), from the
  origins of the preview it was started for (``Origin``, also for CORS);
* reads and writes only the data files the registry declares and files in
  the media folder (plain names, never through a link), atomically;
* in ``git`` mode keeps the editorial workflow as GitHub would: each saved
  entry is a branch ``cms/<collection>/<entry>`` made with git's plumbing
  (the working tree and the index are never switched), publishing merges it
  into the branch in one commit of exactly its files.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import stat
import subprocess
import tempfile
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

from ..core.history import git, git_bytes
from ..core.kinds import file_for
from ..core.problems import WegwijzerError
from ..core.yamlfile import MAX_FILE_BYTES

DEFAULT_PORT = 8081  # where the generated configuration looks for it (cms.LOCAL_BACKEND)
API_PATH = "/api/v1"
DATA_FOLDER = "data"
MEDIA_FOLDER = "content/assets/images"  # the editor's media_folder (read by cms.py)
MEDIA_FILE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,120}\.(?:png|jpe?g|webp|gif|pdf)$")
MAX_REQUEST_BYTES = 2 * MAX_FILE_BYTES  # a data file, base64-encoded media and JSON around it
BRANCH_PREFIX = "cms/"
LABEL_PREFIX = "decap-cms/"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


class EditorServerError(WegwijzerError):
    """Said to the user without a traceback."""


class Refused(Exception):
    """A request this backend does not carry out; the message (Dutch) goes back to the editor."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.FORBIDDEN):
        super().__init__(message)
        self.status = status


def loopback_origins(address: str) -> set[str]:
    """The origins a page served on ``address`` (``127.0.0.1:8000``) can have: by number or by name."""
    host, _, port = address.rpartition(":")
    if host not in LOOPBACK:
        raise EditorServerError(f"de editor werkt alleen op deze computer (127.0.0.1), niet op {host}")
    return {f"http://{name}:{port}" for name in LOOPBACK}


# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------


def _relative(path: Any) -> str:
    """A request's path as a clean relative POSIX path, or Refused."""
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path or path.startswith("/"):
        raise Refused(f"ongeldig pad: {str(path)[:80]!r}")
    clean = PurePosixPath(path)
    if any(part in ("", ".", "..") for part in path.split("/")) or clean.as_posix() != path:
        raise Refused(f"ongeldig pad: {path[:80]!r}")
    return path


def data_path(path: Any) -> str:
    """``path`` if it is a data file the registry declares (``data/themes.yaml``, ``data/news/x.yaml``)."""
    path = _relative(path)
    folder, _, rest = path.partition("/")
    if folder != DATA_FOLDER or file_for(rest) is None:
        raise Refused(f"de editor bewaart alleen gegevensbestanden in data/, niet {path[:80]}")
    return path


def media_path(path: Any) -> str:
    path = _relative(path)
    folder, _, name = path.rpartition("/")
    if folder != MEDIA_FOLDER or not MEDIA_FILE.match(name):
        raise Refused(f"de editor bewaart alleen afbeeldingen en pdf's in {MEDIA_FOLDER}/, niet {path[:80]}")
    return path


def writable_path(path: Any) -> str:
    try:
        return data_path(path)
    except Refused:
        return media_path(path)


def data_folder(folder: Any) -> str:
    """A folder of entries (``data/news``) that the registry declares."""
    folder = _relative(folder)
    if file_for(f"{folder.partition('/')[2]}/x.yaml") is None or not folder.startswith(DATA_FOLDER + "/"):
        raise Refused(f"geen map met gegevens: {folder[:80]}")
    return folder


# ---------------------------------------------------------------------------
# Files on disk (never through a link)
# ---------------------------------------------------------------------------


class Files:
    """Reads and writes under ``root``; every component of a path must be a real folder or file."""

    def __init__(self, root: Path):
        self.root = root.resolve()

    def _checked(self, relative: str, *, missing_ok: bool) -> Optional[Path]:
        current = self.root
        parts = relative.split("/")
        for number, part in enumerate(parts):
            current = current / part
            try:
                info = os.lstat(current)
            except FileNotFoundError:
                if missing_ok:
                    return self.root.joinpath(*parts)
                return None
            if stat.S_ISLNK(info.st_mode):
                raise Refused(f"{relative}: een snelkoppeling (symlink) wordt niet gevolgd")
            last = number == len(parts) - 1
            if not last and not stat.S_ISDIR(info.st_mode) or last and not stat.S_ISREG(info.st_mode):
                raise Refused(f"{relative}: geen gewoon bestand")
        return current

    def read(self, relative: str) -> Optional[bytes]:
        path = self._checked(relative, missing_ok=False)
        if path is None:
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            raise Refused(f"{relative} is te groot", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        return path.read_bytes()

    def write(self, relative: str, content: bytes) -> None:
        if len(content) > MAX_FILE_BYTES:
            raise Refused(f"{relative} wordt te groot", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        path = self._checked(relative, missing_ok=True)
        folder = path.parent
        if not folder.is_dir():
            self._make_folders(relative.rsplit("/", 1)[0])
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".bewaren-", delete=False) as temporary:
            temporary.write(content)
        os.replace(temporary.name, path)  # whole or not at all

    def _make_folders(self, relative: str) -> None:
        current = self.root
        for part in relative.split("/"):
            current = current / part
            if current.is_symlink():
                raise Refused(f"{relative}: een snelkoppeling (symlink) wordt niet gevolgd")
            current.mkdir(exist_ok=True)

    def delete(self, relative: str) -> None:
        path = self._checked(relative, missing_ok=False)
        if path is not None:
            path.unlink()

    def listing(self, folder: str, extension: str) -> list[str]:
        """The plain files of ``folder`` with ``extension`` (none if the folder is missing or a link)."""
        path = self.root
        for part in folder.split("/"):
            path = path / part
            if path.is_symlink() or not path.is_dir():
                return []
        return sorted(f"{folder}/{p.name}" for p in path.iterdir()
                      if p.name.endswith(f".{extension.lstrip('.')}") and p.is_file() and not p.is_symlink())


def _entry(path: str, content: Optional[bytes]) -> dict:
    if content is None:
        return {"data": None, "file": {"path": path, "id": None}}
    return {"data": content.decode("utf-8"), "file": {"path": path, "id": hashlib.sha256(content).hexdigest()}}


def _media(path: str, content: bytes) -> dict:
    return {"id": hashlib.sha256(content).hexdigest(), "content": base64.b64encode(content).decode("ascii"),
            "encoding": "base64", "path": path, "name": path.rsplit("/", 1)[-1]}


# ---------------------------------------------------------------------------
# The editorial workflow in git
# ---------------------------------------------------------------------------


class Git:
    """Branches per entry without touching the working tree: git's plumbing on a temporary index."""

    def __init__(self, root: Path):
        self.root = root

    def run(self, *args: str, stdin: Optional[bytes] = None, env: Optional[dict] = None) -> bytes:
        result = subprocess.run(["git", *args], cwd=self.root, input=stdin, capture_output=True,
                                env=dict(os.environ, **(env or {})))
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise Refused(f"git: {message[-1] if message else 'fout'}", HTTPStatus.INTERNAL_SERVER_ERROR)
        return result.stdout

    def text(self, *args: str) -> str:
        return self.run(*args).decode("utf-8").strip()

    def branch_exists(self, branch: str) -> bool:
        return git_bytes(self.root, "show-ref", "--verify", "--quiet", f"refs/heads/{branch}") is not None

    def commit_files(self, branch: str, base: str, files: dict[str, Optional[bytes]], message: str) -> None:
        """A commit on ``branch`` (made from ``base``) that writes (or, with None, removes) ``files``."""
        with tempfile.TemporaryDirectory() as folder:
            env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            self.run("read-tree", base, env=env)
            for path, content in files.items():
                if content is None:
                    self.run("update-index", "--force-remove", "--", path, env=env)
                else:
                    blob = self.run("hash-object", "-w", "--stdin", stdin=content).decode().strip()
                    self.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
            tree = self.run("write-tree", env=env).decode().strip()
        commit = self.run("commit-tree", tree, "-p", base, "-m", message).decode().strip()
        self.run("update-ref", f"refs/heads/{branch}", commit)

    def changed_files(self, branch: str, entry_branch: str) -> list[dict]:
        listing = self.text("diff", "--name-status", "--no-renames", f"{branch}...{entry_branch}")
        diffs = []
        for line in filter(None, listing.splitlines()):
            status, path = line.split("\t", 1)
            diffs.append({"path": path, "id": path, "newFile": status == "A", "status": status,
                          "oldPath": path, "newPath": path, "binary": not path.endswith(".yaml")})
        return diffs


def _entry_branch(collection: Any, slug: Any) -> str:
    for value in (collection, slug):
        if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,100}", value):
            raise Refused(f"ongeldige naam voor een voorstel: {str(value)[:80]!r}", HTTPStatus.BAD_REQUEST)
    return f"{BRANCH_PREFIX}{collection}/{slug}"


# ---------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------


class Backend:
    """Carries out one request of Decap's proxy API (``{"action": …, "params": {…}}``)."""

    def __init__(self, root: Path, mode: str = "fs", preview: Optional[Callable[[dict], dict]] = None):
        if mode not in ("fs", "git"):
            raise EditorServerError(f"onbekende werkwijze {mode!r}: kies fs of git")
        self.files = Files(root)
        self.git = Git(self.files.root) if mode == "git" else None
        self.mode = mode
        self.preview = preview
        self.lock = threading.Lock()  # one change at a time

    def handle(self, action: Any, params: dict) -> Any:
        method = getattr(self, f"do_{action}", None) if isinstance(action, str) and action.isidentifier() else None
        workflow = action in WORKFLOW_ACTIONS
        if method is None or (workflow and self.git is None):
            raise Refused(f"onbekende opdracht {str(action)[:40]!r}", HTTPStatus.UNPROCESSABLE_ENTITY)
        with self.lock:
            return method(params)

    # -- reading ------------------------------------------------------------------------

    def do_info(self, params: dict) -> dict:
        modes = ["simple", "editorial_workflow"] if self.git else ["simple"]
        return {"repo": self.files.root.name, "publish_modes": modes,
                "type": "local_git" if self.git else "local_fs"}

    def do_entriesByFolder(self, params: dict) -> list:
        folder = data_folder(params.get("folder"))
        return [_entry(path, self.files.read(path)) for path in self.files.listing(folder, "yaml")
                if file_for(path.partition("/")[2]) is not None]

    def do_entriesByFiles(self, params: dict) -> list:
        files = params.get("files")
        if not isinstance(files, list):
            raise Refused("`files` ontbreekt", HTTPStatus.BAD_REQUEST)
        found = []
        for item in files:
            path = data_path(item.get("path") if isinstance(item, dict) else None)
            entry = _entry(path, self.files.read(path))
            entry["file"]["label"] = item.get("label")
            found.append(entry)
        return found

    def do_getEntry(self, params: dict) -> dict:
        path = data_path(params.get("path"))
        return _entry(path, self.files.read(path))

    def do_getMedia(self, params: dict) -> list:
        if params.get("mediaFolder", MEDIA_FOLDER) != MEDIA_FOLDER:
            raise Refused(f"de editor kent alleen de map {MEDIA_FOLDER}")
        folder = self.files.root / MEDIA_FOLDER
        if folder.is_symlink() or not folder.is_dir():
            return []
        names = sorted(p.name for p in folder.iterdir() if MEDIA_FILE.match(p.name) and p.is_file() and not p.is_symlink())
        return [_media(f"{MEDIA_FOLDER}/{name}", self.files.read(f"{MEDIA_FOLDER}/{name}")) for name in names]

    def do_getMediaFile(self, params: dict) -> dict:
        path = media_path(params.get("path"))
        content = self.files.read(path)
        if content is None:
            raise Refused(f"{path} bestaat niet", HTTPStatus.NOT_FOUND)
        return _media(path, content)

    def do_getDeployPreview(self, params: dict) -> None:
        return None

    def do_getNotes(self, params: dict) -> dict:
        return {"notes": []}

    def do_preview(self, params: dict) -> dict:
        """The entry as the site shows it (wegwijzer.editor.preview), for the editor's preview pane."""
        if self.preview is None:
            raise Refused("geen voorbeeld beschikbaar", HTTPStatus.NOT_FOUND)
        return self.preview(params)

    # -- writing ------------------------------------------------------------------------

    def _data_files(self, params: dict) -> dict[str, Optional[bytes]]:
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        found: dict[str, Optional[bytes]] = {}
        for item in files:
            if not isinstance(item, dict) or not isinstance(item.get("raw"), str):
                raise Refused("een bestand zonder inhoud", HTTPStatus.BAD_REQUEST)
            found[data_path(item.get("path"))] = item["raw"].encode("utf-8")
            if item.get("newPath"):
                found[data_path(item["newPath"])] = item["raw"].encode("utf-8")
                found[item["path"]] = None  # renamed: the old file goes
        for asset in params.get("assets") or []:
            if not isinstance(asset, dict) or asset.get("encoding") != "base64":
                raise Refused("een bestand zonder inhoud", HTTPStatus.BAD_REQUEST)
            found[media_path(asset.get("path"))] = base64.b64decode(asset.get("content", ""), validate=True)
        return found

    def _write(self, files: dict[str, Optional[bytes]]) -> None:
        for path, content in files.items():
            if content is None:
                self.files.delete(path)
            else:
                self.files.write(path, content)

    def do_persistEntry(self, params: dict) -> dict:
        files = self._data_files(params)
        options = params.get("options") if isinstance(params.get("options"), dict) else {}
        message = str(options.get("commitMessage") or "Bijgewerkt via de editor")[:500]
        if self.git is None or not options.get("useWorkflow"):
            self._write(files)
            if self.git is not None:
                self._commit_here(list(files), message)
            return {"message": "opgeslagen"}
        slug = (params.get("dataFiles") or [{}])[0].get("slug")
        branch = _entry_branch(options.get("collectionName"), slug)
        exists = self.git.branch_exists(branch)
        base = branch if exists else self._default_branch(params)
        self.git.commit_files(branch, base, files, message)
        if not exists:
            status = options.get("status") or "draft"
            self.git.run("config", f"branch.{branch}.description", f"{LABEL_PREFIX}{status}")
        return {"message": "voorstel opgeslagen"}

    def do_persistMedia(self, params: dict) -> dict:
        asset = params.get("asset") if isinstance(params.get("asset"), dict) else {}
        path = media_path(asset.get("path"))
        content = base64.b64decode(asset.get("content", ""), validate=True)
        self.files.write(path, content)
        if self.git is not None:
            self._commit_here([path], str((params.get("options") or {}).get("commitMessage") or "Bestand")[:500])
        return _media(path, content)

    def do_deleteFile(self, params: dict) -> dict:
        return self.do_deleteFiles({"paths": [params.get("path")], "options": params.get("options")})

    def do_deleteFiles(self, params: dict) -> dict:
        paths = params.get("paths")
        if not isinstance(paths, list):
            raise Refused("`paths` ontbreekt", HTTPStatus.BAD_REQUEST)
        checked = [writable_path(path) for path in paths]
        for path in checked:
            self.files.delete(path)
        if self.git is not None:
            self._commit_here(checked, str((params.get("options") or {}).get("commitMessage") or "Verwijderd")[:500])
        return {"message": "verwijderd"}

    def _commit_here(self, paths: list[str], message: str) -> None:
        """Commit exactly ``paths`` on the checked-out branch (nothing else that is staged or changed)."""
        self.git.run("add", "--all", "--", *paths)
        self.git.run("commit", "--quiet", "--no-verify", "-m", message, "--only", "--", *paths)

    def _default_branch(self, params: dict) -> str:
        branch = params.get("branch")
        if not isinstance(branch, str) or not re.fullmatch(r"[A-Za-z0-9._/-]{1,100}", branch) \
                or not self.git.branch_exists(branch):
            raise Refused(f"branch {str(branch)[:40]!r} bestaat niet in deze repository", HTTPStatus.UNPROCESSABLE_ENTITY)
        return branch

    # -- the editorial workflow (git mode) ------------------------------------------------

    def do_unpublishedEntries(self, params: dict) -> list:
        refs = self.git.text("for-each-ref", "--format=%(refname:short)", f"refs/heads/{BRANCH_PREFIX}")
        return [ref[len(BRANCH_PREFIX):] for ref in refs.splitlines() if ref.startswith(BRANCH_PREFIX)]

    def _branch_of(self, params: dict) -> tuple[str, str, str]:
        collection, slug = params.get("collection"), params.get("slug")
        if not (collection and slug) and isinstance(params.get("id"), str):  # a content key "<collection>/<slug>"
            collection, _, slug = params["id"].partition("/")
        return _entry_branch(collection, slug), collection, slug

    def do_unpublishedEntry(self, params: dict) -> dict:
        branch, collection, slug = self._branch_of(params)
        if not self.git.branch_exists(branch):
            raise Refused("geen voorstel voor dit item", HTTPStatus.NOT_FOUND)
        label = (git(self.files.root, "config", f"branch.{branch}.description") or "").strip()
        status = label[len(LABEL_PREFIX):] if label.startswith(LABEL_PREFIX) else "draft"
        updated = self.git.text("log", "-1", "--format=%cI", branch)
        diffs = self.git.changed_files(self._default_branch(params), branch)
        return {"collection": collection, "slug": slug, "status": status, "diffs": diffs, "updatedAt": updated}

    def _on_branch(self, params: dict) -> tuple[str, bytes]:
        branch, _, _ = self._branch_of(params)
        path = writable_path(params.get("path"))
        return path, self.git.run("show", f"{branch}:{path}")

    def do_unpublishedEntryDataFile(self, params: dict) -> dict:
        _, content = self._on_branch(params)
        return {"data": content.decode("utf-8")}

    def do_unpublishedEntryMediaFile(self, params: dict) -> dict:
        path, content = self._on_branch(params)
        return _media(path, content)

    def do_updateUnpublishedEntryStatus(self, params: dict) -> dict:
        branch, _, _ = self._branch_of(params)
        status = params.get("newStatus")
        if status not in ("draft", "pending_review", "pending_publish"):
            raise Refused("onbekende status", HTTPStatus.BAD_REQUEST)
        self.git.run("config", f"branch.{branch}.description", f"{LABEL_PREFIX}{status}")
        return {"message": "status bijgewerkt"}

    def do_deleteUnpublishedEntry(self, params: dict) -> dict:
        branch, _, _ = self._branch_of(params)
        self.git.run("branch", "-D", branch)
        return {"message": "voorstel verwijderd"}

    def do_publishUnpublishedEntry(self, params: dict) -> dict:
        """Merge the entry's branch into the checked-out default branch as one commit (a squash merge)."""
        branch, collection, slug = self._branch_of(params)
        target = self._default_branch(params)
        if self.git.text("symbolic-ref", "--quiet", "--short", "HEAD") != target:
            raise Refused(f"zet eerst branch {target} klaar (git switch {target}) om een voorstel te publiceren",
                          HTTPStatus.CONFLICT)
        base = self.git.text("merge-base", target, branch)
        merged: dict[str, Optional[bytes]] = {}
        for diff in self.git.changed_files(target, branch):
            path = writable_path(diff["path"])
            theirs = self._version(branch, path)
            ours = self._version(target, path)
            on_disk = self.files.read(path)
            if on_disk != ours:
                raise Refused(f"{path} heeft wijzigingen die nog niet vastgelegd zijn; leg ze eerst vast", HTTPStatus.CONFLICT)
            merged[path] = theirs if ours is None or theirs is None else self._merge_file(
                self._version(base, path), ours, theirs, path)
        self._write(merged)
        self._commit_here(list(merged), f"Gepubliceerd: {slug} ({collection})")
        self.git.run("branch", "-D", branch)
        return {"message": "gepubliceerd"}

    def _version(self, revision: str, path: str) -> Optional[bytes]:
        return git_bytes(self.files.root, "show", f"{revision}:{path}")

    def _merge_file(self, base: Optional[bytes], ours: bytes, theirs: bytes, path: str) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            names = []
            for name, content in (("ours", ours), ("base", base or b""), ("theirs", theirs)):
                (Path(folder) / name).write_bytes(content)
                names.append(str(Path(folder) / name))
            result = subprocess.run(["git", "merge-file", "-p", *names], capture_output=True)
        if result.returncode != 0:
            raise Refused(f"{path} is intussen ook anders gewijzigd; het voorstel botst daarmee", HTTPStatus.CONFLICT)
        return result.stdout


WORKFLOW_ACTIONS = {"unpublishedEntries", "unpublishedEntry", "unpublishedEntryDataFile",
                    "unpublishedEntryMediaFile", "updateUnpublishedEntryStatus", "deleteUnpublishedEntry",
                    "publishUnpublishedEntry"}


# ---------------------------------------------------------------------------
# HTTP: loopback, the preview's origins, JSON only
# ---------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: "BackendServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def _allowed_origin(self) -> str:
        host = self.headers.get("Host", "")
        port = self.server.server_address[1]
        if host not in {f"{name}:{port}" for name in LOOPBACK}:
            raise Refused("alleen voor deze computer (Host)")
        origin = self.headers.get("Origin")
        if origin not in self.server.origins:
            raise Refused("alleen voor de editor van dit voorbeeld (Origin)")
        return origin

    def _send(self, status: int, body: Any, origin: Optional[str] = None) -> None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Origin")
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
        self.end_headers()
        self.wfile.write(payload)

    def do_OPTIONS(self) -> None:  # CORS preflight: the editor's page is on another port
        try:
            origin = self._allowed_origin()
        except Refused as refusal:
            self._send(refusal.status, {"error": str(refusal)})
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Vary", "Origin")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "alleen POST"})

    def do_POST(self) -> None:
        origin = None
        try:
            origin = self._allowed_origin()
            if urlsplit(self.path).path != API_PATH:
                raise Refused("onbekend adres", HTTPStatus.NOT_FOUND)
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                raise Refused("alleen JSON", HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_REQUEST_BYTES:
                raise Refused("verzoek is te groot", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            try:
                request = json.loads(self.rfile.read(length))
            except ValueError:
                raise Refused("geen geldige JSON", HTTPStatus.BAD_REQUEST) from None
            if not isinstance(request, dict):
                raise Refused("geen geldig verzoek", HTTPStatus.BAD_REQUEST)
            params = request.get("params") if isinstance(request.get("params"), dict) else {}
            self._send(HTTPStatus.OK, self.server.backend.handle(request.get("action"), params), origin)
        except Refused as refusal:
            self._send(refusal.status, {"error": str(refusal)}, origin)
        except (ValueError, UnicodeDecodeError) as error:
            self._send(HTTPStatus.BAD_REQUEST, {"error": f"ongeldig verzoek ({type(error).__name__})"}, origin)


class BackendServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, backend: Backend, origins: set[str], port: int):
        self.backend, self.origins = backend, set(origins)
        try:
            super().__init__(("127.0.0.1", port), _Handler)
        except OSError as error:
            raise EditorServerError(f"de editor kan niet luisteren op 127.0.0.1:{port} ({error.strerror}); "
                                    "is die poort al in gebruik?") from None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{API_PATH}"


def start_backend(repository: Path, *, origins: set[str], port: int = DEFAULT_PORT, mode: str = "fs",
                  preview: Optional[Callable[[dict], dict]] = None) -> BackendServer:
    """The backend on 127.0.0.1:``port`` over ``repository``, serving in a thread until ``stop``."""
    server = BackendServer(Backend(repository, mode, preview), origins, port)
    threading.Thread(target=server.serve_forever, name="wegwijzer-editor", daemon=True).start()
    return server


def stop(server: BackendServer) -> None:
    server.shutdown()
    server.server_close()

