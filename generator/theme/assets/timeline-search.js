/* The search worker behind Material's search box: it answers Material's own messages from the index that
   generator/searchindex.py writes, fetching only the few files a query needs (no engine, no whole index).
   timeline-search-setup.js points Material at this file (__config.search); Material starts it with
   `new Worker(url)`, on every page, and hands it the `config` of search/search_index.json at SETUP.

   Material's protocol (src/templates/assets/javascripts/integrations/search/worker/message/index.ts, pinned by
   tests/test_search_theme.py): SETUP = 0 {config, docs, options} -> READY = 1; QUERY = 2 "text" -> RESULT = 3
   {items: SearchItem[][]}, one array per page, its sections after it. Material inserts an item's title and text
   as HTML: every piece of text from the index is escaped here, and only <mark> and <p> are added. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var FORMAT = 1;                                    // generator/searchindex.py FORMAT
var TIERS = [3, 2, 1];                             // in the title, twice or more in the text, once
var WORD = /[\p{L}\p{N}_]+/gu;                     // searchindex.py: \w+
var ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
var root = new URL("../", self.location.href);     // this file is <site>/assets/timeline-search.js
var settings = null;                               // config.timeline of search/search_index.json
var stop = new Set();
var files = new Map();                             // URL -> Promise of its parsed JSON
var latest = null;                                 // the newest query: an answer to any other is dropped

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
}

function get(path) {
  var url = new URL(settings.index + path, root).href;
  if (!files.has(url)) {
    var loading = fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
    loading.catch(function () { files.delete(url); });
    files.set(url, loading);
  }
  return files.get(url);
}

function wordsOf(query) {
  return (query.normalize("NFC").toLowerCase().match(WORD) || []).filter(function (word) { return !stop.has(word); });
}

// The term files that hold every term starting with `word`: files whose prefix starts the word, and files whose
// prefix the word starts. null when the word is shorter than prefixes whose files together are too large (one
// letter is not worth 100 KB: the next letter will narrow it down).
function termFiles(word) {
  var chosen = [], below = 0, belowBytes = 0;
  Object.keys(settings.terms).forEach(function (prefix) {
    var entry = settings.terms[prefix];
    if (word.startsWith(prefix)) {
      chosen.push(entry[0]);
    } else if (prefix.startsWith(word)) {
      chosen.push(entry[0]);
      below += 1;
      belowBytes += entry[1];
    }
  });
  return below > 1 && belowBytes > settings.prefix_bytes ? null : chosen;
}

function decode(packed, scores, tier) {
  if (!packed) return;
  var raw = atob(packed.slice(1));
  if (packed[0] === "b") {
    for (var byte = 0; byte < raw.length; byte++) {
      var bits = raw.charCodeAt(byte);
      for (var bit = 0; bits && bit < 8; bit++) {
        var id = byte * 8 + bit;
        if (bits & (1 << bit) && scores[id] < tier) scores[id] = tier;
      }
    }
  } else {
    var current = -1, delta = 0, shift = 0;
    for (var at = 0; at < raw.length; at++) {
      var value = raw.charCodeAt(at);
      delta += (value & 0x7f) * Math.pow(2, shift);
      if (value & 0x80) { shift += 7; continue; }
      current += delta + 1;
      if (scores[current] < tier) scores[current] = tier;
      delta = 0;
      shift = 0;
    }
  }
}

// Each document's best tier for one word; every word matches as a prefix, as Material's lunr search does.
function scoresFor(word, loaded) {
  var scores = new Uint8Array(settings.docs);
  loaded.forEach(function (terms) {
    Object.keys(terms).forEach(function (term) {
      if (term.startsWith(word)) terms[term].forEach(function (packed, at) { decode(packed, scores, TIERS[at]); });
    });
  });
  return scores;
}

// Text with the words found marked: every piece escaped, <mark> around the matches. With a limit, a window of
// about that many characters around the first match, and the paragraphs as <p>.
function highlight(text, found, limit) {
  var start = 0;
  var pattern = null;
  if (found.length) {
    var alternatives = found.map(function (word) { return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    pattern = new RegExp("(^|[^\\p{L}\\p{N}_])((?:" + alternatives.join("|") + ")[\\p{L}\\p{N}_]*)", "giu");
    var first = limit ? pattern.exec(text) : null;
    if (first && first.index > limit * 0.6) start = text.lastIndexOf(" ", first.index - 40) + 1;
  }
  var part = limit ? text.slice(start, start + limit) : text;
  var more = limit && start + limit < text.length;
  if (more && part.lastIndexOf(" ") > limit / 2) part = part.slice(0, part.lastIndexOf(" "));  // whole words
  var out = start ? "… " : "";
  var position = 0;
  if (pattern) {
    pattern.lastIndex = 0;
    var match;
    while ((match = pattern.exec(part)) !== null) {
      var at = match.index + match[1].length;
      out += escapeHTML(part.slice(position, at)) + "<mark>" + escapeHTML(match[2]) + "</mark>";
      position = at + match[2].length;
    }
  }
  out += escapeHTML(part.slice(position)) + (more ? " …" : "");
  return limit ? "<p>" + out.replace(/\n/g, "</p><p>") + "</p>" : out;
}

// The best documents: those matching more words first, then by the words' tiers, then in index order (newest
// first). All of them when there are few, else the best `limit`.
function rank(perWord) {
  var buckets = [], matched = 0;
  for (var id = 0; id < settings.docs; id++) {
    var score = 0;
    for (var w = 0; w < perWord.length; w++) if (perWord[w][id]) score += 8 + perWord[w][id];
    if (score) {
      matched += 1;
      (buckets[score] = buckets[score] || []).push(id);
    }
  }
  var wanted = matched <= settings.all_below ? matched : settings.limit;
  var best = [];
  for (var s = buckets.length - 1; s > 0 && best.length < wanted; s--) {
    (buckets[s] || []).slice(0, wanted - best.length).forEach(function (doc) { best.push([doc, s]); });
  }
  return {best: best, matched: matched};
}

async function search(query) {
  var words = wordsOf(query);
  if (!words.length) return nothing(query);
  var wanted = words.map(termFiles);
  if (wanted.some(function (list) { return list === null; })) return null;
  var loaded = await Promise.all(wanted.map(function (list) {
    return Promise.all(list.map(function (file) { return get("t/" + file + ".json"); }));
  }));
  if (query !== latest) return null;
  var perWord = words.map(function (word, at) { return scoresFor(word, loaded[at]); });
  var ranked = rank(perWord);
  var size = settings.doc_file;
  var numbers = Array.from(new Set(ranked.best.map(function (pair) { return Math.floor(pair[0] / size); })));
  var docs = await Promise.all(numbers.map(function (number) { return get("d/" + number + ".json"); }));
  if (query !== latest) return null;
  var rows = new Map(numbers.map(function (number, at) { return [number, docs[at]]; }));
  // Material shows a page with its sections under it: the page first, found or not (then by its title only).
  var groups = new Map();
  ranked.best.forEach(function (pair) {
    var id = pair[0];
    var row = rows.get(Math.floor(id / size))[id % size];
    var location = row[0], page = location.split("#")[0];
    var found = words.filter(function (word, at) { return perWord[at][id] > 0; });
    var terms = {};
    words.forEach(function (word, at) { terms[word] = perWord[at][id] > 0; });
    var item = {location: location, title: highlight(row[1], found, 0), text: highlight(row[2], found, 320),
                score: pair[1] / 8, terms: terms};
    if (!groups.has(page)) groups.set(page, [{location: page, title: escapeHTML(row[3]), text: "", score: 0, terms: {}}]);
    var group = groups.get(page);
    if (location === page) group[0] = item;
    else group.push(item);
  });
  // total and cut: how many matched, and whether only the best of them are here (main.html says so).
  return {items: Array.from(groups.values()), total: ranked.matched, cut: ranked.best.length < ranked.matched,
          query: query};
}

function nothing(query) {
  return {items: [], total: 0, cut: false, query: query};
}

function answer(data) {
  postMessage({type: RESULT, data: data});
}

addEventListener("message", async function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    var config = message.data.config || {};
    settings = config.timeline || null;
    if (!settings || settings.format !== FORMAT) {
      console.warn("timeline search: expected an index of format " + FORMAT + " in search/search_index.json");
      settings = null;
    } else {
      stop = new Set(settings.stop);
    }
    postMessage({type: READY});
  } else if (message.type === QUERY) {
    var query = String(message.data).trim();
    latest = query;
    if (!query || !settings) return answer(nothing(query));
    // The term files are asked for at once; scoring and text files wait until the keys have settled, so a
    // word typed fast costs one set of text files, not one per prefix. Always yield once: queries already
    // queued behind this one make it stale. A small index is fetched whole at the first key (`prefetch`).
    (settings.prefetch || []).forEach(function (path) { get(path).catch(function () {}); });
    wordsOf(query).forEach(function (word) {
      (termFiles(word) || []).forEach(function (file) { get("t/" + file + ".json").catch(function () {}); });
    });
    await new Promise(function (resolve) { setTimeout(resolve, settings.settle_ms); });
    if (query !== latest) return;
    try {
      var result = await search(query);
      if (result && query === latest) answer(result);
    } catch (error) {
      console.warn("timeline search:", error);
      if (query === latest) answer(nothing(query));
    }
  }
});
