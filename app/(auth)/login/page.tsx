import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: t.auth.title };

export default async function LoginPage() {
  if (await getSessionUser()) redirect("/procesy");
  return (
    <main className="centered">
      <div className="card narrow">
        <h1>{t.common.appName}</h1>
        <p className="muted">{t.auth.intro}</p>
        <LoginForm />
      </div>
    </main>
  );
}
