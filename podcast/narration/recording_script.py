"""The narrator's recording script: each segment's id (the take's file name), its text and its status, as a
printable HTML page and as Markdown."""
from __future__ import annotations

import jinja2

from ..scripting import Script
from .status import SegmentStatus

STATE_WORDS = {
    "none": "not recorded", "matched": "recorded", "mismatched": "take does not match: record again",
    "stale": "text changed since recorded", "skipped": "skipped in the full take", "unusable": "take unusable: record again",
}

HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Recording script: {{ title }}</title>
<style>
 body { font: 17px/1.55 Georgia, serif; max-width: 42rem; margin: 2rem auto; color: #111; }
 section { break-inside: avoid; border-top: 1px solid #bbb; padding: .4rem 0 .8rem; }
 .id { font: 13px ui-monospace, monospace; }
 .status { font: 13px system-ui, sans-serif; float: right; padding: 0 .4rem; border: 1px solid #999; }
 .status.matched { background: #dff0e3; } .status.stale, .status.skipped { background: #fbecd0; }
 .status.mismatched, .status.unusable { background: #f8d6d6; }
 @media print { body { margin: 0; max-width: none; } }
</style>
</head>
<body>
<h1>Recording script: {{ title }}</h1>
<p>Save each take in <code>recordings/</code> as <code>&lt;segment id&gt;.wav</code> (or .flac, .mp3, .m4a, .webm, .ogg), or record them with <code>podcast studio</code>; or
read the whole script into <code>recordings/full.wav</code>.</p>
{% for s in segments %}<section class="segment" id="{{ s.id }}">
<span class="status {{ s.state }}">{{ s.status }}</span>
<div class="id">{{ s.id }}</div>
<p>{{ s.text }}</p>
</section>
{% endfor %}
</body>
</html>
"""


def rows(script: Script, statuses: list[SegmentStatus]) -> list[dict]:
    by_id = {s.segment_id: s for s in statuses}
    out = []
    for segment in script.segments:
        status = by_id.get(segment.id)
        state = status.state if status else "none"
        words = STATE_WORDS[state] + (" (used: forced)" if status and status.forced else "")
        out.append(dict(id=segment.id, text=segment.text, state=state, status=words))
    return out


def as_html(title: str, script: Script, statuses: list[SegmentStatus]) -> str:
    return jinja2.Environment(autoescape=True).from_string(HTML).render(title=title, segments=rows(script, statuses))


def as_markdown(title: str, script: Script, statuses: list[SegmentStatus]) -> str:
    lines = [f"# Recording script: {title}", "",
             "Save each take in `recordings/` as `<segment id>.wav` (or .flac, .mp3, .m4a, .webm, .ogg), or record them with `podcast studio`; "
             "or read the whole script into `recordings/full.wav`.", ""]
    for row in rows(script, statuses):
        lines += [f"## {row['id']}", f"*{row['status']}*", "", row["text"], ""]
    return "\n".join(lines)
