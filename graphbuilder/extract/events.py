"""Event relations between actors, read off the parse through the lexicon.

Three shapes: a verb ("pressed Nairobi to"), a light verb with an event noun ("launched
raids on ELN camps"), and an event noun with its own agent ("Kyiv's demand that Minsk ...",
"the pact signed by Kenya"). Subjects and targets go through the resolver, so officials
act for their state; negated and hypothetical acts are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Iterable, Iterator

from spacy.tokens import Doc, Token

from graphbuilder.extract.lexicon import (
    ADDRESSING_VERBS,
    ALLEGATION_VERBS,
    IRREALIS_GOVERNORS,
    LIGHT_VERB_LEMMAS,
    LIGHT_VERBS,
    MONEY,
    NOUNS,
    QUANTITY_NOUNS,
    REPORTING_VERBS,
    VERBS,
    WITH_CARRIERS,
    Cue,
)
from graphbuilder.extract.statements import Statement
from graphbuilder.extract.syntax import (
    has_subject,
    is_passive,
    is_realis,
    lexeme,
    object_tokens,
    obligation,
    prep_objects,
    subject_tokens,
)
from graphbuilder.model import ACTOR_LABELS, Entity, Label, Relation
from graphbuilder.resolve.mentions import OWNER_DEPS, DocResolver

EVENT_VERBS = frozenset(VERBS) | {verb for verb, _ in LIGHT_VERBS}

UNCERTAIN = frozenset({"possible", "potential", "proposed", "planned", "future", "alleged", "no"})
RESOLVED_BY_CONTEXT = 0.85  # a pronoun, role noun or "we" stood for the actor
OWNED_TARGET = 0.9  # the target is the owner of the object ("expelled two Belgian diplomats")
OBLIGATION_CONFIDENCE = 0.75


@dataclass(frozen=True, slots=True)
class Event:
    subject: Entity
    relation: Relation
    object: Entity
    token: int  # the trigger
    confidence: float


class EventFinder:
    def __init__(self, doc: Doc, resolver: DocResolver, statements: list[Statement]) -> None:
        self.doc = doc
        self.resolver = resolver
        self._speaker: list[Entity | None] = [None] * len(doc)  # who is speaking at each token of a claim
        for statement in statements:
            for i in range(statement.start, statement.end):
                self._speaker[i] = self._speaker[i] or statement.speaker
        self._headlines = [s for s in statements if s.headline]

    def find(self) -> Iterator[Event]:
        light_nouns: set[int] = set()
        event_nouns: list[tuple[Token, Cue]] = []
        for token in self.resolver.tokens:
            if token.pos_ == "VERB":
                yield from self._verb_events(token, light_nouns)
                yield from self._obligation_events(token)
            elif token.pos_ == "NOUN" and (cue := NOUNS.get(token.lemma_.lower())) is not None:
                event_nouns.append((token, cue))
        for token, cue in event_nouns:
            if token.i not in light_nouns:
                yield from self._noun_events(token, cue)
        for headline in self._headlines:
            yield from self._headline_obligation(headline)

    # ---- verbs -------------------------------------------------------------------------------

    def _verb_events(self, verb: Token, light_nouns: set[int]) -> Iterator[Event]:
        lemma = lexeme(verb, EVENT_VERBS)
        if lemma not in VERBS and lemma not in LIGHT_VERB_LEMMAS:
            return  # most verbs of a story are no event of ours: skip reading their objects
        cues = [(cue, None) for cue in VERBS.get(lemma, ())]
        for noun in self._light_nouns(verb):
            cue = LIGHT_VERBS.get((lemma, noun.lemma_.lower())) or LIGHT_VERBS.get((lemma, noun.lower_)) or (
                LIGHT_VERBS.get((lemma, MONEY)) if noun.ent_type_ == "MONEY" else None)
            if cue is not None:
                cues.append((cue, noun))
                light_nouns.add(noun.i)
        if not cues or not is_realis(verb):
            return
        subjects = self._actors(subject_tokens(verb), verb)
        for cue, noun in cues:
            targets = list(self._targets(verb, cue, noun))
            yield from self._pairs(subjects, cue, targets, verb.i)

    def _obligation_events(self, verb: Token) -> Iterator[Event]:
        """"told Ecuador it cannot keep the port closed", "made it clear that Hanoi must ...": a demand
        on whom the clause addresses."""
        lemma = verb.lemma_.lower()
        if lemma == "make":
            clauses = [c for clear in verb.children if clear.lower_ == "clear"
                       for c in clear.children if c.dep_ in ("ccomp", "advcl")]
        elif lemma in REPORTING_VERBS:
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        else:
            return
        if not clauses or not is_realis(verb):
            return
        subjects = self._actors(subject_tokens(verb), verb)
        addressees = [c for c in verb.children if c.dep_ == "dobj"] if lemma in ADDRESSING_VERBS else []
        for clause in clauses:
            relation = obligation(clause)
            if relation is not None:
                targets = self._plain(addressees or [c for c in clause.children if c.dep_ == "nsubj"])
                yield from self._pairs(subjects, Cue(relation, (), OBLIGATION_CONFIDENCE), targets, verb.i)

    def _headline_obligation(self, headline: Statement) -> Iterator[Event]:
        """"Belgrade must free the activists: EU" reads as "the EU said Belgrade must ...": a demand on it."""
        root = next((t for t in self.doc[headline.start:headline.end]
                     if not headline.start <= t.head.i < headline.end or t.head.i == t.i), None)
        relation = obligation(root) if root is not None and root.pos_ in ("VERB", "AUX") else None
        if relation is None:
            return
        speaker = self.resolver.agent(headline.speaker)
        targets = self._plain(c for c in root.children if c.dep_ == "nsubj")
        yield from self._pairs([(speaker, 1.0)] if speaker else [], Cue(relation, (), OBLIGATION_CONFIDENCE * 0.9),
                               targets, root.i)

    def _light_nouns(self, verb: Token) -> Iterator[Token]:
        """Nouns a light verb governs: its object, looking through "a number of" and "$5 million in"; a passive
        with two objects keeps the thing given as its object ("Chad was given food aid")."""
        kept = [c for c in verb.children if c.dep_ == "dobj"] if is_passive(verb) else []
        for noun in [*object_tokens(verb), *kept]:
            yield noun
            if noun.lemma_.lower() in QUANTITY_NOUNS or noun.pos_ == "NUM":
                yield from prep_objects(noun, ("of", "in"))

    def _targets(self, verb: Token, cue: Cue, noun: Token | None) -> Iterator[tuple[Entity, float]]:
        # the parser hangs a target's preposition on the verb, its object or the object's modifiers
        holders = [verb, *object_tokens(verb)]
        if noun is not None:
            holders += [noun, *noun.conjuncts, *(c for c in noun.children if c.dep_ in ("amod", "acl"))]
        prep_found = False  # the cue's prepositions are in order of preference: "an attack on X in Y" hits X
        for spec in cue.targets:
            if spec == "dobj":
                if noun is None:
                    for obj in object_tokens(verb):
                        yield from self._target_phrase(obj, verb)
            elif spec == "ccomp":
                for clause in verb.children:
                    if clause.dep_ == "ccomp":
                        yield from self._plain(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
            elif spec == "xcomp":
                # "threatened to bomb Chad and Niger", "threatened to send troops into Guyana"
                for clause in verb.children:
                    if clause.dep_ == "xcomp":
                        named = [t for obj in object_tokens(clause) for t in self._target_phrase(obj)]
                        yield from named or self._first_actor_in(clause)
            elif not prep_found:
                for holder in holders:
                    for pobj in self._prep_targets(holder, spec):
                        for target in self._target_phrase(pobj, verb):
                            prep_found = True
                            yield target
                if spec == "to":
                    # "gave Egypt a loan", "paid Kenya a visit": the indirect object is whom it goes to,
                    # and in the passive ("Egypt was given a loan") the subject is
                    passive_recipient = is_passive(verb) and any(c.dep_ == "dobj" for c in verb.children)
                    for recipient in verb.children:
                        if (recipient.dep_ == "dative" and recipient.pos_ != "ADP") or (
                                passive_recipient and recipient.dep_ == "nsubjpass"):
                            yield from self._target_phrase(recipient, verb)

    def _prep_targets(self, holder: Token, prep: str) -> list[Token]:
        found = prep_objects(holder, (prep,))
        if prep == "with":
            # "in partnership with Togo", "in coordination with X"
            for carrier in prep_objects(holder, ("in",)):
                if carrier.lemma_.lower() in WITH_CARRIERS:
                    found += prep_objects(carrier, ("with",))
        if prep == "between" and not found:
            for obj in holder.children:
                if obj.dep_ == "dobj":
                    found += prep_objects(obj, ("between",))
        return found

    # ---- nouns -------------------------------------------------------------------------------

    def _noun_events(self, noun: Token, cue: Cue) -> Iterator[Event]:
        if any(c.lower_ in UNCERTAIN for c in noun.children) or not self._noun_realis(noun):
            return
        agents = self._noun_agents(noun, cue)
        targets: list[tuple[Entity, float]] = []
        for spec in cue.targets:
            if spec == "ccomp":
                for clause in noun.children:
                    if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ == "VERB":
                        targets += self._plain(c for c in clause.children if c.dep_ == "nsubj")
            else:
                for pobj in self._prep_targets(noun, spec):
                    targets += self._target_phrase(pobj)
        yield from self._pairs(agents, cue, targets, noun.i, weight=0.9)

    def _noun_realis(self, noun: Token) -> bool:
        """The verb governing an event noun must not wish for it or deny it."""
        governor = noun.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
            governor = governor.head
        if governor.pos_ not in ("VERB", "AUX"):
            return True
        return governor.lemma_.lower() not in IRREALIS_GOVERNORS and is_realis(governor)

    def _noun_agents(self, noun: Token, cue: Cue) -> list[tuple[Entity, float]]:
        """Who did what the noun names: its owner, its "by" phrase, an actor adjective,
        the one blamed for it, or for talks and visits the subject of the clause around it."""
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod")
                  and self.resolver.mention(c) is not None] + prep_objects(noun, ("by",))
        agents = self._actors(owners, noun)
        if agents:
            return agents
        governor = noun.head.head if noun.dep_ == "pobj" else None
        if governor is not None and governor.lemma_.lower() in ALLEGATION_VERBS:
            return self._actors([c for c in governor.children if c.dep_ in ("nsubjpass", "dobj")], noun, 0.7)
        if cue.relation is Relation.MEETS and governor is not None and governor.pos_ == "VERB":
            return self._actors(subject_tokens(governor), noun, 0.8)
        return []

    # ---- resolution --------------------------------------------------------------------------

    def _actors(self, tokens: Iterable[Token], at: Token, weight: float = 1.0) -> list[tuple[Entity, float]]:
        """Resolved acting entities for subject tokens, conjuncts included."""
        found = []
        speaker = self._speaker[at.i]
        for token in tokens:
            for conj in self.resolver.conjuncts(token):
                entity = self.resolver.refer(conj, speaker)
                if entity is None:
                    continue
                contextual = self.resolver.mention(conj) is None
                found.append((entity, weight * (RESOLVED_BY_CONTEXT if contextual else 1.0)))
                if contextual:
                    found += [(e, weight * RESOLVED_BY_CONTEXT) for e in self._coordinated_owners(conj)]
        return [(agent, w) for entity, w in found if (agent := self.resolver.agent(entity)) is not None]

    def _coordinated_owners(self, token: Token) -> list[Entity]:
        """"his Thai and Cambodian counterparts": the other owners coordinated with the first."""
        found = []
        for modifier in token.children:
            if modifier.dep_ in OWNER_DEPS and self.resolver.mention(modifier) is not None:
                found += [e for other in modifier.conjuncts if (e := self.resolver.denote(other)) is not None]
        return found

    def _plain(self, tokens: Iterable[Token]) -> list[tuple[Entity, float]]:
        found = []
        for token in tokens:
            found += self._actors([token], token)
        return found

    def _target_phrase(self, token: Token, verb: Token | None = None) -> list[tuple[Entity, float]]:
        """A target, or the owner of the thing targeted ("rejected Orban's proposal",
        "condemned the raid by Boko Haram", "strikes on Hezbollah positions", "the conduct of Chinese vessels")."""
        found = []
        for conj in self.resolver.conjuncts(token):
            direct = self._actors([conj], conj)
            if direct:
                found += direct
                continue
            owners = [c for c in conj.children if c.dep_ in OWNER_DEPS] + prep_objects(conj, ("by", "of", "from"))
            owned = self._actors(owners, conj, OWNED_TARGET)
            if not owned and verb is not None and has_subject(verb) and not is_passive(verb):
                owned = self._misattached_owners(verb)
            found += owned
        return found

    def _misattached_owners(self, verb: Token) -> list[tuple[Entity, float]]:
        """An active verb takes no "by" agent, so its "by" phrase belongs to the object ("deplored the raid
        by Israel"); a "from" phrase naming a group does too ("captured four fighters from the ELN")."""
        found = self._actors(prep_objects(verb, ("by",)), verb, OWNED_TARGET)
        found += [(e, w) for e, w in self._actors(prep_objects(verb, ("from",)), verb, OWNED_TARGET)
                  if e.label in (Label.ORGANIZATION, Label.ARMED_GROUP)]
        return found

    def _first_actor_in(self, clause: Token) -> list[tuple[Entity, float]]:
        for token in clause.subtree:
            if self.resolver.mention(token) is not None and token.dep_ != "nsubj":
                found = self._actors([token], token)
                if found:
                    return [(found[0][0], found[0][1] * 0.75)]
        return []

    @staticmethod
    def _pairs(subjects: list[tuple[Entity, float]], cue: Cue, targets: list[tuple[Entity, float]],
               token: int, weight: float = 1.0) -> Iterator[Event]:
        relation = cue.relation
        if not targets and cue.mutual:
            # "Kenya and Haiti signed a pact": the subjects act with each other
            pairs = [(a, b) for a, b in combinations(subjects, 2)]
        else:
            pairs = [(s, t) for s in subjects for t in targets]
        for (subject, ws), (obj, wt) in pairs:
            if subject.id != obj.id and subject.label in ACTOR_LABELS and obj.label in ACTOR_LABELS:
                yield Event(subject, relation, obj, token, cue.confidence * ws * wt * weight)


def events_in(doc: Doc, resolver: DocResolver, statements: list[Statement]) -> Iterator[Event]:
    return EventFinder(doc, resolver, statements).find()
