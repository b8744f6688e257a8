"""Editors' tools: scaffold, review report, field reference, link checker, CI files."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, wegwijzer
from wegwijzer.core import check_data
from wegwijzer.editor.vscode import vscode_settings
from wegwijzer.editor.fielddocs import field_reference, replace_section
from wegwijzer.core.kinds import data_files
from wegwijzer_dev.linkcheck import LinkCache, check_all, check_url, collect_urls
from wegwijzer.core.review import action_gaps, stale_entries
from wegwijzer.core.schemas import SchemaSet


def run(command: str, *args: str) -> subprocess.CompletedProcess:
    return wegwijzer(command, *args)


# --- scaffold -----------------------------------------------------------------


def test_scaffold_appends_a_valid_national_entry(minimal_copy):
    assert run("fmt", "--data", str(minimal_copy)).returncode == 0  # canonical before: only the entry is added
    before = (minimal_copy / "interventions.yaml").read_text(encoding="utf-8")
    result = run("new", "--data", str(minimal_copy), "--name", "Weerbaar in de Wijk",
                 "--kind", "training", "--provider", "politie", "--theme", "wapens-en-jongeren",
                 "--summary", "Training: omgaan met groepsdruk.", "--link", "Website=https://example.org/w",
                 "--source-url", "https://example.org/w", "--reviewed", "--today", "2026-11-20")
    assert result.returncode == 0, result.stderr
    after = (minimal_copy / "interventions.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # existing text (and comments) untouched
    assert run("fmt", "--check", "--data", str(minimal_copy)).returncode == 0  # and written in the canonical form
    checked = check_data(minimal_copy, root=minimal_copy.parent, today=TODAY)
    assert checked.errors == []
    entry = checked.toolbox.interventions["weerbaar-in-de-wijk"]
    assert entry.provider.id == "politie" and [t.id for t in entry.themes] == ["wapens-en-jongeren"]
    assert entry.summary == "Training: omgaan met groepsdruk." and entry.last_reviewed == "2026-11-20"
    assert [(s.url, s.consulted) for s in entry.sources] == [("https://example.org/w", "2026-11-20")]


def test_scaffold_puts_a_regional_entry_in_offerings(minimal_copy):
    result = run("new", "--data", str(minimal_copy), "--region", "regio", "--name", "Buurtspel",
                 "--kind", "spel", "--provider", "regio-org", "--summary", "Een spel.",
                 "--source-document", "bronnotitie")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((minimal_copy / "regions" / "regio.yaml").read_text(encoding="utf-8"))
    assert [o["id"] for o in data["offerings"]] == ["kwartetspel", "buurtspel"]
    # Nobody reviewed the new entry yet, so the scaffold does not claim a review date (on any day it runs).
    assert "last_reviewed" not in data["offerings"][-1]
    assert [p["id"] for p in data["programmes"]] == ["regio-programma"]
    assert check_data(minimal_copy, root=minimal_copy.parent, today=TODAY).errors == []


def test_scaffold_refuses_a_taken_id_and_invalid_values(minimal_copy):
    original = (minimal_copy / "interventions.yaml").read_text(encoding="utf-8")
    taken = run("new", "--data", str(minimal_copy), "--name", "Nazorg", "--kind", "aanpak",
                "--provider", "politie", "--summary", "x", "--source-document", "bronnotitie")
    assert taken.returncode == 1 and "id `nazorg` bestaat al" in taken.stderr
    bad = run("new", "--data", str(minimal_copy), "--name", "Nieuw", "--kind", "boek",
              "--provider", "politie", "--summary", "x", "--source-document", "bronnotitie")
    assert bad.returncode == 1 and "`boek` is geen toegestane waarde" in bad.stderr
    unsourced = run("new", "--data", str(minimal_copy), "--name", "Nieuw", "--kind", "spel", "--summary", "x")
    assert unsourced.returncode == 1 and "ontbrekend: --source-url of --source-document" in unsourced.stderr
    assert "Traceback" not in taken.stderr + bad.stderr + unsourced.stderr
    assert (minimal_copy / "interventions.yaml").read_text(encoding="utf-8") == original


# --- review report ----------------------------------------------------------------


def test_review_report_lists_a_known_stale_entry(minimal_copy):
    path = minimal_copy / "regions" / "regio.yaml"
    text = path.read_text(encoding="utf-8")
    old_source = f"      - url: https://example.org/spel\n        published: {TODAY.year - 3}-05\n        consulted: 2026-01-10\n"
    path.write_text(text.replace("    kind: spel\n    provider: regio-org\n    themes: [wapens-en-jongeren]\n"
                                 "    sources:\n      - document: bronnotitie\n",
                                 "    kind: spel\n    provider: regio-org\n    themes: [wapens-en-jongeren]\n"
                                 "    sources:\n" + old_source), encoding="utf-8")
    result = run("review", "--data", str(minimal_copy), "--today", TODAY.isoformat(), "--stale-after", "730")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Te controleren: 1 item(s)" in out
    assert "## Regio Voorbeeld" in out and "### Regionale alliantie" in out
    assert f"- Kwartetspel (interventie) — nieuwste bron: 31 mei {TODAY.year - 3}; nog niet door de redactie gecontroleerd" in out
    toolbox = check_data(minimal_copy, root=minimal_copy.parent, today=TODAY).toolbox
    groups = stale_entries(toolbox, TODAY, 730)
    assert [i.name for items in groups["Regio Voorbeeld"].values() for i in items] == ["Kwartetspel"]


def _review_section(out: str, heading: str) -> list[str]:
    """The lines of one '## …' section of the review report, starting with its heading."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"## {heading}"))
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("#")), len(lines))
    return [line for line in lines[start:end] if line]


