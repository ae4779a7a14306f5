// The episode page: a chapter (or transcript line) clicked seeks the player; the transcript cue being
// spoken (or just spoken, during a pause) is highlighted. Cues come from the published WebVTT through the <track> element, or else from the
// JSON transcript. Text is set with textContent only, never parsed as HTML.
"use strict";
(function () {
  const player = document.getElementById("player");
  const list = document.getElementById("transcript");
  if (!player) return;
  let cues = [];
  let current = null;

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-start]");
    if (!button) return;
    player.currentTime = parseFloat(button.dataset.start);
    player.play().catch(() => {});
  });

  function highlight() {
    const t = player.currentTime;
    // The cue being spoken; in the pause after it, it stays lit until the next starts; before the first,
    // the first is lit (what is about to be heard).
    const cue = cues.filter((c) => c.start <= t).pop() || cues[0] || null;
    if (cue === current) return;
    if (current) { current.li.classList.remove("current"); current.li.removeAttribute("aria-current"); }
    current = cue;
    if (cue) {
      cue.li.classList.add("current");
      cue.li.setAttribute("aria-current", "true");
      list.scrollTop = cue.li.offsetTop - list.offsetTop - list.clientHeight / 3;
    }
  }

  function showCues(loaded) {
    cues = loaded.map((c) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.start = String(c.start);
      button.textContent = c.text;
      li.appendChild(button);
      list.appendChild(li);
      return { start: c.start, end: c.end, li };
    });
    highlight();
  }

  player.addEventListener("timeupdate", highlight);
  player.addEventListener("seeking", highlight);  // a click moves the highlight at once, not when the seek is done
  player.addEventListener("seeked", highlight);
  const track = player.querySelector("track");
  if (list && track) {
    track.track.mode = "hidden";  // loads the cues without drawing them
    const fromTrack = () => showCues(Array.from(track.track.cues || [], (c) =>
      ({ start: c.startTime, end: c.endTime, text: c.getCueAsHTML().textContent })));
    if (track.readyState === 2) fromTrack(); else track.addEventListener("load", fromTrack);
  } else if (list && list.dataset.json) {
    fetch(list.dataset.json).then((r) => r.json()).then((data) => showCues((data.segments || []).map((s) =>
      ({ start: s.startTime, end: s.endTime, text: (s.speaker ? s.speaker + ": " : "") + s.body }))));
  }
})();
