"""Names in a parsed article and the chains they form: who is the same entity.

:func:`name_chains` reads spaCy's named entities (people, organisations, places,
buildings, nationalities) and links each mention to an :class:`Entity`: "Trump" to
"President Donald Trump", "the Times" to "The New York Times", "FBI" to "the Federal
Bureau of Investigation". An entity's name is the fullest name the article gives it,
without titles or a leading "the"; its ``title`` is the role the article gives ("Secretary
of State", "a Korea expert at the Wilson Center"); its ``gender`` comes from a first name,
an honorific or a gendered role noun when the article gives one.

No coreference package works offline, so this is written by hand over the parse; the
pronoun and description resolution on top of it lives in :mod:`saidwhat.speakers`.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.attrs import IS_ALPHA, IS_TITLE, LENGTH
from spacy.tokens import Doc, Span, Token

from ..extract.doctext import doc_text, token_indices
from ..extract.lexicon import COURTESY, FEMALE, FEMALE_NAMES, HONORIFICS, MALE, MALE_NAMES, MEDIA_WORDS, NAME_STOP, GENERIC_ORG_WORDS

# spaCy entity labels whose mentions can name a speaker, and the speaker type they give.
NAME_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "organization",
               "FAC": "organization", "NORP": "group"}
# Dependencies that make a mention the subject of its clause.
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
_POSSESSIVE = frozenset(("'s", "\u2019s", "'", "\u2019"))


@dataclass
class Entity:
    """One speaker candidate: a chain of mentions of the same person or organisation.

    ``name`` is ``None`` for an entity the article never names ("a spokeswoman");
    ``names`` holds the word tuples of its name mentions, for matching; ``variants`` the
    names as written in plain prose and ``written`` every name as written, for naming;
    ``titles`` the lowercased words of its titles, for descriptions ("the nominee");
    ``mentions`` the ``(start, end)`` offsets that refer to it.
    """

    id: int
    type: str
    name: Optional[str] = None
    title: Optional[str] = None
    gender: Optional[str] = None
    names: List[Tuple[str, ...]] = field(default_factory=list)
    variants: List[str] = field(default_factory=list)
    written: List[str] = field(default_factory=list)
    titles: Set[str] = field(default_factory=set)
    mentions: List[Tuple[int, int]] = field(default_factory=list)

    def add_mention(self, start: int, end: int) -> None:
        """Record that ``text[start:end]`` refers to this entity (once)."""
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))


@dataclass
class NameMention:
    """A named mention: its words as written (titles and "the" left out) and its entity."""

    span: Span
    words: Tuple[str, ...]
    text: str
    label: str
    entity: Entity

    @property
    def head(self) -> Token:
        """The syntactic head of the mention."""
        return self.span.root


def name_chains(doc: Doc, first_id: int = 1) -> List[NameMention]:
    """Return the named mentions of ``doc`` in text order, each linked to its entity.

    Entities are numbered from ``first_id``; mentions of one entity share the object.
    """
    mentions: List[NameMention] = []
    entities: List[Entity] = []
    prose = _Prose(doc)
    for ent in _name_spans(doc, prose.text):
        tokens = _name_tokens(ent)
        if not tokens:
            continue
        words = tuple(name_word(t) for t in tokens if not t.is_punct)
        if not words:
            continue
        text = _text(tokens)
        label = ent.label_
        if label == "PERSON" and len(words) == 1 and _DOTTED_INITIALS.fullmatch(words[0]):
            label = "ORG"  # "U.N." tagged as a person
        entity = _match(words, label, mentions)
        if entity is None:
            entity = Entity(id=first_id + len(entities), type=_entity_type(label, words))
            entities.append(entity)
        elif entity.type == "person" and label != "PERSON":
            label = "PERSON"  # "Trump" tagged ORG in "the Trump administration"
        elif entity.type == "organization" and label == "PERSON":
            entity.type = "person"  # its earlier mentions were the recogniser's mistake
            for earlier in mentions:
                if earlier.entity is entity:
                    earlier.label = "PERSON"
        mention = NameMention(ent, words, text, label, entity)
        mentions.append(mention)
        entity.names.append(words)
        entity.written.append(text)
        if prose.plain(tokens[0]) or first_name_gender(words[0]):
            entity.variants.append(text)
        entity.add_mention(ent.start_char, ent.end_char)
        _learn(entity, mention)
    mentions = _missed_surnames(doc, mentions, prose)
    _shared_surnames(doc, mentions, prose)
    for entity in {id(m.entity): m.entity for m in mentions}.values():
        entity.name = None if entity.type == "group" else fullest_name(entity)
    return mentions


# A name with a nickname in quotation marks: Robert C. "Bobby" Scott, Marcia "Cia" Price.
_NICKNAMED = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)*\s+[\"\u201c][A-Z][a-z]+[\"\u201d]\s+[A-Z][\w'\u2019-]*[a-z]")


def _name_spans(doc: Doc, text: str) -> List[Span]:
    """The entities of ``doc`` (whose text is ``text``) that can name a speaker, in text
    order, with each name that holds a quoted nickname made one person span (the
    recogniser cuts them apart)."""
    nicknamed = []
    for match in _NICKNAMED.finditer(text):
        span = doc.char_span(match.start(), match.end(), label="PERSON", alignment_mode="expand")
        if span is not None:
            nicknamed.append(span)
    spans = [_government(_joined(e)) for e in doc.ents if e.label_ in NAME_LABELS
             and not any(n.start < e.end and e.start < n.end for n in nicknamed)]
    spans = [e for k, e in enumerate(spans) if k == 0 or spans[k - 1].end <= e.start]
    return sorted(spans + nicknamed, key=lambda e: e.start)


# Words that make a place's name the name of its government ("the city of Phoenix").
GOVERNMENT_NOUNS = frozenset(("city", "town", "county", "state", "village", "borough", "province", "commonwealth"))


def _government(ent: Span) -> Span:
    """A place named as its government ("the *city of Phoenix* says"): an organisation
    span from the noun, else ``ent`` as it is."""
    doc = ent.doc
    start = ent.start
    if (ent.label_ in ("GPE", "ORG", "LOC") and start >= 2 and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in GOVERNMENT_NOUNS and doc[start - 1].head.i == start - 2):
        return Span(doc, start - 2, ent.end, label="ORG")
    return ent


def _joined(ent: Span) -> Span:
    """``ent`` with the partner a slash joins to it, as in a joint poll's maker
    ("Reuters/Ipsos", where the recogniser tags "Reuters" alone)."""
    doc = ent.doc
    end = ent.end
    if end + 1 < len(doc) and doc[end].text == "/" and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
        end += 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        return Span(doc, ent.start, end, label=ent.label_)
    return ent


def _missed_surnames(doc: Doc, mentions: List[NameMention], prose: "_Prose") -> List[NameMention]:
    """Add the mentions the entity recogniser missed of a person it found once: a
    capitalised noun alone, outside every named mention, equal to that person's last name
    ("Oz" after "Oz's", a sentence-initial "Trump" tagged as a common noun, even as the
    compound of one: "Trump charges that ..."), with the first
    names written before it ("Mehmet Oz"); with another first name than that person's
    ("Olive Meehan" beside "Charlotte Meehan") it is a person of its own. Returns all
    mentions in text order."""
    surnames: Dict[str, Entity] = {}
    for mention in mentions:
        if mention.label == "PERSON" and mention.entity.type == "person":
            surnames.setdefault(mention.words[-1], mention.entity)
    covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
    next_id = 1 + max((m.entity.id for m in mentions), default=0)
    namesakes: Dict[Tuple[str, ...], Entity] = {}  # people of a known surname with another first name
    found = []
    for token in (doc[i] for i in token_indices(doc, lowers=surnames.keys())):
        misparsed = token.pos_ == "NOUN" and token.is_sent_start  # "Trump charges that ..."
        if (token.i in covered or token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper()
                or (token.dep_ == "compound" and not misparsed)):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() and start - 1 not in covered:
            start -= 1
        span = doc[start:token.i + 1]
        entity = surnames[token.lower_]
        words = tuple(name_word(t) for t in span)
        if len(words) > 1 and not _first_names_agree(words, entity):
            if words not in namesakes:
                namesakes[words] = Entity(id=next_id, type="person", gender=first_name_gender(words[0]))
                next_id += 1
            entity = namesakes[words]
        mention = NameMention(span, words, span.text, "PERSON", entity)
        found.append(mention)
        entity.add_mention(span.start_char, span.end_char)
        if len(words) > 1:
            entity.names.append(words)
            entity.written.append(span.text)
            if prose.plain(span[0]):
                entity.variants.append(span.text)
    return sorted(mentions + found, key=lambda m: m.span.start) if found else mentions


def _shared_surnames(doc: Doc, mentions: List[NameMention], prose: "_Prose") -> None:
    """Give a first name the surname that two coordinated names share ("James and Olive
    Meehan": James Meehan)."""
    for first, second in zip(mentions, mentions[1:]):
        end = first.span.end
        if (second.span.start == end + 1 and doc[end].lower_ == "and" and len(first.words) == 1
                and len(second.words) == 2 and first.entity is not second.entity
                and first.label == second.label == "PERSON" and first_name_gender(first.words[0])):
            surname = second.span[-1].text
            first.entity.names.append((first.words[0], second.words[-1]))
            if prose.plain(first.span[0]):
                first.entity.variants.append(f"{first.text} {surname}")


def fullest_name(entity: Entity) -> str:
    """The longest name the article gives the entity, among those it can trust.

    Names in headlines and quotations are left out ("Crooked Hillary Clinton", "Black
    Lawmakers Rip Donald Trump") unless they start with a known first name; a longer form that holds a news outlet's word
    ("Washington Post Trump") counts only if the article writes it twice."""
    if not entity.variants:
        return mentions_text(entity)
    counts: Dict[str, int] = {}
    for variant in entity.variants:
        counts[variant] = counts.get(variant, 0) + 1
    shortest = min(len(v.split()) for v in counts)

    def trusted(variant: str) -> bool:
        words = variant.split()
        if entity.type != "person" or len(words) == shortest or counts[variant] > 1:
            return True
        return not any(w.lower() in MEDIA_WORDS for w in words)

    candidates = [v for v in counts if trusted(v)] or list(counts)
    return max(candidates, key=lambda v: (len(v.split()), counts[v], -entity.variants.index(v)))


def mentions_text(entity: Entity) -> str:
    """The longest name of an entity seen only in headlines, quotes or signatures, as
    written ("Mauricio Fraga-Rosenfeld"); one in capitals only is title-cased ("PENCE")."""
    if not entity.written:
        return " ".join(entity.names[0]).title() if entity.names else ""
    longest = max(entity.written, key=lambda w: (len(w.split()), len(w)))
    return longest.title() if longest.isupper() else longest


class _Prose:
    """Where a Doc's names stand in plain prose; its text, quotation marks and sentences are read once."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.quotes = QuoteIndex(self.text)
        self.sentences = list(doc.sents)
        self.starts = [s.start for s in self.sentences]
        alpha, title, length = doc.to_array([IS_ALPHA, IS_TITLE, LENGTH]).T
        self._word = (alpha == 1) & (length > 3)  # the words a headline is told by
        self._title = self._word & (title == 1)
        self._headline: Dict[int, bool] = {}  # by sentence index, worked out once

    def plain(self, token: Token) -> bool:
        """False for a name in a headline-like line (most words capitalised) or inside
        quotation marks, where longer forms are slogans and nicknames, not names."""
        k = bisect.bisect_right(self.starts, token.i) - 1
        if k not in self._headline:
            sentence = self.sentences[k]
            words = int(self._word[sentence.start:sentence.end].sum())
            titled = int(self._title[sentence.start:sentence.end].sum())
            self._headline[k] = words >= 3 and titled >= 0.7 * words
        return not self._headline[k] and not self.quotes.quoted(token.idx)


class QuoteIndex:
    """Where a text's quotation marks and line breaks are, to tell in O(log n) whether an
    offset is inside quotation marks and where its line starts."""

    MARKS = re.compile('["\u201c\u201d]')

    def __init__(self, text: str):
        self.marks = [m.start() for m in self.MARKS.finditer(text)]
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def line_start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` starts."""
        k = bisect.bisect_left(self.breaks, offset)
        return self.breaks[k - 1] + 1 if k else 0

    def quoted(self, offset: int) -> bool:
        """True if an odd number of quotation marks stand before ``offset`` on its line."""
        start = self.line_start(offset)
        return (bisect.bisect_left(self.marks, offset) - bisect.bisect_left(self.marks, start)) % 2 == 1


def _name_tokens(ent: Span) -> List[Token]:
    """The tokens of an entity less a leading "the", honorifics and a possessive ending."""
    return name_tokens(list(ent))


def name_tokens(tokens: List[Token]) -> List[Token]:
    """``tokens`` of a name less a leading "the", honorifics ("Mayor", "Sen."), a
    possessive ending and an owner before the name ("Fox News' Megyn Kelly")."""
    tokens = list(tokens)
    owners = [k for k, t in enumerate(tokens[:-1]) if t.text in _POSSESSIVE]
    if owners and (any(t.ent_type_ == "PERSON" for t in tokens[owners[-1] + 1:])
                   or first_name_gender(tokens[owners[-1] + 1].lower_)):
        tokens = tokens[owners[-1] + 1:]  # "Fox News' Megyn Kelly": the name after the owner
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].lower_.rstrip(".") in HONORIFICS
                      or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct):
        tokens.pop()
    return tokens


