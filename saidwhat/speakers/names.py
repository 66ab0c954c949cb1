"""Names in a parsed article and the chains they form: who is the same entity.

:func:`name_chains` reads spaCy's named entities (people, organisations, places,
buildings, nationalities) and links each mention to an :class:`Entity`: "Trump" to
"President Donald Trump", "the Times" to "The New York Times", "FBI" to "the Federal
Bureau of Investigation". An entity's name is the fullest name the article gives it,
without titles or a leading "the"; its ``title`` is the role the article gives ("Secretary
of State", "a Korea expert at the Wilson Center"); its ``gender`` comes from a first name,
an honorific or a gendered role noun when the article gives one.

No coreference package works offline, so this is written by hand over the parse:
whether two names match is :mod:`.matching`'s, titles :mod:`.titles`', gender
:mod:`.gender`'s; the resolution of sources on top of it is :mod:`.resolver`'s.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Sequence, Tuple

from spacy.tokens import Doc, Token

from ..extract.doctext import doc_text, token_indices
from ..extract.lexicon import HONORIFICS, MEDIA_NOUNS, MEDIA_WORDS, ORGANISATION_NOUNS
from .entities import Entity, NameMention
from .gender import courtesy_gender, first_name_gender, gender_of_words
from .places import link_places
from .matching import DOTTED_INITIALS, first_names_agree, match_entity, name_word
from .prose import Prose
from .spans import GOVERNMENT_NOUNS, NAME_LABELS, is_role_before, name_spans
from .titles import POSSESSIVE, title_before, title_beside, title_words

def name_chains(doc: Doc) -> List[NameMention]:
    """Return the named mentions of ``doc`` in text order, each linked to its entity.

    Entities are numbered from 1; mentions of one entity share the object.
    """
    mentions: List[NameMention] = []
    entities: List[Entity] = []
    prose = Prose(doc)
    for ent in name_spans(doc, prose):
        tokens = name_tokens(ent, person=ent.label_ == "PERSON")
        if not tokens:
            continue
        words = tuple(name_word(t) for t in tokens if not t.is_punct)
        if not words:
            continue
        text = _text(tokens)
        label = ent.label_
        if label == "PERSON" and len(words) == 1 and DOTTED_INITIALS.fullmatch(words[0]):
            label = "ORG"  # "U.N." tagged as a person
        entity = match_entity(words, label, mentions)
        if entity is None:
            entity = Entity(id=1 + len(entities), type=_entity_type(label, words))
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
    link_places(mentions)
    for entity in {id(m.entity): m.entity for m in mentions}.values():
        entity.name = None if entity.type == "group" else fullest_name(entity)
    return mentions


def _missed_surnames(doc: Doc, mentions: List[NameMention], prose: Prose) -> List[NameMention]:
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
        kept = name_tokens(doc[start:token.i + 1])  # not "Protest Widow"
        span = doc[kept[0].i if kept else token.i:token.i + 1]
        entity = surnames[token.lower_]
        words = tuple(name_word(t) for t in span)
        if len(words) > 1 and not first_names_agree(words, entity):
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


def _shared_surnames(doc: Doc, mentions: List[NameMention], prose: Prose) -> None:
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


def name_tokens(tokens: Iterable[Token], person: bool = True) -> List[Token]:
    """``tokens`` of a name less a leading "the", a possessive ending and an owner before
    the name ("Fox News' Megyn Kelly"); a person's name less the titles and roles before
    it ("Mayor", "Sen.", "Alderman", "Benghazi Widow"), another name less the lowercase
    words before it ("the state Division of ..."; not "city of Phoenix")."""
    tokens = list(tokens)
    owners = [k for k, t in enumerate(tokens[:-1]) if t.text in POSSESSIVE and tokens[k + 1].lower_ != "t"]
    if owners and (any(t.ent_type_ == "PERSON" for t in tokens[owners[-1] + 1:])
                   or first_name_gender(tokens[owners[-1] + 1].lower_)):
        tokens = tokens[owners[-1] + 1:]  # "Fox News' Megyn Kelly": the name after the owner
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct or tokens[0].is_space
                      or (person and tokens[0].lower_.rstrip(".") in HONORIFICS)
                      or (not person and tokens[0].is_lower and not tokens[-1].is_lower
                          and tokens[0].lower_ not in GOVERNMENT_NOUNS)):
        tokens.pop(0)
    while tokens and (tokens[-1].text in POSSESSIVE or tokens[-1].is_punct):
        tokens.pop()
    if person:
        roles = [k for k, t in enumerate(tokens[:-1]) if tokens[k + 1].is_title and is_role_before(t, tokens[k + 1])]
        if roles:
            tokens = tokens[roles[-1] + 1:]  # "Benghazi Widow Dorothy Woods", "Alderman William D. Burns"
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


def _learn(entity: Entity, mention: NameMention) -> None:
    """Take the title and gender a named mention gives its entity."""
    span = mention.span
    beside = title_beside(span.root)
    title_tokens = title_before(span) or beside
    if beside and mention.label != "GPE" and entity.gender is None and not first_name_gender(mention.words[0]):
        _retype(entity, beside)
    if title_tokens:
        title = _text(title_tokens)
        entity.titles.update(title_words(title_tokens))
        if entity.title is None:
            entity.title = title
        if entity.gender is None:  # "his wife Hillary Clinton": not "his"
            entity.gender = gender_of_words(t.lower_ for t in title_tokens if t.dep_ != "poss")
    if entity.type == "person" and entity.gender is None:
        before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        entity.gender = courtesy_gender(before) or first_name_gender(mention.words[0])


def _retype(entity: Entity, apposition: Sequence[Token]) -> None:
    """Make an outlet or organisation of a name an apposition calls one ("The Advocate,
    a Baton Rouge newspaper", "Harlow Steelworks, a company"), though the recogniser took
    it for an organisation or a person."""
    inside = {t.i for t in apposition}
    head = next((t for t in apposition if t.head.i not in inside or t.head.i == t.i), None)
    if head is None or head.pos_ != "NOUN":
        return
    lemma = head.lemma_.lower()
    if lemma in MEDIA_NOUNS and lemma not in ORGANISATION_NOUNS and entity.type in ("organization", "person"):
        entity.type = "media"
    elif lemma in ORGANISATION_NOUNS and entity.type == "person":
        entity.type = "organization"


def _text(tokens: Sequence[Token]) -> str:
    """The text from the first of ``tokens`` to the end of the last, cut from the Doc's
    text built once (:func:`doc_text`), not joined from a Span's tokens."""
    first, last = tokens[0], tokens[-1]
    return doc_text(first.doc)[first.idx:last.idx + len(last.text)]


def mention_index(mentions: Sequence[NameMention]) -> Dict[int, NameMention]:
    """Map each token index covered by a named mention to that mention."""
    index: Dict[int, NameMention] = {}
    for mention in mentions:
        for i in range(mention.span.start, mention.span.end):
            index[i] = mention
    return index
