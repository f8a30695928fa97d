/** The names of the `:params` in a route pattern, as an object type. */
export type PathParams<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : Pattern extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>

export type PathBuilder<Pattern extends string> = ((
  ...params: keyof PathParams<Pattern> extends never ? [] : [PathParams<Pattern>]
) => string) & { readonly pattern: Pattern }

/**
 * A typed URL: `pattern` for route registration, a call for links and redirects.
 * Parameters are URL-encoded, so a value can never change the shape of the path.
 */
export function path<Pattern extends string>(pattern: Pattern): PathBuilder<Pattern> {
  const build = (...args: unknown[]) => {
    const params = (args[0] ?? {}) as Record<string, string>
    return pattern.replace(/:(\w+)/g, (_whole, name: string) => {
      const value = params[name]
      if (value === undefined || value === '') throw new TypeError(`path ${pattern} needs a value for :${name}`)
      return encodeURIComponent(value)
    })
  }
  return Object.assign(build, { pattern }) as PathBuilder<Pattern>
}
