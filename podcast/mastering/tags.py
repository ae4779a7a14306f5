"""ID3 tags a player shows, the cover art (APIC) and chapters (CHAP/CTOC), written with mutagen; the last chapter
ends at the file's real length."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLEN, TPE1, TRCK, WXXX, CTOCFlags,
                         PictureType)
from mutagen.mp3 import MP3

from ..artwork import Artwork
from .timeline import Chapter


@dataclass(frozen=True)
class EpisodeTags:
    title: str
    artist: str
    album: str
    date: str
    track: int
    comment: str


def mp3_length_s(path: Path) -> float:
    return float(MP3(str(path)).info.length)


def write_tags(path: Path, tags: EpisodeTags, chapters: list[Chapter], artwork: Artwork | None = None) -> None:
    """Write the player-facing tags, the front cover, and one CHAP (title, and link when known) per chapter
    under an ordered top-level CTOC."""
    length_ms = round(mp3_length_s(path) * 1000)
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TRCK(encoding=3, text=str(tags.track)))
    id3.add(TCON(encoding=3, text="Podcast"))
    id3.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
    id3.add(TLEN(encoding=3, text=str(length_ms)))
    if artwork is not None:
        id3.add(APIC(encoding=3, mime=artwork.mime, type=PictureType.COVER_FRONT, desc="Cover", data=artwork.data))
    ids = [f"chp{i}" for i in range(len(chapters))]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                 sub_frames=[TIT2(encoding=3, text=tags.title)]))
    for i, (element_id, chapter) in enumerate(zip(ids, chapters)):
        end_ms = length_ms if i == len(chapters) - 1 else round(chapter.end_s * 1000)
        frames = [TIT2(encoding=3, text=chapter.title)]
        if chapter.url:
            frames.append(WXXX(encoding=3, desc="", url=chapter.url))
        id3.add(CHAP(element_id=element_id, start_time=round(chapter.start_s * 1000), end_time=end_ms,
                     start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF, sub_frames=frames))
    id3.save(str(path), v2_version=4)
