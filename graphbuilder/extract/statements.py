"""SAID: who said what. Quotes with their attribution, that-clauses of reporting verbs,
report nouns ("the envoy's remark that ..."), "according to" sources and attributed
headlines ("Talks with Minsk are over: Lithuania")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from graphbuilder.extract.lexicon import (
    DESCRIBING_VERBS,
    GERUND_REPORTING,
    REPORT_NOUNS,
    REPORTING_NEEDS_CLAUSE,
    REPORTING_VERBS,
)
from graphbuilder.extract.quotes import Quote
from graphbuilder.extract.syntax import is_hypothetical, is_negated, stray_conjuncts, subject_tokens, trim
from graphbuilder.model import Entity, Label
from graphbuilder.resolve.mentions import DocResolver

# how close an attribution must sit to its quote, in tokens
ATTRIBUTION_WINDOW = 8
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})
STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "release", "post", "tweet"})


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: Entity
    start: int  # the claim's tokens
    end: int
    quote: bool
    evidence: tuple[int, int]  # token range of the sentence(s) it was read from
    confidence: float
    headline: bool = False  # read off a headline's trailing attribution
    anchor: int | None = None  # the reporting verb or noun, whose dependents date the statement


def _is_reporting(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS


def _reported(verb: Token) -> bool:
    """Not "did not say" or "would say"."""
    return not is_negated(verb) and not is_hypothetical(verb)


class StatementFinder:
    def __init__(self, doc: Doc, resolver: DocResolver, quotes: list[Quote]) -> None:
        self.doc = doc
        self.resolver = resolver
        self.quotes = quotes
        self.statements: list[Statement] = []
        self._last_voice: Entity | None = None  # the last non-person speaker, for "it said", "the statement went on"

    def find(self) -> list[Statement]:
        verbs = {q.start: self._attribution(q) for q in self.quotes}
        quoting = {v.i for v in verbs.values() if v is not None}
        reporting, report_nouns, sources = [], [], []
        for token in self.resolver.tokens:
            # the tagger sometimes reads "remarks" as a verb; its function in the clause says it is a noun
            if token.lower_ in REPORT_NOUNS and (token.pos_ == "NOUN" or token.dep_ in NOMINAL_DEPS):
                report_nouns.append(token)
            elif _is_reporting(token):
                reporting.append(token)
            elif token.lower_ == "according" and token.dep_ == "prep":
                sources.append(token)
        items: list[Quote | Token] = [*self.quotes, *(t for t in reporting if t.i not in quoting)]
        attributed: dict[int, Statement] = {}
        # one pass in text order, so "he" and "the statement" see the speakers before them
        for item in sorted(items, key=lambda x: x.start if isinstance(x, Quote) else x.i):
            if isinstance(item, Quote):
                statement = self._from_quote(item, verbs[item.start])
                if statement is not None:
                    attributed[item.start] = statement
            else:
                statement = self._from_clause(item)
            if statement is not None:
                self._add(statement)
        self._continue_quotes(attributed)
        headlines = [self._from_headline(sent.start, sent.end) for sent in self.doc.sents]
        for statement in [*map(self._from_report_noun, report_nouns), *map(self._from_source, sources), *headlines]:
            if statement is not None:
                self._add(statement)
        return self.statements

    def _add(self, statement: Statement) -> None:
        self.statements.append(statement)
        if statement.speaker.label is not Label.PERSON:
            self._last_voice = statement.speaker

    # ---- quotes -----------------------------------------------------------------------------

    def _from_quote(self, quote: Quote, verb: Token | None) -> Statement | None:
        if verb is None or not _reported(verb):
            return None
        speaker = self.speaker(verb)
        if speaker is None:
            return None
        start, end = quote.start, quote.end
        complement = self._complement(verb)
        if complement is not None and complement[0] < end and complement[1] > start:
            start, end = min(start, complement[0]), max(end, complement[1])
        start, end = trim(start, end, self.doc)
        first = self.resolver.sentence(quote.start)[0]
        verb_start, verb_end = self.resolver.sentence(verb.i)
        return Statement(speaker, start, end, True, (min(first, verb_start), max(verb_end, end)), 0.9,
                         anchor=verb.i)

    def _attribution(self, quote: Quote) -> Token | None:
        """The reporting verb a quote hangs on, by the parse or, failing that, by position."""
        inside = range(quote.start, quote.end)
        for token in self.doc[quote.start:quote.end]:
            head = token.head
            if head.i not in inside and _is_reporting(head):
                return head
        after = quote.end + 1
        if after < len(self.doc):
            # the attribution may sit in the parser's next sentence ("... by Friday.” Minister Ruto said.")
            window_end = min(after + ATTRIBUTION_WINDOW, self.resolver.sentence(after)[1])
            for token in self.doc[after:window_end]:
                if _is_reporting(token) and self._complement(token) is None:
                    return token
                if token.pos_ == "VERB":
                    break
        before = quote.start - 1
        if before > 0 and self.doc[before - 1].text in (":", ","):
            head = self.doc[before - 1].head
            if _is_reporting(head) and head.i < before:
                return head
        return None

    def _continue_quotes(self, attributed: dict[int, Statement]) -> None:
        """A quote with no attribution of its own that runs straight on from (or into) an attributed one
        has the same speaker: '"We are ready." ...' right after '"...," Lula said.'."""
        ordered = sorted(self.quotes, key=lambda q: q.start)
        for index, quote in enumerate(ordered):
            if quote.start in attributed:
                continue
            neighbours = []
            if index > 0 and ordered[index - 1].start in attributed:
                prev = attributed[ordered[index - 1].start]
                neighbours.append((prev, prev.evidence[1], quote.start - 1))
            if not quote.closed and index + 1 < len(ordered) and ordered[index + 1].start in attributed:
                neighbours.append((attributed[ordered[index + 1].start], quote.end, ordered[index + 1].start - 1))
            for neighbour, gap_start, gap_end in neighbours:
                if all(t.is_space or t.is_punct for t in self.doc[gap_start:gap_end]):
                    start, end = trim(quote.start, quote.end, self.doc)
                    first, last = self.resolver.sentence(quote.start)[0], self.resolver.sentence(quote.end - 1)[1]
                    statement = Statement(neighbour.speaker, start, end, True, (first, last), 0.75,
                                          anchor=neighbour.anchor)
                    attributed[quote.start] = statement
                    self._add(statement)
                    break

    # ---- reporting verbs and report nouns ---------------------------------------------------

    def _from_clause(self, verb: Token) -> Statement | None:
        if verb.lemma_.lower() in REPORTING_NEEDS_CLAUSE or not _reported(verb):
            return None
        complement = self._complement(verb)
        if complement is None:
            return None
        speaker = self.speaker(verb)
        if speaker is None:
            return None
        start, end = trim(*complement, self.doc)
        if end - start < 2:
            return None
        return Statement(speaker, start, end, False, self.resolver.sentence(verb.i), 0.85, anchor=verb.i)

    def _complement(self, verb: Token) -> tuple[int, int] | None:
        """The clause a reporting verb reports: "said (that) ...", "admitted firing ...",
        "described the vote as a sham"."""
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ == "ccomp":
                strays = stray_conjuncts(child)
                end = strays[0].left_edge.i if strays else child.right_edge.i + 1
                while strays and end > child.i and self.doc[end - 1].dep_ in ("cc", "punct"):
                    end -= 1
                return child.left_edge.i, end
        for child in verb.children:
            if child.dep_ == "xcomp" and child.tag_ == "VBG" and lemma in GERUND_REPORTING:
                return child.left_edge.i, child.right_edge.i + 1
        if lemma in DESCRIBING_VERBS:
            dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            as_phrase = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            if dobj is not None and as_phrase is not None:
                return dobj.left_edge.i, as_phrase.right_edge.i + 1
        return None

    def _from_report_noun(self, noun: Token) -> Statement | None:
        """"Viktor Orban's remark that Brussels had betrayed farmers" -> Orban SAID ..."""
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if clause is None or owner is None:
            return None
        speaker = self._voice(self.resolver.refer(owner))
        if speaker is None:
            return None
        start, end = trim(clause.left_edge.i, clause.right_edge.i + 1, self.doc)
        return Statement(speaker, start, end, False, self.resolver.sentence(noun.i), 0.7, anchor=noun.i)

    def _from_headline(self, start: int, end: int) -> Statement | None:
        """"Serbia must free the activists: EU": a line that ends in a colon and a named actor, with no full
        stop, is a headline crediting what comes before the colon to that actor."""
        doc = self.doc
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
            return None  # the line goes on: not a headline
        mention = self.resolver.mention(doc[end - 1]) if end > start else None
        if mention is None or mention.end != end:
            return None
        colon = mention.start - 1
        while colon > start and doc[colon].pos_ == "DET":
            colon -= 1
        if doc[colon].text != ":" or colon - start < 3:
            return None
        speaker = self._voice(self.resolver.refer(doc[mention.start:mention.end].root))
        claim = trim(start, colon, doc)
        if speaker is None or claim[1] - claim[0] < 2:
            return None
        return Statement(speaker, *claim, False, (start, end), 0.7, headline=True)

    def _from_source(self, according: Token) -> Statement | None:
        """"According to Egypt's Foreign Ministry, the strike violated the truce": the rest of the clause is the claim."""
        source = next((p for to in according.children if to.lower_ == "to"
                       for p in to.children if p.dep_ == "pobj"), None)
        speaker = self._voice(self.resolver.refer(source)) if source is not None else None
        if speaker is None:
            return None
        clause = according.head
        start, end = trim(clause.left_edge.i, clause.right_edge.i + 1, self.doc)
        if according.left_edge.i == start:
            start = according.right_edge.i + 1
        elif according.right_edge.i + 1 == end:
            end = according.left_edge.i
        else:
            return None
        start, end = trim(start, end, self.doc)
        return Statement(speaker, start, end, False, self.resolver.sentence(according.i), 0.75) if end > start else None

    # ---- speakers ---------------------------------------------------------------------------

    def speaker(self, verb: Token) -> Entity | None:
        for subject in subject_tokens(verb):
            lower = subject.lemma_.lower()
            if lower in STATEMENT_NOUNS or (lower == "it" and subject.pos_ == "PRON"):
                return self._last_voice
            entity = self._voice(self.resolver.refer(subject))
            if entity is not None:
                return entity
        return None

    @staticmethod
    def _voice(entity: Entity | None) -> Entity | None:
        """Who can be a speaker: an actor, but not a news agency relaying the story."""
        if entity is None or entity.label is Label.PLACE or entity.kind == "media":
            return None
        return entity


def statements_in(doc: Doc, resolver: DocResolver, quotes: list[Quote]) -> list[Statement]:
    return StatementFinder(doc, resolver, quotes).find()


def claim_mentions(resolver: DocResolver, statement: Statement) -> Iterator[Entity]:
    """The actors a claim names, each once."""
    seen: set[str] = set()
    for mention in resolver.mentions:
        if statement.start <= mention.start < statement.end:
            entity = resolver.denote(resolver.doc[mention.start:mention.end].root)
            if entity is not None and entity.label is not Label.PLACE and entity.id not in seen:
                seen.add(entity.id)
                yield entity
