"""PolNeAR's brat labels, the one place they are named: read by :mod:`.gold`, written
by :mod:`.formats.brat`, and the roles the scorer compares."""

#: The parts of an attribution, as the reference scorer names them (the brat labels
#: lowercased).
ROLES = ("source", "cue", "content")
#: The span labels PolNeAR's ``annotation.conf`` declares.
ENTITY_TYPES = ("Source", "Cue", "Content", "Discard", "Discuss")
#: The event label of an attribution with a source, anchored on its cue's span.
ANCHOR = "Attribution"
#: The event label of an attribution without a source.
ANCHOR_NO_SOURCE = "Attribution-no-source"
