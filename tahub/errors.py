"""The one error type the CLI turns into a single line and a non-zero exit."""


class TahubError(Exception):
    """An expected failure with a message a user can act on."""

    exit_code = 1
