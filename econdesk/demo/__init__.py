"""The demo city 示例市: a deterministic, fictional data set for trying econdesk out.

``profiles`` holds the assumptions (places, magnitudes, trends, the speech's story),
``generator`` turns them into figures without touching Django, and ``loader`` writes them
through the ledger's services once.
"""
