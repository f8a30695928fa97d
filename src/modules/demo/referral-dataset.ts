import type { ReferralStatus } from '../referrals/index.ts'

/*
 * The demo's referrals as plain data (referrals.ts seeds them): who else works in the
 * service teams, and how many referrals of each status each service holds.
 */

/**
 * Colleagues the demo accounts work with, so that every service has staff to decide its
 * referrals and hold its places. They have no password and cannot sign in.
 */
export interface DemoColleague {
  email: string
  displayName: string
  organisation: string
  team: string
  role: string
}

export const demoColleagues: readonly DemoColleague[] = [
  { email: 'colleague.pipe.keyworker1@demo.pathways.test', displayName: 'Officer Jude Hazelbrook (demo colleague)', organisation: 'fallowmere-prison', team: 'PIPE wing keyworkers', role: 'prison_keyworker' },
  { email: 'colleague.pipe.keyworker2@demo.pathways.test', displayName: 'Officer Nell Cobblethwaite (demo colleague)', organisation: 'fallowmere-prison', team: 'PIPE wing keyworkers', role: 'prison_keyworker' },
  { email: 'colleague.pipe.clinician@demo.pathways.test', displayName: 'Dr Ade Willowmere (demo colleague)', organisation: 'kestrelmoor-trust', team: 'Fallowmere PIPE clinical team', role: 'clinician' },
  { email: 'colleague.brackenford.clinician@demo.pathways.test', displayName: 'Dr Farah Quillon (demo colleague)', organisation: 'northgate-trust', team: 'Brackenford pathways team', role: 'clinician' },
  { email: 'colleague.brackenford.manager@demo.pathways.test', displayName: 'Ravi Duckworth (demo colleague)', organisation: 'northgate-trust', team: 'Brackenford pathways team', role: 'service_manager' },
  { email: 'colleague.cinderbank.clinician@demo.pathways.test', displayName: 'Dr Tamsin Fernleigh (demo colleague)', organisation: 'silverbeck-trust', team: 'Cinderbank progression unit team', role: 'clinician' },
  { email: 'colleague.cinderbank.officer@demo.pathways.test', displayName: 'Officer Kwame Bellwether (demo colleague)', organisation: 'cinderbank-prison', team: 'Progression unit personal officers', role: 'prison_keyworker' },
  { email: 'colleague.community.clinician@demo.pathways.test', displayName: 'Dr Orla Pennywhistle (demo colleague)', organisation: 'northgate-trust', team: 'Community pathway team', role: 'clinician' },
  { email: 'colleague.womens.manager@demo.pathways.test', displayName: 'Hattie Plumtree (demo colleague)', organisation: 'fellmarsh-womens-centre', team: "Women's case management team", role: 'service_manager' },
  { email: 'colleague.work.manager@demo.pathways.test', displayName: 'Bram Tinkerly (demo colleague)', organisation: 'cogspring-works', team: 'Work experience team', role: 'service_manager' },
  { email: 'colleague.work.coach@demo.pathways.test', displayName: 'Sunita Gearwheel (demo colleague)', organisation: 'cogspring-works', team: 'Work experience team', role: 'charity_case_worker' },
  { email: 'colleague.volunteers.manager@demo.pathways.test', displayName: 'Peregrine Oakhollow (demo colleague)', organisation: 'waystone-volunteers', team: 'Volunteer coordinators', role: 'service_manager' },
  { email: 'colleague.volunteers.worker@demo.pathways.test', displayName: 'Lila Marchbank (demo colleague)', organisation: 'waystone-volunteers', team: 'Volunteer coordinators', role: 'charity_case_worker' },
  { email: 'colleague.housing.manager@demo.pathways.test', displayName: 'Winifred Larkhill (demo colleague)', organisation: 'lindenholt-housing', team: 'Housing support team', role: 'service_manager' },
  { email: 'colleague.housing.worker@demo.pathways.test', displayName: 'Maisie Copperfield (demo colleague)', organisation: 'lindenholt-housing', team: 'Housing support team', role: 'charity_case_worker' },
  { email: 'colleague.liaison.clinician@demo.pathways.test', displayName: 'Dr Idris Kettleburn (demo colleague)', organisation: 'hollowmere-trust', team: 'Liaison and diversion: Marchfield custody suites', role: 'clinician' },
  { email: 'colleague.iom.clinician@demo.pathways.test', displayName: 'Dr Beatrix Mossgrove (demo colleague)', organisation: 'kestrelmoor-trust', team: 'IOM clinical team', role: 'clinician' },
  { email: 'colleague.monitoring.clinician@demo.pathways.test', displayName: 'Dr Cormac Ashbourne (demo colleague)', organisation: 'northgate-trust', team: 'Distant monitoring team', role: 'clinician' },
]

/** How many referrals of one status to one element. Active places come from allocated and started ones. */
export interface Batch {
  element: string
  status: ReferralStatus
  count: number
  /** A status the history passes through on its way (e.g. withdrawn while waiting). */
  via?: ReferralStatus
}

