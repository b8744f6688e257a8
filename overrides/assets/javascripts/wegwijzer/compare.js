/*
 * The comparison: the interventions pinned in the finder (#vergelijk=a,b,c, at
 * most four) side by side. The page lists every intervention's column hidden;
 * the pins in the URL decide which are shown, so a comparison can be shared.
 */
(function (root, name, factory) {
  "use strict";
  var ww = root.wegwijzer = root.wegwijzer || {};
  ww[name] = factory(ww["url-state"]);
})(typeof self !== "undefined" ? self : this, "compare", function (urlState) {
  "use strict";

  function init(page, data) {
    var table = document.getElementById("compare-table");
    var status = document.getElementById("compare-status");
    var copied = document.getElementById("compare-copied");
    var back = document.getElementById("compare-back");
    var names = new Map(data.interventions.map(function (record) { return [record.id, record.name]; }));
    var state;

    function show() {
      state = urlState.parseState(location.hash);
      state.pins = state.pins.filter(function (id) { return names.has(id); }).slice(0, urlState.MAX_PINS);
      var pinned = new Set(state.pins);
      table.querySelectorAll("[data-id]").forEach(function (cell) { cell.hidden = !pinned.has(cell.getAttribute("data-id")); });
      table.hidden = !pinned.size;
      status.textContent = pinned.size
        ? pinned.size + (pinned.size === 1 ? " interventie" : " interventies") + " naast elkaar: " +
          state.pins.map(function (id) { return names.get(id); }).join(", ")
        : "Nog niets gekozen: kies in de interventielijst twee tot vier interventies met “Vergelijk”.";
      var hash = urlState.serializeState(state);
      back.href = page.getAttribute("data-finder") + (hash ? "#" + hash : "");
      page.setAttribute("data-pins", state.pins.join(","));
    }

    table.addEventListener("click", function (event) {
      var button = event.target.closest("[data-unpin]");
      if (!button) return;
      urlState.togglePin(state, button.getAttribute("data-unpin"));
      var hash = urlState.serializeState(state);
      history.replaceState(null, "", hash ? "#" + hash : location.pathname);
      show();
      status.focus();
    });
    page.querySelector("[data-compare-copy]").addEventListener("click", function () {
      urlState.copyLink(urlState.publishedAddress(data, data.pages.compare, urlState.serializeState(state),
                                                  location.href), copied);
    });
    window.addEventListener("hashchange", show);
    page.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
    status.setAttribute("tabindex", "-1");
    show();
    page.setAttribute("data-ready", "");
  }

  return { init: init };
});
