"""Read article files into `Article`s: `.txt`, `.md`, `.html` and `.jsonl`, from files or folders.

A `.txt` or `.md` file's title is its first line and its id the file stem; a stem
that starts with an ISO date (`2025-03-04-...`) gives the publication day. An
`.html` page gives its article text as trafilatura finds it, and its title from
`og:title` or `<title>`.

One bad file or record never stops the rest: it is handed to `on_error` as an
`InputError` naming the file (and line) and the reason, and reading goes on.

What no input may do (docs/robustness.md has the why of each rule):

- take the machine down: an article over `max_article_bytes` (a file, or one JSON
  Lines record) is refused before it is read, and a run of more than
  `max_sentence_chars` characters without a sentence end is cut at a space into
  parser-sized sentences;
- be guessed at: text is UTF-8, or UTF-16 with a byte-order mark; anything else is
  refused with the reason, never decoded by a guess that would garble names;
- hide from the extractor: every text is normalised the same way (`_normalise`), so
  invisible characters never split an entity name.
"""

from __future__ import annotations

import codecs
import json
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .model import Article
from .settings import Settings, get_settings

SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})
JSONL_FIELDS = frozenset({"id", "title", "text", "url", "published", "source"})
_SNIFF_BYTES = 4096  # how much of a file is looked at to tell text from binary

ErrorHandler = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def iter_files(paths: Iterable[Path], on_error: ErrorHandler = _raise) -> Iterator[Path]:
    """Files to read, in a stable order: named files as given, folders walked recursively."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path, on_error)
        elif not path.exists():
            on_error(InputError(path, "no such file or folder"))
        elif path.suffix.lower() not in SUFFIXES:
            on_error(InputError(path, f"unsupported file type {path.suffix or '(none)'}; use .txt, .md, .html or .jsonl"))
        else:
            yield path


def _walk(root: Path, on_error: ErrorHandler) -> Iterator[Path]:
    """Article files under `root`, depth first in name order, streamed.

    Symbolic links are followed, but each folder is entered once, so a link back up
    the tree (a loop) ends the walk there instead of never. A loop of file links is
    yielded like any file, and reading it reports the loop.
    """
    entered: set[tuple[int, int]] = set()
    # a stack of iterators rather than recursion: a deeply nested tree must not hit the recursion limit
    stack: list[Iterator[Path]] = [iter([root])]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
        elif path.is_dir():
            try:
                info = path.stat()
                if (info.st_dev, info.st_ino) in entered:
                    continue
                entered.add((info.st_dev, info.st_ino))
                stack.append(iter(sorted(path.iterdir())))
            except OSError as exc:
                on_error(InputError(path, f"cannot list the folder: {exc.strerror or exc}"))
        elif path.suffix.lower() in SUFFIXES:
            yield path


def read_articles(
    paths: Iterable[Path], on_error: ErrorHandler = _raise, *, settings: Settings | None = None
) -> Iterator[Article]:
    settings = settings or get_settings()
    for path in iter_files(paths, on_error):
        try:
            suffix = path.suffix.lower()
            if suffix == ".jsonl":
                yield from _read_jsonl(path, on_error, settings)
            elif suffix in (".html", ".htm"):
                yield _read_html(path, settings)
            else:
                yield _read_document(path, settings)
        except InputError as error:
            on_error(error)


# --- bytes and text ------------------------------------------------------------------------------


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(path, f"cannot read: {exc.strerror or exc}")


def _too_large(where: object, limit: int, size: int | None = None) -> InputError:
    measured = f"{size:,} bytes: " if size is not None else ""
    return InputError(where, f"{measured}larger than the limit of {limit:,} bytes for one article (GRAPHBUILDER_MAX_ARTICLE_BYTES)")


def _size(path: Path) -> int:
    """The size of a regular file; anything else is refused before it is opened (opening a pipe would block)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "not a regular file")
    return info.st_size


