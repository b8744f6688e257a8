"""Data for the site's scripts, shipped as a classic script file.

The finder, the fit instrument and the handout read the toolbox from
``window.WEGWIJZER_DATA``. A ``.js`` file (not JSON fetched at runtime) keeps
this working from ``file://`` in the offline export, where ``fetch`` fails.
The finder's text search reads an index the build made (``textindex.py``)
rather than the interventions' text.
"""

from __future__ import annotations

import json
from typing import Callable
from ..core import model as m
from ..core.dates import MONTHS
from ..core.review import last_confirmed
from ..core.textformat import plain_text
from .facets import AGE_BANDS, AGE_FACET, AGE_LIMITS, FACTOR_FACET, NATIONAL, REGION_FACET, Facet, facet_values
from .facts import evidence
from .paths import DATA_SCRIPT, SITE_PAGE, kind_page, page_path, page_url
from .textindex import text_index
from .vocabulary import Vocabulary


def intervention_record(i: m.Intervention, vocabulary: Vocabulary, use_directory_urls: bool) -> dict:
    """What scripts need of one intervention; text is plain (scripts insert it as text)."""
    return {
        "id": i.id,
        "name": i.name,
        "url": page_url(page_path(i), use_directory_urls),
        "asOf": confirmed.isoformat() if (confirmed := last_confirmed(i)) else "",
        "evidence": evidence(i, vocabulary).strength,  # the finder sorts by it
        "ageMin": i.age_min,
        "ageMax": i.age_max,
        "facets": facet_values(i, vocabulary),
    }


def search_text(i: m.Intervention) -> str:
    """The words the finder's text search matches for an intervention (its name weighs more)."""
    return " ".join([i.name, plain_text(i.summary)] + [partner.name for _, partner in i.contacts]
                    + [t.name for t in i.themes] + [f.name for f in i.factors] + ([i.region.name] if i.region else []))


def search_support(toolbox: m.Toolbox, dutch_support: str) -> str:
    """The site's Dutch search support with the synonyms added: Material's search worker loads this file."""
    return dutch_support.rstrip("\n") + "\nlunr.wegwijzerSynonyms=" + _script_json(toolbox.synonym_groups) + ";\n"


def script_pages() -> dict[str, str]:
    """The pages scripts link to or make addresses of, by the key they use."""
    return {"finder": kind_page("intervention"),
            **{key: SITE_PAGE[key].path for key in ("fit", "handout", "compare", "evidence")}}


def script_data(toolbox: m.Toolbox, vocabulary: Vocabulary, facets: list[Facet], use_directory_urls: bool,
                terms: Callable[[str], tuple[str, ...]], site_url: str = "") -> dict:
    """What the scripts read: the records, the text index and the rules they share with the pages, written once."""
    interventions = sorted(toolbox.interventions.values(), key=lambda i: i.id)
    return {
        "synonyms": toolbox.synonym_groups,
        "siteUrl": site_url,  # shared links and QR codes lead to the published site, also from the offline copy
        "pages": {key: page_url(path, use_directory_urls) for key, path in script_pages().items()},
        "national": NATIONAL,
        "ageFacet": AGE_FACET, "regionFacet": REGION_FACET, "factorFacet": FACTOR_FACET,
        "ageLimits": list(AGE_LIMITS),
        "ageBands": [[key, label, low, high] for key, label, low, high in AGE_BANDS],
        "months": list(MONTHS),
        "facets": [
            {"key": f.key, "label": f.label, "options": [[o.value, o.label] for o in f.options]} for f in facets
        ],
        "factors": {
            f.id: {"name": f.name, "kind": f.kind, "domain": f.domain,
                   "turnTo": [{"name": p.name, "url": page_url(page_path(p), use_directory_urls)}
                              for p in f.where_to_turn]}
            for f in toolbox.factors.values()
        },
        "interventions": [intervention_record(i, vocabulary, use_directory_urls) for i in interventions],
        "textIndex": text_index(((i.name, search_text(i)) for i in interventions), terms),
    }


def script_assets(toolbox: m.Toolbox, vocabulary: Vocabulary, facets: list[Facet], use_directory_urls: bool,
                  terms: Callable[[str], tuple[str, ...]], site_url: str = "") -> dict[str, str]:
    """Generated script files by their path in the site; ``terms`` stems text as the site's search does."""
    data = script_data(toolbox, vocabulary, facets, use_directory_urls, terms, site_url)
    return {DATA_SCRIPT: f"window.WEGWIJZER_DATA={_script_json(data)};\n"}


def _script_json(value) -> str:
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "</" cannot end a script element from inside a JS string, whatever the data holds.
    return payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
