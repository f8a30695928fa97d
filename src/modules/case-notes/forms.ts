import { z } from 'zod'
import { isCode } from '../../platform/content/code-lists.ts'

// The note and amendment forms, and the JSON API's bodies and answers. Messages are content keys.

export const noteTextMaxLength = 20_000
export const reasonMaxLength = 2_000
export const attachmentTitleMaxLength = 200

const problem = (name: string) => `caseNotes.errors.${name}`

const noteType = z.string({ error: problem('typeMissing') }).refine((code) => isCode('case_note_type', code), problem('typeMissing'))
const noteText = z.string({ error: problem('textMissing') }).trim().min(1, problem('textMissing')).max(noteTextMaxLength, problem('textTooLong'))
const reason = z.string({ error: problem('reasonMissing') }).trim().min(1, problem('reasonMissing')).max(reasonMaxLength, problem('reasonTooLong'))

/** The "add a note" form; the attachment's file is checked apart (platform/files), its title here. */
export const noteForm = z
  .object({
    type: noteType,
    text: noteText,
    // A checkbox: present when ticked.
    healthOnly: z.string().optional(),
    attachmentTitle: z.string({ error: problem('titleTooLong') }).trim().max(attachmentTitleMaxLength, problem('titleTooLong')).optional(),
  })
  .transform((form) => ({ type: form.type, text: form.text, healthOnly: form.healthOnly === 'yes', attachmentTitle: form.attachmentTitle || null }))

export const amendmentForm = z.object({ text: noteText, reason })

export type NoteInput = Pick<z.infer<typeof noteForm>, 'type' | 'text' | 'healthOnly'>
export type AmendmentInput = z.infer<typeof amendmentForm>

// JSON API. A field the API does not take is refused, not ignored: a misspelt `healthOnly` must not quietly share clinical content.

export const notesApiQuery = z.object({
  type: z.string().refine((code) => isCode('case_note_type', code)).optional().catch(undefined).describe('Only notes of this type (a code of the "case_note_type" code list)'),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined).describe('Page number, from 1'),
})

export const noteApiBody = z.strictObject(
  {
    type: noteType.describe('A code of the "case_note_type" code list; therapy_session and clinical_assessment are always health-only'),
    text: noteText.describe(`The note, up to ${noteTextMaxLength} characters`),
    healthOnly: z.boolean({ error: problem('healthOnlyNotBoolean') }).optional().describe('Readable only by clinical staff of health organisations; only such staff may set it'),
  },
  problem('unknownField'),
)

export const amendmentApiBody = z.strictObject(
  {
    text: noteText.describe('The note as it should now read'),
    reason: reason.describe(`Why it is amended, up to ${reasonMaxLength} characters; shown beside the amendment`),
  },
  problem('unknownField'),
)

const staffMember = z.object({ id: z.string(), name: z.string() })

export const noteApiResponse = z.object({
  id: z.string(),
  type: z.string().describe('A code of the "case_note_type" code list'),
  healthOnly: z.boolean(),
  text: z.string().describe('The note as it reads now: the latest amendment\'s text, or the original\'s'),
  originalText: z.string(),
  author: staffMember,
  organisation: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  amendments: z.array(z.object({ id: z.string(), text: z.string(), reason: z.string(), amendedBy: staffMember, amendedAt: z.string() })).describe('Oldest first'),
  attachments: z.array(z.object({ id: z.string(), title: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), uploadedAt: z.string(), href: z.string() })),
})

export const notesApiResponse = z.object({ notes: z.array(noteApiResponse), page: z.number(), pages: z.number(), total: z.number() })

export const apiProblemResponse = z.object({ error: z.string(), message: z.string() })
