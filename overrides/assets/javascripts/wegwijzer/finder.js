/*
 * The finder page: search, filters, the result list and what it shows.
 *
 * The state is always visible: chosen filters are chips above the results
 * (each removable, an unknown one from an old link too), facets holding a
 * filter stay open, an empty result says which single filter to drop and
 * what that gives. Results come a page at a time and only the listed cards
 * stay in the document: with thousands of hidden cards, Chromium spends
 * ~100 ms per click on them (see BENCHMARKS.md). After each change the form
 * carries the state it shows in data-state, so tests can wait for it.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["url-state"], ww.catalogue);
})(typeof self !== "undefined" ? self : this, "finder", function (urlState, catalogueModule) {
  "use strict";

  var WIDE = "(min-width: 60em)";

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function startsWith(list, prefix) {
    if (prefix.length > list.length) return false;
    for (var i = 0; i < prefix.length; i++) {
      if (list[i] !== prefix[i]) return false;
    }
    return true;
  }

  function init(form, data, lunr) {
    var list = document.getElementById("finder-results");
    var counter = document.getElementById("finder-count");
    var none = document.getElementById("finder-none");
    var noneText = document.getElementById("finder-none-text");
    var suggestions = document.getElementById("finder-suggestions");
    var chips = document.getElementById("finder-active");
    var activeCount = document.getElementById("finder-active-count");
    var filters = document.getElementById("finder-filters");
    var copied = document.getElementById("finder-copied");
    var more = document.getElementById("finder-more");
    var apartList = document.getElementById("finder-apart");
    var apartBlock = document.getElementById("finder-apart-block");
    var bar = document.getElementById("finder-bar");
    var compareLink = document.getElementById("finder-compare");
    var evidenceLink = document.getElementById("finder-evidence");
    var pageSize = Number(list.getAttribute("data-page-size")) || 50;
    var limit = pageSize;
    var catalogue = new catalogueModule.Catalogue(data, lunr);
    var labels = {};  // "key=value" → "Facet: option"
    var facetLabels = {};
    data.facets.forEach(function (facet) {
      facetLabels[facet.key] = facet.label;
      facet.options.forEach(function (option) { labels[facet.key + "=" + option[0]] = facet.label + ": " + option[1]; });
    });
    var byId = new Map();
    list.querySelectorAll("li[data-id]").forEach(function (li) { byId.set(li.getAttribute("data-id"), li); });
    var cards = data.interventions.map(function (record) { return byId.get(record.id) || null; });
    var listedNow = null;  // positions whose cards are in the list, in order
    var countLabels = [];
    form.querySelectorAll("[data-count-for]").forEach(function (el) {
      var parts = el.getAttribute("data-count-for").split("=");
      countLabels.push({ element: el, key: parts[0], value: parts.slice(1).join("="), text: el.textContent });
    });
    var state = urlState.parseState(location.hash);
    var asked = new URLSearchParams(location.search).get("zoek");  // from the "page not found" search
    if (asked && !location.hash) state.q = asked;

    function readForm() {
      var next = { q: form.elements.q.value.trim(), sort: form.elements.sorteer.value,
                   national: form.elements.landelijk.checked, page: "", pins: state.pins.slice(), facets: {} };
      form.querySelectorAll(".ww-facet input[type=checkbox]:checked").forEach(function (box) {
        (next.facets[box.name] = next.facets[box.name] || new Set()).add(box.value);
      });
      catalogue.split(state).unknown.forEach(function (pair) {  // keep what the form cannot show; a chip removes it
        (next.facets[pair[0]] = next.facets[pair[0]] || new Set()).add(pair[1]);
      });
      return next;
    }

    function writeForm() {
      form.elements.q.value = state.q;
      form.elements.sorteer.value = state.sort;
      form.elements.landelijk.checked = state.national;
      form.querySelectorAll(".ww-facet").forEach(function (facet) {
        var key = facet.getAttribute("data-facet");
        var wanted = state.facets[key];
        var any = false;
        facet.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          box.checked = !!(wanted && wanted.has(box.value));
          any = any || box.checked;
        });
        if (any) facet.open = true;  // an active filter is never hidden in a closed facet
      });
    }

    function chip(text, onRemove, unknown) {
      var li = document.createElement("li");
      if (unknown) li.className = "ww-active--unknown";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ww-chip";
      button.textContent = text + " ✕";
      button.setAttribute("aria-label", "Filter weghalen: " + text);
      button.addEventListener("click", onRemove);
      li.appendChild(button);
      return li;
    }

    function without(key, value) {
      var next = catalogueModule.copyState(state);
      if (key === "q") next.q = "";
      else if (next.facets[key]) next.facets[key].delete(value);
      return next;
    }

    function removeAndFocus(next) {
      update(next);
      writeForm();
      var first = chips.querySelector("button") || form.elements.q;
      first.focus();
    }

    function showChips(split) {
      var items = [];
      if (state.q) items.push(chip("Zoekwoord: " + state.q, function () { removeAndFocus(without("q")); }));
      Object.keys(split.active).forEach(function (key) {
        split.active[key].forEach(function (value) {
          items.push(chip(labels[key + "=" + value] || key + ": " + value, function () { removeAndFocus(without(key, value)); }));
        });
      });
      split.unknown.forEach(function (pair) {
        var text = "Onbekend filter uit de link: " + (facetLabels[pair[0]] || pair[0]) + " = " + pair[1] + " (genegeerd)";
        items.push(chip(text, function () { removeAndFocus(without(pair[0], pair[1])); }, true));
      });
      chips.replaceChildren.apply(chips, items);
      var count = Object.keys(split.active).reduce(function (n, key) { return n + split.active[key].size; }, 0);
      activeCount.textContent = count ? "(" + count + " gekozen)" : "";
    }

    function showSuggestions() {
      var options = catalogue.suggestions(state).slice(0, 3);
      noneText.textContent = options.length
        ? "Haal één filter weg:"
        : "Haal filters weg of zoek op een ander woord.";
      suggestions.replaceChildren.apply(suggestions, options.map(function (option) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        var what = option.key === "q" ? "zonder zoekwoord “" + option.value + "”" : "zonder " + (labels[option.key + "=" + option.value] || option.value);
        button.textContent = what + ": " + plural(option.count, "resultaat", "resultaten");
        button.addEventListener("click", function () { removeAndFocus(without(option.key, option.value)); });
        li.appendChild(button);
        return li;
      }));
    }

    /** Touch the DOM only where something changed: this runs on every click. */
    function apply(pushUrl) {
      var result = catalogue.evaluate(state);
      var positions = result.positions.slice(0, limit).filter(function (position) { return cards[position]; });
      var cardsOf = function (some) { return some.map(function (position) { return cards[position]; }); };
      if (listedNow && startsWith(positions, listedNow)) {
        list.append.apply(list, cardsOf(positions.slice(listedNow.length)));  // "Toon meer", or nothing changed
      } else {
        list.replaceChildren.apply(list, cardsOf(positions));
      }
      listedNow = positions;
      apartList.replaceChildren.apply(apartList, cardsOf(result.apart.filter(function (p) { return cards[p]; })));
      apartBlock.hidden = !result.apart.length;
      var found = result.positions.length;
      var listed = Math.min(limit, found);
      counter.textContent = plural(found, "interventie gevonden", "interventies gevonden") +
        (listed < found ? ", de eerste " + listed + " staan hieronder" : "") +
        (result.apart.length ? "; van " + result.apart.length + " is de leeftijd niet bekend (onderaan)" : "");
      bar.querySelector("span").textContent = plural(found, "interventie", "interventies") + " gevonden";
      none.hidden = found > 0;
      if (!found) showSuggestions();
      more.hidden = listed >= found;
      more.textContent = "Toon meer (nog " + (found - listed) + ")";
      countLabels.forEach(function (label) {
        var text = "(" + (result.tallies[label.key] ? result.tallies[label.key][label.value] || 0 : 0) + ")";
        if (text !== label.text) { label.element.textContent = text; label.text = text; }
      });
      showChips(catalogue.split(state));
      showPins();
      var hash = urlState.serializeState(state);
      if (pushUrl) history.replaceState(null, "", hash ? "#" + hash : location.pathname);
      evidenceLink.href = evidenceLink.href.split("#")[0] + (hash ? "#" + hash : "");
      form.setAttribute("data-state", hash);
    }

    /** Pinned interventions: pressed buttons on their cards, and the link to compare them. */
    function showPins() {
      var pinned = new Set(state.pins);
      form.querySelectorAll("[data-pin]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(pinned.has(button.getAttribute("data-pin"))));
      });
      compareLink.hidden = !pinned.size;
      compareLink.textContent = "Vergelijk (" + pinned.size + ")";
      var pins = urlState.emptyState();
      pins.pins = state.pins.slice();
      compareLink.href = compareLink.href.split("#")[0] + "#" + urlState.serializeState(pins);
    }

    function update(next) {
      state = next;
      limit = pageSize;
      apply(true);
    }

    var typing = null;
    form.addEventListener("input", function (event) {
      if (event.target.name === "q") {
        clearTimeout(typing);
        typing = setTimeout(function () { update(readForm()); }, 120);
      }
    });
    form.addEventListener("change", function (event) {
      if (event.target.name !== "q") update(readForm());
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(readForm()); });
    form.querySelector("[data-finder-reset]").addEventListener("click", function () {
      var empty = urlState.emptyState();
      empty.pins = state.pins.slice();  // "wissen" clears the filters, not the comparison
      update(empty);
      writeForm();
      form.elements.q.focus();
    });
    form.querySelector("[data-finder-copy]").addEventListener("click", function () {
      urlState.copyLink(urlState.publishedAddress(data, data.pages.finder, urlState.serializeState(state),
                                                  location.href), copied);
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-pin]");
      if (!button) return;
      if (!urlState.togglePin(state, button.getAttribute("data-pin"))) {
        copied.textContent = "Je kunt hoogstens " + urlState.MAX_PINS + " interventies vergelijken; haal er eerst een weg.";
        return;
      }
      copied.textContent = state.pins.length + " gekozen om te vergelijken";
      showPins();
      var hash = urlState.serializeState(state);
      history.replaceState(null, "", hash ? "#" + hash : location.pathname);
      form.setAttribute("data-state", hash);
    });
    more.addEventListener("click", function () {
      var firstNew = limit;
      limit += pageSize;
      apply(false);
      // Keyboard and screen-reader users continue at the first card that just appeared.
      var next = list.children[firstNew];
      if (next) next.querySelector("a").focus();
    });
    form.querySelector("[data-finder-handout]").addEventListener("click", function () {
      location.href = form.getAttribute("data-handout") + "#" + urlState.serializeState(state);
    });
    window.addEventListener("hashchange", function () {
      state = urlState.parseState(location.hash);
      limit = pageSize;
      writeForm();
      apply(false);
    });

    form.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
    filters.open = window.matchMedia ? window.matchMedia(WIDE).matches : true;  // on a phone: results first
    writeForm();
    apply(asked && !location.hash);
    form.setAttribute("data-ready", "");
  }

  return { init: init, plural: plural };
});
