"""Text normalisation for comparing gold and predicted strings.

PDF text and OCR print the same words with different quote marks, dashes and spacing; the
evaluation should count a wrong word as a mismatch, not a typographic variant.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = "„“”‟\"‚‘’‛'«»‹›`´′″"
_DASHES = "‐‑‒–—―−"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TABLE = str.maketrans({**dict.fromkeys(_QUOTES, '"'), **dict.fromkeys(_DASHES, "-"),
                        **dict.fromkeys(_INVISIBLE, None)})
_SPACE = re.compile(r"\s+")


def norm_text(text: str | None, *, casefold: bool = False) -> str | None:
    """NFKC, one quote mark, one dash, single spaces, stripped; None stays None."""
    if text is None:
        return None
    out = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_TABLE)).strip()
    if len(out) > 2 and out[0] == out[-1] == '"' and '"' not in out[1:-1]:
        out = out[1:-1].strip()  # a name wrapped whole in quotes is the same name
    return out.casefold() if casefold else out