export interface ServicePlan {
  slug: string
  /** Who the service is for, as the demo people's recorded sex. */
  sex?: 'male' | 'female'
  /** Young adults only (18 to 21). */
  youngAdults?: boolean
  /** Where the service works with people: a prison service refers people in custody. */
  custody?: boolean
  batches: readonly Batch[]
}

/**
 * The demo's referrals by service. PIPE Engagement 30 of 30 places and Treatment 28 of 30,
 * women's housing 5 of 5: full and nearly full elements, with people waiting for them.
 */
export const demoReferralPlans: readonly ServicePlan[] = [
  {
    slug: 'fallowmere-pipe',
    sex: 'male',
    custody: true,
    batches: [
      { element: 'Engagement service', status: 'started', count: 24 },
      { element: 'Engagement service', status: 'allocated', count: 6 },
      { element: 'Treatment service', status: 'started', count: 22 },
      { element: 'Treatment service', status: 'allocated', count: 6 },
      { element: 'Engagement service', status: 'waiting', count: 6 },
      { element: 'Treatment service', status: 'waiting', count: 4 },
      { element: 'Treatment service', status: 'accepted', count: 2 },
      { element: 'Engagement service', status: 'in_review', count: 2 },
      { element: 'Treatment service', status: 'submitted', count: 2 },
      { element: 'Engagement service', status: 'information_requested', count: 1 },
      { element: 'Treatment service', status: 'draft', count: 1 },
      { element: 'Engagement service', status: 'declined', count: 2 },
      { element: 'Treatment service', status: 'withdrawn', count: 1, via: 'waiting' },
      { element: 'Treatment service', status: 'completed', count: 3 },
      { element: 'Engagement service', status: 'ended_early', count: 2 },
      { element: 'Treatment service', status: 'transferred', count: 2 },
    ],
  },
  {
    slug: 'womens-supported-housing',
    sex: 'female',
    batches: [
      { element: 'Housing placements', status: 'started', count: 4 },
      { element: 'Housing placements', status: 'allocated', count: 1 },
      { element: 'Housing placements', status: 'waiting', count: 3 },
      { element: 'Housing placements', status: 'declined', count: 1 },
      { element: 'Housing placements', status: 'completed', count: 1 },
    ],
  },
  {
    slug: 'womens-case-management',
    sex: 'female',
    batches: [
      { element: 'Case management', status: 'started', count: 13 },
      { element: 'Case management', status: 'waiting', count: 2 },
      { element: 'Case management', status: 'submitted', count: 1 },
      { element: 'Case management', status: 'in_review', count: 1 },
      { element: 'Case management', status: 'withdrawn', count: 1, via: 'submitted' },
    ],
  },
  {
    slug: 'brackenford-pathways',
    sex: 'male',
    youngAdults: true,
    custody: true,
    batches: [
      { element: 'Intervention Service', status: 'started', count: 17 },
      { element: 'Intervention Service', status: 'waiting', count: 4 },
      { element: 'Outreach and engagement', status: 'started', count: 5 },
      { element: 'Intervention Service', status: 'in_review', count: 1 },
      { element: 'Intervention Service', status: 'accepted', count: 1 },
      { element: 'Intervention Service', status: 'ended_early', count: 1 },
    ],
  },
  {
    slug: 'cinderbank-progression-unit',
    sex: 'male',
    custody: true,
    batches: [
      { element: 'Progression unit places', status: 'started', count: 8 },
      { element: 'Progression unit places', status: 'waiting', count: 2 },
      { element: 'Progression unit places', status: 'submitted', count: 1 },
      { element: 'Progression unit places', status: 'transferred', count: 1 },
    ],
  },
  {
    slug: 'community-pathway',
    batches: [
      { element: 'Consultation', status: 'started', count: 6 },
      { element: 'Co-working', status: 'started', count: 4 },
      { element: 'Co-working', status: 'waiting', count: 2 },
      { element: 'Consultation', status: 'information_requested', count: 1 },
      { element: 'Co-working', status: 'draft', count: 1 },
    ],
  },
  {
    slug: 'work-experience',
    batches: [
      { element: 'Work placements', status: 'started', count: 5 },
      { element: 'Work placements', status: 'waiting', count: 1 },
    ],
  },
  {
    slug: 'volunteer-support',
    batches: [
      { element: 'Volunteer support', status: 'started', count: 30 },
      { element: 'Volunteer support', status: 'completed', count: 4 },
    ],
  },
  {
    slug: 'liaison-and-diversion',
    batches: [
      { element: 'Police custody', status: 'started', count: 8 },
      { element: 'Courts', status: 'completed', count: 4 },
    ],
  },
  {
    slug: 'iom-clinical-review',
    batches: [
      { element: 'Assessment clinics', status: 'started', count: 6 },
      { element: 'Talking-therapy clinics', status: 'submitted', count: 2 },
    ],
  },
  {
    slug: 'distant-monitoring',
    batches: [
      { element: 'Monitoring', status: 'started', count: 8 },
      { element: 'Monitoring', status: 'transferred', count: 2 },
    ],
  },
]
