"""The settings files' schema: podcast.toml, episode.toml, voices/cast.toml and voices/lexicon.toml as pydantic
models (types, ranges, enums, unknown keys refused), and every mistake in a file reported at once, one line each.
Imported only when a settings file is read (pydantic takes about 0.1 s to import): `podcast --help` and the
stages' imports do not pay for it."""
from .cast import CastFile
from .episode import EpisodeFile
from .lexicon import LexiconFile
from .problems import read_settings
from .show import ShowFile

__all__ = ["CastFile", "EpisodeFile", "LexiconFile", "ShowFile", "read_settings"]
