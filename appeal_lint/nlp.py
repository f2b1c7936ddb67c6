"""Loading the spaCy pipeline: once per process, only the components the rules need."""

from __future__ import annotations

from .errors import AppealLintError

_PIPELINES: dict[tuple[str, tuple[str, ...]], object] = {}
# The named-entity recogniser is the only component no rule type needs by default.
OPTIONAL_COMPONENTS = ("ner",)


def load(name: str, need_ner: bool = False, max_length: int = 2_000_000):
    exclude = () if need_ner else OPTIONAL_COMPONENTS
    key = (name, exclude)
    if key not in _PIPELINES:
        try:
            import spacy

            nlp = spacy.load(name, exclude=list(exclude))
        except OSError as exc:
            raise AppealLintError(
                "pipeline",
                f"spaCy pipeline {name!r} is not installed ({' '.join(str(exc).split())[:160]}); "
                "install it with pip or name another one with --pipeline",
            ) from None
        missing = [c for c in ("parser", "lemmatizer") if c not in nlp.pipe_names]
        tagged = "tagger" in nlp.pipe_names or "morphologizer" in nlp.pipe_names
        if missing or not tagged:
            raise AppealLintError(
                "pipeline", f"spaCy pipeline {name!r} lacks {', '.join(missing + ([] if tagged else ['tagger']))}: appeal-lint needs a tagger, parser and lemmatizer"
            )
        _PIPELINES[key] = nlp
    nlp = _PIPELINES[key]
    nlp.max_length = max(nlp.max_length, max_length)  # the largest any engine of this process allows
    return nlp
