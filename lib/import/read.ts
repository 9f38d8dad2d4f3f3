import "server-only";
import fs from "node:fs";
import { pipeline, Transform } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { t } from "@/lib/i18n";
import { readHead } from "@/lib/tasks/files";
import { IMPORT_LIMITS } from "./limits";

const r = t.imports.refused;

type Refusals = typeof t.imports.refused;
export type RefusalCode = keyof Refusals;

/**
 * A file the import refuses, with the Polish sentence that says why; nothing of it is imported. Its code
 * and numbers travel in the address of the page that shows it (never the sentence itself).
 */
export class RefusedFile extends Error {
  readonly args: number[];
  constructor(
    readonly code: RefusalCode,
    ...args: number[]
  ) {
    super(refusalMessage(code, args));
    this.args = args;
  }
}

/** The sentence of a refusal from its code and numbers, as the upload page reads them from its address. */
export function refusalMessage(code: string, args: readonly number[]): string {
  const refusal = (r as Record<string, string | ((...values: number[]) => string)>)[code] ?? r.failed;
  if (typeof refusal === "string") return refusal;
  if (args.length < refusal.length || args.some((n) => !Number.isSafeInteger(n) || n < 0)) return r.failed;
  return refusal(...args);
}

export type FileFormat = { format: "xlsx" } | { format: "csv"; encoding: CsvEncoding; delimiter: ";" | "," };
export type CsvEncoding = "utf-8" | "windows-1250";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE compound file: a password-protected .xlsx (Excel encrypts it into one) or an old .xls. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What kind of file this is, from its bytes (never its name): an .xlsx whose zip directory promises no
 * more than the limits, or text that reads as CSV in UTF-8 or Windows-1250. Anything else is refused.
 */
export function detectFormat(file: string): FileFormat {
  const size = fs.statSync(file).size;
  if (size === 0) throw new RefusedFile("empty");
  if (size > IMPORT_LIMITS.maxBytes()) throw new RefusedFile("tooLarge", IMPORT_LIMITS.maxMb());
  const start = readHead(file, 8);
  if (start.subarray(0, 8).equals(OLE)) throw new RefusedFile("encrypted");
  if (start.subarray(0, 4).equals(ZIP)) {
    checkZipDirectory(file, size);
    return { format: "xlsx" };
  }
  const text = readHead(file, 64 * 1024);
  if (looksBinary(text)) throw new RefusedFile("notSpreadsheet");
  const encoding = detectEncoding(file);
  return { format: "csv", encoding, delimiter: detectDelimiter(iconv.decode(text, encoding)) };
}

/** NUL bytes or many control characters: not text. */
function looksBinary(bytes: Buffer): boolean {
  let control = 0;
  for (const byte of bytes) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  return control > bytes.length / 100;
}

/** UTF-8 when every byte decodes as UTF-8 (a BOM says so at once); else what Polish Excel writes: Windows-1250. */
function detectEncoding(file: string): CsvEncoding {
  const start = readHead(file, 3);
  if (start.length === 3 && start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return "utf-8";
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    let read: number;
    while ((read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) {
      decoder.decode(buffer.subarray(0, read), { stream: true });
    }
    decoder.decode();
    return "utf-8";
  } catch {
    return "windows-1250";
  } finally {
    fs.closeSync(fd);
  }
}

/** The delimiter of the header line: `;` (Polish Excel) or `,`, whichever it has more of outside quotes. */
function detectDelimiter(text: string): ";" | "," {
  const line = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/, 1)[0]
    .replace(/"[^"]*"/g, "");
  const count = (c: string) => line.split(c).length - 1;
  return count(",") > count(";") ? "," : ";";
}

/**
 * Reads the zip's central directory (at its end) before anything is inflated: a zip bomb announces its
 * sizes there. Refuses a zip without a workbook, entries bigger than the limits, or ZIP64 (never needed by
 * a sheet under the size limit).
 */
