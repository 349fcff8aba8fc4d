"""Structured requests resolved exactly, before any search: demands by number, the list of demands,
sender, addressee, copy list, attachments, the requested meeting, and instructions aimed at the assistant."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.asked import ASKED_CLAUSE_RE, asked_text
from assistant.text import fold

Intent = Literal[
    "demand",  # one or more demands or parts by number
    "invalid_demand",  # a number the letter does not have
    "invalid_paragraph",
    "demand_list",
    "overview",  # what the letter is about, in short
    "sender",
    "addressee",
    "copies",
    "attachments",
    "attachment_content",
    "meeting",
    "opening",  # how the letter begins
    "injection",
    "task",  # a text to write for the asker
    "opinion",  # the assistant's own view
    "none",
]

NUMBER_WORDS = {
    "een": 1, "één": 1, "eén": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8, "negen": 9,
    "nine": 9, "tien": 10, "ten": 10, "elf": 11, "eleven": 11, "twaalf": 12, "twelve": 12,
}
ORDINALS = {
    "eerste": 1, "allereerste": 1, "first": 1, "1ste": 1, "1e": 1, "1st": 1, "tweede": 2, "second": 2, "2de": 2,
    "2e": 2, "2nd": 2,
    "derde": 3, "third": 3, "3de": 3, "3e": 3, "3rd": 3, "vierde": 4, "fourth": 4, "4de": 4, "4e": 4, "4th": 4,
    "vijfde": 5, "fifth": 5, "5de": 5, "5e": 5, "5th": 5, "zesde": 6, "sixth": 6, "6de": 6, "6e": 6, "6th": 6,
    "zevende": 7, "seventh": 7, "7de": 7, "7e": 7, "7th": 7, "achtste": 8, "eighth": 8, "8ste": 8, "8e": 8,
    "8th": 8, "negende": 9, "ninth": 9, "9de": 9, "9e": 9, "9th": 9, "tiende": 10, "tenth": 10, "10de": 10,
    "10e": 10, "10th": 10,
}
# Lone "i", "v" and "x" are left out: far more often a word or a letter than a number.
ROMAN = {"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
LAST = {"laatste", "allerlaatste", "last", "final", "slotpunt"}

# Nouns people use for the numbered points of the letter.
KEYWORD = (
    r"(?:eis(?:en)?|punt(?:en)?|verzoek(?:en)?|vraag|vragen|knelpunt(?:en)?|probleem|problemen|oplossing|"
    r"nummer|nr|no|pt|demands?|points?|requests?|items?|problems?|numbers?)"
)
NUMBER = r"(?:\d{1,2}(?!\d)|(?:" + "|".join(sorted([*NUMBER_WORDS, *ROMAN], key=len, reverse=True)) + r")\b)"
PART = r"(?:\s*[.(\-]?\s*\(?([a-z])\)?(?![a-z]))"
# (A space or a bracket after the word: "de letters zijn klein" is not part s.)
PART_WORD = (r"\b(?:sub-?points?|sub-?items?|sub-?parts?|subpunt|subonderdeel|part|onderdeel|sub|letter|deel|punt|"
             r"point|item|onder|under)(?:\s+\(?|\s*\()([a-z])\)?(?![a-z])")

# "eis 4b", "demand 4(b)", "punt 2", "eis vier", "demand 4, part b", "vraag 3"
KEYWORD_NUMBER_RE = re.compile(
    rf"\b{KEYWORD}\.?\s*(?:nummer\s*|number\s*|no\.?\s*|nr\.?\s*)?({NUMBER})(?:{PART})?"
    rf"(?:\s*,?\s*(?:{PART_WORD}))?",
)
# "eis 1 en 3", "demands 2, 3 and 4b"
CONTINUATION_RE = re.compile(rf"\s*(?:,|\ben\b|\band\b|&|\bof\b|\bor\b|/)\s*(?:{KEYWORD}\s*)?({NUMBER})(?:{PART})?")
# "the third demand", "de derde eis", "het laatste punt"
ORDINAL_RE = re.compile(
    r"\b(" + "|".join(sorted([*ORDINALS, *LAST], key=len, reverse=True)) + r")\s+(?:\w+\s+)?(?:" + KEYWORD
    # "the first thing on their list of demands", "het eerste op hun lijstje met eisen"
    + r"|(?:\w+\s+)?(?:on|in|of|op|uit|van)\s+(?:the|their|its|this|de|hun|haar|het|dit|die)?\s*"
    r"(?:list|lijst|lijstje|rij)\s+(?:of|met|van)\s+" + KEYWORD
    # "the first of the VNG's demands", "de eerste van hun eisen"
    + r"|(?:of|van)\s+(?:the|their|its|de|hun|haar)\s+(?:[\w']+\s+)?" + KEYWORD
    # "the first thing they demand", "het eerste wat ze eisen"
    + r"|(?:thing|one|item|wat|dat)\s+(?:that\s+)?(?:they|the vng|vng|it|ze|zij|de vng|hij)\s+(?:\w+\s+)?"
    r"(?:demand|demands|ask|asks|want|wants|request|requests|eist|eisen|vraagt|vragen|wil|willen))\b"
)
# "4.b", "4(b)", "4b" as a code on its own
CODE_RE = re.compile(r"(?<![\w.])(\d{1,2})\s*(?:\.\s*|\(\s*)?([a-z])\)?(?![\w])")
# "part b of demand 4", "onderdeel b van eis 4"
PART_OF_RE = re.compile(rf"\b{PART_WORD}\s+(?:of|van)\s+(?:the\s+|de\s+|het\s+)?{KEYWORD}\s*({NUMBER})\b")
# "part b?" / "en onderdeel c?" without a number: the demand under discussion
BARE_PART_RE = re.compile(rf"^\W*(?:and|en|what about|en wat is|wat is|what is)?\s*(?:{PART_WORD})\W*$")
# "and b?" / "en c?" right after a part of a demand
BARE_LETTER_RE = re.compile(r"^\W*(?:(?:and|en|what about|hoe zit het met|en wat is|and what is|wat is|what is|what's|"
                            r"whats|wat betekent|what does|wat houdt|wat zegt)\s*)?\(?([a-e])\)?"
                            # "wat is b precies?", "what does c mean?", "wat houdt b in?"
                            r"(?:\s+(?:precies|dan|eigenlijk|exactly|then|mean|means|betekenen|in|inhouden))*\W*$"
                            r"|(?<!\w)\(([a-e])\)(?!\w)")  # "what does (b) mean?"
# "en de eerste?" / "and the last one? what does it mean": an ordinal alone (as the first question) continues a
# conversation about demands
BARE_ORDINAL_RE = re.compile(
    r"^\W*(?:(?:ok\w*|oke|okay|thanks|bedankt|dank je|so|dus|right|nice)\W+)*"
    r"(?:(?:and|en|what about|hoe zit het met|wat is|en wat is|and what is|what is|what's|whats|which is|welke is|"
    # "kunt u de vierde beter uitleggen?", "can you explain the third one?"
    r"(?:kunt u|kun je|wil je|wilt u|can you|could you|please|pls)(?:\s+(?:explain|uitleggen|toelichten))?)\s*){0,2}"
    r"\s*(?:the|de|het|die|dat|that|this|deze)?\s*("
    + "|".join(sorted([*ORDINALS, *LAST], key=len, reverse=True)) + r")(?:\s+(?:one|een))?"
    # "en die eerste, wat houdt die in?"
    r"(?:\W*(?:$|\?)|(?P<tail>\s*[,:-]\s*(?:wat|what|waar|where|hoe|how)\b[^?]*\??\s*$)"
    r"|(?P<explain>\s+(?:\w+\s+){0,4}(?:uitleggen|toelichten|verduidelijken|explain|clarify|more))\b\W*$)"
)
# "ok, and the next one?" / "en de vorige eis?": the demand after (or before) the one under discussion
STEP_RE = re.compile(
    r"^\W*(?:(?:ok\w*|oke|okay|and|en|dan|then|so|nu|now|thanks|bedankt|dank je)\W+)*(?:what about |hoe zit het met |"
    r"wat is |what is |what's |geef |give me |show me |laat )?(?:the |de |het )?"
    r"(?:(next|volgende|previous|vorige)(?:\s+(one|een|eis|demand|punt|point|item|part|onderdeel|deel))?"
    r"|(one|part|onderdeel|deel|demand|eis|point|punt) (?:right |just |directly |direct |meteen )?(after|before)"
    r"(?: (?:that|this|it))?"
    r"|(?:het |de )?(onderdeel|punt|eis|deel|die|dat) (daarna|daarvoor|erna|ervoor))"
    r"(?:\s+(?:zien|please|graag|alsjeblieft|aub))?\W*$"
)
# "Does the next demand say anything similar?": a step inside a longer question
STEP_IN_QUESTION_RE = re.compile(
    r"\b(?:the|de|het) (next|following|volgende|previous|vorige) (?:demand|eis|punt|point)\b"
    # "En het punt daarna in de lijst, waar gaat dat over?"
    r"|\b(?:the|de|het) (?:demand|eis|punt|point) (daarna|erna|after that|after it|daarvoor|ervoor|before that|"
    r"before it)\b")
# "en de volgende alinea?", "the paragraph before": a step through the paragraphs
PARAGRAPH_STEP_RE = re.compile(
    r"\b(?:(next|following|volgende|previous|vorige) (?:paragraph|alinea)|(?:paragraph|alinea) "
    r"(?:(?:right|directly|just|immediately|direct|meteen) )?(?:(after|daarna|erna)|(before|daarvoor|ervoor)))\b")
# "the first part", "het tweede onderdeel daarvan": a part of a demand by its place
PART_ORDINAL_RE = re.compile(
    r"\b(" + "|".join(sorted([*ORDINALS, *LAST], key=len, reverse=True)) + r")\s+(?:(?:sub-?)?"
    r"(?:onderdeel|onderdelen|part|parts|subpunt|subpoint|deel)\b(?!\s+(?:of|van)\s+(?:the|de|het|this|deze)\s+"
    r"(?:letter|brief))"
    # "and the last of those three?", "de eerste van die onderdelen"
    r"|(?:one\s+)?(?:of|van)\s+(?:those|these|the|die|deze|de)\s+(?:three|drie|3|(?:sub-?)?(?:parts|onderdelen|"
    r"subpoints|subpunten|sub points))\b)")
# "4 has sub points right? whats the last one": an ordinal one, where the parts were named
SUBPARTS_RE = re.compile(r"\b(?:sub-?points|sub points|sub-?parts|subpunten|onderdelen)\b")
ORDINAL_ONE_RE = re.compile(r"\b(" + "|".join(sorted([*ORDINALS, *LAST], key=len, reverse=True)) + r")\s+(?:one|een)\b")
# "de eerste twee eisen", "the last two demands": the first or last few
FIRST_N_RE = re.compile(r"\b(eerste|first|laatste|last)\s+(twee|drie|vier|two|three|four|2|3|4)\s+(?:" + KEYWORD + r")")
# "the second and third demands", "de tweede en derde eis": ordinals joined before one noun
ORDINAL_CHAIN_RE = re.compile(
    r"\b(" + "|".join(sorted([*ORDINALS], key=len, reverse=True)) + r")\s*(?:,|\band\b|\ben\b|&|\bor\b|\bof\b)\s*"
    r"(?:the\s+|de\s+|het\s+)?$")
# "the second one", "de eerste": an attachment by its place, in a conversation about the attachments
ATTACHMENT_ORDINAL_RE = re.compile(r"\b(first|eerste|second|tweede|1st|2nd|1e|2e|1ste|2de|last|laatste|other|"
                                   r"andere)\b")
# "Besides the demands, what else do they ask for?"
ELSE_ASKED_RE = re.compile(r"\b(?:what else|anything else|something else|wat (?:\w+ ){0,4}(?:nog meer|verder|nog)|"
                           r"iets anders|nog iets)\b.*\b(?:ask|asks|want|wants|demand|vraagt|vragen|wil|willen|eist|"
                           r"eisen|verlangt|verwacht)\b|\b(?:ask|asks|want|wants|vraagt|vragen|wil|willen)\b.{0,30}"
                           r"\b(?:else|nog meer|verder)\b")
# "in that demand", "die eis": the demand under discussion
THAT_DEMAND_RE = re.compile(r"\b(?:that|this|the same|that same|this same|die|deze|dezelfde|diezelfde|datzelfde|"
                            r"hetzelfde) (?:demand|eis|punt|point)\b")
# "apart from demand 4", "behalve in eis 4", "besides paragraph 1"
EXCLUDE_RE = re.compile(
    r"\b(?:apart from|aside from|besides|except(?: for)?|other than|behalve|buiten|naast|anders dan)\s+(?:in\s+)?"
    # ("other than in the list under point 4")
    r"(?:the\s+|de\s+|het\s+)?(?:(?:list|lijst|lijstje|opsomming|part|deel)\s+(?:under|in|onder|bij|van)\s+)?"
    r"(?:the\s+|de\s+|het\s+)?(?:(?:eis|demand|punt|point)\s*(?:\d{1,2}[a-e]?|[a-z]+)|(?:paragraph|alinea)\s*\d{1,2}|"
    r"(?:\w+\s+)(?:demand|eis|paragraph|alinea))"
)
# "alinea 5", "paragraph 4", "de tweede alinea", "the last paragraph": the letter's paragraphs before the demands
PARAGRAPH_WORD = r"(?:paragraphs?|paragra(?:a|ph)f|alinea'?s?|par\.|para)"
PARAGRAPH_RE = re.compile(rf"\b{PARAGRAPH_WORD}\s*({NUMBER}(?:\s*(?:,|\ben\b|\band\b|&|/)\s*{NUMBER})*)")
# (singular: "de eerste alinea's" are the first few, not paragraph 1)
PARAGRAPH_ORDINAL_RE = re.compile(
    r"\b(" + "|".join(sorted([*ORDINALS, *LAST], key=len, reverse=True))
    + r")\s+(?:paragraph|paragra(?:a|ph)f|alinea|par\.|para)(?!'?s)\b"
)
OPENING_RE = re.compile(
    r"\b(?:how does (?:the|this|it) (?:letter )?(?:open|start|begin)|(?:very )?first (?:line|sentence|words)|"
    r"opening (?:line|sentence|words)|openingszin|(?:aller)?eerste (?:zin|regel|woorden)|aanhef|salutation|"
    r"greeting line|the way (?:the|this|it) (?:letter )?opens|"
    r"hoe (?:begint|opent|start) (?:de|deze|het)|waarmee (?:begint|opent) (?:de|deze|het))\b"
    # "what picture does the letter paint right at the start?"
    r"|\b(?:paints?|says?|zegt|schetst|beschrijft|describes?)\b[^.?!]{0,30}\b(?:right |very )?(?:at the (?:very )?"
    r"(?:start|beginning|outset)|aan het begin|in het begin|bij aanvang)\b"
)
NOT_JUST_RE = re.compile(r"\b(?:niet alleen|niet enkel|niet slechts|not just|not only|more than|meer dan|verder dan|"
                         r"beyond)\s+(?:\w+\s+){0,2}$")
THAT_LAST_RE = re.compile(r"\b(?:dat|die|that|this|dit|deze)\s+(?:laatste|last)\b(?!\s+(?:eis|demand|alinea|paragraph|"
                          r"bijlage|attachment|zin|sentence))")
BARE_NUMBER_RE = re.compile(
    rf"^\W*(?:and|en|what about|hoe zit het met)?\s*(?:{KEYWORD}\s*)?\(?(\d{{1,2}})([a-z])?\)?\W*$"
)

LIST_RE = re.compile(
    r"\b(?:all(?! these| those)|alle(?! deze| die)|welke|which|what are|wat zijn|list|lijst|overzicht|overview|"
    r"summar\w*|samenvat\w*|opsomming|"
    r"hoeveel|how many|noem|name|give|geef)\b.*\b(?:eisen|demands|punten|points|verzoeken|requests|knelpunten|"
    r"problemen|problems|asks|eis|demand)\b"
    r"|(?<!van de )(?<!van de andere )(?<!of the )(?<!of the other )(?<!in the )(?<!in de )"
    r"\b(?:eisen|demands|punten|verzoeken|knelpunten)\b\s*(?:\?|$)"
    r"|\b(?:five|vijf|5)\s+(?:things|dingen|zaken|points|punten|issues|kwesties|problems|problemen)\b"
)
# "Waar gaat het over?", "what's it all about?": the letter, or the part under discussion
BARE_ABOUT_RE = re.compile(
    r"^\W*(?:en\s+|and\s+|so\s+|dus\s+)?(?:waar gaat (?:het|dit|dat|die|deze)|what(?:'s| is)? (?:it|this|that) all|"
    r"what(?:'s| is)? (?:it|this|that)) (?:eigenlijk |nou |precies |allemaal )?(?:about|over)\W*$")
OVERVIEW_RE = re.compile(
    r"\b(?:summar\w*|samenvat\w*|overview|overzicht|in (?:het )?kort|tl;?dr|gist|main points|hoofdpunten|"
    r"kern|strekking|nutshell|notendop)\b|\b(?:what|waar)\b.{0,30}\b(?:letter|brief)\b.{0,20}\b(?:about|over)\b"
    # ("waar gaat die brief over, kort graag?")
    r"(?:\W+(?:kort|kortom|in short|briefly|quickly|graag|please|pls|aub|alsjeblieft|even|eigenlijk|precies))*\W*$"
    r"|\bwhat is (?:this|the) letter\b|\bwaar gaat (?:de|deze) brief over\b|\bwat staat er in de brief\W*$"
)
WANT_RE = re.compile(
    r"\b(?:what|wat)\b.*\b(?:want|wants|wanting|ask|asks|asking for|demand|demands|demanding|request|requests|"
    r"requesting|wil|willen|vraagt|vragen|eist|eisen|verlangt|verwacht)\b"
    # "what must be arranged for ...?", "what should happen?": what the letter asks to be done
    r"|\b(?:what|wat)\s+(?:should|must|has to|needs to|moet|moeten|zou|zouden)\s+(?:er\s+)?(?:\w+\s+){0,6}?"
    r"(?:be done|happen|change|be arranged|be fixed|be sorted|gebeuren|veranderen|geregeld|gedaan|opgelost|doen|do)\b"
)
# "What is Schoof supposed to say?": what the letter asks him to say, not whom it addresses
SHOULD_SAY_RE = re.compile(r"\b(?:what|wat)\s+(?:\w+\s+){0,3}?(?:should|must|has to|needs to|supposed to|ought to|"
                           r"moet|moeten|zou|zouden)\s+(?:\w+\s+){0,4}?(?:say|zeggen|uitspreken|declare|verklaren)\b")
# "Was this letter from the COA?", "Komt deze brief van het kabinet?": a sender proposed, answered by the real one
PROPOSED_SENDER = (
    r"(?:^|[.?!]\s+)(?:was|is)\s+(?:this|the|that|it)\s+(?:letter\s+)?(?:really\s+|actually\s+)?"
    r"(?:from|by|sent by|written by)\s+(?:the\s+)?[a-z]"
    r"|(?:^|[.?!]\s+)(?:was|is|komt|kwam)\s+(?:deze|de|die|dit|het)\s+(?:brief\s+)?(?:echt\s+|nou\s+|wel\s+)?"
    r"(?:van|afkomstig van)\s+(?:de|het)\s+[a-z]"
    # "Deze brief komt toch van de regering zelf?", "this letter is from the government, right?"
    r"|(?:^|[.?!]\s+)(?:deze|de|die|dit|het|this|the|that)\s+(?:brief|letter)\s+(?:komt|kwam|is|was|comes|came)\s+"
    r"(?:toch\s+|echt\s+|nou\s+|wel\s+|really\s+|actually\s+)*(?:van|afkomstig van|from)\s+(?:de|het|the)\s+[a-z]")
PROPOSED_SENDER_RE = re.compile(PROPOSED_SENDER)
SENDER_RE = re.compile(
    r"\b(?:who|wie)\b.*\b(?:sent|send|sends|wrote|write|writes|writing|written|signed|sign|signs|author|"
    r"(?<!stand )(?<!stands )(?<!standing )behind|"  # ("who should the cabinet stand behind?" is not the sender)
    r"verstuurd|gestuurd|stuurt|stuurde|geschreven?|schreef|schrijft|ondertekend|ondertekent|tekent|getekend|"
    r"afzender|ondertekenaar|afkomstig)\b(?!\s+(?:back|home|away|terug|weg))"  # ("people who are sent back")
    r"|\b(?:signed|written|sent|ondertekend|getekend|geschreven|gestuurd|verstuurd) (?:\w+ )?(?:by|door)\b"
    # ("mensen van wie de aanvraag is afgewezen": whose, not from whom)
    r"|\b(?:sender|signator\w*|signature|afzender|ondertekenaar|ondertekening|auteur|author|from whom|from who)\b"
    # "Who exactly is requesting the consultation?", "wie vraagt er eigenlijk om dat overleg?": whoever asks
    # anything in the letter is its sender
    r"|\bwho\b(?:\s+\w+){0,2}\s+(?:is requesting|requests|requested|is asking for|asks for|asked for|is demanding)\b"
    r"|\bwie\b(?:\s+\w+){0,2}\s+(?:vraagt|vroeg|verzoekt|verzocht) (?:er |nou |eigenlijk )*om\b"
    # "who's the letter from?", "who is it actually from?"
    r"|\bwho(?:'s| is|s| was)\s+(?:the |this |that |it |the letter |this letter )?(?:\w+\s+)?from\b(?!\s+\w)"
    r"|\bvan wie\b(?!\s+(?:de|het|een|hun|zijn|haar)\s)"
    r"|\b(?:hoedanigheid|in what capacity|in which capacity|in welke functie)\b"
    r"|\b(?:namens wie|namens welke|namens de|on behalf of (?:whom|which|what|the)|"
    r"welke (?:organisatie|club|vereniging)|which (?:organi[sz]ation|org|body)|what (?:organi[sz]ation|org|body)|"
    r"which group (?:sent|wrote|signed|is behind))\b"
    r"|\bput (?:their|his|her|its|a) names? (?:to|on|under)\b"
    # "Is this written on behalf of one mayor or an organisation?"
    r"|\b(?:written|sent|signed|geschreven|gestuurd|ondertekend) (?:\w+ )?(?:on behalf of|namens)\b"
    r"|\bon behalf of (?:one|a|an|which|whom|what|the)\b"
    # "was die brief nou van de provincies of van de gemeenten?"
    # (English "or", Dutch "of": "the letter gets from intimidation of officials to ..." offers no choice)
    r"|\b(?:letter|it)\b.{0,20}\bfrom\s+(?:the\s+)?(?:\w+\s+){1,2}or\s+(?:from\s+)?(?:the\s+)?\w+"
    r"|\b(?:brief|hij)\b.{0,20}\bvan\s+(?:de\s+)?(?:\w+\s+){1,2}of\s+(?:van\s+)?(?:de\s+)?\w+"
    r"|\b(?:vng|it|that|this)\s+(?:stands?|staat)\s+(?:for|voor)\b|\b(?:stands?|staat) (?:vng|het) (?:for|voor)\b"
    r"|\b(?:afkorting|abbreviation|acronym|acroniem)\b"
    rf"|{PROPOSED_SENDER}"
    r"|\bwhat does vng (?:stand for|mean)\b|\bwat betekent vng\b|\bwho(?:'s| is|s)? (?:the )?vng\b"
    r"|\bwie is (?:de )?vng\b"
    r"|\b(?:who|wie) is (?:this |that |die |deze |mevrouw |mrs\.? |ms\.? )?(?:s\.?a\.?m\.? )?dijksma\b"
    r"|\bchair\w* of (?:the )?vng\b"
    r"|\b(?:functie|rol|role|position|job|titel|title|function)\b.{0,30}\bdijksma\b"
    r"|\bdijksma'?s? (?:functie|rol|role|position|function|job|title|titel)\b"
    r"|\bvoorzitter van de vng\b|\bwho(?:'s| is|s)? (?:the )?(?:voorzitter|chair\w*)\b|\bwie is (?:de )?voorzitter\b"
    r"|\bwho\s+(?:is|was|'s)\s+(?:this|the|that)\s+(?:letter|brief|thing)\s+(?:actually\s+)?from\b"
    r"|\bvan wie is (?:deze|die|de|dit|dat|het)\s+(?:brief|schrijven|stuk)\b"
    r"|\b(?:letter|brief|it|this)\s+(?:is\s+|was\s+|comes?\s+|komt\s+)?(?:from|van)\s+(?:one|a|an|which|what|wie|"
    r"een|welke)\b"
    # "die brief is toch van de gemeente Utrecht?", "a letter from the city of Utrecht, isn't it?": a sender
    # proposed, to be confirmed or corrected
    r"|\b(?:letter|brief)\s+(?:from|van)\s+(?:de\s+|the\s+)?(?:gemeente|municipality|city|stad|town|"
    r"burgemeester|mayor|provincie|province)\b"
    r"|\b(?:(?:letter|brief|it|this)\s+(?:is|was|komt|kwam|comes?|came)|(?:is|was|komt|kwam)\s+(?:de\s+|the\s+|"
    r"this\s+|deze\s+|die\s+)?(?:letter|brief|it|this))\s+(?:toch\s+|nou\s+|echt\s+|really\s+|"
    r"actually\s+)?(?:from|van)\s+(?:de\s+|the\s+)?(?:gemeente|municipality|city|stad|city of|town of|"
    r"burgemeester|mayor|provincie|province)\b"
    # "is the letter from the VNG?" asks; "in de brief van de VNG" only names the letter
    r"|\b(?:letter|brief|it|this)\s+(?:really\s+|actually\s+)?(?:is|was|comes?|komt|came|kwam)\s+"
    r"(?:really\s+|actually\s+|echt\s+|wel\s+)?(?:from|van)\s+"
    r"(?:de |the )?vng\b"
    r"|\b(?:is|was|comes?|komt|came|kwam)\s+(?:the |de |this |deze )?(?:letter|brief|it|this)\s+(?:really\s+|echt\s+|"
    r"wel\s+)?(?:from|van)\s+(?:de |the )?vng\b"
    # "wie heeft er namens hen onder gezet?": whose name is under it
    r"|\b(?:onder gezet|ondergezet|eronder gezet|handtekening\w*|krabbel)\b"
    r"|\b(?:sign(?:s|ed)? off|closing formula|afsluitende groet|slotgroet|groet|regards|"
    r"name under|naam onder|names under|namen onder|undersigned|ondergetekende)\b"
    # "whose name is under it?", "wiens naam staat eronder?"
    r"|\b(?:whose|wiens|wier) (?:name|naam)\b"
    r"|\b(?:names?|namen|naam) (?:is |are |staat |staan )(?:under|onder|eronder)\b"
)
ADDRESSEE_RE = re.compile(
    r"\bwho(?:'s| is|s)\s+(?:the|this|that|it)\s+(?:letter\s+)?(?:to|for|ad?dressed to)\b(?!\s+\w)"
    r"|\bwho(?:'s| is|s)\s+(?:the|this|that)\s+letter\s+(?:to|for)\b"
    r"|\b(?:sending|send|sends|sent|writing|written|wrote)\s+(?:it|this|the letter|that)\s+to\b"
    r"|\bto who\b.{0,30}\b(?:send\w*|sent|writ\w*|wrote|address\w*)\b|\bto whom?\W*$"
    r"|\b(?:to whom|aan wie|ad?dressed|ad?dressees?|recipient|recipients|geadresseerden?|ontvangers?|gericht aan|"
    r"gericht|gestuurd naar|sent to|written to|geschreven aan|bestemd voor|intended for|on the receiving end)\b"
    r"|\bwho\b.*\b(?:ad?dressed|receives? the letter|received the letter)\b"
    r"|\bwie\b.*\b(?:ontvangt|ontving|geadresseerd)\b"
    r"|\b(?:wie|who)\b.{0,20}\b(?:kreeg|krijgt|got|gets|get)\s+(?:de|deze|die|het|the|this|that)\s+"
    r"(?:brief|schrijven|letter)\b"
    r"|\b(?:naar|aan) wie\b.*\b(?:gegaan|verstuurd|gestuurd|gezonden|verzonden)\b"
    # "Is deze brief naar de Tweede Kamer gestuurd of naar de regering?", "ging hij naar het parlement?"
    r"|\b(?:ging|gaat|gingen) (?:de |deze |die )?(?:brief|hij) (?:\w+ )?naar\b"
    r"|\b(?:brief|letter|hij|die|deze)\b.{0,20}\b(?:naar|aan) (?:de |het )?(?:\w+ ){0,2}(?:gestuurd|verstuurd|gezonden|"
    r"verzonden|gericht|geschreven)\b"
    # "an open letter to the King and parliament?", "Is dit nou een brief aan de Tweede Kamer?"
    r"|\b(?:letter|brief)\s+(?:aan|to|for|voor)\s+(?:the|de|het)\s+(?:king|koning|parliament|parlement|"
    r"(?:tweede |eerste )?kamer|house|senate|senaat|president|eu|european)\b"
    r"|^\W*(?:is|was)\s+(?:dit|dat|het|deze|die|this|it|that)\s+(?:nou\s+|nu\s+|echt\s+|really\s+|actually\s+)?"
    r"(?:een|a)\s+(?:brief|letter)\s+(?:aan|to|for|voor)\b"
    r"|\b(?:letter|brief|it|this|deze|die)\s+(?:is|was)\s+(?:really\s+|echt\s+|toch\s+)?(?:for|voor)\s+(?:the|de|het)\b"
)
COPIES_RE = re.compile(
    r"\b(?:copy|copies|copied|cc|afschrift|kopie|kopieen|kopie'?s|kopietjes?|in kopie|which ministers|welke ministers|"
    r"other ministers|andere ministeries|other ministries|welke bewindsperso\w+|ter informatie|for information|"
    r"andere ministers|ministers besides|ministers behalve|"
    r"ministers? (?:received|got|kregen|krijgen)|meelezen|lezen (?:\w+ ){0,2}mee|read along|cc'?d)\b"
    # "kreeg de minister van Justitie de brief ook?", "did the housing minister get the letter?"
    r"|\b(?:kreeg|kregen|ontving|ontvingen|received|got|get)\b.{0,40}\bminister.{0,60}\b(?:brief|letter)\b"
    # "krijgt de minister die over wonen gaat hem ook?", "does the housing minister get it too?"
    r"|\b(?:krijgt|kreeg|ontvangt|ontving|gets|got|get|receives?|received)\b.{0,10}\bminister\b.{0,50}"
    r"\b(?:hem|die|deze|het|it|one|him)\s+(?:ook|too|as well|also)\b"
    # "who else got the letter, not only Schoof?"
    r"|\b(?:who|wie)\s+(?:else|anders|nog meer|verder)\b.{0,30}\b(?:get|gets|got|received|receive|receives|kreeg|"
    r"kregen|krijgt|krijgen|ontving|ontvingen|ontvangt)\b"
    r"|\b(?:who|wie)\b.{0,10}\b(?:kreeg|kregen|krijgt|ontving|ontvingen|got|get|gets|received)\b.{0,30}"
    r"\b(?:else|nog meer|besides|behalve|naast|apart from)\b"
    # "heeft nog iemand anders die brief gekregen?", "did anyone else get it?"
    r"|\b(?:nog iemand|iemand anders|anyone else|anybody else|someone else|somebody else)\b.{0,40}\b(?:gekregen|"
    r"ontvangen|kreeg|kregen|got|get|received)\b"
    r"|\b(?:gekregen|ontvangen|kreeg|kregen|got|get|received)\b.{0,20}\b(?:anyone else|anybody else|nog iemand)\b"
    r"|\bminister\w*\b.{0,60}\b(?:brief|letter)\b.{0,20}\b(?:gekregen|ontvangen)\b"
    r"|\bminister\w*\b.{0,60}\b(?:kreeg|kregen|ontving|received|got|get)\b.{0,20}\b(?:brief|letter)\b"
    r"|\bminister\w*\b.{0,60}\b(?:op de hoogte (?:gebracht|gesteld)|kept informed|in the loop|cc'?d|gecc'?d)\b"
    # "de minister aan wie de brief ook is gestuurd", "who was it also sent to?"
    r"|\b(?:aan|naar) wie\b.{0,30}\b(?:ook|tevens)\b.{0,20}\b(?:gestuurd|verstuurd|gezonden|gegaan)\b"
    # "naar wie gaat ie nog meer, behalve Schoof?"
    r"|\b(?:aan|naar) wie\b.{0,20}\b(?:nog meer|ook nog|verder nog)\b"
    r"|\b(?:behalve|naast|buiten|besides|apart from|other than|except)\s+(?:de heer |mr\.? |premier |"
    r"the prime minister |prime minister )?schoof\b"
    r"|\b(?:also|too)\s+(?:been\s+)?(?:sent|went|go|gone)\s+to\b"
)
# "wie hebben deze brief allemaal gehad?", "who received this letter?": the addressee and the copy list.
RECIPIENTS_RE = re.compile(r"\b(?:wie|who)\b(?=.{0,60}\b(?:brief|letter|schrijven)\b).{0,60}\b(?:kreeg|kregen|krijgt|"
                           r"krijgen|ontving|ontvingen|ontvangt|ontvangen|gekregen|gehad|got|gets|get|received|"
                           r"receives?)\b")
ALL_RECIPIENTS_RE = re.compile(r"\b(?:allemaal|iedereen|who all|everyone|everybody|all (?:the )?(?:recipients|"
                               r"people)|alle ontvangers|wie (?:nog )?meer)\b")
BESIDES_ADDRESSEE_RE = re.compile(r"\b(?:besides|apart from|other than|except|naast|behalve|buiten)\s+(?:the |de |het |"
                                  r"mr\.? |meneer |minister-?president |premier )?(?:pm|premier|prime minister|schoof|"
                                  r"addressee|geadresseerde|kabinet|cabinet|minister-?president)\b")


def with_all_recipients(parties: list[str], q: str) -> list[str]:
    """"Wie krijgt de brief allemaal?", "besides the PM, who received it?": the addressee is not all who got the
    letter, so the copy list joins it."""
    if "addressee" in parties and "copies" not in parties and (ALL_RECIPIENTS_RE.search(q) or
                                                               BESIDES_ADDRESSEE_RE.search(q)):
        return [*parties, "copies"]
    return parties


ADDRESSED_RE = re.compile(r"\b(?:ad?dressed|ad?dressees?|gericht|geadresseerd\w*|bestemd voor|intended for)\b")
TO_WHOM_RE = re.compile(r"\b(?:aan wie|to whom?|naar wie)\b")
SENDER_STRONG_RE = re.compile(r"\b(?:afzender|ondertek\w*|signed|signs?|wrote|written|geschreven|schreef|author|"
                              r"auteur|namens|van wie(?!\s+(?:de|het|een|hun|zijn|haar)\s)|from whom|from who|"
                              r"put (?:their|his|her|its|a) names?)\b")
PARTY_PATTERNS = (("addressee", ADDRESSEE_RE), ("sender", SENDER_RE), ("copies", COPIES_RE))
# ("a deadline attached to what it wants" is a condition, not an attachment; "attached to the letter" is one.)
ATTACHMENT_RE = re.compile(r"\b(?:attach\w*(?!\s+to\s+(?!(?:the |this |that |its |his |her )?"
                           r"(?:letter|brief|it|e-?mail|mail)\b))|"
                           r"bijlage\w*|enclos\w*|annex\w*|appendi\w*|bijgevoegd\w*|"
                           r"(?:documents?|papers?|stukken) (?:\w+ )?along|"
                           r"(?:documents?|documenten|papers?|papieren|stukken) (?:\w+ ){0,2}(?:added|attached|"
                           r"included|enclosed|with (?:the|this) letter|bij (?:de|die|deze) brief)|"
                           r"(?:andere|extra|nog) (?:documenten|papieren|stukken)|"
                           r"(?:other|extra|more) (?:papers|documents)|"
                           r"(?:extra|other|andere) (?:documents?|stukken)|"
                           r"(?:send|sent) (?:\w+ ){0,3}along|"
                           r"meegestuurd|meegezonden|gevoegd|meegevoegd|envelop\w*|"
                           r"zat er (?:nog |ook )?(?:\w+ )?bij|"
                           r"(?:bij|aan) de brief (?:gedaan|gevoegd|toegevoegd)|bijgedaan|"
                           r"(?:zaten|zit|zitten) er (?:nog |ook )?(?:\w+ )?bij"
                           r"(?: (?:de|die|deze|het) (?:brief|schrijven))?(?=\s*(?:$|[?.!]))|"
                           r"(?:sturen|stuurt|stuurden|zenden|zendt|doen|doet) (?:\w+ ){0,3}mee|"
                           # ("zit er bij de eisen iets over terugkeer?" asks among the demands)
                           r"zit er (?:nog )?(?:\w+ )?bij(?!\s+(?:de|die|deze)\s+(?:eisen|punten|verzoeken|alinea)))\b")
CONTENT_RE = re.compile(
    r"\b(?:what does|wat staat|what is in|what's in|wat zegt|what do(?:es)? (?:it|they) say|inhoud|content|"
    r"contents|says?|zegt|staat er|mention|summar\w*|samenvat\w*|"
    r"details?|read|lees|quote|citeer|which warnings|welke waarschuwingen|main points|key points|main demands|"
    r"hoofdpunten|belangrijkste punten|kernpunten|does it list|do they list|does it contain|contains?|bevat|"
    r"staat erin|staan erin|lists? (?:of|which|what)|"
    # "the main arguments in that manifesto", "does the manifesto talk about hotels?", "wat betogen ze daarin?"
    r"arguments?|argumenten|argue|argues|betoog\w*|talks? about|gaat over|gaan over|"
    r"(?:gaat|gaan) (?:\w+ ){1,3}over \w+|"  # "gaat de bijlage over hotels?"
    r"(?:does|do|did) (?:the |that |this |it )?(?:attached )?(?:manifest\w*|attachment|document)\s+(?:\w+\s+){0,3}"
    r"(?:discuss|cover|address|deal with|describe|explain|propose|recommend))\b"
    # "whats actually written in that manifesto", "wat wordt er in die bijlage geschreven?"
    r"|\b(?:what|whats|what's|wat)\b.{0,25}\b(?:written|geschreven|schrijven ze|schrijft)\b"
    r"|\b(?:in|inside|within|uit) (?:the|de|het|dat|die|this|deze|dit) (?:manifest\w*|attachment|bijlage|"
    r"onderbouwing|document|stuk)\b"
)
MEETING_RE = re.compile(
    r"\b(?:meeting|meet|mtg|overleg|overlegje|afspraak|afspraakje|gesprek|gesprekje|ontmoeting|bijeenkomst|"
    r"consultation|talks with|spreken met|"
    r"om (?:de )?tafel|around the table|round the table|"
    r"sit down|sit-down|sitdown|praten met|willen praten|gaan praten|vervolgstap\w*|"
    r"(?:met|with) (?:de |het |the )?(?:\w+ ){0,2}(?:praten|spreken|overleggen)|"
    r"(?:aan het |het )?(?:eind|einde|slot) van de brief|"
    r"(?:at )?the end of the letter|"
    r"at the (?:very )?end|helemaal aan het (?:eind|einde)|aan het (?:eind|einde|slot)\W*$|"
    r"afsluit\w*|closing request|happen next|final request|laatste verzoek|slotverzoek|"
    r"how does (?:the |this )?(?:letter |it )end|hoe eindigt (?:de |deze |die )?(?:brief|hij))\b"
    # "What are they asking Schoof to organise?" (but not to organise the reception)
    r"|\b(?:ask\w*|vraag\w*|vroeg|expect\w*|verwacht\w*|want\w*|wil\w*)\b(?:\s+\w+){0,3}\s+(?:to\s+|te\s+)?"
    r"(?:organi[sz]e|organiseren|convene|beleggen|set up|arrange)\b(?!\s+(?:the\s+|de\s+)?(?:reception|opvang))"
)
LISTING_RE = re.compile(r"\b(?:which|welke|what are|wat zijn|how many|hoeveel|list|lijst)\b")
ABOUT_WHAT_RE = re.compile(r"\bwaar\s+(?:gaat|gaan)\b[^?.!]*?\bover\b|\bwaarover\b|"
                           r"\bwhat(?:'s|s| is| are)\s+(?:\w+\s+){0,5}?about\b")
# Of the attachments, once they came up: "they", "ze", "die"; their names, or their texts.
THEM_RE = re.compile(r"\b(?:they|them|those|these|ze|zij|die|deze)\b")
ATTACHMENT_NAMES_RE = re.compile(r"\b(?:called|named|titled|heten|titels?|titles?|namen|names)\b")
THEIR_TEXT_RE = re.compile(r"\b(?:included|inbegrepen|available|beschikbaar|te vinden|read|lezen|inzien|open|access|"
                           r"inhoud|contents?|text|texts|tekst|teksten|have them|heb je ze|hebt u ze|heb je die|"
                           r"hebt u die|got them)\b")
NAMING_RE = re.compile(r"\b(?:titles?|titel\w*|names?|named|called|heet|heten|any|are there|zijn er|is there|"
                       r"zit er|zitten er|is er|enige|enig|als bijlage|as an? attachment|"
                       r"enclosed|bijgevoegd|attached|documents?|stuk|stukken|welk|which|what'?s the|"
                       # "waar is die eerste bijlage voor bedoeld?": its title says what it is for
                       r"bedoeld|waarvoor|what for|purpose|doel|meant|dient|serves?)\b")
INJECTION_RE = re.compile(
    r"\b(?:ignore|disregard|forget|negeer|vergeet|override|bypass)\b.{0,40}\b(?:instruction|instructions|"
    r"instructies|rules|regels|prompt|previous|above|vorige|eerdere|system|opdracht|opgedragen|told|everything|alles|"
    r"the letter|de brief)\b"
    r"|\b(?:system prompt|systeemprompt|jailbreak|developer mode|you are now|je bent nu|pretend to be|"
    r"doe alsof|act as|speel de rol|roleplay|new instructions|nieuwe instructies|reveal your|"
    r"toon je instructies|print your|your instructions|je instructies)\b"
)

# "Schrijf voor mij een boze brief aan de burgemeester": a text to write, not a question about the letter.
TASK_RE = re.compile(
    r"(?<!\bik )(?<!\bi )(?<!\bwe )(?<!\bwij )\b(?:schrijf|write|draft|compose|formuleer|stel)\s+"
    r"(?:(?:voor|namens) (?:mij|me|ons)\s+|(?:me|mij|us|ons)\s+|for (?:me|us)\s+)?"
    r"(?:(?:gewoon|even|eens|snel|nou|maar|just|quickly|quick)\s+)*(?:een|a|an)\s+(?:\w+\s+){0,2}"
    r"(?:brief|letter|tweet|tweets|mail|e-?mail|gedicht|poem|"
    r"speech|toespraak|persbericht|press release|column|essay|reactie|response|reply|statement|post|bericht|"
    r"message|ingezonden stuk|op-?ed|verhaal|story|lied|song)\b"
)

# "Vind jij ook niet dat de VNG zich aanstelt?": the assistant's own opinion ("waar vind je dat?" asks where).
OPINION_RE = re.compile(
    r"(?<!waar )(?<!where )\b(?:vind (?:jij|je|u)|vindt u) (?:\w+ ){0,2}(?:dat|van|het)\b"
    r"|\bwat vind (?:jij|je|u)\b(?! (?:\w+ ){0,3}(?:in de brief|terug))"
    r"|\b(?:jouw|uw|je) (?:eigen |persoonlijke )?mening\b|\b(?:ben (?:jij|je)|bent u) het (?:\w+ ){0,3}eens\b"
    r"|\byour (?:own |personal |honest )?(?:opinion|take)\b|\bin your (?:opinion|view)\b"
    r"|\bdo you (?:personally |honestly )?(?:agree|side)\b|\bwhat do you (?:personally |honestly )?think (?:of|about)\b"
    r"|\bdo you personally\b"
)


@dataclass
class Route:
    intent: Intent
    demands: list[str] = field(default_factory=list)  # "4", "4b"
    requested: list[str] = field(default_factory=list)  # as asked, for "demand 7"
    attachment: int | None = None
    # The question without the words that triggered the route: what else it asks about.
    residual: str = ""
    # Further parts of the letter asked for in the same question ("who wrote it, and who got a copy?").
    also: list[Intent] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)  # "alinea 5", "the fourth paragraph"
    # "Apart from demand 4, where else...": parts of the letter the question sets aside
    excluded_demands: list[str] = field(default_factory=list)
    excluded_paragraphs: list[int] = field(default_factory=list)


def _number(token: str) -> int | None:
    token = fold(token).strip()
    if token.isdigit():
        return int(token)
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    if token in ROMAN:
        return ROMAN[token]
    return None


def _demand_refs(q: str, n_demands: int) -> list[tuple[int, str]]:
    refs: list[tuple[int, str]] = []
    for match in PART_OF_RE.finditer(q):
        number = _number(match.group(2))
        if number is not None:
            refs.append((number, match.group(1)))
    for match in KEYWORD_NUMBER_RE.finditer(q):
        number = _number(match.group(1))
        if number is not None:
            refs.append((number, match.group(2) or match.group(3) or ""))
        end = match.end()
        while (more := CONTINUATION_RE.match(q, end)) is not None:
            extra = _number(more.group(1))
            if extra is None:
                break
            refs.append((extra, more.group(2) or ""))
            end = more.end()
    for match in FIRST_N_RE.finditer(q):
        # "de eerste twee eisen", "the last three demands"
        count = _number(match.group(2)) or 0
        first = match.group(1) in ("eerste", "first")
        refs += [(k, "") for k in (range(1, count + 1) if first else range(n_demands - count + 1, n_demands + 1))]
    for match in ORDINAL_RE.finditer(q):
        word = match.group(1)
        before = q[: match.start()]
        while (chained := ORDINAL_CHAIN_RE.search(before)) is not None:
            refs.append((ORDINALS[chained.group(1)], ""))
            before = before[: chained.start()]
        refs.append((n_demands if word in LAST else ORDINALS[word], ""))
    if not refs:
        for match in CODE_RE.finditer(q):
            refs.append((int(match.group(1)), match.group(2)))
    if not refs:
        bare = BARE_NUMBER_RE.match(q)
        if bare:
            refs.append((int(bare.group(1)), bare.group(2) or ""))
    with_parts = {number for number, part in refs if part}
    seen: set[tuple[int, str]] = set()
    unique = []
    for ref in refs:
        if not ref[1] and ref[0] in with_parts:  # "part b of demand 4" names 4b, not 4 as well
            continue
        if ref not in seen:
            seen.add(ref)
            unique.append(ref)
    return unique


def _paragraph_refs(q: str, n_paragraphs: int) -> list[int]:
    refs = [number for m in PARAGRAPH_RE.finditer(q) for word in re.findall(NUMBER, m.group(1))
            if (number := _number(word)) is not None]
    refs += [n_paragraphs if m.group(1) in LAST else ORDINALS[m.group(1)] for m in PARAGRAPH_ORDINAL_RE.finditer(q)]
    return list(dict.fromkeys(refs))


# "Het jojoën, is dat eis 1?", "dat was eis 3 toch?", "I'm pretty sure it was no. 3", "staat dat in eis 4?":
# the asker offers a number for something described.
NUMBER_PREMISE_RE = re.compile(
    rf"\b(?:is|was|isn'?t|wasn'?t|zit|zat|staat|stond|komt|kwam)\s+(?:dat|dit|that|this|it|het|die|deze|ie)\s+(?:nou\s+|really\s+|"
    rf"niet\s+|not\s+|toch\s+|ook\s+)?(?:(?:in|under|onder|bij)\s+)?(?:{KEYWORD}\s*\.?\s*)?{NUMBER}\b"
    rf"|\b(?:dat|dit|that|this|it|het|die)\s+(?:was|is|zat|stond)\s+(?:toch\s+|really\s+|niet\s+|not\s+)?"
    rf"(?:(?:in|under|onder|bij)\s+)?(?:{KEYWORD}\s*\.?\s*)?{NUMBER}\b"
    rf"|\b(?:pretty sure|i think|i thought|i believe|ik dacht|volgens mij|ik meen)\b.{{0,80}}\b{NUMBER}\b"
    rf"|^\W*(?:staat|zit|komt|is|are|does|do)\b.{{0,80}}\b(?:in|under|onder)\s+{KEYWORD}\s*\.?\s*{NUMBER}\W*$")


def asks_number_premise(question: str) -> bool:
    return bool(NUMBER_PREMISE_RE.search(fold(question)))


def without_demand_refs(text: str) -> str:
    """The text without its demand numbers ("eis 3", "the third demand", "no. 3"): what it says about them."""
    return re.sub(r"\b\d+[a-c]?\b", " ", KEYWORD_NUMBER_RE.sub(" ", ORDINAL_RE.sub(" ", fold(text))))


def demands_named(text: str, demand_labels: set[str], n_demands: int) -> list[str]:
    """The demands a text names by number ("In eis 2 vraagt de VNG ..."), as labels the letter has."""
    return [label for n, p in _demand_refs(fold(text), n_demands) if (label := f"{n}{p}") in demand_labels]


def _party_asked_beside_a_story_number(question: str, q: str, n_demands: int) -> bool:
    """The asked sentences name a part of the letter (sender, addressee, copies) and no demand number."""
    asked = fold(asked_text(" ".join(question.split())))
    return asked != q and not _demand_refs(asked, n_demands) and any(p.search(asked) for _, p in PARTY_PATTERNS)


# "wat houdt de tweede precies in?" asks what it is
WHAT_IT_HOLDS_RE = re.compile(r"\bwat (?:houdt|behelst) ((?:de|het|die|dat|deze) \w+"
                              r"(?: (?!precies|eigenlijk|dan|nou|nu)\w+)?) (?:precies |eigenlijk |dan |nou |nu )*in\b")


def route(question: str, demand_labels: set[str], n_demands: int, context_demand: str | None = None,
          n_paragraphs: int = 0, context_paragraph: int | None = None, context_attachments: bool = False) -> Route:
    """`demand_labels` are the demands and parts the letter has ("1", ..., "4a"); `context_demand` the demand
    the conversation was about, for "and part b?"; `n_paragraphs` how many paragraphs precede the demands;
    `context_paragraph` the paragraph under discussion ("en de volgende alinea?"); `context_attachments` whether
    the conversation was about the attachments ("the second one?")."""
    q = re.sub(r"#\s*(\d)", r"nummer \1", fold(" ".join(question.split())))  # "summarise #5"
    q = WHAT_IT_HOLDS_RE.sub(r"wat is \1", q)
    if INJECTION_RE.search(q):
        return Route("injection")
    if TASK_RE.search(q):
        return Route("task")
    if OPINION_RE.search(q):
        return Route("opinion")
    opening = OPENING_RE.search(q)
    # ("Ik wil het complete plaatje, niet alleen de eerste zin": more than the opening is asked)
    if opening and not NOT_JUST_RE.search(q[: opening.start()]):
        return Route("opening")
    aside = EXCLUDE_RE.search(q)
    if aside:
        # "Behalve in eis 4: waar nog meer?" asks about the rest of the letter.
        named = aside.group(0)
        excluded_demands = [f"{n}{p}" for n, p in _demand_refs(named, n_demands)]
        excluded_paragraphs = _paragraph_refs(named, n_paragraphs or 9)
        if excluded_demands or excluded_paragraphs:
            return Route("none", excluded_demands=excluded_demands, excluded_paragraphs=excluded_paragraphs)
        # "Naast de vijf eisen: welke documenten sturen ze mee?" names no part to leave out: the rest is asked,
        # and what else it asks for besides the demands is the meeting.
        q = q.replace(named, " ")
        beyond_demands = bool(ELSE_ASKED_RE.search(q))
    else:
        beyond_demands = False
    paragraphs = _paragraph_refs(q, n_paragraphs) if n_paragraphs else []
    paragraph_step = PARAGRAPH_STEP_RE.search(q) or (STEP_RE.match(q) if not context_demand else None)
    if context_paragraph and paragraph_step and not paragraphs:
        forward = bool(paragraph_step.group(1) in ("next", "following", "volgende") or (
            paragraph_step.re is PARAGRAPH_STEP_RE and paragraph_step.group(2)) or (
            paragraph_step.re is STEP_RE and (paragraph_step.group(4) or paragraph_step.group(6)) in ("after",
                                                                                                   "daarna", "erna")))
        number = context_paragraph + (1 if forward else -1)
        if not 1 <= number <= n_paragraphs:
            return Route("invalid_paragraph", requested=[str(number)])
        return Route("demand", [], [], paragraphs=[number])
    if paragraphs:
        # The paragraphs (and any demands) named: "how does demand 2 relate to what paragraph 4 says?"
        q_rest = PARAGRAPH_ORDINAL_RE.sub(" ", PARAGRAPH_RE.sub(" ", q))
        refs = _demand_refs(q_rest, n_demands)
        labels = [f"{n}{p}" for n, p in refs if f"{n}{p}" in demand_labels]
        missing = [str(n) for n in paragraphs if not 1 <= n <= n_paragraphs]
        if missing:
            return Route("invalid_paragraph", requested=missing)
        return Route("demand", labels, labels, paragraphs=paragraphs)

    bare_part = BARE_PART_RE.match(q) or BARE_LETTER_RE.search(q) or (
        re.search(PART_WORD, q) if context_demand and not re.search(rf"\b{KEYWORD}\s*{NUMBER}", q) else None)
    if bare_part and context_demand:
        letter = next(g for g in bare_part.groups() if g)
        base = re.match(r"\d+", context_demand)
        if base:
            label = f"{base.group()}{letter}"
            if label in demand_labels:
                return Route("demand", [label], [label])
            return Route("invalid_demand", [], [label])

    step = STEP_RE.match(q) or STEP_RE.match(fold(asked_text(question)))
    if step and context_demand:
        direction = step.group(1) or step.group(4) or step.group(6)
        noun = step.group(2) or step.group(3) or step.group(5)
        forward = direction in ("next", "volgende", "after", "daarna", "erna")
        base = re.match(r"(\d+)([a-z]?)", context_demand)
        if base:
            number, part = int(base.group(1)), base.group(2)
            if part and noun not in ("demand", "eis"):
                # After part b comes part c; after the last part, the next demand.
                label = f"{number}{chr(ord(part) + (1 if forward else -1))}"
                if label in demand_labels:
                    return Route("demand", [label], [label])
            label = str(number + (1 if forward else -1))
            if label in demand_labels:
                return Route("demand", [label], [label])
            return Route("invalid_demand", [], [label])
    in_question = STEP_IN_QUESTION_RE.search(q)
    if in_question and context_demand and not _demand_refs(q, n_demands):
        direction = in_question.group(1) or in_question.group(2)
        label = str(int(re.match(r"\d+", context_demand).group()) + (
            1 if direction in ("next", "following", "volgende", "daarna", "erna", "after that", "after it") else -1))
        return Route("demand", [label], [label]) if label in demand_labels else Route("invalid_demand", [], [label])
    part_ordinal = PART_ORDINAL_RE.search(q) or (ORDINAL_ONE_RE.search(q) if SUBPARTS_RE.search(q) else None)
    if part_ordinal:
        named = _demand_refs(PART_ORDINAL_RE.sub(" ", q), n_demands) or [
            (int(bare.group(1)), "") for bare in [re.search(r"\b(\d)\s+(?:has|have|heeft|hebben)\b", q)] if bare]
        base_number = str(named[0][0]) if named else (
            re.match(r"\d+", context_demand).group() if context_demand else None)
        if base_number:
            parts = sorted(label for label in demand_labels if re.fullmatch(rf"{base_number}[a-z]", label))
            word = part_ordinal.group(1)
            index = len(parts) - 1 if word in LAST else ORDINALS[word] - 1
            if parts:
                label = parts[index] if 0 <= index < len(parts) else f"{base_number}{chr(ord('a') + index)}"
                return Route("demand", [label], [label]) if label in demand_labels else Route(
                    "invalid_demand", [], [label])
    if BARE_ABOUT_RE.match(q):
        if context_demand:
            return Route("demand", [context_demand], [context_demand])
        if context_paragraph:
            return Route("demand", [], [], paragraphs=[context_paragraph])
        return Route("overview")
    if context_demand and THAT_DEMAND_RE.search(q) and not _demand_refs(q, n_demands):
        return Route("demand", [context_demand], [context_demand])

    if context_demand and f"{context_demand}a" in demand_labels and THAT_LAST_RE.search(q):
        # "Kun je wat meer zeggen over dat laatste punt?" after demand 4 and its parts: the last part shown
        last = max(label for label in demand_labels if re.fullmatch(rf"{context_demand}[a-z]", label))
        return Route("demand", [last], [last])
    refs = _demand_refs(q, n_demands)
    if refs and _party_asked_beside_a_story_number(question, q, n_demands):
        # "Van wie komt deze brief? Dat zetten we in de eerste vraag van onze lijst.": the number is the asker's
        refs = []
    # ("Pfff, mooie woorden. En de tweede?": a remark before it does not change what is asked)
    ordinal = BARE_ORDINAL_RE.match(q) or BARE_ORDINAL_RE.match(fold(asked_text(question)))
    if ordinal and (ordinal.group("tail") or ordinal.group("explain")) and context_demand and \
            f"{context_demand}a" in demand_labels:
        ordinal = None  # "and the first one, what does that mean?" after demand 4 is its first part
    if not refs and ordinal and context_demand:
        word = ordinal.group(1)
        refs = [(n_demands if word in LAST else ORDINALS[word], "")]
    attachment_match = re.search(r"\b(?:bijlage|attachment|annex|enclosure)\s*(\d)", q)
    if context_attachments and not refs and not ATTACHMENT_RE.search(q):
        # "What's the exact title of the second one?", "what are they called?" after the attachments came up
        if ATTACHMENT_ORDINAL_RE.search(q) or (THEM_RE.search(q) and ATTACHMENT_NAMES_RE.search(q)):
            return Route("attachments", residual=q)
        if THEM_RE.search(q) and THEIR_TEXT_RE.search(q):
            return Route("attachment_content")  # "are they included in what you have?", "kan ik ze lezen?"
    if refs:
        labels, requested = [], []
        for number, part in refs:
            label = f"{number}{part}"
            requested.append(label)
            if label in demand_labels:
                labels.append(label)
        if labels:
            return Route("demand", labels, requested)
        return Route("invalid_demand", [], requested)

    if ATTACHMENT_RE.search(q) or re.search(r"\b(?:manifest\w*|onderbouwing|schaduwzijde)\b", q):
        number = int(attachment_match.group(1)) if attachment_match else None
        ordinal = re.search(r"\b(first|eerste|1ste|1e|second|tweede|2de|2e|last|laatste)\b", q)
        if number is None and ordinal:
            number = 1 if ordinal.group(1) in ("first", "eerste", "1ste", "1e") else 2
        if number is None:
            if re.search(r"\b(?:manifest\w*|schaduwzijde|hoop, lef|hope, courage)\b", q):
                number = 2
            elif re.search(r"\b(?:onderbouwing|substantiation)\b", q):
                number = 1
        # Judged on what is asked, less the clauses on other parts of the letter: "Post says it came with an
        # attached list. What documents were attached?" asks for the list; "what does the letter ask at the end,
        # and what's attached?" for the list and the meeting.
        all_clauses = ASKED_CLAUSE_RE.split(fold(asked_text(" ".join(question.split()))))
        clauses = [c for c in all_clauses if not (MEETING_RE.search(c) or any(p.search(c) for _, p in PARTY_PATTERNS))]
        asked = " . ".join(clauses) or q
        # ("waar gaat die eerste bijlage over?": what it is about is what its title says; "gaat de bijlage over
        # hotels?" asks for its content)
        content = bool(CONTENT_RE.search(ABOUT_WHAT_RE.sub(" ", asked)))
        naming = bool(NAMING_RE.search(asked)) or bool(ABOUT_WHAT_RE.search(asked))
        # "What does the manifesto say?" and "what warnings does attachment 1 list?" ask for content;
        # "is a manifesto enclosed, what's it called?" and "which attachments are there?" for the list.
        # "bijlagen?" alone asks which there are; the list also says their texts are not available.
        if content or (number is not None and not naming):
            return Route("attachment_content", attachment=number)
        # "Van wie komt het en wat zat er bij?": the sender too.
        # ("een kopie van de bijlage" is not the copy list; "zit er wat bij en wie kreeg een kopie?" asks it)
        parties = [intent for intent, pattern in PARTY_PATTERNS if pattern.search(q) and (
            intent != "copies" or any(pattern.search(c) and not ATTACHMENT_RE.search(c) for c in all_clauses))]
        parties = with_all_recipients(parties, q)  # "besides the PM, who got it, and what was attached?"
        if MEETING_RE.search(q) or beyond_demands:
            parties.append("meeting")  # "which attachments, and when do they want to meet?"
        return Route("attachments", residual=ATTACHMENT_RE.sub(" ", LISTING_RE.sub(" ", q)), also=parties)
    parties = [intent for intent, pattern in PARTY_PATTERNS if pattern.search(q)]
    if RECIPIENTS_RE.search(q) and not parties:
        parties = ["addressee", "copies"]
    parties = with_all_recipients(parties, q)
    if "copies" in parties and not re.search(r"\b(?:copy|copies|cc|afschrift|kopie)", q) and any(
            MEETING_RE.search(clause) and COPIES_RE.search(clause) for clause in re.split(r"[?;,]", q)):
        parties.remove("copies")  # "which ministers should attend the meeting?" is not about the copy list
    if "copies" in parties and "addressee" in parties and not ADDRESSED_RE.search(q) and any(
            ADDRESSEE_RE.search(clause) and COPIES_RE.search(clause)
            for clause in re.split(r"[?;,]|\b(?:en|and)\s+(?=(?:wie|who|welke|which)\b)", q)):
        # "aan wie de brief in kopie is gestuurd": who it was sent to in copy, not the addressee (but "naar wie
        # is hij gegaan, ook kopietjes?" asks both).
        parties.remove("addressee")
    if "sender" in parties and (TO_WHOM_RE.search(q) or "copies" in parties) and not SENDER_STRONG_RE.search(q):
        parties.remove("sender")  # "aan wie is hij gestuurd", "who were sent a copy" ask for recipients
    if parties:
        residual = q
        for _, pattern in PARTY_PATTERNS:
            residual = pattern.sub(" ", residual)
        also = parties[1:] + (["meeting"] if MEETING_RE.search(q) or beyond_demands else [])
        return Route(parties[0], residual=MEETING_RE.sub(" ", residual), also=also)  # type: ignore[arg-type]
    if beyond_demands:
        return Route("meeting", residual=q)
    # ("what is this letter about in a nutshell? no time to read it, 3 kids at home": the aside after the question
    # is not part of what is asked)
    asked = fold(asked_text(" ".join(question.split())))
    for intent, pattern in (("demand_list", LIST_RE), ("overview", OVERVIEW_RE), ("meeting", MEETING_RE)):
        if pattern.search(asked):
            return Route(intent, residual=pattern.sub(" ", asked))  # type: ignore[arg-type]
        if pattern.search(q):
            return Route(intent, residual=pattern.sub(" ", q))  # type: ignore[arg-type]
    return Route("none")


# "Oekraïners: welk probleem schetst de brief en wat eist de VNG daarvoor?": a complaint and its remedy.
PROBLEM_RE = re.compile(
    r"\b(?:welk|welke|wat is het|wat zijn de|what|which|what's the|whats the|what is the|what are the)\s+(?:\w+\s+)?"
    r"(?:probleem|problemen|problem|problems|issue|issues|knelpunt\w*|klacht\w*|complaint\w*)\b"
    r"|\b(?:probleem|problemen|problem|problems|complaint)\b.{0,40}\b(?:schets\w*|beschrij\w*|describ\w*|noem\w*)"
    r"|\b(?:het|the)\s+(?:probleem|problem)\b"
    # "Does the letter claim incidents are rising, and what does it ask about that group?"
    r"|\b(?:claimed|complains?|complained|klaagt|klagen|beweert|beweren|signaleert|signaleren)\b"
    # "wat constateert de VNG daarover", "what do local officials go through"
    r"|\b(?:constat\w*|observ\w*|stel(?:t|len) (?:\w+ ){0,3}vast|overkom\w*|going through|go through|goes through|"
    r"meemaken|maken (?:ze |zij )?mee|doormaken)\b"
    r"|\b(?:take|view|views|standpunt|kijk) (?:on|op)\b"
    r"|\b(?:what|wat)\s+(?:has\s+|have\s+|is\s+|er\s+|is\s+er\s+)?(?:happened|happens|gebeurd|gebeurt)\b"
    r"|\b(?:does|do|did)\s+(?:the letter|it|the vng|vng|they)\s+(?:\w+\s+)?claim\b"
)
REMEDY_RE = re.compile(
    r"\b(?:fix|fixes|remed\w*|solution\w*|oplossing\w*|instead|in plaats daarvan)\b"
    r"|\b(?:de|the|welke|which|what)\s+(?:eis|demand)\b"
    r"|\b(?:wat|what)\b.{0,40}\b(?:eist|eisen|demand\w*|wil|willen|want\w*|ask\w*|vraagt|vragen|verlangt|"
    r"gebeuren|be done|do about|done about)\b"
    r"|\b(?:wat|what)\s+(?:moet|moeten|should|must)\b.{0,40}\b(?:doen|do)\b"
)
PROBLEM_WORDS = frozenset("probleem problemen problem problems issue issues knelpunt knelpunten klacht klachten "
                          "complaint complaints oplossing oplossingen solution solutions fix remedy constateert "
                          "constateren observe observes stelt stellen vast overkomt overkomen".split())


def asks_problem_and_remedy(question: str) -> bool:
    """Both what the letter complains of and what it demands for it: a paragraph and a demand answer it."""
    folded = fold(question)
    problem = PROBLEM_RE.search(folded)
    return bool(problem and REMEDY_RE.search(folded[problem.end():] + " " + folded[:problem.start()]))


# "Which sub-point deals with ...?", "welk onderdeel ...", "which demand (number and letter) ...": a part, named
WHICH_PART_RE = re.compile(r"\b(?:which|what|welk|welke)\s+(?:\w+\s+)?(?:sub-?points?|subpunt\w*|onderde(?:el|len)|"
                           r"parts?|letters?|deel|sub-?items?)\b|\b(?:number and letter|nummer en letter|"
                           r"letter en nummer|letter and number)\b")


# "In welke eisen gaat het over overlast?", "which demands mention money?": every demand on it, and only demands.
WHICH_DEMANDS_RE = re.compile(r"\b(?:which|what|welke)\s+(?:of (?:the|its|their) |other )?(?:demands?|eisen|eis|"
                              r"requests?|verzoeken)\b")


def asks_which_demands(question: str) -> bool:
    return bool(WHICH_DEMANDS_RE.search(fold(question)))


# "Wat bedoelen ze met die signalen uit Den Haag?": the passage that says it, with what surrounds it
MEANING_RE = re.compile(r"\b(?:wat bedoel\w*|what (?:do|does|did) (?:they|the vng|it|vng) mean|what is meant|"
                        r"wat wordt (?:er )?bedoeld|what do they mean by|wat betekent)\b")


def asks_what_is_meant(question: str) -> bool:
    return bool(MEANING_RE.search(fold(question)))


def asks_which_part(question: str) -> bool:
    return bool(WHICH_PART_RE.search(fold(question)))


def asks_what_is_wanted(question: str) -> bool:
    """'What does VNG want (on X)?' — answered with whole demands, not single sentences."""
    return bool(WANT_RE.search(fold(question)))
