"""The learned layer: the shipped models load offline without pickle, score sentences
written here (not corpus lines), explain themselves, and sit under the rules."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

from appeal_lint import learned
from appeal_lint.engine import Engine
from appeal_lint.settings import Settings
from appeal_lint.source import Source

LEARNED = ["ownership.learned", "tone.learned", "specificity.learned", "focus.learned"]


@pytest.fixture(scope="module")
def model_only():
    """An engine running only the model rules, so the model is judged on its own."""
    eng = Engine(Settings(select=LEARNED, grammar=False))
    eng.compile()
    return eng


def flagged(engine, text: str, section: str = "Root cause") -> set[str]:
    letter = f"{section}\n\n{text}\n"
    report = engine.lint_sources([Source("s.txt", letter)]).files[0]
    return {f.category for f in report.findings if f.rule.endswith(".learned")}


@pytest.mark.parametrize("name", learned.available())
def test_shipped_models_cannot_run_code(name):
    folder = learned.MODELS_DIR / name
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["model.json", "weights.npy"]
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    weights = np.load(folder / "weights.npy", allow_pickle=False)  # raises on an object array
    assert weights.dtype.kind == "f"
    rows = len(meta["labels"]) + sum(len(v) for v in (meta.get("parts") or {}).values())
    assert weights.shape == (rows, len(meta["features"]) + 1)


def test_both_models_are_shipped():
    assert {"defects", "roles"} <= set(learned.available())
    assert learned.load("defects").labels == ["ownership", "tone", "specificity", "focus", "language"]


def test_a_model_that_does_not_fit_its_vocabulary_is_refused(tmp_path):
    (tmp_path / "model.json").write_text(json.dumps({"name": "x", "kind": "multilabel", "labels": ["a"], "features": ["w=a", "w=b"]}))
    np.save(tmp_path / "weights.npy", np.zeros((1, 2), dtype=np.float32))
    with pytest.raises(learned.ModelError, match="do not fit"):
        learned.LinearModel.load(tmp_path)


def _model_with_parts(tmp_path, parts):
    (tmp_path / "model.json").write_text(json.dumps({"name": "x", "kind": "multilabel", "labels": ["own", "tone"],
                                                      "features": ["w=lose", "w=sorry"], "parts": parts}))
    # rows: own, tone, own/carrier, own/denial; columns: w=lose, w=sorry, bias
    weights = np.array([[1.0, 0, 0], [0, 2.0, 0], [3.0, 0, -1.0], [-2.0, 0, 0]], dtype=np.float32)
    np.save(tmp_path / "weights.npy", weights[: 2 + sum(len(v) for v in parts.values())])
    return learned.LinearModel.load(tmp_path)


def test_a_label_with_parts_scores_the_mean_of_itself_and_its_likeliest_part(tmp_path):
    model = _model_with_parts(tmp_path, {"own": ["own/carrier", "own/denial"]})
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    p = model.predict(["w=lose"])
    assert p.kinds == {"own": "own/carrier"}
    assert p.scores["own"] == pytest.approx((sig(1.0) + sig(2.0)) / 2)
    assert p.scores["tone"] == pytest.approx(sig(0.0))  # no parts: its own probability
    # the drivers of a part's finding add the label's row and the part's
    assert model.drivers(["w=lose", "w=sorry"], "own", part="own/carrier") == ["lose"]


def test_drivers_rank_by_weight_skip_what_says_nothing_new_and_break_ties_in_a_fixed_order(tmp_path):
    features = ["w=courier", "b=courier_lose", "w=lose", "w=the", "w=parcel", "w=box", "w=late"]
    (tmp_path / "model.json").write_text(json.dumps({"name": "x", "kind": "multilabel", "labels": ["own"], "features": features}))
    # "courier lose" outweighs "courier" (which it contains); "the" explains nothing; "parcel" and
    # "box" tie; "late" pulls the other way
    weights = np.array([[1.0, 3.0, 2.0, 5.0, 1.5, 1.5, -4.0, 0.0]], dtype=np.float32)
    np.save(tmp_path / "weights.npy", weights)
    model = learned.LinearModel.load(tmp_path)
    sentence = ["w=late", "w=box", "w=parcel", "w=the", "w=courier", "b=courier_lose", "w=lose", "w=unknown"]
    assert model.drivers(sentence, "own") == ["courier lose", "box", "parcel"]
    assert model.drivers(list(reversed(sentence)), "own", top=5) == ["courier lose", "box", "parcel"]
    assert model.drivers(["w=late", "w=unknown"], "own") == []


def test_parts_that_do_not_fit_the_weights_are_refused(tmp_path):
    with pytest.raises(learned.ModelError, match="do not fit"):
        _model_with_parts(tmp_path, {"own": ["own/carrier", "own/denial", "own/extra"]})
    with pytest.raises(learned.ModelError, match="distinct"):
        _model_with_parts(tmp_path, {"own": ["own/carrier", "own/carrier"]})


def test_the_feature_index_finds_columns_in_order_and_survives_clashing_hashes():
    features = ["w=lose", "w=sorry", "b=courier_lose", "c=ost", "w=late"]
    index = learned.FeatureIndex(features)
    assert len(index) == 5
    assert index.lookup(["w=late", "w=unknown", "w=lose", "w=lose"]).tolist() == [4, -1, 0, 0]
    assert sorted(index.columns(["c=ost", "w=nothing", "w=sorry"]).tolist()) == [1, 3]
    assert index.get("b=courier_lose") == 2 and index.get("w=absent") is None
    assert index.lookup([]).tolist() == [] and len(learned.FeatureIndex([]).columns(["w=a"])) == 0

    class Coarse(learned.FeatureIndex):
        _hash = staticmethod(lambda f: len(f))  # "w=lose" and "w=late" share a hash, and "w=abcd" theirs

    coarse = Coarse(features)
    assert coarse.lookup(["w=late", "w=lose", "w=sorry", "w=abcd", "c=ost"]).tolist() == [4, 0, 1, -1, 3]
    with pytest.raises(TypeError):
        pickle.dumps(index)


def test_a_pickled_weights_file_is_refused(tmp_path):
    (tmp_path / "model.json").write_text(json.dumps({"name": "x", "kind": "multilabel", "labels": ["a"], "features": []}))
    np.save(tmp_path / "weights.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(learned.ModelError):
        learned.LinearModel.load(tmp_path)


@pytest.mark.parametrize(
    "text, category",
    [
        ("Honestly the shipping company is the one who lost these parcels, not us.", "ownership"),
        ("Please, we are begging you, this shop is everything our family has left!", "tone"),
        ("We will improve our management and pay more attention in the future.", "specificity"),
        ("Our shop has been on Amazon since 2015 and we have more than 20,000 happy customers.", "focus"),
    ],
)
def test_the_model_alone_flags_plain_defects(model_only, text, category):
    assert category in flagged(model_only, text)


@pytest.mark.parametrize(
    "text",
    [
        "On 9 March our warehouse lead, Chen Jie, re-weighed all 86 parcels waiting for pickup and corrected 11 labels.",
        "We chose the slower carrier to save cost, and that choice caused 14 of the 19 late deliveries.",
        "From 1 April, every new listing is checked against the brand's authorisation letter by our compliance officer before it goes live.",
    ],
)
def test_the_model_alone_leaves_owned_specific_sentences_alone(model_only, text):
    assert flagged(model_only, text) == set()


def test_a_promise_is_judged_by_its_section(model_only):
    promise = "We will remove the two listings and refund the buyers."
    assert "specificity" in flagged(model_only, promise, section="Actions taken")


def test_a_finding_names_the_words_that_weighed(model_only):
    # (until round 18 "The buyers simply lie about the item to get free stuff, that is the real problem.":
    # round 18's model alone scores it 0.657 under its 0.66 threshold; ownership.blames-buyer flags it)
    letter = "Root cause\n\nThe courier lost the parcels, so the late deliveries are on them and not on us.\n"
    report = model_only.lint_sources([Source("s.txt", letter)]).files[0]
    found = [f for f in report.findings if f.rule == "ownership.learned"]
    assert found and "weighed:" in found[0].message
    drivers = found[0].message.split("weighed:", 1)[1]
    assert "\u201cthe\u201d" not in drivers and "\u201cto\u201d" not in drivers  # stop words explain nothing


def test_a_rule_finding_on_the_same_words_hides_the_model(engine):
    letter = "Root cause\n\nThis is not our fault, the customer did not read the description.\n"
    report = engine.lint_sources([Source("s.txt", letter)]).files[0]
    rules = {f.rule for f in report.findings if f.category == "ownership"}
    assert rules and "ownership.learned" not in rules


def test_a_paragraph_finding_does_not_hide_a_sentence_defect():
    """A finding about a whole paragraph (its extent depends on layout) must not decide
    whether the model's finding about one of its sentences is shown."""
    from appeal_lint.engine import merge_learned
    from appeal_lint.model import Finding

    def finding(rule, origin, start, end, severity="warning"):
        return Finding(code="AL0", rule=rule, category="ownership", severity=severity, message="m", why="w", line=1, column=1,
                       end_line=1, end_column=1, start=start, end=end, text="x" * (end - start), origin=origin)

    paragraph = finding("ownership.symptom-as-cause", "ownership.symptom-as-cause", 0, 500)
    model = finding("ownership.learned", "ownership.learned", 100, 180)
    words = finding("ownership.blames-buyer", "ownership.blames-buyer", 120, 130)
    kept = merge_learned([paragraph, model], {"ownership.learned"}, {"ownership.blames-buyer"})
    assert model in kept
    kept = merge_learned([paragraph, model, words], {"ownership.learned"}, {"ownership.blames-buyer"})
    assert model not in kept and words in kept
    hint = finding("ownership.blames-buyer", "ownership.blames-buyer", 120, 130, severity="info")
    kept = merge_learned([model, hint], {"ownership.learned"}, {"ownership.blames-buyer"})
    assert model in kept  # a milder hint on the same words does not stand for the model's warning


