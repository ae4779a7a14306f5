// The narrator's studio: record each segment from the microphone (MediaRecorder, WebM/Opus), send it to the
// studio (PUT /api/takes/<id>), show the verdict, and move on to the next segment when the take matched. The
// whole-episode recorder sends its take as `full` and shows the verdict of every segment it was cut into. A
// sentence's "Record pickup" records just that sentence (or a few from it) and sends it as a pickup
// (PUT /api/pickups/<id>): the answer says which sentences it replaces in the take, or why it is refused.
// A take the studio does not store (it is stopped or restarted, or answers with an error) is never lost: it
// stays in the page, with Retry and Download, until it is stored; leaving the page asks first.
"use strict";
const STATE_WORDS = JSON.parse(document.body.dataset.stateWords);  // state -> words, from the page (no inline script)
const segments = Array.from(document.querySelectorAll("[data-segment]"));
const whole = document.querySelector("[data-take]");
const player = new Audio();
const level = document.getElementById("level");
const levelWarning = document.getElementById("level-warning");
const elapsed = document.getElementById("elapsed");
const CLIP_LEVEL = 0.99;      // a sample this close to full scale is clipping
const SILENCE_RMS = 0.003;    // about -50 dBFS: nothing is reaching the microphone
const SILENCE_WARN_MS = 2000;
let current = 0;
let take = null;              // the recording in progress: {el, recorder, stream, chunks, started, clipped, pickup}
const kept = new Map();       // element -> its takes not stored yet, oldest first: [{blob, clipped, pickup}]
                              // (pickup: the sentence's button a pickup was recorded from, null for a take)

function select(index) {
  current = Math.max(0, Math.min(segments.length - 1, index));
  segments.forEach((el, k) => el.classList.toggle("current", k === current));
  segments[current].scrollIntoView({block: "center", behavior: "smooth"});
  segments[current].focus({preventScroll: true});
}

function clock(ms) {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function warn(kind, text) {
  levelWarning.className = kind || "";
  levelWarning.textContent = text || "";
}

function watchLevel(rec) {
  // Peak and RMS of what the microphone hears, every 50 ms: the meter, and warnings on clipping and silence.
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(rec.stream).connect(analyser);
  const buffer = new Float32Array(analyser.fftSize);
  let quietSince = performance.now();
  rec.stopLevel = () => { clearInterval(timer); context.close(); level.value = 0; };
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(buffer);
    let peak = 0, sum = 0;
    for (const x of buffer) { peak = Math.max(peak, Math.abs(x)); sum += x * x; }
    const rms = Math.sqrt(sum / buffer.length);
    level.value = Math.min(peak, 1);
    const now = performance.now();
    if (rms >= SILENCE_RMS) quietSince = now;
    if (peak >= CLIP_LEVEL) {
      rec.clipped = true;
      warn("clipping", "Clipping: turn the input down");
    } else if (now - quietSince > SILENCE_WARN_MS) {
      warn("silence", "Silence: is the microphone on?");
    } else if (!rec.clipped) {
      warn("", "");
    }
    elapsed.textContent = clock(now - rec.started);
  }, 50);
}

async function record(el, pickup = null) {
  // pickup: the "Record pickup" button of the sentence recorded, null for a take of the whole segment
  if (take) return;
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: {echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1}});
  } catch (e) {
    const line = el.querySelector(".verdict");
    line.className = "verdict refused";
    line.textContent = `The microphone could not be opened: ${e.message || e.name}`;
    return;
  }
  const recorder = new MediaRecorder(stream, {mimeType: "audio/webm;codecs=opus"});
  take = {el, recorder, stream, chunks: [], started: performance.now(), clipped: false, pickup};
  const rec = take;
  recorder.ondataavailable = e => { if (e.data.size) rec.chunks.push(e.data); };
  recorder.onstop = () => upload(rec);
  recorder.start(1000);
  watchLevel(rec);
  el.classList.add("recording");
  el.querySelector(".record").disabled = true;
  el.querySelector(".stop").disabled = false;
  if (pickup) pickupRecording(pickup, true);
  el.querySelector(".verdict").className = "verdict";
  el.querySelector(".verdict").textContent = pickup ?
    `Recording a pickup from sentence ${parseInt(pickup.dataset.sentence) + 1}\u2026` : "Recording\u2026";
}

function pickupRecording(button, recording) {
  // A sentence's pickup button: "Record pickup", or "Stop pickup" while it records.
  const verb = recording ? "Stop" : "Record";
  button.classList.toggle("recording", recording);
  button.textContent = `${verb} pickup`;
  button.setAttribute("aria-label", `${verb} pickup of sentence ${parseInt(button.dataset.sentence) + 1}`);
}

function stop() {
  if (!take || take.recorder.state !== "recording") return;
  take.recorder.stop();
}

