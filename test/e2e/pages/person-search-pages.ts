import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import { chooseWithSearch, personMergePaths } from '../../../src/modules/person-merge/paths.ts'
import { personSearchPaths, searchPageFor } from '../../../src/modules/person-search/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

export interface PersonRef {
  id: string
  givenName: string
  familyName: string
}

const fullName = (person: PersonRef) => `${person.givenName} ${person.familyName}`

/** The text of each cell of the first table in `scope`, row by row. */
async function tableRows(scope: Locator): Promise<string[][]> {
  const rows = scope.locator('table tbody tr')
  const found: string[][] = []
  for (let index = 0; index < (await rows.count()); index += 1) found.push((await rows.nth(index).locator('td').allInnerTexts()).map((text) => text.trim()))
  return found
}

/** Find a person: the search box, and for a query the people found (or what to fix). */
export class PersonSearchPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('personSearch.title')
  protected readonly titleText = content.t('personSearch.title')
  protected readonly submitText = content.t('personSearch.submit')

  constructor(tab: Tab, query?: string) {
    super(tab)
    this.path = query === undefined ? personSearchPaths.search() : searchPageFor(query)
  }

  searchBox(): Locator {
    return this.field(content.t('personSearch.label'))
  }

  /** Types the query into the search box, presses Search and checks the results page. */
  async searchFor(query: string): Promise<PersonSearchPage> {
    await this.searchBox().fill(query)
    return this.submitTo(new PersonSearchPage(this.tab, query))
  }

  /** The results as the table shows them: name, date of birth, what they were found by. */
  results(): Promise<string[][]> {
    return tableRows(this.mainContent())
  }

  async expectNothingFound(): Promise<void> {
    assert.equal(await this.mainContent().getByRole('heading', { name: content.t('personSearch.none'), exact: true }).count(), 1)
    assert.equal(await this.mainContent().locator('table').count(), 0)
  }
}

/** Finding the duplicate of the person being kept. */
export class MergeChoosePage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('personSearch.submit')

  constructor(
    tab: Tab,
    readonly survivor: PersonRef,
    query?: string,
  ) {
    super(tab)
    this.path = query === undefined ? personMergePaths.choose({ personId: survivor.id }) : chooseWithSearch(survivor.id, query)
    this.heading = content.t('personMerge.choose.title', { name: fullName(survivor) })
    this.titleText = this.heading
  }

  async searchFor(query: string): Promise<MergeChoosePage> {
    await this.field(content.t('personSearch.label')).fill(query)
    return this.submitTo(new MergeChoosePage(this.tab, this.survivor, query))
  }

  /** Follows the "Choose" link of the duplicate in the results. */
  choose(duplicate: PersonRef): Promise<MergeConfirmPage> {
    const link = this.mainContent().getByRole('link', { name: `${content.t('personMerge.choose.choose')} ${fullName(duplicate)}`, exact: true })
    return this.follow(link, new MergeConfirmPage(this.tab, this.survivor, duplicate))
  }
}

/** The two records side by side, and the form that merges them. */
export class MergeConfirmPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('personMerge.confirm.title')
  protected readonly titleText = content.t('personMerge.confirm.title')
  protected readonly submitText = content.t('personMerge.confirm.submit')

  constructor(
    tab: Tab,
    readonly survivor: PersonRef,
    readonly duplicate: PersonRef,
  ) {
    super(tab)
    this.path = personMergePaths.confirm({ personId: survivor.id, duplicateId: duplicate.id })
  }

  /** The column headings and the name row: which record is kept, which is merged into it. */
  async sides(): Promise<string[]> {
    const name = this.mainContent().locator('tbody tr').first()
    return (await name.locator('td').allInnerTexts()).map((text) => text.trim())
  }

  async merge(reason: string): Promise<MergesPage> {
    await this.field(content.t('personMerge.confirm.reason')).fill(reason)
    return this.submitTo(new MergesPage(this.tab, this.survivor))
  }
}

/** The records merged into a person, each reversible for a while. */
export class MergesPage extends Page {
  protected readonly path: string
  readonly heading = content.t('personMerge.merges.title')
  protected readonly titleText: string

  constructor(
    tab: Tab,
    readonly person: PersonRef,
  ) {
    super(tab)
    this.path = personMergePaths.merges({ personId: person.id })
    this.titleText = `${content.t('personMerge.merges.title')} – ${fullName(person)}`
  }

  merges(): Promise<string[][]> {
    return tableRows(this.mainContent())
  }

  reverseButton(merged: PersonRef): Locator {
    return this.mainContent().getByRole('button', { name: `${content.t('personMerge.merges.reverse')} ${content.t('personMerge.merges.reverseHidden', { name: fullName(merged) })}`, exact: true })
  }

  /** Presses "Reverse this merge" for the merged record and checks the page it comes back to. */
  reverse(merged: PersonRef): Promise<MergesPage> {
    return this.arriveAt(new MergesPage(this.tab, this.person), () => this.reverseButton(merged).click(), `reversing the merge of ${fullName(merged)}`)
  }
}
