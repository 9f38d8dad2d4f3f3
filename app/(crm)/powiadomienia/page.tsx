import { NotBuiltYet } from "@/components/not-built-yet";
import { t } from "@/lib/i18n";

export const metadata = { title: t.shell.nav.notifications };

export default function Page() {
  return <NotBuiltYet title={t.shell.nav.notifications} />;
}
