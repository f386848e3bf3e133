// Scans the kiosk took while the server was out of reach, kept in IndexedDB (capped) until they can be sent, each
// signed by this kiosk's key when it was taken, so the server can tell it was this kiosk's and when.
import { signCapture } from "./device.js";

const databaseName = "faceattendance-kiosk";
const storeName = "scans";
const maxScans = 50;

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: "captureId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transaction(mode, work) {
  const db = await open();
  try {
    return await work(db.transaction(storeName, mode).objectStore(storeName));
  } finally {
    db.close();
  }
}

/**
 * Keeps one scan (its frames, and the head turn asked for, if any), signed now; false when the queue is full (the oldest
 * are kept: they are the ones owed a record) or this kiosk has no signing key.
 */
export async function keep(frames, capturedAt, turn) {
  const captureId = crypto.randomUUID();
  const at = capturedAt.toISOString();
  const signature = await signCapture(captureId, at, frames, turn);
  if (!signature) return false;
  return transaction("readwrite", async (scans) => {
    if ((await done(scans.count())) >= maxScans) return false;
    await done(scans.add({ captureId, capturedAt: at, signature, frames, turn }));
    return true;
  });
}

/** How many scans wait to be sent. */
export function keptCount() {
  return transaction("readonly", (scans) => done(scans.count()));
}

/** The kept scans, oldest first. */
export function kept() {
  return transaction("readonly", async (scans) =>
    (await done(scans.getAll())).sort((a, b) => a.capturedAt.localeCompare(b.capturedAt)));
}

export function forget(captureId) {
  return transaction("readwrite", (scans) => done(scans.delete(captureId)));
}
