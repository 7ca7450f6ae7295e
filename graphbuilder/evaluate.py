"""Score extracted triples against gold annotations (SCHEMA.md, "The evaluation").

The rules, as the shared scorer (`eval/score.py`) applies them:

- Gold and system are compared per article, as sets. A system triple's identity
  is its subject and object (id, else name), its type and, for `SAID`, its
  normalised claim; repeats count once.
- A system entity stands for every gold entity whose key or one of whose names
  equals its id, the name inside a slug id (`person:mark-toner`), or its name,
  ignoring case, punctuation and a leading "the"; a person with none of those
  stands for the gold persons that share the surname.
- A gold `p`, `s` or `o` may list alternatives: any one of them is right.
  `COOPERATES_WITH` and `MEETS` also match with subject and object swapped.
- `AFFILIATED_WITH` an organisation that the system puts `PART_OF` a gold object
  also matches that object.
- Claims are compared as token multisets. A system claim is right when it shares
  at least 3 tokens with the gold claim and either 60% of its own tokens are shared
  or the token F1 is at least 0.5; a gold claim is found by a claim with token F1
  at least 0.5. The precision side is the looser one so that a correct quote that
  is shorter than the annotated sentence is not counted wrong.
- A system triple that matches only `optional` gold triples counts neither way;
  optional gold triples are never missed.

Beyond the shared scorer this module breaks scores down by relation type, confuses
event types on the same actor pair, and says for each wrong or missed triple why.
Gold triples may carry an `evidence` sentence (an extension of the format) that
is shown for a missed triple.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError, InputError
from .model import Family, Relation

if TYPE_CHECKING:
    from spacy.language import Language

    from .settings import Settings

CATEGORIES = ("events", "statements", "structure")
METRICS = ("precision", "recall", "f1")
SYMMETRIC = frozenset(str(r) for r in Relation if r.info.symmetric)
_CATEGORY = {str(r): "events" for r in Relation if r.is_event} | {str(Relation.SAID): "statements"}
_CATEGORY |= {str(r): "structure" for r in Relation if r.info.family is Family.STRUCTURE}
_RELATION_ORDER = {str(r): n for n, r in enumerate(Relation)}


def category(predicate: str) -> str | None:
    """"events", "statements" or "structure"; None for what is not scored (ABOUT, MENTIONS)."""
    return _CATEGORY.get(predicate)


_LEADING_THE = re.compile(r"^the\s+")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalise(text: str | None) -> str:
    """The matching form of a name or a claim: case and punctuation ignored, a leading "the" dropped."""
    text = unicodedata.normalize("NFKC", text or "").lower().strip()
    return _PUNCTUATION.sub("", _LEADING_THE.sub("", text)).strip()


def tokens(text: str | None) -> tuple[str, ...]:
    return tuple(normalise(text).split())


def _shared(a: Sequence[str], b: Sequence[str]) -> int:
    return sum((Counter(a) & Counter(b)).values())


def token_f1(a: Sequence[str], b: Sequence[str]) -> float:
    shared = _shared(a, b)
    if not shared:
        return 0.0
    precision, recall = shared / len(a), shared / len(b)
    return 2 * precision * recall / (precision + recall)


def claim_is_right(system: Sequence[str], gold: Sequence[str]) -> bool:
    """Precision side: the system claim says (part of) what the gold claim says."""
    shared = _shared(system, gold)
    return shared >= 3 and (shared / len(system) >= 0.6 or token_f1(system, gold) >= 0.5)


def claim_is_found(system: Sequence[str], gold: Sequence[str]) -> bool:
    """Recall side: the system claim covers the gold claim."""
    return token_f1(system, gold) >= 0.5


ClaimRule = Callable[[Sequence[str], Sequence[str]], bool]


# --- gold ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldTriple:
    subjects: frozenset[str]
    predicates: tuple[str, ...]  # the first is the annotator's preferred reading
    objects: frozenset[str]
    category: str
    claim: str | None = None
    optional: bool = False
    evidence: str | None = None
    claim_tokens: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        objects = "|".join(sorted(self.objects))
        return f"{'|'.join(sorted(self.subjects))} {'|'.join(self.predicates)}" + (f" {objects}" if objects else "")


@dataclass(frozen=True)
class GoldArticle:
    article: str
    triples: tuple[GoldTriple, ...]
    names: Mapping[str, frozenset[str]]  # normalised key or name -> gold keys
    surnames: Mapping[str, frozenset[str]]  # normalised surname of a gold person -> gold keys

    @classmethod
    def from_json(cls, data: object, where: Path) -> GoldArticle:
        if not isinstance(data, dict) or not isinstance(data.get("entities"), dict) or not isinstance(data.get("triples"), list):
            raise InputError(where, "a gold file is an object with 'entities' (object) and 'triples' (list)")
        entities = data["entities"]
        names: dict[str, set[str]] = defaultdict(set)
        surnames: dict[str, set[str]] = defaultdict(set)
        for key, entity in entities.items():
            if not isinstance(entity, dict) or not all(isinstance(n, str) for n in entity.get("names", [])):
                raise InputError(where, f"entity {key!r} must be an object whose 'names' are strings")
            names[normalise(key)].add(key)
            for name in entity.get("names", []):
                names[normalise(name)].add(key)
                if entity.get("type") == "Person" and len(name.split()) > 1:
                    surnames[normalise(name.split()[-1])].add(key)
        triples = tuple(_gold_triple(t, entities, where, n) for n, t in enumerate(data["triples"], 1))
        return cls(
            article=str(data.get("article") or where.stem),
            triples=triples,
            names={k: frozenset(v) for k, v in names.items()},
            surnames={k: frozenset(v) for k, v in surnames.items()},
        )

    def keys_for(self, ref: Mapping | None) -> frozenset[str]:
        """The gold entities a system entity reference (`{"id", "name", "type"}`) may stand for."""
        if not ref:
            return frozenset()
        ident, name = ref.get("id"), ref.get("name")
        forms = [v for v in (ident, name) if isinstance(v, str)]
        if isinstance(ident, str) and ":" in ident:
            forms.append(ident.split(":", 1)[1].replace("-", " "))  # slug ids spell the name
        found = frozenset().union(*(self.names.get(normalise(form), ()) for form in forms))
        if not found and ref.get("type") == "Person" and isinstance(name, str) and name.split():
            found = self.surnames.get(normalise(name.split()[-1]), frozenset())
        return found


def _alternatives(value: object) -> tuple[str, ...] | None:
    """A key or type, or a list of alternatives; None when it is neither."""
    values = value if isinstance(value, list) else [value]
    return tuple(values) if values and all(isinstance(v, str) and v for v in values) else None


def _gold_triple(raw: object, entities: Mapping, where: Path, number: int) -> GoldTriple:
    def bad(reason: str) -> InputError:
        return InputError(where, f"triple {number}: {reason}")

    if not isinstance(raw, dict):
        raise bad("must be an object")
    predicates = _alternatives(raw.get("p"))
    if predicates is None:
        raise bad("'p' must be a relation type or a list of them")
    categories = {category(p) for p in predicates}
    if None in categories:
        raise bad(f"unknown relation type in {predicates}")
    if len(categories) > 1:
        raise bad(f"alternatives {predicates} mix events, statements and structure")
    kind = categories.pop()
    subjects = _alternatives(raw.get("s"))
    objects = _alternatives(raw.get("o")) if kind != "statements" else ()
    if subjects is None or objects is None:
        raise bad("needs 's' and 'o', each an entity key or a list of them" if objects is None else "needs 's', an entity key or a list of them")
    undeclared = sorted(set(subjects + objects) - set(entities))
    if undeclared:
        raise bad(f"names entities not in 'entities': {', '.join(undeclared)}")
    claim = raw.get("claim")
    if kind == "statements" and not (isinstance(claim, str) and claim.strip()):
        raise bad("a SAID triple needs a 'claim' text")
    return GoldTriple(
        subjects=frozenset(subjects),
        predicates=predicates,
        objects=frozenset(objects),
        category=kind,
        claim=claim if kind == "statements" else None,
        optional=bool(raw.get("optional", False)),
        evidence=raw.get("evidence"),
        claim_tokens=tokens(claim) if kind == "statements" else (),
    )


def load_gold(folder: Path) -> dict[str, GoldArticle]:
    """Every `*.json` gold file in `folder`, by article id."""
    if not folder.is_dir():
        raise InputError(folder, "no such gold folder")
    gold: dict[str, GoldArticle] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(path, f"cannot read gold file: {exc}") from None
        article = GoldArticle.from_json(data, path)
        if article.article in gold:
            raise InputError(path, f"second gold file for article {article.article!r}")
        gold[article.article] = article
    if not gold:
        raise InputError(folder, "no gold files (*.json)")
    return gold


# --- system side --------------------------------------------------------------------------------


def read_predictions(path: Path) -> list[dict]:
    """The records of an `extract` JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}", f"not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("predicate"), str):
            raise InputError(f"{path}:{number}", "each line must be an object with a 'predicate' string")
        if any(record.get(side) is not None and not isinstance(record[side], dict) for side in ("subject", "object")):
            raise InputError(f"{path}:{number}", "'subject' and 'object' must be objects or null")
        records.append(record)
    return records


