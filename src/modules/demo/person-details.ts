// The details of a made-up person beyond their name: identifiers, other names, sex and
// gender, where they are, language, equality characteristics and needs. Every code comes
// from content/code-lists.yml (factories.test.ts checks each against its list); the shares
// follow DOMAIN.md: women and people from Black, Asian and minority ethnic backgrounds are
// over-represented relative to the general population, and every characteristic is
// sometimes declined or not known.

import type { AliasType, IdentifierKind } from '../../platform/db/schema.ts'
import { isValidNhsNumber, isValidPncId } from '../people/index.ts'
import { demoDataset } from './dataset.ts'
import type { Random } from './random.ts'

/** Codes with relative weights; a draw picks one in proportion to its weight. */
export type Weighted<Code extends string = string> = ReadonlyArray<readonly [Code, number]>

export function pickWeighted<Code extends string>(random: Random, weighted: Weighted<Code>): Code {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0)
  let remaining = random.next() * total
  for (const [code, weight] of weighted) {
    remaining -= weight
    if (remaining < 0) return code
  }
  return weighted[weighted.length - 1]![0]
}

// Sex, gender identity and pronouns ------------------------------------------------------------

/** About one in five: L&D caseloads run at about 23% women (DOMAIN.md), far above the prison estate's 4%. */
export const sexShares: Weighted = [['female', 22], ['male', 76], ['prefer_not_to_say', 1], ['not_known', 1]]

/** Gender identity given the sex registered at birth; a small share identify otherwise. */
function genderIdentity(random: Random, sex: string): string {
  const usual = sex === 'female' ? 'woman' : sex === 'male' ? 'man' : null
  if (usual === null) return pickWeighted(random, [['prefer_not_to_say', 1], ['not_known', 2]])
  const other = usual === 'woman' ? 'man' : 'woman'
  return pickWeighted(random, [[usual, 95], [other, 0.6], ['non_binary', 1], ['other', 0.4], ['prefer_not_to_say', 1], ['not_known', 2]])
}

const pronounsOf: Record<string, string> = { woman: 'she/her', man: 'he/him', non_binary: 'they/them' }

// Ethnicity, and the given names and languages that go with it --------------------------------

/**
 * About a third from Black, Asian, mixed or other ethnic groups, against under a fifth in
 * England and Wales (ONS 2021); white British under half. Codes of the `ethnicity` list.
 */
export const ethnicityShares: Weighted = [
  ['white_british', 46], ['white_irish', 3], ['white_gypsy_irish_traveller', 2], ['white_roma', 0.5], ['white_other', 7],
  ['mixed_white_black_caribbean', 4], ['mixed_white_black_african', 1], ['mixed_white_asian', 1], ['mixed_other', 1],
  ['asian_indian', 3], ['asian_pakistani', 4], ['asian_bangladeshi', 2], ['asian_chinese', 0.5], ['asian_other', 1],
  ['black_caribbean', 6], ['black_african', 5], ['black_other', 2],
  ['other_arab', 1], ['other_any', 1.5],
  ['prefer_not_to_say', 3], ['not_known', 4],
]

