"""The corpus on disk -> one structured Letter: the parsed Dutch letter, its English rendering, attachments."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

from assistant.models import Attachment, Letter, Unit
from assistant.parsing import parse_attachment, parse_letter

log = logging.getLogger(__name__)

LETTER_FILE = "letter.nl.txt"
TRANSLATION_FILE = "letter.en.json"
ATTACHMENTS_DIR = "attachments"
ATTACHMENT_SUFFIXES = (".txt", ".md", ".pdf")


class CorpusError(RuntimeError):
    pass


def attachment_files(corpus_dir: Path) -> list[Path]:
    folder = corpus_dir / ATTACHMENTS_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in ATTACHMENT_SUFFIXES and p.name.lower() != "readme.md"
    )


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Everything whose change must rebuild the index."""
    files = [corpus_dir / LETTER_FILE, corpus_dir / TRANSLATION_FILE, *attachment_files(corpus_dir)]
    return [f for f in files if f.exists()]


def corpus_digest(corpus_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        digest.update(path.relative_to(corpus_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _read_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader  # only needed when someone drops in a PDF

        return "\n\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8", errors="replace")


def _match_attachment(path: Path, attachments: list[Attachment]) -> Attachment:
    """By the first number in the file name ('bijlage-2.pdf'), else by shared title words."""
    number = re.search(r"\d+", path.stem)
    if number:
        found = next((a for a in attachments if a.number == int(number.group())), None)
        if found:
            return found
    words = set(re.findall(r"[a-z]{4,}", path.stem.lower()))
    scored = [(len(words & set(re.findall(r"[a-z]{4,}", a.title.lower()))), a) for a in attachments]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    if best[1] is not None and best[0] > 0:
        return best[1]
    # A text the letter does not list: cite it under its file name.
    extra = Attachment(number=max((a.number for a in attachments), default=0) + 1, title=path.stem)
    attachments.append(extra)
    return extra


def _apply_translation(units: list[Unit], path: Path) -> str:
    if not path.exists():
        log.warning("no English rendering at %s: English answers will quote Dutch only", path)
        return ""
    data = json.loads(path.read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in data.get("sentences", [])}
    missing = 0
    for unit in units:
        for sentence in unit.sentences:
            entry = by_id.get(sentence.id)
            # A rendering of other Dutch words is worse than none: the letter changed, the rendering did not.
            if entry and entry.get("nl") == sentence.nl and entry.get("en"):
                sentence.en = entry["en"]
            else:
                missing += 1
    if missing:
        log.warning("%d sentences have no matching English rendering in %s", missing, path)
    for unit in units:
        if unit.kind == "demand" and unit.sentences and unit.sentences[0].en:
            unit.section_en = f"{unit.section_en}: {unit.sentences[0].en.rstrip('.').strip()}"
        if unit.kind == "demand_part" and unit.parent:
            parent = next(u for u in units if u.id == unit.parent)
            if parent.sentences and parent.sentences[0].en:
                unit.section_en = f"{unit.section_en} ({parent.sentences[0].en.rstrip('.').strip()})"
    return str(data.get("note", ""))


def load_letter(corpus_dir: Path) -> Letter:
    letter_path = corpus_dir / LETTER_FILE
    if not letter_path.exists():
        raise CorpusError(f"the letter is missing: {letter_path}")
    raw = letter_path.read_text(encoding="utf-8")
    parsed = parse_letter(raw)
    units = parsed.units
    note = _apply_translation(units, corpus_dir / TRANSLATION_FILE)
    attachments = parsed.attachments
    sources = {"letter": parsed.normalised}
    for path in attachment_files(corpus_dir):
        attachment = _match_attachment(path, attachments)
        text = _read_text(path)
        if not text.strip():
            log.warning("attachment file %s has no text; skipped", path)
            continue
        parsed_attachment = parse_attachment(text, attachment.number, attachment.title)
        attachment.available = True
        attachment.file = path.name
        units.extend(parsed_attachment.units)
        sources[f"attachment-{attachment.number}"] = parsed_attachment.normalised
    return Letter(units=units, attachments=attachments, sources=sources, translation_note=note)
