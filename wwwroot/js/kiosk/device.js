// This browser as a kiosk: pairing it with an admin's one-time code, its check-in, and the key it signs offline scans
// with. The device token is an HttpOnly cookie this script never sees; the signing key is a non-extractable WebCrypto
// key pair made here at pairing (only the public half leaves the browser) and kept in IndexedDB.
const databaseName = "faceattendance-kiosk-device";
const storeName = "keys";
const keyName = "offline-signing";
const identityItem = "faceattendance-kiosk-identity";

function keyStore(mode, work) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(databaseName, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(storeName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = work(db.transaction(storeName, mode).objectStore(storeName));
      request.onsuccess = () => { db.close(); resolve(request.result); };
      request.onerror = () => { db.close(); reject(request.error); };
    };
  });
}

// WebCrypto exists only in a secure context (https, or localhost): a kiosk served over plain http on the network pairs
// without a key and can only scan online.
const canSign = Boolean(globalThis.crypto?.subtle && globalThis.indexedDB);

function base64(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

function base64Url(bytes) {
  return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function hex(bytes) {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What the kiosk last learnt about itself (name, site, time zone), for a start while the server is out of reach. */
export function rememberedIdentity() {
  try {
    return JSON.parse(localStorage.getItem(identityItem) ?? "null");
  } catch {
    return null;
  }
}

function remember(identity) {
  if (identity) localStorage.setItem(identityItem, JSON.stringify(identity));
  else localStorage.removeItem(identityItem);
}

/**
 * Who this kiosk is, asked of the server (its check-in): { identity } when paired; { unpaired: "kiosk-not-paired" |
 * "kiosk-unpaired", message } when not; { unreachable: true } when the server cannot be reached.
 */
export async function checkIn() {
  let response;
  try {
    response = await fetch("/kiosk/me", { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(10000) });
  } catch {
    return { unreachable: true };
  }
  if (response.ok) {
    const identity = await response.json();
    remember(identity);
    return { identity };
  }
  if (response.status === 401) {
    const problem = await response.json().catch(() => null);
    remember(null);
    return { unpaired: problem?.code ?? "kiosk-not-paired", message: problem?.detail };
  }
  return { unreachable: true };
}

/** Pairs this browser with a one-time code: a new signing key, then POST /kiosk/pair. Returns { identity } or { error }. */
export async function pair(code) {
  let keys = null;
  let publicKey = null;
  if (canSign) {
    keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    publicKey = base64(await crypto.subtle.exportKey("spki", keys.publicKey));
  }
  let response;
  try {
    response = await fetch("/kiosk/pair", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ code, publicKey }),
      signal: AbortSignal.timeout(10000),
    });
  } catch {
    return { error: "Cannot reach the server. Check the network and try again." };
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    return { error: problem?.detail ?? "That did not work. Ask an admin for a new pairing code." };
  }
  // the old key (if any) is useless now: the server knows only the new public key
  if (keys) await keyStore("readwrite", (store) => store.put(keys, keyName));
  else if (globalThis.indexedDB) await keyStore("readwrite", (store) => store.delete(keyName)).catch(() => {});
  const identity = await response.json();
  remember(identity);
  return { identity };
}

/**
 * Signs a scan kept offline, at capture time, over its capture id, capture time and the image's SHA-256, as the server
 * checks it; null when this kiosk has no signing key (then the scan cannot be kept).
 */
export async function signCapture(captureId, capturedAt, jpeg) {
  if (!canSign) return null;
  const keys = await keyStore("readonly", (store) => store.get(keyName)).catch(() => null);
  if (!keys) return null;
  const digest = await crypto.subtle.digest("SHA-256", await jpeg.arrayBuffer());
  const message = new TextEncoder().encode(`faceattendance-offline-scan/1\n${captureId}\n${capturedAt}\n${hex(digest)}`);
  return base64Url(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, message));
}
