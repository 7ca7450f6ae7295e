"""A deterministic generator of synthetic wire-style articles, with the triples it planted.

The templates and vocabularies are this project's own. Each article names three
countries, an official with a title and an armed group, in a random 70% of thirteen
sentence templates: nine event types, a quote, an official's affiliation, coordinated
objects, capitals and demonyms standing for their country, a noun phrase ("claimed an
attack on"), and two sentences that plant nothing (a negation, "the militants"). The
planted triples follow SCHEMA.md's attribution rules (an official acts for the
country), so a run also measures recall at scale. The headline ("X presses Y") is
planted too.

    python -m bench.corpus --articles 1000 --seed 7 --out out/bench/corpus-1000-7
writes `articles.jsonl` and `planted.ndjson` there; the planted triples are JSON Lines
under a suffix `graphbuilder extract` skips, so the folder can be extracted as a whole.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# iso3, name, demonym, capital
COUNTRIES = [
    ("USA", "the United States", "U.S.", "Washington"), ("GBR", "Britain", "British", "London"),
    ("FRA", "France", "French", "Paris"), ("DEU", "Germany", "German", "Berlin"),
    ("RUS", "Russia", "Russian", "Moscow"), ("CHN", "China", "Chinese", "Beijing"),
    ("IND", "India", "Indian", "New Delhi"), ("PAK", "Pakistan", "Pakistani", "Islamabad"),
    ("IRN", "Iran", "Iranian", "Tehran"), ("TUR", "Turkey", "Turkish", "Ankara"),
    ("JPN", "Japan", "Japanese", "Tokyo"), ("KOR", "South Korea", "South Korean", "Seoul"),
    ("EGY", "Egypt", "Egyptian", "Cairo"), ("NGA", "Nigeria", "Nigerian", "Abuja"),
    ("KEN", "Kenya", "Kenyan", "Nairobi"), ("BRA", "Brazil", "Brazilian", "Brasilia"),
    ("MEX", "Mexico", "Mexican", "Mexico City"), ("CAN", "Canada", "Canadian", "Ottawa"),
    ("AUS", "Australia", "Australian", "Canberra"), ("IDN", "Indonesia", "Indonesian", "Jakarta"),
    ("SAU", "Saudi Arabia", "Saudi", "Riyadh"), ("ISR", "Israel", "Israeli", "Jerusalem"),
    ("UKR", "Ukraine", "Ukrainian", "Kyiv"), ("POL", "Poland", "Polish", "Warsaw"),
    ("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"), ("SOM", "Somalia", "Somali", "Mogadishu"),
    ("AFG", "Afghanistan", "Afghan", "Kabul"), ("IRQ", "Iraq", "Iraqi", "Baghdad"),
    ("SYR", "Syria", "Syrian", "Damascus"), ("ITA", "Italy", "Italian", "Rome"),
]
GROUPS = [
    ("group:al-shabaab", "al-Shabaab", "SOM"), ("group:boko-haram", "Boko Haram", "NGA"),
    ("group:taliban", "the Taliban", "AFG"), ("group:houthis", "the Houthis", "YEM"),
    ("group:islamic-state", "Islamic State", "SYR"), ("group:pkk", "the PKK", "TUR"),
    ("group:hezbollah", "Hezbollah", "LBN"), ("group:lashkar-e-taiba", "Lashkar-e-Taiba", "PAK"),
]
TITLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "Interior Minister"]
GIVEN = ["Amara", "Tomas", "Leila", "Viktor", "Hana", "Rafael", "Ingrid", "Omar", "Keiko", "Pavel", "Nadia", "Samuel"]
FAMILY = ["Okonjo", "Varga", "Haddad", "Lindqvist", "Moreau", "Tanaka", "Petrov", "Castillo", "Rahimi", "Novak", "Adeyemi", "Brandt"]
ACTS = ["release the detained journalists", "reopen the border crossing", "resume talks without preconditions",
        "withdraw its troops from the frontier", "allow aid convoys into the region", "halt the missile tests"]
TOPICS = ["maritime security", "counterterrorism", "energy", "trade", "cyber defence"]
PLACES = ["a border village", "the northern province", "a military base", "a coastal town"]
# a relationship's key holds the event's date, so several articles a day are what gives facts more than one source
ARTICLES_PER_DAY = 8


@dataclass(frozen=True)
class Actor:
    id: str
    mention: str  # how the sentence names it
    pronoun: str = "it"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _t(s: str, p: str, o: str | None = None) -> dict:
    return {"s": s, "p": p} if o is None else {"s": s, "p": p, "o": o}


def _sentences(rng: random.Random, a: tuple, b: tuple, c: tuple, group: tuple) -> Iterator[tuple[str, list[dict]]]:
    """(sentence, planted triples) for one article's cast: three countries and a group."""
    (ia, na, da, capa), (ib, nb, db, capb), (ic, nc, _, _) = a, b, c
    gid, gname, gbase = group
    official, title = _person(rng), rng.choice(TITLES)
    person_id = "person:" + official.lower().replace(" ", "-")
    yield (f"{_cap(na)} on Monday urged {nb} to {rng.choice(ACTS)}.", [_t(ia, "URGES", ib)])
    yield (f"{da} {title} {official} called on {nb} and {nc} to {rng.choice(ACTS)}.",
           [_t(ia, "URGES", ib), _t(ia, "URGES", ic), _t(person_id, "AFFILIATED_WITH", ia)])
    yield (f"\"We expect {capb} to keep its word,\" {official} said.", [_t(person_id, "SAID")])
    yield (f"{capb} rejected the proposal from {na}, calling it unacceptable.", [_t(ib, "REJECTS", ia)])
    yield (f"{_cap(nc)} condemned {nb} for the arrests.", [_t(ic, "CRITICIZES", ib)])
    yield (f"{_cap(gname)} claimed an attack on {db} troops in {rng.choice(PLACES)} that killed {rng.randint(2, 30)} soldiers.",
           [_t(gid, "ATTACKS", ib)])
    yield (f"The militants also threatened {nc} with further attacks.", [])
    yield (f"{_cap(na)} imposed sanctions on {nc} over the crackdown.", [_t(ia, "SANCTIONS", ic)])
    yield (f"{_cap(nb)} and {nc} signed an agreement on {rng.choice(TOPICS)}.", [_t(ib, "COOPERATES_WITH", ic)])
    yield (f"{_cap(na)} pledged ${rng.randint(5, 500)} million in humanitarian aid to {nb}.", [_t(ia, "AIDS", ib)])
    yield (f"{da} officials met their {db} counterparts in {capb} on Friday.", [_t(ia, "MEETS", ib)])
    yield (f"{_cap(nc)} welcomed the decision by {nb}.", [_t(ic, "SUPPORTS", ib)])
    yield (f"{_cap(na)} did not threaten {nb} with sanctions, officials said.", [])


