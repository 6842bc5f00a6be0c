"""The formats the SPARQL endpoint answers in, chosen by `Accept` (the rule of
`kennisgraaf.accept`): SELECT and ASK as SPARQL results, CONSTRUCT and DESCRIBE as RDF.

A query's form is only known once it is parsed, so the best results format and the best RDF
format are both chosen up front; either may be None, and the query process answers "not
acceptable" (406) when the one its query needs is None.
"""

from __future__ import annotations

from kennisgraaf import accept, rdf_formats
from kennisgraaf.rdf_formats import RESULTS_SYNTAXES, RdfSyntax, ResultsSyntax
from kennisgraaf.sparql.refusals import NotAcceptableError

# In order of preference: the first is what `*/*` or no Accept at all gets.
RESULT_FORMATS: tuple[ResultsSyntax, ...] = RESULTS_SYNTAXES
# Every RDF format of the table, in its order (quad formats carry the graph as the default one).
GRAPH_FORMATS: tuple[RdfSyntax, ...] = rdf_formats.RDF_SYNTAXES


def choose(accept_header: str | None) -> tuple[ResultsSyntax | None, RdfSyntax | None]:
    """The results format and the RDF format the client prefers (None: it accepts neither)."""
    return accept.choose(accept_header, RESULT_FORMATS), accept.choose(accept_header, GRAPH_FORMATS)


def not_acceptable(kind: str | None) -> NotAcceptableError:
    """The refusal for a query of `kind` (select, ask, graph; None: any) that the client
    accepts no format for."""
    offers: tuple[ResultsSyntax | RdfSyntax, ...] = (
        RESULT_FORMATS if kind in {"select", "ask"} else GRAPH_FORMATS if kind else
        RESULT_FORMATS + GRAPH_FORMATS
    )  # fmt: skip
    what = f"{kind.upper()} results" if kind in {"select", "ask"} else "a graph" if kind else "this"
    available = [f.media_type for f in offers]
    return NotAcceptableError(
        f"none of the accepted media types can carry {what}; offered: " + ", ".join(available),
        available,
    )
