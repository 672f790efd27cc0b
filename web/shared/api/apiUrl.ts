// The URL of an API call from its OpenAPI path template (openapi.ts).

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** The URL of a call: path parameters encoded into the template, defined query values appended. */
export function apiUrl(path: string, params?: Record<string, string | number>, query?: Record<string, QueryValue>): string {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`apiUrl: missing path parameter ${name} of ${path}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  const text = search.toString();
  return text ? `${url}?${text}` : url;
}