def _entity_type(label: str, words: Sequence[str]) -> str:
    """The speaker type of a name: a news outlet by its words ("Times", "Gazette"), also
    where the recogniser took it for a person, unless it starts with a known first name."""
    kind = NAME_LABELS[label]
    if kind == "organization" and any(w in MEDIA_WORDS for w in words):
        return "media"
    if (kind == "person" and len(words) > 1 and words[-1] in MEDIA_WORDS
            and not first_name_gender(words[0])):
        return "media"
    return kind


def _match(words: Tuple[str, ...], label: str, seen: Sequence[NameMention]) -> Optional[Entity]:
    """The entity of the most recent earlier mention that ``words`` names too, or None.
    A surname alone that two people of the article share ("Clinton" after "Bill Clinton"
    and "his wife Hillary Clinton") is the one named more often so far."""
    if len(words) == 1 and label == "PERSON":
        namesakes: List[Entity] = []
        for other in reversed(seen):
            if (other.label == "PERSON" and other.entity not in namesakes and _same_person(words, other.words)
                    and _first_names_agree(words, other.entity)):
                namesakes.append(other.entity)
        if len(namesakes) > 1:
            return max(namesakes, key=lambda e: (len(e.names), -namesakes.index(e)))
    first_name_match = None
    for other in reversed(seen):
        if other.label == "PERSON":
            if _same_person(words, other.words) and _first_names_agree(words, other.entity):
                return other.entity
            if (first_name_match is None and len(words) == 1 and len(other.words) > 1
                    and words[0] == other.words[0] and label == "PERSON"):
                first_name_match = other.entity
        elif label != "PERSON" and _same_organisation(words, other.words, label == other.label == "ORG"):
            return other.entity
        elif (label == "PERSON" and other.label == "ORG" and len(other.words) < len(words)
              and words[-len(other.words):] == other.words):
            return other.entity  # a headline's "De Blasio" taken for an organisation, then "Bill de Blasio"
    return first_name_match


