// One way the kiosk talks to the server: a request either answers 2xx, or throws ServerUnreachable (no answer in
// time: the network or the server is down) or ServerRefused (an answer, with its ProblemDetails when it has one).
export const requestTimeoutMs = 15000;

export class ServerUnreachable extends Error {}
export class ServerRefused extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function send(url, init, timeoutMs = requestTimeoutMs) {
  let response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new ServerUnreachable();
  }
  if (response.ok) return response;
  const problem = await response.json().catch(() => null);
  throw new ServerRefused(response.status, problem);
}

export function postJson(url, body, timeoutMs = requestTimeoutMs) {
  return send(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  }, timeoutMs);
}
