"""The `tahub` command: the root group and the list of its subcommands.

Each subcommand lives in its own module, `tahub/commands/<name>.py`; they share only
`tahub.commands.context` (settings, one-line errors) and are added here, explicitly.
Command modules import heavy modules inside the commands, so `tahub --help` stays quick.
"""

from __future__ import annotations

import click

from tahub import __version__
from tahub.commands import (
    alerts,
    bench,
    broker,
    config,
    detect,
    export,
    history,
    keys,
    news,
    orgs,
    privacy,
    query,
    schemas,
    secrets,
    silences,
    sink,
    status,
    submit,
    subs,
    topics,
    up,
    vault,
    warehouse,
    worker,
)
from tahub.commands.context import Group


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
# the source's version, not the installed metadata's: an editable install keeps the
# version it was installed with
@click.version_option(__version__, prog_name="tahub")
def cli() -> None:
    """tahub: counter-trafficking intelligence, streamed.

    Settings come from TAHUB_* environment variables and the optional TOML file named by
    TAHUB_CONFIG_FILE; `tahub config show` lists them.
    """


COMMANDS: list[click.Command] = [
    # the main job and its parts
    up.up,
    status.status,
    worker.worker,
    broker.broker,
    topics.topics,
    schemas.schemas,
    warehouse.warehouse,
    sink.sink,
    # partners and their data
    orgs.orgs,
    keys.keys,
    submit.submit,
    history.import_history,
    secrets.secrets,
    vault.vault,
    privacy.privacy,
    # news, detection, alerts
    news.news,
    detect.detect,
    alerts.alerts,
    subs.subs,
    silences.silences,
    # reading and measuring
    query.query,
    export.export,
    bench.bench,
    config.config,
]

for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    import faulthandler
    import signal

    from tahub.datadir import private_umask
    from tahub.mainjob.children import follow_parent

    # an abort inside a C library (librdkafka's assertions) leaves every Python thread's
    # stack on stderr, the job's log: which call was in flight (no values are printed)
    faulthandler.enable()
    # and on SIGUSR1, which the main job's stall watch sends a child it is about to restart
    # for a stage that reads nothing: where each thread was stuck, for the operators
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    private_umask()  # what tahub writes (data dir, logs, keys) is its own user's alone
    follow_parent()  # a child of the main job ends with it
    cli(prog_name="tahub")
