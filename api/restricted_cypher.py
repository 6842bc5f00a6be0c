"""POST /cypher without the `restricted` scope: what keeps restricted personal data out of reach.

Restricted values live on the nodes themselves, under `_`-prefixed bookkeeping keys (the
per-source parts `_by:…` and `_restricted`, see graph/provenance.py); the visible properties are
public. So a query from a token without the `restricted` scope may not reach those keys:

- no name (property key, variable, alias) and no string literal that begins with `_`;
- no `properties(…)` or `keys(…)`, and no `.*` map projection (they hand out every key);
- no dynamic subscript `x[…]` other than a number or a range of numbers (`n['_by:…']`,
  `n[k]`), and no parameter values that begin with `_`;
- no property named as one of the bookkeeping nodes' keys that hold statements, resource IRIs
  or a person's traces (BOOKKEEPING_KEYS: the batch an interrupted import held back, a
  quarantine report, an extent's IRIs, an erasure's hashes); no resource has such a property;
- nodes and relationships in the result lose their `_`-prefixed properties and those keys.
"""

from __future__ import annotations

from typing import Any

from kennisgraaf.api.cypher_text import Token, tokenize
from kennisgraaf.api.errors import ApiError

_WHOLE = frozenset({"properties", "keys"})
# Keys of the load's, projection's and erasure's own nodes (Import, ImportBatchReport,
# SourceExtent, ProjectionChange, Erasure) whose values may carry restricted personal data or
# name people; the other keys of those nodes (ids, sources, counts, times) are harmless.
# tests/integration/test_erasure.py fails on a bookkeeping key that is in neither list.
BOOKKEEPING_KEYS = frozenset(
    {"held", "report", "iris", "map", "identifiers", "keyHash", "standIn", "by"}
)
_BEFORE_SUBSCRIPT = frozenset({")", "]", "}"})
# Words after which `[` opens a list, not a subscript.
_BEFORE_LIST = frozenset({
    "unwind", "in", "return", "with", "and", "or", "xor", "not", "where", "then", "else", "when",
    "case", "contains", "distinct", "by", "starts", "ends", "skip", "limit",
})  # fmt: skip
_SUBSCRIPT_OK = frozenset({"number", ".."})


def _refused(what: str) -> ApiError:
    return ApiError(
        403,
        "restricted-data",
        f"{what}: the bookkeeping and restricted personal data are kept for tokens with the "
        "'restricted' scope",
    )


def check_public_query(text: str, parameters: dict[str, Any], max_tokens: int) -> None:
    """Refuse a query that could read `_`-prefixed or bookkeeping keys (see the module's
    description)."""
    tokens = tokenize(text, max_tokens)
    braces = 0  # inside a map or pattern's properties a key before ':' reads that property
    for k, token in enumerate(tokens):
        if token.kind in ("word", "name") and token.text.startswith("_"):
            raise _refused(f"the name {token.text!r} begins with '_'")
        if token.kind == "string" and text[token.offset + 1 : token.offset + 2] == "_":
            raise _refused("a string that begins with '_'")
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        whole = token.kind == "word" and token.text.casefold() in _WHOLE
        if whole and following is not None and following.text == "(":
            raise _refused(f"{token.text}() lists every property")
        if token.text == "." and following is not None and following.text == "*":
            raise _refused("a .* projection lists every property")
        if (key := _bookkeeping_key(token, following, braces)) is not None:
            raise _refused(f"the property {key!r} (held by the bookkeeping nodes)")
        braces += {"{": 1, "}": -1}.get(token.text, 0) if token.kind == "symbol" else 0
        if token.kind == "symbol" and token.text == "[" and k > 0 and _subscript(tokens[k - 1]):
            _check_subscript(tokens, k + 1)
    for name, value in parameters.items():
        if isinstance(value, str) and value.startswith("_"):
            raise _refused(f"the parameter {name!r} begins with '_'")


def _bookkeeping_key(token: Token, following: Token | None, depth: int) -> str | None:
    """The bookkeeping key read at `token`: `x.held`, `x {.held}`, or `held:` within braces
    (a pattern's properties, compared)."""
    if following is None:
        return None
    if token.text == "." and token.kind == "symbol" and following.kind in ("word", "name"):
        return following.text if following.text in BOOKKEEPING_KEYS else None
    if depth > 0 and token.kind in ("word", "name") and following.text == ":":
        return token.text if token.text in BOOKKEEPING_KEYS else None
    return None


def _subscript(before: Token) -> bool:
    if before.kind == "word" and before.text.casefold() in _BEFORE_LIST:
        return False
    return before.kind in ("word", "name", "param") or before.text in _BEFORE_SUBSCRIPT


def _check_subscript(tokens: list[Token], start: int) -> None:
    for token in tokens[start:]:
        if token.text == "]":
            return
        if not (token.kind in _SUBSCRIPT_OK or token.text in ("-", "..")):
            raise _refused("a subscript other than a number or a range of numbers")


def public_rows(value: Any) -> Any:
    """Result values without the `_`-prefixed and bookkeeping properties of nodes and
    relationships."""
    if isinstance(value, list):
        return [public_rows(v) for v in value]
    if isinstance(value, dict):
        out = {k: public_rows(v) for k, v in value.items()}
        props = out.get("properties")
        if "element_id" in out and isinstance(props, dict):
            out["properties"] = {
                k: v
                for k, v in props.items()
                if not str(k).startswith("_") and k not in BOOKKEEPING_KEYS
            }
        return out
    return value
