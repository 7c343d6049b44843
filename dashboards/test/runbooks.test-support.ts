/**
 * Helpers of runbooks.test.ts: Markdown, shell command lines and `--help` texts read as data, and
 * the checks over them as pure functions returning problems (empty when all is well), so the unit
 * tests can show each check failing on broken input.
 */

/** The sections of an alert's runbook, in this order. */
export const ALERT_SECTIONS = [
  'Meaning',
  'Impact',
  'Diagnosis',
  'Mitigation',
  'Escalation',
  'Dashboards',
];

/**
 * The Grafana dashboards of issue 15 by title: a runbook's Dashboards section names at least one,
 * and no other `Internet Identity / …` title.
 */
export const DASHBOARD_TITLES = [
  'Internet Identity / Health',
  'Internet Identity / Releases',
  'Internet Identity / Usage',
  'Internet Identity / Canister',
];

/** Fenced blocks of these languages count as the Diagnosis section's concrete commands. */
const DIAGNOSIS_LANGUAGES = new Set([...['sh', 'bash', 'shell', 'console', 'zsh'], 'promql']);

/** What a command line in a runbook may start with: this repository's tools, nothing else. */
export const ALLOWED_PROGRAMS = [
  'npx ii-deploy',
  'npx ii-probe',
  'npx ii-exporter',
  'npm run',
  'npm start',
  'npm test',
];

/** Fenced blocks in these languages hold commands to run (```promql, ```yaml, … do not). */
export const COMMAND_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);

export interface Heading {
  level: number;
  text: string;
  line: number;
}

export interface CodeBlock {
  lang: string;
  /** The line (1-based) of the block's first line of content. */
  line: number;
  lines: string[];
}

export interface Link {
  target: string;
  line: number;
}

export interface Markdown {
  headings: Heading[];
  blocks: CodeBlock[];
  links: Link[];
  /** Inline code spans of the prose (`…`), one line each. */
  spans: Array<{ text: string; line: number }>;
  lines: string[];
}

/** Headings, fenced code blocks and link targets, outside code. Enough of CommonMark for runbooks. */
export function parseMarkdown(text: string): Markdown {
  const lines = text.split('\n');
  const md: Markdown = { headings: [], blocks: [], links: [], spans: [], lines };
  let fence: { marker: string; block: CodeBlock } | undefined;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const opening = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)/.exec(raw);
    if (fence) {
      if (opening && raw.trim().startsWith(fence.marker) && raw.trim() === opening[1])
        fence = undefined;
      else fence.block.lines.push(raw);
      return;
    }
    if (opening) {
      const block: CodeBlock = { lang: opening[2]!.toLowerCase(), line: line + 1, lines: [] };
      md.blocks.push(block);
      fence = { marker: opening[1]!, block };
      return;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) md.headings.push({ level: heading[1]!.length, text: heading[2]!, line });
    const prose = raw.replace(/`[^`]*`/g, '``');
    for (const m of raw.matchAll(/`([^`]+)`/g)) md.spans.push({ text: m[1]!, line });
    for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      md.links.push({ target: m[1]!, line });
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose);
    if (definition) md.links.push({ target: definition[1]!, line });
  });
  return md;
}

/** A link to another file of this repository (not a URL, not an anchor on the same page). */
export function isRelativeLink(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');
}

export interface CommandLine {
  /** Where the command starts (1-based line in the file). */
  line: number;
  text: string;
}

/**
 * The command lines of a document's shell blocks: `\` continuations joined, blank lines and
 * comments left out.
 */
export function commandLines(md: Markdown): CommandLine[] {
  const out: CommandLine[] = [];
  for (const block of md.blocks) {
    if (!COMMAND_LANGUAGES.has(block.lang)) continue;
    let pending: CommandLine | undefined;
    block.lines.forEach((raw, i) => {
      const continued = /\\\s*$/.test(raw);
      const part = raw.replace(/\\\s*$/, '').trim();
      if (pending) pending.text += ` ${part}`;
      else if (part === '' || part.startsWith('#')) return;
      else pending = { line: block.line + i, text: part };
      if (!continued) {
        out.push(pending);
        pending = undefined;
      }
    });
    if (pending) out.push(pending);
  }
  return out;
}

/**
 * Commands quoted inline in the prose: spans that start with one of this repository's tools and go
 * on with a subcommand, an option or a script (`npx ii-deploy status --json`, not `npx ii-deploy`).
 */
export function inlineCommands(md: Markdown): CommandLine[] {
  return md.spans
    .filter((s) => /^(npx ii-[\w-]+|npm run)\s+\S/.test(s.text))
    .map((s) => ({ line: s.line, text: s.text }));
}

