"""Which language a question is in: Dutch or English, short questions too ("eis 2", "demand 1")."""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from assistant.models import Lang
from assistant.text import tokens

# Words that settle it on their own in a question about this letter; lingua weighs character n-grams,
# which on two or three words can go either way.
CUES = {
    "nl": {"eis", "eisen", "punt", "punten", "verzoek", "vraag", "brief", "wat", "welke", "wie", "hoe", "waarom",
           "zegt", "wil", "vindt", "het", "de", "een", "onderdeel", "bijlage", "bijlagen", "afschrift", "en", "over",
           "waar", "wanneer", "heeft", "zijn", "staat", "alinea", "vierde", "derde", "tweede", "eerste", "vijfde",
           "laatste",
           "niet", "dat", "die", "dit", "deze", "met", "van", "maar", "ook", "nog", "wel", "ze", "zij", "je", "ik",
           "er", "kan", "moet", "gemeenten", "volgens", "tegen", "zin"},
    "en": {"demand", "demands", "point", "points", "request", "letter", "what", "whats", "which", "who", "whos",
           "how", "why",
           "says", "say", "want", "wants", "the", "a", "part", "attachment", "attachments", "copy", "copies", "and",
           "about", "where", "when", "does", "are", "paragraph", "third", "fourth", "second", "first", "fifth",
           "last",
           "for", "or", "against", "they", "do", "did", "this", "that", "it", "their", "them", "with", "from",
           "was", "were", "has", "have", "will", "would", "should", "can", "not", "you", "municipalities",
           # what phones and hurried askers type: "sender?", "wats nr 1", "pt 3?", "mtg w cabinet"
           "sender", "signatory", "recipient", "recipients", "addressee", "wats", "pt", "pls", "plz", "mtg", "govt",
           "thx"},
}


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(Language.DUTCH, Language.ENGLISH).build()


# A quoted title or phrase ("the manifest 'De Schaduwzijde van Hoop, Lef en Trots'") is not the asker's language.
QUOTED_RE = re.compile(r"(?<!\w)(?:'[^']{3,}'|\"[^\"]{3,}\"|„[^”“]{3,}[”“]|“[^”]{3,}”|‘[^’]{3,}’)(?!\w)")


# The letter's Dutch names, used as names in English too ("who's the minister of Asiel en Migratie?"); their "en"
# and "van" are not the asker's Dutch.
LETTER_NAMES_RE = re.compile(
    r"\b(?:asiel en migratie|justitie en veiligheid|binnenlandse zaken(?: en koninkrijksrelaties)?|"
    r"volkshuisvesting(?: en ruimtelijke ordening)?|tijdelijke wet opvang oekra\w*|"
    r"vereniging van nederlandse gemeenten|(?:de )?schaduwzijde van hoop,? lef en trots)\b", re.I)


def detect(text: str, fallback: Lang = "nl") -> tuple[Lang, float]:
    """The language and a confidence in [0.5, 1]; `fallback` when nothing tells them apart."""
    unquoted = LETTER_NAMES_RE.sub(" ", QUOTED_RE.sub(" ", text))
    if len(tokens(unquoted)) >= 3:
        text = unquoted
    words = tokens(text)
    if not [w for w in words if not re.fullmatch(r"\d+[a-z]?", w)]:
        return fallback, 0.5  # ("4c?": a code is in no language)
    cue_nl = sum(w in CUES["nl"] for w in words)
    cue_en = sum(w in CUES["en"] for w in words)
    if len(words) <= 2 and cue_nl != cue_en:
        # "sender?": one or two words are too few for n-grams; the word itself says it
        return ("nl" if cue_nl > cue_en else "en"), 0.75
    dutch = 0.5
    for value in _detector().compute_language_confidence_values(text):
        if value.language == Language.DUTCH:
            dutch = value.value
    # Cue words count as strong evidence; lingua decides the rest.
    score = dutch + 0.25 * (cue_nl - cue_en)
    if abs(score - 0.5) < 0.05:
        return fallback, 0.5
    return ("nl" if score > 0.5 else "en"), min(1.0, 0.5 + abs(score - 0.5))
