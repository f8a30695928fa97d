/** An error with the HTTP status the user should get; anything else becomes a 500. */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429,
    message: string,
  ) {
    super(message)
  }
}

export const badRequest = (message = 'bad request') => new HttpError(400, message)
export const unauthenticated = (message = 'sign in required') => new HttpError(401, message)
export const forbidden = (message = 'forbidden') => new HttpError(403, message)
export const notFound = (message = 'not found') => new HttpError(404, message)