def test_roles_come_from_the_model():
    model = learned.role_model()
    assert model is not None and model.model.kind == "multiclass"
    assert "preventive_measures" in model.model.labels


def _role_of(report, words: str) -> str:
    return next(s.role for s in report.sentences if words in report.text[s.start : s.end])


def test_an_off_topic_sentence_under_a_heading_is_off_topic(engine):
    letter = (
        "Dear Seller Performance Team,\n\n"
        "Root cause\n\n"
        "Our handling time was one day, but the warehouse only ships on weekdays. "
        "We have been a proud Amazon seller for eleven years and our feedback is 99% positive. "
        "Nobody checked the shipping template after we changed warehouses in March.\n\n"
        "Actions taken\n\n"
        "On 4 May we set the handling time to two days for all 212 SKUs.\n\n"
        "Preventive measures\n\n"
        "Our operations lead checks the late shipment rate every Monday.\n"
    )
    report = engine.lint_sources([Source("l.txt", letter)]).files[0]
    assert _role_of(report, "proud Amazon seller") == "off_topic"
    assert _role_of(report, "handling time was one day") == "root_cause"


def test_the_last_sentence_of_a_part_keeps_its_role():
    """Never a false 'missing root cause' from the off-topic reading: a part's last
    sentence keeps its role even when the defect model calls it off-topic."""
    from types import SimpleNamespace

    from appeal_lint.learned import Prediction, RoleModel

    class Fixed:
        def __init__(self, by_text, meta=None):
            self.by_text, self.meta, self.kind = by_text, meta or {}, "x"

        def predict(self, features):
            return self.by_text[features[0]]

    def context(text):
        return SimpleNamespace(zone=None, kind="paragraph", sent=text, label=None, first_in_block=True, features=lambda: [text],
                               predicted=lambda model: model.predict([text]))

    roles = {"a": "root_cause", "b": "root_cause", "c": "actions_taken"}
    role_model = Fixed({t: Prediction({r: 1.0}) for t, r in roles.items()})
    focus = {"a": 0.9, "b": 0.1, "c": 0.9}  # "a" and "c" read as off-topic
    defects = Fixed({t: Prediction({"focus": p}) for t, p in focus.items()}, meta={"thresholds": {"focus": 0.5}})
    model = RoleModel(role_model, defects)
    import appeal_lint.roles as roles_module

    original = roles_module.role_features
    roles_module.role_features = lambda c: [c.sent]
    try:
        got = model.predict([context("a"), context("b"), context("c")])
    finally:
        roles_module.role_features = original
    assert got == ["off_topic", "root_cause", "actions_taken"]  # "c" is the only action: kept


