/*
 * Finder state in the URL fragment: #thema=a,b&q=wapen&sorteer=naam&landelijk=0 (and pagina=fit when a
 * hand-out shows the fit instrument's selection rather than the finder's)
 *
 * National offer is shown next to a chosen region unless the user hides it
 * (landelijk=0); the sort is "best match" unless the user picks one.
 *
 * Anyone can paste a link, so a malformed fragment (#q=%E0%A4%A, #thema=%zz)
 * never throws: what cannot be decoded is kept as written.
 */
(function (root, name, factory) {
  "use strict";
  var modules = typeof module === "object" && module.exports;
  var ww = root.wegwijzer = root.wegwijzer || {};
  var made = factory();
  if (modules) module.exports = made; else ww[name] = made;
})(typeof self !== "undefined" ? self : this, "url-state", function () {
  "use strict";

  var DEFAULT_SORT = "";  // best match while searching, else by name
  var PINS = "vergelijk";  // interventions pinned to compare, in the order they were pinned
  var MAX_PINS = 4;

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (error) {
      return text;
    }
  }

  function emptyState() {
    return { q: "", sort: DEFAULT_SORT, national: true, page: "", pins: [], facets: {} };
  }

  function parseState(hash) {
    var state = emptyState();
    String(hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf("=");
      var key = decode(at === -1 ? pair : pair.slice(0, at));
      var value = at === -1 ? "" : pair.slice(at + 1);
      if (key === "q") state.q = decode(value);
      else if (key === "sorteer") state.sort = decode(value) || DEFAULT_SORT;
      else if (key === "landelijk") state.national = decode(value) !== "0";
      else if (key === "pagina") state.page = decode(value);  // the page whose rule made a selection (hand-out)
      else if (key === PINS) state.pins = value.split(",").map(decode).filter(Boolean);  // in the order pinned
      else if (value) {
        var values = value.split(",").map(decode).filter(Boolean);
        if (values.length) state.facets[key] = new Set(values);
      }
    });
    return state;
  }

  function serializeState(state) {
    var parts = [];
    Object.keys(state.facets).sort().forEach(function (key) {
      var values = Array.from(state.facets[key]).sort();
      if (values.length) parts.push(encodeURIComponent(key) + "=" + values.map(encodeURIComponent).join(","));
    });
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    if (state.sort && state.sort !== DEFAULT_SORT) parts.push("sorteer=" + encodeURIComponent(state.sort));
    if (!state.national) parts.push("landelijk=0");
    if (state.page) parts.push("pagina=" + encodeURIComponent(state.page));
    if (state.pins && state.pins.length) parts.push(PINS + "=" + state.pins.map(encodeURIComponent).join(","));
    return parts.join("&");
  }

  /**
   * The address of a view where the site is published: what a shared link or a printed QR code must lead to,
   * also when the page is read from the offline copy (file://). ``page`` is the page's URL in the site.
   */
  function publishedAddress(data, page, hash, here) {
    var base = data.siteUrl ? data.siteUrl.replace(/\/?$/, "/") + page : String(here).split("#")[0];
    return base + (hash ? "#" + hash : "");
  }

  /** Copy a link; where the clipboard is unavailable (file://, older browsers) show it to copy by hand. */
  function copyLink(address, status) {
    var done = function () { status.textContent = "Link gekopieerd"; };
    if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(address).then(done, function () { status.textContent = address; });
    } else {
      status.textContent = "Kopieer deze link: " + address;
    }
  }

  /** Pin or unpin an intervention; false when the pin would be one too many. */
  function togglePin(state, id) {
    var at = state.pins.indexOf(id);
    if (at !== -1) { state.pins.splice(at, 1); return true; }
    if (state.pins.length >= MAX_PINS) return false;
    state.pins.push(id);
    return true;
  }

  return { parseState: parseState, serializeState: serializeState, emptyState: emptyState, togglePin: togglePin,
           MAX_PINS: MAX_PINS,
           publishedAddress: publishedAddress, copyLink: copyLink };
});
