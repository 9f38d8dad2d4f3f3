"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string; badge?: number };

export function NavLinks({ items, label }: { items: NavItem[]; label: string }) {
  // Null only on a page of the Pages Router, which has none (pages/ holds an API route alone).
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label={label} className="main-nav">
      <ul>
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link href={item.href} prefetch={false} aria-current={current ? "page" : undefined}>
                {item.label}
                {item.badge ? <span className="badge">{item.badge}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
