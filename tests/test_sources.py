from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuilder.errors import InputError
from graphbuilder.sources import read_articles


def _read(*paths: Path) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(read_articles(paths, errors.append)), errors


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
        ('{"id": 7, "text": "Body."}', "field 'id' must be a string"),
        ('{"text": "Body.", "author": "me"}', "unknown field(s) author"),
        ('{"text": "Body.", "published": "last week"}', "'published' is not an ISO 8601 date"),
        ('["a list"]', "each line must be a JSON object"),
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
