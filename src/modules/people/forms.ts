import { z } from 'zod'
import { codeList } from '../../platform/content/code-lists.ts'

/** Why emergency access is needed; the categories are a code list in content/people.yml. */
export const breakGlassCategories = ['risk_to_life', 'safeguarding', 'continuity_of_care', 'legal_duty'] as const

export const breakGlassForm = z.object({
  category: z.enum(breakGlassCategories, { message: 'people.breakGlass.errors.categoryMissing' }),
  reason: z.string().trim().min(10, 'people.breakGlass.errors.reasonTooShort').max(2000, 'people.breakGlass.errors.reasonTooLong'),
})

// JSON API bodies. The shape is checked here (and documented from these schemas); what the
// values mean — identifiers, dates, names — is read by person-fields.ts, as for the pages.

const codes = (list: string) => codeList(list).codes.map((code) => code.code) as [string, ...string[]]
const apiText = (max: number) => z.string('people.api.errors.notText').max(max, 'people.api.errors.tooLong').nullable().optional()
const apiCode = (list: string, message: string) => z.enum(codes(list), message).nullable().optional()

const personApiFields = {
  givenName: z.string('people.fields.errors.givenNameMissing').describe('Given name, up to 100 characters'),
  familyName: z.string('people.fields.errors.familyNameMissing').describe('Family name, up to 100 characters'),
  dateOfBirth: z.string('people.fields.errors.dateOfBirthMissing').describe('YYYY-MM-DD, in the past and not before 1900'),
  sex: apiCode('sex', 'people.fields.errors.sexUnknown').describe('A code of the "sex" code list'),
  genderIdentity: apiCode('gender_identity', 'people.fields.errors.genderIdentityUnknown').describe('A code of the "gender_identity" code list'),
  pronouns: apiText(50),
  preferredLanguage: apiCode('language', 'people.fields.errors.preferredLanguageUnknown').describe('A code of the "language" code list'),
  interpreterNeeded: z.boolean('people.fields.errors.interpreterNeededInvalid').optional(),
  communicationNeeds: apiText(2000),
  reasonableAdjustments: apiText(2000),
  locationKind: apiCode('location_kind', 'people.fields.errors.locationKindUnknown').describe('custody (give locationEstablishment), community (give locationArea) or unknown'),
  locationEstablishment: apiText(200),
  locationArea: apiText(200),
}

export const createPersonApiBody = z.strictObject(
  {
    ...personApiFields,
    nhsNumber: apiText(20).describe('10 digits with a valid check digit; spaces allowed'),
    pncId: apiText(20).describe('YYYY/NNNNNNNC with a valid check letter'),
    prisonNumber: apiText(20).describe('A1234BC'),
    crn: apiText(20).describe('X123456'),
    teamId: z.string('people.fields.errors.teamMissing').optional().describe("One of the caller's teams, which starts work with the person; may be left out when the caller has one team"),
    confirmNoMatch: z.boolean('people.api.errors.notBoolean').optional().describe('true to create the record although possible matches exist'),
  },
  'people.api.errors.unknownField',
)

/** Any of the details, location and language fields; `version` is the version of the record the change is based on. */
export const updatePersonApiBody = z.strictObject(
  {
    ...z.object(personApiFields).partial().shape,
    version: z.number('people.api.errors.versionMissing').int('people.api.errors.versionMissing').positive('people.api.errors.versionMissing'),
  },
  'people.api.errors.unknownField',
)

const nullableText = z.string().nullable()

/** A person record as the API returns it (GET, and the answer to POST and PATCH). */
export const personRecordApiResponse = z.object({
  id: z.string(),
  version: z.number().int(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  sex: nullableText,
  genderIdentity: nullableText,
  pronouns: nullableText,
  restricted: z.boolean(),
  mergedIntoId: nullableText,
  location: z.object({ kind: nullableText, establishment: nullableText, area: nullableText }),
  language: z.object({ preferred: nullableText, interpreterNeeded: z.boolean(), communicationNeeds: nullableText, reasonableAdjustments: nullableText }),
  identifiers: z.array(z.object({ id: z.string(), kind: z.string(), value: z.string(), recordedAt: z.string(), endedAt: nullableText, endedReason: nullableText })),
  aliases: z.array(z.object({ id: z.string(), type: z.string(), givenName: z.string(), familyName: z.string(), recordedAt: z.string(), removedAt: nullableText })),
  characteristics: z.record(z.string(), z.object({ code: z.string(), codeListVersion: z.string(), recordedAt: z.string() })),
  needs: z.array(z.object({ id: z.string(), need: z.string(), source: z.string(), startedOn: nullableText, endedOn: nullableText })),
  involvements: z.array(z.object({ id: z.string(), team: z.string(), organisation: z.string(), status: z.string(), startedOn: z.string(), endedOn: nullableText, closedReason: nullableText })),
  breakGlassUntil: nullableText,
})

/** The answer to a create that found possible matches: only those the caller may see, and whether any lie elsewhere. */
export const personMatchesApiResponse = z.object({
  matches: z.array(z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), dateOfBirth: z.string(), reasons: z.array(z.string()) })),
  matchElsewhere: z.boolean(),
})
