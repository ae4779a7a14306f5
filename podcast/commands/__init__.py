"""One module per `podcast` subcommand; each has `register(subparsers)` that adds its parser and handler."""
