from __future__ import annotations

from typing import Callable

import pytest
from spacy.language import Language

from graphbuilder.nlp import build_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="session")
def facts(nlp) -> Callable[[str], set[tuple[str, str, str]]]:
    """(subject id, predicate, object id or claim text) for every triple the extractor writes on a text."""

    def read(text: str) -> set[tuple[str, str, str]]:
        records = nlp(text)._.triples
        return {(r["s"].get("id") or r["s"]["text"], r["p"], r["o"].get("id") or r["o"]["text"]) for r in records}

    return read
