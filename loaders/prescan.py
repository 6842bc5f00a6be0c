"""A cheap streaming pre-scan of an input file before any parser sees it.

Native parsers are fast but not safe on every input: pyoxigraph's JSON-LD parser and its
parser of RDF 1.2 triple terms overflow the stack on deep nesting (the process dies), its
RDF/XML parser slows quadratically with depth and expands entity bombs, its token buffer stops
at 16 MB. Python's json recurses. So every file is read once, in chunks, and refused with an
InputLimitError naming the file, the line and the setting when it exceeds a bound:

* nesting depth outside strings, IRIs and comments (blank-node property lists, collections,
  triple terms, graphs; JSON arrays and objects; XML elements);
* literal length (any string, XML text or attribute, CSV field);
* line length (line-based syntaxes only: minified JSON and XML are legitimately one line);
* statements: CSV rows here; RDF statements are counted by the parser as it goes (exact, and
  cheaper than counting N-Triples lines here);
* the total size RDF/XML internal entities expand to (external and parameter entities, and
  entities referring to entities, are refused outright), over the whole document;
* UTF-8 validity (line and byte offset of the first invalid byte).

Speed: work is done with bytes methods over large chunks (count, find, split, translate),
not per byte in Python. Lines and tokens are looked at one by one only where a chunk holds
something that needs it (a bracket, a long string, a line longer than a literal may be).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, count
from operator import sub
from pathlib import Path

from kennisgraaf.errors import InputError, InputLimitError
from kennisgraaf.settings import Settings, get_settings

CHUNK = 1 << 20
SYNTAXES = ("turtle", "trig", "ntriples", "nquads", "jsonld", "rdfxml", "json", "jsonlines", "csv")
LINE_BASED = frozenset({"turtle", "trig", "ntriples", "nquads", "jsonlines", "csv"})
MAX_ENTITIES = 64


@dataclass(frozen=True)
class Limits:
    depth: int = 256
    literal: int = 1024 * 1024
    line: int = 2 * 1024 * 1024
    statements: int = 10_000_000
    expansion: int = 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        s = settings or get_settings()
        return cls(
            s.input_max_depth,
            s.input_max_literal_bytes,
            s.input_max_line_bytes,
            s.input_max_statements,
            s.input_max_entity_expansion_bytes,
        )


@dataclass
class ScanReport:
    bytes: int = 0
    statements: int | None = None  # CSV: rows (each gives at least one statement)


def _size(n: int) -> str:
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n:,} bytes"


def _line_and_column(path: Path, offset: int) -> tuple[int, int]:
    """Line (1-based) and byte of the line (1-based) of a file offset: counted again from the
    start of the file, since it is only needed for an error."""
    line, line_start, read = 1, 0, 0
    with path.open("rb") as f:
        while read < offset:
            data = f.read(min(CHUNK, offset - read))
            if not data:
                break
            newlines = data.count(b"\n")
            if newlines:
                line += newlines
                line_start = read + data.rfind(b"\n") + 1
            read += len(data)
    return line, offset - line_start + 1


class _Position:
    """The file offset of the start of the scanner's buffer; lines are counted only for an
    error message."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self.offset = 0

    def line_of(self, buf: bytes, pos: int) -> int:
        return _line_and_column(self.path, self.offset + max(pos, 0))[0]

    def fail(self, buf: bytes, pos: int, what: str, setting: str, limit: str) -> InputLimitError:
        return InputLimitError(
            f"{self.name}, line {self.line_of(buf, pos)}: {what} (limit {limit}, "
            f"setting {setting})",
            setting,
        )

    def depth(self, buf: bytes, pos: int, limits: Limits) -> InputLimitError:
        return self.fail(
            buf, pos, f"nested deeper than {limits.depth} levels", "input_max_depth",
            str(limits.depth),
        )  # fmt: skip

    def literal(
        self, buf: bytes, pos: int, limits: Limits, what: str = "a literal"
    ) -> InputLimitError:
        return self.fail(
            buf, pos, f"{what} longer than {_size(limits.literal)}", "input_max_literal_bytes",
            _size(limits.literal),
        )  # fmt: skip

    def long_line(self, buf: bytes, pos: int, limits: Limits) -> InputLimitError:
        return self.fail(
            buf, pos, f"a line longer than {_size(limits.line)}", "input_max_line_bytes",
            _size(limits.line),
        )  # fmt: skip


