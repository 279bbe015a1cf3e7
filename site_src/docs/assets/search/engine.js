/* Search engine of the site: pure functions over the build-time index (assets/search/index.json).
 *
 * Segmentation repeats jieba's search-mode cut without HMM (jieba 0.42: get_DAG, calc,
 * __cut_DAG_NO_HMM, cut_for_search) over the dictionary the build exported. That dictionary holds every
 * word the pages were cut into, the users' vocabulary and each of their characters, with jieba's
 * frequencies. jieba's best path through a query is made of such words whenever the query's words occur
 * on the site; a restricted dictionary keeps that path and only removes rivals, so the cut is the same.
 *
 * No DOM here: runs in the page (window.GdSearchEngine) and under node for the tests (module.exports).
 */
(function (root) {
  "use strict";

  var HAN_BLOCK = /[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]+/g;
  var ENG_CHAR = /^[a-zA-Z0-9]$/;
  var WORDLIKE = /[0-9a-z\u3400-\u9fff]/;
  // Ranking constants (choices of this engine, not facts of the notice).
  var GRAM_WEIGHT = 0.6;      // a 2- or 3-character part of a longer word the index lacks
  var KNOWN_GRAM_WEIGHT = 0.3; // a part of a word the index has: the pages with the whole word say more
  var SYNONYM_WEIGHT = 0.9;   // the catalogue's word for a user's word
  var PRODUCT_PRIOR = 1.5;    // product pages first for product-like queries
  var GUIDANCE_PRIOR = 2.5;   // the notice and guidance first for how-to queries
  var MAX_RESULTS = 10;
  var RELATIVE_FLOOR = 0.1;   // results scoring under a tenth of the best are noise (a word in passing)
  var NAME_BONUS = 1.6;       // the query names the product (a name and 系统 finds that product, not one whose name only holds the same words)
  var GUIDE_GROUP = 0.5;      // how-to words (申请, 材料) mark the question; the other words say what about
  var GENERIC_SHARE = 0.4;    // a word on more than this share of the pages (管理, 数据) finds nothing alone
  var GENERIC_PRODUCT_SHARE = 0.5;  // … or on more than half of the product pages
  var HAN_CHAR = /^[\u3400-\u9fff]$/;
  var CLAUSE_SLOT = 2;        // a how-to question keeps the notice's best clause among its first three results

  /* The 繁→简 table of the index ([繁, 简], one character each) as a function over text. */
  function folding(table) {
    var map = new Map(), from = Array.from((table && table[0]) || ""), to = Array.from((table && table[1]) || "");
    from.forEach(function (c, i) { map.set(c, to[i]); });
    return function (text) {
      var out = "";
      for (var c of text) out += map.get(c) || c;
      return out;
    };
  }

  // Single Latin letters spelt apart: E R P, C.R.M, m-e-s.
  var SPELT = /(^|[^A-Za-z])([A-Za-z](?:[\s.·-]+[A-Za-z]){1,5})(?![A-Za-z])/g;

  /* A query as the index holds words: full-width letters and digits as ASCII (ＭＥＳ → MES), 繁体 as 简体,
   * letters spelt apart as one word (E R P → ERP). */
  function normaliser(fold) {
    return function (text) {
      return fold(String(text || "").normalize("NFKC")).replace(SPELT, function (_, before, letters) {
        return before + letters.replace(/[^A-Za-z]/g, "");
      });
    };
  }

  function Engine(index) {
    // Every word of the index goes through the same 繁→简 table as the query: on the 繁体 copy, whose
    // index generator/hant/pages.py converted as a whole, the engine thus works in 简体 as well, and a
    // query in either script finds the same pages.
    var fold = folding(index.fold), words = index.dict.words, self = this;
    this.fold = fold;
    this.normalise = normaliser(fold);
    this.freq = new Map();
    Object.keys(words).forEach(function (w) {
      var k = fold(w);
      self.freq.set(k, Math.max(self.freq.get(k) || 0, words[w]));
    });
    this.logTotal = Math.log(index.dict.total);
    this.maxLen = 1;
    this.freq.forEach(function (_, w) { if (w.length > self.maxLen) self.maxLen = w.length; });
    this.stop = new Set(index.stop.map(fold));
    this.guide = new Set(index.guide.map(fold));
    this.amount = new Set((index.amount || []).map(fold));
    this.replaced = new Set((index.replace || []).map(fold));
    this.weak = new Set((index.weak || []).map(fold));
    // Without a prototype: a query word such as constructor or toString is not a synonym.
    this.synonyms = Object.create(null);
    Object.keys(index.syn).forEach(function (w) {
      self.synonyms[fold(w)] = index.syn[w].map(function (phrase) { return phrase.map(fold); });
    });
    this.docs = index.docs;
    this.names = index.docs.map(function (d) { return fold(d.t); });
    this.hay = index.docs.map(function (d) { return fold(d.t + " " + (d.w || "") + " " + d.x).toLowerCase(); });
    this.links = index.links;
    this.postings = new Map();
    var terms = index.terms;
    Object.keys(terms).forEach(function (t) {
      var flat = terms[t], key = fold(t), map = self.postings.get(key) || new Map();
      for (var i = 0; i < flat.length; i += 2) map.set(flat[i], Math.max(map.get(flat[i]) || 0, flat[i + 1]));
      self.postings.set(key, map);
    });
    this.idf = new Map();
    var n = this.docs.length;
    this.postings.forEach(function (map, t) { self.idf.set(t, Math.log(1 + n / map.size)); });
  }

  Engine.prototype.word = function (w) { return (this.freq.get(w) || 0) > 0; };

  /* jieba's cut of one block of Han characters and ASCII letters, without HMM. */
  Engine.prototype.cutBlock = function (s) {
    var chars = Array.from(s), n = chars.length, route = new Array(n + 1), out = [];
    route[n] = [0, 0];
    for (var idx = n - 1; idx >= 0; idx--) {
      var ends = [], frag = "";
      for (var x = idx; x < n && x < idx + this.maxLen; x++) {
        frag += chars[x];
        if (this.word(frag)) ends.push(x);
      }
      if (!ends.length) ends.push(idx);
      var best = null;
      for (var e = 0; e < ends.length; e++) {
        var end = ends[e];
        var score = Math.log(this.freq.get(chars.slice(idx, end + 1).join("")) || 1) - this.logTotal + route[end + 1][0];
        // Python's max() over (score, end) tuples: the later end wins a tie.
        if (best === null || score > best[0] || (score === best[0] && end > best[1])) best = [score, end];
      }
      route[idx] = best;
    }
    var i = 0, buf = "";
    while (i < n) {
      var y = route[i][1] + 1, piece = chars.slice(i, y).join("");
      if (y - i === 1 && ENG_CHAR.test(piece)) buf += piece;
      else { if (buf) { out.push(buf); buf = ""; } out.push(piece); }
      i = y;
    }
    if (buf) out.push(buf);
    return out;
  };

  /* jieba.cut(text, HMM=False): blocks of words, everything else character by character. */
  Engine.prototype.cut = function (text) {
    var out = [], last = 0, m;
    HAN_BLOCK.lastIndex = 0;
    while ((m = HAN_BLOCK.exec(text)) !== null) {
      Array.from(text.slice(last, m.index)).forEach(function (c) { if (!/\s/.test(c)) out.push(c); });
      out.push.apply(out, this.cutBlock(m[0]));
      last = m.index + m[0].length;
    }
    Array.from(text.slice(last)).forEach(function (c) { if (!/\s/.test(c)) out.push(c); });
    return out;
  };

  /* The 2- and 3-character dictionary words inside a word, as jieba.cut_for_search adds them. */
  Engine.prototype.grams = function (w) {
    var chars = Array.from(w), out = [], i;
    if (chars.length > 2) for (i = 0; i + 2 <= chars.length; i++) { var g2 = chars.slice(i, i + 2).join(""); if (this.word(g2)) out.push(g2); }
    if (chars.length > 3) for (i = 0; i + 3 <= chars.length; i++) { var g3 = chars.slice(i, i + 3).join(""); if (this.word(g3)) out.push(g3); }
    return out;
  };

  /* jieba.cut_for_search(text, HMM=False). */
  Engine.prototype.cutForSearch = function (text) {
    var self = this, out = [];
    this.cut(text).forEach(function (w) { out.push.apply(out, self.grams(w)); out.push(w); });
    return out;
  };

  /* The query as groups of alternatives: each word the user typed, its parts and its synonyms. */
  Engine.prototype.analyse = function (query) {
    var self = this, text = this.normalise(query), groups = [], guidance = false, procedure = false, dropped = [];
    this.cut(text).forEach(function (raw) {
      var w = raw.toLowerCase();
      if (!WORDLIKE.test(w)) return;
      var parts = self.grams(raw).map(function (g) { return g.toLowerCase(); });
      var asks = [w].concat(parts).filter(function (p) { return self.guide.has(p); });
      if (asks.length) guidance = true;
      if (asks.some(function (p) { return !self.amount.has(p); })) procedure = true;
      if (self.stop.has(w)) { dropped.push(w); return; }
      // A lone character left over from an unknown word (元 of 元宇宙) matches by accident.
      if (HAN_CHAR.test(w) && !self.synonyms[w] && Array.from(text).length > 1) { dropped.push(w); return; }
      var alternatives = [];
      // A word of the vocabulary marked `replace` is searched only by what it means (申请 → 申领).
      if (self.replaced.has(w)) parts = [];
      else alternatives.push({ terms: [w], weight: 1 });
      var gram = self.postings.has(w) ? KNOWN_GRAM_WEIGHT : GRAM_WEIGHT;
      parts.forEach(function (p) { if (!self.stop.has(p)) alternatives.push({ terms: [p], weight: gram }); });
      [w].concat(parts).forEach(function (p) {
        (self.synonyms[p] || []).forEach(function (phrase) { alternatives.push({ terms: phrase, weight: SYNONYM_WEIGHT }); });
      });
      groups.push({ word: w, alternatives: alternatives, guide: self.guide.has(w) });
    });
    // A weak word (服务券: every page is about it) counts only when it is the query's only word.
    if (groups.some(function (g) { return !self.weak.has(g.word); })) {
      groups = groups.filter(function (g) {
        if (self.weak.has(g.word)) { dropped.push(g.word); return false; }
        return true;
      });
    }
    // amount: the question asks only how much (能补多少), not how to or whether (怎么申领, 能不能).
    return { groups: groups, guidance: guidance, amount: guidance && !procedure, dropped: dropped };
  };

  /* A product's name without its number, variant or bracketed kind: 名称（类型） → 名称. */
  function baseName(title) {
    return title.replace(/^\d+\.\s*/, "").replace(/（[^）]*）|\([^)]*\)/g, "").replace(/\s+(I{1,3}|IV|V)$/, "")
      .replace(/\s+/g, "").toLowerCase();
  }

  /* The phrases of a query that may name a product: its words run together, and what they stand for. */
  function namePhrases(groups) {
    var out = [groups.map(function (g) { return g.word; }).join("")];
    groups.forEach(function (g) {
      out.push(g.word);
      g.alternatives.forEach(function (alt) { if (alt.weight === SYNONYM_WEIGHT) out.push(alt.terms.join("")); });
    });
    return out.filter(function (p) { return Array.from(p).length >= 2; });
  }

  function namesProduct(phrases, name) {
    return phrases.some(function (p) {
      return p.indexOf(name) >= 0 || (name.indexOf(p) >= 0 && p.length >= 0.6 * name.length);
    });
  }

  /* A term on many pages, or on most product pages (管理), finds nothing alone. */
  Engine.prototype.isGeneric = function (term, limit) {
    var map = this.postings.get(term), self = this, products = 0;
    if (map.size > limit) return true;
    if (!this.productCount) this.productCount = this.docs.filter(function (d) { return d.k === "product"; }).length;
    map.forEach(function (_, doc) { if (self.docs[doc].k === "product") products += 1; });
    return products > GENERIC_PRODUCT_SHARE * this.productCount;
  };

  /* Does a group (a word and its synonyms) name a product of the catalogue (an abbreviation such as ERP and the product it names)? */
  Engine.prototype.namesAny = function (group) {
    var self = this;
    if (!this.productNames) {
      this.productNames = this.docs.map(function (d, i) { return d.k === "product" ? baseName(self.names[i]) : null; })
        .filter(function (n) { return n; });
    }
    var phrases = namePhrases([group]);
    return this.productNames.some(function (name) { return namesProduct(phrases, name); });
  };

  Engine.prototype.score = function (alternative, doc) {
    var total = 0;
    for (var i = 0; i < alternative.terms.length; i++) {
      var t = alternative.terms[i], map = this.postings.get(t);
      var weight = map && map.get(doc);
      if (!weight) return 0;  // a phrase counts only where all its words occur
      total += this.idf.get(t) * weight;
    }
    return total * alternative.weight;
  };

  /* Ranked results: [{doc, score}], best first. */
  Engine.prototype.search = function (query) {
    var self = this, analysis = this.analyse(query), groups = analysis.groups;
    if (!groups.length) return { results: [], analysis: analysis };
    var scores = new Map(), matched = new Map(), specific = new Map(), anySpecific = false;
    var specificContent = new Map(), anySpecificContent = false;
    var content = new Map(), anyContent = false, weights = 0, asked = new Map();
    var limit = GENERIC_SHARE * this.docs.length;
    // Words that each name products (ERP/MES, 仓库和财务) are alternatives, not all required: a product
    // page cannot be both. They count as one word for coverage, met by a page matching any of them.
    var naming = groups.filter(function (g) { return !g.guide && self.namesAny(g); });
    var contentGroups = groups.filter(function (g) { return !g.guide; }).length;
    var either = naming.length > 1 ? new Set(naming) : new Set(), eitherMatched = new Map();
    if (either.size) weights += 1;
    groups.forEach(function (group) {
      var gw = group.guide ? GUIDE_GROUP : 1;
      var alone = !either.has(group);
      if (alone) weights += gw;
      // Generic: everything this group can match is on many pages. A word the site lacks is specific.
      var known = group.alternatives.filter(function (alt) { return self.postings.has(alt.terms[0]); });
      var generic = known.length > 0 && known.every(function (alt) {
        return alt.terms.every(function (t) { return !self.postings.has(t) || self.isGeneric(t, limit); });
      });
      if (!generic) anySpecific = true;
      if (!generic && !group.guide && known.length) anySpecificContent = true;
      if (!group.guide && known.length) anyContent = true;
      var best = new Map();
      group.alternatives.forEach(function (alt) {
        var first = self.postings.get(alt.terms[0]);
        if (!first) return;
        first.forEach(function (_, doc) {
          var s = self.score(alt, doc);
          if (s > (best.get(doc) || 0)) best.set(doc, s);
        });
      });
      best.forEach(function (s, doc) {
        scores.set(doc, (scores.get(doc) || 0) + s * gw);
        if (alone) matched.set(doc, (matched.get(doc) || 0) + gw);
        else if (!eitherMatched.has(doc)) {
          eitherMatched.set(doc, true);
          matched.set(doc, (matched.get(doc) || 0) + 1);
        }
        if (!generic) specific.set(doc, true);
        if (!generic && !group.guide) specificContent.set(doc, true);
        if (!group.guide) content.set(doc, true);
        else asked.set(doc, (asked.get(doc) || 0) + s);
      });
    });
    var results = [], phrases = namePhrases(groups);
    scores.forEach(function (s, doc) {
      // A page that matches only the generic words of a query that also asks for something specific
      // is not a result (人事管理 is not every page that says 管理). The how-to words do not count as
      // specific when the subject has specific words (a product name and 怎么申领 is not every clause that says 管理
      // and 申领).
      if (anySpecificContent ? !specificContent.has(doc) : (anySpecific && !specific.has(doc))) return;
      // Nor is a page that matches only the how-to words when the query also says what it is about
      // (a city and 能不能申请 is about that city, not every page on 申请).
      // But where the query's subject is products (ERP怎么申请), how to apply is for any product: the
      // steps stay, even though they name none.
      if (anyContent && !content.has(doc) && !(naming.length && naming.length === contentGroups)) return;
      var coverage = matched.get(doc) / weights;
      var kind = self.docs[doc].k;
      var prior = analysis.guidance ? (kind === "section" ? GUIDANCE_PRIOR : 1) : (kind === "product" ? PRODUCT_PRIOR : 1);
      if (kind === "product" && namesProduct(phrases, baseName(self.names[doc]))) {
        // How much for a product the question names (ERP能补多少): its page states its cap and the ratios.
        // Whether or how to apply for it (能同时申请两个同类产品吗): the rules answer, the name earns nothing.
        if (analysis.amount) prior = GUIDANCE_PRIOR * NAME_BONUS;
        else if (!analysis.guidance) prior *= NAME_BONUS;
      }
      results.push({ doc: self.docs[doc], index: doc, score: s * coverage * coverage * prior });
    });
    results.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    var floor = results.length ? results[0].score * RELATIVE_FLOOR : 0;
    results = results.filter(function (r) { return r.score >= floor; });
    if (analysis.guidance) this.keepClause(results, asked, analysis.amount);
    if (analysis.guidance && naming.length && naming.length === contentGroups) {
      // How to apply for a product the question names (MES申请流程): that product's page is among the
      // first three, beside the rules.
      var product = results.findIndex(function (r) { return r.doc.k === "product"; });
      if (product > CLAUSE_SLOT) results.splice(1, 0, results.splice(product, 1)[0]);
    }
    return { results: results.slice(0, MAX_RESULTS), analysis: analysis };
  };

  /* A question about the rules is answered by the notice: its best clause is never below the third result,
   * even where the guide or the home page restate it in more words. The best clause is the first one
   * among the results; but where none is about the question's subject, or the question asks only how
   * much (ERP能补多少: the product pages answer, and an exclusion group's clause would not), it is the
   * clause that best answers the question's how-to words alone (四、奖补标准). `asked`: each document's
   * score over those words. */
  Engine.prototype.keepClause = function (results, asked, amount) {
    var self = this, at = amount ? -1 : results.findIndex(function (r) { return r.doc.c; }), best = null;
    if (at < 0) {
      asked.forEach(function (s, doc) {
        if (self.docs[doc].c && (!best || s > best.score || (s === best.score && doc < best.index))) {
          best = { doc: self.docs[doc], index: doc, score: s };
        }
      });
      if (!best) return;
      at = results.findIndex(function (r) { return r.index === best.index; });
      if (at < 0) {
        results.splice(Math.min(CLAUSE_SLOT, results.length), 0, best);
        return;
      }
    }
    if (at > CLAUSE_SLOT) results.splice(CLAUSE_SLOT, 0, results.splice(at, 1)[0]);
  };

  /* For a query without results: the products sharing the most two-character pieces with it (or at
   * least two characters), so that a stray shared character does not count as near. */
  Engine.prototype.nearest = function (query, limit) {
    var self = this, text = this.normalise(query).toLowerCase();
    var chars = Array.from(text).filter(function (c) { return WORDLIKE.test(c) && !self.stop.has(c); });
    var unique = Array.from(new Set(chars)).filter(function (c) { return HAN_CHAR.test(c); }), pairs = [];
    for (var i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
    var out = [];
    this.docs.forEach(function (doc, d) {
      if (doc.k !== "product") return;
      var hay = self.hay[d];
      var shared = unique.filter(function (c) { return hay.indexOf(c) >= 0; }).length;
      var paired = pairs.filter(function (p) { return hay.indexOf(p) >= 0; }).length;
      if (paired > 0 || shared >= 2) out.push({ doc: doc, index: d, score: paired * 3 + shared });
    });
    out.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    return out.slice(0, limit || 3);
  };

  var api = { Engine: Engine, create: function (index) { return new Engine(index); } };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GdSearchEngine = api;
})(typeof self !== "undefined" ? self : this);
