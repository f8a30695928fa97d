import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SignInPage } from './pages/account-pages.ts'
import { FlagPostPage, ForumCategoryPage, ForumHomePage, ForumSignInPage, ForumSupportPage, ForumTopicPage, ModerationPostPage, ModerationQueuePage } from './pages/forum-pages.ts'
import { HomePage } from './pages/home-page.ts'
import { demoPassword, useSite } from './support/browser.ts'
import { content } from './support/content.ts'
import { demoAccount } from './support/fixtures.ts'

// The involvement forum with the demo members: a member reads a thread, posts a reply the
// filter holds, and reports a post as a safety concern; a moderator approves and hides in
// the queue. Every page is checked by axe (WCAG 2.2 AA) as its page object opens it.

const site = useSite()
const db = () => site().database.handle.db

describe('involvement forum', () => {
  it('a member reads, posts, reports a concern, and a moderator approves and hides', async () => {
    const category = await db().selectFrom('forum_category').select(['id', 'name']).where('name', '=', 'Peer support').executeTakeFirstOrThrow()
    const { id: topicId, title } = await db().selectFrom('forum_topic').select(['id', 'title']).where('title', '=', 'Sleeping after moving on from the wing').executeTakeFirstOrThrow()
    const topic = { id: topicId, title: title ?? '' }
    const worrying = await db().selectFrom('forum_post').select('id').where('body', 'like', 'Since I moved%').executeTakeFirstOrThrow()

    const tab = await site().openTab({ javaScriptEnabled: false })
    const home = await (await new ForumSignInPage(tab).open()).signIn({ username: 'SkyLark', password: demoPassword }, new ForumHomePage(tab))
    const banner = await home.banner().innerText()
    assert.match(banner, /Call the Fallowmere PIPE team/)
    assert.match(banner, /999/)
    assert.match(banner, /116 123/)
    const categoryPage = await home.follow(home.categoryLink(category.name), new ForumCategoryPage(tab, category))
    const thread = await categoryPage.follow(categoryPage.topicLink(topic.title), new ForumTopicPage(tab, topic))
    assert.match(await thread.post('Since I moved').innerText(), /HarbourLight/)

    const held = await thread.reply('Ring me on 07700 900456 if you want to talk', new ForumTopicPage(tab, topic, '?posted=held'))
    assert.match(await held.notice().innerText(), new RegExp(content.t('forum.topic.heldTitle')))
    assert.match(await held.post('Ring me on').innerText(), new RegExp(content.t('forum.topic.awaitingModeration')))

    const report = await held.follow(held.post('Since I moved').getByRole('link', { name: /Report/ }), new FlagPostPage(tab, worrying.id))
    await report.field('I am worried about someone’s safety').check()
    const support = await report.submitTo(new ForumSupportPage(tab, 'flag'))
    assert.match(await support.mainText(), new RegExp(content.t('forum.support.after.flag.heading')))
    const task = await db().selectFrom('case_task').select(['kind', 'source_id']).where('source_id', '=', worrying.id).executeTakeFirstOrThrow()
    assert.equal(task.kind, 'forum_concern')

    const moderatorTab = await site().openTab()
    await (await new SignInPage(moderatorTab).open()).signIn(await demoAccount(db(), 'forum_moderator'), new HomePage(moderatorTab))
    const queue = await new ModerationQueuePage(moderatorTab).open()
    const approved = await queue.approve('Ring me on 07700 900456')
    const reply = await db().selectFrom('forum_post').select(['id', 'status']).where('body', 'like', 'Ring me on%').executeTakeFirstOrThrow()
    assert.equal(reply.status, 'published')
    const unkind = await db().selectFrom('forum_post').select('id').where('body', 'like', 'It’s rubbish%').executeTakeFirstOrThrow()
    await approved.follow(approved.item('It’s rubbish').getByRole('link', { name: /Review/ }), new ModerationPostPage(moderatorTab, unkind.id)).then((page) => page.hide('Unkind about a group'))
    assert.equal((await db().selectFrom('forum_post').select('status').where('id', '=', unkind.id).executeTakeFirstOrThrow()).status, 'hidden')
  })
})
