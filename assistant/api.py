"""The HTTP API: POST /api/ask, GET /api/health, GET /api/letter (FastAPI; OpenAPI docs at /docs)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.models import Answer, AskRequest, Attachment, Sentence
from assistant.pipeline import Assistant, InvalidQuestion

log = logging.getLogger(__name__)

LETTER_TITLE_NL = "Brief van de VNG aan minister-president Schoof over de asielopvang, 22 september 2025"
LETTER_TITLE_EN = "Letter from the VNG to prime minister Schoof on asylum reception, 22 September 2025"


class Health(BaseModel):
    ready: bool
    units: int
    documents: int
    model: str
    corpus_hash: str
    index: str


class LetterUnit(BaseModel):
    id: str
    kind: str
    section_nl: str
    section_en: str
    demand: str | None = None
    parent: str | None = None
    source: str
    text_nl: str
    text_en: str | None = None  # unofficial translation
    sentences: list[Sentence]


class LetterOut(BaseModel):
    title_nl: str
    title_en: str
    translation_note: str
    units: list[LetterUnit]
    attachments: list[Attachment]


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str


class ErrorOut(BaseModel):
    error: str
    detail: list[ErrorItem] = []


def letter_out(bot: Assistant) -> LetterOut:
    letter = bot.letter
    return LetterOut(
        title_nl=LETTER_TITLE_NL,
        title_en=LETTER_TITLE_EN,
        translation_note=letter.translation_note,
        units=[
            LetterUnit(
                id=u.id, kind=u.kind, section_nl=u.section_nl, section_en=u.section_en, demand=u.demand,
                parent=u.parent, source=u.source, text_nl=u.text_nl, text_en=u.text_en, sentences=u.sentences,
            )
            for u in letter.units
        ],
        attachments=letter.attachments,
    )


def _validation_items(errors: Any) -> list[ErrorItem]:
    items = []
    for err in errors:
        loc = [part for part in err.get("loc", ()) if part != "body"] or ["body"]
        if err.get("type") == "json_invalid":
            loc = ["body"]
        msg = str(err.get("msg", "invalid value"))
        items.append(ErrorItem(loc=loc, msg=msg.removeprefix("Value error, ")))
    return items


def create_app(bot: Assistant) -> FastAPI:
    """The API around an already loaded assistant (model and index are loaded once, by the caller)."""
    app = FastAPI(
        title="Letter assistant",
        summary=f"Grounded, cited answers in Dutch and English about ONE letter: {LETTER_TITLE_EN}.",
        description=(
            "Answers quote the Dutch letter verbatim; English renderings are an unofficial translation. "
            "The chat UI is at `/`."
        ),
        version="0.1.0",
    )
    app.state.bot = bot
    letter = letter_out(bot)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        items = _validation_items(exc.errors())
        message = "; ".join(f"{'.'.join(str(p) for p in i.loc)}: {i.msg}" for i in items)
        body = ErrorOut(error=f"invalid request: {message}", detail=items)
        return JSONResponse(status_code=422, content=body.model_dump())

    @app.exception_handler(InvalidQuestion)
    async def _invalid_question(request: Request, exc: InvalidQuestion) -> JSONResponse:
        body = ErrorOut(error=f"invalid question: {exc}", detail=[ErrorItem(loc=["question"], msg=str(exc))])
        return JSONResponse(status_code=422, content=body.model_dump())

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # A body that is not even JSON text (e.g. invalid UTF-8) is invalid input too: 422, same shape.
        status = 422 if exc.status_code == 400 else exc.status_code
        body = ErrorOut(error=f"invalid request: {exc.detail}" if status == 422 else str(exc.detail))
        return JSONResponse(status_code=status, content=body.model_dump())

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(status_code=500, content=ErrorOut(error="internal server error").model_dump())

    responses: dict[int | str, dict[str, Any]] = {422: {"model": ErrorOut, "description": "Invalid question"}}

    @app.post("/api/ask", response_model=Answer, responses=responses, tags=["assistant"])
    def ask(request: AskRequest) -> Answer:
        """Answer one question about the letter, with numbered citations of verbatim Dutch quotes."""
        log.debug("ask: %r (history %d turns)", request.question, len(request.history))
        answer = bot.ask(request.question, request.history)
        log.info("ask: lang=%s refused=%s citations=%d chars=%d total_ms=%.0f", answer.language, answer.refused,
                 len(answer.citations), len(request.question), answer.timings_ms.total)
        return answer

    @app.get("/api/health", response_model=Health, tags=["assistant"])
    def health() -> Health:
        """Index ready, number of letter units and indexed documents, embedding model, corpus hash."""
        return Health.model_validate(bot.health())

    @app.get("/api/letter", response_model=LetterOut, tags=["assistant"])
    def get_letter() -> LetterOut:
        """The structured letter: units with ids, section labels, Dutch text and the unofficial English rendering."""
        return letter

    return app
