"""Detections carry their evidence (who reported, how many reports, at which level) instead
of top sources, sample signal ids and a one-window restriction list.

Rows written before this migration keep empty evidence, which the sharing rule shows to
nobody: their labels covered only the last window, so they cannot be trusted.
"""

from consumers.migrations import add_column, drop_column

UP = [
    drop_column("detections", "top_sources"),
    drop_column("detections", "sample_signal_ids"),
    drop_column("detections", "restricted_to"),
    add_column("detections", "evidence_orgs", "Array(String)", "distinct_sources"),
    add_column("detections", "evidence_tlps", "Array(String)", "evidence_orgs"),
    add_column("detections", "evidence_reports", "Array(UInt32)", "evidence_tlps"),
]

DOWN = [
    drop_column("detections", "evidence_reports"),
    drop_column("detections", "evidence_tlps"),
    drop_column("detections", "evidence_orgs"),
    add_column("detections", "top_sources", "Array(String)", "distinct_sources"),
    add_column("detections", "sample_signal_ids", "Array(String)", "top_sources"),
    add_column("detections", "restricted_to", "Array(String)", "tlp"),
]