export interface ShellWords {
  /** The simple commands of the line (split at `|`, `||`, `&&`, `;`, `&`), each as its words. */
  commands: string[][];
  problems: string[];
}

/** Splits a command line into words as a POSIX shell would (quotes, escapes, comments). */
export function shellWords(text: string): ShellWords {
  const commands: string[][] = [[]];
  const problems: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) commands.at(-1)!.push(word);
    word = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) {
        problems.push('an unterminated single quote');
        break;
      }
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        else if (text[j] === '`' || (text[j] === '$' && text[j + 1] === '('))
          problems.push('a command substitution');
        s += text[j];
      }
      if (j >= text.length) {
        problems.push('an unterminated double quote');
        break;
      }
      word = (word ?? '') + s;
      i = j;
    } else if (c === '\\') {
      word = (word ?? '') + (text[i + 1] ?? '');
      i++;
    } else if (c === '`' || (c === '$' && text[i + 1] === '(')) {
      problems.push('a command substitution');
      word = (word ?? '') + c;
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === '#' && word === undefined) {
      break;
    } else if (c === '|' || c === ';' || c === '&') {
      endWord();
      if ((c === '|' || c === '&') && text[i + 1] === c) i++;
      commands.push([]);
    } else {
      word = (word ?? '') + c;
    }
  }
  endWord();
  return { commands: commands.filter((w) => w.length > 0), problems };
}

export interface HelpInfo {
  /** Subcommand names (empty for a command without subcommands). */
  commands: string[];
  /** Every option spelling (`--to`, `-h`, `--help`), with its choices when it has a closed set. */
  options: Map<string, string[] | undefined>;
}

