"""Settings from the environment (and `.env`), read once and cached.

Neo4j's own variable names (`NEO4J_URI`, …) select an external server; everything else is
prefixed `KENNISGRAAF_`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kennisgraaf", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="KENNISGRAAF_", env_file=".env", extra="ignore", populate_by_name=True
    )

    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_username: str = Field(default="neo4j", validation_alias="NEO4J_USERNAME")
    neo4j_password: str | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")

    data_dir: Path = Field(default_factory=_default_data_dir)
    neo4j_port: int = 7687
    neo4j_heap: str = "1g"
    neo4j_page_cache_mb: int = 256
    neo4j_start_timeout_s: float = 180.0
    connect_timeout_s: float = 5.0
    # How long managed transactions retry after transient errors (a restarting server).
    transaction_retry_s: float = 30.0
    # One writer per database (graph/lease.py): how long the writer lease lasts unless its
    # holder renews it (a dead holder's lease expires after this), and how long a second load
    # waits for it before it is refused.
    load_lease_s: float = 30.0
    load_lease_wait_s: float = 600.0

    base_iri: str = "https://w3id.org/kennisgraaf/"
    # The load gate's SHACL engine: Jena SHACL in a child JVM (same results as pyshacl, faster;
    # ontology/jena_gate.py) or pyshacl, the validator of record; how long a batch may take.
    gate_engine: Literal["jena", "pyshacl"] = "jena"
    gate_engine_timeout_s: float = Field(default=600.0, gt=0)

    # The dataset's catalogue entry (DCAT-AP 3, DCAT-AP-NL 3; api/catalog.py): who publishes it
    # (an IRI, e.g. its ROR ID, and a name), whom to ask (an e-mail address or a web page; unset:
    # the landing page), the licence the published data carries, and the period it covers.
    publisher_iri: str | None = None  # unset: {base_iri}id/organisation/publisher
    publisher_name: str = "kennisgraaf"
    contact_email: str | None = None
    contact_url: str | None = None
    licence: str = "https://spdx.org/licenses/EUPL-1.2"
    coverage_start: str = "2019-01-01"  # ISO dates (kept as text: settings pass to workers as JSON)
    coverage_end: str | None = None
    # Personal data (README "Personal data"): the key of the opaque IRIs and of the hashes in
    # erasure records (unset: generated once into {data_dir}/site-secret, never in the
    # repository), and the audit log of restricted reads (unset: {data_dir}/audit/restricted.log).
    site_secret: str | None = Field(default=None, repr=False)
    audit_log: Path | None = None

    # Bounds on every input file, checked by a streaming pre-scan before a parser sees it
    # (loaders/prescan.py). Nesting: real documents stay under ~30 levels; pyoxigraph's
    # JSON-LD parser overflows its stack near 10,000 and its RDF/XML parser slows
    # quadratically. A literal (any JSON string, CSV field, XML text): 1 MiB is far above
    # real texts and far below pyoxigraph's 16 MB token buffer. Lines (line-based formats
    # only: minified JSON-LD and RDF/XML are one line): a literal plus its IRIs. Statements:
    # an upper bound per file. Entities: the total an RDF/XML document's internal entities
    # expand to.
    input_max_depth: int = Field(default=256, ge=2)
    input_max_literal_bytes: int = Field(default=1024 * 1024, ge=64)
    input_max_line_bytes: int = Field(default=2 * 1024 * 1024, ge=256)
    input_max_statements: int = Field(default=10_000_000, ge=1)
    input_max_entity_expansion_bytes: int = Field(default=1024 * 1024, ge=0)

    # API
    host: str = "127.0.0.1"
    port: int = 8000
    # The URL clients reach the API at (behind a proxy: the proxy's), for the links the API
    # hands out, e.g. the reconciliation manifest's; unset: http://{host}:{port}/. Never the
    # request's Host header, which any client can set.
    public_url: str | None = None
    max_upload_bytes: int = 50 * 1024 * 1024
    # Cost bounds of the public reconciliation and search routes (README, "Cost limits").
    reconcile_max_batch: int = Field(default=50, ge=1, le=1000)
    reconcile_max_query_chars: int = Field(default=500, ge=10)
    reconcile_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    reconcile_candidates: int = Field(default=50, ge=1, le=1000)
    reconcile_time_budget_s: float = Field(default=10.0, gt=0)
    reconcile_concurrency: int = Field(default=4, ge=1)
    search_max_query_chars: int = Field(default=200, ge=10)
    search_max_results: int = Field(default=50, ge=1, le=1000)
    search_timeout_s: float = Field(default=5.0, gt=0)
    # Per-client request rates of the public, costly routes (`limits` notation, several
    # separated by ";", e.g. "10/second;300/minute"); 429 with Retry-After above them.
    rate_limit_enabled: bool = True
    rate_limit_reconcile: str = "10/second;300/minute"
    rate_limit_search: str = "5/second;120/minute"
    rate_limit_sparql: str = "2/second;60/minute"
    rate_limit_validate: str = "1/second;20/minute"
    cypher_timeout_s: float = 10.0
    cypher_max_rows: int = 10_000
    # Caps on a /cypher query's text, checked before Neo4j parses it (api/cypher_text.py).
    # Neo4j 5.26's parser overflows its stack (the connection then hangs) at 256 nested lists
    # or maps, 300-800 parentheses, ~5,000 chained operands, and parses a 3,000-token `+`
    # chain in ~2 s (benchmarks/bench_cypher_caps.py); the named queries nest at most 5 deep
    # and the largest has 941 tokens.
    cypher_max_length: int = Field(default=10_000, ge=100)
    cypher_max_tokens: int = Field(default=2_000, ge=50)
    cypher_max_depth: int = Field(default=32, ge=8)
    # Planning (the EXPLAIN gate) is bounded on its own: a 40-hop pattern keeps the planner busy
    # for minutes, while a cold first plan may well take longer than a short query timeout.
    cypher_plan_timeout_s: float = Field(default=10.0, gt=0)
    sparql_timeout_s: float = 10.0
    sparql_max_results: int = 10_000
    # SPARQL query processes (sparql/pool.py): the address space each may use (RLIMIT_AS;
    # an idle one maps ~0.2 GiB, so 1 GiB leaves ~0.8 GiB to a query; 0: no limit, else at
    # least 512), how many run (0: 2-4 by CPU count) and how many requests may wait for one
    # (beyond: 503 with Retry-After). The query text's bounds, checked before any parser sees
    # it (sparql/guard.py): pyoxigraph overflows its stack near 5,000 nested groups and
    # 3,000 chained BINDs; the shipped query nests 2 deep with 8 operators.
    sparql_memory_limit_mb: int = Field(default=1024, ge=0)
    sparql_pool_size: int = Field(default=0, ge=0)
    sparql_queue_size: int = Field(default=8, ge=0)
    sparql_max_query_chars: int = Field(default=256 * 1024, ge=100)
    sparql_max_nesting: int = Field(default=64, ge=8, le=1000)
    sparql_max_operators: int = Field(default=2000, ge=50, le=2500)
    # Uploads are parsed and validated in worker processes (api/upload_pool.py): how many, and
    # how long one upload may take before its process is killed (answered 413).
    upload_workers: int = 1
    validate_timeout_s: float = 60.0
    # On shutdown, how long the running import gets to commit its batch in flight and stop.
    import_stop_timeout_s: float = 60.0
    # Statements per batch (one transaction each) of an import sent to the API.
    import_batch_size: int = Field(default=20_000, ge=1)
    # The address space of each upload validation process (RLIMIT_AS), in MB; 0: no limit.
    # Validating 10^5 statements peaks near 750 MB of address space (200 MB resident).
    upload_memory_limit_mb: int = Field(default=2048, ge=0)

    @property
    def uses_local_neo4j(self) -> bool:
        return not self.neo4j_uri

    @property
    def neo4j_home(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_port}"

    @field_validator("coverage_start", "coverage_end")
    @classmethod
    def _coverage_is_a_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"expected a date as YYYY-MM-DD, not {value!r}") from None
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url_is_http(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query:
            raise ValueError(f"public_url must be an http(s) URL without a query, not {value!r}")
        return value.rstrip("/") + "/"

    @property
    def public_base_url(self) -> str:
        """The API's public URL, ending in "/" (`public_url`, or http://{host}:{port}/)."""
        return self.public_url or f"http://{self.host}:{self.port}/"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
