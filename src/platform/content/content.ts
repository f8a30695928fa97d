import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

export type ContentParams = Record<string, string | number>

export interface Content {
  /** The text at `key` (e.g. "errors.404.title"), with `{name}` placeholders filled from `params`. */
  t(key: string, params?: ContentParams): string
  has(key: string): boolean
  /** A whole subtree (lists, code lists), for templates that loop over text. */
  section(key: string): unknown
  keys(): string[]
}

export class ContentError extends Error {
  override name = 'ContentError'
}

function flatten(prefix: string, value: unknown, into: Map<string, unknown>): void {
  into.set(prefix, value)
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(`${prefix}.${key}`, child, into)
  }
}

/**
 * Reads every content/*.yml once; each file is a namespace named after it
 * (content/errors.yml holds the keys "errors.…").
 */
export function loadContent(directory: string, options: { strict: boolean }): Content {
  const entries = new Map<string, unknown>()
  for (const file of fs.readdirSync(directory).filter((name) => name.endsWith('.yml')).sort()) {
    const namespace = path.basename(file, '.yml')
    const parsed: unknown = parse(fs.readFileSync(path.join(directory, file), 'utf8'))
    flatten(namespace, parsed, entries)
  }
  const text = (key: string): string => {
    const value = entries.get(key)
    if (typeof value === 'string') return value
    if (options.strict) throw new ContentError(`content key "${key}" is missing from content/*.yml`)
    return key
  }
  return {
    t(key, params) {
      const template = text(key)
      if (!params) return template
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
    },
    has: (key) => typeof entries.get(key) === 'string',
    section(key) {
      if (!entries.has(key) && options.strict) throw new ContentError(`content section "${key}" is missing from content/*.yml`)
      return entries.get(key)
    },
    keys: () => [...entries.keys()].filter((key) => typeof entries.get(key) === 'string'),
  }
}
