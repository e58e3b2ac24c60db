"""`tahub topics`: create and list tahub's Kafka topics."""

from __future__ import annotations

import click

from tahub.commands.context import settings_of


@click.group()
def topics() -> None:
    """Kafka topics of tahub."""


@topics.command("create")
@click.pass_context
def topics_create(ctx: click.Context) -> None:
    """Create every logical topic (idempotent)."""
    from tahub.topics_admin import ensure_topics

    s = settings_of(ctx)
    for t in ensure_topics(
        s.kafka_client_config(), s.topic_prefix, s.partitions, s.replication_factor
    ):
        policy = "compact" if t.compacted else "delete"
        click.echo(f"{t.name:<32} {t.partitions:>3} partitions  {policy:<8} {t.outcome}")


@topics.command("list")
@click.pass_context
def topics_list(ctx: click.Context) -> None:
    """List the topics under the configured prefix."""
    from tahub.topics_admin import list_topics

    s = settings_of(ctx)
    for name, parts in list_topics(s.kafka_client_config(), s.topic_prefix):
        click.echo(f"{name:<48} {parts:>3} partitions")
