"""Documents as sources and the writer as "I": a document ("a Quinnipiac University
poll", "the survey") speaks for the name that made it; "I" outside quotation marks is
the writer who signs the article or letter."""
from __future__ import annotations

from typing import List, Optional, Tuple

from spacy.tokens import Span, Token

from ..extract.doctext import token_indices
from ..extract.lexicon import DOCUMENT_KINDS, DOCUMENT_NOUNS, MEDIA_NOUNS
from .descriptions import last_outlet
from .groups import named_group
from .entities import Entity, NameMention
from .state import State
from .words import DEFINITE

# Documents of one family: "the survey" refers back to "a Gallup poll".
DOCUMENT_FAMILY = {"survey": "poll", "polls": "poll", "study": "report", "analysis": "report",
                   "findings": "report", "research": "report", "investigation": "report",
                   "advertisement": "ad", "video": "ad",
                   "clip": "ad", "documentary": "film", "missive": "letter", "email": "letter",
                   "results": "poll"}
# Documents an outlet writes: "the editorial" is the outlet's, "the newspaper's editorial" too.
OUTLET_DOCUMENTS = frozenset(("editorial",))
# Documents that report what another one found ("the findings" of the poll named before).
FINDINGS_OF = frozenset(("findings", "result", "results"))
# Documents that hold findings, in which a subject figures without having made them
# ("Trump leads in the poll").
FINDINGS = frozenset(("poll", "report"))
# Paragraphs after a document whose maker is not named yet in which a document of its kind
# names it (a headline's "New poll shows ..." ¶ ... ¶ "The latest Reuters poll ...").
DOCUMENT_AHEAD = 3


def document_source(state: State, head: Token, span: Span, determiner: Optional[str]) -> Optional[Entity]:
    """The maker of the document a source names: one named in its phrase ("a Gallup
    poll"), else that of the document it refers to ("the poll" after "a Gallup poll");
    None for a source that is no document or one whose maker is not named."""
    lemma = head.lemma_.lower()
    if lemma not in DOCUMENT_NOUNS:
        return None
    maker = _named_inside(state, span, head)
    if maker is not None:
        return maker
    generic = head.tag_ in ("NNS", "NNPS") and determiner not in DEFINITE  # "exit polls", "polls show"
    owners = [c for c in head.children if c.dep_ == "poss"]
    if owners and owners[0].lemma_.lower() in MEDIA_NOUNS:
        return last_outlet(state, head)  # "the newspaper's editorial"
    if generic or owners:
        return None
    maker = _document_maker(state, head.i, DOCUMENT_FAMILY.get(lemma, lemma))  # "the poll" after "a Gallup poll"
    if maker is None and lemma in FINDINGS_OF:
        maker = next((m for at, _, m in reversed(state.documents) if at < head.i), None)  # of the last poll
    if maker is None and lemma in OUTLET_DOCUMENTS:
        maker = last_outlet(state, head)
    return maker


def made_documents(state: State) -> List[Tuple[int, str, Entity]]:
    """Every document of the article with a named maker, as ``(token, family, maker)``
    in text order: "a Gallup poll", "a study by Jo Park", "the council issued a statement"."""
    doc = state.article.doc
    by_token = state.article.by_token
    found = []
    for token in (doc[i] for i in token_indices(doc, DOCUMENT_NOUNS)):
        if token.pos_ != "NOUN":
            continue
        lemma = token.lemma_.lower()
        maker = None
        for child in token.children:
            if child.dep_ in ("compound", "poss", "nmod"):
                maker = _maker(state, child) or maker
            elif child.dep_ == "prep" and child.lower_ == "by":
                agents = [g for g in child.children if g.dep_ == "pobj" and g.i in by_token]
                maker = (named_group(state, agents[0]) or by_token[agents[0].i].entity) if agents else maker
        verb = None
        if token.dep_ == "dobj":
            verb = token.head  # "the council issued a statement"
        elif (token.dep_ == "pobj" and token.head.lower_ in ("in", "through") and token.head.head.pos_ == "VERB"
              and DOCUMENT_FAMILY.get(lemma, lemma) not in FINDINGS):
            verb = token.head.head  # "in a statement, the union called ..."
        if maker is None and verb is not None:
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i in by_token
                        and not state.article.dateline(c)]  # not "WASHINGTON (AP) — ... called a report"
            maker = (named_group(state, subjects[0]) or by_token[subjects[0].i].entity) if subjects else None
        if maker is not None and maker.name is not None:
            found.append((token.i, DOCUMENT_FAMILY.get(lemma, lemma), maker))
    return found


