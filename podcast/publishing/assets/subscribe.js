// Every page: "Copy feed URL" puts the feed's URL on the clipboard (Clipboard API); where the browser refuses
// (no permission, not a secure context), the URL is selected in its field so that the listener can copy it.
"use strict";
(function () {
  const button = document.getElementById("copy-feed-url");
  const field = document.getElementById("feed-url");
  const status = document.getElementById("copy-status");
  if (!button || !field) return;
  field.addEventListener("focus", () => field.select());
  function selectIt() {
    field.focus();
    field.select();
    status.textContent = "Selected: copy it with your device's copy command.";
  }
  button.addEventListener("click", () => {
    if (!navigator.clipboard || !window.isSecureContext) { selectIt(); return; }
    navigator.clipboard.writeText(button.dataset.copy).then(
      () => { status.textContent = "Copied."; },
      selectIt);
  });
})();
