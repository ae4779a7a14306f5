"""The studio page: every segment in script order as the recording script shows it (chapter, kind, the text to
read with the lexicon's respellings shown, sentence by sentence as pickups number them, each with its "Record
pickup" button), its take's state and score, its pickups' verdicts, and the controls (studio.js). Rendered from
publishing's templates (studio.html), like every other page."""
from __future__ import annotations

from ..audio import Source
from ..narration.pickups import replaced
from ..narration.sentence_changes import segment_sentences
from ..publishing.recording_script import STATE_WORDS
from ..publishing.templating import render


def clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def render_page(studio) -> str:
    """The page for a Studio (app.Studio), with each segment's current status."""
    rows = []
    for segment in studio.script.segments:
        status = studio.statuses[segment.id]
        rows.append(dict(id=segment.id, kind=segment.kind, chapter=segment.chapter, state=status.state,
                         state_words=STATE_WORDS.get(status.state, status.state), source=status.source,
                         duration=round(status.duration_s, 2), note=status.note, take=status.take,
                         score="" if status.score is None else f"{status.score:.2f}",
                         sentences=[studio.lexicon.respelled(s) for s in segment_sentences(segment.text)],
                         replaced=replaced(status.pickups), pickups=[p.describe() for p in status.pickups],
                         needed=status.pickups_needed))
    used = [r for r in rows if r["source"] == Source.NARRATOR]
    return render("studio.html", title=studio.title, segments=rows, used=len(used), total=len(rows),
                  used_clock=clock(sum(r["duration"] for r in used)), state_words=STATE_WORDS)
