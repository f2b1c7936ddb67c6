"""Property tests over arbitrary Unicode: no crash, offsets valid, JSON valid."""

from __future__ import annotations

import json

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from appeal_lint.model import Report
from appeal_lint.source import Source
from conftest import assert_offsets

# Random locally, to keep finding new cases; the same examples every time under CI.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Letters, punctuation, CJK, emoji, zero-width and control characters, all line endings.
alphabet = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(list("\r\n\t ，。：！？\u200b\u200d\ufeff\u2028") + ["\r\n", "!!!", "the buyer lied", "We will try our best", "Root cause:\n", "- ", "<!-- appeal-lint: disable AL301 -->"]),
)
texts = st.lists(alphabet, min_size=1, max_size=60).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=texts)
@example(text="\t\u20280")  # a line separator U+2028 that str.splitlines() would break at
@example(text="  \r\n\r\n  the buyer lied  \r\n")
def test_any_text_lints_with_valid_offsets_and_json(engine, text):
    report = engine.lint_sources([Source("draft.md", text)])
    file = report.files[0]
    assert_offsets(file)
    for role in file.roles:
        assert 0 <= role.start <= role.end <= len(text)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["schema"] == "appeal-lint/1"
    assert 0 <= data["files"][0]["score"] <= 100


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_or_fail_cleanly(data):
    from appeal_lint.errors import InputError
    from appeal_lint.source import read_bytes

    try:
        source = read_bytes(data, "x.txt")
    except InputError as exc:
        assert exc.code in ("binary", "decode", "empty", "too-large")
    else:
        assert isinstance(source.text, str) and source.text.strip()
