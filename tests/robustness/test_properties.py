"""Any text at all through reading, extraction and the embedded store: no crash, exact evidence, stable ids."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuilder.nlp import build_pipeline
from graphbuilder.pipeline import extract_to_jsonl, ingest
from graphbuilder.settings import Settings
from graphbuilder.sources import read_articles
from graphbuilder.store.sqlite import SQLiteStore

# sentences the extractor reads, so that there are triples to check, between any text at all
SENTENCES = [
    "Canada urged Peru to hold talks with Chile.",
    '"We will not give in," ministry spokesman Lars Eriksen said.',
    "France criticized Germany over the budget.",
    "Russia attacked Ukraine on Monday.",
]
# what the reader normalises or must survive: invisible and bidi characters, odd line breaks and spaces,
# controls, quotes, Cypher's specials, emoji, a combining accent, and lone surrogates (from JSON escapes)
TRICKY = st.one_of(
    st.sampled_from(["\u200b", "\u200d", "\u202e", "\u2067", "\ufeff", "\u00a0", "\u00ad", "\r\n", "\r", "\u2028",
                     "\x00", "\x1b", '"', "'", "\u201c", "\u201d", "`", "$", "{", "}", "\U0001f600", "e\u0301",
                     "\u05e9\u05dc\u05d5\u05dd", "\n\n"]),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)  # fmt: skip
TEXTS = st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(max_size=30), TRICKY), min_size=1, max_size=12).map(" ".join)


def _run(folder: Path, store_path: Path) -> tuple[list[str], list[tuple]]:
    """Extract and ingest everything under `folder`; check every triple's evidence against its article's text."""
    settings = Settings()
    full_text = {article.id: article.full_text for article in read_articles([folder], lambda error: None, settings=settings)}
    sink = io.StringIO()
    extract_to_jsonl([folder], sink, build_pipeline(settings), settings, on_error=lambda error: None)
    lines = sink.getvalue().splitlines()
    for record in map(json.loads, lines):
        text = full_text[record["article"]]
        assert record["evidence"] in text and text[record["start"] : record["end"]] == record["evidence"]
    with SQLiteStore(store_path) as store:
        ingest([folder], store, build_pipeline(settings), settings, on_error=lambda error: None)
        graphs = list(store.export())
    stored = []
    for graph in graphs:
        text = full_text[graph.article.id]
        for triple in graph.triples:
            evidence = triple.evidence
            assert text[evidence.start : evidence.end] == evidence.sentence
            stored.append((graph.article.id, triple.key, triple.subject.id, triple.predicate, triple.object.id))
    return lines, sorted(stored)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, title=st.text(max_size=20))
def test_any_text_extracts_and_stores_with_exact_evidence_and_stable_ids(text, title):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "in"
        folder.mkdir()
        # as JSON Lines, where escapes can carry any code point, and as a plain file of the same text
        record = json.dumps({"id": "record", "title": title, "text": text})
        (folder / "feed.jsonl").write_text(record + "\n", encoding="utf-8")
        (folder / "plain.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
        first = _run(folder, Path(name) / "first.sqlite")
        second = _run(folder, Path(name) / "second.sqlite")
    assert first == second
