"""`python -m tahub` is the same as the `tahub` command."""

from tahub.cli import main

main()
