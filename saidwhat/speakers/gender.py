"""A person's gender from a first name, a courtesy title or a gendered word."""
from typing import Iterable, Optional

from ..extract.lexicon import FEMALE, FEMALE_NAMES, MALE, MALE_NAMES

_MALE_COURTESY = frozenset(("mr", "sir"))
_FEMALE_COURTESY = frozenset(("mrs", "ms", "miss", "madam"))


def first_name_gender(word: str) -> Optional[str]:
    """``"male"`` or ``"female"`` for a common first name (lowercased), else None."""
    if word in MALE_NAMES:
        return "male"
    return "female" if word in FEMALE_NAMES else None


def courtesy_gender(word: str) -> Optional[str]:
    """``"male"`` or ``"female"`` for a courtesy title ("mr", "ms"; lowercased, without its
    full stop), else None."""
    if word in _MALE_COURTESY:
        return "male"
    return "female" if word in _FEMALE_COURTESY else None


def gender_of_words(words: Iterable[str]) -> Optional[str]:
    """``"male"`` or ``"female"`` if one of ``words`` (lowercased) is a gendered word."""
    for word in words:
        if word in FEMALE:
            return "female"
        if word in MALE:
            return "male"
    return None
