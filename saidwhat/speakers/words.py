"""The word classes the resolver goes by: pronouns, determiners, and what a common noun
can name (a person, an organisation, an outlet, a document)."""
from spacy.tokens import Token

from ..extract.lexicon import DOCUMENT_NOUNS, KIN, KIN_PAIRS, MEDIA_NOUNS, ORGANISATION_NOUNS, PERSON_NOUNS

GENDERED = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
PLURAL_PRONOUNS = frozenset(("they", "them", "their", "themselves"))
NEUTER_PRONOUNS = frozenset(("it", "its", "itself"))
FIRST_PERSON = frozenset(("i", "me", "my", "myself", "we", "us", "our", "ourselves"))
SINGULAR_FIRST_PERSON = frozenset(("i", "me", "my", "myself"))
SECOND_PERSON = frozenset(("you", "your", "yourself"))
FIRST_AND_SECOND_PERSON = FIRST_PERSON | SECOND_PERSON | frozenset(("yourselves",))
RELATIVE_PRONOUNS = frozenset(("who", "whom", "whose", "which", "that"))
DEFINITE = frozenset(("the", "this", "that"))
INDEFINITE = frozenset(("a", "an", "one", "another"))
# Dependencies that make a word the subject of its clause.
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))


def is_speaker_noun(token: Token) -> bool:
    """Whether a common noun can name a speaker: a person, organisation, outlet or document."""
    lemma = token.lemma_.lower()
    return is_person_noun(token) or lemma in ORGANISATION_NOUNS or lemma in MEDIA_NOUNS or lemma in DOCUMENT_NOUNS


def is_person_noun(token: Token) -> bool:
    """Whether a common noun names a person: a listed one, a relative ("niece"), or one with a person's ending
    ("congressman", "economist", "legislator", "assessor", "politician")."""
    lemma = token.lemma_.lower()
    return (lemma in PERSON_NOUNS or lemma in KIN or lemma in KIN_PAIRS
            or lemma.endswith(("man", "woman", "person", "ist", "ator", "ssor", "ician")))


def type_of(head: Token) -> str:
    """The speaker type of an unnamed source from its head noun."""
    lemma = head.lemma_.lower()
    if lemma in MEDIA_NOUNS:
        return "media"
    if lemma in ORGANISATION_NOUNS:
        return "organization"
    if head.tag_ in ("NNS", "NNPS") or head.ent_type_ == "NORP":
        return "group"
    if is_person_noun(head):
        return "person"
    return "unknown"