def extract_records(paths: Iterable[Path], nlp: Language, settings: Settings, on_error=None) -> list[dict]:
    """Run the extractor on `paths`: exactly the records `graphbuilder extract` writes."""
    from .pipeline import extract_to_jsonl

    sink = io.StringIO()
    extract_to_jsonl(paths, sink, nlp, settings, on_error=on_error)
    return [json.loads(line) for line in sink.getvalue().splitlines()]


def _ref_label(ref: Mapping | None) -> str:
    return str(ref.get("id") or ref.get("name")) if ref else "-"


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A system triple, resolved to the gold keys of one article."""

    record: Mapping
    predicate: str
    category: str
    subjects: frozenset[str]
    objects: frozenset[str]
    claim: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{_ref_label(self.record.get('subject'))} {self.predicate} {_ref_label(self.record.get('object'))}"

    @property
    def identity(self) -> tuple[str, str]:
        return self.label, normalise(self.record.get("claim")) if self.category == "statements" else ""


def _article_of(record: Mapping, gold: Mapping[str, GoldArticle]) -> str:
    """The record's article id; failing a gold one, the file stem of its source, path or url."""
    article = str(record.get("article") or "")
    if article in gold:
        return article
    for name in ("source", "path", "url"):
        stem = Path(str(record.get(name) or "")).stem
        if stem in gold:
            return stem
    return article


