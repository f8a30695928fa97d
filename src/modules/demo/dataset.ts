import type { OrganisationType, ServiceTable } from '../../platform/db/schema.ts'

/**
 * The demo partnership (DOMAIN.md "Services"), as plain data. Every organisation and
 * place name is invented. Rows refer to each other by key (organisations) or slug
 * (services); the seeder turns those into ids.
 */

export interface DemoOrganisation {
  key: string
  name: string
  type: OrganisationType
  /** Key of the organisation this one sits within (a probation delivery unit's region). */
  parent?: string
}

export interface DemoServiceElement {
  name: string
  /** Places available at once; null when DOMAIN.md gives no limit. */
  capacity: number | null
}

export interface DemoService {
  slug: string
  name: string
  summary: string
  setting: ServiceTable['setting']
  /** Key of the organisation that provides the service. */
  provider: string
  /** In the order they are shown. */
  elements: readonly DemoServiceElement[]
}

export interface DemoTeam {
  /** Key of the organisation the team's staff work for. */
  organisation: string
  name: string
  /** Slug of the service the team delivers; absent for a team that is not a service team. */
  service?: string
}

export interface DemoDataset {
  organisations: readonly DemoOrganisation[]
  services: readonly DemoService[]
  teams: readonly DemoTeam[]
}

const organisations: readonly DemoOrganisation[] = [
  { key: 'northgate-trust', name: 'Northgate and Riverside NHS Foundation Trust', type: 'nhs_trust' },
  { key: 'silverbeck-trust', name: 'Silverbeck Mental Health NHS Foundation Trust', type: 'nhs_trust' },
  { key: 'kestrelmoor-trust', name: 'Kestrelmoor Health and Care NHS Trust', type: 'nhs_trust' },
  { key: 'hollowmere-trust', name: 'Hollowmere Community NHS Trust', type: 'nhs_trust' },

  { key: 'marchfield-probation', name: 'Marchfield and Silverbeck Probation Region', type: 'probation_region' },
  { key: 'marchfield-north-pdu', name: 'Marchfield North Probation Delivery Unit', type: 'probation_delivery_unit', parent: 'marchfield-probation' },
  { key: 'marchfield-south-pdu', name: 'Marchfield South Probation Delivery Unit', type: 'probation_delivery_unit', parent: 'marchfield-probation' },
  { key: 'silverbeck-city-pdu', name: 'Silverbeck City Probation Delivery Unit', type: 'probation_delivery_unit', parent: 'marchfield-probation' },
  { key: 'hollowmere-coast-pdu', name: 'Hollowmere and Coast Probation Delivery Unit', type: 'probation_delivery_unit', parent: 'marchfield-probation' },

  { key: 'brackenford-yoi', name: 'HMYOI Brackenford', type: 'prison' },
  { key: 'cinderbank-prison', name: 'HMP Cinderbank', type: 'prison' },
  { key: 'fallowmere-prison', name: 'HMP Fallowmere', type: 'prison' },

  { key: 'marchfield-police', name: 'Marchfield Constabulary', type: 'police_force' },
  { key: 'silverbeck-police', name: 'Silverbeck City Police', type: 'police_force' },

  { key: 'marchfield-magistrates', name: "Marchfield Magistrates' Court", type: 'court' },
  { key: 'hollowmere-magistrates', name: "Hollowmere Magistrates' Court", type: 'court' },
  { key: 'silverbeck-crown-court', name: 'Silverbeck Crown Court', type: 'court' },

  { key: 'fellmarsh-womens-centre', name: "Fellmarsh Women's Centre", type: 'charity' },
  { key: 'cogspring-works', name: 'Cogspring Works', type: 'charity' },
  { key: 'waystone-volunteers', name: 'Waystone Volunteers', type: 'charity' },
  { key: 'lindenholt-housing', name: "Lindenholt Women's Housing", type: 'charity' },

  { key: 'pathway-commissioners', name: 'Marchfield and Silverbeck Pathway Commissioners', type: 'commissioner' },
]

