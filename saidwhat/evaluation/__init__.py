"""Figures against gold: the reference scorer's (:mod:`.scoring`) and speakers'
(:mod:`.speaker_scoring`). Above the pipeline; nothing below imports it."""
