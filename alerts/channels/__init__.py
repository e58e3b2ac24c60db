"""Notification channels: outbox file, signed webhook, Slack."""
