"""The project's own errors: one-line messages a producer understands; the CLI prints them and exits 1."""


class PodcastError(Exception):
    """Base of every error the CLI reports as one line without a traceback."""


class InputError(PodcastError):
    """A source file (issue, episode.toml, podcast.toml, take) is missing or malformed."""

    def __init__(self, path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class PublishError(PodcastError):
    """The site cannot be written, or its catalog is not ours or does not parse."""
