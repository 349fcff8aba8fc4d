"""Follow-up questions: what "and b?", "what's the rest of it?" or "is that in one of the demands?" is about,
given the conversation so far. Turns a question into the search the answer step grounds on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.grounding import RARE_ENOUGH
from assistant.models import Answer, Lang, Letter, Unit
from assistant.retrieval import HybridRetriever, Retrieval
from assistant.text import content_tokens, fold

# A question that continues the previous one ("and demand 3?", "what about Ter Apel?")...
CONTINUATION_RE = re.compile(r"^\W*(?:and|en|but|maar|also|ook|what about|hoe zit het met|en wat)\b")
# ...or points back into the previous answer ("welke zorg wordt daarbij genoemd?").
REFERENCE_RE = re.compile(
    r"\b(?:daarbij|daarover|daarin|daarvan|daarmee|daar|die|dat|deze|dit|it|its|that|this|those|these|they|"
    r"them|there|hij|zij|ze)\b"
)
# "Go on", "what's the rest of it?", "vertel meer": more of the previous answer.
MORE_RE = re.compile(r"\b(?:the rest|rest of it|go on|carry on|tell me more|say more|more about (?:that|it|this)|"
                     r"de rest|ga door|ga verder|vertel (?:eens )?meer|meer daarover|wat nog meer|en verder)\b")
# "Waarom vinden ze dat?", "why do they say that?": the reasons of what was just answered.
WHY_RE = re.compile(r"\b(?:waarom|why|hoezo|how come|what for|waarvoor)\b")
# "why?", "waarover dan?", "like what?": a bare question after an answer asks about that answer.
BARE_ASK_RE = re.compile(r"^\W*(?:(?:en|and|but|maar|ok|oke|okay|so|dus)\W+)?(?:waarom|why|hoezo|how come|waarover|"
                         r"about what|over wat|like what|zoals wat|wat dan|what then)(?:\W+(?:dan|then|precies|"
                         r"exactly|eigenlijk|though))?\W*$")
# "Wat moet daar besproken worden?", "who is supposed to set that up?" after the meeting came up, even when the last
# answer was about something else (who attends it).
MEETING_FOLLOW_UP_RE = re.compile(r"\b(?:besproken|bespreken|discussed|discuss|agenda|on the table|op tafel|"
                                  r"set (?:that|it|this) up|organi[sz]e|organiseren|convene|bijeenroepen|beleggen|"
                                  r"belegt|regelen|plannen|schedule)\b")
# "What is to be discussed there?": in the one passage just answered
THERE_RE = re.compile(r"\b(?:daar|daarin|daarbij|daarop|there|in it|at it|at that meeting|in dat overleg|bij dat "
                      r"overleg|in that meeting)\b")
# "Is that in one of the demands too?"
IN_A_DEMAND_RE = re.compile(r"\b(?:in|among|one of|een van|bij|onder) (?:the |de |die |een van de )?"
                            r"(?P<other>other |andere )?(?:demands|eisen|punten|points)\b"
                            r"|\b(?:as|als) (?:a |een )?(?:demand|eis)\b")


@dataclass
class Conversation:
    """What the answer needs to know of the earlier turns."""

    previous_question: str | None = None
    previous_lang: Lang | None = None
    previous_demand: str | None = None  # the demand under discussion: "and b?" is its part b
    previous_units: set[str] | None = None  # what the previous answer cited: where "daarbij" points
    previous_paragraph: int | None = None  # the paragraph under discussion: "en de volgende alinea?"
    about_attachments: bool = False  # the previous answer was the attachments: "the second one?"
    shown_demands: set[str] = field(default_factory=set)  # demands the previous answer showed: "and the other ones?"
    previous_answer: Answer | None = None  # the previous question answered again: "say that in Dutch" recomposes it
    meeting_mentioned: bool = False  # the requested meeting came up in the last exchanges: "what is discussed there?"
    quoted_units: set[str] = field(default_factory=set)  # the passages the last answer quoted: "anywhere else?"


# A quotation in an earlier answer: „...”, "...", '...', “...”
QUOTED_RE = re.compile(r"[„“\"'‘]([^„“”\"'‘’]{12,}?)[”\"'’]")


def quoted_units(answer: str, units: list[Unit]) -> set[str]:
    """The passages an earlier answer quoted (three words or more, as the letter has them): what the asker was
    shown, whichever passages a fresh answer to the same question would cite. Parts over their demand."""
    quotes = [" ".join(fold(m.group(1)).split()) for m in QUOTED_RE.finditer(answer)]
    quotes = [q for q in quotes if len(q.split()) >= 3]
    found = {u.id for u in units for q in quotes if q in " ".join(fold(u.text_nl).split())}
    return {u for u in found if not any(v.parent == u for v in units if v.id in found)}


def refers_back(question: str) -> bool:
    return bool(REFERENCE_RE.search(fold(question)))


@dataclass
class Resolution:
    """Either the previous answer's passages again (`repeat`), or a search to ground the answer on."""

    retrieval: Retrieval | None = None
    repeat: list[Unit] | None = None
    in_previous_answer: bool = False  # the question was found among the previous answer's passages
    asks_for_demands: bool = False  # "is that in one of the demands?": answer with whole demands

