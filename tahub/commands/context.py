"""What every command shares: the settings of one invocation (loaded once, with logging
set up on the way), and the root group's mapping of expected failures to one line.

Command modules import this; it imports no command module and not the root `tahub.cli`.
Heavy modules (settings, contracts) load on first use, so `tahub --help` stays quick.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from tahub.settings import Settings


def expected_errors() -> tuple[type[Exception], ...]:
    """Failures a user can act on: printed as `tahub: error: …`, exit 1, no traceback."""
    from consumers.errors import WarehouseError
    from schemas.catalog import SchemaLoadError
    from schemas.registry import RegistryError
    from tahub.errors import TahubError
    from tahub.settings import SettingsError

    return (TahubError, SettingsError, WarehouseError, RegistryError, SchemaLoadError)


class Group(click.Group):
    """Turns expected failures into `tahub: error: …` and exit 1, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own (help, usage, abort): no need to load the classes below
        except Exception as err:
            if isinstance(err, expected_errors()):
                raise click.ClickException(str(err)) from None
            raise


def settings_of(ctx: click.Context) -> Settings:
    """This invocation's settings, loaded on first use; that first use also sets up logging."""
    obj: dict[str, Any] = ctx.ensure_object(dict)
    if "settings" not in obj:
        from consumers.kit import logfmt, lograte
        from tahub import redact
        from tahub.settings import load_settings

        obj["settings"] = load_settings()
        logfmt.setup(obj["settings"].log_level, obj["settings"].log_format)
        for noisy in ("aiokafka", "faust", "mode"):
            logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
        redact.install()  # credentials masked in every line; URL- and body-printing loggers quiet
        lograte.install()  # a storm of one client error is one line with a count
        # clickhouse-driver logs each failed connect with a traceback; our error says it once
        logging.getLogger("clickhouse_driver").setLevel(logging.CRITICAL)
        # librdkafka retries transient broker states loudly; health checks report outages
        logging.getLogger("tahub.kafka").setLevel(logging.ERROR)
    settings: Settings = obj["settings"]
    return settings
