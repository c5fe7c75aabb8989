#!/usr/bin/env node
// Bundles a server entry into one ESM file that a plain `node` runs: the workspace's own
// packages (consumed as TypeScript source in development) are compiled in, third-party packages
// stay external and load from node_modules (some, like PGlite, find their files next to their
// own modules and must not be inlined).
//
// Usage: node scripts/bundle-server.mjs <entry.ts> <out.js>
import { build } from "esbuild";

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error("usage: bundle-server.mjs <entry.ts> <out.js>");
  process.exit(2);
}

const externalThirdParty = {
  name: "external-third-party",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@tts-kit/") || args.path.startsWith("node:")) return undefined;
      return { path: args.path, external: true };
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