function checkZipDirectory(file: string, size: number): void {
  const tailLength = Math.min(size, 65_557);
  const fd = fs.openSync(file, "r");
  try {
    const tail = Buffer.alloc(tailLength);
    fs.readSync(fd, tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new RefusedFile("corrupt");
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff || directoryOffset + directorySize > size) {
      throw new RefusedFile("corrupt");
    }
    const directory = Buffer.alloc(directorySize);
    fs.readSync(fd, directory, 0, directorySize, directoryOffset);
    let offset = 0;
    let total = 0;
    let workbook = false;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > directory.length || directory.readUInt32LE(offset) !== 0x02014b50) {
        throw new RefusedFile("corrupt");
      }
      const compressed = directory.readUInt32LE(offset + 20);
      const uncompressed = directory.readUInt32LE(offset + 24);
      const nameLength = directory.readUInt16LE(offset + 28);
      const extraLength = directory.readUInt16LE(offset + 30);
      const commentLength = directory.readUInt16LE(offset + 32);
      const name = directory.toString("utf8", offset + 46, offset + 46 + nameLength);
      if (name === "xl/workbook.xml") workbook = true;
      if (uncompressed === 0xffffffff || compressed === 0xffffffff) throw new RefusedFile("zipBomb");
      total += uncompressed;
      if (uncompressed > IMPORT_LIMITS.maxUnzippedBytes || total > IMPORT_LIMITS.maxUnzippedBytes) {
        throw new RefusedFile("zipBomb");
      }
      if (uncompressed > 1024 * 1024 && uncompressed / Math.max(compressed, 1) > IMPORT_LIMITS.maxZipRatio) {
        throw new RefusedFile("zipBomb");
      }
      offset += 46 + nameLength + extraLength + commentLength;
    }
    if (!workbook) throw new RefusedFile("notSpreadsheet");
  } finally {
    fs.closeSync(fd);
  }
}

/** Stops a stream that carries more bytes than the limit: the file on disk may not be what was checked. */
function byteCap(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new RefusedFile("tooLarge", IMPORT_LIMITS.maxMb()));
      else done(null, chunk);
    },
  });
}

/** One row of the file: its number in the file (the header is row 1) and its cells as text. */
export type FileRow = { number: number; cells: string[] };

function cellText(value: ExcelJS.CellValue, row: number, column: number): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) throw new RefusedFile("formula", row, column);
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

function checkWidth(cells: number, row: number): void {
  if (cells > IMPORT_LIMITS.maxColumns) throw new RefusedFile("tooManyColumns", IMPORT_LIMITS.maxColumns, row);
}

async function* xlsxRows(file: string): AsyncGenerator<FileRow> {
  // pipeline: an error of the file (gone, unreadable) reaches the reader instead of going uncaught.
  const input = pipeline(fs.createReadStream(file), byteCap(IMPORT_LIMITS.maxBytes()), () => undefined);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        checkWidth(values.length - 1, row.number);
        const cells: string[] = [];
        for (let column = 1; column < values.length; column++) {
          cells.push(cellText(values[column], row.number, column).trim());
        }
        yield { number: row.number, cells };
      }
      return; // the first sheet only
    }
  } catch (error) {
    if (error instanceof RefusedFile) throw error;
    throw new RefusedFile("corrupt");
  } finally {
    input.destroy();
  }
}

async function* csvRows(file: string, encoding: CsvEncoding, delimiter: string): AsyncGenerator<FileRow> {
  const input = fs.createReadStream(file);
  const parser = pipeline(
    input,
    byteCap(IMPORT_LIMITS.maxBytes()),
    iconv.decodeStream(encoding),
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
      info: true,
    }),
    () => undefined,
  );
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const number = record.info.lines;
      checkWidth(record.record.length, number);
      const cells = record.record.map((cell, index) => {
        // A CSV cell starting with "=" is a formula to Excel: refused as in an .xlsx.
        if (/^=\S/.test(cell.trim())) throw new RefusedFile("formula", number, index + 1);
        return cell.trim();
      });
      yield { number, cells };
    }
  } catch (error) {
    if (error instanceof RefusedFile) throw error;
    throw new RefusedFile("corruptCsv");
  } finally {
    input.destroy();
  }
}

/** The file's rows, streamed (never the whole file in memory), empty rows left out. */
export async function* readRows(file: string, format: FileFormat): AsyncGenerator<FileRow> {
  const rows = format.format === "xlsx" ? xlsxRows(file) : csvRows(file, format.encoding, format.delimiter);
  let count = 0;
  for await (const row of rows) {
    if (!row.cells.some(Boolean)) continue;
    if (++count > IMPORT_LIMITS.maxRows + 1) throw new RefusedFile("tooManyRows", IMPORT_LIMITS.maxRows);
    yield row;
  }
}

/**
 * Reads the whole file once, as the upload is checked: its header, its first rows for "Podgląd", and how
 * many rows it has. Any refusal (formulas anywhere, too wide, too long, corrupt) comes out here, before
 * the import exists.
 */
export async function surveyFile(
  file: string,
  format: FileFormat,
  keep = 20,
): Promise<{ headers: string[]; sample: FileRow[]; total: number }> {
  let headers: string[] | undefined;
  const sample: FileRow[] = [];
  let total = 0;
  for await (const row of readRows(file, format)) {
    if (!headers) {
      headers = row.cells;
      continue;
    }
    total++;
    if (sample.length < keep) sample.push(row);
  }
  if (!headers) throw new RefusedFile("empty");
  if (total === 0) throw new RefusedFile("noRows");
  return { headers, sample, total };
}
