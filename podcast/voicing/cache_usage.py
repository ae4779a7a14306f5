"""Which shows use a segment cache, and what each needs of it, so that pruning for one show never removes what
another uses: one record per show (a JSON file named by the digest of the show folder's path), listing per
episode folder the keys (segments and their sentences) its last build voiced. Builds write their episodes'
keys; `podcast cache prune` writes the keys it computed for the episodes it keeps. A recorded episode counts
while its folder still holds an episode.toml; a show counts while one of its recorded episodes does."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files import write_atomic
from ..folders import EpisodeFolder

RECORD_FORMAT = 1


@dataclass(frozen=True)
class ShowUsage:
    """One show's record: its folder, and the keys each of its episodes used when last built or pruned."""

    show: Path
    episodes: dict[Path, frozenset[str]]
    record: Path
    """The record's own file."""

    def live(self) -> ShowUsage:
        """The record without the episodes whose folder no longer holds an episode.toml."""
        kept = {folder: keys for folder, keys in self.episodes.items() if EpisodeFolder(folder).toml.is_file()}
        return ShowUsage(self.show, kept, self.record)

    @property
    def keys(self) -> set[str]:
        return set().union(*self.episodes.values())


def _parse(path: Path) -> ShowUsage:
    """A record as written by CacheUsage.record; anything else is an InputError naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != RECORD_FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {RECORD_FORMAT}")
        episodes = {Path(folder): frozenset(str(k) for k in keys) for folder, keys in data["episodes"].items()}
        return ShowUsage(Path(data["show"]), episodes, path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InputError(path, f"is not a record of a show using this cache ({e}); remove it to forget that "
                               f"show (its entries may then be pruned)") from None


class CacheUsage:
    """The records of the shows using one cache, under its shows/ folder (caches.CacheDirs.shows)."""

    def __init__(self, root: Path):
        self.root = root

    def record_path(self, show: Path) -> Path:
        digest = hashlib.sha256(str(show.resolve()).encode("utf-8")).hexdigest()
        return self.root / f"{digest[:32]}.json"

    def shows(self) -> list[ShowUsage]:
        """Every show's record, as recorded (live() drops the episodes that are gone)."""
        return [_parse(path) for path in sorted(self.root.glob("*.json"))]

    def of(self, show: Path) -> ShowUsage:
        path = self.record_path(show)
        return _parse(path) if path.is_file() else ShowUsage(show.resolve(), {}, path)

    def record(self, show: Path, used: dict[Path, set[str]]) -> None:
        """These episodes' keys replace what the show's record held for them; episodes that are gone are
        dropped from it."""
        usage = self.of(show)
        episodes = {**usage.episodes, **{folder.resolve(): frozenset(keys) for folder, keys in used.items()}}
        live = ShowUsage(show.resolve(), episodes, usage.record).live()
        data = {"format": RECORD_FORMAT, "show": str(live.show),
                "episodes": {str(folder): sorted(keys) for folder, keys in sorted(live.episodes.items())}}
        write_atomic(usage.record, json.dumps(data, ensure_ascii=False, indent=0).encode("utf-8"))

    def others(self, show: Path) -> tuple[list[ShowUsage], list[ShowUsage]]:
        """The other shows' live records (what they still need), and the records of shows none of whose
        episodes is left (which need nothing)."""
        own = self.record_path(show)
        records = [usage.live() for usage in self.shows() if usage.record != own]
        return [u for u in records if u.episodes], [u for u in records if not u.episodes]
