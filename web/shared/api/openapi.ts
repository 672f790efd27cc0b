// Typed calls of the JSON API: paths, parameters, bodies and answers come from the types generated from the
// server's route schemas (generated/openapi.d.ts, `npm run gen:api`). The calls go through apiFetch (session
// cookie, ApiError with the server's code and bilingual message).
import type { paths } from './generated/openapi';
import { apiFetch } from './apiFetch';
import { apiUrl, type QueryValue } from './apiUrl';

export type ApiPath = keyof paths;
export type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

type Operation<P extends ApiPath, M extends HttpMethod> = Extract<paths[P][M], { responses: unknown }>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessOf<Rs> = { [K in keyof Rs]: K extends 200 | 201 | 202 ? JsonOf<Rs[K]> : K extends 204 ? undefined : never }[keyof Rs];

/** The paths that answer to a method. */
export type PathsWith<M extends HttpMethod> = { [P in ApiPath]: Operation<P, M> extends never ? never : P }[ApiPath];
/** The JSON a successful call answers with (undefined for 204). */
export type ApiResponse<P extends ApiPath, M extends HttpMethod = 'get'> = SuccessOf<Operation<P, M>['responses']>;
/** The JSON body a call sends. */
export type ApiBody<P extends ApiPath, M extends HttpMethod> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
/** The query parameters of a call. */
export type ApiQuery<P extends ApiPath, M extends HttpMethod = 'get'> = NonNullable<Operation<P, M>['parameters']['query']>;
/** The path parameters of a call ({campaignId} …). */
export type ApiPathParams<P extends ApiPath, M extends HttpMethod = 'get'> = NonNullable<Operation<P, M>['parameters']['path']>;

type Part<K extends string, T, Required extends boolean> = [T] extends [never] ? { [_ in K]?: never } : Required extends true ? { [_ in K]: T } : { [_ in K]?: T };
type HasRequiredBody<O> = O extends { requestBody: object } ? true : false;
type Init<P extends ApiPath, M extends HttpMethod> = { signal?: AbortSignal } & Part<'params', ApiPathParams<P, M>, true> &
  Part<'query', ApiQuery<P, M>, false> & Part<'body', ApiBody<P, M>, HasRequiredBody<Operation<P, M>>>;
/** the init argument may be left out when nothing in it is required */
type InitArgs<P extends ApiPath, M extends HttpMethod> = object extends Init<P, M> ? [init?: Init<P, M>] : [init: Init<P, M>];

function call<M extends HttpMethod>(method: M) {
  return <P extends PathsWith<M>>(path: P, ...[init]: InitArgs<P, M>): Promise<ApiResponse<P, M>> => {
    const { params, query, body, signal } = (init ?? {}) as { params?: Record<string, string>; query?: Record<string, QueryValue>; body?: unknown; signal?: AbortSignal };
    const upper = method.toUpperCase() as 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
    return apiFetch<ApiResponse<P, M>>(apiUrl(path, params, query), { method: upper, body, signal });
  };
}

/**
 * e.g. `api.get('/api/campaigns/{id}', { params: { id }, signal })` → `{ campaign }`;
 * `api.post('/api/campaigns/{campaignId}/results/apply', { params: { campaignId }, body: { sipas: true, leadership: false } })`.
 */
export const api = {
  get: call('get'),
  put: call('put'),
  post: call('post'),
  patch: call('patch'),
  delete: call('delete'),
};
