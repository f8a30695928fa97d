import type { Locator } from 'playwright-core'
import { forumPaths } from '../../../src/modules/forum/paths.ts'
import { content } from '../support/content.ts'
import type { Tab } from '../support/tab.ts'
import { FormPage } from './form-page.ts'
import { Page } from './page.ts'

/*
 * The involvement forum: a member's pages (sign-in, the front page, a category, a thread,
 * reporting a post, the help page) and a moderator's (the queue, one post). Each checks its
 * status and runs axe when it opens, as every page object does.
 */

export interface TopicRef {
  id: string
  title: string
}

export interface MemberCredentials {
  username: string
  password: string
}

export class ForumSignInPage extends FormPage {
  protected readonly path = forumPaths.signIn()
  readonly heading = content.t('forum.signIn.title')
  protected readonly titleText = content.t('forum.signIn.title')
  protected readonly submitText = content.t('forum.signIn.submit')

  async signIn<Destination extends Page>(member: MemberCredentials, destination: Destination): Promise<Destination> {
    await this.field(content.t('forum.signIn.username')).fill(member.username)
    await this.field(content.t('forum.signIn.password')).fill(member.password)
    return this.submitTo(destination)
  }
}

/** Every forum page begins with the banner: not for crisis, the member's sponsor, 999, Samaritans, the hours. */
abstract class ForumPage extends Page {
  banner(): Locator {
    return this.page.getByRole('region', { name: content.t('forum.banner.title') })
  }
}

export class ForumHomePage extends ForumPage {
  protected readonly path = forumPaths.home()
  readonly heading = content.t('forum.home.title')
  protected readonly titleText = content.t('forum.home.title')

  categoryLink(name: string): Locator {
    return this.mainContent().getByRole('link', { name, exact: true })
  }
}

export class ForumCategoryPage extends ForumPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string

  constructor(tab: Tab, category: { id: string; name: string }) {
    super(tab)
    this.path = forumPaths.category({ categoryId: category.id })
    this.heading = category.name
    this.titleText = category.name
  }

  topicLink(title: string): Locator {
    return this.mainContent().getByRole('link', { name: title, exact: true })
  }
}

export class ForumTopicPage extends FormPage {
  protected readonly path: string
  readonly heading: string
  protected readonly titleText: string
  protected readonly submitText = content.t('forum.topic.replySubmit')

  constructor(tab: Tab, topic: TopicRef, query = '') {
    super(tab)
    this.path = `${forumPaths.topic({ topicId: topic.id })}${query}`
    this.heading = topic.title
    this.titleText = topic.title
  }

  /** A post on the page, by a phrase of its text. */
  post(text: string): Locator {
    return this.mainContent().locator('article.app-forum-post').filter({ hasText: text })
  }

  async reply(text: string, destination: ForumTopicPage): Promise<ForumTopicPage> {
    await this.field(content.t('forum.post.body')).fill(text)
    return this.submitTo(destination)
  }

  /** The notification banner at the top of the thread (post waiting, published, reported). */
  notice(): Locator {
    return this.mainContent().locator('.govuk-notification-banner:not(.app-forum-banner)')
  }
}

export class FlagPostPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('forum.flag.title')
  protected readonly titleText = content.t('forum.flag.title')
  protected readonly submitText = content.t('forum.flag.submit')

  constructor(tab: Tab, postId: string) {
    super(tab)
    this.path = forumPaths.flagPost({ postId })
  }
}

export class ForumSupportPage extends ForumPage {
  protected readonly path: string
  readonly heading = content.t('forum.support.title')
  protected readonly titleText = content.t('forum.support.title')

  constructor(tab: Tab, after?: 'post' | 'flag') {
    super(tab)
    this.path = after ? `${forumPaths.support()}?after=${after}` : forumPaths.support()
  }
}

export class ModerationQueuePage extends Page {
  protected readonly path: string
  readonly heading = content.t('forum.moderation.title')
  protected readonly titleText = content.t('forum.moderation.title')

  constructor(tab: Tab, done?: string) {
    super(tab)
    this.path = done ? `${forumPaths.moderation()}?done=${done}` : forumPaths.moderation()
  }

  /** The queue item holding a post with `text`. */
  item(text: string): Locator {
    return this.mainContent().locator('article.app-forum-queue-item').filter({ hasText: text })
  }

  async approve(text: string): Promise<ModerationQueuePage> {
    return this.arriveAt(new ModerationQueuePage(this.tab, 'approve'), () => this.item(text).getByRole('button', { name: content.t('forum.moderation.approve') }).click(), 'approving a post')
  }
}

export class ModerationPostPage extends FormPage {
  protected readonly path: string
  readonly heading = content.t('forum.moderationPost.title')
  protected readonly titleText = content.t('forum.moderationPost.title')
  protected readonly submitText = content.t('forum.moderation.hide')

  constructor(tab: Tab, postId: string) {
    super(tab)
    this.path = forumPaths.moderationPost({ postId })
  }

  async hide(reason: string): Promise<ModerationQueuePage> {
    await this.field(content.t('forum.moderationPost.hideReason')).fill(reason)
    return this.submitTo(new ModerationQueuePage(this.tab, 'hide'))
  }
}
