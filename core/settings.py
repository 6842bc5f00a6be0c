"""Settings from the environment (and `.env`), read once and cached.

Neo4j's own variable names (`NEO4J_URI`, …) select an external server; everything else is
prefixed `KENNISGRAAF_`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field
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

    base_iri: str = "https://w3id.org/kennisgraaf/"

    # API
    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_bytes: int = 50 * 1024 * 1024
    cypher_timeout_s: float = 10.0
    cypher_max_rows: int = 10_000
    sparql_timeout_s: float = 10.0
    sparql_max_results: int = 10_000

    @property
    def uses_local_neo4j(self) -> bool:
        return not self.neo4j_uri

    @property
    def neo4j_home(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