/** Reads commander's `--help` output: the Options and Commands sections. */
export function parseHelp(text: string): HelpInfo {
  const info: HelpInfo = { commands: [], options: new Map() };
  let section: string | undefined;
  let entry: { flags: string[]; description: string } | undefined;
  const flush = () => {
    if (!entry) return;
    const choices = /\(choices: ((?:"[^"]*"(?:,\s*)?)+)\)/.exec(entry.description);
    const values = choices ? [...choices[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!) : undefined;
    for (const f of entry.flags) info.options.set(f, values);
    entry = undefined;
  };
  for (const raw of text.split('\n')) {
    const title = /^(\w[\w ]*):$/.exec(raw);
    if (title) {
      flush();
      section = title[1];
      continue;
    }
    if (raw.trim() === '') {
      flush();
      section = undefined;
      continue;
    }
    const item = /^ {2}(\S.*?)(?: {2,}(.*))?$/.exec(raw);
    if (section === 'Options') {
      if (item && item[1]!.startsWith('-')) {
        flush();
        const flags = [...item[1]!.matchAll(/(?:^|[\s,])(--?[A-Za-z0-9][\w-]*)/g)].map(
          (m) => m[1]!,
        );
        entry = { flags, description: item[2] ?? '' };
      } else if (entry) entry.description += ` ${raw.trim()}`;
    } else if (section === 'Commands' && item) {
      info.commands.push(item[1]!.split(/\s/)[0]!);
    }
  }
  flush();
  return info;
}

export interface Tools {
  /** `--help` of a command-line tool this repository provides (undefined: no such tool). */
  help(cli: string, subcommand?: string): Promise<string | undefined>;
  /** The npm scripts of a workspace, or of the root without one (undefined: no such workspace). */
  scripts(workspace?: string): Record<string, string> | undefined;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** A value the reader fills in (`<version>`) or a shell variable: not checked against choices. */
const PLACEHOLDER = /^(<.*>|\$.*)$/;

/** What is wrong with one simple command (its words), as sentences; empty when nothing is. */
export async function checkCommand(words: string[], tools: Tools): Promise<string[]> {
  const start = words.findIndex((w) => !ASSIGNMENT.test(w));
  if (start < 0) return ['only variable assignments, no command'];
  const w = words.slice(start);
  const program = `${w[0]} ${w[1] ?? ''}`.trim();
  if (!ALLOWED_PROGRAMS.includes(program))
    return [
      `\`${program}\` is not one of this repository's tools (${ALLOWED_PROGRAMS.join(', ')})`,
    ];
  const args = w.slice(2);
  const dashdash = args.indexOf('--');
  const own = dashdash < 0 ? args : args.slice(0, dashdash);
  return w[0] === 'npx' ? checkCli(w[1]!, own, tools) : checkNpm(w[1]!, own, tools);
}

async function checkCli(cli: string, args: string[], tools: Tools): Promise<string[]> {
  const topText = await tools.help(cli);
  if (topText === undefined) return [`no workspace provides the command ${cli}`];
  const top = parseHelp(topText);
  let help = top;
  let name = cli;
  let rest = args;
  if (top.commands.length > 0 && args[0] !== undefined && !args[0].startsWith('-')) {
    const sub = args[0];
    if (!top.commands.includes(sub))
      return [`\`${cli} ${sub}\`: no such subcommand (${cli} has ${top.commands.join(', ')})`];
    const subText = await tools.help(cli, sub);
    if (subText === undefined) return [`\`${cli} ${sub} --help\` printed nothing`];
    help = parseHelp(subText);
    name = `${cli} ${sub}`;
    rest = args.slice(1);
  } else if (top.commands.length > 0 && !args.some((a) => a === '--help' || a === '-h')) {
    return [`\`${cli}\` needs a subcommand (${top.commands.join(', ')})`];
  }
  const problems: string[] = [];
  rest.forEach((arg, i) => {
    if (!/^--?[A-Za-z]/.test(arg)) return;
    const [flag, inline] = arg.split(/=(.*)/s) as [string, string | undefined];
    if (!help.options.has(flag)) {
      problems.push(`\`${name}\` has no option ${flag}`);
      return;
    }
    const choices = help.options.get(flag);
    const value = inline ?? rest[i + 1];
    if (choices && value !== undefined && !PLACEHOLDER.test(value) && !choices.includes(value))
      problems.push(`\`${name} ${flag}\` takes ${choices.join(', ')}, not ${value}`);
  });
  return problems;
}

function checkNpm(verb: string, args: string[], tools: Tools): string[] {
  let workspace: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-w' || a === '--workspace') workspace = args[++i];
    else if (a.startsWith('--workspace=')) workspace = a.slice('--workspace='.length);
    else if (!a.startsWith('-')) positional.push(a);
  }
  const scripts = tools.scripts(workspace);
  const where = workspace === undefined ? 'the root package.json' : `workspace ${workspace}`;
  if (!scripts) return [`there is no workspace ${workspace}`];
  const script = verb === 'run' ? positional[0] : verb;
  if (script === undefined) return ['`npm run` needs a script name'];
  return script in scripts ? [] : [`${where} has no script ${script}`];
}

/** Severity per alert name, and each rule's runbook URL, from the rule groups. */
export interface AlertInfo {
  name: string;
  severities: string[];
  runbookUrls: string[];
}

export function alertsOf(
  groups: Array<{
    rules: Array<{
      alert?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    }>;
  }>,
): AlertInfo[] {
  const byName = new Map<string, AlertInfo>();
  for (const rule of groups.flatMap((g) => g.rules)) {
    if (rule.alert === undefined) continue;
    const a = byName.get(rule.alert) ?? { name: rule.alert, severities: [], runbookUrls: [] };
    const severity = rule.labels?.severity ?? '(none)';
    if (!a.severities.includes(severity)) a.severities.push(severity);
    const url = rule.annotations?.runbook_url ?? '(none)';
    if (!a.runbookUrls.includes(url)) a.runbookUrls.push(url);
    byName.set(rule.alert, a);
  }
  return [...byName.values()];
}

/** The runbook an alert's URL names, as a path under runbooks/, or a problem. */
export function runbookPath(
  alert: AlertInfo,
  baseUrl: string,
): { paths: string[]; problems: string[] } {
  const paths: string[] = [];
  const problems: string[] = [];
  for (const url of alert.runbookUrls) {
    if (!url.startsWith(`${baseUrl}/`) || !url.endsWith('.md'))
      problems.push(`${alert.name}: runbook_url ${url} is not a Markdown file under ${baseUrl}/`);
    else paths.push(url.slice(baseUrl.length + 1));
  }
  if (new Set(paths).size > 1)
    problems.push(`${alert.name}: its rules name different runbooks (${paths.join(', ')})`);
  return { paths: [...new Set(paths)], problems };
}

/** An alert's runbook: `# <alert>` first, then exactly the five sections, in order. */
export function checkAlertRunbook(alertName: string, md: Markdown): string[] {
  const problems: string[] = [];
  const first = md.headings[0];
  if (!first || first.level !== 1 || first.text !== alertName)
    problems.push(
      `the first heading must be \`# ${alertName}\`, not \`${first ? `${'#'.repeat(first.level)} ${first.text}` : '(none)'}\``,
    );
  if (md.headings.filter((h) => h.level === 1).length > 1) problems.push('more than one `#` title');
  const sections = md.headings.filter((h) => h.level === 2).map((h) => h.text);
  if (sections.join('|') !== ALERT_SECTIONS.join('|'))
    problems.push(
      `the \`##\` sections must be ${ALERT_SECTIONS.join(', ')} in this order, not ${sections.join(', ') || '(none)'}`,
    );
  problems.push(...checkDiagnosis(md), ...checkDashboards(md));
  return problems;
}

/** The Diagnosis section holds at least one command or query to run (a sh or promql block). */
function checkDiagnosis(md: Markdown): string[] {
  const s = section(md, 'Diagnosis');
  if (!s) return [];
  const inside = md.blocks.filter(
    (b) => b.line > s.from && b.line < s.to && DIAGNOSIS_LANGUAGES.has(b.lang),
  );
  return inside.length > 0 ? [] : ['the Diagnosis section has no ```sh or ```promql block'];
}

/** The Dashboards section names dashboards that exist, at least one. */
function checkDashboards(md: Markdown): string[] {
  const s = section(md, 'Dashboards');
  if (!s) return [];
  const text = md.lines.slice(s.from, s.to - 1).join('\n');
  const named = [...text.matchAll(/Internet Identity \/ [A-Z][\w-]*/g)].map((m) => m[0]);
  const unknown = named.filter((t) => !DASHBOARD_TITLES.includes(t));
  const problems = unknown.map(
    (t) => `the Dashboards section names ${t}, which is not a dashboard`,
  );
  if (named.length === 0)
    problems.push(`the Dashboards section names none of ${DASHBOARD_TITLES.join(', ')}`);
  return problems;
}

const PROMQL_WORDS = new Set([
  ...['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool'],
  ...['and', 'or', 'unless', 'inf', 'nan'],
]);

/**
 * The metric names a PromQL expression selects: identifiers outside strings, label matchers,
 * grouping clauses and range brackets that are neither functions, keywords nor numbers.
 */
export function promqlMetricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b\d[\d.]*(?:e[+-]?\d+)?[a-z]*\b/gi, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/[A-Za-z_:][\w:]*(?=\s*(\()?)/g))
    if (!m[1] && !PROMQL_WORDS.has(m[0].toLowerCase())) names.add(m[0]);
  return [...names];
}

/** The metrics of a document's promql blocks that `known` lacks, as `line: name`. */
export function checkQueries(md: Markdown, known: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const block of md.blocks.filter((b) => b.lang === 'promql'))
    for (const name of promqlMetricNames(block.lines.join('\n')))
      if (!known.has(name)) problems.push(`${block.line}: ${name} is a metric nothing exports`);
  return problems;
}

