import { asc, inArray } from "drizzle-orm";
import type { Executor } from "./client";
import { consentRecords, customers, processEvents, processes, showrooms, userShowrooms, type User } from "./schema";
import type { ConsentChannel, LeadSource, ProcessStatus } from "@/lib/domain";
import { t } from "@/lib/i18n";

export type SeededProcess = { id: number; ownerId: number; status: ProcessStatus; createdAt: Date };

const FIRST_NAMES_M = [
  "Jan",
  "Piotr",
  "Krzysztof",
  "Andrzej",
  "Tomasz",
  "Paweł",
  "Michał",
  "Marcin",
  "Grzegorz",
  "Adam",
  "Łukasz",
  "Zbigniew",
  "Jakub",
  "Mateusz",
  "Wojciech",
  "Rafał",
  "Dariusz",
  "Kamil",
  "Maciej",
  "Sebastian",
];
const FIRST_NAMES_F = [
  "Anna",
  "Maria",
  "Katarzyna",
  "Małgorzata",
  "Agnieszka",
  "Barbara",
  "Ewa",
  "Magdalena",
  "Joanna",
  "Aleksandra",
  "Monika",
  "Zofia",
  "Natalia",
  "Karolina",
  "Dorota",
  "Beata",
  "Justyna",
  "Paulina",
  "Marta",
  "Izabela",
];
/** Masculine form first; feminine for -ski/-cki/-dzki names. */
const LAST_NAMES = [
  "Nowak",
  "Kowalski",
  "Wiśniewski",
  "Wójcik",
  "Kowalczyk",
  "Kamiński",
  "Lewandowski",
  "Zieliński",
  "Szymański",
  "Woźniak",
  "Dąbrowski",
  "Kozłowski",
  "Jankowski",
  "Mazur",
  "Kwiatkowski",
  "Krawczyk",
  "Piotrowski",
  "Grabowski",
  "Nowakowski",
  "Pawłowski",
  "Michalski",
  "Nowicki",
  "Adamczyk",
  "Dudek",
  "Zając",
  "Wieczorek",
  "Jabłoński",
  "Król",
  "Majewski",
  "Olszewski",
  "Jaworski",
  "Wróbel",
  "Malinowski",
  "Pawlak",
  "Witkowski",
  "Walczak",
  "Stępień",
  "Górski",
  "Rutkowski",
  "Michalak",
];
const COMPANIES = [
  "Trans-Pol Sp. z o.o.",
  "Budex S.A.",
  "Agro-Mar s.c.",
  "Kowalski i Synowie",
  "Medicus Sp. z o.o.",
  "Logistyka Północ",
  "Piekarnia Złoty Kłos",
  "IT Solutions Kraków",
];
const VEHICLES: [string, string[]][] = [
  ["Toyota", ["Corolla", "Yaris", "RAV4", "C-HR", "Camry", "Yaris Cross"]],
  ["Škoda", ["Octavia", "Fabia", "Superb", "Kodiaq", "Karoq", "Enyaq"]],
  ["Volkswagen", ["Golf", "Passat", "Tiguan", "T-Roc", "Polo", "ID.4"]],
  ["Kia", ["Sportage", "Ceed", "Niro", "Picanto", "EV6"]],
  ["Hyundai", ["Tucson", "i30", "Kona", "i20", "Ioniq 5"]],
  ["Dacia", ["Duster", "Sandero", "Jogger", "Spring"]],
  ["Renault", ["Clio", "Captur", "Megane E-Tech", "Austral"]],
  ["Ford", ["Focus", "Kuga", "Puma", "Mustang Mach-E", "Transit Custom"]],
  ["Opel", ["Corsa", "Astra", "Mokka", "Grandland"]],
  ["BMW", ["Seria 3", "X1", "X3", "i4", "Seria 5"]],
  ["Mercedes-Benz", ["Klasa A", "Klasa C", "GLC", "EQA"]],
  ["Audi", ["A3", "A4", "Q3", "Q5", "Q4 e-tron"]],
];
const VEHICLE_NOTES = [
  "kolor biały perłowy",
  "automat, hybryda",
  "wersja kombi",
  "najlepiej z hakiem",
  "leasing na firmę",
  "zależy mu na szybkim terminie",
  "ma auto w rozliczeniu",
  null,
  null,
  null,
  null,
];
const SOURCES: LeadSource[] = [
  "showroom",
  "showroom",
  "phone",
  "website",
  "website",
  "listing_portal",
  "referral",
  "other",
];
const RESIGNATION_REASONS = [
  "Kupił samochód w innym salonie.",
  "Za wysoka cena, nie udało się dojść do porozumienia.",
  "Zbyt długi termin dostawy.",
  "Odkłada zakup na przyszły rok.",
  "Nie dostał finansowania.",
  "Wybrał samochód używany.",
  "Brak kontaktu od kilku tygodni.",
];
/** The order statuses are reached in; `resigned` can follow any open one. */
const PATH: ProcessStatus[] = ["new", "in_progress", "offer", "order", "delivered"];
const FINAL_STATUS_WEIGHTS: [ProcessStatus, number][] = [
  ["new", 14],
  ["in_progress", 22],
  ["offer", 16],
  ["order", 10],
  ["delivered", 18],
  ["resigned", 20],
];
const DAY = 86_400_000;

