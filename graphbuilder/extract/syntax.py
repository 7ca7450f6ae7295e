"""Small pure functions over a dependency parse: subjects, voice, modality, clause spans."""

from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract.lexicon import (
    ALLEGATION_VERBS,
    ASPECTUAL,
    CONDITIONAL_MARKS,
    HYPOTHETICAL_AUX,
    OBLIGATION_AUX,
    OBLIGATION_VERBS,
    REPORTING_VERBS,
)
from graphbuilder.model import Relation

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
TEMPORAL_PREPS = frozenset({"after", "before", "while", "since", "upon", "during", "when"})
# participles that borrow the main clause's subject ("..., adding that", "claiming it was")
BORROWING_DEPS = frozenset({"advcl", "xcomp", "conj"})


# inflections the lemmatizer sometimes leaves ("waged" -> "wag"): (suffix to cut, ending to add)
_INFLECTIONS = (("d", ""), ("ed", ""), ("s", ""), ("es", ""), ("ing", ""), ("ing", "e"))


def lexeme(token: Token, vocabulary: frozenset[str]) -> str:
    """The token's lemma, or the vocabulary word its inflected form comes from when the lemmatizer missed it."""
    lemma = token.lemma_.lower()
    if lemma in vocabulary:
        return lemma
    lower = token.lower_
    for cut, ending in _INFLECTIONS:
        if lower.endswith(cut) and lower[: -len(cut)] + ending in vocabulary:
            return lower[: -len(cut)] + ending
    return lemma


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def is_negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    # "did not threaten or attack": the negation sits on the first of the coordinated verbs
    return verb.dep_ == "conj" and not has_subject(verb) and is_negated(verb.head)


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def is_hypothetical(verb: Token) -> bool:
    """"would consider", "could sanction", "may attack" - but not the "would" of reported speech."""
    return any(c.dep_ == "aux" and c.lemma_.lower() in HYPOTHETICAL_AUX and not _reported_future(verb, c)
               for c in verb.children)


def is_realis(verb: Token) -> bool:
    """An act the text says happened or is happening: not negated, hypothetical, conditional or merely intended."""
    if is_negated(verb) or is_hypothetical(verb):
        return False
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children):
        return False
    if verb.dep_ == "xcomp":
        return verb.head.lemma_.lower() in ASPECTUAL and is_realis(verb.head)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False  # a purpose or intention ("summoned the envoy to protest")
    if verb.dep_ == "conj" and not has_subject(verb):
        return is_realis_head(verb.head)
    return True


def _reported_future(verb: Token, aux: Token) -> bool:
    """"said it would provide": in reported speech "would" is the past of "will", not a hypothesis."""
    clause = verb
    while clause.dep_ == "conj":
        clause = clause.head
    return aux.lower_ == "would" and clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_VERBS


def is_realis_head(verb: Token) -> bool:
    """Modality a coordinated verb inherits: hypothetical auxiliaries and conditions, not negation of its own."""
    if is_hypothetical(verb):
        return False
    return not any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children)


def subject_tokens(verb: Token) -> list[Token]:
    """Who does what the verb says: its subject, the passive agent, or the subject it borrows."""
    if is_passive(verb):
        agents = [pobj for agent in verb.children if agent.dep_ == "agent"
                  for pobj in agent.children if pobj.dep_ == "pobj"]
        # "was given aid by Japan": the parser may hang the agent on the object a passive keeps
        return agents or [pobj for obj in verb.children if obj.dep_ == "dobj" for pobj in prep_objects(obj, ("by",))]
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own:
        return own
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb in stray_conjuncts(verb.head):
        return subject_tokens(verb.head.head)
    if verb.dep_ in BORROWING_DEPS and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        return subject_tokens(verb.head)
    if verb.dep_ == "pcomp" and verb.head.lower_ in TEMPORAL_PREPS and verb.head.head.pos_ == "VERB":
        # "announced the package after meeting X": the gerund's subject is the main clause's
        return subject_tokens(verb.head.head)
    if verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in ALLEGATION_VERBS:
        # "accused Russia of attacking Ukraine": the accused is the subject of the gerund
        return [c for c in verb.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.i > 0:
        # "amid reports of Ghana urging Togo to ...": the parser hangs a gerund with a bare subject on a noun
        # further back; the noun right before it is the one doing it
        return [verb.doc[verb.i - 1]]
    return []


def stray_conjuncts(clause: Token) -> list[Token]:
    """Verbs the parser coordinated with a reported clause that belong to the reporting verb:
    "said that Quito has neglected the border and asked Ecuador to ..." - no subject of their own,
    and the reporting verb's tense where the clause has another."""
    reporter = clause.head
    if clause.dep_ != "ccomp" or reporter.lemma_.lower() not in REPORTING_VERBS or clause.tag_ == reporter.tag_:
        return []
    return [c for c in clause.children
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ == reporter.tag_ and not has_subject(c)]


def object_tokens(verb: Token) -> list[Token]:
    """Direct objects, or the subject of a passive ("was condemned by ...")."""
    deps = ("nsubjpass",) if is_passive(verb) else ("dobj",)
    found = [c for c in verb.children if c.dep_ in deps]
    if not found and verb.dep_ == "acl" and is_passive(verb):
        found = [verb.head]  # "the pact signed by Kenya": the noun a passive participle modifies
    return found


def obligation(clause: Token) -> Relation | None:
    """The relation an obligation in a reported clause expresses: "must", "cannot", "has to" -> DEMANDS,
    "should" -> URGES; None when the clause states no obligation."""
    aux = {c.lemma_.lower() for c in clause.children if c.dep_ == "aux"}
    if "can" in aux and any(c.dep_ == "neg" for c in clause.children):
        return Relation.DEMANDS
    for word in aux:
        if word in OBLIGATION_AUX:
            return OBLIGATION_AUX[word]
    if clause.lemma_.lower() in OBLIGATION_VERBS and any(
            x.dep_ == "xcomp" and any(a.lower_ == "to" for a in x.children) for x in clause.children):
        return OBLIGATION_VERBS[clause.lemma_.lower()]
    return None


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions ("cooperate with X", "sanctions on X")."""
    return [pobj for prep in token.children if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in preps
            for pobj in prep.children if pobj.dep_ == "pobj"]


def trim(start: int, end: int, doc) -> tuple[int, int]:
    """Drop edge punctuation and a leading complementiser from a token range."""
    while start < end and (doc[start].is_punct or doc[start].is_space or
                           (doc[start].dep_ == "mark" and doc[start].lower_ in ("that", "whether"))):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end
