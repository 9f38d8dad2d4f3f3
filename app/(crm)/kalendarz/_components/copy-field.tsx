"use client";

import { useRef, useState } from "react";
import { t } from "@/lib/i18n";

/** A read-only address to copy: selectable text without JavaScript, a "Kopiuj" button with it. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Plain http (no secure context): the selected text can still be copied the old way.
      document.execCommand("copy");
    }
    setCopied(true);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="row copy-field">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button small" onClick={copy}>
          {copied ? t.calendar.feed.copied : t.calendar.feed.copy}
        </button>
      </div>
    </div>
  );
}
