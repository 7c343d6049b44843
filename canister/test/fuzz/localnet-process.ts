// localnet's command line, run from its TypeScript sources, as the fuzz harness's child process.
import { main } from '@ii/localnet/cli';

await main(process.argv.slice(2));
