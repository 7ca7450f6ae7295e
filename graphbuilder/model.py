"""The data that flows between the steps: articles, entities, claims, triples, and the vocabulary.

Everything here is a small frozen dataclass; ids are hashes of canonical fields, so
writing the same fact twice is an idempotent MERGE on the same key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


def stable_hash(*parts: str, size: int = 16) -> str:
    """Hex digest of the parts, joined unambiguously."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def normalise_text(text: str) -> str:
    """Case-, quote- and space-insensitive form of a text, used to key claims."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


@lru_cache(maxsize=1 << 16)
def _claim_id(speaker_id: str, text: str) -> str:
    # read several times for every claim a batch writes; normalising the text is what costs
    return "claim:" + stable_hash(speaker_id, normalise_text(text))


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


class Label(StrEnum):
    COUNTRY = "Country"
    ORGANIZATION = "Organization"
    ARMED_GROUP = "ArmedGroup"
    PERSON = "Person"
    PLACE = "Place"
    CLAIM = "Claim"
    ARTICLE = "Article"


ACTOR_LABELS = frozenset({Label.COUNTRY, Label.ORGANIZATION, Label.ARMED_GROUP, Label.PERSON})


class Family(StrEnum):
    """CAMEO quad classes, plus the non-event kinds of relation."""

    VERBAL_COOPERATION = "verbal cooperation"
    MATERIAL_COOPERATION = "material cooperation"
    VERBAL_CONFLICT = "verbal conflict"
    MATERIAL_CONFLICT = "material conflict"
    STATEMENT = "statement"
    STRUCTURE = "structure"
    PROVENANCE = "provenance"


@dataclass(frozen=True, slots=True)
class RelationInfo:
    cameo: str | None
    plover: str | None
    family: Family
    symmetric: bool = False


class Relation(StrEnum):
    URGES = "URGES"
    DEMANDS = "DEMANDS"
    CRITICIZES = "CRITICIZES"
    REJECTS = "REJECTS"
    THREATENS = "THREATENS"
    SANCTIONS = "SANCTIONS"
    ATTACKS = "ATTACKS"
    COOPERATES_WITH = "COOPERATES_WITH"
    SUPPORTS = "SUPPORTS"
    AIDS = "AIDS"
    MEETS = "MEETS"
    SAID = "SAID"
    ABOUT = "ABOUT"
    AFFILIATED_WITH = "AFFILIATED_WITH"
    PART_OF = "PART_OF"
    BASED_IN = "BASED_IN"
    LOCATED_IN = "LOCATED_IN"
    MENTIONS = "MENTIONS"
    REPORTED_IN = "REPORTED_IN"

    @property
    def info(self) -> RelationInfo:
        return VOCABULARY[self]

    @property
    def is_event(self) -> bool:
        return self.info.family not in (Family.STATEMENT, Family.STRUCTURE, Family.PROVENANCE)


_F = Family
VOCABULARY: dict[Relation, RelationInfo] = {
    Relation.URGES: RelationInfo("02", "REQUEST", _F.VERBAL_COOPERATION),
    Relation.DEMANDS: RelationInfo("10", "REQUEST", _F.VERBAL_CONFLICT),
    Relation.CRITICIZES: RelationInfo("11", "ACCUSE", _F.VERBAL_CONFLICT),
    Relation.REJECTS: RelationInfo("12", "REJECT", _F.VERBAL_CONFLICT),
    Relation.THREATENS: RelationInfo("13", "THREATEN", _F.VERBAL_CONFLICT),
    Relation.SANCTIONS: RelationInfo("16", "SANCTION", _F.MATERIAL_CONFLICT),
    Relation.ATTACKS: RelationInfo("18", "ASSAULT", _F.MATERIAL_CONFLICT),
    Relation.COOPERATES_WITH: RelationInfo("03", "COOPERATE", _F.MATERIAL_COOPERATION, symmetric=True),
    Relation.SUPPORTS: RelationInfo("05", "SUPPORT", _F.VERBAL_COOPERATION),
    Relation.AIDS: RelationInfo("07", "AID", _F.MATERIAL_COOPERATION),
    Relation.MEETS: RelationInfo("04", "CONSULT", _F.VERBAL_COOPERATION, symmetric=True),
    Relation.SAID: RelationInfo(None, None, _F.STATEMENT),
    Relation.ABOUT: RelationInfo(None, None, _F.STATEMENT),
    Relation.AFFILIATED_WITH: RelationInfo(None, None, _F.STRUCTURE),
    Relation.PART_OF: RelationInfo(None, None, _F.STRUCTURE),
    Relation.BASED_IN: RelationInfo(None, None, _F.STRUCTURE),
    Relation.LOCATED_IN: RelationInfo(None, None, _F.STRUCTURE),
    Relation.MENTIONS: RelationInfo(None, None, _F.PROVENANCE),
    Relation.REPORTED_IN: RelationInfo(None, None, _F.PROVENANCE),
}


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    text: str
    url: str | None = None
    published: str | None = None  # ISO 8601 date
    source: str | None = None
    path: str | None = None
    stored_hash: str | None = None  # set on articles read back from a store, which keeps no text

    @property
    def content_hash(self) -> str:
        return self.stored_hash or stable_hash(self.title, self.text, size=32)

    @property
    def full_text(self) -> str:
        """What the extractor reads, and what evidence offsets index: the headline, then the body."""
        if not self.title or self.text.lstrip().startswith(self.title):
            return self.text
        return f"{self.title}\n\n{self.text}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor or place. `id` is an ISO3 code for countries, a slug otherwise."""

    id: str
    name: str
    label: Label
    kind: str | None = None  # organisations: government, military, igo, ...
    aliases: tuple[str, ...] = ()

    def ref(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "type": str(self.label)}


