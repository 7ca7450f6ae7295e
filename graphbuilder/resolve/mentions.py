"""Surface forms in one parsed document -> canonical entities.

`DocResolver` is built once per Doc. It turns the gazetteer's and the NER's entity spans
into `Mention`s, composes state bodies ("Chile's foreign ministry"), reads persons' titles
and affiliations, and answers the questions the extraction rules ask about a noun phrase:
what does it name (`denote`), whom does a pronoun or role noun stand for (`refer`), and
who acts when it acts (`agent`, SCHEMA.md "Who is the subject of an event").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from graphbuilder.model import Entity, Label, slugify
from graphbuilder.resolve.canonical import PARTICLES, person_id, variant_key
from graphbuilder.resolve.gazetteer import Gazetteer

STATE_KINDS = frozenset({"government", "military", "intelligence"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# a capital after these is where something happens, not who acts ("in Nairobi", "from Hanoi")
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "from", "within", "into",
                            "through", "throughout", "over", "toward", "towards", "via", "of"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame"})
NER_PLACE_LABELS = frozenset({"GPE", "LOC"})
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
# titles that only a state gives: held with no country named, they are the story's home country's
STATE_FAMILIES = frozenset({"president", "vice president", "prime minister", "deputy prime minister", "chancellor",
                            "king", "queen", "emir", "sultan", "crown prince", "minister", "secretary",
                            "spokesperson", "ambassador"})
# agentive positions: a person there is a likely antecedent for a later "he"/"she"
AGENTIVE_DEPS = frozenset({"nsubj", "nsubjpass"})
HOME_MIN_MENTIONS = 3
MAX_VARIANT_TOKENS = 7  # "Tehreek-i-Taliban Pakistan" is seven tokens
MAX_GROUP_NAME_WORDS = 5
# heads of unlisted group names that may be lowercase after "the" ("the Zarqawi network")
LOWERCASE_GROUP_HEADS = frozenset({"network", "militia", "brigade", "brigades"})
# page furniture that web articles carry around the story: no entity read there is news
NOISE_LINE = re.compile(r"""^\W*(?:
    (?:last\s+)?updated(?:\s+on)?\b | published(?:\s+on)?\s*[:\d] | posted\s+on\b
  | author[-_\s]?(?:image|photo|avatar) | tags?\s*: | topics?\s*:
  | share\s+(?:this|on|via|article)\b | share\s*: | follow\s+us\b
  | also\s+read\b | read\s+(?:more|also|next)\b | related\s*:
  | (?:file\s+)?(?:photo|image|picture|pic)(?:\s+credits?)?\s*[:/|] | (?:photo|image)\s+credits?\b
  | copyright\b | \u00a9 | all\s+rights\s+reserved
)""", re.IGNORECASE | re.VERBOSE)
INLINE_CREDIT = re.compile(r"\((?:[A-Z]+\s+)?(?:file\s+)?(?:photo|image|picture)\b[^)\n]*\)", re.IGNORECASE)
BYLINE = re.compile(r"^\W*by\s+\S", re.IGNORECASE)
BYLINE_MAX_WORDS = 10
BYLINE_WORDS = frozenset({"and", "&", "in", "on", "for", "at", "our", "staff", "correspondent", "desk", "reporter",
                          "news", "web", "the", "updated", "published", "agencies", "bureau"})


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token offsets in the Doc
    end: int
    entity: Entity
    place: Entity | None = None  # a seat of government: what it is when it is only a location


@dataclass(frozen=True, slots=True)
class Affiliation:
    person: Entity
    target: Entity
    role: str
    token: int  # where it was read, for evidence
    confidence: float = 0.8


@dataclass(frozen=True, slots=True)
class PersonMention:
    token: int
    entity: Entity
    agentive: bool
    quoted: bool


def _place_entity(name: str) -> Entity:
    return Entity(f"place:{slugify(name)}", name, Label.PLACE)


class DocResolver:
    def __init__(self, doc: Doc, gazetteer: Gazetteer, quoted: Callable[[int], bool] = lambda i: False) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.roles = gazetteer.roles
        self.quoted = quoted
        self._by_token: list[Mention | None] = [None] * len(doc)
        self.mentions: list[Mention] = []
        self.composed: dict[str, Entity] = {}  # state bodies built from "<country> <body>"
        self.part_of: dict[str, str] = {}
        self.person_mentions: list[PersonMention] = []
        self.families: dict[str, set[str]] = {}  # person id -> title families ("spokesperson")
        self.titles: dict[str, str] = {}  # person id -> the title as written
        self.affiliations: dict[str, Affiliation] = {}
        self.first_token: dict[str, int] = {}  # where each entity first appears, for evidence
        # Token objects and sentence bounds, built once: spaCy makes a new Token per access, and Token.sent
        # scans the sentences from the start of the Doc every time
        self.tokens: list[Token] = list(doc)
        self.text = doc.text  # Doc.text joins every token anew on each access
        self._sentence: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for sent in doc.sents:
            self._sentence[sent.start:sent.end] = [(sent.start, sent.end)] * len(sent)
        self._noise = _noise_mask(doc, self.text)
        # token offsets that fall inside a gazetteer name: a longer name may swallow it whole, never cut it
        self._inside_names = {i for e in doc.ents if e.ent_id_ for i in range(e.start + 1, e.end)}
        self._read_mentions()
        self._read_titles()

    # ---- mentions -------------------------------------------------------------------------

    def _read_mentions(self) -> None:
        # names the gazetteer knows only by spelling variant, and unlisted armed groups, take their tokens first
        claimed = self._variant_mentions()
        taken = {i for m in claimed for i in range(m.start, m.end)}
        claimed += [m for m in self._unlisted_groups() if not taken.intersection(range(m.start, m.end))]
        taken.update(i for m in claimed for i in range(m.start, m.end))
        ents = [e for e in self.doc.ents if not taken.intersection(range(e.start, e.end))
                and not self._noise[e.start] and (e.ent_id_ or any(c.isupper() for c in e.text))]
        persons = [(span, span.text) for ent in ents if ent.label_ == "PERSON" and not ent.ent_id_
                   and (span := self._strip_titles(ent)) is not None]
        persons += [(span, name) for span, name in self._titled_names() if not taken.intersection(
            range(span.start, span.end))]
        # the small NER model often calls a lone surname ORG or GPE ("Ramaphosa said"), or misses it, and may
        # label a full name it read as a person once as something else the next time: in one article, a string
        # given as a person's name is that person
        surnames = {span[-1].text for span, _ in persons if len(span) > 1}
        person_names = surnames | {name for span, name in persons if len(span) > 1}
        # gazetteer names first: the NER's organisations look for their owning country among them
        for mention in claimed:
            self._add(mention)
            if mention.entity.id in self.gaz.part_of:
                self.part_of[mention.entity.id] = self.gaz.part_of[mention.entity.id]
        short_form_choices = self._short_form_choices(ents)
        for ent in ents:
            if ent.ent_id_:
                self._add_gazetteer_mention(ent, short_form_choices)
        for ent in ents:
            if ent.ent_id_ or ent.label_ == "PERSON":
                continue
            elif ent.text in person_names:
                persons.append((ent, ent.text))
            elif ent.label_ in NER_PLACE_LABELS:
                self._add(Mention(ent.start, ent.end, _place_entity(ent.text)))
            elif ent.label_ == "ORG" and not self._in_title(ent):
                self._add(Mention(ent.start, ent.end, self._org_entity(ent)))
        self._add_bodies()
        persons += [(self.doc[t.i:t.i + 1], t.text) for t in self.tokens
                    if t.text in surnames and not t.ent_type_ and t.pos_ == "PROPN" and t.i not in taken]
        persons.sort(key=lambda p: p[0].start)
        self._add_persons([(span, name) for span, name in persons if not self._noise[span.start]])

    def _variant_mentions(self) -> list[Mention]:
        """"Hizbullah", "Lashkar-i-Tayyaba": a capitalised name the gazetteer lacks as written but knows by
        its variant key (canonical.py). Only keys one gazetteer entity owns count, so a merge is never a guess.

        A candidate is a name run: capitalised words, dashes and name particles ending on a capitalised word,
        with at least one word the gazetteer has not read, and every name it found lying wholly inside. The
        token attributes are read once into lists: the tries per article run to hundreds."""
        found: list[Mention] = []
        tokens, text, n = self.tokens, self.text, len(self.tokens)
        title = [t.is_title for t in tokens]
        particle = [t.lower_ in PARTICLES for t in tokens]
        in_run = [title[t.i] or particle[t.i] or t.text in ("-", "'") for t in tokens]
        new_word = [not (t.ent_id_ or particle[t.i]) for t in tokens]
        i = 0
        while i < n:
            if not (title[i] or particle[i]) or i in self._inside_names:
                i += 1
                continue
            run = i
            while run < n and run - i < MAX_VARIANT_TOKENS and in_run[run]:
                run += 1
            for end in range(run, i, -1):
                if not title[end - 1] or end in self._inside_names or not any(new_word[i:end]):
                    continue
                last = tokens[end - 1]
                if entity_id := self.gaz.variants.get(variant_key(text[tokens[i].idx:last.idx + len(last)])):
                    found.append(Mention(i, end, self.gaz.entities[entity_id]))
                    i = end - 1
                    break
            i += 1
        return found

    def _unlisted_groups(self) -> list[Mention]:
        """"the Kuki National Front claimed the attack": a capitalised name ending in a group noun, in a sentence
        about militancy, that no country owns, is an armed group of its own with a slug id."""
        found: list[Mention] = []
        for head in self.tokens:
            lowercase_ok = head.lower_ in LOWERCASE_GROUP_HEADS
            if head.lower_ not in self.roles.group_heads or head.ent_id_ or not (head.is_title or lowercase_ok):
                continue
            start = head.i
            while start > 0 and head.i - start < MAX_GROUP_NAME_WORDS and self._group_name_word(self.doc[start - 1]):
                start -= 1
            while start < head.i and not self.doc[start].is_title:
                start += 1  # a name starts on a capital, not on a dash or "ul"
            if start == head.i or (not head.is_title and (start == 0 or self.doc[start - 1].lower_ != "the")):
                continue
            before = self.doc[start - 1] if start > 0 else None
            if before is not None and (before.ent_id_ or before.tag_ == "POS"):
                continue  # "Pakistan's Army", "the Indian Army": a state's force
            lo, hi = self.sentence(head.i)
            if not any(t.lemma_.lower() in self.roles.militant_cues or t.lower_ in self.roles.militant_cues
                       for t in self.tokens[lo:hi]):
                continue
            name = self.doc[start:head.i + 1].text
            found.append(Mention(start, head.i + 1, Entity(f"group:{slugify(name)}", name, Label.ARMED_GROUP)))
        return found

    def _group_name_word(self, token: Token) -> bool:
        # "National" may sit in a title and in a name alike; only a title noun itself ends the name
        if token.ent_id_ or token.lower_ == "the" or token.lower_ in self.roles.titles:
            return False
        return token.is_title or token.text in ("-", "'s", "\u2019s") or token.lower_ in PARTICLES

    def _short_form_choices(self, ents: list[Span]) -> dict[str, Entity | None]:
        """"Congo" is the Congo the article names in full, the usual one if it names neither, none if both."""
        named = {e.ent_id_ for e in ents if e.text not in self.roles.short_forms}
        choices: dict[str, Entity | None] = {}
        for surface, options in self.roles.short_forms.items():
            present = [o for o in options if o in named]
            chosen = options[0] if not present else present[0] if len(present) == 1 else None
            choices[surface] = self.gaz.entity(chosen) if chosen else None
        return choices

    def _add_bodies(self) -> None:
        """State bodies the NER left untagged ("Chile's foreign ministry", "the Greek navy") become mentions,
        so "the ministry" later on can find them."""
        for token in self.tokens:
            if self._by_token[token.i] is None and token.lower_ in self.roles.body_words \
                    and token.pos_ in ("NOUN", "PROPN"):
                body = self.body(token)
                if body is not None:
                    self._add(Mention(token.i, token.i + 1, body))
        self.mentions.sort(key=lambda m: m.start)

    def _in_title(self, ent: Span) -> bool:
        """"Secretary of State", "Defence Secretary": the NER's ORG is part of a title, not an organisation."""
        prep = ent.root.head
        if ent.root.dep_ == "pobj" and prep.lower_ == "of" and \
                f"{self._compound_phrase(prep.head)} of {ent.text.lower()}" in self.roles.titles:
            return True
        return ent.end < len(self.doc) and f"{ent.text.lower()} {self.doc[ent.end].lower_}" in self.roles.titles

    def _titled_names(self) -> list[tuple[Span, str]]:
        """"Dutch PM Dick Schoof": capitalised words right after a title are a name, even if the NER missed it."""
        found = []
        doc = self.doc
        for token in self.tokens:
            if token.lower_ not in self.roles.titles or token.ent_type_:
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title \
                    and not doc[end].ent_type_ and not self._is_title_word(doc[end]) \
                    and doc[end].lower_ not in self.roles.body_heads:
                end += 1
            if end - token.i >= 3:
                span = doc[token.i + 1:end]
                found.append((span, span.text))
        return found

    def _add(self, mention: Mention) -> None:
        if self._noise[mention.start]:
            return
        self.mentions.append(mention)
        self.first_token.setdefault(mention.entity.id, mention.start)
        for i in range(mention.start, mention.end):
            self._by_token[i] = mention

    def _add_gazetteer_mention(self, ent: Span, short_form_choices: dict[str, Entity | None]) -> None:
        entity = short_form_choices[ent.text] if ent.text in short_form_choices else self.gaz.entity(ent.ent_id_)
        if entity is None or self._qualifies_a_place(ent):
            self._add(Mention(ent.start, ent.end, _place_entity(ent.text)))
            return
        place = _place_entity(ent.text) if ent.text in self.gaz.seats else None
        self._add(Mention(ent.start, ent.end, entity, place))
        if entity.id in self.gaz.part_of:
            self.part_of[entity.id] = self.gaz.part_of[entity.id]

    def _qualifies_a_place(self, ent: Span) -> bool:
        """"Atlanta, Georgia", "Spokane, Washington": an ambiguous name or seat right after a place the gazetteer
        does not know is that place's state, not a country acting. A list goes on ("Gaza, Jordan and Egypt")."""
        if ent.start < 2 or not (ent.text in self.roles.ambiguous or ent.text in self.gaz.seats):
            return False
        comma, place = self.doc[ent.start - 1], self.doc[ent.start - 2]
        after = self.doc[ent.end] if ent.end < len(self.doc) else None
        return comma.text == "," and place.ent_type_ in NER_PLACE_LABELS and not place.ent_id_ \
            and not (after is not None and after.lower_ in ("and", "or"))

    def _strip_titles(self, ent: Span) -> Span | None:
        """NER often folds "President" or "Mr." into the name; the name is what follows them."""
        start, end = ent.start, ent.end
        while start < end and self._is_title_word(self.doc[start]):
            start += 1
        if end > start and self.doc[end - 1].tag_ == "POS":
            end -= 1
        return self.doc[start:end] if end > start else None

    def _is_title_word(self, token: Token) -> bool:
        lower = token.lower_
        return lower in self.roles.titles or lower in self.roles.title_modifiers or lower in HONORIFICS

    def _add_persons(self, persons: list[tuple[Span, str]]) -> None:
        """Full names first; a lone surname ("Sikorski") is the full name that ends with it."""
        by_surname: dict[str, Entity] = {}
        for span, name in persons:
            if len(span) > 1:
                by_surname.setdefault(span[-1].text, self._person_entity(name))
        for span, name in persons:
            entity = (by_surname.get(name) if len(span) == 1 else None) or self._person_entity(name)
            self._add(Mention(span.start, span.end, entity))
            root = span.root
            self.person_mentions.append(PersonMention(
                span.start, entity, root.dep_ in AGENTIVE_DEPS or self._is_by_agent(root), self.quoted(span.start)))

    def _person_entity(self, name: str) -> Entity:
        """One id for every romanisation of a given name ("Mohammed", "Muhammad"); the name as written."""
        return Entity(person_id(name, self.gaz.given_names), name, Label.PERSON)

    @staticmethod
    def _is_by_agent(token: Token) -> bool:
        return token.dep_ == "pobj" and token.head.lower_ == "by"

    def _org_entity(self, ent: Span) -> Entity:
        """An NER organisation: a state body when a country owns it, else an organisation of its own."""
        start = ent.start
        before = self._by_token[start - 1] if start > 0 else None
        if before is not None and before.entity.label is Label.COUNTRY and self.doc[start - 1].dep_ == "compound":
            start = before.start  # "the Japan International Cooperation Agency": the country is part of the name
        name = self.doc[start:ent.end].text
        name = name[4:] if name.lower().startswith("the ") else name
        body = self.body(ent.root, written=name)
        return body or Entity(f"org:{slugify(name)}", name, Label.ORGANIZATION, kind="other")

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range of the sentence holding token `i`."""
        return self._sentence[i]

    def mention(self, token: Token) -> Mention | None:
        return self._by_token[token.i]

    # ---- what a noun phrase names -----------------------------------------------------------

    def seat_acts(self, token: Token) -> bool:
        """"Nairobi said", "urged Nairobi": the seat is the state; "in Nairobi" is a place."""
        if token.dep_ == "compound":
            return False
        head = token
        while head.dep_ == "conj":
            head = head.head
        return not (head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS)

    def denote(self, token: Token) -> Entity | None:
        """The entity a noun phrase headed by `token` names, without pronoun or role resolution."""
        mention = self.mention(token)
        if mention is not None:
            if mention.place is not None and not self.seat_acts(token):
                return mention.place
            return mention.entity
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        owner = self.owner(token)
        if owner is None:
            return None
        body = self.body(token, owner)
        if body is not None:
            return body
        if self._phrase_in(token, self.roles.state_nouns) or self.title_family(token):
            return owner
        return None

    def owner(self, token: Token, depth: int = 2) -> Entity | None:
        """The actor that owns a noun: "Nigerian officials", "Brazil's ambassador", "the minister of Peru"."""
        found: list[Entity] = []
        for child in token.children:
            if child.dep_ in OWNER_DEPS:
                entity = self._owner_entity(child)
                if entity is not None:
                    found.append(entity)
            elif child.dep_ == "prep" and child.lower_ == "of" and depth > 0:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        entity = self._owner_entity(pobj) or self.owner(pobj, depth - 1)
                        if entity is not None:
                            found.append(entity)
        # an organisation is more specific than its country ("the Pentagon press secretary")
        found.sort(key=lambda e: e.label is Label.COUNTRY)
        return found[0] if found else None

    def _owner_entity(self, token: Token) -> Entity | None:
        mention = self.mention(token)
        if mention is not None and mention.entity.label in (Label.COUNTRY, Label.ORGANIZATION, Label.ARMED_GROUP):
            return mention.entity
        if token.dep_ == "compound" and mention is None and token.pos_ in ("NOUN", "PROPN"):
            return self.owner(token, 0)  # "French Defence Ministry spokesman": the owner sits one compound down
        return None

    def body(self, token: Token, owner: Entity | None = None, written: str | None = None) -> Entity | None:
        """A state body a country owns: "Chile's foreign ministry" -> org:chl-foreign-ministry."""
        phrase = self._body_phrase(token)
        generic = self.roles.bodies.get(phrase.lower())
        proper = token.lower_ in self.roles.body_heads and token.is_title
        if generic is None and not proper:
            return None
        owner = owner or self.owner(token)
        if owner is None or owner.label is not Label.COUNTRY:
            return None
        canonical, kind = generic or (phrase, self.roles.body_heads[token.lower_])
        entity_id = f"org:{owner.id.lower()}-{slugify(canonical)}"
        entity = self.composed.get(entity_id)
        if entity is None:
            # a proper name ("Ministry of Petroleum Resources") is its own name; "foreign ministry" needs its owner
            name = (written or phrase) if proper and generic is None \
                else f"{self.gaz.demonyms.get(owner.id, owner.name)} {phrase}"
            entity = Entity(entity_id, name, Label.ORGANIZATION, kind=kind)
            self.composed[entity_id] = entity
            self.part_of[entity_id] = owner.id
            self.first_token.setdefault(entity_id, token.i)
        return entity

    def _body_phrase(self, token: Token) -> str:
        """"foreign ministry", "Ministry of Energy": the body's own words, without its owner."""
        words = [t for t in token.lefts if t.dep_ in ("compound", "amod") and self.mention(t) is None
                 and not t.is_punct]
        text = " ".join([*(w.text for w in words), token.text])
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and self.mention(pobj) is None:
                    text += " of " + " ".join(t.text for t in pobj.subtree if self.mention(t) is None)
        return text

    def _phrase_in(self, token: Token, vocabulary: frozenset[str]) -> bool:
        return token.lower_ in vocabulary or self._compound_phrase(token) in vocabulary

    @staticmethod
    def _compound_phrase(token: Token) -> str:
        words = [t.lower_ for t in token.lefts if t.dep_ == "compound"]
        return " ".join([*words, token.lower_])

    def title_family(self, token: Token) -> str | None:
        """"spokesman" -> "spokesperson", "Prime Minister" -> "prime minister"."""
        return self.roles.titles.get(self._compound_phrase(token)) or self.roles.titles.get(token.lower_)

    # ---- persons: titles, affiliations, antecedents -------------------------------------------

    def _read_titles(self) -> None:
        for pm in self.person_mentions:
            mention = self._by_token[pm.token]
            root = self.doc[mention.start:mention.end].root
            found = self._title_before(mention, root) or self._title_beside(root)
            if found is None:
                continue
            family, role, target = found
            target = target or self._led_body(root)
            self.families.setdefault(pm.entity.id, set()).add(family)
            self.titles.setdefault(pm.entity.id, role)
            if target is not None and pm.entity.id not in self.affiliations:
                self.affiliations[pm.entity.id] = Affiliation(pm.entity, target, role, pm.token)
        self._share_conjoined_affiliations()
        self._home_affiliations()

    def _title_before(self, mention: Mention, root: Token) -> tuple[str, str, Entity | None] | None:
        """"U.S. Treasury spokesman Paul Hale", "Dutch PM Dick Schoof"."""
        if root.dep_ == "appos" and self.title_family(root.head):
            # "the Pentagon's spokesperson Sabrina Singh": the name is in apposition to its title
            root = root.head
        first = min(root.left_edge.i, mention.start)
        if mention.start > 0 and self._is_title_word(self.doc[mention.start - 1]):
            # "hosted by Dutch PM Dick Schoof": the parser may hang the title apart from the name
            first = min(first, self.doc[mention.start - 1].left_edge.i)
        return self._read_title(list(self.doc[first:mention.start]))

    def _title_beside(self, root: Token) -> tuple[str, str, Entity | None] | None:
        """"Anna Kovacs, the First Secretary of the Hungarian Embassy", "Foreign Minister X of Y"."""
        for child in root.rights:
            if child.dep_ == "appos":
                found = self._read_title(list(child.subtree))
                if found is not None:
                    return found
        return None

    def _read_title(self, zone: list[Token]) -> tuple[str, str, Entity | None] | None:
        words = [t for t in zone if self.mention(t) is None and not t.is_punct and t.pos_ not in ("DET", "PART")]
        lowered = [t.lower_ for t in words]
        best: tuple[int, int] | None = None
        for n in range(min(self.roles.max_title_words, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                if " ".join(lowered[i:i + n]) in self.roles.titles:
                    best = (i, n)
                    break
            if best:
                break
        if best is None:
            return None
        i, n = best
        family = self.roles.titles[" ".join(lowered[i:i + n])]
        role = self.doc[words[i].i:words[i + n - 1].i + 1].text
        return family, role, self._affiliation_in(zone)

    def _affiliation_in(self, zone: list[Token]) -> Entity | None:
        candidates = []
        for token in zone:
            mention = self.mention(token)
            if mention is not None:
                if mention.entity.label in (Label.COUNTRY, Label.ORGANIZATION, Label.ARMED_GROUP):
                    candidates.append(mention.entity)
            elif token.pos_ in ("NOUN", "PROPN"):
                body = self.body(token)
                if body is not None:
                    candidates.append(body)
        candidates.sort(key=lambda e: e.label is Label.COUNTRY)
        return candidates[0] if candidates else None

    def _led_body(self, root: Token) -> Entity | None:
        """"Sudan's delegation, led by Minister Hamid Osman": who leads a state's delegation works for the state."""
        verb = root.head.head
        if root.dep_ == "pobj" and root.head.lower_ == "by" and verb.lemma_.lower() in ("lead", "head") \
                and verb.dep_ == "acl":
            return self.owner(verb.head)
        return None

    def _share_conjoined_affiliations(self) -> None:
        """"Polish President X and Prime Minister Y": Y's title takes X's country."""
        for pm in self.person_mentions:
            if pm.entity.id in self.affiliations or pm.entity.id not in self.families:
                continue
            root = self.doc[self._by_token[pm.token].start:self._by_token[pm.token].end].root
            if root.dep_ != "conj":
                continue
            first = self.mention(root.head)
            if first is not None and first.entity.id in self.affiliations:
                shared = self.affiliations[first.entity.id]
                self.affiliations[pm.entity.id] = Affiliation(pm.entity, shared.target, self.titles[pm.entity.id],
                                                              pm.token, 0.7)

    def _home_affiliations(self) -> None:
        """"President William Ruto" with no country named: news leaves the title unqualified when the
        office belongs to the country the story is about, so take that country when one clearly dominates.
        A mention of a listed armed group counts for the country it is based in."""
        counts: dict[str, int] = {}
        for mention in self.mentions:
            # an armed group's story is its base's story too ("Fighters from Islamic State Mozambique Province")
            country = mention.entity.id if mention.entity.label is Label.COUNTRY else self.gaz.bases.get(
                mention.entity.id)
            if country is not None:
                counts[country] = counts.get(country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < HOME_MIN_MENTIONS or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return
        home = self.gaz.entity(ranked[0][0])
        for pm in self.person_mentions:
            person = pm.entity.id
            if person not in self.affiliations and self.families.get(person, set()) & STATE_FAMILIES:
                self.affiliations[person] = Affiliation(pm.entity, home, self.titles[person], pm.token, 0.5)

    def antecedent(self, before: int) -> Entity | None:
        """The person a "he"/"she" at token `before` means: the last one who acted, outside quotes."""
        fallback = None
        for pm in reversed(self.person_mentions):
            if pm.token >= before:
                continue
            if pm.agentive and not pm.quoted:
                return pm.entity
            fallback = fallback or pm.entity
        return fallback

    def last_subject_thing(self, before: int) -> Entity | None:
        """What an "it" at token `before` means: the last organisation, group or country that was a subject,
        in this sentence or the one before."""
        current = self.sentence(before)[0]
        window_start = self.sentence(current - 1)[0] if current > 0 else current
        for mention in reversed(self.mentions):
            if mention.start >= before or self.quoted(mention.start):
                continue
            root = self.doc[mention.start:mention.end].root
            if root.dep_ in AGENTIVE_DEPS and mention.entity.label in (Label.COUNTRY, Label.ORGANIZATION,
                                                                         Label.ARMED_GROUP):
                return mention.entity if mention.start >= window_start else None
        return None

    def person_with_family(self, family: str, before: int, owner: Entity | None) -> Entity | None:
        """"the spokesman" -> the last person titled spokesperson (of the same state, when one is named)."""
        for pm in reversed(self.person_mentions):
            if pm.token < before and family in self.families.get(pm.entity.id, ()):
                if owner is None or self.state_of(pm.entity) in (None, self.state_of(owner)):
                    return pm.entity
        return None

    def last_body(self, word: str, before: int) -> Entity | None:
        """"the ministry" -> the last organisation whose name has that word; "the army" -> also the last
        state body of its kind ("the Sudanese Armed Forces")."""
        kind = self.roles.bodies.get(word, (None, self.roles.body_heads.get(word)))[1]
        for mention in reversed(self.mentions):
            entity = mention.entity
            if mention.start < before and entity.label is Label.ORGANIZATION and (
                    word in entity.name.lower() or (entity.id in self.composed and entity.kind == kind)):
                return entity
        return None

    def last_of_kind(self, kind: str, before: int) -> Entity | None:
        """"the bloc" -> the last intergovernmental organisation; "the group" -> the last armed group."""
        for mention in reversed(self.mentions):
            entity = mention.entity
            if mention.start < before and (entity.kind == kind or entity.label == kind):
                return entity
        return None

    # ---- who acts -------------------------------------------------------------------------

    def refer(self, token: Token, speaker: Entity | None = None) -> Entity | None:
        """`denote`, plus pronouns, relative pronouns and role nouns ("the spokesman")."""
        lower = token.lower_
        if token.pos_ == "PRON" or token.tag_ in RELATIVE_TAGS:
            if token.tag_ in RELATIVE_TAGS and token.head.dep_ == "relcl":
                return self.refer(token.head.head, speaker)
            if lower in PERSON_PRONOUNS:
                return self.antecedent(token.i)
            if lower in FIRST_PERSON or (lower in ("it", "its") and speaker is not None
                                         and speaker.label is not Label.PERSON):
                return speaker
            if lower == "it" and token.dep_ in AGENTIVE_DEPS and not self.quoted(token.i):
                return self.last_subject_thing(token.i)
            return None
        entity = self.denote(token)
        if entity is not None and not (self.title_family(token) and entity.label is not Label.PERSON):
            return entity
        family = self.title_family(token)
        if family is not None:
            # "its foreign minister, Andrii Sybiha, said": the title names the person beside it
            named = next((m.entity for c in token.children if c.dep_ == "appos"
                          and (m := self.mention(c)) is not None and m.entity.label is Label.PERSON), None)
            return named or self.person_with_family(family, token.i, entity) or entity
        if entity is None and any(c.lower_ == "the" for c in token.children):
            if token.lower_ in self.roles.body_words:
                return self.last_body(token.lower_, token.i)
            if token.lower_ in self.roles.anaphors:
                return self.last_of_kind(self.roles.anaphors[token.lower_], token.i)
        return entity

    def state_of(self, entity: Entity) -> str | None:
        """The country an actor belongs to, if any."""
        if entity.label is Label.PERSON:
            affiliation = self.affiliations.get(entity.id)
            return self.state_of(affiliation.target) if affiliation else None
        if entity.label is Label.COUNTRY:
            return entity.id
        parent = self.part_of.get(entity.id)
        return self.state_of(self.entity(parent)) if parent and self.entity(parent) else None

    def agent(self, entity: Entity | None) -> Entity | None:
        """Who acts when `entity` acts: officials and state bodies act for their country,
        leaders of other organisations for the organisation; news media are no actors."""
        if entity is None or entity.label is Label.PLACE or entity.kind == "media":
            return None
        if entity.label is Label.PERSON:
            affiliation = self.affiliations.get(entity.id)
            return self.agent(affiliation.target) if affiliation else entity
        if entity.label is Label.ORGANIZATION and entity.kind in STATE_KINDS:
            parent = self.entity(self.part_of.get(entity.id, ""))
            return self.agent(parent) if parent is not None else entity
        return entity

    def entity(self, entity_id: str) -> Entity | None:
        return self.composed.get(entity_id) or self.gaz.entity(entity_id)

    def entities(self) -> Iterator[Entity]:
        """Every canonical entity the document mentions, each once."""
        seen: set[str] = set()
        for mention in self.mentions:
            entity = mention.entity
            if mention.place is not None and not self.seat_acts(self.doc[mention.start:mention.end].root):
                entity = mention.place
            if entity.id not in seen:
                seen.add(entity.id)
                yield entity
        for entity in [*self.composed.values(), *(a.target for a in self.affiliations.values())]:
            if entity.id not in seen:
                seen.add(entity.id)
                yield entity

    def conjuncts(self, token: Token) -> Sequence[Token]:
        """The token and every token coordinated with it ("Pakistan, India and China")."""
        return (token, *token.conjuncts)


def _noise_mask(doc: Doc, text: str) -> list[bool]:
    """Tokens of page furniture: bylines, "Updated On", author images, "Tags:", share buttons, photo credits.

    Lines are matched as strings, and only a matching line is mapped back to its tokens."""
    mask = [False] * len(doc)

    def cover(start: int, end: int) -> None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            mask[span.start:span.end] = [True] * len(span)

    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (NOISE_LINE.match(stripped) or (BYLINE.match(stripped) and _is_byline(
                doc.char_span(start, start + len(line), alignment_mode="expand")))):
            cover(start, start + len(line))
        start += len(line) + 1
    for match in INLINE_CREDIT.finditer(text):
        cover(match.start(), match.end())
    return mask


def _is_byline(line: Span | None) -> bool:
    """"By Web Desk", "By Jane Doe and John Roe | Reuters": a short line of names after "By"."""
    if line is None:
        return False
    words = [t for t in line if not (t.is_punct or t.is_space)]
    return len(words) <= BYLINE_MAX_WORDS and all(
        t.is_title or t.is_upper or t.lower_ in BYLINE_WORDS or t.like_num for t in words[1:])
