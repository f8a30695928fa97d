/*
 * Case work's public surface, for the section modules (formulation, contacts, case-notes,
 * risk-plans, outcomes) and the forum: finding a case in scope, reading a section with its
 * audit row, rendering inside the case layout (template "casework/views/case-layout.njk",
 * which a section template extends, filling `caseSection` and setting `sectionTitle`), and
 * writing the case's history.
 */
export { caseworkPaths } from './paths.ts'
export { caseworkRoutes } from './routes.ts'
export { caseContext, caseIdOf, findCaseView, readCaseSection, renderCaseSection, type CaseSectionKey, type CaseView, type SectionRead } from './case.ts'
export { addCaseEvent, type CaseEvent } from './repository.ts'