def _first_names_agree(words: Tuple[str, ...], entity: Entity) -> bool:
    """False when ``words`` start with a common first name and another name of ``entity``
    with another one: "Bill Clinton" does not join the "Clinton" who was "Hillary
    Clinton" before, nor "Melania Trump" the "Trump" who was "Donald Trump". A nickname
    written in the other name agrees (Robert C. "Bobby" Scott and Bobby Scott)."""
    first = words[0] if len(words) > 1 else None
    if first is None or not first_name_gender(first):
        return True
    for name in entity.names:
        other = name[0]
        if (len(name) > 1 and name[-1] == words[-1] and other != first and first not in name
                and other not in words and first_name_gender(other)):
            return False
    return True


@functools.lru_cache(maxsize=1 << 16)
def _same_person(a: Tuple[str, ...], b: Tuple[str, ...]) -> bool:
    """True if two person names can be the same person: "Trump" / "Donald J. Trump"
    (each pair worked out once: an article's names are compared with all names before them)."""
    a_core = [w for w in a if len(w) > 1 and w not in NAME_STOP]
    b_core = [w for w in b if len(w) > 1 and w not in NAME_STOP]
    if not a_core or not b_core or a_core[-1] != b_core[-1]:
        return False
    short, long_ = sorted((a_core, b_core), key=len)
    return set(short) <= set(long_)


