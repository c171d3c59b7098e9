"""Words to terms, per language: lower case, no stop words, Snowball stems ("exploited" and "exploitation"
both become "exploit").

One Language per entry of LANGUAGES; another language (Spanish, Vietnamese...) is one more entry with its
Snowball stemmer name and its stop words, and nothing else changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# "(2 of 3)", "(cont.)", ", continued", "(continuación)" at the end of a title.
CONTINUED = re.compile(r"\s*(\([^()]*\)|,?\s*(continued|cont\.|continuación))\s*$")

ENGLISH_STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either else ever every
    few for from further had has have having he her here hers herself him himself his how however i
    if in into is it its itself just let may me might more most much must my myself no nor not now
    of off on once one only or other our ours ourselves out over own per same she should so some
    such than that the their theirs them themselves then there these they this those through to too
    under until up upon us very was we were what when where whether which while who whom whose why
    will with within without would yet you your yours yourself yourselves
    """.split()  # noqa: SIM905 - a word list reads best as words
)


@dataclass(frozen=True)
class Language:
    code: str
    snowball: str
    """The snowballstemmer algorithm name."""
    stop_words: frozenset[str] = field(default_factory=frozenset)
    min_length: int = 2
    """Shorter words (single letters, the 's' of "child's") are no evidence of anything."""
    reference_headings: frozenset[str] = field(default_factory=frozenset)
    """Titles of a slide or section that lists sources: a bibliography cites a topic, it does not teach it."""

    def is_reference_list(self, section: str) -> bool:
        """True for "References", "References (2 of 3)", "Sources, continued" and the like."""
        title = CONTINUED.sub("", section.casefold()).strip(" .:;-–—")
        return title in self.reference_headings

    def terms(self, text: str) -> list[str]:
        """The stems of `text`'s content words, in order."""
        return [stem for _, _, stem in self.spans(text)]

    def spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, stem) of each content word: where to highlight a matched word in a quote."""
        stem = _stemmer(self.snowball)
        folded = unicodedata.normalize("NFKC", text).lower()
        if len(folded) != len(text):  # normalisation changed lengths: offsets must come from the text itself
            folded = text.lower()
        for match in WORD.finditer(folded):
            word = match.group()
            if len(word) >= self.min_length and word not in self.stop_words:
                yield match.start(), match.end(), stem(word)


@cache
def _stemmer(name: str):
    import snowballstemmer

    stemmer = snowballstemmer.stemmer(name)
    return cache(stemmer.stemWord)


SPANISH_STOP_WORDS = frozenset(
    """
    a al algo algunas algunos ante antes como con contra cual cuales cuando de del desde donde durante e el
    ella ellas ello ellos en entre era eran es esa esas ese eso esos esta estaba estaban estado estan
    estar este esto estos fue fueron ha han hasta hay la las le les lo los mas me mi mientras muy nada ni
    no nos o os otra otras otro otros para pero poco por porque que quien quienes se sea sin sobre son su
    sus tambien te tiene tienen todo todos tu tus un una unas uno unos usted ustedes y ya él ésta está
    están más también qué cómo cuándo dónde sí
    """.split()  # noqa: SIM905 - a word list reads best as words
)


ENGLISH_REFERENCE_HEADINGS = frozenset(
    ["references", "sources", "bibliography", "works cited", "citations", "reference list", "sources cited"]
)
SPANISH_REFERENCE_HEADINGS = frozenset(["referencias", "fuentes", "bibliografía", "obras citadas", "citas"])

LANGUAGES = {
    "en": Language("en", "english", ENGLISH_STOP_WORDS, reference_headings=ENGLISH_REFERENCE_HEADINGS),
    "es": Language("es", "spanish", SPANISH_STOP_WORDS, reference_headings=SPANISH_REFERENCE_HEADINGS),
}
