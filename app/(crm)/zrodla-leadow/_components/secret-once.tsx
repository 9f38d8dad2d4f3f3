import { t } from "@/lib/i18n";

/** "Klucz API", shown once after it is made: selectable text, never stored in the page again. */
export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div className="alert success" role="status">
      <p>
        <strong>{t.leads.apiKey}:</strong> <code data-api-key>{secret}</code>
      </p>
      <p>{t.leads.apiKeyOnce}</p>
    </div>
  );
}