@dataclass(frozen=True, slots=True)
class Claim:
    """What a speaker said; the same words from the same speaker are one claim."""

    text: str
    speaker_id: str
    quote: bool = False

    @property
    def id(self) -> str:
        return _claim_id(self.speaker_id, self.text)

    @property
    def label(self) -> Label:
        return Label.CLAIM


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in an article a triple was read."""

    article_id: str
    sentence: str
    start: int  # character offsets of the sentence in Article.full_text
    end: int


@dataclass(frozen=True, slots=True)
class Triple:
    subject: Entity | Claim
    predicate: Relation
    object: Entity | Claim
    evidence: Evidence
    date: str | None = None
    confidence: float = 0.5
    role: str | None = None  # AFFILIATED_WITH: the person's title

    @property
    def cameo(self) -> str | None:
        return self.predicate.info.cameo

    @property
    def key(self) -> str:
        """One relationship per (subject, type, object, event date); symmetric types are unordered."""
        s, o = self.subject.id, self.object.id
        if self.predicate.info.symmetric and o < s:
            s, o = o, s
        return stable_hash(s, self.predicate, o, self.date or "")

    def to_json(self) -> dict:
        """The JSON Lines record of SCHEMA.md."""
        claim = self.object if isinstance(self.object, Claim) else None
        subject = self.subject.ref() if isinstance(self.subject, Entity) else {"id": self.subject.id, "type": "Claim"}
        return {
            "article": self.evidence.article_id,
            "subject": subject,
            "predicate": str(self.predicate),
            "object": None if claim else self.object.ref(),
            "claim": claim.text if claim else None,
            "quote": claim.quote if claim else None,
            "role": self.role,
            "evidence": self.evidence.sentence,
            "start": self.evidence.start,
            "end": self.evidence.end,
            "confidence": round(self.confidence, 3),
            "date": self.date,
            "cameo": self.cameo,
        }


@dataclass(frozen=True, slots=True)
class ArticleGraph:
    """Everything one article contributes to the graph."""

    article: Article
    entities: tuple[Entity, ...] = ()  # every entity the article mentions
    triples: tuple[Triple, ...] = ()
