from __future__ import annotations

import pytest
from spacy.language import Language

from graphbuilder.nlp import build_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()
