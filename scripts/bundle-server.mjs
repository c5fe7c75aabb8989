#!/usr/bin/env node
// Bundles a server entry into one ESM file that a plain `node` runs: the workspace's own
// packages (consumed as TypeScript source in development) and their dependencies are compiled in.
// A few packages stay external because they load files of their own at run time (PGlite's WASM
// and data bundle) or are optional native add-ons; they are imported by absolute path, since with
// pnpm they are only reachable from the workspace package that depends on them.
//
// Usage: node scripts/bundle-server.mjs <entry.ts> <out.js>
import { build } from "esbuild";

/** Packages that must be loaded from node_modules, never inlined. */
const KEEP_EXTERNAL = [/^@electric-sql\/pglite(\/|$)/, /^pg-native$/, /^pino-pretty$/];

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error("usage: bundle-server.mjs <entry.ts> <out.js>");
  process.exit(2);
}

const externalThirdParty = {
  name: "external-files-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.resolving || !KEEP_EXTERNAL.some((pattern) => pattern.test(args.path)))
        return undefined;
      // esbuild's own resolution, so the ESM entry is chosen for `import` and the CJS one for `require`.
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { resolving: true },
      });
      // Optional peers that are not installed (pg-native) keep their bare name; the package guards the import.
      return { path: found.errors.length === 0 ? found.path : args.path, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [externalThirdParty],
  // Bundled code still resolves `import.meta.url`-relative files from the output's location.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
