"""What ``saidwhat train`` runs: gold aligned to tokens (:mod:`.alignment`), and the
training run (:mod:`.train`). Above the pipeline; nothing below imports it."""
