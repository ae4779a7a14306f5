// The episode page: a chapter or a transcript sentence clicked seeks the player, and the sentence being spoken
// (or just spoken, during a pause) is highlighted. The transcript is in the page itself, one element per
// sentence with its times (data-start, data-end): without this script it is still there to read.
"use strict";
(function () {
  const player = document.getElementById("player");
  const transcript = document.getElementById("transcript");
  if (!player) return;
  const cues = transcript ? Array.from(transcript.querySelectorAll(".cue[data-start]"), (el) =>
    ({ start: parseFloat(el.dataset.start), el })) : [];
  let current = null;

  document.addEventListener("click", (event) => {
    const target = event.target.closest("button[data-start], #transcript .cue[data-start]");
    if (!target || (target.classList.contains("cue") && !window.getSelection().isCollapsed)) return;  // text being selected
    player.currentTime = parseFloat(target.dataset.start);
    player.play().catch(() => {});
  });

  function highlight() {
    const t = player.currentTime;
    // The sentence being spoken; in the pause after it, it stays lit until the next starts; before the first,
    // the first is lit (what is about to be heard).
    const cue = cues.filter((c) => c.start <= t).pop() || cues[0] || null;
    if (cue === current) return;
    if (current) { current.el.classList.remove("current"); current.el.removeAttribute("aria-current"); }
    current = cue;
    if (cue) {
      cue.el.classList.add("current");
      cue.el.setAttribute("aria-current", "true");
      transcript.scrollTop = cue.el.offsetTop - transcript.clientHeight / 3;
    }
  }

  if (cues.length) {
    transcript.classList.add("seekable");
    player.addEventListener("timeupdate", highlight);
    player.addEventListener("seeking", highlight);  // a click moves the highlight at once, not when the seek is done
    player.addEventListener("seeked", highlight);
    highlight();
  }
})();