def test_a_sentence_that_names_the_cause_is_the_root_cause_when_none_was_read():
    """'No root cause' is never said of a letter that says what the cause was."""
    from types import SimpleNamespace

    from appeal_lint.roles import name_the_cause

    def context(text):
        return SimpleNamespace(zone=None, kind="paragraph", sent=SimpleNamespace(text=text), label=None, first_in_block=True)

    texts = ["We received the notice on 2 May.", "The cause was a supplier change we made without a test.", "On 4 May we refunded all 9 buyers."]
    read = ["acknowledgement", "acknowledgement", "actions_taken"]
    roles = list(read)
    name_the_cause([context(t) for t in texts], roles)
    assert roles == ["acknowledgement", "root_cause", "actions_taken"]
    # nothing to find: the roles stay as read, and "No root cause" stands
    roles = list(read)
    name_the_cause([context(t) for t in (texts[0], "We are sorry for this.", texts[2])], roles)
    assert roles == read
    # a root cause already read: nothing moves
    roles = ["root_cause", "acknowledgement", "actions_taken"]
    name_the_cause([context(t) for t in texts], roles)
    assert roles == ["root_cause", "acknowledgement", "actions_taken"]


@pytest.mark.parametrize("text, subject, expected", [
    ("The tracking numbers of 16 orders was invalid.", "numbers", "plur>sing"),
    ("A carton with thicker walls were chosen.", "carton", "sing>plur"),
    ("We checked the 40 units that has a scratch.", "that", "plur>sing"),
    ("The units that have cracks were removed.", "that", "ok"),
    ("Our team has checked every parcel.", "team", "ok"),
    ("I was late with the upload.", "I", None),
])
def test_the_agreement_feature_reads_a_subject_and_its_verb(text, subject, expected):
    from appeal_lint.features import agreement
    from appeal_lint.nlp import load

    doc = load(Settings().pipeline)(text)
    token = next(t for t in doc if t.text == subject and t.dep_ in ("nsubj", "nsubjpass"))
    assert agreement(token) == expected