def _named_inside(state: State, span: Span, head: Token) -> Optional[Entity]:
    """The named maker of a document: a name in its phrase ("a Gallup poll", "a study by Jo Park")."""
    for token in span:
        maker = _maker(state, token)
        if maker is not None and maker.name is not None and token.i != head.i:
            return maker
    return None


def _maker(state: State, token: Token) -> Optional[Entity]:
    """The entity named at ``token`` if it can make a document: not a place ("an Iowa
    poll" is a poll of Iowa), a kind of poll ("Exit polls") or a dateline."""
    mention = state.article.by_token.get(token.i)
    if (mention is None or mention.label == "GPE" or token.lower_ in DOCUMENT_KINDS
            or state.article.dateline(token)):
        return None
    return mention.entity


def _document_maker(state: State, token: int, family: str) -> Optional[Entity]:
    """The maker of the document at ``token``, else of the latest document of
    ``family`` before it, else of any document in the sentence before ("a Reuters
    survey ... The study found"), else, in a headline or lede, of the first of
    ``family`` in the DOCUMENT_AHEAD paragraphs after it ("New poll shows ..."), or None."""
    sentence = state.article.sentence
    here = sentence[token]
    for at, kind, maker in reversed(state.documents):
        if at <= token and kind == family:
            return maker
    for at, kind, maker in reversed(state.documents):
        if at < token and here - sentence[at] <= 1:
            return maker
    paragraph = state.article.paragraph
    if paragraph[token] > 1:
        return None  # only a headline or lede names a document's maker later
    for at, kind, maker in state.documents:
        if at > token and kind == family and paragraph[at] - paragraph[token] <= DOCUMENT_AHEAD:
            return maker
    return None


def author(state: State, token: int) -> Optional[Entity]:
    """The writer an "I" outside quotation marks stands for: the name signing the letter
    below it (a paragraph that is a name or @handle alone), else a closing line about the
    author ("Jo Park is a ..."), else the byline ("By Jo Park")."""
    article = state.article
    spans = article.paragraph_spans
    for start, end in spans[article.paragraph[token] + 1:]:
        signed = _signature(state, start, end)
        if signed is not None:
            return signed
    for start, end in spans[max(0, len(spans) - 3):]:
        mention = _person_at(state, start)
        if mention is not None and mention.span.end < len(article.doc) and article.doc[mention.span.end].lemma_ == "be":
            return mention.entity
    for start, end in spans[:3]:
        if article.text.startswith(("By ", "by "), start):
            mention = _person_at(state, start + 3)
            if mention is not None:
                return mention.entity
    return None


def _signature(state: State, start: int, end: int) -> Optional[Entity]:
    """The writer named by a paragraph that is a name or @handle alone, or None."""
    text = state.article.text[start:end].strip().rstrip(".").strip()
    if text.startswith("@") and len(text) > 1 and " " not in text:
        return state.entities.once(("handle", text.lower()), "person", text)
    mention = _person_at(state, start)
    if mention is not None and mention.span.end_char >= start + len(text) and len(text.split()) <= 5:
        return mention.entity
    return None


def _person_at(state: State, offset: int) -> Optional[NameMention]:
    """The named person mention that starts at character ``offset``, or None."""
    for mention in state.article.names:
        if mention.span.start_char == offset and mention.label == "PERSON" and mention.entity.name:
            return mention
        if mention.span.start_char > offset:
            break
    return None
