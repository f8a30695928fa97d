import path from 'node:path'
import { projectRoot } from '../../../src/platform/app.ts'
import { loadContent } from '../../../src/platform/content/content.ts'

/**
 * The same words the app renders (content/*.yml), so page objects expect the text a
 * page should show rather than a copy of it. Strict: a missing key fails the test.
 */
export const content = loadContent(path.join(projectRoot, 'content'), { strict: true })
