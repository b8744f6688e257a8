"""Material's navigation and tabs, rendered once per folder of pages instead of once per page.

Material renders the whole navigation (and the tabs) for every page: a third
of its template time at 1,000 interventions. They depend on the page only
through which entries are active — none, for a page outside the navigation,
as every entity page is — and through links relative to the page; pages side
by side in one folder (``interventies/a/`` and ``interventies/b/``) link to
everything outside their own folders the same way. So for such pages each
fragment is rendered once per folder and reused; a page in the navigation,
or one with a navigation entry inside its own folder, is rendered as Material
renders it. The build's output stays byte for byte the same (tests/test_site.py).
"""

from __future__ import annotations

import posixpath
from typing import Any, Optional

import jinja2
from markupsafe import Markup

SHARED = ("partials/nav.html", "partials/tabs.html")
_THEME = "theme/"  # the theme's own templates, under a prefix, for the shared copies to render


def share_navigation(env: jinja2.Environment, nav: Any) -> None:
    """Make ``env`` render the fragments in SHARED once per folder of pages outside ``nav``."""
    in_nav = {id(page) for page in nav.pages}
    targets = [page.url for page in nav.pages]
    rendered: dict[tuple[str, Optional[tuple[str, str]]], Markup] = {}

    @jinja2.pass_context
    def shared_fragment(context: jinja2.runtime.Context, name: str) -> Markup:
        page = context.get("page")
        key = None if page is None or id(page) in in_nav else _folder(page.url, targets)
        if key is not None and (name, key) in rendered:
            return rendered[(name, key)]
        template = context.environment.get_template(_THEME + name)
        html = Markup("".join(template.root_render_func(template.new_context(context.get_all(), shared=True))))
        if key is not None:
            rendered[(name, key)] = html
        return html

    env.loader = jinja2.ChoiceLoader([
        jinja2.DictLoader({name: "{{ shared_fragment(%r) }}" % name for name in SHARED}),
        jinja2.PrefixLoader({_THEME.rstrip("/"): env.loader}),
        env.loader,
    ])
    env.globals["shared_fragment"] = shared_fragment


def _folder(url: str, targets: list[str]) -> Optional[tuple[str, str]]:
    """Pages with the same key link alike to every navigation entry; None: render this page's own."""
    head, tail = posixpath.split(url)
    if "." in tail:  # a file URL (the offline site): links start from its folder, shared by its neighbours
        return "file", head
    if url and any(target.startswith(url) for target in targets):
        return None  # a navigation entry inside the page's own folder: linked to differently from a neighbour
    return "folder", posixpath.dirname(url.rstrip("/"))
