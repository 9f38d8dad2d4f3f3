import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { APIRequestContext, Browser, BrowserContext } from "playwright-core";
import { getDb, transaction } from "@/db/client";
import { taskFiles } from "@/db/schema";
import { launchBrowser, signedIn } from "./support/chromium";
import {
  actionIds,
  buildWorld,
  FRAMEWORK_NOISE,
  serverErrors,
  callAction,
  fingerprint,
  ownServer,
  restartOwnServer,
  type OwnServer,
  type World,
} from "./support/attack-kit";

// Uploads under attack, on a server of its own with a 1 MB limit and a 3 MB daily quota: oversized files
// are cut off without growing the uploads folder, hostile names are stored under random names and shown
// as text, HTML and SVG are downloaded and never rendered, nobody but those who may see the task gets a
// file, and a full disk stops uploads only.

const LIMIT_MB = 1;
const QUOTA_MB = 3;
let server: OwnServer;
let browser: Browser;
let world: World;
let ownerA: BrowserContext;
let otherB: BrowserContext;
let manager: BrowserContext;
let anonymous: BrowserContext;

beforeAll(async () => {
  server = await ownServer({ MAX_UPLOAD_MB: String(LIMIT_MB), UPLOAD_QUOTA_MB: String(QUOTA_MB) });
  world = await buildWorld();
  browser = await launchBrowser();
  ownerA = (await signedIn(browser, world.ownerA, { baseURL: server.baseURL })).context();
  otherB = (await signedIn(browser, world.otherB, { baseURL: server.baseURL })).context();
  manager = (await signedIn(browser, world.manager, { baseURL: server.baseURL })).context();
  anonymous = await browser.newContext({ baseURL: server.baseURL });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const uploadsDir = () => path.join(server.dataDir, "uploads");

function folder(): { files: number; bytes: number } {
  const names = fs.readdirSync(uploadsDir());
  return {
    files: names.length,
    bytes: names.reduce((sum, name) => sum + fs.statSync(path.join(uploadsDir(), name)).size, 0),
  };
}

type Staged = { token: string; name: string; size: number; mimeType: string };

async function upload(request: APIRequestContext, name: string, mimeType: string, buffer: Buffer) {
  const response = await request.post("/api/upload", {
    multipart: { file: { name, mimeType, buffer } },
    failOnStatusCode: false,
    timeout: 60_000,
  });
  return {
    status: response.status(),
    body: (await response.json().catch(() => ({}))) as { files?: Staged[]; error?: string },
  };
}

async function fileRow(token: string) {
  const [row] = await getDb()
    .select({
      id: taskFiles.id,
      taskId: taskFiles.taskId,
      originalName: taskFiles.originalName,
      storedName: taskFiles.storedName,
      mimeType: taskFiles.mimeType,
      size: taskFiles.size,
    })
    .from(taskFiles)
    .where(eq(taskFiles.token, token));
  return row;
}

test("a file over the limit gets 413 and leaves neither bytes in the uploads folder nor a row", async () => {
  fs.mkdirSync(uploadsDir(), { recursive: true });
  const before = folder();
  const db = await fingerprint();
  for (const size of [LIMIT_MB * 1024 * 1024 + 1, 8 * 1024 * 1024]) {
    const answer = await upload(ownerA.request, "duzy.pdf", "application/pdf", Buffer.alloc(size, 0x41));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/1 MB/);
    expect(folder()).toEqual(before);
  }
  // Two files that fit one by one but not together: the request's total is limited too.
  const half = Buffer.alloc(700 * 1024, 0x42);
  const response = await ownerA.request.post("/api/upload", {
    multipart: {
      a: { name: "a.txt", mimeType: "text/plain", buffer: half },
      b: { name: "b.txt", mimeType: "text/plain", buffer: half },
    },
    failOnStatusCode: false,
  });
  expect(response.status()).toBe(413);
  expect(folder()).toEqual(before);
  expect(await fingerprint()).toBe(db);
  // Just under the limit is fine (the limit is not simply "everything fails").
  const fits = await upload(
    ownerA.request,
    "miesci-sie.txt",
    "text/plain",
    Buffer.alloc(LIMIT_MB * 1024 * 1024 - 1024, 0x43),
  );
  expect(fits.status).toBe(200);
  expect(folder().files).toBe(before.files + 1);
});

/**
 * An upload of `first` and then `rest` bytes on a raw socket, with a pause between: what came back before
 * the rest was sent, the whole answer once the server closed the connection, and any socket error.
 */
async function uploadInTwoParts(context: BrowserContext, first: number, rest: number) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const boundary = "----granica";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="duzy.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + first + rest + Buffer.byteLength(tail);
  const url = new URL(server.baseURL);
  const socket = net.connect(Number(url.port), url.hostname);
  const received: Buffer[] = [];
  const failures: Error[] = [];
  socket.on("data", (chunk) => received.push(chunk));
  socket.on("error", (error) => failures.push(error));
  const closed = new Promise((resolve) => socket.on("close", resolve));
  const write = (data: string | Buffer) => new Promise<void>((resolve) => socket.write(data, () => resolve()));
  await write(
    `POST /api/upload HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${cookie}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n${head}`,
  );
  await write(Buffer.alloc(first, 0x41));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const beforeRest = Buffer.concat(received).length;
  await write(Buffer.alloc(rest, 0x41));
  await write(tail);
  await closed;
  return { beforeRest, answer: Buffer.concat(received).toString("latin1"), failures };
}

