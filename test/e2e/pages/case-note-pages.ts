import type { Locator } from 'playwright-core'
import { caseNotesPaths, notesListPage } from '../../../src/modules/case-notes/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'
import type { PersonRef } from './people-pages.ts'

/** A case as its pages name it: the allocation, and the person whose name is the pages' <h1>. */
export interface CaseRef {
  allocationId: string
  person: PersonRef
}

const nameOf = (person: PersonRef) => `${person.givenName} ${person.familyName}`
const squashed = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The notes section of a case: the notes the reader may read, newest first, one type or all, a page at a time. */
export class CaseNotesPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef, filter: { type?: string; page?: number } = {}) {
    super(tab)
    this.path = notesListPage(caseRef.allocationId, filter)
    this.heading = nameOf(caseRef.person)
    this.titleText = `${content.t('casework.sections.notes')} – ${this.heading}`
  }

  /** Every note on the page, as a summary card. */
  notes(): Locator {
    return this.mainContent().locator('.govuk-summary-card')
  }

  /** The note whose card shows `text` (its current text, or anything else on the card). */
  note(text: string): Locator {
    return this.notes().filter({ hasText: text })
  }

  /** What each note says now, in the order shown. */
  async currentTexts(): Promise<string[]> {
    const cards = this.notes()
    const texts: string[] = []
    for (let index = 0; index < (await cards.count()); index += 1) {
      // The note's own paragraphs follow the "written by" line and come before any amendment line.
      const paragraphs = cards.nth(index).locator('.govuk-summary-card__content > p.govuk-body')
      texts.push((await paragraphs.allInnerTexts()).map((text) => text.trim()).join('\n\n'))
    }
    return texts
  }

  async isHealthOnly(note: Locator): Promise<boolean> {
    return (await note.locator('.govuk-summary-card__title .govuk-tag', { hasText: content.t('caseNotes.healthOnly') }).count()) === 1
  }

  /** The "Amended by … Reason: …" line of an amended note. */
  async amendedLine(note: Locator): Promise<string> {
    return squashed(await note.locator('.app-note-amended').innerText())
  }

  /** Opens the expander with the original note and every amendment; returns its text. */
  async history(note: Locator): Promise<string> {
    const details = note.locator('details')
    await details.locator('summary').click()
    return squashed(await details.innerText())
  }

  addNoteButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('caseNotes.notes.add'), exact: true })
  }

  /** The "Amend" link of a note (its hidden text names the note's type and time). */
  amendLink(note: Locator): Locator {
    return note.getByRole('link', { name: new RegExp(`^${content.t('caseNotes.notes.amend')} `) })
  }

  /** A note's attachment link, by the document's title. */
  attachmentLink(note: Locator, title: string): Locator {
    return note.getByRole('link', { name: title, exact: true })
  }

  /** Chooses a type in the filter (by its label, or "Every type") and shows the notes; the tab stays on this page object. */
  async filterByType(label: string): Promise<void> {
    await this.mainContent().getByLabel(content.t('caseNotes.notes.filterType'), { exact: true }).selectOption({ label })
    await this.navigateBy(() => this.mainContent().getByRole('button', { name: content.t('caseNotes.notes.filter'), exact: true }).click())
  }
}

/** The form that adds a note, with an optional attachment; the health-only box only for clinical readers. */
export class AddNotePage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('caseNotes.newNote.submit')

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = caseNotesPaths.newNote({ allocationId: caseRef.allocationId })
    this.heading = nameOf(caseRef.person)
    this.titleText = `${content.t('caseNotes.newNote.title')} – ${this.heading}`
  }

  /** A type radio, by the code list's label. */
  async chooseType(label: string): Promise<void> {
    await this.mainContent().getByRole('group', { name: content.t('caseNotes.newNote.type') }).getByLabel(label, { exact: true }).check()
  }

  async write(text: string): Promise<void> {
    await this.field(content.t('caseNotes.newNote.text')).fill(text)
  }

  healthOnlyBox(): Locator {
    return this.field(content.t('caseNotes.newNote.healthOnly'))
  }

  async markHealthOnly(): Promise<void> {
    await this.healthOnlyBox().check()
  }

  /** Chooses a file as a person would in the file picker, and optionally titles it. */
  async attach(file: { name: string; mimeType: string; buffer: Buffer }, title?: string): Promise<void> {
    if (title !== undefined) await this.field(content.t('caseNotes.newNote.attachmentTitle')).fill(title)
    await this.field(content.t('caseNotes.newNote.file')).setInputFiles(file)
  }
}

/** The form that amends a note: the note as it reads now and its history above, the new text and the reason below. */
export class AmendNotePage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('caseNotes.amend.submit')

  constructor(tab: Tab, caseRef: CaseRef, noteId: string) {
    super(tab)
    this.path = caseNotesPaths.amend({ allocationId: caseRef.allocationId, noteId })
    this.heading = nameOf(caseRef.person)
    this.titleText = `${content.t('caseNotes.amend.title')} – ${this.heading}`
  }

  /** Replaces the note's text (the box starts with what the note says now). */
  async rewrite(text: string): Promise<void> {
    await this.field(content.t('caseNotes.amend.text')).fill(text)
  }

  async giveReason(reason: string): Promise<void> {
    await this.field(content.t('caseNotes.amend.reason')).fill(reason)
  }
}

/** The documents of a case: the attachments of the notes the reader may read, and the referral's documents. */
export class CaseDocumentsPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, caseRef: CaseRef) {
    super(tab)
    this.path = caseNotesPaths.documents({ allocationId: caseRef.allocationId })
    this.heading = nameOf(caseRef.person)
    this.titleText = `${content.t('casework.sections.documents')} – ${this.heading}`
  }
}
