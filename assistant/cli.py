"""Command line: `python -m assistant ask|ingest|chat`. Thin: all logic lives in the pipeline."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import TextIO

from pydantic import ValidationError

from assistant.config import get_settings
from assistant.models import Answer, AskRequest


def _configure_logging() -> None:
    logging.basicConfig(
        level=get_settings().log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Libraries log at INFO what a user does not need (model paths, HTTP clients).
    for noisy in ("sentence_transformers", "httpx", "chromadb", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def render(answer: Answer) -> str:
    """A readable answer with its sources, for the terminal."""
    heading = "Bronnen" if answer.language == "nl" else "Sources"
    lines = [answer.answer, ""]
    if answer.citations:
        lines.append(f"{heading}:")
        for c in answer.citations:
            lines.append(f"  [{c.n}] {c.section}")
            lines.append(f"      „{c.quote}”")
            if c.quote_en:
                lines.append(f"      (unofficial translation) “{c.quote_en}”")
    return "\n".join(lines)


def _error(message: str) -> dict[str, str]:
    return {"error": message}


def _from_argv(text: str) -> str:
    """Bytes that are not UTF-8 reach argv as lone surrogates (surrogateescape): make them U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _known_errors() -> tuple[type[Exception], ...]:
    """Errors with a message meant for the user: printed as one line, without a traceback."""
    from assistant.corpus import CorpusError
    from assistant.embeddings import EmbeddingModelMissing
    from assistant.index import IndexUnavailable
    from assistant.parsing import LetterParseError

    return (CorpusError, EmbeddingModelMissing, IndexUnavailable, LetterParseError)


def _batch(assistant: object, stream: TextIO, out: TextIO) -> int:
    from assistant.pipeline import Assistant, InvalidQuestion

    assert isinstance(assistant, Assistant)
    failures = 0
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            request = AskRequest.model_validate_json(line)
            result: dict[str, object] = assistant.ask(request.question, request.history).model_dump()
        except (ValidationError, InvalidQuestion, ValueError) as exc:
            failures += 1
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            result = {**_error(message), "line": number}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except _known_errors() as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Questions about the VNG letter.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question, or a JSONL batch")
    ask.add_argument("question", nargs="?", help="the question")
    ask.add_argument("--json", action="store_true", help="print the JSON answer")
    ask.add_argument("--batch", metavar="FILE", help="JSONL file of {question, history}; '-' for stdin")
    ingest = sub.add_parser("ingest", help="build the index (only when the corpus, model or schema changed)")
    ingest.add_argument("--force", action="store_true", help="rebuild even when up to date")
    sub.add_parser("chat", help="interactive chat in the terminal")
    args = parser.parse_args(argv)
    _configure_logging()

    # Imported here so that `--help` and argument errors stay instant.
    from assistant.pipeline import Assistant, InvalidQuestion

    if args.command == "ingest":
        from assistant.corpus import load_letter
        from assistant.embeddings import load_embeddings
        from assistant.index import LetterIndex

        settings = get_settings()
        index = LetterIndex(settings, load_embeddings(settings.embedding_model))
        built = index.ensure(load_letter(settings.corpus_dir), force=args.force)
        print(f"index {'built' if built else 'up to date'} at {index.location}: {index.size} documents")
        return 0

    if args.command == "ask":
        if not args.batch and args.question is None:
            parser.error("ask needs a QUESTION or --batch FILE")
        if args.batch and args.batch != "-":
            try:
                stream: TextIO = open(args.batch, encoding="utf-8", errors="replace")  # noqa: SIM115
            except OSError as exc:
                print(f"error: cannot read the batch file {args.batch}: {exc.strerror}", file=sys.stderr)
                return 2
        elif args.batch:
            # Invalid UTF-8 on stdin becomes U+FFFD, and that line gets an error object, not a traceback.
            sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
            stream = sys.stdin
        assistant = Assistant.load()
        if args.batch:
            with stream:
                return _batch(assistant, stream, sys.stdout)
        try:
            answer = assistant.ask(_from_argv(args.question))
        except InvalidQuestion as exc:
            if args.json:
                print(json.dumps(_error(str(exc)), ensure_ascii=False))
            else:
                print(f"error: {exc}", file=sys.stderr)
            return 2
        print(answer.model_dump_json(indent=2) if args.json else render(answer))
        return 0

    assistant = Assistant.load()
    sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    print("Vragen over de brief van de VNG van 22 september 2025 (Ctrl-D om te stoppen).")
    history = []
    from assistant.models import ChatTurn

    while True:
        try:
            question = input("\n> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        try:
            answer = assistant.ask(question, history)
        except InvalidQuestion as exc:
            print(f"({exc})")
            continue
        print(render(answer))
        history += [ChatTurn(role="user", content=question), ChatTurn(role="assistant", content=answer.answer)]
