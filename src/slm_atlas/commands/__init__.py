"""The `slm-atlas` commands: each takes the parsed arguments, calls one library function and prints the
outcome, returning the exit code (0 success, 1 the data or the query has errors, 2 bad usage).

`cli.py` builds the parser and dispatches to these; nothing here parses arguments.
"""