/** Ordinary given names by the community they are common in. */
export const givenNamesByCommunity = {
  english: [
    'Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'James', 'William', 'Alfie', 'Daniel',
    'Samuel', 'Joseph', 'Ben', 'Liam', 'Ryan', 'Jamie', 'Kyle', 'Dean', 'Lee', 'Craig',
    'Darren', 'Wayne', 'Gary', 'Paul', 'Mark', 'Stephen', 'Emma', 'Olivia', 'Amelia', 'Jessica',
    'Sophie', 'Charlotte', 'Emily', 'Hannah', 'Lauren', 'Leanne', 'Stacey', 'Gemma', 'Donna', 'Tracey',
    'Michelle', 'Sarah', 'Rachel', 'Zoë', 'Anne-Marie', 'Renée', 'Chloé',
  ],
  welsh: ['Dafydd', 'Rhys', 'Gethin', 'Iwan', 'Owain', 'Gareth', 'Huw', 'Siân', 'Rhiannon', 'Cerys', 'Ffion', 'Bethan', 'Nia', 'Angharad', 'Llŷr', 'Llinos'],
  scottish: ['Callum', 'Euan', 'Fraser', 'Hamish', 'Ruaridh', 'Alasdair', 'Eilidh', 'Mhairi', 'Morag', 'Isla', 'Catriona', 'Iona', 'Ailsa'],
  irish: ['Seán', 'Ciarán', 'Pádraig', 'Eoin', 'Niall', 'Oisín', 'Cathal', 'Darragh', 'Niamh', 'Aoife', 'Siobhán', 'Róisín', 'Orla', 'Saoirse', 'Gráinne', 'Bríd'],
  southAsian: [
    'Mohammed', 'Ahmed', 'Imran', 'Bilal', 'Hamza', 'Arjun', 'Rohan', 'Vikram', 'Sanjay', 'Harpreet',
    'Gurpreet', 'Jaswinder', 'Manpreet', 'Rajesh', 'Priya', 'Ayesha', 'Fatima', 'Zainab', 'Nadia', 'Sana',
    'Anjali', 'Deepa', 'Sunita', 'Shabana', 'Tahmina', 'Rukhsana', 'Farhan', 'Tariq', 'Kamran', 'Shazia',
  ],
  westAfrican: ['Kwame', 'Kofi', 'Ama', 'Abena', 'Adebayo', 'Oluwaseun', 'Chiamaka', 'Chukwuemeka', 'Ngozi', 'Folasade', 'Tunde', 'Yewande', 'Emeka', 'Ifeoma', 'Amara', 'Temitope', 'Babajide'],
  eastAfrican: ['Abdi', 'Hodan', 'Ayaan'],
  southernAfrican: ['Tendai', 'Farai'],
  caribbean: ['Delroy', 'Winston', 'Errol', 'Leroy', 'Desmond', 'Clive', 'Marlon', 'Jermaine', 'Tyrone', 'Marcia', 'Beverley', 'Claudette', 'Yvonne', 'Sonia', 'Shanice', 'Tanisha', 'Kemar', 'Jodi-Ann', 'Keisha'],
  polish: ['Łukasz', 'Paweł', 'Piotr', 'Tomasz', 'Krzysztof', 'Wojciech', 'Michał', 'Jakub', 'Agnieszka', 'Małgorzata', 'Katarzyna', 'Zofia', 'Magdalena', 'Joanna', 'Ewa'],
  lithuanian: ['Rūta', 'Žygimantas'],
  romanian: ['Ionuț', 'Andreea'],
  portuguese: ['João', 'Inês'],
  turkish: ['Emre', 'Özlem'],
  kurdish: ['Rebin', 'Shilan'],
  arab: ['Omar', 'Khalid', 'Layla', 'Yasmin'],
  chinese: ['Wei', 'Mei'],
  vietnamese: ['Minh'],
  filipino: ['Maricel'],
} as const satisfies Record<string, readonly string[]>

export type Community = keyof typeof givenNamesByCommunity