# "Does it come up anywhere else in the letter?": the previous question, outside the passages already shown.
ELSEWHERE_RE = re.compile(r"\b(?:anywhere else|elsewhere|somewhere else|any other (?:place|part|spot)s?|"
                          r"ergens anders|nog ergens|elders|op (?:een )?andere (?:plek|plaats)(?:en)?|"
                          r"andere plekken|verderop|further on|further down|later on|later in the letter)\b")


class FollowUpResolver:
    def __init__(self, letter: Letter, retriever: HybridRetriever) -> None:
        self.letter = letter
        self.retriever = retriever

    def resolve(self, question: str, lang: Lang, conversation: Conversation,
                excluded: set[str] | None = None) -> Resolution:
        """`excluded`: units the question sets aside ("apart from demand 4, where else...?")."""
        folded = fold(question)
        refers = refers_back(question)
        own_terms = content_tokens(question)
        previous = conversation.previous_question
        follow_up = bool(previous) and (refers or bool(CONTINUATION_RE.search(folded)) or len(own_terms) <= 1)
        if not follow_up or previous is None:
            return Resolution(self.retriever.search(question, lang, units=self._rest(excluded)))
        if conversation.meeting_mentioned and refers and MEETING_FOLLOW_UP_RE.search(folded):
            return Resolution(repeat=self.letter.by_kind("closing_request"))
        own = self.retriever.analyse(question, lang)
        own_known = any(own.known.values())
        why_that = (refers and bool(WHY_RE.search(folded))) or bool(BARE_ASK_RE.match(folded))
        if conversation.previous_units and ELSEWHERE_RE.search(folded):
            # ("Does that minister come up anywhere else?": what it names itself, outside what was shown.)
            shown = conversation.quoted_units or conversation.previous_units
            units = {u.id for u in self.letter.units if u.id not in shown and u.parent not in shown}
            return Resolution(self.retriever.search(question if own_known else previous, lang,
                                                    units=units & (self._rest(excluded) or units)))
        if conversation.previous_units and (MORE_RE.search(folded) or why_that or (refers and not own_known)):
            # "Go on, what's the rest of it?", "waarom vinden ze dat zo belangrijk?": the passages of the previous
            # answer, whole (a passage gives its own reasons: "... is onhoudbaar").
            return Resolution(repeat=[u for u in self.letter.units if u.id in conversation.previous_units
                                      and not (u.parent and u.parent in conversation.previous_units)])
        in_a_demand = IN_A_DEMAND_RE.search(folded)
        if in_a_demand:
            # "Is that in one of the demands too?": the previous question, among the demands only ("one of the
            # other demands": besides those of the previous answer).
            demands = {u.id for u in self.letter.by_kind("demand", "demand_part")}
            if in_a_demand.group("other"):
                demands -= conversation.shown_demands
            return Resolution(self.retriever.search(previous, lang, units=demands), asks_for_demands=True)
        if refers and conversation.previous_units:
            narrowed = self._in_previous_answer(question, lang, conversation.previous_units)
            if narrowed is not None:
                return Resolution(narrowed, in_previous_answer=True)
            if len(conversation.previous_units) == 1 and THERE_RE.search(folded):
                # "Oké, en wat moet daar dan besproken worden?" after the meeting: what was just answered.
                return Resolution(repeat=[self.letter.unit(next(iter(conversation.previous_units)))])
        # A continuation with a topic of its own ("and what about Ter Apel?") stands on its own words.
        standalone = not refers and own_known
        elliptical = bool(CONTINUATION_RE.search(folded)) and len(own_terms) <= 2
        query = f"{previous} {question}" if elliptical or not standalone else question
        rest = self._rest(excluded)
        if elliptical and standalone:
            # "En voor de Oekraïners?": the previous question, among the passages on the new subject.
            rest = {h.unit.id for h in self.retriever.search(question, lang, units=rest).hits if h.matched}
        retrieval = self.retriever.search(query, lang, units=rest)
        if not elliptical:
            # Sentences are chosen for what is asked now; units for the conversation. ("En voor de
            # Oekraïners?" is the previous question again, about them: it keeps the conversation's words.)
            retrieval.terms = own if own.tokens else retrieval.terms
        return Resolution(retrieval)

    def _in_previous_answer(self, question: str, lang: Lang, units: set[str]) -> Retrieval | None:
        """First where the conversation was; None sends the question to the whole letter."""
        narrowed = self.retriever.search(question, lang, units=units)
        matched_there = set().union(*(h.matched for h in narrowed.hits))
        # "And what do they expect this week?": a rare word of its own that lives elsewhere in the letter
        # takes the question there.
        elsewhere = [w for w, stems in narrowed.terms.known.items()
                     if stems and w not in matched_there
                     and self.retriever.word_rarity(narrowed.terms, w) >= RARE_ENOUGH]
        return narrowed if matched_there and not elsewhere else None

    def _rest(self, excluded: set[str] | None) -> set[str] | None:
        if not excluded:
            return None
        return {u.id for u in self.letter.units if u.id not in excluded and not (u.parent and u.parent in excluded)}
