/**
 * The canister's benchmarks, by name:
 *
 *   npm run bench -w canister -- methods [--sizes 1000,10000]   time per method at 1k-1M anchors
 *   npm run bench -w canister -- captcha                         one captcha in Node
 *   npm run bench -w canister -- fuzz [inputs per method]        the long fuzz run (default 2,000)
 *   npm run bench -w canister -- soak [anchors] [cycles]         upgrade soak (default 10,000, 100)
 *   npm run bench -w canister -- v2                              v2, id_alias and archive costs
 */
const BENCHES: Record<string, string> = {
  methods: './methods-bench.js',
  captcha: './captcha-bench.js',
  fuzz: './fuzz-bench.js',
  soak: './soak-bench.js',
  v2: './v2-archive-bench.js',
};

const [name, ...rest] = process.argv.slice(2);
const module = name ? BENCHES[name] : undefined;
if (!module) {
  process.stderr.write(
    `usage: npm run bench -w canister -- <${Object.keys(BENCHES).join('|')}> [args]\n`,
  );
  process.exit(2);
}
process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
await import(module);
