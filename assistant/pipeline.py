"""The assistant: question (+ history) -> language, route or retrieval, grounding gate, cited answer."""

from __future__ import annotations

import logging
import re
import time

from assistant import language as language_mod
from assistant.answer import (
    Composer,
    Passage,
    asks_for_dutch_wording,
    compose,
    compose_demand_list,
    compose_overview,
    count_word,
    with_dutch_wording,
)
from assistant.asked import ASKED_CLAUSE_RE, asked_spans, asked_text
from assistant.config import Settings, get_settings
from assistant.corpus import load_letter
from assistant.embeddings import load_embeddings
from assistant.followup import Conversation, FollowUpResolver, quoted_units, refers_back
from assistant.grounding import (
    CO_SIGNERS_RE,
    RARE_ENOUGH,
    VERY_RARE,
    Verdict,
    aftermath_words,
    answer_type,
    asks_for_everything,
    asks_more_than,
    asks_named_places,
    check_answer_type,
    gate,
    guessed_time,
    names_a_place,
    quoted_passages,
    residual_is_foreign,
    select,
    with_answer,
)
from assistant.index import LetterIndex, index_key
from assistant.models import Answer, Attachment, ChatTurn, Citation, Lang, Letter, Sentence, Timings, Unit
from assistant.retrieval import METADATA_KINDS, HybridRetriever, Retrieval
from assistant.router import (
    MEETING_RE,
    PROBLEM_WORDS,
    PROPOSED_SENDER_RE,
    SHOULD_SAY_RE,
    WHICH_DEMANDS_RE,
    Route,
    asks_number_premise,
    asks_problem_and_remedy,
    asks_what_is_meant,
    asks_what_is_wanted,
    asks_which_demands,
    asks_which_part,
    demands_named,
    route,
    without_demand_refs,
)
from assistant.synonyms import rewrite_phrases
from assistant.text import content_tokens, fold, tokens

log = logging.getLogger(__name__)

MISNUMBER_SHARED = 0.5  # a word this rare that the named demand has too: the number the asker gave stands

# Terminal colour codes whole, then any other control character.
CONTROL_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# "punt 3 in het Engels", "in Dutch please": an explicit request beats detection.
# ("in Dutch municipalities" names a country's towns, not a language: a request ends there, or goes on with a
# small word.)
_REQUEST_ENDS = (r"(?=\s*(?:$|[^\w\s]|(?:please|pls|plz|too|as|and|or|also|again|only|then|instead|for|so|if|"
                 r"because|but|with|rather|thanks|thank|graag|aub|alsjeblieft|svp|en|of|ook|dan|nog|maar|want|"
                 r"omdat|a|an|the|is|are|was|were)\b))")
ASKED_LANGUAGE = {
    "en": re.compile(r"\b(?:in (?:het )?engels|in english|answer in english|auf englisch)\b" + _REQUEST_ENDS),
    "nl": re.compile(r"\b(?:in (?:het )?nederlands|in dutch|answer in dutch|in het hollands)\b" + _REQUEST_ENDS),
}
LANGUAGE_NAMES = frozenset("dutch english nederlands engels hollands netherlands".split())
TRANSLATE_WORDS = frozenset("uitleggen uitleg vertalen vertaal vertaling herhalen herhaal nog eens keer please "
                            "translate translation explain repeat again answer antwoord zeggen say".split())


def pattern_free(question: str) -> str:
    """The question without its request for a language."""
    folded = fold(question)
    for pattern in ASKED_LANGUAGE.values():
        folded = pattern.sub(" ", folded)
    return folded


QUOTE_RE = re.compile(r"\b(?:quote|quotes|quoted|quoting|cite|citeer|citeren|citaat|wording|words|verbatim|"
                      r"exact|exactly|literally|letterlijk|called|named|titled|title|term|phrase)\b")
ASKED_LANGUAGE_WORDS = re.compile(r"^(?:engels|english|nederlands|dutch|hollands)$")
# What residents call the addressee: "Wat wil de VNG van het kabinet?" asks for the demands themselves.
ADDRESSEE_WORDS = frozenset("kabinet cabinet regering government overheid rijk minister president premier "
                            "schoof haag hague pm prime".split())
# ...and the sender: "Wat eisen de gemeentes?" asks for the demands, not about municipalities.
SENDER_WORDS = frozenset("vng gemeenten gemeentes municipalities municipality councils associatie association".split())
WANT_WORDS = frozenset("vraagt vragen wil willen eist eisen verlangt verwacht verwachten want wants ask asks asking "
                       "demand demands demanding request requests requesting expect expects expecting wanting".split())


# Routes that give way to a search when the question also names a subject of the letter.
ATTACHMENT_WORD_RE = re.compile(r"\b(?:bijlagen?|attachments?|enclosures?)\b")
LETTER_NAMED_RE = re.compile(r"\b(?:this|that|the|deze|die|dit|de|het)\s+(?:letter|brief|vng)\b")
# A clause that asks something of its own ("..., and what must the cabinet tell them there?")
ASKING_WORD_RE = re.compile(r"\b(?:what|wat|which|welke|welk|how|hoe|where|waar|who|wie|why|waarom|when|wanneer|does|"
                            r"do|did|is|are|zegt|staat|noemt|klopt|vraagt|wil|willen|eist|tell|give|quote|noem|geef)\b")
YIELDING_INTENTS = ("demand_list", "overview", "meeting")
# What an attachment is meant to back up, asked with it: "wat beweert de brief zelf, waar die bijlage het bewijs
# voor is?", "they claim they warned before - backed up with anything?"
ABOUT_THE_CLAIM_RE = re.compile(
    r"\b(?:de brief zelf|brief zelf|the letter itself|back(?:s|ed|ing)? (?:\w+ ){0,2}up|bewijs voor|bewijzen|"
    r"onderbouw\w* voor|which (?:statement|claim|passage)|welke (?:bewering|uitspraak|passage|zin)|wat beweert|"
    r"(?:does|do) (?:the letter|it|they) claim|warned|gewaarschuwd|aan de bel|bedoeld|waarvoor|what for|purpose|doel|"
    r"meant|dient|serves?)\b|\bwhat\b[^?]{0,40}\bfor\W*$")
ROUTING_WORDS_RE = re.compile(
    r"\b(?:eis(?:en)?|punt(?:en)?|verzoek(?:en)?|knelpunt(?:en)?|problemen|demands?|points?|requests?|problems?|"
    r"summar\w*|samenvat\w*|overview|overzicht|kort|hoofdpunten|kern|gist|main|about|over|"
    r"meeting|meet|overleg|afspraak|gesprek|ontmoeting|bijeenkomst|consultation|talks|sit down|praten|"
    r"eind|einde|slot|end|closing|afsluit\w*|list|lijst|opsomming|all|alle|everything|alles|five|vijf|"
    r"things|dingen|zaken|issues|kwesties|fix|solve|solved|oplossen|opgelost|tackle|aanpakken|"
    r"functie|function|rol|role|position|job|titel|title)\b"
)