/** A procedure: one `#` title, first. */
export function checkProcedure(md: Markdown): string[] {
  const first = md.headings[0];
  const problems: string[] = [];
  if (!first || first.level !== 1 || first.text.trim() === '')
    problems.push('the first heading must be a `#` title');
  if (md.headings.filter((h) => h.level === 1).length > 1) problems.push('more than one `#` title');
  return problems;
}

/** The lines under the `##` heading named `title`, up to the next `#` or `##` heading. */
function section(md: Markdown, title: string): { from: number; to: number } | undefined {
  const i = md.headings.findIndex((h) => h.level === 2 && h.text === title);
  if (i < 0) return undefined;
  const next = md.headings.slice(i + 1).find((h) => h.level <= 2);
  return { from: md.headings[i]!.line, to: next ? next.line : md.lines.length + 1 };
}

/** The procedures the runbooks README lists: Markdown links under `## Procedures`, as paths under runbooks/. */
export function listedProcedures(readme: Markdown): string[] {
  const s = section(readme, 'Procedures');
  if (!s) return [];
  return readme.links
    .filter((l) => l.line > s.from && l.line < s.to && isRelativeLink(l.target))
    .map((l) => normalise(l.target.split('#')[0]!))
    .filter((p) => p.endsWith('.md'));
}

export interface IndexRow {
  alert: string;
  link: string | undefined;
  severities: string[];
  line: number;
}

/** The rows of the alert table under `## Alerts`: | [Alert](file.md) | page, ticket | what | */
export function alertIndex(readme: Markdown): IndexRow[] {
  const s = section(readme, 'Alerts');
  if (!s) return [];
  const rows: IndexRow[] = [];
  for (let n = s.from + 1; n < s.to; n++) {
    const raw = readme.lines[n - 1]!;
    if (!raw.trim().startsWith('|')) continue;
    const cells = raw
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    if (cells.length < 2 || /^:?-+:?$/.test(cells[0]!) || cells[0] === 'alert') continue;
    const link = /^\[`?([^\]`]+)`?\]\(([^)]+)\)$/.exec(cells[0]!);
    rows.push({
      alert: link ? link[1]! : cells[0]!.replace(/`/g, ''),
      link: link ? normalise(link[2]!) : undefined,
      severities: cells[1]!.split(/[,\s]+/).filter(Boolean),
      line: n,
    });
  }
  return rows;
}

