"""Parse a letter as extracted from a PDF into addressable units.

The parser knows the shape of a Dutch administrative letter (salutation, body, a numbered list of demands
with titles and lettered parts, a closing request, closing formula and signature, copy list, attachments),
not the offsets or wording of one letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pysbd

from assistant.models import Attachment, Sentence, Unit

SALUTATION_RE = re.compile(r"^(geachte|hooggeachte|zeer geachte|beste|dear)\b", re.I)
CLOSING_RE = re.compile(
    r"^(met\s+(vriendelijke|hartelijke|collegiale)\s+groet(en)?|hoogachtend|met\s+hoogachting|"
    r"vriendelijke\s+groet(en)?|kind\s+regards|yours\s+sincerely)\b",
    re.I,
)
COPIES_RE = re.compile(r"^(in\s+afschrift\s+aan|afschrift\s+aan|kopie\s+aan|cc)\s*:?\s*", re.I)
ATTACHMENTS_RE = re.compile(r"^(bijlagen?|attachments?)\s*:?\s*", re.I)
NUMBERED_RE = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
BULLET_RE = re.compile(r"^[-–—•*]\s*(\S.*)$")
PART_RE = re.compile(r"\(([a-z])[.)]?\)\s*")
MEETING_RE = re.compile(r"\b(overleg|gesprek|afspraak|ontmoeting|bijeenkomst|meeting)\b", re.I)
SENTENCE_END_RE = re.compile(r"[.!?:]$")
# Connectives that glue a lettered part to the next one ("...; en (c.) ...").
PART_TAIL_RE = re.compile(r"[\s;,]*(\b(en|of|and|or)\b)?[\s;,]*$")


def normalise_ws(text: str) -> str:
    """Collapse every run of whitespace to one space: the form quotes are compared in."""
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="nl", clean=False)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _segmenter().segment(text) if s.strip()]


@dataclass
class Block:
    """Lines that belong together (a paragraph, a list item, a header), wraps kept as separate lines."""

    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return normalise_ws(" ".join(self.lines))


def _is_double_spaced(lines: list[str]) -> bool:
    """PDF extraction often writes an empty line after every wrapped line; then empty lines mean nothing."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 4:
        return False
    followed = sum(1 for i in content if i + 1 < len(lines) and lines[i + 1] == "")
    return followed / len(content) >= 0.6


