import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pageCount, paginationLinks, sortHeading } from './lists.ts'

const href = (sort: string, order: string) => `/referrals?sort=${sort}&order=${order}`

describe('sortable column headings', () => {
  it('links the sorted column to the other order and says which way it is sorted', () => {
    assert.deepEqual(sortHeading('Person', 'person', { sort: 'person', order: 'asc' }, 'asc', href), { text: 'Person', href: '/referrals?sort=person&order=desc', ariaSort: 'ascending' })
    assert.deepEqual(sortHeading('Person', 'person', { sort: 'person', order: 'desc' }, 'asc', href), { text: 'Person', href: '/referrals?sort=person&order=asc', ariaSort: 'descending' })
  })

  it('links another column to its own first order, announcing no sort', () => {
    assert.deepEqual(sortHeading('Referred', 'referred', { sort: 'person', order: 'asc' }, 'desc', href), { text: 'Referred', href: '/referrals?sort=referred&order=desc', ariaSort: 'none' })
  })
})

describe('pages of a list', () => {
  const page = (number: number) => `/referrals?page=${number}`

  it('counts at least one page', () => {
    assert.equal(pageCount(0, 25), 1)
    assert.equal(pageCount(25, 25), 1)
    assert.equal(pageCount(26, 25), 2)
  })

  it('needs no pagination when one page holds everything', () => {
    assert.equal(paginationLinks(1, 1, page), null)
  })

  it('links the first, previous, current, next and last pages with gaps between', () => {
    const links = paginationLinks(5, 10, page)
    assert.deepEqual(links?.previous, { href: page(4) })
    assert.deepEqual(links?.next, { href: page(6) })
    assert.deepEqual(
      links?.items.map((item) => ('ellipsis' in item ? '…' : `${item.number}${item.current ? '*' : ''}`)),
      ['1', '…', '4', '5*', '6', '…', '10'],
    )
    assert.equal(paginationLinks(1, 2, page)?.previous, undefined)
    assert.equal(paginationLinks(2, 2, page)?.next, undefined)
  })
})
