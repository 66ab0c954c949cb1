"""Places that speak for their country: general knowledge of countries, the plural
demonyms of their people ("the Saudis", "the Germans") and their capitals ("Beijing
said", "Berlin's"), by which a place named as a speaker is the country the article
names; and which named places are countries, states or cities, by which "the kingdom",
"the nation" or "the town" refer back."""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from .entities import Entity, NameMention

# country | other names | people (plural) | capital
_COUNTRIES = """
United States|U.S.,US,U.S.A.,USA,America|Americans|
Canada||Canadians|Ottawa
Mexico||Mexicans|Mexico City
Brazil||Brazilians|Brasilia
Argentina||Argentines,Argentinians|Buenos Aires
Chile||Chileans|Santiago
Colombia||Colombians|Bogota
Venezuela||Venezuelans|Caracas
Peru||Peruvians|Lima
Cuba||Cubans|Havana
United Kingdom|U.K.,UK,Britain,Great Britain|Britons,British,Brits|London
Ireland||Irish|Dublin
France||French|Paris
Germany||Germans|Berlin
Italy||Italians|Rome
Spain||Spaniards,Spanish|Madrid
Portugal||Portuguese|Lisbon
Netherlands|Holland|Dutch|Amsterdam
Belgium||Belgians|Brussels
Switzerland||Swiss|Bern
Austria||Austrians|Vienna
Sweden||Swedes|Stockholm
Norway||Norwegians|Oslo
Denmark||Danes|Copenhagen
Finland||Finns|Helsinki
Poland||Poles|Warsaw
Czech Republic||Czechs|Prague
Hungary||Hungarians|Budapest
Greece||Greeks|Athens
Turkey||Turks|Ankara
Russia|Russian Federation|Russians|Moscow
Ukraine||Ukrainians|Kiev,Kyiv
Belarus||Belarusians|Minsk
Romania||Romanians|Bucharest
Bulgaria||Bulgarians|Sofia
Serbia||Serbs|Belgrade
China|People's Republic of China|Chinese|Beijing
Japan||Japanese|Tokyo
North Korea|Democratic People's Republic of Korea,DPRK|North Koreans|Pyongyang
South Korea|Republic of Korea|South Koreans|Seoul
Taiwan||Taiwanese|Taipei
Vietnam||Vietnamese|Hanoi
Thailand||Thais|Bangkok
Philippines||Filipinos|Manila
Indonesia||Indonesians|Jakarta
Malaysia||Malaysians|Kuala Lumpur
Burma|Myanmar|Burmese|Naypyidaw,Rangoon
India||Indians|New Delhi
Pakistan||Pakistanis|Islamabad
Afghanistan||Afghans|Kabul
Bangladesh||Bangladeshis|Dhaka
Australia||Australians|Canberra
New Zealand||New Zealanders|Wellington
Iran||Iranians|Tehran
Iraq||Iraqis|Baghdad
Syria||Syrians|Damascus
Lebanon||Lebanese|Beirut
Israel||Israelis|Jerusalem
Jordan||Jordanians|Amman
Saudi Arabia||Saudis|Riyadh
Yemen||Yemenis|Sanaa
Qatar||Qataris|Doha
United Arab Emirates|UAE,U.A.E.|Emiratis|Abu Dhabi
Kuwait||Kuwaitis|Kuwait City
Egypt||Egyptians|Cairo
Libya||Libyans|Tripoli
Tunisia||Tunisians|Tunis
Algeria||Algerians|Algiers
Morocco||Moroccans|Rabat
Nigeria||Nigerians|Abuja
Kenya||Kenyans|Nairobi
Ethiopia||Ethiopians|Addis Ababa
South Africa||South Africans|Pretoria
"""
# US states, by which "the state" is one of them and not a city.
US_STATES = frozenset("""alabama alaska arizona arkansas california colorado connecticut delaware florida
georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
tennessee texas utah vermont virginia washington wisconsin wyoming""".split()) | frozenset((
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
    "rhode island", "south carolina", "south dakota", "west virginia"))
