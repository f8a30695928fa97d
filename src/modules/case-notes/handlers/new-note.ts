import type { FastifyReply, FastifyRequest } from 'fastify'
import { checkUploadedDocument, hasUpload } from '../../../platform/files/index.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { caseIdOf, readCaseSection, renderCaseSection, type CaseView } from '../../casework/index.ts'
import { addNote, noteProblem, type CheckedAttachment, type NoteProblem } from '../commands.ts'
import { noteForm } from '../forms.ts'
import { caseNotesPaths } from '../paths.ts'
import { noteFormChoices } from './note-views.ts'
import { noteCategories } from './read-notes.ts'
import { pageProblems } from './problems.ts'

function renderForm(request: FastifyRequest, reply: FastifyReply, caseView: CaseView, form: { values?: Record<string, unknown>; problems?: NoteProblem[]; status?: number } = {}) {
  return renderCaseSection(reply, 'case-notes/views/new-note.njk', { caseView, section: {} }, 'notes', {
    ...noteFormChoices(caseView),
    values: form.values ?? {},
    maxMegabytes: request.server.files.maxMegabytes,
    ...pageProblems(form.problems ?? []),
  }, form.status)
}

export async function showNewNote(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'case-note.view', categories: noteCategories }, async () => ({}))
  return read.section ? renderForm(request, reply, read.caseView) : renderCaseSection(reply, 'case-notes/views/new-note.njk', read, 'notes')
}

/**
 * A new note, with an optional attachment kept only if its bytes are a PDF, Word or
 * OpenDocument text and the scanner calls it clean. The file is scanned before the
 * transaction, which holds the database's write lock on SQLite.
 */
export async function createNote(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const body = (request.body ?? {}) as Record<string, unknown>
  const { file, ...values } = body
  const form = parseForm(noteForm, body, request.server.content)
  const problems: NoteProblem[] = form.ok ? [] : form.errors.map((error) => ({ field: error.field, text: error.text }))
  let attachment: CheckedAttachment | undefined
  let status = 400
  let scanRefused = false
  if (hasUpload(file)) {
    const checked = checkUploadedDocument(file)
    const { scanner } = request.server.files
    const verdict = checked.ok ? await scanner.scan(checked.file.bytes) : undefined
    if (!checked.ok) {
      problems.push(noteProblem(request, 'file', checked.problem))
      status = checked.status
    } else if (verdict !== 'clean') {
      request.log.warn({ allocationId, scanner: scanner.name, verdict }, 'upload refused by the file scanner')
      problems.push(noteProblem(request, 'file', verdict === 'infected' ? 'fileInfected' : 'scanFailed'))
      scanRefused = true
    } else {
      attachment = { file: checked.file, type: checked.type, title: form.ok ? form.value.attachmentTitle : null }
    }
  }
  const outcome = await addNote(request, allocationId, { note: form.ok ? form.value : undefined, problems, attachment, scanRefused })
  switch (outcome.state) {
    case 'written':
      return reply.redirect(caseNotesPaths.list({ allocationId }), 303)
    case 'notFound':
      throw notFound()
    case 'notShared':
      return renderCaseSection(reply, 'case-notes/views/new-note.njk', { caseView: outcome.caseView, section: undefined }, 'notes')
    case 'closed':
      return renderForm(request, reply, outcome.caseView, { values, status: 409 })
    case 'invalid':
      return renderForm(request, reply, outcome.caseView, { values, problems: outcome.problems, status: outcome.problems.some((each) => each.field === 'file') ? status : 400 })
  }
}
