// Reads a feed file with two independent podcast-feed parsers and prints, as JSON, what each sees of every
// episode: { partytime: [...], feedsmith: [...] }, each episode as
// { guid, title, enclosure: {url, length, type}, chapters: [url...], transcripts: [{url, type}],
//   persons: [{name, role, group}], alternates: [{type, length, bitrate, title, default, sources: [uri...],
//   integrity: {type, value}}], locked }.
// Usage: node tests/clients/feeds.mjs FEED.xml
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseRssFeed } from "feedsmith";

const require = createRequire(import.meta.url);
const { parseFeed } = require("podcast-partytime");
const xml = readFileSync(process.argv[2], "utf8");
const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function partytime() {
  const feed = parseFeed(xml, { allowMissingGuid: false });
  if (!feed) throw new Error("podcast-partytime could not parse the feed");
  return {
    locked: feed.locked ?? null,
    episodes: feed.items.map((item) => ({
      guid: item.guid,
      title: item.title,
      enclosure: { url: item.enclosure.url, length: item.enclosure.length, type: item.enclosure.type },
      chapters: list(item.podcastChapters).map((c) => c.url),
      transcripts: list(item.podcastTranscripts).map((t) => ({ url: t.url, type: t.type })),
      persons: list(item.podcastPeople).map((p) => ({ name: p.name, role: p.role, group: p.group })),
      alternates: list(item.alternativeEnclosures).map((a) => ({
        type: a.type, length: a.length, bitrate: a.bitrate ?? null, title: a.title ?? null, default: a.default,
        sources: list(a.source).map((s) => s.uri), integrity: a.integrity ?? null })),
    })),
  };
}

function feedsmith() {
  const feed = parseRssFeed(xml);
  return {
    locked: feed.podcast?.locked ?? null,
    episodes: list(feed.items).map((item) => ({
      guid: item.guid?.value ?? item.guid,
      title: item.title,
      enclosure: (({ url, length, type }) => ({ url, length, type }))(list(item.enclosures)[0] ?? {}),
      chapters: list(item.podcast?.chapters).map((c) => c.url),
      transcripts: list(item.podcast?.transcripts).map((t) => ({ url: t.url, type: t.type })),
      persons: list(item.podcast?.persons).map((p) => ({ name: p.display, role: p.role, group: p.group })),
      alternates: list(item.podcast?.alternateEnclosures).map((a) => ({
        type: a.type, length: a.length, bitrate: a.bitrate ?? null, title: a.title ?? null, default: a.default ?? false,
        sources: list(a.sources).map((s) => s.uri), integrity: a.integrity ?? null })),
    })),
  };
}

console.log(JSON.stringify({ partytime: partytime(), feedsmith: feedsmith() }, null, 1));