def test_review_report_names_what_stops_a_reader_acting_and_what_no_editor_checked(minimal_copy):
    out = run("review", "--data", str(minimal_copy), "--today", TODAY.isoformat()).stdout
    toolbox = check_data(minimal_copy, root=minimal_copy.parent, today=TODAY).toolbox
    offerings = toolbox.interventions.values()
    assert f"- interventies: {sum(not i.last_reviewed for i in offerings)} van {len(offerings)}" in out
    heading = "Erkende interventies zonder licentiehouder of uitvoerder"
    assert _review_section(out, heading) == [f"## {heading}: 1 van 1", "- Training Weerbaar — data/interventions.yaml:21"]
    path = minimal_copy / "interventions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    provider: ccv\n    themes: [wapens-en-jongeren]\n    factors: [groepsdruk]\n",
        "    provider: ccv\n    licence_holder: ccv\n    themes: [wapens-en-jongeren]\n    factors: [groepsdruk]\n"),
        encoding="utf-8")
    gaps = {gap.title: gap for gap in action_gaps(check_data(minimal_copy, root=minimal_copy.parent, today=TODAY).toolbox)}
    assert gaps[heading].entries == [] and gaps[heading].of_how_many == 1


# --- field reference ----------------------------------------------------------------


def test_contributing_field_table_matches_the_schemas():
    document = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert replace_section(document, field_reference(SchemaSet(ROOT / "data" / "schema"))) == document, \
        "CONTRIBUTING.md is out of date: run `wegwijzer fields`"
    assert run("fields", "--check").returncode == 0


def test_vscode_settings_map_every_registered_file_to_its_schema():
    current = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert vscode_settings(current) == current, "run `wegwijzer editor-config`"
    mapped = json.loads(current)["yaml.schemas"]
    assert mapped == {f"data/schema/{f.schema}": f"data/{f.pattern}" for _, f in data_files()}
    assert all((ROOT / schema).is_file() for schema in mapped)


def test_field_table_drift_is_detected(tmp_path):
    schema_dir = tmp_path / "schema"
    schema_dir.mkdir()
    for path in (ROOT / "data" / "schema").glob("*.json"):
        (schema_dir / path.name).write_text(path.read_text(encoding="utf-8").replace('"Kosten"', '"Prijs"'), encoding="utf-8")
    document = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert replace_section(document, field_reference(SchemaSet(schema_dir))) != document


# --- CI files ---------------------------------------------------------------------


def test_workflow_passes_the_github_workflow_schema():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows",
                             str(ROOT / ".github" / "workflows" / "site.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(s.get("run", "")) + str(s.get("uses", "")) for s in workflow["jobs"]["check"]["steps"])
    assert "wegwijzer validate --format github" in steps and "make test" in steps and "upload-artifact" in steps
    assert "deploy-pages" in str(workflow["jobs"]["deploy"])


def test_a_pull_request_has_a_preview_page_before_the_tests_and_a_deploy_on_main_is_never_cancelled():
    from wegwijzer.editor.cms import STATUS_CONTEXT

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    preview = workflow["jobs"]["preview"]
    assert "needs" not in preview  # it does not wait for the test suite
    steps = {step.get("name", ""): step for step in preview["steps"]}
    assert "review-page" in steps["Make the preview page"]["run"]
    upload = steps["Upload it as a page to open (not zipped)"]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["archive"] is False
    link = steps["Link it from the pull request and the form editor"]["run"]
    assert f'context="{STATUS_CONTEXT}"' in link  # what the editor's "Bekijk voorbeeld" looks for
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.ref != 'refs/heads/main' }}"


