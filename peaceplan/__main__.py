"""`python -m peaceplan` runs the command line."""

from peaceplan.cli import run

run()
