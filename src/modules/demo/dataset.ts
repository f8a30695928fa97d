import type { OrganisationType } from '../../platform/db/schema.ts'
import type { EligibilityRule, ServiceSetting } from '../services/index.ts'

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
  /** What the service offers, who it is for and how to refer, as the public page shows them. */
  description: string
  audience: string
  howToRefer: string
  /** A team mailbox and a drama number (01632 960xxx): no real person or address. */
  contact: { name: string; email: string; phone: string }
  settings: readonly ServiceSetting[]
  /** Key of the organisation that provides the service. */
  provider: string
  /** In the order they are shown. */
  elements: readonly DemoServiceElement[]
  /** In the order they are shown; a region rule names organisations by key. */
  eligibility: readonly EligibilityRule[]
  /** Empty: any role that may refer, from any kind of organisation. */
  referrerRoles: readonly string[]
  referrerOrganisationTypes: readonly OrganisationType[]
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

// Who refers where, by role (content/roles.yml) and by kind of organisation.
const custodyReferrers = ['clinician', 'probation_officer', 'prison_keyworker'] as const
const probationOrganisations = ['probation_region', 'probation_delivery_unit'] as const
const highRisk: EligibilityRule = { kind: 'risk_level', riskLevels: ['high', 'very_high'] }
const screenedIn: EligibilityRule = { kind: 'opd_screened_in', screenedIn: true }
const men: EligibilityRule = { kind: 'sex', sexes: ['male'] }
const women: EligibilityRule = { kind: 'sex', sexes: ['female'] }