# --- link checker -------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    flaky_calls = 0
    release = threading.Event()

    def _respond(self, include_body: bool):
        if self.path == "/good":
            self.send_response(200)
        elif self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/good")
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/flaky":
            type(self).flaky_calls += 1
            self.send_response(503 if type(self).flaky_calls == 1 else 200)
        elif self.path == "/no-head" and not include_body:
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/hang":
            type(self).release.wait(30)  # until the test has seen the checker give up
            return
        elif self.path == "/to-loopback":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/secret")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._respond(False)

    def do_GET(self):
        self._respond(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def link_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.flaky_calls = 0
    _Handler.release = threading.Event()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _Handler.release.set()
    server.shutdown()
    server.server_close()


def test_each_kind_of_link_is_classified(link_server):
    urls = [f"{link_server}/{p}" for p in ("good", "redirect", "missing", "flaky", "no-head", "hang")]
    results = {r.url.rsplit("/", 1)[1]: r
               for r in check_all(urls, today=TODAY, workers=6, timeout=1, retries=1, deadline=20)}
    assert results["good"].status == "ok" and results["good"].code == 200
    assert results["redirect"].status == "redirect" and results["redirect"].final_url.endswith("/good")
    assert results["missing"].status == "broken" and results["missing"].code == 404
    assert results["flaky"].status == "ok" and results["flaky"].attempts == 2  # retried after a 503
    assert results["no-head"].status == "ok"  # GET when HEAD is refused
    assert results["hang"].status == "unreachable" and "geen antwoord" in results["hang"].detail
    assert all(r.checked == TODAY.isoformat() for r in results.values())


def test_link_check_never_outlives_its_deadline(link_server):
    [result] = check_all([f"{link_server}/hang"], today=TODAY, timeout=20, retries=3, deadline=1.5)
    assert result.status == "unreachable" and "niet gecontroleerd binnen" in result.detail
    assert not _Handler.release.is_set()  # the server was still holding the request: we did not wait for it


def test_odd_urls_and_redirects_inward_are_reported_not_followed(link_server):
    results = check_all(["http://a..b/", "https:///zonder-host", f"{link_server}/good"], today=TODAY, timeout=1,
                        retries=0, deadline=20)
    assert [r.status for r in results] == ["broken", "broken", "ok"]
    assert results[0].detail == "ongeldig webadres"
    # A public link that redirects to this machine is refused (simulated: the start counts as public).
    from wegwijzer_dev import linkcheck

    with pytest.raises(linkcheck._Refused, match="intern adres"):
        linkcheck._follow(f"{link_server}/to-loopback", 1, starts_public=True)


def test_a_damaged_cache_file_is_ignored(tmp_path, link_server):
    for damaged in ("{not json", "[1, 2]", '{"x": 5, "y": {"status": "ok", "checked": "gisteren"}}'):
        cache_file = tmp_path / "links.json"
        cache_file.write_text(damaged, encoding="utf-8")
        cache = LinkCache(cache_file, today=TODAY)
        assert cache.get("x") is None and cache.get("y") is None
        [result] = check_all([f"{link_server}/good"], today=TODAY, timeout=1, retries=0, cache=cache)
        assert result.status == "ok"
        assert json.loads(cache_file.read_text(encoding="utf-8"))[f"{link_server}/good"]["status"] == "ok"


def test_link_command_refuses_zero_workers():
    result = subprocess.run([sys.executable, "-m", "wegwijzer_dev.cli", "links", "--workers", "0"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 2 and "moet minstens 1 zijn" in result.stderr and "Traceback" not in result.stderr


def test_cache_skips_recent_good_results(link_server, tmp_path):
    cache_file = tmp_path / "links.json"
    first = check_all([f"{link_server}/good", f"{link_server}/missing"], today=TODAY, timeout=1, retries=0,
                      cache=LinkCache(cache_file, today=TODAY))
    assert [r.from_cache for r in first] == [False, False]
    again = check_all([f"{link_server}/good", f"{link_server}/missing"], today=TODAY, timeout=1, retries=0,
                      cache=LinkCache(cache_file, today=TODAY))
    assert [r.from_cache for r in again] == [True, False]  # broken links are always checked again
    old = LinkCache(cache_file, max_age_days=7, today=TODAY + dt.timedelta(days=30))
    assert old.get(f"{link_server}/good") is None


def test_collect_urls_knows_where_each_link_is_used(minimal_copy):
    uses = collect_urls(minimal_copy, root=minimal_copy.parent)
    line = (minimal_copy / "interventions.yaml").read_text(encoding="utf-8").splitlines().index(
        "        url: https://example.org/weerbaar") + 1
    assert [(u.file, u.line) for u in uses["https://example.org/weerbaar"]] == [("data/interventions.yaml", line)]
    assert "https://hetccv.nl/" in uses


def test_single_url_check_on_a_closed_port():
    result = check_url("http://127.0.0.1:9/", today=TODAY, timeout=1, retries=0)
    assert result.status == "unreachable"
