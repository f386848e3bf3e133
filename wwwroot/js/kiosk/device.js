// This browser as a kiosk: pairing it with an admin's one-time code, its check-in, and the key it signs offline scans
// with. The device token is an HttpOnly cookie this script never sees; the signing key is a non-extractable WebCrypto
// key pair made here at pairing (only the public half leaves the browser) and kept in IndexedDB.
import { postJson, send, ServerRefused, ServerUnreachable } from "./http.js";
import { hasText, text } from "./texts.js";

const databaseName = "faceattendance-kiosk-device";
const storeName = "keys";
const keyName = "offline-signing";
const identityItem = "faceattendance-kiosk-identity";
// a check-in or pairing is a small request: the kiosk says the server is out of reach sooner than for a scan
const deviceTimeoutMs = 10000;

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
 * "kiosk-unpaired" } when not; { unreachable: true } when the server cannot be reached.
 */
export async function checkIn() {
  try {
    const identity = await (await send("/kiosk/me", { headers: { Accept: "application/json" } }, deviceTimeoutMs)).json();
    remember(identity);
    return { identity };
  } catch (error) {
    if (error instanceof ServerRefused && error.status === 401) {
      remember(null);
      return { unpaired: error.problem?.code ?? "kiosk-not-paired" };
    }
    if (error instanceof ServerRefused || error instanceof ServerUnreachable) return { unreachable: true };
    throw error;
  }
}

/** The pairing form's sentence for a refusal's `code` ("pairing.kiosk-unpaired"), or `fallback`'s. */
export function pairingText(code, fallback) {
  return text(typeof code === "string" && hasText(`pairing.${code}`) ? `pairing.${code}` : fallback);
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
    response = await postJson("/kiosk/pair", { code, publicKey }, deviceTimeoutMs);
  } catch (error) {
    if (error instanceof ServerUnreachable) return { error: text("pairing.unreachable") };
    if (error instanceof ServerRefused) return { error: pairingText(error.problem?.code, "pairing.failed") };
    throw error;
  }
  // the old key (if any) is useless now: the server knows only the new public key
  if (keys) await keyStore("readwrite", (store) => store.put(keys, keyName));
  else if (globalThis.indexedDB) await keyStore("readwrite", (store) => store.delete(keyName)).catch(() => {});
  const identity = await response.json();
  remember(identity);
  return { identity };
}

/**
 * Signs a scan kept offline, at capture time, over its capture id, capture time, each frame's SHA-256 and the turn asked
 * for, as the server checks it (OfflineScanSignature.cs); null when this kiosk has no signing key (then it cannot be kept).
 */
export async function signCapture(captureId, capturedAt, frames, turn) {
  if (!canSign) return null;
  const keys = await keyStore("readonly", (store) => store.get(keyName)).catch(() => null);
  if (!keys) return null;
  const digests = await Promise.all(frames.map(async (jpeg) => hex(await crypto.subtle.digest("SHA-256", await jpeg.arrayBuffer()))));
  const message = new TextEncoder().encode(
    `faceattendance-offline-scan/1\n${captureId}\n${capturedAt}\n${digests.join(",")}${turn ? `\n${turn}` : ""}`);
  return base64Url(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, message));
}