# --- UTF-8 ---------------------------------------------------------------------------------


def _utf8_cut(data: bytes) -> int:
    """Where `data` can be cut without splitting a UTF-8 sequence at its end."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) - back if need > back else len(data)
    return len(data)


_UTF8_BLOCK = 4096


class _Utf8:
    def __init__(self, where: _Position) -> None:
        self.where = where
        self.pending = b""
        self.offset = 0  # file offset of `pending`

    def feed(self, raw: bytes, final: bool) -> None:
        data = self.pending + raw if self.pending else raw
        if data.isascii():
            self.offset += len(data)
            self.pending = b""
            return
        cut = len(data) if final else _utf8_cut(data)
        self.check(data, cut)
        self.offset += cut
        self.pending = data[cut:]

    def check(self, data: bytes, end: int) -> None:
        """Decode only the small blocks that hold non-ASCII bytes (text is mostly ASCII),
        each widened over the continuation bytes of a sequence it cuts."""
        decoded_to = 0
        for start in range(0, end, _UTF8_BLOCK):
            stop = min(start + _UTF8_BLOCK, end)
            if stop <= decoded_to or data[start:stop].isascii():
                continue
            first = max(start, decoded_to)
            while stop < end and 0x80 <= data[stop] < 0xC0 and stop - start < _UTF8_BLOCK + 3:
                stop += 1
            try:
                data[first:stop].decode("utf-8")
            except UnicodeDecodeError as e:
                raise self.error(data, first + e.start) from None
            decoded_to = stop

    def error(self, data: bytes, pos: int) -> InputError:
        name = self.where.name
        if self.offset == 0 and pos < 4 and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return InputError(
                f"{name}, line 1: the file is UTF-16 or UTF-32 (it starts with a byte-order "
                "mark); save it as UTF-8"
            )
        offset = self.offset + pos
        line, column = _line_and_column(self.where.path, offset)
        return InputError(
            f"{name}, line {line}, byte {column} of the line (offset {offset}): not valid "
            f"UTF-8 (byte 0x{data[pos]:02x}); save the file as UTF-8"
        )


# --- lines ---------------------------------------------------------------------------------


class _Lines:
    """Lines longer than `threshold`, found with two `find`s per block of that size: a line
    that lies inside one block is shorter than the block."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.last_newline = -1  # buffer-relative, adjusted as the buffer is consumed

    def long_lines(self, buf: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each line in buf[start:end] longer than the threshold (end: the
        newline, or `end` for a line that goes on)."""
        block = max(self.threshold, 1)
        for first in range(start, end, block):
            last = min(first + block, end)
            newline = buf.find(b"\n", first, last)
            if newline < 0:
                continue
            if newline - self.last_newline - 1 > self.threshold:
                yield self.last_newline + 1, newline
            # lines between the first and the last newline of the block are shorter
            self.last_newline = buf.rfind(b"\n", first, last)
        if end - self.last_newline - 1 > self.threshold:
            yield self.last_newline + 1, end

    def consumed(self, buf: bytes, used: int) -> None:
        newline = buf.rfind(b"\n", 0, used)
        self.last_newline = (newline if newline >= 0 else self.last_newline) - used


# --- Turtle family -------------------------------------------------------------------------

_TTL_TOKEN = re.compile(
    rb"""(?P<long>\"\"\"|''')
    |(?P<str>"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\\\n]*(?:\\.[^'\\\n]*)*')
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<comment>\#[^\n]*)
    |(?P<open><<\(|<<|\[|\(|\{\|?)
    |(?P<close>\)>>|>>|\]|\)|\|?\})
    |(?P<newline>\n)""",
    re.X,
)
_TTL_SPECIAL = re.compile(rb"[\"'<#\[\](){}|>\n]")  # where a token may begin: found fast
_TTL_MARKERS = (b"[", b"]", b"(", b")", b"{", b"}", b"<<", b">>", b'"""', b"'''")
_TTL_LONG_MARKERS = (b"<<", b">>", b'"""', b"'''")
_BRACKETS = frozenset(b"[](){}")
_NOT_MARKER_BYTES = bytes(range(256)).translate(None, b"[](){}<>'")
_NT_MARKERS = (b"<<(",)


class _TurtleScan:
    """Turtle, TriG, N-Triples, N-Quads: lines are cut whole, and only lines holding a marker
    (a bracket, a triple-term or long-string delimiter) or longer than a literal may be are
    tokenized."""

    def __init__(self, where: _Position, limits: Limits, syntax: str) -> None:
        self.where, self.limits = where, limits
        self.markers = _NT_MARKERS if syntax in ("ntriples", "nquads") else _TTL_MARKERS
        self.lines = _Lines(min(limits.literal, limits.line))
        self.depth = 0

    def feed(self, buf: bytes, final: bool) -> int:
        used = len(buf) if final else buf.rfind(b"\n") + 1
        if used <= 0:
            if len(buf) > self.limits.line + self.limits.literal:
                raise self.overflow(buf)
            return 0
        candidates: set[int] = set()
        for marker in self.present(buf, used):
            at = buf.find(marker, 0, used)
            while at >= 0:
                candidates.add(buf.rfind(b"\n", 0, at) + 1)
                next_line = buf.find(b"\n", at, used)  # one look per line is enough
                at = buf.find(marker, next_line + 1, used) if next_line >= 0 else -1
        long_lines = dict(self.lines.long_lines(buf, 0, used))
        candidates.update(long_lines)
        covered = 0
        for start in sorted(candidates):
            if start < covered:
                continue
            covered = self.tokenize(buf, start, final)
            if covered < 0:  # a long string goes on past the buffer: read more first
                used = start
                break
        for start, end in long_lines.items():
            if start < used and end - start > self.limits.line:
                raise self.where.long_line(buf, start, self.limits)
        self.lines.consumed(buf, used)
        return used

    def present(self, buf: bytes, used: int) -> tuple[bytes, ...]:
        """The markers that occur in buf[:used], found with few passes: one `translate`
        tells which brackets occur; N-Triples has no marker but "<<(", and a "(" is found
        far faster than "<<(" (whose "<" starts every IRI)."""
        if self.markers is _NT_MARKERS:
            at = buf.find(b"(", 0, used)
            for _ in range(1000):
                if at < 0:
                    return ()
                if buf[at - 2 : at] == b"<<":
                    return _NT_MARKERS
                at = buf.find(b"(", at + 1, used)
            return _NT_MARKERS  # many parentheses: look for "<<(" itself
        seen = set(buf[:used].translate(None, _NOT_MARKER_BYTES))
        found = [bytes([c]) for c in seen if c in _BRACKETS]
        for marker in _TTL_LONG_MARKERS:  # only where its byte occurs: each is a pass
            if (marker[0] in seen or marker[0] == 0x22) and buf.find(marker, 0, used) >= 0:
                found.append(marker)
        return tuple(found)

    def overflow(self, buf: bytes) -> InputLimitError:
        """A line that does not end within the buffer: a string in it that does not end
        either is the clearer error."""
        self.tokenize(buf, 0, final=False)  # depth or a literal first, if that is it
        quote = buf.find(b'"')
        if quote >= 0 and not 0 <= buf.find(b'"', quote + 1) <= quote + 1 + self.limits.literal:
            return self.where.literal(buf, quote, self.limits)
        return self.where.long_line(buf, 0, self.limits)

    def tokenize(self, buf: bytes, pos: int, final: bool) -> int:
        """Tokens from `pos` (a line start) to the end of that line, or of the long string
        that begins on it; the position reached, or -1 when the buffer ends first."""
        limits, depth_before, line_start = self.limits, self.depth, pos
        line_end = buf.find(b"\n", pos)
        line_end = len(buf) if line_end < 0 else line_end
        while pos < len(buf):
            special = _TTL_SPECIAL.search(buf, pos, line_end + 1)
            if special is None:
                return line_end + 1
            m = _TTL_TOKEN.match(buf, special.start(), line_end + 1)
            if m is None:  # an unterminated string or a stray character: the parser's to name
                pos = special.start() + 1
                continue
            kind = m.lastgroup
            if kind == "newline":
                return m.end()
            if kind == "long":
                end = self.long_string_end(buf, m.end(), m.group())
                if end < 0:
                    if len(buf) - m.start() > limits.literal or final:
                        if final and len(buf) - m.start() <= limits.literal:
                            return len(buf)  # unterminated: the parser names the error
                        raise self.where.literal(buf, m.start(), limits)
                    self.depth = depth_before  # the line is read again with the next buffer
                    return -1
                if end - m.end() - 3 > limits.literal:
                    raise self.where.literal(buf, m.start(), limits)
                line_end = buf.find(b"\n", end)
                if line_end < 0 and not final:  # the line it ends on is not all here yet
                    if len(buf) - line_start > limits.literal + limits.line:
                        raise self.where.long_line(buf, line_start, limits)
                    self.depth = depth_before
                    return -1
                line_end = len(buf) if line_end < 0 else line_end
                pos = end
                continue
            if kind == "str" and m.end() - m.start() - 2 > limits.literal:
                raise self.where.literal(buf, m.start(), limits)
            if kind == "open":
                self.depth += 1
                if self.depth > limits.depth:
                    raise self.where.depth(buf, m.start(), limits)
            elif kind == "close":
                self.depth = max(0, self.depth - 1)
            pos = m.end()
        return len(buf)

    @staticmethod
    def long_string_end(buf: bytes, start: int, quote: bytes) -> int:
        """The end of a long string whose content starts at `start`, or -1."""
        at = buf.find(quote, start)
        while at >= 0:
            backslashes = 0
            while buf[at - 1 - backslashes] == 0x5C:
                backslashes += 1
            if backslashes % 2 == 0:
                end = at + 3
                while end < len(buf) and buf[end] == quote[0] and end - at < 5:
                    end += 1  # up to two quotes of the content may precede the delimiter
                return end
            at = buf.find(quote, at + 1)
        return -1


# --- JSON ----------------------------------------------------------------------------------

_BRACKETS_ONLY = bytes(range(256)).translate(None, b"[]{}")
_OPEN_CLOSE = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


class _JsonScan:
    """JSON (JSON-LD, Kennisrotonde records, JSON Lines): escapes are masked, then the string
    delimiters are the only quotes left, so `split(b'"')` alternates outside and inside."""

    def __init__(self, where: _Position, limits: Limits, line_based: bool) -> None:
        self.where, self.limits = where, limits
        self.in_string = False
        self.string_length = 0  # of the string still open at the end of the last buffer
        self.depth = 0
        self.lines = _Lines(limits.line) if line_based else None

    def feed(self, buf: bytes, final: bool) -> int:
        used = len(buf)
        while not final and used > 0 and buf[used - 1] == 0x5C:
            used -= 1  # an escape split by the buffer's end: take it with the next buffer
        if self.lines is not None:
            for start, _ in self.lines.long_lines(buf, 0, used):
                self.check(buf, used)  # a literal in it is the clearer error
                raise self.where.long_line(buf, start, self.limits)
            self.lines.consumed(buf, used)
        self.check(buf, used)
        return used

    def check(self, buf: bytes, used: int) -> None:
        masked = buf[:used].replace(b"\\\\", b"__").replace(b'\\"', b"__")
        parts = masked.split(b'"')
        first_inside = 0 if self.in_string else 1
        inside = parts[first_inside::2]
        outside = parts[1 - first_inside :: 2]
        longest = max(map(len, inside), default=0)
        if self.in_string and parts:
            longest = max(longest, self.string_length + len(parts[0]))
        if longest > self.limits.literal:
            raise self.locate(buf, used, "literal")
        marks = b"".join(outside).translate(_OPEN_CLOSE, _BRACKETS_ONLY)
        if marks:
            # depth after the i-th bracket = depth + 2 * opens so far - (i + 1)
            peak = max(map(sub, accumulate(marks), count(1)))
            if self.depth + peak > self.limits.depth:
                raise self.locate(buf, used, "depth")
            self.depth = max(0, self.depth + 2 * marks.count(b"\x02") - len(marks))
        odd = (len(parts) - 1) % 2 == 1
        if odd:
            self.in_string = not self.in_string
        last_inside = self.in_string
        if last_inside:
            tail = len(parts[-1])
            self.string_length = tail + (self.string_length if len(parts) == 1 else 0)
        else:
            self.string_length = 0

    def locate(self, buf: bytes, used: int, problem: str) -> InputLimitError:
        """The same walk, one part at a time, to name the line (only on the way to an error)."""
        masked = buf[:used].replace(b"\\\\", b"__").replace(b'\\"', b"__")
        offset, inside, depth, length = 0, self.in_string, self.depth, self.string_length
        for part in masked.split(b'"'):
            if inside:
                length += len(part)
                if problem == "literal" and length > self.limits.literal:
                    return self.where.literal(buf, max(0, offset - 1), self.limits)
            else:
                for m in re.finditer(rb"[\[\]{}]", part):
                    depth = depth + 1 if m.group() in b"[{" else max(0, depth - 1)
                    if problem == "depth" and depth > self.limits.depth:
                        return self.where.depth(buf, offset + m.start(), self.limits)
            offset += len(part) + 1
            inside, length = not inside, 0
        raise AssertionError("pre-scan: a limit was exceeded but not found again")


# --- XML -----------------------------------------------------------------------------------

_XML_TOKEN = re.compile(
    rb"""<(?:
     !--(?P<comment>.*?)-->
    |!\[CDATA\[(?P<cdata>.*?)\]\]>
    |\?(?P<pi>.*?)\?>
    |!DOCTYPE(?P<doctype>[^\[>]*(?:\[(?:"[^"]*"|'[^']*'|<!--.*?-->|[^\]"'])*\])?\s*)>
    |(?P<end>/)?(?P<tag>[^\s/>!?<][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*)>
    |(?P<bad>))""",
    re.X | re.S,
)
_XML_MARKS = bytes.maketrans(b"<\x00\x01", b"\x02\x00\x00")  # open; close; self-closed
_XML_NOT_MARKS = bytes(range(256)).translate(None, b"<\x00\x01")
_ENTITY_DECL = re.compile(
    rb"""<!ENTITY\s+(?P<pe>%\s+)?(?P<name>[^\s%"'>]+)\s+
    (?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<external>SYSTEM|PUBLIC)\b)""",
    re.X | re.S,
)
_SUBSET_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_SUBSET_QUOTED = re.compile(rb"\"[^\"]*\"|'[^']*'")


class _XmlScan:
    """XML (RDF/XML): bytes operations over buffers of tags and text, one regular-expression
    match per token elsewhere (or to name the line of an error). Entities declared in a
    DOCTYPE (wherever it is) are checked and every later reference to them counted."""

    def __init__(self, where: _Position, limits: Limits) -> None:
        self.where, self.limits = where, limits
        self.depth = 0
        self.entities: dict[bytes, int] = {}  # name → length of its value
        self.expanded = 0

    def feed(self, buf: bytes, final: bool) -> int:
        used = self.fast(buf, final)
        if used is not None:
            return used
        # Walk tag by tag up to the last comment, PI or DOCTYPE; the rest may go fast next time.
        last_markup = max(buf.rfind(b"<!"), buf.rfind(b"<?"))
        return self.precise(buf, final, None if final or last_markup < 0 else last_markup + 1)

    def fast(self, buf: bytes, final: bool) -> int | None:
        """A buffer of tags and text only (no comment, CDATA, PI or DOCTYPE, which may hold
        "<"), up to its last "<": whole-buffer bytes operations; None when the tag-by-tag walk
        is needed (other markup, or a bound exceeded: the walk names the line)."""
        cut = len(buf) if final else buf.rfind(b"<")
        if cut <= 0:
            return None
        data = buf[:cut]
        if any(b in data for b in (b"<!", b"<?", b"\x00", b"\x01")):
            return None
        if data.count(b"<") != data.count(b">"):
            return None  # a ">" in a text or attribute: "/>" might not end a tag
        if max(map(len, data.split(b"<"))) > self.limits.literal:
            return None
        # "</" closes, "<" opens, "/>" closes what its tag opened
        marks = data.replace(b"</", b"\x00").replace(b"/>", b"\x01")
        marks = marks.translate(_XML_MARKS, _XML_NOT_MARKS)
        if marks:
            # depth after the i-th tag = depth + 2 * opens so far - (i + 1), as for JSON
            peak = max(map(sub, accumulate(marks), count(1)))
            if self.depth + peak > self.limits.depth:
                return None
            self.depth = max(0, self.depth + 2 * marks.count(b"\x02") - len(marks))
        self.count_references(buf, cut)
        return cut

    def precise(self, buf: bytes, final: bool, stop: int | None = None) -> int:
        limits, where = self.limits, self.where
        pos = 0
        used = 0
        while True:
            start = buf.find(b"<", pos)
            if stop is not None and start >= stop:
                used = start
                break
            if start < 0:
                if len(buf) - pos > limits.literal:
                    self.count_references(buf, len(buf))  # a bomb is the clearer error
                    raise where.literal(buf, pos, limits, "a text")
                used = len(buf) if final else pos
                break
            if start - pos > limits.literal:
                self.count_references(buf, start)
                raise where.literal(buf, pos, limits, "a text")
            m = _XML_TOKEN.match(buf, start)
            assert m is not None  # the last alternative matches anything after "<"
            if m.lastgroup == "bad":
                if final or len(buf) - start > limits.literal:
                    if len(buf) - start > limits.literal:
                        raise where.literal(buf, start, limits, "a tag or comment")
                    raise InputError(
                        f"{where.name}, line {where.line_of(buf, start)}: markup that is not "
                        "well-formed XML"
                    )
                used = start
                break
            if m.end() - start > limits.literal:
                raise where.literal(buf, start, limits, "a tag, comment or CDATA section")
            if m.lastgroup == "doctype":
                self.doctype(buf, start, m.group("doctype"))
            elif m.lastgroup == "tag":
                if m.group("end"):
                    self.depth = max(0, self.depth - 1)
                elif not m.group("tag").endswith(b"/"):
                    self.depth += 1
                    if self.depth > limits.depth:
                        raise where.depth(buf, start, limits)
            pos = m.end()
        self.count_references(buf, used)
        return used

    def doctype(self, buf: bytes, at: int, subset: bytes) -> None:
        where = self.where

        def refuse(what: str) -> InputError:
            return InputError(f"{where.name}, line {where.line_of(buf, at)}: {what}")

        subset = _SUBSET_COMMENT.sub(b"", subset)
        declarations = list(_ENTITY_DECL.finditer(subset))
        for d in declarations:
            if d.group("pe"):
                label = d.group("name").decode(errors="replace")
                raise refuse(f"parameter entity {label!r} refused (none are allowed)")
        bare = _SUBSET_QUOTED.sub(b"", subset)
        if b"%" in bare:
            raise refuse("a parameter entity reference in the DOCTYPE; refused")
        if len(declarations) != bare.count(b"<!ENTITY"):
            raise refuse("an entity declaration that cannot be checked; refused")
        if len(declarations) + len(self.entities) > MAX_ENTITIES:
            raise refuse(f"more than {MAX_ENTITIES} entity declarations; refused")
        for d in declarations:
            label = d.group("name").decode(errors="replace")
            if d.group("external"):
                raise refuse(f"external entity {label!r} refused (nothing is fetched)")
            value = d.group("dq") if d.group("dq") is not None else d.group("sq") or b""
            if re.search(rb"&[^#]|%", value):
                raise refuse(f"entity {label!r} refers to other entities; refused")
            if b"<" in value:
                raise refuse(f"entity {label!r} holds markup; refused")
            self.entities[d.group("name")] = len(value)

    def count_references(self, buf: bytes, used: int) -> None:
        for name, length in self.entities.items():
            references = buf.count(b"&" + name + b";", 0, used)
            self.expanded += references * length
            if self.expanded > self.limits.expansion:
                first = buf.find(b"&" + name + b";", 0, used)
                raise self.where.fail(
                    buf, max(first, 0),
                    f"entity references that expand to more than "
                    f"{_size(self.limits.expansion)} (entity {name.decode(errors='replace')!r})",
                    "input_max_entity_expansion_bytes", _size(self.limits.expansion),
                )  # fmt: skip


# --- CSV -----------------------------------------------------------------------------------

_CSV_SEPARATORS = re.compile(rb"[,;\t|]")


class _CsvScan:
    """CSV: lines (a line longer than a field may be is looked at: a field in it that is too
    long is named before the line) and rows (each gives at least one statement)."""

    def __init__(self, where: _Position, limits: Limits) -> None:
        self.where, self.limits = where, limits
        self.lines = _Lines(min(limits.literal, limits.line))
        self.rows = -1  # the header is not a row

    def feed(self, buf: bytes, final: bool) -> int:
        used = len(buf) if final else buf.rfind(b"\n") + 1
        if used <= 0:
            if len(buf) > self.limits.line:
                if max(map(len, _CSV_SEPARATORS.split(buf))) > self.limits.literal:
                    raise self.where.literal(buf, 0, self.limits, "a field")
                raise self.where.long_line(buf, 0, self.limits)
            return 0
        for start, end in self.lines.long_lines(buf, 0, used):
            line = buf[start:end]
            if max(map(len, _CSV_SEPARATORS.split(line))) > self.limits.literal:
                raise self.where.literal(buf, start, self.limits, "a field")
            if end - start > self.limits.line:
                raise self.where.long_line(buf, start, self.limits)
        self.lines.consumed(buf, used)
        before = self.rows
        self.rows += buf.count(b"\n", 0, used) + (1 if final and not buf.endswith(b"\n") else 0)
        if self.rows > self.limits.statements:
            at = 0  # the start of the first row past the limit (found only for the error)
            for _ in range(self.limits.statements - before):
                at = buf.find(b"\n", at, used) + 1
            raise self.where.fail(
                buf, at, f"more than {self.limits.statements:,} rows",
                "input_max_statements", f"{self.limits.statements:,}",
            )  # fmt: skip
        return used


# --- driver --------------------------------------------------------------------------------


def scan(
    path: Path, syntax: str, limits: Limits | None = None, name: str | None = None
) -> ScanReport:
    """Read the whole file once; raise InputLimitError (or InputError for bad bytes or XML
    that cannot be checked) naming the file and line, else say what was seen."""
    if syntax not in SYNTAXES:
        raise InputError(f"no pre-scan for syntax {syntax!r}; known: {', '.join(SYNTAXES)}")
    limits = limits or Limits.from_settings()
    where = _Position(path, name or path.name)
    scanner: _TurtleScan | _JsonScan | _XmlScan | _CsvScan
    if syntax in ("turtle", "trig", "ntriples", "nquads"):
        scanner = _TurtleScan(where, limits, syntax)
    elif syntax in ("jsonld", "json", "jsonlines"):
        scanner = _JsonScan(where, limits, syntax in LINE_BASED)
    elif syntax == "rdfxml":
        scanner = _XmlScan(where, limits)
    else:
        scanner = _CsvScan(where, limits)
    utf8 = _Utf8(where)
    report = ScanReport()
    buf = b""
    try:
        handle = path.open("rb")
    except OSError as e:
        raise InputError(f"{where.name}: cannot be read: {e.strerror or e}") from e
    with handle:
        while True:
            raw = handle.read(CHUNK)
            final = not raw
            utf8.feed(raw, final)
            buf = buf + raw if buf else raw
            used = scanner.feed(buf, final)
            if used:
                where.offset += used
                buf = buf[used:]
            if final:
                break
    report.bytes = where.offset
    if isinstance(scanner, _CsvScan):
        report.statements = max(scanner.rows, 0)
    return report
