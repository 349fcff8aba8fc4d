"""What a message asks, apart from the story told around it: its questions and requests, and where one asked
question ends and the next begins. Plain text work, used by the router and by the grounding checks alike."""

from __future__ import annotations

import re

from assistant.text import fold

# A request is asked as much as a question: "I am from Kharkiv. Tell me everything it says about Ukrainians."
REQUEST_RE = re.compile(r"\W*(?:(?:please|pls|graag|alsjeblieft|aub|ok|oke|okay|so|dus|and|en|now|nu)\W+)*"
                        r"(?:tell|explain|give|show|list|summari[sz]e|describe|quote|vertel|geef|leg|noem|beschrijf|"
                        r"citeer|som|laat)\b"
                        # "Ik wil graag weten wat ze over Ter Apel schrijven."
                        r"|\W*(?:ik|i|we|wij)\s+(?:wil|willen|zou|zouden|want|wanted|would like|'d like|wonder)\s+"
                        r"(?:\w+\s+){0,2}?(?:weten|know|to know|if|whether|of)\b")
# "Everything the letter says about Ter Apel please."
POLITE_END_RE = re.compile(r"\b(?:please|pls|plz|graag|aub|alsjeblieft|alstublieft)\W*$")
# A message typed without any punctuation tells its story and asks in one run: "bij ons slapen mensen buiten ik
# vind dat zielig zegt de vng daar ook wat over". Where one of these starts, after a story, the question starts.
RUN_ON_QUESTION_RE = re.compile(
    r"\b(?:(?:zegt|schrijft|vindt|wil|vraagt|noemt|eist) (?:de |die |het )?(?:vng|brief)|"
    r"staat (?:er|dat|in de brief)|wat (?:zegt|vindt|wil|vraagt|staat|schrijft|moet|doet)|in welke|"
    r"(?:what|how|why|where|who) (?:does|do|did|is|are|says?)|(?:does|did) (?:the |this |that )?(?:vng|letter|they)|"
    r"klopt (?:het|dat))\b")
OPENS_ASKING_RE = re.compile(r"\W*(?:wat|wie|waar|wanneer|hoe|hoeveel|welke|welk|waarom|staat|zegt|klopt|kan|kun|"
                             r"kunt|heeft|hebben|what|who|where|when|how|which|why|does|do|is|are|did|can|could|has|"
                             r"have)\b")
RUN_ON_MIN_WORDS = 12  # shorter messages are one question, story or not
SENTENCE_RE = re.compile(r"(?:[^.?!]|(?<=\b\w)\.|[.?!]+(?!\s|$))+[.?!]*")
# A last sentence typed without its question mark ("... Wat staat daar in de brief over") is still asked.
UNMARKED_QUESTION_RE = re.compile(r"\W*(?:wat|wie|waar|wanneer|hoe|welke|waarom|staat|zegt|klopt|what|who|where|"
                                  r"when|how|which|why|does|do|is|are|did)\b[^.?!]*$")


def asked_spans(question: str) -> list[tuple[int, int]]:
    """Where a message's questions are, when it also tells a story around them: "Ik woon in Vlagtwedde. Wat zegt
    de brief over Ter Apel?" asks about Ter Apel, not Vlagtwedde. The whole message otherwise. (Initials and
    abbreviations, "S.A.M. Dijksma", "o.a.", do not end a sentence.)"""
    if not re.search(r"[.?!,;:](?=.)", question.strip()) and len(question.split()) >= RUN_ON_MIN_WORDS:
        folded = fold(question)
        # (unless it opens with a question: "wie heeft hem ondertekend en wat moet het kabinet doen" asks both)
        opens_asking = OPENS_ASKING_RE.match(folded) or REQUEST_RE.match(folded)
        for cue in [] if opens_asking else RUN_ON_QUESTION_RE.finditer(folded):
            before = len(folded[: cue.start()].split())
            if before >= 4:  # (counted in words: folding may change the length of the text)
                return [(list(re.finditer(r"\S+", question))[before].start(), len(question))]
    sentences = [(m.start(), m.end()) for m in SENTENCE_RE.finditer(question) if m.group(0).strip()]
    asked = [(start, end) for start, end in sentences
             if question[start:end].rstrip().endswith("?") or REQUEST_RE.match(fold(question[start:end]))
             # ("Kort graag." asks for a form, not a subject)
             or (POLITE_END_RE.search(fold(question[start:end])) and len(question[start:end].split()) >= 4)
             or UNMARKED_QUESTION_RE.match(fold(question[start:end]))]
    if len(sentences) < 2 or not asked or len(asked) == len(sentences):
        return [(0, len(question))]
    return asked


def asked_text(question: str) -> str:
    """The message's questions (and requests), without the story around them; the whole message otherwise."""
    return " ".join(question[start:end] for start, end in asked_spans(question)).strip()


# Where one asked question ends and the next begins: "How many were arrested, and what does it say went on?"
ASKED_CLAUSE_RE = re.compile(
    r"[?;]|:\s|,?\s+(?:and|en|plus|maar|but)\s+(?=(?:what|wat|which|welke|welk|how|hoe|where|waar|who|wie|why|waarom|"
    r"when|wanneer|does|do|did|is|are|was|were|zegt|staat|noemt|heeft|klopt)\b)"
)
