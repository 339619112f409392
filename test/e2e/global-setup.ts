import { CHROMIUM_PATH, haveChromium } from "./chromium";

/** Says loudly when the browser tests cannot run, and refuses to pass quietly in CI. */
export default function checkChromium() {
  if (haveChromium) return;
  const inCi = process.env.CI === "true";
  const message = [
    "",
    "!".repeat(72),
    `!! END-TO-END TESTS ${inCi ? "CANNOT RUN (and CI=true fails them)" : "SKIPPED"}: no Chromium at ${CHROMIUM_PATH}.`,
    "!! Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).",
    "!".repeat(72),
    "",
  ].join("\n");
  if (inCi) throw new Error(message);
  console.warn(message);
}
