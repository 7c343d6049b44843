/**
 * Helpers of command-lines.test.ts: the `ii-deploy` command lines of a GitHub Actions workflow or a
 * Markdown file, and a
 * check of each against the CLI's `--help` texts, as pure functions (problems as sentences, empty
 * when all is well) so the test can show them failing on broken input.
 */
import { parse as parseYaml } from 'yaml';

interface Step {
  run?: string;
  env?: Record<string, string>;
}

/** Every step of every job, in order. */
export function workflowSteps(text: string): Step[] {
  const wf = parseYaml(text) as { jobs?: Record<string, { steps?: Step[] }> };
  return Object.values(wf.jobs ?? {}).flatMap((job) => job.steps ?? []);
}

/**
 * A `run:` script as simple commands (each its words): `\` continuations joined, quotes removed,
 * split at `&&`, `||`, `|`, `;`, parentheses and newlines; redirections and their files left out.
 */
export function simpleCommands(script: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  let redirect = false;
  const endWord = () => {
    if (word !== undefined) {
      if (redirect) redirect = false;
      else commands.at(-1)!.push(word);
    }
    word = undefined;
  };
  const text = script.replace(/\\\n/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      word = (word ?? '') + text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (c === '>' || c === '<') {
      // `2>`, `>`, `>>`, `>&2`: the digits before belong to the operator, the word after is a file.
      if (word !== undefined && /^\d+$/.test(word)) word = undefined;
      endWord();
      if (text[i + 1] === '>') i++;
      if (text[i + 1] === '&') i += 2;
      else redirect = true;
    } else if (c === '#' && word === undefined) {
      while (i < text.length && text[i] !== '\n') i++;
      endWord();
      commands.push([]);
    } else if (/[\n;&|()]/.test(c)) {
      endWord();
      commands.push([]);
    } else if (/\s/.test(c)) {
      endWord();
    } else {
      word = (word ?? '') + c;
    }
  }
  endWord();
  return commands.filter((w) => w.length > 0);
}

/** The arguments after `ii-deploy` of every command that runs it (`npx ii-deploy …`). */
export function iiDeployCommands(workflowText: string): string[][] {
  const out: string[][] = [];
  for (const step of workflowSteps(workflowText))
    for (const words of simpleCommands(step.run ?? '')) {
      const at = words[0] === 'npx' ? 1 : 0;
      if (words[at] === 'ii-deploy') out.push(words.slice(at + 1));
    }
  return out;
}

export interface Help {
  commands: string[];
  /** Option spellings (`--config`, `-h`) and whether each takes a value. */
  options: Map<string, boolean>;
}

/** commander's `--help` text: the Commands and the Options sections. */
export function parseHelp(text: string): Help {
  const help: Help = { commands: [], options: new Map() };
  let section: string | undefined;
  for (const line of text.split('\n')) {
    const title = /^(\w+):$/.exec(line);
    if (title) section = title[1];
    // A blank or unindented line ends a section (`Examples (…):` may follow the commands).
    else if (!line.startsWith('  ')) section = undefined;
    else if (section === 'Commands') {
      const m = /^ {2}(\w[\w-]*)/.exec(line);
      if (m && m[1] !== 'help') help.commands.push(m[1]!);
    } else if (section === 'Options') {
      const m = /^ {2}(-.*?)(?: {2,}|$)/.exec(line);
      if (!m) continue;
      const takesValue = /[<[]/.test(m[1]!);
      for (const flag of m[1]!.matchAll(/--?[\w-]+/g)) help.options.set(flag[0], takesValue);
    }
  }
  return help;
}

/** What is wrong with `ii-deploy <args>`, given the help texts (top, and per subcommand). */
export function checkCommand(
  args: string[],
  top: Help,
  sub: (name: string) => Help | undefined,
): string[] {
  const [name, ...rest] = args;
  if (name === undefined || !top.commands.includes(name))
    return [`ii-deploy has no command ${name ?? '(none)'} (it has ${top.commands.join(', ')})`];
  const help = sub(name);
  if (!help) return [`ii-deploy ${name} --help printed nothing`];
  const problems: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('-')) {
      problems.push(`ii-deploy ${name} takes no argument ${arg}`);
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s) as [string, string | undefined];
    const takesValue = help.options.get(flag);
    if (takesValue === undefined) problems.push(`ii-deploy ${name} has no option ${flag}`);
    else if (takesValue && inline === undefined) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith('-'))
        problems.push(`ii-deploy ${name} ${flag} needs a value`);
      else i++;
    }
  }
  return problems;
}

/**
 * The arguments after `npx ii-deploy <command>` of a Markdown file's shell blocks and inline code
 * spans. Placeholders (`<commit>`) become a plain word first, so they read as values.
 */
export function markdownCommands(text: string): string[][] {
  const scripts: string[] = [];
  for (const m of text.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)) scripts.push(m[1]!);
  for (const m of text.matchAll(/`(npx ii-deploy [a-z][^`]*)`/g)) scripts.push(m[1]!);
  const out: string[][] = [];
  for (const script of scripts)
    for (const words of simpleCommands(script.replace(/<[\w .-]+>/g, 'PLACEHOLDER')))
      if (words[0] === 'npx' && words[1] === 'ii-deploy') out.push(words.slice(2));
  return out;
}
