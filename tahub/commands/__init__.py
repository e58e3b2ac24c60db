"""The `tahub` subcommands, one module per command: `tahub X …` lives in `X.py`.

`tahub.cli` assembles them into the root group; they share only `context` (settings and
the error-mapping group) and never import the root or one another.
"""
