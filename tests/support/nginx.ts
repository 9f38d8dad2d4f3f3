// Debian's nginx in front of test servers, with the committed docs/nginx.conf: its upstream addresses and
// its port replaced by the test's, inside a main configuration of its own (foreground, files in a temp dir).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./net";

const NGINX = "/usr/sbin/nginx";

export type RunningNginx = { url: string; port: number; dir: string; accessLog: string; stop(): Promise<void> };

export async function startNginx(upstreamPorts: number[], conf = "docs/nginx.conf"): Promise<RunningNginx> {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx is not installed (no ${NGINX}): apt-get install -y nginx`);
  const committed = fs.readFileSync(conf, "utf8");
  const servers = [...committed.matchAll(/^\s*server 127\.0\.0\.1:(\d+)/gm)];
  if (servers.length !== upstreamPorts.length)
    throw new Error(`${conf} names ${servers.length} servers, the test runs ${upstreamPorts.length}`);
  const port = await freePort();
  let site = committed.replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  servers.forEach((match, i) => (site = site.replace(`127.0.0.1:${match[1]} `, `127.0.0.1:${upstreamPorts[i]} `)));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-nginx-"));
  // nginx's workers run as nobody when started by root: they write request bodies here.
  fs.chmodSync(dir, 0o777);
  const accessLog = path.join(dir, "access.log");
  fs.writeFileSync(path.join(dir, "salon-crm.conf"), site);
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format upstream '$request_method $uri $status $upstream_addr';
  access_log ${accessLog} upstream;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/salon-crm.conf;
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/login`);
      break;
    } catch {
      if (child.exitCode !== null || i > 100) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    port,
    dir,
    accessLog,
    async stop() {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      if (child.exitCode === null) child.kill("SIGQUIT");
      await gone;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