# --- matching -----------------------------------------------------------------------------------


def _linked(subjects: frozenset[str], objects: frozenset[str], gold: GoldTriple, either_way: bool) -> bool:
    if subjects & gold.subjects and objects & gold.objects:
        return True
    return either_way and bool(subjects & gold.objects) and bool(objects & gold.subjects)


def _matches(c: _Candidate, g: GoldTriple, part_of: Mapping[str, set[str]], claim_rule: ClaimRule) -> bool:
    if c.predicate not in g.predicates:
        return False
    if c.category == "statements":
        return bool(c.subjects & g.subjects) and claim_rule(c.claim, g.claim_tokens)
    objects = c.objects
    if c.predicate == str(Relation.AFFILIATED_WITH):
        objects = objects.union(*(part_of.get(k, ()) for k in objects))
    return _linked(c.subjects, objects, g, c.predicate in SYMMETRIC)


def _same_pair(c: _Candidate, g: GoldTriple) -> bool:
    """Same actors, whatever the types; direction is free when either type is symmetric."""
    return _linked(c.subjects, c.objects, g, c.predicate in SYMMETRIC or g.predicates[0] in SYMMETRIC)


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scored system triple (side "system": right or wrong) or gold triple (side "gold": found or missed)."""

    side: str
    category: str
    predicate: str  # the system's type, or the gold's preferred one
    ok: bool


@dataclass(frozen=True, slots=True)
class Scores:
    system_correct: int = 0
    system_wrong: int = 0
    gold_found: int = 0
    gold: int = 0

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Scores:
        n = Counter((o.side, o.ok) for o in outcomes)
        return cls(n["system", True], n["system", False], n["gold", True], n["gold", True] + n["gold", False])

    @property
    def precision(self) -> float:
        judged = self.system_correct + self.system_wrong
        return self.system_correct / judged if judged else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "system_correct": self.system_correct, "system_wrong": self.system_wrong,
            "gold_found": self.gold_found, "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A wrong system triple or a missed gold one, with the sentence behind it and the reason."""

    kind: str  # "wrong" or "missed"
    article: str
    triple: str
    claim: str | None
    evidence: str | None
    reason: str


