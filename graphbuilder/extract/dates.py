"""Event dates: the date expression attached to a trigger, and its resolution against the published day.

`date_phrase` runs in the spaCy component and keeps the plain text of the DATE entity that
modifies the trigger ("on Tuesday", "last week", "March 3, 2024", "Monday's attack"), so Docs
stay msgpack-able; `resolve_date` turns that text into an ISO 8601 string once the article's
published date is known. A date counts only when it hangs on this event: on the trigger, on
the verbs it borrows its clause from ("agreed on Monday to sanction"), never across a clause
boundary ("said on Monday that X attacked Y" does not date the attack). Resolution keeps the
coarsest honest precision ("2019", "2019-03", "2019-03-05") and gives None for what names no
past day, month or year ("next week", "last week", "recently"), so the caller falls back to
the published date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Token

# dependents that carry a time: "on/in/during X", "yesterday", "last week", "two days ago", "Monday's attack"
TIME_PREPS = frozenset({"on", "in", "during", "at"})
TIME_DEPS = frozenset({"npadvmod", "advmod", "tmod", "poss"})
# deps under which a verb shares its parent's clause, and so its time ("agreed on Monday to sanction X")
SAME_CLAUSE = frozenset({"xcomp", "conj"})
CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})

MONTHS = {name: n for n, names in enumerate(
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
     "august aug", "september sep sept", "october oct", "november nov", "december dec"), 1)
    for name in names.split()}
WEEKDAYS = {name: n for n, names in enumerate(
    ("monday mon", "tuesday tue tues", "wednesday wed", "thursday thu thur thurs", "friday fri",
     "saturday sat", "sunday sun"))
    for name in names.split()}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
FORWARD = frozenset({"next", "tomorrow", "coming", "upcoming", "later"})
ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


# ---- finding the phrase ------------------------------------------------------------------------

def date_phrase(trigger: Token) -> str | None:
    """The text of the DATE entity that dates the event or statement at `trigger`, or None (none, or future)."""
    holders = [trigger]
    if trigger.pos_ in ("VERB", "AUX"):
        verb = trigger
        while verb.dep_ in SAME_CLAUSE and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            holders.append(verb)
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for h in holders for c in h.children):
            return None  # "will meet on Friday": what is planned has not happened on any day
    for holder in holders:
        for child in holder.children:
            phrase = _date_in(child)
            if phrase is not None:
                return phrase
    return None


def _date_in(child: Token) -> str | None:
    if child.dep_ == "prep" and child.lower_ in TIME_PREPS:
        tokens = [t for pobj in child.children if pobj.dep_ == "pobj" for t in _phrase(pobj)]
    elif child.dep_ in TIME_DEPS:
        tokens = _phrase(child)
    else:
        return None
    first = next((t for t in tokens if t.ent_type_ == "DATE"), None)
    return _entity_text(first) if first is not None else None


def _phrase(token: Token) -> list[Token]:
    """The token and its modifiers, but no clause hanging on it ("on the day that ...")."""
    found = [token]
    for child in token.children:
        if child.dep_ not in CLAUSAL:
            found += _phrase(child)
    return sorted(found, key=lambda t: t.i)


def _entity_text(token: Token) -> str:
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


# ---- resolving it ------------------------------------------------------------------------------

def resolve_date(phrase: str | None, published: date | None) -> str | None:
    """The ISO 8601 day, month or year a date phrase names, read from `published`; None if it names no
    past date (or needs a published date that is missing)."""
    if not phrase:
        return None
    match = ISO.search(phrase)
    if match:
        year, month, day = match.groups()
        return _past(int(year), int(month), int(day) if day else None, published)
    words = re.sub(r"[^\w\s-]", " ", phrase.lower()).replace("-", " ").split()
    if not words or FORWARD & set(words):
        return None
    explicit_year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is not None:
        day = next((int(w) for w in (re.sub(r"(st|nd|rd|th)$", "", w) for w in words)
                    if w.isdigit() and 1 <= int(w) <= 31), None)
        if explicit_year is not None:
            return _past(explicit_year, month, day, published)
        if published is None:
            return None
        year = published.year if (month, day or 1) <= (published.month, published.day) else published.year - 1
        return _past(year, month, day, published)  # "March 3" written in February is last year's
    if explicit_year is not None:
        return _past(explicit_year, None, None, published)
    return _relative(words, published) if published is not None else None


def _relative(words: list[str], published: date) -> str | None:
    if words[0] in ("today", "tonight") or words[0] == "this" and words[-1] in ("morning", "afternoon", "evening"):
        return published.isoformat()
    if words[0] == "yesterday":
        return (published - timedelta(days=1)).isoformat()
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        # wire style: a weekday is the latest one on or before the published day; "last Monday" is before it
        back = (published.weekday() - weekday) % 7 or (7 if "last" in words else 0)
        return (published - timedelta(days=back)).isoformat()
    count = NUMBERS.get(words[0]) or (int(words[0]) if words[0].isdigit() else None)
    if words[-1] == "ago" and len(words) == 3 and count is not None:
        unit = words[1].rstrip("s")
        if unit in ("day", "week"):
            return (published - timedelta(days=count * (7 if unit == "week" else 1))).isoformat()
        if unit == "month":
            months = published.year * 12 + published.month - 1 - count
            return f"{months // 12:04d}-{months % 12 + 1:02d}"
        if unit == "year":
            return f"{published.year - count:04d}"
    if words == ["last", "month"]:
        months = published.year * 12 + published.month - 2
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if words == ["last", "year"]:
        return f"{published.year - 1:04d}"
    return None  # "last week", "recent days", "earlier this month": no honest day, so the published one stands


def _past(year: int, month: int | None, day: int | None, published: date | None) -> str | None:
    """The ISO form at the precision given, unless it is no date or lies after the published day."""
    try:
        first = date(year, month or 1, day or 1)
    except ValueError:
        return None
    if published is not None and first > published:
        return None
    if month is None:
        return f"{year:04d}"
    return first.isoformat() if day is not None else f"{year:04d}-{month:02d}"
