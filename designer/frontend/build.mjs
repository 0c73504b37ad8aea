// Builds the designer's static assets into ../wwwroot/assets, which the server host serves at
// /assets/ (the path the GOV.UK and MoJ stylesheets expect their fonts and images at):
//
//   js/app.js, editor.js, diagram.js, charts.js   minified ES modules with source maps; code they
//   js/chunks/                                    share, and Mermaid's diagram types, load on demand
//   css/govuk-frontend.min.css, moj-frontend.min.css   the packages' precompiled stylesheets
//   css/designer.css                              the editor, diagram and chart layout
//   fonts/, images/, manifest.json                GOV.UK Frontend's (and MoJ Frontend's images)
//
// Run by build/frontend after npm ci. Running it again with nothing changed rewrites the same files.

import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const assets = join(here, '..', 'wwwroot', 'assets');
const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));
const govuk = join(packageDir('govuk-frontend'), 'dist', 'govuk');
const moj = join(packageDir('@ministryofjustice/frontend'), 'moj');

const ENTRIES = ['app', 'editor', 'diagram', 'charts'];

async function sameFile(a, b) {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    if (sa.size !== sb.size) return false;
    const [ba, bb] = await Promise.all([readFile(a), readFile(b)]);
    return ba.equals(bb);
  } catch {
    return false;
  }
}

/** Copies a file unless an identical one is already there, so a rebuild leaves it untouched. */
async function copy(from, to) {
  if (await sameFile(from, to)) return false;
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
  return true;
}

async function copyFolder(from, to) {
  let copied = 0;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copied += await copyFolder(source, target);
    else if (await copy(source, target)) copied += 1;
  }
  return copied;
}

/** Removes files an earlier build wrote that this one did not (chunks whose hash has changed). */
async function removeStale(folder, keep) {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (!keep.has(file)) {
      await rm(file);
      removed += 1;
    }
  }
  return removed;
}

async function bundleScripts() {
  const outdir = join(assets, 'js');
  const result = await build({
    absWorkingDir: here,
    entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, `src/${name}.js`])),
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    target: ['es2020'],
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(here, file)));
  await removeStale(outdir, written);
  return result.metafile;
}

async function bundleStyles() {
  await build({
    absWorkingDir: here,
    entryPoints: { designer: 'src/designer.css' },
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    outdir: join(assets, 'css'),
    logLevel: 'warning',
  });
}

async function copyPackageAssets() {
  let copied = 0;
  copied += Number(await copy(join(govuk, 'govuk-frontend.min.css'), join(assets, 'css', 'govuk-frontend.min.css')));
  copied += Number(await copy(join(govuk, 'govuk-frontend.min.css.map'), join(assets, 'css', 'govuk-frontend.min.css.map')));
  copied += Number(await copy(join(moj, 'moj-frontend.min.css'), join(assets, 'css', 'moj-frontend.min.css')));
  copied += Number(await copy(join(moj, 'moj-frontend.min.css.map'), join(assets, 'css', 'moj-frontend.min.css.map')));
  copied += Number(await copy(join(govuk, 'assets', 'manifest.json'), join(assets, 'manifest.json')));
  copied += await copyFolder(join(govuk, 'assets', 'fonts'), join(assets, 'fonts'));
  copied += await copyFolder(join(govuk, 'assets', 'images'), join(assets, 'images'));
  // The MoJ stylesheet asks for its icons at /assets/images/ too; no name is shared with GOV.UK's.
  copied += await copyFolder(join(moj, 'assets', 'images'), join(assets, 'images'));
  return copied;
}

function kilobytes(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * Sizes of what each page script costs: the entry file, and everything it loads before it runs
 * (its static imports, followed through shared chunks). Chunks loaded only on demand are totalled
 * apart: most are Mermaid diagram types the designer never draws.
 */
async function report(metafile) {
  const outputs = metafile.outputs;
  const gzipped = async (file) => gzipSync(await readFile(join(here, file))).length;
  const closure = (file, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement') closure(imported.path, seen);
    }
    return seen;
  };
  const rows = [];
  const eager = new Set();
  for (const name of ENTRIES) {
    const file = Object.keys(outputs).find((f) => outputs[f].entryPoint === `src/${name}.js`);
    const files = [...closure(file)];
    files.forEach((f) => eager.add(f));
    let bytes = 0;
    let zipped = 0;
    for (const f of files) {
      bytes += outputs[f].bytes;
      zipped += await gzipped(f);
    }
    rows.push(`  ${`js/${name}.js`.padEnd(16)} ${kilobytes(outputs[file].bytes).padStart(10)}`
      + `   with its imports ${kilobytes(bytes).padStart(10)} (${kilobytes(zipped)} gzipped)`);
  }
  const lazy = Object.keys(outputs).filter((f) => f.endsWith('.js') && !eager.has(f));
  const lazyBytes = lazy.reduce((sum, f) => sum + outputs[f].bytes, 0);
  rows.push(`  ${lazy.length} chunks loaded only on demand: ${kilobytes(lazyBytes)}`);
  console.log(`Designer assets built in ${relative(process.cwd(), assets) || assets}:\n${rows.join('\n')}`);
}

const started = Date.now();
const [metafile, , copied] = await Promise.all([bundleScripts(), bundleStyles(), copyPackageAssets()]);
await report(metafile);
console.log(`  ${copied} package files copied; done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
