/*
 * One rule for ages, shared by the finder and the fit instrument: an offer whose
 * age is not known is never silently kept or silently dropped when someone asks
 * for an age; both show it apart, saying the age is not known.
 */
(function (root, name, factory) {
  "use strict";
  var modules = typeof module === "object" && module.exports;
  var ww = root.wegwijzer = root.wegwijzer || {};
  var made = factory();
  if (modules) module.exports = made; else ww[name] = made;
})(typeof self !== "undefined" ? self : this, "ages", function () {
  "use strict";

  /** Does the record say anything about age? */
  function known(record) {
    return record.ageMin !== null || record.ageMax !== null;
  }

  /**
   * Does a record with a known age overlap the asked range? ``limits`` is the data's [lowest, highest] age that
   * an open end stands for; ``from`` or ``to`` may be null (not asked).
   */
  function overlaps(record, from, to, limits) {
    var low = record.ageMin === null ? limits[0] : record.ageMin;
    var high = record.ageMax === null ? limits[1] : record.ageMax;
    return (to === null || low <= to) && (from === null || high >= from);
  }

  return { known: known, overlaps: overlaps };
});
