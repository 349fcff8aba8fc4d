"""Compose answers from the letter's own sentences, in the question's language, with [n] markers.

No generative model: every sentence of an answer is either the letter's sentence (Dutch) or its aligned
rendering (English), framed by a short template. It cannot say what the letter does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.models import Citation, Lang, Letter, Sentence, Unit

NUMBER_WORDS = {
    "nl": {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen"},
    "en": {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"},
}


def count_word(n: int, lang: Lang) -> str:
    return NUMBER_WORDS[lang].get(n, str(n))


def _marked(text: str, marker: str) -> str:
    """'... zorg.' -> '... zorg [2].': the marker inside the sentence it backs."""
    if text and text[-1] in ".!?":
        return f"{text[:-1]} {marker}{text[-1]}"
    return f"{text} {marker}"


@dataclass
class Passage:
    """Sentences of one unit chosen for an answer."""

    unit: Unit
    sentences: list[Sentence]
    whole_demand: bool = False  # render a demand with its lettered parts
    literal: bool = False  # quote the salutation as written ("how does the letter open?")


@dataclass
class Composer:
    letter: Letter
    lang: Lang
    citations: list[Citation] = field(default_factory=list)

    def cite(self, unit: Unit, sentences: list[Sentence]) -> str:
        """Register a citation for sentences of a unit and return its marker. The quote is the source text
        from the first sentence to the last, so it is verbatim even across list bullets."""
        source = self.letter.sources[unit.source]
        first, last = min(sentences, key=lambda s: s.position), max(sentences, key=lambda s: s.position)
        quote = source[first.position : last.position + len(last.nl)]
        quote_en = None
        if self.lang == "en" and all(s.en for s in sentences):
            quote_en = " ".join(s.en or "" for s in sentences)
        for existing in self.citations:
            if existing.id == unit.id and existing.quote == quote:
                return f"[{existing.n}]"
        n = len(self.citations) + 1
        self.citations.append(
            Citation(
                n=n,
                id=unit.id,
                section=unit.section_nl if self.lang == "nl" else unit.section_en,
                demand=unit.demand,
                quote=quote,
                quote_en=quote_en,
            )
        )
        return f"[{n}]"

    def say(self, sentence: Sentence) -> str:
        if self.lang == "en" and sentence.en:
            return sentence.en
        return sentence.nl

    def runs(self, unit: Unit, chosen: list[Sentence]) -> str:
        """The chosen sentences, each followed by the marker of the citation that quotes its run (text that
        stands together in the source; a skipped sentence or a part in between starts a new run)."""
        chosen = sorted(chosen, key=lambda s: s.position)
        groups: list[list[Sentence]] = []
        for sentence in chosen:
            if groups and sentence.position <= groups[-1][-1].position + len(groups[-1][-1].nl) + 1:
                groups[-1].append(sentence)
            else:
                groups.append([sentence])
        out = []
        for group in groups:
            marker = self.cite(unit, group)
            out.extend(_marked(self.say(s), marker) for s in group)
        return " ".join(out)

    def title(self, unit: Unit) -> str:
        first = unit.sentences[0]
        return self.say(first).rstrip(".").strip()

    # --- per kind -------------------------------------------------------------------------------

    def demand(self, passage: Passage) -> str:
        unit = passage.unit
        title_sentence = unit.sentences[0]
        body = [s for s in passage.sentences if s.id != title_sentence.id]
        title = f"{self.say(title_sentence).rstrip('.').strip()} {self.cite(unit, [title_sentence])}"
        if self.lang == "nl":
            head = f"Eis {unit.demand} heet „{title.split(' [')[0]}” [{self.citations[-1].n}]."
        else:
            head = f"Demand {unit.demand} is titled “{title.split(' [')[0]}” [{self.citations[-1].n}]."
        if not body and not passage.whole_demand:
            return head
        parts = self.letter.children(unit.id) if passage.whole_demand else []
        segments: list[str] = []
        after_parts: list[Sentence] = []
        before_parts: list[Sentence] = []
        if parts:
            first_part = parts[0].position
            before_parts = [s for s in body if s.position < first_part]
            after_parts = [s for s in body if s.position >= first_part]
        else:
            before_parts = body
        if before_parts:
            segments.append(self.runs(unit, before_parts))
        if parts:
            items = []
            for part in parts:
                # "4(b)", as municipal staff refer to it ("eis 4b"), for the letter's "(b)"
                items.append(f"{part.demand[:-1]}({part.demand[-1]}) {self.say(part.sentences[0]).rstrip('.;')} "
                             f"{self.cite(part, part.sentences)}")
            segments.append("; ".join(items) + ".")
        if after_parts:
            segments.append(self.runs(unit, after_parts))
        # "Writes", not "asks": a demand also holds statements ("U stelt ... ter discussie").
        lead = "Daarin schrijft de VNG:" if self.lang == "nl" else "In it, the VNG writes:"
        return f"{head} {lead} " + " ".join(segments)

    def demand_part(self, passage: Passage) -> str:
        unit = passage.unit
        parent = self.letter.unit(unit.parent) if unit.parent else None
        text = self.runs(unit, passage.sentences)
        parent_title = self.title(parent) if parent else ""
        if self.lang == "nl":
            return f"Eis {unit.demand} (onderdeel van eis {parent.demand if parent else ''}, „{parent_title}”): {text}"
        return f"Demand {unit.demand[:-1]}({unit.demand[-1]}) (part of demand {parent.demand if parent else ''}, " \
               f"“{parent_title}”): {text}"

    def paragraph(self, passage: Passage, first: bool) -> str:
        text = self.runs(passage.unit, passage.sentences)
        if self.lang == "nl":
            return f"{'De brief zegt' if first else 'Ook staat er'}: {text}"
        return f"{'The letter says' if first else 'It also says'}: {text}"

    def signature(self, passage: Passage) -> str:
        unit = passage.unit
        closing = [s for s in unit.sentences if s.nl.rstrip().endswith(",")]  # "Met vriendelijke groet,"
        lines = [s for s in unit.sentences if s not in closing]
        if len(lines) >= 3:
            org, person, role = lines[0], lines[1], lines[2:]
            marker = self.cite(unit, [*closing, org, person, *role])
            role_text = ", ".join(self.say(r) for r in role)
            formula = self.say(closing[0]).strip().rstrip(",") if closing else ""
            if self.lang == "nl":
                closes = f"De brief sluit af met „{formula}” en komt" if formula else "De brief komt"
                return f"{closes} van de {self.say(org)}; hij is ondertekend door {self.say(person)}, " \
                       f"{role_text} {marker}."
            closes = f"The letter closes with “{formula}” and is" if formula else "The letter is"
            return f"{closes} from the {self.say(org)}, signed by {self.say(person)}, {role_text} {marker}."
        marker = self.cite(unit, lines)
        joined = ", ".join(self.say(s) for s in lines)
        return f"De brief is ondertekend door: {joined} {marker}." if self.lang == "nl" else \
            f"The letter is signed by: {joined} {marker}."

    def salutation(self, passage: Passage) -> str:
        unit = passage.unit
        sentence = unit.sentences[0]
        marker = self.cite(unit, [sentence])
        text = self.say(sentence).strip().rstrip(",")
        if passage.literal:
            if self.lang == "nl":
                return f"De brief begint met „{sentence.nl.strip()}” {marker}."
            return f"The letter opens with “{text},” (in Dutch: „{sentence.nl.strip()}”) {marker}."
        words = text.split(" ", 1)
        addressee = words[1] if len(words) > 1 else text
        if self.lang == "nl":
            if addressee.split(" ", 1)[0].lower() in ("heer", "mevrouw"):
                addressee = "de " + addressee
            return f"De brief is gericht aan {addressee} {marker}."
        return f"The letter is addressed to {addressee} {marker}."

    def listing(self, passage: Passage, intro_nl: str, intro_en: str) -> str:
        unit = passage.unit
        marker = self.cite(unit, unit.sentences)
        items = "; ".join(self.say(s).rstrip(".") for s in unit.sentences)
        n = count_word(len(unit.sentences), self.lang)
        intro = (intro_nl if self.lang == "nl" else intro_en).format(n=n)
        return f"{intro} {items} {marker}."

    def demand_list(self, demands: list[Unit]) -> str:
        items = []
        for unit in demands:
            items.append(f"{unit.demand}. {self.title(unit)} {self.cite(unit, [unit.sentences[0]])}")
        n = count_word(len(demands), self.lang)
        if self.lang == "nl":
            return f"De brief noemt {n} eisen (problemen die het kabinet moet oplossen): " + "; ".join(items) + "."
        return f"The letter sets out {n} demands (problems the cabinet must solve): " + "; ".join(items) + "."

    def passage(self, passage: Passage, first: bool) -> str:
        kind = passage.unit.kind
        if kind == "demand":
            return self.demand(passage)
        if kind == "demand_part":
            return self.demand_part(passage)
        if kind == "signature":
            return self.signature(passage)
        if kind == "salutation":
            return self.salutation(passage)
        if kind == "copies":
            return self.listing(passage, "Een afschrift van de brief gaat naar {n} ministers:",
                                "Copies of the letter go to {n} ministers:")
        if kind == "attachments":
            return self.listing(passage, "De brief noemt {n} bijlagen:", "The letter lists {n} attachments:")
        if kind == "closing_request":
            text = self.runs(passage.unit, passage.sentences)
            return f"Aan het slot van de brief vraagt de VNG: {text}" if self.lang == "nl" else \
                f"At the end of the letter, the VNG asks: {text}"
        if kind == "attachment_text":
            text = self.runs(passage.unit, passage.sentences)
            section = passage.unit.section_nl if self.lang == "nl" else passage.unit.section_en
            return f"{section}: {text}"
        return self.paragraph(passage, first)


def compose(letter: Letter, lang: Lang, passages: list[Passage]) -> tuple[str, list[Citation]]:
    composer = Composer(letter, lang)
    texts = []
    first_paragraph = True
    for passage in passages:
        texts.append(composer.passage(passage, first_paragraph))
        if passage.unit.kind == "paragraph":
            first_paragraph = False
    return "\n\n".join(texts), composer.citations


# "What's the exact Dutch word they use for 'unequivocally'?", "the original wording?": an English answer that
# must show the Dutch itself.
DUTCH_WORDING_RE = re.compile(
    r"\b(?:dutch|original|orginal|oorspronkelijke?)\s+(?:words?|wording|terms?|phrases?|phrasing|text|version|"
    r"quotes?|sentences?|titles?|expressions?|formulations?|verbs?|nouns?|adjectives?)\b|\bin the original\b"
    # "its heading in Dutch as well as a translation"
    r"|\bin dutch (?:as well as|and|plus|with) (?:an? |the |its )?(?:translation|english)\b"
)


def asks_for_dutch_wording(folded_question: str) -> bool:
    return bool(DUTCH_WORDING_RE.search(folded_question))


def with_dutch_wording(text: str, citations: list[Citation]) -> str:
    """The English answer followed by the Dutch of every passage it cites, as quoted."""
    quotes = " ".join(f"[{c.n}] „{c.quote.strip()}”" for c in citations)
    return f"{text}\n\nIn Dutch, as the letter has it: {quotes}" if citations else text


def compose_demand_list(letter: Letter, lang: Lang) -> tuple[str, list[Citation]]:
    composer = Composer(letter, lang)
    return composer.demand_list(letter.by_kind("demand")), composer.citations


def compose_overview(letter: Letter, lang: Lang) -> tuple[str, list[Citation]]:
    """What the letter is about: its opening paragraph, its demands, and what it asks for at the end."""
    composer = Composer(letter, lang)
    parts = []
    opening = letter.by_kind("paragraph")[:1]
    if opening:
        unit = opening[0]
        parts.append(composer.paragraph(Passage(unit, unit.sentences[:2]), first=True))
    parts.append(composer.demand_list(letter.by_kind("demand")))
    closing = letter.by_kind("closing_request")[:1]
    if closing:
        parts.append(composer.passage(Passage(closing[0], list(closing[0].sentences)), first=False))
    return "\n\n".join(parts), composer.citations
