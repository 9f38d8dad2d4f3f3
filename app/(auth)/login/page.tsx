import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { pendingSecondStep } from "@/lib/auth/second-step";
import { getSessionUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { CodeForm } from "./_components/code-form";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: t.auth.title };

export default async function LoginPage() {
  if (await getSessionUser()) redirect("/procesy");
  // After a right password, with "Weryfikacja dwuetapowa": the code (its cookie lasts five minutes).
  const secondStep = await pendingSecondStep();
  return (
    <main className="centered">
      <div className="card narrow">
        <h1>{t.common.appName}</h1>
        <p className="muted">{secondStep ? t.auth.codeIntro : t.auth.intro}</p>
        {secondStep ? <CodeForm /> : <LoginForm />}
      </div>
    </main>
  );
}
