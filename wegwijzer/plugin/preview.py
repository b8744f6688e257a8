"""The live preview (`wegwijzer serve`, `make serve` and `make admin`): a save shows in the browser in a moment.

The site is built in full once, the way ``wegwijzer build`` builds it, and
again whenever something other than the data changes (a page in content/, a
template, mkdocs.yml, a schema). After a save in data/, ``Preview.update``
reads and checks again only the files that changed (``core.Reading``; the
checks across files always run), lets ``site/incremental.py`` render again only the
pages the change touches, passes just those through MkDocs and Material
(with the navigation, files and templates of the last full build), writes
only the files whose bytes changed, and the search index from the entries it
keeps per page. The result is byte for byte what a full build of the same
data makes (tests/test_preview.py); when the set of pages changes, or the
data has errors (the browser then shows them), it is a full build.

``PreviewServer`` is MkDocs' live-reload server, except that it notices a
save at once (the system's file events, not a poll every half second), and
that an open page reloads only when its own HTML or a script or stylesheet
it loads changed. The form editor (/admin/) is never reloaded: an editor's
unsaved input survives every save elsewhere in data/.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
import threading
from pathlib import Path
from typing import Any, Optional

from ..core import Reading, check_data
from ..editor.cms import ADMIN_FOLDER
from ..site.content import unsafe_files
from ..site.incremental import update_site
from ..site.paths import DUTCH_SEARCH

log = logging.getLogger("mkdocs.plugins.wegwijzer.preview")
PLUGIN = "wegwijzer"


class Preview:
    """The preview's output folder and what updating it after a save needs (see the module docstring)."""

    def __init__(self, spec: dict[str, Any], site_dir: str, serve_url: str):
        self.spec, self.site_dir, self.serve_url = spec, site_dir, serve_url
        self.config: Any = None  # MkDocs' configuration of the last full build
        self.plugin: Any = None  # its WegwijzerPlugin instance, with what the build left
        self.history = None  # the repository's history as read so far: kept across builds
        self.renderer = None  # our templates, compiled: kept until a template changes
        self.sources: dict[str, tuple[int, int]] = {}  # every watched file → (mtime, size)
        self.outputs: dict[str, str] = {}  # every output file → digest of its bytes
        self.full_builds = self.updates = 0

    # -- full builds -------------------------------------------------------------------------------

    def build(self) -> set[str]:
        """Build everything, as ``wegwijzer build`` does; the output files whose bytes changed."""
        from mkdocs.commands.build import build as mkdocs_build

        from .engine import load_config

        config = load_config(self.spec, self.site_dir)
        config.site_url = self.serve_url
        plugin = config.plugins[PLUGIN]
        plugin.history, plugin.renderer, plugin.reading = self.history, self.renderer, Reading()
        sources = self.scan_sources(config)
        mkdocs_build(config, serve_url=self.serve_url)
        self.config, self.plugin, self.sources = config, plugin, sources
        self.history = plugin.history or self.history
        self.renderer = plugin.site.renderer if plugin.site is not None else self.renderer
        self.full_builds += 1
        found = {}
        for folder, _, names in os.walk(self.site_dir):
            for name in names:
                path = os.path.join(folder, name)
                found[os.path.relpath(path, self.site_dir).replace(os.sep, "/")] = _digest(Path(path).read_bytes())
        changed = {path for path in found.keys() | self.outputs.keys() if found.get(path) != self.outputs.get(path)}
        self.outputs = found
        return changed

    def watched(self, config: Any = None) -> list[str]:
        """What a change to rebuilds the preview: the data, content/, the templates and mkdocs.yml."""
        config = config or self.config
        data_dir = self.spec["plugin"].get("data_dir") or str(Path(config.config_file_path).parent / "data")
        return sorted({config.docs_dir, config.config_file_path, data_dir, *config.watch})

    def scan_sources(self, config: Any = None) -> dict[str, tuple[int, int]]:
        found = {}
        for top in self.watched(config):
            for folder, _, names in os.walk(top) if os.path.isdir(top) else [(os.path.dirname(top),
                                                                               [], [os.path.basename(top)])]:
                for name in names:
                    path = os.path.join(folder, name)
                    try:
                        info = os.lstat(path)
                    except OSError:
                        continue
                    found[path] = (info.st_mtime_ns, info.st_size)
        return found

    # -- updates after a save ------------------------------------------------------------------------

    def update(self) -> set[str]:
        """Bring the output up to date with the sources; the output files whose bytes changed."""
        sources = self.scan_sources()
        changed = {path for path in sources.keys() | self.sources.keys() if sources.get(path) != self.sources.get(path)}
        if not changed:
            return set()
        plugin = self.plugin
        data = str(plugin.data_dir) + os.sep
        only_data = all(path.startswith(data) and not path.startswith(str(plugin.schema_dir) + os.sep)
                        for path in changed)
        if not only_data or plugin.site is None or plugin.search_index is None:
            if not only_data:
                self.renderer = None  # a template or the configuration changed: start the renderer afresh
            return self.build()
        self.sources = sources
        return self._update_data()

    def _update_data(self) -> set[str]:
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        plugin, config = self.plugin, self.config
        result = check_data(plugin.data_dir, today=plugin.today, schema_dir=plugin.schema_dir, reading=plugin.reading)
        if result.errors or unsafe_files(Path(config.docs_dir)):
            return self.build()  # the page that lists the errors
        update = update_site(plugin.site, result, history=plugin.history)
        if update.added or update.removed_pages or update.removed_files or \
                any(plugin.files.get_file_from_path(path) is None for path in update.files):
            return self.build()  # other pages or files: other navigation, sitemap, order of the search index
        for problem in result.warnings:
            log.info(problem.format())
        plugin.site, plugin.result = update.site, result
        files, nav, env = plugin.files, plugin.nav, plugin.env
        # MkDocs keeps one search plugin per process for every configuration (plugins with on_startup are
        # cached): point it at this build's index again, in case another build in this process had it since.
        config.plugins["material/search"].search_index = plugin.search_index
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        written: set[str] = set()
        for page in update.pages:
            file = files.get_file_from_path(page.src_uri)
            plugin.bodies[page.src_uri] = page.body
            file.content_string = page.markdown()
            _populate_page(file.page, config, files)
            _build_page(file.page, config, pages, nav, env)
            written.add(file.dest_uri)
        for src_uri, (markdown_html, filled) in list(plugin.filled_pages.items()):  # content/ pages with data blocks
            refilled = update.site.fill_blocks(markdown_html, src_uri)
            if refilled != filled:
                file = files.get_file_from_path(src_uri)
                plugin.filled_pages[src_uri] = (markdown_html, refilled)
                file.page.content = refilled
                _build_page(file.page, config, pages, nav, env)
                written.add(file.dest_uri)
        generated = dict(update.files)
        dutch = files.get_file_from_path(DUTCH_SEARCH)
        if dutch is not None and plugin.theme_search_support:
            generated[DUTCH_SEARCH] = update.site.search_support(plugin.theme_search_support)
        for path, content in generated.items():
            raw = content if isinstance(content, bytes) else content.encode("utf-8")
            files.get_file_from_path(path).content_bytes = raw
            if self._write(path, raw):
                written.add(path)
        plugin.search_index.entries_in_order(file.src_uri for file in pages)
        index = plugin.search_index.generate_search_index(None).encode("utf-8")
        if self._write("search/search_index.json", index):
            written.add("search/search_index.json")
        changed = set()
        for path in written:
            target = Path(self.site_dir, path)
            digest = _digest(target.read_bytes()) if target.is_file() else None
            if digest != self.outputs.get(path):
                changed.add(path)
                if digest is None:
                    self.outputs.pop(path, None)
                else:
                    self.outputs[path] = digest
        self.updates += 1
        log.info(f"Bijgewerkt: {update.rendered} pagina's opnieuw gemaakt, {len(changed)} bestanden gewijzigd")
        return changed

    def _write(self, path: str, content: bytes) -> bool:
        """Write a file only if its bytes differ from what is there."""
        if self.outputs.get(path) == _digest(content):
            return False
        target = Path(self.site_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return True


def _digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=16).hexdigest()


