import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import type { Content } from '../content/content.ts'
import type { AssetManifest } from './assets.ts'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const srcDir = path.resolve(here, '../..')

export const templateRoots = [
  path.join(here, 'templates'),
  path.join(srcDir, 'modules'),
  path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist'),
  path.dirname(require.resolve('@ministryofjustice/frontend/package.json')),
]

export interface ViewEnvironmentOptions {
  content: Content
  assets: AssetManifest
  /** Read templates from disk on every render; for `npm run dev` only. */
  reloadTemplates: boolean
}

// Staff read dates and times in UK local time, whatever the server's zone.
const londonDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
const londonClock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' })

export class MissingAssetError extends Error {
  override name = 'MissingAssetError'
}

/**
 * One Nunjucks environment per app. Compiled templates are cached for the life of the
 * process (except in development), so a request only renders.
 */
export function createViewEnvironment({ content, assets, reloadTemplates }: ViewEnvironmentOptions): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(templateRoots, { noCache: reloadTemplates })
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true })
  // Nunjucks' own trim runs a regular expression that is slow on long strings, and the GOV.UK
  // templates trim whole rendered blocks (the page body among them): String#trim removes the
  // same characters (RegExp \s and trim share one definition of white space) in a fraction of the time.
  env.addFilter('trim', (value: unknown) => {
    const trimmed = String(value).trim()
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed
  })
  env.addGlobal('t', (key: string, params?: Record<string, string | number>) => content.t(key, params))
  env.addGlobal('contentSection', (key: string) => content.section(key))
  env.addFilter('londonDate', (value: string | null | undefined) => (value ? londonDate.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value)) : ''))
  env.addFilter('londonTime', (value: string | null | undefined) => (value ? `${londonClock.format(new Date(value))} on ${londonDate.format(new Date(value))}` : ''))
  env.addGlobal('asset', (logicalName: string) => {
    const name = assets[logicalName]
    if (!name) throw new MissingAssetError(`no built asset named "${logicalName}"`)
    return `/assets/${name}`
  })
  return env
}
