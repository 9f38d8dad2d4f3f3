"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * Keeps the header's unread count fresh without a reload: polls /api/notifications/unread and, when the
 * number differs from the one the server rendered, refreshes the server components (the header re-renders).
 */
export function UnreadBadgeRefresher({ count, intervalMs = 30_000 }: { count: number; intervalMs?: number }) {
  const router = useRouter();
  const known = useRef(count);
  useEffect(() => {
    known.current = count;
  }, [count]);

  useEffect(() => {
    let active = true;
    const check = async () => {
      if (document.visibilityState === "hidden") return;
      try {
        const response = await fetch("/api/notifications/unread", { cache: "no-store" });
        if (!response.ok) return;
        const { unread } = (await response.json()) as { unread: number };
        if (active && typeof unread === "number" && unread !== known.current) {
          known.current = unread;
          router.refresh();
        }
      } catch {
        // offline for a moment: the next round tries again
      }
    };
    const onChange = () => void check();
    const timer = setInterval(onChange, intervalMs);
    document.addEventListener("visibilitychange", onChange);
    return () => {
      active = false;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onChange);
    };
  }, [router, intervalMs]);

  return null;
}
