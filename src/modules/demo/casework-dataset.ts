/*
 * The words of the demo's case work (casework.ts seeds them): formulations, plans, notes,
 * risk plans, groups and closures. Made up, and about no one; picked at random per case.
 */

/** Each section of a formulation's shared part (src/modules/formulation sharedSections), with texts to pick from. */
export const formulationShared: Readonly<Record<string, readonly string[]>> = {
  presentingDifficulties: [
    'Intense and changeable emotions, especially when he feels let down; outbursts of anger on the wing and periods of withdrawal.',
    'Low mood, poor sleep and frequent conflict with staff and peers; says he "cannot trust anyone in uniform".',
    'Self-harm at times of change and distress; struggles to ask for help until things reach a crisis.',
  ],
  predisposingFactors: [
    'Early experiences of neglect and violence at home; several care placements that broke down; excluded from school at 13.',
    'Witnessed domestic abuse as a child; a parent with alcohol problems; bereaved of a sibling in adolescence.',
  ],
  precipitatingFactors: [
    'The breakdown of a relationship shortly before the index offence, and the loss of housing.',
    'Release after a long sentence with no settled accommodation, and a return to old friendships.',
  ],
  perpetuatingFactors: [
    'Cannabis and alcohol use to manage distress; expects rejection and pushes people away first.',
    'Frequent moves between establishments and workers, so relationships end before trust can build.',
  ],
  protectiveFactors: [
    'A close relationship with his grandmother, who visits; wants to be a good father to his daughter.',
    'Has engaged well with education on the wing and values the routine of work.',
  ],
  strengths: ['Humour, loyalty to friends and a talent for drawing.', 'Reflective when calm; keeps going with things he has chosen for himself.'],
  relationalPatterns: [
    'Moves quickly from idealising staff to feeling betrayed by them; tests boundaries with new workers.',
    'Keeps people at a distance, then feels abandoned when they step back.',
  ],
  riskLinks: [
    'Violence has followed perceived humiliation or rejection, usually when intoxicated.',
    'Risk to self rises sharply at points of loss and transition; risk to others when he feels cornered.',
  ],
  recommendations: [
    'A consistent keyworker and clear, predictable boundaries; prepare carefully for every move; psychological therapy focused on emotional regulation.',
    'Continue in the Treatment service; plan a progressive move with a joint hand-over; involve the offender manager in every review.',
  ],
}

/** The clinical-only part (formulation clinicalSections). */
export const formulationClinical: Readonly<Record<string, readonly string[]>> = {
  clinicalImpressions: ['Presentation consistent with emotionally unstable personality traits and complex trauma.', 'Marked difficulties in emotional regulation and interpersonal functioning; no current psychotic symptoms.'],
  diagnosticConsiderations: ['Consider complex PTSD; screen for ADHD, which was queried at school.', 'Likely personality disorder (emotionally unstable type); review substance use once settled.'],
  treatmentRecommendations: ['Mentalization-based group and individual sessions, fortnightly; review after six months.', 'Trauma-focused work once stabilisation skills are in place; medication review with the prison GP.'],
}

/** Goals of a pathway plan, each with actions to pick from. */
export const planGoals: ReadonlyArray<{ description: string; actions: readonly string[] }> = [
  { description: 'Manage strong feelings without harming himself or others', actions: ['Practise the distress-tolerance plan with the keyworker each week', 'Agree an early-warning plan with wing staff'] },
  { description: 'Build a settled routine on the unit', actions: ['Take up a place in the workshop', 'Attend the community meeting each week'] },
  { description: 'Prepare for a progressive move', actions: ['Joint review with the receiving service', 'Visit the receiving unit before the move'] },
  { description: 'Keep in touch with family', actions: ['Arrange supported family visits', 'Write to his daughter each month'] },
  { description: 'Plan for release', actions: ['Refer to approved premises', 'Book a first appointment with the community mental-health team', 'Apply for benefits before release'] },
]

/** Who an action is for when it is not a named worker. */
export const actionOwners: readonly string[] = ['The person', 'Offender manager', 'Wing staff']