/** Where a given name is drawn from, by ethnic group; declined and unknown ethnicity draw from anywhere likely. */
const communitiesByEthnicity: Record<string, Weighted<Community>> = {
  white_british: [['english', 8], ['welsh', 1], ['scottish', 1]],
  white_irish: [['irish', 1]],
  white_gypsy_irish_traveller: [['irish', 1], ['english', 1]],
  white_roma: [['romanian', 1]],
  white_other: [['polish', 5], ['lithuanian', 2], ['romanian', 2], ['portuguese', 1]],
  mixed_white_black_caribbean: [['english', 1], ['caribbean', 1]],
  mixed_white_black_african: [['english', 1], ['westAfrican', 1]],
  mixed_white_asian: [['english', 1], ['southAsian', 1]],
  mixed_other: [['english', 1], ['turkish', 1], ['caribbean', 1]],
  asian_indian: [['southAsian', 1]],
  asian_pakistani: [['southAsian', 1]],
  asian_bangladeshi: [['southAsian', 1]],
  asian_chinese: [['chinese', 1]],
  asian_other: [['vietnamese', 1], ['filipino', 1], ['southAsian', 1]],
  black_caribbean: [['caribbean', 1]],
  black_african: [['westAfrican', 3], ['eastAfrican', 2], ['southernAfrican', 1]],
  black_other: [['caribbean', 1], ['westAfrican', 1]],
  other_arab: [['arab', 1]],
  other_any: [['kurdish', 1], ['turkish', 1]],
  prefer_not_to_say: [['english', 4], ['southAsian', 1], ['caribbean', 1], ['polish', 1]],
  not_known: [['english', 4], ['southAsian', 1], ['caribbean', 1], ['polish', 1]],
}

export function communityFor(random: Random, ethnicity: string): Community {
  return pickWeighted(random, communitiesByEthnicity[ethnicity] ?? [['english', 1]])
}

/** Languages other than English, by community, and how often they are preferred: about 8% of everyone. Codes of the `language` list. */
const otherLanguages: Partial<Record<Community, { share: number; languages: Weighted }>> = {
  welsh: { share: 0.15, languages: [['welsh', 1]] },
  polish: { share: 0.5, languages: [['polish', 1]] },
  lithuanian: { share: 0.5, languages: [['lithuanian', 1]] },
  romanian: { share: 0.5, languages: [['romanian', 1]] },
  portuguese: { share: 0.5, languages: [['portuguese', 1]] },
  southAsian: { share: 0.15, languages: [['urdu', 3], ['punjabi', 3], ['bengali', 2], ['gujarati', 1], ['tamil', 1]] },
  eastAfrican: { share: 0.4, languages: [['somali', 1]] },
  westAfrican: { share: 0.03, languages: [['other', 1]] },
  turkish: { share: 0.4, languages: [['turkish', 1]] },
  kurdish: { share: 0.6, languages: [['kurdish', 1]] },
  arab: { share: 0.4, languages: [['arabic', 1]] },
  chinese: { share: 0.4, languages: [['other', 1]] },
  vietnamese: { share: 0.6, languages: [['vietnamese', 1]] },
}

/** British Sign Language users, in any community. */
const signLanguageShare = 0.004
/** Of those preferring another spoken language, the share who need an interpreter (every BSL user does). */
const interpreterShare = 0.6

function language(random: Random, community: Community): { preferred_language: string; interpreter_needed: boolean } {
  if (random.chance(signLanguageShare)) return { preferred_language: 'british_sign_language', interpreter_needed: true }
  const other = otherLanguages[community]
  if (other && random.chance(other.share)) return { preferred_language: pickWeighted(random, other.languages), interpreter_needed: random.chance(interpreterShare) }
  return { preferred_language: 'english', interpreter_needed: false }
}

// Equality characteristics (person_characteristic) --------------------------------------------

/** The characteristics kept in person_characteristic, each a code list of the same name (ethnicity is drawn first, with the name). */
export const recordedCharacteristics = ['ethnicity', 'religion', 'sexual_orientation', 'disability', 'marital_status', 'pregnancy_maternity', 'gender_reassignment'] as const

