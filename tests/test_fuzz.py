"""Property-based: whatever shape the data has, the validator reports and never raises."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from wegwijzer import check_data
from wegwijzer.loader import DataSet
from wegwijzer.schemas import DATA_FILES, SchemaSet
from wegwijzer.validator import Settings, validate
from wegwijzer.yamlfile import YamlDocument, read_yaml

SCHEMAS = SchemaSet(ROOT / "data" / "schema")
FIELD_NAMES = ["id", "name", "summary", "format", "provider", "themes", "factors", "age", "min", "max", "links",
               "url", "title", "evidence", "last_reviewed", "interventions", "offerings", "programmes", "projects",
               "steps", "number", "barriers", "parties", "situations", "actions", "party", "severity", "step_count"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 40), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.sampled_from(["2026-01-01", "2099-12-31", "2026-02-30", "https://x.nl", "javascript:1",
                                          "ccv", "wapens-en-jongeren", "niet beoordeeld", "lespakket", "", "  "]),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8), st.integers(0, 3))
yaml_like = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)), max_leaves=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from([f.kind for f in DATA_FILES]), data=yaml_like)
def test_validator_reports_but_never_raises(kind, data):
    dataset = DataSet(Path("data"), {kind: [YamlDocument(f"data/{kind}.yaml", data)]})
    problems = validate(dataset, SCHEMAS, Settings(today=dt.date(2026, 11, 23)))
    assert isinstance(problems, list)
    if not isinstance(data, dict):
        assert problems


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=300))
def test_reading_arbitrary_bytes_never_raises(raw, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "partners.yaml"
    path.write_bytes(raw)
    document, problems = read_yaml(path, "data/partners.yaml")
    assert document is not None or problems


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.dictionaries(st.sampled_from(["interventions", "x"]), st.lists(yaml_like, max_size=3), max_size=2))
def test_whole_check_returns_errors_for_arbitrary_files(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzzdata") / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "interventions.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = check_data(folder, root=folder.parent, today=dt.date(2026, 11, 23))
    assert result.toolbox is None or result.errors == []
