"""The project's own errors: one-line messages a producer understands; the CLI prints them and exits 1."""


class PodcastError(Exception):
    """Base of every error the CLI reports as one line without a traceback."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The message as the CLI prints it: one line, or one per mistake where several are reported at once."""
        return [str(self)]


class InputError(PodcastError):
    """A source file (issue, episode.toml, podcast.toml, take) is missing or malformed."""

    def __init__(self, path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class SettingsError(InputError):
    """A settings file (podcast.toml, episode.toml, voices/cast.toml, voices/lexicon.toml) with mistakes: every
    one of them, each a line naming the file, the table and the key."""

    def __init__(self, path, problems: list[str]):
        super().__init__(path, "; ".join(problems))
        self.problems = problems

    def lines(self) -> list[str]:
        return [f"{self.path}: {problem}" for problem in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class MissingFieldError(InputError):
    """What a command needs is neither in its input nor in its options: the message names the option."""

    exit_code = 2

    def __init__(self, path, problem: str, option: str):
        super().__init__(path, f"{problem}; give it with {option}")
        self.option = option


class UsageError(PodcastError):
    """An option's value the command does not know (an engine that does not exist): exit 2, as argparse's own
    usage errors."""

    exit_code = 2


class PublishError(PodcastError):
    """The site cannot be written, or its catalog is not ours or does not parse."""
