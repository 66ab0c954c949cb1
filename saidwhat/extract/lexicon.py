"""Word lists for telling who a source is: titles, honorifics, media names, gendered
words and common first names, person and organisation nouns.

Plain data, lowercased; the speaker resolver (:mod:`saidwhat.speakers`) reads them, and
the model's repair reads its person nouns.
"""
from __future__ import annotations


def _words(block: str) -> frozenset:
    return frozenset(block.split())


# Honorifics and titles left out of a name ("President Donald Trump" -> "Donald Trump").
HONORIFICS = _words("""
mr mrs ms miss dr sir madam president sen senator rep representative gov governor
secretary gen general adm admiral lt col sgt capt prof professor rev judge justice mayor
speaker chancellor prime minister ambassador attorney chief vice first lady pope
""")
# Courtesy titles, which say nothing of a role ("Mr." Smith).
COURTESY = _words("mr mrs ms miss dr sir madam")
# Name parts that do not tell two people apart ("Donald Trump Jr." is matched on the rest).
NAME_STOP = _words("jr sr ii iii iv")
# Words too generic to link an organisation by its last word alone ("the Committee").
GENERIC_ORG_WORDS = _words("""
party committee university house department company group center centre institute
association union council court news office agency administration campaign foundation
""")
# A word in an organisation's name that makes it a news outlet.
MEDIA_WORDS = _words("""
times post journal news press tribune herald courier gazette daily magazine radio tv
television network reuters ap cnn msnbc nbc cbs abc fox bbc npr pbs politico breitbart
huffpost huffington axios bloomberg slate vox newsweek economist guardian telegraph
observer politifact salon drudge rt sputnik xinhua kcna register chronicle inquirer
sentinel examiner bulletin dispatch wire buzzfeed c-span cnbc univision telemundo yonhap
kyodo afp today newsmax wsj review
""")
# Nouns that refer back to a news outlet ("the newspaper").
MEDIA_NOUNS = _words("""
newspaper paper network outlet magazine daily station channel broadcaster publication
tabloid website site agency wire
""")
# Nouns that refer back to an organisation ("the bureau", "the authority").
ORGANISATION_NOUNS = _words("""
authority bureau committee agency department company firm organization organisation
union court ministry government party board council institute university center centre
foundation association commission administration office campaign group coalition
corporation bank regime city county town
""")
# Documents and products whose maker speaks through them ("a Quinnipiac University poll").
DOCUMENT_NOUNS = _words("""
poll polls survey study report analysis statement ad advertisement video memo letter
tweet tweets ruling editorial column post release filing book documentary film website
page transcript data research review audit findings investigation missive email
""")
# Words that make a person female or male.
FEMALE = _words("""
she her hers herself spokeswoman chairwoman congresswoman businesswoman woman wife
mother daughter sister actress queen lady mrs ms miss grandmother girl widow girlfriend
aunt niece princess duchess anchorwoman councilwoman assemblywoman madam mom
""")
MALE = _words("""
he him his himself spokesman chairman congressman businessman man husband father son
brother king mr grandfather boy widower boyfriend uncle nephew prince duke anchorman
councilman assemblyman dad sir
""")
FEMALE_NAMES = _words("""
hillary kellyanne melania ivanka nancy elizabeth liz sarah sara mary patricia jennifer
linda barbara susan jessica karen lisa betty margaret sandra ashley dorothy kimberly
emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia
kathleen amy angela anna ann anne brenda pamela nicole samantha katherine catherine kate
christine debra rachel carolyn janet maria heather diane julie joyce victoria kelly
christina joan evelyn lauren judith megyn martha andrea cheryl hannah jacqueline gloria
teresa sophia marie olivia jean ruth julia grace priya condoleezza madeleine sonia elena
nikki carly sheryl huma jill chelsea tulsi kamala kirsten claire dianne olympia jeanne
marsha maxine debbie hope omarosa katrina gretchen greta norah theresa ellen oprah
alicia lena ana valerie abigail abby tammy paula wendy tina rosa kathy cathy peggy judy
joanne carla jane sally shirley irene eva alexandra natalie molly zoe eleanor lily
loretta betsy kristen hilary alison allison erin megan brittany danielle monica vanessa
ava ashley charlotte olive cia ellie sue janice louise mia
""")
MALE_NAMES = _words("""
donald mike michael john james robert william bill joe joseph barack bernie ted marco
jeb chris christopher paul mitch rand ben benjamin newt rudy rudolph kevin steve steven
stephen george richard dick david daniel dan mark thomas tom tim timothy jim jeff
jeffrey jack jason eric brian kenneth ken larry gary frank scott greg gregory peter pete
andrew andy anthony tony charles chuck matt matthew ryan adam nick nicholas sean patrick
harry henry edward ed jonathan josh joshua justin kyle corey reince rex jared vladimir
martin ronald ron jimmy lyndon franklin harold howard carl karl roger raymond ray jerry
dennis walter arthur albert lawrence louis ralph roy eugene russell bobby bob phil
philip randy terry sam samuel alan allen wayne carlos jose juan luis jorge miguel
mohammed muhammad ahmed omar abdul hassan boris emmanuel francois recep bibi shinzo
tucker rush glenn bret wolf lester jake elijah devin trey darrell desmond tomas kenji
norman marcus keith kurt neil sheldon stanley vincent victor xavier zachary hugh ian
eli evan frederick gordon grant herman hank irving jesse jon leon lou mario max mitt
orrin rahm reid rick rob rodney roland rudolph seth shawn todd travis wade warren
""")
# Singular nouns for a person, with the endings of most others (-er, -or, -ist, -man).
PERSON_NOUNS = _words("""
spokesman spokeswoman spokesperson official aide adviser advisor expert analyst chief
candidate nominee senator president governor mayor secretary chairman chairwoman
director lawmaker congressman congresswoman representative leader executive ceo
founder businessman businesswoman billionaire mogul attorney lawyer judge professor
economist strategist pollster consultant reporter journalist columnist author writer
editor anchor host commentator activist veteran voter resident witness woman man
source insider friend ally critic opponent supporter daughter son wife husband mother
father official minister ambassador diplomat general officer agent prosecutor
researcher scientist doctor physician democrat republican conservative liberal
commissioner chair head mate superintendent sheriff commander manager treasurer
comptroller administrator coordinator organizer publisher producer staffer surrogate
operative delegate contender challenger incumbent deputy envoy negotiator historian
scholar teacher nurse member partner owner employee coach actor speaker runner frontrunner
""")
# Relatives by the word that names them, as one of them is named ("my father, Jo Park").
KIN = {"father": "father", "dad": "father", "mother": "mother", "mom": "mother", "son": "son",
       "daughter": "daughter", "wife": "wife", "husband": "husband", "brother": "brother",
       "sister": "sister", "uncle": "uncle", "aunt": "aunt", "grandfather": "grandfather",
       "grandmother": "grandmother", "grandson": "grandson", "granddaughter": "granddaughter",
       "nephew": "nephew", "niece": "niece", "cousin": "cousin", "stepfather": "stepfather",
       "stepmother": "stepmother"}
# Pairs of relatives named together, each by gender ("my parents, James and Olive Meehan").
KIN_PAIRS = {"parent": {"male": "father", "female": "mother"},
             "grandparent": {"male": "grandfather", "female": "grandmother"}}
# Words that say what kind of poll a poll is, not who made it ("Exit polls", capitalised).
DOCUMENT_KINDS = _words("exit tracking opinion straw push internal national statewide")
# Roles of speakers kept anonymous on purpose: the person named next is someone else.
ANONYMOUS_NOUNS = _words("source insider witness official aide person friend ally associate confidant")
# Words of a party in a title ("the Democratic nominee" is not the Republican one).
PARTY_WORDS = {"democratic": "democratic", "democrat": "democratic", "republican": "republican",
               "gop": "republican", "libertarian": "libertarian", "green": "green"}
