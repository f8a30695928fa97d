import type { Locator } from 'playwright-core'
import { adminPaths } from '../../../src/modules/admin/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

export interface OrganisationRef {
  id: string
  name: string
}

export interface UserRef {
  id: string
  displayName: string
}

/** A link in the main content, by its exact text. */
const mainLink = (page: Page, name: string): Locator => page.mainContent().getByRole('link', { name, exact: true })
/** A link styled as a button (role="button") in the main content. */
const mainButtonLink = (page: Page, name: string): Locator => page.mainContent().getByRole('button', { name, exact: true })

export class OrganisationsPage extends Page {
  protected readonly path = adminPaths.organisations()
  readonly heading = content.t('admin.organisations.title')
  protected readonly titleText = content.t('admin.organisations.title')

  organisationLink(name: string): Locator {
    return mainLink(this, name)
  }

  addButton(): Locator {
    return mainButtonLink(this, content.t('admin.organisations.add'))
  }
}

export class OrganisationPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, organisation: OrganisationRef) {
    super(tab)
    this.path = adminPaths.organisation({ organisationId: organisation.id })
    this.heading = organisation.name
    this.titleText = organisation.name
  }

  usersLink(): Locator {
    return mainLink(this, content.t('admin.organisation.users'))
  }
}

export class UsersPage extends Page {
  protected readonly path: string
  readonly heading = content.t('admin.users.title')
  protected readonly titleText: string

  constructor(tab: Tab, organisation: OrganisationRef) {
    super(tab)
    this.path = adminPaths.users({ organisationId: organisation.id })
    this.titleText = `${content.t('admin.users.title')} – ${organisation.name}`
  }

  inviteButton(): Locator {
    return mainButtonLink(this, content.t('admin.users.invite'))
  }

  userLink(displayName: string): Locator {
    return mainLink(this, displayName)
  }
}

export class InviteUserPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('admin.invite.title')
  protected readonly titleText: string
  protected readonly submitText = content.t('admin.invite.submit')

  constructor(tab: Tab, organisation: OrganisationRef) {
    super(tab)
    this.path = adminPaths.inviteUser({ organisationId: organisation.id })
    this.titleText = `${content.t('admin.invite.title')} – ${organisation.name}`
  }
}

export class UserPage extends Page {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, user: UserRef) {
    super(tab)
    this.path = adminPaths.user({ userId: user.id })
    this.heading = user.displayName
    this.titleText = user.displayName
  }
}

export class NewOrganisationPage extends FormPage {
  protected readonly path = adminPaths.newOrganisation()
  readonly heading = content.t('admin.newOrganisation.title')
  protected readonly titleText = content.t('admin.newOrganisation.title')
  protected readonly submitText = content.t('admin.newOrganisation.submit')
}
