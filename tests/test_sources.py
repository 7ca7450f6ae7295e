from __future__ import annotations

import codecs
import io
import json
import os
from pathlib import Path

import pytest

from graphbuilder.errors import InputError
from graphbuilder.nlp import build_pipeline
from graphbuilder.settings import Settings
from graphbuilder.sources import read_articles


def _read_with(settings: Settings, *paths: Path) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(read_articles(paths, errors.append, settings=settings)), errors


def _read(*paths: Path) -> tuple[list, list[InputError]]:
    return _read_with(Settings(), *paths)


def test_txt_title_is_first_line_and_id_is_stem(tmp_path):
    path = tmp_path / "ankara-talks.txt"
    path.write_text("Turkey hosts talks\n\nAnkara on Monday hosted envoys.\n", encoding="utf-8")
    [article], errors = _read(path)
    assert (article.id, article.title, errors) == ("ankara-talks", "Turkey hosts talks", [])
    assert article.full_text == article.text  # the headline is already in the text


def test_txt_stem_with_iso_date_gives_published_day(tmp_path):
    path = tmp_path / "2024-02-29-leap.txt"
    path.write_text("Title\nBody.", encoding="utf-8")
    [article], _ = _read(path)
    assert article.published == "2024-02-29"


def test_md_markup_is_stripped_for_the_parser(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Kenya and **Somalia** meet\n\nSee [the report](http://x.example/r).\n", encoding="utf-8")
    [article], _ = _read(path)
    assert article.title == "Kenya and Somalia meet"
    assert "See the report." in article.text and "http" not in article.text


def test_utf8_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline\r\nBody line.\r\n".encode("utf-8"))
    [article], _ = _read(path)
    assert article.title == "Headline" and "\r" not in article.text


def test_jsonl_reads_fields_and_defaults(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a1", "title": "T1", "text": "Body one.", "url": "https://news.example/a1", "published": "2025-01-02T10:00:00Z", "source": "Wire"},
        {"text": "Untitled body\nsecond line"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (first, second), errors = _read(path)
    assert errors == []
    assert (first.id, first.title, first.url, first.published, first.source) == ("a1", "T1", "https://news.example/a1", "2025-01-02", "Wire")
    assert (second.id, second.title) == ("feed-2", "Untitled body")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "x"}', "missing or empty 'text'"),
        ('{"id": 7.5, "text": "Body."}', "field 'id' must be a string"),
        ('{"id": true, "text": "Body."}', "field 'id' must be a string"),
        ('{"id": "x", "title": "' + "word " * 300 + '", "text": "Body."}', "title of 1,499 characters"),
        ('{"text": "Body.", "author": "me"}', "unknown field(s) author"),
        ('{"text": "Body.", "published": "last week"}', "'published' is not an ISO 8601 date"),
        ('["a list"]', "each line must be a JSON object"),
        ("[" * 100_000 + "]" * 100_000, "JSON that cannot be read (maximum recursion depth exceeded"),
        ('{"id": ' + "9" * 5000 + ', "text": "Body."}', "JSON that cannot be read (Exceeds the limit (4300 digits)"),
    ],
)
def test_bad_jsonl_line_is_reported_with_file_and_line_and_the_rest_is_read(tmp_path, line, reason):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "good-1", "text": "Fine."}\n' + line + '\n{"id": "good-2", "text": "Also fine."}\n', encoding="utf-8")
    articles, errors = _read(path)
    assert [a.id for a in articles] == ["good-1", "good-2"]
    [error] = errors
    assert error.path == f"{path}:2" and reason in error.reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin.txt", "Caf\u00e9 talks".encode("latin-1"), "not UTF-8 text"),
        ("data.csv", b"a,b\n", "unsupported file type .csv"),
    ],
)
def test_bad_file_gets_one_reason_and_good_files_still_read(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Good\nText.", encoding="utf-8")
    articles, errors = _read(tmp_path / name, good)
    assert [a.id for a in articles] == ["good"]
    [error] = errors
    assert error.path == str(tmp_path / name) and reason in error.reason


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    articles, errors = _read(tmp_path / "nowhere")
    assert articles == [] and "no such file" in errors[0].reason


def test_folder_is_walked_recursively_in_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\nx", encoding="utf-8")
    (tmp_path / "one.md").write_text("One\nx", encoding="utf-8")
    (tmp_path / "skip.json").write_text("{}", encoding="utf-8")
    articles, errors = _read(tmp_path)
    assert [a.id for a in articles] == ["two", "one"] and errors == []


def test_integer_jsonl_id_is_its_digits(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": 7, "text": "Body."}\n', encoding="utf-8")
    [article], errors = _read(path)
    assert (article.id, errors) == ("7", [])


def test_duplicate_jsonl_id_names_both_lines(tmp_path):
    from graphbuilder.pipeline import extract_to_jsonl

    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "a", "text": "Two."}\n', encoding="utf-8")
    errors: list[InputError] = []
    report = extract_to_jsonl([path], io.StringIO(), build_pipeline(), Settings(), on_error=errors.append)
    [error] = errors
    assert report.articles == 1
    assert error.path == f"{path}:2" and f"duplicate article id 'a' (first read from {path}:1)" in error.reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path.write_bytes(bom + "Kyiv talks\r\nUkraine met Poland.".encode(encoding))
    [article], errors = _read(path)
    assert (article.title, article.text, errors) == ("Kyiv talks", "Kyiv talks\nUkraine met Poland.", [])


def test_utf16_without_a_byte_order_mark_is_refused_as_binary(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Kyiv talks".encode("utf-16-le"))
    _, [error] = _read(path)
    assert "binary file" in error.reason and "byte-order mark" in error.reason


def test_every_kind_of_line_break_becomes_one_newline(tmp_path):
    path = tmp_path / "breaks.txt"
    path.write_bytes("One\r\nTwo\rThree\nFour\u2028Five\u2029Six\x0cSeven\x85Eight".encode("utf-8"))
    [article], _ = _read(path)
    assert article.text.split("\n") == ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"]


def test_invisible_characters_are_removed_so_names_stay_whole(tmp_path):
    path = tmp_path / "hidden.txt"
    # zero-width space and joiners, soft hyphen, BOM mid-text, bidi overrides and isolates, BEL and ESC
    path.write_text(
        "Title\n\nCa\u200bna\u00adda and Pe\u200d\u200cru met the United\u00a0Nations in "
        "\u202eKyiv\u202c, \u2067Tehran\u2069 and Gen\ufeffeva.\x07\x1b[31m",
        encoding="utf-8",
    )
    [article], _ = _read(path)
    assert article.text == "Title\n\nCanada and Peru met the United Nations in Kyiv, Tehran and Geneva.[31m"


def test_text_is_nfc_and_emoji_and_right_to_left_letters_are_kept(tmp_path):
    path = tmp_path / "scripts.txt"
    path.write_text("Cafe\u0301 talks\n\n\u05e9\u05dc\u05d5\u05dd and \u0633\u0644\u0627\u0645 \U0001f1e8\U0001f1e6 \U0001f600.", encoding="utf-8")
    [article], _ = _read(path)
    assert article.title == "Caf\u00e9 talks"
    assert "\u05e9\u05dc\u05d5\u05dd and \u0633\u0644\u0627\u0645 \U0001f1e8\U0001f1e6 \U0001f600." in article.text


def test_lone_surrogate_from_a_json_escape_becomes_the_replacement_character(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "s\\ud800", "text": "Bad \\udc00 escape\\u0000."}\n', encoding="utf-8")
    [article], errors = _read(path)
    assert (article.id, article.text, errors) == ("s\ufffd", "Bad \ufffd escape.", [])


def test_article_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB that cost no disk
    opened = []
    monkeypatch.setattr(Path, "open", lambda self, *args, **kwargs: opened.append(self))
    _, [error] = _read(huge)
    assert error.reason.startswith("50,000,000 bytes: larger than the limit of 500,000 bytes")
    assert opened == []


def test_jsonl_record_over_the_size_limit_is_skipped_and_the_next_one_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    long_line = json.dumps({"id": "big", "text": "word " * 1000})
    path.write_text(long_line + '\n{"id": "small", "text": "Fine."}\n', encoding="utf-8")
    articles, [error] = _read_with(Settings(max_article_bytes=1000), path)
    assert [a.id for a in articles] == ["small"]
    assert error.path == f"{path}:1" and "larger than the limit of 1,000 bytes" in error.reason


def test_jsonl_in_utf16_is_one_error_not_one_per_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes('{"text": "One."}\n{"text": "Two."}\n'.encode("utf-16"))
    articles, [error] = _read(path)
    assert articles == [] and error.path == str(path) and "must be UTF-8" in error.reason


def test_run_on_sentence_is_cut_at_spaces_and_no_character_is_lost(tmp_path):
    path = tmp_path / "run-on.txt"
    words = " ".join(f"word{i}" for i in range(5000))
    path.write_text(f"Headline\n\n{words}. Canada urged Peru to hold talks.", encoding="utf-8")
    [article], _ = _read_with(Settings(max_sentence_chars=200), path)
    pieces = article.text.split("\n\n")
    assert max(len(piece) for piece in pieces) <= 200
    assert article.text.replace("\n\n", " ") == f"Headline {words}. Canada urged Peru to hold talks."
    assert pieces[-1].endswith(". Canada urged Peru to hold talks.")


def test_headline_of_a_file_without_line_breaks_is_a_prefix_of_its_text(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("Canada urged Peru to hold talks. " * 100, encoding="utf-8")
    [article], _ = _read_with(Settings(max_sentence_chars=100), path)
    assert len(article.title) <= 100 and article.text.startswith(article.title)
    assert article.full_text == article.text


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Canada urges Peru | World News</title>
<meta property="og:title" content="Canada urges Peru to hold talks">
<style>body { font-family: serif }</style>
<script>window.track = function () { return "Russia attacked Ukraine."; };</script>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Canada urges Peru to hold talks</h1>
<p>Canada on Monday urged Peru to hold talks with Chile over the disputed fishing grounds, the foreign ministry said.</p>
<script>document.write("France sanctioned Germany.");</script>
<p>The statement said both governments should return to the table before the end of the month.</p>
<style>.inline { color: red }</style>
<p>Peru has not yet responded to the proposal, which diplomats described as a modest step.</p>
</article></main>
<footer>Copyright 2025 World News. All rights reserved.</footer>
</body></html>
"""


def test_html_gives_the_article_text_without_scripts_styles_or_navigation(tmp_path):
    path = tmp_path / "2025-03-04-peru.html"
    path.write_text(PAGE, encoding="utf-8")
    [article], errors = _read(path)
    assert errors == []
    assert (article.id, article.title, article.published) == ("2025-03-04-peru", "Canada urges Peru to hold talks", "2025-03-04")
    assert "Canada on Monday urged Peru" in article.text and "modest step" in article.text
    for noise in ("Russia", "France", "font-family", "color", "Sport", "Copyright"):
        assert noise not in article.text


def test_html_title_falls_back_to_the_title_element(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE.replace('<meta property="og:title" content="Canada urges Peru to hold talks">', ""), encoding="utf-8")
    [article], _ = _read(path)
    assert article.title.startswith("Canada urges Peru")


@pytest.mark.parametrize(
    "body",
    ["", "<article><p>\u200b\u200d</p></article>", "<div>" * 40_000 + "Canada urged Peru." + "</div>" * 40_000],
    ids=["empty", "invisible", "nested 40,000 deep"],
)
def test_html_without_article_text_is_one_error(tmp_path, body):
    path = tmp_path / "blank.html"
    path.write_text(f"<html><head><title>Nothing</title><script>var x = 1;</script></head><body>{body}</body></html>", encoding="utf-8")
    _, [error] = _read(path)
    assert error.reason == "no article text found in the page"


def test_symlink_loops_end_the_walk_and_a_looping_file_is_one_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One\nx", encoding="utf-8")
    (tmp_path / "a" / "back").symlink_to(tmp_path)  # a folder link up the tree
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    articles, errors = _read(tmp_path)
    assert [a.id for a in articles] == ["one"]
    [error] = errors
    assert error.path == str(tmp_path / "self.txt") and "symbolic links" in error.reason


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, [error] = _read(fifo)
    assert error.reason == "not a regular file"

