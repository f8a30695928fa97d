import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderPostText } from './markdown.ts'
import { assertInert, xssPayloads } from './test-fixtures/xss.ts'


describe('post text (safe Markdown subset)', () => {
  it('renders paragraphs, line breaks, emphasis, strong, code, lists and quotes', () => {
    assert.equal(renderPostText('Hello *there*\nand **welcome**\n\nSecond `a*b*c` para'), '<p class="govuk-body">Hello <em>there</em><br>and <strong>welcome</strong></p><p class="govuk-body">Second <code>a&#42;b&#42;c</code> para</p>')
    assert.equal(renderPostText('- one\n- _two_\n\n1. first\n2. second'), '<ul class="govuk-list govuk-list--bullet"><li>one</li><li><em>two</em></li></ul><ol class="govuk-list govuk-list--number"><li>first</li><li>second</li></ol>')
    assert.equal(renderPostText('> quoted\n> more\n\nafter'), '<blockquote><p class="govuk-body">quoted<br>more</p></blockquote><p class="govuk-body">after</p>')
  })

  it('keeps http, https and mailto links, with nofollow noopener noreferrer', () => {
    assert.equal(renderPostText('[Mind](https://www.mind.org.uk/)'), '<p class="govuk-body"><a href="https://www.mind.org.uk/" rel="nofollow noopener noreferrer" class="govuk-link">Mind</a></p>')
    assert.match(renderPostText('[mail](mailto:help@example.org)'), /href="mailto:help@example.org"/)
    assert.match(renderPostText('[a](https://example.org/a_b_c*d*)'), /href="https:\/\/example.org\/a&#95;b&#95;c&#42;d&#42;"/)
  })

  it('keeps only the text of a link to anything else', () => {
    assert.equal(renderPostText('[click](javascript:alert`1`)'), '<p class="govuk-body">click</p>')
    assert.equal(renderPostText('[click](ftp://example.org/x)'), '<p class="govuk-body">click</p>')
  })

  it('shows raw HTML as text', () => {
    assert.equal(renderPostText('<b>hi</b> & "you"'), '<p class="govuk-body">&lt;b&gt;hi&lt;/b&gt; &amp; &quot;you&quot;</p>')
  })

  it('honours backslash escapes', () => {
    assert.equal(renderPostText('\\*not emphasis\\*'), '<p class="govuk-body">&#42;not emphasis&#42;</p>')
  })

  it(`leaves every one of ${xssPayloads.length} published XSS payloads inert`, () => {
    assert.ok(xssPayloads.length >= 40)
    for (const payload of xssPayloads) {
      assertInert(renderPostText(payload), payload)
      assertInert(renderPostText(`Before\n\n${payload}\n\n> ${payload}\n- ${payload}`), payload)
    }
  })
})