# Meetings the letter's request is not about: council meetings, meeting an obligation.
# Where in the letter ("at the end", "aan het slot") routes to the closing request; a meeting named does so by itself.
PLACE_IN_LETTER_RE = re.compile(r"\b(?:at|near|towards|aan|op|tegen|helemaal aan)\s+(?:the\s+|het\s+)?(?:very\s+)?"
                                r"(?:end|eind|einde|slot)\b(?:\s+(?:of|van)\s+(?:the|de|het)\s+(?:letter|brief))?")
MEETING_NAMED_RE = re.compile(r"\b(?:meeting|meet|overleg|gesprek|afspraak|ontmoeting|consultation|tafel|table|"
                              r"sit.?down|praten|talk|talks)\b")
OTHER_MEETING_RE = re.compile(
    r"\b(?:council|councils|gemeenteraad\w*|raad|town ?hall|board|public|residents'?|bewoners|inspraak\w*)\s+"
    r"(?:meetings?|vergadering\w*|bijeenkomst\w*)\b"
    r"|\bmeet(?:s|ing)?\s+(?:its|their|the|our|his|her)\s+(?:\w+\s+)?(?:obligations?|needs|requirements|targets|"
    r"quotas?|duties|commitments)\b"
)


# "Which ministers appear in the letter?" asks for more than the copy list.
MINISTERS_IN_LETTER_RE = re.compile(r"\b(?:mention\w*|named?|noem\w*|genoemd|komen .{0,30}voor|komt .{0,30}voor|"
                                    r"appear\w*|referred|refers?|in (?:the|de|deze|this) (?:letter|brief)|"
                                    r"in (?:the|de) (?:text|tekst))\b")
# Where one question holds two: "did they warn the cabinet before, and did they attach anything?"
CLAUSE_SPLIT_RE = re.compile(
    r"[?;]|(?<=[.!])\s+|,\s*(?:and|en|but|maar|plus|both|zowel)\b|\b(?:and|en) (?=in (?:the|de|het)\b)|"
    r"\b(?:and|en) (?=(?:did|does|do|is|are|was|were|what|wat|hoe|how|wie|who|waar|where|when|wanneer|welke|which|"
    r"heeft|hebben|zijn|wordt|worden|zat|zaten)\b)", re.IGNORECASE)


# "... Wat constateert de VNG daarover?", "what do they ask about it?": the subject is in the story told before.
STORY_SUBJECT_RE = re.compile(r"\b(?:daar|er)(?:over|mee|van|voor|bij|in)\b|\b(?:about|with|on|for|of)\s+(?:it|them|"
                              r"that|this|those|these)\b")


# The signatory's office, asked of "her" after she was named.
HER_ROLE_RE = re.compile(r"\b(?:functie|rol|role|position|job|titel|title|function|office|capacity|hoedanigheid)\b"
                         r".{0,30}\b(?:zij|ze|haar|she|her|hij|he|his|die persoon|that person)\b|\b(?:haar|her|his|"
                         r"zijn) (?:functie|rol|role|position|job|titel|title|function|office)\b")


def asks_signatory_role(text: str) -> bool:
    """"Welke functie heeft zij?" after the signatory was named: her office is in the signature."""
    return bool(HER_ROLE_RE.search(fold(text)))


MEASURE_RE = re.compile(r"\b(?:euros?|eur|bedrag\w*|amounts?|procent|percent\w*|miljoen|million|miljard|"
                        r"billion|aantal\w*|numbers?|per \w+|weken|weeks|maanden|months|dagen|days|jaren|years)\b|€"
                        r"|\b(?:hoeveel|how many)\s+(?!(?:willen|wil|wants?|moet|moeten|vragen|vraagt|eisen|eist|asks?|"
                        r"do|does|did|is|are|zijn)\b)\w+")


class InvalidQuestion(ValueError):
    pass


# A question written as a letter: "Geachte heer/mevrouw, ... Met vriendelijke groet, J. de Boer". Its own
# greeting and sign-off say nothing about what it asks (and "groet" would route it to the letter's sign-off).
OPENING_SALUTATION_RE = re.compile(r"^(?:geachte|beste|dear|hello|hallo|hi|hoi)\b[^,.!?]{0,40}[,!]\s+", re.IGNORECASE)
SIGN_OFF_RE = re.compile(
    r"(?<=[.?!])\s+(?:met )?(?:vriendelijke |hartelijke )?(?:groet(?:en|jes)?|kind regards|best regards|regards|"
    r"best wishes|sincerely|yours sincerely|cheers|thanks|thank you|bedankt|alvast bedankt)\W*(?:[\w.'-]+\s*){0,5}$",
    re.IGNORECASE)


def _clean(question: str) -> str:
    # Lone surrogates (from broken JSON escapes or undecodable bytes) become U+FFFD, not an encoder crash later.
    text = question.encode("utf-8", "surrogatepass").decode("utf-8", "replace").replace("\ufffd", " ")
    return " ".join(CONTROL_RE.sub(" ", text).split())


# "Voor een item bij RTV Noord: ...?", "As a correspondent covering the story: ...": who asks and what for.
PURPOSE_FRAME_RE = re.compile(r"^\W*(?:voor (?:een|mijn|ons|onze|het)|for (?:a|an|my|our)|as (?:a|an)|als (?:een )?\w+)"
                              r"\b[^:?.!]{0,80}:\s*", re.I)


# "Mijn buurman, oud-leraar geschiedenis, zei ...", "my uncle, a retired bus driver, told me ...": who the asker's
# people are is their story, not a subject to look up.
DESCRIBED_PERSON_RE = re.compile(r"\b((?:mijn|m'n|my|onze|ons|our)\s+\w+)\s*,\s+[^,.?!:;]{3,60}?\s*,\s*", re.I)


def without_letter_frame(question: str) -> str:
    """The question without the greeting, purpose and sign-off of the asker's own message, and without the
    description of the asker's people, when something remains."""
    inner = SIGN_OFF_RE.sub("", PURPOSE_FRAME_RE.sub("", OPENING_SALUTATION_RE.sub("", question), count=1)).strip()
    inner = DESCRIBED_PERSON_RE.sub(r"\1 ", inner)
    return inner if len(inner.split()) >= 3 else question


def quoted_sentences(unit: Unit, citations: list[Citation]) -> list[Sentence]:
    """The sentences of a unit that its citations quote, in the unit's order."""
    return [s for s in unit.sentences if any(c.id == unit.id and s.nl.strip() in c.quote for c in citations)]


