/*
 * The finder page: the filter form, the result list, counts and the URL.
 *
 * Results come a page at a time and only the listed cards stay in the
 * document: with thousands of hidden cards in the list, Chromium spends
 * ~100 ms per click on them, far more than finding the results takes
 * (see BENCHMARKS.md). After each change the form carries the state it
 * shows in data-state, so tests (and people debugging) can see it.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["url-state"], ww.catalogue);
})(typeof self !== "undefined" ? self : this, "finder", function (urlState, catalogueModule) {
  "use strict";

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
    var more = document.getElementById("finder-more");
    var pageSize = Number(list.getAttribute("data-page-size")) || 50;
    var limit = pageSize;
    var catalogue = new catalogueModule.Catalogue(data, lunr);
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

    function readForm() {
      var next = { q: form.elements.q.value.trim(), sort: form.elements.sorteer.value,
                   national: form.elements.landelijk.checked, facets: {} };
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        if (box.name === "landelijk") return;
        (next.facets[box.name] = next.facets[box.name] || new Set()).add(box.value);
      });
      return next;
    }

    function writeForm() {
      form.elements.q.value = state.q;
      form.elements.sorteer.value = state.sort;
      form.elements.landelijk.checked = state.national;
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name === "landelijk") return;
        box.checked = !!(state.facets[box.name] && state.facets[box.name].has(box.value));
      });
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
      var found = result.positions.length;
      var listed = Math.min(limit, found);
      counter.textContent = plural(found, "interventie gevonden", "interventies gevonden") +
        (listed < found ? ", de eerste " + listed + " staan hieronder" : "");
      none.hidden = found > 0;
      more.hidden = listed >= found;
      more.textContent = "Toon meer (nog " + (found - listed) + ")";
      countLabels.forEach(function (label) {
        var text = "(" + (result.tallies[label.key] ? result.tallies[label.key][label.value] || 0 : 0) + ")";
        if (text !== label.text) { label.element.textContent = text; label.text = text; }
      });
      var hash = urlState.serializeState(state);
      if (pushUrl) history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
      form.setAttribute("data-state", hash);
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
      update(urlState.emptyState());
      writeForm();
      form.elements.q.focus();
    });
    more.addEventListener("click", function () {
      var firstNew = limit;
      limit += pageSize;
      apply(false);
      // Keyboard and screen-reader users continue at the first card that just appeared.
      var next = list.children[firstNew];
      if (next) next.querySelector("a").focus();
    });
    var handoutButton = form.querySelector("[data-finder-handout]");
    if (handoutButton) {
      handoutButton.addEventListener("click", function () {
        location.href = form.getAttribute("data-handout") + "#" + urlState.serializeState(state);
      });
    }
    window.addEventListener("hashchange", function () {
      state = urlState.parseState(location.hash);
      limit = pageSize;
      writeForm();
      apply(false);
    });

    form.hidden = false;
    writeForm();
    apply(false);
  }

  return { init: init, plural: plural };
});
