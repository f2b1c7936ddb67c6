"""Rule files are validated on load and errors name the file and line."""

from __future__ import annotations

import textwrap

import pytest

from appeal_lint.engine import Engine
from appeal_lint.errors import RuleError
from appeal_lint.ruleset import load_folder
from appeal_lint.settings import Settings

GOOD = """\
id: agency.no-sorry
code: AG101
category: tone
severity: info
type: phrase
phrases: [so sorry]
message: Drop "so sorry".
why: Our agency house style keeps apologies to one plain sentence at the start of the letter.
examples:
  bad: [We are so sorry.]
  good: [We apologize for the late orders.]
"""


def write(tmp_path, text, name="rule.yaml"):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_user_rule_folder_is_loaded_and_runs(tmp_path):
    folder = write(tmp_path, GOOD)
    engine = Engine(Settings(rule_dirs=[str(folder)], grammar=False))
    from appeal_lint.source import Source

    report = engine.lint_sources([Source("d.txt", "We are so sorry for this.")]).files[0]
    assert [f.code for f in report.findings if f.code == "AG101"] == ["AG101"]


@pytest.mark.parametrize(
    "text,line,fragment",
    [
        (GOOD.replace("type: phrase", "type: phrase\ncolour: red"), 6, "unknown key 'colour'"),
        (GOOD.replace("severity: info", "severity: fatal"), 4, "severity 'fatal'"),
        (GOOD.replace("examples:\n  bad: [We are so sorry.]\n  good: [We apologize for the late orders.]\n", "examples: {}\n"), 9, "examples need"),
        (GOOD.replace("phrases: [so sorry]", "phrases: [so sorry\n"), None, "invalid YAML"),
        (GOOD.replace("category: tone", "category: vibes"), 3, "category 'vibes'"),
        (GOOD.replace("type: phrase", "type: magic"), 5, "unknown rule type"),
    ],
)
def test_malformed_rule_reports_file_and_line(tmp_path, text, line, fragment):
    folder = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_folder(folder)
    message = str(err.value)
    assert message.startswith(str(folder / "rule.yaml"))
    assert fragment in message
    if line:
        assert f"rule.yaml:{line}:" in message


def test_invalid_spacy_pattern_is_reported_against_its_line(tmp_path):
    text = GOOD.replace("type: phrase\nphrases: [so sorry]", "type: pattern\npatterns:\n  - [{LOWER: so}]\n  - [{LOWERCASE: sorry}]")
    folder = write(tmp_path, text)
    engine = Engine(Settings(rule_dirs=[str(folder)], grammar=False))
    with pytest.raises(RuleError) as err:
        engine.compile()
    assert "rule.yaml:" in str(err.value) and "invalid token pattern" in str(err.value)


@pytest.mark.parametrize("op", ['"{1,20}"', '"{2,}"'])
def test_a_long_repeat_in_a_token_pattern_is_refused(tmp_path, op):
    # spaCy expands {n,m} into m optional tokens; a wildcard "{1,20}" once made every lint 3.5x slower
    text = GOOD.replace("type: phrase\nphrases: [so sorry]", f"type: pattern\npatterns:\n  - [{{LOWER: we}}, {{OP: {op}}}, {{LOWER: sorry}}]")
    folder = write(tmp_path, text)
    engine = Engine(Settings(rule_dirs=[str(folder)], grammar=False))
    with pytest.raises(RuleError) as err:
        engine.compile()
    assert "rule.yaml:" in str(err.value) and "slows every lint" in str(err.value) and "\n" not in str(err.value)


def test_a_short_repeat_is_accepted(tmp_path):
    text = GOOD.replace("type: phrase\nphrases: [so sorry]", "type: pattern\npatterns:\n  - [{LOWER: so}, {OP: \"{0,8}\"}, {LOWER: sorry}]")
    Engine(Settings(rule_dirs=[str(write(tmp_path, text))], grammar=False)).compile()


def test_duplicate_code_names_both_files(tmp_path):
    folder = write(tmp_path, GOOD)
    write(tmp_path, GOOD.replace("agency.no-sorry", "agency.other"), name="two.yaml")
    with pytest.raises(RuleError) as err:
        from appeal_lint.ruleset import load_rules

        load_rules([folder])
    assert "duplicate rule code 'AG101'" in str(err.value)


def test_yaml_one_point_one_booleans_stay_words(tmp_path):
    folder = write(tmp_path, GOOD.replace("phrases: [so sorry]", "phrases: [no, on]"))
    rule = load_folder(folder)[0]
    assert rule.options["phrases"] == ["no", "on"]


def test_yaml_cannot_construct_python_objects(tmp_path):
    folder = write(tmp_path, GOOD.replace("phrases: [so sorry]", "phrases: !!python/object/apply:os.system [echo hi]"))
    with pytest.raises(RuleError) as err:
        load_folder(folder)
    assert "invalid YAML" in str(err.value)


def test_a_regex_rule_option_must_be_a_flag(tmp_path):
    from appeal_lint.errors import AppealLintError
    from appeal_lint.ruleset import load_rules

    (tmp_path / "r.yaml").write_text(
        "id: local.q\ncode: AL9901\ncategory: focus\nseverity: info\ntype: regex\npattern: 'x\\?'\nflowed: yes\n"
        "message: m\nwhy: w\nexamples:\n  bad: ['x?']\n  good: ['y']\n"
    )
    with pytest.raises(AppealLintError, match="'flowed' must be true or false"):
        from appeal_lint.engine import Engine
        from appeal_lint.settings import Settings

        Engine(Settings(), rules=load_rules([str(tmp_path)])).compile()



