"""Reading and writing: input articles (:mod:`.reading`), PolNeAR's brat gold
(:mod:`.gold`, its labels in :mod:`.labels`) and the output formats (:mod:`.formats`)."""
