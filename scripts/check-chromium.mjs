// `npm test` runs end-to-end tests in Debian's Chromium: fail loudly, with the fix, when it is missing.
import fs from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/lib/chromium/chromium"].filter(Boolean);
const found = candidates.find((file) => fs.existsSync(file));
if (!found) {
  console.error(
    "\nBrak przeglądarki Chromium, której wymagają testy end-to-end.\n" +
      "Zainstaluj ją z pakietów Debiana:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n\n" +
      "albo wskaż inną ścieżkę w zmiennej CHROMIUM_PATH.\n",
  );
  process.exit(1);
}
