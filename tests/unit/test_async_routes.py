"""No blocking call inside an `async def` route: it would stall every request on the event loop.

Every route of the app is enumerated. A plain `def` route runs in a worker thread and may block.
An `async def` route (and every module-level `async def` helper it awaits) may call, without
awaiting, only functions on a reviewed list of cheap, non-blocking ones; blocking work goes
through `await run_in_threadpool(...)` / `await to_thread.run_sync(...)` (passed, not called).
A call of a known blocking function fails with its name; any other call fails as not reviewed,
so a new call in an async route is looked at before it lands.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute

from kennisgraaf.api.app import create_app
from kennisgraaf.settings import Settings

# Blocking: database, files, processes, sleeping, the pipeline, outbound HTTP.
BLOCKING = frozenset({
    "execute_query", "session", "run", "verify_connectivity", "server_info", "begin_transaction",
    "open", "read_bytes", "read_text", "write_bytes", "write_text", "mkdir", "unlink", "rmtree",
    "load_file", "validate_file", "Popen", "check_output", "sleep", "urlopen", "spool",
    "find_token", "reconcile", "execute", "run_read_only",
})  # fmt: skip
# Reviewed: constant-time work on values already in memory (or raising an error).
NON_BLOCKING = frozenset({
    # builtins and str/bytes/dict methods
    "len", "str", "int", "float", "bool", "dict", "list", "tuple", "set", "isinstance",
    "getattr", "any", "all", "min", "max", "sorted", "decode", "encode", "strip", "split",
    "lower", "startswith", "endswith", "get", "getlist", "items", "keys", "values", "join",
    "format", "replace", "partition", "rstrip",
    # responses and refusals
    "ApiError", "JSONResponse", "Response", "HTMLResponse", "PlainTextResponse",
    "refuse_update", "_too_large", "too_long", "problem", "url_for", "_api_error",
    # request parsing (headers, query strings, bodies already read)
    "parse_qs", "_single", "_utf8", "rdf_suffix", "upload_suffix", "media_type",
    "preferred_language", "upload_name", "_parse_queries", "_form_queries", "manifest", "_root",
    "report_in_turtle",
    # app state held in memory (created once, then looked up)
    "_limiter", "_index",
    # reads the tokens file (a few hundred bytes, page-cached): reviewed as acceptable
    "require_scope",
    # in-memory values: byte buffers, regular expressions on bounded text, a job's state,
    # reconciliation parameters
    "bytearray", "bytes", "isdigit", "fullmatch", "match", "view", "stream",
    "ReconQuery", "types_of", "from_settings", "EntitySuggestions",
    # awaiting hands these a function, they do not call it here
    "run_in_threadpool", "run_sync",
})  # fmt: skip


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)  # include_router's wrapper
        if included is not None:
            yield from _api_routes(included.routes)


def _async_routes() -> Iterator[tuple[str, Callable[..., Any]]]:
    app = create_app(Settings(neo4j_uri="bolt://127.0.0.1:1", data_dir=Path("/nonexistent")))
    for route in _api_routes(app.routes):
        if inspect.iscoroutinefunction(route.endpoint):
            yield f"{sorted(route.methods or ())} {route.path}", route.endpoint


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ast.unparse(func)


def _body_nodes(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of a body, without those of functions defined in it (they run elsewhere:
    handed to a thread, or called — and then flagged — by name)."""
    stack: list[ast.AST] = list(statements)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _problems(function: Callable[..., Any], seen: set[Any]) -> list[str]:
    if function in seen:
        return []
    seen.add(function)
    definition = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    assert isinstance(definition, ast.AsyncFunctionDef)
    nodes = list(_body_nodes(definition.body))  # not the decorators or parameter defaults
    awaited = {id(node.value) for node in nodes if isinstance(node, ast.Await)}
    problems = []
    name = f"{function.__module__}.{function.__qualname__}"
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        callee = _callee(node)
        if id(node) in awaited:
            helper = function.__globals__.get(callee)
            if inspect.iscoroutinefunction(helper) and helper.__module__.startswith("kennisgraaf"):
                problems += _problems(helper, seen)
            continue
        if callee in BLOCKING:
            problems.append(f"{name} line {node.lineno}: blocking call {callee}()")
        elif callee not in NON_BLOCKING:
            problems.append(
                f"{name} line {node.lineno}: {callee}() is not reviewed as non-blocking"
            )
    return problems


def test_the_app_has_async_routes_to_check() -> None:
    # Uploads must be read in the event loop (await request.body()): these stay async.
    assert {"['POST'] /validate", "['POST'] /imports"} <= dict(_async_routes()).keys()


def test_no_async_route_calls_a_blocking_function() -> None:
    seen: set[Any] = set()
    problems = [p for _, endpoint in _async_routes() for p in _problems(endpoint, seen)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_blocking_call() -> None:
    import time

    async def handler() -> None:
        time.sleep(1)

    assert _problems(handler, set()) == [
        f"{__name__}.test_the_check_catches_a_blocking_call.<locals>.handler line 2: "
        "blocking call sleep()"
    ]
