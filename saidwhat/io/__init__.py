"""Reading and writing: input articles (:mod:`.reading`), PolNeAR's brat gold
(:mod:`.gold`) and the output formats (:mod:`.formats`)."""
