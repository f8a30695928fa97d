import { isApiPath } from '../../platform/http/openapi.ts'
import type { RouteDeclaration } from '../../platform/http/routes.ts'

export interface OperationGroup {
  tag: string
  operations: { method: string; path: string; summary: string; capability: string }[]
}

/** The described API operations grouped by tag, tags and paths in alphabetical order. */
export function describedOperations(routes: readonly RouteDeclaration[]): OperationGroup[] {
  const groups = new Map<string, OperationGroup['operations']>()
  for (const route of routes) {
    if (!isApiPath(route.path) || !route.api) continue
    const operations = groups.get(route.api.tag) ?? []
    operations.push({ method: route.method, path: route.path, summary: route.api.summary, capability: route.capability })
    groups.set(route.api.tag, operations)
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, operations]) => ({ tag, operations: operations.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method)) }))
}
