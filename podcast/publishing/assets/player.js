// The episode page: a transcript sentence clicked seeks the player, and the sentence being spoken (or just
// spoken, during a pause) is highlighted. The transcript is in the page itself, one element per sentence with
// its times (data-start, data-end): without this script it is still there to read. A link to a moment
// (#t=SECONDS, Media Fragments' temporal form, also t=MM:SS, t=HH:MM:SS, t=npt:...; an end time is ignored),
// opened or clicked (the chapter list links this way), seeks the player there and plays; the chapter being heard
// is marked.
"use strict";
(function () {
  const player = document.getElementById("player");
  const transcript = document.getElementById("transcript");
  if (!player) return;
  const cues = transcript ? Array.from(transcript.querySelectorAll(".cue[data-start]"), (el) =>
    ({ start: parseFloat(el.dataset.start), el })) : [];
  const chapters = Array.from(document.querySelectorAll("ol.chapters li[data-start]"), (el) =>
    ({ start: parseFloat(el.dataset.start), el }));
  let current = null;
  let chapter = null;

  function seek(seconds) {
    player.currentTime = seconds;  // before the metadata is loaded, this is where playback will start
    player.play().catch(() => {});  // a browser that allows no autoplay leaves it paused there
  }

  function moment(hash) {
    // "#t=90", "#t=1:30", "#t=00:01:30.5", "#t=npt:90,120" -> seconds; null for anything else
    const match = /^#t=(?:npt:)?([0-9:.]+)(?:,[0-9:.]*)?$/.exec(hash);
    if (!match) return null;
    const parts = match[1].split(":");
    if (parts.length > 3 || parts.some((p) => !/^(\d+(\.\d*)?|\.\d+)$/.test(p))) return null;
    return parts.reduce((total, part) => total * 60 + parseFloat(part), 0);
  }

  function openMoment() {
    const seconds = moment(window.location.hash);
    if (seconds !== null && Math.abs(player.currentTime - seconds) > 0.25) seek(seconds);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#t=']");
    if (link && link.getAttribute("href") === window.location.hash) {  // the moment already open: no hashchange
      seek(moment(window.location.hash));
      return;
    }
    const target = event.target.closest("#transcript .cue[data-start]");
    if (!target || !window.getSelection().isCollapsed) return;  // text being selected
    seek(parseFloat(target.dataset.start));
  });
  window.addEventListener("hashchange", openMoment);

  function markChapter() {
    const at = chapters.filter((c) => c.start <= player.currentTime + 0.001).pop() || null;
    if (at === chapter) return;
    if (chapter) { chapter.el.classList.remove("current"); chapter.el.removeAttribute("aria-current"); }
    chapter = at;
    if (at) { at.el.classList.add("current"); at.el.setAttribute("aria-current", "true"); }
  }

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

  for (const event of ["timeupdate", "seeking", "seeked"]) player.addEventListener(event, markChapter);
  openMoment();
  markChapter();

  if (cues.length) {
    transcript.classList.add("seekable");
    player.addEventListener("timeupdate", highlight);
    player.addEventListener("seeking", highlight);  // a click moves the highlight at once, not when the seek is done
    player.addEventListener("seeked", highlight);
    highlight();
  }
})();
