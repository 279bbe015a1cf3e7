// 简→繁 conversion of text written by the page's scripts, on the 繁体 pages only: OpenCC's s2hk
// algorithm over the subset of its dictionaries that generator/hant/runtime.py ships in table.json.
// Pure: no DOM, no network, so node's test runner checks it against OpenCC itself.

// A converter for one table (the parsed table.json).
export function makeConverter(table) {
  const words = new Set(table.words ? table.words.split(" ") : []);
  const phrases = new Map(Object.entries(table.phrases || {}));
  for (const key of phrases.keys()) words.add(key);
  const longest = (keys) => Math.max(1, ...[...keys].map((k) => [...k].length));
  const wordLength = longest(words);
  const variantPhrases = new Map(Object.entries(table.variantPhrases || {}));
  const variantLength = longest(variantPhrases.keys());
  const characters = table.characters || {};
  const variants = table.variants || {};
  const normalise = table.normalise || {};
  const protect = table.protect ? new RegExp(table.protect, "gu") : null;

  // The longest key of `has` that starts at `chars[at]`, no longer than `max` and than `end - at`.
  function match(chars, at, end, max, has) {
    for (let n = Math.min(max, end - at); n > 1; n -= 1) {
      const key = chars.slice(at, at + n).join("");
      if (has(key)) return key;
    }
    return has(chars[at]) ? chars[at] : null;
  }

  // OpenCC's segmentation: longest words first; characters that start no word form one segment.
  function segments(chars) {
    const out = [];
    let run = "";
    for (let at = 0; at < chars.length;) {
      const word = match(chars, at, chars.length, wordLength, (k) => words.has(k));
      if (word === null) {
        run += chars[at];
        at += 1;
        continue;
      }
      if (run) out.push(run);
      run = "";
      out.push(word);
      at += [...word].length;
    }
    if (run) out.push(run);
    return out;
  }

  const byCharacter = (text, map) => [...text].map((c) => (c in map ? map[c] : c)).join("");

  // Within one segment: the variant phrases, longest first, else one character at a time.
  function variantsOf(segment) {
    const chars = [...segment];
    let out = "";
    for (let at = 0; at < chars.length;) {
      const key = match(chars, at, chars.length, variantLength, (k) => variantPhrases.has(k));
      if (key !== null && variantPhrases.has(key)) {
        out += variantPhrases.get(key);
        at += [...key].length;
      } else {
        out += chars[at] in variants ? variants[chars[at]] : chars[at];
        at += 1;
      }
    }
    return out;
  }

  function plain(text) {
    if (!text) return text;
    const chars = [...byCharacter(text, normalise)];
    return segments(chars).map((segment) => {
      const first = phrases.has(segment) ? phrases.get(segment) : byCharacter(segment, characters);
      return variantsOf(first);
    }).join("");
  }

  // The whole text, with 文号 and official names kept exactly as issued.
  return function convert(text) {
    if (typeof text !== "string" || !text) return text;
    if (!protect) return plain(text);
    let out = "";
    let last = 0;
    for (const found of text.matchAll(protect)) {
      out += plain(text.slice(last, found.index)) + found[0];
      last = found.index + found[0].length;
    }
    return out + plain(text.slice(last));
  };
}