def to_blocks(raw: str) -> list[Block]:
    """Rejoin wrapped lines into blocks; start a new block at paragraph breaks and list items."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n \n").split("\n")
    double = _is_double_spaced(lines)
    blocks: list[Block] = []
    current = Block()
    gap = True  # was there a separator (of any kind) before this line?
    expected_number = 1

    def flush() -> None:
        nonlocal current
        if current.lines:
            blocks.append(current)
        current = Block()

    for line in lines:
        if not line.strip():
            # In double-spaced text a bare empty line is a wrap artefact; a line of spaces is a real blank.
            if not double or line != "":
                flush()
            gap = True
            continue
        stripped = line.strip()
        numbered = NUMBERED_RE.match(stripped)
        starts_item = bool(BULLET_RE.match(stripped)) or (
            numbered is not None and int(numbered.group(1)) in (1, expected_number)
        )
        # Two content lines with nothing between them in double-spaced text: a page or hard line break.
        # It separates paragraphs when a sentence ends there and the next line starts anew.
        page_break = (
            double
            and not gap
            and current.lines
            and bool(SENTENCE_END_RE.search(current.lines[-1]))
            and stripped[:1].isupper()
            and line[:1].isspace()
        )
        if starts_item or page_break:
            flush()
        if numbered and starts_item:
            expected_number = int(numbered.group(1)) + 1
        elif not current.lines and not numbered:
            expected_number = 1 if not blocks or not NUMBERED_RE.match(blocks[-1].lines[0]) else expected_number
        current.lines.append(stripped)
        gap = False
    flush()
    return blocks


class LetterParseError(ValueError):
    pass


@dataclass
class ParsedLetter:
    units: list[Unit]
    attachments: list[Attachment]
    normalised: str


class _Builder:
    """Collects units and gives every sentence its id and its offset in the normalised text."""

    def __init__(self, raw: str, source: str) -> None:
        self.normalised = normalise_ws(raw)
        self.source = source
        self.cursor = 0
        self.units: list[Unit] = []

    def locate(self, text: str) -> int:
        pos = self.normalised.find(text, self.cursor)
        if pos < 0:
            pos = self.normalised.find(text)
        if pos < 0:
            raise LetterParseError(f"not verbatim in the source: {text!r}")
        self.cursor = pos
        return pos

    def add(self, unit_id: str, kind: str, section_nl: str, section_en: str, texts: list[str], **extra: object) -> Unit:
        sentences = [
            Sentence(id=f"{unit_id}.s{k}", nl=text, position=self.locate(text))
            for k, text in enumerate((t for t in texts if t), start=1)
        ]
        unit = Unit(
            id=unit_id,
            kind=kind,  # type: ignore[arg-type]
            section_nl=section_nl,
            section_en=section_en,
            sentences=sentences,
            source=self.source,
            **extra,  # type: ignore[arg-type]
        )
        self.units.append(unit)
        return unit


def _demand_list_span(blocks: list[Block]) -> tuple[int, int] | None:
    """The longest run of blocks numbered 1, 2, 3, ...: the demands."""
    best: tuple[int, int] | None = None
    i = 0
    while i < len(blocks):
        match = NUMBERED_RE.match(blocks[i].lines[0])
        if match and int(match.group(1)) == 1:
            j = i + 1
            while j < len(blocks):
                nxt = NUMBERED_RE.match(blocks[j].lines[0])
                if not nxt or int(nxt.group(1)) != j - i + 1:
                    break
                j += 1
            if best is None or j - i > best[1] - best[0]:
                best = (i, j)
            i = j
        else:
            i += 1
    return best


def _split_parts(body: str) -> tuple[list[str], str, list[tuple[str, str]], list[str]] | None:
    """'Zet door op: (a.) x; (b.) y; (c.) z. Laat ...' ->
    (sentences before, lead-in 'Zet door op:', [('a', 'x'), ('b', 'y'), ('c', 'z.')], ['Laat ...'])."""
    markers = list(PART_RE.finditer(body))
    letters = [m.group(1) for m in markers]
    if len(markers) < 2 or letters != [chr(ord("a") + k) for k in range(len(markers))]:
        return None
    before = split_sentences(body[: markers[0].start()])
    lead = before.pop() if before else ""
    parts = []
    for k, marker in enumerate(markers[:-1]):
        text = PART_TAIL_RE.sub("", body[marker.end() : markers[k + 1].start()].strip())
        parts.append((marker.group(1), text))
    # The last part runs to the end of its sentence; what follows belongs to the demand again.
    rest = split_sentences(body[markers[-1].end() :])
    parts.append((markers[-1].group(1), rest[0] if rest else ""))
    return before, lead, parts, rest[1:]


def _demand_units(builder: _Builder, number: int, text: str) -> None:
    sentences = split_sentences(text)
    title_sentence = sentences[0]
    title = title_sentence.rstrip(".").strip()
    unit_id = f"demand-{number}"
    body = text[text.index(title_sentence) + len(title_sentence) :].strip()
    split = _split_parts(body)
    if split:
        before, lead, parts, after = split
        own = [title_sentence, *before, lead, *after]
    else:
        own, parts = sentences, []
    builder.add(unit_id, "demand", f"Eis {number}: {title}", f"Demand {number}", own, demand=str(number))
    # Parts are located after the lead-in; positions keep document order.
    lead_pos = builder.locate(own[len(own) - len(split[3]) - 1]) if split else builder.cursor
    for letter, part_text in parts:
        builder.cursor = lead_pos
        builder.add(
            f"demand-{number}{letter}",
            "demand_part",
            f"Eis {number}{letter} ({title})",
            f"Demand {number}({letter})",
            [part_text],
            demand=f"{number}{letter}",
            parent=unit_id,
        )
        lead_pos = builder.cursor


def _list_items(blocks: list[Block], header_re: re.Pattern[str]) -> list[str]:
    """Items of a list whose first block starts with a header ('In afschrift aan:', 'Bijlagen:')."""
    items: list[str] = []
    for k, block in enumerate(blocks):
        for line in block.lines:
            if k == 0 and header_re.match(line):
                rest = header_re.sub("", line, count=1).strip()
                if rest:
                    items.append(rest)
                continue
            items.append(line)
    cleaned = []
    for item in items:
        bullet = BULLET_RE.match(item)
        item = bullet.group(1) if bullet else item
        cleaned.append(item.strip().rstrip(";,").strip())
    return [c for c in cleaned if c]


def _merge_list_lines(items: list[str]) -> list[str]:
    """A numbered list item wrapped over several lines: glue unnumbered lines to the item before."""
    merged: list[str] = []
    for item in items:
        if NUMBERED_RE.match(item) or not merged:
            merged.append(item)
        else:
            merged[-1] = f"{merged[-1]} {item}"
    return merged


def parse_letter(raw: str, source: str = "letter") -> ParsedLetter:
    blocks = to_blocks(raw)
    if not blocks:
        raise LetterParseError("the letter is empty")
    builder = _Builder(raw, source)

    # Sections are found by their headers; what lies between them is the body.
    idx = 0
    if SALUTATION_RE.match(blocks[0].text):
        builder.add("salutation", "salutation", "Aanhef", "Salutation", [blocks[0].text])
        idx = 1

    def find(pattern: re.Pattern[str], start: int) -> int | None:
        return next((k for k in range(start, len(blocks)) if pattern.match(blocks[k].text)), None)

    closing = find(CLOSING_RE, idx)
    copies = find(COPIES_RE, idx)
    attachments_at = find(ATTACHMENTS_RE, closing if closing is not None else idx)
    body_end = min(k for k in (closing, copies, attachments_at, len(blocks)) if k is not None)
    body = blocks[idx:body_end]

    span = _demand_list_span(body)
    before = body[: span[0]] if span else body
    demand_blocks = body[span[0] : span[1]] if span else []
    after = body[span[1] :] if span else []

    intro = None
    if span and before and before[-1].text.endswith(":"):
        intro = before[-1]
        before = before[:-1]
    for k, block in enumerate(before, start=1):
        builder.add(f"paragraph-{k}", "paragraph", f"Alinea {k}", f"Paragraph {k}", split_sentences(block.text))
    if intro is not None:
        builder.add(
            "demands-intro",
            "demands_intro",
            "Inleiding op de eisen",
            "Introduction to the demands",
            split_sentences(intro.text),
        )
    for block in demand_blocks:
        match = NUMBERED_RE.match(block.text)
        assert match is not None
        _demand_units(builder, int(match.group(1)), match.group(2))
    for k, block in enumerate(after, start=1):
        meeting = bool(MEETING_RE.search(block.text))
        suffix = "" if len(after) == 1 else f"-{k}"
        builder.add(
            f"closing-request{suffix}",
            "closing_request",
            "Verzoek om overleg" if meeting else "Slotalinea",
            "Request for a meeting" if meeting else "Closing paragraph",
            split_sentences(block.text),
        )

    if closing is not None:
        sign_end = min(k for k in (copies, attachments_at, len(blocks)) if k is not None and k > closing)
        lines = [line for block in blocks[closing:sign_end] for line in block.lines]
        builder.add("signature", "signature", "Ondertekening", "Signature", lines)

    if copies is not None:
        copies_end = attachments_at if attachments_at is not None and attachments_at > copies else len(blocks)
        items = _list_items(blocks[copies:copies_end], COPIES_RE)
        builder.add("copies", "copies", "In afschrift aan", "Copies to", items)

    attachments: list[Attachment] = []
    if attachments_at is not None:
        end = copies if copies is not None and copies > attachments_at else len(blocks)
        items = _merge_list_lines(_list_items(blocks[attachments_at:end], ATTACHMENTS_RE))
        titles = []
        for k, item in enumerate(items, start=1):
            numbered = NUMBERED_RE.match(item)
            number, title = (int(numbered.group(1)), numbered.group(2)) if numbered else (k, item)
            attachments.append(Attachment(number=number, title=title))
            titles.append(title)
        builder.add("attachments", "attachments", "Bijlagen", "Attachments", titles)

    builder.units.sort(key=lambda u: u.position)
    return ParsedLetter(units=builder.units, attachments=attachments, normalised=builder.normalised)


def parse_attachment(raw: str, number: int, title: str) -> ParsedLetter:
    """An attachment's own text: one unit per paragraph, citable like the letter."""
    source = f"attachment-{number}"
    builder = _Builder(raw, source)
    for k, block in enumerate(to_blocks(raw), start=1):
        builder.add(
            f"{source}-{k}",
            "attachment_text",
            f"Bijlage {number}: {title}, alinea {k}",
            f"Attachment {number}: {title}, paragraph {k}",
            split_sentences(block.text),
        )
    return ParsedLetter(units=builder.units, attachments=[], normalised=builder.normalised)