# Initials with full stops ("U.N.", "S.E.C."): an organisation, never a person's name
# ("U.N." is not Kim Jong *Un*).
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")


def name_word(token: Token) -> str:
    """A name token as names are matched: lowercased, full stops left out ("Jr." ->
    "jr"), but kept in initials ("U.N." -> "u.n."), which only an acronym match links."""
    text = token.text.lower().replace("\u2019", "'")
    return text if _DOTTED_INITIALS.fullmatch(text) else text.replace(".", "")


def is_acronym(word: str, words: Sequence[str]) -> bool:
    """True if ``word`` is the initials of the several ``words``: "fbi" or "s.e.c." of
    "securities and exchange commission" (function words left out)."""
    if len(words) < 2:
        return False
    initials = "".join(w[0] for w in words if w not in ("of", "the", "and", "for", "&"))
    return word.replace(".", "") == initials


@functools.lru_cache(maxsize=1 << 16)
def _same_organisation(a: Tuple[str, ...], b: Tuple[str, ...], by_last_words: bool = True) -> bool:
    """True if two organisation names can be the same: equal, an acronym of the other
    ("FBI"), or, with ``by_last_words`` (two organisations, not places: "Korea" is not
    "North Korea"), the other's last words ("the Times" of "The New York Times", "the
    Security Council" of "the United Nations Security Council"; one generic word alone,
    "the Committee", is not enough)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) == 1 and is_acronym(short[0], long_):
        return True
    return (by_last_words and len(short) < len(long_) and long_[-len(short):] == short
            and (len(short) > 1 or short[-1] not in GENERIC_ORG_WORDS))


def _learn(entity: Entity, mention: NameMention) -> None:
    """Take the title and gender a named mention gives its entity."""
    span = mention.span
    title_tokens = title_before(span) or title_beside(span.root)
    if title_tokens:
        title = _text(title_tokens)
        entity.titles.update(title_words(title_tokens))
        if entity.title is None:
            entity.title = title
        if entity.gender is None:  # "his wife Hillary Clinton": not "his"
            entity.gender = gender_of_words(t.lower_ for t in title_tokens if t.dep_ != "poss")
    if entity.type == "person" and entity.gender is None:
        before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        if before in ("mr", "sir"):
            entity.gender = "male"
        elif before in ("mrs", "ms", "miss", "madam"):
            entity.gender = "female"
        else:
            entity.gender = first_name_gender(mention.words[0])


# Abbreviated titles, written out so that "Gov. Mike Pence" is "the governor".
TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "sec": "secretary",
                       "gen": "general", "lt": "lieutenant", "atty": "attorney", "del": "delegate",
                       "amb": "ambassador", "pres": "president", "supt": "superintendent", "cmdr": "commander",
                       "prof": "professor", "dr": "doctor"}


def title_words(tokens: Iterable[Token]) -> Set[str]:
    """The lowercased lemmas of the nouns, proper nouns and adjectives of ``tokens``, with
    abbreviated titles written out ("Gov." -> "governor")."""
    words = set()
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            word = token.lemma_.lower().rstrip(".")
            words.add(TITLE_ABBREVIATIONS.get(word, word))
    return words


def title_before(span: Span) -> List[Token]:
    """The role words before a name in its own noun phrase ("Secretary of State" Mike
    Pompeo, "North Korean dictator" Kim Jong Un), less determiners and possessives."""
    head = span.root
    start = head.left_edge.i
    if start >= span.start:
        return _honorifics_before(span)
    tokens = [t for t in span.doc[start:span.start]]
    while tokens and (tokens[0].pos_ in ("DET", "PRON") or tokens[0].dep_ == "poss" or tokens[0].is_punct
                      or tokens[0].text in _POSSESSIVE or any(a.dep_ == "poss" for a in tokens[0].ancestors if a.i < span.start)):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_.rstrip(".") in COURTESY):
        tokens.pop()
    if not any(t.pos_ in ("NOUN", "PROPN") and t.ent_type_ == "" for t in tokens):
        return []
    return tokens


def _honorifics_before(span: Span) -> List[Token]:
    """The titles written just before a name that the parse put outside its phrase
    ("Democratic *Sen.* Luis Ortega"), with a party or nationality adjective before them."""
    doc = span.doc
    start = span.start
    while start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS - COURTESY:
        start -= 1
    if start == span.start:
        return []
    if start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].ent_type_ == "NORP":
        start -= 1
    return list(doc[start:span.start])


def title_beside(head: Token) -> List[Token]:
    """The apposition that describes a name ("Jean Lee, *a Korea expert at the Wilson
    Center*,") or that a name describes ("*the paper's editor*, Jo Park")."""
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ not in ("PERSON",) and child.pos_ == "NOUN":
            return _phrase(child)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.ent_type_ == "":
        return [t for t in _phrase(head.head) if not (head.left_edge.i <= t.i <= head.right_edge.i)]
    return []


def _phrase(head: Token) -> List[Token]:
    tokens = list(head.subtree)
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return tokens


def _text(tokens: Sequence[Token]) -> str:
    """The text from the first of ``tokens`` to the end of the last, cut from the Doc's
    text built once (:func:`doc_text`), not joined from a Span's tokens."""
    first, last = tokens[0], tokens[-1]
    return doc_text(first.doc)[first.idx:last.idx + len(last.text)]


def first_name_gender(word: str) -> Optional[str]:
    """``"male"`` or ``"female"`` for a common first name (lowercased), else None."""
    if word in MALE_NAMES:
        return "male"
    return "female" if word in FEMALE_NAMES else None


def gender_of_words(words: Iterable[str]) -> Optional[str]:
    """``"male"`` or ``"female"`` if one of ``words`` (lowercased) is a gendered word."""
    for word in words:
        if word in FEMALE:
            return "female"
        if word in MALE:
            return "male"
    return None


def mention_index(mentions: Sequence[NameMention]) -> Dict[int, NameMention]:
    """Map each token index covered by a named mention to that mention."""
    index: Dict[int, NameMention] = {}
    for mention in mentions:
        for i in range(mention.span.start, mention.span.end):
            index[i] = mention
    return index
