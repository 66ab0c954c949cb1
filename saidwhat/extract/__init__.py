"""The rules that find attributions in a parsed Doc: quotation marks (:mod:`.quotes`),
cues (:mod:`.cues`), sources (:mod:`.sources`), the rules themselves (:mod:`.rules`),
reports inside reports (:mod:`.nesting`) and the circumstances of a cue
(:mod:`.circumstances`), over cheap reads of the Doc (:mod:`.doctext`)."""