def _read_bytes(path: Path, limit: int) -> bytes:
    """The whole file, refused unopened when it is larger than `limit`."""
    size = _size(path)
    if size > limit:
        raise _too_large(path, limit, size)
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)  # bounded: the file may have grown since it was measured
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if len(raw) > limit:
        raise _too_large(path, limit)
    return raw


def _encoding(head: bytes, path: Path) -> str:
    """The encoding of a file starting with `head`: UTF-16 by its byte-order mark, else UTF-8."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the codec reads the byte order from the mark and drops it
    if b"\x00" in head[:_SNIFF_BYTES]:
        raise InputError(path, "binary file, not text (or UTF-16 without a byte-order mark)")
    return "utf-8-sig"


def _decode(raw: bytes, path: Path) -> str:
    encoding = _encoding(raw, path)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise InputError(
            path, f"not {name} text (invalid byte at offset {exc.start}); convert it to UTF-8, e.g. with iconv"
        ) from None


def _char_map() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # control characters carry no text; the ones that break lines become the one line break
    for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)):
        table[code] = None
    for char in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
        table[ord(char)] = "\n"
    del table[ord("\t")], table[ord("\n")]
    # invisible: zero-width (space, joiners, word joiner, BOM), soft hyphen, and the bidirectional
    # controls, which split a name for the tokenizer or make stored text display other than it reads
    for char in "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff":
        table[ord(char)] = None
    # the tokenizer splits on plain spaces only: "United\u00a0Nations" would be one word
    for char in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
        table[ord(char)] = " "
    # a lone surrogate (a JSON escape like "\ud800") is no character and cannot be written as UTF-8
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"
    return table


_CHARS = _char_map()


def _normalise(text: str) -> str:
    """Text as every reader hands it on: one kind of line break, no invisible or control characters, NFC."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_CHARS))


# a sentence ends at . ! or ? (with closing quotes or brackets) before a space, at CJK full stops, or at a line break
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s)|[\u3002\uff01\uff1f]|\n")


def _break_long_sentences(text: str, limit: int) -> str:
    """Cut every run of more than `limit` characters without a sentence end at its last space within the limit.

    The space becomes a blank line, which the pipeline reads as a sentence end, so no
    sentence the parser and extractor see (whose cost grows faster than its length) is
    longer than `limit`. No character is lost; a run with no space to cut stays whole.
    """
    pieces: list[str] = []
    start = 0
    for end in [match.end() for match in _SENTENCE_END.finditer(text)] + [len(text)]:
        sentence = text[start:end]
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 1, limit)
            if cut < 0:
                cut = sentence.find(" ", limit)
            if cut < 0:
                break
            pieces.append(sentence[:cut] + "\n\n")
            sentence = sentence[cut + 1 :]
        pieces.append(sentence)
        start = end
    return "".join(pieces)


def _headline(text: str, limit: int) -> str:
    """The first line, cut at a space to at most `limit` characters.

    A prefix of the text, so the parser does not read it twice (`Article.full_text`).
    """
    line = next(line.strip() for line in text.splitlines() if line.strip())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 1, limit)
    return line[: cut if cut > 0 else limit]


def _article(where: object, id_: str, title: str, text: str, settings: Settings, **fields) -> Article:
    """An article from normalised, non-blank text: long sentences cut, the title its first line unless given."""
    limit = settings.max_sentence_chars
    text = _break_long_sentences(text, limit)
    # a given title is parsed as the article's first sentence, so it is held to the same limit
    title = " ".join(title.split())
    if len(title) > limit:
        raise InputError(where, f"title of {len(title):,} characters, over the limit of {limit:,} (GRAPHBUILDER_MAX_SENTENCE_CHARS)")
    return Article(id=id_, title=title or _headline(text, limit), text=text, **fields)


# --- .txt, .md, .html ----------------------------------------------------------------------------


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"(\*\*|__|\*|`)")
_MD_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+)", re.MULTILINE)


