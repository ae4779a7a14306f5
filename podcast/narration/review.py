"""The review page: a static HTML page written with the build beside the episode's MP3 in the site
(SITE/episodes/NNN/review.html, linked from nowhere), for the producer and the narrator. It shows the
episode's waveform with chapter boundaries, each segment coloured by what listeners hear (narrator, TTS,
stale take, mismatched take), and plays each segment on its own from the published MP3."""
from __future__ import annotations

import subprocess
from pathlib import Path

import jinja2
import numpy as np

from ..mastering.ffmpeg import ffmpeg_exe
from ..publishing.atomic import write_atomic
from ..publishing.templating import page_title
from .status import Assessment, SegmentStatus

PEAK_BINS = 1200
DECODE_RATE_HZ = 4000
PAGE_NAME = "review.html"

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>{{ page_title("Review: " ~ title) }}</title>
<style>
 body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
 svg { width: 100%; height: 160px; background: #fafafa; border: 1px solid #ddd; }
 .band { opacity: .35; cursor: pointer; }
 .band.narrator, .key.narrator { fill: #2e9d4f; background: #2e9d4f; }
 .band.tts, .key.tts { fill: #4a78c2; background: #4a78c2; }
 .band.stale, .key.stale { fill: #e39b1b; background: #e39b1b; }
 .band.mismatched, .key.mismatched { fill: #d33; background: #d33; }
 .band.playing { opacity: .7; }
 .wave { fill: #333; }
 .chapter { stroke: #000; stroke-width: 2; }
 .key { display: inline-block; width: 1em; height: 1em; vertical-align: middle; }
 table { border-collapse: collapse; margin-top: 1rem; }
 td, th { padding: .25rem .6rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
</style>
</head>
<body>
<h1>Review: {{ title }}</h1>
<p>{% for k in ["narrator", "tts", "stale", "mismatched"] %}<span class="key {{ k }}"></span> {{ k }}&nbsp;&nbsp;{% endfor %}
 &mdash; {{ narrated }} of {{ segments|length }} segments from the narrator; chapter boundaries are black lines.</p>
<audio id="episode" controls preload="metadata" src="{{ audio }}"></audio>
<svg id="waveform" viewBox="0 0 {{ width }} 100" preserveAspectRatio="none" role="img" aria-label="waveform">
{% for s in segments %}<rect class="band {{ s.colour }}" data-id="{{ s.id }}" data-start="{{ s.start }}" data-end="{{ s.end }}" x="{{ s.x }}" y="0" width="{{ s.w }}" height="100"><title>{{ s.id }}: {{ s.label }}</title></rect>
{% endfor %}<path class="wave" d="{{ wave }}"/>
{% for c in chapters %}<line class="chapter" data-start="{{ c.start }}" x1="{{ c.x }}" x2="{{ c.x }}" y1="0" y2="100"><title>{{ c.title }}</title></line>
{% endfor %}</svg>
<table>
<thead><tr><th></th><th>segment</th><th>heard</th><th>start</th><th>duration</th><th>score</th><th>take / note</th></tr></thead>
<tbody>
{% for s in segments %}<tr class="segment {{ s.colour }}" data-id="{{ s.id }}">
<td><button type="button" class="play" data-start="{{ s.start }}" data-end="{{ s.end }}">&#9654;</button></td>
<td>{{ s.id }}</td><td><span class="key {{ s.colour }}"></span> {{ s.label }}</td><td>{{ s.clock }}</td>
<td>{{ "%.1f"|format(s.end - s.start) }} s</td><td>{{ s.score }}</td><td>{{ s.take or "" }} {{ s.note }}</td></tr>
{% endfor %}</tbody>
</table>
<script>
const audio = document.getElementById("episode");
let stopAt = null, playing = null;
function play(start, end, id) {
  stopAt = end;
  document.querySelectorAll(".band.playing").forEach(b => b.classList.remove("playing"));
  playing = document.querySelector(`.band[data-id="${id}"]`);
  if (playing) playing.classList.add("playing");
  audio.currentTime = start;
  return audio.play();
}
audio.addEventListener("timeupdate", () => {
  if (stopAt !== null && audio.currentTime >= stopAt) { audio.pause(); stopAt = null; }
});
document.querySelectorAll("button.play, .band").forEach(el => el.addEventListener("click", () => {
  const row = el.closest("[data-id]");
  play(parseFloat(el.dataset.start), parseFloat(el.dataset.end), row.dataset.id);
}));
</script>
</body>
</html>
"""


def colour_of(status: SegmentStatus) -> str:
    """What the band shows: a mismatched or stale take first (whatever is heard), else the source."""
    return status.state if status.state in ("mismatched", "stale") else status.source


def label_of(status: SegmentStatus) -> str:
    heard = "narrator" if status.source == "narrator" else "TTS"
    return heard if status.state in ("none", "matched") else f"{heard} ({status.state}{', forced' if status.forced else ''})"


def peaks(mp3: Path, bins: int = PEAK_BINS) -> np.ndarray:
    """Peak level of each of `bins` equal stretches of the published MP3, from 0 to 1."""
    out = subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(mp3), "-f", "f32le", "-ac", "1", "-ar",
                          str(DECODE_RATE_HZ), "pipe:1"], capture_output=True, check=True).stdout
    samples = np.abs(np.frombuffer(out, "<f4"))
    edges = np.linspace(0, len(samples), bins + 1).astype(int)
    return np.array([samples[a:b].max() if b > a else 0.0 for a, b in zip(edges, edges[1:])])


def wave_path(levels: np.ndarray) -> str:
    """An SVG path of vertical bars, one per peak, centred on the middle line (viewBox height 100)."""
    return " ".join(f"M{i} {50 - 48 * v:.1f}V{50 + 48 * v:.1f}" for i, v in enumerate(np.clip(levels, 0, 1)))


def render(title: str, audio_name: str, duration_s: float, placements, chapters, statuses: list[SegmentStatus],
           levels: np.ndarray) -> str:
    width = len(levels)
    x = lambda t: round(t / duration_s * width, 2) if duration_s else 0  # noqa: E731
    by_id = {s.segment_id: s for s in statuses}
    segments = []
    for p in placements:
        status = by_id.get(p.segment.id) or SegmentStatus(p.segment.id, "tts", "none", None, p.duration_s, None, None)
        segments.append(dict(
            id=p.segment.id, start=round(p.start_s, 3), end=round(p.end_s, 3), x=x(p.start_s),
            w=max(x(p.end_s) - x(p.start_s), 0.5), colour=colour_of(status), label=label_of(status),
            clock=f"{int(p.start_s // 60)}:{p.start_s % 60:04.1f}", take=status.take, note=status.note,
            score="" if status.score is None else f"{status.score:.2f}"))
    return jinja2.Environment(autoescape=True).from_string(TEMPLATE).render(
        page_title=page_title, title=title, audio=audio_name, width=width, segments=segments, wave=wave_path(levels),
        narrated=sum(s.source == "narrator" for s in statuses),
        chapters=[dict(start=round(c.start_s, 3), x=x(c.start_s), title=c.title) for c in chapters])


def write_review_page(site: Path, entry, mastered, narration: Assessment) -> Path:
    """Write SITE/<episode folder>/review.html beside the published MP3 (entry.audio, relative to the site)."""
    mp3 = site / entry.audio
    page = mp3.parent / PAGE_NAME
    html = render(entry.title, mp3.name, mastered.duration_s, mastered.placements, mastered.chapters,
                  narration.statuses, peaks(mp3))
    write_atomic(page, html.encode("utf-8"))
    return page
