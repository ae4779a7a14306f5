"""The narrator's recording script (`podcast script --recording-script`): each segment's id (the take's file
name), its text and its take's status in the narrator's words, as a printable page and as Markdown."""
from __future__ import annotations

from ..narration import SegmentStatus, TakeState
from ..scripting import Script
from .templating import render

STATE_WORDS = {
    TakeState.NONE: "not recorded", TakeState.MATCHED: "recorded",
    TakeState.MISMATCHED: "take does not match: record again", TakeState.STALE: "text changed since recorded",
    TakeState.SKIPPED: "skipped in the full take", TakeState.UNUSABLE: "take unusable: record again",
}


def rows(script: Script, statuses: list[SegmentStatus]) -> list[dict]:
    """Per segment in script order: id, text, state and the status in the narrator's words."""
    by_id = {s.segment_id: s for s in statuses}
    out = []
    for segment in script.segments:
        status = by_id.get(segment.id)
        state = status.state if status else TakeState.NONE
        words = STATE_WORDS[state] + (" (used: forced)" if status and status.forced else "")
        out.append(dict(id=segment.id, text=segment.text, state=state, status=words))
    return out


def as_markdown(title: str, script: Script, statuses: list[SegmentStatus]) -> str:
    lines = [f"# Recording script: {title}", "",
             "Save each take in `recordings/` as `<segment id>.wav` (or .flac, .mp3, .m4a, .webm, .ogg), or record them with `podcast studio`; "
             "or read the whole script into `recordings/full.wav`.", ""]
    for row in rows(script, statuses):
        lines += [f"## {row['id']}", f"*{row['status']}*", "", row["text"], ""]
    return "\n".join(lines)


def as_html(title: str, script: Script, statuses: list[SegmentStatus]) -> str:
    return render("recording-script.html", title=title, segments=rows(script, statuses))


def recording_script(title: str, script: Script, statuses: list[SegmentStatus]) -> dict[str, str]:
    """File name in the episode folder -> its text: the printable page and the Markdown."""
    return {"recording-script.html": as_html(title, script, statuses),
            "recording-script.md": as_markdown(title, script, statuses)}


def pickups_list(statuses: list[SegmentStatus]) -> str:
    """The pickups needed, for the narrator: per segment its file name, then each sentence to record again
    with its number, why and the words to read."""
    lines = []
    for status in statuses:
        if not status.pickups_needed:
            continue
        lines += [f"## {status.segment_id}", ""]
        for p in status.pickups_needed:
            heard = f" Heard: \"{p.heard}\"." if p.heard and p.why == "read differently" else ""
            lines.append(f"- sentence {p.sentence + 1} ({p.why}, at {p.start_s:.1f} s in the take):{heard} Read: {p.text}")
        lines.append("")
    return "\n".join(lines) if lines else "No pickups needed."