# -- the server ----------------------------------------------------------------------------------------

MAX_OPEN_PAGES = 10_000  # pages served whose reload the server follows one by one
_LOCAL_ASSET = re.compile(r"""\b(?:src|href)="(?![a-z][a-z0-9+.-]*:|//|#)([^"?#]+\.(?:js|css|json|svg|png|jpe?g|webp))""")


def _server_class():
    """``PreviewServer``, defined on first use: it builds on MkDocs' server (only this package imports MkDocs)."""
    import watchdog.observers
    from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer

    class PreviewServer(LiveReloadServer):
        """MkDocs' live-reload server; each open page reloads only when what it shows changed (module docstring)."""

        def __init__(self, preview: Preview, host: str, port: int, mount_path: str):
            super().__init__(builder=self._rebuild, host=host, port=port, root=preview.site_dir,
                             mount_path=mount_path)
            self.observer = watchdog.observers.Observer()  # file events, not a poll every half second
            self.build_delay = 0.05  # an editor's save is a burst of events; wait until it is over
            self.preview = preview
            self.changed_at: dict[str, int] = {}  # output file → the build that last changed it
            self.shown: dict[str, frozenset[str]] = {}  # an open page's id → the output files it shows
            self._ids = iter(range(1, 1 << 62))
            self._lock = threading.Lock()

        def _rebuild(self) -> None:
            changed = self.preview.update()
            for path in changed:
                self.changed_at[path] = self._wanted_epoch

        def _serve_request(self, environ, start_response):
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            poll = re.fullmatch(r"/livereload/([0-9]+)/([0-9]+)", path)
            if poll:
                return self._poll(int(poll[1]), poll[2], start_response)
            if not (path + "/").startswith(self.mount_path):
                return super()._serve_request(environ, start_response)
            relative = posixpath.normpath("/" + path[len(self.mount_path):]).lstrip("/")
            if path.endswith("/"):
                relative = posixpath.join(relative, "index.html") if relative not in ("", ".") else "index.html"
            if not relative.endswith(".html"):
                return self._static(Path(self.root, relative), environ, start_response) \
                    or super()._serve_request(environ, start_response)
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            file = Path(self.root, relative)
            if not file.is_file():
                return super()._serve_request(environ, start_response)  # a folder's redirect, or "not found"
            content = file.read_bytes()
            if not relative.startswith(ADMIN_FOLDER + "/"):  # the editor gets no reload script: it keeps its input
                content = self._with_reload_script(content, relative, epoch)
            start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(content)))])
            return [content]

        def _static(self, file: Path, environ, start_response):
            """A script, stylesheet or image with a validator, so a reloading page reuses what it has (304)."""
            if not file.is_file():
                return None  # a folder (MkDocs' server redirects to it) or nothing
            info = file.stat()
            tag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
            headers = [("ETag", tag), ("Cache-Control", "no-cache")]
            if environ.get("HTTP_IF_NONE_MATCH") == tag:
                start_response("304 Not Modified", headers)
                return []
            start_response("200 OK", [("Content-Type", self._guess_type(str(file))),
                                      ("Content-Length", str(info.st_size)), *headers])
            return [file.read_bytes()]

        def _with_reload_script(self, content: bytes, relative: str, epoch: int) -> bytes:
            """The page with MkDocs' reload script, for a page id that stands for what the page shows."""
            base = posixpath.dirname(relative)
            shown = {relative} | {posixpath.normpath(posixpath.join(base, found)) for found in
                                  _LOCAL_ASSET.findall(content.decode("utf-8", "replace"))}
            with self._lock:
                page = str(next(self._ids))
                self.shown[page] = frozenset(shown)
                while len(self.shown) > MAX_OPEN_PAGES:  # a page served long ago: reloads on any change
                    del self.shown[next(iter(self.shown))]
            script = _SCRIPT_TEMPLATE.substitute(epoch=epoch, request_id=page).encode()
            body_end = content.rfind(b"</body>")
            body_end = len(content) if body_end < 0 else body_end
            return content[:body_end] + b"<script>" + script + b"</script>" + content[body_end:]

        def _poll(self, epoch: int, page: str, start_response):
            shown = self.shown.get(page)

            def changed() -> bool:
                if shown is None:  # a page from before this server started: any change
                    return self._visible_epoch > epoch
                return any(self.changed_at.get(path, 0) > epoch for path in shown) \
                    and self._visible_epoch == self._wanted_epoch

            start_response("200 OK", [("Content-Type", "text/plain")])
            with self._epoch_cond:
                if not changed():
                    self._epoch_cond.wait_for(changed, timeout=self.poll_response_timeout)
                return [b"%d" % (self._visible_epoch if changed() else epoch)]

    return PreviewServer


def serve(spec: dict[str, Any], site_dir: str) -> None:
    """Build the preview, then serve it and keep it up to date until Ctrl+C."""
    from urllib.parse import urlsplit

    from mkdocs.livereload import _serve_url

    from .engine import load_config

    host, port = spec["dev_addr"].rsplit(":", 1)
    mount_path = urlsplit(load_config(spec, site_dir).site_url or "/").path
    preview = Preview(spec, site_dir, _serve_url(host, int(port), mount_path))
    server = _server_class()(preview, host, int(port), mount_path)
    server.error_handler = lambda code: _error_page(site_dir, code)
    preview.build()
    for path in preview.watched():
        server.watch(path)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _error_page(site_dir: str, code: int) -> Optional[bytes]:
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None

