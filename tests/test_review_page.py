"""The proposal's preview (wegwijzer review-page): the changed entries' pages in one file a browser opens as is."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SCHEMAS, TODAY, wegwijzer

pytestmark = pytest.mark.slow  # renders pages in a process of its own

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org",
                "GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org"}


def _git(repository: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repository, check=True, capture_output=True, env=dict(os.environ, **GIT_IDENTITY))


def test_the_review_page_shows_each_changed_entry_as_the_site_does_and_loads_nothing(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project / "data")
    shutil.copytree(SCHEMAS, project / "data" / "schema")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Data")
    interventions = project / "data" / "interventions.yaml"
    interventions.write_text(interventions.read_text(encoding="utf-8").replace(
        "name: Training Weerbaar", "name: Training Weerbaar <script>x</script>"), encoding="utf-8")
    (project / "data" / "news" / "jaarplan.yaml").unlink()
    out = tmp_path / "voorbeeld.html"
    done = wegwijzer("--project", str(project), "review-page", "--base", "main", "--out", str(out),
                     "--today", TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert 'id="/interventies/training-weerbaar/"' in page  # the editor's "Bekijk voorbeeld" jumps here
    assert "Training Weerbaar &lt;script&gt;x&lt;/script&gt;" in page  # the site's escaping
    assert "lespakket-weerbaar" not in page  # unchanged entries are not in it
    assert "<h2>Verwijderd</h2>" in page and "jaarplan" in page
    lowered = page.lower()
    assert "<script" not in lowered and "<link" not in lowered and "src=" not in lowered  # one file, loads nothing
    assert wegwijzer("--project", str(project), "review-page", "--base", "geen-commit", "--out",
                     str(out)).returncode == 2