const religionShares: Weighted = [['none', 36], ['christian', 32], ['muslim', 10], ['buddhist', 1], ['hindu', 1], ['jewish', 0.5], ['sikh', 1], ['other', 1.5], ['prefer_not_to_say', 6], ['not_known', 11]]
const religionByCommunity: Partial<Record<Community, Weighted>> = {
  southAsian: [['muslim', 55], ['sikh', 15], ['hindu', 15], ['none', 4], ['christian', 1], ['prefer_not_to_say', 4], ['not_known', 6]],
  arab: [['muslim', 80], ['christian', 5], ['none', 3], ['prefer_not_to_say', 4], ['not_known', 8]],
  kurdish: [['muslim', 70], ['none', 10], ['other', 5], ['prefer_not_to_say', 5], ['not_known', 10]],
  turkish: [['muslim', 70], ['none', 15], ['prefer_not_to_say', 5], ['not_known', 10]],
  eastAfrican: [['muslim', 85], ['prefer_not_to_say', 5], ['not_known', 10]],
  polish: [['christian', 75], ['none', 12], ['prefer_not_to_say', 4], ['not_known', 9]],
  chinese: [['none', 50], ['buddhist', 20], ['christian', 10], ['prefer_not_to_say', 5], ['not_known', 15]],
  vietnamese: [['buddhist', 50], ['none', 30], ['not_known', 20]],
}

const otherCharacteristicShares: Record<'sexual_orientation' | 'disability' | 'marital_status', Weighted> = {
  sexual_orientation: [['heterosexual', 82], ['gay_or_lesbian', 2.5], ['bisexual', 2.5], ['other', 0.5], ['prefer_not_to_say', 5], ['not_known', 7.5]],
  // Disability is common in criminal-justice caseloads: learning disability, brain injury, long-term conditions.
  disability: [['limited_a_lot', 15], ['limited_a_little', 20], ['not_limited', 48], ['prefer_not_to_say', 5], ['not_known', 12]],
  marital_status: [
    ['never_married', 60], ['married', 9], ['civil_partnership', 0.5], ['separated_married', 5], ['separated_civil_partnership', 0.2],
    ['divorced', 8], ['civil_partnership_dissolved', 0.2], ['widowed', 2], ['surviving_civil_partner', 0.1], ['prefer_not_to_say', 4], ['not_known', 11],
  ],
}

const pregnancyShares: Weighted = [['pregnant', 3], ['maternity', 3], ['neither', 78], ['prefer_not_to_say', 4], ['not_known', 12]]

function characteristics(random: Random, ethnicity: string, community: Community, sex: string, gender: string): MadeCharacteristic[] {
  const reassignment = ['prefer_not_to_say', 'not_known'].includes(gender)
    ? gender
    : (sex === 'female' && gender === 'woman') || (sex === 'male' && gender === 'man')
      ? pickWeighted(random, [['same', 90], ['prefer_not_to_say', 3], ['not_known', 7]])
      : 'different'
  const made: MadeCharacteristic[] = [
    { characteristic: 'ethnicity', code: ethnicity },
    { characteristic: 'religion', code: pickWeighted(random, religionByCommunity[community] ?? religionShares) },
    { characteristic: 'sexual_orientation', code: pickWeighted(random, otherCharacteristicShares.sexual_orientation) },
    { characteristic: 'disability', code: pickWeighted(random, otherCharacteristicShares.disability) },
    { characteristic: 'marital_status', code: pickWeighted(random, otherCharacteristicShares.marital_status) },
    { characteristic: 'gender_reassignment', code: reassignment },
  ]
  // Asked of women only.
  if (sex === 'female') made.push({ characteristic: 'pregnancy_maternity', code: pickWeighted(random, pregnancyShares) })
  return made
}

// Where the person is, and the identifiers that go with it -------------------------------------

const prisons = demoDataset.organisations.filter((organisation) => organisation.type === 'prison').map((organisation) => organisation.name)
/** The young offender institution, for men aged 18 to 21. */
const youngOffenderInstitution = prisons.find((name) => name.includes('YOI')) ?? prisons[0]!
const adultMensPrisons = prisons.filter((name) => name !== youngOffenderInstitution)
/** None of the partnership's prisons holds women; women in custody are held here, outside it. */
export const womensPrison = 'HMP & YOI Larkhollow'
/** The probation delivery units' areas: "Marchfield North Probation Delivery Unit" → "Marchfield North". */
export const communityAreas = demoDataset.organisations.filter((organisation) => organisation.type === 'probation_delivery_unit').map((organisation) => organisation.name.replace(/ Probation Delivery Unit$/, ''))