function progress() {
  const used = segments.filter(el => el.dataset.source === "narrator");
  document.getElementById("used").textContent = used.length;
  const ms = used.reduce((total, el) => total + parseFloat(el.dataset.duration) * 1000, 0);
  document.getElementById("used-time").textContent = clock(ms);
}

function show(el, verdict) {
  el.dataset.state = verdict.state;
  el.dataset.source = verdict.source;
  el.dataset.duration = verdict.duration_s;
  el.querySelector(".state").textContent = STATE_WORDS[verdict.state] || verdict.state;
  el.querySelector(".score").textContent = verdict.score === null ? "" : `score ${verdict.score.toFixed(2)}`;
  const words = verdict.missed.length ? ` Missed: ${verdict.missed.slice(0, 12).join(", ")}` +
    (verdict.missed.length > 12 ? ` and ${verdict.missed.length - 12} more.` : ".") : "";
  el.querySelector(".verdict").textContent =
    `${verdict.state}, ${verdict.duration_s.toFixed(1)} s. ${verdict.note || ""}${words}`.trim();
  el.querySelector(".play-take").disabled = false;
  el.querySelectorAll(".record-pickup").forEach(b => { b.disabled = !verdict.take; });
  showPickupsNeeded(el, verdict.pickups_needed || []);
  showPickups(el, verdict.pickups || []);
  progress();
}

function showPickupsNeeded(el, pickups) {
  // The sentences of the take to record again (proofing), each marked with why and what was heard.
  const list = el.querySelector(".pickups-needed");
  list.replaceChildren(...pickups.map(p => {
    const item = document.createElement("li");
    item.dataset.sentence = p.sentence;
    item.dataset.why = p.why;
    const text = document.createElement("mark");
    text.textContent = p.text;
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = `pickup needed: ${p.why}` + (p.heard && p.why === "read differently" ? `, heard \u201c${p.heard}\u201d` : "") +
      ` at ${p.start_s.toFixed(1)} s`;
    item.append(text, " ", why);
    return item;
  }));
  list.hidden = !pickups.length;
}

function showPickups(el, pickups) {
  // The segment's pickups, each with its verdict, and the sentences the used ones replace underlined.
  el.querySelector(".pickups").replaceChildren(...pickups.map(p => {
    const item = document.createElement("li");
    item.textContent = `Pickup ${p.verdict}`;
    return item;
  }));
  const replaced = new Set(pickups.filter(p => p.used).flatMap(
    p => Array.from({length: p.sentences[1] - p.sentences[0] + 1}, (_, k) => p.sentences[0] + k)));
  el.querySelectorAll(".sentence").forEach(s => s.classList.toggle("picked-up", replaced.has(+s.dataset.sentence)));
}

function showPickup(el, answer) {
  // A stored pickup: the segment's verdict with it, led by what became of this pickup.
  show(el, answer);
  const line = el.querySelector(".verdict");
  line.className = answer.pickup.accepted ? "verdict" : "verdict refused";
  line.textContent = `Pickup ${answer.pickup.verdict}. Segment: ${line.textContent}`;
}

function showWhole(result) {
  // The whole take's verdict: every segment's status (those cut from the take, and the others).
  const used = [];
  for (const verdict of result.segments) {
    const el = segments.find(s => s.dataset.segment === verdict.id);
    if (!el) continue;
    show(el, verdict);
    const cut = (verdict.take || "").startsWith("recordings/full.");
    el.querySelector(".play-take").disabled = !verdict.take || cut;  // a cut has no file of its own to play
    if (cut && verdict.source === "narrator") used.push(verdict.id);
  }
  whole.querySelector(".verdict").textContent = used.length ?
    `${used.length} segments used from the whole take: ${used.join(", ")}.` :
    "No segment of the script was found in the whole take.";
}

function idOf(el) {
  return el.dataset.segment || el.dataset.take;
}

async function put(el, {blob, pickup}) {
  // The studio's answer to one take: {status, answer}, status 0 when it did not answer at all. Every error
  // comes back as {error: "..."}, also when the answer is not the studio's JSON.
  let response;
  try {
    response = await fetch(`/api/${pickup ? "pickups" : "takes"}/${encodeURIComponent(idOf(el))}`,
                           {method: "PUT", body: blob, headers: {"Content-Type": blob.type}});
  } catch (e) {
    return {status: 0, answer: {error: "the studio did not answer (is it still running?)"}};
  }
  let answer;
  try {
    answer = await response.json();
  } catch (e) {
    answer = {};
  }
  if (!response.ok && !answer.error) answer = {error: `the studio answered ${response.status} ${response.statusText}`};
  return {status: response.status, answer};
}

