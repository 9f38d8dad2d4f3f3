// npm start and npm run demo. The installation is prepared in a process that then ends (scripts/start.ts or
// the script named, under tsx: migrations, the first administrator, the uploads' sweep, demo data), so the
// ~160 MB of the app's modules and of tsx it loads is given back before the server takes a request; it
// hands over on file descriptor 3 what next-server needs (scripts/server.ts). This small process starts it,
// passes signals on and ends with it.
import { spawn, spawnSync } from "node:child_process";

const preparation = process.argv[2] ?? "scripts/start.ts";
const prepared = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", preparation], {
  stdio: ["inherit", "inherit", "inherit", "pipe"],
});
if (prepared.status !== 0) process.exit(prepared.status ?? 1);
/** @type {import("./server").Launch} */
const launch = JSON.parse(String(prepared.output[3]));

process.umask(launch.umask);
const server = spawn(process.execPath, launch.args, { env: { ...process.env, ...launch.env }, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

for (let attempt = 0; ; attempt++) {
  try {
    const response = await fetch(launch.readyUrl, { redirect: "manual" });
    if (response.status < 500) break;
  } catch {
    // not listening yet
  }
  if (attempt === 600) {
    console.error(`Serwer nie odpowiada pod ${launch.readyUrl}`);
    server.kill("SIGTERM");
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log(launch.ready.join("\n"));