class Assistant:
    def __init__(self, settings: Settings, letter: Letter, index: LetterIndex, retriever: HybridRetriever) -> None:
        self.settings = settings
        self.letter = letter
        self.index = index
        self.retriever = retriever
        self.demand_labels = {u.demand for u in letter.units if u.demand}
        self.n_demands = len(letter.demand_numbers)
        self.paragraphs = letter.by_kind("paragraph")
        self.followups = FollowUpResolver(letter, retriever)
        self.demand_units = {u.id for u in letter.by_kind("demand", "demand_part")}

    @classmethod
    def load(cls, settings: Settings | None = None, force_rebuild: bool = False) -> Assistant:
        settings = settings or get_settings()
        letter = load_letter(settings.corpus_dir)
        embeddings = load_embeddings(settings.embedding_model)
        index = LetterIndex(settings, embeddings)
        index.ensure(letter, force=force_rebuild)
        retriever = HybridRetriever(letter=letter, index=index, embeddings=embeddings)
        assistant = cls(settings, letter, index, retriever)
        # Load the language model and run both query paths now, not at a user's first question.
        assistant.ask("eis 1")
        assistant.ask("What does the letter say about reception?")
        return assistant

    def health(self) -> dict[str, object]:
        return {
            "ready": self.index.store is not None,
            "units": len(self.letter.units),
            "documents": self.index.size,
            "model": self.settings.embedding_model,
            "corpus_hash": index_key(self.settings),
            "index": self.index.location if self.settings.chroma_url else "embedded",
        }

    # --- the pipeline ---------------------------------------------------------------------------

    def _context(self, history: list[ChatTurn]) -> Conversation:
        users = [t.content for t in history if t.role == "user" and t.content.strip()]
        if not users:
            return Conversation()
        previous = _clean(users[-1])[: self.settings.max_question_chars]
        lang, confidence = language_mod.detect(previous)
        # Follow the conversation forward: "demand 4 part a?", "and b?" leaves 4b under discussion; "alinea 2",
        # "en de volgende alinea?" leaves paragraph 3.
        demand: str | None = None
        paragraph: int | None = None
        turns = history[-8:]
        for i, turn in enumerate(turns):
            if turn.role != "user" or not turn.content.strip():
                continue
            routed = route(_clean(turn.content)[: self.settings.max_question_chars], self.demand_labels,
                           self.n_demands, demand, len(self.paragraphs), paragraph)
            if routed.intent == "demand" and (routed.demands or routed.paragraphs):
                demand = routed.demands[-1] if routed.demands else None
                paragraph = routed.paragraphs[-1] if routed.paragraphs and not routed.demands else None
            elif i + 1 < len(turns) and turns[i + 1].role == "assistant" and len(
                    named := set(demands_named(turns[i + 1].content, self.demand_labels, self.n_demands))) == 1:
                # "Wat zegt de brief over de spreidingswet?" - "In eis 2 ..." - "en het punt daarna?": the demand
                # the answer was about
                demand, paragraph = next(iter(named)), None
        # Answer the previous question again (no history, ~20 ms) to know which passages it was about.
        try:
            earlier = self.ask(previous)
            units = {c.id for c in earlier.citations} if not earlier.refused else None
        except InvalidQuestion:
            earlier, units = None, None
        cited = [c.id for c in earlier.citations] if units and earlier is not None else []
        first = cited[0] if cited else ""
        listed = [u for u in cited if re.fullmatch(r"demand-\d+", u)]
        if demand is None and len(listed) >= 3:
            # An answer that listed the demands ("waar gaat de brief over?"): "en wat is het eerste?" counts them.
            demand, paragraph = listed[0].removeprefix("demand-"), None
        if demand is None and paragraph is None:
            # An answer led by a demand ("what does the VNG demand?" lists them from demand 1) or a paragraph puts
            # it under discussion: "en de tweede?", "and the next one?", "de volgende alinea?" count from there.
            if re.fullmatch(r"demand-\d+[a-z]?", first):
                demand = first.removeprefix("demand-")
            elif re.fullmatch(r"paragraph-\d+", first):
                paragraph = int(first.removeprefix("paragraph-"))
        # The demands the asker was shown: named in the last answer's text, else cited by it.
        answers = [t.content for t in history if t.role == "assistant"]
        named = demands_named(answers[-1], self.demand_labels, self.n_demands) if answers else []
        shown = {f"demand-{label}" for label in named} or {u for u in units or () if u.startswith("demand-")}
        shown |= {u.id for unit_id in shown for u in self.letter.children(unit_id)}
        # ("Is there a deadline?" - "... a meeting this week." - "with whom?" - "... Schoof." - "what is to be
        # discussed there?")
        meeting = any(MEETING_RE.search(fold(t.content)) for t in history[-4:]) or "closing-request" in (units or ())
        quoted = quoted_units(answers[-1], self.letter.units) if answers else set()
        # ("Wat is de eerste?" - "De eerste bijlage is ..." - "Hoe heet de tweede?": the answer was about them)
        attachments = first == "attachments" or bool(answers and ATTACHMENT_WORD_RE.search(fold(answers[-1]))
                                                     and not named)
        return Conversation(previous, lang if confidence > 0.5 else None, demand, units, paragraph,
                            attachments, shown, earlier if units else None, meeting, quoted)

    def validate(self, question: str, history: list[ChatTurn] | None) -> str:
        cleaned = _clean(question)
        if not cleaned:
            raise InvalidQuestion("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise InvalidQuestion(f"the question is longer than {self.settings.max_question_chars} characters")
        return cleaned

    def ask(self, question: str, history: list[ChatTurn] | None = None) -> Answer:
        start = time.perf_counter()
        cleaned = without_letter_frame(self.validate(question, history))
        history = (history or [])[-self.settings.max_history_turns:]
        context = self._context(history)
        lang, _ = language_mod.detect(cleaned, fallback=context.previous_lang or self.settings.default_language)
        folded = fold(cleaned)
        # "Quote it in Dutch, please" (asked in English): an English answer that shows the Dutch.
        dutch_wording = lang == "en" and (asks_for_dutch_wording(folded) or bool(
            QUOTE_RE.search(folded) and ASKED_LANGUAGE["nl"].search(folded)))
        switched = False
        for asked, pattern in ASKED_LANGUAGE.items():
            if pattern.search(folded):
                switched = True
                lang = lang if dutch_wording else asked  # type: ignore[assignment]
        rest = [t for t in content_tokens(pattern_free(cleaned)) if t not in TRANSLATE_WORDS]
        retrieve_done = time.perf_counter()
        replayed = None
        # "Can you say that in English? My colleague doesn't read Dutch": nothing in it is about the letter.
        if switched and context.previous_question and not any(
            self.retriever.analyse(" ".join(t for t in rest if t not in LANGUAGE_NAMES), lang).known.values()
        ):
            # "Kun je dat in het Nederlands uitleggen?": the previous answer again, in the language asked for.
            replayed = self._in_language(context.previous_answer, lang)
        if replayed is not None:
            text, citations = replayed
            refused = False
        else:
            routed = route(cleaned, self.demand_labels, self.n_demands, context.previous_demand,
                           len(self.paragraphs), context.previous_paragraph, context.about_attachments)
            if routed.intent == "none" and "signature" in (context.previous_units or ()) and \
                    asks_signatory_role(folded):
                # "Wie heeft hem ondertekend?" - "S.A.M. Dijksma." - "welke functie heeft zij?"
                routed = Route("sender")
            text, citations, refused, retrieve_done = self._answer(cleaned, lang, routed, context, retrieve_done)
            if not refused and not history:
                text, citations = self._with_other_clauses(cleaned, lang, text, citations)
        if dutch_wording and not refused:
            text = with_dutch_wording(text, citations)
        end = time.perf_counter()
        return Answer(
            # Echoed as asked, but always encodable (a lone surrogate would break JSON serialisation).
            question=question.encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
            language=lang,
            answer=text,
            refused=refused,
            citations=citations,
            timings_ms=Timings(
                retrieve=round((retrieve_done - start) * 1000, 2),
                answer=round((end - retrieve_done) * 1000, 2),
                total=round((end - start) * 1000, 2),
            ),
        )

    def _with_other_clauses(self, question: str, lang: Lang, text: str,
                            citations: list[Citation]) -> tuple[str, list[Citation]]:
        """"Who is asking for the meeting, and what must the cabinet tell them there?": each asked clause is
        answered on its own too, and the passage that leads its answer is added when the whole answer lacks it."""
        clauses = [c for c in ASKED_CLAUSE_RE.split(asked_text(question)) if ASKING_WORD_RE.search(fold(c))]
        if len(clauses) < 2:
            return text, citations
        have = {c.id for c in citations}
        have |= {u.id for unit_id in list(have) for u in self.letter.children(unit_id)}
        have |= {self.letter.unit(unit_id).parent for unit_id in list(have)} - {None}
        composer = Composer(self.letter, lang, list(citations))
        first_paragraph = not any(self.letter.unit(c.id).kind == "paragraph" for c in citations)
        added = []
        for clause in [c for c in clauses if content_tokens(c)]:
            if "signature" in have and asks_signatory_role(clause):
                continue  # (her office is in the signature)
            routed = route(clause, self.demand_labels, self.n_demands, None, len(self.paragraphs))
            _, cites, refused, _ = self._answer(clause, lang, routed, Conversation(), 0.0)
            units = list(dict.fromkeys(c.id for c in cites))
            if routed.intent == "none":
                # ("welke uitspraak vraagt de VNG van Schoof": a name in a clause is not a question about the
                # salutation)
                units = [u for u in units if self.letter.unit(u).kind not in METADATA_KINDS]
            # (a list of the demands answers "what do they want?", not the clause's own subject)
            listed = sum(bool(re.fullmatch(r"demand-\d+", u)) for u in units) >= self.n_demands
            if refused or not units or listed:
                continue
            unit = self.letter.unit(units[0])
            sentences = quoted_sentences(unit, cites)
            if units[0] in have:
                # ("Waarom explosief, en wie draait ervoor op?": the same paragraph, another of its sentences)
                shown = quoted_sentences(unit, composer.citations)
                new = [s for s in sentences if s not in shown]
                if not shown or not new or unit.kind not in ("paragraph", "demand"):
                    continue
                sentences = new
            passage = Passage(unit, sentences or list(unit.sentences), whole_demand=unit.kind == "demand")
            added.append(composer.passage(passage, first_paragraph))
            first_paragraph = first_paragraph and unit.kind != "paragraph"
            have |= {unit.id} | {u.id for u in self.letter.children(unit.id)}
        if not added:
            return text, citations
        return "\n\n".join([text, *added]), composer.citations

    def _in_language(self, earlier: Answer | None, lang: Lang) -> tuple[str, list[Citation]] | None:
        """The previous answer (asked and searched in its own language) composed in `lang` from the same
        passages; None when there is none, or it was a refusal."""
        if earlier is None or earlier.refused or not earlier.citations:
            return None
        order: list[str] = []
        chosen: dict[str, list[Sentence]] = {}
        for citation in earlier.citations:
            unit = self.letter.unit(citation.id)
            if unit.id not in chosen:
                order.append(unit.id)
                chosen[unit.id] = []
            chosen[unit.id] += [s for s in quoted_sentences(unit, [citation]) if s not in chosen[unit.id]]
        whole = {u for u in order if self.letter.unit(u).kind == "demand"
                 and any(c.id in chosen for c in self.letter.children(u))}
        passages = [Passage(self.letter.unit(u), sorted(chosen[u], key=lambda s: s.position) or
                            list(self.letter.unit(u).sentences), whole_demand=u in whole)
                    for u in order if self.letter.unit(u).parent not in whole]
        return compose(self.letter, lang, passages)

    def _has_topic(self, question: str, lang: Lang, intent: str) -> bool:
        """Does the question name a subject of the letter besides the words that route it?"""
        folded = fold(question)
        if intent == "meeting" and not (PLACE_IN_LETTER_RE.search(folded) and not MEETING_NAMED_RE.search(folded)):
            return bool(OTHER_MEETING_RE.search(folded))
        # ("what's it about in a nutshell? no time to read it, 3 kids at home": an aside after the question is the
        # asker's, not a subject)
        asked = asked_text(question)
        if asked and asked in question:
            folded = fold(question[: question.index(asked) + len(asked)])
        # ("the bit at the end about people left on the streets?": routed by where it stands, asked by its subject)
        words = [t for t in content_tokens(ROUTING_WORDS_RE.sub(" ", PLACE_IN_LETTER_RE.sub(" ", folded)))
                 if t not in ADDRESSEE_WORDS and t not in WANT_WORDS]
        if intent == "sender":  # ("who is this Dijksma, what is her function?": the signatory is the sender)
            signed = {t for u in self.letter.by_kind("signature") for t in tokens(f"{u.text_nl} {u.text_en}")}
            words = [t for t in words if t not in signed]
        terms = self.retriever.analyse(" ".join(words), lang)
        return any(terms.known.values())

    def _units(self, *kinds: str) -> list[Passage]:
        return [Passage(u, list(u.sentences)) for u in self.letter.by_kind(*kinds)]

    def _signatory(self) -> list[Passage]:
        """The one signatory the letter names, and her office."""
        return [Passage(p.unit, [s for s in p.sentences if "Dijksma" in s.nl or "VNG" in s.nl] or p.sentences)
                for p in self._units("signature")]

    def _answer(self, question: str, lang: Lang, routed: Route, context: Conversation,
                retrieve_done: float) -> tuple[str, list[Citation], bool, float]:
        intent = routed.intent
        if intent in ("injection", "task", "opinion"):
            return self._refuse(lang, intent), [], True, retrieve_done
        if intent == "invalid_demand":
            lead = self._refuse(lang, "invalid_demand", routed.requested)
            described = self._described_demand(question, lang, None)
            if described is None:
                return lead, [], True, retrieve_done
            # "Wat zegt eis 6 over statushouders?": there is no demand 6, but there is one on what it describes.
            label = described.demand if lang == "nl" else self._label_en(described)
            about = f"Eis {label} gaat over wat u beschrijft:" if lang == "nl" else \
                f"Demand {label} is about what you describe:"
            return (*self._demand_with_lead(f"{lead.split(':')[0]}. {about}", lang, described), False, retrieve_done)
        if intent == "invalid_paragraph":
            return self._refuse(lang, "invalid_paragraph", routed.requested), [], True, retrieve_done
        if intent != "none" and answer_type(question) == "provision":
            # "On what legal basis does demand 2 rest?": the letter cites no provision anywhere.
            return (*self._refuse_with_pointer(lang, "provision", []), retrieve_done)
        if intent == "opening":
            salutation = [Passage(u, list(u.sentences), literal=True) for u in self.letter.by_kind("salutation")]
            # (the opening sentence and the one that says what it means: "uit de klauwen", then what happens)
            first = [Passage(p, p.sentences[:2]) for p in self.paragraphs[:1]]
            text, cites = compose(self.letter, lang, salutation + first)
            return text, cites, False, retrieve_done
        if intent == "demand" and len(routed.demands) == 1 and not routed.paragraphs and asks_number_premise(
                question) and (described := self._described_demand(question, lang, routed.demands[0])):
            # "Het jojoën over de spreidingswet, is dat eis 1?": the demand it describes, and which one that is.
            named = routed.demands[0]
            lead = (f"Eis {named} gaat daar niet over; eis {described.demand} wel." if lang == "nl" else
                    f"Demand {named} is not about that; demand {self._label_en(described)} is.")
            return (*self._demand_with_lead(lead, lang, described), False, retrieve_done)
        if intent == "demand":
            passages = [Passage(self.paragraphs[n - 1], list(self.paragraphs[n - 1].sentences))
                        for n in routed.paragraphs]
            for label in routed.demands:
                unit = self.letter.demand(label)
                if unit:
                    passages.append(Passage(unit, list(unit.sentences), whole_demand=unit.kind == "demand"))
            passages.sort(key=lambda p: p.unit.position)
            asked = fold(asked_text(question))
            if aftermath_words(asked) and not guessed_time(asked):
                # "Heeft Schoof na deze brief eis 1 ingewilligd?": what came after the letter is not in it
                return (*self._refuse_with_pointer(lang, "aftermath", passages[:1]), retrieve_done)
            kind = answer_type(question)
            # ("By how many euros per place, according to demand 5?" asks a figure; "punt 5, hoeveel willen ze?"
            # is answered by "reëel en volledig")
            if kind in ("name", "first_name", "calendar_date", "person", "minister", "place") or (
                    kind == "quantity" and MEASURE_RE.search(fold(question))):
                # "The name of the minister who, according to demand 5, informed the House?": the demand is
                # where to look, a name is what is asked.
                verdict = check_answer_type(question, passages, lang, routed=True)
                if not verdict.supported:
                    return (*self._refuse_with_pointer(lang, verdict.reason, passages[:1]), retrieve_done)
            # "Demand 4 asks for a tougher line on troublemakers. Anything similar for the Ukrainians?"
            named = {p.unit.id for p in passages} | {u.id for p in passages for u in self.letter.children(p.unit.id)}
            passages += [p for p in self._topic_passages(question, lang) if p.unit.id not in named]
            text, cites = compose(self.letter, lang, passages)
            return text, cites, False, retrieve_done
        fixed = {"sender": ("signature",), "addressee": ("salutation",), "copies": ("copies",),
                 "attachments": ("attachments",), "meeting": ("closing_request",)}
        if intent in YIELDING_INTENTS and self._has_topic(question, lang, intent):
            # "which demands are about money?", "summarise what it says about Ukrainians", "a council meeting
            # was disrupted": the words that routed it are not all it asks about.
            return self._retrieve(question, lang, context, retrieve_done)
        if intent in (*fixed, "demand_list", "overview"):
            # "Who wrote the coalition agreement?" is not about this letter's sender.
            retrieval = Retrieval(hits=[], terms=self.retriever.analyse(question, lang))
            if CO_SIGNERS_RE.search(fold(asked_text(question))):  # "wie hebben hem nog meer ondertekend?"
                return (*self._refuse_with_pointer(lang, "co_signers", self._signatory()), retrieve_done)
            # (a proposed sender is answered by the real one: "is this letter from the IND?")
            foreign = residual_is_foreign(routed.residual, question, retrieval, listed=intent == "copies" or (
                intent == "sender" and bool(PROPOSED_SENDER_RE.search(fold(question)))))
            if foreign:
                reason = "aftermath" if aftermath_words(fold(question)) else "unknown_names"
                return (*self._refuse_with_pointer(lang, reason, [], foreign), retrieve_done)
            if intent == "demand_list":
                text, cites = compose_demand_list(self.letter, lang)
                return text, cites, False, retrieve_done
            if intent == "overview":
                text, cites = compose_overview(self.letter, lang)
                return text, cites, False, retrieve_done
            passages = self._units(*(kind for wanted in [intent, *routed.also] for kind in fixed[wanted]))
            if intent == "copies" and MINISTERS_IN_LETTER_RE.search(fold(question)):
                # "Which ministers appear in the letter?": the copy list and every passage naming a minister.
                passages += [Passage(u, [s for s in u.sentences if "minister " in s.nl.lower()])
                             for u in self.letter.units if u.kind not in ("copies", "salutation")
                             and "minister " in u.text_nl.lower()]
                passages.sort(key=lambda p: p.unit.position)
            if passages:
                # "What is the name of the minister in copy?", "on what date is the meeting?"
                verdict = check_answer_type(question, passages, lang, routed=True)
                # An attachment's name is its title, not a person's name.
                # ...but "how many attachments / ministers in copy?" is answered by the list itself.
                listed = (intent == "attachments" and verdict.reason == "name") or (
                    intent in ("attachments", "copies") and verdict.reason == "quantity")
                if not verdict.supported and not listed:
                    return (*self._refuse_with_pointer(lang, verdict.reason, passages[:1]), retrieve_done)
                known = {p.unit.id for p in passages}
                passages += [p for p in self._topic_passages(question, lang) if p.unit.id not in known]
                if intent == "attachments" and ABOUT_THE_CLAIM_RE.search(fold(asked_text(question))):
                    # "... and which statement is the first attachment meant to back up?"
                    known = {p.unit.id for p in passages}
                    passages += [p for p in self._backed_by(self.letter.attachments) if p.unit.id not in known]
                passages.sort(key=lambda p: p.unit.position)
                text, cites = compose(self.letter, lang, passages)
                return text, cites, False, retrieve_done
        if intent == "attachment_content":
            return self._attachment(question, lang, routed.attachment, retrieve_done)
        excluded = {u.id for label in routed.excluded_demands if (u := self.letter.demand(label))}
        excluded |= {p.id for n in routed.excluded_paragraphs if 1 <= n <= len(self.paragraphs)
                     for p in [self.paragraphs[n - 1]]}
        return self._retrieve(question, lang, context, retrieve_done, excluded)

    def _demand_with_lead(self, lead: str, lang: Lang, unit: Unit) -> tuple[str, list[Citation]]:
        text, cites = compose(self.letter, lang, [Passage(unit, list(unit.sentences),
                                                          whole_demand=unit.kind == "demand")])
        return f"{lead}\n\n{text}", cites

    @staticmethod
    def _label_en(unit: Unit) -> str:
        label = unit.demand or ""
        return f"{label[:-1]}({label[-1]})" if unit.kind == "demand_part" else label

    def _described_demand(self, question: str, lang: Lang, label: str | None) -> Unit | None:
        """The demand a question describes, when the number it gives is another one that says nothing of it
        ("De eis over de Oekraïners, dat was eis 3 toch?") or one the letter does not have (`label` None). A
        named demand that shares a word with the description stands ("wat zegt eis 3 over de terugkeer?")."""
        named = self.letter.demand(label) if label else None
        if label and (named is None or named.kind != "demand"):
            return None
        retrieval = self.retriever.search(without_demand_refs(question), lang, units=self.demand_units)
        terms = retrieval.terms
        # (A word every demand has, "eis" or "demand", tells them apart no more than the number did.)
        spread = {w: sum(w in h.matched for h in retrieval.hits if h.unit.kind == "demand") for w in terms.known}
        rarity = {w: self.retriever.word_rarity(terms, w) for w, stems in terms.known.items()
                  if stems and spread[w] < self.n_demands - 1}
        family = {named.id} | {u.id for u in self.letter.children(named.id)} if named else set()
        if any(h.matched & {w for w, r in rarity.items() if r >= MISNUMBER_SHARED}
               for h in retrieval.hits if h.unit.id in family):
            return None
        rare = {w for w, r in rarity.items()
                if r >= RARE_ENOUGH and terms.how.get(w) in ("exact", "synonym", "spelling")}
        best = next((h for h in retrieval.hits if h.matched & rare and h.unit.id not in family), None)
        if best is None or not gate(question, retrieval, lang, self.retriever).supported:
            return None
        return best.unit

    def _topic_passages(self, question: str, lang: Lang) -> list[Passage]:
        """"Did they warn the cabinet before, and what did they attach?": besides the part of the letter the
        question was routed to, the passages for a clause of its own that no route answers, when a rare word of
        the letter names its subject."""
        # (what the asker tells of themselves is not a clause to answer: "I need its full name for my
        # bibliography"; but "Did they attach proof of that?" asks about the claim told before it)
        asked = asked_text(question)
        pointing = refers_back(LETTER_NAMED_RE.sub(" ", fold(asked)))  # ("this letter" points at no claim)
        clauses = [c for c in CLAUSE_SPLIT_RE.split(question) if c and c.strip()]
        own = [c for c in CLAUSE_SPLIT_RE.split(question if pointing else asked) if c and c.strip()
               and route(c, self.demand_labels, self.n_demands, None, len(self.paragraphs)).intent == "none"
               and not asks_signatory_role(c)]  # ("..., what function she has": the signature says it)
        if len(clauses) < 2 or not own:
            return []
        asked = " ".join(own)
        retrieval = self.retriever.search(asked, lang)
        terms = retrieval.terms
        rarity = {w: self.retriever.word_rarity(terms, w) for w, stems in terms.known.items()
                  if stems and terms.how.get(w) in ("exact", "spelling")}
        # The passages with the clause's rarest word: "gewoon op straat zetten?" is about "dakloos", not "zet".
        top = max(rarity.values(), default=0.0)
        rare = {w for w, r in rarity.items() if r == top and r >= RARE_ENOUGH}
        hits = [h for h in retrieval.hits if h.unit.kind not in METADATA_KINDS and h.matched & rare]
        # "What are they called?" is about the routed answer; a subject of its own takes more than one word, or a
        # name the letter has in very few places ("What is said about Ter Apel, also in demand 4?").
        capitalised = {fold(word) for word in re.findall(r"\b[A-Z][\w-]+", asked)}
        named = top >= VERY_RARE and bool(rare & capitalised)
        if not hits or (sum(bool(st) for st in terms.known.values()) < 2 and not named) or not gate(
                asked, retrieval, lang, self.retriever).supported:
            return []
        return select(Retrieval(hits=hits, terms=terms), self.retriever, whole_demands=False)

    def _attachment(self, question: str, lang: Lang, number: int | None,
                    retrieve_done: float) -> tuple[str, list[Citation], bool, float]:
        attachments = [a for a in self.letter.attachments if number is None or a.number == number]
        available = {f"attachment-{a.number}" for a in attachments if a.available}
        if available:
            units = {u.id for u in self.letter.units if u.source in available}
            retrieval = self.retriever.search(question, lang, units=units)
            retrieve_done = time.perf_counter()
            passages = select(retrieval, self.retriever, whole_demands=False)
            text, cites = compose(self.letter, lang, passages)
            return text, cites, False, retrieve_done
        listing = self.letter.by_kind("attachments")
        composer = Composer(self.letter, lang)
        if not listing or not attachments:
            return self._refuse(lang, "no_attachment", [str(number)] if number else []), [], True, retrieve_done
        unit = listing[0]
        named = []
        for attachment in attachments:
            sentence = next((s for s in unit.sentences if s.nl == attachment.title), None)
            if sentence:
                named.append(f"{attachment.number}. „{composer.say(sentence)}” {composer.cite(unit, [sentence])}"
                             if lang == "nl" else
                             f"{attachment.number}. “{composer.say(sentence)}” {composer.cite(unit, [sentence])}")
        listed = "; ".join(named)
        if lang == "nl":
            noun = "de bijlage" if len(attachments) == 1 else "de bijlagen"
            text = (f"De brief noemt {noun} {listed}, maar de tekst daarvan zit niet in mijn bronnen. "
                    f"Over de inhoud kan ik dus niets zeggen.")
        else:
            noun = "the attachment" if len(attachments) == 1 else "the attachments"
            text = (f"The letter lists {noun} {listed}, but the text of {'it' if len(attachments) == 1 else 'them'} "
                    f"is not in my sources, so I cannot say what {'it says' if len(attachments) == 1 else 'they say'}.")
        backed = self._backed_by(attachments) if ABOUT_THE_CLAIM_RE.search(fold(asked_text(question))) else []
        if backed:
            # "Wat beweert de brief zelf, waar die bijlage het bewijs voor is?": the letter's own words on it.
            more = "\n\n".join(composer.passage(passage, True) for passage in backed)
            return f"{text}\n\n{more}", composer.citations, False, retrieve_done
        return text, composer.citations, True, retrieve_done

    def _backed_by(self, attachments: list[Attachment]) -> list[Passage]:
        """The paragraph an attachment backs up: the one sharing a rare word of its title ("herhaaldelijk")."""
        paragraphs = {u.id for u in self.paragraphs}
        found: list[Passage] = []
        for attachment in attachments:
            retrieval = self.retriever.search(attachment.title, "nl", units=paragraphs)
            rare = {w for w in retrieval.terms.known if self.retriever.word_rarity(retrieval.terms, w) >= VERY_RARE}
            hits = [h for h in retrieval.hits if h.matched & rare]
            if hits:
                retrieval.hits = hits[:1]
                found += select(retrieval, self.retriever, whole_demands=False)[:1]
        return found

    def _retrieve(self, question: str, lang: Lang, context: Conversation, retrieve_done: float,
                  excluded: set[str] | None = None) -> tuple[str, list[Citation], bool, float]:
        """`excluded`: units the question sets aside ("apart from demand 4, where else...?")."""
        if asks_named_places(question):
            # "Welke plaatsen noemt de brief?": the sentences that name one, in the letter's order
            passages = [Passage(u, found) for u in self.letter.units if u.kind in ("paragraph", "demand")
                        and (found := [s for s in u.sentences if names_a_place(s)])]
            text, cites = compose(self.letter, lang, passages)
            return text, cites, False, retrieve_done
        wants = asks_what_is_wanted(question)
        topic = [t for t in content_tokens(question)
                 if t not in ADDRESSEE_WORDS and t not in SENDER_WORDS and t not in WANT_WORDS
                 and not ASKED_LANGUAGE_WORDS.match(t)]
        if wants and not topic and not (refers_back(question) and context.previous_question):
            # "Wat wil de VNG?" -- but "en wat vraagt de VNG daarover?" asks about the topic of the conversation.
            text, cites = compose_demand_list(self.letter, lang)
            return text, cites, False, retrieve_done
        if (wants and topic) or SHOULD_SAY_RE.search(fold(question)):
            # "What do they want Schoof to say out loud?": whom they want it from is not what they want.
            excluded = (excluded or set()) | {u.id for u in self.letter.by_kind("salutation")}
        resolution = self.followups.resolve(question, lang, context, excluded)
        if resolution.repeat is not None:
            passages = [Passage(u, list(u.sentences), whole_demand=u.kind == "demand") for u in resolution.repeat]
            text, cites = compose(self.letter, lang, passages)
            return text, cites, False, retrieve_done
        retrieval = resolution.retrieval
        assert retrieval is not None
        # ("The letter says the handling of cases fails. Which demands fix that?" also points to where it says so.)
        asks_demands = asks_which_demands(question) and not resolution.in_previous_answer
        which_demands = asks_demands and asked_spans(question) == [(0, len(question))]
        # (Every demand is a demand: the words that ask for them are not the topic.)
        demands_topic = WHICH_DEMANDS_RE.sub(" ", fold(question)) if asks_demands else ""
        if which_demands:
            retrieval = self.retriever.search(demands_topic, lang, units=self.demand_units - (excluded or set()))
        # "Which sub-point deals with ...?" is answered by the part itself, under its own label.
        which_part = asks_which_part(question)
        everything = bool(excluded) or asks_for_everything(question) or asks_what_is_meant(question)
        # "Everything it says about the spreidingswet": a demand that mentions it, whole.
        wants = (wants or resolution.asks_for_demands or everything) and not which_part
        retrieve_done = time.perf_counter()
        verdict = gate(question, retrieval, lang, self.retriever)
        if not verdict.supported and verdict.reason == "unknown_terms" and resolution.in_previous_answer:
            verdict = Verdict(True)  # "the care part of that": the previous answer is what it is about
        # "Ze noemen een paar dingen 'onacceptabel': welke?": a phrase quoted from the letter is where to look.
        quoted = [] if resolution.in_previous_answer else quoted_passages(question, self.letter.units)
        if not verdict.supported and verdict.reason in ("unknown_terms", "off_topic") and not quoted and \
                not resolution.in_previous_answer:
            # (a quote from memory is where to look only when nothing else is: "is 'in de kou staan' literal?")
            quoted = quoted_passages(question, self.letter.units, loose=True)
        if not verdict.supported and verdict.reason in ("unknown_terms", "off_topic") and quoted:
            verdict = Verdict(True)
        if not verdict.supported:
            pointer: list[Passage] = []
            if verdict.reason == "unknown_terms" and retrieval.terms.coverage >= 0.5:
                pointer = select(retrieval, self.retriever, whole_demands=False)[:1]
            if verdict.reason == "co_signers":
                pointer = self._signatory()
            return (*self._refuse_with_pointer(lang, verdict.reason, pointer, verdict.detail), retrieve_done)
        if resolution.in_previous_answer and context.previous_units and all(
                self.letter.unit(u).kind in ("demand", "demand_part") for u in context.previous_units):
            wants = True  # "what is the cabinet supposed to do under that one?": the demand, whole
        passages = quoted or select(retrieval, self.retriever, whole_demands=wants, exhaustive=everything,
                                    parts_alone=which_part)
        verdict = check_answer_type(question, passages, lang)
        if not verdict.supported and asks_more_than(question, verdict.reason, retrieval.terms):
            # "How many were arrested, and what does the letter say went on there?": what it does not give, then
            # the part it answers.
            text, cites = compose(self.letter, lang, passages)
            return f"{self._lead(lang, verdict.reason)} {text}", cites, False, retrieve_done
        if not verdict.supported:
            return (*self._refuse_with_pointer(lang, verdict.reason, passages[:1]), retrieve_done)
        if asks_problem_and_remedy(question):
            passages = self._problem_and_remedy(question, lang) or passages
        elif asks_demands and not which_demands and not any(p.unit.kind in ("demand", "demand_part")
                                                             for p in passages):
            # "They complain that officials are intimidated. Which of their demands answers that?": where it is
            # said, and the demand that answers it.
            remedy = select(self.retriever.search(demands_topic, lang, units=self.demand_units), self.retriever,
                            whole_demands=True)
            passages = passages + remedy[:1]
        text, cites = compose(self.letter, lang, with_answer(question, passages))
        return text, cites, False, retrieve_done

    def _problem_and_remedy(self, question: str, lang: Lang) -> list[Passage]:
        """The paragraph that states the complaint, then the demand that answers it, whole. Searched without the
        words "problem" and "demand", which name the kind of passage, not the subject; the demand is found
        first, and the paragraph shares its words where one does ("Oekraïense vluchtelingen": demand 5, then
        the paragraph on Oekraïense ontheemden, not the one on vluchtelingen). [] when either is missing."""
        def subject_of(text: str) -> str:
            return " ".join(w for w in content_tokens(rewrite_phrases(fold(text)))
                            if w not in PROBLEM_WORDS and w not in WANT_WORDS)
        # ("Ik werk bij een azc. Wat stelt de VNG vast over overlastgevers ...?" is about nuisance, not the azc;
        # "Ik krijg vragen over overlast. Wat constateert de VNG daarover ...?" is about the story's subject.)
        asked = asked_text(question)
        subjects = [subject_of(question)] if STORY_SUBJECT_RE.search(fold(asked)) else \
            [subject_of(asked), subject_of(question)]
        for subject in dict.fromkeys(s for s in subjects if s):
            found: list[Passage] = []
            shared: set[str] = set()
            for kind in ("demand", "paragraph"):
                retrieval = self.retriever.search(subject, lang, units={u.id for u in self.letter.by_kind(kind)})
                weight = {w: self.retriever.word_rarity(retrieval.terms, w) for w in retrieval.terms.known}
                ranked = sorted((h for h in retrieval.hits if h.matched), reverse=True, key=lambda h: (
                    sum(weight.get(w, 0.0) for w in h.matched & shared), sum(weight.get(w, 0.0) for w in h.matched),
                    # (of demands that mention it alike, the one whose title names it is about it)
                    h.unit.kind == "demand" and self.retriever.sentence_matches(h.unit.sentences[0].id,
                                                                               retrieval.terms) > 0,
                    h.score))
                if not ranked:
                    break
                shared = ranked[0].matched
                retrieval.hits = ranked[:1]
                found += select(retrieval, self.retriever, whole_demands=True)[:1]
            else:
                return found[::-1]
        return []

    # --- refusals -------------------------------------------------------------------------------

    def _scope(self, lang: Lang) -> str:
        n = count_word(self.n_demands, lang)
        if lang == "nl":
            return (f"Ik beantwoord alleen vragen over de brief van de VNG aan het kabinet over de asielopvang, "
                    f"met zijn {n} eisen; vraag bijvoorbeeld „Wat is eis 4b?” of „Wat zegt de brief over Ter Apel?”.")
        return (f"I can only answer questions about the VNG's letter to the cabinet on asylum reception and its "
                f"{n} demands; try “What is demand 4(b)?” or “What does the letter say about Ter Apel?”.")

    def _refuse(self, lang: Lang, reason: str, detail: list[str] | None = None) -> str:
        detail = detail or []
        nl = lang == "nl"
        if reason == "injection":
            lead = ("Ik volg geen opdrachten die mijn werkwijze veranderen." if nl
                    else "I do not follow instructions that change how I work.")
        elif reason == "task":
            lead = ("Ik schrijf geen teksten zoals brieven of tweets; ik beantwoord vragen over wat er in de brief "
                    "staat, met citaten." if nl else
                    "I do not write texts such as letters or tweets; I answer questions about what the letter "
                    "says, with quotes.")
        elif reason == "opinion":
            lead = ("Ik geef geen eigen mening over de brief of over de VNG; ik laat zien wat de brief zelf zegt." if nl
                    else "I do not give opinions of my own on the letter or the VNG; I show what the letter itself "
                    "says.")
        elif reason == "invalid_demand":
            asked = ", ".join(detail)
            parts = [u for u in self.letter.by_kind("demand_part")]
            with_parts = sorted({u.parent for u in parts if u.parent})
            part_note = ""
            for parent_id in with_parts:
                parent = self.letter.unit(parent_id)
                letters = [u.demand[-1] for u in self.letter.children(parent_id) if u.demand]
                joined = ", ".join(letters[:-1]) + (" en " if nl else " and ") + letters[-1]
                part_note += (f" Eis {parent.demand} heeft de onderdelen {joined}." if nl
                              else f" Demand {parent.demand} has parts {joined}.")
            n = self.n_demands
            lead = (f"De brief heeft geen eis {asked}: hij bevat {count_word(n, lang)} eisen, genummerd 1 tot en met "
                    f"{n}.{part_note}" if nl else
                    f"The letter has no demand {asked}: it has {count_word(n, lang)} demands, numbered 1 to {n}."
                    f"{part_note}")
            return lead
        elif reason == "invalid_paragraph":
            n = len(self.paragraphs)
            lead = (f"De brief heeft geen alinea {', '.join(detail)}: vóór de eisen staan {count_word(n, lang)} "
                    f"alinea's, genummerd 1 tot en met {n}." if nl else
                    f"The letter has no paragraph {', '.join(detail)}: it has {count_word(n, lang)} paragraphs before "
                    f"its demands, numbered 1 to {n}.")
            return lead
        elif reason == "unknown_names":
            names = ", ".join(detail)
            lead = (f"De brief noemt {names} niet; daar kan ik dus niets over zeggen." if nl
                    else f"The letter does not mention {names}, so I cannot say anything about that.")
        elif reason == "no_attachment":
            lead = "De brief noemt die bijlage niet." if nl else "The letter lists no such attachment."
        else:
            lead = ("Daar zegt de brief niets over." if nl else "The letter does not say anything about that.")
        return f"{lead} {self._scope(lang)}"

    def _refuse_with_pointer(self, lang: Lang, reason: str, passages: list[Passage],
                             detail: list[str] | None = None) -> tuple[str, list[Citation], bool]:
        lead = self._lead(lang, reason, detail)
        if not passages:
            return f"{lead} {self._scope(lang)}", [], True
        nl = lang == "nl"
        composer = Composer(self.letter, lang)
        passage = passages[0]
        sentence = passage.sentences[0]
        if passage.unit.kind == "demand" and len(passage.sentences) > 1 and sentence.id == passage.unit.sentences[0].id:
            # A demand's title says little; its first sentence says what it asks (after a lead-in, "Zet nu door op:")
            sentence = next((s for s in passage.sentences[1:] if not s.nl.rstrip().endswith(":")),
                            passage.sentences[1])
        if reason == "co_signers":
            sentences = passage.sentences
            pointer = f"{', '.join(composer.say(s) for s in sentences)} {composer.cite(passage.unit, sentences)}"
            closest = "Hij is alleen ondertekend door:" if nl else "It is signed only by:"
            return f"{lead} {closest} {pointer}", composer.citations, True
        pointer = f"{composer.say(sentence)} {composer.cite(passage.unit, [sentence])}"
        closest = "Het dichtst in de buurt komt:" if nl else "The closest it comes is:"
        return f"{lead} {closest} {pointer}", composer.citations, True

    @staticmethod
    def _lead(lang: Lang, reason: str, detail: list[str] | None = None) -> str:
        """What the letter does not give, in one sentence."""
        nl = lang == "nl"
        quoted = ", ".join(f"„{d}”" if nl else f"“{d}”" for d in detail or [])
        leads = {
            "quantity": ("De brief noemt daarvoor geen aantallen of bedragen.",
                         "The letter gives no numbers or amounts for that."),
            "date": ("De brief noemt daarvoor geen datum of tijdstip.", "The letter gives no date or time for that."),
            "calendar_date": ("De brief noemt daarvoor geen datum.", "The letter gives no date for that."),
            "name": ("De brief noemt daarvoor geen naam.", "The letter gives no name for that."),
            "venue": ("De brief noemt daarvoor geen plaats.", "The letter gives no place for that."),
            "provision": ("De brief noemt daarvoor geen wetsartikel.", "The letter cites no legal provision for that."),
            "personal": ("De brief geeft geen persoonlijk advies of praktische informatie; hij is een oproep van de "
                         "VNG aan het kabinet.",
                         "The letter gives no personal advice or practical information; it is an appeal from the "
                         "VNG to the cabinet."),
            "unknown_names": (f"De brief noemt {quoted} niet.", f"The letter does not mention {quoted}."),
            "unknown_terms": (f"Daar zegt de brief niets over: hij noemt {quoted} niet.",
                              f"The letter does not say anything about that: it does not mention {quoted}."),
            "off_topic": ("Daar zegt de brief niets over.", "The letter does not say anything about that."),
            "co_signers": ("De brief noemt geen andere ondertekenaars of opstellers.",
                           "The letter names no other signatories or authors."),
            "aftermath": ("De brief kan niet zeggen wat er na het versturen is gebeurd; daar zegt hij dus niets over.",
                          "The letter cannot say what happened after it was sent, so it does not answer that."),
        }
        return leads[reason][0 if nl else 1]
