"""The Ogg Opus alternate enclosure, encoded piece by piece (the MP3's pieces) by libopus in-process (PyAV) and joined
by ffmpeg's concat demuxer (stream copy) into one logical Ogg Opus stream whose chapters start where the MP3's
do.

Opus codes 20 ms frames at 48 kHz and its decoder drops the encoder's look-ahead (the stream's pre-skip, 312
samples) only at the start of a stream. So each piece is laid out for the joined stream, not for playing alone:
the first piece starts with the MP3's encoder delay in silence (its speech is heard when the MP3's is); every
piece ends with PAD_FRAMES of extra silence; the join keeps of each piece the whole frames up to the next
piece's start on the 20 ms grid, so a piece (and a chapter) starts in the Opus file within 10 ms of the MP3's, and the
durations agree as closely. Pieces start and end in silence, so the decoder's passage from one encoder's frames
to the next is silent. A piece's bytes depend only on its sound (and whether it is first), so they are cached
like the MP3's: a one-word edit re-encodes one piece in both formats."""
from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import PodcastError
from ..audio import UndecodableAudio, decode_encoded, ffmpeg_exe, filtered_frames
from .loudness import limiter_filter

OPUS_RATE_HZ = 48000
FRAME_SAMPLES = 960
"""20 ms at 48 kHz: libopus's default frame, the granularity of the join."""
PAD_FRAMES = 5
"""Silence appended to every piece so that it covers its span up to the next piece on the 20 ms grid (an MP3
piece runs past its sound by LAME's delay and up to two frames of padding, 66 ms at 44.1 kHz; the grid adds up to
10 ms); what the join does not keep of it is dropped."""


@dataclass(frozen=True)
class OpusSettings:
    bitrate_kbps: int
    true_peak_dbtp: float
    """The ceiling the decoded Opus file's true peak is held under (truepeak.py)."""
    lead_samples: int
    """Silence (at 48 kHz) before the first piece: the MP3's encoder delay, so both files sound in step."""

    def as_key(self) -> str:
        """What goes into a cached piece's key: anything that changes the encoded bytes (PyAV's version pins
        the libopus and FFmpeg it bundles)."""
        import av

        return (f"libopus-vbr-{self.bitrate_kbps}k-48000Hz-mono-20ms-lead{self.lead_samples}-pad{PAD_FRAMES}-"
                f"{self.true_peak_dbtp:.3f}dBTP-pyav-{av.__version__}")


def lead_samples(mp3_delay_samples: int, mp3_rate_hz: int) -> int:
    return round(mp3_delay_samples * OPUS_RATE_HZ / mp3_rate_hz)


def encode_opus_piece(samples: np.ndarray, sample_rate: int, settings: OpusSettings, limit_db: float,
                      first: bool) -> bytes:
    """Mono float32 samples -> one Ogg Opus piece at 48 kHz, sample peaks limited to limit_db by FFmpeg's
    filters before libopus. The first piece gets the lead before it; every piece PAD_FRAMES of silence after.

    In-process (PyAV, which releases the GIL while libopus works) rather than by an ffmpeg process: 0.36-0.43 s
    against 0.47 s of CPU for 40 s of speech, without the process's threads handing every frame across."""
    import io

    import av

    lead = [f"adelay={settings.lead_samples}S:all=1"] if first and settings.lead_samples else []
    chain = [f"aresample={OPUS_RATE_HZ}", limiter_filter(limit_db), *lead, f"apad=pad_len={PAD_FRAMES * FRAME_SAMPLES}"]
    out = io.BytesIO()
    try:
        with av.open(out, "w", format="ogg",
                     container_options={"serial_offset": "0", "fflags": "+bitexact"}) as container:
            stream = container.add_stream("libopus", rate=OPUS_RATE_HZ, layout="mono", format="flt")  # as ffmpeg did
            stream.bit_rate = settings.bitrate_kbps * 1000
            stream.codec_context.options = {"vbr": "on", "frame_duration": "20"}
            for frame in filtered_frames(np.clip(samples, -1.0, 1.0).astype(np.float32, copy=False), sample_rate, chain):
                container.mux(stream.encode(frame))
            container.mux(stream.encode(None))
    except av.FFmpegError as e:
        raise PodcastError(f"libopus could not encode an Opus piece: {e}") from None
    return out.getvalue()


def decode_opus(data: bytes) -> tuple[np.ndarray, int]:
    """Ogg Opus bytes -> (mono float32 samples at 48 kHz, 48000), as FFmpeg's decoder plays them."""
    try:
        return decode_encoded(data)
    except UndecodableAudio as e:
        raise PodcastError(f"an Opus piece could not be decoded: {e}") from None


def pre_skip(data: bytes) -> int:
    """The stream's pre-skip: bytes 10-11 of its OpusHead packet (RFC 7845 section 5.1), the first packet of its
    first page (mutagen reads the page; it keeps the value private)."""
    import io

    from mutagen.ogg import error as OggError
    from mutagen.ogg import OggPage

    try:
        head = OggPage(io.BytesIO(data)).packets[0]
    except (OggError, IndexError, EOFError) as e:
        raise ValueError(f"not an Ogg Opus stream ({e})") from None
    if not head.startswith(b"OpusHead") or len(head) < 19:
        raise ValueError("not an Ogg Opus stream (no OpusHead packet)")
    return int.from_bytes(head[10:12], "little")


