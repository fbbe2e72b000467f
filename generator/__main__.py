"""`python -m generator` is the `timeline` command."""

from .cli import main

main()
