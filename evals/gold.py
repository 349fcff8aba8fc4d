"""The gold set: one JSON object per line (see evals/README.md for the fields)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

GOLD_PATH = Path(__file__).resolve().parent / "gold.jsonl"
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class GoldCase:
    id: str
    split: str
    category: str
    lang: str
    question: str
    history: list[dict[str, str]] = field(default_factory=list)
    expect_units: list[str] = field(default_factory=list)
    # Groups of alternatives: a group is met when any alternative occurs in the answer (folded).
    key_facts: list[list[str]] = field(default_factory=list)
    refuse: bool = False

    @property
    def answerable(self) -> bool:
        return not self.refuse


def fold(text: str) -> str:
    """Lower-case, diacritics stripped: 'Oekraïense' matches 'oekraiense'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def load_gold(path: Path = GOLD_PATH, split: str = "all") -> list[GoldCase]:
    if split not in (*SPLITS, "all"):
        raise ValueError(f"unknown split {split!r}: use dev, heldout or all")
    cases: list[GoldCase] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        case = GoldCase(**row)
        if case.id in seen:
            raise ValueError(f"{path}:{number}: duplicate case id {case.id}")
        if case.split not in SPLITS:
            raise ValueError(f"{path}:{number}: unknown split {case.split!r}")
        seen.add(case.id)
        if split == "all" or case.split == split:
            cases.append(case)
    return cases
