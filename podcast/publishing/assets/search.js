// Every show page: the search box over the Pagefind index the build writes (pagefind/: one bundle per ten issue
// numbers, listed in pagefind/shards.json, searched as one with Pagefind's mergeIndex). Each result is one item
// (or the opening or closing of an episode): its title links to the moment it starts (episodes/NNN/#t=SECONDS),
// under it the episode, the time and the section, and the words around what was found. Pagefind is loaded on the
// first search, not with the page. Text from the index is only ever set as text: an excerpt's <mark>s are
// rebuilt as elements, nothing of it is parsed into the page.
"use strict";
(function () {
  const box = document.querySelector("div.search[role=search]");
  const input = document.getElementById("search-query");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  if (!box || !input || !document.currentScript) return;
  const site = new URL("../", document.currentScript.src);  // this script is SITE/assets/search.js
  const SHOWN = 20;
  let engine = null;

  async function load() {
    const response = await fetch(new URL("pagefind/shards.json", site));
    if (!response.ok) throw new Error(`pagefind/shards.json: ${response.status}`);
    const shards = (await response.json()).shards;
    const folder = (shard) => new URL(`pagefind/${shard}/`, site);
    const pagefind = await import(new URL("pagefind.js", folder(shards[0])).href);
    await pagefind.init();
    for (const shard of shards.slice(1)) await pagefind.mergeIndex(folder(shard).href);
    return pagefind;
  }

  function excerpt(html) {
    // Pagefind's excerpt is the record's text with its < and > escaped and <mark> around the words found.
    const p = document.createElement("p");
    p.className = "excerpt";
    const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;  // inert: runs nothing
    for (const node of parsed.childNodes) {
      const part = node.nodeName === "MARK" ? document.createElement("mark") : null;
      if (part) { part.textContent = node.textContent; p.append(part); } else p.append(node.textContent);
    }
    return p;
  }

  function result(data) {
    const meta = data.meta;
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = new URL(meta.url, site).href;
    link.textContent = meta.title;
    const where = document.createElement("p");
    where.className = "meta";
    where.textContent = [meta.episode, meta.time, meta.section].filter(Boolean).join(" · ");
    li.append(link, where, excerpt(data.excerpt));
    return li;
  }

  async function search() {
    const query = input.value.trim();
    if (!query) { list.replaceChildren(); status.textContent = ""; return; }
    try {
      engine = engine || load();
      const found = await (await engine).debouncedSearch(query);
      if (found === null) return;  // a later keystroke's search replaces this one
      const shown = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
      if (input.value.trim() !== query) return;
      list.replaceChildren(...shown.map(result));
      const count = found.results.length;
      status.textContent = count === 0 ? `Nothing found for “${query}”.`
        : `${count} ${count === 1 ? "moment" : "moments"} found${count > SHOWN ? `, the first ${SHOWN} shown` : ""}.`;
    } catch (error) {
      engine = null;
      status.textContent = "Search is not available here.";
    }
  }

  input.addEventListener("input", search);
  box.hidden = false;
})();
