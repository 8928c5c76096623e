"""Which language an article is written in, for the sentence splitter."""

from __future__ import annotations

from functools import lru_cache

# Languages pysbd segments; others fall back to English rules.
SEGMENTER_LANGUAGES = frozenset(
    "en de fr es it nl da pl ru el ar hy am bg fa hi ja kk mr my sk ur zh".split()
)
_SAMPLE_CHARS = 1500


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of ``text``'s language (``default`` when unsure or too short).

    >>> detect_language("Die Minister treffen sich am Montag in Brüssel.")
    'de'
    """
    sample = text[:_SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return default
    code, probability = _identifier().classify(sample)
    return code if probability >= 0.5 else default


def segmenter_language(code: str) -> str:
    """The pysbd language to split ``code`` text with."""
    return code if code in SEGMENTER_LANGUAGES else "en"
