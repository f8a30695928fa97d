import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Tx } from '../../../platform/db/database.ts'
import type { CaseView } from '../../casework/index.ts'
import { caseCommand } from '../case-command.ts'
import { saveFormulation } from '../commands.ts'
import { formulationPaths } from '../paths.ts'
import { caseStaff, formulationVersion, type CaseWorker, type FormulationVersion } from '../repository.ts'
import { formulationParts, writableParts } from '../rules.ts'
import { answerFormPage, showFormPage, type FormPage } from './form-pages.ts'
import { formulationCategories } from './show-formulation.ts'

interface NewVersionForm {
  latest: FormulationVersion | undefined
  /** Who may be named as a co-author, without the caller (always an author). */
  coAuthors: CaseWorker[]
}

function newVersionPage(request: FastifyRequest): FormPage<NewVersionForm> {
  const userId = request.principal!.userId
  return {
    template: 'formulation/views/new-version.njk',
    section: 'formulation',
    read: { action: 'formulation.view', categories: formulationCategories },
    async load(tx: Tx, caseView: CaseView) {
      return { latest: await formulationVersion(tx, caseView.id, caseView.readable), coAuthors: (await caseStaff(tx, caseView)).filter((worker) => worker.id !== userId) }
    },
    context(shown, caseView) {
      return {
        latest: shown.latest,
        writable: Object.fromEntries(writableParts(caseView.readable).map((part) => [part, formulationParts[part].sections])),
        basedOnVersion: shown.latest?.version ?? 0,
        coAuthors: shown.coAuthors,
      }
    },
  }
}

/** GET: the form, filled in from the latest version the caller may read. */
export function showNewFormulation(request: FastifyRequest, reply: FastifyReply) {
  return showFormPage(request, reply, newVersionPage(request), (shown) => ({ ...shown.latest?.shared, ...shown.latest?.clinical }))
}

/** POST: saves a new version, or shows the form again with what was typed. */
export async function saveNewFormulation(request: FastifyRequest, reply: FastifyReply) {
  const page = newVersionPage(request)
  const outcome = await caseCommand(request, { action: 'formulation.create', categories: formulationCategories, load: page.load, run: (tx, caseView) => saveFormulation(request, tx, caseView) })
  return answerFormPage(request, reply, page, outcome, {
    done: (_done, caseView) => formulationPaths.formulation({ allocationId: caseView.id }),
    firstField: (caseView) => formulationParts[writableParts(caseView.readable)[0] ?? 'shared'].sections[0] ?? 'presentingDifficulties',
    staleKey: 'formulation.new.errors.stale',
  })
}
