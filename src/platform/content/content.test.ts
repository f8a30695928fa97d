import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../app.ts'
import { ContentError, loadContent } from './content.ts'

const content = loadContent(path.join(projectRoot, 'content'), { strict: true })

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(njk|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

/** Literal keys passed to t(…) or contentSection(…) in templates and code. Keys built at run time are checked below by listing their values. */
function literalKeys(): Array<{ key: string; file: string; section: boolean }> {
  const found: Array<{ key: string; file: string; section: boolean }> = []
  for (const file of [...sourceFiles(path.join(projectRoot, 'src')), ...sourceFiles(path.join(projectRoot, 'cli'))]) {
    const text = fs.readFileSync(file, 'utf8')
    for (const match of text.matchAll(/\b(t|contentSection)\(\s*["'](\w[\w.]*\w)["']\s*[,)]/g)) {
      found.push({ key: match[2] ?? '', file: path.relative(projectRoot, file), section: match[1] === 'contentSection' })
    }
  }
  return found
}

describe('content', () => {
  it('has every key that templates and code use', () => {
    const used = literalKeys()
    assert.ok(used.length >= 20, `expected many keys in use, found ${used.length}`)
    const missing = used.filter(({ key, section }) => (section ? content.section(key) === undefined : !content.has(key)))
    assert.deepEqual(missing, [])
  })

  it('has the text of every error page the app can show, and of every information page', () => {
    for (const status of [400, 401, 403, 404, 413, 415, 429, 500]) {
      assert.ok(content.has(`errors.${status}.title`), `errors.${status}.title`)
      assert.ok(Array.isArray(content.section(`errors.${status}.body`)), `errors.${status}.body`)
    }
    for (const page of ['accessibility', 'privacy', 'cookies']) {
      for (const key of ['title', 'summary', 'updated']) assert.ok(content.has(`pages.${page}.${key}`), `pages.${page}.${key}`)
      assert.ok(Array.isArray(content.section(`pages.${page}.sections`)))
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    assert.equal(content.t('pages.home.partnershipFigures', { organisations: 3, services: 7 }), 'Pathways holds 3 partner organisations and 7 services.')
  })

  it('fails loudly on a missing key when strict, and shows the key otherwise', () => {
    assert.throws(() => content.t('nowhere.to.be.found'), ContentError)
    const lenient = loadContent(path.join(projectRoot, 'content'), { strict: false })
    assert.equal(lenient.t('nowhere.to.be.found'), 'nowhere.to.be.found')
  })

  it('names each file as a namespace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-content-'))
    fs.writeFileSync(path.join(dir, 'greetings.yml'), 'hello: Hello {name}\nnested:\n  deeper: Deep\n')
    const loaded = loadContent(dir, { strict: true })
    assert.equal(loaded.t('greetings.hello', { name: 'Sam' }), 'Hello Sam')
    assert.equal(loaded.t('greetings.nested.deeper'), 'Deep')
    fs.rmSync(dir, { recursive: true })
  })
})
