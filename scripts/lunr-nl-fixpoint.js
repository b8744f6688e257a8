
/*
 * Wegwijzer patch, appended to lunr-languages' Dutch support (see scripts/vendor.sh).
 * The Snowball Dutch stemmer is not idempotent: "wapens" -> "wapen" but "wapen" -> "wap",
 * so a search for "wapens" would miss pages that only say "wapen". Stemming until the
 * word stops changing makes both meet ("wap"). Used by Material's search and the finder.
 */
(function () {
  var once = lunr.nl.stemmer;
  var fixpoint = function (token) {
    return token.update(function (word) {
      for (var i = 0; i < 3; i++) {
        var next = once(new lunr.Token(word, {})).toString();
        if (next === word) break;
        word = next;
      }
      return word;
    });
  };
  lunr.Pipeline.registerFunction(fixpoint, "stemmer-nl-fixpoint");
  lunr.nl.stemmer = fixpoint;
})();

/*
 * Material's search appends "*" to every typed term (search as you type), and lunr does not
 * stem wildcard terms. For each such term, also search the term itself through the stemming
 * pipeline, so "wapens" finds pages that say "wapen" (and vice versa).
 */
(function () {
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    return query.call(this, function (q) {
      build.call(q, q);
      q.clauses.slice().forEach(function (clause) {
        var term = clause.term;
        if (clause.usePipeline || term.length < 4 || term.charAt(term.length - 1) !== "*" ||
            term.slice(0, -1).indexOf("*") !== -1 || clause.presence === lunr.Query.presence.PROHIBITED) {
          return;
        }
        q.clause({ term: term.slice(0, -1), fields: clause.fields, boost: clause.boost, usePipeline: true,
                   wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL });
      });
    });
  };
})();
