import type { Locator } from 'playwright-core'
import { accessPaths } from '../../../src/modules/access/paths.ts'
import { auditReviewPaths } from '../../../src/modules/audit-review/paths.ts'
import { content } from '../support/content.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

/** The audit trail for an IG lead: a filter form (GET) and the events of their organisation. */
export class AuditTrailPage extends FormPage {
  protected readonly path = auditReviewPaths.events()
  readonly heading = content.t('auditReview.page.title')
  protected readonly titleText = content.t('auditReview.page.title')
  protected readonly submitText = content.t('auditReview.filters.apply')

  personFilter(): Locator {
    return this.field(content.t('auditReview.filters.person'))
  }

  /** The rows of the events table (none when nothing matches). */
  eventRows(): Locator {
    return this.mainContent().locator('table tbody tr')
  }
}

export class AgreementsPage extends Page {
  protected readonly path = accessPaths.agreements()
  readonly heading = content.t('access.agreements.title')
  protected readonly titleText = content.t('access.agreements.title')

  addButton(): Locator {
    return this.mainContent().getByRole('button', { name: content.t('access.agreements.add'), exact: true })
  }
}

export class NewAgreementPage extends FormPage {
  protected readonly path = accessPaths.newAgreement()
  readonly heading = content.t('access.newAgreement.title')
  protected readonly titleText = content.t('access.newAgreement.title')
  protected readonly submitText = content.t('access.newAgreement.submit')
}

/** Break-glass uses by the IG lead's organisation that wait for review. */
export class BreakGlassQueuePage extends Page {
  protected readonly path = accessPaths.breakGlassQueue()
  readonly heading = content.t('access.breakGlass.title')
  protected readonly titleText = `${content.t('access.breakGlass.title')} – ${content.t('access.breakGlass.waiting')}`

  useRows(): Locator {
    return this.mainContent().locator('table tbody tr')
  }
}
