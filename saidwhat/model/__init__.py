"""A trained attribution model: two CRF stages over spaCy features (cues, then spans).

Follows Scheible et al. (2016) and Papay & Padó (2019): stage 1 tags cue tokens in
each sentence; stage 2 tags the source and content of each cue over a window of
paragraphs around it.

``crf``, ``features``, ``data`` and ``hybrid`` sit below the spaCy component, which
uses them when given a model directory; ``training`` sits above the pipeline and is
what ``saidwhat train`` runs.
"""
