/*
 * Case work's public surface, for the section modules (formulation, contacts, case-notes,
 * risk-plans, outcomes), the allocations module and the forum: finding a case in scope,
 * reading a section with its audit row, rendering inside the case layout (template
 * "casework/views/case-layout.njk", which a section template extends, filling `caseSection`
 * and setting `sectionTitle`), writing the case's history, closing a case (with the
 * hand-over of a transfer) and giving workers tasks.
 */
export { caseworkPaths } from './paths.ts'
export { caseworkRoutes } from './routes.ts'
export { caseContext, caseIdOf, findCaseView, readCaseSection, renderCaseSection, type CaseSectionKey, type CaseView, type SectionRead } from './case.ts'
export { addCaseEvent, createCaseTask, teamsToHandOverTo, type CaseEvent, type NewCaseTask, type TeamChoice } from './repository.ts'
export { recordCaseClosure, type CaseClosure } from './closure.ts'
