// The review page (SITE/episodes/NNN/review.html): a segment's band or play button plays that segment of the
// episode from the published MP3, and stops at its end.
"use strict";
(function () {
  const audio = document.getElementById("episode");
  if (!audio) return;
  let stopAt = null;

  function play(start, end, id) {
    stopAt = end;
    document.querySelectorAll(".band.playing").forEach((b) => b.classList.remove("playing"));
    const band = document.querySelector(`.band[data-id="${id}"]`);
    if (band) band.classList.add("playing");
    audio.currentTime = start;
    return audio.play();
  }

  audio.addEventListener("timeupdate", () => {
    if (stopAt !== null && audio.currentTime >= stopAt) { audio.pause(); stopAt = null; }
  });
  document.querySelectorAll("button.play, .band").forEach((el) => el.addEventListener("click", () => {
    const row = el.closest("[data-id]");
    play(parseFloat(el.dataset.start), parseFloat(el.dataset.end), row.dataset.id);
  }));
})();
