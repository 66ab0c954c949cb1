"""The text of a parsed Doc, read once.

spaCy builds ``Doc.text`` by joining every token each time it is read, which costs a
few milliseconds per article; the rules, the model, nesting and speakers all need it.
:func:`doc_text` keeps it beside the Doc (weakly: it goes with the Doc, and nothing is
added to what the Doc serialises) while the Doc's tokens still end where the text ends.
"""
from __future__ import annotations

import weakref

from spacy.tokens import Doc

_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, built once per Doc."""
    text = _TEXTS.get(doc)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != end:
        text = _TEXTS[doc] = doc.text
    return text
