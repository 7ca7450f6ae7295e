"""Canonical keys that let two spellings of one name meet on one node.

`variant_key` is the consonant skeleton of a name: Arabic, Persian and Urdu names reach English in many
romanisations that differ mostly in vowels, doubled letters and particles ("Hezbollah", "Hizbullah";
"Lashkar-e-Taiba", "Lashkar-i-Tayyaba"), and the skeleton is what they keep in common. Short skeletons
carry too little to tell names apart, so they get no key and only exact gazetteer forms match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graphbuilder.model import slugify

# articles and connecting particles of transliterated names: "al-", "-e-", "-ul-", "the"
PARTICLES = frozenset({"the", "al", "el", "ul", "ud", "ut", "e", "i", "ad", "ed"})
MIN_KEY = 5  # "Hamas" -> "hms" says too little; "Hezbollah" -> "hzblh" enough


@lru_cache(maxsize=4096)  # asked for every capitalised run of every article; names repeat
def variant_key(name: str) -> str:
    """"Hizbullah" and "Hezbollah" -> "hzblh"; "" for names too short to key safely."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", text.replace("'", "")) if w not in PARTICLES]
    skeleton = re.sub(r"(.)\1+", r"\1", "".join(w[0] + re.sub(r"[aeiouy]", "", w[1:]) for w in words))
    return skeleton if len(skeleton) >= MIN_KEY else ""


def is_acronym(surface: str) -> bool:
    """"LeT", "TTP", "JeM": acronyms match only as written, never through a variant key."""
    letters = [c for c in surface if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return " " not in surface and capitals >= 2 and 2 * capitals >= len(letters)


def fold_person_name(name: str, given_names: dict[str, str]) -> str:
    """"Mohammed bin Salman" -> "Muhammad bin Salman": given names in one spelling. The last word is the
    surname and stays as written: a family name spelt two ways may be two families."""
    words = name.split()
    return " ".join([*(given_names.get(word, word) for word in words[:-1]), *words[-1:]])


def person_id(name: str, given_names: dict[str, str]) -> str:
    return f"person:{slugify(fold_person_name(name, given_names))}"