export const pathwayTexts = {
  custodyNextService: ['Treatment service on the PIPE wing', 'Progression unit at HMP Cinderbank', 'Therapeutic community'],
  progressionMove: ['To a category C establishment within 12 months', 'To the progression unit once the current programme ends'],
  communityPathway: ['Approved premises, then the community pathway (co-working) with probation', 'Community pathway consultation for the offender manager after release'],
}

/** Note texts by note type (code list case_note_type). */
export const noteTexts: Readonly<Record<string, readonly string[]>> = {
  general: ['Checked in on the wing after the weekend; calmer than last week and asked about the next group.', 'Letter received from the housing provider; discussed what it means and what happens next.'],
  keywork: ['Keywork session: talked about the argument on the servery and what he could do differently next time. Agreed to use his time-out card.', 'Keywork: reviewed the week. Sleeping better; still worried about his daughter. Will ask about a family visit.'],
  therapy_session: ['Session 6 of the emotional-regulation work. Explored the link between feeling dismissed by staff and the urge to lash out. Practised grounding.', 'Therapy session: discussed early memories of being moved between placements; became tearful, then settled. Plan to continue next fortnight.'],
  clinical_assessment: ['Clinical assessment: mood low but reactive; no current thoughts of suicide; sleep poor. Screening for trauma symptoms completed.', 'Review of mental state after recent incident: no psychotic features; heightened anxiety; continues to engage.'],
  risk: ['Risk discussion after an incident on the wing: no injuries; triggers were a cancelled visit and news from home. Risk plan still fits.', 'Shared the updated risk picture with the offender manager; no change to the contingency plan.'],
  safeguarding: ['Concern raised about pressure from other prisoners over debts; moved landing and informed security. Will follow up next week.'],
  liaison: ['Spoke to the healthcare team about his medication review; appointment booked.', 'Liaised with the education department about a place on the art course.'],
  offender_manager_contact: ['Offender manager visit: went through the sentence plan and the parole timetable. He asked good questions and seemed hopeful.', 'Call with the offender manager about release planning; approved premises referral in progress.'],
}

export const amendmentReasons: readonly string[] = ['Wrong date of the incident recorded', 'Added what was agreed at the end of the session', 'Corrected the name of the receiving establishment']

export const riskTexts = {
  summary: [
    'High risk of serious harm to known adults, particularly partners, when intoxicated or feeling rejected. Risk to self at times of change.',
    'Risk of violence to staff when he feels cornered or humiliated; risk currently reduced by a settled routine and good relationships with the keyworkers.',
  ],
  triggers: ['Cancelled visits, bad news from home, feeling disrespected in front of others.', 'Moves between wings or establishments; conflict over debts.'],
  warningSigns: ['Stops coming out for association; says staff "have it in for him"; not sleeping.', 'Becomes loud and argumentative at meal times; stops eating.'],
  protectiveFactors: ['Relationship with his grandmother and daughter; engagement with the workshop.', 'Trusting relationship with his keyworker; taking part in the groups.'],
  contingencies: [
    { action: 'Offer time with the keyworker or a listener the same day', contact: 'Keyworker or the duty officer' },
    { action: 'Open an ACCT if he speaks of self-harm', contact: 'Wing manager' },
    { action: 'Tell the offender manager of any incident within 24 hours', contact: 'Offender manager' },
    { action: 'Arrange an urgent clinical review', contact: 'Lead clinician or the duty clinician' },
  ],
}

export const groupTitles: readonly string[] = ['Emotional regulation skills group', 'Creative writing group', 'Community meeting', 'Relationships group', 'Art and reflection group']

export const closingSummaries: Readonly<Record<'completed' | 'ended_early' | 'transferred', readonly string[]>> = {
  completed: ['Completed the planned programme. Mood and relationships with staff much improved; the formulation and risk plan have been shared with the next service.'],
  ended_early: ['The work ended early. The formulation and latest risk plan are on the record; the offender manager has been told and will re-refer when the time is right.'],
  transferred: ['Transferred as planned. Settled, engaging in groups and keywork; main risks and what helps are in the latest formulation and risk plan. Please keep the fortnightly keywork going through the move.'],
}
