"""Bad input through `ingest` and `extract`: each bad file is one line and a line of the summary, and the rest is read.

The corpus is built here, in the test's folder, so that what each file holds is in plain sight.
"""

from __future__ import annotations

import codecs
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import spacy
from robustness_support import EXAMPLES, cli, table_counts

import graphbuilder.nlp  # noqa: F401 - registers the Doc extensions that a blank pipeline is read through
from graphbuilder.pipeline import ingest
from graphbuilder.settings import Settings
from graphbuilder.sources import read_articles
from graphbuilder.store.sqlite import SQLiteStore

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
RUN_ON = " ".join(["the delegates talked about the weather and"] * 715)  # 5,005 words without a full stop
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Talks | World News</title>
<meta property="og:title" content="Canada urges Peru to hold talks">
<style>p { color: red }</style><script>var story = "Russia attacked Ukraine.";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><article><h1>Canada urges Peru to hold talks</h1>
<p>Canada on Monday urged Peru to hold talks with Chile over the disputed fishing grounds, the ministry said.</p>
<script>document.write("France sanctioned Germany.");</script>
<p>The statement said both governments should return to the table before the end of the month.</p>
</article><footer>Copyright 2025 World News</footer></body></html>"""

# what each good article must yield, as (article id, subject, type, object) facts of the store
GOOD = {
    ("good", "CAN", "URGES", "PER"),
    ("bom-crlf", "FRA", "CRITICIZES", "DEU"),
    ("wide", "ISR", "URGES", "JOR"),
    ("hidden", "CAN", "URGES", "PER"),  # zero-width characters inside both names
    ("run-on", "FRA", "CRITICIZES", "DEU"),  # the sentence after 5,000 words without a full stop
    ("quotes", "FRA", "CRITICIZES", "DEU"),  # the sentence after quotes that never close
    ("page", "CAN", "URGES", "PER"),
    ("7", "CAN", "URGES", "PER"),  # a JSON Lines record with a numeric id
}


def _nasty_corpus(folder: Path) -> dict[str, str]:
    """Good and bad files in `folder`; returns where each bad input is (file or file:line) -> a reason it must give."""
    folder.mkdir()

    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)

    write("good.txt", b"Canada urges Peru\n\nCanada urged Peru to hold talks with Chile.")
    write("bom-crlf.txt", codecs.BOM_UTF8 + b"Budget row\r\n\r\nFrance criticized Germany over the budget.\rMore later.\r\n")
    write("wide.txt", "Crossing\r\n\r\nIsrael urged Jordan to reopen the crossing, the ministry said.".encode("utf-16"))
    hidden = "Hidden\n\nCan\u200bada urged Pe\u200dru to hold talks with Chile. \u202eLater\u202c \U0001f1e8\U0001f1e6\U0001f91d \u05e9\u05dc\u05d5\u05dd."
    write("hidden.txt", hidden.encode())
    write("run-on.txt", f"Run-on\n\n{RUN_ON} so on. France criticized Germany over the budget.".encode())
    quotes = 'Quotes\n\nHe said: "They told us \'she said "we said \'no\' to "it" loudly and left. ""\'\'"\n\nFrance criticized Germany over the budget.'
    write("quotes.txt", quotes.encode())
    write("page.html", PAGE.encode())
    records = [
        json.dumps({"id": 7, "text": "Canada urged Peru to hold talks with Chile."}),
        "{oops",
        json.dumps({"id": "no-text", "title": "Nothing"}),
        json.dumps({"id": 1.5, "text": "A float is no id."}),
        json.dumps({"id": "7", "text": "Same id as line one."}),
    ]
    write("feed.jsonl", "\n".join(records).encode() + b"\n")
    (folder / "loop").symlink_to(folder)  # walking it must not go round forever
    (folder / "self.txt").symlink_to(folder / "self.txt")
    write("empty.txt", b"")
    (folder / "[").mkdir()
    write("[/x].txt", b"")  # its path reads as a closing markup tag to the console, which must print it as it is
    write("blank.txt", b"  \n\t\n")
    write("invisible.txt", "\u200b\u200d\ufeff\n".encode())
    write("image.txt", PNG)
    write("latin.txt", "Caf\u00e9 talks in Paris.".encode("latin-1"))
    write("blank.html", b"<html><head><title>Nothing</title><script>var x;</script></head><body></body></html>")
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50_000_000)  # a 50 MB single "line", sparse on disk
    return {
        f"{folder}/feed.jsonl:2": "not valid JSON",
        f"{folder}/feed.jsonl:3": "missing or empty 'text'",
        f"{folder}/feed.jsonl:4": "field 'id' must be a string",
        f"{folder}/feed.jsonl:5": "duplicate article id '7' (first read from",
        f"{folder}/self.txt": "cannot read: Too many levels of symbolic links",
        f"{folder}/empty.txt": "empty file",
        f"{folder}/[/x].txt": "empty file",
        f"{folder}/blank.txt": "empty file",
        f"{folder}/invisible.txt": "empty file",
        f"{folder}/image.txt": "binary file, not text",
        f"{folder}/latin.txt": "not UTF-8 text (invalid byte at offset 3)",
        f"{folder}/blank.html": "no article text found in the page",
        f"{folder}/huge.txt": "50,000,000 bytes: larger than the limit of 500,000 bytes",
    }


def _one_line_each(output: str, prefix: str, bad: dict[str, str]) -> None:
    lines = [line for line in output.splitlines() if line.startswith(prefix)]
    assert len(lines) == len(bad), lines
    for where, reason in bad.items():
        [line] = [line for line in lines if line.startswith(f"{prefix}{where}: ")]
        assert reason in line, line


def _facts(store: Path) -> set[tuple[str, str, str, str]]:
    with sqlite3.connect(store) as db:
        return set(db.execute("SELECT article_id, src, type, dst FROM facts"))


def test_ingest_reports_each_bad_file_once_and_stores_every_good_one(tmp_path):
    bad = _nasty_corpus(tmp_path / "in")
    store = tmp_path / "g.sqlite"
    started = time.perf_counter()
    result = cli("ingest", tmp_path / "in", "--store", store)
    assert result.exit_code == 1
    _one_line_each(result.stderr, "skipped ", bad)  # as it happens
    _one_line_each(result.stdout, "  failed: ", bad)  # and again in the summary
    assert "Traceback" not in result.stdout + result.stderr
    assert GOOD <= _facts(store)
    assert table_counts(store)["articles"] == len({article for article, *_ in GOOD})
    assert time.perf_counter() - started < 60  # the 50 MB file was refused unread, the run-on cut to size


def test_extract_reports_the_same_failures_and_writes_the_good_triples(tmp_path):
    bad = _nasty_corpus(tmp_path / "in")
    output = tmp_path / "triples.jsonl"
    result = cli("extract", tmp_path / "in", "-o", output)
    assert result.exit_code == 1
    _one_line_each(result.stderr, "skipped ", bad)
    _one_line_each(result.stderr, "  failed: ", bad)
    assert "Traceback" not in result.stdout + result.stderr
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    found = {(r["article"], r["subject"]["id"], r["predicate"], (r["object"] or {}).get("id")) for r in records}
    assert GOOD <= found


def test_strict_stops_at_the_first_bad_file_after_storing_those_before_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A\n\nCanada urged Peru to hold talks with Chile.", encoding="utf-8")
    (folder / "b.txt").write_bytes(PNG)
    (folder / "c.txt").write_text("C\n\nFrance criticized Germany over the budget.", encoding="utf-8")
    (folder / "d.txt").write_bytes(b"")
    store = tmp_path / "g.sqlite"
    result = cli("ingest", folder, "--store", store, "--strict")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("skipped")] == [
        f"skipped {folder / 'b.txt'}: binary file, not text (or UTF-16 without a byte-order mark)"
    ]
    assert {article for article, *_ in _facts(store)} == {"a"}
    strict_extract = cli("extract", folder, "--strict")
    assert strict_extract.exit_code == 1 and {json.loads(line)["article"] for line in strict_extract.stdout.splitlines()} == {"a"}


def test_an_output_file_that_cannot_be_written_is_one_line(tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = cli("extract", EXAMPLES / "2025-03-04-gulf-shipping.txt", "-o", tmp_path / "a-file" / "triples.jsonl")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: [Errno") and str(tmp_path / "a-file") in line


def test_a_clean_run_exits_0(tmp_path):
    (tmp_path / "a.txt").write_text("A\n\nCanada urged Peru to hold talks with Chile.", encoding="utf-8")
    result = cli("ingest", tmp_path / "a.txt", "--store", tmp_path / "g.sqlite")
    assert result.exit_code == 0 and "failed:" not in result.stdout


def test_ten_thousand_tiny_files_stream_through_in_bounded_memory(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    body = "Canada met Peru. " * 60  # 1 KB a file, 10 MB in all: a reader that held the corpus would show
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"Note {i}\n\n{body}", encoding="utf-8")
    started = time.perf_counter()
    tracemalloc.start()
    try:
        read = sum(1 for _ in read_articles([folder], settings=Settings()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert read == 10_000 and peak < 8_000_000, f"peak {peak:,} bytes"
    assert time.perf_counter() - started < 30


def test_a_file_removed_during_the_run_is_one_failure_and_the_rest_is_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.txt").write_text(f"{name}\n\nText {name}.", encoding="utf-8")

    def remove_b(article) -> None:  # after "a" is read, once the folder has been listed
        if article.id == "a":
            (folder / "b.txt").unlink()

    with SQLiteStore(tmp_path / "g.sqlite") as store:
        report = ingest([folder], store, spacy.blank("en"), Settings(), tick=remove_b)
    [failure] = report.failures
    assert str(failure) == f"{folder / 'b.txt'}: cannot read: No such file or directory"
    assert report.statuses["new"] == 2


_READ_AS_NOBODY = """
import json, os, sys
from pathlib import Path
from graphbuilder.settings import Settings
from graphbuilder.sources import read_articles
if os.geteuid() == 0:
    for codec in ("utf-8-sig", "utf-16"):  # loaded while the interpreter's own files, under /root, can be read
        "".encode(codec)
    os.setgid(65534)
    os.setuid(65534)