VERB_FORM = """\
id: agency.assist
code: AG102
category: language
severity: warning
type: substitution
swaps:
  - pattern: [{LEMMA: assist, POS: VERB}, {POS: DET}, {LEMMA: training}]
    span: [0, 1]
    replace: ["{verb0:attend}", "{verb0:hold}"]
message: "Write \\"{replacement}\\"."
why: Our house style.
examples:
  bad: [Our packers assisted a training in May.]
  good: [Our packers attended a training in May.]
"""


@pytest.mark.parametrize(
    "sentence, found, replacements",
    [
        ("Our packers assisted a training in May.", "assisted", ["attended", "held"]),  # the past: "held" from the lexicon
        ("Each new packer assists a training on day one.", "assists", ["attends", "holds"]),
        ("Our packers will assist a training in May.", "assist", ["attend", "hold"]),
        ("Our packers are assisting a training this week.", "assisting", ["attending", "holding"]),
    ],
)
def test_a_swap_puts_a_verb_in_the_form_of_the_word_it_replaces(tmp_path, sentence, found, replacements):
    _assert_swap(tmp_path, VERB_FORM, "AG102", sentence, found, replacements)


def _assert_swap(tmp_path, rule_text, code, sentence, found, replacements):
    """The one finding of rule ``code`` in ``sentence``: the words it found and what it offers."""
    from appeal_lint.source import Source

    engine = Engine(Settings(rule_dirs=[str(write(tmp_path, rule_text))], grammar=False))
    report = engine.lint_sources([Source("d.txt", sentence)]).files[0]
    (f,) = [f for f in report.findings if f.code == code]
    assert f.text == found
    assert f.suggestions == replacements


PAIRED = """\
id: agency.paired
code: AG104
category: language
severity: warning
type: substitution
swaps:
  - phrase: [on urgent basis, on an urgent basis, in the coming days]
    replace: [urgently, as a matter of urgency, soon]
  - lemma: [revert back, discuss about]
    replace: [reply, discuss]
  - phrase: [in a timely way, in a timely fashion]
    replace: [on time]
message: "Write \\"{replacement}\\"."
why: Our house style.
examples:
  bad: [We will reply on urgent basis.]
  good: [We will reply urgently.]
"""


@pytest.mark.parametrize(
    "sentence, found, replacements",
    [
        # as many phrases as replacements: each phrase has its own, by the words or the lemmas matched
        ("We will reply on urgent basis.", "on urgent basis", ["urgently"]),
        ("We will reply on an urgent basis.", "on an urgent basis", ["as a matter of urgency"]),
        ("The refunds go out in the coming days.", "in the coming days", ["soon"]),
        ("We discussed about the labels with the packer.", "discussed about", ["discuss"]),
        # fewer replacements than phrases: every phrase is offered all of them
        ("We answer in a timely fashion.", "in a timely fashion", ["on time"]),
    ],
)
def test_a_swap_with_as_many_phrases_as_replacements_pairs_them(tmp_path, sentence, found, replacements):
    _assert_swap(tmp_path, PAIRED, "AG104", sentence, found, replacements)


@pytest.mark.parametrize(
    "replace, message",
    [
        ('"{verb0}"', "needs a verb's base form after the colon"),
        ('"{verb0:Attend now}"', "needs a verb's base form after the colon"),
        ('"{verb5:attend}"', "the pattern has 3 token(s)"),
    ],
)
def test_a_verb_field_is_checked_when_the_rule_loads(tmp_path, replace, message):
    folder = write(tmp_path, VERB_FORM.replace('"{verb0:attend}", "{verb0:hold}"', replace))
    with pytest.raises(RuleError) as err:
        Engine(Settings(rule_dirs=[str(folder)], grammar=False)).compile()
    assert "rule.yaml:" in str(err.value) and message in str(err.value)


FROM_END = """\
id: agency.formed
code: AG103
category: language
severity: warning
type: substitution
swaps:
  - pattern: [{LEMMA: staff}, {LEMMA: be}, {POS: ADV, OP: "?"}, {LOWER: formed}, {LOWER: on}]
    span: [-2, -1]
    replace: [trained]
message: "Write \\"{replacement}\\"."
why: Our house style.
examples:
  bad: [Our staff were formed on the new rules.]
  good: [Our staff were trained on the new rules.]
"""


@pytest.mark.parametrize("sentence", ["Our staff were formed on the new rules.", "Our staff were now formed on the new rules."])
def test_a_span_counted_from_the_end_finds_its_word_behind_optional_tokens(tmp_path, sentence):
    from appeal_lint.source import Source

    engine = Engine(Settings(rule_dirs=[str(write(tmp_path, FROM_END))], grammar=False))
    report = engine.lint_sources([Source("d.txt", sentence)]).files[0]
    (f,) = [f for f in report.findings if f.code == "AG103"]
    assert f.text == "formed" == sentence[f.start : f.end]
    assert f.suggestions == ["trained"]


@pytest.mark.parametrize("span", ["[-1, 1]", "[-1, -2]", "[-9, -1]", "[1, 1]"])
def test_a_span_must_be_a_range_within_the_pattern(tmp_path, span):
    folder = write(tmp_path, FROM_END.replace("span: [-2, -1]", f"span: {span}"))
    with pytest.raises(RuleError) as err:
        Engine(Settings(rule_dirs=[str(folder)], grammar=False)).compile()
    assert "span is [first, last)" in str(err.value)