def generate(n: int, seed: int = 7, start: date = date(2025, 1, 1)) -> Iterator[tuple[dict, list[dict]]]:
    """(article record for JSONL, planted triples) for n articles; the same seed gives the same corpus."""
    rng = random.Random(seed)
    for i in range(n):
        a, b, c = rng.sample(COUNTRIES, 3)
        group = rng.choice(GROUPS)
        chosen = [s for s in _sentences(rng, a, b, c, group) if rng.random() < 0.7]
        rng.shuffle(chosen)
        paragraphs = [" ".join(s for s, _ in chosen[k:k + 3]) for k in range(0, len(chosen), 3)]
        published = (start + timedelta(days=i // ARTICLES_PER_DAY)).isoformat()
        article = {"id": f"synthetic-{seed}-{i:07d}", "title": f"{_cap(a[1])} presses {b[1]}",
                   "text": "\n\n".join(paragraphs), "published": published, "source": "graphbuilder bench"}
        triples = [_t(a[0], "URGES", b[0]), *(triple for _, planted in chosen for triple in planted)]  # the headline's first
        yield article, [dict(triple, article=article["id"]) for triple in triples]


ARTICLES, PLANTED = "articles.jsonl", "planted.ndjson"


def write(n: int, seed: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    # written beside and renamed, so that an interrupted run never leaves a corpus that looks complete
    partial = [folder / f"{name}.partial" for name in (ARTICLES, PLANTED)]
    with partial[0].open("w", encoding="utf-8") as articles, partial[1].open("w", encoding="utf-8") as planted:
        for article, triples in generate(n, seed):
            articles.write(json.dumps(article) + "\n")
            for triple in triples:
                planted.write(json.dumps(triple) + "\n")
    for path in partial:
        path.rename(path.with_suffix(""))
    return folder


def cached(n: int, seed: int, root: Path) -> Path:
    """The corpus folder for (n, seed) under `root`, generated on first use."""
    folder = root / f"corpus-{n}-{seed}"
    if not (folder / ARTICLES).exists() or not (folder / PLANTED).exists():
        write(n, seed, folder)
    return folder


def read_planted(folder: Path) -> list[dict]:
    with (folder / PLANTED).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(write(args.articles, args.seed, args.out))


if __name__ == "__main__":
    main()
