import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireCsrf } from "../auth/csrf.server";
import { destroyUserSession } from "../auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  await requireCsrf(request, await request.formData());
  return destroyUserSession(request);
}

export const loader = () => redirect("/");