@dataclass
class Report:
    articles: int
    articles_with_output: int
    unscored_articles: tuple[str, ...]  # articles the predictions name but the gold does not
    outcomes: list[Outcome] = field(default_factory=list)
    # (gold type, system type) per gold event and per spurious system event; None on the side that has none
    confusion: Counter = field(default_factory=Counter)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def categories(self) -> dict[str, Scores]:
        """events, statements, structure, and micro over all three."""
        scores = {c: Scores.of(o for o in self.outcomes if o.category == c) for c in CATEGORIES}
        return scores | {"micro": Scores.of(self.outcomes)}

    @property
    def relations(self) -> dict[str, Scores]:
        """Precision by the system's type, recall by the gold's preferred type."""
        types = sorted({o.predicate for o in self.outcomes}, key=_RELATION_ORDER.__getitem__)
        return {t: Scores.of(o for o in self.outcomes if o.predicate == t) for t in types}

    def to_json(self, *, mismatches: bool = False) -> dict:
        data: dict = {name: s.to_json() for name, s in self.categories.items()}
        data |= {
            "articles": self.articles,
            "articles_with_output": self.articles_with_output,
            "unscored_articles": list(self.unscored_articles),
            "relations": {name: s.to_json() for name, s in self.relations.items()},
            "confusion": [{"gold": g, "predicted": p, "count": n} for (g, p), n in sorted_confusion(self.confusion)],
        }
        if mismatches:
            data["errors"] = [
                {"kind": m.kind, "article": m.article, "triple": m.triple, "claim": m.claim, "evidence": m.evidence, "reason": m.reason}
                for m in self.mismatches
            ]
        return data


def sorted_confusion(confusion: Counter) -> list[tuple[tuple[str | None, str | None], int]]:
    """Cells in vocabulary order of the gold type, then of the predicted type; "none" last."""
    def rank(t: str | None) -> int:
        return _RELATION_ORDER[t] if t else len(_RELATION_ORDER)

    return sorted(confusion.items(), key=lambda cell: (rank(cell[0][0]), rank(cell[0][1])))


# --- scoring ------------------------------------------------------------------------------------


def score(gold: Mapping[str, GoldArticle], records: Iterable[Mapping]) -> Report:
    """Score system records (`Triple.to_json()` dicts) against the gold articles."""
    by_article: dict[str, list[Mapping]] = defaultdict(list)
    for record in records:
        by_article[_article_of(record, gold)].append(record)
    report = Report(
        articles=len(gold),
        articles_with_output=sum(1 for a in gold if by_article.get(a)),
        unscored_articles=tuple(sorted(a for a in by_article if a not in gold)),
    )
    for article_id, article in gold.items():
        _score_article(article, by_article.get(article_id, []), report)
    return report


def _candidates(article: GoldArticle, records: Iterable[Mapping]) -> tuple[list[_Candidate], dict[str, set[str]]]:
    """The article's distinct system triples, and what the system says each gold entity is part of."""
    unique: dict[tuple[str, str], _Candidate] = {}
    part_of: dict[str, set[str]] = defaultdict(set)
    for record in records:
        predicate = record.get("predicate")
        kind = category(predicate) if isinstance(predicate, str) else None
        if kind is None:
            continue
        c = _Candidate(
            record=record,
            predicate=predicate,
            category=kind,
            subjects=article.keys_for(record.get("subject")),
            objects=article.keys_for(record.get("object")),
            claim=tokens(record.get("claim")),
        )
        if predicate == str(Relation.PART_OF):
            for key in c.subjects:
                part_of[key] |= c.objects
        unique.setdefault(c.identity, c)
    return list(unique.values()), part_of


