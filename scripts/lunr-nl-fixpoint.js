
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
 * stem wildcard terms, so "wapens" and "wapen" would match different pages. Each typed term
 * becomes its stem with the wildcard ("wap*"), plus the stem itself, so singular and plural
 * search (and rank) alike. Words that mean the same (lunr.wegwijzerSynonyms, generated from
 * data/synonyms.yaml into the site's copy of this file) are added as optional terms: "mes"
 * also finds "steekwapen".
 */
(function () {
  var query = lunr.Index.prototype.query;
  var alike = null;
  function stem(word) {
    return lunr.nl.stemmer(new lunr.Token(word, {})).toString();
  }
  function synonyms() {
    if (alike) return alike;
    alike = Object.create(null);
    (lunr.wegwijzerSynonyms || []).forEach(function (group) {
      var stems = group.map(stem);
      stems.forEach(function (s) {
        alike[s] = (alike[s] || []).concat(stems.filter(function (other) { return other !== s; }));
      });
    });
    return alike;
  }
  // Material also scores a page by how many typed terms begin one of its matched index terms; with
  // the typed word ("wapens") in the clause, a plural would score lower than its singular ("wapen"
  // begins "wapenbezit"). The clause carries the stem from the start, so both score alike.
  var addClause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (clause) {
    var term = clause.term;
    if (typeof term === "string" && term.length > 3 && term.charAt(term.length - 1) === "*" &&
        term.slice(0, -1).indexOf("*") === -1 && clause.presence !== lunr.Query.presence.PROHIBITED) {
      var root = stem(term.slice(0, -1).toLowerCase());
      if (root) clause.term = root + "*";
    }
    return addClause.call(this, clause);
  };
  lunr.Index.prototype.query = function (build) {
    return query.call(this, function (q) {
      build.call(q, q);
      q.clauses.slice().forEach(function (clause) {
        var term = clause.term;
        if (clause.usePipeline || term.length < 3 || term.charAt(term.length - 1) !== "*" ||
            term.slice(0, -1).indexOf("*") !== -1 || clause.presence === lunr.Query.presence.PROHIBITED) {
          return;
        }
        var root = stem(term.slice(0, -1).toLowerCase());
        if (!root) return;
        clause.term = root + "*";
        clause.boost = (clause.boost || 1) * 0.3;  // a word merely beginning with it counts less than the word
        var extra = [root].concat(synonyms()[root] || []);
        extra.forEach(function (word, index) {
          q.clause({ term: word, fields: clause.fields, boost: index ? clause.boost * 0.8 : clause.boost,
                     usePipeline: false, wildcard: lunr.Query.wildcard.NONE,
                     presence: lunr.Query.presence.OPTIONAL });
        });
      });
    });
  };
})();
