import type { Tx } from "./client";
import type { User } from "./schema";

/** Demo processes (customers, vehicles, statuses, owners). Filled in by the sales-process work. */
export function seedProcesses(_tx: Tx, _users: User[], _now: Date): void {}
