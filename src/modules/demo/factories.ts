import { drawBackground, drawDetails, givenNamesByCommunity, type PersonDetails } from './person-details.ts'
import type { Random } from './random.ts'

/**
 * Made-up people for the demo, tests and benchmarks. Given names are ordinary and drawn
 * from the communities the services work with; family names are invented and whimsical
 * so that no one could mistake a demo record for a real person. Some carry hyphens,
 * apostrophes, spaces and accented letters, because search has to cope with them. Each
 * person comes with the rest of a record (person-details.ts).
 */

/** Ordinary given names, drawn from the communities the services work with (person-details.ts). */
export const givenNames: readonly string[] = Object.values(givenNamesByCommunity).flat()

/** Hand-made family names with every awkward shape search must handle, the typographic apostrophe (’) included. */
const distinctiveFamilyNames: readonly string[] = [
  'Teacup', 'Marmalade-Finch', 'Quillfeather', 'Puddleby', "O'Thistledown", 'Dvořák-Teacup', 'Brûlée',
  'Crème-Fiddlestick', 'Gâteau-Pebble', 'Piñatawhistle', 'Żurek-Puddleby', 'Soufflé', 'Crêpe-Hollyhock',
  'Kümmel-Crumb', "O'Biscuit", "D'Artichoke", 'McCrumble', 'MacWhistlepot', 'ap Bramble', 'van der Puddle',
  'de la Marmalade', 'Ó Buttonáin', 'Fitzmuffin', 'Gingersnap-Jones', 'Honeypot-Adeyemi', 'Noodle-Singh',
  'Treacle-Kowalczyk', 'Bumblesworth', 'Wigglesby', 'Snickerdoodle', 'Tiddlywink', 'Crumbleton-Ashe',
  'Lollipopova', 'Moonpenny', 'Fairweather-Fudge', "N'Dumpling", 'Ffudgewick', 'Llanpuddle', 'Mac an Tòffee',
  'Bouffant-Okoro', 'Pâtisson', 'Zingiberová', 'Wafflethwaite', 'Spoonbender', 'Parsnip-Ó Dubh',
  "O'Crumpetty", "O'Wobblesby", "D'Aubergine-Smythe", "O'Teasel-Brown", 'O’Gumdrop', "Puddle-O'Hare",
  'Biscuit-Nowak', 'Custard-Mensah', 'Jellybean-Patel', 'Muffin-MacLeod', 'Sprocket-Evans', 'Kettle-Ferreira',
]

const familyNameStems: readonly string[] = [
  'Teacup', 'Marmalade', 'Quill', 'Puddle', 'Thistle', 'Bramble', 'Crumpet', 'Pickle', 'Kettle', 'Toffee',
  'Nettle', 'Acorn', 'Clover', 'Fiddle', 'Lantern', 'Mallow', 'Noodle', 'Parsnip', 'Pebble', 'Ribbon',
  'Saffron', 'Tumble', 'Wobble', 'Biscuit', 'Dumpling', 'Gumdrop', 'Hazelnut', 'Jellybean', 'Muddle', 'Nutmeg',
  'Periwinkle', 'Rhubarb', 'Sprocket', 'Treacle', 'Umbrella', 'Velvet', 'Waffle', 'Yarrow', 'Zigzag', 'Sherbet',
  'Custard', 'Bobbin', 'Crumble', 'Gooseberry', 'Humbug', 'Inkpot', 'Jamjar', 'Kipper', 'Liquorice', 'Marzipan',
  'Pompom', 'Quince', 'Snapdragon', 'Tinsel', 'Walnut', 'Figgy', 'Dandelion', 'Buttercup', 'Hollyhock', 'Teasel',
  'Sugarplum', 'Pudding', 'Barley', 'Cobble', 'Doily', 'Flapjack', 'Gingersnap', 'Jumble', 'Kazoo', 'Lollipop',
]

const familyNameEndings: readonly string[] = [
  'feather', 'whistle', 'bottom', 'puff', 'sprocket', 'bucket', 'crumb', 'doodle', 'flap', 'jingle',
  'muffin', 'nook', 'paddle', 'pocket', 'spoon', 'tuft', 'waddle', 'wiggle', 'button', 'kettle',
  'thimble', 'trumpet', 'biscuit', 'wobble',
]

/** Stem × ending ("Teacupwhistle", "Pebblenook"): enough family names for a 250k-person benchmark. */
const composedFamilyNames: readonly string[] = familyNameStems
  .flatMap((stem) => familyNameEndings.filter((ending) => ending !== stem.toLowerCase()).map((ending) => `${stem}${ending}`))
  .filter((name) => !distinctiveFamilyNames.includes(name))

export const familyNames: readonly string[] = [...distinctiveFamilyNames, ...composedFamilyNames]

/** Share of people given a hand-made name, so small demo sets still show the awkward shapes. */
const distinctiveShare = 0.3

/** How many names there are, so a generator can tell how often a full name will repeat. */
export const nameListSizes = {
  givenNames: givenNames.length,
  familyNames: familyNames.length,
  combinations: givenNames.length * familyNames.length,
} as const

export interface AgeRange {
  min: number
  max: number
}

export const adultAges: AgeRange = { min: 18, max: 70 }
/** The young offender institution service takes young men aged 18 to 21. */
export const youngAdultAges: AgeRange = { min: 18, max: 21 }
/** Share of people made young adults when no age range is asked for, so the YOI service has people to refer. */
const youngAdultShare = 1 / 6

export interface PersonOptions {
  /** Ages to draw from; by default mostly adults 18–70 with a share of young adults 18–21. */
  ages?: AgeRange
  /** The date the ages hold on (YYYY-MM-DD); today by default. Fix it for data that must not change day to day. */
  asOf?: string
}

export interface MadePerson extends PersonDetails {
  given_name: string
  family_name: string
  date_of_birth: string
}

/** The same calendar date `years` earlier; 29 February falls back to the 28th in a common year. */
function yearsBefore(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const lastDayOfMonth = new Date(Date.UTC(year - years, month, 0)).getUTCDate()
  return new Date(Date.UTC(year - years, month - 1, Math.min(day, lastDayOfMonth))).toISOString().slice(0, 10)
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

/** One made-up person; the same `random` state (and `asOf`) always gives the same person. */
export function personFactory(random: Random, options: PersonOptions = {}): MadePerson {
  const asOf = options.asOf ?? today()
  const ages = options.ages ?? (random.chance(youngAdultShare) ? youngAdultAges : adultAges)
  const family_name = random.pick(random.chance(distinctiveShare) ? distinctiveFamilyNames : composedFamilyNames)
  // The given name depends on the community, drawn with sex and ethnicity.
  const background = drawBackground(random)
  const given_name = random.pick(givenNamesByCommunity[background.community])
  // Born after the day they would have turned max + 1, and no later than their min-th birthday.
  const date_of_birth = random.dateBetween(dayAfter(yearsBefore(asOf, ages.max + 1)), yearsBefore(asOf, ages.min))
  const details = drawDetails(random, { name: { given_name, family_name }, dateOfBirth: date_of_birth, youngAdult: date_of_birth > yearsBefore(asOf, youngAdultAges.max + 1), background, asOf, otherFamilyNames: familyNames })
  return { given_name, family_name, date_of_birth, ...details }
}