test("a client still sending a refused file reads its 413, not a reset: the rest of the body is read first", async () => {
  // The 413 is decided after the first megabyte; a connection closed then is reset under a client that
  // is still sending. Sent in two parts with a pause between, the second part lands after that moment.
  const before = folder();
  const { beforeRest, answer, failures } = await uploadInTwoParts(ownerA, 1536 * 1024, 6 * 1024 * 1024);
  // The answer waits for the rest, so the connection is not closed under the client.
  expect(beforeRest).toBe(0);
  expect(failures).toEqual([]);
  expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(answer.toLowerCase()).toContain("connection: close");
  expect(folder()).toEqual(before);
});

test("hostile names are stored under random names inside DATA_DIR/uploads and shown and downloaded harmlessly", async () => {
  const hostile: { sent: string; shown: string }[] = [
    { sent: "../../etc/passwd", shown: "passwd" },
    { sent: "..\\..\\boot.ini", shown: "boot.ini" },
    { sent: "oferta\u0000.pdf", shown: "oferta.pdf" },
    { sent: "umowa\u202Efdp.exe", shown: "umowafdp.exe" },
    { sent: '<img src=x onerror="window.__pwned=1">.txt', shown: '<img src=x onerror="window.__pwned=1">.txt' },
    { sent: 'cudzy"; filename="zly.html', shown: 'cudzy"; filename="zly.html' },
  ];
  const tokens: string[] = [];
  for (const { sent, shown } of hostile) {
    const answer = await upload(ownerA.request, sent, "text/plain", Buffer.from(`zawartość ${shown}\n`));
    expect(answer.status).toBe(200);
    const [staged] = answer.body.files!;
    expect(staged.name).toBe(shown);
    const row = (await fileRow(staged.token))!;
    expect(row.originalName).toBe(shown);
    // A random name, and the file is where it should be: directly inside DATA_DIR/uploads.
    expect(row.storedName).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(fs.existsSync(path.join(uploadsDir(), row.storedName))).toBe(true);
    tokens.push(staged.token);
  }
  expect(fs.existsSync(path.resolve(uploadsDir(), "../../etc/passwd"))).toBe(false);
  expect(fs.readdirSync(server.dataDir).filter((name) => /passwd|boot|oferta|umowa|img/.test(name))).toEqual([]);

  // Attached to A's next task through the planning form, the names appear on the panel as text.
  const ids = actionIds();
  const panel = `/procesy/${world.processA}`;
  const saved = await callAction(ownerA.request, server.baseURL, {
    path: `${panel}/planowanie`,
    action: ids.planTask,
    bound: world.processA,
    fields: [
      ["submissionId", `upload-attacks-${Date.now()}`],
      ["initiative", "dealer"],
      ["noteType", "email"],
      ["content", "Wysłano dokumenty"],
      ["goal", "phone_contact"],
      ["startDate", "2030-07-01"],
      ["startTime", "11:00"],
      ...tokens.map((token) => ["fileTokens", token] as [string, string]),
    ],
  });
  expect(saved.redirect).toBe(panel);
  const page = await ownerA.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(panel);
  const links = page.locator('a[href^="/api/files/"]');
  const shownNames = await links.allTextContents();
  for (const { shown } of hostile) expect(shownNames.map((name) => name.trim())).toContain(shown);
  expect(await page.locator("img[onerror], img[src='x']").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await page.close();

  // Downloads: an attachment whose name cannot break out of the header.
  for (const token of tokens) {
    const row = (await fileRow(token))!;
    expect(row.taskId).not.toBeNull();
    const response = await ownerA.request.get(`/api/files/${row.id}`);
    expect(response.status()).toBe(200);
    const disposition = response.headers()["content-disposition"];
    expect(disposition).toMatch(
      /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,=:@^`|-]*$/,
    );
    const [, ascii] = /filename="([^"]*)"/.exec(disposition)!;
    expect(ascii).not.toMatch(/["\\;/]|\.\./);
    const [, encoded] = /filename\*=UTF-8''(.*)$/.exec(disposition)!;
    expect(decodeURIComponent(encoded)).toBe(row.originalName);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  }
});

test("HTML and SVG files are downloaded as attachments, never rendered", async () => {
  const html = Buffer.from(
    '<!doctype html><html><body><h1 id="owned">Przejęte</h1><script>window.__pwned = 1; alert("xss")</script></body></html>',
  );
  const svg = Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="10"/></svg>',
  );
  const staged: Staged[] = [];
  for (const [name, mimeType, buffer] of [
    ["strona.html", "text/html", html],
    ["obraz.svg", "image/svg+xml", svg],
    ["strona.htm", "application/octet-stream", html],
    ["bez-rozszerzenia", "text/html", html],
  ] as const) {
    const answer = await upload(ownerA.request, name, mimeType, buffer);
    expect(answer.status).toBe(200);
    staged.push(answer.body.files![0]);
  }
  const page = await ownerA.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const file of staged) {
    // The uploader may fetch a staged file; its type is what the bytes say, never markup.
    expect(file.mimeType).not.toMatch(/html|svg|xml/);
    const row = (await fileRow(file.token))!;
    const response = await ownerA.request.get(`/api/files/${row.id}`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).not.toMatch(/html|svg|xml|javascript/);
    expect(headers["content-disposition"]).toMatch(/^attachment;/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // Opened in the browser, it becomes a download: nothing renders, no script runs.
    const download = page.waitForEvent("download");
    await page.goto(`/api/files/${row.id}`).catch(() => undefined); // a download aborts the navigation
    expect((await download).suggestedFilename()).toBe(row.originalName);
    expect(await page.locator("#owned").count()).toBe(0);
  }
  expect(dialogs).toEqual([]);
  await page.close();
});

test("a foreign download is not found, like a file that does not exist; an anonymous one goes to sign in", async () => {
  const mine = await upload(ownerA.request, "tylko-moje.txt", "text/plain", Buffer.from("prywatne\n"));
  const staged = (await fileRow(mine.body.files![0].token))!;
  // 303: a download is opened in a browser, so an anonymous visitor is sent to the sign-in page.
  const cases: [string, APIRequestContext, string, number][] = [
    ["A, file of A's task", ownerA.request, `/api/files/${world.fileA}`, 200],
    ["A, A's staged file", ownerA.request, `/api/files/${staged.id}`, 200],
    ["B, file of A's task", otherB.request, `/api/files/${world.fileA}`, 404],
    ["B, A's staged file", otherB.request, `/api/files/${staged.id}`, 404],
    ["anonymous, file of A's task", anonymous.request, `/api/files/${world.fileA}`, 303],
    ["anonymous, A's staged file", anonymous.request, `/api/files/${staged.id}`, 303],
    ["A, a file that does not exist", ownerA.request, "/api/files/999999", 404],
    ["anonymous, upload", anonymous.request, "/api/upload", 401],
  ];
  const results: [string, number][] = [];
  for (const [label, request, url, expected] of cases) {
    const response =
      url === "/api/upload"
        ? await request.post(url, {
            multipart: { file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("x") } },
            failOnStatusCode: false,
          })
        : await request.get(url, { failOnStatusCode: false, maxRedirects: 0 });
    results.push([label, response.status()]);
    if (response.status() === 303) expect(new URL(response.headers()["location"]).pathname).toBe("/login");
    if (response.status() >= 300) expect(await response.text()).not.toMatch(/prywatne|Oferta/);
    void expected;
  }
  expect(results).toEqual(cases.map(([label, , , expected]) => [label, expected]));
});

test("a user's daily quota: the upload that would pass it is refused with a clear message and leaves nothing", async () => {
  const before = folder();
  const almostOneMb = Buffer.alloc(900 * 1024, 0x44);
  for (let i = 0; i < 3; i++)
    expect((await upload(manager.request, `skan-${i}.txt`, "text/plain", almostOneMb)).status).toBe(200);
  const db = await fingerprint();
  const over = await upload(manager.request, "skan-3.txt", "text/plain", almostOneMb);
  expect(over).toEqual({
    status: 413,
    body: {
      error: `Przekroczono dzienny limit przesyłania plików (${QUOTA_MB} MB na dobę). Spróbuj później albo poproś administratora o większy limit.`,
    },
  });
  expect(folder().files).toBe(before.files + 3);
  expect(await fingerprint()).toBe(db);
  // What is left of the quota is still there, and others have their own.
  expect((await upload(manager.request, "maly.txt", "text/plain", Buffer.alloc(100 * 1024, 0x45))).status).toBe(200);
  expect((await upload(otherB.request, "b.txt", "text/plain", almostOneMb)).status).toBe(200);
});

test("at start files without a row and stale staged uploads are swept; below the free-disk floor uploads are refused and all else works", async () => {
  const staged = await upload(otherB.request, "porzucony.txt", "text/plain", Buffer.from("porzucony\n"));
  const stale = (await fileRow(staged.body.files![0].token))!;
  const orphan = path.join(uploadsDir(), "sierota-po-awarii");
  server = await restartOwnServer(server, { UPLOAD_MIN_FREE_MB: String(1024 * 1024 * 1024) }, async () => {
    fs.writeFileSync(orphan, "połowa pliku");
    await transaction((tx) =>
      tx
        .update(taskFiles)
        .set({ createdAt: new Date(Date.now() - 2 * 86_400_000) })
        .where(eq(taskFiles.id, stale.id)),
    );
  });
  expect(fs.existsSync(orphan)).toBe(false);
  expect(fs.existsSync(path.join(uploadsDir(), stale.storedName))).toBe(false);
  expect(await fileRow(staged.body.files![0].token)).toBeUndefined();
  const [attached] = await getDb()
    .select({ storedName: taskFiles.storedName })
    .from(taskFiles)
    .where(eq(taskFiles.id, world.fileA));
  expect(fs.existsSync(path.join(uploadsDir(), attached.storedName))).toBe(true);

  const before = folder();
  const refused = await upload(ownerA.request, "na-pelny-dysk.txt", "text/plain", Buffer.from("x"));
  expect(refused).toEqual({
    status: 507,
    body: {
      error:
        "Na serwerze kończy się miejsce na dysku, więc przesyłanie plików jest wstrzymane. Powiadom administratora.",
    },
  });
  expect(folder()).toEqual(before);
  // Refused before its body is read, an upload still being sent reads its answer too.
  const slow = await uploadInTwoParts(ownerA, 512 * 1024, 4 * 1024 * 1024);
  expect(slow.beforeRest).toBe(0);
  expect(slow.failures).toEqual([]);
  expect(slow.answer).toMatch(/^HTTP\/1\.1 507 /);
  expect(folder()).toEqual(before);
  // Everything else works on: pages, and a save of the task form (without files).
  expect((await ownerA.request.get(`/procesy/${world.processA}`)).status()).toBe(200);
  const saved = await callAction(ownerA.request, server.baseURL, {
    path: `/procesy/${world.processA}/planowanie`,
    action: actionIds().planTask,
    bound: world.processA,
    fields: [
      ["submissionId", `dysk-${Date.now()}`],
      ["initiative", "customer"],
      ["noteType", "phone"],
      ["content", "Rozmowa mimo pełnego dysku"],
      ["goal", "phone_contact"],
      ["startDate", "2030-07-01"],
      ["startTime", "10:00"],
    ],
  });
  expect(saved.redirect).toBe(`/procesy/${world.processA}`);
});

test("the server logged no unhandled error meanwhile", () => {
  expect(serverErrors(server.logFile).filter((line) => !FRAMEWORK_NOISE.test(line))).toEqual([]);
});
