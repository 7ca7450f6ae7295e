"""Quoted speech: pair quotation marks within a paragraph, straight or curly.

A quote never crosses a paragraph break, except in the newswire convention where a
quote left open at the end of a paragraph goes on in the next paragraph, which opens
with a quotation mark again.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

OPENING = frozenset({"\u201c", "\u00ab", "\u201e"})
CLOSING = frozenset({"\u201d", "\u00bb"})
STRAIGHT = frozenset({'"', "''", "``"})


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # first token inside the marks
    end: int  # token after the last one inside
    closed: bool  # False: runs on into the next paragraph


def _paragraph_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def find_quotes(doc: Doc) -> list[Quote]:
    quotes: list[Quote] = []
    opened: int | None = None
    run_on: Quote | None = None  # an unclosed quote, kept if the next paragraph opens with a quote
    paragraph_start = False
    for token in doc:
        if _paragraph_break(token):
            if opened is not None and token.i > opened + 1:
                run_on = Quote(opened + 1, token.i, closed=False)
            opened, paragraph_start = None, True
            continue
        if token.is_space:
            continue
        text = token.text
        if paragraph_start and run_on is not None:
            if text in OPENING or text in STRAIGHT:
                quotes.append(run_on)
            run_on = None
        paragraph_start = False
        if opened is not None and (text in CLOSING or text in STRAIGHT):
            if token.i > opened + 1:
                quotes.append(Quote(opened + 1, token.i, closed=True))
            opened = None
        elif text in OPENING or text in STRAIGHT:
            opened = token.i
    return quotes


def quoted_mask(doc: Doc, quotes: list[Quote]) -> list[bool]:
    mask = [False] * len(doc)
    for quote in quotes:
        mask[quote.start:quote.end] = [True] * (quote.end - quote.start)
    return mask
