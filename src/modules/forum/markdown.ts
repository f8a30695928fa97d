/**
 * The forum's plain-text editor format: a small, safe subset of Markdown — paragraphs, line
 * breaks, *emphasis*, **strong**, lists, [links](https://…), `inline code` and > quotes.
 *
 * Safe by construction rather than by cleaning: every character of the member's text is
 * HTML-escaped on the way out, and the only markup in the result is the fixed set of tags
 * this file writes itself. A link's address is parsed as a URL and kept only when it is
 * http, https or mailto; anything else leaves just its text. There is no image syntax and no
 * raw HTML. (docs/adr/0008-forum-members.md says why this is not a Markdown library.)
 */

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character)
}

const allowedProtocols = new Set(['http:', 'https:', 'mailto:'])
/** Quotes nest at most this deep, so a post of ">>>>>…" cannot make a deep tree. */
const maxQuoteDepth = 3

/** The address of a link, normalised by the URL parser, when it is one the forum allows. */
function safeHref(raw: string): string | null {
  // Control characters and spaces inside a scheme ("java\tscript:") are how filters are fooled; the parser strips them, so parse first and trust only its answer.
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  return allowedProtocols.has(url.protocol) ? url.href : null
}

/** Characters a backslash may escape, written as entities so that the emphasis patterns below cannot see them. */
const escapable = /[\\`*_[\]()>#+\-.!]/

/** One line of text (no line breaks) with code spans, links and emphasis. */
function renderInline(text: string, allowLinks = true): string {
  let html = ''
  let index = 0
  while (index < text.length) {
    const rest = text.slice(index)
    const character = text[index] as string
    if (character === '\\' && escapable.test(text[index + 1] ?? '')) {
      html += `&#${(text[index + 1] as string).charCodeAt(0)};`
      index += 2
      continue
    }
    if (character === '`') {
      const end = text.indexOf('`', index + 1)
      if (end > index + 1) {
        // Code is shown as typed: its text is escaped, and * or _ inside it must not become emphasis.
        html += `<code>${hideMarks(escapeHtml(text.slice(index + 1, end)))}</code>`
        index = end + 1
        continue
      }
    }
    const link = allowLinks ? /^\[([^\]\n]{1,300})\]\(([^()\s]{1,2000})\)/.exec(rest) : null
    if (link) {
      const [whole, label = '', address = ''] = link
      const href = safeHref(address)
      const text = hideMarks(renderInline(label, false))
      html += href === null ? text : `<a href="${hideMarks(escapeHtml(href))}" rel="nofollow noopener noreferrer" class="govuk-link">${text}</a>`
      index += whole.length
      continue
    }
    html += escapeHtml(character)
    index += 1
  }
  return emphasise(html)
}

/** Writes * and _ as entities: the emphasis patterns must not reach into code, link text or addresses. */
function hideMarks(html: string): string {
  return html.replace(/[*_]/g, (mark) => `&#${mark.charCodeAt(0)};`)
}

/** **strong**, then *emphasis* or _emphasis_, on text that is already escaped (so the captured parts are safe). */
function emphasise(html: string): string {
  return html
    .replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '<em>$1</em>')
    .replace(/(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1<em>$2</em>')
}

const bullet = /^\s{0,3}[-*+]\s+/
const numbered = /^\s{0,3}\d{1,9}[.)]\s+/
const quote = /^\s{0,3}>\s?/

function renderBlocks(lines: readonly string[], depth: number): string {
  const html: string[] = []
  let index = 0
  const takeWhile = (test: (line: string) => boolean) => {
    const taken: string[] = []
    while (index < lines.length && test(lines[index] as string)) taken.push(lines[index++] as string)
    return taken
  }
  while (index < lines.length) {
    const line = lines[index] as string
    if (line.trim() === '') {
      index += 1
    } else if (quote.test(line) && depth < maxQuoteDepth) {
      const inner = takeWhile((next) => quote.test(next)).map((next) => next.replace(quote, ''))
      html.push(`<blockquote>${renderBlocks(inner, depth + 1)}</blockquote>`)
    } else if (bullet.test(line)) {
      const items = takeWhile((next) => bullet.test(next)).map((next) => `<li>${renderInline(next.replace(bullet, ''))}</li>`)
      html.push(`<ul class="govuk-list govuk-list--bullet">${items.join('')}</ul>`)
    } else if (numbered.test(line)) {
      const items = takeWhile((next) => numbered.test(next)).map((next) => `<li>${renderInline(next.replace(numbered, ''))}</li>`)
      html.push(`<ol class="govuk-list govuk-list--number">${items.join('')}</ol>`)
    } else {
      const paragraph = takeWhile((next) => next.trim() !== '' && !bullet.test(next) && !numbered.test(next) && !quote.test(next))
      html.push(`<p class="govuk-body">${paragraph.map((next) => renderInline(next.trim())).join('<br>')}</p>`)
    }
  }
  return html.join('')
}

/** The HTML of a post's text: only the tags above, every character of the member's text escaped. */
export function renderPostText(text: string): string {
  // Control characters other than line breaks and tabs have no business in a post (and NUL confuses everything).
  const cleaned = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  return renderBlocks(cleaned.split('\n'), 0)
}
