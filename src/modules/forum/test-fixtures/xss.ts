import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** A selection of the OWASP XSS filter evasion cheat sheet's vectors, plus Markdown-shaped ones; one per line. */
export const xssPayloads = fs
  .readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'xss-payloads.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')

const allowedTags = new Set(['p', 'br', 'strong', 'em', 'code', 'ul', 'ol', 'li', 'blockquote', 'a'])

/**
 * Fails when `html` holds anything that could run: a tag outside the renderer's own few, an
 * attribute other than a link's href/rel/class, an event handler, or a link that is not
 * http, https or mailto.
 */
export function assertInert(html: string, where: string): void {
  for (const [tag] of html.matchAll(/<[^>]*>/g)) {
    const parsed = /^<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*\/?>$/.exec(tag)
    assert.ok(parsed, `${where}: malformed tag ${tag}`)
    const [, name = '', attributes = ''] = parsed
    assert.ok(allowedTags.has(name), `${where}: tag <${name}> is not allowed`)
    for (const [, attribute = '', value = ''] of attributes.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      assert.ok(name === 'a' ? ['href', 'rel', 'class'].includes(attribute) : attribute === 'class', `${where}: attribute ${attribute} on <${name}>`)
      if (attribute === 'href') assert.match(value, /^(https?:\/\/|mailto:)/, `${where}: href ${value}`)
      if (attribute === 'rel') assert.equal(value, 'nofollow noopener noreferrer')
    }
  }
  assert.doesNotMatch(html, /<(script|img|svg|iframe|object|embed|style|link|meta|input|body|table|div)\b/i, where)
}

