import { defineRoutes } from '../../platform/http/routes.ts'

export const forumRoutes = defineRoutes([])
