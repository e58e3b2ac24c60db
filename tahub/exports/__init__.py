"""Exports for partners' own tools: detections as a MISP feed (``misp``) and as STIX 2.1
bundles (``stix``), aggregates as CSV in CTDC's column layout (``ctdc``).

Nothing here decides who sees what: ``feed`` asks ``consumers.queries`` (the query API's
own functions, so the sharing rule, per-version detection labels and k-suppression are
the ones every query, alert and page uses) and the format modules only write down what
it returned.
"""
