import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const sourceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets')
const projectRoot = path.resolve(sourceDir, '../../../..')
const govukDir = path.dirname(require.resolve('govuk-frontend/package.json'))
const mojDir = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'))

/** Logical name (as templates ask for it) → fingerprinted file name under /assets/. */
export type AssetManifest = Record<string, string>

interface BuiltManifest {
  inputs: string
  files: AssetManifest
}

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
}

/** Images referenced by logical name, copied as they are. */
const images: Record<string, string> = {
  'images/favicon.ico': path.join(govukDir, 'dist/govuk/assets/images/favicon.ico'),
  'images/favicon.svg': path.join(sourceDir, 'favicon.svg'),
}

const designSystemImageDirs = [path.join(mojDir, 'moj/assets/images'), path.join(govukDir, 'dist/govuk/assets/images')]

function fingerprint(logicalName: string, body: Buffer | string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
  const extension = path.extname(logicalName)
  return `${logicalName.slice(0, -extension.length)}.${hash}${extension}`
}

/** A digest of everything a build reads, so a start rebuilds only when something changed. */
function inputsDigest(): string {
  const hash = createHash('sha256')
  for (const dir of [govukDir, mojDir]) hash.update(fs.readFileSync(path.join(dir, 'package.json')))
  for (const name of fs.readdirSync(sourceDir).sort()) hash.update(name).update(fs.readFileSync(path.join(sourceDir, name)))
  return hash.digest('hex')
}

/** Compiles Sass and bundles scripts into `outDir` with fingerprinted names; run at build or start, never per request. */
export async function buildAssets(outDir: string): Promise<AssetManifest> {
  // Sass is large to load and needed only when the assets change.
  const sass = await import('sass')
  fs.rmSync(outDir, { recursive: true, force: true })
  const files: AssetManifest = {}
  const write = (logicalName: string, body: Buffer | string) => {
    const name = fingerprint(logicalName, body)
    fs.mkdirSync(path.join(outDir, path.dirname(name)), { recursive: true })
    fs.writeFileSync(path.join(outDir, name), body)
    files[logicalName] = name
  }
  for (const [logicalName, file] of Object.entries(images)) write(logicalName, fs.readFileSync(file))

  const compiled = sass.compile(path.join(sourceDir, 'application.scss'), {
    style: 'compressed',
    loadPaths: [projectRoot, path.join(projectRoot, 'node_modules')],
    quietDeps: true,
    logger: {
      // The design systems' own deprecation notices are theirs to fix; ours still print.
      warn(message, { stack }) {
        if (!stack?.split('\n')[0]?.startsWith('node_modules/')) console.warn(`sass: ${message}`)
      },
    },
  }).css
  // Images the stylesheets refer to get fingerprinted names too, so every asset can be cached forever.
  const css = compiled.replace(/url\("?\/assets\/(images\/[\w.-]+)"?\)/g, (whole, logicalName: string) => {
    const file = designSystemImageDirs.map((dir) => path.join(dir, path.basename(logicalName))).find((candidate) => fs.existsSync(candidate))
    if (!file) return whole
    if (!files[logicalName]) write(logicalName, fs.readFileSync(file))
    return `url("/assets/${files[logicalName]}")`
  })
  write('application.css', css)

  const script = [
    fs.readFileSync(path.join(govukDir, 'dist/govuk/all.bundle.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, ''),
    fs.readFileSync(path.join(mojDir, 'moj/all.bundle.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, ''),
    fs.readFileSync(path.join(sourceDir, 'application.js'), 'utf8'),
  ].join('\n;\n')
  write('application.js', script)

  const manifest: BuiltManifest = { inputs: inputsDigest(), files }
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  return files
}

/** Builds only when the last build is missing or was made from other inputs. */
export async function ensureAssets(outDir: string): Promise<AssetManifest> {
  try {
    const built = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as BuiltManifest
    if (built.inputs === inputsDigest() && Object.values(built.files).every((name) => fs.existsSync(path.join(outDir, name)))) {
      return built.files
    }
  } catch {
    // No usable manifest: build.
  }
  return buildAssets(outDir)
}

export interface StoredAsset {
  body: Buffer
  contentType: string
  etag: string
}

/** Every built file, read into memory once; the asset route serves from here. */
export function loadAssetStore(outDir: string, manifest: AssetManifest): Map<string, StoredAsset> {
  const store = new Map<string, StoredAsset>()
  for (const name of Object.values(manifest)) {
    const body = fs.readFileSync(path.join(outDir, name))
    store.set(name, {
      body,
      contentType: contentTypes[path.extname(name)] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    })
  }
  return store
}
