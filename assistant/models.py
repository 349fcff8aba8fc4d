"""Data contracts: the structured letter and the JSON answer that CLI, HTTP API and evals share."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

UnitKind = Literal[
    "salutation",
    "paragraph",
    "demands_intro",
    "demand",
    "demand_part",
    "closing_request",
    "signature",
    "copies",
    "attachments",
    "attachment_text",
]
Lang = Literal["nl", "en"]


class Sentence(BaseModel):
    id: str
    nl: str
    en: str | None = None
    # Offset of the sentence in the whitespace-normalised source text: document order across units.
    position: int = 0


class Unit(BaseModel):
    """One addressable part of the letter: a paragraph, a demand, a demand part, the copy list..."""

    id: str
    kind: UnitKind
    section_nl: str
    section_en: str
    sentences: list[Sentence]
    demand: str | None = None  # "4", "4b"
    parent: str | None = None
    source: str = "letter"  # "letter" or "attachment-<n>"

    @property
    def text_nl(self) -> str:
        return " ".join(s.nl for s in self.sentences)

    @property
    def text_en(self) -> str | None:
        if any(s.en is None for s in self.sentences):
            return None
        return " ".join(s.en for s in self.sentences if s.en)

    @property
    def position(self) -> int:
        return self.sentences[0].position if self.sentences else 0


class Attachment(BaseModel):
    number: int
    title: str
    available: bool = False  # True once its text is in corpus/attachments/
    file: str | None = None


class Letter(BaseModel):
    units: list[Unit]
    attachments: list[Attachment] = []
    # Whitespace-normalised texts every quote must be a substring of, by source ("letter", "attachment-1").
    sources: dict[str, str]
    translation_note: str = ""

    def unit(self, unit_id: str) -> Unit:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)

    def by_kind(self, *kinds: str) -> list[Unit]:
        return [u for u in self.units if u.kind in kinds]

    def demand(self, label: str) -> Unit | None:
        return next((u for u in self.units if u.demand == label), None)

    def children(self, unit_id: str) -> list[Unit]:
        return [u for u in self.units if u.parent == unit_id]

    @property
    def demand_numbers(self) -> list[int]:
        return [int(u.demand) for u in self.units if u.kind == "demand" and u.demand]


class ChatTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    """One question, as a batch line or an HTTP body."""

    model_config = ConfigDict(extra="forbid")

    question: str
    history: list[ChatTurn] = Field(default_factory=list)

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question must not be empty")
        return value


class Citation(BaseModel):
    n: int
    id: str
    section: str
    demand: str | None = None
    quote: str  # verbatim Dutch, whitespace normalised
    quote_en: str | None = None


class Timings(BaseModel):
    retrieve: float
    answer: float
    total: float


class Answer(BaseModel):
    """The JSON answer: a stable contract for evaluation scripts."""

    question: str
    language: Lang
    answer: str
    refused: bool
    citations: list[Citation]
    timings_ms: Timings
