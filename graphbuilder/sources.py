"""Read article files into `Article`s: `.txt`, `.md` and `.jsonl`, from files or folders.

A `.txt` or `.md` file's title is its first line and its id the file stem; a stem
that starts with an ISO date (`2025-03-04-...`) gives the publication day.

One bad file or record never stops the rest: it is handed to `on_error` as an
`InputError` naming the file (and line) and the reason, and reading goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from .errors import InputError
from .model import Article

SUFFIXES = frozenset({".txt", ".md", ".jsonl"})
JSONL_FIELDS = frozenset({"id", "title", "text", "url", "published", "source"})

ErrorHandler = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def iter_files(paths: Iterable[Path], on_error: ErrorHandler = _raise) -> Iterator[Path]:
    """Files to read, in a stable order: named files as given, folders walked recursively."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            yield from found
        elif not path.exists():
            on_error(InputError(path, "no such file or folder"))
        elif path.suffix.lower() not in SUFFIXES:
            on_error(InputError(path, f"unsupported file type {path.suffix or '(none)'}; use .txt, .md or .jsonl"))
        else:
            yield path


def read_articles(paths: Iterable[Path], on_error: ErrorHandler = _raise) -> Iterator[Article]:
    for path in iter_files(paths, on_error):
        try:
            if path.suffix.lower() == ".jsonl":
                yield from _read_jsonl(path, on_error)
            else:
                yield _read_document(path)
        except InputError as error:
            on_error(error)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise InputError(path, "binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|\*|`)")
_MD_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+)", re.MULTILINE)


def _strip_markdown(text: str) -> str:
    """Plain prose from Markdown, so the parser sees sentences rather than markup."""
    return _MD_PREFIX.sub("", _MD_MARK.sub("", _MD_LINK.sub(r"\1", text)))


def _read_document(path: Path) -> Article:
    text = _read_text(path)
    if path.suffix.lower() == ".md":
        text = _strip_markdown(text)
    if not text.strip():
        raise InputError(path, "empty file")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    return Article(id=path.stem, title=title, text=text, published=_stem_date(path.stem), path=str(path))


def _stem_date(stem: str) -> str | None:
    """A file named `2025-03-04-....txt` was published on that day."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:\b|_)", stem)
    if not match:
        return None
    try:
        return date.fromisoformat(match[1]).isoformat()
    except ValueError:
        return None


def _read_jsonl(path: Path, on_error: ErrorHandler) -> Iterator[Article]:
    text = _read_text(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield _jsonl_article(line, f"{path.stem}-{number}", where, str(path))
        except InputError as error:
            on_error(error)


def _jsonl_article(line: str, default_id: str, where: str, path: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InputError(where, "each line must be a JSON object")
    unknown = set(record) - JSONL_FIELDS
    if unknown:
        raise InputError(where, f"unknown field(s) {', '.join(sorted(unknown))}")
    for name in JSONL_FIELDS & set(record):
        if record[name] is not None and not isinstance(record[name], str):
            raise InputError(where, f"field '{name}' must be a string")
    body = record.get("text")
    if not body or not body.strip():
        raise InputError(where, "missing or empty 'text'")
    title = (record.get("title") or "").strip() or body.strip().splitlines()[0]
    return Article(
        id=record.get("id") or default_id,
        title=title,
        text=body,
        url=record.get("url"),
        published=_iso_date(record.get("published"), where),
        source=record.get("source"),
        path=path,
    )


def _iso_date(value: str | None, where: str) -> str | None:
    """The calendar day of an ISO 8601 date or timestamp."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            raise InputError(where, f"'published' is not an ISO 8601 date: {value!r}") from None
