"""The demo city 示例市: a deterministic, fictional data set for trying econdesk out.

``profiles`` holds the assumptions (places, magnitudes, trends, the speech's story, people),
``generator`` turns them into published figures and ``plans`` into targets and estimates, all
as ``figures`` records and without Django; ``loader`` writes them once through the ledger's
services.
"""
