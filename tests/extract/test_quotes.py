"""Pairing quotation marks."""

from __future__ import annotations

import pytest

from graphbuilder.extract.quotes import find_quotes


def quoted_texts(nlp, text: str) -> list[tuple[str, bool]]:
    doc = nlp.make_doc(text)
    return [(doc[q.start:q.end].text, q.closed) for q in find_quotes(doc)]


@pytest.mark.parametrize(
    "text",
    ['"We are ready," he said.', "\u201cWe are ready,\u201d he said.", "\u00abWe are ready,\u00bb he said."],
)
def test_straight_curly_and_angle_quotes_pair(nlp, text: str) -> None:
    assert quoted_texts(nlp, text) == [("We are ready,", True)]


def test_an_unclosed_quote_does_not_swallow_the_next_paragraph(nlp) -> None:
    assert quoted_texts(nlp, 'He said "no more.\n\nThe talks "failed" again.') == [("failed", True)]


def test_a_quote_left_open_runs_on_when_the_next_paragraph_reopens_it(nlp) -> None:
    text = "\u201cWe will not move.\n\n\u201cNot one step,\u201d she said."
    assert quoted_texts(nlp, text) == [("We will not move.", False), ("Not one step,", True)]
