/** The page's calls to the workspace: GET without a body, POST with JSON (the only kind it takes). */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** An element of the page's shell by id. */
export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
