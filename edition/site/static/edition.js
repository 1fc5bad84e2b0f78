/* tei-edition: the few behaviours the static site adds to plain HTML.
   Everything works without this script except filtering, citing and searching. */
(function () {
  "use strict";
  var root = document.body;
  var prefix = root.getAttribute("data-prefix") || "";

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Reading modes: Reading (the default), Names and dates, Translation layer; in the translation
     layer, the machine's wording, the correction, or both. Chosen by buttons, by the address
     (?mode=names, ?mode=translation&layer=machine) and remembered between pages. */
  var MODES = ["reading", "names", "translation"], LAYERS = ["both", "machine", "corrected"];
  function remembered(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }  /* private mode */
  }
  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }
  function setupModes() {
    var modes = document.querySelector(".modes");
    if (!modes) return;
    var layers = document.querySelector(".layers");
    var offered = Array.prototype.map.call(modes.querySelectorAll("button"), function (b) { return b.getAttribute("data-mode"); });
    function press(group, attribute, value) {
      group.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", button.getAttribute(attribute) === value ? "true" : "false");
      });
    }
    function apply(mode, layer, save) {
      if (offered.indexOf(mode) === -1) mode = "reading";
      if (LAYERS.indexOf(layer) === -1) layer = "both";
      MODES.forEach(function (m) { root.classList.toggle("mode-" + m, m === mode); });
      LAYERS.forEach(function (l) { root.classList.toggle("layer-" + l, l === layer); });
      root.classList.toggle("marks-on", mode === "names");
      press(modes, "data-mode", mode);
      press(layers, "data-layer", layer);
      layers.hidden = mode !== "translation";
      if (save) {
        remember("tei-edition-mode", mode);
        remember("tei-edition-layer", layer);
        var url = new URL(window.location.href);
        if (mode === "reading") url.searchParams.delete("mode"); else url.searchParams.set("mode", mode);
        if (mode === "translation" && layer !== "both") url.searchParams.set("layer", layer); else url.searchParams.delete("layer");
        window.history.replaceState(null, "", url);
      }
    }
    var params = new URL(window.location.href).searchParams;
    var mode = params.get("mode") || remembered("tei-edition-mode") || "reading";
    var layer = params.get("layer") || remembered("tei-edition-layer") || "both";
    apply(mode, layer, false);
    modes.hidden = false;
    modes.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-mode]");
      if (!button) return;
      layer = button.getAttribute("data-mode") === "translation" ? layer : layer;
      mode = button.getAttribute("data-mode");
      apply(mode, layer, true);
    });
    layers.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-layer]");
      if (!button) return;
      layer = button.getAttribute("data-layer");
      apply(mode, layer, true);
    });
  }

  /* Wide screens: a note shown in the margin is not opened again as a popover; its marker points at it. */
  function setupMarginNotes() {
    var wide = window.matchMedia("(min-width: 75rem)");
    document.querySelectorAll("button.note-marker[popovertarget]").forEach(function (marker) {
      marker.addEventListener("click", function (event) {
        var note = document.getElementById(marker.getAttribute("popovertarget"));
        if (!note || !wide.matches || note.matches(":popover-open") || window.getComputedStyle(note).display === "none") return;
        event.preventDefault();
        document.querySelectorAll(".margin-lit").forEach(function (lit) { lit.classList.remove("margin-lit"); });
        note.classList.add("margin-lit");
        note.setAttribute("tabindex", "-1");
        note.focus({ preventScroll: true });
        note.scrollIntoView({ block: "nearest" });
      });
    });
  }

  /* A date's normalised value in a popover (Names and dates): a click or Enter on the date. */
  function setupDates() {
    var text = document.querySelector(".text");
    if (!text) return;
    var popover = document.createElement("div");
    popover.className = "date-popover";
    popover.id = "date-popover";
    popover.setAttribute("popover", "auto");
    popover.setAttribute("role", "status");
    document.body.appendChild(popover);
    function show(date) {
      popover.textContent = "Normalised: " + date.getAttribute("data-norm");
      var box = date.getBoundingClientRect();
      popover.style.position = "fixed";
      popover.style.margin = "0";
      popover.style.left = Math.max(4, Math.min(box.left, window.innerWidth - 300)) + "px";
      popover.style.top = (box.bottom + 4) + "px";
      popover.showPopover();
    }
    text.addEventListener("click", function (event) {
      var date = event.target.closest(".date[data-norm]");
      if (date && root.classList.contains("mode-names")) show(date);
    });
    text.addEventListener("keydown", function (event) {
      var date = event.target.closest(".date[data-norm]");
      if (date && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(date); }
    });
    var observer = function () {
      var on = root.classList.contains("mode-names");
      text.querySelectorAll(".date[data-norm]").forEach(function (date) {
        if (on) { date.setAttribute("tabindex", "0"); date.setAttribute("role", "button"); }
        else { date.removeAttribute("tabindex"); date.removeAttribute("role"); }
      });
    };
    new MutationObserver(observer).observe(root, { attributes: true, attributeFilter: ["class"] });
    observer();
  }

  /* A paragraph's number is its permalink; a click also opens its citation, link and parallels. */
  function setupCitations() {
    var popover = document.getElementById("cite-popover");
    if (!popover) return;
    var output = popover.querySelector(".citation");
    var number = popover.querySelector(".paragraph-number");
    var parallels = popover.querySelector(".paragraph-parallels");
    var copy = popover.querySelector(".copy-citation");
    var copyLink = popover.querySelector(".copy-link");
    var textCitation = document.querySelector(".cite-text .citation");
    var base = textCitation ? textCitation.getAttribute("data-citation") : document.title;
    /* the edition's configured address, else the one the reader sees */
    var address = textCitation && textCitation.getAttribute("data-url");
    if (!address) {
      var page = new URL(window.location.href);
      page.search = ""; page.hash = "";
      address = page.href;
    }
    var today = new Date().toISOString().slice(0, 10);
    var link = "";
    if (textCitation) {
      textCitation.textContent = base + " " + address + " (accessed " + today + ").";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-text-citation";
      button.textContent = "Copy the citation";
      button.addEventListener("click", function () { copyText(textCitation.textContent, button); });
      textCitation.parentNode.appendChild(button);
    }
    function copyText(value, button) {
      if (navigator.clipboard) navigator.clipboard.writeText(value).then(function () {
        button.textContent = "Copied";
      }, function () { /* the text stays selectable */ });
    }
    document.querySelectorAll("p.para[data-n] > a.pnum").forEach(function (anchor) {
      anchor.setAttribute("aria-haspopup", "dialog");
      anchor.addEventListener("click", function (event) {
        var paragraph = anchor.parentNode;
        event.preventDefault();
        var url = new URL(window.location.href);
        url.hash = paragraph.id;
        window.history.replaceState(null, "", url);
        link = address + "#" + paragraph.id;
        number.textContent = paragraph.getAttribute("data-n");
        output.textContent = base.replace(/\.$/, "") + ", ¶ " + paragraph.getAttribute("data-n") + ". " + link + " (accessed " + today + ").";
        parallels.replaceChildren();
        var found = paragraph.querySelector(".parallels");
        if (found) parallels.appendChild(found.cloneNode(true));
        copy.textContent = "Copy the citation";
        copyLink.textContent = "Copy the link";
        popover.showPopover();
        copy.focus();
      });
    });
    copy.addEventListener("click", function () { copyText(output.textContent, copy); });
    copyLink.addEventListener("click", function () { copyText(link, copyLink); });
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
      /* Pagefind marks hits with <mark>; keep those, treat everything else as text. A block is
         indexed with the name forms of the entries it names ("Trotsky · Троцкий · …", after its
         words): they are cut off the snippet, and a hit on them alone is said so. */
      var template = document.createElement("template");
      template.innerHTML = html;
      var pieces = Array.prototype.map.call(template.content.childNodes, function (node) {
        return { mark: node.nodeName === "MARK", text: node.textContent };
      });
      var whole = pieces.map(function (piece) { return piece.text; }).join("");
      var names = whole.indexOf(" · ");
      if (names !== -1) {
        var cut = whole.lastIndexOf(". ", names) + 1;
        var kept = [], length = 0, named = [];
        pieces.forEach(function (piece) {
          var end = length + piece.text.length;
          if (length < cut) kept.push({ mark: piece.mark, text: piece.text.slice(0, Math.max(0, cut - length)) });
          if (end > cut && piece.mark) named.push(piece.text);
          length = end;
        });
        pieces = kept;
        if (named.length) pieces.push({ mark: false, text: (kept.length ? " … " : "") + "Names " }, { mark: true, text: named.join(", ") });
      }
      pieces.forEach(function (piece) {
        if (piece.mark) {
          var mark = document.createElement("mark");
          mark.textContent = piece.text;
          parent.appendChild(mark);
        } else {
          parent.appendChild(document.createTextNode(piece.text));
        }
      });
    }

    /* The facets of the results found (kind, language, text): a checkbox a value; values checked
       within a facet are alternatives, facets narrow each other. Drawn from the results, not from
       Pagefind's filters, whose files are not the same bytes from one build of the same pages to the
       next: a result's language is read from its address in what the build wrote on the form (a
       page's language, a paragraph's or note's own where it differs). */
    var facets = document.getElementById("search-facets");
    var FACETS = [["kind", "Kind"], ["language", "Language"], ["text", "Text"]];
    var PAGES_READ = 100;  /* the pages found whose passages are read and counted (each a fetch) */
    var languages = { pages: {}, anchors: {}, other: "" };
    try { languages = JSON.parse(form.getAttribute("data-languages") || "") || languages; } catch (error) { /* none known */ }
    function languageOf(address, anchor) {
      var own = languages.anchors[address];
      return (own && anchor && own[anchor]) || languages.pages[address] || languages.other || "";
    }
    var chosen = {};
    function wanted(hit) {
      return Object.keys(chosen).every(function (name) {
        var values = Object.keys(chosen[name]).filter(function (value) { return chosen[name][value]; });
        return !values.length || values.indexOf(hit[name]) !== -1;
      });
    }
    function drawFacets(counts, query, pagesFound) {
      if (!facets) return;
      facets.replaceChildren();
      if (pagesFound > PAGES_READ) {  /* counts are of what was read: say so */
        var scope = document.createElement("p");
        scope.className = "facets-scope";
        scope.textContent = "Counted in the first " + PAGES_READ + " of the " + pagesFound +
          " pages found (texts, their notes, register entries).";
        facets.appendChild(scope);
      }
      FACETS.forEach(function (facet) {
        var values = Object.keys(counts[facet[0]] || {}).sort();
        if (!values.length) return;
        var fieldset = document.createElement("fieldset");
        var legend = document.createElement("legend");
        legend.textContent = facet[1];
        fieldset.appendChild(legend);
        values.forEach(function (value) {
          var label = document.createElement("label");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.checked = Boolean(chosen[facet[0]] && chosen[facet[0]][value]);
          box.addEventListener("change", function () {
            chosen[facet[0]] = chosen[facet[0]] || {};
            chosen[facet[0]][value] = box.checked;
            show(query, facet[0] + "=" + value);
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + value + " (" + counts[facet[0]][value] + ")"));
          fieldset.appendChild(label);
        });
        facets.appendChild(fieldset);
      });
      facets.hidden = !facets.querySelector("fieldset");
    }

    function show(query, focusAfter) {
      if (!query) { list.replaceChildren(); status.textContent = ""; if (facets) facets.hidden = true; return; }
      status.textContent = "Searching…";
      var base = new URL(prefix, window.location.href);
      load().then(function (pagefind) { return pagefind.search(query); }).then(function (search) {
        return Promise.all(search.results.slice(0, PAGES_READ).map(function (r) { return r.data(); })).then(function (pages) {
          /* A register entry first (what the query names), then the passages: a text's hits are its
             paragraphs or notes (Pagefind's sub-results), under the text's title, linked into its page. */
          var entries = [], passages = [];
          pages.forEach(function (page) {
            var address = page.url.replace(/^\//, "");
            var title = (page.meta && page.meta.title) || address;
            if (!/^texts\//.test(address)) {  /* a register entry's page */
              entries.push({ href: address, title: title, where: "", excerpt: page.excerpt, kind: "register entry", text: "",
                            language: languageOf(address, "") });
              return;
            }
            var notes = /\.notes\.html$/.test(address);  /* a text's notes: their search page beside the text's */
            var target = notes ? address.replace(/\.notes\.html$/, ".html") : address;
            (page.sub_results || []).filter(function (sub) { return sub.url.indexOf("#") !== -1; }).forEach(function (sub) {
              var anchor = sub.url.split("#")[1];
              passages.push({ href: target + "#" + anchor, title: title, where: sub.title, excerpt: sub.excerpt,
                              kind: notes ? "note" : "paragraph", text: title, language: languageOf(target, anchor) });
            });
          });
          var found = entries.concat(passages);
          var counts = {};
          found.forEach(function (hit) {
            FACETS.forEach(function (facet) {
              if (!hit[facet[0]]) return;
              counts[facet[0]] = counts[facet[0]] || {};
              counts[facet[0]][hit[facet[0]]] = (counts[facet[0]][hit[facet[0]]] || 0) + 1;
            });
          });
          var hits = found.filter(wanted);
          list.replaceChildren();
          hits.slice(0, 100).forEach(function (item) {
            var li = document.createElement("li");
            li.className = "hit " + item.kind.replace(/ /g, "-");
            var link = document.createElement("a");
            link.href = new URL(item.href, base).href;
            link.textContent = item.where ? item.title + ", " + item.where : item.title;
            li.appendChild(link);
            if (item.kind === "register entry" || item.kind === "note") {
              var tag = document.createElement("span");
              tag.className = "hit-kind";
              tag.textContent = item.kind;
              li.appendChild(document.createTextNode(" "));
              li.appendChild(tag);
            }
            var snippet = document.createElement("p");
            snippet.className = "snippet";
            excerpt(snippet, item.excerpt || "");
            li.appendChild(snippet);
            list.appendChild(li);
          });
          drawFacets(counts, query, search.results.length);
          if (focusAfter && facets) {  /* the checkbox just used, drawn again: keep the focus on it */
            var again = Array.prototype.find.call(facets.querySelectorAll("label"), function (label) {
              return label.textContent.indexOf(" " + focusAfter.split("=").slice(1).join("=") + " (") === 0;
            });
            if (again) again.querySelector("input").focus();
          }
          status.textContent = hits.length + " result" + (hits.length === 1 ? "" : "s") +
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

  /* The chronology's timeline, wider than a phone: it opens on its busiest years and says that
     it scrolls, and which years are in view. */
  function setupTimeline() {
    var figure = document.querySelector("figure.timeline");
    if (!figure || figure.scrollWidth <= figure.clientWidth + 1) return;
    var bars = Array.prototype.slice.call(figure.querySelectorAll("rect.bar"));
    var busiest = bars.reduce(function (best, bar) {
      return !best || parseFloat(bar.getAttribute("height")) > parseFloat(best.getAttribute("height")) ? bar : best;
    }, null);
    if (busiest) {
      var box = busiest.getBoundingClientRect(), frame = figure.getBoundingClientRect();
      figure.scrollLeft += box.left - frame.left - frame.width / 2;
    }
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.id = "timeline-hint";
    figure.parentNode.insertBefore(hint, figure.nextSibling);
    figure.setAttribute("tabindex", "0");
    figure.setAttribute("aria-describedby", "timeline-hint");
    var labels = Array.prototype.slice.call(figure.querySelectorAll("text.year-label"));
    function say() {
      var frame = figure.getBoundingClientRect();
      var seen = labels.filter(function (label) {
        var r = label.getBoundingClientRect();
        return r.left >= frame.left && r.right <= frame.right;
      }).map(function (label) { return label.textContent; });
      hint.textContent = (seen.length ? "Years " + seen[0] + "–" + seen[seen.length - 1] + " in view; " : "") +
        "the timeline runs from " + labels[0].textContent + " to " + labels[labels.length - 1].textContent +
        ": scroll or swipe sideways ⟷";
    }
    figure.addEventListener("scroll", say, { passive: true });
    say();
  }

  /* The About page's citation of the edition: the site's address and the day of access, which
     only the reader's browser knows (a static site is built without knowing where it is served). */
  function setupEditionCitation() {
    var url = document.querySelector("[data-site-url]");
    if (url) url.textContent = new URL(prefix || "./", window.location.href).href;
    var day = document.querySelector("[data-access-date]");
    if (day) day.textContent = new Date().toISOString().slice(0, 10);
  }

  /* Maps of places (Leaflet, shipped with the site): the land outlines, a marker per place linking
     to its entry, labels that give way to each other (the most mentioned place keeps its label),
     zoom and pan by buttons, keyboard, double click and touch. The places are the links of the
     SVG map drawn in the page, which stays when Leaflet cannot run. */
  function setupMaps() {
    if (!window.L || !window.teiEditionLand) return;
    document.querySelectorAll("figure[data-map]").forEach(function (figure) {
      var fallback = figure.querySelector("svg.static-map");
      var places = Array.prototype.map.call(figure.querySelectorAll("svg.static-map a[data-lat]"), function (link) {
        return { href: link.getAttribute("href"), label: link.getAttribute("data-label"),
                 count: parseInt(link.getAttribute("data-count"), 10) || 0,
                 context: link.classList.contains("context"),
                 at: L.latLng(parseFloat(link.getAttribute("data-lat")), parseFloat(link.getAttribute("data-lng"))) };
      });
      if (!places.length) return;
      var locator = figure.getAttribute("data-map") === "locator";
      var canvas = document.createElement("div");
      canvas.className = "map-canvas";
      canvas.setAttribute("role", "region");
      canvas.setAttribute("aria-label", (figure.getAttribute("aria-label") || "Map") +
        ": drag or use the arrow keys to move, + and - to zoom");
      figure.insertBefore(canvas, fallback);
      fallback.setAttribute("hidden", "");
      var map = L.map(canvas, { scrollWheelZoom: false, zoomSnap: 0.5, minZoom: 1, maxZoom: 16,
                                attributionControl: Boolean(figure.getAttribute("data-tiles")),
                                worldCopyJump: false, maxBounds: [[-90, -400], [90, 400]] });
      var tiles = figure.getAttribute("data-tiles");
      if (tiles) {  /* the edition's opt-in: its policy names the tile host */
        L.tileLayer(tiles, { attribution: figure.getAttribute("data-tiles-attribution") || "", maxZoom: 12 }).addTo(map);
      } else {
        var land = window.teiEditionLand.map(function (flat) {
          var ring = [];
          for (var i = 0; i < flat.length; i += 2) ring.push([flat[i + 1], flat[i]]);
          return [ring];
        });
        L.polygon(land, { interactive: false, className: "land", weight: 1, smoothFactor: 0.5 }).addTo(map);
      }
      /* the map's own places first, then the most mentioned: they keep their labels */
      var markers = places.slice().sort(function (a, b) {
        return (a.context - b.context) || (b.count - a.count);
      }).map(function (place) {
        var link = document.createElement("a");
        link.href = place.href;
        link.className = place.context ? "place-link context" : "place-link";
        if (place.context) link.tabIndex = -1;  /* the neighbours are the register's: one tab stop for the map's own */
        var dot = document.createElement("span");
        dot.className = "place-dot";
        dot.setAttribute("aria-hidden", "true");
        var label = document.createElement("span");
        label.className = "place-label";
        label.textContent = place.label;
        link.appendChild(dot);
        link.appendChild(label);
        var icon = L.divIcon({ html: link, className: "place-marker", iconSize: null });
        var marker = L.marker(place.at, { icon: icon, keyboard: false, interactive: false, title: "" });
        return { marker: marker, label: label, link: link, place: place };
      });
      /* places closer than a finger's width become one numbered button that zooms in on them */
      var clusters = L.layerGroup().addTo(map);
      function regroup() {
        clusters.clearLayers();
        var groups = [];
        markers.forEach(function (m) {
          var point = map.latLngToLayerPoint(m.place.at);
          var group = null;
          for (var i = 0; i < groups.length && !group; i += 1) {
            if (groups[i].point.distanceTo(point) < 38) group = groups[i];  /* boxes of 24 and 28 px never touch */
          }
          if (group && group.fixed) map.removeLayer(m.marker);  /* a neighbour under the locator's own place */
          else if (group) group.members.push(m);
          else groups.push({ point: point, members: [m], fixed: locator && !m.place.context });
        });
        groups.forEach(function (group) {
          if (group.members.length === 1) {
            if (!map.hasLayer(group.members[0].marker)) group.members[0].marker.addTo(map);
            return;
          }
          group.members.forEach(function (m) { map.removeLayer(m.marker); });
          var bounds = L.latLngBounds(group.members.map(function (m) { return m.place.at; }));
          var button = document.createElement("button");
          button.type = "button";
          button.className = group.members.every(function (m) { return m.place.context; }) ? "place-cluster context" : "place-cluster";
          var count = document.createElement("span");
          count.className = "place-dot";
          count.textContent = String(group.members.length);
          var label = document.createElement("span");
          label.className = "place-label";
          label.textContent = group.members[0].place.label + " +" + (group.members.length - 1);
          button.appendChild(count);
          button.appendChild(label);
          button.setAttribute("aria-label", group.members.length + " places: " + group.members.map(function (m) {
            return m.place.label; }).join(", ") + "; zoom in on them");
          button.setAttribute("data-members", group.members.map(function (m) { return m.place.href; }).join(" "));
          button.weight = group.members[0].place.count;
          button.addEventListener("click", function (event) {
            event.stopPropagation();
            map.fitBounds(bounds, { padding: [48, 48] });
          });
          var icon = L.divIcon({ html: button, className: "cluster-marker", iconSize: null });
          L.marker(group.members[0].place.at, { icon: icon, keyboard: false, interactive: false })
            .addTo(clusters);
        });
      }
      function overlaps(box, other, margin) {
        return box.left < other.right + margin && box.right > other.left - margin && box.top < other.bottom && box.bottom > other.top;
      }
      function declutter() {
        /* a place under the zoom buttons cannot be reached there: hidden until the map moves */
        var controls = Array.prototype.map.call(canvas.querySelectorAll(".leaflet-control"), function (control) {
          return control.getBoundingClientRect(); });
        canvas.querySelectorAll(".place-link, .place-cluster").forEach(function (target) {
          var box = target.getBoundingClientRect();
          target.classList.toggle("under-control", controls.some(function (control) { return overlaps(box, control, 0); }));
        });
        /* each label shown unless it would cover a dot or a label already shown: the map's own places
           first, then the most mentioned (a group by its most mentioned place) */
        var items = Array.prototype.slice.call(canvas.querySelectorAll(".place-cluster")).concat(
          markers.filter(function (m) { return map.hasLayer(m.marker); }).map(function (m) {
            m.link.weight = m.place.context || !locator ? m.place.count : Infinity;
            return m.link;
          }));
        items.sort(function (a, b) { return b.weight - a.weight; });
        var dots = items.map(function (item) {  /* a dot's target: at least 24 px square, centred on it */
          var r = item.firstChild.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
          var half = Math.max(12, r.width / 2);
          return { left: x - half, right: x + half, top: y - half, bottom: y + half };
        });
        var shown = [];
        items.forEach(function (item, index) {
          item.classList.remove("label-hidden");
          var box = item.getBoundingClientRect();  /* the whole target, its dot and its label */
          var clash = shown.concat(dots.filter(function (dot, other) { return other !== index; }), controls).some(function (other) {
            return overlaps(box, other, 2);
          });
          if (clash) item.classList.add("label-hidden");
          else shown.push(box);
        });
      }
      var own = places.filter(function (place) { return !place.context; });
      var bounds = L.latLngBounds(own.map(function (place) { return place.at; }));
      /* a locator far enough out for coasts and neighbours to say where the place is */
      if (locator) map.setView(bounds.getCenter(), canvas.clientWidth < 500 ? 2.5 : 3);
      else map.fitBounds(bounds, { paddingTopLeft: [56, 24], paddingBottomRight: [24, 24], maxZoom: 6 });
      map.on("zoomend", function () { regroup(); declutter(); });
      map.on("moveend", declutter);
      regroup();
      declutter();
      figure.classList.add("interactive");
    });
  }

  setupEditionCitation();
  setupMaps();
  setupTimeline();
  setupModes();
  setupMarginNotes();
  setupDates();
  setupCitations();
  setupEntryFilter();
  setupSortableTables();
  setupTermFilter();
  setupYearFilter();
  setupSearch();
})();
