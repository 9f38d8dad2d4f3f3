import { act, render } from "@testing-library/react";
import { UnreadBadgeRefresher } from "@/app/ui/unread-badge-refresher";

const refresh = jest.fn();
jest.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

let unread = 2;
beforeEach(() => {
  jest.useFakeTimers();
  refresh.mockClear();
  unread = 2;
  global.fetch = jest.fn(async () => ({ ok: true, json: async () => ({ unread }) })) as unknown as typeof fetch;
});
afterEach(() => jest.useRealTimers());

async function tick(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

test("refreshes the page's server parts only when the unread count changed", async () => {
  render(<UnreadBadgeRefresher count={2} intervalMs={1000} />);
  await tick(1000);
  expect(global.fetch).toHaveBeenCalledWith("/api/notifications/unread", { cache: "no-store" });
  expect(refresh).not.toHaveBeenCalled();

  unread = 3;
  await tick(1000);
  expect(refresh).toHaveBeenCalledTimes(1);
  await tick(1000);
  expect(refresh).toHaveBeenCalledTimes(1);
});

test("a failed poll changes nothing and polling goes on", async () => {
  global.fetch = jest.fn(async () => {
    throw new Error("offline");
  }) as unknown as typeof fetch;
  render(<UnreadBadgeRefresher count={1} intervalMs={1000} />);
  await tick(2000);
  expect(global.fetch).toHaveBeenCalledTimes(2);
  expect(refresh).not.toHaveBeenCalled();
});
