"""The GDP estimate calibrated on the district's own history (docs/gdp-method.md).

``model`` (weights, elasticities, the production approach), ``backtest`` (the estimate each
method would have made before each published quarter, and the choice of method) and
``reverse`` (what the target needs, checked against each industry's range) are plain Python;
``ledger`` reads the figures, with their versions, from the database. The readers use
``econdesk.analysis.gdp_estimate`` (``estimate_for``, ``gdp_statement``).
"""