errors = []
articles = [a.id for a in read_articles([Path(sys.argv[1])], errors.append, settings=Settings())]
print(json.dumps({"uid": os.geteuid(), "articles": articles, "errors": [str(e) for e in errors]}))
"""


def test_an_unreadable_file_is_one_failure_and_the_rest_is_read():
    """A file the reader may not open is one failure, the others are read.

    The tests run as root here, which chmod 000 does not stop; so the read runs in a child
    process that drops to user and group 65534 (`nobody`) with os.setuid before reading, and
    the kernel really refuses the open. Run as any other user, the child reads as that user.
    """
    with tempfile.TemporaryDirectory() as name:  # under /tmp, which every user may enter
        folder = Path(name)
        folder.chmod(0o755)
        (folder / "open.txt").write_text("Open\n\nCanada urged Peru.", encoding="utf-8")
        (folder / "open.txt").chmod(0o644)
        (folder / "secret.txt").write_text("Secret\n\nCanada urged Peru.", encoding="utf-8")
        (folder / "secret.txt").chmod(0o000)
        done = subprocess.run([sys.executable, "-c", _READ_AS_NOBODY, str(folder)], cwd=folder, capture_output=True,
                              text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["uid"] != 0
    assert result["articles"] == ["open"]
    assert result["errors"] == [f"{folder / 'secret.txt'}: cannot read: Permission denied"]
