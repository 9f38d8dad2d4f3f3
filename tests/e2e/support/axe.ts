import fs from "node:fs";
import type { Page } from "playwright-core";
import type { AxeResults } from "axe-core";

/** axe-core from npm, injected into the page as a script's text: nothing is fetched from elsewhere. */
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The rules this app promises to pass: WCAG 2.1, levels A and AA. */
export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core on the page as it is now and returns its violations, one readable line per element
 * ("color-contrast: .badge — Element has insufficient color contrast of 3.9 …"), so a failing test
 * says what to fix and where.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe.run({
        runOnly: { type: "tag", values: tags },
        // axe leaves the contrast of one-character text undecided ("too short to be text"); here a single
        // character is a count (the unread badge, a group's total) that people must read, so it is judged.
        checks: { "color-contrast": { options: { ignoreLength: true } } },
        resultTypes: ["violations"],
      }),
    WCAG_21_AA,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id}: ${node.target.join(" ")} — ${(node.failureSummary ?? violation.help).replace(/\s+/g, " ")}`,
    ),
  );
}

/**
 * Required fields that do not tell a screen reader so: a control whose label shows the asterisk (hidden
 * from screen readers) or that has `required`, without aria-required="true". Returns their ids.
 */
export function unannouncedRequiredFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const marked = [...document.querySelectorAll("label")]
      .filter((label) => label.querySelector(".required"))
      .map((label) => label.control);
    const required = [...document.querySelectorAll("[required]")];
    return [...new Set([...marked, ...required])]
      .filter((control): control is HTMLElement => control !== null)
      .filter((control) => control.getAttribute("aria-required") !== "true")
      .map((control) => control.id || control.getAttribute("name") || control.tagName);
  });
}
