"""``mkdocs.yml`` is input too: read it safely, before MkDocs does, and allow only what this project uses.

A pull request can change the site's configuration as easily as its data.
MkDocs reads its configuration with a YAML loader that builds Python objects
(``!!python/object/apply:os.system`` runs a command while the file is read)
and lets it add hooks, plugins, scripts from other hosts and theme folders
anywhere on the disk. So the build never hands MkDocs the file: it reads it
here with the data's strict YAML reader (no tags, no aliases), checks every
setting against what this project needs, and gives MkDocs the checked values.
Every problem is a Dutch message with its line, like a data problem.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import urlsplit

from ..core.loader import read_regular_file
from ..core.problems import Problem, ProblemsError, shown
from ..core.yamlfile import YamlDocument, parse_yaml

PLUGIN = "wegwijzer"  # this project's own MkDocs plugin (wegwijzer/plugin/)
PLUGINS = {  # plugin → the options it may have
    "search": {"lang", "separator", "pipeline", "min_search_length", "prebuild_index", "indexing"},
    "offline": {"enabled"},
    PLUGIN: {"repo_url", "branch", "editor_auth_url", "data_licence"},
}
MARKDOWN_EXTENSIONS = {  # extension → the options it may have (all of them plain values)
    "abbr": set(), "admonition": set(), "attr_list": set(), "def_list": set(), "footnotes": set(),
    "md_in_html": set(), "sane_lists": set(), "tables": set(), "toc": {"permalink", "title", "toc_depth"},
    "pymdownx.keys": set(), "pymdownx.details": set(), "pymdownx.mark": set(), "pymdownx.tilde": set(),
    "pymdownx.caret": set(),
}
THEME = "material"
THEME_OPTIONS = {"name", "custom_dir", "language", "font", "features", "palette", "icon", "logo", "favicon"}
TOP_LEVEL = {"site_name", "site_url", "site_description", "site_author", "copyright", "docs_dir", "site_dir",
             "use_directory_urls", "strict", "theme", "plugins", "watch", "extra_css", "extra_javascript",
             "markdown_extensions", "validation", "extra", "nav", "repo_url", "repo_name", "edit_uri",
             "exclude_docs", "not_in_nav"}
EXTRA = {"generator", "polyfills"}  # template variables Material reads; analytics and the like load from elsewhere
MAX_CONFIG_BYTES = 256 * 1024
_PLAIN_PATH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
_BRANCH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")
# MkDocs and Material print the settings into every page without escaping them (site_name, site_description,
# palette, nav titles, ...): markup characters and invisible ones have no place in any of them.
_UNPRINTABLE = re.compile("[<>\"`\x00-\x1f\x7f-\x9f\u2028\u2029]")


class ConfigError(ProblemsError):
    """mkdocs.yml may not be used as it is; carries Dutch problems with their lines."""


@dataclass
class SiteConfig:
    """The checked settings of mkdocs.yml: MkDocs' own options and this project's plugin options."""

    path: Path
    options: dict[str, Any]  # everything MkDocs gets, in MkDocs' own shape

    @property
    def site_url(self) -> str:
        return str(self.options.get("site_url") or "")

    @property
    def use_directory_urls(self) -> bool:
        return self.options.get("use_directory_urls", True) is not False

    @property
    def docs_dir(self) -> Path:
        return self.path.parent / str(self.options.get("docs_dir", "docs"))

    def url_path(self) -> str:
        """The path the site lives under ("/toolbox/"): the preview serves it there too."""
        return urlsplit(self.site_url).path or "/"

    def mkdocs_options(self, *, site_dir: str, plugin: dict[str, Any], offline: bool,
                       site_url: Optional[str] = None) -> dict[str, Any]:
        """MkDocs' options for one build: the checked settings with this build's values filled in."""
        options = dict(self.options, site_dir=site_dir)
        if site_url is not None:
            options["site_url"] = site_url
        plugins = []
        for entry in options.get("plugins") or []:
            name = entry if isinstance(entry, str) else next(iter(entry))
            own = {} if isinstance(entry, str) else dict(entry[name] or {})
            if name.removeprefix("material/") == "offline":
                own["enabled"] = offline
            elif name == PLUGIN:  # `checked`: the plugin refuses to run on a configuration nobody checked
                own.update(plugin, offline=offline, checked=True)
            plugins.append({name: own})
        options["plugins"] = plugins
        return options


def http_url(value: Any) -> bool:
    """An absolute http(s) address without characters a browser would strip or treat specially."""
    if not isinstance(value, str) or any(ord(char) < 0x21 or char in "\"'<>\\`" for char in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "@" not in parts.netloc


def login_url(value: Any) -> bool:
    """Where the form editor sends an editor to log in on GitHub: https only (http on this machine only)."""
    if not http_url(value):
        return False
    parts = urlsplit(value)
    on_this_machine = parts.hostname in ("localhost", "127.0.0.1", "::1")
    return (parts.scheme == "https" or on_this_machine) and not parts.query and not parts.fragment


def read_site_config(path: Path) -> SiteConfig:
    """mkdocs.yml checked for use, or ConfigError with every problem."""
    shown = path.name
    raw, problem = read_regular_file(path, shown, MAX_CONFIG_BYTES)
    if problem is not None:
        raise ConfigError([problem])
    document, problems = parse_yaml(raw, shown)
    if document is None:
        raise ConfigError(problems)
    if not isinstance(document.data, dict):
        raise ConfigError([Problem(shown, 1, 1, "", "mkdocs.yml moet beginnen met instellingen (`naam: waarde`)")])
    problems += list(_Checker(document, path.parent).problems())
    if [p for p in problems if p.severity == "error"]:
        raise ConfigError(problems)
    return SiteConfig(path, dict(document.data))


class _Checker:
    """Every rule for mkdocs.yml; each yields Dutch problems at the line of the setting."""

    def __init__(self, document: YamlDocument, root: Path):
        self.document, self.root, self.data = document, root, document.data

    def problem(self, path: tuple, message: str) -> Problem:
        return self.document.problem(path, message, stage=0)

    def problems(self) -> Iterator[Problem]:
        yield from self._printable(self.data, ())
        for key in self.data:
            if key == "hooks":
                yield self.problem((key,), "`hooks` is niet toegestaan: een hook is code die bij het bouwen draait; "
                                           "wat de site nodig heeft, zit in de plugin `wegwijzer`")
            elif key not in TOP_LEVEL:
                yield self.problem((key,), f"instelling `{key}` wordt niet gebruikt in dit project; haal hem weg")
        for key in ("site_url", "repo_url"):
            if self.data.get(key) not in (None, "") and not http_url(self.data.get(key)):
                yield self.problem((key,), f"`{key}` moet een webadres zijn dat begint met https:// of http://")
        if self.data.get("strict", True) is not True:
            yield self.problem(("strict",), "`strict` moet `true` zijn: alleen dan stopt de bouw bij een fout in een "
                                            "pagina (zoals een script in content/)")
        edit_uri = self.data.get("edit_uri")
        if edit_uri is not None and not (isinstance(edit_uri, str) and _PLAIN_PATH.match(edit_uri)
                                         and ".." not in edit_uri.split("/")):
            yield self.problem(("edit_uri",), "`edit_uri` moet een pad binnen de repository zijn, zoals `edit/main/content/`")
        yield from self._inside("docs_dir", self.data.get("docs_dir", "docs"), must_exist=True)
        yield from self._theme()
        yield from self._plugins()
        yield from self._markdown_extensions()
        for key in ("extra_css", "extra_javascript", "watch"):
            for index, value in enumerate(self._list(key)):
                base = self.root if key == "watch" else self.root / str(self.data.get("docs_dir", "docs"))
                yield from self._inside((key, index), value, base=base, must_exist=key != "watch")
        extra = self.data.get("extra") or {}
        if not isinstance(extra, dict):
            yield self.problem(("extra",), "`extra` moet een groep instellingen zijn")
            extra = {}
        for key in extra:
            if key not in EXTRA:
                yield self.problem(("extra", key), f"`extra.{key}` wordt niet gebruikt in dit project; haal het weg "
                                                   f"(toegestaan: {', '.join(sorted(EXTRA))})")
        for index, value in enumerate(extra.get("polyfills") or []):
            yield from self._inside(("extra", "polyfills", index), value,
                                    base=self.root / str(self.data.get("docs_dir", "docs")), must_exist=False)
        yield from self._nav(self.data.get("nav") or [], ("nav",))

    def _list(self, key: str) -> list:
        value = self.data.get(key) or []
        return value if isinstance(value, list) else [value]

    def _inside(self, where: Any, value: Any, *, base: Optional[Path] = None, must_exist: bool) -> Iterator[Problem]:
        """A relative path that stays inside the project (or ``base``), without links out of it."""
        path = where if isinstance(where, tuple) else (where,)
        base = base or self.root
        if not isinstance(value, str) or not _PLAIN_PATH.match(value) or ".." in value.split("/"):
            yield self.problem(path, f"`{value}` moet een pad binnen het project zijn (geen webadres, geen `..`)")
            return
        target = base / value
        if not _stays_inside(target, self.root):
            yield self.problem(path, f"`{value}` wijst (via een snelkoppeling) naar buiten het project")
        elif must_exist and not target.exists():
            yield self.problem(path, f"`{value}` bestaat niet")

    def _no_links(self, where: tuple, folder: Path) -> Iterator[Problem]:
        """The theme folder is published as it is: a link in it would publish what it points to."""
        for current, folders, files in os.walk(folder, followlinks=False):
            for name in folders + files:
                if os.path.islink(os.path.join(current, name)):
                    relative = Path(current, name).relative_to(self.root).as_posix()
                    yield self.problem(where, f"`{relative}` is een snelkoppeling (symlink); zet het bestand er zelf in")

    def _theme(self) -> Iterator[Problem]:
        theme = self.data.get("theme")
        if not isinstance(theme, dict) or theme.get("name") != THEME:
            yield self.problem(("theme",), f"het thema moet `{THEME}` zijn (`theme: {{name: {THEME}}}`)")
            return
        for key in theme:
            if key not in THEME_OPTIONS:
                yield self.problem(("theme", key), f"thema-instelling `{key}` wordt niet gebruikt in dit project")
        if "custom_dir" in theme:
            found = list(self._inside(("theme", "custom_dir"), theme["custom_dir"], must_exist=True))
            yield from found or self._no_links(("theme", "custom_dir"), self.root / theme["custom_dir"])
        for key in ("logo", "favicon"):  # shown on every page: from the site itself, never from another server
            if key in theme:
                yield from self._inside(("theme", key), theme[key], base=self.root / str(self.data.get("docs_dir", "docs")),
                                        must_exist=False)
        if theme.get("font", False) is not False:
            yield self.problem(("theme", "font"), "`font` moet `false` zijn: een lettertype van Google is een "
                                                  "verzoek aan een andere server en werkt offline niet")

    def _plugins(self) -> Iterator[Problem]:
        for index, entry in enumerate(self._list("plugins")):
            name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()), ("", {})) \
                if isinstance(entry, dict) and len(entry) == 1 else ("", {})
            name = str(name).removeprefix("material/")
            if name not in PLUGINS:
                yield self.problem(("plugins", index), f"plugin `{name or entry}` is niet toegestaan; toegestaan: "
                                                       + ", ".join(sorted(PLUGINS)))
                continue
            if options is not None and not isinstance(options, dict):
                yield self.problem(("plugins", index), f"de opties van `{name}` moeten een groep instellingen zijn")
                continue
            for key, value in (options or {}).items():
                where = ("plugins", index, str(entry and next(iter(entry))), key)
                if key not in PLUGINS[name]:
                    yield self.problem(where, f"optie `{key}` van plugin `{name}` wordt niet gebruikt")
                elif key == "editor_auth_url" and value is not None and not login_url(value):
                    yield self.problem(where, "`editor_auth_url` moet een webadres zijn dat begint met https:// (zonder "
                                              "`?` of `#`): redacteuren loggen daar in met hun GitHub-account")
                elif key in ("repo_url", "data_licence") and value is not None and not http_url(value):
                    yield self.problem(where, f"`{key}` moet een webadres zijn dat begint met https:// of http://")
                elif key == "branch" and not (isinstance(value, str) and _BRANCH.match(value)
                                              and ".." not in value):
                    yield self.problem(where, "`branch` moet de naam van een branch zijn (letters, cijfers, `-`, `_`, "
                                              "`.` en `/`)")
                elif isinstance(value, (dict, list)) and key != "pipeline":
                    yield self.problem(where, f"optie `{key}` moet een enkele waarde zijn")
        if not any((e if isinstance(e, str) else next(iter(e), "")) == PLUGIN for e in self._list("plugins")
                   if isinstance(e, (str, dict))):
            yield self.problem(("plugins",), f"plugin `{PLUGIN}` ontbreekt: zonder die plugin komen de gegevens "
                                             "niet op de site")

    def _markdown_extensions(self) -> Iterator[Problem]:
        for index, entry in enumerate(self._list("markdown_extensions")):
            name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()), ("", {})) \
                if isinstance(entry, dict) and len(entry) == 1 else ("", {})
            if name not in MARKDOWN_EXTENSIONS:
                yield self.problem(("markdown_extensions", index),
                                   f"Markdown-uitbreiding `{name or entry}` is niet toegestaan (sommige lezen bestanden "
                                   "of voeren code uit); toegestaan: " + ", ".join(sorted(MARKDOWN_EXTENSIONS)))
                continue
            for key, value in (options or {}).items() if isinstance(options, dict) else ():
                if key not in MARKDOWN_EXTENSIONS[name] or isinstance(value, (dict, list)):
                    yield self.problem(("markdown_extensions", index, name, key),
                                       f"optie `{key}` van `{name}` is niet toegestaan")

    def _printable(self, value: Any, path: tuple) -> Iterator[Problem]:
        """Every name and value as plain text: MkDocs and the theme print them into pages as they are."""
        pairs = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in pairs:
            for text in (key, child):
                found = _UNPRINTABLE.search(text) if isinstance(text, str) else None
                if found:
                    yield self.problem(path + (key,), f"het teken `{shown(found.group())}` is niet toegestaan in "
                                                      "mkdocs.yml: de instellingen komen zonder omzetting in elke pagina")
            yield from self._printable(child, path + (key,))

    def _nav(self, items: Any, path: tuple) -> Iterator[Problem]:
        for index, item in enumerate(items if isinstance(items, list) else []):
            value = next(iter(item.values()), None) if isinstance(item, dict) and len(item) == 1 else item
            if isinstance(value, list):
                yield from self._nav(value, path + (index, next(iter(item))))
            elif not isinstance(value, str) or not (value.endswith(".md") and _PLAIN_PATH.match(value)
                                                    and ".." not in value.split("/") or http_url(value)):
                yield self.problem(path + (index,), f"`{value}` is geen pagina (een .md-bestand in content/) en "
                                                    "geen webadres")


def _stays_inside(target: Path, root: Path) -> bool:
    """Does ``target`` stay inside ``root``, also after following every link on its way?"""
    try:
        return Path(os.path.realpath(target)).is_relative_to(Path(os.path.realpath(root)))
    except OSError:
        return False