def check_piece(data: bytes) -> None:
    """ValueError unless data is a whole Ogg Opus stream (a cache entry cut short is rebuilt)."""
    import io

    from mutagen import MutagenError
    from mutagen.oggopus import OggOpus

    try:
        OggOpus(io.BytesIO(data))
    except MutagenError as e:
        raise ValueError(f"not a whole Ogg Opus stream ({e})") from None


def frames_per_piece(starts_s: list[float], duration_s: float, lead: int, skip: int) -> list[int]:
    """How many 20 ms frames of each piece the joined stream keeps, so that piece k starts at the frame nearest
    to the MP3's piece start starts_s[k] and the stream ends nearest to duration_s.

    The decoder drops the stream's pre-skip (`skip`, the encoder's look-ahead) once, at the start: the first
    piece's sound is heard from `lead` samples on (the MP3's encoder delay, which starts_s does not include),
    and a piece whose first frame is frame n is heard from n * FRAME_SAMPLES on (its own look-ahead delays its
    sound by as much as the stream's pre-skip advances it)."""
    def frame_at(seconds: float) -> int:
        return round((seconds * OPUS_RATE_HZ + lead) / FRAME_SAMPLES)

    bounds = [0] + [frame_at(s) for s in starts_s[1:]] + [round((duration_s * OPUS_RATE_HZ + skip) / FRAME_SAMPLES)]
    counts = [b - a for a, b in zip(bounds, bounds[1:])]
    if any(c <= 0 for c in counts):
        raise PodcastError("an Opus piece would be empty: piece starts are not increasing")
    return counts


def piece_starts_s(counts: list[int], lead: int) -> list[float]:
    """Each piece's start in the joined stream, in seconds, by the MP3's reckoning (its sound less the
    encoder delay): the first at 0, the others within 10 ms of the MP3's."""
    starts, frames = [0.0], 0
    for count in counts[:-1]:
        frames += count
        starts.append((frames * FRAME_SAMPLES - lead) / OPUS_RATE_HZ)
    return starts


def join_opus_pieces(pieces: list[bytes], counts: list[int], path: Path) -> None:
    """Concatenate the pieces' first `counts` frames into one Ogg Opus stream at path: ffmpeg's concat demuxer
    copies the packets; each piece's span is given from its first packet (inpoint at minus its pre-skip, where
    its demuxer puts that packet), so the timestamps run on without a gap."""
    with tempfile.TemporaryDirectory(prefix="podcast-opus-") as work:
        lines = ["ffconcat version 1.0"]
        for k, (data, count) in enumerate(zip(pieces, counts)):
            piece = Path(work) / f"piece-{k:03d}.opus"
            piece.write_bytes(data)
            skip = pre_skip(data)
            start = -skip / OPUS_RATE_HZ
            lines += [f"file {piece.name}", f"inpoint {start:.9f}",
                      f"outpoint {start + count * FRAME_SAMPLES / OPUS_RATE_HZ:.9f}"]
        listing = Path(work) / "pieces.ffconcat"
        listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
        # The concat demuxer starts the stream at 0, where the first packet belongs at -pre-skip: moved back, the
        # granule positions count the packets' samples exactly (else every page claims pre-skip samples too many).
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i",
               str(listing), "-c:a", "copy", "-output_ts_offset", f"{-pre_skip(pieces[0]) / OPUS_RATE_HZ:.9f}",
               "-map_metadata", "-1", "-fflags", "+bitexact", "-f", "ogg", "-serial_offset", "0", str(path)]
        done = subprocess.run(cmd, capture_output=True)
    if done.returncode:
        raise PodcastError(f"{path}: ffmpeg could not join the Opus pieces: {done.stderr.decode(errors='replace').strip()}")


def opus_length_s(path: Path) -> float:
    """Playback length of an Ogg Opus file: its last page's granule position less the pre-skip (RFC 7845; mutagen
    reads the pages, though its own `length` leaves the pre-skip in)."""
    from mutagen.ogg import OggPage
    from mutagen.oggopus import OggOpus

    ogg = OggOpus(path)
    with open(path, "rb") as f:
        last = OggPage.find_last(f, ogg.info.serial, finishing=True)
    return (last.position - pre_skip(path.read_bytes()[:4096])) / OPUS_RATE_HZ


@dataclass(frozen=True)
class OggChapter:
    title: str
    url: str | None
    start_s: float


def _vorbis_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def write_opus_tags(path: Path, title: str, artist: str, album: str, date: str, track: int, comment: str,
                    chapters: list[OggChapter]) -> None:
    """Vorbis comments: the episode's tags and its chapters in time order, by the CHAPTERxxx convention that
    ffmpeg, VLC and mpv read (CHAPTERxxx=HH:MM:SS.mmm, CHAPTERxxxNAME, CHAPTERxxxURL); mutagen rewrites the
    header pages."""
    from mutagen.oggopus import OggOpus

    ogg = OggOpus(path)
    ogg.delete()
    ogg.update({"title": title, "artist": artist, "album": album, "date": date, "tracknumber": str(track),
                "comment": comment})
    for k, chapter in enumerate(sorted(chapters, key=lambda c: c.start_s), start=1):
        ogg[f"CHAPTER{k:03d}"] = _vorbis_time(chapter.start_s)
        ogg[f"CHAPTER{k:03d}NAME"] = chapter.title
        if chapter.url:
            ogg[f"CHAPTER{k:03d}URL"] = chapter.url
    ogg.save()
