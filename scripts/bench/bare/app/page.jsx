import { connection } from "next/server";

export default async function Page() {
  await connection(); // rendered per request, like the app's pages
  return (
    <main>
      <h1>Salon CRM</h1>
      <p>{new Date().toISOString()}</p>
    </main>
  );
}