/** The first cells of the table rows under a `##` section, backticks removed (header row left out). */
export function tableFirstColumn(md: Markdown, title: string): string[] {
  const s = section(md, title);
  if (!s) return [];
  const rows = md.lines
    .slice(s.from, s.to - 1)
    .filter((l) => l.trim().startsWith('|'))
    .map((l) => l.trim().replace(/^\|/, '').split('|')[0]!.trim());
  return rows
    .slice(1)
    .filter((c) => !/^:?-+:?$/.test(c))
    .map((c) => c.replace(/`/g, ''));
}

/** `./a/../b.md` → `b.md`: a path relative to runbooks/, as the URL and the file list spell it. */
export function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export interface RunbookSet {
  alerts: AlertInfo[];
  baseUrl: string;
  /** Every Markdown file under runbooks/, by path relative to it. */
  files: Map<string, string>;
}

/**
 * The whole folder: every alert has a runbook that names it, with its sections, listed in the
 * README's index with its severities; every file is an alert's runbook, the README, or a listed
 * procedure that exists and has a title.
 */
export function checkRunbookSet(set: RunbookSet): string[] {
  const problems: string[] = [];
  const readmeText = set.files.get('README.md');
  if (readmeText === undefined) return ['runbooks/README.md is missing'];
  const readme = parseMarkdown(readmeText);
  const alertFiles = new Set<string>();
  for (const alert of set.alerts) {
    const { paths, problems: urlProblems } = runbookPath(alert, set.baseUrl);
    problems.push(...urlProblems);
    for (const path of paths) {
      alertFiles.add(path);
      const text = set.files.get(path);
      if (text === undefined) problems.push(`${alert.name}: runbooks/${path} does not exist`);
      else
        problems.push(
          ...checkAlertRunbook(alert.name, parseMarkdown(text)).map(
            (p) => `runbooks/${path}: ${p}`,
          ),
        );
    }
  }
  const procedures = listedProcedures(readme);
  for (const p of procedures) {
    const text = set.files.get(p);
    if (text === undefined) problems.push(`runbooks/README.md lists ${p}, which does not exist`);
    else problems.push(...checkProcedure(parseMarkdown(text)).map((x) => `runbooks/${p}: ${x}`));
    if (alertFiles.has(p))
      problems.push(`runbooks/README.md lists the alert runbook ${p} as a procedure`);
  }
  for (const path of set.files.keys())
    if (path !== 'README.md' && !alertFiles.has(path) && !procedures.includes(path))
      problems.push(
        `runbooks/${path} belongs to no alert and is not listed under ## Procedures in runbooks/README.md`,
      );
  const index = alertIndex(readme);
  for (const alert of set.alerts) {
    const row = index.find((r) => r.alert === alert.name);
    const want = runbookPath(alert, set.baseUrl).paths[0];
    if (!row) {
      problems.push(`runbooks/README.md: ${alert.name} is missing from the table under ## Alerts`);
      continue;
    }
    if (row.link !== want)
      problems.push(`runbooks/README.md:${row.line}: ${alert.name} should link to ${want}`);
    if ([...row.severities].sort().join() !== [...alert.severities].sort().join())
      problems.push(
        `runbooks/README.md:${row.line}: ${alert.name} is ${alert.severities.join(', ')}, the table says ${row.severities.join(', ') || '(nothing)'}`,
      );
  }
  for (const row of index)
    if (!set.alerts.some((a) => a.name === row.alert))
      problems.push(`runbooks/README.md:${row.line}: ${row.alert} is not an alert of the rules`);
  return problems;
}

/** Every command line of a document checked; problems as `line: command: what`. */
export async function checkCommands(md: Markdown, tools: Tools): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    [...commandLines(md), ...inlineCommands(md)].map(async (c) => {
      const { commands, problems: syntax } = shellWords(c.text);
      for (const p of syntax) problems.push(`${c.line}: ${c.text}: ${p}`);
      for (const words of commands)
        for (const p of await checkCommand(words, tools))
          problems.push(`${c.line}: ${c.text}: ${p}`);
    }),
  );
  return problems.sort((a, b) => parseInt(a) - parseInt(b));
}
