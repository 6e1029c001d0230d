/**
 * Secrets that travel in URLs: the personal calendar feed (`/calendar/<token>.ics`, for calendar
 * apps that cannot send a header) and `token` query parameters of links sent by e-mail. Request
 * logs keep the route's shape without them.
 */
const SECRET_IN_PATH = /(\/calendar\/)[^/?#]+(\.ics)/g;
const SECRET_IN_QUERY = /([?&](?:token|feedToken)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_IN_PATH, '$1[Redacted]$2').replace(SECRET_IN_QUERY, '$1[Redacted]');
}

interface SerializedRequest {
  url?: string;
  params?: unknown;
  query?: Record<string, unknown>;
  [key: string]: unknown;
}

/** pino-http's `req` serializer: the URL redacted, path parameters dropped (they repeat the URL). */
export function redactRequest(req: SerializedRequest): SerializedRequest {
  const { params: _params, query, url, ...rest } = req;
  const redactedQuery =
    query && typeof query === 'object'
      ? Object.fromEntries(
          Object.entries(query).map(([k, v]) => [k, /^(token|feedtoken)$/i.test(k) ? '[Redacted]' : v]),
        )
      : query;
  return { ...rest, url: url === undefined ? url : redactUrl(url), query: redactedQuery };
}
