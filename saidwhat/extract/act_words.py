"""Word lists for telling what kind of saying an attribution is (:mod:`.acts`).

Plain data, lowercased. Cue words are lemmas or word forms (the tagger's lemma is not
always the word's: "hoping" -> "hop"), chosen from the cues of PolNeAR TRAIN's
attributions by how often they occur and what they mean; every cue word in none of these
lists is speech.
"""
from __future__ import annotations


def _words(block: str) -> frozenset:
    return frozenset(block.split())


# Cue words, verbs, nouns and adjectives, by act.
WRITING_CUES = _words("""
write tweet tweeting retweet retweete post email e-mail text publish blog pen sign caption
editorialize report file title label type profile list specify headline release indict
sue
""")
THOUGHT_CUES = _words("""
believe think know feel worry fear hope hoping hop expect suspect doubt consider assume
understand realize realise wonder imagine reckon view convinced persuaded sure confident
concerned worried afraid aware certain belief concern suspicion feeling sense impression
assumption expectation opinion support oppose favor favour prefer recognize recognise judge
comprehend frustrated betrayed see hear watch notice learn remember like love dislike hate
enjoy care mind guess envision contemplate regard deem interpret understanding idea thought
view skeptical sceptical optimistic pessimistic confidence doubtful hopeful angry anger
outraged furious upset unsettled exasperated seethe incensed resent fearful anxious
suspicious convinced mindful look perceive back backing balk
""")
INTENTION_CUES = _words("""
want plan intend vow promise pledge threaten aim seek wish decide determine determined mean
propose plot aspire prepare refuse refusal intention intent threat goal bid effort proposal
decision vote choose need eager eagerness willing ready commit commitment resolve focus
desire agenda strategy
""")
# Verbs by which a finding is reported: document unless a person reports it.
FINDING_CUES = _words("""
find discover conclude estimate project forecast predict calculate tally count measure
""")
# Intention words that report a finding unless a to-infinitive follows ("the inspector
# general determined that ...", but "is determined to win").
FINDING_UNLESS_TO = _words("determine")
# Words that say an intention with a to-infinitive ("agreed to pay", "offered to help")
# and speech without one ("agreed that", "offered advice").
INTENTION_WITH_TO = _words("agree offer volunteer")
# Verbs by which something shows what it shows: document unless an agent (a person or an
# organisation) says it.
EVIDENCE_CUES = _words("""
show suggest indicate reveal demonstrate prove confirm document
""")
# Verbs that carry little meaning of their own in a cue: the words they govern tell the
# act ("made the case", "issued a statement", "is convinced", "seems to feel").
LIGHT_VERBS = _words("""
be have make take give put issue go come continue begin start seem appear get keep
remain become do offer deliver send express voice raise set lay hold try attempt leave
""")
# Of the light verbs, those whose own act holds when nothing they govern tells another.
LIGHT_ACTS = {"seem": "thought", "appear": "thought", "try": "intention", "attempt": "intention"}
# Verbs with a particle that mean another act than the verb alone ("backed off" a plan).
PHRASAL = {"back off": "intention", "back down": "intention", "back away": "intention",
           "find out": "thought", "figure out": "thought", "point out": "speech",
           "speak out": "speech", "lay out": "speech", "come out": "speech",
           "write off": "speech"}
# Choices said with "would" are intentions ("46 percent would back her").
WOULD_CHOICES = _words("like back support favor favour vote choose")

# Sources whose findings are reported ("a new poll shows", "according to the data").
FINDINGS = _words("""
poll polls polling survey surveys study studies data research analysis analyses statistics
figures numbers results findings estimate estimates count tally projection projections
model models forecast forecasts outlook index census database video videos footage
recording recordings tape tapes photo photos image images picture pictures audit audits
review investigation record records evidence calculation calculations literature science
""")
# Written things as sources or means ("the report says", "in a letter", "on Twitter").
WRITTEN = _words("""
report reports letter letters memo memos filing filings email emails e-mail tweet tweets
post posts article articles editorial column op-ed book books memoir document documents
complaint lawsuit indictment brief briefs transcript release website page ad ads
advertisement account submission motion ruling rulings opinion order slide slides
presentation twitter facebook instagram blog essay story piece headline note notes text
texts message messages newsletter handbook manual platform resolution law bill statute
convention treaty petition papers
""")
# Spoken occasions as means ("in a statement", "in an interview", "on a call").
SPOKEN = _words("""
statement statements interview interviews speech speeches call calls conference rally
rallies hearing hearings debate debates show program programme broadcast radio television
tv podcast appearance remarks event forum briefing meeting town hall address
""")
# Prepositions that introduce the means of a saying.
MEANS_PREPOSITIONS = _words("in on via through during at")
# Verbs whose object is the means of a saying ("filed a motion", "issued a statement").
DELIVERY_VERBS = _words("""
release issue send file publish deliver put make give post submit pen sign read
""")
# Courts and judges rule in writing ("the judge rejected", "the court found").
COURTS = _words("judge judges court courts justice justices")
# Organisation nouns: sources that are agents though not people ("the agency suggested").
ORGANISATION_NOUNS = _words("""
agency administration government department ministry office committee commission council
campaign party fund bank company firm group organization organisation institute center
centre foundation association union board panel network newspaper house senate congress
country nation state city team coalition police military army public people staff crowd
audience family jury
""")