/** A small deterministic generator: the same demo every time. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const weighted = <T>(items: readonly [T, number][]): T => {
    let roll = next() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return items[items.length - 1][0];
  };
  return { next, pick, weighted };
}

function feminine(lastName: string): string {
  return lastName.endsWith("ski") || lastName.endsWith("cki") || lastName.endsWith("dzki")
    ? `${lastName.slice(0, -1)}a`
    : lastName;
}

function asciiLower(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** Believable Polish mobile numbers: +48 5xx/6xx/7xx/8xx xxx xxx (mobile ranges), unique. */
function mobileNumber(rnd: ReturnType<typeof random>, used: Set<string>): string {
  for (;;) {
    const prefix = rnd.pick(["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]);
    const rest = String(Math.floor(rnd.next() * 10_000_000)).padStart(7, "0");
    const phone = `+48${prefix}${rest}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

/**
 * Demo processes: customers with Polish names, real cars, sources, owners among the salespeople,
 * created over the last six months, each with the status history that led to its status.
 */
export async function seedProcesses(tx: Executor, users: User[], now: Date, count = 320): Promise<SeededProcess[]> {
  const rnd = random(20261127);
  const salespeople = users.filter((user) => user.role === "salesperson" && user.active);
  const owners = salespeople.length ? salespeople : users;
  const manager = users.find((user) => user.role === "manager") ?? owners[0];
  // Each process is in one of its owner's showrooms.
  const memberships = await tx
    .select({ userId: userShowrooms.userId, showroomId: userShowrooms.showroomId })
    .from(userShowrooms)
    .where(
      inArray(
        userShowrooms.userId,
        owners.map((owner) => owner.id),
      ),
    )
    .orderBy(asc(userShowrooms.id));
  const [firstShowroom] = await tx.select({ id: showrooms.id }).from(showrooms).orderBy(asc(showrooms.id)).limit(1);
  const showroomsOf = (userId: number) => {
    const ids = memberships.filter((row) => row.userId === userId).map((row) => row.showroomId);
    return ids.length ? ids : [firstShowroom.id];
  };
  const usedPhones = new Set<string>();
  const result: SeededProcess[] = [];
  // Made in memory first, then written a chunk of rows per statement: tens of thousands in seconds.
  const rows: {
    customer: typeof customers.$inferInsert;
    process: Omit<typeof processes.$inferInsert, "customerId">;
    events: Omit<typeof processEvents.$inferInsert, "processId">[];
    consents: ConsentChannel[];
  }[] = [];
  for (let i = 0; i < count; i++) {
    const company = rnd.next() < 0.06;
    const female = rnd.next() < 0.45;
    const firstName = company ? "" : rnd.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M);
    const baseLast = rnd.pick(LAST_NAMES);
    const lastName = company ? rnd.pick(COMPANIES) : female ? feminine(baseLast) : baseLast;
    const hasPhone = rnd.next() < 0.93;
    const hasEmail = !hasPhone || rnd.next() < 0.6;
    const createdAt = new Date(now.getTime() - Math.floor(rnd.next() * 180 * DAY) - 60 * 60_000);
    const customer = {
      firstName,
      lastName,
      phone: hasPhone ? mobileNumber(rnd, usedPhones) : null,
      email: hasEmail
        ? `${company ? "biuro" : asciiLower(firstName)}.${asciiLower(lastName).slice(0, 14)}${i}@${rnd.pick(["gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl"])}`
        : null,
      createdAt,
    };
    const phoneConsent = hasPhone && rnd.next() < 0.7;
    const emailConsent = hasEmail && rnd.next() < 0.5;
    const consents = [
      ...(phoneConsent ? (["phone"] as const) : []),
      ...(phoneConsent && i % 2 === 0 ? (["sms"] as const) : []),
      ...(emailConsent ? (["email"] as const) : []),
    ];

    // Older processes have had time to move further.
    const status = rnd.weighted(FINAL_STATUS_WEIGHTS);
    const reached =
      status === "resigned" ? PATH.slice(0, 1 + Math.floor(rnd.next() * 4)) : PATH.slice(0, PATH.indexOf(status) + 1);
    const steps: ProcessStatus[] = status === "resigned" ? [...reached, "resigned"] : reached;
    const span = now.getTime() - createdAt.getTime();
    const times = steps.map((_, index) =>
      index === 0
        ? createdAt.getTime()
        : createdAt.getTime() + Math.floor((span * (index + rnd.next() * 0.8)) / (steps.length + 0.5)),
    );
    const lastAt = new Date(Math.min(times[times.length - 1], now.getTime()));

    const [brand, models] = rnd.pick(VEHICLES);
    const ownerId = rnd.pick(owners).id;
    const reason = status === "resigned" ? rnd.pick(RESIGNATION_REASONS) : null;
    const process = {
      brand,
      model: rnd.pick(models),
      vehicleNotes: rnd.pick(VEHICLE_NOTES),
      source: rnd.pick(SOURCES),
      showroomId: rnd.pick(showroomsOf(ownerId)),
      ownerId,
      status,
      resignationReason: reason,
      createdById: ownerId,
      createdAt,
      updatedAt: lastAt,
      lastActivityAt: lastAt,
    };
    const events = steps.map((step, index) => ({
      userId: index > 0 && rnd.next() < 0.1 ? manager.id : ownerId,
      kind: index === 0 ? ("created" as const) : ("status" as const),
      fromValue: index === 0 ? null : steps[index - 1],
      toValue: step,
      reason: step === "resigned" ? reason : null,
      createdAt: new Date(Math.min(times[index], now.getTime())),
    }));
    rows.push({ customer, process, events, consents });
  }

  const CHUNK = 500;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    // Rows come back in the order they were written: one statement's ids are assigned in order.
    const customerIds = await tx
      .insert(customers)
      .values(chunk.map((row) => row.customer))
      .returning({ id: customers.id });
    const processIds = await tx
      .insert(processes)
      .values(chunk.map((row, i) => ({ ...row.process, customerId: customerIds[i].id })))
      .returning({ id: processes.id });
    await tx
      .insert(processEvents)
      .values(chunk.flatMap((row, i) => row.events.map((event) => ({ ...event, processId: processIds[i].id }))));
    const consents = chunk.flatMap((row, i) =>
      row.consents.map((channel) => ({
        customerId: customerIds[i].id,
        channel,
        granted: true,
        recordedById: row.process.ownerId,
        source: "showroom" as const,
        text: t.consents.defaultText[channel],
        recordedAt: row.customer.createdAt,
      })),
    );
    if (consents.length) await tx.insert(consentRecords).values(consents);
    chunk.forEach((row, i) =>
      result.push({
        id: processIds[i].id,
        ownerId: row.process.ownerId,
        status: row.process.status!,
        createdAt: row.process.createdAt!,
      }),
    );
  }
  return result;
}
