"""The repository's history as input: "Laatst gewijzigd" and "Wat is er veranderd" (issue #22, findings 4 and 5).

Every test builds a small repository from the fixture data with commits on
chosen days; "today" is the tests' TODAY, so nothing depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SCHEMAS, TODAY
from wegwijzer.core import check_data
from wegwijzer.core import history as history_module
from wegwijzer.core.changes import CHANGED, NEW, content_changes
from wegwijzer.core.history import DataHistory, changed_days
from wegwijzer.core.schemas import SchemaSet


def _git(repository: Path, *args: str, day: dt.date = TODAY) -> str:
    stamp = f"{day.isoformat()}T12:00:00+01:00"
    env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "Redactie",
           "GIT_AUTHOR_EMAIL": "redactie@example.org", "GIT_COMMITTER_NAME": "Redactie",
           "GIT_COMMITTER_EMAIL": "redactie@example.org", "PATH": "/usr/bin:/bin", "HOME": str(repository)}
    return subprocess.run(["git", *args], cwd=repository, check=True, env=env, capture_output=True,
                          text=True).stdout


def _commit(repository: Path, message: str, day: dt.date) -> None:
    _git(repository, "add", "-A", day=day)
    _git(repository, "commit", "-q", "--allow-empty", "-m", message, day=day)


def _repository(tmp_path: Path, first: dt.date = TODAY - dt.timedelta(days=30)) -> Path:
    """The fixture data, committed once on ``first``."""
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", repository / "data")
    shutil.copytree(SCHEMAS, repository / "data" / "schema")
    _git(repository, "init", "-q", "-b", "main")
    _commit(repository, "Eerste versie", first)
    return repository


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _changes(repository: Path, history: DataHistory | None = None):
    return content_changes(repository, repository / "data", SchemaSet(SCHEMAS), TODAY, history)


def _days(repository: Path, history: DataHistory | None = None) -> dict[tuple[str, str], dt.date]:
    toolbox = check_data(repository / "data", today=TODAY, schema_dir=SCHEMAS).toolbox
    entities = [e for kind in toolbox.entities.values() for e in kind.values()]
    found = changed_days(entities, history or DataHistory(repository, repository / "data"), TODAY)
    return {(e.data_kind.name, e.id): found[id(e)] for e in entities if id(e) in found}


# -- finding 4: old versions are read as data is read -------------------------------------------------------


def _bomb(levels: int = 9) -> str:
    """A billion laughs: ten references to the level below, nine levels deep (10⁹ strings once expanded)."""
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"lol{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_22_4_a_billion_laughs_added_and_removed_in_history_is_skipped(tmp_path):
    """Added in one commit and removed in the next (an empty net diff): skipped and reported, in bounded memory."""
    repository = _repository(tmp_path)
    news = repository / "data" / "news" / "lol.yaml"
    news.write_text("id: lol\nname: Lol\ndate: '2026'\nsummary: Lol.\nsources:\n  - document: bronnotitie\n"
                    + _bomb(), encoding="utf-8")
    _commit(repository, "Bericht", TODAY - dt.timedelta(days=3))
    news.unlink()
    _commit(repository, "Weg", TODAY - dt.timedelta(days=2))
    script = (
        "import json, resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from conftest import SCHEMAS, TODAY\n"
        "from pathlib import Path\n"
        "from wegwijzer.core.changes import content_changes\n"
        "from wegwijzer.core.history import DataHistory\n"
        "from wegwijzer.core.schemas import SchemaSet\n"
        "repository = Path(sys.argv[1])\n"
        "history = DataHistory(repository, repository / 'data')\n"
        "found = content_changes(repository, repository / 'data', SchemaSet(SCHEMAS), TODAY, history)\n"
        "print(json.dumps({'ids': [c.entity_id for c in found], 'problems': [p.format() for p in history.problems]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(repository), str(ROOT / "tests")],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert "lol" not in result["ids"] and "jaarplan" in result["ids"]  # the rest of the history still counts
    assert any("data/news/lol.yaml" in p and "ankers en aliassen" in p for p in result["problems"]), result


def test_22_4_twenty_thousand_brackets_in_history_are_skipped(tmp_path):
    """Nesting that would exhaust Python's stack (RecursionError) is refused like in data/."""
    repository = _repository(tmp_path)
    themes = repository / "data" / "themes.yaml"
    original = themes.read_text(encoding="utf-8")
    _edit(themes, "intro: Veilige scholen.", "intro: " + "[" * 20_000 + "]" * 20_000)
    _commit(repository, "Haakjes", TODAY - dt.timedelta(days=3))
    themes.write_text(original.replace("Veilige scholen.", "Veilige scholen, ook online."), encoding="utf-8")
    _commit(repository, "Hersteld", TODAY - dt.timedelta(days=2))
    history = DataHistory(repository, repository / "data")
    changes = _changes(repository, history)
    assert {(c.what, c.entity_id) for c in changes if c.day == TODAY - dt.timedelta(days=30)} >= {
        (NEW, "school-en-veiligheid")}
    assert not [c for c in changes if c.day > TODAY - dt.timedelta(days=30) and c.kind == "theme"]
    assert any(p.file == "data/themes.yaml" and "te diep genest" in p.message for p in history.problems)


