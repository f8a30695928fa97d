import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findIdentifyingDetails, type WatchLists } from './filter.ts'

const lists: WatchLists = { names: ['Jo Bloggs', 'Zebedee'], words: ['arson', 'HMP Fallowmere'], safety: ['end it all', 'hurt myself'] }
const find = (text: string) => findIdentifyingDetails(text, lists)

describe('identifying-details filter', () => {
  it('finds a valid NHS number, however it is grouped', () => {
    assert.deepEqual(find('my number is 943 476 5919 ok'), ['nhs_number'])
    assert.deepEqual(find('9434765919'), ['nhs_number'])
    assert.deepEqual(find('943-476-5919.'), ['nhs_number'])
  })

  it('still holds a 10-digit number that fails the NHS check digit, as a long number', () => {
    assert.deepEqual(find('ref 943 476 5918'), ['long_number'])
  })

  it('finds PNC IDs with a four- or two-digit year, even with a wrong check letter', () => {
    assert.deepEqual(find('PNC 2012/0123456Y'), ['pnc_id'])
    assert.deepEqual(find('pnc 12/123456y'), ['pnc_id'])
    assert.deepEqual(find('pnc 2012/0123456A'), ['pnc_id'])
  })

  it('finds prison numbers and CRNs in any case', () => {
    assert.deepEqual(find('my number is A1234BC'), ['prison_number'])
    assert.deepEqual(find('a1234bc'), ['prison_number'])
    assert.deepEqual(find('CRN X123456'), ['crn'])
    assert.deepEqual(find('crn x123456.'), ['crn'])
  })

  it('finds UK phone numbers, national and international', () => {
    assert.deepEqual(find('call 07700 900123'), ['phone_number'])
    assert.deepEqual(find('call (01632) 960-123'), ['phone_number'])
    assert.deepEqual(find('call +44 7700 900123'), ['phone_number'])
  })

  it('finds e-mail addresses and postcodes', () => {
    assert.deepEqual(find('write to sky.blue+forum@example.org please'), ['email_address'])
    assert.deepEqual(find('I live near SW1A 1AA'), ['postcode'])
    assert.deepEqual(find('m1 1ae is my street'), ['postcode'])
    assert.deepEqual(find('postcode LS11AB'), ['postcode'])
  })

  it('finds names on the watch list as whole words, whatever the case and spacing', () => {
    assert.deepEqual(find('I saw jo   BLOGGS today'), ['watched_name'])
    assert.deepEqual(find('zebedee!'), ['watched_name'])
    assert.deepEqual(find('Zebedees'), [])
  })

  it('finds moderators’ watch words and safety phrases', () => {
    assert.deepEqual(find('he was done for ARSON'), ['watched_word'])
    assert.deepEqual(find('I was in hmp  fallowmere'), ['watched_word'])
    assert.deepEqual(find('Some days I want to end it all'), ['safety_words'])
  })

  it('reports each kind once, in a fixed order, when a post has several', () => {
    assert.deepEqual(find('A1234BC, 07700 900123, A1234BC again, jo bloggs, hurt myself'), ['prison_number', 'phone_number', 'watched_name', 'safety_words'])
  })

  it('lets ordinary numbers, dates and times through', () => {
    assert.deepEqual(find('I had 3 sessions on 12/03/2026 at 10:30 in room 101, and 25 people came'), [])
    assert.deepEqual(find('The group meets every 2nd Tuesday. Costs £12.50.'), [])
    assert.deepEqual(find(''), [])
  })

  it('sees through full-width characters', () => {
    assert.deepEqual(find('Ａ１２３４ＢＣ'), ['prison_number'])
  })
})
