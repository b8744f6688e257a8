/*
 * Finder state in the URL fragment: #thema=a,b&q=wapen&sorteer=naam&landelijk=0
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

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (error) {
      return text;
    }
  }

  function emptyState() {
    return { q: "", sort: DEFAULT_SORT, national: true, facets: {} };
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
    return parts.join("&");
  }

  return { parseState: parseState, serializeState: serializeState, emptyState: emptyState };
});
