"""Alerts: subscriptions, matching, notification policy and delivery channels (issue 7)."""