def _score_article(article: GoldArticle, records: list[Mapping], report: Report) -> None:
    candidates, part_of = _candidates(article, records)
    wrong = []
    for c in candidates:
        matched = [g for g in article.triples if _matches(c, g, part_of, claim_is_right)]
        if any(not g.optional for g in matched):
            report.outcomes.append(Outcome("system", c.category, c.predicate, True))
        elif not matched:
            wrong.append(c)
            report.outcomes.append(Outcome("system", c.category, c.predicate, False))
            report.mismatches.append(Mismatch(
                "wrong", article.article, c.label, c.record.get("claim"), c.record.get("evidence"), _why_wrong(c, article)))
    for g in article.triples:
        if g.optional:
            continue
        found = any(_matches(c, g, part_of, claim_is_found) for c in candidates)
        report.outcomes.append(Outcome("gold", g.category, g.predicates[0], found))
        if not found:
            report.mismatches.append(Mismatch("missed", article.article, g.label, g.claim, g.evidence, _why_missed(g, candidates)))
    _confuse(article, candidates, wrong, report.confusion)


def _confuse(article: GoldArticle, candidates: list[_Candidate], wrong: list[_Candidate], confusion: Counter) -> None:
    """Each gold event's type against the system's wrong types on the same actor pair.

    Only wrong system triples are confusions: a pair can hold two true relations
    (A meets B and urges B), and the right one is no mistake for the other.
    """
    gold_events = [g for g in article.triples if g.category == "events"]
    wrong_events = [c for c in wrong if c.category == "events"]
    for g in gold_events:
        if g.optional:
            continue
        predicted = {c.predicate for c in candidates if c.category == "events" and _same_pair(c, g)}
        right = [p for p in g.predicates if p in predicted]
        if right:
            confusion[right[0], right[0]] += 1
        else:
            for p in {c.predicate for c in wrong_events if _same_pair(c, g)} or {None}:
                confusion[g.predicates[0], p] += 1
    for c in wrong_events:
        if not any(_same_pair(c, g) for g in gold_events):
            confusion[None, c.predicate] += 1


def _unknown(c: _Candidate) -> str | None:
    if not c.subjects:
        return f"subject {_ref_label(c.record.get('subject'))} is no gold entity"
    if c.category != "statements" and not c.objects:
        return f"object {_ref_label(c.record.get('object'))} is no gold entity"
    return None


def _closest_claim(mine: Sequence[str], others: Iterable[Sequence[str]], whose: str) -> str:
    best = max(others, key=lambda other: token_f1(mine, other), default=None)
    if best is None:
        return f"no {whose} claim by this speaker"
    return f"closest {whose} claim by this speaker shares {_shared(mine, best)} words, token F1 {token_f1(mine, best):.2f}"


def _why_wrong(c: _Candidate, article: GoldArticle) -> str:
    if reason := _unknown(c):
        return reason
    if c.category == "statements":
        by_speaker = (g.claim_tokens for g in article.triples if g.category == "statements" and g.subjects & c.subjects)
        return _closest_claim(c.claim, by_speaker, "gold")
    types = sorted({g.predicates[0] for g in article.triples if g.category == c.category and _same_pair(c, g)})
    return f"gold has {', '.join(types)} for this pair" if types else "no gold triple for this pair"


def _why_missed(g: GoldTriple, candidates: list[_Candidate]) -> str:
    if g.category == "statements":
        by_speaker = (c.claim for c in candidates if c.category == "statements" and c.subjects & g.subjects)
        return _closest_claim(g.claim_tokens, by_speaker, "system")
    types = sorted({c.predicate for c in candidates if c.category == g.category and _same_pair(c, g)})
    return f"system has {', '.join(types)} for this pair" if types else "no system triple for this pair"


# --- floors -------------------------------------------------------------------------------------


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    """The `floors` of a quality file: {category or "micro": {metric: lowest accepted value}}."""
    try:
        floors = json.loads(path.read_text(encoding="utf-8"))["floors"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: cannot read 'floors': {exc}") from None
    for group, metrics in floors.items():
        if group not in (*CATEGORIES, "micro") or not isinstance(metrics, dict):
            raise ConfigError(f"{path}: unknown floor group {group!r}")
        for metric, value in metrics.items():
            if metric not in METRICS or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ConfigError(f"{path}: floor {group}.{metric} must be one of {', '.join(METRICS)} with a value in [0, 1]")
    return floors


def below_floors(report: Report, floors: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Each figure under its floor, as "events.f1 0.412 < 0.450"."""
    scores = report.categories
    return [
        f"{group}.{metric} {getattr(scores[group], metric):.3f} < {floor:.3f}"
        for group, metrics in floors.items()
        for metric, floor in metrics.items()
        if getattr(scores[group], metric) < floor
    ]
