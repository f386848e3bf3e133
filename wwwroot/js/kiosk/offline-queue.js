// Scans the kiosk took while the server was out of reach, kept in IndexedDB (capped) until they can be sent.
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

/** Keeps one scan; false when the queue is full (the oldest are kept: they are the ones owed a record). */
export async function keep(jpeg, capturedAt) {
  return transaction("readwrite", async (scans) => {
    if ((await done(scans.count())) >= maxScans) return false;
    await done(scans.add({ captureId: crypto.randomUUID(), capturedAt: capturedAt.toISOString(), jpeg }));
    return true;
  });
}

/** The kept scans, oldest first. */
export function kept() {
  return transaction("readonly", async (scans) =>
    (await done(scans.getAll())).sort((a, b) => a.capturedAt.localeCompare(b.capturedAt)));
}

export function forget(captureId) {
  return transaction("readwrite", (scans) => done(scans.delete(captureId)));
}
