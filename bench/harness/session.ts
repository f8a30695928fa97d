/**
 * A browser's sign-in, over HTTP as a person would do it: the sign-in page for a session and
 * its CSRF token, the form posted, and the signed-in session's token read from a page's form.
 */

export interface SignedIn {
  cookie: string
  csrf: string
}

function cookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]!).find((pair) => pair.includes('session='))
  if (!cookie) throw new Error(`no session cookie from ${response.url} (${response.status})`)
  return cookie
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no _csrf field on the page')
  return token
}

export async function signIn(origin: string, email: string, password: string): Promise<SignedIn> {
  const page = await fetch(`${origin}/sign-in`)
  const visitor = cookieOf(page)
  const posted = await fetch(`${origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await page.text()), email, password }).toString(),
  })
  if (posted.status !== 303) throw new Error(`signing in as ${email} answered ${posted.status}`)
  const cookie = cookieOf(posted)
  const account = await fetch(`${origin}/account`, { headers: { cookie } })
  if (account.status !== 200) throw new Error(`the account page answered ${account.status} after signing in as ${email}`)
  return { cookie, csrf: csrfOf(await account.text()) }
}