function upload(rec) {
  const el = rec.el;
  rec.stopLevel();
  rec.stream.getTracks().forEach(t => t.stop());
  take = null;
  el.classList.remove("recording");
  el.querySelector(".record").disabled = false;
  el.querySelector(".stop").disabled = true;
  if (rec.pickup) pickupRecording(rec.pickup, false);
  if (!kept.has(el)) kept.set(el, []);
  kept.get(el).push({blob: new Blob(rec.chunks, {type: rec.recorder.mimeType}), clipped: rec.clipped,
                     pickup: rec.pickup});
  send(el);
}

async function send(el) {
  // Sends the element's kept takes, oldest first (each one stored moves the one before to recordings/earlier/),
  // and stops at the first the studio does not store: that one and any after it stay in the page.
  if (el.dataset.activity) return;  // already sending: the loop below reaches the new take too
  const line = el.querySelector(".verdict");
  const queue = kept.get(el) || [];
  el.querySelector(".kept").hidden = true;
  while (queue.length) {
    const {clipped, pickup} = queue[0];
    const what = pickup ? "Pickup" : "Take";
    line.className = "verdict";
    line.textContent = `Checking the ${what.toLowerCase()}\u2026`;
    el.dataset.activity = "checking";
    const {status, answer} = await put(el, queue[0]);
    delete el.dataset.activity;
    if (status === 422 || status === 409) {  // refused (clipped, silent, not audio; a pickup with no take): not stored
      queue.shift();
      line.className = "verdict refused";
      line.textContent = `${what} not kept: ${answer.error}` + (clipped ? " (the input clipped)" : "");
      continue;
    }
    if (status !== 200) {
      line.className = "verdict refused";
      line.textContent = `${what} not stored: ${answer.error}. ` + (queue.length === 1 ?
        "It is kept in this page until the studio stores it" :
        `${queue.length} takes are kept in this page until the studio stores them`) + ": Retry, or Download.";
      el.querySelector(".kept").hidden = false;
      return;
    }
    queue.shift();
    if (el === whole) { showWhole(answer); continue; }
    if (pickup) { showPickup(el, answer); continue; }
    show(el, answer);
    if (clipped) warn("clipping", "The take clipped: turn the input down and record again");
    if (answer.state === "matched" && segments.indexOf(el) === current && !queue.length) select(current + 1);
  }
}

function download(el) {
  // Each take the studio has not stored, saved by the browser as <id>.webm (<id>-2.webm ... for later ones); a
  // pickup as <id>.pickup-kept.webm, which the build takes for no take or pickup until the narrator numbers it.
  (kept.get(el) || []).forEach(({blob, pickup}, k) => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${idOf(el)}${pickup ? ".pickup-kept" : ""}${k ? `-${k + 1}` : ""}.${(blob.type.split(/[/;]/)[1] || "webm")}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  });
}

function play(url) {
  if (!player.paused && player.dataset.url === url) { player.pause(); return; }
  player.dataset.url = url;
  player.src = url;
  player.play();
}

function playTake(el) {
  const url = `/api/takes/${encodeURIComponent(el.dataset.segment)}`;
  if (player.dataset.url === url && player.src) {
    if (player.paused) player.play(); else player.pause();
    return;
  }
  player.dataset.url = url;
  player.src = `${url}?t=${Date.now()}`;
  player.play();
}

for (const el of [whole, ...segments]) {
  el.querySelector(".retry").addEventListener("click", () => send(el));
  el.querySelector(".download").addEventListener("click", () => download(el));
}

window.addEventListener("beforeunload", e => {
  if ([...kept.values()].some(queue => queue.length)) e.preventDefault();  // the browser asks before leaving
});

whole.querySelector(".record").addEventListener("click", () => record(whole));
whole.querySelector(".stop").addEventListener("click", stop);

segments.forEach((el, index) => {
  el.querySelector(".record").addEventListener("click", () => { select(index); record(el); });
  el.querySelector(".stop").addEventListener("click", stop);
  el.querySelector(".play-take").addEventListener("click", () => playTake(el));
  el.querySelectorAll(".record-pickup").forEach(button => button.addEventListener("click", () => {
    if (take && take.pickup === button) { stop(); return; }
    select(index);
    record(el, button);
  }));
  el.querySelector(".play-reference").addEventListener("click",
    () => play(`/api/reference/${encodeURIComponent(el.dataset.segment)}`));
  el.addEventListener("click", e => { if (!e.target.closest("button")) select(index); });
});

document.addEventListener("keydown", e => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest("input, textarea")) return;
  const el = segments[current];
  if (e.key === "r" || e.key === "R") { if (take) stop(); else record(el); }
  else if (e.key === " ") { e.preventDefault(); if (!el.querySelector(".play-take").disabled) playTake(el); }
  else if (e.key === "j" || e.key === "J") select(current + 1);
  else if (e.key === "k" || e.key === "K") select(current - 1);
  else return;
  e.preventDefault();
});

select(Math.max(0, segments.findIndex(el => el.dataset.source !== "narrator")));