const services: readonly DemoService[] = [
  {
    slug: 'brackenford-pathways',
    name: 'Brackenford young adults pathways service',
    summary: 'Outreach, a 20-place Intervention Service and Enabling Environments support for high-risk men aged 18 to 21 with emerging personality disorder.',
    setting: 'custody',
    provider: 'northgate-trust',
    elements: [
      { name: 'Outreach and engagement', capacity: null },
      { name: 'Intervention Service', capacity: 20 },
      { name: 'Enabling Environments', capacity: null },
    ],
  },
  {
    slug: 'cinderbank-progression-unit',
    name: 'Cinderbank progression unit',
    summary: 'Keywork, psychological therapy and courses for London men of any security category with a realistic prospect of a progressive move within two years.',
    setting: 'custody',
    provider: 'silverbeck-trust',
    elements: [{ name: 'Progression unit places', capacity: null }],
  },
  {
    slug: 'fallowmere-pipe',
    name: 'Fallowmere PIPE wing',
    summary: 'A psychologically informed planned environment with an engagement service for men not yet settled and a treatment service for men ready for psychological work.',
    setting: 'custody',
    provider: 'kestrelmoor-trust',
    elements: [
      { name: 'Engagement service', capacity: 30 },
      { name: 'Treatment service', capacity: 30 },
    ],
  },
  {
    slug: 'community-pathway',
    name: 'Community pathway with probation',
    summary: 'Training, consultation and time-limited co-working with probation for people on licence or community orders with complex needs.',
    setting: 'community',
    provider: 'northgate-trust',
    elements: [
      { name: 'Training', capacity: null },
      { name: 'Consultation', capacity: null },
      { name: 'Co-working', capacity: null },
    ],
  },
  {
    slug: 'womens-case-management',
    name: "Women's case management",
    summary: 'Case management for women on the pathway, working alongside their probation practitioner.',
    setting: 'community',
    provider: 'fellmarsh-womens-centre',
    elements: [{ name: 'Case management', capacity: 15 }],
  },
  {
    slug: 'work-experience',
    name: 'Work experience',
    summary: 'A small number of supported work placements for people building a routine and skills.',
    setting: 'community',
    provider: 'cogspring-works',
    elements: [{ name: 'Work placements', capacity: 6 }],
  },
  {
    slug: 'volunteer-support',
    name: 'Volunteer-led support',
    summary: 'Volunteers who stand alongside people on the pathway, including those leaving prison at the end of their sentence.',
    setting: 'custody_and_community',
    provider: 'waystone-volunteers',
    elements: [{ name: 'Volunteer support', capacity: 50 }],
  },
  {
    slug: 'womens-supported-housing',
    name: "Women's supported housing",
    summary: 'Supported-housing placements for women on the pathway who need a safe place to live.',
    setting: 'community',
    provider: 'lindenholt-housing',
    elements: [{ name: 'Housing placements', capacity: 5 }],
  },
  {
    slug: 'liaison-and-diversion',
    name: 'Liaison and diversion',
    summary: 'Identifies, screens and assesses people of all ages in police custody and at court, and refers, diverts and follows them up.',
    setting: 'custody_and_community',
    provider: 'hollowmere-trust',
    elements: [
      { name: 'Police custody', capacity: null },
      { name: 'Courts', capacity: null },
    ],
  },
  {
    slug: 'iom-clinical-review',
    name: 'IOM cohort clinical review',
    summary: 'Clinical review of the integrated offender management cohort to find mental-health need, with assessment and talking-therapy clinics in probation offices.',
    setting: 'community',
    provider: 'kestrelmoor-trust',
    elements: [
      { name: 'Cohort review', capacity: null },
      { name: 'Assessment clinics', capacity: null },
      { name: 'Talking-therapy clinics', capacity: null },
    ],
  },
  {
    slug: 'distant-monitoring',
    name: 'Distant monitoring',
    summary: 'Tracks people through custody so that services carry on at release: release dates, moves between prisons, handover and re-engagement.',
    setting: 'custody_and_community',
    provider: 'northgate-trust',
    elements: [{ name: 'Monitoring', capacity: null }],
  },
]

const teams: readonly DemoTeam[] = [
  // Service teams: the provider's own staff, plus prison officers who work as keyworkers.
  { organisation: 'northgate-trust', name: 'Brackenford pathways team', service: 'brackenford-pathways' },
  { organisation: 'silverbeck-trust', name: 'Cinderbank progression unit team', service: 'cinderbank-progression-unit' },
  { organisation: 'cinderbank-prison', name: 'Progression unit personal officers', service: 'cinderbank-progression-unit' },
  { organisation: 'kestrelmoor-trust', name: 'Fallowmere PIPE clinical team', service: 'fallowmere-pipe' },
  { organisation: 'fallowmere-prison', name: 'PIPE wing keyworkers', service: 'fallowmere-pipe' },
  { organisation: 'northgate-trust', name: 'Community pathway team', service: 'community-pathway' },
  { organisation: 'fellmarsh-womens-centre', name: "Women's case management team", service: 'womens-case-management' },
  { organisation: 'cogspring-works', name: 'Work experience team', service: 'work-experience' },
  { organisation: 'waystone-volunteers', name: 'Volunteer coordinators', service: 'volunteer-support' },
  { organisation: 'lindenholt-housing', name: 'Housing support team', service: 'womens-supported-housing' },
  { organisation: 'hollowmere-trust', name: 'Liaison and diversion: Marchfield custody suites', service: 'liaison-and-diversion' },
  { organisation: 'hollowmere-trust', name: 'Liaison and diversion: Silverbeck custody suites', service: 'liaison-and-diversion' },
  { organisation: 'hollowmere-trust', name: 'Liaison and diversion: courts', service: 'liaison-and-diversion' },
  { organisation: 'kestrelmoor-trust', name: 'IOM clinical team', service: 'iom-clinical-review' },
  { organisation: 'northgate-trust', name: 'Distant monitoring team', service: 'distant-monitoring' },

  // Teams that are not service teams.
  { organisation: 'marchfield-north-pdu', name: 'Offender management team' },
  { organisation: 'marchfield-south-pdu', name: 'Offender management team' },
  { organisation: 'silverbeck-city-pdu', name: 'Offender management team' },
  { organisation: 'hollowmere-coast-pdu', name: 'Offender management team' },
  // The two Enabling Environments wings of the young offender institution.
  { organisation: 'brackenford-yoi', name: 'Oak wing' },
  { organisation: 'brackenford-yoi', name: 'Birch wing' },
  { organisation: 'cinderbank-prison', name: 'Offender management unit' },
  { organisation: 'fallowmere-prison', name: 'Offender management unit' },
  { organisation: 'marchfield-police', name: 'Integrated offender management unit' },
  { organisation: 'pathway-commissioners', name: 'Pathway commissioning team' },
]

export const demoDataset: DemoDataset = { organisations, services, teams }
