"""Who each source is: name chains (:mod:`.names`) and the resolver (:mod:`.resolver`)."""
from . import resolver  # noqa: F401  (registers the "saidwhat_speakers" factory)