def _strip_markdown(text: str) -> str:
    """Plain prose from Markdown, so the parser sees sentences rather than markup."""
    return _MD_PREFIX.sub("", _MD_MARK.sub("", _MD_LINK.sub(r"\1", text)))


def _read_document(path: Path, settings: Settings) -> Article:
    text = _normalise(_decode(_read_bytes(path, settings.max_article_bytes), path))
    if path.suffix.lower() == ".md":
        text = _strip_markdown(text)
    if not text.strip():
        raise InputError(path, "empty file")
    return _article(path, path.stem, "", text, settings, published=_stem_date(path.stem), path=str(path))


def _read_html(path: Path, settings: Settings) -> Article:
    """The article text of a web page, without its navigation, scripts, styles and reader comments."""
    # imported here: it takes a while, and only HTML needs it
    import trafilatura

    html = _decode(_read_bytes(path, settings.max_article_bytes), path)
    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = _normalise(page.text or "") if page else ""
    if not text.strip():
        raise InputError(path, "no article text found in the page")
    title = _normalise(page.title or "")
    return _article(path, path.stem, title, text, settings, published=_stem_date(path.stem), path=str(path))


def _stem_date(stem: str) -> str | None:
    """A file named `2025-03-04-....txt` was published on that day."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:\b|_)", stem)
    if not match:
        return None
    try:
        return date.fromisoformat(match[1]).isoformat()
    except ValueError:
        return None


# --- .jsonl --------------------------------------------------------------------------------------


def _lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Each line of the file, or None for a line over `limit` bytes, which is skipped without being held."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _read_jsonl(path: Path, on_error: ErrorHandler, settings: Settings) -> Iterator[Article]:
    """One article a line, streamed: a file of any size is read one record at a time."""
    limit = settings.max_article_bytes
    _size(path)  # a pipe or a folder is refused before it is opened
    try:
        with path.open("rb") as handle:
            if _encoding(handle.read(_SNIFF_BYTES), path) != "utf-8-sig":
                raise InputError(path, "JSON Lines must be UTF-8, not UTF-16")
            handle.seek(0)
            for number, line in enumerate(_lines(handle, limit), 1):
                where = f"{path}:{number}"
                try:
                    if line is None:
                        raise _too_large(where, limit)
                    if line.strip():
                        yield _jsonl_article(line.removeprefix(codecs.BOM_UTF8), f"{path.stem}-{number}", where, settings)
                except InputError as error:
                    on_error(error)
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _jsonl_article(line: bytes, default_id: str, where: str, settings: Settings) -> Article:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 text (invalid byte at offset {exc.start} of the line)") from None
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        # valid JSON that Python will not hold: nesting past the recursion limit, a number of thousands of digits
        raise InputError(where, f"JSON that cannot be read ({str(exc).split(';')[0]})") from None
    if not isinstance(record, dict):
        raise InputError(where, "each line must be a JSON object")
    unknown = set(record) - JSONL_FIELDS
    if unknown:
        raise InputError(where, f"unknown field(s) {', '.join(sorted(unknown))}")
    # feeds often number their articles; a number is an id as good as its digits (a bool is not a number here)
    if type(record.get("id")) is int:
        record["id"] = str(record["id"])
    for name in JSONL_FIELDS & set(record):
        if record[name] is not None and not isinstance(record[name], str):
            raise InputError(where, f"field '{name}' must be a string")
    # every field, not just the text: a lone surrogate in any of them could not be stored
    record = {name: _normalise(value) for name, value in record.items() if value is not None}
    text = record.get("text", "")
    if not text.strip():
        raise InputError(where, "missing or empty 'text'")
    return _article(
        where,
        record.get("id") or default_id,
        record.get("title", ""),
        text,
        settings,
        url=record.get("url"),
        published=_iso_date(record.get("published"), where),
        source=record.get("source"),
        path=where,  # the line too: a duplicate id is then found at once
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