export interface MadeLocation {
  location_kind: 'custody' | 'community' | 'unknown'
  location_establishment: string | null
  location_area: string | null
}

function location(random: Random, sex: string, youngAdult: boolean): MadeLocation {
  const kind = pickWeighted(random, sex === 'female' ? [['custody', 15], ['community', 80], ['unknown', 5]] : [['custody', 45], ['community', 50], ['unknown', 5]])
  if (kind === 'community') return { location_kind: 'community', location_establishment: null, location_area: random.pick(communityAreas) }
  if (kind === 'unknown') return { location_kind: 'unknown', location_establishment: null, location_area: null }
  const establishment = sex === 'female' ? womensPrison : youngAdult ? youngOffenderInstitution : random.pick(adultMensPrisons)
  return { location_kind: 'custody', location_establishment: establishment, location_area: null }
}

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const digits = (random: Random, count: number) => Array.from({ length: count }, () => String(random.integer(0, 9))).join('')

/**
 * An NHS number in the 999 range, which the NHS keeps for test data, so no made-up number
 * can be a real person's. Nine digits are drawn until one has a check digit (10 in 11 do).
 */
function nhsNumber(random: Random): string {
  for (;;) {
    const firstNine = `999${digits(random, 6)}`
    const valid = '0123456789'.split('').map((last) => firstNine + last).find(isValidNhsNumber)
    if (valid) return valid
  }
}

/** A PNC ID from a year after the person turned 16: the check letter is the one of the 23 that makes it valid. */
function pncId(random: Random, dateOfBirth: string, asOf: string): string {
  const first = Math.max(Number(dateOfBirth.slice(0, 4)) + 16, 1995)
  const year = random.integer(Math.min(first, Number(asOf.slice(0, 4))), Number(asOf.slice(0, 4)))
  const stem = `${year}/${digits(random, 7)}`
  return letters.split('').map((letter) => stem + letter).find(isValidPncId)!
}

function identifiers(random: Random, place: MadeLocation, dateOfBirth: string, asOf: string): MadeIdentifier[] {
  const made: MadeIdentifier[] = []
  if (random.chance(0.92)) made.push({ kind: 'nhs_number', value: nhsNumber(random) })
  if (random.chance(0.85)) made.push({ kind: 'pnc_id', value: pncId(random, dateOfBirth, asOf) })
  if (place.location_kind === 'custody') made.push({ kind: 'prison_number', value: `${random.pick([...letters])}${digits(random, 4)}${random.pick([...letters])}${random.pick([...letters])}` })
  // Probation manages people on licence and community orders, and many in custody before release.
  if (random.chance(place.location_kind === 'custody' ? 0.6 : 0.85)) made.push({ kind: 'crn', value: `${random.pick([...letters])}${digits(random, 6)}` })
  return made
}

// Other names and needs ---------------------------------------------------------------------------

/** About 15% are known by another name: an alias, a previous (often married) name, or a nickname. */
export const aliasShare = 0.15

function aliases(random: Random, name: { given_name: string; family_name: string }, sex: string, otherFamilyNames: readonly string[]): MadeAlias[] {
  if (!random.chance(aliasShare)) return []
  return Array.from({ length: random.chance(0.2) ? 2 : 1 }, (): MadeAlias => {
    const kind = pickWeighted<AliasType>(random, sex === 'female' ? [['alias', 3], ['previous_name', 5], ['nickname', 2]] : [['alias', 5], ['previous_name', 1], ['nickname', 4]])
    const shortened = [...name.given_name].slice(0, random.integer(3, 4)).join('')
    if (kind === 'nickname' && shortened !== name.given_name) return { alias_type: kind, given_name: shortened, family_name: name.family_name }
    if (kind === 'previous_name') return { alias_type: kind, given_name: name.given_name, family_name: random.pick(otherFamilyNames) }
    return { alias_type: 'alias', given_name: random.pick(Object.values(givenNamesByCommunity).flat()), family_name: random.pick(otherFamilyNames) }
  })
}

