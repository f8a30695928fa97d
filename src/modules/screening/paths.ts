import { path } from '../../platform/http/paths.ts'
import type { Population } from './rules.ts'

export const screeningPaths = {
  /** A person's screenings, newest first. */
  personScreenings: path('/people/:personId/screenings'),
  /** GET: the questions of the version in force (or which criteria and date first); POST records the screening. */
  newScreening: path('/people/:personId/screenings/new'),
  screening: path('/screenings/:screeningId'),
  override: path('/screenings/:screeningId/override'),
  ruleSets: path('/screening/rule-sets'),
  /** GET/POST with `?from=<rule set id>`: a new version based on that one. */
  newRuleSet: path('/screening/rule-sets/new'),
  api: {
    personScreenings: path('/api/v1/people/:personId/screenings'),
    screening: path('/api/v1/screenings/:screeningId'),
    override: path('/api/v1/screenings/:screeningId/override'),
    ruleSets: path('/api/v1/screening/rule-sets'),
  },
  /** The new-version form based on a version. */
  newRuleSetFrom(ruleSetId: string): string {
    return `${screeningPaths.newRuleSet()}?${new URLSearchParams({ from: ruleSetId }).toString()}`
  },
  /**
   * The screening form for a chosen population and date; with `change`, the question of
   * which criteria and date apply, filled in with them.
   */
  newScreeningWith(personId: string, choice: { population: Population; screenedOn: string }, options: { change?: boolean } = {}): string {
    const query = new URLSearchParams({ population: choice.population, screened_on: choice.screenedOn, ...(options.change ? { change: 'yes' } : {}) })
    return `${screeningPaths.newScreening({ personId })}?${query.toString()}`
  },
}
