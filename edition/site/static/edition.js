/* tei-edition: the few behaviours the static site adds to plain HTML.
   Everything works without this script except filtering, citing and searching. */
(function () {
  "use strict";
  var root = document.body;
  var prefix = root.getAttribute("data-prefix") || "";

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The highlighting of names and dates, remembered between pages. */
  function setupMarksToggle() {
    var button = document.getElementById("toggle-marks");
    if (!button) return;
    function apply(on) {
      root.classList.toggle("marks-on", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    var stored = null;
    try { stored = window.localStorage.getItem("tei-edition-marks"); } catch (e) { /* private mode */ }
    apply(stored !== "off");
    button.addEventListener("click", function () {
      var on = !root.classList.contains("marks-on");
      apply(on);
      try { window.localStorage.setItem("tei-edition-marks", on ? "on" : "off"); } catch (e) { /* ignore */ }
    });
  }

  /* "Cite this": a button after each numbered paragraph opens the citation with its full URL. */
  function setupCitations() {
    var popover = document.getElementById("cite-popover");
    if (!popover) return;
    var output = popover.querySelector(".citation");
    var copy = popover.querySelector(".copy-citation");
    var siteTitle = (document.querySelector(".site-title") || {}).textContent || "";
    document.querySelectorAll("p.para[data-cite]").forEach(function (paragraph) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-button";
      button.textContent = "cite";
      button.setAttribute("aria-label", "Cite " + paragraph.getAttribute("data-cite"));
      button.addEventListener("click", function () {
        var url = new URL("#" + paragraph.id, window.location.href).href;
        output.textContent = paragraph.getAttribute("data-cite") + ". In: " + siteTitle.trim() + ". " + url;
        popover.showPopover();
        copy.focus();
      });
      paragraph.appendChild(document.createTextNode(" "));
      paragraph.appendChild(button);
    });
    copy.addEventListener("click", function () {
      if (navigator.clipboard) navigator.clipboard.writeText(output.textContent).then(function () {
        copy.textContent = "Copied";
      }, function () { /* the text stays selectable */ });
    });
  }

  /* The filter of the registers: any name form, any script, accents and case ignored. */
  function setupEntryFilter() {
    var input = document.getElementById("entry-filter");
    if (!input) return;
    var entries = Array.prototype.slice.call(document.querySelectorAll(".entry[data-names]"));
    var status = document.getElementById("filter-status");
    function run() {
      var query = fold(input.value.trim());
      var shown = 0;
      entries.forEach(function (entry) {
        var match = !query || entry.getAttribute("data-names").indexOf(query) !== -1;
        entry.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = query ? shown + " of " + entries.length + " entries match" : "";
    }
    input.addEventListener("input", run);
    if (input.value) run();
  }

  /* A register's index sorted by any column: its heading's button sorts one way, then the other
     (counts the most first; numbers from the cells' data-sort; an empty value goes last either way). */
  function setupSortableTables() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      var headings = Array.prototype.slice.call(table.querySelectorAll("thead th"));
      var body = table.tBodies[0];
      headings.forEach(function (heading, column) {
        var button = heading.querySelector("button");
        if (!button) return;
        button.addEventListener("click", function () {
          var current = heading.getAttribute("aria-sort");
          var ascending = current ? current !== "ascending" : heading.getAttribute("data-first") !== "descending";
          var numeric = heading.getAttribute("data-type") !== "text";
          var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
            var cell = row.cells[column];
            var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
            return { row: row, value: value, position: position,
                     order: parseInt(row.cells[0].getAttribute("data-sort"), 10) };
          });
          rows.sort(function (a, b) {
            if ((a.value === "") !== (b.value === "")) return a.value === "" ? 1 : -1;
            var by = numeric ? parseFloat(a.value) - parseFloat(b.value) : a.value.localeCompare(b.value);
            return (ascending ? by : -by) || a.order - b.order;  /* ties stay in the index's order */
          });
          rows.forEach(function (item) { body.appendChild(item.row); });
          headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
          heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        });
      });
    });
  }

  /* The glossary's filter: the Russian term, its rendering and the translation's words. */
  function setupTermFilter() {
    var input = document.getElementById("term-filter");
    if (!input) return;
    var terms = Array.prototype.slice.call(document.querySelectorAll(".glossary .term")).map(function (term) {
      var parts = term.querySelectorAll("dt, .rendering");
      var text = Array.prototype.map.call(parts, function (part) { return part.textContent; }).join(" ");
      return { element: term, text: fold(text) };
    });
    var status = document.getElementById("term-filter-status");
    function run() {
      var query = fold(input.value.trim());
      var shown = 0;
      terms.forEach(function (term) {
        var match = !query || term.text.indexOf(query) !== -1;
        term.element.hidden = !match;
        if (match) shown += 1;
      });
      document.querySelectorAll(".letter-group").forEach(function (group) {
        group.hidden = !group.querySelector(".term:not([hidden])");
      });
      status.textContent = query ? shown + " of " + terms.length + " terms match" : "";
    }
    input.addEventListener("input", run);
    if (input.value) run();
  }

  /* The chronology's year filter: a span is shown in every year it covers. */
  function setupYearFilter() {
    var select = document.getElementById("year-filter");
    if (!select) return;
    select.addEventListener("change", function () {
      var year = parseInt(select.value, 10);
      document.querySelectorAll("li.dated-mention").forEach(function (row) {
        var from = parseInt(row.getAttribute("data-from"), 10), to = parseInt(row.getAttribute("data-to"), 10);
        row.hidden = !isNaN(year) && !(from <= year && year <= to);
      });
      document.querySelectorAll("section.year").forEach(function (section) {
        section.hidden = !section.querySelector("li.dated-mention:not([hidden])");
      });
    });
  }

  /* Search: Pagefind bundles ("en", "en-2"…: a large language is split), merged; results land on paragraphs. */
  function setupSearch() {
    var form = document.querySelector("form.search");
    if (!form) return;
    var input = document.getElementById("search-input");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var bundles = (form.getAttribute("data-bundles") || "").split(" ").filter(Boolean);
    var engine = null;
    status.textContent = "";

    function load() {
      if (engine) return engine;
      var base = new URL(prefix, window.location.href);
      engine = import(new URL("pagefind-" + bundles[0] + "/pagefind.js", base).href).then(function (pagefind) {
        return pagefind.options({ excerptLength: 24 }).then(function () {
          /* Merged all at once, not one after another: a large edition has dozens of bundles. */
          return Promise.all(bundles.slice(1).map(function (bundle) {
            return pagefind.mergeIndex(new URL("pagefind-" + bundle + "/", base).pathname,
                                       { language: bundle.replace(/-\d+$/, "") });
          }));
        }).then(function () { return pagefind; });
      });
      return engine;
    }

    function excerpt(parent, html) {
      /* Pagefind marks hits with <mark>; keep those, treat everything else as text. */
      var template = document.createElement("template");
      template.innerHTML = html;
      template.content.childNodes.forEach(function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          parent.appendChild(mark);
        } else {
          parent.appendChild(document.createTextNode(node.textContent));
        }
      });
    }

    function show(query) {
      if (!query) { list.replaceChildren(); status.textContent = ""; return; }
      status.textContent = "Searching…";
      load().then(function (pagefind) { return pagefind.search(query); }).then(function (search) {
        return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); })).then(function (pages) {
          /* A text's hits are its paragraphs (Pagefind's sub-results); an entry is one hit. */
          var hits = [];
          pages.forEach(function (page) {
            var parts = (page.sub_results || []).filter(function (sub) { return sub.url.indexOf("#") !== -1; });
            if (parts.length) parts.forEach(function (sub) { hits.push(sub); });
            else hits.push({ url: page.url, title: (page.meta && page.meta.title) || page.url, excerpt: page.excerpt });
          });
          list.replaceChildren();
          hits.slice(0, 100).forEach(function (item) {
            var li = document.createElement("li");
            var link = document.createElement("a");
            link.href = new URL(item.url.replace(/^\//, ""), new URL(prefix, window.location.href)).href;
            link.textContent = item.title || item.url;
            li.appendChild(link);
            var snippet = document.createElement("p");
            snippet.className = "snippet";
            excerpt(snippet, item.excerpt || "");
            li.appendChild(snippet);
            list.appendChild(li);
          });
          status.textContent = hits.length + " passage" + (hits.length === 1 ? "" : "s") +
            (hits.length > 100 ? " (the first 100 shown)" : "") + " for “" + query + "”";
        });
      }).catch(function (error) {
        status.textContent = "The search could not run here (" + error + ").";
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
      show(input.value.trim());
    });
    var initial = new URL(window.location.href).searchParams.get("q");
    if (initial) { input.value = initial; show(initial.trim()); }
  }

  /* The About page's citation of the edition: the site's address and the day of access, which
     only the reader's browser knows (a static site is built without knowing where it is served). */
  function setupEditionCitation() {
    var url = document.querySelector("[data-site-url]");
    if (url) url.textContent = new URL(prefix || "./", window.location.href).href;
    var day = document.querySelector("[data-access-date]");
    if (day) day.textContent = new Date().toISOString().slice(0, 10);
  }

  setupMarksToggle();
  setupEditionCitation();
  setupCitations();
  setupEntryFilter();
  setupSortableTables();
  setupTermFilter();
  setupYearFilter();
  setupSearch();
})();
