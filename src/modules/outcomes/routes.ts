import { defineRoutes } from '../../platform/http/routes.ts'

export const outcomesRoutes = defineRoutes([])