def test_22_4_an_old_title_with_an_invisible_character_keeps_the_feed_well_formed(tmp_path):
    from wegwijzer.site.assemble import Site
    from wegwijzer.site.outputs import Publication
    from wegwijzer.site.paths import CHANGES_FEED, SITE_PAGE
    from wegwijzer.site.render import RenderSettings

    repository = _repository(tmp_path)
    themes = repository / "data" / "themes.yaml"
    _edit(themes, "name: School en veiligheid", 'name: "School\\uFFFE en\\a veiligheid"')  # YAML escapes
    _commit(repository, "Titel", TODAY - dt.timedelta(days=3))
    changes = _changes(repository)
    renamed = next(c for c in changes if c.entity_id == "school-en-veiligheid" and c.what == CHANGED)
    assert renamed.name == "School en veiligheid"
    result = check_data(FIXTURES / "minimal", root=FIXTURES, today=TODAY, schema_dir=SCHEMAS)
    site = Site(result, RenderSettings(Publication("Wegwijzer", "https://example.org/")), today=TODAY,
                template_dir=ROOT / "overrides", changes=changes)
    ElementTree.fromstring(site.files()[CHANGES_FEED])  # well-formed XML
    page = next(p for p in site.pages if p.src_uri == SITE_PAGE["changes"].path)
    assert "\ufffe" not in page.body and "\x07" not in page.body


def test_22_4_a_commit_dated_after_today_gives_no_date(tmp_path):
    repository = _repository(tmp_path)
    themes = repository / "data" / "themes.yaml"
    _edit(themes, "intro: Veilige scholen.", "intro: Veilige scholen voor iedereen.")
    _commit(repository, "Uit de toekomst", dt.date(2099, 1, 1))
    history = DataHistory(repository, repository / "data")
    changes = _changes(repository, history)
    assert changes and max(c.day for c in changes) <= TODAY
    assert "school-en-veiligheid" not in {c.entity_id for c in changes if c.what == CHANGED}
    days = _days(repository)
    assert max(days.values()) <= TODAY and days[("theme", "school-en-veiligheid")] == TODAY - dt.timedelta(days=30)
    assert any("na vandaag" in p.message for p in history.problems)


def test_22_4_a_shallow_clone_does_not_announce_every_entry_as_new(tmp_path):
    repository = _repository(tmp_path)
    _edit(repository / "data" / "themes.yaml", "intro: Veilige scholen.", "intro: Veilige scholen, ook online.")
    _commit(repository, "Wijziging", TODAY - dt.timedelta(days=2))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True)
    full = _changes(repository)
    assert {c.entity_id for c in full if c.day == TODAY - dt.timedelta(days=2)} == {"school-en-veiligheid"}
    history = DataHistory(clone, clone / "data")
    assert _changes(clone, history) == []  # the one commit it has could have changed anything
    assert _days(clone, history) == {}  # nor does it know when any line was written
    assert _days(repository)[("theme", "school-en-veiligheid")] == TODAY - dt.timedelta(days=2)


# -- finding 5: merge commits -----------------------------------------------------------------------------------


def test_22_5_a_change_merged_with_a_merge_commit_appears(tmp_path):
    repository = _repository(tmp_path)
    _git(repository, "checkout", "-q", "-b", "voorstel")
    _edit(repository / "data" / "themes.yaml", "intro: Veilige scholen.", "intro: Veilige scholen, ook online.")
    _commit(repository, "Voorstel", TODAY - dt.timedelta(days=5))
    _git(repository, "checkout", "-q", "main")
    (repository / "LEESMIJ").write_text("Over deze toolbox.\n", encoding="utf-8")
    _commit(repository, "Iets anders", TODAY - dt.timedelta(days=4))
    merged = TODAY - dt.timedelta(days=3)
    _git(repository, "merge", "-q", "--no-ff", "-m", "Merge pull request #1", "voorstel", day=merged)
    assert {(c.day, c.what, c.entity_id) for c in _changes(repository) if c.day != TODAY - dt.timedelta(days=30)} == {
        (merged, CHANGED, "school-en-veiligheid")}


# -- issue #23, point 2: history is read once ------------------------------------------------------------------


def test_history_is_read_once_and_a_save_reblames_only_the_changed_file(tmp_path, monkeypatch):
    repository = _repository(tmp_path)
    _edit(repository / "data" / "themes.yaml", "intro: Veilige scholen.", "intro: Veilige scholen, ook online.")
    _commit(repository, "Wijziging", TODAY - dt.timedelta(days=2))
    history = DataHistory(repository, repository / "data")
    first = (_changes(repository, history), _days(repository, history))
    commands: list[str] = []
    counting = history_module.git_bytes
    monkeypatch.setattr(history_module, "git_bytes", lambda repo, *args, **kw: (commands.append(args[0]),
                                                                                  counting(repo, *args, **kw))[1])
    _edit(repository / "data" / "interventions.yaml", "Een lespakket over", "Een nieuw lespakket over")  # a save
    again = (_changes(repository, history), _days(repository, history))
    assert sorted(commands) == ["blame", "rev-parse", "rev-parse"]  # no log, no old versions: only the saved file
    fresh = DataHistory(repository, repository / "data")
    assert again == (_changes(repository, fresh), _days(repository, fresh))  # the same as reading it all again
    assert again[1] != first[1] and again[1][("intervention", "lespakket-weerbaar")] == TODAY  # not committed yet


@pytest.mark.parametrize("rogue", ["Naam\u2028met scheiding", "x" * 5000])
def test_a_name_from_history_is_shown_bounded_and_printable(tmp_path, rogue):
    repository = _repository(tmp_path)
    _edit(repository / "data" / "themes.yaml", "name: School en veiligheid", f"name: {json.dumps(rogue)}")
    _commit(repository, "Titel", TODAY - dt.timedelta(days=3))
    name = next(c.name for c in _changes(repository) if c.entity_id == "school-en-veiligheid" and c.what == CHANGED)
    assert name.isprintable() and len(name) <= 200
