import { requireUser } from "@/lib/auth/session";
export default async function Page() {
  const user = await requireUser();
  return <p>{user.name}</p>;
}
