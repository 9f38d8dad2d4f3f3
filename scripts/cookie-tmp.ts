import { sessionCookieFor } from "./bench/session";
const seeded = require("/tmp/bench-prof/seeded.json");
(async () => {
  console.log(await sessionCookieFor("/tmp/bench-prof", seeded[process.argv[2]]));
})();
