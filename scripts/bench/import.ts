// The import under load: a generated .xlsx of BENCH_IMPORT_ROWS rows (default 50,000) goes through the real
// upload route and "Importuj" action of the running server, while the pages are measured again; reports how
// long the import took, how much the server's memory grew, and the pages' throughput during it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { measureAll, type LoadResult, type LoadTarget } from "./load";

export type ImportBench = {
  rows: number;
  fileMb: number;
  uploadMs: number;
  importMs: number;
  state: string;
  processes: number;
  /** Growth of the server's resident memory over its value before the upload (sampled every 100 ms). */
  rssGrowthMb: number;
  /** Growth of its peak (VmHWM) over the peak before the upload. */
  peakGrowthMb: number;
  pagesDuring: (LoadResult & { before: number; ratio: number })[];
  /** Share of the pages' measuring time the import was still running. */
  overlap: number;
};

/** A sheet like a dealership's export: names, phones, e-mails, cars, statuses, consents. */
async function writeSheet(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Klienci");
  sheet
    .addRow(["Imię", "Nazwisko", "Telefon", "E-mail", "Marka", "Model", "Status", "Data utworzenia", "Zgoda na e-mail"])
    .commit();
  const brands = [
    ["Škoda", "Octavia"],
    ["Toyota", "Corolla"],
    ["Kia", "Ceed"],
    ["Opel", "Astra"],
  ];
  const statuses = ["Nowy", "W trakcie", "Oferta", "Zamówienie", "Wydany"];
  for (let i = 0; i < rows; i++) {
    const [brand, model] = brands[i % brands.length];
    const day = String((i % 28) + 1).padStart(2, "0");
    sheet
      .addRow([
        "Klient",
        `Importowany ${i}`,
        `+48 51${String(i).padStart(7, "0")}`,
        `import-${i}@bench.test`,
        brand,
        model,
        statuses[i % statuses.length],
        `${day}.0${(i % 9) + 1}.2025`,
        i % 3 === 0 ? "tak" : "",
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

function memoryKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  let total = 0;
  for (const id of [pid, ...childPids(pid)]) {
    try {
      const match = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(fs.readFileSync(`/proc/${id}/status`, "utf8"));
      total += match ? Number(match[1]) : 0;
    } catch {
      // exited
    }
  }
  return total;
}

function childPids(pid: number): number[] {
  try {
    const children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return children.flatMap((child) => [child, ...childPids(child)]);
  } catch {
    return [];
  }
}

function actionId(name: string): string {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`No server action ${name} in the build`);
  return found[0];
}

export async function measureImport(options: {
  baseURL: string;
  serverPid: number;
  dataDir: string;
  cookie: string;
  showroomId: number;
  ownerId: number;
  pages: LoadTarget[];
  before: LoadResult[];
  durationS: number;
}): Promise<ImportBench> {
  const rows = Number(process.env.BENCH_IMPORT_ROWS || 50_000);
  const file = path.join(os.tmpdir(), `salon-crm-bench-import-${process.pid}.xlsx`);
  await writeSheet(file, rows);
  const bytes = fs.readFileSync(file);
  fs.rmSync(file, { force: true });

  const rssBefore = memoryKb(options.serverPid, "VmRSS");
  const peakBefore = memoryKb(options.serverPid, "VmHWM");
  let rssMax = rssBefore;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, memoryKb(options.serverPid, "VmRSS"));
  }, 100);

  const started = performance.now();
  const upload = new FormData();
  upload.append("plik", new Blob([new Uint8Array(bytes)]), "bench.xlsx");
  const uploaded = await fetch(`${options.baseURL}/procesy/import/plik`, {
    method: "POST",
    body: upload,
    headers: { cookie: options.cookie },
    redirect: "manual",
  });
  const location = uploaded.headers.get("location") ?? "";
  const id = Number(/\/procesy\/import\/(\d+)$/.exec(location)?.[1]);
  if (!id) throw new Error(`The upload was refused: ${uploaded.status} ${location}`);
  const uploadMs = performance.now() - started;

  const db = new Database(path.join(options.dataDir, "salon-crm.sqlite"), { readonly: true });
  const mapping = JSON.parse(
    (db.prepare("select mapping from imports where id = ?").get(id) as { mapping: string }).mapping,
  ) as string[];
  const form = new FormData();
  for (const [name, value] of [
    ["showroomId", String(options.showroomId)],
    ["defaultOwnerId", String(options.ownerId)],
    ["taskDate", "2030-01-15"],
    ["intent", "run"],
    ...mapping.map((field) => ["mapping", field]),
  ])
    form.append(`_1_${name}`, value);
  form.append("0", JSON.stringify([id, { status: "idle" }, "$K1"]));
  const importStarted = performance.now();
  // A server action is posted to the page that uses it.
  const answer = await fetch(`${options.baseURL}/procesy/import/${id}`, {
    method: "POST",
    body: form,
    headers: {
      cookie: options.cookie,
      "Next-Action": actionId("saveImportAction"),
      Accept: "text/x-component",
      Origin: options.baseURL,
    },
    redirect: "manual",
  });
  await answer.arrayBuffer();
  if (!answer.headers.get("x-action-redirect")) throw new Error(`"Importuj" was refused: ${answer.status}`);

  const stateOf = () =>
    db.prepare("select state, created_processes as processes from imports where id = ?").get(id) as {
      state: string;
      processes: number;
    };
  let importMs = 0;
  let measuringMs = 0;
  let measuringWhileRunningMs = 0;
  const poll = setInterval(() => {
    if (!importMs && stateOf().state !== "running") importMs = performance.now() - importStarted;
  }, 100);
  const measureStarted = performance.now();
  const during = await measureAll(options.pages, { baseURL: options.baseURL, durationS: options.durationS });
  measuringMs = performance.now() - measureStarted;
  measuringWhileRunningMs = importMs ? Math.max(0, importStarted + importMs - measureStarted) : measuringMs;
  while (stateOf().state === "running") await new Promise((resolve) => setTimeout(resolve, 200));
  if (!importMs) importMs = performance.now() - importStarted;
  clearInterval(poll);
  clearInterval(sampler);
  const final = stateOf();
  db.close();

  return {
    rows,
    fileMb: Math.round((bytes.length / 1024 / 1024) * 10) / 10,
    uploadMs: Math.round(uploadMs),
    importMs: Math.round(importMs),
    state: final.state,
    processes: final.processes,
    rssGrowthMb: Math.round((rssMax - rssBefore) / 1024),
    peakGrowthMb: Math.round((memoryKb(options.serverPid, "VmHWM") - peakBefore) / 1024),
    pagesDuring: during.map((load) => {
      const before = options.before.find((page) => page.path === load.path)?.requestsPerSecond ?? 0;
      return { ...load, before, ratio: before ? Math.round((load.requestsPerSecond / before) * 100) / 100 : 0 };
    }),
    overlap: Math.round(Math.min(1, measuringWhileRunningMs / measuringMs) * 100) / 100,
  };
}
