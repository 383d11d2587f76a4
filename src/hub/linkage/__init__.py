"""Cross-agency record linkage: agency extracts in, the same person found across them.

Records from the police, children's social care, health, education and others are
normalised (`normalise/`), compared by a probabilistic model trained on each run with
Splink (`model.py`, `pipeline.py`), and clustered into persons. `hub link` is the batch
interface other systems call. Synthetic extracts with ground truth (`synthetic/`) measure it.
"""