const services: readonly DemoService[] = [
  {
    slug: 'brackenford-pathways',
    name: 'Brackenford young adults pathways service',
    summary: 'Outreach, a 20-place Intervention Service and Enabling Environments support for high-risk men aged 18 to 21 with emerging personality disorder.',
    description: 'Outreach and engagement across the young offender institution; an Intervention Service of 20 places with psychological work, key work and structured and creative groups; and support for Enabling Environments on two wings.',
    audience: 'Young men aged 18 to 21 with emerging personality disorder, assessed as high risk of serious harm, with at least 12 months of their sentence left to serve for the Intervention Service.',
    howToRefer: "Talk to the pathways team about the young man first. Then send the referral form, with the latest OASys assessment, to the team's mailbox. The team replies within 10 working days.",
    contact: { name: 'Brackenford pathways referrals', email: 'brackenford.pathways@example.org', phone: '01632 960101' },
    settings: ['prison'],
    provider: 'northgate-trust',
    elements: [
      { name: 'Outreach and engagement', capacity: null },
      { name: 'Intervention Service', capacity: 20 },
      { name: 'Enabling Environments', capacity: null },
    ],
    eligibility: [{ kind: 'age', minAge: 18, maxAge: 21 }, men, highRisk, { kind: 'sentence_left', minMonths: 12 }],
    referrerRoles: custodyReferrers,
    referrerOrganisationTypes: ['prison', ...probationOrganisations, 'nhs_trust'],
  },
  {
    slug: 'cinderbank-progression-unit',
    name: 'Cinderbank progression unit',
    summary: 'Keywork, psychological therapy and courses for London men of any security category with a realistic prospect of a progressive move within two years.',
    description: 'Keyworker (personal officer) and psychological-therapist sessions, courses, offender-manager visits and supported family visits, preparing men for a progressive move.',
    audience: 'Men from London, of any security category, with a realistic prospect of a progressive move within two years.',
    howToRefer: 'The offender manager sends the referral form with the sentence plan. The unit holds a referrals meeting every month.',
    contact: { name: 'Progression unit referrals', email: 'cinderbank.progression@example.org', phone: '01632 960102' },
    settings: ['prison'],
    provider: 'silverbeck-trust',
    elements: [{ name: 'Progression unit places', capacity: null }],
    eligibility: [men, { kind: 'region', areas: ['London'], organisationIds: [] }],
    referrerRoles: custodyReferrers,
    referrerOrganisationTypes: ['prison', ...probationOrganisations],
  },
  {
    slug: 'fallowmere-pipe',
    name: 'Fallowmere PIPE wing',
    summary: 'A psychologically informed planned environment with an engagement service for men not yet settled and a treatment service for men ready for psychological work.',
    description: 'An Engagement service for men who are unsettled and not yet working on their sentence plan, and a Treatment service for settled men ready for psychological treatment. Keyworkers, workshops, social and creative activities and third-sector activities on the wing.',
    audience: 'Men on the offender personality disorder pathway who need a psychologically informed environment to settle, engage or progress.',
    howToRefer: 'Discuss the man with the PIPE clinical team, then send the referral form. The team decides at its fortnightly referrals meeting and tells the referrer which service, if either, is offered.',
    contact: { name: 'Fallowmere PIPE referrals', email: 'fallowmere.pipe@example.org', phone: '01632 960103' },
    settings: ['prison'],
    provider: 'kestrelmoor-trust',
    elements: [
      { name: 'Engagement service', capacity: 30 },
      { name: 'Treatment service', capacity: 30 },
    ],
    eligibility: [men, screenedIn],
    referrerRoles: custodyReferrers,
    referrerOrganisationTypes: ['prison', ...probationOrganisations, 'nhs_trust'],
  },
  {
    slug: 'community-pathway',
    name: 'Community pathway with probation',
    summary: 'Training, consultation and time-limited co-working with probation for people on licence or community orders with complex needs.',
    description: 'Three tiers: training for probation staff; consultation (screening, case formulation, agreeing strategies, risk-management planning); and time-limited co-working of the most complex cases.',
    audience: 'People managed by probation who are screened in to the offender personality disorder pathway and assessed as high or very high risk of serious harm.',
    howToRefer: 'The probation practitioner books a consultation through the team mailbox. Co-working is agreed at consultation.',
    contact: { name: 'Community pathway team', email: 'community.pathway@example.org', phone: '01632 960104' },
    settings: ['community'],
    provider: 'northgate-trust',
    elements: [
      { name: 'Training', capacity: null },
      { name: 'Consultation', capacity: null },
      { name: 'Co-working', capacity: null },
    ],
    eligibility: [screenedIn, highRisk],
    referrerRoles: ['probation_officer'],
    referrerOrganisationTypes: probationOrganisations,
  },
  {
    slug: 'womens-case-management',
    name: "Women's case management",
    summary: 'Case management for women on the pathway, working alongside their probation practitioner.',
    description: 'A named case worker for up to 15 women at a time, working alongside their probation practitioner on housing, money, relationships and appointments.',
    audience: 'Women on the pathway, in the community or leaving prison.',
    howToRefer: "Send the referral form to the women's centre. A case worker calls the referrer within a week.",
    contact: { name: "Fellmarsh women's case management", email: 'casemanagement@fellmarsh.example.org', phone: '01632 960105' },
    settings: ['community'],
    provider: 'fellmarsh-womens-centre',
    elements: [{ name: 'Case management', capacity: 15 }],
    eligibility: [women],
    referrerRoles: ['probation_officer', 'clinician', 'charity_case_worker', 'liaison_diversion_practitioner'],
    referrerOrganisationTypes: [],
  },
  {
    slug: 'work-experience',
    name: 'Work experience',
    summary: 'A small number of supported work placements for people building a routine and skills.',
    description: 'Supported placements in a community workshop, with a work coach, for a small number of people at a time.',
    audience: 'People on the pathway in the community who want to build a routine and skills for work.',
    howToRefer: 'Email the work coach with a short note about the person and what they would like to do.',
    contact: { name: 'Cogspring work coach', email: 'placements@cogspring.example.org', phone: '01632 960106' },
    settings: ['community'],
    provider: 'cogspring-works',
    elements: [{ name: 'Work placements', capacity: 6 }],
    eligibility: [{ kind: 'age', minAge: 18, maxAge: null }],
    referrerRoles: [],
    referrerOrganisationTypes: [],
  },
  {
    slug: 'volunteer-support',
    name: 'Volunteer-led support',
    summary: 'Volunteers who stand alongside people on the pathway, including those leaving prison at the end of their sentence.',
    description: 'A trained volunteer for around 50 people at a time: meeting at the gate, going to appointments, and keeping in touch after the end of a sentence.',
    audience: 'People on the pathway, in prison or in the community, including those leaving prison at the end of their sentence with no licence.',
    howToRefer: 'Send the referral form at least four weeks before release, so a volunteer can meet the person beforehand.',
    contact: { name: 'Waystone volunteer coordinators', email: 'coordinators@waystone.example.org', phone: '01632 960107' },
    settings: ['prison', 'community'],
    provider: 'waystone-volunteers',
    elements: [{ name: 'Volunteer support', capacity: 50 }],
    eligibility: [],
    referrerRoles: [],
    referrerOrganisationTypes: [],
  },
  {
    slug: 'womens-supported-housing',
    name: "Women's supported housing",
    summary: 'Supported-housing placements for women on the pathway who need a safe place to live.',
    description: 'Five supported-housing placements, each with a key worker, for women who need a safe place to live while they settle.',
    audience: 'Women on the pathway who are homeless or at risk of homelessness, including women leaving prison.',
    howToRefer: "Send the referral form with the risk management plan. Lindenholt's housing panel meets every two weeks.",
    contact: { name: 'Lindenholt housing panel', email: 'panel@lindenholt.example.org', phone: '01632 960108' },
    settings: ['housing', 'community'],
    provider: 'lindenholt-housing',
    elements: [{ name: 'Housing placements', capacity: 5 }],
    eligibility: [women, { kind: 'age', minAge: 18, maxAge: null }],
    referrerRoles: ['probation_officer', 'charity_case_worker'],
    referrerOrganisationTypes: [...probationOrganisations, 'charity'],
  },
  {
    slug: 'liaison-and-diversion',
    name: 'Liaison and diversion',
    summary: 'Identifies, screens and assesses people of all ages in police custody and at court, and refers, diverts and follows them up.',
    description: 'Practitioners in custody suites and courts identify, screen and assess people with mental-health needs, learning disabilities or substance misuse, then refer or divert them and follow them up.',
    audience: 'People of all ages in police custody or at court.',
    howToRefer: 'Police and court staff call the practitioner on duty. Anyone else can email the team.',
    contact: { name: 'Liaison and diversion duty line', email: 'liaison.diversion@example.org', phone: '01632 960109' },
    settings: ['police_custody', 'court'],
    provider: 'hollowmere-trust',
    elements: [
      { name: 'Police custody', capacity: null },
      { name: 'Courts', capacity: null },
    ],
    eligibility: [],
    referrerRoles: [],
    referrerOrganisationTypes: [],
  },
  {
    slug: 'iom-clinical-review',
    name: 'IOM cohort clinical review',
    summary: 'Clinical review of the integrated offender management cohort to find mental-health need, with assessment and talking-therapy clinics in probation offices.',
    description: 'Clinical review of the whole cohort, co-located assessment clinics, talking-therapy clinics in probation offices, and treatment packages for community sentence treatment requirements.',
    audience: 'People in the integrated offender management cohort managed in Marchfield.',
    howToRefer: 'The IOM unit shares its cohort list each month; practitioners can also book a clinic slot through the team mailbox.',
    contact: { name: 'IOM clinical team', email: 'iom.clinical@example.org', phone: '01632 960110' },
    settings: ['community'],
    provider: 'kestrelmoor-trust',
    elements: [
      { name: 'Cohort review', capacity: null },
      { name: 'Assessment clinics', capacity: null },
      { name: 'Talking-therapy clinics', capacity: null },
    ],
    eligibility: [{ kind: 'region', areas: [], organisationIds: ['marchfield-north-pdu', 'marchfield-south-pdu'] }],
    referrerRoles: ['probation_officer'],
    referrerOrganisationTypes: [...probationOrganisations, 'police_force'],
  },
  {
    slug: 'distant-monitoring',
    name: 'Distant monitoring',
    summary: 'Tracks people through custody so that services carry on at release: release dates, moves between prisons, handover and re-engagement.',
    description: 'Keeps track of release dates and moves between prisons, hands over before release and re-engages people after release when contact is lost.',
    audience: 'People on the pathway who are in custody and will be released to the region.',
    howToRefer: 'The pathway team that knows the person adds them to distant monitoring; other services email the team.',
    contact: { name: 'Distant monitoring team', email: 'distant.monitoring@example.org', phone: '01632 960111' },
    settings: ['prison', 'community'],
    provider: 'northgate-trust',
    elements: [{ name: 'Monitoring', capacity: null }],
    eligibility: [screenedIn],
    referrerRoles: ['clinician', 'probation_officer'],
    referrerOrganisationTypes: [],
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