def test_words_passed_apart_score_as_their_character_features_would():
    """The learned layer looks a sentence's character n-grams up a word at a time
    (features.feature_parts); a prediction must be the one the model gives the full feature
    list that training reads (features.sentence_features)."""
    from appeal_lint.features import feature_parts, sentence_features
    from appeal_lint.nlp import load

    model = learned.load("defects")
    doc = load(Settings().pipeline)("The courier lost 3 parcels, and the buyer's complaint was not answered until May 6.")
    full = sentence_features(doc[:], "root_cause")
    feats, words = feature_parts(doc[:], "root_cause")
    assert sorted(feats + [g for g in full if g.startswith("c=")]) == sorted(full)
    assert not any(f.startswith("c=") for f in feats) and "courier" in words and "6" not in words
    np.testing.assert_allclose(model.logits(feats, words), model.logits(full), rtol=1e-5, atol=1e-5)
    twice = model.predict(feats, words)  # the second time from the words' cached columns
    assert twice.scores == pytest.approx(model.predict(full).scores, abs=1e-6)


def _train_module(name: str = "train"):
    """A script of train/ as a module (train/ is not a package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "train" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"appeal_lint_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _training_script():
    return _train_module("train")


def test_a_second_defect_gets_a_part_of_its_own_and_is_not_taught_as_clean():
    train = _training_script()
    items = [
        {"category": "tone", "kind": "begging", "also": ["language"]},
        {"category": "language", "kind": "chinglish"},
        {"category": "tone", "kind": "begging"},
        {"category": "clean", "kind": "plain"},
    ]
    for s in items:
        s["labels"] = set() if s["category"] == "clean" else {s["category"], *s.get("also", [])}
    parts = train.kind_parts(items, ["tone", "language"])
    assert parts == {"tone": ["tone/begging"], "language": ["language/chinglish", "language/also"]}
    rows = {name: (list(y), None if use is None else list(use)) for name, y, use in train.row_targets(items, ["tone", "language"], parts)}
    # the language row learns against clean inputs only (train.AGAINST_CLEAN); tone against every input
    assert rows["language"] == ([True, True, False, False], [True, True, False, True])
    assert rows["tone"] == ([True, False, True, False], None)
    # the begging sentence in Chinglish is the "also" part's one example, and no kind row's negative
    assert rows["language/also"] == ([True, False, False, False], [True, False, True, True])
    assert rows["language/chinglish"] == ([False, True, False, False], [False, True, True, True])


def test_weights_balanced_within_groups_give_every_group_and_class_the_same_total():
    train = _training_script()
    y = np.array([1, 0, 0, 0, 1, 1, 0])
    groups = np.array(["zh", "zh", "zh", "zh", "uk", "uk", "uk"])
    w = train.balanced_within(y, groups)
    totals = {(g, c): w[(groups == g) & (y == c)].sum() for g in ("zh", "uk") for c in (0, 1)}
    assert totals == pytest.approx({k: len(y) / 4 for k in totals})
    assert w.sum() == pytest.approx(len(y))


def test_sentences_drawn_from_letters_weigh_more_in_the_fit():
    train = _training_script()
    items = [{"letter": "ke1-001"}, {}, {"letter": "ke1-002", "category": "clean"}, {"where": "c1-001"}]
    assert train.LETTER_WEIGHT > 1
    assert list(train.letter_weights(items)) == [train.LETTER_WEIGHT, 1.0, train.LETTER_WEIGHT, 1.0]


@pytest.mark.parametrize("text, expected", [
    ("The refund was issue to the buyer on 3 June.", "nf=be>bare"),
    ("The price of the heater was raise to $89 by the repricer.", "vf=be>base"),
    ("We check every label before ship them.", "vf=prep>base"),
    ("Our supplier has send the new cartons.", "vf=have>base"),
    ("The picker will scanned each label twice.", "vf=md>ed"),
    ("We did not received the carrier's email.", "vf=do>ed"),
    ("We stopped using the old labels after print them.", "vf=prep>base"),
    ("Our team checked 38 parcel on Monday.", "nf=num>base"),
])
def test_form_features_name_a_verb_or_noun_in_the_wrong_form(text, expected):
    assert expected in _form_features(text)


def _form_features(text: str) -> list[str]:
    from appeal_lint.features import form_features, token_class
    from appeal_lint.nlp import load

    toks = list(load(Settings().pipeline)(text))
    return form_features(toks, [token_class(t) for t in toks])


@pytest.mark.parametrize("text, unexpected", [
    ("The refund was issued to the buyer on 3 June.", "vf=be>base"),
    ("The picker will scan each label twice.", "vf=md>ed"),
    ("We did not receive the carrier's email.", "vf=do>ed"),
    ("Our team checked 38 parcels on Monday.", "nf=num>base"),
    ("The label was wrong because the template was old.", "vf=be>base"),
])
def test_form_features_leave_correct_forms_alone(text, unexpected):
    feats = _form_features(text)
    assert unexpected not in feats
    assert "f=" + "_".join(text.lower().split()[:2]) in feats  # the word bigrams are there all the same


def test_form_features_read_as_words_for_the_writer():
    from appeal_lint.features import readable

    assert readable("vf=md>ed") == "a past form after a modal verb"
    assert readable("nf=num>base") == "a singular noun after a number"
    assert readable("f=not_replied") == "not replied"


@pytest.mark.parametrize("text, slip, wrong", [
    ("The damaged mugs were replaced by our warehouse on 9 May.", "participle_as_base", "were replace"),
    ("Our packer will weigh every carton before pickup.", "past_after_modal", "will weighed"),
    ("We refunded 17 buyers before their claims closed.", "singular_after_number", "17 buyer"),
    ("The courier scans each parcel at our dock.", "third_person_dropped", "courier scan "),
])
def test_a_slip_is_one_edit_of_a_correct_sentence(text, slip, wrong):
    from appeal_lint.nlp import load

    nlp = load(Settings().pipeline)
    slipper = _train_module("corrupt").Slipper(nlp)
    found = {(name, i, new) for name, i, new in slipper.candidates(nlp(text), terse=False)}
    assert slip in {name for name, _, _ in found}
    made = slipper.slip(nlp(text), terse=False)
    assert made is not None and made == slipper.slip(nlp(text), terse=False)  # the same slip every time
    name, i, new = next(c for c in found if c[0] == slip)
    doc = nlp(text)
    edited = doc[:i].text_with_ws + new + doc[i].whitespace_ + doc[i + 1:].text_with_ws
    assert wrong in edited and len(edited.split()) == len(text.split())


def test_slipped_copies_are_labelled_and_keep_their_writer():
    from appeal_lint.nlp import load

    corrupt = _train_module("corrupt")
    items = [{"text": t, "labels": labels, "category": cat, "kind": kind, "voice": "uk", "where": "x/q9-sentences.jsonl:1"}
             for t, labels, cat, kind in [
                 ("The damaged mugs were replaced by our warehouse on 9 May.", set(), "clean", "plain"),
                 ("The courier lost the parcels that our warehouse had handed over on time.", {"ownership"}, "ownership", "blame_carrier"),
                 ("We has checked the orders.", {"language"}, "language", "grammar"),
             ]]
    made = corrupt.slips(items + items, load(Settings().pipeline), [i["text"] for i in items + items], share=1.0)
    assert len(made) == 2 and all(m["where"] == "x/q9-sentences.jsonl:1" for m in made)
    for m in made:
        assert m["synthetic"] and "language" in m["labels"]
        assert m["text"] not in {i["text"] for i in items}
        if m["category"] == "ownership":
            assert m["also"] == ["language"] and m["labels"] == {"ownership", "language"}
        else:
            assert (m["category"], m["kind"], m["labels"]) == ("language", "grammar", {"language"})
    assert not any("checked the orders" in m["text"] for m in made)  # a language sentence is not slipped again


# -- the letter-context layer ---------------------------------------------------------
def test_the_context_layer_reads_a_sentence_beside_its_neighbours_and_the_letter():
    # three sentences, two labels
    P = np.array([[0.9, 0.1], [0.5, 0.3], [0.1, 0.8]])
    cols = learned.context_columns(P, 0)
    logit = lambda p: np.log(p / (1 - p))  # noqa: E731
    assert cols[:, 0] == pytest.approx(logit(P[:, 0]))
    assert cols[:, 1] == pytest.approx([0.3, 0.5, 0.7])  # label 0 over the other two sentences
    assert cols[:, 2] == pytest.approx([0.0, 0.9, 0.5])  # the sentence before
    assert cols[:, 3] == pytest.approx([0.5, 0.1, 0.0])  # the sentence after
    assert cols[:, 4] == pytest.approx([0.55, 0.45, 0.2])  # the other label over the other two
    assert learned.context_columns(P, 1).shape == (3, 5)


def test_the_context_layer_waits_for_a_letter_and_refuses_coefficients_that_do_not_fit():
    meta = {"min_sentences": 4, "labels": {"own": {"coef": [1.0, 0, 0, 0, 0], "bias": 0.0}}}
    layer = learned.LetterContext(meta, ["own", "tone"])
    assert layer.scores(np.full((3, 2), 0.5)) is None
    scores = layer.scores(np.array([[0.2, 0.5]] * 4))
    assert list(scores) == ["own"] and scores["own"] == pytest.approx([0.2] * 4)  # the own logit alone
    with pytest.raises(learned.ModelError, match="do not fit"):
        learned.LetterContext({"min_sentences": 4, "labels": {"own": {"coef": [1.0, 0], "bias": 0}}}, ["own", "tone"])


def test_the_shipped_model_reads_letters_and_its_rules_carry_a_letter_threshold():
    from appeal_lint import ruleset

    model = learned.load("defects")
    assert model.context is not None and "ownership" in model.context.labels
    rules = [r for r in ruleset.load_rules() if r.type == "classifier" and r.options["model"] == "defects"]
    assert len(rules) == len(model.labels)
    for r in rules:  # a letter threshold exactly where the layer reads the rule's label
        assert ("letter_threshold" in r.options) == (r.options["label"] in model.context.labels), r.id
        assert 0 < r.options.get("letter_threshold", 0.5) < 1


def test_a_letter_is_judged_by_the_context_layer_and_a_short_draft_by_the_sentence_alone(monkeypatch):
    model = learned.load("defects")
    # a layer that calls every sentence of a letter ownership, whatever it says
    sure = {"min_sentences": 5, "labels": {c: {"coef": [0.0] * (len(model.labels) + 3), "bias": 9.0 if c == "ownership" else -9.0}
                                            for c in model.labels}}
    monkeypatch.setattr(model, "context", learned.LetterContext(sure, model.labels))
    eng = Engine(Settings(select=["ownership.learned"], grammar=False))
    owned = ["We set a handling time of one day although our warehouse ships only on weekdays.",
             "On 12 March we refunded all nine buyers in full.", "We closed the listing the same day.",
             "Our shipping lead now checks the handling time every Monday.", "We have added a second packer on Fridays."]

    def findings(sentences):
        text = "Root cause\n\n" + " ".join(sentences) + "\n"
        return [f for f in eng.lint_sources([Source("l.txt", text)]).files[0].findings if f.rule == "ownership.learned"]

    found = findings(owned)
    assert len(found) == 5
    # the layer, not the sentence, decided: the finding says the sentences around it weighed
    assert all(f.message.endswith(", and the sentences around it).") for f in found), found[0].message
    eng.settings.lang = "zh"
    assert all(f.message.endswith("，以及前后的句子）。") for f in findings(owned)), findings(owned)[0].message
    eng.settings.lang = "en"
    assert findings(owned[:3]) == []  # too short for the layer: each sentence on its own


def test_a_finding_the_sentence_makes_on_its_own_does_not_credit_its_neighbours(monkeypatch):
    model = learned.load("defects")
    # a layer that agrees with the sentence's own score
    echo = {"min_sentences": 5, "labels": {c: {"coef": [1.0] + [0.0] * (len(model.labels) + 2), "bias": 0.0} for c in model.labels}}
    monkeypatch.setattr(model, "context", learned.LetterContext(echo, model.labels))
    eng = Engine(Settings(select=["ownership.learned"], grammar=False))
    text = ("Root cause\n\nThe carrier lost our parcels and the buyers lied about the rest, so none of this was our fault. "
            "On 12 March we refunded all nine buyers in full. We closed the listing the same day. "
            "Our shipping lead now checks the handling time every Monday. We have added a second packer on Fridays.\n")
    found = [f for f in eng.lint_sources([Source("l.txt", text)]).files[0].findings if f.rule == "ownership.learned"]
    assert found and all("weighed: " in f.message and "sentences around it" not in f.message for f in found)


def test_a_table_rows_closing_bar_is_not_a_sentence_the_model_judges(lint):
    table = ("Actions taken\n\n| Date | Action |\n|---|---|\n"
             "| 3 May | We refunded the 14 late orders in full and apologized to each buyer. |\n"
             "| 4 May | We set the handling time of all 212 SKUs to three days. |\n"
             "| 6 May | We booked a second daily courier pickup at 16:00. |\n")
    report = lint(table)
    judged = [f for f in report.findings if f.rule.endswith(".learned")]
    assert all(any(ch.isalnum() for ch in f.text) for f in judged), [(f.rule, f.text) for f in judged]
