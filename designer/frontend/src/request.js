// Posting pathway text to the server's check and preview endpoints, shared by the editor and the
// diagram so both send the antiforgery token and read problem responses the same way.

/** The antiforgery token the page carries in `<meta name="csrf-token" content="...">`, if any. */
function antiforgeryToken() {
  return document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || null;
}

/**
 * POSTs `body` as JSON and returns `{ status, json }`. 200 and 422 both carry diagnostics, so both
 * are answers; any other status, or a body that is not JSON, is returned with `json` null for the
 * caller to say the service is unavailable. An aborted request rejects with an AbortError.
 */
export async function postJson(url, body, signal) {
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json, application/problem+json',
  };
  const token = antiforgeryToken();
  if (token) headers.RequestVerificationToken = token;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  let json = null;
  if (response.status === 200 || response.status === 422) {
    try {
      json = await response.json();
    } catch {
      json = null;
    }
  }
  return { status: response.status, json };
}

/**
 * Runs `task` at most once per `wait` ms after the last call, aborting the previous run's request
 * when a newer call arrives so an old answer can never overwrite a newer one.
 */
export function latestOnly(task, wait) {
  let timer = null;
  let controller = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      controller?.abort();
      controller = new AbortController();
      task(controller.signal, ...args).catch((error) => {
        if (error?.name !== 'AbortError') console.error(error);
      });
    }, wait);
  };
}
