"""The parse helpers, on hand-built Docs so the parser's mood cannot change what they are given."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from graphbuilder.extract.syntax import is_realis, lexeme, obligation, subject_tokens, trim
from graphbuilder.model import Relation

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, punctuation), no model


def parse(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """rows of (word, lemma, pos, dep, head index)"""
    words, lemmas, pos, deps, heads = zip(*rows)
    tags = [{"VERB": "VBD", "AUX": "MD"}.get(p, "NN") for p in pos]
    return Doc(VOCAB, words=list(words), lemmas=list(lemmas), pos=list(pos), deps=list(deps),
               heads=list(heads), tags=tags)


SANCTIONED = [("France", "France", "PROPN", "nsubj", 1), ("sanctioned", "sanction", "VERB", "ROOT", 1),
              ("Iran", "Iran", "PROPN", "dobj", 1)]


@pytest.mark.parametrize(
    ("rows", "verb", "realis"),
    [
        (SANCTIONED, 1, True),
        ([("France", "France", "PROPN", "nsubj", 3), ("did", "do", "AUX", "aux", 3), ("not", "not", "PART", "neg", 3),
          ("sanction", "sanction", "VERB", "ROOT", 3), ("Iran", "Iran", "PROPN", "dobj", 3)], 3, False),
        ([("France", "France", "PROPN", "nsubj", 2), ("would", "would", "AUX", "aux", 2),
          ("sanction", "sanction", "VERB", "ROOT", 2), ("Iran", "Iran", "PROPN", "dobj", 2)], 2, False),
        ([("France", "France", "PROPN", "nsubj", 1), ("wants", "want", "VERB", "ROOT", 1),
          ("to", "to", "PART", "aux", 3), ("sanction", "sanction", "VERB", "xcomp", 1), ("Iran", "Iran", "PROPN", "dobj", 3)], 3, False),
        ([("France", "France", "PROPN", "nsubj", 1), ("continued", "continue", "VERB", "ROOT", 1),
          ("to", "to", "PART", "aux", 3), ("sanction", "sanction", "VERB", "xcomp", 1),
          ("Iran", "Iran", "PROPN", "dobj", 3)], 3, True),
        ([("France", "France", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1),
          ("it", "it", "PRON", "nsubj", 4), ("would", "would", "AUX", "aux", 4), ("sanction", "sanction", "VERB", "ccomp", 1),
          ("Iran", "Iran", "PROPN", "dobj", 4)], 4, True),
    ],
)
def test_realis_excludes_negated_hypothetical_and_wished_acts(rows, verb, realis) -> None:
    assert is_realis(parse(rows)[verb]) is realis


def test_a_passive_verbs_subject_is_its_agent() -> None:
    doc = parse([("Iran", "Iran", "PROPN", "nsubjpass", 2), ("was", "be", "AUX", "auxpass", 2),
                 ("sanctioned", "sanction", "VERB", "ROOT", 2), ("by", "by", "ADP", "agent", 2),
                 ("France", "France", "PROPN", "pobj", 3)])
    assert [t.text for t in subject_tokens(doc[2])] == ["France"]


def test_a_coordinated_verb_borrows_the_subject() -> None:
    doc = parse([("France", "France", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1),
                 ("and", "and", "CCONJ", "cc", 1), ("urged", "urge", "VERB", "conj", 1),
                 ("Iran", "Iran", "PROPN", "dobj", 3)])
    assert [t.text for t in subject_tokens(doc[3])] == ["France"]


@pytest.mark.parametrize(
    ("aux", "relation"),
    [(["must"], Relation.DEMANDS), (["should"], Relation.URGES), (["can", "not"], Relation.DEMANDS), ([], None)],
)
def test_obligation_in_a_clause(aux: list[str], relation) -> None:
    rows = [("Iran", "Iran", "PROPN", "nsubj", len(aux) + 1)]
    rows += [(a, a, "PART" if a == "not" else "AUX", "neg" if a == "not" else "aux", len(aux) + 1) for a in aux]
    rows += [("stop", "stop", "VERB", "ROOT", len(aux) + 1)]
    doc = parse(rows)
    assert obligation(doc[len(aux) + 1]) is relation


@pytest.mark.parametrize(("word", "lemma", "expected"), [("waged", "wag", "wage"), ("urged", "urge", "urge"),
                                                         ("bases", "basis", "base")])
def test_lexeme_recovers_what_the_lemmatizer_missed(word: str, lemma: str, expected: str) -> None:
    doc = parse([(word, lemma, "VERB", "ROOT", 0)])
    assert lexeme(doc[0], frozenset({"wage", "urge", "base"})) == expected


def test_trim_drops_edge_punctuation_and_the_complementiser() -> None:
    doc = parse([("that", "that", "SCONJ", "mark", 2), ("Iran", "Iran", "PROPN", "nsubj", 2),
                 ("left", "leave", "VERB", "ROOT", 2), (",", ",", "PUNCT", "punct", 2)])
    assert trim(0, 4, doc) == (1, 3)
