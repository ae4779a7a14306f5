// The summaries page: each column heading becomes a button that sorts the table by it (again: the other way), and
// the filter keeps the rows holding every word typed, in any column. Without this script the table is whole, in
// the order the build wrote it (newest issue first).
"use strict";
(function () {
  const table = document.querySelector("table.summaries");
  const filter = document.getElementById("summaries-filter");
  const count = document.getElementById("summaries-count");
  if (!table || !filter) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const texts = new Map(rows.map((row) => [row, row.textContent.toLowerCase()]));
  const headings = Array.from(table.tHead.rows[0].cells);
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

  function value(row, column, kind) {
    const cell = row.cells[column];
    return kind === "number" ? parseFloat(cell.dataset.value ?? cell.textContent) : cell.textContent.trim();
  }

  function sortBy(column) {
    const heading = headings[column];
    const kind = heading.dataset.sort;
    const order = heading.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    for (const h of headings) h.removeAttribute("aria-sort");
    heading.setAttribute("aria-sort", order === 1 ? "ascending" : "descending");
    const sorted = Array.from(body.rows).sort((a, b) => {
      const x = value(a, column, kind), y = value(b, column, kind);
      return order * (kind === "number" ? x - y : collator.compare(x, y));
    });
    body.append(...sorted);  // moves the rows, in the new order
  }

  function applyFilter() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      row.hidden = !words.every((w) => texts.get(row).includes(w));
      if (!row.hidden) shown += 1;
    }
    count.textContent = `${shown} of ${rows.length} items`;
  }

  headings.forEach((heading, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.append(...heading.childNodes);
    heading.append(button);
    button.addEventListener("click", () => sortBy(column));
  });
  filter.addEventListener("input", applyFilter);
  filter.closest(".summaries-filter").hidden = false;
  applyFilter();
})();
