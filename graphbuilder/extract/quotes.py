"""Quoted speech: pair quotation marks within a paragraph, straight or curly.

A quote never crosses a paragraph break, except in the newswire convention where a
quote that opens a paragraph and is not closed there continues in the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

OPENING = frozenset({"\u201c", "\u00ab", "\u201e"})
CLOSING = frozenset({"\u201d", "\u00bb"})
STRAIGHT = frozenset({'"', "''", "``"})


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # first token inside the marks
    end: int  # token after the last one inside
    closed: bool  # False: runs on into the next paragraph


def _paragraph_break(token) -> bool:
    return token.is_space and "\n" in token.text


def find_quotes(doc: Doc) -> list[Quote]:
    quotes: list[Quote] = []
    opened: int | None = None
    paragraph_start = True  # the next non-space token starts a paragraph
    opened_first = False  # the open quote began its paragraph

    def run_on(end: int) -> None:
        if opened is not None and opened_first and end > opened + 1:
            quotes.append(Quote(opened + 1, end, closed=False))

    for token in doc:
        if _paragraph_break(token):
            run_on(token.i)
            opened, paragraph_start = None, True
            continue
        text = token.text
        closes = text in CLOSING or (text in STRAIGHT and opened is not None)
        if closes and opened is not None:
            if token.i > opened + 1:
                quotes.append(Quote(opened + 1, token.i, closed=True))
            opened = None
        elif text in OPENING or text in STRAIGHT:
            opened, opened_first = token.i, paragraph_start
        if not token.is_space:
            paragraph_start = False
    run_on(len(doc))
    return quotes


def quoted_mask(doc: Doc, quotes: list[Quote]) -> list[bool]:
    mask = [False] * len(doc)
    for quote in quotes:
        mask[quote.start:quote.end] = [True] * (quote.end - quote.start)
    return mask
