import type { Metadata } from "next";
import { twoFactorOverview } from "@/lib/account/queries";
import { requireSession } from "@/lib/auth/session";
import { qrCodePath, totpUri } from "@/lib/auth/two-factor";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { PasswordForm } from "./_components/password-form";
import { SignOutEverywhereForm } from "./_components/sign-out-everywhere-form";
import { TwoFactorSection } from "./_components/two-factor-section";
import "./account.css";

export const metadata: Metadata = { title: t.account.title };

export default async function AccountPage() {
  const { user, twoFactor } = await requireSession({ duringSetup: true });
  const overview = await twoFactorOverview(user.id);
  const setup = overview.pendingSecret
    ? {
        qr: qrCodePath(totpUri(overview.pendingSecret, user.email)),
        // Grouped by four, as authenticator apps show a key typed by hand.
        key: overview.pendingSecret.match(/.{1,4}/g)!.join(" "),
      }
    : null;
  return (
    <section className="stack">
      <h1>{t.account.title}</h1>
      <p className="muted">
        {user.name} · {user.email}
      </p>
      {twoFactor.setupRequired ? (
        <p className="alert warning" role="alert">
          {t.account.twoFactor.setupRequired}
        </p>
      ) : null}
      <TwoFactorSection
        state={overview.state}
        setup={setup}
        remainingBackupCodes={overview.remainingBackupCodes}
        canDisable={!config.requireTwoFactorRoles.includes(user.role)}
      />
      <PasswordForm />
      <SignOutEverywhereForm />
    </section>
  );
}
