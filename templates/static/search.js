// Search. On every page: the `/` key focuses the search box in the header (which, without
// JavaScript, simply submits to the search page). On the search page: results drawn with
// Pagefind's JS API from the index `notes-site build` writes to <base>/pagefind/ (no CDN).
//
// What this adds to Pagefind (each measured; see README "Search"):
// - arXiv ids: `2506.10910`, `arXiv:2506.10910` or an arXiv URL become the word `250610910`,
//   which paper pages carry (Pagefind alone splits ids at the dot), and that paper is pinned first.
// - Chinese words: the browser's segmenter may keep 强化学习 whole while the index holds 强化 + 学习,
//   so a Chinese word of 3+ characters is also searched as 2-character pieces; both result
//   lists are merged.
// - Quoted phrases ("注意力汇聚点"), which Pagefind 1.5 cannot match in Chinese, are searched
//   unquoted and then kept only where the page text contains the phrase.
// - When nothing is found for a Chinese word the index split some other way (低秩适配), its first
//   character is searched and only pages whose text holds the whole word are kept.
// - One card per paper: its zh and en pages are both indexed; the one in this page's language is shown.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var box = document.getElementById("search-q") || document.getElementById("site-search-q");
    if (!box) { return; }
    event.preventDefault();
    box.focus();
    box.select();
  });

  var app = document.getElementById("search-app");
  if (!app) { return; }

  var FILTERS = ["topic", "year", "category", "source", "code"];
  var LIMIT = 60;
  // Paper pages differ in length mostly by how many abstracts were pasted, not by relevance,
  // so length counts for less than Pagefind's default (0.75).
  var RANKING = { pageLength: 0.25 };
  var CJK_RUN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;
  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var ARXIV_ID = /(?:arxiv\s*[:：]?\s*)?(\d{4})\.(\d{4,5})(?:v\d+)?/gi;
  var QUOTED = /["“”「」『』]([^"“”「」『』]+)["“”「」『』]/g;

  var t = JSON.parse(app.dataset.strings);
  var lang = app.dataset.lang;
  var form = app.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var sortSelect = document.getElementById("search-sort");
  var filterBox = document.getElementById("search-filters");
  var status = document.getElementById("search-status");
  var paperSection = document.getElementById("search-papers");
  var paperList = document.getElementById("search-paper-list");
  var digestSection = document.getElementById("search-digests");
  var digestList = document.getElementById("search-digest-list");
  var pagefind = null;
  var generation = 0;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // Split what was typed into the text Pagefind gets, quoted phrases and arXiv ids.
  function parse(raw) {
    var phrases = [];
    var ids = [];
    var text = raw.replace(QUOTED, function (_, phrase) {
      phrases.push(phrase.trim());
      return " " + phrase + " ";
    });
    text = text.replace(ARXIV_ID, function (_, yymm, number) {
      ids.push(yymm + "." + number);
      return " " + yymm + number + " ";
    });
    // What is left of a pasted URL (https://arxiv.org/abs/) is not something to search for.
    text = text.split(/\s+/).filter(function (word) { return word.indexOf("/") < 0; }).join(" ");
    return { text: text.trim(), phrases: phrases, ids: ids };
  }

  // The query as Chinese runs and other words: "LoRA微调 lora" → LoRA, 微调, lora.
  function tokens(text) {
    return text.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g) || [];
  }

  // Chinese runs of 3+ characters again as 2-character pieces (a trailing odd character is left
  // to prefix matching): 强化学习 → 强化 学习, 注意力 → 注意.
  function cjkPieces(text) {
    var changed = false;
    var words = tokens(text).map(function (word) {
      if (!CJK_RUN.test(word) || word.length < 3) { return word; }
      changed = true;
      var pieces = [];
      for (var i = 0; i + 1 < word.length; i += 2) { pieces.push(word.slice(i, i + 2)); }
      return pieces.join(" ");
    });
    return changed ? words.join(" ") : null;
  }

  // Each Chinese run cut to its first character (other words kept), and the runs themselves.
  function firstCharacters(text) {
    var terms = [];
    var words = [];
    tokens(text).forEach(function (word) {
      if (CJK_RUN.test(word) && word.length >= 2) {
        terms.push(word[0]);
        words.push(word);
      } else {
        terms.push(word);
      }
    });
    return words.length ? { query: terms.join(" "), words: words } : null;
  }

  function squash(text) {
    return text.toLocaleLowerCase().replace(/\s+/g, "");
  }

  function selectedFilters() {
    var filters = {};
    FILTERS.forEach(function (name) {
      var values = Array.prototype.map.call(
        filterBox.querySelectorAll('input[name="' + name + '"]:checked'),
        function (box) { return box.value; }
      );
      if (values.length) { filters[name] = { any: values }; }
    });
    return filters;
  }

  function saveState(raw) {
    var params = new URLSearchParams();
    if (raw) { params.set("q", raw); }
    FILTERS.forEach(function (name) {
      filterBox.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
        params.append(name, box.value);
      });
    });
    if (sortSelect.value) { params.set("sort", sortSelect.value); }
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  async function load() {
    if (pagefind) { return pagefind; }
    var module = await import(app.dataset.pagefind);
    await module.options({ baseUrl: app.dataset.base, excerptLength: 24, ranking: RANKING });
    pagefind = module;
    return module;
  }

  async function buildFilters(params) {
    var counts = await pagefind.filters();
    FILTERS.forEach(function (name) {
      var values = Object.keys(counts[name] || {});
      if (!values.length) { return; }
      if (name === "year") { values.sort().reverse(); } else { values.sort(); }
      var fieldset = document.createElement("fieldset");
      fieldset.className = "search-filter filter-" + name;
      var legend = document.createElement("legend");
      legend.textContent = t["filter_" + name];
      fieldset.appendChild(legend);
      var wanted = params.getAll(name);
      values.forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = wanted.indexOf(value) >= 0;
        label.appendChild(box);
        var text = name === "code" ? t.filter_code : value;
        label.appendChild(document.createTextNode(" " + text + " "));
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = counts[name][value];
        label.appendChild(count);
        fieldset.appendChild(label);
      });
      if (name === "code") { legend.className = "visually-hidden"; }
      filterBox.appendChild(fieldset);
    });
    var box = document.getElementById("search-filters-box");
    box.hidden = false;
    // On phones the filters start folded unless some are chosen, so results come first.
    if (window.matchMedia("(max-width: 860px)").matches && !filterBox.querySelector("input:checked")) {
      box.open = false;
    }
  }

  // Run one or more Pagefind searches and merge them: best score per page wins.
  async function searchAll(queries, filters) {
    var merged = new Map();
    for (var index = 0; index < queries.length; index++) {
      var found = await pagefind.search(queries[index], { filters: filters });
      if (!found) { continue; }
      found.results.forEach(function (result) {
        var score = result.score * (index === 0 ? 1 : 0.9);
        var known = merged.get(result.id);
        if (!known || known.score < score) { merged.set(result.id, { result: result, score: score }); }
      });
    }
    return Array.from(merged.values()).sort(function (a, b) { return b.score - a.score; });
  }

  // The pages of the best *hits*, kept only when their text holds every phrase.
  async function pagesOf(hits, phrases) {
    var data = await Promise.all(hits.slice(0, LIMIT).map(function (hit) {
      return hit.result.data().then(function (page) { return { page: page, score: hit.score }; });
    }));
    return data.filter(function (item) {
      var text = squash(item.page.content);
      return phrases.every(function (phrase) { return text.indexOf(squash(phrase)) >= 0; });
    });
  }

  async function run() {
    var raw = input.value.trim();
    var header = document.getElementById("site-search-q");
    if (header) { header.value = raw; }
    saveState(raw);
    var filters = selectedFilters();
    var filtered = Object.keys(filters).length > 0;
    var mine = ++generation;
    app.dataset.state = "busy";
    if (!raw && !filtered) {
      status.textContent = "";
      paperSection.hidden = digestSection.hidden = true;
      app.dataset.query = raw;
      app.dataset.state = "done";
      return;
    }
    status.textContent = t.search_loading;
    var query = parse(raw);
    var queries = [query.text || null];
    var pieces = query.text ? cjkPieces(query.text) : null;
    if (pieces) { queries.push(pieces); }
    var hits = await searchAll(queries, filters);
    var data = await pagesOf(hits, query.phrases);
    var fallback = query.text ? firstCharacters(query.text) : null;
    if (fallback && data.filter(function (item) { return item.page.meta.arxiv_id; }).length < 3) {
      // The index may have split these Chinese words otherwise (位置插值 → 位置 插 值): also look
      // for pages with words starting like them, and keep those whose text holds every word.
      var more = await pagesOf(await searchAll([fallback.query], filters), query.phrases.concat(fallback.words));
      var known = new Set(data.map(function (item) { return item.page.url; }));
      data = data.concat(more.filter(function (item) { return !known.has(item.page.url); }));
    }
    if (mine !== generation) { return; }
    var papers = [];
    var seen = new Set();
    var digests = [];
    data.forEach(function (item) {
      var meta = item.page.meta;
      if (!meta.arxiv_id) { digests.push(item); return; }
      if (seen.has(meta.arxiv_id)) { return; }
      seen.add(meta.arxiv_id);
      papers.push(item);
    });
    if (query.ids.length) {
      var pinned = papers.filter(function (item) { return query.ids.indexOf(item.page.meta.arxiv_id) >= 0; });
      papers = pinned.concat(papers.filter(function (item) { return pinned.indexOf(item) < 0; }));
    }
    var order = sortSelect.value;
    if (order) {
      var sign = order === "newest" ? -1 : 1;
      var byDate = function (a, b) {
        var x = a.page.meta.date || "";
        var y = b.page.meta.date || "";
        return x === y ? 0 : (x < y ? -sign : sign);
      };
      papers.sort(byDate);
      digests.sort(byDate);
    }
    paperList.replaceChildren.apply(paperList, papers.map(paperCard));
    digestList.replaceChildren.apply(digestList, digests.map(digestItem));
    paperSection.hidden = papers.length === 0;
    digestSection.hidden = digests.length === 0;
    status.textContent = papers.length || digests.length
      ? format(t.search_count, { n: papers.length })
      : t.search_none;
    app.dataset.query = raw;
    app.dataset.state = "done"; // for tests: results for app.dataset.query are on screen
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function paperCard(item) {
    var page = item.page;
    var meta = page.meta;
    var card = element("article", "paper-card search-hit");
    card.dataset.arxivId = meta.arxiv_id;
    var first = lang === "zh" ? (meta.title_zh || meta.title_en) : (meta.title_en || meta.title_zh);
    var second = first === meta.title_zh ? meta.title_en : meta.title_zh;
    var heading = element("h3");
    var link = element("a");
    link.href = meta["url_" + lang] || page.url;
    var title = element("span", "", first || meta.title);
    title.lang = CJK.test(title.textContent) ? "zh" : "en";
    link.appendChild(title);
    heading.appendChild(link);
    card.appendChild(heading);
    if (second) {
      var alt = element("p", "title-alt", second);
      alt.lang = CJK.test(second) ? "zh" : "en";
      card.appendChild(alt);
    }
    var line = element("p", "meta");
    line.appendChild(element("span", "arxiv-id", meta.id_label || "arXiv:" + meta.arxiv_id));
    if (meta.date) {
      line.appendChild(document.createTextNode(" · "));
      var time = element("time", "", meta.date);
      time.dateTime = meta.date;
      line.appendChild(time);
    }
    if (meta.topic) {
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(element("span", "topic", meta.topic));
    }
    if (page.filters && page.filters.code) {
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(element("span", "has-code", t.has_code));
    }
    card.appendChild(line);
    // The matched text of a paper page is often its hidden id and author keywords: show the
    // start of the abstract instead, when there is one.
    if (meta.summary) {
      var summary = element("p", "excerpt", meta.summary);
      summary.lang = CJK.test(meta.summary) ? "zh" : "en";
      card.appendChild(summary);
    } else {
      card.appendChild(excerpt(page));
    }
    return card;
  }

  function digestItem(item) {
    var page = item.page;
    var li = element("li");
    var link = element("a", "", page.meta.title);
    link.href = page.url;
    li.appendChild(link);
    if (page.meta.date) {
      li.appendChild(document.createTextNode(" "));
      var time = element("time", "meta", page.meta.date);
      time.dateTime = page.meta.date;
      li.appendChild(time);
    }
    li.appendChild(excerpt(page));
    return li;
  }

  function excerpt(page) {
    var p = element("p", "excerpt");
    p.innerHTML = page.excerpt; // Pagefind escapes the page text and adds only <mark>
    return p;
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  sortSelect.value = params.get("sort") || "";
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  sortSelect.addEventListener("change", run);
  filterBox.addEventListener("change", run);
  load()
    .then(function () { return buildFilters(params); })
    .then(run)
    .then(function () { app.dataset.ready = "true"; })
    .catch(function (error) {
      status.textContent = format(t.search_error, { error: error && error.message ? error.message : error });
      app.dataset.ready = "error";
    });
})();
