"""ID3 tags a player shows, the cover art (APIC) and chapters (CHAP/CTOC), written with mutagen; the last chapter
ends at the file's real length, and the chapter frames are written in time order (ChapterOrderedID3)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLEN, TPE1, TRCK, WXXX, CTOCFlags,
                         PictureType)
from mutagen.id3._tags import save_frame
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


class ChapterOrderedID3(ID3):
    """mutagen's ID3 with the chapter frames first in the tag: CTOC, then each CHAP in chapter order.

    mutagen (1.48) sorts frames by size when it saves, so CHAP frames land as chp1, chp4, ..., chp0. ffmpeg, and
    every player and remuxer built on it, ignores CTOC and lists chapters in file order. mutagen has no option for
    the order, so this overrides the one method that lays out the frames (ID3Tags._write, private: mutagen is
    pinned, and tests read the order back with ffprobe); every other frame is written as mutagen writes it."""

    def _write(self, config):
        chapters = self.getall("CTOC") + sorted(self.getall("CHAP"), key=lambda c: (c.start_time, c.element_id))
        self.delall("CTOC")
        self.delall("CHAP")
        try:
            rest = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return bytearray().join([*(save_frame(f, config=config) for f in chapters), rest])


def mp3_length_s(path: Path) -> float:
    return float(MP3(str(path)).info.length)


def write_tags(path: Path, tags: EpisodeTags, chapters: list[Chapter], artwork: Artwork | None = None) -> None:
    """Write the player-facing tags, the front cover, and one CHAP (title, and link when known) per chapter
    under an ordered top-level CTOC."""
    length_ms = round(mp3_length_s(path) * 1000)
    id3 = ChapterOrderedID3()
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
