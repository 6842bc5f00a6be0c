"""The text gate of POST /cypher: what a researcher's query may contain, decided before Neo4j.

Neo4j's parser recurses once per level of nesting and its plan cache keys on the text, so some
texts are never its business: 3,000 nested parentheses overflow its stack (the error is lost
and the connection hangs until the Bolt timeout), a long `1+1+…` chain or thousands of tokens
take seconds to parse. And the plan of an administration command (`TERMINATE TRANSACTIONS`,
`SHOW USERS`) is as "read-only" as a MATCH. So the text is checked here first, in one linear
pass, against caps (length, tokens, nesting) and an allow-list:

- the query begins with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL — so no command
  (SHOW, TERMINATE, GRANT, START DATABASE, …), no `USE`, and no `EXPLAIN`/`PROFILE`/`CYPHER …`
  prefix: the service plans the query itself, and runtime options are not the caller's to pick;
- clauses that write, load files, pick a database or run transactions of their own are refused
  wherever they stand: CREATE, INSERT, MERGE, SET, REMOVE, DELETE, DETACH, FOREACH, LOAD CSV,
  USE, CALL … IN TRANSACTIONS, SHOW, TERMINATE and the other administration verbs, hints
  (USING) and FINISH;
- `CALL` is a subquery (`CALL { … }`, `CALL (x) { … }`) or one of the read-only procedures
  below; every function called is a built-in read-only one (a namespaced name must be listed).

A keyword counts as one only where Neo4j would read it as one: not inside strings, comments or
backticks, not as a property key (`n.set`), label (`:Delete`), map key (`{create: 1}`) or alias
(`AS remove`). Where this gate and Neo4j could disagree about where a string or comment ends,
the gate ends it earlier, so it looks at more text as code, never less; and `\\uXXXX` escapes,
which Neo4j decodes anywhere before it reads the text, are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kennisgraaf.api.errors import ApiError


def _words(text: str, fold: bool = False) -> frozenset[str]:
    return frozenset(w.casefold() if fold else w for w in text.split())


# Read-only procedures of Neo4j 5.26 Community that researchers need: the schema and the
# full-text index. Not db.stats.*, db.resampleIndex, db.clearQueryCaches (they change the
# server's state though they run in READ mode) nor any dbms.* (administration).
PROCEDURES = (
    "db.labels db.relationshipTypes db.propertyKeys db.schema.visualization "
    "db.schema.nodeTypeProperties db.schema.relTypeProperties "
    "db.index.fulltext.queryNodes db.index.fulltext.queryRelationships"
)
ALLOWED_PROCEDURES = _words(PROCEDURES, fold=True)

# The built-in functions of Neo4j 5.26 (SHOW FUNCTIONS), all of which only compute or read,
# less graph.* (they address other databases of a composite one), plus the forms the grammar
# spells like functions.
ALLOWED_FUNCTIONS = _words(
    "abs acos all any asin atan atan2 avg btrim ceil char_length character_length coalesce "
    "collect cos cot count date date.realtime date.statement date.transaction date.truncate "
    "datetime datetime.fromepoch datetime.fromepochmillis datetime.realtime "
    "datetime.statement datetime.transaction datetime.truncate degrees duration "
    "duration.between duration.inDays duration.inMonths duration.inSeconds e elementId "
    "endNode exists exp file floor haversin head id isEmpty isNaN keys labels last left "
    "length linenumber localdatetime localdatetime.realtime localdatetime.statement "
    "localdatetime.transaction localdatetime.truncate localtime localtime.realtime "
    "localtime.statement localtime.transaction localtime.truncate log log10 lower ltrim max "
    "min nodes none normalize nullIf percentileCont percentileDisc pi point point.distance "
    "point.withinBBox properties radians rand randomUUID range reduce relationships replace "
    "reverse right round rtrim sign sin single size split sqrt startNode stdev stdevp "
    "substring sum tail tan time time.realtime time.statement time.transaction "
    "time.truncate timestamp toBoolean toBooleanList toBooleanOrNull toFloat toFloatList "
    "toFloatOrNull toInteger toIntegerList toIntegerOrNull toLower toString toStringList "
    "toStringOrNull toUpper trim type upper valueType vector.similarity.cosine "
    "vector.similarity.euclidean shortestPath allShortestPaths",
    fold=True,
)

STATEMENT_HEADS = ("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL")

_WRITES = "writes to the graph"
_ADMIN = "is an administration command"
REFUSED_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("CREATE", "INSERT", "MERGE", "SET", "REMOVE", "DELETE", "DETACH", "NODETACH"), _WRITES
    ),
    "FOREACH": _WRITES,
    "LOAD": "reads files or URLs (LOAD CSV)",
    "USE": "selects a database (USE); queries read the configured one",
    "TRANSACTIONS": "runs or manages transactions (IN TRANSACTIONS, SHOW/TERMINATE TRANSACTIONS)",
    "USING": "gives the planner hints (USING …), which are not accepted",
    "FINISH": "is not one of the accepted clauses",
    **dict.fromkeys(
        ("SHOW", "TERMINATE", "GRANT", "DENY", "REVOKE", "ALTER", "DROP", "RENAME"), _ADMIN
    ),
    **dict.fromkeys(("DEALLOCATE", "REALLOCATE", "DRYRUN"), _ADMIN),
}
# Only meaningful as the first word of a statement, where the head rule refuses them; as
# variables (`MATCH (start)-->(stop)`) they stay names.
_HEAD_REASONS: dict[str, str] = {
    "EXPLAIN": "is a prefix the service adds itself; send the query without it",
    "PROFILE": "would run the query outside the service's checks; send it without the prefix",
    "CYPHER": "sets Cypher version, planner or runtime options, which are not accepted",
    **dict.fromkeys(("START", "STOP", "ENABLE"), _ADMIN),
}
# Keywords that may stand right before "(" without being a function name.
_NOT_FUNCTIONS = _words(
    "WHERE AND OR XOR NOT IN IS MATCH OPTIONAL RETURN WITH UNWIND CALL CASE WHEN THEN ELSE "
    "SKIP LIMIT OFFSET BY DISTINCT CONTAINS STARTS ENDS UNION SHORTEST PATH PATHS GROUP GROUPS "
    "ELEMENTS FROM YIELD AS ON"
)
_UNARY_AFTER_WORD = _words(
    "WHERE AND OR XOR NOT IN IS RETURN WITH UNWIND CASE WHEN THEN ELSE SKIP LIMIT OFFSET BY "
    "DISTINCT CONTAINS STARTS ENDS"
)

# Neo4j's lexer, as far as where tokens end matters. Line comments end at any character some
# Unicode rule calls a line break, strings at the first quote not escaped by a backslash.
_SPACE = re.compile(r"\s+")
# Neo4j turns \uXXXX into its character anywhere in the text before it reads tokens (a backslash
# escaped by another one excepted), so `'a\u0027` closes a string and `\u000a` ends a comment.
_UNICODE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u")
_LINE_COMMENT = re.compile(r"//[^\n\r\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e]*")
_WORD = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(
    r"0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+"
    r"|(?:\d[\d_]*(?:\.\d[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?"
)
_DIGITS = re.compile(r"\d+")
_SYMBOLS = ("..", "::", "<>", "<=", ">=", "!=", "=~", "+=", "||", "->", "<-")
_OPEN = {"(": ")", "[": "]", "{": "}"}
_LABEL_OPERATORS = ("|", "&", "!", "%")
_CLOSE = {v: k for k, v in _OPEN.items()}


@dataclass(frozen=True)
class Token:
    kind: str  # word, name (backticked), string, number, param, symbol
    text: str  # a name's text without its backticks
    offset: int


@dataclass(frozen=True)
class TextLimits:
    max_length: int
    max_tokens: int
    max_depth: int


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _refuse(text: str, offset: int, kind: str, what: str) -> ApiError:
    return ApiError(400, kind, f"{what} (at {_where(text, offset)})")


def _refuse_unicode_escapes(text: str) -> None:
    escape = _UNICODE_ESCAPE.search(text)
    if escape is not None:
        raise _refuse(
            text,
            escape.end() - 2,
            "query-not-allowed",
            "\\u escapes are not accepted (Neo4j decodes them before it reads the query, in "
            "strings and names too); write the character itself",
        )


def _skipped(text: str, i: int) -> int:
    """Where the white space or comment starting at `i` ends; `i` when none starts there."""
    if text[i].isspace():
        m = _SPACE.match(text, i)
        return m.end() if m else i + 1
    if text.startswith("//", i):
        m = _LINE_COMMENT.match(text, i)
        return m.end() if m else len(text)
    if text.startswith("/*", i):
        end = text.find("*/", i + 2)
        if end < 0:
            raise _refuse(text, i, "bad-query", "a /* comment is not closed")
        return end + 2
    return i


def tokenize(text: str, max_tokens: int, max_depth: int | None = None) -> list[Token]:
    """The query's tokens; comments and white space dropped. Linear, no recursion.

    With `max_depth`, brackets opened deeper than that are refused on the way."""
    _refuse_unicode_escapes(text)
    tokens: list[Token] = []
    i, n = 0, len(text)
    depth = 0
    while i < n:
        if (skipped := _skipped(text, i)) != i:
            i = skipped
            continue
        c = text[i]
        start = i
        if c in "'\"":
            i = _string_end(text, i)
            tokens.append(Token("string", "", start))
        elif c == "`":
            i, name = _backticked(text, i)
            tokens.append(Token("name", name, start))
        elif c == "$":
            i = _parameter_end(text, i)
            tokens.append(Token("param", text[start:i], start))
        elif c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            m = _NUMBER.match(text, i)
            i = m.end() if m and m.end() > i else i + 1
            tokens.append(Token("number", text[start:i], start))
        elif (m := _WORD.match(text, i)) is not None:
            i = m.end()
            tokens.append(Token("word", m.group(), start))
        else:
            symbol = next((s for s in _SYMBOLS if text.startswith(s, i)), c)
            i += len(symbol)
            tokens.append(Token("symbol", symbol, start))
            depth += (symbol in _OPEN) - (symbol in _CLOSE)
            if max_depth is not None and depth > max_depth:
                raise _too_deep(text, tokens[-1], max_depth)
        if len(tokens) > max_tokens:
            raise _refuse(
                text, start, "query-too-complex", f"the query has more than {max_tokens} tokens"
            )
    return tokens


def _string_end(text: str, i: int) -> int:
    quote, j, n = text[i], i + 1, len(text)
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
        elif c == quote:
            return j + 1
        else:
            j += 1
    raise _refuse(text, i, "bad-query", "a string is not closed")


def _backticked(text: str, i: int) -> tuple[int, str]:
    j, n, parts = i + 1, len(text), []
    while True:
        end = text.find("`", j)
        if end < 0:
            raise _refuse(text, i, "bad-query", "a `name` is not closed")
        parts.append(text[j:end])
        if end + 1 < n and text[end + 1] == "`":  # `` is a backtick inside the name
            parts.append("`")
            j = end + 2
            continue
        return end + 1, "".join(parts)


def _parameter_end(text: str, i: int) -> int:
    j = i + 1
    if j < len(text) and text[j] == "`":
        return _backticked(text, j)[0]
    m = _WORD.match(text, j) or _DIGITS.match(text, j)
    # `$(` and `$any(` are dynamic labels and properties (5.26): the bracket stays a token
    return m.end() if m else j


def check_text(text: str, limits: TextLimits) -> None:
    """Refuse (400, naming what and where) a query outside the caps or the allow-list."""
    if len(text) > limits.max_length:
        raise ApiError(
            400,
            "query-too-large",
            f"the query is {len(text)} characters long; at most {limits.max_length} are accepted",
        )
    tokens = tokenize(text, limits.max_tokens, limits.max_depth)
    if not tokens:
        raise ApiError(400, "bad-query", "the query is empty")
    _check_head(text, tokens[0])
    keyword = _keyword_flags(tokens)
    _check_tokens(text, tokens, keyword, limits.max_depth)


def _check_head(text: str, first: Token) -> None:
    word = first.text.upper() if first.kind == "word" else ""
    if word in STATEMENT_HEADS:
        return
    heads = ", ".join(h if h != "OPTIONAL" else "OPTIONAL MATCH" for h in STATEMENT_HEADS)
    reason = _HEAD_REASONS.get(word) or REFUSED_WORDS.get(word)
    said = f"{word} {reason}" if reason else f"it begins with {text[first.offset :][:20]!r}"
    raise _refuse(
        text,
        first.offset,
        "query-not-allowed",
        f"/cypher accepts queries that begin with {heads}; {said}",
    )


def _keyword_flags(tokens: list[Token]) -> list[bool]:
    """Whether each token is a word Neo4j reads as a keyword rather than as a name."""
    flags = [False] * len(tokens)
    in_labels = False
    for k, token in enumerate(tokens):
        before = tokens[k - 1] if k else None
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        before_symbol = before.text if before is not None and before.kind == "symbol" else ""
        if token.kind != "word":
            # a label expression (:A|!B&`C d`) goes on through | & ! % and backticked names
            if token.kind == "symbol":
                in_labels = token.text == ":" or (in_labels and token.text in _LABEL_OPERATORS)
            else:
                in_labels = in_labels and token.kind == "name"
            continue
        # a property key (`n.set`, not `1.set`: that dot could belong to a number), a label
        named = (
            (before_symbol == "." and k >= 2 and tokens[k - 2].kind != "number")
            or before_symbol == ":"
            or (in_labels and before_symbol in _LABEL_OPERATORS)
            or (after is not None and after.kind == "symbol" and after.text == ":")
            or (before is not None and flags[k - 1] and before.text.upper() == "AS")
        )
        in_labels = in_labels and named
        flags[k] = not named
    return flags


def _check_tokens(text: str, tokens: list[Token], keyword: list[bool], max_depth: int) -> None:
    stack: list[Token] = []
    unary_run = 0  # NOT - + in a row: each is one more level of Neo4j's expression parser
    procedure_parts: set[int] = set()
    for k, token in enumerate(tokens):
        word = token.text.upper() if keyword[k] else ""
        if word in REFUSED_WORDS:
            raise _refuse(
                text,
                token.offset,
                "query-not-allowed",
                f"{word} {REFUSED_WORDS[word]}; /cypher accepts read-only queries",
            )
        if word == "CALL":
            procedure_parts |= _check_call(text, tokens, k)
        unary_run = unary_run + 1 if _is_unary(tokens, keyword, k) else 0
        if token.kind == "symbol":
            _check_symbol(text, tokens, keyword, k, stack, procedure_parts)
        if len(stack) + unary_run > max_depth:
            raise _too_deep(text, token, max_depth)
    if stack:
        opened = stack[-1]
        raise _refuse(text, opened.offset, "bad-query", f"{opened.text!r} is not closed")


def _check_symbol(
    text: str,
    tokens: list[Token],
    keyword: list[bool],
    k: int,
    stack: list[Token],
    procedure_parts: set[int],
) -> None:
    token = tokens[k]
    if token.text in _OPEN:
        if token.text == "(" and k > 0 and k - 1 not in procedure_parts:
            _check_function(text, tokens, keyword, k)
        stack.append(token)
    elif token.text in _CLOSE:
        if not stack or stack[-1].text != _CLOSE[token.text]:
            raise _refuse(text, token.offset, "bad-query", f"{token.text!r} closes nothing")
        stack.pop()
    elif token.text == ";" and k != len(tokens) - 1:
        raise _refuse(text, token.offset, "bad-query", "/cypher runs one statement at a time")


def _too_deep(text: str, token: Token, max_depth: int) -> ApiError:
    return _refuse(
        text,
        token.offset,
        "query-too-complex",
        f"the query nests brackets and NOT/sign operators deeper than {max_depth} levels",
    )


def _is_unary(tokens: list[Token], keyword: list[bool], k: int) -> bool:
    token = tokens[k]
    if keyword[k] and token.text.upper() == "NOT":
        return True
    if token.kind != "symbol" or token.text not in ("-", "+"):
        return False
    if k == 0:
        return True
    before = tokens[k - 1]
    if before.kind == "symbol":
        return before.text not in (")", "]", "}")
    return keyword[k - 1] and before.text.upper() in _UNARY_AFTER_WORD


def _name_chain(tokens: list[Token], end: int) -> tuple[int, str]:
    """The dotted name ending at tokens[end] (`db.index.fulltext.queryNodes`): start, name."""
    start = end
    while (
        start >= 2
        and tokens[start - 1].kind == "symbol"
        and tokens[start - 1].text == "."
        and tokens[start - 2].kind in ("word", "name")
    ):
        start -= 2
    return start, ".".join(t.text for t in tokens[start : end + 1 : 2])


def _check_call(text: str, tokens: list[Token], k: int) -> set[int]:
    """CALL { … } and CALL (x) { … } are subqueries; otherwise a listed procedure is called."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is None:
        raise _refuse(text, tokens[k].offset, "bad-query", "CALL of nothing")
    if nxt.kind == "symbol" and nxt.text in ("{", "("):
        return set()
    end = k + 1
    while (
        end + 2 < len(tokens)
        and tokens[end].kind in ("word", "name")
        and tokens[end + 1].kind == "symbol"
        and tokens[end + 1].text == "."
        and tokens[end + 2].kind in ("word", "name")
    ):
        end += 2
    if tokens[end].kind not in ("word", "name"):
        raise _refuse(text, nxt.offset, "bad-query", "CALL must name a procedure or open { … }")
    _, name = _name_chain(tokens, end)
    if name.casefold() not in ALLOWED_PROCEDURES:
        raise _refuse(
            text,
            nxt.offset,
            "query-not-allowed",
            f"the procedure {name} is not one /cypher calls; it calls "
            + ", ".join(PROCEDURES.split()),
        )
    return set(range(k + 1, end + 2))


def _check_function(text: str, tokens: list[Token], keyword: list[bool], k: int) -> None:
    """The name right before "(" is a function, unless it is a keyword such as WHERE or IN."""
    end = k - 1
    before = tokens[end]
    if before.kind not in ("word", "name"):
        return
    start, name = _name_chain(tokens, end)
    if start == end and keyword[end] and before.text.upper() in _NOT_FUNCTIONS:
        return
    if name.casefold() not in ALLOWED_FUNCTIONS:
        raise _refuse(
            text,
            tokens[start].offset,
            "query-not-allowed",
            f"the function {name} is not one /cypher calls: only Neo4j's built-in read-only "
            "functions are accepted",
        )