# Nouns for a country ("the kingdom", "the nation") and for a city or town.
COUNTRY_NOUNS = frozenset(("country", "nation", "kingdom", "republic", "emirate"))
CITY_NOUNS = frozenset(("city", "town", "village"))
STATE_NOUNS = frozenset(("state",))
# Nouns for a country's or city's government ("the government in Riyadh").
GOVERNMENT_NOUNS = frozenset(("government", "regime", "authorities", "leadership"))


def _tables() -> Tuple[Dict[str, str], Dict[str, str], Dict[str, str]]:
    names: Dict[str, str] = {}
    people: Dict[str, str] = {}
    capitals: Dict[str, str] = {}
    for line in _COUNTRIES.strip().splitlines():
        country, others, demonyms, capital = line.split("|")
        for name in [country] + [o for o in others.split(",") if o]:
            names[_key(name)] = country
        for demonym in demonyms.split(","):
            people[_key(demonym)] = country
        for city in [c for c in capital.split(",") if c]:
            capitals[_key(city)] = country
    return names, people, capitals


def _key(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


_NAMES, _PEOPLE, _CAPITALS = _tables()


def country_named(words: Iterable[str]) -> Optional[str]:
    """The country a place's name words name ("u.s." -> "United States"), or None."""
    return _NAMES.get(_key(" ".join(words)))


def country_of_people(words: Iterable[str]) -> Optional[str]:
    """The country whose people a plural demonym names ("saudis" -> "Saudi Arabia"), or None."""
    return _PEOPLE.get(_key(" ".join(words)))


def country_of_capital(words: Iterable[str]) -> Optional[str]:
    """The country whose capital a place's name words name ("beijing" -> "China"), or None."""
    return _CAPITALS.get(_key(" ".join(words)))


def is_us_state(words: Iterable[str]) -> bool:
    """Whether a place's name words name a US state."""
    return _key(" ".join(words)) in US_STATES


def is_city(words: Iterable[str]) -> bool:
    """Whether a place's name words name neither a country nor a US state."""
    key = _key(" ".join(words))
    return key not in _NAMES and key not in US_STATES


def link_places(mentions: List[NameMention]) -> None:
    """Link the places of an article that speak for a country the article names to that
    country: another name of it ("the U.S." and "the United States" are one entity),
    its people with "the" ("the Saudis") and its capital, unless as a place something
    is in, to or from ("Beijing said", "Berlin's", not "talks in Berlin")."""
    countries: Dict[str, Entity] = {}
    for mention in mentions:
        if mention.label == "PERSON" and _before_state(mention):
            mention.entity.type = "organization"  # "Ferguson, Missouri" taken for a person
            for other in mentions:
                other.label = "GPE" if other.entity is mention.entity else other.label
    for mention in mentions:
        if mention.label == "GPE":
            mention.entity.place = True
            country = country_named(mention.words)
            if country is not None:
                _relink(mention, countries.setdefault(country, mention.entity))
    if not countries:
        return
    for mention in mentions:
        if mention.label == "NORP":
            doc = mention.span.doc
            definite = mention.span[0].lower_ == "the" or (
                mention.span.start > 0 and doc[mention.span.start - 1].lower_ == "the")
            country = country_of_people(mention.words) if definite else None
        elif mention.label == "GPE" and mention.head.dep_ != "pobj":
            country = country_of_capital(mention.words)
        else:
            country = None
        if country in countries:
            mention.label = "GPE"
            _relink(mention, countries[country])


def _before_state(mention: NameMention) -> bool:
    """Whether a name is followed by a comma and a US state ("Ferguson, Missouri")."""
    doc = mention.span.doc
    end = mention.span.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    return any(_key(doc[end + 1:end + 1 + n].text) in US_STATES for n in (1, 2) if end + 1 + n <= len(doc))


def _relink(mention: NameMention, entity: Entity) -> None:
    """Make ``mention`` one of ``entity``'s, with its names."""
    old = mention.entity
    if old is entity:
        return
    mention.entity = entity
    entity.names.append(mention.words)
    entity.written.append(mention.text)
    if mention.text in old.variants:
        entity.variants.append(mention.text)
    entity.add_mention(mention.span.start_char, mention.span.end_char)
