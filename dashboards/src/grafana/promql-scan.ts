/**
 * Just enough of PromQL's grammar for the linter and the tests: the series selectors of an
 * expression (metric name and label matchers) and the range windows with the function that reads
 * them. Not a parser: it never rejects an expression (Prometheus does that when the queries are
 * evaluated); it only has to find every selector and range in the expressions we write.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export interface Selector {
  /** Empty for a bare `{…}` selector. */
  metric: string;
  matchers: Matcher[];
}

export interface RangeUse {
  /** The function the range vector is passed to (`rate`, `max_over_time`…); empty if none. */
  fn: string;
  /** The text between the brackets: `5m`, `$__rate_interval`, `1h:5m` for a subquery. */
  window: string;
}

export interface Scan {
  selectors: Selector[];
  ranges: RangeUse[];
}

const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
/** Keywords followed by a parenthesised list of label names, not an expression. */
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan']);

type Token =
  | { kind: 'ident'; text: string }
  | { kind: 'matchers'; text: string }
  | { kind: 'range'; text: string }
  | { kind: 'string' | 'number' | 'punct'; text: string };

function closing(expr: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '"' || c === "'" || c === '`') i = stringEnd(expr, i);
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return expr.length;
}

/** Index of the quote closing the string that starts at `start`. */
function stringEnd(expr: string, start: number): number {
  const q = expr[start];
  for (let i = start + 1; i < expr.length; i++) {
    if (expr[i] === '\\' && q !== '`') i++;
    else if (expr[i] === q) return i;
  }
  return expr.length;
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      // A comment runs to the end of the line.
      while (i < expr.length && expr[i] !== '\n') i++;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(expr, i);
      tokens.push({ kind: 'string', text: expr.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '{' || c === '[') {
      const end = closing(expr, i, c, c === '{' ? '}' : ']');
      tokens.push({ kind: c === '{' ? 'matchers' : 'range', text: expr.slice(i + 1, end).trim() });
      i = end + 1;
    } else if (/[A-Za-z_:]/.test(c)) {
      const m = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(expr.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else if (/[0-9.]/.test(c)) {
      // Numbers and durations: 0.5, 1e6, 65536, 5m, 0x1f.
      const m = /^[0-9.][0-9A-Za-z_.]*/.exec(expr.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else {
      tokens.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return tokens;
}

const MATCHER =
  /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)\s*(?:,|$)/;

/** The matchers between a selector's braces (a quoted metric name inside them is ignored). */
export function parseMatchers(text: string): Matcher[] {
  const out: Matcher[] = [];
  let rest = text.trim();
  while (rest.length) {
    const m = MATCHER.exec(rest);
    if (!m) {
      // Skip what we do not understand (a quoted name, a stray comma) up to the next comma.
      const comma = rest.indexOf(',');
      if (comma < 0) break;
      rest = rest.slice(comma + 1);
      continue;
    }
    out.push({ label: m[1]!, op: m[2] as MatchOp, value: m[3]!.slice(1, -1) });
    rest = rest.slice(m[0].length);
  }
  return out;
}

export function scanPromql(expr: string): Scan {
  const tokens = tokenize(expr);
  const selectors: Selector[] = [];
  const ranges: RangeUse[] = [];
  // The function (or aggregation) each open parenthesis belongs to.
  const calls: string[] = [];
  let pendingAggregation = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const opens = next?.kind === 'punct' && next.text === '(';
    if (t.kind === 'ident') {
      if (LABEL_LISTS.has(t.text)) {
        if (opens) {
          // Skip the label list: `by (target, flow)`.
          let depth = 0;
          for (i++; i < tokens.length; i++) {
            const u = tokens[i]!;
            if (u.kind === 'punct' && u.text === '(') depth++;
            if (u.kind === 'punct' && u.text === ')' && --depth === 0) break;
          }
        }
      } else if (KEYWORDS.has(t.text)) {
        // an operator or a literal
      } else if (opens) {
        calls.push(t.text);
        i++;
        pendingAggregation = '';
      } else if (AGGREGATIONS.has(t.text)) {
        // `sum by (x) (…)`: the call's parenthesis comes after the label list.
        pendingAggregation = t.text;
      } else {
        const m = next?.kind === 'matchers' ? next : undefined;
        selectors.push({ metric: t.text, matchers: m ? parseMatchers(m.text) : [] });
        if (m) i++;
      }
    } else if (t.kind === 'matchers') {
      selectors.push({ metric: '', matchers: parseMatchers(t.text) });
    } else if (t.kind === 'range') {
      ranges.push({ fn: calls[calls.length - 1] ?? '', window: t.text });
    } else if (t.kind === 'punct' && t.text === '(') {
      calls.push(pendingAggregation);
      pendingAggregation = '';
    } else if (t.kind === 'punct' && t.text === ')') {
      calls.pop();
    }
  }
  return { selectors, ranges };
}