/** Needs (the `needs` list) and how often each is recorded; domestic abuse far more often for women. */
function needShares(sex: string): Weighted {
  return [
    ['personality_difficulties', 3], ['mental_distress', 3], ['substance_misuse', 3], ['trauma', 3], ['self_harm', 1.5],
    ['learning_disability', 1], ['neurodivergence', 1], ['acquired_brain_injury', 0.5], ['physical_health', 1],
    ['poverty_and_debt', 2], ['homelessness', 2], ['domestic_violence_and_abuse', sex === 'female' ? 4 : 0.5],
    ['speech_and_language', 1], ['education_training_employment', 1.5],
  ]
}

const needSourceShares: Weighted = [['self_reported', 3], ['assessment', 3], ['referral', 2], ['other_agency_records', 1]]

function needs(random: Random, sex: string, asOf: string): MadeNeed[] {
  const wanted = random.integer(1, 3)
  const chosen = new Set<string>()
  while (chosen.size < wanted) chosen.add(pickWeighted(random, needShares(sex)))
  return [...chosen].map((need) => ({
    need,
    source: pickWeighted(random, needSourceShares),
    started_on: random.chance(0.7) ? random.dateBetween(`${Number(asOf.slice(0, 4)) - 5}${asOf.slice(4)}`, asOf) : null,
  }))
}

// All of it ---------------------------------------------------------------------------------------

export interface MadeIdentifier {
  kind: IdentifierKind
  value: string
}

export interface MadeAlias {
  alias_type: AliasType
  given_name: string
  family_name: string
}

export interface MadeCharacteristic {
  characteristic: (typeof recordedCharacteristics)[number]
  code: string
}

export interface MadeNeed {
  need: string
  source: string
  started_on: string | null
}

export interface PersonDetails extends MadeLocation {
  sex: string
  gender_identity: string
  pronouns: string | null
  preferred_language: string
  interpreter_needed: boolean
  identifiers: MadeIdentifier[]
  aliases: MadeAlias[]
  characteristics: MadeCharacteristic[]
  needs: MadeNeed[]
}

/** Sex, then ethnicity and the community the given name comes from: drawn before the name, which depends on them. */
export function drawBackground(random: Random): { sex: string; ethnicity: string; community: Community } {
  const sex = pickWeighted(random, sexShares)
  const ethnicity = pickWeighted(random, ethnicityShares)
  return { sex, ethnicity, community: communityFor(random, ethnicity) }
}

export interface DetailsInput {
  name: { given_name: string; family_name: string }
  dateOfBirth: string
  youngAdult: boolean
  background: { sex: string; ethnicity: string; community: Community }
  asOf: string
  otherFamilyNames: readonly string[]
}

/** Everything else about the person, drawn from `random` in a fixed order. */
export function drawDetails(random: Random, input: DetailsInput): PersonDetails {
  const { sex, ethnicity, community } = input.background
  const gender = genderIdentity(random, sex)
  const place = location(random, sex, input.youngAdult)
  return {
    sex,
    gender_identity: gender,
    pronouns: random.chance(0.6) ? (pronounsOf[gender] ?? null) : null,
    ...language(random, community),
    ...place,
    identifiers: identifiers(random, place, input.dateOfBirth, input.asOf),
    aliases: aliases(random, input.name, sex, input.otherFamilyNames),
    characteristics: characteristics(random, ethnicity, community, sex, gender),
    needs: needs(random, sex, input.asOf),
  }
}
