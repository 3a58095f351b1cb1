"""The language models, loaded once per process from files inside installed packages.

natasha's news NER (slovnet + navec) for Russian; pymorphy2's OpenCorpora dictionary (what
natasha ships with) for case forms. Nothing is fetched at run time.
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
